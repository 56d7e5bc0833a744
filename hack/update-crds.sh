#!/usr/bin/env bash
# Regenerates crds/*.yaml from the Swift types (DifyCRDs in Sources/DifyAPI). The DifyAPITests
# fail when the checked-in files differ from what the code generates.
set -euo pipefail
cd "$(dirname "$0")/.."
swift run dify-operator crds --output-dir crds
