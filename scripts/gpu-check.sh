#!/usr/bin/env bash
# The GPU check of docs/PERFORMANCE.md, for a machine with an NVIDIA GPU, CUDA 13 and cuDNN 9 libraries on the loader
# path and .NET (e.g. the worker image with the SDK):
#   bash scripts/gpu-check.sh [painter]   bare ONNX Runtime on CUDA at the canvas size, batch 1/4/8/16, no services
#   bash scripts/gpu-check.sh farm        the whole farm with the worker on CUDA (./farm bench parts 1-4, MaxBatch 8,
#                                         256 queued jobs): the worker's CPU outside the model per portrait, the stage
#                                         models' jobs per run, twice: with the stage models on the node's cores and
#                                         on the device, batched
# Execution:Provider=cuda makes a missing CUDA stack an error instead of a silent CPU fallback.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [[ "${1:-}" == "farm" ]]; then
  for placement in host device; do
    ./farm bench --provider cuda --batch 8 --jobs 256 --scale 1 --memory-jobs 0 \
      --set "Execution:StageModels=$placement" --out ".farm/gpu-farm-$placement.md"
  done
  exit 0
fi
dotnet build tests/RenderFarm.Benchmarks -c Release -v quiet -nologo
dotnet run -c Release --no-build --project tests/RenderFarm.Benchmarks -- \
  --bare-only --provider cuda --painter "${1:-udnie}" --batch 1 --bare-batches 4,8,16
