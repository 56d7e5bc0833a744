#!/usr/bin/env python3
"""Checks the Helm chart charts/dify-operator with Helm's own engine (PyPI helm-python-sdk, which
embeds Helm's Go SDK; pinned in hack/requirements.txt), without a cluster:

- the chart's crds/ are byte for byte the top-level crds/*.yaml;
- `helm lint --strict` passes for the default values and every case of MATRIX;
- `helm install --dry-run=client` of the default values passes (kubeVersion constraint, NOTES);
- every MATRIX case renders, and the rendered objects are what the case asks for (RBAC scope,
  leader election, PDB, ServiceMonitor/PrometheusRule, image reference), with the security
  baseline (non-root, read-only root filesystem, no capabilities, seccomp RuntimeDefault,
  requests and limits, probes) and the standard labels, and selectors that match;
- the RBAC rules are exactly EXPECTED_RULES (what the operator's code calls), no wildcards;
- every rendered object passes kubernetes-validate --strict for Kubernetes 1.29.0 and the newest
  version it ships (ServiceMonitor and PrometheusRule are Prometheus Operator CRDs it has no
  schema for: they are skipped, and the output says so);
- the alerts use metrics the operator exports (found in Sources/) or that the chart's
  kube-state-metrics config defines;
- values.schema.json rejects bad values (BAD_VALUES), each with a schema error, and the
  templates' own guards fail where the schema cannot express the rule.

Prints PASS/FAIL per check and "N passed, M failed"; exits 1 on any failure.

    .venv/bin/python hack/chart-check.py [-v]

Other mode, for tests that need the chart's exact RBAC (e.g. to enforce it in the emulator):

    .venv/bin/python hack/chart-check.py --print-rbac [-f values.yaml]... [--set k=v]...
        [--release NAME] [--namespace NS] [-o FILE]

prints a v1 List (JSON) of the rendered ServiceAccount, ClusterRoles, ClusterRoleBindings, Roles
and RoleBindings for those values (default: the chart's defaults, release dify-operator in
namespace dify-system); `kubectl apply -f` takes it as it is.
"""
import argparse
import copy
import json
import pathlib
import re
import sys

import helm_python as helm
import kubernetes_validate
import yaml
from kubernetes_validate import utils

ROOT = pathlib.Path(__file__).resolve().parent.parent
CHART = ROOT / "charts" / "dify-operator"
RELEASE = "dify-operator"
NAMESPACE = "dify-system"
OLDEST = "1.29.0"
DIGEST = "sha256:" + "0123456789abcdef" * 4
KSM_CONFIG = CHART / "files" / "kube-state-metrics-customresourcestate.yaml"

# The values of each rendered case (the chart's defaults plus these).
MATRIX = {
    "default": {},
    "namespace-scoped": {"watchNamespaces": ["ai", "ml"]},
    "two-replicas": {"replicaCount": 2},
    "monitoring": {"metrics": {"serviceMonitor": {"enabled": True, "labels": {"release": "kube-prometheus-stack"}},
                               "prometheusRule": {"enabled": True, "labels": {"release": "kube-prometheus-stack"}}}},
    "image-digest": {"image": {"repository": "registry.example.com:5000/platform/dify-operator", "digest": DIGEST,
                               "pullPolicy": "Always"},
                     "imagePullSecrets": [{"name": "regcred"}]},
    # Everything at once, with every pod setting the chart passes through.
    "kitchen-sink": {
        "replicaCount": 3,
        "watchNamespaces": ["ai", "ml"],
        "image": {"tag": "0.1.0-rc.1"},
        "leaderElection": {"id": "dify-operator-lease.example.com"},
        "operator": {"logLevel": "debug", "logFormat": "text", "concurrency": 8, "syncPeriodSeconds": 3600,
                     "gracefulShutdownTimeoutSeconds": 60},
        "extraArgs": ["--context=in-cluster"],
        "extraEnv": [{"name": "TZ", "value": "UTC"}],
        "serviceAccount": {"annotations": {"iam.gke.io/gcp-service-account": "dify@example.iam.gserviceaccount.com"}},
        "metrics": {"port": 9090, "service": {"port": 9090, "annotations": {"a": "b"}},
                    "serviceMonitor": {"enabled": True, "interval": "15s", "scrapeTimeout": "10s"},
                    "prometheusRule": {"enabled": True, "additionalRules": [
                        {"alert": "Extra", "expr": "vector(1) == 0", "for": "1m", "labels": {"severity": "info"}}]}},
        "podAnnotations": {"example.com/x": "y"},
        "podLabels": {"team": "ml-platform"},
        "nodeSelector": {"kubernetes.io/os": "linux"},
        "tolerations": [{"key": "CriticalAddonsOnly", "operator": "Exists"}],
        "affinity": {"podAntiAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [{
            "weight": 100, "podAffinityTerm": {"topologyKey": "kubernetes.io/hostname", "labelSelector": {
                "matchLabels": {"app.kubernetes.io/name": "dify-operator"}}}}]}},
        "topologySpreadConstraints": [{"maxSkew": 1, "topologyKey": "topology.kubernetes.io/zone",
                                       "whenUnsatisfiable": "ScheduleAnyway",
                                       "labelSelector": {"matchLabels": {"app.kubernetes.io/name": "dify-operator"}}}],
        "priorityClassName": "system-cluster-critical",
    },
    "metrics-off": {"metrics": {"enabled": False}},
    "no-rbac": {"rbac": {"create": False}, "serviceAccount": {"create": False, "name": "existing-sa"}},
}

