"""Reading a resource of a family the resource manager does not serve yet (identities, networks, clusters...):
ARM's rule, `<type>/read` on the resource, decided here as for every request the manager handles."""

from __future__ import annotations

from .cloud import Cloud
from .tenant import Principal


def resource_type(rid: str) -> str:
    """`Namespace/type[/child]` of a resource id (after its last `providers` segment)."""
    parts = rid.strip("/").split("/")
    low = [p.lower() for p in parts]
    if "providers" not in low:
        return "Microsoft.Resources/resourceGroups" if "resourcegroups" in low else "Microsoft.Resources/subscriptions"
    k = len(low) - 1 - low[::-1].index("providers")
    rest = parts[k + 1:]
    return "/".join([rest[0]] + rest[1::2])


def may_read(cloud: Cloud, caller: Principal, rid: str) -> bool:
    return cloud.authorize(caller, f"{resource_type(rid)}/read", rid).allowed


def require_read(cloud: Cloud, caller: Principal, rid: str) -> None:
    """Raises AuthorizationFailed (az's text) when the caller may not read the resource."""
    cloud.require(caller, f"{resource_type(rid)}/read", rid)
