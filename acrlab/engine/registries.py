"""Registry look-ups the front ends share: a registry's group by its name, a registry as the caller may use it, the
checkNameAvailability answer.
Creating, changing, deleting and the credential/usage actions are requests to the resource manager
(`engine/arm/providers/registries.py`)."""

from __future__ import annotations

from .arm import send
from .arm.providers.registries import CR, name_taken
from .cloud import Cloud
from .errors import ArmResourceNotFound
from .registry import NAME_RE, Registry
from .tenant import Principal


def registry_scope(cloud: Cloud, rg: str, name: str, subscription_id: str | None = None) -> str:
    """The registry's id in a subscription (the default one when None)."""
    return f"/subscriptions/{subscription_id or cloud.subscription.subscription_id}/resourceGroups/{rg}/providers/{CR}/{name}"


def check_name(cloud: Cloud, name: str) -> dict:
    """The checkNameAvailability action's answer."""
    if not NAME_RE.match(name):
        return {"message": "The specified resource name must contain only alphanumeric characters and be between "
                "5 and 50 characters in length.", "nameAvailable": False, "reason": "Invalid"}
    if name_taken(cloud, name):
        return {"message": f"The registry {name} is already in use.", "nameAvailable": False, "reason": "AlreadyExists"}
    return {"message": None, "nameAvailable": True, "reason": None}


def registry_group(cloud: Cloud, name: str, subscription_id: str | None = None) -> str | None:
    """The resource group of the registry called `name` in a subscription (the default one when None), None when
    that subscription has none: what a front end looks up when its user names a registry without its group (az and
    the Az cmdlets list the registries of the current subscription; a registry in another one is not found)."""
    reg = cloud.find_registry(name.removesuffix(".azurecr.io"))
    sub = (subscription_id or cloud.subscription.subscription_id).lower()
    return reg.resource_group if reg is not None and reg.subscription_id.lower() == sub else None


def get_registry(cloud: Cloud, caller: Principal, name: str, resource_group: str,
                 action: str = f"{CR}/read", subscription_id: str | None = None) -> Registry:
    """The registry `/resourceGroups/{resource_group}/.../registries/{name}` as the caller may use it: a GET through
    the resource manager, or, for an action other than read (importImage), the action's authorization on it."""
    if action == f"{CR}/read":
        return send(cloud, caller, "GET", registry_scope(cloud, resource_group, name, subscription_id)).resource
    reg = cloud.find_registry(name.removesuffix(".azurecr.io"))
    sub = cloud.subscription_of(subscription_id)
    if reg is None or reg.resource_group.lower() != resource_group.lower() \
            or reg.subscription_id.lower() != sub.subscription_id.lower():
        cloud.group(resource_group, sub.subscription_id)
        raise ArmResourceNotFound(f"{CR}/{name}", resource_group)
    cloud.require(caller, action, reg.id)
    return reg
