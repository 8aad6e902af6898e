"""az acr repository list|show|show-tags|show-manifests|delete|untag|update (registry data plane)."""

from __future__ import annotations

from ....engine import images
from ....engine.acr_metadata import manifest_json, repository_json, tag_json
from ....engine.artifacts import Attributes, Manifest, Repository, Tag
from ....engine.dataplane import AAD_TOKEN_LIFETIME, Credential, authenticate, require
from ....engine.errors import AzureError, CliError, RegistryError
from ...docker_state import origin_of
from ..framework import Arg, command, group

group("acr repository", "Manage repositories (image names) for Azure Container Registries.")

ORDERBY = ["time_asc", "time_desc"]
REGISTRY_HELP = ("The name of the container registry. It should be specified in lower case. You can configure the "
                 "default registry name using `az configure --defaults acr=<registry name>`.")


def reg_arg(options: str = "--name -n") -> Arg:
    return Arg("registry_name", options, REGISTRY_HELP, required=True, default_key="acr")


AUTH_ARGS = [
    Arg("username", "--username -u", "The username used to log into a container registry."),
    Arg("password", "--password -p", "The password used to log into a container registry."),
    Arg("tenant_suffix", "--suffix", "The tenant suffix in registry login server. You may specify '--suffix tenant' "
        "if your registry login server is in the format 'myregistry-tenant.azurecr.io'. Applicable if you're "
        "accessing the registry from a different subscription or you have permission to access images but not the "
        "permission to manage the registry resource."),
    Arg("resource_group", "--resource-group -g", "Name of resource group.", deprecated=True, hidden=True),
]
TOP = Arg("top", "--top", "Limit the number of items in the results.", kind="int")
ORDER = Arg("orderby", "--orderby", "Order the items in the results. Default to alphabetical order of names.",
            choices=ORDERBY)
DETAIL = Arg("detail", "--detail", "Show detailed information.", kind="flag")
REPO = Arg("repository", "--repository", "The name of the repository.")
IMAGE = Arg("image", "--image -t", "The name of the image. May include a tag in the format 'name:tag' or digest in "
            "the format 'name@digest'.")
YES = Arg("yes", "--yes -y", "Do not prompt for confirmation.", kind="flag")


# -- access -----------------------------------------------------------------------------------
def find_data_registry(ctx, name: str):
    """Any registry whose login server answers (no ARM read needed: AcrPull alone can list)."""
    if name.lower().endswith(".azurecr.io"):
        ctx.warn("The login server endpoint suffix '.azurecr.io' is automatically omitted.")
        name = name[: -len(".azurecr.io")]
    reg = ctx.cloud.find_registry(name)
    if reg is None:
        raise AzureError(f"Could not connect to the registry login server '{name.lower()}.azurecr.io'. Please verify "
                         f"that the registry exists and the URL 'https://{name.lower()}.azurecr.io/v2/' is reachable "
                         "from your environment.", arm=False)
    return reg


def caller_credential(ctx, reg, username: str | None = None, password: str | None = None) -> Credential:
    """The signed-in az principal (an Entra token exchanged for the registry), or --username/--password."""
    if password and not username:
        raise CliError("Please also specify username if password is specified.")
    if username:
        if not password:
            raise CliError("Unable to authenticate using AAD or admin login credentials. Please specify both username "
                           "and password in non-interactive mode.")
        return authenticate(ctx.cloud, reg, username, password)
    p = ctx.principal
    now = ctx.cloud.clock.now()
    return Credential(kind="aad", registry=reg.name, principal_id=p.object_id, issued=now,
                      expires=now + AAD_TOKEN_LIFETIME, mode_at_issue=reg.role_assignment_mode)


def access(ctx, a, operation: str, repository: str | None):
    """Registry + authorized credential for one data-plane operation (network rules, RBAC/ABAC, tokens apply)."""
    reg = find_data_registry(ctx, a.registry_name)
    cred = caller_credential(ctx, reg, a.get("username"), a.get("password"))
    origin = origin_of(ctx.sh)
    require(ctx.cloud, reg, cred, operation, repository, origin)
    kind = "read" if operation in ("pull", "metadata_read", "catalog") else "write"
    ctx.cloud.emit("request", registry=reg, kind=kind, cred=cred, origin=origin)
    return reg, cred, origin


def repo_or_404(reg, name: str) -> Repository:
    r = reg.store.repositories.get(name)
    if r is None:
        raise RegistryError("NAME_UNKNOWN", f'repository "{name}" is not found.', 404)
    return r


