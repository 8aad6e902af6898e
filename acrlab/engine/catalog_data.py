"""The public images of the lab's world (Docker Hub, MCR): layers shared as real images share them, the tags
the ACR docs, tutorials and quickstarts use, runtime configs, and the platforms of multi-arch images.

Which images: every image the container-registry docs pages (MicrosoftDocs/azure-management-docs
articles/container-registry/*.md), the ACR Tasks samples (Azure-Samples/acr-tasks, acr-build-helloworld-node,
importing-public-content/*) and the quickstarts pull, build FROM or import, and their common friends.
Layer sizes are realistic, digests are the lab's own (the real ones change with every upstream rebuild).
"""

from __future__ import annotations

from .artifacts import ImageConfig, Layer
from .ids import sha256_digest
from .oci import Platform

MB = 1024 * 1024
KB = 1024


def _layer(key: str, size: int, created_by: str = "") -> Layer:
    return Layer(digest=sha256_digest(f"acrlab-layer:{key}".encode()), size=size, created_by=created_by)


def _image(key: str, *sizes: int, base: list[Layer] | None = None) -> list[Layer]:
    return list(base or []) + [_layer(f"{key}:{i}", s) for i, s in enumerate(sizes)]


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

NODE9 = _image("node9", 3_920 * KB, 17_060 * KB, 1_120 * KB, base=BUILDPACK)
NODE9_ALPINE = [_layer("alpine:3.8", 2_140 * KB, "ADD alpine-minirootfs-3.8.4-x86_64.tar.gz /")] + \
    _image("node9-alpine", 19_730 * KB, 1_370 * KB)
ALPINE_312 = [_layer("alpine:3.12", 2_800 * KB, "ADD alpine-minirootfs-3.12.1-x86_64.tar.gz /")]
NODE15_ALPINE = ALPINE_312 + _image("node15-alpine", 36_010 * KB, 2_350 * KB, 280)
NODE16_ALPINE = [_layer("alpine:3.18", 3_350 * KB, "ADD alpine-minirootfs-3.18.4-x86_64.tar.gz /")] + \
    _image("node16-alpine", 40_010 * KB, 2_340 * KB, 450)
NODE18_ALPINE = ALPINE_319 + _image("node18-alpine", 40_120 * KB, 1_390 * KB, 450)
NODE24 = _image("node24", 3_330 * KB, 52_980 * KB, 1_250 * KB, 450, base=BUILDPACK)
NODE24_ALPINE = ALPINE + _image("node24-alpine", 49_520 * KB, 1_260 * KB, 450)
BASH = ALPINE + _image("bash:5.2", 2_190 * KB, 400)
BASH_3 = ALPINE + _image("bash:3.0", 1_190 * KB, 380)
TENSORFLOW = UBUNTU_2204 + _image("tensorflow", 43_020 * KB, 96_450 * KB, 211_530 * KB, 265_770 * KB, 8_120 * KB)
TENSORFLOW_GPU = UBUNTU_2204 + _image("tensorflow-gpu", 4_390 * KB, 56_730 * KB, 1_254_800 * KB, 1_610_200 * KB,
                                      522_340 * KB, 265_770 * KB)
JUPYTER_SPARK = UBUNTU_2404 + _image("all-spark-notebook", 13_240 * KB, 81_060 * KB, 495_340 * KB, 372_180 * KB,
                                     389_920 * KB, 48_310 * KB)
MCR_NGINX_1155 = [_layer("alpine:3.8-mcr", 2_210 * KB, "ADD alpine-minirootfs-3.8.1-x86_64.tar.gz /")] + \
    _image("oss-nginx:1.15.5-alpine", 6_640 * KB, 1_120, 630)
SERVERCORE_2022 = [_layer("servercore:ltsc2022:base", 1_436_120 * KB,
                          "Apply image 10.0.20348.4648"), _layer("servercore:ltsc2022:update", 768_010 * KB,
                                                                 "Install update 10.0.20348.4648")]
SERVERCORE_2019 = [_layer("servercore:ltsc2019:base", 1_718_200 * KB, "Apply image 10.0.17763.1"),
                   _layer("servercore:ltsc2019:update", 939_330 * KB, "Install update 10.0.17763.8146")]
DOTNET31_ASPNET = DEBIAN_SLIM + _image("dotnet-core-aspnet:3.1", 16_740 * KB, 30_900 * KB, 8_990 * KB)
DOTNET31_SDK = DEBIAN + _image("dotnet-core-sdk:3.1", 10_000 * KB, 49_520 * KB, 13_690 * KB, 25_090 * KB,
                               129_070 * KB, 9_840 * KB)
