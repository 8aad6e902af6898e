"""Public images (Docker Hub, MCR) that `docker pull` and `az acr import` can reach, with shared base layers."""

from __future__ import annotations

import functools
import hashlib

from .artifacts import ImageConfig, ImageContent, Layer
from .ids import sha256_digest

MB = 1024 * 1024
KB = 1024


def _layer(key: str, size: int, created_by: str = "") -> Layer:
    return Layer(digest=sha256_digest(f"acrlab-layer:{key}".encode()), size=size, created_by=created_by)


# Base layers shared across images, as real images share them.
DEBIAN = [_layer("debian:bookworm", 49_580 * KB, "ADD rootfs.tar.xz / # debian bookworm")]
DEBIAN_SLIM = [_layer("debian:bookworm-slim", 29_130 * KB, "ADD rootfs.tar.xz / # debian bookworm-slim")]
ALPINE = [_layer("alpine:3.20", 3_620 * KB, "ADD alpine-minirootfs-3.20.3-x86_64.tar.gz /")]
UBUNTU_2404 = [_layer("ubuntu:24.04", 29_750 * KB, "ADD ubuntu-noble-oci-amd64-root.tar.gz /")]
UBUNTU_2204 = [_layer("ubuntu:22.04", 30_440 * KB, "ADD ubuntu-jammy-oci-amd64-root.tar.gz /")]
BUILDPACK = DEBIAN + [_layer("buildpack-deps:bookworm-curl", 24_050 * KB), _layer("buildpack-deps:bookworm-scm", 64_390 * KB),
                      _layer("buildpack-deps:bookworm", 211_300 * KB)]
PY312_SLIM = DEBIAN_SLIM + [_layer("python3.12-slim:1", 3_510 * KB), _layer("python3.12-slim:2", 12_730 * KB),
                            _layer("python3.12-slim:3", 250)]
PY312 = BUILDPACK + [_layer("python3.12:1", 6_160 * KB), _layer("python3.12:2", 24_900 * KB), _layer("python3.12:3", 250)]
NODE20 = BUILDPACK + [_layer("node20:1", 3_330 * KB), _layer("node20:2", 48_160 * KB), _layer("node20:3", 1_250 * KB),
                      _layer("node20:4", 450)]
NODE20_ALPINE = ALPINE + [_layer("node20-alpine:1", 42_360 * KB), _layer("node20-alpine:2", 1_390 * KB),
                          _layer("node20-alpine:3", 450)]
NGINX = DEBIAN_SLIM + [_layer(f"nginx:1.27:{i}", s) for i, s in
                       enumerate([41_830 * KB, 628, 956, 404, 1_210, 1_400])]
NGINX_ALPINE = ALPINE + [_layer(f"nginx-alpine:1.27:{i}", s) for i, s in
                         enumerate([1_790 * KB, 628, 956, 404, 1_210, 1_400, 13_470 * KB])]
REDIS = DEBIAN_SLIM + [_layer(f"redis:7.4:{i}", s) for i, s in enumerate([1_100, 1_520 * KB, 1_180 * KB, 15_270 * KB, 97, 575])]
RUNTIME_DEPS_8 = DEBIAN_SLIM + [_layer("dotnet-runtime-deps:8.0", 3_340 * KB)]
RUNTIME_8 = RUNTIME_DEPS_8 + [_layer("dotnet-runtime:8.0:1", 31_560 * KB), _layer("dotnet-runtime:8.0:2", 155)]
ASPNET_8 = RUNTIME_8 + [_layer("dotnet-aspnet:8.0", 10_560 * KB)]
SDK_8 = ASPNET_8 + [_layer("dotnet-sdk:8.0:1", 25_370 * KB), _layer("dotnet-sdk:8.0:2", 181_630 * KB),
                    _layer("dotnet-sdk:8.0:3", 13_940 * KB)]
