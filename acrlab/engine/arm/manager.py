"""The resource manager: every control-plane request goes through `ResourceManager.handle`.

    request ──► route by type ──► resource group / parent exist ──► authorize (rbac.evaluate via
    Cloud.authorize) ──► validate the body (pydantic) ──► provider plans the whole change (raises ArmError,
    changes nothing) ──► commit (cannot fail) ──► ArmResponse

A provider never mutates state while planning: it returns a `Plan` whose `commit` swaps the new state in."""

from __future__ import annotations

import builtins
import functools
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from ..errors import ArmError, ArmResourceNotFound, AzureError
from .request import ArmRequest, ArmResponse, ResourceId, parse_resource_id

if TYPE_CHECKING:  # pydantic is imported when a provider's body model is first read (not for resource groups)
    from pydantic import BaseModel

    from ..cloud import Cloud
    from ..tenant import Principal


@dataclass
class Plan:
    """A validated change: `resource` is what the response shows; `commit` applies it (and must not fail)."""

    resource: Any
    commit: Callable[[], None] = lambda: None
    status: int = 200
    body: Any = None
    """An explicit response body (POST actions); otherwise the provider's ARM body of `resource`."""
    after: list[Callable[[], None]] = field(default_factory=list)
    """Events to emit once committed."""
    proposed: Any = None
    """The resource as the commit will leave it, when the commit updates `resource` in place (registries)."""


class Provider:
    """How one resource type answers requests. Subclasses set `type` (and `body_model`), implement `find`,
    `listing`, `to_arm` and whichever of `put`/`patch`/`delete`/`post` the type supports."""

    type: ClassVar[str] = ""
    body_model: ClassVar[builtins.type[BaseModel] | None] = None
    patch_model: ClassVar[builtins.type[BaseModel] | None] = None
    actions: ClassVar[dict[str, str]] = {}
    write_action: ClassVar[str] = ""
    """The RBAC operation PUT/PATCH/DELETE need when the service checks another than `<type>/write|delete`."""
    """POST action name -> the RBAC operation it needs (e.g. listCredentials -> `<type>/listCredentials/action`)."""
    enum_names: ClassVar[dict[str, str]] = {}
    """Body field -> the service's enum type name, for InvalidRequestContent texts."""
    operation_type: ClassVar[str] = ""
    """The prefix of the type's RBAC operations when it is not the resource type (resource groups:
    `Microsoft.Resources/subscriptions/resourceGroups/read`)."""
    public_read: ClassVar[bool] = False
    """GET needs no role (role definitions: every signed-in principal may read them)."""
    actions_on_new: ClassVar[bool] = False
    """POST actions may name a resource that does not exist yet (deployments: validate, whatIf)."""

    def find(self, cloud: Cloud, rid: ResourceId) -> Any | None:
        raise NotImplementedError

    def listing(self, cloud: Cloud, rid: ResourceId) -> list[Any]:
        """Every resource of this type under the collection id's scope (subscription, group or parent)."""
        raise NotImplementedError

    def query(self, cloud: Cloud, rid: ResourceId, filter: str | None) -> list[Any]:
        """A listing with an OData `$filter`; types without filters answer as ARM does for an unknown one."""
        if filter:
            raise ArmError("InvalidRequestContent", message=f"The $filter '{filter}' is not supported for resource "
                                                            f"type '{self.type}'.")
        return self.listing(cloud, rid)

    def precheck(self, cloud: Cloud, rid: ResourceId, method: str) -> None:
        """What the service answers before it authorizes the caller (an extension resource's scope must exist)."""

    def not_found(self, rid: ResourceId) -> AzureError:
        return ArmResourceNotFound(rid.display(), rid.resource_group or "")

    def already_exists(self, rid: ResourceId) -> ArmError:
        """A create-only PUT (`If-None-Match: *`) of a resource that exists."""
        raise NotImplementedError(f"{self.type} takes no If-None-Match")

    def resource_id(self, resource: Any) -> str:
        return str(resource.id)

    def read_scope(self, resource: Any) -> str:
        """Where a listing decides whether the caller may read `resource` (decided once per distinct scope)."""
        return self.resource_id(resource)

    def to_arm(self, resource: Any) -> dict:
        raise NotImplementedError

    def put(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: Any, existing: Any | None) -> Plan:
        raise _unsupported(self.type, "PUT")

    def patch(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: Any, existing: Any) -> Plan:
        raise _unsupported(self.type, "PATCH")

    def delete(self, cloud: Cloud, caller: Principal, rid: ResourceId, existing: Any) -> Plan:
        raise _unsupported(self.type, "DELETE")

    def post(self, cloud: Cloud, caller: Principal, rid: ResourceId, action: str, body: dict | None,
             existing: Any) -> Plan:
        raise _unsupported(self.type, f"POST {action}")


