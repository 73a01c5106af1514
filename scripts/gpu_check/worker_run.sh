#!/usr/bin/env bash
# On the GPU machine, in the repository's root, with the parts of scripts/gpu_check/worker_kit.sh carried one run each:
#   bash scripts/gpu_check/worker_run.sh unpack a|b|c     unpack a part into .farm/gpu-worker/run (kept while the machine stays warm)
#   bash scripts/gpu_check/worker_run.sh bench [OUT]      ./farm bench studio-load on CUDA: the worker's CPU outside the
#                                                         model and its portraits/s (ONNX Runtime's profile of a run
#                                                         first; stage models on the device and on the cores, cuDNN's
#                                                         kernel choice, channels-last, CUDA's spinning and blocking
#                                                         waits, MaxBatch 4 and 8); in OUT/worker-*.md
# CUDA 13, cuBLAS, cuRAND and cuDNN 9 come from the machine's Python packages (nvidia-*); libcuda from its driver.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
run=.farm/gpu-worker/run
mkdir -p "$run"
unxz() { if command -v xz >/dev/null; then xz -dc "$1"; else python3 -c 'import lzma,shutil,sys; shutil.copyfileobj(lzma.open(sys.argv[1]), sys.stdout.buffer)' "$1"; fi; }

case "${1:-}" in
  unpack)
    case "$2" in
      a) unxz .farm/gpu-worker/a/providers_cuda.so.xz >"$run/libonnxruntime_providers_cuda.so"
         nvidia-smi -L || true; command -v xz || echo "no xz: Python's lzma unpacks"; ldconfig -p | grep "libcuda.so.1" || echo "libcuda.so.1 not in the loader cache" ;;
      b) mkdir -p "$run/dotnet" && unxz .farm/gpu-worker/b/dotnet.tar.xz | tar -C "$run/dotnet" -xf -
         unxz .farm/gpu-worker/b/libonnxruntime.so.xz >"$run/libonnxruntime.so" ;;
      c) unxz .farm/gpu-worker/c/app.tar.xz | tar -C "$run" -xf - ;;
    esac
    ls -la "$run"
    exit 0 ;;
  bench) ;;
  *) echo "usage: $0 unpack a|b|c | bench [OUT]" >&2; exit 2 ;;
esac

out="${2:-.farm/gpu-worker/results}"
mkdir -p "$out"
for part in libonnxruntime_providers_cuda.so libonnxruntime.so dotnet/dotnet app/RenderFarm.Benchmarks.dll; do
  [[ -e "$run/$part" ]] || { echo "missing $run/$part: a part was not unpacked on this machine (it went back between runs?)" >&2; exit 3; }
done
native="$run/app/runtimes/linux-x64/native"
cp "$run/libonnxruntime.so" "$run/libonnxruntime_providers_cuda.so" "$native/"
cuda_libs=$(python3 - <<'PY'
import os, site
dirs = set()
for root in site.getsitepackages():
    top = os.path.join(root, "nvidia")
    for here, _, files in os.walk(top):
        if any(f.startswith(("libcublas", "libcudart", "libcurand", "libcudnn", "libcufft", "libnvrtc", "libnvJitLink")) for f in files):
            dirs.add(here)
print(":".join(sorted(dirs)))
PY
)
export LD_LIBRARY_PATH="$PWD/$run/lib:$cuda_libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export DOTNET_ROOT="$PWD/$run/dotnet" DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
export RENDERFARM_SHARED="$PWD/$run/shared"
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader || echo "no nvidia-smi"
echo "cores: $(nproc); CUDA libraries from: $cuda_libs"

bench() { # name, then studio-load's flags
  local name="$1"; shift
  nvidia-smi --query-gpu=utilization.gpu,memory.used --format=csv,noheader,nounits -lms 200 >"$out/smi-$name.csv" 2>/dev/null &
  local smi=$!
  # SIGTERM stops the studio's host (its stage threads) under the bench's jobs, which then wait forever: -k kills it.
  timeout -k 5 "${BENCH_TIMEOUT:-150}" "$DOTNET_ROOT/dotnet" "$run/app/RenderFarm.Benchmarks.dll" studio-load --provider "${BENCH_PROVIDER:-cuda}" "$@" \
    >"$out/worker-$name.md" 2>&1 || echo "($name: exit $?)" >>"$out/worker-$name.md"
  kill "$smi" 2>/dev/null || true
  # GPU busy while the run lasted (samples over 0%: start and warm-up included), and the busiest second's mean.
  awk -F', ' '{n++; s+=$1; if ($1 > 0) busy++; if ($2 > m) m = $2} END {if (n == 0) exit; printf "- nvidia-smi: %d samples, mean utilization %.0f%%, %d%% of samples busy, up to %d MiB\n", n, s / n, 100 * busy / n, m}' \
    "$out/smi-$name.csv" >>"$out/worker-$name.md"
  echo "### $name: $*"; cat "$out/worker-$name.md"; echo
}
jobs="${BENCH_JOBS:-1000}" warmup="${BENCH_WARMUP:-300}"
# Most telling first, so a run cut short still answers the main question: a profiled run whose per-node times and
# ONNX Runtime's warnings (copies put into the graph, convolutions in a slow fallback) say where the painter's time
# goes (ort_profile.py); then 0n's run again (MaxBatch 4, stage models on the device batched; threads now sleep while
# they wait for the GPU), cuDNN's heuristic kernel choice and channels-last convolutions (two suspects for the
# painter's ~59 ms per batch of four against PyTorch's 5.3), CUDA's own spinning wait (as 0n ran), the stage models
# on the cores, and MaxBatch 8 after a warm-up long enough for every batch size's first run.
bench device-4-profiled --jobs 200 --warmup 100 --set Batching:MaxBatch=4 --set Execution:StageModels=device --set "Execution:ProfileDirectory=$PWD/$run/profile"
python3 scripts/gpu_check/ort_profile.py "$run/profile" --skip 50 | tee "$out/profile.md"
bench device-4 --jobs "$jobs" --warmup "$warmup" --set Batching:MaxBatch=4 --set Execution:StageModels=device
bench device-4-heuristic --jobs "$jobs" --warmup "$warmup" --set Batching:MaxBatch=4 --set Execution:StageModels=device --set Execution:CudnnConvAlgoSearch=heuristic
bench device-4-nhwc --jobs "$jobs" --warmup "$warmup" --set Batching:MaxBatch=4 --set Execution:StageModels=device --set Execution:CudaPreferNhwc=true
bench device-4-spin --jobs "$jobs" --warmup "$warmup" --set Batching:MaxBatch=4 --set Execution:StageModels=device --set Execution:CudaSync=auto
bench host-4 --jobs "$jobs" --warmup "$warmup" --set Batching:MaxBatch=4 --set Execution:StageModels=host
bench device-8 --jobs "$jobs" --warmup "$warmup" --set Batching:MaxBatch=8 --set Execution:StageModels=device
