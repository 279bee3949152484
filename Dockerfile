# syntax=docker/dockerfile:1
# CredWatch as a Native AOT binary on a chiseled (distroless) runtime-deps image: no shell, no
# package manager, non-root by default. Build: docker build -t credwatch:local .
# linux-arm64 hosts: docker build --build-arg RID=linux-arm64 --platform linux/arm64 ... (native
# AOT does not cross-compile: build on an arm64 machine or under emulation).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG RID=linux-x64
# The source revision for --version and credwatch_build_info (the build context has no .git):
#   docker build --build-arg REVISION="$(git rev-parse HEAD)" -t credwatch:local .
ARG REVISION=unknown
# Native AOT links with clang; zlib for the runtime's compression support.
RUN apt-get update \
 && apt-get install -y --no-install-recommends clang zlib1g-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
RUN dotnet publish src/CredWatch.Exporter/CredWatch.Exporter.csproj \
      -c Release -r "$RID" -p:PublishAot=true -p:SourceRevisionId="$REVISION" -o /out \
 && rm -f /out/*.dbg /out/*.pdb \
 && mkdir -p /state

FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled AS runtime
# 1654 = the image's non-root "app" user. docker-compose.yml runs the container as the host user
# instead (user:), so files in the read-only mounted home (mode 0600) stay readable.
USER 1654
WORKDIR /app
COPY --from=build --chown=1654:1654 /out/ /app/
COPY --from=build --chown=1654:1654 /state /var/lib/credwatch
ENV CREDWATCH_HOME=/host-home \
    CREDWATCH_STATEDIR=/var/lib/credwatch \
    DOTNET_EnableDiagnostics=0
VOLUME ["/var/lib/credwatch"]
EXPOSE 9797
# The image has no shell and no curl: the binary probes its own /healthz (exit 0 healthy, 1 not).
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 CMD ["/app/credwatch", "healthcheck"]
ENTRYPOINT ["/app/credwatch"]
# Inside a container CredWatch must listen beyond loopback to be scraped: it then reports
# credwatch_web_insecure_exposed=1 (and warns) unless --web.config.file sets TLS/basic auth.
# Publish the port on the host's 127.0.0.1 only (docker-compose.yml does).
CMD ["--web.listen-address", "0.0.0.0:9797"]