# Values values.schema.json must reject (each on top of the defaults).
BAD_VALUES = {
    "replicaCount: 0": {"replicaCount": 0},
    "image.pullPolicy: Sometimes": {"image": {"pullPolicy": "Sometimes"}},
    "image.digest: latest": {"image": {"digest": "latest"}},
    "image.tag: v1@sha256": {"image": {"tag": "v1@sha256"}},
    "unknown top-level key replicas": {"replicas": 2},
    "unknown nested key metrics.serviceMonitr": {"metrics": {"serviceMonitr": {"enabled": True}}},
    "watchNamespaces: [Bad_NS]": {"watchNamespaces": ["Bad_NS"]},
    "operator.logFormat: xml": {"operator": {"logFormat": "xml"}},
    "operator.gracefulShutdownTimeoutSeconds: '30'": {"operator": {"gracefulShutdownTimeoutSeconds": "30"}},
    "metrics.serviceMonitor.interval: 30 seconds": {"metrics": {"serviceMonitor": {"interval": "30 seconds"}}},
    "health.port: 70000": {"health": {"port": 70000}},
}

# Values the schema accepts but the templates refuse (a rule across keys), with the message.
BAD_COMBINATIONS = {
    "serviceMonitor without metrics": ({"metrics": {"enabled": False, "serviceMonitor": {"enabled": True}}},
                                       "metrics.serviceMonitor.enabled needs metrics.enabled"),
    "prometheusRule without metrics": ({"metrics": {"enabled": False, "prometheusRule": {"enabled": True}}},
                                       "metrics.prometheusRule.enabled needs metrics.enabled"),
    "metrics.port == health.port": ({"metrics": {"port": 8081}}, "metrics.port and health.port must differ"),
    "serviceAccount.create false without name": ({"serviceAccount": {"create": False}},
                                                 "serviceAccount.name is required"),
}

# The operator's RBAC: exactly the API calls its code makes (a change of the chart's rules must
# change this table, and the code must justify it). (apiGroup, resource) -> verbs.
#   informers (DifyOperator + ScopedInformer -> Informer/Watcher): list, watch
#   ChildWriter.apply (server-side apply, creates when missing): patch + create
#   ChildWriter.delete: delete;  ChildWriter.scale (patchScale): patch deployments/scale
#   StatusWriter (server-side apply to /status): patch .../status
#   EventRecorder (events.k8s.io/v1): create, patch (series)
#   blockOwnerDeletion owner references (OwnerReferencesPermissionEnforcement): update .../finalizers
EXPECTED_RULES = {
    ("dify.ai", "difymodels"): {"list", "watch"},
    ("dify.ai", "difydeployments"): {"list", "watch"},
    ("dify.ai", "difymodels/status"): {"patch"},
    ("dify.ai", "difydeployments/status"): {"patch"},
    ("dify.ai", "difymodels/finalizers"): {"update"},
    ("dify.ai", "difydeployments/finalizers"): {"update"},
    ("", "persistentvolumeclaims"): {"list", "watch", "create", "patch"},
    ("", "pods"): {"list"},
    ("", "services"): {"list", "watch", "create", "patch"},
    ("batch", "jobs"): {"list", "watch", "create", "patch", "delete"},
    ("apps", "deployments"): {"list", "watch", "create", "patch", "delete"},
    ("apps", "deployments/scale"): {"patch"},
    ("autoscaling", "horizontalpodautoscalers"): {"list", "watch", "create", "patch", "delete"},
    ("events.k8s.io", "events"): {"create", "patch"},
}
# LeaderElector: getIfExists (get) and replace (update) of its one Lease; create of a new one.
EXPECTED_LEASE_RULES = {
    ("coordination.k8s.io", "leases", "<lease>"): {"get", "update"},
    ("coordination.k8s.io", "leases", None): {"create"},
}

# Metrics the operator exports, as named in its sources (the alerts may use only these, plus the
# kube-state-metrics ones of KSM_CONFIG and Prometheus' own `up`).
OPERATOR_METRICS = ["controller_runtime_reconcile_errors_total", "rest_client_requests_total",
                    "leader_election_master_status"]

NOT_IN_KUBERNETES_VALIDATE = {("monitoring.coreos.com/v1", "ServiceMonitor"), ("monitoring.coreos.com/v1", "PrometheusRule")}
STANDARD_LABELS = ["helm.sh/chart", "app.kubernetes.io/name", "app.kubernetes.io/instance",
                   "app.kubernetes.io/version", "app.kubernetes.io/managed-by"]


# ---------------------------------------------------------------------------------------------
# Rendering

