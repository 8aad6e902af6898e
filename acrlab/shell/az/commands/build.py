"""az acr build: a quick task that builds the context in Azure and pushes the images."""

from __future__ import annotations

from ....engine.errors import CliError
from ..framework import Arg, command
from .acr import RG_OPT, load_registry, registry_arg
from .run import (
    _platform_body,
    _source_principal,
    credentials,
    is_remote,
    parse_platform,
    queue,
    upload_context,
)


@command("acr build", "Queues a quick build, providing streaming logs for an Azure Container Registry.", [
    registry_arg(options="--registry -r"), RG_OPT,
    Arg("source_location", "SOURCE_LOCATION", "The local source code directory path (e.g., './src'), or the URL to a "
        "git repository (e.g., 'https://github.com/Azure-Samples/acr-build-helloworld-node.git') or a remote tarball "
        "(e.g., 'http://server/context.tar.gz').", kind="positional", required=True),
    Arg("image_names", "--image -t", "The name and tag of the image using the format: '-t repo/image:tag'. Multiple "
        "tags are supported by passing -t multiple times.", kind="repeat"),
    Arg("docker_file_path", "--file -f", "The relative path of the the docker file to the source code root folder. "
        "Default to 'Dockerfile'."),
    Arg("arg", "--build-arg", "Build argument in '--build-arg name[=value]' format. Multiples supported by passing "
        "--build-arg multiple times.", kind="repeat"),
    Arg("secret_arg", "--secret-build-arg", "Secret build argument in '--secret-build-arg name[=value]' format.",
        kind="repeat"),
    Arg("platform", "--platform", "The platform where build/task is run, Eg, 'windows' and 'linux'. When it's used in "
        "build commands, it also can be specified in 'os/arch/variant' format for the resulting image. Eg, "
        "linux/arm/v7."),
    Arg("target", "--target", "The name of the target build stage."),
    Arg("timeout", "--timeout", "The timeout in seconds.", kind="int"),
    Arg("no_push", "--no-push", "Indicates whether the image built should be pushed to the registry.", kind="flag"),
    Arg("no_logs", "--no-logs", "Do not show logs after successfully queuing the build.", kind="flag"),
    Arg("no_wait", "--no-wait", "Do not wait for the build to complete and return immediately after queuing the "
        "build.", kind="flag"),
    Arg("no_format", "--no-format", "Indicates whether the logs should be displayed in raw format.", kind="flag"),
    Arg("agent_pool", "--agent-pool", "The name of the agent pool."),
    Arg("auth_mode", "--auth-mode", "Auth mode of the source registry.", choices=["Default", "None"]),
    Arg("source_acr_auth_id", "--source-acr-auth-id", "Assign the identity used for source registry login. Use "
        "'[caller]' for caller identity.", choices=["[caller]", "none"]),
], examples=[
    ("Queue a local context as a Linux build, tag it, and push it to the registry.",
     "az acr build -t sample/hello-world:{{.Run.ID}} -r myregistry ."),
    ("Queue a local context as a Linux build, tag it, and push it to the registry without streaming logs.",
     "az acr build -t sample/hello-world:{{.Run.ID}} -r myregistry --no-logs ."),
    ("Queue a local context as a Linux build without pushing it to the registry.",
     "az acr build -t sample/hello-world:{{.Run.ID}} -r myregistry --no-push ."),
    ("Queue a local context as a Linux build, tag it with --build-arg and push it.",
     "az acr build -t sample/hello-world:{{.Run.ID}} -r myregistry --build-arg VERSION={{.Run.ID}} ."),
])
def acr_build(ctx, a):
    reg = load_registry(ctx, a)
    platform = parse_platform(a.platform)
    principal = _source_principal(ctx, a.source_acr_auth_id, a.auth_mode)
    location = a.source_location
    local = location.lower() != "/dev/null" and not is_remote(location)
    dockerfile = a.docker_file_path
    if local and ctx.sh.list_dir(location) is not None:
        default = (location.rstrip("/") + "/Dockerfile") if not dockerfile else dockerfile
        if ctx.sh.read_file(default) is None:
            raise CliError(f"Unable to find '{default}'.")
    extra: dict[str, str] = {}
    if local and dockerfile:
        base = ctx.sh.abspath(location).rstrip("/") + "/"
        path = ctx.sh.abspath(dockerfile)
        dockerfile = path[len(base):] if path.startswith(base) else path.rsplit("/", 1)[-1]
    if local and ctx.sh.list_dir(location) is not None:
        # as azure-cli's _pack_source_code, the Dockerfile is added to the archive whatever .dockerignore says
        # (one outside the context under its own name)
        name = dockerfile or "Dockerfile"
        extra[name] = ctx.sh.read_file(a.docker_file_path or location.rstrip("/") + "/Dockerfile") or ""
    original = (a.docker_file_path or "Dockerfile").replace("\\", "/").rsplit("/", 1)[-1]
    source = upload_context(ctx, reg, location, "build", extra, original)
    images = list(a.image_names or [])
    push = bool(images) and not a.no_push
    if not images and not a.no_push:
        ctx.warn("'--image or -t' is not provided. Skipping image push after build.")
    if any(".Build.ID" in i for i in images):
        ctx.warn(".Build.ID is no longer supported as a valid substitution, use .Run.ID instead.")
    request: dict = {"type": "DockerBuildRequest", "imageNames": images, "isPushEnabled": push,
                     "dockerFilePath": dockerfile or "Dockerfile", "platform": _platform_body(platform),
                     "arguments": _arguments(a.arg) + _arguments(a.secret_arg, secret=True),
                     **({"sourceLocation": source} if source else {}),
                     **({"target": a.target} if a.target else {}), **({"timeout": a.timeout} if a.timeout else {}),
                     **({"agentPoolName": a.agent_pool} if a.agent_pool else {})}
    if cred := credentials(principal, a.auth_mode):
        request["credentials"] = cred
    return queue(ctx, reg, request, "build", a.no_logs, a.no_wait)


def _arguments(pairs: list[str] | None, secret: bool = False) -> list[dict]:
    """`--build-arg name[=value]` as the request's Argument list (acr/_validators.py validate_arg)."""
    out = []
    for p in pairs or []:
        name, sep, value = p.partition("=")
        out.append({"name": name, "value": value if sep else None, "isSecret": secret})
    return out
