#!/usr/bin/env bash
# Builds everything and runs every test. This is the project's one test command: CI runs it
# through .ci/run on a clean clone. It installs what it needs itself (Python tools pinned in
# hack/requirements.txt, into .venv).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "==> Python test tools (hack/requirements.txt -> .venv)"
if [ ! -x .venv/bin/python ] || ! cmp -s hack/requirements.txt .venv/requirements.installed; then
  python3 -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check -r hack/requirements.txt
  cp hack/requirements.txt .venv/requirements.installed
fi

echo "==> swift build (all targets, with tests)"
swift build --build-tests

echo "==> CLI smoke test"
swift run --skip-build dify-operator version

echo "==> swift test"
swift test --skip-build

echo "==> CEL rules of the CRDs (cel-python)"
.venv/bin/python hack/cel-check.py

echo "==> GitOps health checks: Argo CD Lua (lupa) and Flux CEL (cel-python)"
.venv/bin/python hack/gitops-check.py

echo "==> conformance: real kubectl and the official Python client against the emulator"
hack/kubectl-conformance.sh "$(swift build --show-bin-path)/dify-operator"

echo "==> operator end to end: the samples through the real kubectl, kubernetes-validate --strict"
hack/operator-e2e.sh "$(swift build --show-bin-path)/dify-operator"

echo "==> Helm chart: lint, render matrix, kubernetes-validate, values schema"
.venv/bin/python hack/chart-check.py

echo "==> Helm chart: helm install and uninstall into the emulator (Helm's install action)"
.venv/bin/python hack/chart-install.py "$(swift build --show-bin-path)/dify-operator"
