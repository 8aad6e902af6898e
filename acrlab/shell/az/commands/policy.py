"""az policy definition list|show, az policy assignment create|list|show|delete and az policy state list (azure-cli
resource and policyinsights modules). Assignments are resource-manager requests
(Microsoft.Authorization/policyAssignments); definitions and compliance states come from engine/policy.py."""

from __future__ import annotations

from ....engine import policy
from ....engine.arm import send
from ....engine.errors import CliError
from ..framework import Arg, command, group, json_argument

group("policy", "Manage resource policies.")
group("policy definition", "Manage resource policy definitions.")
group("policy assignment", "Manage resource policy assignments.")
group("policy state", "Manage policy compliance states.")

SCOPE = [
    Arg("resource_group", "--resource-group -g", "The resource group where the policy will be applied.",
        default_key="group"),
    Arg("scope", "--scope", "Scope to which this policy assignment applies."),
]


def _scope(ctx, a) -> str:
    if a.scope and a.resource_group:
        raise CliError("usage error: --scope and --resource-group are mutually exclusive")
    if a.scope:
        return a.scope.rstrip("/")
    sub = ctx.subscription.id
    return f"{sub}/resourceGroups/{a.resource_group}" if a.resource_group else sub


def _assignment_id(ctx, a) -> str:
    return f"{_scope(ctx, a)}/providers/{policy.ASSIGNMENTS}/{a.name}"


@command("policy definition list", "Retrieve policy definitions.", [])
def definition_list(ctx, a):
    ctx.require_login()
    return policy.definitions()


@command("policy definition show", "Retrieve a policy definition.", [
    Arg("name", "--name -n", "The name of the policy definition.", required=True),
])
def definition_show(ctx, a):
    ctx.require_login()
    found = policy.find_definition(a.name)
    if found is None:
        raise policy.definition_not_found(a.name)
    return next(d for d in policy.definitions() if d["name"] == found["name"])


@command("policy assignment create", "Create a policy assignment.", [
    Arg("name", "--name -n", "Name of the new policy assignment."),
    Arg("policy", "--policy -p", "Name or id of the policy definition.", required=True),
    Arg("display_name", "--display-name", "Display name of the policy assignment."),
    Arg("description", "--description", "Description of the policy assignment."),
    Arg("params", "--params", "JSON formatted string or a path to a file or uri with parameter values of the "
        "policy rule."),
    Arg("enforcement_mode", "--enforcement-mode -e", "Enforcement mode of the policy assignment.",
        choices=["Default", "DoNotEnforce"]),
    Arg("not_scopes", "--not-scopes", "Space-separated scopes where the policy assignment does not apply.",
        kind="list"),
    *SCOPE,
], examples=[("Audit registries that allow unrestricted network access.",
              "az policy assignment create --name acr-network --display-name \"Container registries should not "
              "allow unrestricted network access\" --policy d0793b48-0edc-4296-a390-4c75d1bdfd71 -g MyResourceGroup")])
def assignment_create(ctx, a):
    ctx.require_login()
    definition = policy.find_definition(a.policy)
    if definition is None:
        raise policy.definition_not_found(a.policy)
    params = json_argument(ctx, a.params) if a.params else None
    if params is not None and not isinstance(params, dict):
        raise CliError("usage error: --params must be a JSON object of parameter values")
    name = a.name or ctx.cloud.ids.hex(24)
    props = {"policyDefinitionId": f"{policy.DEFINITIONS}{definition['name']}", "displayName": a.display_name,
             "description": a.description, "parameters": params, "enforcementMode": a.enforcement_mode or "Default",
             "notScopes": a.not_scopes}
    a.name = name
    return send(ctx.cloud, ctx.principal, "PUT", _assignment_id(ctx, a), {"properties": props}).body


@command("policy assignment list", "List policy assignments.", [
    *SCOPE,
    Arg("disable_scope_strict_match", "--disable-scope-strict-match", "Include policy assignments either "
        "inherited from parent scope or at child scope.", kind="flag"),
])
def assignment_list(ctx, a):
    ctx.require_login()
    scope = _scope(ctx, a)
    found = send(ctx.cloud, ctx.principal, "GET", f"{scope}/providers/{policy.ASSIGNMENTS}").body
    items = found.get("value", found) if isinstance(found, dict) else found
    if not a.disable_scope_strict_match:  # azure-cli keeps the assignments made at the scope itself
        items = [i for i in items if i["scope"].lower().rstrip("/") == scope.lower()]
    return items


@command("policy assignment show", "Show a policy assignment.", [
    Arg("name", "--name -n", "Name of the policy assignment.", required=True), *SCOPE,
])
def assignment_show(ctx, a):
    ctx.require_login()
    return send(ctx.cloud, ctx.principal, "GET", _assignment_id(ctx, a)).body


@command("policy assignment delete", "Delete a policy assignment.", [
    Arg("name", "--name -n", "Name of the policy assignment.", required=True), *SCOPE,
])
def assignment_delete(ctx, a):
    ctx.require_login()
    send(ctx.cloud, ctx.principal, "DELETE", _assignment_id(ctx, a))


@command("policy state list", "List policy compliance states.", [
    Arg("resource", "--resource", "Resource ID or resource name. If a name is given, please provide the resource "
        "group and other relevant resource id arguments."),
    Arg("namespace", "--namespace", "Provider namespace (Ex: Microsoft.Provider)."),
    Arg("resource_type", "--resource-type", "Resource type (Ex: resourceTypeC)."),
    Arg("parent", "--parent", "The parent path (Ex: resourceTypeA/nameA/resourceTypeB/nameB)."),
    Arg("resource_group", "--resource-group -g", "Name of resource group.", default_key="group"),
    Arg("policy_assignment", "--policy-assignment -a", "Name of policy assignment."),
    Arg("all", "--all", "Within the specified time interval, get all policy states instead of the latest only.",
        kind="flag"),
    Arg("top", "--top", "Maximum number of records to return.", kind="int"),
], examples=[("Get the latest compliance states of a registry.",
              "az policy state list --resource myregistry --namespace Microsoft.ContainerRegistry --resource-type "
              "registries --resource-group myresourcegroup")])
def state_list(ctx, a):
    ctx.require_login()
    sub = ctx.subscription.id
    resource_id = None
    if a.resource:
        if a.resource.lower().startswith("/subscriptions/"):
            resource_id = a.resource.rstrip("/")
        else:
            if not (a.namespace and a.resource_type and a.resource_group):
                raise CliError("usage error: --resource NAME needs --namespace, --resource-type and "
                               "--resource-group (or give the resource ID)")
            parent = f"/{a.parent.strip('/')}" if a.parent else ""
            resource_id = (f"{sub}/resourceGroups/{a.resource_group}/providers/{a.namespace}{parent}/"
                           f"{a.resource_type}/{a.resource}")
    scope = f"{sub}/resourceGroups/{a.resource_group}" if a.resource_group else sub
    found = policy.query_states(ctx.cloud, ctx.principal, scope, resource_id, a.policy_assignment)
    return found[:a.top] if a.top else found
