"""az acr manifest list-metadata|show-metadata|update-metadata|show|list|delete (registry data plane)."""

from __future__ import annotations

import json

from ....engine import images, oci
from ....engine.errors import CliError
from ..framework import Arg, command, group
from .repository import (
    AUTH_ARGS,
    ORDER,
    TOP,
    YES,
    _resolve_image,
    access,
    manifest_json,
    parse_image,
    repo_or_404,
    tag_json,
    update_attributes,
)

group("acr manifest", "Manage artifact manifests in Azure Container Registries.")

# azure-cli acr/manifest.py BAD_ARGS_ERROR_REPO / BAD_ARGS_ERROR_MANIFEST
BAD_REPO = ("You must provide either a fully qualified repository specifier such as 'MyRegistry.azurecr.io/hello-world'"
            " as a positional parameter or provide '-r MyRegistry -n hello-world' argument values.")
BAD_MANIFEST = ("You must provide either a fully qualified manifest specifier such as "
                "'MyRegistry.azurecr.io/hello-world:latest' as a positional parameter or provide "
                "'-r MyRegistry -n hello-world:latest' argument values.")
BAD_REPO_FQDN = ("The positional parameter 'REPO_ID' must be a fully qualified repository specifier such as "
                 "'myreg.azurecr.io/myrepo'.")
BAD_MANIFEST_FQDN = ("The positional parameter 'MANIFEST_ID' must be a fully qualified manifest specifier such as "
                     "'myreg.azurecr.io/myrepo:mytag' or 'myreg.azurecr.io/myrepo@sha256:abc123'.")
REG = Arg("registry_name", "--registry -r", "The name of the container registry. You can configure the default "
          "registry name using `az configure --defaults acr=<registry name>`.", default_key="acr")
REPO_ID = Arg("repo_id", "repo_id", "A fully qualified repository specifier such as 'MyRegistry.azurecr.io/hello-world'.",
              kind="positional")
MANIFEST_ID = Arg("manifest_id", "manifest_id", "A fully qualified manifest specifier such as "
                  "'MyRegistry.azurecr.io/hello-world:latest'.", kind="positional")
REPO_NAME = Arg("repository", "--name -n", "The name of the repository.")
SPEC = Arg("manifest_spec", "--name -n", "The name of the manifest. May include a tag in the format 'name:tag' or "
           "digest in the format 'name@digest'.")


def _fqdn(ref: str, bad: str) -> tuple[str, str]:
    ref = ref.removeprefix("https://")
    if "/" not in ref or "." not in ref.split("/", 1)[0]:
        raise CliError(bad)
    server, rest = ref.split("/", 1)
    name, suffix = server.split(".", 1)
    if "." + suffix != ".azurecr.io":  # _validate_login_server_suffix compares as given
        raise CliError(f"Provided registry suffix '.{suffix}' does not match the configured az cli acr login server "
                       "suffix '.azurecr.io'. Check the 'acrLoginServerEndpoint' value when running 'az cloud show'.")
    return name, rest


def repo_target(a) -> str:
    if (a.repo_id and a.repository) or (not a.repo_id and not (a.registry_name and a.repository)):
        raise CliError(BAD_REPO)
    if a.repo_id:
        a["registry_name"], repo = _fqdn(a.repo_id, BAD_REPO_FQDN)
        if ":" in repo:  # _parse_fqdn checks ':' only; a digest after '@' is dropped by _parse_image_name
            raise CliError("The positional parameter 'repo_id' should not include a tag or digest.")
        return repo.split("@", 1)[0]
    if ":" in a.repository or "@" in a.repository:
        raise CliError("Parameter 'name' refers to a repository and should not include a tag or digest.")
    return a.repository


def manifest_target(a) -> str:
    if (a.manifest_id and a.manifest_spec) or (not a.manifest_id and not (a.registry_name and a.manifest_spec)):
        raise CliError(BAD_MANIFEST)
    if a.manifest_id:
        a["registry_name"], spec = _fqdn(a.manifest_id, BAD_MANIFEST_FQDN)
        return spec
    return a.manifest_spec


LIST_ARGS = [REPO_ID, REG, REPO_NAME, TOP, ORDER, *AUTH_ARGS]
ONE_ARGS = [MANIFEST_ID, REG, SPEC, *AUTH_ARGS]


@command("acr manifest list-metadata", "List the metadata of the manifests in a repository.", LIST_ARGS, examples=[
    ("List the metadata of the manifests in the repository 'hello-world'.",
     "az acr manifest list-metadata -r myregistry -n hello-world"),
    ("List the metadata of the manifests in a repository, newest first.",
     "az acr manifest list-metadata myregistry.azurecr.io/hello-world --orderby time_desc"),
])
def manifest_list_metadata(ctx, a):
    repo = repo_target(a)
    reg, _, _ = access(ctx, a, "metadata_read", repo)
    r = repo_or_404(reg, repo)
    ms = r.ordered("manifests", a.orderby, a.top)
    return [manifest_json(r, m) for m in ms]


@command("acr manifest list", "List the manifests in a repository.", LIST_ARGS, examples=[
    ("List the manifests in the repository 'hello-world'.", "az acr manifest list -r myregistry -n hello-world"),
])
def manifest_list(ctx, a):
    repo = repo_target(a)
    reg, _, _ = access(ctx, a, "metadata_read", repo)
    r = repo_or_404(reg, repo)
    access(ctx, a, "pull", repo)
    ms = r.ordered("manifests", a.orderby, a.top)
    return [json.loads(m.content.manifest_bytes()) for m in ms]


