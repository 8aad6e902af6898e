"""az ad user|sp|signed-in-user: Entra ID principals as Microsoft Graph returns them."""

from __future__ import annotations

from ....engine import identity
from ....engine.errors import ArmError, CliError
from ....engine.identity import CREDENTIAL_WARNING, GraphError
from .. import graph
from ..framework import Arg, command, group
from .role import build_scope, put_assignment, resolve_role

group("ad", "Manage Microsoft Entra ID (formerly known as Azure Active Directory, Azure AD, AAD) entities needed "
            "for Azure role-based access control (Azure RBAC) through Microsoft Graph API.")
group("ad user", "Manage Microsoft Entra users.")
group("ad sp", "Manage Microsoft Entra service principals.")
group("ad sp credential", "Manage a service principal's password or certificate credentials.")
group("ad signed-in-user", "Show graph information about current signed-in user in CLI.")

UPN_OR_ID = Arg("id", "--id", "User's user principal name or object id.", required=True)
SP_ID = Arg("id", "--id", "Service principal name, or object id.", required=True)


# -- users -----------------------------------------------------------------------------------------

@command("ad user create", "Create a user.", [
    Arg("display_name", "--display-name", "Object's display name or its prefix.", required=True),
    Arg("password", "--password", "The password that should be assigned to the user for authentication.",
        required=True),
    Arg("user_principal_name", "--user-principal-name", "The user principal name (someuser@contoso.com). It must "
        "contain one of the verified domains for the tenant.", required=True),
    Arg("force_change", "--force-change-password-next-sign-in", "Marks this user as needing to update their password "
        "next time they authenticate.", kind="bool"),
    Arg("mail_nickname", "--mail-nickname", "Mail alias. Defaults to user principal name."),
], examples=[("Create a user.", "az ad user create --display-name myuser --password password "
              "--user-principal-name myuser@contoso.onmicrosoft.com")])
def user_create(ctx, a):
    user = identity.create_user(ctx.cloud, ctx.principal, a.user_principal_name, a.display_name, a.password)
    return identity.user_json(user, context=True)


@command("ad user list", "List users.", [
    Arg("display_name", "--display-name", "Object's display name or its prefix."),
    Arg("upn", "--upn", "User principal name, e.g. john.doe@contoso.com."),
    Arg("filter", "--filter", "OData filter, e.g. --filter \"displayname eq 'test' and servicePrincipalType eq "
        "'Application'\"."),
])
def user_list(ctx, a):
    _ = ctx.principal  # az fails first when nobody is signed in
    if a.filter:
        raise CliError("--filter is not available in the lab; use --display-name or --upn.")
    users = [p for p in ctx.cloud.tenant.principals.values() if p.kind == "User"]
    if a.display_name:
        users = [u for u in users if u.display_name.lower().startswith(a.display_name.lower())]
    if a.upn:
        users = [u for u in users if (u.user_principal_name or "").lower() == a.upn.lower()]
    return [identity.user_json(u) for u in users]


@command("ad user show", "Get the details of a user.", [UPN_OR_ID])
def user_show(ctx, a):
    _ = ctx.principal  # az fails first when nobody is signed in
    return identity.user_json(identity.find_user(ctx.cloud, a.id), context=True)


@command("ad user delete", "Delete a user.", [UPN_OR_ID])
def user_delete(ctx, a):
    identity.delete_user(ctx.cloud, ctx.principal, identity.find_user(ctx.cloud, a.id))
    return None


@command("ad signed-in-user show", "Get the details for the currently logged-in user.", [])
def signed_in_user_show(ctx, a):
    p = ctx.principal
    if p.kind != "User":
        raise GraphError("/me request is only valid with delegated authentication flow.")
    return identity.user_json(p, context=True)


# -- service principals ----------------------------------------------------------------------------