AZURE_CLI = ALPINE + [_layer("azure-cli:1", 95_300 * KB), _layer("azure-cli:2", 210_500 * KB)]
HELLO = [_layer("hello-world:latest", 2_459, "COPY hello / # buildkit")]
MCR_HELLO = [_layer("mcr-hello-world:latest", 974_480, "COPY hello /")]
ACR_CLI = ALPINE + [_layer("acr-cli:0.19", 9_800 * KB)]
ALPINE_319 = [_layer("alpine:3.19", 3_420 * KB, "ADD alpine-minirootfs-3.19.4-x86_64.tar.gz /")]
PY311_SLIM = DEBIAN_SLIM + [_layer("python3.11-slim:1", 3_510 * KB), _layer("python3.11-slim:2", 12_150 * KB),
                            _layer("python3.11-slim:3", 245)]
PY312_ALPINE = ALPINE + [_layer("python3.12-alpine:1", 460 * KB), _layer("python3.12-alpine:2", 13_620 * KB),
                         _layer("python3.12-alpine:3", 250)]
NODE22 = BUILDPACK + [_layer("node22:1", 3_330 * KB), _layer("node22:2", 49_120 * KB), _layer("node22:3", 1_250 * KB),
                      _layer("node22:4", 450)]
NODE22_ALPINE = ALPINE + [_layer("node22-alpine:1", 43_080 * KB), _layer("node22-alpine:2", 1_390 * KB),
                          _layer("node22-alpine:3", 450)]
REDIS_ALPINE = ALPINE + [_layer(f"redis-alpine:7.4:{i}", s) for i, s in enumerate([970, 1_010 * KB, 12_580 * KB, 98, 575])]
ACI_HELLO = ALPINE_319 + [_layer("aci-helloworld:1", 17_940 * KB, "RUN apk add --no-cache nodejs npm"),
                          _layer("aci-helloworld:2", 2_080 * KB, "COPY . /usr/src/app")]
ASPNET_SAMPLE = ASPNET_8 + [_layer("dotnet-samples:aspnetapp", 4_710 * KB, "COPY /app .")]

# reference (registry/repository:tag) -> layers. Aliases point at the same content.
IMAGES: dict[str, list[Layer]] = {
    "docker.io/library/hello-world:latest": HELLO,
    "docker.io/library/alpine:3.20": ALPINE,
    "docker.io/library/alpine:latest": ALPINE,
    "docker.io/library/debian:bookworm": DEBIAN,
    "docker.io/library/debian:bookworm-slim": DEBIAN_SLIM,
    "docker.io/library/debian:latest": DEBIAN,
    "docker.io/library/ubuntu:24.04": UBUNTU_2404,
    "docker.io/library/ubuntu:latest": UBUNTU_2404,
    "docker.io/library/ubuntu:22.04": UBUNTU_2204,
    "docker.io/library/nginx:1.27": NGINX,
    "docker.io/library/nginx:latest": NGINX,
    "docker.io/library/nginx:alpine": NGINX_ALPINE,
    "docker.io/library/python:3.12": PY312,
    "docker.io/library/python:latest": PY312,
    "docker.io/library/python:3.12-slim": PY312_SLIM,
    "docker.io/library/node:20": NODE20,
    "docker.io/library/node:lts": NODE20,
    "docker.io/library/node:latest": NODE20,
    "docker.io/library/node:20-alpine": NODE20_ALPINE,
    "docker.io/library/redis:7.4": REDIS,
    "docker.io/library/redis:latest": REDIS,
    "docker.io/library/buildpack-deps:bookworm": BUILDPACK,
    "mcr.microsoft.com/hello-world:latest": MCR_HELLO,
    "mcr.microsoft.com/dotnet/runtime-deps:8.0": RUNTIME_DEPS_8,
    "mcr.microsoft.com/dotnet/runtime:8.0": RUNTIME_8,
    "mcr.microsoft.com/dotnet/aspnet:8.0": ASPNET_8,
    "mcr.microsoft.com/dotnet/sdk:8.0": SDK_8,
    "mcr.microsoft.com/azure-cli:latest": AZURE_CLI,
    "mcr.microsoft.com/acr/acr-cli:0.19": ACR_CLI,
    "docker.io/library/alpine:3.19": ALPINE_319,
    "docker.io/library/python:3.11-slim": PY311_SLIM,
    "docker.io/library/python:3.12-alpine": PY312_ALPINE,
    "docker.io/library/python:alpine": PY312_ALPINE,
    "docker.io/library/node:22": NODE22,
    "docker.io/library/node:22-alpine": NODE22_ALPINE,
    "docker.io/library/node:alpine": NODE22_ALPINE,
    "docker.io/library/redis:alpine": REDIS_ALPINE,
    "docker.io/library/redis:7.4-alpine": REDIS_ALPINE,
    "docker.io/library/nginx:stable": NGINX,
    "mcr.microsoft.com/mcr/hello-world:latest": MCR_HELLO,
    "mcr.microsoft.com/azuredocs/aci-helloworld:latest": ACI_HELLO,
    "mcr.microsoft.com/dotnet/samples:aspnetapp": ASPNET_SAMPLE,
    "mcr.microsoft.com/azure-cli:2.67.0": AZURE_CLI,
    "mcr.microsoft.com/acr/acr-cli:latest": ACR_CLI,
}

