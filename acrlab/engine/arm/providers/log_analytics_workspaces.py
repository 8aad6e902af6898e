"""Microsoft.OperationalInsights/workspaces (PUT, GET, list by group or subscription, DELETE), as az monitor
log-analytics workspace and templates send them (azure-rest-api-specs specification/operationalinsights/
resource-manager/Microsoft.OperationalInsights/stable/2023-09-01/Workspaces.json: Workspaces_CreateOrUpdate, _Get,
_ListByResourceGroup, _List, _Delete). A new workspace gets its customerId (the GUID agents and queries use); a PUT
over an existing one keeps it, cannot move it, and takes the sku, retention and tags it is given."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...errors import AzureError
from ...log_analytics import (
    DEFAULT_RETENTION_DAYS,
    DEFAULT_SKU,
    NAME_RE,
    TYPE,
    Workspace,
    workspaces,
)
from ..manager import Plan, Provider, register
from ..request import ResourceId
from .registry_body import Body
from .tracked import tracked_location

if TYPE_CHECKING:
    from ...cloud import Cloud
    from ...tenant import Principal

SKUS = ("Free", "Standard", "Premium", "PerNode", "PerGB2018", "Standalone", "CapacityReservation", "LACluster")


class WorkspaceSku(Body):
    name: str = DEFAULT_SKU


class WorkspaceProps(Body):
    sku: WorkspaceSku | None = None
    retention_in_days: int | None = None


class WorkspaceBody(Body):
    location: str | None = None
    tags: dict[str, str] | None = None
    properties: WorkspaceProps | None = None


class WorkspaceProvider(Provider):
    type = TYPE
    body_model = WorkspaceBody

    def find(self, cloud: Cloud, rid: ResourceId) -> Workspace | None:
        return workspaces(cloud).get(rid.id.lower())

    def listing(self, cloud: Cloud, rid: ResourceId) -> list[Workspace]:
        rg = (rid.resource_group or "").lower()
        return sorted((w for w in workspaces(cloud).values() if not rg or w.resource_group.lower() == rg),
                      key=lambda w: (w.resource_group.lower(), w.name.lower()))

    def to_arm(self, resource: Workspace) -> dict:
        return resource.to_arm()

    def put(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: WorkspaceBody,
            existing: Workspace | None) -> Plan:
        if not NAME_RE.match(rid.name):
            raise AzureError(f"The workspace name '{rid.name}' is invalid. It must be 4 to 63 characters: letters, "
                             f"digits and hyphens, beginning and ending with a letter or digit.",
                             code="InvalidParameter", status=400)
        location = tracked_location(TYPE, body.location, existing)
        props = body.properties or WorkspaceProps()
        sku = props.sku.name if props.sku else (existing.sku if existing else DEFAULT_SKU)
        match = next((s for s in SKUS if s.lower() == sku.lower()), None)
        if match is None:
            raise AzureError(f"The sku '{sku}' is not valid. Valid values: {', '.join(SKUS)}.",
                             code="InvalidParameter", status=400)
        retention = props.retention_in_days if props.retention_in_days is not None else \
            (existing.retention_days if existing else DEFAULT_RETENTION_DAYS)
        if not 30 <= retention <= 730 and not (match == "Free" and retention == 7):
            raise AzureError(f"The retention period {retention} days is out of range: give 30 to 730 days.",
                             code="InvalidParameter", status=400)
        group = cloud.group(rid.resource_group or "")
        new = Workspace(name=existing.name if existing else rid.name, resource_group=group.name,
                        subscription_id=group.subscription_id, location=location,
                        customer_id=existing.customer_id if existing else cloud.ids.guid(),
                        created=existing.created if existing else cloud.clock.now(), sku=match,
                        retention_days=retention, tags=dict(body.tags or {}))

        def commit() -> None:
            workspaces(cloud)[new.id.lower()] = new
        return Plan(resource=new, commit=commit, status=200 if existing else 201)

    def delete(self, cloud: Cloud, caller: Principal, rid: ResourceId, existing: Workspace) -> Plan:
        def commit() -> None:
            workspaces(cloud).pop(existing.id.lower(), None)
        return Plan(resource=existing, commit=commit, status=200)


register(WorkspaceProvider())
