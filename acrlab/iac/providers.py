"""Resource providers: how each ARM resource type is read (GET body), applied (PUT) and deleted through the
engine's own functions, so the caller's RBAC and the service's rules apply exactly as for the CLI.
The per-family handlers live in providers_acr, providers_access, providers_network, ...; types the resource
manager serves are sent to it unchanged."""

from __future__ import annotations

from ..engine.cloud import Cloud
from ..engine.errors import AzureError, CliError
from ..engine.tenant import Principal
from . import (
    providers_access,
    providers_acr,
    providers_graph,
    providers_groups,
    providers_keyvault_access,
    providers_more,
    providers_network,
    providers_privatedns,
    providers_services,
)
from .provider_base import Handler, ResourceFailure, arm, parse_id

CR = providers_acr.CR
RA = providers_access.RA
MI = providers_access.MI
VNET = providers_network.VNET
PE = providers_network.PE
HANDLERS: dict[str, Handler] = {h.type.lower(): h for mod in (providers_acr, providers_access, providers_network,
                                                                          providers_groups, providers_privatedns,
                                                                          providers_services, providers_more,
                                                                          providers_keyvault_access, providers_graph)
                                for h in mod.HANDLERS}
DEPLOYABLE = [CR, f"{CR}/replications", f"{CR}/webhooks", f"{CR}/scopeMaps", f"{CR}/tokens", f"{CR}/tasks", RA, MI,
              VNET, PE, providers_groups.RG, *providers_privatedns.DEPLOYABLE, *providers_services.DEPLOYABLE,
              *providers_more.DEPLOYABLE, *providers_keyvault_access.DEPLOYABLE,
              *providers_graph.DEPLOYABLE]
EXTENSIONS = {RA.lower(), "microsoft.authorization/locks", "microsoft.insights/diagnosticsettings"}
"""Extension resource types: they live at any scope (a subscription, a group, another resource)."""
SUBSCRIPTION_LEVEL = {"microsoft.security/pricings"}
"""Types that live directly under the subscription (deployed at subscription scope)."""
UNDELETABLE: dict[str, str] = {}
"""Engine families (cloud.resources kinds) a group can hold that have no delete function Complete mode could call:
none today (key vaults and private DNS zones gained theirs)."""
DELETE_ORDER = [PE, "Microsoft.Compute/virtualMachines", "Microsoft.ContainerService/managedClusters",
                "Microsoft.Web/sites", "Microsoft.Web/serverfarms", CR, MI, providers_network.VAULT,
                providers_network.ZONE, VNET]
"""Complete mode deletes dependants first: endpoints and VMs hold subnet addresses, web apps their plan, registries
may encrypt with a vault's key, zones link to networks, so networks go last."""


def _manager_provider(rid: str):
    """The resource manager's provider for the id's type (None: a family still applied through HANDLERS)."""
    from ..engine.arm.manager import provider_for
    from ..engine.arm.request import parse_resource_id
    try:
        parsed = parse_resource_id(rid)
    except ValueError:
        return None, None
    return provider_for(parsed.type), parsed


def current(cloud: Cloud, rid: str) -> dict | None:
    """The resource's ARM GET body, or None when it does not exist."""
    prov, parsed = _manager_provider(rid)
    if prov is not None and not parsed.is_collection:
        found = prov.find(cloud, parsed)
        return prov.to_arm(found) if found is not None else None
    p = parse_id(rid)
    h = HANDLERS.get(p["type"].lower())
    if h is None or not p["names"] or (h.type not in (RA, providers_more.ROLE_DEF, *providers_graph.TYPES)
                                       and not p["rg"]):
        return None
    return h.read(cloud, p)


