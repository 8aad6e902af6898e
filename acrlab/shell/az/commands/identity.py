"""az identity create|show|list|delete: user-assigned managed identities."""

from __future__ import annotations

from ....engine import groups
from ....engine.arm import send
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


def _mi_id(ctx, rg: str, name: str) -> str:
    return f"{ctx.subscription.id}/resourcegroups/{rg}/providers/{MI}/{name}"


def _send(ctx, method: str, rid: str, body: dict | None = None):
    return send(ctx.cloud, ctx.principal, method, rid, body)


@command("identity create", "Create an identity.", [
    NAME, RG,
    Arg("location", "--location -l", "Location. Values from: `az account list-locations`.", default_key="location"),
    Arg("tags", "--tags", "Space-separated tags: key[=value] [key[=value] ...].", kind="star"),
], examples=[("Create an identity.", "az identity create --name MyIdentity --resource-group MyResourceGroup")],
    table=_table)
def identity_create(ctx, a):
    """process_msi_namespace fills the location from the resource group's; the body is the whole PUT."""
    location = a.location or groups.location(ctx.cloud, ctx.principal, a.resource_group, ctx.subscription.subscription_id)
    body = {k: v for k, v in {"location": location, "tags": parse_tags(a.tags)}.items() if v is not None}
    return _send(ctx, "PUT", _mi_id(ctx, a.resource_group, a.name), body).resource.to_json()


@command("identity show", "Show an identity.", [NAME, RG], table=_table)
def identity_show(ctx, a):
    return _send(ctx, "GET", _mi_id(ctx, a.resource_group, a.name)).resource.to_json()


@command("identity list", "List identities.", [
    Arg("resource_group", "--resource-group -g", "Name of resource group.", default_key="group"),
], table=_table)
def identity_list(ctx, a):
    where = f"{ctx.subscription.id}/resourcegroups/{a.resource_group}" if a.resource_group \
        else ctx.subscription.id
    return [mi.to_json() for mi in _send(ctx, "GET", f"{where}/providers/{MI}").resources]


@command("identity delete", "Delete an identity.", [NAME, RG])
def identity_delete(ctx, a):
    rid = _mi_id(ctx, a.resource_group, a.name)
    _send(ctx, "GET", rid)  # az's delete reports a missing identity (the service's 404)
    _send(ctx, "DELETE", rid)
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


def _fc_id(ctx, a) -> str:
    return f"{_mi_id(ctx, a.resource_group, a.identity_name)}/federatedIdentityCredentials/{a.name}"


def _fc_json(resource) -> dict:
    mi, fc = resource
    return fc.to_json(mi.id, mi.resource_group)


DEFAULT_AUDIENCES = ["api://AzureADTokenExchange"]


def _fc_body(issuer: str, subject: str, audiences: list[str] | None) -> dict:
    """az sends the default audience when --audiences is not given (the service requires one)."""
    return {"properties": {"issuer": issuer, "subject": subject, "audiences": list(audiences or DEFAULT_AUDIENCES)}}


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
    return _fc_json(_send(ctx, "PUT", _fc_id(ctx, a), _fc_body(a.issuer, a.subject, a.audiences)).resource)


@command("identity federated-credential update", "Update a federated identity credential under an existing user "
         "assigned identity.", [FC_NAME, FC_ID, RG] + _fc_args(False), table=_fc_table)
def fc_update(ctx, a):
    """az's generic update: GET the credential, change the given properties, PUT it back."""
    _, old = _send(ctx, "GET", _fc_id(ctx, a)).resource
    body = _fc_body(a.issuer or old.issuer, a.subject or old.subject, a.audiences or old.audiences)
    return _fc_json(_send(ctx, "PUT", _fc_id(ctx, a), body).resource)


@command("identity federated-credential show", "Show a federated identity credential under an existing user assigned "
         "identity.", [FC_NAME, FC_ID, RG], table=_fc_table)
def fc_show(ctx, a):
    return _fc_json(_send(ctx, "GET", _fc_id(ctx, a)).resource)


@command("identity federated-credential list", "List all federated identity credentials under an existing user "
         "assigned identity.", [FC_ID, RG], table=_fc_table)
def fc_list(ctx, a):
    where = f"{_mi_id(ctx, a.resource_group, a.identity_name)}/federatedIdentityCredentials"
    return [_fc_json(r) for r in _send(ctx, "GET", where).resources]


@command("identity federated-credential delete", "Delete a federated identity credential under an existing user "
         "assigned identity.", [FC_NAME, FC_ID, RG, Arg("yes", "--yes -y", "Do not prompt for confirmation.",
                                                        kind="flag")])
def fc_delete(ctx, a):
    rid = _fc_id(ctx, a)
    _send(ctx, "GET", rid)
    ctx.confirm("Are you sure you want to perform this operation?")
    _send(ctx, "DELETE", rid)
    return None