ASPNET_9 = _image("dotnet-aspnet:9.0", 3_340 * KB, 31_120 * KB, 155, 10_920 * KB, base=DEBIAN_SLIM)
SDK_9 = _image("dotnet-sdk:9.0", 25_540 * KB, 189_340 * KB, 14_010 * KB, base=ASPNET_9)
MCR_HELLO_112 = [_layer("mcr-hello-world:1.1.2", 974_480, "COPY hello /")]
NGINX_116 = [_layer("debian:buster-slim", 22_520 * KB, "ADD rootfs.tar.xz / # debian buster-slim")] + \
    _image("nginx:1.16.0", 22_250 * KB, 200)  # `helm create`'s scaffold deploys nginx at appVersion 1.16.0
CONNECTED_REGISTRY = ALPINE + _image("connected-registry:1.0.0", 18_230 * KB, 9_120 * KB)
BUSYBOX = [_layer("busybox:1.37", 2_150 * KB, "BusyBox 1.37.0 (glibc), Debian 12")]
# Cloud Native Buildpacks (container-registry-tasks-pack-build.md): the pack runner of `az acr pack build`, the
# builders the page uses and the run images their stacks put under an app
ORYX_PACK = DEBIAN_SLIM + _image("oryx-pack:stable", 14_620 * KB, 310)
CFLINUXFS3_RUN = [_layer("cflinuxfs3:run", 431_880 * KB, "cflinuxfs3 root file system")] + \
    _image("cloudfoundry-run:full-cnb-cflinuxfs3", 2_310)
CNB_CFLINUXFS3 = CFLINUXFS3_RUN + _image("cloudfoundry-cnb:cflinuxfs3", 61_200 * KB, 287_400 * KB, 3_120)
BIONIC_RUN = [_layer("ubuntu:18.04", 25_550 * KB, "ADD file:ubuntu-bionic-core-cloudimg-amd64-root.tar.gz in /")] + \
    _image("cloudfoundry-run:base-cnb", 7_930 * KB, 1_980)
