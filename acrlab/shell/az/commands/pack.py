"""az acr pack build: a quick run that builds an app with Cloud Native Buildpacks and pushes its image.

As azure-cli does (src/azure-cli/azure/cli/command_modules/acr/pack.py): the image name gets the `$Registry/` prefix
unless it names the registry, and the run is an encoded task of two steps, `pack build` on
mcr.microsoft.com/oryx/pack:<--pack-image-tag> then a push (engine/tasks_pack.py runs the first)."""

from __future__ import annotations

import base64

from ....engine.errors import CliError
from ..framework import Arg, command, group
from .acr import RG_OPT, load_registry, registry_arg
from .run import QUEUE_ARGS, _platform_body, parse_platform, queue, upload_context

group("acr pack", "Manage Azure Container Registry Tasks that use Cloud Native Buildpacks.")

PACK_TASK = """version: v1.1.0
steps:
  - cmd: mcr.microsoft.com/oryx/pack:{tag} build {image} --builder {builder} {no_pull} --env REGISTRY_NAME=$Registry -p .
    timeout: 28800
  - push: ["{image}"]
    timeout: 1800
"""
CACHED_BUILDERS = ("cloudfoundry/cnb:bionic",)  # acr/_constants.py ACR_CACHED_BUILDER_IMAGES


@command("acr pack build", "Queues a quick build task that builds an app and pushes it into an Azure Container "
         "Registry.", [
    registry_arg(options="--registry -r"), RG_OPT,
    Arg("source_location", "SOURCE_LOCATION", "The local source code directory path (e.g., './src'), or the URL to a "
        "git repository (e.g., 'https://github.com/Azure-Samples/acr-build-helloworld-node.git') or a remote tarball "
        "(e.g., 'http://server/context.tar.gz').", kind="positional", required=True),
    Arg("image_name", "--image -t", "The name and tag of the image using the format: '-t repo/image:tag'.",
        required=True),
    Arg("builder", "--builder -b", "The name and tag of a Buildpack builder image.", required=True),
    Arg("pack_image_tag", "--pack-image-tag", "The tag of the 'pack' runner image ('mcr.microsoft.com/oryx/pack')."),
    Arg("pull", "--pull", "Pull the latest builder and run images before use.", kind="flag"),
    Arg("platform", "--platform", "The platform where build/task is run, Eg, 'windows' and 'linux'."),
    Arg("timeout", "--timeout", "The timeout in seconds.", kind="int"),
    *QUEUE_ARGS,
], examples=[
    ("Queue a build for the current directory with the CloudFoundry builder.",
     "az acr pack build -r myregistry -t {{.Run.Registry}}/node-app:{{.Run.ID}} --builder cloudfoundry/cnb:bionic ."),
    ("Queue a build for the given GitHub repository with the Heroku builder for Linux platform.",
     "az acr pack build -r myregistry -t node-app:{{.Run.ID}} --platform linux --builder heroku/buildpacks:18 "
     "https://github.com/Azure-Samples/nodejs-docs-hello-world.git"),
])
def acr_pack_build(ctx, a):
    reg = load_registry(ctx, a)
    platform = parse_platform(a.platform)
    if platform["os"] != "linux":
        raise CliError("Building with Buildpacks is only supported on Linux.")
    if a.source_location.lower() == "/dev/null":
        raise CliError("Building with Buildpacks requires a valid source location.")
    source = upload_context(ctx, reg, a.source_location, "run")
    if a.builder not in CACHED_BUILDERS and not a.pull:
        ctx.warn("Using a non-cached builder image; `--pull` is probably needed as well")
    image = a.image_name
    if not image.startswith(("$Registry/", reg.login_server + "/")):
        image = "$Registry/" + image
    text = PACK_TASK.format(tag=a.pack_image_tag or "stable", image=image, builder=a.builder,
                            no_pull="" if a.pull else "--no-pull")
    request = {"type": "EncodedTaskRunRequest", "encodedTaskContent": base64.b64encode(text.encode()).decode(),
               "platform": _platform_body(platform), "sourceLocation": source,
               **({"timeout": a.timeout} if a.timeout else {}),
               **({"agentPoolName": a.agent_pool} if a.agent_pool else {})}
    return queue(ctx, reg, request, "run", a.no_logs, a.no_wait)
