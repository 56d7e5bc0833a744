"""Evaluates the CEL rules (`x-kubernetes-validations`) of the generated CRDs in crds/ with
cel-python (pinned in hack/requirements.txt), because neither KubeMachinery nor the emulator
evaluates CEL.

For every rule found in crds/*.yaml (with its place in the schema) the table CASES below gives
values that must pass and values that must fail; transition rules (those reading `oldSelf`)
get (old, new) pairs. Every rule must have at least one failing case, and every table entry
must match a rule, so a new rule cannot go untested and a changed one is noticed. Then every
rule is evaluated against the custom resources of crds/samples/ after applying the schema's
defaults (as kube-apiserver does before validating): they must all pass.

Usage: python hack/cel-check.py [-v]. Exits 1 on any failure.

cel-python's dialect is close to the CEL kube-apiserver runs for the rules used here (`has()`,
`?:`, `startsWith`, list literals with `exists`, integer arithmetic); Kubernetes' extension
libraries (`lowerAscii`, `url()`, `quantity()`, `isSorted()`...) are not available in it, so the
rules stay in the common subset.
"""
import pathlib
import sys

import celpy
import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
VERBOSE = "-v" in sys.argv[1:]


class Update:
    """A transition-rule case: the value at the rule's place before and after an update."""

    def __init__(self, old, new):
        self.old = old
        self.new = new

    def __repr__(self):
        return f"Update(old={self.old!r}, new={self.new!r})"


