"""az login/logout, az account, az group, az configure."""

from __future__ import annotations

from ....engine import groups
from ....engine.arm.manager import send
from ....engine.errors import CliError, ResourceGroupNotFound
from ....engine.identity import secret_valid
from ....engine.locations import LOCATIONS
from .. import generic_update
from ..framework import Arg, command, group

group("account", "Manage Azure subscription information.")
group("group", "Manage resource groups and template deployments.")

LOCATION = Arg("location", "--location -l", "Location. Values from: `az account list-locations`. You can configure "
               "the default location using `az configure --defaults location=<location>`.", default_key="location")
GROUP = Arg("resource_group", "--resource-group -g", "Name of resource group. You can configure the default group "
            "using `az configure --defaults group=<name>`.", required=True, default_key="group")


USERNAME_PASSWORD_WARNING = (
    "Starting September 1, 2025, MFA will be gradually enforced for Azure public cloud. The authentication with "
    "username and password in the command line is not supported with MFA. Consider using one of the compatible "
    "authentication methods. For more details, see https://go.microsoft.com/fwlink/?linkid=2276314")


def account_json(ctx, principal=None, kind=None, login: bool = False, sub=None) -> dict:
    """One subscription as `az account show` prints it (environmentName); `az login` and `az account list` print
    cloudName instead. `sub`: the subscription (the current one when None)."""
    cloud = ctx.cloud
    p = principal or ctx.principal
    kind = kind or ctx.sh.host.az.login_kind
    if kind == "managedIdentity":
        user = {"assignedIdentityInfo": getattr(ctx.sh.host.az, "msi_info", "MSI"),
                "name": "userAssignedIdentity" if not p.assigned_to else "systemAssignedIdentity",
                "type": "servicePrincipal"}
    elif p.kind == "User":
        user = {"name": p.user_principal_name, "type": "user"}
    else:
        user = {"name": p.app_id, "type": "servicePrincipal"}
    current = ctx.subscription
    sub = sub or current
    out = {
        "environmentName": "AzureCloud",
        "homeTenantId": cloud.tenant.tenant_id,
        "id": sub.subscription_id,
        "isDefault": sub.subscription_id == current.subscription_id,
        "managedByTenants": [],
        "name": sub.name,
        "state": "Enabled",
        "tenantDefaultDomain": cloud.tenant.domain,
        "tenantDisplayName": "Contoso",
        "tenantId": cloud.tenant.tenant_id,
        "user": user,
    }
    if login:
        out = {"cloudName": out.pop("environmentName"), **out}
    return out