def parse_image(image: str, allow_digest: bool = True) -> tuple[str, str | None, str | None]:
    """az's _parse_image_name: `repo:tag`, `repo@digest`, or `repo` (meaning latest)."""
    if allow_digest and "@" in image:
        tokens = image.split("@")
        if len(tokens) == 2:
            return tokens[0], None, tokens[1]
    if ":" in image:
        tokens = image.split(":")
        if len(tokens) == 2:
            return tokens[0], tokens[1], None
    else:
        return image, "latest", None
    if allow_digest:
        raise CliError("The name of the image to delete may include a tag in the format 'name:tag' or digest in the "
                       "format 'name@digest'.")
    raise CliError("The name of the image may include a tag in the format 'name:tag'.")


def tag_or_404(r: Repository, tag: str) -> Tag:
    t = r.tags.get(tag)
    if t is None:
        raise RegistryError("TAG_UNKNOWN", "the specified tag does not exist", 404)
    return t


def manifest_or_404(r: Repository, digest: str) -> Manifest:
    m = r.manifests.get(digest)
    if m is None:
        raise RegistryError("MANIFEST_UNKNOWN", "manifest unknown", 404) if digest.startswith("sha256:") \
            else RegistryError("DIGEST_INVALID", "invalid checksum digest format", 400)
    return m


def _resolve_image(reg, image: str) -> tuple[Repository, Tag | None, Manifest]:
    repo, tag, digest = parse_image(image)
    r = repo_or_404(reg, repo)
    if tag is not None:
        t = tag_or_404(r, tag)
        return r, t, r.manifests[t.digest]
    return r, None, manifest_or_404(r, digest)


def check_target(repository, image) -> None:
    if bool(repository) == bool(image):
        raise CliError("Usage error: --image IMAGE | --repository REPOSITORY")


# -- commands ---------------------------------------------------------------------------------
@command("acr repository list", "List repositories in an Azure Container Registry.", [reg_arg(), TOP, *AUTH_ARGS],
         examples=[("List repositories in a given Azure Container Registry.",
                    "az acr repository list -n myregistry")])
def repository_list(ctx, a):
    reg, _, _ = access(ctx, a, "catalog", None)
    names = sorted(n for n, r in reg.store.repositories.items() if r.attributes.list_enabled)
    return names[: a.top] if a.top is not None and a.top >= 0 else names


@command("acr repository show-tags", "Show tags for a repository in an Azure Container Registry.", [
    reg_arg(), Arg("repository", "--repository", "The name of the repository.", required=True), TOP, ORDER, DETAIL,
    *AUTH_ARGS,
], examples=[
    ("Show tags of a repository in an Azure Container Registry.",
     "az acr repository show-tags -n myregistry --repository myrepo"),
    ("Show the detail information of the latest 10 tags of a repository ordered by timestamp.",
     "az acr repository show-tags -n myregistry --repository myrepo --top 10 --orderby time_desc --detail"),
])
def repository_show_tags(ctx, a):
    reg, _, _ = access(ctx, a, "metadata_read", a.repository)
    r = repo_or_404(reg, a.repository)
    tags = r.ordered("tags", a.orderby, a.top)
    return [tag_json(t) for t in tags] if a.detail else [t.name for t in tags]


def list_manifests(ctx, a, repository: str) -> list[dict]:
    reg, _, _ = access(ctx, a, "metadata_read", repository)
    r = repo_or_404(reg, repository)
    ms = r.ordered("manifests", a.get("orderby"), a.get("top"))
    return [manifest_json(r, m) for m in ms]


@command("acr repository show-manifests", "Show manifests of a repository in an Azure Container Registry.", [
    reg_arg(), Arg("repository", "--repository", "The name of the repository.", required=True), TOP, ORDER, DETAIL,
    *AUTH_ARGS,
], examples=[
    ("Show the latest 10 manifests ordered by timestamp.",
     "az acr repository show-manifests -n myregistry --repository myrepo --top 10 --orderby time_desc"),
], deprecated_redirect="acr manifest list-metadata")
def repository_show_manifests(ctx, a):
    items = list_manifests(ctx, a, a.repository)
    if a.detail:
        return items
    return [{"digest": m["digest"], "tags": m.get("tags", []), "timestamp": m["lastUpdateTime"]} for m in items]


@command("acr repository show", "Get the attributes of a repository or image in an Azure Container Registry.", [
    reg_arg(), REPO, IMAGE, *AUTH_ARGS,
], examples=[
    ("Get the attributes of the repository 'hello-world'.", "az acr repository show -n myregistry --repository "
     "hello-world"),
    ("Get the attributes of the image referenced by tag 'hello-world:latest'.",
     "az acr repository show -n myregistry --image hello-world:latest"),
])
def repository_show(ctx, a):
    check_target(a.repository, a.image)
    repo = a.repository or parse_image(a.image)[0]
    reg, _, _ = access(ctx, a, "metadata_read", repo)
    if a.repository:
        return repository_json(reg, repo_or_404(reg, a.repository))
    r, t, m = _resolve_image(reg, a.image)
    return tag_json(t) if t is not None else manifest_json(r, m)


