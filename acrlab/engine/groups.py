"""Resource groups: create, show, list, exists, delete."""

from __future__ import annotations

from .cloud import Cloud
from .errors import ArmError, AzureError, ResourceGroupNotFound
from .locations import normalize_location
from .tenant import Principal, ResourceGroup

RG_WRITE = "Microsoft.Resources/subscriptions/resourceGroups/write"
RG_READ = "Microsoft.Resources/subscriptions/resourceGroups/read"
RG_DELETE = "Microsoft.Resources/subscriptions/resourceGroups/delete"


RG_ALLOWED = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._()")


def validate_group_name(name: str) -> None:
    """ARM's rule: 1-90 characters; letters, digits, '-', '.', '_', '(', ')'; not ending in '.'."""
    bad = "".join(dict.fromkeys(c for c in name if c not in RG_ALLOWED and not c.isalnum()))
    rule = "The name can only be a letter, digit, '-', '.', '_', '(', ')' and cannot end with '.'."
    if bad:
        shown = ", ".join(f"'{c}'" for c in bad)
        raise AzureError(f"The provided resource group name '{name}' has these invalid characters: {shown}. {rule}",
                         code="InvalidResourceGroup")
    if name.endswith(".") or not name:
        raise AzureError(f"The provided resource group name '{name}' is invalid. {rule}", code="InvalidResourceGroup")
    if len(name) > 90:
        raise AzureError(f"Resource group name '{name}' is invalid: it must be 1 to 90 characters long.",
                         code="InvalidResourceGroup")


def create_group(cloud: Cloud, caller: Principal, name: str, location: str, tags: dict | None = None) -> ResourceGroup:
    validate_group_name(name)
    loc = normalize_location(location)
    if loc is None:
        raise ArmError("LocationNotAvailableForResourceGroup", location=location)
    sub = cloud.subscription
    existing = sub.find_group(name)
    scope = f"{sub.id}/resourceGroups/{name}"
    cloud.require(caller, RG_WRITE, scope)
    if existing is not None:
        if existing.location != loc:
            raise ArmError("InvalidResourceGroupLocation", location=loc, existing=existing.location)
        if tags is not None:
            existing.tags = tags
        return existing
    rg = ResourceGroup(name=name, location=loc, subscription_id=sub.subscription_id, tags=tags or {})
    sub.resource_groups[name.lower()] = rg
    cloud.emit("group_created", group=rg)
    return rg


def show_group(cloud: Cloud, caller: Principal, name: str) -> ResourceGroup:
    rg = cloud.subscription.find_group(name)
    if rg is None:
        raise ResourceGroupNotFound(name)
    cloud.require(caller, RG_READ, rg.id)
    return rg


def list_groups(cloud: Cloud, caller: Principal) -> list[ResourceGroup]:
    groups = sorted(cloud.subscription.resource_groups.values(), key=lambda g: g.name.lower())
    return [g for g in groups if cloud.authorize(caller, RG_READ, g.id).allowed]


def delete_group(cloud: Cloud, caller: Principal, name: str) -> None:
    rg = cloud.subscription.find_group(name)
    if rg is None:
        raise ResourceGroupNotFound(name)
    cloud.require(caller, RG_DELETE, rg.id)
    cloud.emit("group_deleting", group=rg)
    for reg in [r for r in cloud.registries.values() if r.resource_group.lower() == rg.name.lower()]:
        del cloud.registries[reg.name.lower()]
        cloud.emit("registry_deleted", registry=reg)
    prefix = rg.id.lower() + "/"
    for kind in list(cloud.resources):
        for rid in [r for r in cloud.resources[kind] if r.lower().startswith(prefix)]:
            del cloud.resources[kind][rid]
    cloud.role_assignments[:] = [a for a in cloud.role_assignments
                                 if not (a.scope.lower() + "/").startswith(prefix) and a.scope.lower() != rg.id.lower()]
    del cloud.subscription.resource_groups[name.lower()]
