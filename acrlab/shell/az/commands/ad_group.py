"""az ad group [member]: Entra security groups as Microsoft Graph returns them (azure-cli role/custom.py)."""

from __future__ import annotations

from ....engine import entra_groups as groups
from ....engine import identity
from ....engine.entra_groups import EntraGroup
from ....engine.errors import CliError
from .. import graph
from ..framework import Arg, command, group

group("ad group", "Manage Microsoft Entra groups.")
group("ad group member", "Manage Microsoft Entra group membership.")
group("ad group owner", "Manage Microsoft Entra group owners.")

GROUP = Arg("group", "--group -g", "Group's object id or display name(prefix also works if there is a unique match).",
            required=True)
MEMBER = Arg("member_id", "--member-id", "The object ID of the contact, group, user, or service principal.",
             required=True)
ODATA_TYPES = {"User": "#microsoft.graph.user", "ServicePrincipal": "#microsoft.graph.servicePrincipal",
               "ManagedIdentity": "#microsoft.graph.servicePrincipal", "Group": "#microsoft.graph.group"}


def group_json(g: EntraGroup, context: bool = False) -> dict:
    out = {
        "classification": None, "createdDateTime": identity.iso_z(g.created), "creationOptions": [],
        "deletedDateTime": None, "description": g.description, "displayName": g.display_name,
        "expirationDateTime": None, "groupTypes": [], "id": g.object_id, "isAssignableToRole": None, "mail": None,
        "mailEnabled": False, "mailNickname": g.mail_nickname, "membershipRule": None,
        "membershipRuleProcessingState": None, "onPremisesDomainName": None, "onPremisesLastSyncDateTime": None,
        "onPremisesNetBiosName": None, "onPremisesProvisioningErrors": [], "onPremisesSamAccountName": None,
        "onPremisesSecurityIdentifier": None, "onPremisesSyncEnabled": None, "preferredDataLocation": None,
        "preferredLanguage": None, "proxyAddresses": [], "renewedDateTime": identity.iso_z(g.created),
        "resourceBehaviorOptions": [], "resourceProvisioningOptions": [], "securityEnabled": True,
        "securityIdentifier": None, "serviceProvisioningErrors": [], "theme": None, "uniqueName": None,
        "visibility": None,
    }
    if context:
        out = {"@odata.context": f"{identity.GRAPH}#groups/$entity", **out}
    return out


def _member_json(cloud, object_id: str) -> dict | None:
    obj = groups.directory_object(cloud, object_id)
    if obj is None:
        return None
    if isinstance(obj, EntraGroup):
        body = group_json(obj)
    elif obj.kind == "User":
        body = identity.user_json(obj)
    else:
        body = identity.sp_json(cloud, obj)
    return {"@odata.type": ODATA_TYPES[obj.kind], **body}


def _table(result):
    return [{"DisplayName": g["displayName"], "MailEnabled": g["mailEnabled"], "MailNickname": g["mailNickname"],
             "SecurityEnabled": g["securityEnabled"]} for g in result]


@command("ad group create", "Create a group in the directory.", [
    Arg("display_name", "--display-name", "Object's display name or its prefix.", required=True),
    Arg("mail_nickname", "--mail-nickname", "Mail nickname.", required=True),
    Arg("force", "--force", "Always create a new group instead of updating the one with same display and mail "
        "nickname.", kind="bool"),
    Arg("description", "--description", "Group description."),
], examples=[("Create a group for the people who push images.",
              "az ad group create --display-name acr-pushers --mail-nickname acr-pushers")])
def group_create(ctx, a):
    found = None if a.force else graph.existing_group(ctx.cloud, a.display_name, a.mail_nickname)
    if found is not None:
        ctx.warn("A group with the same display name and mail nickname already exists, returning.")
        return group_json(found)
    return group_json(groups.create_group(ctx.cloud, ctx.principal, a.display_name, a.mail_nickname, a.description),
                      context=True)


@command("ad group list", "List groups in the directory.", [
    Arg("display_name", "--display-name", "Object's display name or its prefix."),
    Arg("filter", "--filter", "OData filter, e.g. --filter \"displayname eq 'test' and servicePrincipalType eq "
        "'Application'\"."),
], table=_table)
def group_list(ctx, a):
    _ = ctx.principal  # az fails first when nobody is signed in
    if a.filter:
        raise CliError("--filter is not available in the lab; use --display-name.")
    found = list(groups.entra_groups(ctx.cloud).values())
    if a.display_name:
        found = [g for g in found if g.display_name.lower().startswith(a.display_name.lower())]
    return [group_json(g) for g in found]


@command("ad group show", "Get group information from the directory.", [GROUP])
def group_show(ctx, a):
    _ = ctx.principal
    return group_json(graph.find_group(ctx.cloud, a.group), context=True)


@command("ad group delete", "Delete a group from the directory.", [GROUP])
def group_delete(ctx, a):
    groups.delete_group(ctx.cloud, ctx.principal, graph.find_group(ctx.cloud, a.group))
    return None


@command("ad group member list", "Get the members of a group.", [GROUP], table=None)
def member_list(ctx, a):
    _ = ctx.principal
    g = graph.find_group(ctx.cloud, a.group)
    return [m for m in (_member_json(ctx.cloud, oid) for oid in g.members) if m is not None]


@command("ad group member add", "Add a member to a group.", [GROUP, MEMBER], examples=[
    ("Add a user to a group.", "az ad group member add --group acr-pushers --member-id "
     "$(az ad user show --id dev@contoso.onmicrosoft.com --query id -o tsv)")])
def member_add(ctx, a):
    groups.add_group_member(ctx.cloud, ctx.principal, graph.find_group(ctx.cloud, a.group), a.member_id)
    return None


@command("ad group member remove", "Remove a member from a group.", [GROUP, MEMBER])
def member_remove(ctx, a):
    groups.remove_group_member(ctx.cloud, ctx.principal, graph.find_group(ctx.cloud, a.group), a.member_id)
    return None


@command("ad group member check", "Check if a member is in a group.", [GROUP, MEMBER])
def member_check(ctx, a):
    _ = ctx.principal
    g = graph.find_group(ctx.cloud, a.group)
    return {"value": groups.check_member_groups(ctx.cloud, a.member_id, g)}


OWNER = Arg("owner_object_id", "--owner-object-id", "Owner's object id.", required=True)


@command("ad group owner list", "List group owners.", [GROUP], table=None)
def owner_list(ctx, a):
    _ = ctx.principal
    g = graph.find_group(ctx.cloud, a.group)
    return [o for o in (_member_json(ctx.cloud, oid) for oid in g.owners) if o is not None]


@command("ad group owner add", "Add a group owner.", [GROUP, OWNER], examples=[
    ("Add an owner to a group.", "az ad group owner add --group MyGroup --owner-object-id "
     "00000000-0000-0000-0000-000000000000")])
def owner_add(ctx, a):
    groups.add_group_owner(ctx.cloud, ctx.principal, graph.find_group(ctx.cloud, a.group), a.owner_object_id)
    return None


@command("ad group owner remove", "Remove a group owner.", [GROUP, OWNER])
def owner_remove(ctx, a):
    groups.remove_group_owner(ctx.cloud, ctx.principal, graph.find_group(ctx.cloud, a.group), a.owner_object_id)
    return None