@command("ad sp create-for-rbac", "Create an application and its associated service principal, optionally "
         "configure the service principal's RBAC role assignments.", [
    Arg("display_name", "--display-name --name -n", "Display name of the service principal. If not present, default "
        "to azure-cli-%Y-%m-%d-%H-%M-%S where the suffix is the time of creation."),
    Arg("role", "--role", "Role of the service principal."),
    Arg("scopes", "--scopes", "Space-separated list of scopes the service principal's role assignment applies to.",
        kind="list"),
    Arg("years", "--years", "Number of years for which the credentials will be valid. Default: 1 year", kind="int"),
    Arg("create_cert", "--create-cert", "Create a self-signed certificate to use for the credential.", kind="flag"),
    Arg("json_auth", "--json-auth --sdk-auth", "Output service principal credential along with cloud endpoints in "
        "JSON format.", kind="bool", deprecated=True),
], examples=[
    ("Create a service principal for a CI pipeline and give it AcrPush on a registry.",
     "az ad sp create-for-rbac --name ci-pipeline --role AcrPush --scopes $ACR_ID"),
])
def sp_create_for_rbac(ctx, a):
    cloud, caller = ctx.cloud, ctx.principal
    if bool(a.role) != bool(a.scopes):
        raise CliError("Usage error: To create role assignments, specify both --role and --scopes.")
    if a.create_cert:
        raise CliError("Certificates are not available in the lab; omit --create-cert to get a client secret.")
    if caller.kind != "User":
        raise GraphError("Insufficient privileges to complete the operation.", "Authorization_RequestDenied", 403)
    role = resolve_role(ctx, a.role, a.scopes[0]) if a.role else None
    if role is not None:
        for scope in a.scopes:
            build_scope(ctx.subscription.subscription_id, None, scope)
    name = a.display_name or "azure-cli-" + cloud.clock.now().strftime("%Y-%m-%d-%H-%M-%S")
    years = a.years or 1
    sp, secret, existed = identity.create_service_principal(cloud, name, years)
    if existed:
        ctx.warn(f"Found an existing application instance: (id) {identity.applications(cloud)[sp.app_id].object_id}. "
                 "We will patch it.")
    if role is not None:  # as az: the application exists whether or not the assignments succeed
        for scope in a.scopes:
            ctx.warn(f"Creating '{a.role}' role assignment under scope '{scope}'")
            try:
                put_assignment(ctx, scope, role, sp.object_id, "ServicePrincipal")
            except ArmError as e:
                if e.code != "RoleAssignmentExists":
                    ctx.warn("  Role assignment creation failed.\n")
                    raise
                ctx.warn("  Role assignment already exists.\n")
    ctx.warn(CREDENTIAL_WARNING)
    return {"appId": sp.app_id, "displayName": name, "password": secret, "tenant": cloud.tenant.tenant_id}


@command("ad sp list", "List service principals.", [
    Arg("display_name", "--display-name", "Object's display name or its prefix."),
    Arg("spn", "--spn", "Service principal name."),
    Arg("all", "--all", "List all entities, expect long delay if under a big organization.", kind="flag"),
    Arg("show_mine", "--show-mine", "List entities owned by the current user.", kind="flag"),
    Arg("filter", "--filter", "OData filter."),
])
def sp_list(ctx, a):
    cloud = ctx.cloud
    _ = ctx.principal  # az fails first when nobody is signed in
    if a.filter:
        raise CliError("--filter is not available in the lab; use --display-name or --spn.")
    sps = [p for p in cloud.tenant.principals.values() if p.kind in ("ServicePrincipal", "ManagedIdentity")]
    if a.display_name:
        sps = [p for p in sps if p.display_name.lower().startswith(a.display_name.lower())]
    if a.spn:
        sps = [p for p in sps if a.spn.lower() in {(p.app_id or "").lower(), (p.resource_id or "").lower()}]
    if a.show_mine:
        sps = [p for p in sps if p.kind == "ServicePrincipal"]
    return [identity.sp_json(cloud, p) for p in sps]


@command("ad sp show", "Get the details of a service principal.", [SP_ID])
def sp_show(ctx, a):
    _ = ctx.principal  # az fails first when nobody is signed in
    return identity.sp_json(ctx.cloud, graph.find_service_principal(ctx.cloud, a.id), context=True)


@command("ad sp delete", "Delete a service principal.", [SP_ID])
def sp_delete(ctx, a):
    identity.delete_service_principal(ctx.cloud, ctx.principal, graph.find_service_principal(ctx.cloud, a.id))
    return None


@command("ad sp credential reset", "Reset a service principal credential.", [
    SP_ID,
    Arg("years", "--years", "Number of years for which the credentials will be valid. Default: 1 year", kind="int"),
    Arg("end_date", "--end-date", "Finer grain of expiry time if '--years' is insufficient, e.g. "
        "'2117-12-31T11:59:59+00:00' or '2299-12-31'."),
    Arg("append", "--append", "Append the new credential instead of overwriting.", kind="flag"),
    Arg("display_name", "--display-name", "Friendly name for the credential."),
], examples=[("Reset a service principal's secret (the old one stops working).",
              "az ad sp credential reset --id $APP_ID")])
def sp_credential_reset(ctx, a):
    from datetime import UTC, datetime
    cloud = ctx.cloud
    sp = graph.find_service_principal(cloud, a.id)
    if ctx.principal.kind != "User":
        raise GraphError("Insufficient privileges to complete the operation.", "Authorization_RequestDenied", 403)
    if a.years is not None and a.end_date is not None:
        raise CliError("usage error: --years | --end-date")
    end = None
    if a.end_date:
        try:
            end = datetime.fromisoformat(a.end_date.replace("Z", "+00:00"))
        except ValueError:
            raise CliError(f"Unknown string format: {a.end_date}") from None
        end = end if end.tzinfo else end.replace(tzinfo=UTC)
    if not a.append:
        sp.secrets.clear()
    secret = identity.add_secret(cloud, sp, a.years or 1, a.display_name, end)
    ctx.warn(CREDENTIAL_WARNING)
    return {"appId": sp.app_id, "password": secret, "tenant": cloud.tenant.tenant_id}
