"""az acr create|show|list|update|delete|check-name|show-usage|show-endpoints, az acr credential."""

from __future__ import annotations

from ....engine import registries
from ....engine.arm import send
from ....engine.clock import iso
from ....engine.errors import CliError, CliResourceNotFound
from ..framework import Arg, command, group
from ..output import format_datetime, get_value
from .acr_body import (
    REGIONAL_ENDPOINTS_ARG,
    check_create,
    check_update,
    create_body,
    registry_id,
    require_admin_enabled,
    update_body,
)

group("acr", "Manage private registries with Azure Container Registries.")
group("acr credential", "Manage login credentials for Azure Container Registries.")

SKUS = ["Classic", "Basic", "Standard", "Premium"]  # SDK SkuName order; Classic passes the parser, then is refused


def registry_arg(required: bool = True, options: str = "--name -n") -> Arg:
    return Arg("registry_name", options, "The name of the container registry. It should be specified in lower case. "
               "You can configure the default registry name using `az configure --defaults acr=<registry name>`.",
               required=required, default_key="acr")


RG_OPT = Arg("resource_group", "--resource-group -g", "Name of resource group. You can configure the default group "
             "using `az configure --defaults group=<name>`.", default_key="group")


def load_registry(ctx, a, action: str = "Microsoft.ContainerRegistry/registries/read"):
    name = a.registry_name
    if name.lower().endswith(".azurecr.io"):
        ctx.warn("The login server endpoint suffix '.azurecr.io' is automatically omitted.")
        name = name[: -len(".azurecr.io")]
    return registries.get_registry(ctx.cloud, ctx.principal, name, resource_group_of(ctx, name, a.get("resource_group")),
                                   action, ctx.subscription.subscription_id)


def resource_group_of(ctx, name: str, resource_group: str | None) -> str:
    """azure-cli acr/_utils.py get_resource_group_name_by_registry_name: without --resource-group az finds the
    registry by name in the subscription, and says so itself when there is none."""
    ctx.require_login()  # az fails first when nobody is signed in
    sub = ctx.subscription
    found = resource_group or registries.registry_group(ctx.cloud, name, sub.subscription_id)
    if found is None:
        raise CliResourceNotFound(f"The resource with name '{name}' and type 'Microsoft.ContainerRegistry/registries' "
                                  f"could not be found in subscription '{sub.name} ({sub.subscription_id})'.")
    return found


def rows_of(result) -> list:
    """acr _format._output_format: a {'value': [...]} page is unwrapped, a single object becomes one row."""
    if isinstance(result, dict) and isinstance(result.get("value"), list):
        result = result["value"]
    return result if isinstance(result, list) else [result]


def registry_table(result):
    # azure-cli acr/_format.py _registry_format_group: falsy cells (adminUserEnabled false) print blank
    return [{
        "NAME": get_value(r, "name"), "RESOURCE GROUP": get_value(r, "resourceGroup"),
        "LOCATION": get_value(r, "location"), "SKU": get_value(r, "sku", "name"),
        "LOGIN SERVER": get_value(r, "loginServer"),
        "CREATION DATE": format_datetime(get_value(r, "creationDate")),
        "ADMIN ENABLED": get_value(r, "adminUserEnabled"),
    } for r in rows_of(result)]


NETWORK_ARGS = [
    Arg("default_action", "--default-action", "Default action to apply when no rule matches. Only applicable to "
        "Premium SKU.", choices=["Allow", "Deny"]),
    Arg("public_network_enabled", "--public-network-enabled", "Allow public network access for the container registry.",
        kind="bool"),
    Arg("allow_trusted_services", "--allow-trusted-services", "Allow trusted Azure Services to access network "
        "restricted registries.", kind="bool"),
]
"""Shared by `az acr create` and `az acr update`."""
PREVIEW_ARGS = [
    Arg("endpoint_protocol", "--endpoint-protocol", "The endpoint protocol for the registry. Allowed values: IPv4, "
        "IPv4AndIPv6.", choices=["IPv4", "IPv4AndIPv6"]),
    Arg("writable_cache_repos", "--writable-cache-repos", "Enable or disable writing to repositories backed by cache "
        "rules. If not specified, this is set to Disabled by default.", choices=["Disabled", "Enabled"]),
]
"""Preview arguments of `az acr create` and `az acr update` (MicrosoftDocs/azure-docs-cli acr.yml, 2026-08)."""



