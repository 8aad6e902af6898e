"""az acr scope-map create|update|show|list|delete."""

from __future__ import annotations

from ....engine import tokens
from ....engine.errors import CliError
from ..framework import Arg, command, group
from .acr import RG_OPT, load_registry, registry_arg

group("acr scope-map", "Manage scope access maps for Azure Container Registries.")
CR = "Microsoft.ContainerRegistry/registries"
NAME = Arg("scope_map_name", "--name -n", "The name of the scope map.", required=True)
REG = registry_arg(options="--registry -r")
REPO_HELP = ("Repository permissions. Use the format \"--repository REPO [ACTION1 ACTION2 ...]\" per flag. Valid "
             "actions are ['content/delete', 'content/read', 'content/write', 'metadata/read', 'metadata/write'].")


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


def _gateway(a):
    if a.get("gateway"):
        raise CliError("Connected registry gateways are not available in the lab.")


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
    _gateway(a)
    reg = load_registry(ctx, a, f"{CR}/read")
    actions = tokens.parse_repository_actions(a.repository)
    ctx.cloud.require(ctx.principal, f"{CR}/scopeMaps/write", f"{reg.id}/scopeMaps/{a.scope_map_name}")
    return tokens.create_scope_map(ctx.cloud, reg, a.scope_map_name, actions, a.description).to_json()


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
    if a.add_gateway or a.remove_gateway:
        raise CliError("Connected registry gateways are not available in the lab.")
    reg = load_registry(ctx, a, f"{CR}/read")
    m = tokens.get_scope_map(reg, a.scope_map_name)
    if not (a.add_repository or a.remove_repository or a.description is not None):
        raise CliError("No scope map properties to update.")
    added = tokens.parse_repository_actions(a.add_repository)
    removed = tokens.parse_repository_actions(a.remove_repository)
    both = sorted({x.lower() for x in added} & {x.lower() for x in removed})
    if both:
        raise CliError("Update ambiguity. Duplicate actions were provided with --add and --remove arguments.\n"
                       + "\n".join(both))
    m = tokens.update_scope_map(ctx.cloud, ctx.principal, reg, m.name, add=added, remove=removed,
                                description=a.description)
    return m.to_json()


@command("acr scope-map show", "Show details and attributes of a scope map for an Azure Container Registry.",
         [NAME, REG, RG_OPT], examples=[("Get information for the scope map 'MyScopeMap'.",
                                         "az acr scope-map show -n MyScopeMap -r myregistry")],
         table=scope_map_table)
def scope_map_show(ctx, a):
    reg = load_registry(ctx, a, f"{CR}/read")
    m = tokens.get_scope_map(reg, a.scope_map_name)
    ctx.cloud.require(ctx.principal, f"{CR}/scopeMaps/read", m.id)
    return m.to_json()


@command("acr scope-map list", "List all scope maps for an Azure Container Registry.", [REG, RG_OPT],
         examples=[("List scope maps under the registry 'myregistry'.", "az acr scope-map list -r myregistry")],
         table=scope_map_table)
def scope_map_list(ctx, a):
    reg = load_registry(ctx, a, f"{CR}/read")
    ctx.cloud.require(ctx.principal, f"{CR}/scopeMaps/read", reg.id + "/scopeMaps")
    tokens.ensure_system_maps(reg)
    return [m.to_json() for m in sorted(reg.scope_maps.values(), key=lambda m: m.name)]


@command("acr scope-map delete", "Delete a scope map for an Azure Container Registry.", [
    NAME, REG, RG_OPT, Arg("yes", "--yes -y", "Do not prompt for confirmation.", kind="flag"),
])
def scope_map_delete(ctx, a):
    reg = load_registry(ctx, a, f"{CR}/read")
    ctx.confirm(f"Deleting the scope map '{a.scope_map_name}' will remove its permissions with associated tokens. "
                "Proceed?")
    m = tokens.get_scope_map(reg, a.scope_map_name)
    ctx.cloud.require(ctx.principal, f"{CR}/scopeMaps/delete", m.id)
    tokens.delete_scope_map(reg, a.scope_map_name)
    return None