@command("login", "Log in to Azure.", [
    Arg("username", "--username -u", "User name, service principal, or managed service identity ID."),
    Arg("password", "--password -p", "User password or service principal secret."),
    Arg("service_principal", "--service-principal", "Log in with a service principal.", kind="flag"),
    Arg("tenant", "--tenant -t", "The Microsoft Entra tenant."),
    Arg("identity", "--identity", "Log in using the Virtual Machine's managed identity.", kind="flag"),
    Arg("client_id", "--client-id", "Client ID of the user-assigned managed identity."),
    Arg("object_id", "--object-id", "Object ID of the user-assigned managed identity."),
    Arg("resource_id", "--resource-id", "Resource ID of the user-assigned managed identity."),
    Arg("use_device_code", "--use-device-code", "Use CLI's old authentication flow based on device code.", kind="flag"),
    Arg("allow_no_subscriptions", "--allow-no-subscriptions", "Support accessing tenants without subscriptions.", kind="flag"),
    Arg("scope", "--scope", "Used in the /authorize request. It can cover only one static resource."),
], examples=[
    ("Log in interactively.", "az login"),
    ("Log in with user name and password.", "az login -u johndoe@contoso.com -p VerySecret"),
    ("Log in with a service principal using client secret.",
     "az login --service-principal -u http://azure-cli-2016-08-05-14-31-15 -p VerySecret --tenant contoso.onmicrosoft.com"),
    ("Log in using a VM's system-assigned managed identity.", "az login --identity"),
])
def login(ctx, a):
    sh, cloud = ctx.sh, ctx.cloud
    tenant = cloud.tenant
    # the audience of the token az keeps (ACR-scoped with https://containerregistry.azure.net/.default; docs
    # container-registry-disable-authentication-as-arm.md): `az acr login` presents it to the registry
    sh.state.setdefault("az_login_scope", {})[sh.host.name] = a.scope
    # profile/custom.py login: the quick argument usage checks, in az's order
    if (a.password or a.service_principal or a.tenant) and a.identity:
        raise CliError("usage error: '--identity' is not applicable with other arguments")
    if a.identity and a.username:
        raise CliError("Passing the managed identity ID with --username is no longer supported. Use --client-id, "
                       "--object-id or --resource-id instead.")
    if (a.password or a.service_principal or a.username or a.identity) and a.use_device_code:
        raise CliError("usage error: '--use-device-code' is not applicable with other arguments")
    if a.service_principal and not a.username:
        raise CliError("usage error: --service-principal --username NAME --password SECRET --tenant TENANT")
    if a.username and not a.service_principal:
        ctx.warn(USERNAME_PASSWORD_WARNING)
    if a.identity:
        principal = _managed_identity_login(ctx, a)
        sh.host.az.principal, sh.host.az.login_kind = principal, "managedIdentity"
        # login_with_managed_identity's result is returned as is: environmentName, not cloudName
        return _signed_in(ctx, principal, "managedIdentity")
    if a.username and not a.password:  # az prompts; scripts have no tty
        raise CliError("Please specify both username and password in non-interactive mode.")
    if a.service_principal:
        if a.tenant and a.tenant not in (tenant.tenant_id, tenant.domain):
            raise CliError(f"AADSTS90002: Tenant '{a.tenant}' not found. Check to make sure you have the correct "
                           "tenant ID and are signing into the correct cloud.")
        sp = tenant.find_principal(a.username)
        if sp is None or sp.kind != "ServicePrincipal" or sp.app_id is None:
            raise CliError(f"AADSTS700016: Application with identifier '{a.username}' was not found in the directory "
                           "'Contoso'. This can happen if the application has not been installed by the administrator "
                           "of the tenant or consented to by any user in the tenant.")
        if not secret_valid(cloud, sp, a.password):
            raise CliError(f"AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the "
                           f"request is the client secret value, not the client secret ID, for a secret added to app "
                           f"'{sp.app_id}'.")
        sh.host.az.principal, sh.host.az.login_kind = sp, "servicePrincipal"
        return _signed_in(ctx, sp, "servicePrincipal", login=True)
    if a.username:
        user = tenant.find_principal(a.username)
        if user is None or user.kind != "User" or user.password != a.password:
            raise CliError("AADSTS50126: Error validating credentials due to invalid username or password.")
        sh.host.az.principal, sh.host.az.login_kind = user, "user"
        return _signed_in(ctx, user, "user", login=True)
    if a.use_device_code:  # azure-cli identity.py login_with_device_code: MSAL's message, styled, on stderr
        code = cloud.ids.guid().replace("-", "")[:9].upper()
        ctx.io.err(f"To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the "
                 f"code {code} to authenticate.")
    elif sh.host.kind == "vm":
        raise CliError("No web browser is available on this VM. Use 'az login --identity' for the VM's managed "
                       "identity, or 'az login --use-device-code'.")
    sh.host.az.principal, sh.host.az.login_kind = cloud.learner, "user"
    return _signed_in(ctx, cloud.learner, "user", login=True)


def _signed_in(ctx, principal, kind: str, login: bool = False) -> list[dict]:
    """What az login prints and keeps: every subscription the account can see, the first one current (an account
    that sees none keeps the tenant's default)."""
    from ....engine.subscriptions import visible_subscriptions
    subs = visible_subscriptions(ctx.cloud, principal)
    ctx.sh.host.az.subscription_id = subs[0].subscription_id if subs else None
    return [account_json(ctx, principal, kind, login=login, sub=s) for s in subs or [ctx.subscription]]


def _managed_identity_login(ctx, a):
    host = ctx.sh.host
    ids = [ctx.cloud.tenant.principals[i] for i in host.__dict__.get("managed_identities", [])
           if i in ctx.cloud.tenant.principals]
    if host.kind != "vm" or not ids:
        raise CliError("Failed to connect to MSI. Please make sure MSI is configured correctly.\n"
                       "Get Token request returned: <Response [400]>")
    wanted = a.client_id or a.object_id or a.resource_id
    info = ("MSIClient-" if a.client_id else "MSIObject-" if a.object_id else "MSIResource-" if a.resource_id
            else "MSI-")
    host.az.msi_info = "MSI"
    if wanted:
        for p in ids:
            if wanted.lower() in {(p.app_id or "").lower(), p.object_id.lower(), (p.resource_id or "").lower()}:
                host.az.msi_info = info + wanted if info != "MSI-" else "MSI"
                return p
        raise CliError("Failed to connect to MSI. Please make sure MSI is configured correctly.\n"
                       "Get Token request returned: <Response [400]>: Identity not found")
    system = [p for p in ids if p.assigned_to]
    if system:
        return system[0]
    if len(ids) > 1:  # noqa: SIM102
        raise CliError("Multiple user assigned identities exist, please specify the identity ID with --client-id, "
                       "--object-id or --resource-id.")
    return ids[0]


