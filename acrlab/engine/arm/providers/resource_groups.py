"""Microsoft.Resources/resourceGroups at subscription scope: PUT (create, or replace a group in the same location:
tags the body leaves out are cleared, as a PUT replaces the whole resource), PATCH (the fields given replace, the
others stay), GET, list, DELETE (with everything the group contains), as the
REST API defines them (azure-rest-api-specs specification/resources/resource-manager/Microsoft.Resources/stable/
2024-11-01/resources.json: ResourceGroups_CreateOrUpdate, _Update, _Get, _List, _Delete). The body is read without
pydantic: `az group create` is the lab's first command and its start-up must not pay for it (issue 19)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...errors import ArmError, ResourceGroupNotFound
from ...groups import RG, remove_group, validate_group_name
from ...locations import normalize_location
from ...tenant import ResourceGroup
from ..manager import Plan, Provider, register
from ..request import ResourceId

if TYPE_CHECKING:
    from ...cloud import Cloud
    from ...tenant import Principal


def _invalid(detail: str) -> ArmError:
    return ArmError("InvalidRequestContent", detail=detail)


def _tags(body: dict) -> dict[str, str] | None:
    tags = body.get("tags")
    if tags is None:
        return None
    if not isinstance(tags, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in tags.items()):
        raise _invalid("Error converting value to type 'System.Collections.Generic.Dictionary`2[System.String,"
                       "System.String]'. Path 'tags'.")
    return dict(tags)


def _managed_by(body: dict) -> str | None:
    value = body.get("managedBy")
    if value is not None and not isinstance(value, str):
        raise _invalid("Error converting value to type 'System.String'. Path 'managedBy'.")
    return value


class ResourceGroupProvider(Provider):
    type = RG
    operation_type = "Microsoft.Resources/subscriptions/resourceGroups"

    def find(self, cloud: Cloud, rid: ResourceId) -> ResourceGroup | None:
        return cloud.subscription_of(rid.subscription).find_group(rid.name)

    def listing(self, cloud: Cloud, rid: ResourceId) -> list[ResourceGroup]:
        return sorted(cloud.subscription_of(rid.subscription).resource_groups.values(), key=lambda g: g.name.lower())

    def precheck(self, cloud: Cloud, rid: ResourceId, method: str) -> None:
        if method == "PUT":
            validate_group_name(rid.name)
        elif method == "DELETE" and self.find(cloud, rid) is None:
            raise ResourceGroupNotFound(rid.name)  # ARM answers a missing group's DELETE with 404

    def not_found(self, rid: ResourceId) -> ResourceGroupNotFound:
        return ResourceGroupNotFound(rid.name)

    def to_arm(self, resource: ResourceGroup) -> dict:
        return resource.to_json()

    def put(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: Any,
            existing: ResourceGroup | None) -> Plan:
        body = body or {}
        location = body.get("location")
        loc = normalize_location(location) if isinstance(location, str) else None
        if loc is None:
            raise ArmError("LocationNotAvailableForResourceGroup", location=location or "")
        tags, managed_by = _tags(body), _managed_by(body)
        if existing is not None:
            if existing.location != loc:
                raise ArmError("InvalidResourceGroupLocation", location=loc, existing=existing.location)

            # A PUT replaces the group: a body without tags clears them (azure-cli issue #11513, "That's how it was
            # designed"; azure-powershell issue #5894: New-AzResourceGroup over an existing group, its tags blank).
            def update() -> None:
                existing.tags = dict(tags or {})
                if managed_by is not None:
                    existing.managed_by = managed_by
            new = ResourceGroup(name=existing.name, location=loc, subscription_id=existing.subscription_id,
                                tags=dict(tags or {}),
                                managed_by=managed_by if managed_by is not None else existing.managed_by)
            return Plan(resource=new, commit=update, proposed=new)
        sub = cloud.subscription_of(rid.subscription)
        rg = ResourceGroup(name=rid.name, location=loc, subscription_id=sub.subscription_id,
                           tags=tags or {}, managed_by=managed_by)

        def create() -> None:
            sub.resource_groups[rg.name.lower()] = rg
        return Plan(resource=rg, commit=create, status=201,
                    after=[lambda: cloud.emit("group_created", group=rg)])

    def patch(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: Any, existing: ResourceGroup) -> Plan:
        body = body or {}
        location = body.get("location")
        if location is not None and normalize_location(str(location)) != existing.location:
            raise ArmError("InvalidResourceGroupLocation", location=location, existing=existing.location)
        return self.put(cloud, caller, rid, {"tags": existing.tags, **body, "location": existing.location}, existing)

    def delete(self, cloud: Cloud, caller: Principal, rid: ResourceId, existing: ResourceGroup) -> Plan:
        return Plan(resource=existing, commit=lambda: remove_group(cloud, existing), status=200)


register(ResourceGroupProvider())
