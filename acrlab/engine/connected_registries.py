"""Connected registries (Premium): on-premises replicas of a cloud registry, managed as the cloud registry's
`registries/connectedRegistries` children. The on-premises instance itself (IoT Edge, an Arc-enabled Kubernetes
extension) is not simulated, so a connected registry stays `Inactive` and `Offline`: its activation, version, last
sync and status details come only from a deployed instance.

Rules (MicrosoftDocs/azure-management-docs articles/container-registry/intro-connected-registry.md, "Modes",
"Prerequisites" and "Limitations"; quickstart-create-connected-registry.md; the REST API's ConnectedRegistry
definitions in Azure/azure-rest-api-specs containerregistry 2025-05-01-preview):
- Premium only; the cloud registry's dedicated data endpoint must be enabled (it is the root's gateway endpoint);
- at most 50 connected registries per cloud registry and 50 client tokens per connected registry;
- a ReadOnly parent has only ReadOnly children (a ReadWrite parent has either);
- messageTtl 1 to 90 days; a sync window 1 hour to 7 days, only with a schedule that is not continuous
  (`* * * * *`: a continuous schedule has no window).
Sync tokens carry `gateway/<connected registry>/config|message/read|write` actions in their scope maps.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from pydantic import BaseModel, Field

from .clock import iso

CR = "Microsoft.ContainerRegistry/registries"
TYPE = f"{CR}/connectedRegistries"
STORE = "connected_registries"  # Registry.extra key: name -> ConnectedRegistry, in creation order
MODES = ("ReadWrite", "ReadOnly")
LOG_LEVELS = ("Debug", "Information", "Warning", "Error", "None")
GATEWAY_ACTIONS = ("config/read", "config/write", "message/read", "message/write")
CONTINUOUS = "* * * * *"
MAX_PER_REGISTRY = 50
MAX_CLIENT_TOKENS = 50
NAME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{4,39}$")
_DURATION = re.compile(r"^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$", re.I)
_CRON_FIELD = re.compile(r"^(\*|\d+(-\d+)?)(/\d+)?(,(\*|\d+(-\d+)?)(/\d+)?)*$")


def parse_duration(value: str) -> timedelta | None:
    """An ISO 8601 duration of weeks, days, hours, minutes and seconds (`P2D`, `PT4H`, `P1DT12H`); None if not one."""
    m = _DURATION.match(value.strip()) if isinstance(value, str) else None
    if m is None or value.strip().upper() in ("P", "PT") or value.strip().upper().endswith("T"):
        return None
    weeks, days, hours, minutes, seconds = (float(g) if g else 0.0 for g in m.groups())
    return timedelta(weeks=weeks, days=days, hours=hours, minutes=minutes, seconds=seconds)


def valid_cron(schedule: str) -> bool:
    """Five cron fields (minute hour day month weekday), each `*`, numbers, ranges, lists and `/step`s."""
    fields = schedule.split()
    return len(fields) == 5 and all(_CRON_FIELD.match(f) for f in fields)


class ConnectedRegistry(BaseModel):
    name: str
    registry_id: str
    resource_group: str
    login_server: str
    mode: str
    parent_id: str | None = None
    token_id: str
    schedule: str = CONTINUOUS
    message_ttl: str = "P2D"
    sync_window: str | None = None
    gateway_endpoint: str | None = None
    client_token_ids: list[str] | None = None
    log_level: str = "Information"
    audit_log_status: str = "Disabled"
    notifications: list[str] | None = None
    gc_enabled: bool | None = None
    gc_schedule: str | None = None
    activation: str = "Inactive"
    connection_state: str = "Offline"
    created: datetime
    created_by: str = ""
    modified: datetime
    modified_by: str = ""
    extra: dict = Field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.registry_id}/connectedRegistries/{self.name}"

    def system_data(self) -> dict:
        return {"createdAt": iso(self.created), "createdBy": self.created_by, "createdByType": "User",
                "lastModifiedAt": iso(self.modified), "lastModifiedBy": self.modified_by,
                "lastModifiedByType": "User"}

    def to_json(self) -> dict:
        """The resource as azure-cli prints it (the ARM properties flattened, with resourceGroup)."""
        sync = {"gatewayEndpoint": self.gateway_endpoint, "lastSyncTime": None, "messageTtl": self.message_ttl,
                "schedule": self.schedule, "syncWindow": self.sync_window, "tokenId": self.token_id}
        out = {
            "activation": {"status": self.activation}, "clientTokenIds": self.client_token_ids,
            "connectionState": self.connection_state, "id": self.id, "lastActivityTime": None,
            "logging": {"auditLogStatus": self.audit_log_status, "logLevel": self.log_level},
            "loginServer": {"host": None, "tls": {"certificate": {"location": None, "type": None}, "status": None}},
            "mode": self.mode, "name": self.name, "notificationsList": self.notifications,
            "parent": {"id": self.parent_id, "syncProperties": sync}, "provisioningState": "Succeeded",
            "resourceGroup": self.resource_group, "statusDetails": None, "systemData": self.system_data(),
            "type": TYPE, "version": None,
        }
        if self.gc_enabled is not None or self.gc_schedule is not None:
            out["garbageCollection"] = {"enabled": self.gc_enabled, "schedule": self.gc_schedule}
        return out

    def to_arm(self) -> dict:
        """The ARM body: properties nested, nulls left out (the service's GET, azure-cli recording
        test_acr_connectedregistry.yaml)."""
        sync = {k: v for k, v in (("tokenId", self.token_id), ("schedule", self.schedule),
                                  ("messageTtl", self.message_ttl), ("syncWindow", self.sync_window),
                                  ("gatewayEndpoint", self.gateway_endpoint)) if v is not None}
        props: dict = {"provisioningState": "Succeeded", "mode": self.mode, "connectionState": self.connection_state,
                       "activation": {"status": self.activation},
                       "parent": {**({"id": self.parent_id} if self.parent_id else {}), "syncProperties": sync},
                       "loginServer": {"tls": {"certificate": {}}},
                       "logging": {"logLevel": self.log_level, "auditLogStatus": self.audit_log_status}}
        if self.client_token_ids:
            props["clientTokenIds"] = list(self.client_token_ids)
        if self.notifications:
            props["notificationsList"] = list(self.notifications)
        if self.gc_enabled is not None or self.gc_schedule is not None:
            props["garbageCollection"] = {k: v for k, v in (("enabled", self.gc_enabled),
                                                            ("schedule", self.gc_schedule)) if v is not None}
        return {"type": TYPE, "id": self.id, "name": self.name, "systemData": self.system_data(),
                "properties": props}


def connected_registries(reg) -> dict[str, ConnectedRegistry]:
    """The registry's connected registries, by name, to read (a registry without any keeps no store)."""
    return reg.extra.get(STORE) or {}


def store_of(reg) -> dict[str, ConnectedRegistry]:
    """The registry's store of connected registries, to write in a commit (made on first use)."""
    return reg.extra.setdefault(STORE, {})


def gateway_actions(name: str) -> list[str]:
    """The scope-map actions a sync token needs for the connected registry `name` (lower case, as azure-cli's
    `parse_scope_map_actions` writes them)."""
    return [f"gateway/{name.lower()}/{a}" for a in GATEWAY_ACTIONS]