def deep_merge(base, override):
    out = copy.deepcopy(base)
    for k, v in override.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = deep_merge(out[k], v)
        else:
            out[k] = copy.deepcopy(v)
    return out


def render(chart, values, release=RELEASE, namespace=NAMESPACE):
    """Helm's engine (helm template): (objects, notes)."""
    manifests = chart.render(values, name=release, namespace=namespace, is_install=True)
    objects, notes = [], ""
    for path, text in sorted(manifests.items()):
        if path.endswith("NOTES.txt"):
            notes = text
            continue
        for doc in yaml.safe_load_all(text):
            if doc is not None:
                objects.append(doc)
    return objects, notes


def of_kind(objects, kind):
    return [o for o in objects if o.get("kind") == kind]


def name_of(o):
    m = o.get("metadata", {})
    return f'{o.get("kind")} {m.get("namespace", "") + "/" if m.get("namespace") else ""}{m.get("name")}'


def rbac_list(objects):
    order = ["ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding"]
    items = [o for kind in order for o in of_kind(objects, kind)]
    return {"apiVersion": "v1", "kind": "List", "items": items}


# ---------------------------------------------------------------------------------------------
# Checks

class Results:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, problems, detail=None):
        """problems: a list of strings (empty: pass)."""
        if problems:
            self.failed += 1
            print(f"FAIL {name}")
            for p in problems:
                print(f"     {p}")
        else:
            self.passed += 1
            print(f"PASS {name}" + (f" ({detail})" if detail else ""))


def rule_keys(rules):
    """(apiGroup, resource, resourceName or None) -> verbs, over every combination of a rule."""
    out = {}
    for r in rules:
        names = r.get("resourceNames") or [None]
        for g in r.get("apiGroups", []):
            for res in r.get("resources", []):
                for n in names:
                    out.setdefault((g, res, n), set()).update(r.get("verbs", []))
    return out


def wildcard_problems(objects):
    problems = []
    for o in of_kind(objects, "ClusterRole") + of_kind(objects, "Role"):
        for i, r in enumerate(o.get("rules", [])):
            for field in ("apiGroups", "resources", "verbs", "resourceNames", "nonResourceURLs"):
                if any("*" in str(x) for x in r.get(field, []) or []):
                    problems.append(f"{name_of(o)} rule {i}: {field} has a wildcard: {r.get(field)}")
            if "nonResourceURLs" in r:
                problems.append(f"{name_of(o)} rule {i}: nonResourceURLs are not used by the operator")
        if o.get("aggregationRule"):
            problems.append(f"{name_of(o)}: aggregationRule")
    return problems


def expected_rule_problems(rules, where):
    got = rule_keys(rules)
    want = {(g, r, None): v for (g, r), v in EXPECTED_RULES.items()}
    problems = []
    for k in sorted(set(got) | set(want), key=str):
        if got.get(k) != want.get(k):
            problems.append(f"{where}: {k[0] or 'core'}/{k[1]}: rendered {sorted(got.get(k, []))}, expected {sorted(want.get(k, []))}")
    return problems


def lease_rule_problems(role, lease):
    got = rule_keys(role.get("rules", []))
    want = {(g, r, lease if n == "<lease>" else n): v for (g, r, n), v in EXPECTED_LEASE_RULES.items()}
    if got != want:
        return [f"{name_of(role)}: rendered {sorted((k, sorted(v)) for k, v in got.items())}, expected {sorted((k, sorted(v)) for k, v in want.items())}"]
    return []


def args_of(container):
    out = {}
    for a in container.get("args", []):
        if a.startswith("--"):
            k, _, v = a.partition("=")
            out[k] = v if _ else True
    return out


def matches(selector, labels):
    return bool(selector) and all(labels.get(k) == v for k, v in selector.items())


