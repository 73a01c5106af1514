# syntax=docker/dockerfile:1
# RenderFarm Gallery (public feed and images, port 8081).
#   docker build -f deploy/docker/Gallery.Dockerfile -t renderfarm/gallery:dev .
# Build context: the repository root (see .dockerignore). Multi-arch: docker buildx build --platform linux/amd64,linux/arm64 ...

FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG TARGETARCH
WORKDIR /src
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
COPY Directory.Build.props Directory.Packages.props ./
COPY src/Contracts/RenderFarm.Contracts.csproj src/Contracts/
COPY src/ServiceDefaults/RenderFarm.ServiceDefaults.csproj src/ServiceDefaults/
COPY src/Gallery/RenderFarm.Gallery.csproj src/Gallery/
RUN dotnet restore src/Gallery/RenderFarm.Gallery.csproj -a "$TARGETARCH"
COPY src/ src/
RUN dotnet publish src/Gallery/RenderFarm.Gallery.csproj -c Release -a "$TARGETARCH" --no-restore \
      -p:UseAppHost=false -o /app

# ---- runtime: chiseled Ubuntu (no shell, no package manager), non-root UID 1654 ----
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled AS runtime
WORKDIR /app
COPY --from=build /app ./
ENV Urls=http://0.0.0.0:8081 \
    ASPNETCORE_HTTP_PORTS= \
    HOME=/tmp \
    TMPDIR=/tmp \
    DOTNET_RUNNING_IN_CONTAINER=true
# Read-only root filesystem friendly: nothing but /tmp is written (mount an emptyDir there).
USER 1654:1654
EXPOSE 8081
ENTRYPOINT ["dotnet", "RenderFarm.Gallery.dll"]