# (kind, place in the schema, message) -> {"good": [...], "bad": [...]}.
# Places are dotted paths below the root, `[]` for list items and `{}` for map values.
MIG = {"mig": {"profile": "3g.40gb"}}
CASES = {
    # Names: rules on the root read metadata.name (the only metadata a CRD rule may read).
    ("DifyModel", "",
     "a DifyModel's name is at most 46 characters: its preload Jobs are named <name>-preload-<revision> and a Job name is at most 63"): {
        "good": [{"metadata": {"name": "llama3-8b"}, "spec": {}}, {"metadata": {"name": "m" * 46}, "spec": {}}],
        "bad": [{"metadata": {"name": "m" * 47}, "spec": {}}],
    },
    ("DifyDeployment", "",
     "a DifyDeployment's name names its Service: at most 63 lower-case letters, digits and '-', starting with a letter and ending with a letter or digit (no dots)"): {
        "good": [{"metadata": {"name": "chat"}, "spec": {}}, {"metadata": {"name": "chat-2"}, "spec": {}}, {"metadata": {"name": "c" * 63}, "spec": {}}],
        "bad": [{"metadata": {"name": "llama-3.1"}, "spec": {}}, {"metadata": {"name": "8b-chat"}, "spec": {}},
                {"metadata": {"name": "c" * 64}, "spec": {}}, {"metadata": {"name": "chat-"}, "spec": {}}],
    },
    # DifyModel: engine.tensorParallelSize against resources.gpu.
    ("DifyModel", "spec",
     "a MIG slice is a single GPU: engine.tensorParallelSize must be 1 when resources.gpu.mig is set"): {
        "good": [
            {},
            {"resources": {"gpu": MIG}},
            {"resources": {"gpu": MIG}, "engine": {}},
            {"resources": {"gpu": MIG}, "engine": {"tensorParallelSize": 1}},
            {"resources": {"gpu": {"count": 4}}, "engine": {"tensorParallelSize": 4}},
        ],
        "bad": [
            {"resources": {"gpu": MIG}, "engine": {"tensorParallelSize": 2}},
        ],
    },
    ("DifyModel", "spec",
     "engine.tensorParallelSize must not exceed resources.gpu.count: one model instance is split over the GPUs of its own pod"): {
        "good": [
            {},
            {"resources": {"gpu": {"count": 2}}},
            {"resources": {"gpu": {"count": 2}}, "engine": {"tensorParallelSize": 2}},
            {"resources": {"gpu": {"count": 8}}, "engine": {"tensorParallelSize": 4}},
            {"resources": {"gpu": MIG}, "engine": {"tensorParallelSize": 1}},
        ],
        "bad": [
            {"resources": {"gpu": {"count": 1}}, "engine": {"tensorParallelSize": 2}},
            {"resources": {"gpu": {"count": 4}}, "engine": {"tensorParallelSize": 8}},
        ],
    },
    ("DifyModel", "spec",
     "engine.tensorParallelSize above 1 splits the model over several GPUs: set resources.gpu.count, or use 1 for a CPU-only model"): {
        "good": [
            {},
            {"engine": {"tensorParallelSize": 1}},
            {"resources": {"cpu": "4"}, "engine": {"tensorParallelSize": 1}},
            {"resources": {"gpu": {"count": 2}}, "engine": {"tensorParallelSize": 2}},
        ],
        "bad": [
            {"engine": {"tensorParallelSize": 2}},
            {"resources": {"cpu": "4"}, "engine": {"tensorParallelSize": 2}},
        ],
    },
    # DifyModel: the cache claim's identity is immutable (transition rules on spec).
    ("DifyModel", "spec",
     "cache.existingClaimName is immutable: to serve from another claim, delete and recreate the DifyModel"): {
        "good": [
            Update({}, {}),
            Update({"cache": {"existingClaimName": "a"}}, {"cache": {"existingClaimName": "a", "preload": False}}),
            Update({"cache": {"size": "10Gi"}}, {"cache": {"size": "20Gi"}}),
            # An empty name means none, like an absent one.
            Update({}, {"cache": {"existingClaimName": ""}}),
        ],
        "bad": [
            Update({"cache": {"existingClaimName": "a"}}, {"cache": {"existingClaimName": "b"}}),
            Update({}, {"cache": {"existingClaimName": "a"}}),
            Update({"cache": {}}, {"cache": {"existingClaimName": "a"}}),
            Update({"cache": {"existingClaimName": "a"}}, {"cache": {}}),
            Update({"cache": {"existingClaimName": "a"}}, {}),
        ],
    },
    ("DifyModel", "spec",
     "cache.storageClassName is immutable: a new class would orphan the cache PVC; delete and recreate the DifyModel instead"): {
        "good": [
            Update({}, {}),
            Update({"cache": {"storageClassName": "fast"}}, {"cache": {"storageClassName": "fast", "size": "50Gi"}}),
            Update({}, {"cache": {"size": "50Gi"}}),
        ],
        "bad": [
            Update({"cache": {"storageClassName": "fast"}}, {"cache": {"storageClassName": "slow"}}),
            Update({}, {"cache": {"storageClassName": "fast"}}),
            Update({"cache": {"storageClassName": "fast"}}, {}),
        ],
    },
    ("DifyModel", "spec",
     "cache.accessMode is immutable: a new mode would orphan the cache PVC; delete and recreate the DifyModel instead"): {
        "good": [
            Update({}, {}),
            Update({"cache": {"accessMode": "ReadWriteOnce"}}, {"cache": {"accessMode": "ReadWriteOnce"}}),
            # Absent means the default (ReadWriteMany): adding a cache object changes nothing.
            Update({}, {"cache": {"accessMode": "ReadWriteMany"}}),
            Update({"cache": {"accessMode": "ReadWriteMany"}}, {}),
        ],
        "bad": [
            Update({"cache": {"accessMode": "ReadWriteMany"}}, {"cache": {"accessMode": "ReadWriteOnce"}}),
            Update({}, {"cache": {"accessMode": "ReadWriteOnce"}}),
            Update({"cache": {"accessMode": "ReadWriteOncePod"}}, {"cache": {}}),
        ],
    },
    # DifyModel: engine.
    ("DifyModel", "spec.engine",
     "engine.image is required when engine.type is Custom: there is no default image for it"): {
        "good": [
            {},
            {"type": "vLLM"},
            {"type": "Custom", "image": "example.com/my-server:1.0"},
        ],
        "bad": [
            {"type": "Custom"},
            {"type": "Custom", "port": 8080},
        ],
    },
    # DifyModel: resources.gpu.
    ("DifyModel", "spec.resources.gpu",
     "set exactly one of resources.gpu.count (whole GPUs) and resources.gpu.mig (one MIG slice)"): {
        "good": [
            {"count": 1},
            {"count": 2, "product": "NVIDIA-H100-80GB-HBM3"},
            {"mig": {"profile": "3g.40gb"}},
        ],
        "bad": [
            {},
            {"product": "NVIDIA-H100-80GB-HBM3"},
            {"count": 1, "mig": {"profile": "3g.40gb"}},
        ],
    },
    ("DifyModel", "spec.resources.gpu",
     "resources.gpu.mig.profile auto picks from the product's MIG catalogue: set resources.gpu.product, e.g. NVIDIA-H100-80GB-HBM3"): {
        "good": [
            {"count": 1},
            {"mig": {"profile": "3g.40gb"}},
            {"mig": {"profile": "auto"}, "product": "NVIDIA-H100-80GB-HBM3"},
        ],
        "bad": [
            {"mig": {"profile": "auto"}},
            {"mig": {"profile": "auto", "strategy": "single"}},
        ],
    },
    # DifyModel: source.uri.
    ("DifyModel", "spec.source.uri",
     "source.uri must start with one of hf://, s3://, gs://, pvc://, oci://, ollama://, http://, https://, e.g. hf://meta-llama/Meta-Llama-3-8B-Instruct"): {
        "good": [
            "hf://meta-llama/Meta-Llama-3-8B-Instruct", "s3://bucket/path", "gs://bucket/path", "pvc://claim/path",
            "oci://registry.example.com/models/llama:8b", "ollama://nomic-embed-text", "http://example.com/m.gguf",
            "https://example.com/m.gguf",
        ],
        "bad": ["ftp://example.com/model", "meta-llama/Meta-Llama-3-8B-Instruct", "HF://org/model", "hf:/org/model", ""],
    },
    # DifyDeployment.
    ("DifyDeployment", "spec.autoscaling", "autoscaling.minReplicas must not exceed autoscaling.maxReplicas"): {
        "good": [{"maxReplicas": 3}, {"minReplicas": 1, "maxReplicas": 3}, {"minReplicas": 3, "maxReplicas": 3}],
        "bad": [{"minReplicas": 4, "maxReplicas": 3}],
    },
    ("DifyDeployment", "spec.modelRef", "modelRef.name must name a DifyModel in this namespace"): {
        "good": [{"name": "llama3-8b"}],
        "bad": [{"name": ""}],
    },
    ("DifyDeployment", "spec.strategy.rollingUpdate",
     "rollingUpdate.maxSurge and rollingUpdate.maxUnavailable cannot both be 0: the rollout could never replace a pod"): {
        "good": [{}, {"maxSurge": 0}, {"maxUnavailable": 0, "maxSurge": 1}, {"maxSurge": 0, "maxUnavailable": 1}],
        "bad": [{"maxSurge": 0, "maxUnavailable": 0}, {"maxUnavailable": 0}],
    },
}


