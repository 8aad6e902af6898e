"""Az.Resources generic resource cmdlets: Get-, New-, Set- and Remove-AzResource, each one request to the resource
manager (types it serves) or to the lab's resource providers (the families not yet migrated), with the caller's RBAC
checked by the engine. (Invoke-AzRestMethod sends raw requests over the lab's web: web_azrest.py.)"""

from __future__ import annotations

import re

from ....engine.arm import ArmError, send
from ....engine.arm.manager import provider_for
from ....engine.errors import AzureError
from ....engine.reads import may_read, require_read
from ....iac import providers
from .. import views
from ..values import Hashtable, PSError, PSObject, to_str
from .base import Param, cmdlet
from .deployment_source import plain
from .resources import MOD, PROFILE

SDK = "Microsoft.Azure.Commands.ResourceManager.Cmdlets.SdkModels"
PS_RESOURCE = f"{SDK}.PSResource"
ID_SET, NAME_SET = ("ByResourceId",), ("ByNameAndType",)


def _tags_table(tags: dict | None) -> str:
    if not tags:
        return ""
    w = max(4, *(len(k) for k in tags))
    v = max(5, *(len(str(x)) for x in tags.values()))
    rows = [f"{'Name'.ljust(w)}  Value", f"{'=' * w}  {'=' * v}"] + [f"{k.ljust(w)}  {x}" for k, x in tags.items()]
    return "\n".join(rows)


views.register(PS_RESOURCE, "list", "Name", "ResourceGroupName", "ResourceType", "Location", "ResourceId",
               ("Tags", lambda o: _tags_table(o.get("Tags"))))


def _resource(body: dict, expand: bool) -> PSObject:
    p = providers.parse_id(body["id"])
    props = {"Name": body.get("name") or (p["names"][-1] if p["names"] else ""), "ResourceId": body["id"],
             "ResourceName": body.get("name"), "ResourceType": body.get("type") or p["type"],
             "ResourceGroupName": p["rg"], "Location": body.get("location"),
             "SubscriptionId": body["id"].split("/")[2] if body["id"].startswith("/subscriptions/") else None,
             "Tags": Hashtable(body["tags"]) if body.get("tags") else None, "Sku": body.get("sku"),
             "Identity": body.get("identity"), "Kind": body.get("kind"),
             "Properties": _obj(body.get("properties")) if expand else None}
    return PSObject(PS_RESOURCE, props)


def _obj(v):
    if isinstance(v, dict):
        return PSObject("System.Management.Automation.PSCustomObject", {k: _obj(x) for k, x in v.items()})
    if isinstance(v, list):
        return [_obj(x) for x in v]
    return v


# -- requests ---------------------------------------------------------------------------------------------
def request(ctx, method: str, rid: str, body: dict | None = None) -> dict | None:
    """One ARM request for a resource id: the resource manager for the types it serves, else the lab's
    resource providers (reads authorized here as ARM would; writes authorize in the engine)."""
    p = providers.parse_id(rid)
    try:
        if provider_for(p["type"]) is not None:
            return send(ctx.cloud, ctx.principal, method, rid, body).body
        if method == "GET":
            found = providers.current(ctx.cloud, rid)
            if found is None:
                raise PSError(_not_found(rid))
            require_read(ctx.cloud, ctx.principal, rid)
            return found
        if method == "DELETE":
            providers.delete(ctx.cloud, ctx.principal, rid)
            return None
        return providers.apply(ctx.cloud, ctx.principal, rid, body or {})
    except ArmError as e:
        raise PSError(getattr(e, "message", str(e))) from None
    except providers.ResourceFailure as e:
        raise PSError(e.message) from None
    except AzureError as e:
        raise PSError(e.message) from None


def _not_found(rid: str) -> str:
    from ....engine.errors import arm_not_found_message
    p = providers.parse_id(rid)
    ns, *types = p["type"].split("/")
    path = "/".join([ns] + [f"{t}/{n}" for t, n in zip(types, p["names"], strict=False)])
    return arm_not_found_message(path, p["rg"] or "")


