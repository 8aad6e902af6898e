"""Microsoft.ContainerRegistry/registries/connectedRegistries (Premium): PUT, PATCH, GET, list (creation order),
DELETE and POST deactivate. The model and the family's limits are engine/connected_registries.py's; bodies follow the
REST API's ConnectedRegistry and ConnectedRegistryUpdateParameters (Azure/azure-rest-api-specs containerregistry)."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from pydantic import Field

from ... import connected_registries as crm
from ...errors import ArmError
from ..manager import Plan, register
from ..request import ResourceId
from .children import RegistryChild
from .registry_body import Body

if TYPE_CHECKING:
    from ...cloud import Cloud
    from ...registry import Registry
    from ...tenant import Principal


class SyncProperties(Body):
    token_id: str | None = None
    schedule: str | None = None
    message_ttl: str | None = None
    sync_window: str | None = None


class ParentProperties(Body):
    id: str | None = None
    sync_properties: SyncProperties = Field(default_factory=SyncProperties)


class LoggingProperties(Body):
    log_level: str | None = None
    audit_log_status: str | None = None


class GarbageCollection(Body):
    enabled: bool | None = None
    schedule: str | None = None


class ConnectedRegistryProperties(Body):
    mode: str | None = None
    parent: ParentProperties = Field(default_factory=ParentProperties)
    client_token_ids: list[str] | None = None
    logging: LoggingProperties | None = None
    notifications_list: list[str] | None = None
    garbage_collection: GarbageCollection | None = None


class ConnectedRegistryBody(Body):
    properties: ConnectedRegistryProperties = Field(default_factory=ConnectedRegistryProperties)


class UpdateProperties(Body):
    sync_properties: SyncProperties | None = None
    logging: LoggingProperties | None = None
    client_token_ids: list[str] | None = None
    notifications_list: list[str] | None = None
    garbage_collection: GarbageCollection | None = None
    mode: str | None = None
    parent: ParentProperties | None = None


class ConnectedRegistryUpdate(Body):
    properties: UpdateProperties = Field(default_factory=UpdateProperties)


class ConnectedRegistryProvider(RegistryChild):
    type = crm.TYPE
    body_model = ConnectedRegistryBody
    patch_model = ConnectedRegistryUpdate
    actions = {"deactivate": "deactivate/action"}

    def items(self, reg: Registry) -> dict[str, crm.ConnectedRegistry]:
        return crm.connected_registries(reg)

    def find(self, cloud: Cloud, rid: ResourceId) -> crm.ConnectedRegistry | None:
        reg = self.registry(cloud, rid)
        if reg is None:
            return None
        return next((c for n, c in self.items(reg).items() if n.lower() == rid.name.lower()), None)

    def listing(self, cloud: Cloud, rid: ResourceId) -> list[crm.ConnectedRegistry]:
        reg = self.registry(cloud, rid)
        return list(self.items(reg).values()) if reg is not None else []  # creation order, as the service lists

    def to_arm(self, resource: crm.ConnectedRegistry) -> dict:
        return resource.to_arm()

    def put(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: ConnectedRegistryBody,
            existing: crm.ConnectedRegistry | None) -> Plan:
        reg = self.parent_of(cloud, rid)
        if not crm.NAME_RE.match(rid.name):
            raise ArmError("ConnectedRegistryNameInvalid", name=rid.name)
        if reg.sku != "Premium":
            raise ArmError("SkuNotSupported", sku=reg.sku)
        if not reg.data_endpoint_enabled:
            raise ArmError("ConnectedRegistryDataEndpointRequired", registry=reg.name)
        siblings = self.items(reg)
        if existing is None and len(siblings) >= crm.MAX_PER_REGISTRY:
            raise ArmError("ConnectedRegistryQuotaExceeded", registry=reg.name, limit=crm.MAX_PER_REGISTRY)
        props = body.properties
        if props.mode is None:
            raise ArmError("InvalidRequestContent", detail="Required property 'mode' not found in JSON.")
        mode = _mode(props.mode)
        parent = _parent(reg, siblings, props.parent.id, rid.name)
        if existing is not None:
            if (existing.parent_id or "").lower() != (parent.id if parent else "").lower():
                raise ArmError("ConnectedRegistryParentImmutable", name=existing.name)
            if existing.mode != mode:
                raise ArmError("ConnectedRegistryModeImmutable", name=existing.name)
        if parent is not None and parent.mode == "ReadOnly" and mode != "ReadOnly":
            raise ArmError("ConnectedRegistryModeNotCompatible", name=rid.name, mode=mode, parent=parent.name)
        sync = props.parent.sync_properties
        if not sync.token_id:
            raise ArmError("InvalidRequestContent", detail="Required property 'tokenId' not found in JSON.")
        logging = props.logging or LoggingProperties()
        gc = props.garbage_collection
        now = cloud.clock.now()
        schedule = sync.schedule or crm.CONTINUOUS
        new = crm.ConnectedRegistry(
            name=existing.name if existing else rid.name, registry_id=reg.id, resource_group=reg.resource_group,
            login_server=reg.login_server, mode=mode, parent_id=parent.id if parent else None,
            token_id=_token_id(reg, sync.token_id), schedule=_schedule(schedule),
            message_ttl=_duration("messageTtl", sync.message_ttl or "P2D"),
            sync_window=_window(schedule, sync.sync_window),
            gateway_endpoint=None if parent else f"{reg.name.lower()}.{reg.location}.data.azurecr.io",
            client_token_ids=_client_tokens(reg, props.client_token_ids), log_level=_log_level(logging.log_level),
            audit_log_status=_enabled(logging.audit_log_status), notifications=_notifications(props.notifications_list),
            gc_enabled=gc.enabled if gc else None, gc_schedule=_schedule(gc.schedule) if gc and gc.schedule else None,
            activation=existing.activation if existing else "Inactive",
            connection_state=existing.connection_state if existing else "Offline",
            created=existing.created if existing else now,
            created_by=existing.created_by if existing else caller.sign_in_name, modified=now,
            modified_by=caller.sign_in_name)
        return _swap(reg, new, existing)

    def patch(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: ConnectedRegistryUpdate,
              existing: crm.ConnectedRegistry) -> Plan:
        reg = self.parent_of(cloud, rid)
        props = body.properties
        if props.mode is not None and _mode(props.mode) != existing.mode:
            raise ArmError("ConnectedRegistryModeImmutable", name=existing.name)
        if props.parent is not None and props.parent.id is not None \
                and props.parent.id.lower() != (existing.parent_id or "").lower():
            raise ArmError("ConnectedRegistryParentImmutable", name=existing.name)
        changes: dict = {"modified": cloud.clock.now(), "modified_by": caller.sign_in_name}
        sync = props.sync_properties
        schedule = existing.schedule
        if sync is not None:
            if sync.schedule is not None:
                schedule = changes["schedule"] = _schedule(sync.schedule)
            if sync.message_ttl is not None:
                changes["message_ttl"] = _duration("messageTtl", sync.message_ttl)
        window = sync.sync_window if sync is not None and sync.sync_window is not None else existing.sync_window
        changes["sync_window"] = _window(schedule, window)
        if props.logging is not None:
            if props.logging.log_level is not None:
                changes["log_level"] = _log_level(props.logging.log_level)
            if props.logging.audit_log_status is not None:
                changes["audit_log_status"] = _enabled(props.logging.audit_log_status)
        if props.client_token_ids is not None:
            changes["client_token_ids"] = _client_tokens(reg, props.client_token_ids)
        if props.notifications_list is not None:
            changes["notifications"] = _notifications(props.notifications_list)
        if props.garbage_collection is not None:
            gc = props.garbage_collection
            if gc.enabled is not None:
                changes["gc_enabled"] = gc.enabled
            if gc.schedule is not None:
                changes["gc_schedule"] = _schedule(gc.schedule)
        new = existing.model_copy(update=changes)
        return _swap(reg, new, existing)

    def delete(self, cloud: Cloud, caller: Principal, rid: ResourceId, existing: crm.ConnectedRegistry) -> Plan:
        reg = self.parent_of(cloud, rid)
        children = [c.name for c in self.items(reg).values() if (c.parent_id or "").lower() == existing.id.lower()]
        if children:
            raise ArmError("ConnectedRegistryHasChildren", name=existing.name, children=", ".join(children))

        def commit() -> None:
            crm.store_of(reg).pop(existing.name, None)
        return Plan(resource=existing, commit=commit)

    def post(self, cloud: Cloud, caller: Principal, rid: ResourceId, action: str, body: dict | None,
             existing: crm.ConnectedRegistry) -> Plan:
        # Deactivating frees the connected registry for another on-premises instance: it forgets its activation
        # and its connection (troubleshoot-connected-registry-arc.md, ALREADY_ACTIVATED).
        def commit() -> None:
            existing.activation, existing.connection_state = "Inactive", "Offline"
        return Plan(resource=existing, commit=commit, body=None, status=200)


def _mode(value: str) -> str:
    mode = {m.lower(): m for m in crm.MODES}.get(value.lower())
    if mode is None:
        raise ArmError("ConnectedRegistryInvalidMode", mode=value)
    return mode


def _parent(reg: Registry, siblings: dict, parent_id: str | None, name: str) -> crm.ConnectedRegistry | None:
    if not parent_id or parent_id.isspace():
        return None
    prefix = f"{reg.id}/connectedRegistries/".lower()
    pname = parent_id.rstrip("/").rsplit("/", 1)[-1]
    found = next((c for n, c in siblings.items() if n.lower() == pname.lower()), None)
    if not parent_id.lower().startswith(prefix) or found is None or pname.lower() == name.lower():
        raise ArmError("ConnectedRegistryParentNotFound", parent=pname, registry=reg.name)
    return found


def _token_id(reg: Registry, token_id: str) -> str:
    name = token_id.rstrip("/").rsplit("/", 1)[-1]
    token = reg.tokens.get(name)
    if token is None or not token_id.lower().startswith(f"{reg.id}/tokens/".lower()):
        raise ArmError("ConnectedRegistryTokenNotFound", token=name, registry=reg.name)
    return token.id


def _client_tokens(reg: Registry, ids: list[str] | None) -> list[str] | None:
    if not ids:
        return None
    if len(ids) > crm.MAX_CLIENT_TOKENS:
        raise ArmError("ConnectedRegistryClientTokenQuotaExceeded", limit=crm.MAX_CLIENT_TOKENS, count=len(ids))
    return list(dict.fromkeys(_token_id(reg, i) for i in ids))


def _schedule(value: str) -> str:
    if not crm.valid_cron(value):
        raise ArmError("ConnectedRegistryInvalidSchedule", schedule=value)
    return " ".join(value.split())


def _duration(field: str, value: str) -> str:
    low, high = ("1 day", "90 days") if field == "messageTtl" else ("1 hour", "7 days")
    bounds = (timedelta(days=1), timedelta(days=90)) if field == "messageTtl" \
        else (timedelta(hours=1), timedelta(days=7))
    d = crm.parse_duration(value)
    if d is None or not bounds[0] <= d <= bounds[1]:
        raise ArmError("ConnectedRegistryInvalidDuration", field=field, value=value, low=low, high=high)
    return value.upper()


def _window(schedule: str, window: str | None) -> str | None:
    if schedule == crm.CONTINUOUS:
        return None  # a continuous sync has no window (azure-cli test_acr_connectedregistry: syncWindow None)
    if not window:
        raise ArmError("ConnectedRegistrySyncWindowRequired", schedule=schedule)
    return _duration("syncWindow", window)


def _log_level(value: str | None) -> str:
    level = {v.lower(): v for v in crm.LOG_LEVELS}.get((value or "Information").lower())
    if level is None:
        raise ArmError("ConnectedRegistryInvalidLogLevel", level=value)
    return level


def _enabled(value: str | None) -> str:
    return "Enabled" if (value or "").lower() == "enabled" else "Disabled"


def _notifications(values: list[str] | None) -> list[str] | None:
    return list(dict.fromkeys(values)) if values else None


def _swap(reg: Registry, new: crm.ConnectedRegistry, existing: crm.ConnectedRegistry | None) -> Plan:
    def commit() -> None:
        crm.store_of(reg)[new.name] = new
    return Plan(resource=new, commit=commit, status=200 if existing is not None else 201)


PROVIDER = register(ConnectedRegistryProvider())