@command("acr create", "Create an Azure Container Registry.", [
    Arg("registry_name", "--name -n", "The name of the container registry. It should be specified in lower case.",
        required=True),
    Arg("resource_group", "--resource-group -g", "Name of resource group.", required=True, default_key="group"),
    Arg("sku", "--sku", "The SKU of the container registry.", required=True, choices=SKUS),
    Arg("location", "--location -l", "Location. Values from: `az account list-locations`.", default_key="location"),
    Arg("admin_enabled", "--admin-enabled", "Indicates whether the admin user is enabled.", kind="bool", default=False),
    *NETWORK_ARGS,
    Arg("allow_exports", "--allow-exports", "Configure exportPolicy to allow/disallow artifacts from being exported "
        "from this registry.", kind="bool"),
    Arg("zone_redundancy", "--zone-redundancy", "Indicates whether or not zone redundancy should be enabled.",
        choices=["Disabled", "Enabled"]),
    Arg("role_assignment_mode", "--role-assignment-mode", "Role assignment mode of the registry.",
        choices=["rbac", "rbac-abac"]),
    Arg("dnl_scope", "--dnl-scope", "Domain name label scope.",
        choices=["Unsecure", "TenantReuse", "SubscriptionReuse", "ResourceGroupReuse", "NoReuse"]),
    Arg("identity", "--identity", "Use assigned managed identity resource id or name if in the same resource group."),
    Arg("key_encryption_key", "--key-encryption-key", "Key vault key uri. To enable automated rotation, provide a "
        "version-less key uri."),
    Arg("workspace", "--workspace", "Name or ID of the Log Analytics workspace to send registry diagnostic logs to."),
    Arg("allow_metadata_search", "--allow-metadata-search", "Configure metadata search.", kind="bool"),
    Arg("data_endpoint_enabled", "--data-endpoint-enabled", "Enable dedicated data endpoint for client firewall "
        "configuration.", kind="bool"),
    *PREVIEW_ARGS,
    REGIONAL_ENDPOINTS_ARG,
    Arg("tags", "--tags", "Space-separated tags: key[=value] [key[=value] ...].", kind="star"),
], examples=[
    ("Create a managed container registry with the Standard SKU.",
     "az acr create -n myregistry -g MyResourceGroup --sku Standard"),
    ("Create a registry with ABAC-based Repository Permission enabled.",
     "az acr create -n myregistry -g MyResourceGroup --sku Standard --role-assignment-mode rbac-abac"),
    ("Create a managed container registry with the Premium SKU and dual-stack (IPv4 and IPv6) endpoint protocol.",
     "az acr create -n myregistry -g MyResourceGroup --sku Premium --data-endpoint-enabled true "
     "--endpoint-protocol IPv4AndIPv6"),
    ("Create a managed container registry with writable cache repositories enabled.",
     "az acr create -n myregistry -g MyResourceGroup --sku Premium --writable-cache-repos enabled"),
], table=registry_table)
def acr_create(ctx, a):
    check_create(ctx, a)
    if a.public_network_enabled is False:  # acr/custom.py warns while building the request, before the PUT
        ctx.warn("Disabling the public endpoint overrides all firewall configurations.")
    rid = registry_id(ctx.subscription.subscription_id, a.resource_group, a.registry_name)
    registry = send(ctx.cloud, ctx.principal, "PUT", rid, create_body(ctx, a)).resource.to_json()
    if a.workspace:  # acr/custom.py _create_diagnostic_settings: a second request, after the registry exists
        from .monitor import registry_audit_settings
        registry_audit_settings(ctx, registry, a.workspace, a.resource_group)
    return registry


@command("acr show", "Get the details of an Azure Container Registry.", [registry_arg(), RG_OPT],
         examples=[("Get the login server for an Azure Container Registry.",
                    "az acr show -n myregistry --query loginServer"),
                   ("Get the details of an Azure Container Registry",
                    "az acr show --name myregistry --resource-group MyResourceGroup"),
                   ("Check status of ABAC-based Repository Permission on a registry.",
                    "az acr show --name myregistry --resource-group MyResourceGroup --query roleAssignmentMode")],
         table=registry_table)
def acr_show(ctx, a):
    return load_registry(ctx, a).to_json()


