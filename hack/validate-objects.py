#!/usr/bin/env python3
"""Validates Kubernetes objects with kubernetes-validate in strict mode (unknown fields are
errors) against Kubernetes 1.29 and the newest version the tool ships.

Usage: hack/validate-objects.py FILE...   (each FILE: a JSON object, or a List with items)
Prints one line per object and version; exits 1 if any object fails.
"""
import json
import sys

import kubernetes_validate
from kubernetes_validate import utils

OLDEST = "1.29.0"


def objects(path):
    with open(path) as f:
        data = json.load(f)
    if data.get("kind", "").endswith("List") and "items" in data:
        return data["items"]
    return [data]


def main(paths):
    versions = [OLDEST, utils.latest_version()]
    passed = failed = 0
    for path in paths:
        for obj in objects(path):
            name = f'{obj.get("kind")} {obj.get("metadata", {}).get("namespace", "")}/{obj.get("metadata", {}).get("name")}'
            for version in versions:
                try:
                    kubernetes_validate.validate(obj, version, strict=True)
                    passed += 1
                except kubernetes_validate.ValidationError as e:
                    failed += 1
                    print(f"FAIL {name} (Kubernetes {version}): {e.message} at {'.'.join(str(p) for p in e.path)}")
                except kubernetes_validate.SchemaNotFoundError as e:
                    failed += 1
                    print(f"FAIL {name} (Kubernetes {version}): no schema: {e}")
    print(f"kubernetes-validate --strict ({', '.join(versions)}): {passed} passed, {failed} failed")
    if passed + failed == 0:
        print("FAIL no objects to validate")
        return 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
