"""Registry look-ups the front ends share: find a registry by name (az's client-side resolution), check a name.
Creating, changing, deleting and the credential/usage actions are requests to the resource manager
(`engine/arm/providers/registries.py`)."""

from __future__ import annotations

from .arm import send
from .arm.providers.registries import CR, name_taken
from .cloud import Cloud
from .errors import ArmResourceNotFound, CliResourceNotFound
from .registry import NAME_RE, Registry
from .tenant import Principal


def registry_scope(cloud: Cloud, rg: str, name: str) -> str:
    return f"{cloud.subscription.id}/resourceGroups/{rg}/providers/{CR}/{name}"


def check_name(cloud: Cloud, name: str) -> dict:
    """The checkNameAvailability action's answer."""
    if not NAME_RE.match(name):
        return {"message": "The specified resource name must contain only alphanumeric characters and be between "
                "5 and 50 characters in length.", "nameAvailable": False, "reason": "Invalid"}
    if name_taken(cloud, name):
        return {"message": f"The registry {name} is already in use.", "nameAvailable": False, "reason": "AlreadyExists"}
    return {"message": None, "nameAvailable": True, "reason": None}


def get_registry(cloud: Cloud, caller: Principal | None, name: str, resource_group: str | None = None,
                 action: str = f"{CR}/read") -> Registry:
    """Find a registry as az does (in the group if given, else anywhere in the subscription), then GET it as the
    caller; `action` other than read checks the caller may perform that action instead."""
    reg = cloud.find_registry(name.removesuffix(".azurecr.io"))
    sub = cloud.subscription
    if reg is None or (resource_group and reg.resource_group.lower() != resource_group.lower()):
        if resource_group:
            cloud.group(resource_group)
            raise ArmResourceNotFound(f"{CR}/{name}", resource_group)
        raise CliResourceNotFound(
            f"The resource with name '{name}' and type '{CR}' could not be found in subscription "
            f"'{sub.name} ({sub.subscription_id})'.")
    if caller is None:
        return reg
    if action == f"{CR}/read":
        return send(cloud, caller, "GET", reg.id).resource
    cloud.require(caller, action, reg.id)
    return reg
