#!/usr/bin/env bash
# The GPU check of docs/PERFORMANCE.md: bare ONNX Runtime on CUDA at the canvas size, batch 1/4/8/16, no services.
# Run on a machine with an NVIDIA GPU, CUDA 13 and cuDNN 9 libraries on the loader path (e.g. the worker image):
#   bash scripts/gpu-check.sh [painter]
# Execution:Provider=cuda makes a missing CUDA stack an error instead of a silent CPU fallback.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dotnet build tests/RenderFarm.Benchmarks -c Release -v quiet -nologo
dotnet run -c Release --no-build --project tests/RenderFarm.Benchmarks -- \
  --bare-only --provider cuda --painter "${1:-udnie}" --batch 1 --bare-batches 4,8,16