@command("acr list", "Lists all the container registries under the current subscription.", [
    Arg("resource_group", "--resource-group -g", "Name of resource group.", default_key="group"),
], examples=[("List container registries and show the results in a table, across multiple resource groups.",
               "az acr list -o table"),
              ("List container registries in a resource group and show the results in a table.",
               "az acr list -g MyResourceGroup -o table")],
    table=registry_table)
def acr_list(ctx, a):
    cloud = ctx.cloud
    scope = ctx.subscription.id + (f"/resourceGroups/{a.resource_group}" if a.resource_group else "")
    response = send(cloud, ctx.principal, "GET", f"{scope}/providers/Microsoft.ContainerRegistry/registries")
    return [r.to_json() for r in response.resources]


@command("acr update", "Update an Azure Container Registry.", [
    registry_arg(), RG_OPT,
    Arg("sku", "--sku", "The SKU of the container registry.", choices=SKUS),
    Arg("admin_enabled", "--admin-enabled", "Indicates whether the admin user is enabled.", kind="bool"),
    *NETWORK_ARGS,
    Arg("anonymous_pull_enabled", "--anonymous-pull-enabled", "Enable registry-wide pull from unauthenticated "
        "clients.", kind="bool"),
    Arg("data_endpoint_enabled", "--data-endpoint-enabled", "Enable dedicated data endpoint for client firewall "
        "configuration.", kind="bool"),
    Arg("allow_exports", "--allow-exports", "Configure exportPolicy.", kind="bool"),
    REGIONAL_ENDPOINTS_ARG,
    Arg("allow_metadata_search", "--allow-metadata-search", "Configure metadata search.", kind="bool"),
    Arg("role_assignment_mode", "--role-assignment-mode", "Role assignment mode of the registry.",
        choices=["rbac", "rbac-abac"]),
    *PREVIEW_ARGS,
    Arg("tags", "--tags", "Space-separated tags: key[=value] [key[=value] ...]. Use \"\" to clear existing tags.",
        kind="star"),
], examples=[
    ("Update tags for an Azure Container Registry.", "az acr update -n myregistry --tags key1=value1 key2=value2"),
    ("Enable the administrator user account for an Azure Container Registry.",
     "az acr update -n myregistry --admin-enabled true"),
    ("Turn on ABAC-based Repository Permission on an existing registry.",
     "az acr update -n myregistry --role-assignment-mode rbac-abac"),
    ("Update the endpoint protocol for an Azure Container Registry.",
     "az acr update -n myregistry --endpoint-protocol IPv4AndIPv6"),
    ("Enable writable cache repositories on an existing registry.",
     "az acr update -n myregistry --writable-cache-repos enabled"),
], table=registry_table)
def acr_update(ctx, a):
    reg = load_registry(ctx, a)
    check_update(reg, a)
    if a.public_network_enabled is False:  # logged by acr_update_custom before the PATCH is sent
        ctx.warn("Disabling the public endpoint overrides all firewall configurations.")
    return send(ctx.cloud, ctx.principal, "PATCH", reg.id, update_body(a)).resource.to_json()


@command("acr delete", "Deletes an Azure Container Registry.", [
    registry_arg(), RG_OPT, Arg("yes", "--yes -y", "Do not prompt for confirmation.", kind="flag"),
], examples=[("Delete an Azure Container Registry.", "az acr delete -n myregistry")])
def acr_delete(ctx, a):
    reg = load_registry(ctx, a)
    ctx.confirm(f"Are you sure you want to delete the registry '{reg.name}'?")
    send(ctx.cloud, ctx.principal, "DELETE", reg.id)
    return None


@command("acr check-name", "Checks if an Azure Container Registry name is valid and available for use.", [
    Arg("registry_name", "--name -n", "The name of the container registry.", required=True),
    Arg("dnl_scope", "--dnl-scope", "Domain name label scope.",
        choices=["Unsecure", "TenantReuse", "SubscriptionReuse", "ResourceGroupReuse", "NoReuse"]),
    Arg("resource_group", "--resource-group -g", "Name of resource group."),
], examples=[("Check if a registry name already exists.", "az acr check-name -n doesthisnameexist")])
def acr_check_name(ctx, a):
    _ = ctx.principal  # az needs a signed-in account
    if a.dnl_scope == "ResourceGroupReuse" and not a.resource_group:
        raise CliError("Resource group name is required for domain name label scope ResourceGroupReuse")
    if a.dnl_scope and a.dnl_scope != "Unsecure":
        return {"availableLoginServerName": f"{a.registry_name}-{ctx.cloud.ids.hex(16)}.azurecr.io",
                "message": None, "nameAvailable": True, "reason": None}
    return registries.check_name(ctx.cloud, a.registry_name)


