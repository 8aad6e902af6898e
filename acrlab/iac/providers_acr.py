"""Microsoft.ContainerRegistry: registries and their children (replications, webhooks, scopeMaps, tokens, tasks),
applied through the engine's own functions so the caller's RBAC and the service's rules hold as for the CLI."""

from __future__ import annotations

from ..engine.arm import send
from ..engine.arm.providers.registries import PROVIDER as REGISTRY
from ..engine.cloud import Cloud
from ..engine.tenant import Principal
from .provider_base import Handler, ResourceFailure, arm, registry_in

CR = "Microsoft.ContainerRegistry/registries"
CHILD_STORES = {"replications": "replications", "webhooks": "webhooks", "scopemaps": "scope_maps",
                "tokens": "tokens", "tasks": "tasks"}


def read_registry(cloud: Cloud, p: dict) -> dict | None:
    reg = registry_in(cloud, p["rg"], p["names"][0])
    return REGISTRY.to_arm(reg) if reg else None


def read_child(cloud: Cloud, p: dict) -> dict | None:
    reg = registry_in(cloud, p["rg"], p["names"][0])
    store = CHILD_STORES.get(p["type"].split("/")[-1].lower())
    item = getattr(reg, store).get(p["names"][1]) if reg and store and len(p["names"]) > 1 else None
    if item is None:
        return None
    return arm(item.to_json() if hasattr(item, "to_json") else dict(item))


def parent_registry(cloud: Cloud, p: dict):
    reg = registry_in(cloud, p["rg"], p["names"][0])
    if reg is None:
        raise ResourceFailure("ParentResourceNotFound",
                              f"Can not perform requested operation on nested resource. Parent resource "
                              f"'{p['names'][0]}' not found.")
    return reg


def put_registry(cloud: Cloud, caller: Principal, p: dict, rid: str, body: dict) -> None:
    """The template's whole resource body is the PUT body: every property behaves as when az sets it."""
    send(cloud, caller, "PUT", rid, body)


def delete_registry(cloud: Cloud, caller: Principal, p: dict) -> None:
    reg = registry_in(cloud, p["rg"], p["names"][0])
    if reg is not None:
        send(cloud, caller, "DELETE", reg.id)


def list_registries(cloud: Cloud, rg: str) -> list[str]:
    return [r.id for r in cloud.registries.values() if r.resource_group.lower() == rg.lower()]


def put_child(cloud: Cloud, caller: Principal, p: dict, rid: str, body: dict) -> None:
    """Replications and webhooks: the template's body is the PUT body."""
    parent_registry(cloud, p)
    send(cloud, caller, "PUT", rid, body)


def delete_child(cloud: Cloud, caller: Principal, p: dict) -> None:
    """Complete mode / deployment stacks: scope maps and tokens are deleted by request."""
    reg = parent_registry(cloud, p)
    store = CHILD_STORES[p["type"].split("/")[-1].lower()]
    item = getattr(reg, store).get(p["names"][1])
    if item is not None:
        send(cloud, caller, "DELETE", item.id)


HANDLERS = [
    Handler(CR, read_registry, put_registry, delete_registry, list_registries),
    Handler(f"{CR}/replications", read_child, put_child),
    Handler(f"{CR}/webhooks", read_child, put_child),
    Handler(f"{CR}/scopeMaps", read_child, put_child, delete_child),
    Handler(f"{CR}/tokens", read_child, put_child, delete_child),
]

__all__ = ["HANDLERS"]