_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
_DOTNET = [_PATH, "APP_UID=1654", "ASPNETCORE_HTTP_PORTS=8080", "DOTNET_RUNNING_IN_CONTAINER=true",
           "DOTNET_VERSION=8.0.11"]
# Runtime config of each image family (what `docker inspect` shows and what `FROM` inherits), by layer list.
CONFIGS: list[tuple[list[Layer], ImageConfig]] = [
    (HELLO, ImageConfig(cmd=["/hello"])),
    (MCR_HELLO, ImageConfig(cmd=["/hello"])),
    (ALPINE, ImageConfig(cmd=["/bin/sh"])),
    (ALPINE_319, ImageConfig(cmd=["/bin/sh"])),
    (DEBIAN, ImageConfig(cmd=["bash"])),
    (DEBIAN_SLIM, ImageConfig(cmd=["bash"])),
    (UBUNTU_2404, ImageConfig(cmd=["/bin/bash"])),
    (UBUNTU_2204, ImageConfig(cmd=["/bin/bash"])),
    (BUILDPACK, ImageConfig(cmd=["bash"])),
    (NGINX, ImageConfig(env=[_PATH, "NGINX_VERSION=1.27.3"], entrypoint=["/docker-entrypoint.sh"],
                        cmd=["nginx", "-g", "daemon off;"], exposed_ports=["80/tcp"], stop_signal="SIGQUIT")),
    (NGINX_ALPINE, ImageConfig(env=[_PATH, "NGINX_VERSION=1.27.3"], entrypoint=["/docker-entrypoint.sh"],
                               cmd=["nginx", "-g", "daemon off;"], exposed_ports=["80/tcp"], stop_signal="SIGQUIT")),
    (REDIS, ImageConfig(env=[_PATH, "REDIS_VERSION=7.4.1"], entrypoint=["docker-entrypoint.sh"],
                        cmd=["redis-server"], exposed_ports=["6379/tcp"], volumes=["/data"], working_dir="/data")),
    (REDIS_ALPINE, ImageConfig(env=[_PATH, "REDIS_VERSION=7.4.1"], entrypoint=["docker-entrypoint.sh"],
                               cmd=["redis-server"], exposed_ports=["6379/tcp"], volumes=["/data"],
                               working_dir="/data")),
    *[(py, ImageConfig(env=[_PATH, "LANG=C.UTF-8", f"PYTHON_VERSION={v}"], cmd=["python3"]))
      for py, v in ((PY312, "3.12.8"), (PY312_SLIM, "3.12.8"), (PY311_SLIM, "3.11.11"), (PY312_ALPINE, "3.12.8"))],
    *[(nd, ImageConfig(env=[_PATH, f"NODE_VERSION={v}", "YARN_VERSION=1.22.22"], entrypoint=["docker-entrypoint.sh"],
                       cmd=["node"])) for nd, v in ((NODE20, "20.18.1"), (NODE20_ALPINE, "20.18.1"),
                                                    (NODE22, "22.12.0"), (NODE22_ALPINE, "22.12.0"))],
    (RUNTIME_DEPS_8, ImageConfig(env=[_PATH, "APP_UID=1654", "ASPNETCORE_HTTP_PORTS=8080",
                                      "DOTNET_RUNNING_IN_CONTAINER=true"])),
    (RUNTIME_8, ImageConfig(env=_DOTNET)),
    (ASPNET_8, ImageConfig(env=[*_DOTNET, "ASPNET_VERSION=8.0.11"])),
    (SDK_8, ImageConfig(env=[*_DOTNET, "ASPNET_VERSION=8.0.11", "DOTNET_SDK_VERSION=8.0.404",
                             "DOTNET_GENERATE_ASPNET_CERTIFICATE=false", "NUGET_XMLDOC_MODE=skip"])),
    (ASPNET_SAMPLE, ImageConfig(env=[*_DOTNET, "ASPNET_VERSION=8.0.11"], working_dir="/app", user="$APP_UID",
                                entrypoint=["./aspnetapp"], exposed_ports=["8080/tcp"])),
    (AZURE_CLI, ImageConfig(env=[_PATH, "AZ_INSTALLER=DOCKER"], cmd=["bash"])),
    (ACR_CLI, ImageConfig(entrypoint=["acr"])),
    (ACI_HELLO, ImageConfig(env=[_PATH, "PORT=80"], cmd=["node", "/usr/src/app/index.js"], exposed_ports=["80/tcp"],
                            working_dir="/usr/src/app")),
]


