"""Microsoft.ContainerRegistry/registries/exportPipelines, importPipelines and pipelineRuns (ACR Transfer, Premium):
PUT, GET, list, DELETE. The models, the runs and the source trigger live in engine/transfer.py; the request bodies
follow the REST API 2025-06-01-preview (azure-cli-extensions src/acrtransfer vendored SDK models) and the
2019-12-01-preview bodies of the Azure/acr docs/image-transfer templates (no storageAccessMode: a keyVaultUri means
SasToken)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Annotated, ClassVar, Literal

from pydantic import Field

from ... import identity as ids
from ... import transfer as tf
from ...errors import ArmError
from ...locations import normalize_location
from ..manager import Plan, register
from ..request import ResourceId
from .children import RegistryChild
from .registries import by_type
from .registry_body import Body, _canonical

if TYPE_CHECKING:
    from ...cloud import Cloud
    from ...registry import Registry
    from ...tenant import Principal

NAME = re.compile(r"[A-Za-z0-9]{1,50}")
ARTIFACT = re.compile(r"[a-z0-9]+(?:[._/-][a-z0-9]+)*(?::[\w][\w.-]{0,127}|@sha256:[0-9a-f]{64})")
Mode = Annotated[Literal["ManagedIdentity", "SasToken"], _canonical("ManagedIdentity", "SasToken")]


class EndpointBody(Body):
    type: str | None = None
    uri: str
    key_vault_uri: str | None = None
    storage_access_mode: Mode | None = None


class IdentityBody(Body):
    type: Annotated[Literal["SystemAssigned", "UserAssigned", "None"], _canonical("SystemAssigned", "UserAssigned",
                                                                                     "None")]
    user_assigned_identities: dict[str, dict] | None = None


class SourceTrigger(Body):
    status: Annotated[Literal["Enabled", "Disabled"], _canonical("Enabled", "Disabled")] = "Enabled"


class Trigger(Body):
    source_trigger: SourceTrigger = Field(default_factory=SourceTrigger)


class ExportProperties(Body):
    target: EndpointBody
    options: list[Annotated[Literal[tf.EXPORT_OPTIONS], _canonical(*tf.EXPORT_OPTIONS)]] | None = None  # type: ignore[valid-type]


class ImportProperties(Body):
    source: EndpointBody
    trigger: Trigger = Field(default_factory=Trigger)
    options: list[Annotated[Literal[tf.IMPORT_OPTIONS], _canonical(*tf.IMPORT_OPTIONS)]] | None = None  # type: ignore[valid-type]


class ExportBody(Body):
    location: str | None = None
    identity: IdentityBody | None = None
    properties: ExportProperties


class ImportBody(Body):
    location: str | None = None
    identity: IdentityBody | None = None
    properties: ImportProperties


def _premium(reg: Registry) -> None:
    if reg.sku != "Premium":
        raise ArmError("SkuNotSupported", sku=reg.sku)


def _system_data(cloud: Cloud, caller: Principal, existing) -> dict:
    from ...clock import iso
    now = iso(cloud.clock.now())
    created = existing.system_data if existing is not None else {
        "createdBy": caller.sign_in_name, "createdByType": by_type(caller), "createdAt": now}
    return {**{k: created[k] for k in ("createdBy", "createdByType", "createdAt")},
            "lastModifiedBy": caller.sign_in_name, "lastModifiedByType": by_type(caller), "lastModifiedAt": now}


def _endpoint(body: EndpointBody, side: str) -> tf.Endpoint:
    from ... import storage as st
    mode = body.storage_access_mode or ("SasToken" if body.key_vault_uri else None)
    if mode is None:
        raise ArmError("TransferStorageAccessModeRequired", side=side)
    if mode == "SasToken" and not body.key_vault_uri:
        raise ArmError("TransferKeyVaultUriRequired", side=side)
    if mode == "ManagedIdentity" and body.key_vault_uri:
        raise ArmError("TransferKeyVaultUriNotAllowed", side=side)
    if st.split_container_uri(body.uri) is None:
        raise ArmError("TransferUriInvalid", uri=body.uri)
    return tf.Endpoint(uri=body.uri, key_vault_uri=body.key_vault_uri, storage_access_mode=mode)


class PipelineProvider(RegistryChild):
    kind = "export"
    body_model: ClassVar[type[Body] | None] = ExportBody

    def find(self, cloud: Cloud, rid: ResourceId) -> tf.Pipeline | None:
        reg = self.registry(cloud, rid)
        return tf.pipelines(reg, self.kind).get(rid.name.lower()) if reg is not None else None

    def listing(self, cloud: Cloud, rid: ResourceId) -> list[tf.Pipeline]:
        reg = self.registry(cloud, rid)
        return sorted(tf.pipelines(reg, self.kind).values(), key=lambda p: p.name.lower()) if reg else []

    def to_arm(self, resource: tf.Pipeline) -> dict:
        return resource.to_arm()

    def put(self, cloud: Cloud, caller: Principal, rid: ResourceId, body, existing: tf.Pipeline | None) -> Plan:
        reg = self.parent_of(cloud, rid)
        _premium(reg)
        if not NAME.fullmatch(rid.name):
            raise ArmError("PipelineNameInvalid", name=rid.name)
        if self.kind == "export" and reg.policies.export_status == "disabled":
            raise ArmError("TransferExportPolicyDisabled", name=reg.name)
        props = body.properties
        endpoint = _endpoint(props.target if self.kind == "export" else props.source,
                             "target" if self.kind == "export" else "source")
        location = normalize_location(body.location) if body.location else None
        if body.location and location is None:
            raise ArmError("LocationNotAvailableForResourceType", location=body.location, type=self.type)
        pid = f"{reg.id}/{tf.STORE[self.kind]}/{existing.name if existing else rid.name}"
        identity, make = _identity(cloud, body.identity, pid, existing)
        new = tf.Pipeline(kind=self.kind, name=existing.name if existing else rid.name, registry_id=reg.id,
                          location=location, identity=identity, endpoint=endpoint, options=list(props.options or []),
                          trigger=props.trigger.source_trigger.status if self.kind == "import" else None,
                          system_data=_system_data(cloud, caller, existing),
                          triggered=dict(existing.triggered) if existing else {})

        def commit() -> None:
            if make is not None:
                p = ids.create_system_identity(cloud, pid)
                new.identity = tf.Identity(type="SystemAssigned", principal_id=p.object_id,
                                           tenant_id=cloud.tenant.tenant_id)
            tf.pipelines(reg, self.kind, write=True)[new.name.lower()] = new
        after = [lambda: tf.trigger_existing(cloud, reg, new)] if new.trigger == "Enabled" else []
        return Plan(resource=new, commit=commit, status=200 if existing else 201, after=after)

    def delete(self, cloud: Cloud, caller: Principal, rid: ResourceId, existing: tf.Pipeline) -> Plan:
        reg = self.parent_of(cloud, rid)

        def commit() -> None:
            tf.pipelines(reg, self.kind, write=True).pop(existing.name.lower(), None)
            if existing.identity is not None and existing.identity.type == "SystemAssigned":
                ids.remove_system_identity(cloud, existing.id)
        return Plan(resource=existing, commit=commit, status=200)


def _identity(cloud: Cloud, body: IdentityBody | None, pid: str, existing: tf.Pipeline | None):
    """(the pipeline's identity, or None with a marker to create its system identity at commit)."""
    if body is None or body.type == "None":
        return None, None
    if body.type == "SystemAssigned":
        if existing is not None and existing.identity is not None and existing.identity.type == "SystemAssigned":
            return existing.identity, None
        return None, True
    assigned = {}
    for ref in body.user_assigned_identities or {}:
        mi = next((m for m in ids.identities(cloud).values() if m.id.lower() == ref.lower()), None)
        if mi is None:
            raise ArmError("TransferIdentityNotFound", id=ref)
        assigned[ref] = {"principalId": mi.principal_id, "clientId": mi.client_id}
    if not assigned:
        raise ArmError("TransferIdentityNotFound", id="(none given)")
    return tf.Identity(type="UserAssigned", user_assigned=assigned), None


class ImportPipelineProvider(PipelineProvider):
    kind = "import"
    type = tf.IMPORT
    body_model = ImportBody


class ExportPipelineProvider(PipelineProvider):
    type = tf.EXPORT


# -- pipeline runs ----------------------------------------------------------------------------------------------

class BlobRef(Body):
    type: str | None = None
    name: str | None = None


class RunRequest(Body):
    pipeline_resource_id: str
    artifacts: list[str] | None = None
    source: BlobRef | None = None
    target: BlobRef | None = None
    catalog_digest: str | None = None


class RunProperties(Body):
    request: RunRequest
    force_update_tag: str | None = None


class RunBody(Body):
    location: str | None = None
    properties: RunProperties


class PipelineRunProvider(RegistryChild):
    type = tf.RUNS
    body_model = RunBody

    def find(self, cloud: Cloud, rid: ResourceId) -> tf.PipelineRun | None:
        reg = self.registry(cloud, rid)
        return tf.runs(reg).get(rid.name.lower()) if reg is not None else None

    def listing(self, cloud: Cloud, rid: ResourceId) -> list[tf.PipelineRun]:
        reg = self.registry(cloud, rid)
        return list(tf.runs(reg).values()) if reg is not None else []

    def to_arm(self, resource: tf.PipelineRun) -> dict:
        return resource.to_arm()

    def put(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: RunBody,
            existing: tf.PipelineRun | None) -> Plan:
        reg = self.parent_of(cloud, rid)
        _premium(reg)
        if not NAME.fullmatch(rid.name):
            raise ArmError("PipelineNameInvalid", name=rid.name)
        req = body.properties.request
        found = tf.find_pipeline(cloud, req.pipeline_resource_id)
        if found is None or found[0] is not reg:
            raise ArmError("PipelineResourceNotFound", id=req.pipeline_resource_id, registry=reg.name)
        pipeline = found[1]
        artifacts = [a for a in req.artifacts or [] if a]
        source = (req.source.name if req.source else None) or None
        target = (req.target.name if req.target else None) or None
        if pipeline.kind == "export":
            if not artifacts or not target:
                raise ArmError("PipelineRunArtifactsRequired")
            if len(artifacts) > tf.MAX_ARTIFACTS:
                raise ArmError("PipelineRunTooManyArtifacts", count=len(artifacts))
            bad = next((a for a in artifacts if not ARTIFACT.fullmatch(a)), None)
            if bad is not None:
                raise ArmError("PipelineRunArtifactInvalid", artifact=bad)
            if reg.policies.export_status == "disabled":
                raise ArmError("TransferExportPolicyDisabled", name=reg.name)
        elif not source:
            raise ArmError("PipelineRunSourceRequired")
        tag = body.properties.force_update_tag or None
        new = tf.PipelineRun(name=existing.name if existing else rid.name, registry_id=reg.id,
                             location=normalize_location(body.location) if body.location else None,
                             pipeline_id=pipeline.id, artifacts=artifacts if pipeline.kind == "export" else [],
                             source_name=source if pipeline.kind == "import" else None,
                             target_name=target if pipeline.kind == "export" else None,
                             catalog_digest=req.catalog_digest or None, force_update_tag=tag,
                             system_data=_system_data(cloud, caller, existing))
        if existing is not None and existing.request_arm() == new.request_arm() and existing.force_update_tag == tag:
            return Plan(resource=existing, status=200)  # identical: ARM leaves it (docs: use forceUpdateTag)

        def commit() -> None:
            tf.runs(reg, write=True)[new.name.lower()] = new
        return Plan(resource=new, commit=commit, status=200 if existing else 201,
                    after=[lambda: tf.execute(cloud, reg, new)])

    def delete(self, cloud: Cloud, caller: Principal, rid: ResourceId, existing: tf.PipelineRun) -> Plan:
        reg = self.parent_of(cloud, rid)

        def commit() -> None:
            tf.runs(reg, write=True).pop(existing.name.lower(), None)
        return Plan(resource=existing, commit=commit, status=200)


EXPORT_PIPELINES = register(ExportPipelineProvider())
IMPORT_PIPELINES = register(ImportPipelineProvider())
PIPELINE_RUNS = register(PipelineRunProvider())