@command("logout", "Log out to remove access to Azure subscriptions.", [
    Arg("username", "--username", "Account user, if missing, logout the current active account."),
])
def logout(ctx, a):
    if ctx.sh.host.az.principal is None:
        raise CliError("There are no active accounts.")
    ctx.sh.host.az.principal = None
    return None


@command("account show", "Get the details of a subscription.", [
    Arg("name", "--name --subscription -n -s", "Name or ID of subscription."),
], examples=[("Get the details of the current subscription.", "az account show")])
def account_show(ctx, a):
    if a.name:
        return account_json(ctx, sub=_visible(ctx, a.name, f"Subscription '{a.name}' not found. Check the spelling "
                                                          "and casing and try again."))
    return account_json(ctx)


def _visible(ctx, ref: str, missing: str):
    """A subscription the signed-in account can see (azure-cli _profile: by id or by name), else az's text."""
    from ....engine.subscriptions import find_visible
    sub = find_visible(ctx.cloud, ctx.principal, ref)
    if sub is None:
        raise CliError(missing)
    return sub


@command("account list", "Get a list of subscriptions for the logged in account.", [
    Arg("all", "--all", "List all subscriptions from all clouds, rather than just 'isDefault' ones.", kind="flag"),
    Arg("refresh", "--refresh", "Retrieve up-to-date subscriptions from server.", kind="flag"),
], table=lambda r: [{"Name": s["name"], "CloudName": s["cloudName"], "SubscriptionId": s["id"],
                     "TenantId": s["tenantId"], "State": s["state"], "IsDefault": str(s["isDefault"])} for s in r])
def account_list(ctx, a):
    from ....engine.subscriptions import visible_subscriptions
    return [account_json(ctx, login=True, sub=s) for s in visible_subscriptions(ctx.cloud, ctx.principal)]


@command("account set", "Set a subscription to be the current active subscription.", [
    Arg("subscription", "--subscription --name -s -n", "Name or ID of subscription.", required=True),
])
def account_set(ctx, a):
    sub = _visible(ctx, a.subscription, f"The subscription of '{a.subscription}' doesn't exist in cloud "
                                        "'AzureCloud'.")
    ctx.sh.host.az.subscription_id = sub.subscription_id
    return None


@command("account list-locations", "List supported regions for the current subscription.", [],
         table=lambda r: [{"DisplayName": x["displayName"], "Name": x["name"], "RegionalDisplayName": x["regionalDisplayName"]} for x in r])
def list_locations(ctx, a):
    out = []
    sub = ctx.subscription.subscription_id
    for name, (disp, geo, lat, lon, pair) in LOCATIONS.items():
        out.append({
            "displayName": disp, "id": f"/subscriptions/{sub}/locations/{name}",
            "metadata": {"geography": geo, "geographyGroup": geo, "latitude": lat, "longitude": lon,
                         "pairedRegion": [{"id": f"/subscriptions/{sub}/locations/{pair}", "name": pair}],
                         "physicalLocation": disp, "regionCategory": "Recommended", "regionType": "Physical"},
            "name": name, "regionalDisplayName": f"({geo}) {disp}", "type": "Region",
        })
    return out


@command("configure", "Manage Azure CLI configuration.", [
    Arg("defaults", "--defaults -d", "Space-separated 'name=value' pairs for common argument defaults, "
        "e.g. '--defaults group=myRG acr=myregistry'. Use '' to clear the defaults.", kind="star"),
    Arg("list_defaults", "--list-defaults -l", "List all applicable defaults.", kind="bool"),
    Arg("scope", "--scope", "Scope of defaults.", choices=["global", "local"], default="global"),
], examples=[("Set default resource group and registry.", "az configure --defaults group=myRG acr=myregistry")])
def configure(ctx, a):
    d = ctx.sh.host.az.defaults
    if a.list_defaults:
        return [{"name": k, "source": "/home/learner/.azure/config", "value": v} for k, v in sorted(d.items())]
    if a.defaults is None:
        raise CliError("Interactive configuration is not available in the lab. Use 'az configure --defaults name=value'.")
    for pair in a.defaults:
        if "=" not in pair:
            raise CliError(f"usage error: --defaults NAME=VALUE [NAME=VALUE ...]  ('{pair}')")
        k, v = pair.split("=", 1)
        if v:
            d[k] = v
        else:
            d.pop(k, None)
    return None


# -- resource groups -----------------------------------------------------------------------------

def _rg_table(r):
    rows = r if isinstance(r, list) else [r]
    return [{"Name": g["name"], "Location": g["location"], "Status": g["properties"]["provisioningState"]} for g in rows]


