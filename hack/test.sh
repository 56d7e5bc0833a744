#!/usr/bin/env bash
# Builds everything and runs every test. This is the project's one test command: CI runs it
# through .ci/run on a clean clone. It installs what it needs itself.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "==> swift build (all targets, with tests)"
swift build --build-tests

echo "==> CLI smoke test"
swift run --skip-build dify-operator version

echo "==> swift test"
swift test --skip-build
