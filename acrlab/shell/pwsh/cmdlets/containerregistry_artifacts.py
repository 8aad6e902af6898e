"""Az.ContainerRegistry repository, tag and manifest cmdlets (data plane): Get-, Update- and Remove-
AzContainerRegistryRepository|Tag|Manifest, with the output objects and default views of the module's help pages
(Azure/azure-powershell src/ContainerRegistry/ContainerRegistry/help/*.md)."""

from __future__ import annotations

from ....engine import images
from ....engine.attributes import update_attributes
from ...docker_state import origin_of
from .. import views
from ..values import PSError, PSObject
from .base import Param, cmdlet
from .containerregistry import MOD
from .containerregistry_data import PROFILE, REGISTRY, credential, data_call, find_registry

M = "Microsoft.Azure.Commands.ContainerRegistry.Models"
REPO = Param("RepositoryName", "string", "Repository Name.", mandatory=True, by_property=True)
LOCKS = [Param(n, "bool", f"{n[:-7]} enable.") for n in ("DeleteEnabled", "WriteEnabled", "ListEnabled",
                                                          "ReadEnabled")]
BY_TAG, BY_MANIFEST = ("ByTagParameterSet",), ("ByManifestParameterSet",)

views.register(f"{M}.PSTagList", "table", "Registry", "ImageName",
               ("Tags", lambda o: [t.get("Name") for t in o.get("Tags") or []]))
for _t in ("PSTagAttribute", "PSManifestAttribute"):
    views.register(f"{M}.{_t}", "table", "Registry", "ImageName", "Attributes")
views.register(f"{M}.PSAcrManifest", "table", "Registry", "ImageName", "ManifestsAttributes")
views.register(f"{M}.PSRepositoryAttribute", "list", "Registry", "ImageName", "CreatedTime", "LastUpdateTime",
               "ManifestCount", "TagCount", "ChangeableAttributes")
views.register(f"{M}.PSDeletedRepository", "table", "ManifestsDeleted", "TagsDeleted")


def _attrs(a) -> PSObject:
    return PSObject(f"{M}.PSChangeableAttribute", {"DeleteEnabled": a.delete_enabled, "WriteEnabled": a.write_enabled,
                                                   "ReadEnabled": a.read_enabled, "ListEnabled": a.list_enabled})


def _iso(d) -> str:
    return d.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "0000Z" if d else ""


def _tag(t) -> PSObject:
    return PSObject(f"{M}.PSTagAttributeBase", {
        "Name": t.name, "Digest": t.digest, "CreatedTime": _iso(t.created), "LastUpdateTime": _iso(t.last_update),
        "Signed": t.signed, "ChangeableAttributes": _attrs(t.attributes)})


def _manifest(r, m) -> PSObject:
    return PSObject(f"{M}.PSManifestAttributeBase", {
        "Digest": m.digest, "ImageSize": m.content.size, "CreatedTime": _iso(m.created),
        "LastUpdateTime": _iso(m.last_update), "Architecture": m.content.architecture, "Os": m.content.os,
        "MediaType": m.content.media_type, "ConfigMediaType": "application/vnd.docker.container.image.v1+json",
        "Tags": r.tags_of(m.digest), "ChangeableAttributes": _attrs(m.attributes)})


def _repository(reg, r) -> PSObject:
    return PSObject(f"{M}.PSRepositoryAttribute", {
        "Registry": reg.login_server, "ImageName": r.name, "CreatedTime": _iso(r.created),
        "LastUpdateTime": _iso(r.last_update), "ManifestCount": len(r.manifests), "TagCount": len(r.tags),
        "ChangeableAttributes": _attrs(r.attributes)})


def _open(ctx, a, operation: str, repo: str):
    """The registry and repository after the data-plane check of `operation` (as the signed-in identity)."""
    from ....engine.dataplane import require
    reg = find_registry(ctx, a.RegistryName)
    data_call(require, ctx.cloud, reg, credential(ctx, reg), operation, repo, origin_of(ctx.sh))
    return reg, data_call(reg.store.repo, repo)


@cmdlet("Get-AzContainerRegistryRepository", [
    REGISTRY, Param("Name", "string", "Repository Name.", sets=("GetParameterSet",), mandatory=True,
                    by_property=True),
    Param("First", "int", "First n results.", sets=("ListParameterSet",)), PROFILE,
], "Get or list ACR repositories.", module=MOD, sets=["ListParameterSet", "GetParameterSet"],
    default_set="ListParameterSet",
    examples=[("List all repositories in registry", "Get-AzContainerRegistryRepository -RegistryName registry"),
              ("Get repository alpine", "Get-AzContainerRegistryRepository -RegistryName registry -Name alpine")])