@command("group create", "Create a new resource group.", [
    Arg("name", "--name --resource-group -n -g", "Name of the new resource group.", required=True),
    Arg("location", "--location -l", "Location. Values from: `az account list-locations`.", required=True,
        default_key="location"),
    Arg("tags", "--tags", "Space-separated tags: key[=value] [key[=value] ...]. Use \"\" to clear existing tags.",
        kind="star"),
    Arg("managed_by", "--managed-by", "The ID of the resource that manages this resource group."),
], examples=[("Create a new resource group in the West US region.", "az group create -l westus -n MyResourceGroup")],
    table=_rg_table)
def group_create(ctx, a):
    body = {"location": a.location, "tags": parse_tags(a.tags), "managedBy": a.managed_by}
    return send(ctx.cloud, ctx.principal, "PUT", groups.group_id(ctx.cloud, a.name, ctx.subscription.subscription_id),
                {k: v for k, v in body.items() if v is not None}).body


@command("group show", "Gets a resource group.", [
    Arg("name", "--name --resource-group -n -g", "Name of resource group.", required=True, default_key="group"),
], table=_rg_table)
def group_show(ctx, a):
    return send(ctx.cloud, ctx.principal, "GET", groups.group_id(ctx.cloud, a.name, ctx.subscription.subscription_id)).body


@command("group list", "List resource groups.", [
    Arg("tag", "--tag", "a single tag in 'key[=value]' format"),
], table=_rg_table)
def group_list(ctx, a):
    out = send(ctx.cloud, ctx.principal, "GET", f"{ctx.subscription.id}/resourceGroups").body["value"]
    if a.tag:
        k, _, v = a.tag.partition("=")
        out = [g for g in out if g["tags"] and k in g["tags"] and (not v or g["tags"][k] == v)]
    return out


@command("group exists", "Check if a resource group exists.", [
    Arg("name", "--name --resource-group -n -g", "Name of resource group.", required=True, default_key="group"),
])
def group_exists(ctx, a):
    """azure-cli's `resource_groups.check_existence` (HEAD): 204 is true, 404 false, any other answer its error."""
    ctx.require_login()
    try:
        send(ctx.cloud, ctx.principal, "GET", groups.group_id(ctx.cloud, a.name, ctx.subscription.subscription_id))
    except ResourceGroupNotFound:
        return False
    return True


@command("group update", "Update a resource group.", [
    Arg("name", "--name --resource-group -n -g", "Name of resource group.", required=True, default_key="group"),
    Arg("tags", "--tags", "Space-separated tags: key[=value] [key[=value] ...]. Use \"\" to clear existing tags.",
        kind="star"),
    *generic_update.ARGS,
], examples=[("Update a resource group's tags.", "az group update -n MyResourceGroup --tags team=web")],
    table=_rg_table)
def group_update(ctx, a):
    """azure-cli's generic update: the group's GET, --tags replacing the tags (update_resource_group), the --set/
    --add/--remove changes, then the whole group's PUT."""
    rid = groups.group_id(ctx.cloud, a.name, ctx.subscription.subscription_id)
    body = send(ctx.cloud, ctx.principal, "GET", rid).body
    tags = parse_tags(a.tags)
    if tags is not None:
        body = {**body, "tags": tags}
    sets = [item for group_ in a.set or [] for item in group_]
    body = generic_update.apply(body, sets, a.add or [], a.remove or [], a.force_string)
    return send(ctx.cloud, ctx.principal, "PUT", rid, body).body


@command("group delete", "Delete a resource group.", [
    Arg("name", "--name --resource-group -n -g", "Name of resource group.", required=True, default_key="group"),
    Arg("yes", "--yes -y", "Do not prompt for confirmation.", kind="flag"),
    Arg("no_wait", "--no-wait", "Do not wait for the long-running operation to finish.", kind="flag"),
], examples=[("Delete a resource group.", "az group delete -n MyResourceGroup")])
def group_delete(ctx, a):
    rid = groups.group_id(ctx.cloud, a.name, ctx.subscription.subscription_id)
    send(ctx.cloud, ctx.principal, "GET", rid)
    ctx.confirm("Are you sure you want to perform this operation?")
    send(ctx.cloud, ctx.principal, "DELETE", rid)
    return None


def parse_tags(values: list[str] | None) -> dict | None:
    """az's --tags: `a=b c` -> {"a": "b", "c": ""}; `""` clears."""
    if values is None:
        return None
    tags = {}
    for v in values:
        if not v:
            continue
        k, _, val = v.partition("=")
        tags[k] = val
    return tags
