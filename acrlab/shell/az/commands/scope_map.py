"""az acr scope-map create|update|show|list|delete."""

from __future__ import annotations

from ....engine import tokens
from ....engine.arm import send
from ....engine.connected_registries import GATEWAY_ACTIONS
from ....engine.errors import CliError
from ..framework import Arg, command, group
from .acr import RG_OPT, load_registry, registry_arg

group("acr scope-map", "Manage scope access maps for Azure Container Registries.")
CR = "Microsoft.ContainerRegistry/registries"
NAME = Arg("scope_map_name", "--name -n", "The name of the scope map.", required=True)
REG = registry_arg(options="--registry -r")
REPO_HELP = ("Repository permissions. Use the format \"--repository REPO [ACTION1 ACTION2 ...]\" per flag. Valid "
             "actions are ['content/delete', 'content/read', 'content/write', 'metadata/read', 'metadata/write'].")


def parse_repository_actions(rules: list[list[str]] | None, gateways: list[list[str]] | None = None) -> list[str]:
    """az's `parse_scope_map_actions`: `--repository REPO ACTION [ACTION...]` -> `repositories/repo/action`, then
    `--gateway CONNECTED_REGISTRY ACTION [ACTION...]` -> `gateway/name/action`."""
    return _parse(rules, tokens.REPO_ACTIONS, "repositories") + _parse(gateways, GATEWAY_ACTIONS, "gateway")


def _parse(rules: list[list[str]] | None, valid_actions, prefix: str) -> list[str]:
    actions = []
    for rule in rules or []:
        resource = rule[0].lower()
        if len(rule) < 2:
            raise CliError(f'At least one action must be specified with "{resource}".')
        for action in rule[1:]:
            action = action.lower()
            if action not in valid_actions:
                valid = "{" + ", ".join(f"'{x}'" for x in valid_actions) + "}"
                raise CliError(f'Invalid action "{action}" provided. \nValid actions are {valid}.')
            if prefix == "repositories":
                tokens.validate_repository(resource)
            actions.append(f"{prefix}/{resource}/{action}")
    return actions


def fmt_time(value: str | None) -> str:
    return value[:19] + "Z" if value else " "


def scope_map_table(result):
    rows = result if isinstance(result, list) else [result]
    out = []
    for r in rows:
        desc = r.get("description") or " "
        out.append({"NAME": r["name"], "TYPE": r["scopeMapType"], "CREATION DATE": fmt_time(r["creationDate"]),
                    "DESCRIPTION": desc[:57] + "..." if len(desc) > 57 else desc})
    return out


@command("acr scope-map create", "Create a scope map for an Azure Container Registry.", [
    NAME, REG, RG_OPT,
    Arg("repository", "--repository", REPO_HELP, kind="append"),
    Arg("gateway", "--gateway", "Connected registry permissions.", kind="append"),
    Arg("description", "--description", "Description for the scope map. Maximum 256 characters are allowed."),
], examples=[
    ("Create a scope map that allows content/write and metadata/read actions for `hello-world` repository, and "
     "content/read action for `hello-world-again`.",
     "az acr scope-map create -n MyScopeMap -r myregistry --repository hello-world content/write metadata/read "
     "--repository hello-world-again content/read --description \"Sample scope map.\""),
], table=scope_map_table)
def scope_map_create(ctx, a):
    _description(a)
    reg = load_registry(ctx, a, f"{CR}/read")
    body = {"properties": {"actions": parse_repository_actions(a.repository, a.gateway),
                           "description": a.description}}
    return send(ctx.cloud, ctx.principal, "PUT", f"{reg.id}/scopeMaps/{a.scope_map_name}", body).resource.to_json()


def _description(a) -> None:
    if a.description is not None and len(a.description) > 256:  # acr/_validators.py validate_scope_map_description
        raise CliError("argument --description: the description can be at most 256 characters.")


def _get(ctx, reg, name: str):
    return send(ctx.cloud, ctx.principal, "GET", f"{reg.id}/scopeMaps/{name}").resource


@command("acr scope-map update", "Update a scope map for an Azure Container Registry.", [
    NAME, REG, RG_OPT,
    Arg("add_repository", "--add-repository --add", "Repository permissions to be added. " + REPO_HELP, kind="append"),
    Arg("remove_repository", "--remove-repository --remove", "Repository permissions to be removed. " + REPO_HELP,
        kind="append"),
    Arg("add_gateway", "--add-gateway", "Gateway permissions to be added.", kind="append"),
    Arg("remove_gateway", "--remove-gateway", "Gateway permissions to be removed.", kind="append"),
    Arg("description", "--description", "Description for the scope map. Maximum 256 characters are allowed."),
], examples=[("Update the scope map to add content/delete to `hello-world`.",
              "az acr scope-map update -n MyScopeMap -r myregistry --add-repository hello-world content/delete")],
    table=scope_map_table)
def scope_map_update(ctx, a):
    _description(a)
    reg = load_registry(ctx, a, f"{CR}/read")
    m = _get(ctx, reg, a.scope_map_name)
    if not (a.add_repository or a.remove_repository or a.add_gateway or a.remove_gateway
            or a.description is not None):
        raise CliError("No scope map properties to update.")
    added = parse_repository_actions(a.add_repository, a.add_gateway)
    removed = parse_repository_actions(a.remove_repository, a.remove_gateway)
    both = sorted({x.lower() for x in added} & {x.lower() for x in removed})
    if both:
        raise CliError("Update ambiguity. Duplicate actions were provided with --add and --remove arguments.\n"
                       + "\n".join(both))
    gone = {x.lower() for x in removed}
    current = {x.lower(): x for x in m.actions if x.lower() not in gone}  # acr/scope_map.py: remove, then add
    current.update({x.lower(): x for x in added})
    props: dict = {"actions": list(current.values())}
    if a.description is not None:
        props["description"] = a.description
    return send(ctx.cloud, ctx.principal, "PATCH", m.id, {"properties": props}).resource.to_json()


@command("acr scope-map show", "Show details and attributes of a scope map for an Azure Container Registry.",
         [NAME, REG, RG_OPT], examples=[("Get information for the scope map 'MyScopeMap'.",
                                         "az acr scope-map show -n MyScopeMap -r myregistry")],
         table=scope_map_table)
def scope_map_show(ctx, a):
    reg = load_registry(ctx, a, f"{CR}/read")
    return _get(ctx, reg, a.scope_map_name).to_json()


@command("acr scope-map list", "List all scope maps for an Azure Container Registry.", [REG, RG_OPT],
         examples=[("List scope maps under the registry 'myregistry'.", "az acr scope-map list -r myregistry")],
         table=scope_map_table)
def scope_map_list(ctx, a):
    reg = load_registry(ctx, a, f"{CR}/read")
    return [m.to_json() for m in send(ctx.cloud, ctx.principal, "GET", f"{reg.id}/scopeMaps").resources]


@command("acr scope-map delete", "Delete a scope map for an Azure Container Registry.", [
    NAME, REG, RG_OPT, Arg("yes", "--yes -y", "Do not prompt for confirmation.", kind="flag"),
])
def scope_map_delete(ctx, a):
    reg = load_registry(ctx, a, f"{CR}/read")
    ctx.confirm(f"Deleting the scope map '{a.scope_map_name}' will remove its permissions with associated tokens. "
                "Proceed?")
    m = _get(ctx, reg, a.scope_map_name)
    send(ctx.cloud, ctx.principal, "DELETE", m.id)
    return None