def usage_table(result):
    # acr/_format.py _usage_format_group (a zero currentValue prints blank, as _get_value does)
    return [{"NAME": get_value(u, "name"), "LIMIT": get_value(u, "limit"),
             "CURRENT VALUE": get_value(u, "currentValue"), "UNIT": get_value(u, "unit")} for u in rows_of(result)]


@command("acr show-usage", "Get the storage usage for an Azure Container Registry.", [registry_arg(), RG_OPT],
         examples=[("Get the storage usage for an Azure Container Registry.",
                    "az acr show-usage -n myregistry")], table=usage_table)
def acr_show_usage(ctx, a):
    reg = load_registry(ctx, a)
    return send(ctx.cloud, ctx.principal, "POST", reg.id, action="listUsages").body


@command("acr show-endpoints", "Display registry endpoints including data endpoints and regional endpoints if "
         "configured.", [registry_arg(), RG_OPT],
         examples=[("Show the endpoints for a registry.", "az acr show-endpoints -n myregistry")])
def acr_show_endpoints(ctx, a):
    reg = load_registry(ctx, a)
    regions = [reg.location] + sorted({r.location for r in reg.replications.values()
                                       if getattr(r, "location", None) and r.location != reg.location})
    if reg.data_endpoint_enabled:  # acr/custom.py acr_show_endpoints: the registry's dataEndpointHostNames, in order
        endpoints = [{"endpoint": host, "region": host.split(".")[1]} for host in reg.data_endpoint_host_names()]
    else:
        ctx.warn("To configure client firewall w/o using wildcard storage blob urls, use "
                 f"\"az acr update --name {a.registry_name} --data-endpoint-enabled\" to enable dedicated data endpoints.")
        endpoints = [{"endpoint": "*.blob.core.windows.net", "region": r} for r in regions]
    info = {"dataEndpoints": endpoints, "loginServer": reg.login_server}
    if reg.regional_endpoints == "Enabled":  # the registry's regionalEndpointHostNames, in order
        info["regionalEndpoints"] = [{"endpoint": host, "region": host.split(".")[1]}
                                     for host in reg.regional_endpoint_host_names()]
    return info


def credential_table(result):
    # acr/_format.py _credential_format_group: passwords[0] and passwords[1] by position
    return [{"USERNAME": get_value(r, "username"), "PASSWORD": get_value(r, "passwords", 0, "value"),
             "PASSWORD2": get_value(r, "passwords", 1, "value")} for r in rows_of(result)]


@command("acr credential show", "Get the login credentials for an Azure Container Registry.", [registry_arg(), RG_OPT],
         examples=[("Get the login credentials for an Azure Container Registry.",
                    "az acr credential show -n myregistry"),
                   ("Get the username used to log in to an Azure Container Registry.",
                    "az acr credential show -n myregistry --query username"),
                   ("Get a password used to log in to an Azure Container Registry.",
                    "az acr credential show -n myregistry --query 'passwords[0].value'")], table=credential_table)
def acr_credential_show(ctx, a):
    reg = load_registry(ctx, a)
    require_admin_enabled(reg)
    return send(ctx.cloud, ctx.principal, "POST", reg.id, action="listCredentials").body


@command("acr credential renew", "Regenerate login credentials for an Azure Container Registry.", [
    registry_arg(), RG_OPT,
    Arg("password_name", "--password-name", "The name of password to regenerate.", required=True,
        choices=["password", "password2"]),
], examples=[("Renew the second password for an Azure Container Registry.",
              "az acr credential renew -n myregistry --password-name password2"),
             ("Regenerate login credentials for an Azure Container Registry. (autogenerated)",
              "az acr credential renew --name myregistry --password-name password --resource-group MyResourceGroup")],
    table=credential_table)
def acr_credential_renew(ctx, a):
    reg = load_registry(ctx, a)
    require_admin_enabled(reg)
    return send(ctx.cloud, ctx.principal, "POST", reg.id, {"name": a.password_name},
                action="regenerateCredential").body


__all__ = ["iso"]