def _rid(ctx, a) -> str:
    if a.ResourceId:
        return a.ResourceId
    if not (a.ResourceType and (a.ResourceName or a.Name)):
        raise PSError("Cannot process command because of one or more missing mandatory parameters: ResourceId.")
    names = (a.ResourceName or a.Name).split("/")
    types = a.ResourceType.split("/")
    if len(types) - 1 != len(names):
        raise PSError(f"The resource name '{a.ResourceName or a.Name}' does not match the resource type "
                      f"'{a.ResourceType}': give one name segment per type segment.")
    path = types[0] + "".join(f"/{t}/{n}" for t, n in zip(types[1:], names, strict=True))
    rg = a.ResourceGroupName
    base = ctx.subscription.id + (f"/resourceGroups/{rg}" if rg else "")
    return f"{base}/providers/{path}"


ID = Param("ResourceId", "string", "The fully qualified resource ID of the resource.", sets=ID_SET, mandatory=True,
           by_property=True, aliases=("Id",))
TYPE = Param("ResourceType", "string", "The resource type, for example Microsoft.ContainerRegistry/registries.",
             sets=NAME_SET, by_property=True)
RG = Param("ResourceGroupName", "string", "The resource group.", sets=NAME_SET, by_property=True)
API = Param("ApiVersion", "string", "The API version the request uses.")


def _resource_ids(ctx, a) -> list[str]:
    """Top-level resources the listing covers (every resource group, or one), as Get-AzResource lists them."""
    from ....engine import groups as resource_groups

    if a.ResourceGroupName:  # the group's GET, or the subscription's listing of the groups the caller may read
        found = [send(ctx.cloud, ctx.principal, "GET", resource_groups.group_id(ctx.cloud, a.ResourceGroupName)).resource]
    else:
        found = send(ctx.cloud, ctx.principal, "GET", f"{ctx.subscription.id}/resourceGroups").resources
    out: list[str] = []
    for rg in found:
        out += providers.group_resources(ctx.cloud, rg.name)
    return out


@cmdlet("Get-AzResource", [
    Param("Name", "string", "The name of the resource (wildcards allowed).", position=0, aliases=("ResourceName",),
          sets=NAME_SET, by_property=True),
    TYPE, RG, Param("Tag", "hashtable", "Resources with this tag.", sets=NAME_SET), ID,
    Param("ExpandProperties", "switch", "Include the resource's properties."), API, PROFILE,
], "Gets resources.", module=MOD, sets=["ByNameAndType", "ByResourceId"], default_set="ByNameAndType",
    outputs=PS_RESOURCE, examples=[("Get the registries of a resource group",
                                    "Get-AzResource -ResourceGroupName rg-containers "
                                    "-ResourceType Microsoft.ContainerRegistry/registries")])
def get_resource(ctx, a, items):
    if a.ResourceId:
        return _resource(request(ctx, "GET", a.ResourceId), bool(a.ExpandProperties))
    if a.ResourceGroupName and a.ResourceType and a.Name and not any(c in a.Name for c in "*?"):
        return _resource(request(ctx, "GET", _rid(ctx, a)), bool(a.ExpandProperties))
    try:
        ids = _resource_ids(ctx, a)
    except AzureError as e:
        raise PSError(e.message) from None
    out = []
    for rid in ids:
        p = providers.parse_id(rid)
        if a.ResourceType and p["type"].lower() != a.ResourceType.lower():
            continue
        if a.Name and not _like(p["names"][-1], a.Name):
            continue
        if not may_read(ctx.cloud, ctx.principal, rid):
            continue
        body = providers.current(ctx.cloud, rid)
        if body is None or (a.Tag and not all((body.get("tags") or {}).get(to_str(k)) == to_str(v)
                                              for k, v in a.Tag.items())):
            continue
        out.append(_resource({"id": rid, **body}, bool(a.ExpandProperties)))
    return out


def _like(name: str, pattern: str) -> bool:
    rx = "^" + re.escape(pattern).replace(r"\*", ".*").replace(r"\?", ".") + "$"
    return re.match(rx, name, re.I) is not None


