#!/usr/bin/env python3
"""Installs the Helm chart into the emulator with Helm's own install action (PyPI
helm-python-sdk), then uninstalls it, checking the cluster with the official Python client
after each step.

Usage: hack/chart-install.py [path-to-dify-operator-binary]
Prints PASS/FAIL per check and "N passed, M failed"; exits 1 on a failure.
"""
import pathlib
import subprocess
import sys
import tempfile
import time

import helm_python as helm
import kubernetes

ROOT = pathlib.Path(__file__).resolve().parent.parent
CHART = ROOT / "charts" / "dify-operator"
NAMESPACE = "dify-system"
RELEASE = "dify-operator"
results = []


def check(name, problems):
    results.append(not problems)
    print(("PASS " if not problems else "FAIL ") + name + ("" if not problems else ": " + "; ".join(problems)))


def exists(fn, *args):
    try:
        fn(*args)
        return True
    except kubernetes.client.exceptions.ApiException as e:
        if e.status == 404:
            return False
        raise


def main(binary):
    work = pathlib.Path(tempfile.mkdtemp())
    kubeconfig = work / "kubeconfig"
    log = open(work / "server.log", "w")
    server = subprocess.Popen([binary, "dev", "--api-only", "--port", "0", "--kubeconfig-out", str(kubeconfig)],
                              stdout=log, stderr=subprocess.STDOUT)
    try:
        for _ in range(100):
            if kubeconfig.exists() and kubeconfig.stat().st_size > 0:
                break
            time.sleep(0.1)
        api = kubernetes.config.new_client_from_config(str(kubeconfig))
        core, rbac, apps = kubernetes.client.CoreV1Api(api), kubernetes.client.RbacAuthorizationV1Api(api), kubernetes.client.AppsV1Api(api)
        ext = kubernetes.client.ApiextensionsV1Api(api)

        with helm.Config(kubeconfig_path=str(kubeconfig), namespace=NAMESPACE) as cfg:
            release = cfg.install(str(CHART), RELEASE, {}, namespace=NAMESPACE, create_namespace=True, timeout=60)
            check("helm install: release deployed", [] if release.get("status") == "deployed" else [f"status {release.get('status')}"])
            crds = {c.metadata.name for c in ext.list_custom_resource_definition().items}
            check("helm install: CRDs from crds/", sorted({"difymodels.dify.ai", "difydeployments.dify.ai"} - crds))
            problems = []
            if not exists(apps.read_namespaced_deployment, RELEASE, NAMESPACE):
                problems.append("no Deployment")
            if not exists(core.read_namespaced_service_account, RELEASE, NAMESPACE):
                problems.append("no ServiceAccount")
            if not exists(rbac.read_cluster_role, RELEASE) or not exists(rbac.read_cluster_role_binding, RELEASE):
                problems.append("no ClusterRole/Binding")
            if not exists(core.read_namespaced_service, f"{RELEASE}-metrics", NAMESPACE):
                problems.append("no metrics Service")
            check("helm install: the operator's objects exist", problems)
            secrets = core.list_namespaced_secret(NAMESPACE, label_selector=f"owner=helm,name={RELEASE}").items
            check("helm install: the release is stored as a Secret", [] if len(secrets) == 1 else [f"{len(secrets)} release Secrets"])
            args = apps.read_namespaced_deployment(RELEASE, NAMESPACE).spec.template.spec.containers[0].args
            check("helm install: one replica runs without leader election", [] if "--leader-elect" not in args else ["--leader-elect set"])

            # `helm upgrade` is not exercised: Helm validates an upgrade's manifests against
            # /openapi/v2 in protobuf, which the emulator serves only as JSON (see README).

            cfg.uninstall(RELEASE, timeout=60)
            problems = []
            if exists(apps.read_namespaced_deployment, RELEASE, NAMESPACE) or exists(rbac.read_cluster_role, RELEASE):
                problems.append("objects left behind")
            crds = {c.metadata.name for c in ext.list_custom_resource_definition().items}
            if not {"difymodels.dify.ai", "difydeployments.dify.ai"} <= crds:
                problems.append("CRDs removed (custom resources and their data would go with them)")
            check("helm uninstall: removes the operator, keeps the CRDs", problems)
    except Exception as e:  # noqa: BLE001 - report any failure as a failed check
        check("install and uninstall into the emulator", [f"{type(e).__name__}: {e}"])
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            results.append(False)
            print("FAIL dify-operator dev did not stop within 15 s of SIGTERM; its output:")
            print((work / "server.log").read_text())
            server.kill()
            server.wait()
    passed = sum(results)
    print(f"{passed} passed, {len(results) - passed} failed")
    return 0 if results and all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else str(ROOT / ".build/debug/dify-operator")))