def apply(cloud: Cloud, caller: Principal, rid: str, body: dict, api_version: str = "") -> dict:
    """PUT one resource (engine functions do the RBAC checks); returns its new GET body."""
    p = parse_id(rid)
    h = HANDLERS.get(p["type"].lower())
    prov, _ = _manager_provider(rid)
    if prov is not None and not _routable(rid, p):
        raise ResourceFailure("BadRequest", "No HTTP resource was found that matches the request URI "
                              f"'https://management.azure.com{rid}?api-version={api_version}'.")
    if prov is not None:  # types the resource manager serves: the template's body is the PUT, unchanged
        from ..engine.arm import send
        try:
            send(cloud, caller, "PUT", rid, body, api_version=api_version or None)
        except AzureError as e:
            raise ResourceFailure(e.code, e.message) from None
        got = current(cloud, rid) or {"id": rid}
        if (got.get("properties") or {}).get("provisioningState") == "Failed":  # the long-running PUT ended Failed
            raise ResourceFailure("ResourceDeploymentFailure", "The resource write operation failed to complete "
                                  "successfully, because it reached terminal provisioning state 'Failed'.")
        return got
    try:
        if h is None or p["type"].lower() not in {d.lower() for d in DEPLOYABLE}:
            raise ResourceFailure("NoRegisteredProviderFound",
                                  f"The resource type '{p['type']}' is not available in this lab. Supported types: "
                                  f"{', '.join(DEPLOYABLE)}.")
        if not _routable(rid, p):
            raise ResourceFailure("BadRequest", "No HTTP resource was found that matches the request URI "
                                  f"'https://management.azure.com{rid}?api-version={api_version}'.")
        h.put(cloud, caller, p, rid, body)
    except CliError as e:
        raise ResourceFailure("BadRequest", e.message) from None
    except AzureError as e:
        raise ResourceFailure(e.code, e.message) from None
    return current(cloud, rid) or {"id": rid}


def _routable(rid: str, p: dict) -> bool:
    """ARM routes a PUT only to a resource at a scope its type lives at: resource groups directly under the
    subscription, role assignments anywhere, everything else inside a resource group."""
    t = p["type"].lower()
    if t == providers_groups.RG.lower():
        return "/providers/" not in rid.lower()
    if t in SUBSCRIPTION_LEVEL:
        return not p["rg"]
    if t in {g.lower() for g in providers_graph.TYPES}:  # Microsoft Graph objects live in the tenant
        return rid.lower().startswith("/providers/")
    return t in EXTENSIONS or bool(p["rg"])


def delete(cloud: Cloud, caller: Principal, rid: str) -> None:
    p = parse_id(rid)
    h = HANDLERS.get(p["type"].lower())
    prov, _ = _manager_provider(rid)
    try:
        if prov is not None:
            from ..engine.arm import send
            if h is not None and h.before_delete is not None:
                h.before_delete(cloud, caller, p)
            send(cloud, caller, "DELETE", rid)
            return
        if h is None or h.delete is None:
            raise ResourceFailure("ResourceDeletionNotSupported", f"The lab cannot delete '{rid}'.")
        h.delete(cloud, caller, p)
    except CliError as e:
        raise ResourceFailure("BadRequest", e.message) from None
    except AzureError as e:
        raise ResourceFailure(e.code, e.message) from None


def group_resources(cloud: Cloud, rg: str) -> list[str]:
    """Ids of the top-level resources in a resource group, in the order Complete mode deletes them."""
    out: list[str] = []
    for t in DELETE_ORDER:
        prov, parsed = _manager_provider(f"{cloud.subscription.id}/resourceGroups/{rg}/providers/{t}")
        h = HANDLERS.get(t.lower())
        if h is not None and h.listing is not None:
            out += sorted(h.listing(cloud, rg), key=str.lower)
        elif prov is not None:
            out += sorted((prov.resource_id(r) for r in prov.listing(cloud, parsed)), key=str.lower)
    return out


def undeletable_in_group(cloud: Cloud, rg_id: str) -> list[str]:
    prefix = rg_id.lower() + "/"
    return sorted(rid for kind in UNDELETABLE for rid in cloud.resources.get(kind, {}) if rid.lower().startswith(prefix))


__all__ = ["CR", "HANDLERS", "MI", "PE", "RA", "VNET", "ResourceFailure", "apply", "arm", "current", "delete",
           "group_resources", "parse_id", "undeletable_in_group"]
