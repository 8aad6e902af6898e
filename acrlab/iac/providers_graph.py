"""Microsoft Graph resources of the Bicep extension (graph_types): groups created or updated by `uniqueName`
(idempotent: a redeployment finds the group again), users referenced by `userPrincipalName` (`existing`).
Both go through the engine's Entra functions, so the deploying user needs the directory rights `az ad group
create` needs. Members and owners are each a relationship `{ relationships: [ids], relationshipSemantics: 'append'|'replace' }`
(learn.microsoft.com/graph/templates/concept-relationships-in-graph-types): append is the default."""

from __future__ import annotations

from ..engine import entra_groups, identity
from ..engine.cloud import Cloud
from ..engine.identity import GraphError, require_directory_writer
from ..engine.tenant import Principal
from .graph_types import GROUPS, USERS
from .provider_base import Handler, ResourceFailure

TYPES = (GROUPS, USERS)
DEPLOYABLE = [GROUPS]


def _unique_names(cloud: Cloud) -> dict[str, str]:
    """uniqueName (lower case) -> group object id: the client-provided key Graph keeps on the group."""
    return cloud.state.setdefault("graph_unique_names", {})


def _group(cloud: Cloud, unique_name: str):
    oid = _unique_names(cloud).get(unique_name.lower())
    return entra_groups.entra_groups(cloud).get(oid) if oid else None


def group_body(g, unique_name: str) -> dict:
    return {"id": g.object_id, "displayName": g.display_name, "mailEnabled": False, "mailNickname": g.mail_nickname,
            "securityEnabled": True, "uniqueName": unique_name, "description": g.description,
            "members": {"relationships": list(g.members)}, "owners": {"relationships": list(g.owners)}}


def read_group(cloud: Cloud, p: dict) -> dict | None:
    g = _group(cloud, p["names"][0])
    return None if g is None else {"type": GROUPS, "properties": group_body(g, p["names"][0])}


def read_user(cloud: Cloud, p: dict) -> dict:
    """`existing` users: an unknown UPN is Graph's Request_ResourceNotFound (it fails the deployment)."""
    try:
        u = identity.find_user(cloud, p["names"][0])
    except GraphError as e:
        raise ResourceFailure(e.code, e.message) from None
    return {"type": USERS, "properties": identity.user_json(u)}


def _relationship(body: dict, key: str) -> tuple[list[str], str]:
    rel = body.get(key)
    if rel is None:
        return [], "append"
    if not isinstance(rel, dict) or not isinstance(rel.get("relationships", []), list):
        raise ResourceFailure("BadRequest", f"The property '{key}' must be an object with a 'relationships' array "
                              "of object ids (MicrosoftGraphRelationship).")
    semantics = str(rel.get("relationshipSemantics") or "append").lower()
    if semantics not in ("append", "replace"):
        raise ResourceFailure("BadRequest", f"The relationshipSemantics '{rel['relationshipSemantics']}' is not "
                              "valid. Supported values: append, replace.")
    return [str(i) for i in rel.get("relationships") or []], semantics


def put_group(cloud: Cloud, caller: Principal, p: dict, rid: str, body: dict) -> None:
    """Create or update the group with this uniqueName; every member is checked before anything changes."""
    props = body.get("properties") or {}
    unique = p["names"][0]
    if props.get("mailEnabled") is not False or props.get("securityEnabled") is not True:
        raise ResourceFailure("Request_BadRequest", "The lab creates security groups only: set mailEnabled to "
                              "false and securityEnabled to true.")
    links = {rel: _relationship(props, rel) for rel in ("members", "owners")}
    require_directory_writer(cloud, caller)
    for m in (oid for ids, _ in links.values() for oid in ids):
        if entra_groups.directory_object(cloud, m) is None:
            raise ResourceFailure("Request_ResourceNotFound", f"Resource '{m}' does not exist or one of its "
                                  "queried reference-property objects are not present.")
    g = _group(cloud, unique)
    if g is None:
        g = entra_groups.create_group(cloud, caller, str(props["displayName"]), str(props["mailNickname"]),
                                      props.get("description"))
        _unique_names(cloud)[unique.lower()] = g.object_id
    else:
        g.display_name, g.mail_nickname = str(props["displayName"]), str(props["mailNickname"])
        if "description" in props:
            g.description = props["description"]
    add = {"members": entra_groups.add_group_member, "owners": entra_groups.add_group_owner}
    for rel, (ids, semantics) in links.items():
        linked = getattr(g, rel)
        if semantics == "replace":
            linked[:] = [m for m in linked if m in ids]
        for m in ids:
            if m not in linked:
                add[rel](cloud, caller, g, m)


def _no_put(cloud: Cloud, caller: Principal, p: dict, rid: str, body: dict) -> None:
    raise ResourceFailure("BadRequest", "The lab references Microsoft.Graph/users with `existing` only.")


HANDLERS = [Handler(GROUPS, read_group, put_group), Handler(USERS, read_user, _no_put)]