@command("acr repository update", "Update the attributes of a repository or image in an Azure Container Registry.", [
    reg_arg(), REPO, IMAGE, *AUTH_ARGS,
    Arg("delete_enabled", "--delete-enabled", "Indicates whether delete operation is allowed.", kind="bool"),
    Arg("list_enabled", "--list-enabled", "Indicates whether this item shows in list operation results.", kind="bool"),
    Arg("read_enabled", "--read-enabled", "Indicates whether read operation is allowed.", kind="bool"),
    Arg("write_enabled", "--write-enabled", "Indicates whether write or delete operation is allowed.", kind="bool"),
], examples=[
    ("Update the attributes of the repository 'hello-world'.",
     "az acr repository update -n myregistry --repository hello-world --write-enabled false"),
    ("Lock the image 'hello-world:latest' against deletes and overwrites.",
     "az acr repository update -n myregistry --image hello-world:latest --write-enabled false"),
])
def repository_update(ctx, a):
    check_target(a.repository, a.image)
    return update_attributes(ctx, a, a.repository, a.image)


def update_attributes(ctx, a, repository: str | None, image: str | None) -> dict:
    patch = {k: a[k] for k in ("delete_enabled", "list_enabled", "read_enabled", "write_enabled") if a[k] is not None}
    repo = repository or parse_image(image)[0]
    reg, _, _ = access(ctx, a, "metadata_write" if patch else "metadata_read", repo)
    if repository:
        r = repo_or_404(reg, repository)
        _patch(r.attributes, patch)
        return repository_json(reg, r)
    r, t, m = _resolve_image(reg, image)
    if t is not None:
        _patch(t.attributes, patch)
        return tag_json(t)
    _patch(m.attributes, patch)
    return manifest_json(r, m)


def _patch(attrs: Attributes, patch: dict) -> None:
    for k, v in patch.items():
        setattr(attrs, k, v)


@command("acr repository untag", "Untag an image in an Azure Container Registry.", [
    reg_arg(), Arg("image", "--image -t", "The name of the image. May include a tag in the format 'name:tag'.",
                   required=True), *AUTH_ARGS,
], examples=[("Untag an image from a repository.", "az acr repository untag -n myregistry --image hello-world:latest")],
   long_summary="This command does not delete the manifest referenced by the tag or any associated layer data.")
def repository_untag(ctx, a):
    repo, tag, _ = parse_image(a.image, allow_digest=False)
    reg, cred, origin = access(ctx, a, "delete", repo)
    repo_or_404(reg, repo)
    images.untag(ctx.cloud, reg, cred, repo, tag, origin)
    return None


@command("acr repository delete", "Delete a repository or image in an Azure Container Registry.", [
    reg_arg(), REPO, IMAGE, YES, *AUTH_ARGS,
], examples=[
    ("Delete an image manifest by tag. This deletes the manifest referenced by 'hello-world:latest', all other tags "
     "referencing the manifest, and any associated layer data.",
     "az acr repository delete -n myregistry --image hello-world:latest"),
    ("Delete an image manifest by digest.",
     "az acr repository delete -n myregistry --image hello-world@sha256:abc123"),
    ("Delete a repository. This deletes all manifests and tags under 'hello-world'.",
     "az acr repository delete -n myregistry --repository hello-world"),
], long_summary="This command deletes all associated layer data that are not referenced by any other manifest in the "
   "container registry.")
def repository_delete(ctx, a):
    check_target(a.repository, a.image)
    if a.image:
        repo, tag, digest = parse_image(a.image)
    else:
        repo, tag, digest = a.repository, None, None
    reg, cred, origin = access(ctx, a, "delete", repo)
    if a.image:
        r = repo_or_404(reg, repo)
        if digest is None:
            digest = tag_or_404(r, tag).digest
        confirm_manifest_delete(ctx, r, repo, digest)
        manifest_or_404(r, digest)
        images.delete_manifest(ctx.cloud, reg, cred, repo, digest, origin)
        return None
    ctx.confirm(f"Are you sure you want to delete the repository '{repo}' and all images under it?")
    repo_or_404(reg, repo)
    images.delete_repository(ctx.cloud, reg, cred, repo, origin)
    return None


def confirm_manifest_delete(ctx, r: Repository, repo: str, digest: str) -> None:
    message = f"This operation will delete the manifest '{digest}'"
    tags = r.tags_of(digest)
    if tags:
        message += " and all the following images: " + ", ".join(f"'{repo}:{t}'" for t in tags)
    if ctx.args.get("yes"):
        ctx.warn(message)
        return
    ctx.confirm(f"{message}.\nAre you sure you want to continue?")

