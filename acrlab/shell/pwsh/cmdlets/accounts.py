"""Az.Accounts: Connect-AzAccount, Disconnect-AzAccount, Get-AzContext, Set-AzContext, Get-AzSubscription."""

from __future__ import annotations

from ....engine.subscriptions import find_visible, visible_subscriptions
from ..values import PSCredential, PSError, PSObject
from .base import Param, cmdlet

MOD = "Az.Accounts"
PROFILE = Param("DefaultProfile", "object", "The credentials, account, tenant, and subscription used for "
                "communication with Azure.", aliases=("AzContext", "AzureRmContext", "AzureCredential"))
NOT_SIGNED_IN = "Run Connect-AzAccount to login."


def _state(sh) -> dict:
    return sh.state.setdefault("pwsh", {}).setdefault("context", {})


def current_principal(ctx):
    st = _state(ctx.sh)
    host = ctx.sh.host.name
    if host not in st:
        az = ctx.sh.host.az
        st[host] = (az.principal, az.login_kind) if az.principal is not None else None
    entry = st[host]
    if entry is None:
        raise PSError(NOT_SIGNED_IN)
    principal = entry[0]
    if principal.object_id not in ctx.cloud.tenant.principals:
        raise PSError(NOT_SIGNED_IN)
    return principal


def _subscriptions(sh) -> dict:
    return sh.state.setdefault("pwsh", {}).setdefault("subscription", {})


def current_subscription(ctx):
    """The current context's subscription on this host (Set-AzContext), else the tenant's default."""
    sid = _subscriptions(ctx.sh).get(ctx.sh.host.name)
    return ctx.cloud.tenant.subscriptions.get(sid or "") or ctx.cloud.subscription


def _kind(ctx) -> str:
    current_principal(ctx)
    return _state(ctx.sh)[ctx.sh.host.name][1]


def account_obj(p, kind: str) -> PSObject:
    t = {"user": "User", "servicePrincipal": "ServicePrincipal", "managedIdentity": "ManagedService"}[kind]
    return PSObject("Microsoft.Azure.Commands.Profile.Models.PSAzureRmAccount",
                    {"Id": p.sign_in_name if kind != "managedIdentity" else (p.app_id or p.object_id),
                     "Type": t, "Tenants": [], "Credential": None, "ExtendedProperties": {}},
                    to_string=p.sign_in_name if kind != "managedIdentity" else (p.app_id or p.object_id))


def subscription_obj(s) -> PSObject:
    return PSObject("Microsoft.Azure.Commands.Profile.Models.PSAzureSubscription",
                    {"Name": s.name, "Id": s.subscription_id, "TenantId": s.tenant_id, "State": "Enabled"},
                    view="table", columns=["Name", "Id", "TenantId", "State"], to_string=s.name)


def tenant_obj(cloud) -> PSObject:
    t = cloud.tenant
    return PSObject("Microsoft.Azure.Commands.Profile.Models.PSAzureTenant",
                    {"Id": t.tenant_id, "Name": "Contoso", "Domains": [t.domain], "TenantId": t.tenant_id},
                    to_string=t.tenant_id)


def context_obj(ctx) -> PSObject:
    p = current_principal(ctx)
    kind = _kind(ctx)
    cloud = ctx.cloud
    acct = account_obj(p, kind)
    sub = ctx.subscription
    name = f"{sub.name} ({sub.subscription_id}) - {cloud.tenant.tenant_id} - {acct.to_string}"
    return PSObject("Microsoft.Azure.Commands.Profile.Models.Core.PSAzureContext", {
        "Name": name, "Account": acct, "Environment": PSObject("PSAzureEnvironment", {"Name": "AzureCloud"},
                                                               to_string="AzureCloud"),
        "Subscription": subscription_obj(sub), "Tenant": tenant_obj(cloud), "TokenCache": None,
        "VersionProfile": None, "ExtendedProperties": {},
    }, view="table", columns=["Name", "Account", "SubscriptionName", "Environment", "TenantId"])