def case_problems(case, objects, notes, merged, app_version):
    """What must hold for the rendered objects of `case` (merged: the effective values)."""
    p = []
    deployments = of_kind(objects, "Deployment")
    if len(deployments) != 1:
        return [f"expected one Deployment, got {len(deployments)}"]
    dep = deployments[0]
    pod = dep["spec"]["template"]
    spec = pod["spec"]
    containers = spec["containers"]
    c = containers[0]
    args = args_of(c)
    replicas = merged["replicaCount"]
    leader = replicas > 1 or merged["leaderElection"]["enabled"]
    watch = merged["watchNamespaces"]
    rbac = merged["rbac"]["create"]
    sa_name = spec.get("serviceAccountName")

    # --- the container command line
    if c.get("args", [None])[0] != "run":
        p.append(f"args must start with run: {c.get('args')}")
    metrics_on = merged["metrics"]["enabled"]
    want_metrics = f":{merged['metrics']['port']}" if metrics_on else "0"
    if args.get("--metrics-bind-address") != want_metrics:
        p.append(f"--metrics-bind-address is {args.get('--metrics-bind-address')}, want {want_metrics}")
    if args.get("--health-probe-bind-address") != f":{merged['health']['port']}":
        p.append(f"--health-probe-bind-address is {args.get('--health-probe-bind-address')}")
    if args.get("--log-format") != merged["operator"]["logFormat"]:
        p.append(f"--log-format is {args.get('--log-format')}")
    if case == "default" and args.get("--log-format") != "json":
        p.append("default --log-format must be json")
    if bool(args.get("--leader-elect")) != leader:
        p.append(f"--leader-elect is {bool(args.get('--leader-elect'))} with replicaCount {replicas}")
    strategy = (dep.get("spec", {}).get("strategy") or {}).get("type", "RollingUpdate")
    if not leader and strategy != "Recreate":
        p.append(f"without leader election the strategy must be Recreate (two operators would overlap), got {strategy}")
    if leader and strategy != "RollingUpdate":
        p.append(f"with leader election the strategy should be RollingUpdate, got {strategy}")
    lease = merged["leaderElection"]["id"] or f"{RELEASE}.dify.ai"
    if leader:
        if args.get("--leader-election-namespace") != NAMESPACE:
            p.append(f"--leader-election-namespace is {args.get('--leader-election-namespace')}, want {NAMESPACE}")
        if args.get("--leader-election-id") != lease:
            p.append(f"--leader-election-id is {args.get('--leader-election-id')}, want {lease}")
    if watch:
        if args.get("--namespaces") != ",".join(watch):
            p.append(f"--namespaces is {args.get('--namespaces')}, want {','.join(watch)}")
    elif "--namespaces" in args:
        p.append("--namespaces set without watchNamespaces")
    for extra in merged["extraArgs"]:
        if extra not in c["args"]:
            p.append(f"extraArgs {extra} missing")
    shutdown = args.get("--graceful-shutdown-timeout")
    if shutdown != str(merged["operator"]["gracefulShutdownTimeoutSeconds"]):
        p.append(f"--graceful-shutdown-timeout is {shutdown}")
    elif spec.get("terminationGracePeriodSeconds") != int(shutdown) + 10:
        p.append(f"terminationGracePeriodSeconds {spec.get('terminationGracePeriodSeconds')} is not --graceful-shutdown-timeout {shutdown} + 10")

    # --- image
    image = merged["image"]
    want_image = f"{image['repository']}@{image['digest']}" if image["digest"] else f"{image['repository']}:{image['tag'] or app_version}"
    if c.get("image") != want_image:
        p.append(f"image is {c.get('image')}, want {want_image}")
    if c.get("imagePullPolicy") != image["pullPolicy"]:
        p.append(f"imagePullPolicy is {c.get('imagePullPolicy')}")
    if spec.get("imagePullSecrets", []) != merged["imagePullSecrets"]:
        p.append(f"imagePullSecrets is {spec.get('imagePullSecrets')}")

    # --- environment from the downward API
    env = {e["name"]: e for e in c.get("env", [])}
    for var, path in (("POD_NAME", "metadata.name"), ("POD_NAMESPACE", "metadata.namespace")):
        if env.get(var, {}).get("valueFrom", {}).get("fieldRef", {}).get("fieldPath") != path:
            p.append(f"{var} must come from fieldRef {path}")
    for e in merged["extraEnv"]:
        if env.get(e["name"]) != e:
            p.append(f"extraEnv {e['name']} missing")

    # --- security baseline
    psc, csc = spec.get("securityContext", {}), c.get("securityContext", {})
    if not (psc.get("runAsNonRoot") and psc.get("runAsUser", 0) > 0):
        p.append(f"pod must run as a non-root uid: {psc}")
    if psc.get("seccompProfile", {}).get("type") != "RuntimeDefault" and csc.get("seccompProfile", {}).get("type") != "RuntimeDefault":
        p.append("seccompProfile RuntimeDefault missing")
    if csc.get("readOnlyRootFilesystem") is not True:
        p.append("readOnlyRootFilesystem must be true")
    if csc.get("allowPrivilegeEscalation") is not False:
        p.append("allowPrivilegeEscalation must be false")
    if csc.get("capabilities", {}).get("drop") != ["ALL"] or csc.get("capabilities", {}).get("add"):
        p.append(f"capabilities must drop ALL and add none: {csc.get('capabilities')}")
    if csc.get("privileged"):
        p.append("privileged")
    if spec.get("automountServiceAccountToken") is not True:
        p.append("automountServiceAccountToken must be true (the operator needs its token)")
    if spec.get("hostNetwork") or spec.get("hostPID") or spec.get("hostIPC"):
        p.append("host namespaces")
    if any(v.get("hostPath") for v in spec.get("volumes", [])):
        p.append("hostPath volume")
    res = c.get("resources", {})
    for kind in ("requests", "limits"):
        if not {"cpu", "memory"} <= set(res.get(kind, {})):
            p.append(f"resources.{kind} must set cpu and memory: {res}")
    ports = {pt["name"]: pt["containerPort"] for pt in c.get("ports", [])}
    for probe, path in (("livenessProbe", "/healthz"), ("readinessProbe", "/readyz")):
        get = c.get(probe, {}).get("httpGet", {})
        if get.get("path") != path or ports.get(get.get("port")) != merged["health"]["port"]:
            p.append(f"{probe} must GET {path} on the health port: {get}")

    # --- pass-through pod settings
    for key in ("nodeSelector", "tolerations", "affinity", "topologySpreadConstraints"):
        if merged[key] and spec.get(key) != merged[key]:
            p.append(f"{key} not passed through")
    if merged["priorityClassName"] and spec.get("priorityClassName") != merged["priorityClassName"]:
        p.append("priorityClassName not passed through")
    for k, v in merged["podLabels"].items():
        if pod["metadata"]["labels"].get(k) != v:
            p.append(f"podLabels {k} missing")
    for k, v in merged["podAnnotations"].items():
        if pod["metadata"].get("annotations", {}).get(k) != v:
            p.append(f"podAnnotations {k} missing")

    # --- selectors and labels
    pod_labels = pod["metadata"]["labels"]
    if not matches(dep["spec"]["selector"]["matchLabels"], pod_labels):
        p.append("Deployment selector does not match its pod labels")
    for o in objects:
        labels = o.get("metadata", {}).get("labels", {})
        missing = [l for l in STANDARD_LABELS if l not in labels]
        if missing:
            p.append(f"{name_of(o)} lacks labels {missing}")
        if o.get("kind") not in ("ClusterRole", "ClusterRoleBinding") and not o.get("metadata", {}).get("namespace"):
            p.append(f"{name_of(o)} has no namespace")

    # --- ServiceAccount
    sas = of_kind(objects, "ServiceAccount")
    if merged["serviceAccount"]["create"]:
        if [s["metadata"]["name"] for s in sas] != [sa_name]:
            p.append(f"ServiceAccount {sa_name} not rendered: {[name_of(s) for s in sas]}")
    elif sas:
        p.append("ServiceAccount rendered with serviceAccount.create false")
    if not merged["serviceAccount"]["create"] and sa_name != merged["serviceAccount"]["name"]:
        p.append(f"serviceAccountName {sa_name}, want {merged['serviceAccount']['name']}")

    # --- RBAC scope
    croles, cbindings = of_kind(objects, "ClusterRole"), of_kind(objects, "ClusterRoleBinding")
    roles, bindings = of_kind(objects, "Role"), of_kind(objects, "RoleBinding")
    lease_roles = [r for r in roles if r["metadata"]["name"].endswith("-leader-election")]
    ns_roles = [r for r in roles if r not in lease_roles]
    if not rbac:
        if croles or cbindings or roles or bindings:
            p.append("RBAC rendered with rbac.create false")
    elif watch:
        if croles or cbindings:
            p.append(f"namespace-scoped but cluster-scoped RBAC rendered: {[name_of(o) for o in croles + cbindings]}")
        if sorted(r["metadata"]["namespace"] for r in ns_roles) != sorted(watch):
            p.append(f"Roles in {[r['metadata']['namespace'] for r in ns_roles]}, want one in each of {watch}")
        for r in ns_roles:
            p += expected_rule_problems(r["rules"], name_of(r))
    else:
        if len(croles) != 1 or len(cbindings) != 1 or ns_roles:
            p.append(f"want one ClusterRole and ClusterRoleBinding and no namespaced Role: {[name_of(o) for o in croles + cbindings + ns_roles]}")
        for r in croles:
            p += expected_rule_problems(r["rules"], name_of(r))
    if rbac:
        if leader:
            if len(lease_roles) != 1 or lease_roles[0]["metadata"]["namespace"] != NAMESPACE:
                p.append(f"want the leader-election Role in {NAMESPACE}: {[name_of(r) for r in lease_roles]}")
            else:
                p += lease_rule_problems(lease_roles[0], lease)
        elif lease_roles:
            p.append("leader-election Role rendered without leader election")
        # Every binding binds a rendered role to the operator's ServiceAccount, in the same place.
        role_names = {("Role", r["metadata"]["namespace"], r["metadata"]["name"]) for r in roles}
        role_names |= {("ClusterRole", None, r["metadata"]["name"]) for r in croles}
        for b in bindings + cbindings:
            ref = b["roleRef"]
            key = (ref["kind"], b["metadata"].get("namespace") if ref["kind"] == "Role" else None, ref["name"])
            if key not in role_names:
                p.append(f"{name_of(b)} refers to {ref} which is not rendered")
            if b["subjects"] != [{"kind": "ServiceAccount", "name": sa_name, "namespace": NAMESPACE}]:
                p.append(f"{name_of(b)} subjects {b['subjects']}")
    p += wildcard_problems(objects)

    # --- PodDisruptionBudget
    pdbs = of_kind(objects, "PodDisruptionBudget")
    if replicas > 1:
        if len(pdbs) != 1 or pdbs[0]["spec"].get("maxUnavailable") != 1 or not matches(pdbs[0]["spec"]["selector"]["matchLabels"], pod_labels):
            p.append(f"want a PDB with maxUnavailable 1 selecting the pods: {pdbs}")
    elif pdbs:
        p.append("PDB rendered with one replica")

    # --- metrics Service, ServiceMonitor, PrometheusRule
    services = of_kind(objects, "Service")
    if metrics_on:
        if len(services) != 1:
            p.append(f"want one metrics Service: {[name_of(s) for s in services]}")
        else:
            svc = services[0]
            if not matches(svc["spec"]["selector"], pod_labels):
                p.append("metrics Service selector does not match the pods")
            if svc["spec"]["ports"][0]["targetPort"] not in ("metrics", merged["metrics"]["port"]) or ports.get("metrics") != merged["metrics"]["port"]:
                p.append("metrics Service does not target the metrics port")
            sms = of_kind(objects, "ServiceMonitor")
            if merged["metrics"]["serviceMonitor"]["enabled"]:
                if len(sms) != 1 or not matches(sms[0]["spec"]["selector"]["matchLabels"], svc["metadata"]["labels"]):
                    p.append("want one ServiceMonitor selecting the metrics Service")
                elif sms[0]["spec"]["endpoints"][0]["port"] not in [pt["name"] for pt in svc["spec"]["ports"]]:
                    p.append("ServiceMonitor endpoint port is not a port of the Service")
                for k, v in merged["metrics"]["serviceMonitor"]["labels"].items():
                    if sms and sms[0]["metadata"]["labels"].get(k) != v:
                        p.append(f"ServiceMonitor label {k} missing")
            elif sms:
                p.append("ServiceMonitor rendered while disabled")
    elif services or of_kind(objects, "ServiceMonitor") or of_kind(objects, "PrometheusRule"):
        p.append("metrics objects rendered with metrics.enabled false")
    rules = of_kind(objects, "PrometheusRule")
    if merged["metrics"]["prometheusRule"]["enabled"]:
        if len(rules) != 1:
            p.append("want one PrometheusRule")
        else:
            alerts = [r.get("alert") for g in rules[0]["spec"]["groups"] for r in g["rules"]]
            want = {"DifyOperatorDown", "DifyOperatorReconcileErrors", "DifyOperatorForbidden",
                    "DifyDeploymentNotAvailable", "DifyDeploymentDegraded", "DifyModelFailed"}
            if leader:
                want.add("DifyOperatorNoLeader")
            if not want <= set(alerts):
                p.append(f"PrometheusRule lacks {sorted(want - set(alerts))}")
            if not leader and "DifyOperatorNoLeader" in alerts:
                p.append("DifyOperatorNoLeader without leader election")
            for extra in merged["metrics"]["prometheusRule"]["additionalRules"]:
                if extra not in [r for g in rules[0]["spec"]["groups"] for r in g["rules"]]:
                    p.append(f"additionalRules {extra.get('alert')} missing")
    elif rules:
        p.append("PrometheusRule rendered while disabled")

    # --- NOTES.txt
    if "helm show crds" not in notes or "kubectl get dify" not in notes:
        p.append("NOTES.txt must say how to upgrade the CRDs and how to see the resources")
    for ns in watch:
        if ns not in notes:
            p.append(f"NOTES.txt does not name watched namespace {ns}")
    return p