def load_crds():
    """kind -> openAPIV3Schema of each CRD in crds/."""
    schemas = {}
    for path in sorted((ROOT / "crds").glob("*.yaml")):
        for doc in yaml.safe_load_all(path.read_text()):
            if doc and doc.get("kind") == "CustomResourceDefinition":
                kind = doc["spec"]["names"]["kind"]
                schemas[kind] = doc["spec"]["versions"][0]["schema"]["openAPIV3Schema"]
    return schemas


def collect_rules(node, place=()):
    """(place, rule) for every x-kubernetes-validations entry, depth first."""
    found = [(place, rule) for rule in node.get("x-kubernetes-validations", [])]
    for name, child in sorted(node.get("properties", {}).items()):
        found += collect_rules(child, place + (name,))
    if isinstance(node.get("items"), dict):
        found += collect_rules(node["items"], place + ("[]",))
    if isinstance(node.get("additionalProperties"), dict):
        found += collect_rules(node["additionalProperties"], place + ("{}",))
    return found


def values_at(value, place):
    """The values at `place` in an object (several below lists and maps)."""
    if not place:
        return [value]
    step, rest = place[0], place[1:]
    if step == "[]":
        return [v for item in (value if isinstance(value, list) else []) for v in values_at(item, rest)]
    if step == "{}":
        return [v for item in (value.values() if isinstance(value, dict) else []) for v in values_at(item, rest)]
    if isinstance(value, dict) and step in value:
        return values_at(value[step], rest)
    return []


