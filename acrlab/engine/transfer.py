"""ACR Transfer: export pipelines write a registry's artifacts as one blob into a storage container, import pipelines
read such a blob into a registry, and pipeline runs invoke either (Premium registries only).

Sources: docs container-registry-transfer-prerequisites.md, -transfer-cli.md and -transfer-arm-template.md
(MicrosoftDocs/azure-management-docs); the REST API shapes of azure-cli-extensions src/acrtransfer (vendored SDK
v2025_06_01_preview, recordings test_acr_export_pipeline_sas_token.yaml). Rules:
- A pipeline reaches its storage container with its managed identity: in SasToken mode it reads the SAS from the
  Key Vault secret `keyVaultUri` (the identity needs secret get: an access policy or Key Vault Secrets User) and
  writes/reads with that SAS; in ManagedIdentity mode it uses the identity itself (Storage Blob Data Contributor for
  export, Reader for import). A run that cannot fails, with the reason in `pipelineRunErrorMessage`.
- An export run needs at most 50 artifacts (`repository:tag` or `repository@digest`) and a target blob name; without
  the option OverwriteBlobs an existing blob fails the run; ContinueOnErrors skips artifacts that fail.
- An import run (or the source trigger, on by default) imports every artifact of the blob; an existing tag is kept
  unless OverwriteTags; DeleteSourceBlobOnSuccess deletes the blob afterwards. The source trigger imports blobs
  written to the container, and at pipeline creation those modified within the last 60 days.
The blob holds the artifacts' manifests and configuration as JSON (a real transfer blob is a tar of the same
content), so a blob copied between accounts with `az storage blob upload` imports as the original."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from . import storage as st
from .clock import iso
from .errors import AzureError, RegistryError

if TYPE_CHECKING:
    from .cloud import Cloud
    from .registry import Registry
    from .tenant import Principal

CR = "Microsoft.ContainerRegistry/registries"
EXPORT, IMPORT, RUNS = f"{CR}/exportPipelines", f"{CR}/importPipelines", f"{CR}/pipelineRuns"
STORE = {"export": "exportPipelines", "import": "importPipelines"}
MAX_ARTIFACTS = 50
TRIGGER_WINDOW = timedelta(days=60)
EXPORT_OPTIONS = ("OverwriteBlobs", "ContinueOnErrors")
IMPORT_OPTIONS = ("OverwriteTags", "DeleteSourceBlobOnSuccess", "ContinueOnErrors")
BLOB_FORMAT = "acrlab.transfer.v1"


class Endpoint(BaseModel):
    """An export pipeline's target or an import pipeline's source."""

    type: str = "AzureStorageBlobContainer"
    uri: str
    key_vault_uri: str | None = None
    storage_access_mode: str

    def to_arm(self) -> dict:
        out = {"type": self.type, "uri": self.uri}
        if self.key_vault_uri:
            out["keyVaultUri"] = self.key_vault_uri
        out["storageAccessMode"] = self.storage_access_mode
        return out


class Identity(BaseModel):
    type: str  # SystemAssigned | UserAssigned
    principal_id: str | None = None
    tenant_id: str | None = None
    user_assigned: dict[str, dict[str, str]] = Field(default_factory=dict)

    def to_arm(self) -> dict:
        if self.type == "UserAssigned":
            return {"type": "userAssigned", "userAssignedIdentities": self.user_assigned}
        return {"principalId": self.principal_id, "tenantId": self.tenant_id, "type": "systemAssigned"}


class Pipeline(BaseModel):
    kind: str  # export | import
    name: str
    registry_id: str
    location: str | None = None
    identity: Identity | None = None
    endpoint: Endpoint
    options: list[str] = Field(default_factory=list)
    trigger: str | None = None
    """Import pipelines: the source trigger's status (Enabled | Disabled)."""
    system_data: dict[str, Any] = Field(default_factory=dict)
    triggered: dict[str, str] = Field(default_factory=dict)
    """Source trigger: blob name -> the etag it imported (a blob is imported once per write)."""

    @property
    def id(self) -> str:
        return f"{self.registry_id}/{STORE[self.kind]}/{self.name}"

    def to_arm(self) -> dict:
        props: dict[str, Any] = {("target" if self.kind == "export" else "source"): self.endpoint.to_arm()}
        if self.trigger is not None:
            props["trigger"] = {"sourceTrigger": {"status": self.trigger}}
        if self.options:
            props["options"] = list(self.options)
        props["provisioningState"] = "Succeeded"
        out: dict[str, Any] = {"type": EXPORT if self.kind == "export" else IMPORT}
        if self.location:
            out["location"] = self.location
        if self.identity is not None:
            out["identity"] = self.identity.to_arm()
        return {**out, "id": self.id, "name": self.name, "systemData": self.system_data, "properties": props}