def kubernetes_validate_problems(objects, versions):
    problems, validated, skipped = [], 0, set()
    for o in objects:
        if (o.get("apiVersion"), o.get("kind")) in NOT_IN_KUBERNETES_VALIDATE:
            skipped.add(o["kind"])
            continue
        for version in versions:
            try:
                kubernetes_validate.validate(o, version, strict=True)
                validated += 1
            except kubernetes_validate.ValidationError as e:
                problems.append(f"{name_of(o)} (Kubernetes {version}): {e.message} at {'.'.join(str(x) for x in e.path)}")
            except kubernetes_validate.SchemaNotFoundError as e:
                problems.append(f"{name_of(o)} (Kubernetes {version}): no schema: {e}")
    return problems, validated, skipped


def alert_metric_problems(objects):
    """The metrics the alerts' expressions use exist: the operator's (named in Sources/), those the
    chart's kube-state-metrics config defines, or Prometheus' `up`."""
    sources = "\n".join(f.read_text() for f in (ROOT / "Sources").rglob("*.swift"))
    ksm = yaml.safe_load(KSM_CONFIG.read_text())
    defined = {"up"}
    for m in OPERATOR_METRICS:
        if f'"{m}"' in sources:
            defined.add(m)
    for res in ksm["spec"]["resources"]:
        for m in res["metrics"]:
            defined.add(f'{res["metricNamePrefix"]}_{m["name"]}')
    problems = [f"{m} is not in Sources/ any more" for m in OPERATOR_METRICS if m not in defined]
    words = {"sum", "by", "rate", "max", "absent", "namespace", "controller", "verb", "resource", "difydeployment",
             "difymodel", "vector", "and", "or", "on", "without", "min", "count"}
    for rule_obj in of_kind(objects, "PrometheusRule"):
        for g in rule_obj["spec"]["groups"]:
            for r in g["rules"]:
                expr = r["expr"]
                bare = re.sub(r'\{[^}]*\}|\[[^\]]*\]|"[^"]*"', "", expr)
                for name in re.findall(r"[a-zA-Z_:][a-zA-Z0-9_:]*", bare):
                    if name not in words and name not in defined:
                        problems.append(f"alert {r.get('alert')}: metric {name} is neither exported by the operator nor defined in {KSM_CONFIG.name}")
    return list(dict.fromkeys(problems))


