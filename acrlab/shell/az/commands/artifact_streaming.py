"""az acr artifact-streaming create|show|update and az acr artifact-streaming operation show|cancel (preview;
azure-cli acr/artifact_streaming.py): each resolves the image as az does and sends the registry's /acr/v1 request;
the rules (Premium, supported images, operations on the clock) live in engine/artifact_streaming.py."""

from __future__ import annotations

from datetime import timedelta

from ....engine import artifact_streaming as streaming
from ....engine import budget
from ....engine.errors import AzureError, CliError, RegistryError
from ...docker_state import origin_of
from ..framework import Arg, command, group
from .repository import AUTH_ARGS, _resolve_image, access, caller_credential, find_data_registry, parse_image

group("acr artifact-streaming", "Manage artifact streaming for any repositories or supported images in an ACR.")
group("acr artifact-streaming operation", "Manage artifact streaming operations for any images in an ACR.")

REG = Arg("registry_name", "--name -n", "The name of the container registry. You can configure the default registry "
          "name using `az configure --defaults acr=<registry name>`.", required=True, default_key="acr")
IMAGE = Arg("image", "--image -t", "The name of the image. May include a tag in the format 'name:tag' or digest in "
            "the format 'name@digest'.")
REPO = Arg("repository", "--repository", "The name of the repository.")
OP_ID = Arg("operation_id", "--id", "The operation id of the artifact streaming conversion.")
USAGE = "Usage error: You need to provide either --repository MyRepo --id MyId | --image MyImage"


def _client(ctx, a):
    reg = find_data_registry(ctx, a.registry_name)
    return reg, caller_credential(ctx, reg, a.get("username"), a.get("password")), origin_of(ctx.sh)


def _image_digest(ctx, a, image: str) -> tuple[str, str]:
    """az's get_image_digest: the repository and the digest a tag (or digest) names."""
    repo = parse_image(image)[0]
    reg, _, _ = access(ctx, a, "metadata_read", repo)
    _, _, m = _resolve_image(reg, image)
    return repo, m.digest


def _last_operation(ctx, a, repo: str, digest: str) -> dict | None:
    reg, cred, origin = _client(ctx, a)
    try:
        return streaming.latest_operation(ctx.cloud, reg, cred, repo, digest, origin)
    except RegistryError as e:
        if e.status != 404:
            raise
    return None


@command("acr artifact-streaming create", "Create a streaming artifact for an image (preview).",
         [REG, Arg("image", "--image -t", IMAGE.help, required=True),
          Arg("no_wait", "--no-wait", "Do not wait for the long-running operation to finish.", kind="flag"),
          *AUTH_ARGS],
         examples=[("Create a streaming artifact for the image 'hello-world:latest'.",
                    "az acr artifact-streaming create -n myregistry -t hello-world:latest")], preview=True)
def artifact_streaming_create(ctx, a):
    try:
        repo, digest = _image_digest(ctx, a, a.image)
    except (AzureError, RegistryError) as e:  # azure-cli wraps any CLIError of get_image_digest
        raise CliError(f"Could not find image '{a.image}'. {getattr(e, 'message', None) or e}") from None
    reg, cred, origin = _client(ctx, a)
    if streaming.streaming_artifacts(reg, repo, digest):
        ctx.warn(f"The streaming artifact for image '{a.image}' already exists. Skipping request.")
        return None
    last = _last_operation(ctx, a, repo, digest)
    if last is not None and last["status"] in streaming.ONGOING:
        result = last
    else:
        status, result = streaming.start_conversion(ctx.cloud, reg, cred, repo, digest, origin)
        if status != 202:
            return result
    op_id = result["id"]
    ctx.warn("The operation is in progress. Use 'az acr artifact-streaming operation show -n "
             f"{a.registry_name} --repository {repo} --id {op_id}' to check the status.")
    if a.no_wait:
        return result
    return _wait(ctx, a, repo, op_id, dict(result))