class PipelineRun(BaseModel):
    name: str
    registry_id: str
    location: str | None = None
    pipeline_id: str
    artifacts: list[str] = Field(default_factory=list)
    source_name: str | None = None
    target_name: str | None = None
    catalog_digest: str | None = None
    force_update_tag: str | None = None
    system_data: dict[str, Any] = Field(default_factory=dict)
    provisioning_state: str = "Updating"
    status: str = "Running"
    start: datetime | None = None
    finish: datetime | None = None
    imported: list[str] = Field(default_factory=list)
    error: str | None = None
    endpoint: Endpoint | None = None
    triggered_at: datetime | None = None
    result_digest: str | None = None

    @property
    def id(self) -> str:
        return f"{self.registry_id}/pipelineRuns/{self.name}"

    @property
    def is_export(self) -> bool:
        return "/exportpipelines/" in self.pipeline_id.lower()

    def request_arm(self) -> dict:
        req: dict[str, Any] = {"pipelineResourceId": self.pipeline_id}
        if self.artifacts:
            req["artifacts"] = list(self.artifacts)
        if self.source_name:
            req["source"] = {"type": "AzureStorageBlob", "name": self.source_name}
        if self.target_name:
            req["target"] = {"type": "AzureStorageBlob", "name": self.target_name}
        if self.catalog_digest:
            req["catalogDigest"] = self.catalog_digest
        return req

    def to_arm(self) -> dict:
        resp: dict[str, Any] = {"status": self.status, "importedArtifacts": list(self.imported) or None,
                                "progress": {"percentage": "100" if self.status == "Succeeded" else "0"},
                                "startTime": iso(self.start), "finishTime": iso(self.finish),
                                "catalogDigest": self.result_digest}
        if self.endpoint is not None:
            resp["target" if self.is_export else "source"] = self.endpoint.to_arm()
        if self.triggered_at is not None:
            resp["trigger"] = {"sourceTrigger": {"timestamp": iso(self.triggered_at)}}
        if self.error:
            resp["pipelineRunErrorMessage"] = self.error
        props: dict[str, Any] = {"request": self.request_arm(), "response": resp,
                                 "provisioningState": self.provisioning_state}
        if self.force_update_tag:
            props["forceUpdateTag"] = self.force_update_tag
        return {"type": RUNS, **({"location": self.location} if self.location else {}), "id": self.id, "name": self.name, "systemData": self.system_data, "properties": props}


def pipelines(reg: Registry, kind: str, write: bool = False) -> dict[str, Pipeline]:
    """The registry's pipelines of `kind` by lower-case name (`write`: the store itself, created if need be; a read
    leaves the registry as it was)."""
    return reg.extra.setdefault(STORE[kind], {}) if write else reg.extra.get(STORE[kind], {})


def runs(reg: Registry, write: bool = False) -> dict[str, PipelineRun]:
    return reg.extra.setdefault("pipelineRuns", {}) if write else reg.extra.get("pipelineRuns", {})


def find_pipeline(cloud: Cloud, resource_id: str) -> tuple[Registry, Pipeline] | None:
    """A pipeline by its resource id (any casing)."""
    parts = resource_id.strip().rstrip("/").split("/")
    low = [p.lower() for p in parts]
    if len(parts) < 4 or low[-2] not in ("exportpipelines", "importpipelines") or "registries" not in low:
        return None
    reg = cloud.find_registry(parts[low.index("registries") + 1])
    if reg is None or not resource_id.lower().startswith(reg.id.lower() + "/"):
        return None
    found = pipelines(reg, "export" if low[-2] == "exportpipelines" else "import").get(parts[-1].lower())
    return (reg, found) if found is not None else None


# -- running --------------------------------------------------------------------------------------------------

class RunFailure(Exception):
    pass


