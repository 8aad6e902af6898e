"""az identity create|show|list|delete: user-assigned managed identities."""

from __future__ import annotations

from ....engine import identity
from ....engine.errors import ArmResourceNotFound
from ..framework import Arg, command, group
from .account import parse_tags

group("identity", "Managed Identities.")
MI = "Microsoft.ManagedIdentity/userAssignedIdentities"
NAME = Arg("name", "--name -n", "The name of the identity resource.", required=True, id_part="name")
RG = Arg("resource_group", "--resource-group -g", "Name of resource group. You can configure the default group using "
         "`az configure --defaults group=<name>`.", required=True, default_key="group")


def _table(result):
    rows = result if isinstance(result, list) else [result]
    return [{"ClientId": r["clientId"], "Location": r["location"], "Name": r["name"], "PrincipalId": r["principalId"],
             "ResourceGroup": r["resourceGroup"], "TenantId": r["tenantId"]} for r in rows]


@command("identity create", "Create an identity.", [
    NAME, RG,
    Arg("location", "--location -l", "Location. Values from: `az account list-locations`.", default_key="location"),
    Arg("tags", "--tags", "Space-separated tags: key[=value] [key[=value] ...].", kind="star"),
], examples=[("Create an identity.", "az identity create --name MyIdentity --resource-group MyResourceGroup")],
    table=_table)
def identity_create(ctx, a):
    cloud = ctx.cloud
    rg = cloud.group(a.resource_group)
    cloud.require(ctx.principal, f"{MI}/write",
                  f"{rg.id}/providers/{MI}/{a.name}")
    return identity.create_user_assigned_identity(cloud, rg.name, a.name, a.location, parse_tags(a.tags)).to_json()


@command("identity show", "Show an identity.", [NAME, RG], table=_table)
def identity_show(ctx, a):
    mi = identity.find_identity(ctx.cloud, a.resource_group, a.name)
    ctx.cloud.require(ctx.principal, f"{MI}/read", mi.id)
    return mi.to_json()


@command("identity list", "List identities.", [
    Arg("resource_group", "--resource-group -g", "Name of resource group.", default_key="group"),
], table=_table)
def identity_list(ctx, a):
    cloud, caller = ctx.cloud, ctx.principal
    if a.resource_group:
        cloud.group(a.resource_group)
    out = []
    for mi in sorted(identity.identities(cloud).values(), key=lambda m: (m.resource_group.lower(), m.name.lower())):
        if a.resource_group and mi.resource_group.lower() != a.resource_group.lower():
            continue
        if cloud.authorize(caller, f"{MI}/read", mi.id).allowed:
            out.append(mi.to_json())
    return out


@command("identity delete", "Delete an identity.", [NAME, RG])
def identity_delete(ctx, a):
    mi = identity.find_identity(ctx.cloud, a.resource_group, a.name)
    ctx.cloud.require(ctx.principal, f"{MI}/delete", mi.id)
    identity.delete_identity(ctx.cloud, mi)
    return None


# -- workload identity federation -------------------------------------------------------------------
group("identity federated-credential", "Manage federated credentials under user assigned identities.")
FC_NAME = Arg("name", "--name -n", "The name of the federated identity credential resource.", required=True)
FC_ID = Arg("identity_name", "--identity-name", "The name of the identity resource.", required=True)


def _fc_args(required: bool) -> list[Arg]:
    return [
        Arg("issuer", "--issuer", "The openId connect metadata URL of the issuer of the identity provider that Azure "
            "AD would use in the token exchange protocol for validating tokens before issuing a token as the user-"
            "assigned managed identity.", required=required),
        Arg("subject", "--subject", "The sub value in the token sent to Azure AD for getting the user-assigned "
            "managed identity token. The value configured in the federated credential and the one in the incoming "
            "token must exactly match for Azure AD to issue the access token.", required=required),
        Arg("audiences", "--audiences", "The aud value in the token sent to Azure for getting the user-assigned "
            "managed identity token. Default: api://AzureADTokenExchange.", kind="list"),
    ]


