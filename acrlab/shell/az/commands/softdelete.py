"""Soft-deleted artifacts: az acr repository list-deleted, az acr manifest list-deleted|list-deleted-tags|restore."""

from __future__ import annotations

from ....engine import softdelete
from ....engine.errors import CliError
from ..framework import Arg, command, group
from .acr import RG_OPT, load_registry, registry_arg

group("acr manifest", "Manage artifact manifests in Azure Container Registries.")
group("acr repository", "Manage repositories (image names) for Azure Container Registries.")

REPO_HELP = "The name of the repository."


def _split(name: str) -> tuple[str, str | None]:
    last = name.rsplit("/", 1)[-1]
    if ":" in last:
        repo, tag = name.rsplit(":", 1)
        return repo, tag
    return name, None


def _repo_id(ctx, a, positional: str | None, name: str | None, what: str) -> str:
    ref = name or positional
    if not ref:
        raise CliError(f"You must provide either a fully qualified {what} specifier such as "
                       f"'MyRegistry.azurecr.io/hello-world:latest' as a positional parameter or provide '-r "
                       "MyRegistry -n hello-world:latest' argument values.")
    if "/" in ref and ref.split("/", 1)[0].endswith(".azurecr.io"):
        server, ref = ref.split("/", 1)
        a["registry_name"] = a.get("registry_name") or server.split(".", 1)[0]
    if not a.get("registry_name"):
        raise CliError("Please specify a registry with --registry/-r.")
    return ref


@command("acr repository list-deleted", "List soft-deleted repositories.", [
    registry_arg(), RG_OPT,
], examples=[("List soft-deleted repositories in a given Azure Container Registry.",
              "az acr repository list-deleted -n myregistry")], preview=True)
def repository_list_deleted(ctx, a):
    return softdelete.deleted_repositories(ctx.cloud, ctx.principal, load_registry(ctx, a))


MANIFEST_ARGS = [
    registry_arg(required=False, options="--registry -r"),
    Arg("name", "--name -n", REPO_HELP),
    Arg("repo_id", "REPO_ID", "A fully qualified repository specifier such as 'myregistry.azurecr.io/hello-world'.",
        kind="positional"),
    RG_OPT,
]


@command("acr manifest list-deleted", "List the soft-deleted manifests in a repository.", MANIFEST_ARGS,
         examples=[("List the soft-deleted manifests in the repository 'hello-world'.",
                    "az acr manifest list-deleted -r myregistry -n hello-world")], preview=True)
def manifest_list_deleted(ctx, a):
    ref = _repo_id(ctx, a, a.repo_id, a.name, "repository")
    repo, _ = _split(ref)
    return softdelete.list_manifests(ctx.cloud, ctx.principal, load_registry(ctx, a), repo)


@command("acr manifest list-deleted-tags", "List the soft-deleted tags in a repository.", MANIFEST_ARGS,
         examples=[("List the soft-deleted tags of 'hello-world'.",
                    "az acr manifest list-deleted-tags -r myregistry -n hello-world"),
                   ("Filter the soft-deleted tags of 'hello-world' to 'latest'.",
                    "az acr manifest list-deleted-tags -r myregistry -n hello-world:latest")], preview=True)
def manifest_list_deleted_tags(ctx, a):
    repo, tag = _split(_repo_id(ctx, a, a.repo_id, a.name, "repository"))
    rows = softdelete.list_tags(ctx.cloud, ctx.principal, load_registry(ctx, a), repo, tag)
    if tag is not None and not rows:  # azure-cli acr/manifest.py: a client-side check of the service's answer
        raise CliError(f"No deleted manifests found for tag: {tag}")
    return rows


@command("acr manifest restore", "Restore a soft-deleted artifact and tag.", [
    registry_arg(required=False, options="--registry -r"),
    Arg("name", "--name -n", "The name of the manifest, 'repository:tag'."),
    Arg("manifest_id", "MANIFEST_ID", "A fully qualified manifest specifier such as "
        "'myregistry.azurecr.io/hello-world:latest'.", kind="positional"),
    Arg("digest", "--digest -d", "The digest of the manifest such as 'sha256:abc123'."),
    Arg("force", "--force -f", "Overwrite the existing tag.", kind="flag"),
    RG_OPT,
], examples=[("Restore the most recently deleted manifest tagged 'latest' in 'hello-world'.",
              "az acr manifest restore -r myregistry -n hello-world:latest"),
             ("Force restore a digest, overwriting the existing tag.",
              "az acr manifest restore -r myregistry -n hello-world:latest -d sha256:abc123 -f")], preview=True)
def manifest_restore(ctx, a):
    repo, tag = _split(_repo_id(ctx, a, a.manifest_id, a.name, "manifest"))
    if tag is None:
        raise CliError("You must provide either a fully qualified manifest specifier such as "
                       "'MyRegistry.azurecr.io/hello-world:latest' as a positional parameter or provide '-r "
                       "MyRegistry -n hello-world:latest' argument values.")
    return softdelete.restore(ctx.cloud, ctx.principal, load_registry(ctx, a), repo, tag, a.digest, a.force)