CNB_BIONIC = BIONIC_RUN + _image("cloudfoundry-cnb:bionic", 58_710 * KB, 264_300 * KB, 3_050)
HEROKU_18_RUN = [_layer("heroku:18", 220_140 * KB, "heroku-18 stack image")] + _image("heroku-pack:18", 1_520)
HEROKU_BUILDPACKS_18 = HEROKU_18_RUN + _image("heroku-buildpacks:18", 332_480 * KB, 96_130 * KB, 2_640)

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
    # docs pages, ACR Tasks samples and tutorials (and their friends)
    "docker.io/library/node:9": NODE9,
    "docker.io/library/node:9-alpine": NODE9_ALPINE,
    "docker.io/library/node:15-alpine": NODE15_ALPINE,
    "docker.io/library/node:16-alpine": NODE16_ALPINE,
    "docker.io/library/node:18-alpine": NODE18_ALPINE,
    "docker.io/library/node:24": NODE24,
    "docker.io/library/node:24-alpine": NODE24_ALPINE,
    "docker.io/library/alpine:3.12": ALPINE_312,
    "docker.io/library/bash:latest": BASH,
    "docker.io/library/bash:5.2": BASH,
    "docker.io/library/bash:3.0": BASH_3,
    "docker.io/tensorflow/tensorflow:latest": TENSORFLOW,
    "docker.io/tensorflow/tensorflow:latest-gpu": TENSORFLOW_GPU,
    "docker.io/jupyter/all-spark-notebook:latest": JUPYTER_SPARK,
    "mcr.microsoft.com/oss/nginx/nginx:1.15.5-alpine": MCR_NGINX_1155,
    "docker.io/library/nginx:1.16.0": NGINX_116,
    "mcr.microsoft.com/windows/servercore:ltsc2022": SERVERCORE_2022,
    "mcr.microsoft.com/windows/servercore:ltsc2019": SERVERCORE_2019,
    "mcr.microsoft.com/dotnet/core/aspnet:3.1-buster-slim": DOTNET31_ASPNET,
    "mcr.microsoft.com/dotnet/core/sdk:3.1-buster": DOTNET31_SDK,
    "mcr.microsoft.com/dotnet/aspnet:9.0": ASPNET_9,
    "mcr.microsoft.com/dotnet/sdk:9.0": SDK_9,
    "mcr.microsoft.com/hello-world:1.1.2": MCR_HELLO_112,
    "mcr.microsoft.com/acr/connected-registry:1.0.0": CONNECTED_REGISTRY,
    "docker.io/library/busybox:latest": BUSYBOX,  # buffer-gate-public-content.md imports library/busybox:latest
    "docker.io/library/busybox:1.37": BUSYBOX,
    "mcr.microsoft.com/oryx/pack:stable": ORYX_PACK,
    "docker.io/cloudfoundry/cnb:cflinuxfs3": CNB_CFLINUXFS3,
    "docker.io/cloudfoundry/cnb:bionic": CNB_BIONIC,
    "docker.io/cloudfoundry/run:full-cnb-cflinuxfs3": CFLINUXFS3_RUN,
    "docker.io/cloudfoundry/run:base-cnb": BIONIC_RUN,
    "docker.io/heroku/buildpacks:18": HEROKU_BUILDPACKS_18,
    "docker.io/heroku/pack:18": HEROKU_18_RUN,
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
    *[(nd, ImageConfig(env=[_PATH, f"NODE_VERSION={v}", "YARN_VERSION=1.22.22"], entrypoint=["docker-entrypoint.sh"],
                       cmd=["node"])) for nd, v in ((NODE9, "9.11.2"), (NODE9_ALPINE, "9.11.2"),
                                                    (NODE15_ALPINE, "15.14.0"), (NODE16_ALPINE, "16.20.2"),
                                                    (NODE18_ALPINE, "18.20.8"), (NODE24, "24.11.1"),
                                                    (NODE24_ALPINE, "24.11.1"))],
    (ALPINE_312, ImageConfig(cmd=["/bin/sh"])),
    *[(b, ImageConfig(env=[_PATH, f"_BASH_VERSION={v}"], entrypoint=["docker-entrypoint.sh"], cmd=["bash"]))
      for b, v in ((BASH, "5.2.37"), (BASH_3, "3.0.22"))],
    *[(t, ImageConfig(env=[_PATH, "LANG=C.UTF-8"], cmd=["bash"])) for t in (TENSORFLOW, TENSORFLOW_GPU)],
    (JUPYTER_SPARK, ImageConfig(env=[_PATH, "NB_USER=jovyan", "NB_UID=1000"], entrypoint=["tini", "-g", "--"],
                                cmd=["start-notebook.py"], exposed_ports=["8888/tcp"], working_dir="/home/jovyan",
                                user="1000")),
    (MCR_NGINX_1155, ImageConfig(env=[_PATH, "NGINX_VERSION=1.15.5"], cmd=["nginx", "-g", "daemon off;"],
                                 exposed_ports=["80/tcp"], stop_signal="SIGTERM")),
    (NGINX_116, ImageConfig(env=[_PATH, "NGINX_VERSION=1.16.0"], cmd=["nginx", "-g", "daemon off;"],
                            exposed_ports=["80/tcp"], stop_signal="SIGTERM")),
    *[(w, ImageConfig(env=[], cmd=["c:\\windows\\system32\\cmd.exe"])) for w in (SERVERCORE_2022, SERVERCORE_2019)],
    (DOTNET31_ASPNET, ImageConfig(env=[_PATH, "ASPNETCORE_URLS=http://+:80", "DOTNET_RUNNING_IN_CONTAINER=true",
                                       "DOTNET_VERSION=3.1.32", "ASPNET_VERSION=3.1.32"])),
    (DOTNET31_SDK, ImageConfig(env=[_PATH, "ASPNETCORE_URLS=", "DOTNET_SDK_VERSION=3.1.426",
                                    "DOTNET_RUNNING_IN_CONTAINER=true", "NUGET_XMLDOC_MODE=skip"])),
    (ASPNET_9, ImageConfig(env=[_PATH, "APP_UID=1654", "ASPNETCORE_HTTP_PORTS=8080", "DOTNET_RUNNING_IN_CONTAINER=true",
                                "DOTNET_VERSION=9.0.11", "ASPNET_VERSION=9.0.11"])),
    (SDK_9, ImageConfig(env=[_PATH, "APP_UID=1654", "ASPNETCORE_HTTP_PORTS=8080", "DOTNET_RUNNING_IN_CONTAINER=true",
                             "DOTNET_VERSION=9.0.11", "ASPNET_VERSION=9.0.11", "DOTNET_SDK_VERSION=9.0.308"])),
    (MCR_HELLO_112, ImageConfig(cmd=["/hello"])),
    (CONNECTED_REGISTRY, ImageConfig(entrypoint=["/usr/local/bin/connected-registry"])),
    (BUSYBOX, ImageConfig(cmd=["sh"])),
    (ORYX_PACK, ImageConfig(env=[_PATH], entrypoint=["pack"])),
    *[(run, ImageConfig(env=[_PATH], user="2000:2000")) for run in (CFLINUXFS3_RUN, BIONIC_RUN, HEROKU_18_RUN)],
    *[(b, ImageConfig(env=[_PATH, "CNB_USER_ID=2000", "CNB_GROUP_ID=2000"], user="2000:2000", working_dir="/layers"))
      for b in (CNB_CFLINUXFS3, CNB_BIONIC, HEROKU_BUILDPACKS_18)],
]


