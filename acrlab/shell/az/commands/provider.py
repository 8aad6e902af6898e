"""az provider register|unregister|show|list (resource provider registration in the subscription) and
az account get-access-token (an Entra token for Resource Manager or another audience)."""

from __future__ import annotations

from ....engine import provider_operations
from ....engine.errors import CliError
from ....engine.resource_providers import KNOWN, canonical, not_found, registrations, set_registration
from ..framework import Arg, command, group

group("provider", "Manage resource providers.")

def provider_json(ctx, ns: str) -> dict:
    state = registrations(ctx.cloud).get(ns, "NotRegistered")
    locations = ["East US", "West US", "West Europe", "North Europe", "Southeast Asia", "Brazil South",
                 "Central US", "East US 2", "West US 2", "South Central US"]
    return {"authorizations": [], "id": f"{ctx.subscription.id}/providers/{ns}", "namespace": ns,
            "providerAuthorizationConsentState": None, "registrationPolicy": "RegistrationRequired",
            "registrationState": state,
            "resourceTypes": [{"aliases": None, "apiProfiles": None, "apiVersions": None, "capabilities": None,
                               "defaultApiVersion": None, "locationMappings": None,
                               "locations": [] if t in ("operations",) else locations, "properties": None,
                               "resourceType": t, "zoneMappings": None} for t in KNOWN[ns]]}


def _set_registration(ctx, a, registering: bool) -> None:
    """resource/custom.py _update_provider: without --wait, az returns while ARM (un)registers."""
    ns = set_registration(ctx.cloud, ctx.principal, a.namespace, registering)
    if not a.wait:
        action = "Registering" if registering else "Unregistering"
        ctx.warn(f"{action} is still on-going. You can monitor using 'az provider show -n {ns}'")


@command("provider register", "Register a provider.", [
    Arg("namespace", "--namespace -n", "The resource namespace, aka 'provider'.", required=True),
    Arg("wait", "--wait", "Wait for the registration to finish.", kind="flag"),
    Arg("consent", "--consent-to-permissions -c", "A value indicating whether authorization is consented or not.",
        kind="flag"),
], examples=[("Register a provider.", "az provider register --namespace 'Microsoft.PolicyInsights'")])
def provider_register(ctx, a):
    _set_registration(ctx, a, True)


@command("provider unregister", "Unregister a provider.", [
    Arg("namespace", "--namespace -n", "The resource namespace, aka 'provider'.", required=True),
    Arg("wait", "--wait", "Wait for unregistration to finish.", kind="flag"),
])
def provider_unregister(ctx, a):
    _set_registration(ctx, a, False)


@command("provider show", "Gets the specified resource provider.", [
    Arg("namespace", "--namespace -n", "The resource namespace, aka 'provider'.", required=True),
    Arg("expand", "--expand", "Comma-separated list of additional properties to be included in the response."),
], examples=[("Show the registration state of a provider.",
              "az provider show -n Microsoft.ContainerRegistry --query registrationState")])
def provider_show(ctx, a):
    ctx.require_login()
    ns = canonical(a.namespace)
    if ns is None:
        raise not_found(a.namespace)
    return provider_json(ctx, ns)


@command("provider list", "Gets all resource providers for a subscription.", [
    Arg("expand", "--expand", "Comma-separated list of additional properties to be included in the response."),
], table=lambda r: [{"Namespace": p["namespace"], "RegistrationPolicy": p["registrationPolicy"],
                     "RegistrationState": p["registrationState"]} for p in r])
def provider_list(ctx, a):
    ctx.require_login()
    return [provider_json(ctx, ns) for ns in sorted(KNOWN)]


group("provider operation", "Get provider operations metadatas.")


@command("provider operation show", "Get an individual provider's operations.", [
    Arg("namespace", "--namespace", "The resource provider namespace.", required=True),
], examples=[("Get details of the storage provider operations.",
              "az provider operation show --namespace Microsoft.Storage")])
def provider_operation_show(ctx, a):
    ctx.require_login()
    return provider_operations.metadata(a.namespace)


@command("provider operation list", "Get operations from all providers.", [])
def provider_operation_list(ctx, a):
    ctx.require_login()
    ctx.warn(f"The lab lists {provider_operations.NS} operations only.")
    return [provider_operations.metadata(provider_operations.NS)]


@command("account get-access-token", "Get a token for utilities to access Azure.", [
    Arg("subscription", "--name --subscription -n -s", "Name or ID of subscription."),
    Arg("resource", "--resource", "Azure resource endpoints in AAD v1.0."),
    Arg("resource_type", "--resource-type", "Type of well-known resource.",
        choices=["aad-graph", "arm", "batch", "data-lake", "media", "ms-graph", "oss-rdbms"]),
    Arg("scope", "--scope", "Space-separated AAD scopes in AAD v2.0. Default to Azure Resource Manager.",
        kind="list"),
    Arg("tenant", "--tenant -t", "Tenant ID for which the token is acquired."),
], examples=[("Get an access token for the current account", "az account get-access-token")])
def get_access_token(ctx, a):
    principal = ctx.principal
    cloud = ctx.cloud
    given = [x for x in (a.resource, a.resource_type, a.scope) if x]
    if len(given) > 1:
        raise CliError("usage error: --resource-type | --resource | --scope")
    if a.tenant and a.subscription:
        raise CliError("usage error: --subscription and --tenant can't be used together.")
    sub = cloud.subscription
    if a.subscription and a.subscription.lower() not in (sub.subscription_id.lower(), sub.name.lower()):
        raise CliError(f"Subscription '{a.subscription}' not found. Check the spelling and casing and try again.")
    audience = (a.scope[0].removesuffix("/.default") if a.scope else a.resource or
                {"ms-graph": "https://graph.microsoft.com", "aad-graph": "https://graph.windows.net"}.get(
                    a.resource_type or "", "https://management.core.windows.net/"))
    from ....engine.entra_tokens import issue_access_token
    token, expires = issue_access_token(cloud, principal, audience)  # the engine remembers it: services accept it
    out = {"accessToken": token, "expiresOn": expires.strftime("%Y-%m-%d %H:%M:%S.%f"),
           "expires_on": int(expires.timestamp()), "subscription": sub.subscription_id,
           "tenant": cloud.tenant.tenant_id, "tokenType": "Bearer"}
    if a.tenant:
        del out["subscription"]
    return out