def ksm_phase_problems():
    """The StateSet lists of the kube-state-metrics config are the phases the CRDs allow."""
    ksm = yaml.safe_load(KSM_CONFIG.read_text())
    problems = []
    for res in ksm["spec"]["resources"]:
        kind = res["groupVersionKind"]["kind"]
        crd = yaml.safe_load((ROOT / "crds" / f"dify.ai_{kind.lower()}s.yaml").read_text())
        phase = crd["spec"]["versions"][0]["schema"]["openAPIV3Schema"]["properties"]["status"]["properties"]["phase"]
        for m in res["metrics"]:
            if m["each"]["type"] == "StateSet" and m["each"]["stateSet"]["path"] == ["status", "phase"]:
                listed = m["each"]["stateSet"]["list"]
                if "enum" in phase and sorted(listed) != sorted(phase["enum"]):
                    problems.append(f"{kind} phases {listed} != CRD enum {phase['enum']}")
                elif "enum" not in phase and not all(x in phase.get("description", "") for x in listed):
                    problems.append(f"{kind} phases {listed} not all in the CRD's description")
    return problems


def crd_problems():
    top = {p.name: p.read_bytes() for p in sorted((ROOT / "crds").glob("*.yaml"))}
    chart_files = [p for p in (CHART / "crds").rglob("*") if p.is_file()]
    chart = {p.relative_to(CHART / "crds").as_posix(): p.read_bytes() for p in chart_files}
    problems = []
    if not top:
        problems.append("no crds/*.yaml")
    for name in sorted(set(top) | set(chart)):
        if name not in chart:
            problems.append(f"charts/dify-operator/crds/{name} missing (cp crds/*.yaml charts/dify-operator/crds/)")
        elif name not in top:
            problems.append(f"charts/dify-operator/crds/{name} is not in crds/ (Helm would install it as a CRD)")
        elif top[name] != chart[name]:
            problems.append(f"charts/dify-operator/crds/{name} differs from crds/{name} (cp crds/*.yaml charts/dify-operator/crds/)")
    return problems


