#!/usr/bin/env python3
"""Checks the GitOps health checks in hack/gitops/: the Argo CD Lua scripts (run with Lua
through PyPI `lupa`) and the Flux `healthCheckExprs` (CEL, through PyPI `cel-python`) give the
expected health for DifyDeployments and DifyModels in every phase.

Usage: hack/gitops-check.py                      the table of cases below
       hack/gitops-check.py LIST.json NAME=Health...   live objects (kubectl get -o json),
                                                 e.g. chat=Healthy too-big=Degraded
Prints PASS/FAIL per case and "N passed, M failed"; exits 1 on a failure.
"""
import json
import pathlib
import sys

import celpy
import lupa
import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
GITOPS = ROOT / "hack" / "gitops"
LUA = {
    "DifyDeployment": (GITOPS / "argocd-health-difydeployment.lua").read_text(),
    "DifyModel": (GITOPS / "argocd-health-difymodel.lua").read_text(),
}
FLUX = {e["kind"]: e for e in yaml.safe_load((GITOPS / "flux-health-checks.yaml").read_text())["healthCheckExprs"]}
# Argo CD health -> the Flux outcome that must agree with it.
FLUX_FOR = {"Healthy": "current", "Progressing": "inProgress", "Degraded": "failed"}


def obj(kind, phase, generation=2, observed=2, conditions=()):
    o = {"apiVersion": "dify.ai/v1alpha1", "kind": kind, "metadata": {"name": f"{kind.lower()}-{phase}", "generation": generation}}
    if phase is not None:
        o["status"] = {"observedGeneration": observed, "phase": phase,
                       "conditions": [{"type": t, "status": s, "reason": r, "message": m} for t, s, r, m in conditions]}
    return o


CASES = [
    ("DifyDeployment Healthy", obj("DifyDeployment", "Healthy"), "Healthy", None),
    ("DifyDeployment rolling out", obj("DifyDeployment", "Progressing", conditions=[("Progressing", "True", "NewRevisionProgressing", "Rolling out revision abc: 1 of 2 replicas ready")]), "Progressing", "1 of 2"),
    ("DifyDeployment waiting for its model", obj("DifyDeployment", "Progressing", conditions=[("ModelReady", "False", "ModelNotReady", "Waiting for DifyModel llama to be Ready")]), "Progressing", "Waiting for DifyModel"),
    ("DifyDeployment stuck past its deadline", obj("DifyDeployment", "Degraded", conditions=[("Progressing", "False", "ProgressDeadlineExceeded", "made no progress")]), "Degraded", "no progress"),
    ("DifyDeployment invalid", obj("DifyDeployment", "Invalid", conditions=[("Progressing", "False", "InvalidReplicas", "replicas must be 0 or more")]), "Degraded", "replicas"),
    ("DifyDeployment with a new generation not yet observed", obj("DifyDeployment", "Healthy", generation=3, observed=2), "Progressing", "generation 3"),
    ("DifyModel Ready", obj("DifyModel", "Ready"), "Healthy", None),
    ("DifyModel Caching", obj("DifyModel", "Caching", conditions=[("CacheReady", "False", "Preloading", "Preload Job x is filling y")]), "Progressing", "Preload"),
    ("DifyModel Pending", obj("DifyModel", "Pending"), "Progressing", None),
    ("DifyModel Invalid", obj("DifyModel", "Invalid", conditions=[("Validated", "False", "ModelDoesNotFit", "the model needs about 156.5Gi")]), "Degraded", "156.5Gi"),
    ("DifyModel Failed", obj("DifyModel", "Failed", conditions=[("CacheReady", "False", "PreloadFailed", "Preload Job failed")]), "Degraded", "failed"),
]


def lua_health(o):
    lua = lupa.LuaRuntime(unpack_returned_tuples=True)
    lua.globals().obj = json_to_lua(lua, o)
    result = lua.execute(LUA[o["kind"]])
    return result["status"], result["message"]


def json_to_lua(lua, value):
    if isinstance(value, dict):
        return lua.table_from({k: json_to_lua(lua, v) for k, v in value.items()})
    if isinstance(value, list):
        return lua.table_from([json_to_lua(lua, v) for v in value])
    return value


def flux_outcomes(o):
    env = celpy.Environment()
    activation = {k: celpy.json_to_cel(v) for k, v in o.items()}
    out = set()
    for outcome in ("inProgress", "failed", "current"):
        program = env.program(env.compile(FLUX[o["kind"]][outcome]))
        try:
            if bool(program.evaluate(activation)):
                out.add(outcome)
        except celpy.CELEvalError:
            pass
    return out


def check_one(name, o, want, message_part):
    problems = []
    health, message = lua_health(o)
    if health != want:
        problems.append(f"Argo CD health {health}, want {want}")
    if message_part and (message is None or message_part not in message):
        problems.append(f"Argo CD message {message!r} lacks {message_part!r}")
    flux = flux_outcomes(o)
    if FLUX_FOR[want] not in flux:
        problems.append(f"Flux: {FLUX_FOR[want]} is false (true: {sorted(flux) or 'none'})")
    if want == "Healthy" and flux & {"failed", "inProgress"}:
        problems.append(f"Flux: also {sorted(flux)}")
    print(("PASS " if not problems else "FAIL ") + name + ("" if not problems else ": " + "; ".join(problems)))
    return not problems


def main(argv):
    results = []
    if argv:
        items = json.loads(pathlib.Path(argv[0]).read_text())["items"]
        by_name = {i["metadata"]["name"]: i for i in items}
        for expectation in argv[1:]:
            name, want = expectation.split("=")
            if name not in by_name:
                print(f"FAIL {name}: not in {argv[0]}")
                results.append(False)
                continue
            results.append(check_one(f"live {by_name[name]['kind']} {name} is {want}", by_name[name], want, None))
    else:
        results = [check_one(*case) for case in CASES]
    passed = sum(results)
    print(f"gitops-check: {passed} passed, {len(results) - passed} failed")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
