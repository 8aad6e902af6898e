"""Microsoft.Storage/storageAccounts (PUT, PATCH tags/properties, GET, list, DELETE, POST listKeys and
regenerateKey) and their blob containers, Microsoft.Storage/storageAccounts/blobServices/containers (PUT, GET, list,
DELETE). The models and the blob data plane live in engine/storage.py; response shapes follow the 2026 recordings of
azure-cli-extensions src/acrtransfer (tests/latest/recordings/test_acr_export_pipeline_sas_token.yaml)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field

from ... import storage as st
from ...clock import iso
from ...errors import ArmError
from ..manager import Plan, Provider, register
from ..request import ResourceId
from .registry_body import Body, _canonical
from .tracked import tracked_location

if TYPE_CHECKING:
    from ...cloud import Cloud
    from ...tenant import Principal

SkuName = Annotated[Literal[st.SKUS], _canonical(*st.SKUS)]  # type: ignore[valid-type]
Kind = Annotated[Literal[st.KINDS], _canonical(*st.KINDS)]  # type: ignore[valid-type]


class Sku(Body):
    name: SkuName


class AccountProperties(Body):
    access_tier: Annotated[Literal["Hot", "Cool", "Cold", "Premium"], _canonical("Hot", "Cool", "Cold", "Premium")] \
        | None = None
    allow_blob_public_access: bool | None = None
    allow_shared_key_access: bool | None = None
    minimum_tls_version: Annotated[Literal["TLS1_0", "TLS1_1", "TLS1_2", "TLS1_3"],
                                   _canonical("TLS1_0", "TLS1_1", "TLS1_2", "TLS1_3")] | None = None
    supports_https_traffic_only: bool | None = None
    public_network_access: Annotated[Literal["Enabled", "Disabled"], _canonical("Enabled", "Disabled")] | None = None


class AccountCreate(Body):
    location: str | None = None
    sku: Sku
    kind: Kind
    tags: dict[str, str] | None = None
    properties: AccountProperties = Field(default_factory=AccountProperties)


class AccountUpdate(Body):
    sku: Sku | None = None
    tags: dict[str, str] | None = None
    properties: AccountProperties = Field(default_factory=AccountProperties)


def _account_arm(a: st.StorageAccount) -> dict:
    created = iso(a.created)
    enc = {"keyType": "Account", "enabled": True, "lastEnabledTime": created}
    props = {
        "keyCreationTime": {k.name: iso(k.created) for k in a.keys},
        "allowCrossTenantReplication": False, "privateEndpointConnections": [],
        "minimumTlsVersion": a.minimum_tls_version, "allowBlobPublicAccess": a.allow_blob_public_access,
        "networkAcls": {"ipv6Rules": [], "bypass": "AzureServices", "virtualNetworkRules": [], "ipRules": [],
                        "defaultAction": "Allow"},
        "supportsHttpsTrafficOnly": a.https_only,
        "encryption": {"services": {"file": enc, "blob": enc}, "keySource": "Microsoft.Storage"},
        "accessTier": a.access_tier, "provisioningState": "Succeeded", "creationTime": created,
        "primaryEndpoints": a.endpoints(), "primaryLocation": a.location, "statusOfPrimary": "available"}
    if a.allow_shared_key_access is not None:
        props["allowSharedKeyAccess"] = a.allow_shared_key_access
    if a.public_network_access is not None:
        props["publicNetworkAccess"] = a.public_network_access
    return {"sku": {"name": a.sku, "tier": a.sku.split("_", 1)[0]}, "kind": a.kind, "id": a.id, "name": a.name,
            "type": st.TYPE, "location": a.location, "tags": dict(a.tags), "properties": props}


class StorageAccountProvider(Provider):
    type = st.TYPE
    body_model = AccountCreate
    patch_model = AccountUpdate
    actions = {"listKeys": "listkeys/action", "regenerateKey": "regeneratekey/action"}
    enum_names = {"name": "SkuName", "kind": "Kind"}

    def find(self, cloud: Cloud, rid: ResourceId) -> st.StorageAccount | None:
        a = st.find_account(cloud, rid.names[0])
        if a is None or a.resource_group.lower() != (rid.resource_group or "").lower():
            return None
        return a

    def listing(self, cloud: Cloud, rid: ResourceId) -> list[st.StorageAccount]:
        rg = (rid.resource_group or "").lower()
        return sorted((a for a in st.accounts(cloud).values() if not rg or a.resource_group.lower() == rg),
                      key=lambda a: a.name)

    def to_arm(self, resource: st.StorageAccount) -> dict:
        return _account_arm(resource)

    def put(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: AccountCreate,
            existing: st.StorageAccount | None) -> Plan:
        name = rid.names[0]
        if not st.ACCOUNT_NAME.fullmatch(name):
            raise ArmError("AccountNameInvalid", name=name)
        taken = st.find_account(cloud, name)
        if existing is None and taken is not None:
            raise ArmError("StorageAccountAlreadyTaken", name=name)
        location = tracked_location(self.type, body.location, existing)
        props = body.properties
        now = cloud.clock.now()
        base = existing or st.StorageAccount(name=name, resource_group=cloud.group(rid.resource_group or "").name,
                                             subscription_id=rid.subscription, location=location, created=now,
                                             created_by=caller.sign_in_name, keys=st.new_keys(cloud, now))
        new = base.model_copy(update={
            "sku": body.sku.name, "kind": body.kind, "tags": dict(body.tags or (existing.tags if existing else {})),
            "access_tier": props.access_tier or (None if body.kind in ("Storage", "FileStorage") else "Hot"),
            "allow_blob_public_access": bool(props.allow_blob_public_access),
            "allow_shared_key_access": props.allow_shared_key_access,
            "minimum_tls_version": props.minimum_tls_version or "TLS1_2",
            "https_only": True if props.supports_https_traffic_only is None else props.supports_https_traffic_only,
            "public_network_access": props.public_network_access})
        return _swap(cloud, new, existing)

    def patch(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: AccountUpdate,
              existing: st.StorageAccount) -> Plan:
        props = body.properties
        changes = {"sku": body.sku.name if body.sku else None, "tags": body.tags, "access_tier": props.access_tier,
                   "allow_blob_public_access": props.allow_blob_public_access,
                   "allow_shared_key_access": props.allow_shared_key_access,
                   "minimum_tls_version": props.minimum_tls_version,
                   "https_only": props.supports_https_traffic_only,
                   "public_network_access": props.public_network_access}
        new = existing.model_copy(update={k: v for k, v in changes.items() if v is not None})
        return _swap(cloud, new, existing)

    def delete(self, cloud: Cloud, caller: Principal, rid: ResourceId, existing: st.StorageAccount) -> Plan:
        def commit() -> None:
            st.accounts(cloud).pop(existing.id, None)
        return Plan(resource=existing, commit=commit)

    def post(self, cloud: Cloud, caller: Principal, rid: ResourceId, action: str, body: dict | None,
             existing: st.StorageAccount) -> Plan:
        if action == "regenerateKey":
            key_name = str((body or {}).get("keyName") or "")
            if key_name not in ("key1", "key2"):
                raise ArmError("StorageKeyNameInvalid", name=key_name)
            value, now = st.new_key_value(cloud), cloud.clock.now()
            keys = [k if k.name != key_name else st.AccountKey(name=key_name, value=value, created=now)
                    for k in existing.keys]

            def commit() -> None:
                existing.keys = keys
            return Plan(resource=existing, commit=commit, body=_keys(keys))
        return Plan(resource=existing, body=_keys(existing.keys))


def _keys(keys: list[st.AccountKey]) -> dict:
    return {"keys": [{"creationTime": iso(k.created), "keyName": k.name, "value": k.value, "permissions": "FULL"}
                     for k in keys]}


def _swap(cloud: Cloud, new: st.StorageAccount, existing: st.StorageAccount | None) -> Plan:
    def commit() -> None:
        st.accounts(cloud)[new.id] = new
    return Plan(resource=new, commit=commit, status=200)


class BlobServiceProvider(Provider):
    """storageAccounts/blobServices: every account has exactly one, named `default` (read-only in the lab)."""

    type = f"{st.TYPE}/blobServices"

    def find(self, cloud: Cloud, rid: ResourceId) -> st.StorageAccount | None:
        a = st.find_account(cloud, rid.names[0])
        ok = a is not None and rid.name == "default" and a.resource_group.lower() == (rid.resource_group or "").lower()
        return a if ok else None

    def listing(self, cloud: Cloud, rid: ResourceId) -> list[st.StorageAccount]:
        a = self.find(cloud, ResourceId(rid.subscription, rid.resource_group, rid.namespace, rid.types,
                                        (*rid.names, "default"), rid.scope))
        return [a] if a is not None else []

    def resource_id(self, resource: st.StorageAccount) -> str:
        return f"{resource.id}/blobServices/default"

    def put(self, cloud: Cloud, caller: Principal, rid: ResourceId, body, existing) -> Plan:
        """Templates declare the service (`parent: sa`, name `default`) before its containers; its settings (CORS,
        delete retention) are not modelled, so the PUT changes nothing."""
        if existing is None:
            raise ArmError("ParentResourceNotFound", name=rid.names[0]) if rid.name == "default" else \
                ArmError("InvalidRequestContent", detail=f"The blob service of a storage account is named 'default', "
                                                         f"not '{rid.name}'.")
        return Plan(resource=existing, status=200)

    def to_arm(self, resource: st.StorageAccount) -> dict:
        return {"id": self.resource_id(resource), "name": "default", "type": self.type,
                "sku": {"name": resource.sku, "tier": resource.sku.split("_", 1)[0]},
                "properties": {"cors": {"corsRules": []}, "deleteRetentionPolicy": {"allowPermanentDelete": False,
                                                                                  "enabled": False}}}


# -- blob containers ----------------------------------------------------------------------------------------------

class ContainerProperties(Body):
    public_access: Annotated[Literal["None", "Blob", "Container"], _canonical("None", "Blob", "Container")] \
        | None = None
    metadata: dict[str, str] | None = None


class ContainerCreate(Body):
    properties: ContainerProperties = Field(default_factory=ContainerProperties)


class ContainerProvider(Provider):
    type = st.CONTAINERS
    body_model = ContainerCreate
    enum_names = {"publicAccess": "PublicAccess"}

    def account(self, cloud: Cloud, rid: ResourceId) -> st.StorageAccount | None:
        a = st.find_account(cloud, rid.names[0])
        return a if a is not None and a.resource_group.lower() == (rid.resource_group or "").lower() else None

    def find(self, cloud: Cloud, rid: ResourceId) -> tuple[st.StorageAccount, st.Container] | None:
        a = self.account(cloud, rid)
        if a is None or rid.names[1:2] != ("default",) or rid.name not in a.containers:
            return None
        return a, a.containers[rid.name]

    def listing(self, cloud: Cloud, rid: ResourceId) -> list[tuple[st.StorageAccount, st.Container]]:
        a = self.account(cloud, rid)
        return [(a, c) for _, c in sorted(a.containers.items())] if a is not None else []

    def resource_id(self, resource: tuple[st.StorageAccount, st.Container]) -> str:
        return resource[0].container_id(resource[1].name)

    def to_arm(self, resource: tuple[st.StorageAccount, st.Container]) -> dict:
        a, c = resource
        return {"id": a.container_id(c.name), "name": c.name, "type": st.CONTAINERS, "etag": f'"{c.etag}"',
                "properties": {"deleted": False, "remainingRetentionDays": 0, "defaultEncryptionScope":
                               "$account-encryption-key", "denyEncryptionScopeOverride": False,
                               "publicAccess": c.public_access or "None", "leaseStatus": "Unlocked",
                               "leaseState": "Available", "lastModifiedTime": iso(c.created),
                               "hasImmutabilityPolicy": False, "hasLegalHold": False, "metadata": c.metadata or None}}

    def put(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: ContainerCreate, existing) -> Plan:
        a = self.account(cloud, rid)
        if a is None or rid.names[1] != "default":
            raise ArmError("ParentResourceNotFound", name=f"{rid.names[0]}/{rid.names[1]}")
        if not st.CONTAINER_NAME.fullmatch(rid.name):
            raise ArmError("ContainerNameInvalid")
        access = body.properties.public_access
        if access not in (None, "None") and not a.allow_blob_public_access:
            raise ArmError("PublicAccessNotPermitted")
        old = existing[1] if existing else None
        new = st.new_container(cloud, rid.name, None if access in (None, "None") else access, old)
        new.metadata = dict(body.properties.metadata or {})

        def commit() -> None:
            a.containers[new.name] = new
        return Plan(resource=(a, new), commit=commit, status=200 if old else 201)

    def delete(self, cloud: Cloud, caller: Principal, rid: ResourceId, existing) -> Plan:
        a, c = existing

        def commit() -> None:
            a.containers.pop(c.name, None)
        return Plan(resource=existing, commit=commit)


ACCOUNTS = register(StorageAccountProvider())
BLOB_SERVICES = register(BlobServiceProvider())
CONTAINERS = register(ContainerProvider())