def _unsupported(type_: str, what: str) -> ArmError:
    return ArmError("OperationNotAllowed", detail=f"The operation '{what}' is not supported for resource type "
                                                  f"'{type_}' in this lab.")


PROVIDERS: dict[str, Provider] = {}
"""Resource type (lower case) -> its provider. Provider modules register themselves with `register()`."""


def register(provider: Provider) -> Provider:
    PROVIDERS[provider.type.lower()] = provider
    return provider


def provider_for(type_: str) -> Provider | None:
    """The provider of a resource type: its module is imported the first time (providers.MODULES); a type the table
    does not name makes every provider module load, then is looked up."""
    key = type_.lower()
    if key not in PROVIDERS:
        from . import providers

        if not providers.load(key):
            providers.load_all()
    return PROVIDERS.get(key)


ANY_SUBSCRIPTION = ("microsoft.resources/resourcegroups", "microsoft.containerregistry/registries",
                    "microsoft.authorization/", "microsoft.web/")
"""Types whose providers keep resources in any subscription of the tenant (the id's subscription is theirs); the
other families keep theirs in the first subscription, and a request for one elsewhere is refused plainly."""


class ResourceManager:
    """Routes requests to providers for one Cloud; authorization is decided here, never in a front end."""

    def __init__(self, cloud: Cloud) -> None:
        self.cloud = cloud

    def handle(self, request: ArmRequest) -> ArmResponse:
        cloud = self.cloud
        try:
            rid = parse_resource_id(request.resource_id)
        except ValueError as e:
            raise ArmError("InvalidRequestContent", message=f"The resource id is invalid: {e}.") from None
        provider = provider_for(rid.type)
        if provider is None:
            raise ArmError("InvalidResourceType", type=rid.type.split("/", 1)[-1], namespace=rid.namespace,
                           api_version=request.api_version)
        if not rid.is_collection:
            provider.precheck(cloud, rid, request.method)
        cloud.subscription_of(rid.subscription)  # requests route by the subscription their id names
        if not rid.is_collection and rid.subscription.lower() != cloud.subscription.subscription_id \
                and not rid.type.lower().startswith(ANY_SUBSCRIPTION):
            raise ArmError("NotSupportedInLab", type=rid.type, default=cloud.subscription.name)
        if rid.resource_group is not None and rid.type.lower() != "microsoft.resources/resourcegroups":
            cloud.group(rid.resource_group, rid.subscription)
        if rid.is_collection:
            if request.method != "GET":
                raise _unsupported(provider.type, f"{request.method} on a collection")
            return self._list(provider, request.caller, rid, request.filter)
        if len(rid.types) > 1:
            self._require_parent(rid)
        existing = provider.find(cloud, rid)
        action = self._action(provider, request)
        if existing is None and (request.method in ("GET", "PATCH")
                                 or request.method == "POST" and not provider.actions_on_new):
            raise provider.not_found(rid)
        if existing is None and request.method == "DELETE":
            cloud.require(request.caller, action, rid.id)
            return ArmResponse(status=204)
        if not (request.method == "GET" and provider.public_read):
            cloud.require(request.caller, action,
                          provider.resource_id(existing) if existing is not None else rid.id)
        if request.method == "GET":
            return ArmResponse(status=200, resource=existing, render=lambda: provider.to_arm(existing))
        if request.if_none_match and request.method == "PUT" and existing is not None:
            raise provider.already_exists(rid)
        plan = self._plan(provider, request, rid, existing)
        if request.method in ("PUT", "PATCH"):  # Azure Policy's deny effect (engine/policy.py), before any change
            for check in cloud.state.get("request_checks", []):
                check(cloud, provider, plan.proposed if plan.proposed is not None else plan.resource)
        plan.commit()
        for event in plan.after:
            event()
        if plan.body is not None or request.method in ("DELETE", "POST"):
            return ArmResponse(status=plan.status, payload=plan.body, resource=plan.resource)
        resource = plan.resource
        return ArmResponse(status=plan.status, resource=resource, render=lambda: provider.to_arm(resource))

    # -- steps ------------------------------------------------------------------------------------
    def _list(self, provider: Provider, caller: Principal, rid: ResourceId, filter: str | None) -> ArmResponse:
        if len(rid.types) > 1:
            self._require_parent(rid)
        items = provider.query(self.cloud, rid, filter)
        if len(self.cloud.tenant.subscriptions) > 1:  # a listing answers for the subscription its id names
            items = _in_subscription(provider, items, rid.subscription)
        if not provider.public_read:
            items = self._readable(provider, caller, items)
        return ArmResponse(status=200, resources=items,
                           render=lambda: {"value": [provider.to_arm(r) for r in items]})

    def _readable(self, provider: Provider, caller: Principal, found: list[Any]) -> list[Any]:
        """What the caller may read, deciding once per distinct read scope: a listing costs what it returns."""
        read, allowed, items = f"{provider.operation_type or provider.type}/read", dict[str, bool](), []
        for r in found:
            where = provider.read_scope(r)
            ok = allowed.get(where)
            if ok is None:
                ok = allowed[where] = self.cloud.authorize(caller, read, where).allowed
            if ok:
                items.append(r)
        return items

    def _require_parent(self, rid: ResourceId) -> None:
        parent = rid.parent()
        owner = provider_for(parent.type)
        if owner is not None and owner.find(self.cloud, parent) is None:
            raise ArmError("ParentResourceNotFound", name=parent.name)

    @staticmethod
    def _action(provider: Provider, request: ArmRequest) -> str:
        if request.method == "POST":
            op = provider.actions.get(request.action or "")
            if op is None:
                raise _unsupported(provider.type, f"POST {request.action}")
            return f"{provider.operation_type or provider.type}/{op}"
        if provider.write_action and request.method != "GET":
            return provider.write_action
        verb = {"GET": "read", "PUT": "write", "PATCH": "write", "DELETE": "delete"}[request.method]
        return f"{provider.operation_type or provider.type}/{verb}"

    def _plan(self, provider: Provider, request: ArmRequest, rid: ResourceId, existing: Any) -> Plan:
        cloud, caller = self.cloud, request.caller
        if request.method == "DELETE":
            return provider.delete(cloud, caller, rid, existing)
        if request.method == "POST":
            return provider.post(cloud, caller, rid, request.action or "", request.body, existing)
        model = provider.patch_model if request.method == "PATCH" else provider.body_model
        body = _validate_body(model, request.body, provider.enum_names) if model is not None else request.body
        if request.method == "PATCH":
            return provider.patch(cloud, caller, rid, body, existing)
        return provider.put(cloud, caller, rid, body, existing)


