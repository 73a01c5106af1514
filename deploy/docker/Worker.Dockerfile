# syntax=docker/dockerfile:1
# RenderFarm Worker (paints with ONNX Runtime on a CUDA GPU, or on the CPU; health on port 8082).
#   docker build -f deploy/docker/Worker.Dockerfile -t renderfarm/worker:dev .
# Build context: the repository root (see .dockerignore). linux/amd64 only (the CUDA build of ONNX Runtime we use
# ships x64 natives). The same image paints on the CPU when Execution__Provider=cpu (or auto without a GPU).
#
# Microsoft.ML.OnnxRuntime.Gpu.Linux 1.31.0 is built against CUDA 13 (libcublasLt.so.13, libcudart.so.13) and
# cuDNN 9, so the runtime stage is NVIDIA's CUDA 13 runtime image with cuDNN. The NVIDIA driver (libcuda.so.1)
# is not in the image: the NVIDIA container toolkit mounts the node's driver at run time.
ARG CUDA_IMAGE=nvidia/cuda:13.0.1-cudnn-runtime-ubuntu24.04
ARG DOTNET_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0-noble

# ---- build ----
FROM --platform=linux/amd64 mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
COPY Directory.Build.props Directory.Packages.props ./
COPY src/Contracts/RenderFarm.Contracts.csproj src/Contracts/
COPY src/ServiceDefaults/RenderFarm.ServiceDefaults.csproj src/ServiceDefaults/
COPY src/Worker/RenderFarm.Worker.csproj src/Worker/
RUN dotnet restore src/Worker/RenderFarm.Worker.csproj -r linux-x64
COPY src/ src/
# RID-specific publish flattens the native libraries (libonnxruntime*.so, libSkiaSharp.so) next to the app.
RUN dotnet publish src/Worker/RenderFarm.Worker.csproj -c Release -r linux-x64 --self-contained false --no-restore \
      -p:UseAppHost=false -o /app

# ---- the .NET 10 ASP.NET Core runtime, taken from Microsoft's Ubuntu 24.04 image (same distro as CUDA_IMAGE) ----
FROM --platform=linux/amd64 ${DOTNET_IMAGE} AS dotnet

# ---- runtime ----
FROM --platform=linux/amd64 ${CUDA_IMAGE} AS runtime
ARG CUDA_IMAGE
ENV DEBIAN_FRONTEND=noninteractive
# .NET's native dependencies on Ubuntu 24.04 (no ICU: the app runs with InvariantGlobalization), and libjpeg-turbo's
# TurboJPEG library: the worker decodes and encodes JPEGs with it (SIMD: ~2x Skia's decoder, ~5x its encoder).
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates libssl3t64 zlib1g libstdc++6 libgcc-s1 tzdata libturbojpeg \
 && rm -rf /var/lib/apt/lists/* \
 && ldconfig -p | grep -q 'libturbojpeg\.so\.0'
ENV Jpeg__Codec=libjpeg-turbo
COPY --from=dotnet /usr/share/dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet \
 && groupadd --system --gid 1654 app \
 && useradd --system --uid 1654 --gid 1654 --home-dir /tmp --no-create-home --shell /usr/sbin/nologin app
WORKDIR /app
COPY --from=build /app ./
# Manifest (pinned SHA-256 of every painter) and the built-in painters. Pretrained painters (fns-*.onnx) and the
# face detector are not in the repo: the deployment's init container fetches them into /models and checks them.
COPY models/ ./models/
# Fail the build, not the first GPU job, if the base image lacks what the CUDA provider needs: the libraries it links
# (libcublasLt.so.13, libcublas.so.13, libcudart.so.13, libcurand.so.10; all but the driver's libcuda.so.1, mounted
# at run time) and cuDNN 9, which it loads with dlopen.
RUN missing="$(ldd /app/libonnxruntime_providers_cuda.so | grep 'not found' | grep -v 'libcuda\.so\.' || true)"; \
    if [ -n "$missing" ]; then echo "CUDA provider dependencies missing from ${CUDA_IMAGE}:"; echo "$missing"; exit 1; fi; \
    ldconfig -p | grep -q 'libcudnn\.so\.9' || { echo "cuDNN 9 (libcudnn.so.9) missing from ${CUDA_IMAGE}"; exit 1; }
ENV Urls=http://0.0.0.0:8082 \
    ASPNETCORE_HTTP_PORTS= \
    Painters__Manifest=/app/models/manifest.json \
    Painters__ModelDirectories__0=/app/models \
    Painters__ModelDirectories__1=/models \
    Execution__Provider=auto \
    HOME=/tmp \
    TMPDIR=/tmp \
    DOTNET_RUNNING_IN_CONTAINER=true \
    NVIDIA_VISIBLE_DEVICES=all \
    NVIDIA_DRIVER_CAPABILITIES=compute,utility
# Numeric non-root user; the root filesystem may be read-only (only /tmp is written; mount an emptyDir there).
USER 1654:1654
EXPOSE 8082
# SIGTERM starts the graceful drain (Drain__Timeout, default 1 min): give the container longer than that to stop.
STOPSIGNAL SIGTERM
ENTRYPOINT ["dotnet", "RenderFarm.Worker.dll"]