def _wait(ctx, a, repo: str, op_id: str, response: dict) -> dict:
    """az's poller: sleep 5 s (growing by 1 s up to 21 s) between reads until the operation ends; the lab's clock
    moves while az waits."""
    delay, status = 5, "NotStarted"
    while status in streaming.ONGOING:
        budget.checkpoint()
        ctx.cloud.clock.advance(timedelta(seconds=delay))
        delay = delay + 1 if delay < 21 else delay
        reg, cred, origin = _client(ctx, a)
        poll = streaming.show_operation(ctx.cloud, reg, cred, repo, op_id, origin)
        if poll["status"] != status:
            status, delay = poll["status"], 5
            if status == "Running":
                ctx.warn(f"{status}...")
    response["status"] = status
    return response


@command("acr artifact-streaming show", "Show the artifact streaming settings of a repository (preview).",
         [REG, Arg("repository", "--repository", REPO.help, required=True), *AUTH_ARGS],
         examples=[("Show whether images pushed to the repository 'hello-world' are converted.",
                    "az acr artifact-streaming show -n myregistry --repository hello-world")], preview=True)
def artifact_streaming_show(ctx, a):
    reg, cred, origin = _client(ctx, a)
    return streaming.show_repository(ctx.cloud, reg, cred, a.repository, origin)


@command("acr artifact-streaming update", "Turn automatic conversion of pushed images on or off for a repository "
         "(preview).",
         [REG, Arg("repository", "--repository", REPO.help, required=True),
          Arg("enable_streaming", "--enable-streaming", "Convert images pushed to the repository to streaming "
              "artifacts.", required=True, kind="bool"), *AUTH_ARGS],
         examples=[("Convert every image pushed to the repository 'hello-world' from now on.",
                    "az acr artifact-streaming update -n myregistry --repository hello-world --enable-streaming true")],
         preview=True)
def artifact_streaming_update(ctx, a):
    reg, cred, origin = _client(ctx, a)
    return streaming.update_repository(ctx.cloud, reg, cred, a.repository, bool(a.enable_streaming), origin)


def _target(ctx, a, cancel: bool) -> tuple[str, str]:
    repo, op_id, image = a.repository, a.operation_id, a.image
    if (not repo and op_id) or (not op_id and not image) or (repo and image):
        raise CliError(USAGE)
    if not image:
        return repo, op_id
    repo, digest = _image_digest(ctx, a, image)
    last = _last_operation(ctx, a, repo, digest)
    if last is None:
        raise CliError(f"No operation found for image '{image}'")
    if cancel and last["status"] not in streaming.ONGOING:
        raise CliError(f"The image '{image}' does not have any ongoing operation. Operation ID: {last['id']}")
    return repo, last["id"]


OP_ARGS = [REG, REPO, OP_ID, IMAGE, *AUTH_ARGS]


def _operation(ctx, a, request, cancel: bool) -> dict:
    repo, op_id = _target(ctx, a, cancel)
    reg, cred, origin = _client(ctx, a)
    return request(ctx.cloud, reg, cred, repo, op_id, origin)


@command("acr artifact-streaming operation show", "Show an artifact streaming conversion operation (preview).",
         OP_ARGS, examples=[("Show the last conversion operation of the image 'hello-world:latest'.",
                             "az acr artifact-streaming operation show -n myregistry -t hello-world:latest")],
         preview=True)
def artifact_streaming_operation_show(ctx, a):
    return _operation(ctx, a, streaming.show_operation, cancel=False)


@command("acr artifact-streaming operation cancel", "Cancel an artifact streaming conversion operation (preview).",
         OP_ARGS, examples=[("Cancel the conversion under way for the image 'hello-world:latest'.",
                             "az acr artifact-streaming operation cancel -n myregistry -t hello-world:latest")],
         preview=True)
def artifact_streaming_operation_cancel(ctx, a):
    return _operation(ctx, a, streaming.cancel_operation, cancel=True)
