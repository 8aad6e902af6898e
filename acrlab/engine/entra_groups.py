"""Entra ID security groups (`az ad group`): membership, and the groups a principal's role assignments come through.

    create_group(cloud, caller, display_name, mail_nickname, ...) -> EntraGroup
    find_group_by_id(cloud, object_id), delete_group, add_group_member, remove_group_member, check_member_groups
az's look-up by display name and its create-or-return rule are az's own (shell/az/graph.py).
Groups are kept in `cloud.state['entra_groups']`; `Cloud.principal_ids()` follows membership (nested groups too),
so every authorization (control plane, data plane, ABAC) counts assignments made to a principal's groups.
"""

from __future__ import annotations

from dataclasses import field
from datetime import datetime

from .cloud import Cloud
from .identity import GraphError, require_directory_writer
from .record import Record
from .tenant import Principal


class EntraGroup(Record):
    """A Microsoft Graph group (security-enabled, not mail-enabled, as `az ad group create` makes it)."""

    object_id: str
    display_name: str
    mail_nickname: str
    description: str | None = None
    created: datetime
    members: list[str] = field(default_factory=list)
    """Direct members' object ids (users, service principals, managed identities, groups), in the order added."""
    owners: list[str] = field(default_factory=list)
    """Owners' object ids (users, service principals, managed identities): they manage the group, they are not
    members (ownership grants no role the group holds)."""
    kind: str = "Group"

    @property
    def principal_type(self) -> str:
        return "Group"

    @property
    def sign_in_name(self) -> str:
        return self.display_name


def entra_groups(cloud: Cloud) -> dict[str, EntraGroup]:
    return cloud.state.setdefault("entra_groups", {})


def _graph_not_found(ref: str) -> GraphError:
    return GraphError(f"Resource '{ref}' does not exist or one of its queried reference-property objects are not "
                      "present.", "Request_ResourceNotFound", 404)


def create_group(cloud: Cloud, caller: Principal, display_name: str, mail_nickname: str,
                 description: str | None = None) -> EntraGroup:
    """POST /groups: needs a directory role; Graph allows several groups with one display name."""
    require_directory_writer(cloud, caller)
    g = EntraGroup(object_id=cloud.ids.guid(), display_name=display_name, mail_nickname=mail_nickname,
                   description=description, created=cloud.clock.now())
    entra_groups(cloud)[g.object_id] = g
    return g


def find_group_by_id(cloud: Cloud, object_id: str) -> EntraGroup:
    """GET /groups/{id}."""
    g = next((g for g in entra_groups(cloud).values() if g.object_id.lower() == object_id.lower()), None)
    if g is None:
        raise _graph_not_found(object_id)
    return g


def directory_object(cloud: Cloud, object_id: str) -> Principal | EntraGroup | None:
    return cloud.tenant.principals.get(object_id) or entra_groups(cloud).get(object_id)


def delete_group(cloud: Cloud, caller: Principal, group: EntraGroup) -> None:
    require_directory_writer(cloud, caller)
    entra_groups(cloud).pop(group.object_id, None)
    on_principal_deleted(cloud, group)


def add_group_member(cloud: Cloud, caller: Principal, group: EntraGroup, member_id: str) -> None:
    """POST /groups/{id}/members/$ref: not idempotent, as Graph."""
    _link(cloud, caller, group, "members", member_id)


def remove_group_member(cloud: Cloud, caller: Principal, group: EntraGroup, member_id: str) -> None:
    _unlink(cloud, caller, group, "members", member_id)


def add_group_owner(cloud: Cloud, caller: Principal, group: EntraGroup, owner_id: str) -> None:
    """POST /groups/{id}/owners/$ref."""
    _link(cloud, caller, group, "owners", owner_id)


def remove_group_owner(cloud: Cloud, caller: Principal, group: EntraGroup, owner_id: str) -> None:
    _unlink(cloud, caller, group, "owners", owner_id)


def _link(cloud: Cloud, caller: Principal, group: EntraGroup, relation: str, object_id: str) -> None:
    require_directory_writer(cloud, caller)
    if directory_object(cloud, object_id) is None:
        raise _graph_not_found(object_id)
    linked = getattr(group, relation)
    if object_id in linked:
        raise GraphError("One or more added object references already exist for the following modified properties: "
                         f"'{relation}'.")
    linked.append(object_id)


def _unlink(cloud: Cloud, caller: Principal, group: EntraGroup, relation: str, object_id: str) -> None:
    require_directory_writer(cloud, caller)
    linked = getattr(group, relation)
    if object_id not in linked:
        raise _graph_not_found(object_id)
    linked.remove(object_id)


def check_member_groups(cloud: Cloud, member_id: str, group: EntraGroup) -> bool:
    """directoryObject: checkMemberGroups is transitive (nested groups count)."""
    p = directory_object(cloud, member_id)
    if p is None:
        raise _graph_not_found(member_id)
    return group.object_id in cloud.principal_ids(p) and group.object_id != member_id


def via_groups_hook(cloud: Cloud, principal, action: str, scope: str, data: bool, decision, **context):
    """Name the groups through which the principal holds an assignment, for `lab why-denied` and `--debug`."""
    groups = entra_groups(cloud)
    decision.principal_id = principal.object_id
    decision.via = {a.principal_id: groups[a.principal_id].display_name
                    for a in decision.considered if a.principal_id in groups}
    return decision


def on_principal_deleted(cloud: Cloud, principal) -> None:
    for g in entra_groups(cloud).values():
        if principal.object_id in g.members:
            g.members.remove(principal.object_id)


def install(cloud: Cloud) -> None:
    cloud.on("principal_deleted", on_principal_deleted)
    cloud.state.setdefault("authorize_hooks", []).append(via_groups_hook)
