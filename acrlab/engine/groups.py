"""Resource groups' rules: the name ARM accepts, the group's id, and what deleting a group takes with it. Requests
for groups are answered by arm/providers/resource_groups.py (Microsoft.Resources/resourceGroups)."""

from __future__ import annotations

from .cloud import Cloud
from .errors import AzureError
from .tenant import Principal, ResourceGroup

RG = "Microsoft.Resources/resourceGroups"
RG_ALLOWED = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._()")


def group_id(cloud: Cloud, name: str, subscription_id: str | None = None) -> str:
    """The id a request for resource group `name` names (`/subscriptions/<id>/resourceGroups/<name>`), in the
    subscription the client is working in (the default one when None)."""
    return f"/subscriptions/{subscription_id or cloud.subscription.subscription_id}/resourceGroups/{name}"


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


def remove_group(cloud: Cloud, rg: ResourceGroup) -> None:
    """Delete a group and everything in it: registries, the resources of every family, role assignments at or
    below it (the commit of a group's DELETE)."""
    cloud.emit("group_deleting", group=rg)
    for reg in [r for r in cloud.registries.values() if r.resource_group.lower() == rg.name.lower()
                and r.subscription_id.lower() == rg.subscription_id.lower()]:
        del cloud.registries[reg.name.lower()]
        cloud.emit("registry_deleted", registry=reg)
    prefix = rg.id.lower() + "/"
    for kind in list(cloud.resources):
        for rid in [r for r in cloud.resources[kind] if r.lower().startswith(prefix)]:
            del cloud.resources[kind][rid]
    cloud.role_assignments[:] = [a for a in cloud.role_assignments
                                 if not (a.scope.lower() + "/").startswith(prefix) and a.scope.lower() != rg.id.lower()]
    del cloud.subscription_of(rg.subscription_id).resource_groups[rg.name.lower()]


def location(cloud: Cloud, caller: Principal, name: str, subscription_id: str | None = None) -> str:
    """A group's location as a front end reads it for a default: the group's GET request, as azure-cli's
    `get_default_location_from_resource_group` (azure-cli-core commands/validators.py) calls
    `resource_groups.get`, so a caller who may not read the group is refused (AuthorizationFailed)."""
    from .arm.manager import send
    return str(send(cloud, caller, "GET", group_id(cloud, name, subscription_id)).resource.location)
