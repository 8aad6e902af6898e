"""What every resource provider shares: ARM ids, the resource-level failure, GET bodies, the handler record."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..engine.cloud import Cloud

TOP_LEVEL = {"id", "name", "type", "location", "sku", "tags", "identity", "systemData", "resourceGroup"}


class ResourceFailure(Exception):
    """A resource-level failure: becomes one entry of DeploymentFailed's details."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


@dataclass
class Handler:
    """How one ARM resource type is read (GET), applied (PUT), deleted and listed in a resource group."""

    type: str
    read: Callable  # (cloud, p) -> dict | None
    put: Callable  # (cloud, caller, p, rid, body) -> None
    delete: Callable | None = None  # (cloud, caller, p) -> None
    listing: Callable | None = None  # (cloud, rg_name) -> list[resource id]  (top-level types only)
    before_delete: Callable | None = None  # (cloud, caller, p) -> None: nested resources a DELETE request needs gone


def parse_id(rid: str) -> dict:
    """Split an ARM id into rg, provider type and names ('.../providers/NS/t1/n1/t2/n2')."""
    parts = rid.strip("/").split("/")
    out = {"rg": None, "type": "", "names": []}
    low = [p.lower() for p in parts]
    if "resourcegroups" in low:
        out["rg"] = parts[low.index("resourcegroups") + 1]
    if "providers" in low:
        k = len(low) - 1 - low[::-1].index("providers")
        rest = parts[k + 1:]
        out["type"] = "/".join([rest[0]] + rest[1::2])
        out["names"] = rest[2::2]
        out["scope"] = "/" + "/".join(parts[:k])
    elif out["rg"] is not None and low[-2:-1] == ["resourcegroups"]:
        out["type"], out["names"] = "Microsoft.Resources/resourceGroups", [out["rg"]]
    return out


def arm(flat: dict) -> dict:
    """az prints most resources flattened; the ARM GET body nests everything else under `properties`."""
    body = {k: flat[k] for k in ("id", "name", "type", "location", "sku", "tags", "identity", "systemData")
            if k in flat}
    body["properties"] = {k: v for k, v in flat.items() if k not in TOP_LEVEL}
    return body


def registry_in(cloud: Cloud, rg: str | None, name: str):
    reg = cloud.find_registry(name)
    if reg is None or rg is None or reg.resource_group.lower() != rg.lower():
        return None
    return reg


def in_group(rid: str, rg: str) -> bool:
    p = parse_id(rid)
    return (p["rg"] or "").lower() == rg.lower()
