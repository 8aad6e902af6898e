"""az acr import: copy an image from a public registry or another registry, server-side (no Docker needed)."""

from __future__ import annotations

from ....engine.errors import AzureError, CliError
from ....engine.images import find_source_registry, import_image
from ....engine.registries import get_registry
from ..framework import Arg, command
from .acr import RG_OPT, resource_group_of
from .repository import reg_arg

CR = "Microsoft.ContainerRegistry/registries"
CREDENTIALS_INVALID = "Authentication failed. Please provide password."


@command("acr import", "Imports an image to an Azure Container Registry from another Container Registry. Import "
         "removes the need to docker pull, docker tag, docker push. For larger images consider using `--no-wait`.", [
    reg_arg(), RG_OPT,
    Arg("source", "--source", "Source image name (repository:tag or repository@digest). Either a fully qualified "
        "source 'loginServer/repository:tag', or a partially qualified one when --registry is given.", required=True),
    Arg("target_tags", "--image -t", "The name of the image. May include a tag in the format 'name:tag'.",
        kind="repeat"),
    Arg("repository", "--repository", "The repository name for a manifest-only copy of images. Multiple copies "
        "allowed by passing multiple values.", kind="repeat"),
    Arg("source_registry", "--registry -r", "The source container registry can be name, login server or resource ID "
        "of the source registry."),
    Arg("username", "--username -u", "The username of source container registry."),
    Arg("password", "--password -p", "The password of source container registry."),
    Arg("force", "--force", "Overwrite the existing tag of the image to be imported.", kind="flag"),
    Arg("no_wait", "--no-wait", "Do not wait for the long-running operation to finish.", kind="flag"),
], examples=[
    ("Import an image from 'sourceregistry' to 'MyRegistry'. The image inherits its source repository and tag names.",
     "az acr import -n myregistry --source sourceregistry.azurecr.io/sourcerepository:sourcetag"),
    ("Import an image from a public repository on Docker Hub. The image uses the specified repository and tag names.",
     "az acr import -n myregistry --source docker.io/library/hello-world:latest -t targetrepository:targettag"),
    ("Import an image from a different Azure Container Registry in the same tenant using its resource id.",
     "az acr import -n myregistry --source sourcerepository:sourcetag -t targetrepository:targettag "
     "-r /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/sourceResourceGroup/providers/"
     "Microsoft.ContainerRegistry/registries/sourceRegistry"),
])
def acr_import(ctx, a):
    if a.username and not a.password:
        raise CliError(CREDENTIALS_INVALID)
    name = a.registry_name.removesuffix(".azurecr.io")
    reg = get_registry(ctx.cloud, ctx.principal, name, resource_group_of(ctx, name, a.resource_group),
                       f"{CR}/importImage/action", ctx.subscription.subscription_id)
    a.source, a.source_registry = _login_server(a.source), a.source_registry and _login_server(a.source_registry)
    source_registry = _source_registry_id(ctx, a.source, a.source_registry)
    if source_registry is None and not a.password:
        # a login server without credentials: az sends the registry's resource id when it finds it in the current
        # subscription (read as the caller); otherwise only its URI, which the service reads anonymously
        host, _, image = a.source.partition("/")
        found = ctx.cloud.registry_by_login_server(host.lower())
        if found is not None and found.subscription_id.lower() == ctx.subscription.subscription_id.lower():
            source_registry, a.source = found.id, image
    if a.no_wait:
        ctx.warn("Import has started. Due to no-wait option, failures will not be reflected.")
    try:
        import_image(ctx.cloud, ctx.principal, reg, a.source, a.target_tags, source_registry=source_registry,
                     username=a.username, password=a.password, force=a.force, untagged_repositories=a.repository,
                     warn=ctx.warn)
    except AzureError as e:
        # the service accepted the request (202); what fails after that is the long-running operation's, which
        # --no-wait does not wait for (the target's authorization fails before the request is accepted)
        if not (a.no_wait and e.code != "AuthorizationFailed"):
            raise
    return None


SOURCE_REGISTRY_NOT_FOUND = ("The source container registry can not be found in the current subscription. Please "
                             "provide a valid address and/or credentials.")
SOURCE_NOT_FOUND = "Source cannot be found. Please provide a valid image and source registry or a fully qualified source."
LOGIN_SERVER_NOT_VALID = "Login server of the registry is not valid because it is not a fully qualified domain name."


def _login_server(ref: str) -> str:
    """acr/import.py _regional_endpoint_uri_to_login_server: a regional endpoint host (`<label>.<region>.geo.azurecr.io`,
    any case) at the start of --source or --registry becomes the login server `<label>.azurecr.io`."""
    from ....engine.regional_endpoints import split_host

    host, sep, rest = ref.partition("/")
    split = split_host(host)
    return f"{split[0]}.azurecr.io{sep}{rest}" if split else ref


def _source_registry_id(ctx, source: str, source_registry: str | None) -> str | None:
    """acr/import.py resolves --registry to a resource id and splits --source into registry and image before it
    sends importImage; what it cannot resolve it refuses itself, in these words. A resource id is sent as given (any
    subscription of the tenant); a name or login server is looked up among the current subscription's registries."""
    if source_registry:
        if source_registry.strip().lower().startswith("/subscriptions/"):
            return source_registry
        found = find_source_registry(ctx.cloud, source_registry)
        if found is None or found.subscription_id.lower() != ctx.subscription.subscription_id.lower():
            raise CliError(SOURCE_REGISTRY_NOT_FOUND)
        return found.id
    slash = source.find("/")
    if slash <= 0:
        raise CliError(SOURCE_NOT_FOUND)
    if "." not in source[:slash]:
        raise CliError(LOGIN_SERVER_NOT_VALID)
    return None
