"""The JSON shapes of ACR's /acr/v1/ API (a repository's, a tag's and a manifest's attributes): what the registry's
HTTP API answers (engine/web_registry_acr.py) and what `az acr repository|manifest show|list-metadata` print.
Source: Azure/azure-cli src/azure-cli/azure/cli/command_modules/acr/repository.py (paths /acr/v1/<repo>,
/_tags[/<tag>], /_manifests[/<digest>]; result keys 'tags', 'manifests', 'tag', 'manifest')."""

from __future__ import annotations

from . import oci
from .artifacts import Manifest, Repository, Tag
from .clock import iso_z


def repository_json(reg, r: Repository) -> dict:
    return {"changeableAttributes": r.attributes.to_json(), "createdTime": iso_z(r.created), "imageName": r.name,
            "lastUpdateTime": iso_z(r.last_update), "manifestCount": len(r.manifests), "registry": reg.login_server,
            "tagCount": len(r.tags)}


def tag_json(t: Tag) -> dict:
    return {"changeableAttributes": t.attributes.to_json(), "createdTime": iso_z(t.created), "digest": t.digest,
            "lastUpdateTime": iso_z(t.last_update), "name": t.name, "signed": t.signed}


def manifest_json(r: Repository, m: Manifest) -> dict:
    attrs = m.attributes.to_json()
    if m.quarantine_state:
        attrs["quarantineState"] = m.quarantine_state
    out: dict = {"architecture": m.content.architecture, "changeableAttributes": attrs,
           "configMediaType": "application/vnd.docker.container.image.v1+json", "createdTime": iso_z(m.created),
           "digest": m.digest, "imageSize": m.content.size, "lastUpdateTime": iso_z(m.last_update),
           "mediaType": m.content.media_type, "os": m.content.os}
    oci.metadata_fields(m.content, out)  # an index or an OCI artifact (signature) differs
    tags = r.tags_of(m.digest)
    if tags:
        out["tags"] = tags
    return out