def apply_defaults(value, node):
    """kube-apiserver's defaulting: absent properties of present objects get their `default`,
    then defaulting descends into every present value."""
    if isinstance(value, dict):
        for name, child in node.get("properties", {}).items():
            if name not in value and "default" in child:
                value[name] = child["default"]
        for name, v in value.items():
            if name in node.get("properties", {}):
                apply_defaults(v, node["properties"][name])
            elif isinstance(node.get("additionalProperties"), dict):
                apply_defaults(v, node["additionalProperties"])
    elif isinstance(value, list) and isinstance(node.get("items"), dict):
        for v in value:
            apply_defaults(v, node["items"])
    return value


ENV = celpy.Environment()
PROGRAMS = {}


def evaluate(rule, self_value, old_value=None, transition=False):
    """True or False, or the error text when the expression cannot be evaluated (which
    kube-apiserver also reports as a failure, but not with the rule's message)."""
    text = rule["rule"]
    if text not in PROGRAMS:
        PROGRAMS[text] = ENV.program(ENV.compile(text))
    activation = {"self": celpy.json_to_cel(self_value)}
    if transition:
        activation["oldSelf"] = celpy.json_to_cel(old_value)
    try:
        result = PROGRAMS[text].evaluate(activation)
    except celpy.CELEvalError as error:
        return f"error: {error.args[0] if error.args else error}"
    if isinstance(result, celpy.CELEvalError):
        return f"error: {result.args[0] if result.args else result}"
    return bool(result)


def where(kind, place, rule):
    field = ".".join(p for p in place) or "<root>"
    if rule.get("fieldPath"):
        field += rule["fieldPath"]
    return f"{kind} {field}"


def main():
    schemas = load_crds()
    if not schemas:
        print("cel-check: no CRDs in crds/")
        return 1
    rules = [(kind, place, rule) for kind, schema in schemas.items() for place, rule in collect_rules(schema)]
    passed, failures = 0, []

    def record(ok, text):
        nonlocal passed
        if ok:
            passed += 1
            if VERBOSE:
                print("PASS " + text)
        else:
            failures.append(text)
            print("FAIL " + text)

    # 1. The table: every rule has failing cases, every entry belongs to a rule.
    keys = set()
    for kind, place, rule in rules:
        key = (kind, ".".join(place), rule.get("message", ""))
        keys.add(key)
        transition = "oldSelf" in rule["rule"]
        cases = CASES.get(key)
        if not cases or not cases.get("bad"):
            record(False, f"{where(kind, place, rule)}: rule has no failing case in CASES: {rule['rule']!r} ({rule.get('message')!r})")
            continue
        for expected, values in ((True, cases.get("good", [])), (False, cases["bad"])):
            for case in values:
                if transition != isinstance(case, Update):
                    record(False, f"{where(kind, place, rule)}: {case!r}: transition rules take Update(old, new) cases, others plain values")
                    continue
                result = evaluate(rule, case.new, case.old, True) if transition else evaluate(rule, case)
                ok = result is expected
                outcome = "passes" if result is True else (f"fails: {rule['message']}" if result is False else result)
                record(ok, f"{where(kind, place, rule)}: {case!r} {outcome}")
    for key in sorted(set(CASES) - keys):
        record(False, f"CASES entry matches no rule of the CRDs (stale?): {key}")

    # 2. The samples, defaulted as the API server defaults them, pass every rule; an update
    # that changes nothing passes the transition rules.
    sample_files = sorted((ROOT / "crds" / "samples").glob("*.yaml"))
    for path in sample_files:
        for doc in yaml.safe_load_all(path.read_text()):
            if not doc or doc.get("kind") not in schemas:
                continue
            obj = apply_defaults(doc, schemas[doc["kind"]])
            for kind, place, rule in rules:
                if kind != doc["kind"]:
                    continue
                transition = "oldSelf" in rule["rule"]
                for value in values_at(obj, place):
                    result = evaluate(rule, value, value, transition)
                    text = f"{path.name}: {where(kind, place, rule)} ({rule.get('message', '')})"
                    record(result is True, text + ("" if result is True else f": {result if result is not False else rule['message']}"))

    print(f"cel-check: {len(rules)} rules, {passed} cases passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