@command("acr manifest show-metadata", "Get the metadata of an artifact in an Azure Container Registry.", ONE_ARGS,
         examples=[("Get the metadata of the tag 'hello-world:latest'.",
                    "az acr manifest show-metadata -r myregistry -n hello-world:latest"),
                   ("Get the metadata of a manifest by digest.",
                    "az acr manifest show-metadata myregistry.azurecr.io/hello-world@sha256:abc123")])
def manifest_show_metadata(ctx, a):
    spec = manifest_target(a)
    reg, _, _ = access(ctx, a, "metadata_read", parse_image(spec)[0])
    r, t, m = _resolve_image(reg, spec)
    return tag_json(t) if t is not None else manifest_json(r, m)


@command("acr manifest update-metadata", "Update the manifest metadata of an artifact in an Azure Container Registry.",
         ONE_ARGS + [
             Arg("delete_enabled", "--delete-enabled", "Indicates whether delete operation is allowed.", kind="bool"),
             Arg("list_enabled", "--list-enabled", "Indicates whether this item shows in list operation results.",
                 kind="bool"),
             Arg("read_enabled", "--read-enabled", "Indicates whether read operation is allowed.", kind="bool"),
             Arg("write_enabled", "--write-enabled", "Indicates whether write or delete operation is allowed.",
                 kind="bool"),
         ], examples=[("Lock the artifact 'hello-world:latest' against overwrites and deletes.",
                       "az acr manifest update-metadata -r myregistry -n hello-world:latest --write-enabled false")])
def manifest_update_metadata(ctx, a):
    return update_attributes(ctx, a, None, manifest_target(a))


@command("acr manifest show", "Get a manifest in an Azure Container Registry.", ONE_ARGS + [
    Arg("raw_output", "--raw", "Output the raw manifest text with no formatting.", kind="flag"),
], examples=[("Get the manifest of the artifact 'hello-world:latest'.",
              "az acr manifest show -r myregistry -n hello-world:latest"),
             ("Get the raw manifest text of an artifact by digest.",
              "az acr manifest show myregistry.azurecr.io/hello-world@sha256:abc123 --raw")])
def manifest_show(ctx, a):
    spec = manifest_target(a)
    repo = parse_image(spec)[0]
    reg, _, _ = access(ctx, a, "metadata_read", repo)
    _, _, m = _resolve_image(reg, spec)  # get_image_digest: a tag goes through /acr/v1/<repo>/_tags/<tag> first
    reg, cred, origin = access(ctx, a, "pull", repo)
    m = images.pull_image(ctx.cloud, reg, cred, repo, m.digest, origin)
    body = m.content.manifest_bytes()
    if a.raw_output:
        ctx.io.out(body.decode(), end="")
        return None
    return json.loads(body)


@command("acr manifest delete", "Delete a manifest in an Azure Container Registry.", ONE_ARGS + [YES], examples=[
    ("Delete the manifest of the artifact 'hello-world:latest' (and every tag on it).",
     "az acr manifest delete -r myregistry -n hello-world:latest"),
    ("Delete a manifest by digest.", "az acr manifest delete myregistry.azurecr.io/hello-world@sha256:abc123"),
])
def manifest_delete(ctx, a):
    spec = manifest_target(a)
    repo = parse_image(spec)[0]
    reg, _, _ = access(ctx, a, "metadata_read", repo)
    r, _, m = _resolve_image(reg, spec)
    reg, cred, origin = access(ctx, a, "delete", repo)
    ctx.confirm(f"Are you sure you want to delete the artifact '{m.digest}' and all manifests that refer to it?")
    images.delete_manifest(ctx.cloud, reg, cred, repo, m.digest, origin)
    return None



@command("acr manifest list-referrers", "List the referrers to a manifest in an Azure Container Registry.",
         ONE_ARGS + [
             Arg("artifact_type", "--artifact-type", "Filter referrers based on artifact type."),
             Arg("recursive", "--recursive", "Recursively include referrer artifacts.", kind="flag"),
         ], examples=[("List the referrers to the manifest of the artifact 'hello-world:latest'.",
                       "az acr manifest list-referrers -r myregistry -n hello-world:latest"),
                      ("List the referrers to a manifest by digest, and the referrers of those.",
                       "az acr manifest list-referrers myregistry.azurecr.io/hello-world@sha256:abc123 --recursive")])
def manifest_list_referrers(ctx, a):
    # azure-cli acr/manifest.py: resolve a tag to its digest, then GET /oras/artifacts/v1/<repo>/manifests/<digest>/
    # referrers (pull permission); --recursive adds the referrers of each referrer once. {"references": [...]}
    spec = manifest_target(a)
    repo = parse_image(spec)[0]
    reg, _, _ = access(ctx, a, "metadata_read", repo)
    r, _, m = _resolve_image(reg, spec)
    access(ctx, a, "pull", repo)
    refs = [_reference(x) for x in oci.referrers(r, m.digest, a.artifact_type)]
    if a.recursive:
        for ref in list(refs):
            refs += [_reference(x) for x in oci.referrers(r, ref["digest"])]
    return {"references": refs}


def _reference(m) -> dict:
    out = {"annotations": dict(m.content.annotations) or None, "artifactType": m.content.artifact_type or None,
           "digest": m.digest, "mediaType": m.content.media_type, "size": m.manifest_size}
    return {k: v for k, v in out.items() if v is not None}
