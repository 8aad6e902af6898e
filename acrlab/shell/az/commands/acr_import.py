"""az acr import: copy an image from a public registry or another registry, server-side (no Docker needed)."""

from __future__ import annotations

from ....engine import catalog
from ....engine.artifacts import ImageContent
from ....engine.dataplane import Origin, authenticate
from ....engine.errors import AzureError, CliError, RegistryError
from ....engine.registries import get_registry
from ..framework import Arg, command
from .acr import RG_OPT
from .repository import reg_arg

CR = "Microsoft.ContainerRegistry/registries"
SOURCE_REGISTRY_NOT_FOUND = ("The source container registry can not be found in the current subscription. Please "
                             "provide a valid address and/or credentials.")
SOURCE_NOT_FOUND = "Source cannot be found. Please provide a valid image and source registry or a fully qualified source."
LOGIN_SERVER_NOT_VALID = "Login server of the registry is not valid because it is not a fully qualified domain name."
CREDENTIALS_INVALID = "Authentication failed. Please provide password."


def _find_source_registry(cloud, ref: str):
    ref = ref.strip()
    if ref.lower().startswith("/subscriptions/"):
        return next((r for r in cloud.registries.values() if r.id.lower() == ref.lower().rstrip("/")), None)
    return cloud.find_registry(ref.removesuffix(".azurecr.io")) or cloud.registry_by_login_server(ref)


def _failure(ctx, reg, detail: str, code: str) -> AzureError:
    return AzureError(f"Operation registries-{ctx.cloud.ids.guid()} failed. Resource {reg.id} {detail}", code=code)


def _split_target(target: str) -> tuple[str, str]:
    last = target.rsplit("/", 1)[-1]
    if ":" in last:
        repo, tag = target.rsplit(":", 1)
        return repo, tag
    return target, "latest"


def resolve_source(ctx, a, target) -> tuple[ImageContent, str, str]:
    """(content, source image as the service saw it, a description of the source)."""
    cloud = ctx.cloud
    source_image = a.source
    src_reg = None
    uri = None
    if a.source_registry:
        src_reg = _find_source_registry(cloud, a.source_registry)
        if src_reg is None:
            raise CliError(SOURCE_REGISTRY_NOT_FOUND)
        prefix = src_reg.login_server + "/"
        if source_image.lower().startswith(prefix):
            ctx.warn(f'The login server name of "{src_reg.login_server}" in the "--source" argument will be ignored as '
                     '"--registry" already supplies the same information')
            source_image = source_image[len(prefix):]
    else:
        slash = source_image.find("/")
        if slash <= 0:
            raise CliError(SOURCE_NOT_FOUND)
        uri, source_image = source_image[:slash].lower(), source_image[slash + 1:]
        if "." not in uri:
            raise CliError(LOGIN_SERVER_NOT_VALID)
        src_reg = cloud.registry_by_login_server(uri)
    if src_reg is not None:
        repo, ref = source_image.split("@", 1) if "@" in source_image else _split_target(source_image)
        if a.username:
            try:
                authenticate(cloud, src_reg, a.username, a.password)
            except RegistryError:
                raise _failure(ctx, target, f"Authentication to the source registry {src_reg.login_server} failed.",
                               "InvalidParameters") from None
        else:
            cloud.require(ctx.principal, f"{CR}/pull/read", src_reg.id)
        r = src_reg.store.repositories.get(repo)
        m = None
        if r is not None:
            digest = ref if ref.startswith("sha256:") else (r.tags[ref].digest if ref in r.tags else None)
            m = r.manifests.get(digest) if digest else None
        if m is None:
            raise _failure(ctx, target, f"Image {source_image} not found in source registry {src_reg.login_server}.",
                           "InvalidParameters")
        if not r.attributes.read_enabled or not m.attributes.read_enabled:
            raise _failure(ctx, target, f"Image {source_image} cannot be read from the source registry "
                           f"{src_reg.login_server}.", "InvalidParameters")
        return m.content, source_image, f"{src_reg.login_server}/{source_image}"
    content = catalog.find_public(f"{uri}/{source_image}", cloud.state.get("catalog_overrides"))
    if content is None:
        if uri not in catalog.PUBLIC_REGISTRIES and uri not in ("registry-1.docker.io", "index.docker.io"):
            raise _failure(ctx, target, f"Unable to reach the source registry {uri}.", "InvalidParameters")
        raise _failure(ctx, target, f"Image {source_image} not found in source registry {uri}.", "InvalidParameters")
    cloud.emit("public_pull", reference=f"{uri}/{source_image}", origin=Origin(kind="azure-service"))
    return content, source_image, f"{uri}/{source_image}"


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
    reg = get_registry(ctx.cloud, ctx.principal, name, a.resource_group, f"{CR}/importImage/action")
    content, source_image, described = resolve_source(ctx, a, reg)
    targets = a.target_tags
    if not targets and not a.repository:
        targets = [source_image.split("@", 1)[0]]
    pairs = [_split_target(t) for t in targets or []]
    store = reg.store
    for repo, tag in pairs:
        existing = store.repositories.get(repo)
        if existing is not None and tag in existing.tags and not a.force:
            raise _failure(ctx, reg, f"{repo}:{tag} Tag {repo}:{tag} already exists in target registry.", "Conflict")
    now = ctx.cloud.clock.now()
    origin = Origin(kind="azure-service")
    writes = [(repo, tag) for repo, tag in pairs] + [(repo, None) for repo in a.repository or []]
    for repo, tag in writes:
        try:
            manifest, left = store.put_manifest(repo, content, now, tag)
        except RegistryError as e:
            raise _failure(ctx, reg, f"{repo}{':' + tag if tag else ''} {e.message}", "Conflict") from None
        ctx.cloud.emit("push", registry=reg, repository=repo, tag=tag, manifest=manifest, cred=None, origin=origin)
        ctx.cloud.emit("import", registry=reg, repository=repo, tag=tag, manifest=manifest, source=described,
                       caller=ctx.principal)
        if left is not None and not store.repositories[repo].tags_of(left):
            ctx.cloud.emit("untagged", registry=reg, repository=repo, digest=left)
    return None