def _context_row(ctx) -> PSObject:
    c = context_obj(ctx)
    c.props["SubscriptionName"] = ctx.subscription.name
    c.props["TenantId"] = ctx.cloud.tenant.tenant_id
    return c


@cmdlet("Connect-AzAccount", [
    Param("Credential", "credential", "Specifies a PSCredential object: for a service principal, the application "
          "ID as user name and the client secret as password.", sets=("ServicePrincipalWithSubscriptionId",
                                                                      "UserWithCredential")),
    Param("ServicePrincipal", "switch", "Indicates that this account authenticates by providing service principal "
          "credentials.", sets=("ServicePrincipalWithSubscriptionId",), mandatory=True),
    Param("Tenant", "string", "Optional tenant name or ID.", aliases=("Domain", "TenantId")),
    Param("Identity", "switch", "Login using a Managed Service Identity.", sets=("ManagedServiceLogin",),
          mandatory=True),
    Param("AccountId", "string", "Account ID (the managed identity's client ID for -Identity).",
          aliases=("ApplicationId",)),
    Param("Subscription", "string", "Subscription name or ID.", aliases=("SubscriptionName", "SubscriptionId")),
    Param("UseDeviceAuthentication", "switch", "Use device code authentication instead of a browser control.",
          aliases=("DeviceCode", "DeviceAuth", "Device")),
    Param("Environment", "string", "Environment containing the Azure account.", aliases=("EnvironmentName",)),
    Param("Force", "switch", "Overwrite the existing context with the same name without prompting."),
    Param("Scope", "string", "Determines the scope of context changes.", values=("Process", "CurrentUser")),
    Param("SkipContextPopulation", "switch", "Skips context population if no contexts are found."),
], "Connect to Azure with an authenticated account for use with cmdlets from the Az PowerShell modules.",
    module=MOD, sets=["UserWithSubscriptionId", "ServicePrincipalWithSubscriptionId", "ManagedServiceLogin",
                      "UserWithCredential"], default_set="UserWithSubscriptionId",
    aliases=("Login-AzAccount", "Add-AzAccount"),
    examples=[("Connect to an Azure account", "Connect-AzAccount"),
              ("Connect using a service principal",
               "$cred = New-Object System.Management.Automation.PSCredential($appId, $secret)\n"
               "Connect-AzAccount -ServicePrincipal -Credential $cred -Tenant $tenantId")])
