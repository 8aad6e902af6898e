"""az resource show|update|delete (azure-cli resource module, generic ARM): a resource named by `--ids` or by
`--name` with `--resource-type` (optionally `--namespace`, `--parent`) and `--resource-group`. show is a GET;
update is a GET, the generic `--set/--add/--remove` changes (../generic_update.py), then a PUT of the whole
resource, as azure-cli's generic_update_command with show_resource/update_resource does; delete is a DELETE per id
(delete_resource). Everything the request
decides (authorization, validation, the new state) is the resource manager's (engine/arm)."""

from __future__ import annotations

from ....engine.arm import send
from ....engine.errors import CliError
from .. import generic_update
from ..framework import Arg, command, group

group("resource", "Manage Azure resources.")

USAGE = ("usage error: --ids IDs | --resource-group RG --name NAME --resource-type TYPE [--namespace NAMESPACE] "
         "[--parent PARENT]")
ID_ARGS = [
    Arg("ids", "--ids", "One or more resource IDs (space-delimited). If provided, no other 'Resource Id' arguments "
        "should be specified.", kind="list"),
    Arg("resource_group", "--resource-group -g", "Name of resource group. You can configure the default group using "
        "`az configure --defaults group=<name>`.", default_key="group"),
    Arg("name", "--name -n", "The resource name. (Ex: myC)"),
    Arg("resource_type", "--resource-type", "The resource type (Ex: 'resC'). Can also accept namespace/type format "
        "(Ex: 'Microsoft.Provider/resC')"),
    Arg("namespace", "--namespace", "Provider namespace (Ex: 'Microsoft.Provider')."),
    Arg("parent", "--parent", "The parent path (Ex: 'resA/myA/resB/myB')."),
    Arg("api_version", "--api-version", "The api version of the resource (omit for the latest stable version)."),
    Arg("include_preview", "--latest-include-preview -v", "Indicate that the latest api-version will be used "
        "regardless of whether it is preview version (like 2020-01-01-preview) or not.", kind="flag"),
]


def resource_ids(ctx, a) -> list[str]:
    """azure-cli _get_parsed_resource_ids / _create_parsed_id: the ids the command acts on."""
    named = [a.name, a.resource_type, a.namespace, a.parent]
    if a.ids:
        if any(named) or a.get("resource_group_given"):
            raise CliError(USAGE)
        return [i.rstrip("/") for i in a.ids]
    if not (a.name and a.resource_type and a.resource_group):
        raise CliError(USAGE)
    namespace, rtype = a.namespace, a.resource_type
    if "/" in rtype:
        parts = rtype.split("/")
        if namespace and parts[0].lower() != namespace.lower():
            raise CliError(f"--resource-type '{rtype}' and --namespace '{namespace}' name different providers.")
        namespace, rtype = parts[0], "/".join(parts[1:])
    if not namespace:
        raise CliError("--namespace is required when --resource-type has no namespace (Ex: "
                       "--namespace Microsoft.Provider --resource-type resC, or --resource-type "
                       "Microsoft.Provider/resC)")
    parent = f"/{a.parent.strip('/')}" if a.parent else ""
    return [f"{ctx.subscription.id}/resourceGroups/{a.resource_group}/providers/{namespace}{parent}/"
            f"{rtype}/{a.name}"]


def generic_json(body: dict) -> dict:
    """A GenericResource as az prints it: ARM's body with the envelope fields it does not send as null."""
    out = {k: None for k in ("extendedLocation", "identity", "kind", "managedBy", "plan", "sku", "tags")}
    out.update(body)
    rid = str(body.get("id", ""))
    parts = rid.split("/")
    if len(parts) > 4 and parts[3].lower() == "resourcegroups":
        out["resourceGroup"] = parts[4]
    return dict(sorted(out.items()))


def _single_or_collection(results: list):
    return results[0] if len(results) == 1 else results


def _get(ctx, rid: str) -> dict:
    _served(ctx, rid)
    return send(ctx.cloud, ctx.principal, "GET", rid).body


def _served(ctx, rid: str) -> None:
    """A type Azure has but the lab's resource manager does not serve yet gets a clear refusal, not ARM's
    'resource type could not be found' (which would be false)."""
    from ....engine.arm.manager import provider_for
    from ....engine.arm.request import parse_resource_id
    from ....engine.resource_providers import canonical

    try:
        parsed = parse_resource_id(rid)
    except ValueError:
        return  # the resource manager words the refusal
    if provider_for(parsed.type) is None and canonical(parsed.namespace) is not None:
        raise CliError(f"az resource is not available in the lab for {parsed.type} yet (the lab's resource manager "
                       "does not serve that type): use the type's own commands, e.g. az keyvault show.")


@command("resource show", "Get the details of a resource.", ID_ARGS + [
    Arg("include_response_body", "--include-response-body", "Use if the default command output doesn't capture "
        "all of the property data.", kind="bool", default=False),
], examples=[
    ("Show a registry's policies.", "az resource show -g MyResourceGroup -n MyRegistry --resource-type "
     "Microsoft.ContainerRegistry/registries --query properties.policies"),
    ("Show a resource by id.", "az resource show --ids /subscriptions/0b1f6471-1bf0-4dda-aec3-111111111111/"
     "resourceGroups/MyResourceGroup/providers/Microsoft.ContainerRegistry/registries/MyRegistry"),
])
def resource_show(ctx, a):
    ctx.require_login()
    return _single_or_collection([generic_json(_get(ctx, rid)) for rid in resource_ids(ctx, a)])


@command("resource update", "Update a resource.", ID_ARGS + generic_update.ARGS + [
], examples=[
    ("Disable a registry's export policy and public network access.",
     "az resource update -g MyResourceGroup -n MyRegistry --resource-type Microsoft.ContainerRegistry/registries "
     "--set properties.policies.exportPolicy.status=disabled --set properties.publicNetworkAccess=disabled"),
])
def resource_update(ctx, a):
    ctx.require_login()
    sets = [item for group_ in a.set or [] for item in group_]
    results = []
    for rid in resource_ids(ctx, a):
        body = generic_update.apply(_get(ctx, rid), sets, a.add or [], a.remove or [], a.force_string)
        results.append(generic_json(send(ctx.cloud, ctx.principal, "PUT", rid, body).body))
    return _single_or_collection(results)


@command("resource delete", "Delete a resource.", ID_ARGS, examples=[
    ("Delete resources by id.", "az resource delete --ids /subscriptions/0b1f6471-1bf0-4dda-aec3-111111111111/"
     "resourceGroups/MyResourceGroup/providers/Microsoft.ContainerRegistry/registries/MyRegistry/exportPipelines/"
     "MyPipeline"),
])
def resource_delete(ctx, a):
    """azure-cli delete_resource: every id (or the one named) gets a DELETE; ids that depend on one another are
    retried in further passes until a pass deletes nothing more, then the last refusal is reported."""
    ctx.require_login()
    pending = resource_ids(ctx, a)
    for rid in pending:
        _served(ctx, rid)
    while pending:
        failed, last = [], None
        for rid in pending:
            try:
                send(ctx.cloud, ctx.principal, "DELETE", rid)
            except Exception as e:  # noqa: BLE001 - a dependent resource may go in a later pass
                failed.append(rid)
                last = e
        if len(failed) == len(pending):
            raise last  # type: ignore[misc]
        pending = failed
    return None