def get_repository(ctx, a, items):
    if a.Name:
        reg, r = _open(ctx, a, "metadata_read", a.Name)
        return _repository(reg, r)
    from ....engine.dataplane import require
    reg = find_registry(ctx, a.RegistryName)
    data_call(require, ctx.cloud, reg, credential(ctx, reg), "catalog", None, origin_of(ctx.sh))
    names = sorted(n for n, r in reg.store.repositories.items() if r.attributes.list_enabled)
    return names[: a.First] if a.has("First") else names


@cmdlet("Update-AzContainerRegistryRepository", [
    Param("Name", "string", "Repository Name.", mandatory=True, by_property=True), *LOCKS, REGISTRY, PROFILE,
], "Update ACR repository.", module=MOD, should_process=True,
    examples=[("Lock a repository against deletes", "Update-AzContainerRegistryRepository -RegistryName registry "
                                                    "-Name test/busybox8 -DeleteEnabled $false -WriteEnabled $true "
                                                    "-ListEnabled $true -ReadEnabled $true")])
def update_repository(ctx, a, items):
    reg = _set_locks(ctx, a, "Update repository", a.Name, a.Name)
    return None if reg is None else _repository(reg, reg.store.repo(a.Name))


def _set_locks(ctx, a, operation: str, target: str, repo: str, **where):
    """-WhatIf prints what would change (None); otherwise the attributes given are set and the registry returned."""
    if a.WhatIf:
        ctx.host(f'What if: Performing the operation "{operation}" on target "{target}".')
        return None
    reg = find_registry(ctx, a.RegistryName)
    data_call(update_attributes, ctx.cloud, reg, credential(ctx, reg), repo, origin_of(ctx.sh), **where,
              delete_enabled=a.DeleteEnabled, write_enabled=a.WriteEnabled, list_enabled=a.ListEnabled,
              read_enabled=a.ReadEnabled)
    return reg


@cmdlet("Remove-AzContainerRegistryRepository", [
    Param("Name", "string", "Repository Name.", mandatory=True, by_property=True), REGISTRY, PROFILE,
], "Delete repository from ACR.", module=MOD, should_process=True,
    examples=[("Delete a repository", "Remove-AzContainerRegistryRepository -RegistryName registry -Name alpine")])
def remove_repository(ctx, a, items):
    reg = find_registry(ctx, a.RegistryName)
    if a.WhatIf:
        ctx.host(f'What if: Performing the operation "Delete repository" on target "{a.Name}".')
        return None
    r = data_call(reg.store.repo, a.Name)
    digests, tags = list(r.manifests), list(r.tags)
    data_call(images.delete_repository, ctx.cloud, reg, credential(ctx, reg), a.Name, origin_of(ctx.sh))
    return PSObject(f"{M}.PSDeletedRepository", {"ManifestsDeleted": digests, "TagsDeleted": tags})


@cmdlet("Get-AzContainerRegistryTag", [
    REPO, Param("Name", "string", "Tag.", sets=("GetParameterSet",), mandatory=True, by_property=True), REGISTRY,
    PROFILE,
], "Get or list ACR tag.", module=MOD, sets=["ListParameterSet", "GetParameterSet"], default_set="ListParameterSet",
    examples=[("List tags of a repository", "Get-AzContainerRegistryTag -RegistryName registry -RepositoryName alpine"),
              ("Get one tag", "Get-AzContainerRegistryTag -RegistryName registry -RepositoryName alpine -Name latest")])
def get_tag(ctx, a, items):
    reg, r = _open(ctx, a, "metadata_read", a.RepositoryName)
    if a.Name:
        t = r.tags.get(a.Name)
        if t is None:
            raise PSError(f"Operation returned an invalid status code 'NotFound': TAG_UNKNOWN: tag \"{a.Name}\" is "
                          "not found.")
        return PSObject(f"{M}.PSTagAttribute", {"Registry": reg.login_server, "ImageName": r.name,
                                                "Attributes": _tag(t)})
    tags = [_tag(t) for t in sorted(r.tags.values(), key=lambda t: t.name) if t.attributes.list_enabled]
    return PSObject(f"{M}.PSTagList", {"Registry": reg.login_server, "ImageName": r.name, "Tags": tags})


@cmdlet("Update-AzContainerRegistryTag", [
    REPO, Param("Name", "string", "Tag.", mandatory=True, by_property=True), *LOCKS, REGISTRY, PROFILE,
], "Update ACR tag.", module=MOD, should_process=True,
    examples=[("Lock a tag", "Update-AzContainerRegistryTag -RegistryName registry -RepositoryName alpine -Name latest "
                             "-DeleteEnabled $false -WriteEnabled $true -ListEnabled $true -ReadEnabled $true")])
def update_tag(ctx, a, items):
    reg = _set_locks(ctx, a, "Update tag", f"{a.RepositoryName}:{a.Name}", a.RepositoryName, tag=a.Name)
    if reg is None:
        return None
    r = reg.store.repo(a.RepositoryName)
    return PSObject(f"{M}.PSTagAttribute", {"Registry": reg.login_server, "ImageName": r.name,
                                            "Attributes": _tag(r.tags[a.Name])})