def _in_subscription(provider: Provider, items: list[Any], subscription_id: str) -> list[Any]:
    """The items whose id lies in `subscription_id` (ids outside every subscription, such as tenant-wide role
    definitions, stay)."""
    prefix = f"/subscriptions/{subscription_id.lower()}/"
    kept = []
    for r in items:
        rid = provider.resource_id(r).lower()
        if not rid.startswith("/subscriptions/") or rid.startswith(prefix):
            kept.append(r)
    return kept


def _validate_body(model: builtins.type[BaseModel], body: dict | None, enum_names: dict[str, str]) -> BaseModel:
    """The request body as the provider's model; a body ARM cannot read is InvalidRequestContent, worded as the
    service's JSON reader words it."""
    from pydantic import ValidationError

    try:
        return model.model_validate(_names_as_model(model, body or {}))
    except ValidationError as e:
        err = e.errors()[0]
        fields = [str(p) for p in err["loc"] if isinstance(p, str)]
        path = ".".join(str(p) for p in err["loc"])
        if err["type"] == "missing":
            detail = f"Required property '{fields[-1] if fields else path}' not found in JSON."
        elif err["type"] in ("literal_error", "enum"):
            name = next((enum_names[f] for f in reversed(fields) if f in enum_names), fields[-1] if fields else path)
            detail = f"Error converting value \"{err['input']}\" to type '{name}'. Path '{path}'."
        else:
            detail = f"{err['msg']}. Path '{path}'."
        raise ArmError("InvalidRequestContent", detail=detail) from None


