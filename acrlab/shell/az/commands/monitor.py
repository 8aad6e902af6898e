"""az monitor log-analytics workspace create|show|list|delete and az monitor diagnostic-settings show|list|delete
(azure-cli monitor module, aaz commands: the resource's properties lifted to the top of the output). Each sends its
Resource Manager request; the workspace and diagnostic-setting rules live in the engine
(engine/arm/providers/log_analytics_workspaces.py, diagnostic_settings.py)."""

from __future__ import annotations

from ....engine import groups
from ....engine.arm import send
from ....engine.errors import CliError
from ..framework import Arg, command, group
from .account import parse_tags
from .lock import lock_scope

group("monitor", "Manage the Azure Monitor Service.")
group("monitor log-analytics", "Manage Azure log analytics.")
group("monitor log-analytics workspace", "Manage Azure log analytics workspace.")
group("monitor diagnostic-settings", "Manage service diagnostic settings.")

WS = "Microsoft.OperationalInsights/workspaces"
DIAG = "providers/Microsoft.Insights/diagnosticSettings"
WS_NAME = Arg("name", "--workspace-name --name -n", "The name of the workspace.", required=True)
RG = Arg("resource_group", "--resource-group -g", "Name of resource group. You can configure the default group using "
         "`az configure --defaults group=<name>`.", required=True, default_key="group")


def _ws_id(ctx, rg: str, name: str) -> str:
    return f"{ctx.subscription.id}/resourceGroups/{rg}/providers/{WS}/{name}"


def workspace_id(ctx, rg: str | None, name_or_id: str) -> str:
    """A workspace given by name (in the resource group) or by resource id, as azure-cli's validators resolve it."""
    if name_or_id.lower().startswith("/subscriptions/"):
        return name_or_id
    if not rg:
        raise CliError("usage error: --workspace ID | --workspace NAME --resource-group NAME")
    return _ws_id(ctx, rg, name_or_id)


def _flat(resource) -> dict:
    """An aaz command's output: the ARM body with its properties lifted to the top."""
    arm = resource.to_json() if hasattr(resource, "to_json") else dict(resource)
    props = arm.pop("properties", None) or {}
    return {**arm, **props}


@command("monitor log-analytics workspace create", "Create a workspace instance.", [
    WS_NAME, RG,
    Arg("location", "--location -l", "Location. Values from: `az account list-locations`.", default_key="location"),
    Arg("sku", "--sku", "The name of the SKU.", default="PerGB2018"),
    Arg("retention_time", "--retention-time", "The workspace data retention in days. Allowed values are per pricing "
        "plan.", kind="int"),
    Arg("tags", "--tags", "Space-separated tags: key[=value] [key[=value] ...].", kind="star"),
], examples=[("Create a workspace instance.",
              "az monitor log-analytics workspace create -g MyResourceGroup -n MyWorkspace")])
def workspace_create(ctx, a):
    location = a.location or groups.location(ctx.cloud, ctx.principal, a.resource_group, ctx.subscription.subscription_id)
    props: dict = {"sku": {"name": a.sku}}
    if a.retention_time is not None:
        props["retentionInDays"] = a.retention_time
    body = {"location": location, "properties": props, "tags": parse_tags(a.tags) or {}}
    return send(ctx.cloud, ctx.principal, "PUT", _ws_id(ctx, a.resource_group, a.name), body).resource.to_json()


@command("monitor log-analytics workspace show", "Show a workspace instance.", [WS_NAME, RG])
def workspace_show(ctx, a):
    return send(ctx.cloud, ctx.principal, "GET", _ws_id(ctx, a.resource_group, a.name)).resource.to_json()


@command("monitor log-analytics workspace list", "Get a list of workspaces under a resource group or a "
         "subscription.", [Arg("resource_group", "--resource-group -g", "Name of resource group.",
                               default_key="group")])
def workspace_list(ctx, a):
    where = f"{ctx.subscription.id}/resourceGroups/{a.resource_group}" if a.resource_group \
        else ctx.subscription.id
    return [w.to_json() for w in send(ctx.cloud, ctx.principal, "GET", f"{where}/providers/{WS}").resources]


@command("monitor log-analytics workspace delete", "Delete a workspace instance.", [
    WS_NAME, RG, Arg("yes", "--yes -y", "Do not prompt for confirmation.", kind="flag")])
def workspace_delete(ctx, a):
    send(ctx.cloud, ctx.principal, "DELETE", _ws_id(ctx, a.resource_group, a.name))
    return None


SCOPE = [
    Arg("resource_name", "--resource", "Name or ID of the target resource.", required=True),
    Arg("resource_group", "--resource-group -g", "Name of resource group.", default_key="group"),
    Arg("resource_type", "--resource-type", "Target resource type. Can also accept namespace/type format (Ex: "
        "'Microsoft.Compute/virtualMachines')."),
    Arg("namespace", "--resource-namespace", "Target resource provider namespace."),
    Arg("parent", "--resource-parent", "Target resource parent path, if applicable."),
]


def _scope(ctx, a) -> str:
    if not a.resource_name.lower().startswith("/subscriptions/") and not a.resource_type:
        raise CliError("usage error: --resource ID | --resource NAME --resource-type TYPE --resource-group GROUP")
    return lock_scope(ctx, a)


@command("monitor diagnostic-settings show", "Get the diagnostic settings for the specified resource.",
         [Arg("name", "--name -n", "The name of the diagnostic setting.", required=True), *SCOPE])
def diagnostic_show(ctx, a):
    return _flat(send(ctx.cloud, ctx.principal, "GET", f"{_scope(ctx, a)}/{DIAG}/{a.name}").resource)


@command("monitor diagnostic-settings list", "Get the active diagnostic settings list for the specified resource.",
         SCOPE)
def diagnostic_list(ctx, a):
    return [_flat(s) for s in send(ctx.cloud, ctx.principal, "GET", f"{_scope(ctx, a)}/{DIAG}").resources]


@command("monitor diagnostic-settings delete", "Delete existing diagnostic settings for the specified resource.",
         [Arg("name", "--name -n", "The name of the diagnostic setting.", required=True), *SCOPE])
def diagnostic_delete(ctx, a):
    send(ctx.cloud, ctx.principal, "DELETE", f"{_scope(ctx, a)}/{DIAG}/{a.name}")
    return None


def registry_audit_settings(ctx, registry: dict, workspace: str, resource_group: str) -> None:
    """`az acr create --workspace`: the diagnostic setting '<registry>-diagnostic-settings' sending both registry log
    categories and AllMetrics to the workspace (azure-cli acr/custom.py _create_diagnostic_settings, with
    DEF_DIAG_SETTINGS_NAME_TEMPLATE from acr/_constants.py)."""
    retention = {"enabled": True, "days": 0}
    body = {"properties": {
        "workspaceId": workspace_id(ctx, resource_group, workspace),
        "logs": [{"category": c, "enabled": True, "retentionPolicy": retention}
                 for c in ("ContainerRegistryRepositoryEvents", "ContainerRegistryLoginEvents")],
        "metrics": [{"category": "AllMetrics", "enabled": True, "retentionPolicy": retention}]}}
    send(ctx.cloud, ctx.principal, "PUT", f"{registry['id']}/{DIAG}/{registry['name']}-diagnostic-settings", body)