# -- multi-platform images -------------------------------------------------------------------------
# The platforms of a multi-arch tag, in the index's order (linux/amd64 first: that image is the tag's entry in
# IMAGES above; the others are derived from it). "os/arch[/variant][@os.version]".
_OFFICIAL = ["linux/amd64", "linux/arm/v5", "linux/arm/v7", "linux/arm64/v8", "linux/386", "linux/mips64le",
             "linux/ppc64le", "linux/s390x"]
_ALPINE = ["linux/amd64", "linux/arm/v6", "linux/arm/v7", "linux/arm64/v8", "linux/386", "linux/ppc64le",
           "linux/riscv64", "linux/s390x"]
_NODE = ["linux/amd64", "linux/arm64/v8", "linux/ppc64le", "linux/s390x"]
_NODE_ALPINE = ["linux/amd64", "linux/arm64/v8", "linux/s390x"]
_UBUNTU = ["linux/amd64", "linux/arm/v7", "linux/arm64/v8", "linux/ppc64le", "linux/riscv64", "linux/s390x"]
_DOTNET = ["linux/amd64", "linux/arm/v7", "linux/arm64/v8"]
_TWO = ["linux/amd64", "linux/arm64/v8"]
_HELLO = _OFFICIAL[:4] + ["linux/386", "linux/mips64le", "linux/ppc64le", "linux/riscv64", "linux/s390x",
                          "windows/amd64@10.0.20348.4648", "windows/amd64@10.0.26100.7171"]
_MCR_HELLO = ["linux/amd64", "linux/arm64", "windows/amd64@10.0.17763.1697"]

PLATFORMS_BY_IMAGE: list[tuple[list[Layer], list[str]]] = [
    (HELLO, _HELLO), (MCR_HELLO, _MCR_HELLO),
    (ALPINE, _ALPINE), (ALPINE_319, _ALPINE), (ALPINE_312, _ALPINE),
    (DEBIAN, _OFFICIAL), (DEBIAN_SLIM, _OFFICIAL), (BUILDPACK, _OFFICIAL), (UBUNTU_2404, _UBUNTU),
    (UBUNTU_2204, _UBUNTU), (NGINX, _OFFICIAL), (NGINX_ALPINE, _ALPINE), (REDIS, _OFFICIAL),
    (REDIS_ALPINE, _ALPINE), (PY312, _OFFICIAL), (PY312_SLIM, _OFFICIAL), (PY311_SLIM, _OFFICIAL),
    (PY312_ALPINE, _ALPINE), (NODE9, ["linux/amd64", "linux/arm/v7", "linux/arm64/v8", "linux/ppc64le",
                                      "linux/s390x"]),
    (NODE20, _NODE), (NODE22, _NODE), (NODE24, _NODE),
    (NODE15_ALPINE, _NODE_ALPINE), (NODE16_ALPINE, _NODE_ALPINE), (NODE18_ALPINE, _NODE_ALPINE),
    (NODE20_ALPINE, _NODE_ALPINE), (NODE22_ALPINE, _NODE_ALPINE), (NODE24_ALPINE, _NODE_ALPINE),
    (BASH, _ALPINE), (BASH_3, _ALPINE), (JUPYTER_SPARK, _TWO),
    (RUNTIME_DEPS_8, _DOTNET), (RUNTIME_8, _DOTNET), (ASPNET_8, _DOTNET), (SDK_8, _DOTNET),
    (ASPNET_9, _DOTNET), (SDK_9, _DOTNET), (ASPNET_SAMPLE, _DOTNET), (AZURE_CLI, _TWO), (ACR_CLI, _TWO),
    (BUSYBOX, ["linux/amd64", "linux/arm/v5", "linux/arm/v6", "linux/arm/v7", "linux/arm64/v8", "linux/386",
               "linux/mips64le", "linux/ppc64le", "linux/riscv64", "linux/s390x"]),
    (SERVERCORE_2022, ["windows/amd64@10.0.20348.4648"]), (SERVERCORE_2019, ["windows/amd64@10.0.17763.8146"]),
]


def parse_platform(text: str) -> Platform:
    spec, _, version = text.partition("@")
    parts = spec.split("/")
    return Platform(os=parts[0], architecture=parts[1], variant=parts[2] if len(parts) > 2 else None,
                    os_version=version or None)


def platforms_of(layers: list[Layer]) -> list[Platform] | None:
    for known, platforms in PLATFORMS_BY_IMAGE:
        if known is layers:
            return [parse_platform(p) for p in platforms]
    return None


def layers_for_platform(layers: list[Layer], platform: Platform) -> list[Layer]:
    """The same image built for another platform: same sizes and history, its own layer digests."""
    return [Layer(digest=sha256_digest(f"{x.digest}@{platform.key()}".encode()), size=x.size,
                  media_type=x.media_type, created_by=x.created_by) for x in layers]
