"""Microsoft.ContainerRegistry/registries/scopeMaps and .../tokens: PUT, PATCH, GET, list, DELETE. A scope map's
actions are `repositories/<repo>/<action>`; a token names one scope map of its registry. Passwords come from the
registry's generateCredentials action (registry_actions.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BeforeValidator, Field

from ... import names
from ...connected_registries import GATEWAY_ACTIONS
from ...errors import ArmError
from ...sku import SKUS
from ...tokens import REPO_ACTIONS, ScopeMap, Token, validate_repository
from ..manager import Plan, register
from ..request import ResourceId
from .children import RegistryChild, swap_in
from .registry_body import Body

if TYPE_CHECKING:
    from ...cloud import Cloud
    from ...registry import Registry
    from ...tenant import Principal

CR = "Microsoft.ContainerRegistry/registries"
TokenStatus = Annotated[Literal["enabled", "disabled"], BeforeValidator(lambda v: v.lower() if isinstance(v, str) else v)]


class ScopeMapProperties(Body):
    actions: list[str] | None = None
    description: str | None = None


class ScopeMapBody(Body):
    properties: ScopeMapProperties = Field(default_factory=ScopeMapProperties)


class TokenPasswordRef(Body):
    name: Literal["password1", "password2"]


class TokenCredentials(Body):
    passwords: list[TokenPasswordRef] | None = None


class TokenProperties(Body):
    scope_map_id: str | None = None
    status: TokenStatus | None = None
    credentials: TokenCredentials | None = None


class TokenBody(Body):
    properties: TokenProperties = Field(default_factory=TokenProperties)


def check_actions(actions: list[str]) -> list[str]:
    """`repositories/<repo>/<action>` with a known action and a repository whose only wildcard is a trailing one, or
    a connected registry's `gateway/<connected registry>/<config|message>/<read|write>`."""
    for a in actions:
        parts = a.split("/")
        if parts[0].lower() == "gateway":
            if len(parts) != 4 or not parts[1] or "/".join(parts[2:]).lower() not in GATEWAY_ACTIONS:
                raise ArmError("InvalidScopeMapAction", action=a)
            continue
        action = "/".join(parts[-2:]).lower()
        if len(parts) < 4 or parts[0].lower() != "repositories" or action not in REPO_ACTIONS:
            raise ArmError("InvalidScopeMapAction", action=a)
        validate_repository("/".join(parts[1:-2]))
    return list(actions)


class ScopeMapProvider(RegistryChild):
    type = f"{CR}/scopeMaps"
    store = "scope_maps"
    body_model = ScopeMapBody
    patch_model = ScopeMapBody

    def put(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: ScopeMapBody,
            existing: ScopeMap | None) -> Plan:
        reg = self.parent_of(cloud, rid)
        if rid.name.startswith("_"):
            raise ArmError("InvalidScopeMapName", name=rid.name)
        names.check("scopeMaps", rid.name)
        if body.properties.actions is None:
            raise ArmError("InvalidRequestContent", detail="Required property 'actions' not found in JSON.")
        if existing is None:
            used = sum(1 for m in reg.scope_maps.values() if m.type == "UserDefined")
            if used >= SKUS[reg.sku].scope_maps:
                raise ArmError("ScopeMapQuotaExceeded", registry=reg.name, limit=SKUS[reg.sku].scope_maps, sku=reg.sku)
        new = ScopeMap(name=rid.name, registry_id=reg.id, resource_group=reg.resource_group,
                       actions=check_actions(body.properties.actions), description=body.properties.description,
                       created=existing.created if existing is not None else cloud.clock.now())
        return _swap(reg.scope_maps, new, existing)

    def patch(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: ScopeMapBody, existing: ScopeMap) -> Plan:
        reg = self.parent_of(cloud, rid)
        if existing.type == "SystemDefined":
            raise ArmError("CannotUpdateSystemScopeMap", name=existing.name)
        props = body.properties
        changes = {"actions": check_actions(props.actions) if props.actions is not None else None,
                   "description": props.description}
        new = existing.model_copy(update={k: v for k, v in changes.items() if v is not None})
        return _swap(reg.scope_maps, new, existing)

    def delete(self, cloud: Cloud, caller: Principal, rid: ResourceId, existing: ScopeMap) -> Plan:
        if existing.type == "SystemDefined":
            raise ArmError("CannotDeleteSystemScopeMap", name=existing.name)
        reg = self.parent_of(cloud, rid)
        return Plan(resource=existing, commit=lambda: reg.scope_maps.pop(existing.name, None) and None)


class TokenProvider(RegistryChild):
    type = f"{CR}/tokens"
    store = "tokens"
    body_model = TokenBody
    patch_model = TokenBody
    enum_names = {"status": "TokenStatus"}

    def put(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: TokenBody, existing: Token | None) -> Plan:
        names.check("tokens", rid.name)
        reg = self.parent_of(cloud, rid)
        if existing is None and len(reg.tokens) >= SKUS[reg.sku].tokens:
            raise ArmError("TokenQuotaExceeded", registry=reg.name, limit=SKUS[reg.sku].tokens, sku=reg.sku)
        map_id = scope_map_of(reg, body.properties.scope_map_id)
        new = Token(name=rid.name, registry_id=reg.id, resource_group=reg.resource_group, scope_map_id=map_id,
                    status=body.properties.status or "enabled",
                    passwords=dict(existing.passwords) if existing is not None else {},
                    created=existing.created if existing is not None else cloud.clock.now())
        return _swap(reg.tokens, new, existing)

    def patch(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: TokenBody, existing: Token) -> Plan:
        reg = self.parent_of(cloud, rid)
        props = body.properties
        new = existing.model_copy(update={"passwords": dict(existing.passwords)})
        if props.scope_map_id:
            new.scope_map_id = scope_map_of(reg, props.scope_map_id)
        if props.status is not None:
            new.status = props.status
        if props.credentials is not None and props.credentials.passwords is not None:
            keep = {p.name for p in props.credentials.passwords}
            new.passwords = {k: v for k, v in new.passwords.items() if k in keep}
        return _swap(reg.tokens, new, existing)

    def delete(self, cloud: Cloud, caller: Principal, rid: ResourceId, existing: Token) -> Plan:
        reg = self.parent_of(cloud, rid)  # its passwords stop working at once (the token is gone)
        return Plan(resource=existing, commit=lambda: reg.tokens.pop(existing.name, None) and None)


def scope_map_of(reg: Registry, ref: str | None) -> str:
    """The id of the registry's scope map a token names (by id, or by name as the lab's front ends allow)."""
    if not ref:
        raise ArmError("InvalidRequestContent", detail="Required property 'scopeMapId' not found in JSON.")
    if "/" in ref and not ref.lower().startswith(reg.id.lower() + "/scopemaps/"):
        raise ArmError("InvalidScopeMapId", id=ref, registry=reg.name)
    name = ref.rstrip("/").rsplit("/", 1)[-1]
    m = reg.scope_maps.get(name)
    if m is None:
        from ...errors import ArmResourceNotFound

        raise ArmResourceNotFound(f"{CR}/{reg.name}/scopeMaps/{name}", reg.resource_group)
    return m.id


def _swap(store: dict, new, existing) -> Plan:
    return Plan(resource=existing or new, commit=lambda: swap_in(store, new, existing) and None,
                status=200 if existing is not None else 201)


SCOPE_MAPS = register(ScopeMapProvider())
TOKENS = register(TokenProvider())
__all__ = ["SCOPE_MAPS", "TOKENS", "check_actions", "scope_map_of"]