def _fc_table(result):
    rows = result if isinstance(result, list) else [result]
    return [{"Issuer": r["issuer"], "Name": r["name"], "ResourceGroup": r["resourceGroup"], "Subject": r["subject"]}
            for r in rows]


def _fc_find(mi, name: str):
    fc = mi.federated_credentials.get(name)
    if fc is None:

        raise ArmResourceNotFound(f"{MI}/{mi.name}/federatedIdentityCredentials/{name}", mi.resource_group)
    return fc


@command("identity federated-credential create", "Create a federated identity credential under an existing user "
         "assigned identity.", [FC_NAME, FC_ID, RG] + _fc_args(True), examples=[
    ("Create a federated identity credential under a specific user assigned identity.",
     "az identity federated-credential create --name myFicName --identity-name myIdentityName --resource-group "
     "myResourceGroup --issuer myIssuer --subject mySubject --audiences myAudiences"),
    ("Trust GitHub Actions runs on the main branch of a repository (no secret stored in GitHub).",
     "az identity federated-credential create --name github-main --identity-name id-github --resource-group myRG "
     "--issuer https://token.actions.githubusercontent.com --subject repo:contoso/app:ref:refs/heads/main"),
], table=_fc_table)
def fc_create(ctx, a):
    mi = identity.find_identity(ctx.cloud, a.resource_group, a.identity_name)
    ctx.cloud.require(ctx.principal, f"{MI}/federatedIdentityCredentials/write", mi.id)
    fc = identity.put_federated_credential(mi, a.name, a.issuer, a.subject, a.audiences)
    return fc.to_json(mi.id, mi.resource_group)


@command("identity federated-credential update", "Update a federated identity credential under an existing user "
         "assigned identity.", [FC_NAME, FC_ID, RG] + _fc_args(False), table=_fc_table)
def fc_update(ctx, a):
    mi = identity.find_identity(ctx.cloud, a.resource_group, a.identity_name)
    ctx.cloud.require(ctx.principal, f"{MI}/federatedIdentityCredentials/write", mi.id)
    old = _fc_find(mi, a.name)
    fc = identity.put_federated_credential(mi, a.name, a.issuer or old.issuer, a.subject or old.subject,
                                           a.audiences or old.audiences)
    return fc.to_json(mi.id, mi.resource_group)


@command("identity federated-credential show", "Show a federated identity credential under an existing user assigned "
         "identity.", [FC_NAME, FC_ID, RG], table=_fc_table)
def fc_show(ctx, a):
    mi = identity.find_identity(ctx.cloud, a.resource_group, a.identity_name)
    ctx.cloud.require(ctx.principal, f"{MI}/federatedIdentityCredentials/read", mi.id)
    return _fc_find(mi, a.name).to_json(mi.id, mi.resource_group)


@command("identity federated-credential list", "List all federated identity credentials under an existing user "
         "assigned identity.", [FC_ID, RG], table=_fc_table)
def fc_list(ctx, a):
    mi = identity.find_identity(ctx.cloud, a.resource_group, a.identity_name)
    ctx.cloud.require(ctx.principal, f"{MI}/federatedIdentityCredentials/read", mi.id)
    return [fc.to_json(mi.id, mi.resource_group) for fc in mi.federated_credentials.values()]


@command("identity federated-credential delete", "Delete a federated identity credential under an existing user "
         "assigned identity.", [FC_NAME, FC_ID, RG, Arg("yes", "--yes -y", "Do not prompt for confirmation.",
                                                        kind="flag")])
def fc_delete(ctx, a):
    mi = identity.find_identity(ctx.cloud, a.resource_group, a.identity_name)
    ctx.cloud.require(ctx.principal, f"{MI}/federatedIdentityCredentials/delete", mi.id)
    _fc_find(mi, a.name)
    ctx.confirm("Are you sure you want to perform this operation?")
    del mi.federated_credentials[a.name]
    return None