def connect_azaccount(ctx, a, items):
    cloud, sh = ctx.cloud, ctx.sh
    tenant = cloud.tenant
    if a.Tenant and a.Tenant.lower() not in (tenant.tenant_id.lower(), tenant.domain.lower()):
        raise PSError(f"AADSTS90002: Tenant '{a.Tenant}' not found. Check to make sure you have the correct tenant "
                      "ID and are signing into the correct cloud.")
    if a.Identity:
        principal, kind = _managed_identity(ctx, a.AccountId), "managedIdentity"
    elif a.ServicePrincipal:
        cred: PSCredential | None = a.Credential
        if cred is None:
            raise PSError("A command that prompts the user failed because the host program or the command type "
                          "does not support user interaction. The host was attempting to request confirmation with "
                          "the following message: Enter your credentials.")
        sp = tenant.find_principal(cred.username)
        if sp is None or sp.kind != "ServicePrincipal" or sp.app_id is None:
            raise PSError(f"ClientSecretCredential authentication failed: AADSTS700016: Application with identifier "
                          f"'{cred.username}' was not found in the directory 'Contoso'. This can happen if the "
                          "application has not been installed by the administrator of the tenant or consented to "
                          "by any user in the tenant.")
        now = cloud.clock.now()
        secret = cred.password.reveal()
        if not any(s.get("value") == secret and (s.get("end") is None or s["end"] > now) for s in sp.secrets):
            raise PSError("ClientSecretCredential authentication failed: AADSTS7000215: Invalid client secret "
                          "provided. Ensure the secret being sent in the request is the client secret value, not "
                          f"the client secret ID, for a secret added to app '{sp.app_id}'.")
        principal, kind = sp, "servicePrincipal"
    elif a.Credential is not None:
        user = tenant.find_principal(a.Credential.username)
        if user is None or user.kind != "User" or user.password != a.Credential.password.reveal():
            raise PSError("UsernamePasswordCredential authentication failed: AADSTS50126: Error validating "
                          "credentials due to invalid username or password.")
        principal, kind = user, "user"
    else:
        if sh.host.kind == "vm" and not a.UseDeviceAuthentication:
            raise PSError("InteractiveBrowserCredential authentication failed: No web browser is available on this "
                          "VM. Use Connect-AzAccount -Identity or -UseDeviceAuthentication.")
        principal, kind = cloud.learner, "user"
    chosen = find_visible(cloud, principal, a.Subscription) if a.Subscription else None
    if a.Subscription and chosen is None:
        raise PSError(f"The provided account does not have access to subscription ID \"{a.Subscription}\". Please "
                      "try logging in with different credentials or a different subscription ID.")
    _state(sh)[sh.host.name] = (principal, kind)
    _subscriptions(sh)[sh.host.name] = chosen.subscription_id if chosen else None
    acct = account_obj(principal, kind)
    return PSObject("Microsoft.Azure.Commands.Profile.Models.Core.PSAzureProfile", {
        "Account": acct, "SubscriptionName": ctx.subscription.name, "TenantId": tenant.tenant_id,
        "Environment": "AzureCloud", "Context": context_obj(ctx)},
        view="table", columns=["Account", "SubscriptionName", "TenantId", "Environment"])


def _managed_identity(ctx, wanted: str | None):
    host = ctx.sh.host
    ids = [ctx.cloud.tenant.principals[i] for i in host.__dict__.get("managed_identities", [])
           if i in ctx.cloud.tenant.principals]
    if host.kind != "vm" or not ids:
        raise PSError("ManagedIdentityCredential authentication failed: No managed identity endpoint found.")
    if wanted:
        for p in ids:
            if wanted.lower() in {(p.app_id or "").lower(), p.object_id.lower(), (p.resource_id or "").lower()}:
                return p
        raise PSError("ManagedIdentityCredential authentication failed: Identity not found.")
    system = [p for p in ids if p.assigned_to]
    return system[0] if system else ids[0]


@cmdlet("Disconnect-AzAccount", [Param("Scope", "string", "Scope of the change.")],
        "Disconnects a connected Azure account and removes all credentials and contexts associated with that "
        "account.", module=MOD, aliases=("Logout-AzAccount",))
def disconnect_azaccount(ctx, a, items):
    p = current_principal(ctx)
    kind = _kind(ctx)
    _state(ctx.sh)[ctx.sh.host.name] = None
    s = ctx.subscription
    return PSObject("Microsoft.Azure.Commands.Profile.Models.PSAzureRmAccount", {
        "Id": account_obj(p, kind).to_string, "Type": account_obj(p, kind).get("Type"),
        "Tenants": [ctx.cloud.tenant.tenant_id], "Credential": None, "TenantId": ctx.cloud.tenant.tenant_id,
        "ExtendedProperties": {"Subscriptions": s.subscription_id}})


@cmdlet("Get-AzContext", [PROFILE, Param("ListAvailable", "switch", "List all available contexts."),
                          Param("Name", "string", "The name of the context.", position=0)],
        "Gets the metadata used to authenticate Azure Resource Manager requests.", module=MOD,
        examples=[("Get the current context", "Get-AzContext"),
                  ("Read the subscription ID", "(Get-AzContext).Subscription.Id")])
def get_azcontext(ctx, a, items):
    st = _state(ctx.sh)
    try:
        return _context_row(ctx)
    except PSError:
        if ctx.sh.host.name in st and st[ctx.sh.host.name] is None:
            return None
        raise