def _principal(cloud: Cloud, pipeline: Pipeline) -> Principal:
    ident = pipeline.identity
    object_id = None
    if ident is not None and ident.type == "SystemAssigned":
        object_id = ident.principal_id
    elif ident is not None and ident.user_assigned:
        object_id = next(iter(ident.user_assigned.values())).get("principalId")
    p = cloud.tenant.principals.get(object_id or "")
    if p is None:
        raise RunFailure(f"The pipeline '{pipeline.name}' has no managed identity to access its storage account.")
    return p


def _container(cloud: Cloud, pipeline: Pipeline) -> tuple[st.StorageAccount, str, st.Credential]:
    """The storage account and container the pipeline uses and the credential its identity obtains for it."""
    parts = st.split_container_uri(pipeline.endpoint.uri)
    account = st.find_account(cloud, parts[0]) if parts else None
    if account is None or parts is None:
        raise RunFailure(f"Could not reach the storage account of '{pipeline.endpoint.uri}': the account does not "
                         "exist.")
    principal = _principal(cloud, pipeline)
    if pipeline.endpoint.storage_access_mode == "ManagedIdentity":
        return account, parts[1], st.Credential(kind="login", principal=principal)
    from .keyvault_secrets import read_secret_value
    try:
        sas = read_secret_value(cloud, principal, pipeline.endpoint.key_vault_uri or "")
    except AzureError as e:
        raise RunFailure(f"Failed to get the SAS token from Key Vault secret '{pipeline.endpoint.key_vault_uri}': "
                         f"{e.message}") from None
    return account, parts[1], st.Credential(kind="sas", secret=sas)


def _content_json(content) -> dict:
    from .oci import ArtifactManifest, ImageIndex
    kind = "index" if isinstance(content, ImageIndex) else "artifact" if isinstance(content, ArtifactManifest) \
        else "image"
    return {"kind": kind, "content": content.model_dump(mode="json")}


def _content_of(entry: dict):
    from .artifacts import ImageContent
    from .oci import ArtifactManifest, ImageIndex
    kinds: dict[str, type[ImageContent]] = {"index": ImageIndex, "artifact": ArtifactManifest,
                                            "image": ImageContent}
    return kinds[entry["kind"]].model_validate(entry["content"])


def export_blob(cloud: Cloud, reg: Registry, artifacts: list[str], continue_on_errors: bool) -> tuple[bytes, list]:
    """The blob an export writes, and the artifacts it holds."""
    entries = []
    for artifact in artifacts:
        repo, sep, ref = artifact.partition("@") if "@" in artifact else artifact.rpartition(":")
        try:
            m = reg.store.resolve(repo, ref)
        except RegistryError:
            if continue_on_errors:
                continue
            raise RunFailure(f"Artifact '{artifact}' was not found in registry '{reg.login_server}'.") from None
        entries.append({"repository": repo, "tag": None if sep == "@" else ref, "digest": m.digest,
                        **_content_json(m.content)})
    body = json.dumps({"format": BLOB_FORMAT, "registry": reg.login_server, "artifacts": entries},
                      sort_keys=True).encode()
    return body, entries


def _read_blob(content: bytes) -> list[dict]:
    try:
        data = json.loads(content)
        if data.get("format") != BLOB_FORMAT:
            raise ValueError
        return [e | {"content": _content_of(e)} for e in data["artifacts"]]
    except (ValueError, KeyError, TypeError, AttributeError):
        raise RunFailure("The blob is not an ACR Transfer artifact blob (it was not written by an export "
                         "pipeline).") from None


def execute(cloud: Cloud, reg: Registry, run: PipelineRun) -> None:
    """Run `run` now: it ends Succeeded or Failed with the reason (never raises)."""
    found = find_pipeline(cloud, run.pipeline_id)
    run.start = cloud.clock.now()
    try:
        if found is None:
            raise RunFailure(f"The pipeline '{run.pipeline_id}' no longer exists.")
        pipeline = found[1]
        run.endpoint = pipeline.endpoint
        if pipeline.kind == "export":
            _export(cloud, reg, pipeline, run)
        else:
            _import(cloud, reg, pipeline, run)
        run.status = run.provisioning_state = "Succeeded"
    except (RunFailure, AzureError, RegistryError) as e:
        run.status = run.provisioning_state = "Failed"
        run.error = str(e) if isinstance(e, RunFailure) else f"{e.code}: {e.message.split(chr(10), 1)[0]}"
    run.finish = cloud.clock.now()