@cmdlet("Remove-AzContainerRegistryTag", [
    REPO, Param("Name", "string", "Tag.", mandatory=True, by_property=True), REGISTRY, PROFILE,
], "Untag ACR tag.", module=MOD, should_process=True,
    examples=[("Untag an image", "Remove-AzContainerRegistryTag -RegistryName registry -RepositoryName alpine "
                                 "-Name latest")])
def remove_tag(ctx, a, items):
    reg = find_registry(ctx, a.RegistryName)
    if a.WhatIf:
        ctx.host(f'What if: Performing the operation "Untag" on target "{a.RepositoryName}:{a.Name}".')
        return None
    repo = data_call(reg.store.repo, a.RepositoryName)
    if a.Name not in repo.tags:
        raise PSError(f"Operation returned an invalid status code 'NotFound': TAG_UNKNOWN: tag \"{a.Name}\" is not "
                      "found.")
    data_call(images.untag, ctx.cloud, reg, credential(ctx, reg), a.RepositoryName, a.Name, origin_of(ctx.sh))
    return True


@cmdlet("Get-AzContainerRegistryManifest", [
    REPO, Param("Name", "string", "Manifest reference.", sets=("GetParameterSet",), mandatory=True, by_property=True),
    REGISTRY, PROFILE,
], "Get or list ACR manifest.", module=MOD, sets=["ListParameterSet", "GetParameterSet"],
    default_set="ListParameterSet",
    examples=[("List manifests of a repository",
               "Get-AzContainerRegistryManifest -RegistryName registry -RepositoryName alpine")])
def get_manifest(ctx, a, items):
    reg, r = _open(ctx, a, "metadata_read", a.RepositoryName)
    if a.Name:
        m = data_call(reg.store.resolve, a.RepositoryName, a.Name)
        return PSObject(f"{M}.PSManifestAttribute", {"Registry": reg.login_server, "ImageName": r.name,
                                                     "Attributes": _manifest(r, m)})
    manifests = [_manifest(r, m) for m in sorted(r.manifests.values(), key=lambda m: m.created)
                 if m.attributes.list_enabled]
    return PSObject(f"{M}.PSAcrManifest", {"Registry": reg.login_server, "ImageName": r.name,
                                           "ManifestsAttributes": manifests})


def _reference(a) -> str:
    return a.Tag if a.set_name == "ByTagParameterSet" else a.Manifest


MANIFEST_SETS = [Param("Manifest", "string", "Manifest reference.", sets=BY_MANIFEST, mandatory=True,
                       by_property=True),
                 Param("Tag", "string", "Tag.", sets=BY_TAG, mandatory=True, by_property=True)]


@cmdlet("Update-AzContainerRegistryManifest", [REPO, *MANIFEST_SETS, *LOCKS, REGISTRY, PROFILE],
        "Update ACR manifest.", module=MOD, should_process=True, sets=["ByManifestParameterSet", "ByTagParameterSet"],
        default_set="ByManifestParameterSet",
        examples=[("Lock a manifest by tag", "Update-AzContainerRegistryManifest -RegistryName registry "
                   "-RepositoryName alpine -Tag latest -DeleteEnabled $false -WriteEnabled $true -ListEnabled $true "
                   "-ReadEnabled $true")])
def update_manifest(ctx, a, items):
    reg = _set_locks(ctx, a, "Update manifest", _reference(a), a.RepositoryName, reference=_reference(a))
    if reg is None:
        return None
    r = reg.store.repo(a.RepositoryName)
    return PSObject(f"{M}.PSManifestAttribute", {"Registry": reg.login_server, "ImageName": r.name,
                                                 "Attributes": _manifest(r, reg.store.resolve(r.name, _reference(a)))})


@cmdlet("Remove-AzContainerRegistryManifest", [REPO, *MANIFEST_SETS, REGISTRY, PROFILE],
        "Delete ACR manifest.", module=MOD, should_process=True, sets=["ByManifestParameterSet", "ByTagParameterSet"],
        default_set="ByManifestParameterSet",
        examples=[("Delete the manifest a tag names", "Remove-AzContainerRegistryManifest -RegistryName registry "
                   "-RepositoryName test/busybox27 -Tag latest")])
def remove_manifest(ctx, a, items):
    reg = find_registry(ctx, a.RegistryName)
    if a.WhatIf:
        ctx.host(f'What if: Performing the operation "Delete manifest" on target "{_reference(a)}".')
        return None
    m = data_call(reg.store.resolve, a.RepositoryName, _reference(a))
    data_call(images.delete_manifest, ctx.cloud, reg, credential(ctx, reg), a.RepositoryName, m.digest,
              origin_of(ctx.sh))
    return True