@cmdlet("Set-AzContext", [Param("Subscription", "string", "The name or id of the subscription.", position=0,
                                aliases=("SubscriptionId", "SubscriptionName")),
                          Param("Tenant", "string", "Tenant name or ID.", aliases=("Domain", "TenantId")), PROFILE],
        "Sets the tenant, subscription, and environment for cmdlets to use in the current session.", module=MOD,
        aliases=("Select-AzSubscription",))
def set_azcontext(ctx, a, items):
    principal = current_principal(ctx)
    if a.Subscription:
        s = find_visible(ctx.cloud, principal, a.Subscription)
        if s is None:
            raise PSError("Please provide a valid tenant or a valid subscription.")
        _subscriptions(ctx.sh)[ctx.sh.host.name] = s.subscription_id
    return _context_row(ctx)


@cmdlet("Get-AzSubscription", [
    Param("SubscriptionId", "string", "Specifies the ID of the subscription to get.", sets=("ListById",)),
    Param("SubscriptionName", "string", "Specifies the name of the subscription to get.", sets=("ListByName",)),
    Param("TenantId", "string", "Specifies the ID of the tenant that contains subscriptions to get."), PROFILE,
], "Get subscriptions that the current account can access.", module=MOD, sets=["ListById", "ListByName"],
    default_set="ListById")
def get_azsubscription(ctx, a, items):
    found = visible_subscriptions(ctx.cloud, current_principal(ctx))
    wanted = a.SubscriptionId or a.SubscriptionName
    if wanted:
        low = wanted.lower()
        found = [s for s in found if (s.subscription_id if a.SubscriptionId else s.name.lower()) == low]
        if not found:
            raise PSError(f"Subscription {wanted} was not found in tenant . Please verify that the "
                          "subscription exists in this tenant.")
    return [subscription_obj(s) for s in found]


@cmdlet("Get-AzAccessToken", [
    Param("ResourceTypeName", "string", "Optional resource type name.", values=("AadGraph", "AnalysisServices", "Arm",
                                                                                 "Attestation", "Batch", "DataLake",
                                                                                 "KeyVault", "MSGraph",
                                                                                 "OperationalInsights", "ResourceManager",
                                                                                 "Storage", "Synapse")),
    Param("ResourceUrl", "string", "Resource url for that you're requesting token, e.g. "
          "'https://graph.microsoft.com/'.", aliases=("Resource", "ResourceUri")),
    Param("TenantId", "string", "Optional Tenant Id. Use tenant id of default context if not specified."),
    Param("AsSecureString", "switch", "Specify to convert output token as a secure string (the default since "
          "Az.Accounts 5)."), PROFILE,
], "Get secure access token. When using -ResourceUrl, please make sure the value does match current Azure "
   "environment.", module=MOD, outputs="Microsoft.Azure.Commands.Profile.Models.PSSecureAccessToken")
def get_access_token(ctx, a, items):
    from ....engine.entra_tokens import RESOURCES, issue_access_token
    from ..values import SecureString
    principal = current_principal(ctx)
    if a.TenantId and a.TenantId.lower() != ctx.cloud.tenant.tenant_id.lower():
        raise PSError(f"Tenant '{a.TenantId}' not found. Check to make sure you have the correct tenant ID.")
    resource = a.ResourceUrl or RESOURCES[(a.ResourceTypeName or "Arm").lower()]
    token, expires = issue_access_token(ctx.cloud, principal, resource)
    user = principal.user_principal_name or principal.app_id or principal.object_id
    return PSObject("Microsoft.Azure.Commands.Profile.Models.PSSecureAccessToken", {
        "Token": SecureString(token), "ExpiresOn": expires, "TenantId": ctx.cloud.tenant.tenant_id,
        "UserId": user, "Type": "Bearer"}, view="list", columns=["Token", "ExpiresOn", "Type", "TenantId", "UserId"])
