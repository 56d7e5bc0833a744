"""Checks the emulator with the official Python `kubernetes` client (pinned in
hack/requirements.txt): list, watch, resume after a 410, and a 409 on a stale update.
Prints PASS/FAIL per check; exits non-zero if any failed. Usage: python-client-check.py KUBECONFIG
"""
import sys
import threading

import urllib3
from kubernetes import client, config, watch
from kubernetes.client.rest import ApiException

kubeconfig = sys.argv[1]
config.load_kube_config(config_file=kubeconfig)
api_client = client.ApiClient()
v1 = client.CoreV1Api(api_client)
results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(("PASS " if ok else "FAIL ") + name + ("" if ok else ": " + str(detail)))


ns = "pyclient"
v1.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name=ns)))
names = [n.metadata.name for n in v1.list_namespace().items]
check("list namespaces", ns in names and "default" in names, names)

cm = v1.create_namespaced_config_map(ns, client.V1ConfigMap(metadata=client.V1ObjectMeta(name="a"), data={"k": "1"}))
listed = v1.list_namespaced_config_map(ns)
check("list configmaps", [c.metadata.name for c in listed.items] == ["a"], listed.items)

# A watch from the list's resourceVersion sees the next change.
rv = listed.metadata.resource_version
seen = []
def consume():
    w = watch.Watch()
    for event in w.stream(v1.list_namespaced_config_map, ns, resource_version=rv, timeout_seconds=10):
        seen.append((event["type"], event["object"].metadata.name))
        if len(seen) == 1:
            w.stop()
t = threading.Thread(target=consume)
t.start()
v1.create_namespaced_config_map(ns, client.V1ConfigMap(metadata=client.V1ObjectMeta(name="b"), data={"k": "2"}))
t.join(15)
check("watch from a resourceVersion", seen == [("ADDED", "b")], seen)

# A stale update is a 409 Conflict.
fresh = v1.read_namespaced_config_map("a", ns)
fresh.data = {"k": "changed"}
v1.replace_namespaced_config_map("a", ns, fresh)
try:
    fresh.data = {"k": "stale"}
    v1.replace_namespaced_config_map("a", ns, fresh)
    check("409 on a stale update", False, "no error")
except ApiException as e:
    check("409 on a stale update", e.status == 409, e.status)

# Resume after the history is compacted: the watch fails with 410, a relist recovers.
old_rv = v1.list_namespaced_config_map(ns).metadata.resource_version
v1.create_namespaced_config_map(ns, client.V1ConfigMap(metadata=client.V1ObjectMeta(name="c")))
host = api_client.configuration.host
token = api_client.configuration.auth_settings()["BearerToken"]["value"]
http = urllib3.PoolManager(ca_certs=api_client.configuration.ssl_ca_cert)
r = http.request("POST", host + "/emulator/history/compact", headers={"Authorization": token})
check("compact history (admin API)", r.status == 200, r.status)
try:
    for event in watch.Watch().stream(v1.list_namespaced_config_map, ns, resource_version=old_rv, timeout_seconds=5):
        check("410 after compaction", False, event["type"])
        break
    else:
        check("410 after compaction", False, "stream ended without an error")
except ApiException as e:
    check("410 after compaction", e.status == 410, e.status)
relisted = v1.list_namespaced_config_map(ns)
resumed = []
w = watch.Watch()
v1.delete_namespaced_config_map("c", ns)
for event in w.stream(v1.list_namespaced_config_map, ns, resource_version=relisted.metadata.resource_version, timeout_seconds=10):
    resumed.append(event["type"])
    w.stop()
check("relist and resume", resumed == ["DELETED"], resumed)

v1.delete_namespace(ns)
print(f"{sum(results)} passed, {len(results) - sum(results)} failed")
sys.exit(0 if all(results) else 1)
