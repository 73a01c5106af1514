# syntax=docker/dockerfile:1
# RenderFarm Gateway (upload API, port 8080).
#   docker build -f deploy/docker/Gateway.Dockerfile -t renderfarm/gateway:dev .
# Build context: the repository root (see .dockerignore). Multi-arch: docker buildx build --platform linux/amd64,linux/arm64 ...

# ---- build: restore against the project files first so the package layer caches across source edits ----
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG TARGETARCH
WORKDIR /src
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
COPY Directory.Build.props Directory.Packages.props ./
COPY src/Contracts/RenderFarm.Contracts.csproj src/Contracts/
COPY src/ServiceDefaults/RenderFarm.ServiceDefaults.csproj src/ServiceDefaults/
COPY src/Gateway/RenderFarm.Gateway.csproj src/Gateway/
RUN dotnet restore src/Gateway/RenderFarm.Gateway.csproj -a "$TARGETARCH"
COPY src/ src/
RUN dotnet publish src/Gateway/RenderFarm.Gateway.csproj -c Release -a "$TARGETARCH" --no-restore \
      -p:UseAppHost=false -o /app

# ---- runtime: chiseled Ubuntu (no shell, no package manager), non-root UID 1654 ----
# The app runs with InvariantGlobalization, so the ICU-less chiseled image is enough.
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled AS runtime
WORKDIR /app
COPY --from=build /app ./
# The painter manifest and built-in painters: the Gateway lists the styles whose files it can see
# (/api/styles); pretrained painters are fetched into /models by the deployment's init container.
COPY models/ ./models/
ENV Urls=http://0.0.0.0:8080 \
    ASPNETCORE_HTTP_PORTS= \
    Painters__Manifest=/app/models/manifest.json \
    Painters__ModelDirectories__0=/app/models \
    HOME=/tmp \
    TMPDIR=/tmp \
    DOTNET_RUNNING_IN_CONTAINER=true
# Numeric so Kubernetes can enforce runAsNonRoot. The root filesystem may be read-only: only /tmp is written
# (ASP.NET buffers large multipart uploads there), so mount an emptyDir at /tmp.
USER 1654:1654
EXPOSE 8080
ENTRYPOINT ["dotnet", "RenderFarm.Gateway.dll"]
