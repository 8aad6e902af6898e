"""az's own look-ups in Microsoft Graph (azure-cli role/custom.py `_resolve_service_principal`,
`_resolve_object_id_and_type`): Graph answers queries; when none matches, az itself says so in its words. They live
here, not in the engine, which answers as Graph and ARM do."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...engine.cloud import Cloud
from ...engine.errors import CliError, CliResourceNotFound
from ...engine.identity import GraphError, _is_guid
from ...engine.tenant import Principal

if TYPE_CHECKING:
    from ...engine.entra_groups import EntraGroup


def find_service_principal(cloud: Cloud, ref: str) -> Principal:
    """az's `_resolve_service_principal`: by servicePrincipalNames (appId, MI resource id) or object id."""
    low = ref.lower()
    for p in cloud.tenant.principals.values():
        if p.kind in ("ServicePrincipal", "ManagedIdentity") and (
                low in {(p.app_id or "").lower(), (p.resource_id or "").lower(), p.object_id.lower()}):
            return p
    if _is_guid(ref):
        raise GraphError(f"Resource '{ref}' does not exist or one of its queried reference-property objects are not "
                         "present.", "Request_ResourceNotFound", 404)
    raise CliResourceNotFound(f"Service principal '{ref}' doesn't exist")


def resolve_assignee(cloud: Cloud, ref: str):
    """az's `_resolve_object_id_and_type`: UPN, then servicePrincipalNames (appId), then object id (users, service
    principals and groups; a group's display name is not an assignee, as in az)."""
    low = ref.lower()
    principals = cloud.tenant.principals.values()
    if "@" in ref:
        for p in principals:
            if (p.user_principal_name or "").lower() == low:
                return p
    for p in principals:
        if p.kind != "User" and low in {(p.app_id or "").lower(), (p.resource_id or "").lower()}:
            return p
    if _is_guid(ref) and ref in cloud.tenant.principals:
        return cloud.tenant.principals[ref]
    from ...engine.entra_groups import entra_groups

    candidates: list[Principal | EntraGroup] = [*principals, *entra_groups(cloud).values()]
    for obj in candidates:
        if _is_guid(ref) and obj.object_id.lower() == low:
            return obj
    raise CliError(f"Cannot find user or service principal in graph database for '{ref}'. If the assignee is an "
                   f"appId, make sure the corresponding service principal is created with 'az ad sp create --id {ref}'.")


def find_group(cloud: Cloud, ref: str) -> EntraGroup:
    """az's `_resolve_group` (--group/-g): an object id as-is, else a display name prefix matching exactly one."""
    from ...engine.entra_groups import entra_groups, find_group_by_id

    if _is_guid(ref):
        return find_group_by_id(cloud, ref)
    found = [g for g in entra_groups(cloud).values() if g.display_name.lower().startswith(ref.lower())]
    if not found:
        raise CliError(f"Group {ref} is not found in Graph ")
    if len(found) != 1:
        raise CliError("More than 1 group objects has the display name of " + ref)
    return found[0]


def existing_group(cloud: Cloud, display_name: str, mail_nickname: str) -> EntraGroup | None:
    """az's `create_group` without --force: the one group with this display name and mail nickname, if any."""
    from ...engine.entra_groups import entra_groups

    matches = [g for g in entra_groups(cloud).values()
               if g.display_name == display_name and g.mail_nickname == mail_nickname]
    if len(matches) > 1:
        raise CliError('There is more than one group with the same display and nick names: "{}". Please delete '
                       "them first.".format(", ".join(g.object_id for g in matches)))
    return matches[0] if matches else None