# The rendered RBAC the operator's Swift end-to-end tests run under (with leader election on,
# so the Lease Role is included). Checked in so `swift test` needs no Helm; kept current here.
RBAC_FIXTURE = ROOT / "Tests/DifyOperatorTests/Fixtures/chart-rbac.json"
RBAC_FIXTURE_VALUES = {"leaderElection": {"enabled": True}}


def rbac_fixture_problems(chart):
    objects, _ = render(chart, RBAC_FIXTURE_VALUES)
    want = json.dumps(rbac_list(objects), indent=2) + "\n"
    fix = f"run: .venv/bin/python hack/chart-check.py --print-rbac --set leaderElection.enabled=true -o {RBAC_FIXTURE.relative_to(ROOT)}"
    if not RBAC_FIXTURE.exists():
        return [f"{RBAC_FIXTURE.relative_to(ROOT)} missing; {fix}"]
    if RBAC_FIXTURE.read_text() != want:
        return [f"{RBAC_FIXTURE.relative_to(ROOT)} differs from the chart's rendered RBAC; {fix}"]
    return []


def lint_problems(values):
    report = helm.lint(str(CHART), values, strict=True, namespace=NAMESPACE)
    problems = [f"{m['path']}: {m['error'].strip()}" for m in report["messages"] if m["severity"] >= 2]
    problems += [e.strip() for e in report["errors"] if e.strip() not in " ".join(problems)]
    infos = [m["error"] for m in report["messages"] if m["severity"] < 2]
    return problems, infos


