"""What travels between a front end and the resource manager: the request, the response, and the resource id."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

from ..tenant import Principal

Method = Literal["PUT", "PATCH", "GET", "DELETE", "POST"]
_METHODS = frozenset(get_args(Method))
API_VERSION = "2025-04-01"
"""Microsoft.ContainerRegistry's current stable API version (azure-rest-api-specs, stable/2025-04-01)."""


@dataclass(frozen=True, kw_only=True)
class ArmRequest:
    """One control-plane request, as ARM's REST API defines it (keyword-only construction). A plain record, not a
    pydantic model: a request for a type whose provider reads its body without pydantic (resource groups) must not
    import it (issue 19's start-up).

    `resource_id` names one resource (PUT/PATCH/GET/DELETE/POST) or a collection (GET lists it);
    `action` is the POST action's name (`listCredentials`, `regenerateCredential`, `listUsages`, ...)."""

    caller: Principal
    method: Method
    resource_id: str
    body: dict[str, Any] | None = None
    action: str | None = None
    api_version: str = API_VERSION
    filter: str | None = None
    """OData `$filter` of a listing (role assignments: `atScope()`, `principalId eq '...'`, `assignedTo('...')`)."""
    if_none_match: bool = False
    """`If-None-Match: *` on a PUT: create only; an existing resource is the provider's PreconditionFailed (412)."""

    def __post_init__(self) -> None:
        if self.method not in _METHODS:
            raise ValueError(f"'{self.method}' is not an ARM request method")
        if not isinstance(self.resource_id, str) or not isinstance(self.caller, Principal):
            raise ValueError("a request names its caller (a Principal) and a resource id (a string)")
        if self.body is not None and not isinstance(self.body, dict):
            raise ValueError("a request body is a JSON object")


@dataclass
class ArmResponse:
    """ARM's answer: the HTTP status, the JSON body, and the engine's model of the resource (for front ends
    that shape their own objects from it, as PowerShell's autorest models do). A listing's body is rendered only
    when a front end asks for it."""

    status: int
    payload: Any = None
    resource: Any = None
    resources: list[Any] = field(default_factory=list)
    render: Callable[[], Any] | None = None

    @property
    def body(self) -> Any:
        if self.render is not None:
            self.payload, self.render = self.render(), None
        return self.payload


@dataclass(frozen=True)
class ResourceId:
    """An ARM resource id split into its parts. `types`/`names` run from the top-level resource down to the
    resource itself; a collection id has one more type than names."""

    subscription: str
    resource_group: str | None
    namespace: str
    types: tuple[str, ...]
    names: tuple[str, ...]
    scope: str
    """Everything before the last `/providers/` (extension resources such as role assignments live there)."""

    @property
    def type(self) -> str:
        return "/".join((self.namespace, *self.types)) if self.namespace else ""

    @property
    def is_collection(self) -> bool:
        return len(self.types) == len(self.names) + 1

    @property
    def name(self) -> str:
        return self.names[-1] if self.names else ""

    @property
    def id(self) -> str:
        if self.types == ("resourceGroups",) and self.namespace == "Microsoft.Resources":  # no /providers/ segment
            return "/".join([self.scope.rstrip("/"), "resourceGroups", *self.names])
        parts = [self.scope.rstrip("/"), "providers", self.namespace]
        for i, t in enumerate(self.types):
            parts.append(t)
            if i < len(self.names):
                parts.append(self.names[i])
        return "/".join(parts)

    def parent(self) -> ResourceId:
        """The resource one level up: a child's parent resource, or the resource a collection belongs to."""
        return ResourceId(self.subscription, self.resource_group, self.namespace, self.types[:-1],
                          self.names[:len(self.types) - 1], self.scope)

    def child(self, type_: str, name: str | None = None) -> ResourceId:
        names = self.names + ((name,) if name is not None else ())
        return ResourceId(self.subscription, self.resource_group, self.namespace, self.types + (type_,), names,
                          self.scope)

    def display(self) -> str:
        """`Provider/type/name[/childType/childName]`, as ARM's not-found message names a resource."""
        out = [self.namespace]
        for t, n in zip(self.types, self.names, strict=False):
            out += [t, n]
        return "/".join(out)


def parse_resource_id(rid: str) -> ResourceId:
    """Split `/subscriptions/s/resourceGroups/g/providers/NS/t1/n1[/t2/n2...]` (or a collection, a resource group,
    an extension resource under any scope). Raises ValueError when the text is not an ARM id."""
    parts = [p for p in rid.strip().strip("/").split("/")]
    low = [p.lower() for p in parts]
    if len(parts) < 2 or low[0] != "subscriptions" or not parts[1]:
        raise ValueError(f"'{rid}' is not a valid resource id")
    sub = parts[1]
    rg = parts[low.index("resourcegroups") + 1] if "resourcegroups" in low[:3] and len(parts) > 3 else None
    if "providers" not in low:
        if rg is not None and len(parts) == 4:
            return ResourceId(sub, rg, "Microsoft.Resources", ("resourceGroups",), (rg,), f"/subscriptions/{sub}")
        if len(parts) == 3 and low[2] == "resourcegroups":
            return ResourceId(sub, None, "Microsoft.Resources", ("resourceGroups",), (), f"/subscriptions/{sub}")
        raise ValueError(f"'{rid}' is not a valid resource id")
    k = len(low) - 1 - low[::-1].index("providers")
    rest = parts[k + 1:]
    if not rest or any(not p for p in rest):
        raise ValueError(f"'{rid}' is not a valid resource id")
    return ResourceId(sub, rg, rest[0], tuple(rest[1::2]), tuple(rest[2::2]), "/" + "/".join(parts[:k]))