@functools.cache
def _model_names(model: builtins.type[BaseModel]) -> tuple[dict[str, str], frozenset[str], dict[str, tuple]]:
    """A model's property names by lower-case name (field names and aliases), those names, and the nested model of
    each property that holds one (with True when it is a map of them, as userAssignedIdentities is)."""
    names: dict[str, str] = {}
    nested: dict[str, tuple] = {}
    for fname, info in model.model_fields.items():
        spelled = [n for n in (fname, info.alias) if n]
        for n in spelled:
            names.setdefault(n.lower(), n)
        inner = _inner_model(info.annotation)
        if inner is not None:
            nested.update(dict.fromkeys(spelled, inner))
    return names, frozenset(names.values()), nested


def _inner_model(annotation, in_map: bool = False) -> tuple | None:
    """(the pydantic model a field holds, whether as a map's values), through lists and Optional."""
    from pydantic import BaseModel as _Model

    if isinstance(annotation, type) and issubclass(annotation, _Model):
        return annotation, in_map
    is_map = typing.get_origin(annotation) is dict
    for arg in typing.get_args(annotation)[1:] if is_map else typing.get_args(annotation):
        found = _inner_model(arg, in_map or is_map)
        if found is not None:
            return found
    return None


def _names_as_model(model: builtins.type[BaseModel], value):
    """ARM reads request-body property names case-insensitively (`KeyIdentifier` is `keyIdentifier`): a key that
    matches a model's property only by case takes the model's spelling, recursively; exact names cost a look-up."""
    if isinstance(value, list):
        return [_names_as_model(model, v) for v in value]
    if not isinstance(value, dict):
        return value
    names, exact, nested = _model_names(model)
    out: dict = {}
    for k, v in value.items():
        name = k if k in exact or not isinstance(k, str) else names.get(k.lower(), k)
        inner = nested.get(name)
        if inner is not None:
            if inner[1] and isinstance(v, dict):
                v = {mk: _names_as_model(inner[0], mv) for mk, mv in v.items()}
            else:
                v = _names_as_model(inner[0], v)
        out.setdefault(name, v)
    return out


def send(cloud: Cloud, caller: Principal, method: str, resource_id: str, body: dict | None = None,
         action: str | None = None, api_version: str | None = None, filter: str | None = None,
         if_none_match: bool = False) -> ArmResponse:
    """One request through the resource manager: the only way front ends change or read control-plane state."""
    request = ArmRequest(caller=caller, method=method, resource_id=resource_id,  # type: ignore[arg-type]
                         body=body, action=action, filter=filter, if_none_match=if_none_match,
                         **({"api_version": api_version} if api_version else {}))
    return ResourceManager(cloud).handle(request)