def config_for(layers: list[Layer]) -> ImageConfig | None:
    for known, cfg in CONFIGS:
        if known is layers:
            return cfg.model_copy(deep=True)
    return None

PUBLIC_REGISTRIES = {"docker.io", "mcr.microsoft.com"}


def normalize_reference(ref: str) -> tuple[str, str, str]:
    """`nginx` -> ('docker.io', 'library/nginx', 'latest'); `mcr.microsoft.com/dotnet/sdk:8.0` -> (...).

    Digest references keep the digest as the tag part (`sha256:...`), also in the `name:tag@digest` form."""
    registry = "docker.io"
    rest = ref
    first = ref.split("/", 1)[0]
    if "/" in ref and ("." in first or ":" in first or first == "localhost"):
        registry, rest = ref.split("/", 1)
    if registry in ("index.docker.io", "registry-1.docker.io", "registry.hub.docker.com"):
        registry = "docker.io"
    if "@" in rest:
        repo, tag = rest.split("@", 1)
        if ":" in repo.rsplit("/", 1)[-1]:  # name:tag@digest: the digest decides, the tag is ignored
            repo = repo.rsplit(":", 1)[0]
    elif ":" in rest.rsplit("/", 1)[-1]:
        repo, tag = rest.rsplit(":", 1)
    else:
        repo, tag = rest, "latest"
    if registry == "docker.io" and "/" not in repo:
        repo = f"library/{repo}"
    return registry.lower(), repo, tag


def content_for(layers: list[Layer], key: str) -> ImageContent:
    config = hashlib.sha256(f"acrlab-config:{key}".encode()).hexdigest()
    return ImageContent(config_digest=f"sha256:{config}", config_size=1_500 + len(layers) * 120, layers=layers,
                        config=config_for(layers))


def find_public(ref: str, overrides: dict[str, ImageContent] | None = None) -> ImageContent | None:
    """A public image by reference (tag or digest), or None. `overrides` holds newer base-image versions."""
    registry, repo, tag = normalize_reference(ref)
    key = f"{registry}/{repo}:{tag}"
    if overrides and key in overrides:
        return overrides[key]
    if tag.startswith("sha256:"):
        for k in IMAGES:
            c = overrides.get(k) if overrides and k in overrides else _catalog_content(k)
            if c is not None and k.startswith(f"{registry}/{repo}:") and c.digest == tag:
                return c
        return None
    return _catalog_content(key)


@functools.cache
def _catalog_content(key: str) -> ImageContent | None:
    """One shared ImageContent per catalogue tag (callers copy before changing anything)."""
    layers = IMAGES.get(key)
    if layers is None:
        return None
    return content_for(layers, _canonical(key))


def _canonical(key: str) -> str:
    """Aliases (nginx:latest and nginx:1.27) share one config, so they share one digest."""
    target = IMAGES[key]
    for k, v in IMAGES.items():
        if v is target:
            return k
    return key


def repository_exists(registry: str, repo: str) -> bool:
    return any(k.startswith(f"{registry}/{repo}:") for k in IMAGES)
