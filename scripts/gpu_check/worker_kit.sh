#!/usr/bin/env bash
# Packs the worker's studio (./farm bench studio-load), the .NET runtime it runs on and ONNX Runtime's CUDA natives for
# a GPU machine that has CUDA 13 and cuDNN 9 in its Python packages but no .NET, and takes at most 64 MiB per run:
# three parts, .farm/gpu-worker/{a,b,c}, each carried by one run of the device tool while the machine stays warm
# (scripts/gpu_check/worker_run.sh unpacks and runs them there).
#
# ONNX Runtime's CUDA provider (284 MB) is mostly GPU code for six architectures (sm_75 … sm_120). The GPU machine is an
# H200 (sm_90): every other architecture's code is zeroed where an sm_90 build of the same kernels sits beside it
# (gpu_check/fatbin_keep.py), which leaves the file's layout as it is and zstd/xz squeeze the zeros away; kernels built
# for no sm_90 are kept whole. Run after `dotnet build RenderFarm.sln -c Release`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
arch="${GPU_ARCH:-90}"
shared="${RENDERFARM_SHARED:-../shared}"
bin=tests/RenderFarm.Benchmarks/bin/Release/net10.0
native="$bin/runtimes/linux-x64/native"
dotnet_root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
out=.farm/gpu-worker
rm -rf "$out" && mkdir -p "$out/a" "$out/b" "$out/c" "$out/stage/app" "$out/stage/shared/models" "$out/stage/shared/styles" "$out/stage/shared/testdata/faces"

# a: the CUDA provider, its other architectures zeroed
python3 scripts/gpu_check/fatbin_keep.py "$native/libonnxruntime_providers_cuda.so" "$out/stage/cuda.so" "$arch"
xz -9 -T2 -c "$out/stage/cuda.so" >"$out/a/providers_cuda.so.xz"

# b: the .NET runtime and ONNX Runtime itself
tar -C "$dotnet_root" -cf - dotnet host shared/Microsoft.NETCore.App shared/Microsoft.AspNetCore.App | xz -9 -T2 >"$out/b/dotnet.tar.xz"
xz -9 -T2 -c "$native/libonnxruntime.so" >"$out/b/libonnxruntime.so.xz"

# c: the bench's build (Linux x64 natives only; the CUDA provider and ONNX Runtime come in a and b) and the data it reads
tar -C "$bin" --exclude=./runtimes --exclude=./libonnxruntime.so --exclude=./libonnxruntime_providers_cuda.so -cf - . | tar -C "$out/stage/app" -xf -
mkdir -p "$out/stage/app/runtimes/linux-x64/native"
for lib in libSkiaSharp.so libonnxruntime_providers_shared.so libonnxruntime_providers_tensorrt.so; do
  cp "$native/$lib" "$out/stage/app/runtimes/linux-x64/native/"
done
for file in $(grep -o '"file": "[^"]*"' models/manifest.json | cut -d'"' -f4 | sort -u); do
  if [[ -f "$shared/models/$file" ]]; then cp "$shared/models/$file" "$out/stage/shared/models/"; fi
  if [[ -f "$shared/styles/$file" ]]; then cp "$shared/styles/$file" "$out/stage/shared/styles/"; fi
done
cp "$shared/models/ultraface-rfb-320.onnx" "$shared/models/selfie-segmentation.onnx" "$out/stage/shared/models/"
cp "$shared"/testdata/faces/* "$out/stage/shared/testdata/faces/"
# The worker image installs libjpeg-turbo (Debian's libturbojpeg0); a bare GPU machine may not have it.
mkdir -p "$out/stage/lib" && cp -L /usr/lib/x86_64-linux-gnu/libturbojpeg.so.0 "$out/stage/lib/"
tar -C "$out/stage" -cf - app shared lib | xz -9 -T2 >"$out/c/app.tar.xz"
rm -rf "$out/stage"
du -b "$out"/*/* | awk '{printf "%6.1f MiB  %s\n", $1 / 1048576, $2}'
