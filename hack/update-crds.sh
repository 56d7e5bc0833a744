#!/usr/bin/env bash
# Regenerates crds/*.yaml (and the chart's copy) from the Swift types (DifyCRDs in Sources/DifyAPI). The DifyAPITests
# fail when the checked-in files differ from what the code generates.
set -euo pipefail
cd "$(dirname "$0")/.."
swift run dify-operator crds --output-dir crds
# The chart ships the same files (Helm installs crds/ before the templates).
cp crds/dify.ai_*.yaml charts/dify-operator/crds/