def _export(cloud: Cloud, reg: Registry, pipeline: Pipeline, run: PipelineRun) -> None:
    account, container, cred = _container(cloud, pipeline)
    body, _ = export_blob(cloud, reg, run.artifacts, "ContinueOnErrors" in pipeline.options)
    st.put_blob(cloud, account, container, run.target_name or "", body, cred,
                overwrite="OverwriteBlobs" in pipeline.options)
    run.result_digest = "sha256:" + hashlib.sha256(body).hexdigest()


def _import(cloud: Cloud, reg: Registry, pipeline: Pipeline, run: PipelineRun) -> None:
    from .dataplane import Origin
    from .oci import ImageIndex, store_index
    account, container, cred = _container(cloud, pipeline)
    blob = st.get_blob(cloud, account, container, run.source_name or "", cred)
    run.result_digest = "sha256:" + hashlib.sha256(blob.content).hexdigest()
    keep_going, overwrite = "ContinueOnErrors" in pipeline.options, "OverwriteTags" in pipeline.options
    now, origin = cloud.clock.now(), Origin(kind="azure-service")
    for entry in _read_blob(blob.content):
        repo, tag, content = entry["repository"], entry["tag"], entry["content"]
        name = f"{repo}:{tag}" if tag else f"{repo}@{entry['digest']}"
        existing = reg.store.repositories.get(repo)
        if tag and existing is not None and tag in existing.tags and not overwrite:
            if keep_going:
                continue
            raise RunFailure(f"Tag '{name}' already exists in the target registry and the pipeline does not have "
                             "the option OverwriteTags.")
        try:
            if isinstance(content, ImageIndex):
                manifest, left = store_index(reg.store, repo, content, now, tag)
            else:
                manifest, left = reg.store.put_manifest(repo, content, now, tag)
        except RegistryError as e:
            if keep_going:
                continue
            raise RunFailure(f"Artifact '{name}' could not be written: {e.message}") from None
        cloud.emit("push", registry=reg, repository=repo, tag=tag, manifest=manifest, cred=None, origin=origin)
        if left is not None and not reg.store.repositories[repo].is_tagged(left):
            cloud.emit("untagged", registry=reg, repository=repo, digest=left)
        run.imported.append(name)
    if "DeleteSourceBlobOnSuccess" in pipeline.options:
        st.delete_blob(cloud, account, container, blob.name, cred)


# -- the source trigger -----------------------------------------------------------------------------------------

def trigger(cloud: Cloud, reg: Registry, pipeline: Pipeline, blob: st.Blob) -> PipelineRun | None:
    """Import `blob` through `pipeline`'s source trigger, once per write of the blob."""
    if pipeline.triggered.get(blob.name) == blob.etag:
        return None
    pipeline.triggered[blob.name] = blob.etag
    now = cloud.clock.now()
    run = PipelineRun(name=f"{pipeline.name}_{cloud.ids.hex(12)}", registry_id=reg.id, pipeline_id=pipeline.id, source_name=blob.name, triggered_at=now,
                      system_data=pipeline.system_data)
    runs(reg, write=True)[run.name.lower()] = run
    execute(cloud, reg, run)
    return run


def watching(cloud: Cloud, account: st.StorageAccount, container: str) -> list[tuple[Registry, Pipeline]]:
    """Import pipelines whose enabled source trigger watches the container."""
    out = []
    for reg in list(cloud.registries.values()):
        for p in pipelines(reg, "import").values():
            if p.trigger == "Enabled" and st.split_container_uri(p.endpoint.uri) == (account.name, container):
                out.append((reg, p))
    return out


def trigger_existing(cloud: Cloud, reg: Registry, pipeline: Pipeline) -> None:
    """A new pipeline with its source trigger on imports the container's recent blobs (60 days)."""
    parts = st.split_container_uri(pipeline.endpoint.uri)
    account = st.find_account(cloud, parts[0]) if parts else None
    c = account.containers.get(parts[1]) if account is not None and parts else None
    for blob in list(c.blobs.values()) if c is not None else []:
        if cloud.clock.now() - blob.last_modified <= TRIGGER_WINDOW:
            trigger(cloud, reg, pipeline, blob)


def on_blob_written(cloud: Cloud, account: st.StorageAccount, container: str, blob: st.Blob, **_: Any) -> None:
    for reg, pipeline in watching(cloud, account, container):
        trigger(cloud, reg, pipeline, blob)


def install(cloud: Cloud) -> None:
    cloud.on("blob_written", on_blob_written)