def run_checks(verbose):
    results = Results()
    print(f"helm-python-sdk {helm.__version__}: Helm SDK {helm.helm_sdk_version()}; chart {CHART.relative_to(ROOT)}")
    chart = helm.Chart.load(str(CHART))
    defaults = chart.values
    meta = chart.metadata
    versions = [OLDEST, utils.latest_version()]

    results.check("chart crds/ equal the top-level crds/*.yaml byte for byte", crd_problems())
    results.check("the RBAC the Swift end-to-end tests run under is the chart's", rbac_fixture_problems(chart))
    want_meta = {"apiVersion": "v2", "name": "dify-operator", "kubeVersion": ">=1.29.0-0"}
    results.check("Chart.yaml", [f"{k} is {meta.get(k)!r}, want {v!r}" for k, v in want_meta.items() if meta.get(k) != v]
                  + [f"{k} missing" for k in ("version", "appVersion", "description", "home", "sources", "keywords") if not meta.get(k)])
    try:
        chart.validate_schema(defaults)
        results.check("values.yaml passes values.schema.json", [])
    except helm.HelmError as e:
        results.check("values.yaml passes values.schema.json", [str(e)])

    rendered = {}
    for case, values in MATRIX.items():
        problems, infos = lint_problems(values)
        results.check(f"helm lint --strict [{case}]", problems, "; ".join(f"info: {i}" for i in infos) if infos else None)
        try:
            objects, notes = render(chart, values)
        except helm.HelmError as e:
            results.check(f"render [{case}]", [f"{type(e).__name__}: {e}"])
            continue
        rendered[case] = objects
        if verbose:
            print(f"     [{case}] rendered: {', '.join(name_of(o) for o in objects)}")
        merged = deep_merge(defaults, values)
        results.check(f"render [{case}]: objects as the values ask", case_problems(case, objects, notes, merged, meta["appVersion"]),
                      ", ".join(sorted({o['kind'] for o in objects})))
        problems, count, skipped = kubernetes_validate_problems(objects, versions)
        detail = f"{count} validations"
        if skipped:
            detail += f"; {', '.join(sorted(skipped))} skipped: Prometheus Operator CRDs, no schema in kubernetes-validate"
        results.check(f"kubernetes-validate --strict {' and '.join(versions)} [{case}]", problems, detail)

    problems, count, _ = kubernetes_validate_problems([yaml.safe_load(p.read_text()) for p in sorted((CHART / "crds").glob("*.yaml"))], versions)
    results.check(f"kubernetes-validate --strict {' and '.join(versions)} [chart crds/]", problems, f"{count} validations")

    # The install action (helm install --dry-run=client): kubeVersion constraint, schema, NOTES.
    try:
        with helm.Config(storage_driver="memory", namespace=NAMESPACE) as cfg:
            release = cfg.install(chart, RELEASE, {}, dry_run="client", namespace=NAMESPACE)
        problems = [] if release.get("manifest") and release.get("notes") else ["no manifest or notes"]
        results.check("helm install --dry-run=client [default]", problems, f"status {release.get('status')}")
    except helm.HelmError as e:
        results.check("helm install --dry-run=client [default]", [f"{type(e).__name__}: {e}"])

    if "monitoring" in rendered:
        results.check("alerts use only exported or defined metrics", alert_metric_problems(rendered["monitoring"] + rendered.get("kitchen-sink", [])))
    results.check("kube-state-metrics StateSet phases are the CRDs' phases", ksm_phase_problems())

    for case, values in BAD_VALUES.items():
        problems, message = [], ""
        try:
            chart.render(values, name=RELEASE, namespace=NAMESPACE)
            problems.append("rendered without an error")
        except helm.HelmValuesError as e:
            if "schema" not in str(e):
                problems.append(f"not a schema error: {e}")
            found = re.findall(r"- at '[^']*': .*", str(e))
            message = found[0] if found else str(e).splitlines()[0]
        except helm.HelmError as e:
            problems.append(f"{type(e).__name__}, not a values error: {e}")
        report = helm.lint(str(CHART), values, strict=True, namespace=NAMESPACE)
        if not report["errors"]:
            problems.append("helm lint passed")
        results.check(f"values.schema.json rejects {case}", problems, message if not problems else None)

    for case, (values, text) in BAD_COMBINATIONS.items():
        problems = []
        try:
            chart.render(values, name=RELEASE, namespace=NAMESPACE)
            problems.append("rendered without an error")
        except helm.HelmError as e:
            if text not in str(e):
                problems.append(f"error without {text!r}: {e}")
        results.check(f"templates refuse {case}", problems)

    chart.close()
    print(f"{results.passed} passed, {results.failed} failed")
    return 1 if results.failed else 0


def print_rbac(args):
    values = {}
    for path in args.values or []:
        values = deep_merge(values, helm.values_from_yaml(pathlib.Path(path).read_text()))
    for expr in args.set or []:
        values = deep_merge(values, helm.parse_set_string(expr))
    try:
        with helm.Chart.load(str(CHART)) as chart:
            objects, _ = render(chart, values, release=args.release, namespace=args.namespace)
    except helm.HelmError as e:
        print(f"chart-check --print-rbac: {type(e).__name__}: {e}", file=sys.stderr)
        return 2
    text = json.dumps(rbac_list(objects), indent=2) + "\n"
    if args.output:
        pathlib.Path(args.output).write_text(text)
    else:
        sys.stdout.write(text)
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-v", "--verbose", action="store_true", help="list the rendered objects of each case")
    parser.add_argument("--print-rbac", action="store_true", help="print the rendered RBAC objects as a v1 List (JSON)")
    parser.add_argument("-f", "--values", action="append", help="values file (--print-rbac)")
    parser.add_argument("--set", action="append", help="Helm --set expression (--print-rbac)")
    parser.add_argument("--release", default=RELEASE, help=f"release name (--print-rbac; default {RELEASE})")
    parser.add_argument("--namespace", default=NAMESPACE, help=f"release namespace (--print-rbac; default {NAMESPACE})")
    parser.add_argument("-o", "--output", help="write the List here instead of stdout (--print-rbac)")
    args = parser.parse_args()
    if args.print_rbac:
        return print_rbac(args)
    return run_checks(args.verbose)


if __name__ == "__main__":
    sys.exit(main())