BODY_PARAMS = [
    Param("Location", "string", "The location of the resource."),
    Param("Properties", "object", "The resource properties (a hashtable or object).", aliases=("PropertyObject",)),
    Param("Sku", "hashtable", "The SKU of the resource.", aliases=("SkuObject",)),
    Param("Tag", "hashtable", "The tags of the resource.", aliases=("Tags",)),
    Param("Kind", "string", "The kind of the resource."),
    Param("Force", "switch", "Do not ask for confirmation."), API, PROFILE,
]


@cmdlet("New-AzResource", [ID, Param("ResourceName", "string", "The name of the resource.", sets=NAME_SET,
                                     mandatory=True, aliases=("Name",)),
                           TYPE, RG, *BODY_PARAMS],
        "Creates a resource.", module=MOD, should_process=True, sets=["ByResourceId", "ByNameAndType"],
        default_set="ByNameAndType", outputs=PS_RESOURCE)
def new_resource(ctx, a, items):
    rid = _rid(ctx, a)
    body = _body(a, {})
    if a.WhatIf:
        ctx.host(f'What if: Performing the operation "Creating the resource..." on target "{rid}".')
        return None
    return _resource({"id": rid, **(request(ctx, "PUT", rid, body) or {})}, True)


@cmdlet("Set-AzResource", [ID, Param("ResourceName", "string", "The name of the resource.", sets=NAME_SET,
                                     aliases=("Name",)),
                           TYPE, RG, Param("InputObject", "object", "A resource from Get-AzResource.",
                                           pipeline=True), *BODY_PARAMS],
        "Modifies a resource.", module=MOD, should_process=True, sets=["ByResourceId", "ByNameAndType"],
        default_set="ByNameAndType", outputs=PS_RESOURCE)
def set_resource(ctx, a, items):
    given = a.InputObject if isinstance(a.InputObject, PSObject) else None
    rid = given.get("ResourceId") if given is not None and not (a.ResourceId or a.ResourceName) else _rid(ctx, a)
    current = request(ctx, "GET", rid) or {}
    if given is not None and given.get("Properties") is not None and a.Properties is None:
        current = {**current, "properties": plain(given.get("Properties"))}
    body = _body(a, current)
    if a.WhatIf:
        ctx.host(f'What if: Performing the operation "Updating the resource..." on target "{rid}".')
        return None
    return _resource({"id": rid, **(request(ctx, "PUT", rid, body) or {})}, True)


def _body(a, current: dict) -> dict:
    body = {k: v for k, v in current.items() if k in ("location", "sku", "tags", "properties", "identity", "kind")}
    for key, value in (("location", a.Location), ("properties", a.Properties), ("sku", a.Sku), ("tags", a.Tag),
                       ("kind", a.Kind)):
        if value is not None:
            body[key] = plain(value)
    return body


@cmdlet("Remove-AzResource", [ID, Param("ResourceName", "string", "The name of the resource.", sets=NAME_SET,
                                        mandatory=True, aliases=("Name",)), TYPE, RG,
                              Param("Force", "switch", "Do not ask for confirmation."), API, PROFILE],
        "Removes a resource.", module=MOD, should_process=True, sets=["ByResourceId", "ByNameAndType"],
        default_set="ByNameAndType")
def remove_resource(ctx, a, items):
    rid = _rid(ctx, a)
    if a.WhatIf:
        ctx.host(f'What if: Performing the operation "Deleting the resource..." on target "{rid}".')
        return None
    request(ctx, "GET", rid)
    request(ctx, "DELETE", rid)
    return True


def _patch(ctx, rid: str, body: dict):
    p = providers.parse_id(rid)
    if provider_for(p["type"]) is not None:
        try:
            return send(ctx.cloud, ctx.principal, "PATCH", rid, body).body
        except ArmError as e:
            raise PSError(e.message) from None
    merged = _merge(request(ctx, "GET", rid) or {}, body)
    return request(ctx, "PUT", rid, {k: v for k, v in merged.items() if k not in ("id", "name", "type")})


def _merge(base: dict, patch: dict) -> dict:
    out = dict(base)
    for k, v in patch.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out
