"""az acr connected-registry permissions show|update, and the sync scope maps' bookkeeping that create and delete do
(azure-cli acr/connected_registry.py: the family tree, ancestors' gateway and repository actions). As in azure-cli,
this is client-side: each change is a scope-map PATCH the resource manager judges on its own."""

from __future__ import annotations

from ....engine.arm import send
from ....engine.connected_registries import gateway_actions
from ....engine.errors import CliError
from ..framework import Arg, command, group
from .acr import RG_OPT, load_registry, registry_arg

group("acr connected-registry permissions", "Manage the repository permissions of a connected registry's sync "
      "token.")
CR = "Microsoft.ContainerRegistry/registries"
READ = ["content/read", "metadata/read"]
WRITE = ["content/read", "content/write", "content/delete", "metadata/read", "metadata/write"]
REPO_SCOPES = {"readonly": READ, "readwrite": WRITE}
NAME = Arg("connected_registry_name", "--name -n", "Name for the connected registry. Name must be between 5 to 40 "
           "character long, start with a letter and contain only alphanumeric characters (including '_' or '-'). "
           "Name must be unique under the Cloud ACR hierarchy.", required=True)
REG = registry_arg(options="--registry -r")


def repo_actions(repos: list[str], scopes: list[str]) -> list[str]:
    """azure-cli's parse_scope_map_actions for `[repo] + scopes` rules (names lower-cased)."""
    return [f"repositories/{r.lower()}/{s}" for r in repos for s in scopes]


def all_of(ctx, reg) -> list:
    return send(ctx.cloud, ctx.principal, "GET", f"{reg.id}/connectedRegistries").resources


def family_tree(items: list) -> dict[str, dict]:
    """id -> {connectedRegistry, children}: azure-cli's _get_family_tree."""
    tree = {c.id: {"cr": c, "children": []} for c in items}
    for c in items:
        if c.parent_id and c.parent_id in tree:
            tree[c.parent_id]["children"].append(c.id)
    return tree


def descendants(tree: dict, parent_id: str) -> list:
    """azure-cli's _get_descendants, as written: each child restarts the result, so the last child's line wins."""
    result: list = []
    for child_id in tree[parent_id]["children"]:
        result = [tree[child_id]["cr"]]
        result.extend(descendants(tree, child_id))
    return result


def sync_scope_map(ctx, cr):
    token = send(ctx.cloud, ctx.principal, "GET", cr.token_id).resource
    return send(ctx.cloud, ctx.principal, "GET", token.scope_map_id).resource


def update_repo_permissions(ctx, cr, add: set[str], remove: set[str], msg: str) -> None:
    """azure-cli's _update_repo_permissions: PATCH the sync scope map when its actions change."""
    sm = sync_scope_map(ctx, cr)
    current = set(sm.actions)
    final = (current | add) - remove
    if final == current:
        return
    ctx.warn(msg)
    send(ctx.cloud, ctx.principal, "PATCH", sm.id, {"properties": {"actions": sorted(final)}})


def update_ancestors(ctx, tree: dict, parent_id: str | None, gateway: str, repos: list[str] | None = None,
                     mode: str | None = None, remove: bool = False) -> None:
    """azure-cli's _update_ancestor_permissions: a new child's gateway (and repository) actions go into every
    ancestor's sync scope map; a deleted child's gateway actions come out of them."""
    gw = set(gateway_actions(gateway))
    repo_msg = ""
    if repos is not None and mode is not None:
        repo_msg = f" and repo(s) '{', '.join(repos)}' {mode} permissions"
    add = set() if remove else gw | set(repo_actions(repos or [], REPO_SCOPES.get(mode or "", [])))
    drop = gw if remove else set()
    verb = "Removing" if remove else "Adding"
    while parent_id and parent_id in tree:
        ancestor = tree[parent_id]["cr"]
        update_repo_permissions(ctx, ancestor, add, drop, f"{verb} '{gateway}' gateway permissions{repo_msg} to "
                                                          f"connected registry '{ancestor.name}' sync scope map.")
        parent_id = ancestor.parent_id


def shown(ctx, reg, name: str):
    return send(ctx.cloud, ctx.principal, "GET", f"{reg.id}/connectedRegistries/{name}").resource


@command("acr connected-registry permissions show", "Show the connected registry sync scope map information.",
         [NAME, REG, RG_OPT], examples=[("Show the connected registry sync scope map information.",
                                         "az acr connected-registry permissions show --registry mycloudregistry "
                                         "--name myconnectedregistry")])
def permissions_show(ctx, a):
    reg = load_registry(ctx, a, f"{CR}/read")
    return sync_scope_map(ctx, shown(ctx, reg, a.connected_registry_name)).to_json()


@command("acr connected-registry permissions update", "Add and remove repository permissions across a connected "
         "registry's hierarchy.", [
             NAME, REG, RG_OPT,
             Arg("add_repos", "--add", "repository permissions to be added to the targeted connected registry and "
                 "it's ancestors sync scope maps. Use the format \"--add [REPO1 REPO2 ...]\" per flag.", kind="star"),
             Arg("remove_repos", "--remove", "respsitory permissions to be removed from the targeted connected "
                 "registry and it's succesors sync scope maps. Use the format \"--remove [REPO1 REPO2 ...]\" per "
                 "flag.", kind="star"),
         ], examples=[("Add permissions to synchronize images for repo1 and repo2 to the connected registry "
                       "myconnectedregistry and its ancestors.",
                       "az acr connected-registry permissions update -r mycloudregistry -n myconnectedregistry "
                       "--add repo1 repo2")])
def permissions_update(ctx, a):
    if not (a.add_repos or a.remove_repos):
        raise CliError("No repository permissions to update.")
    reg = load_registry(ctx, a, f"{CR}/read")
    both = set(a.add_repos or []) & set(a.remove_repos or [])
    if both:
        raise CliError("Update ambiguity. Duplicate repository names were provided with --add and --remove "
                       f"arguments.\n{sorted(both)}")
    items = all_of(ctx, reg)
    tree = family_tree(items)
    target = next((c for c in items if c.name == a.connected_registry_name), None)
    if target is None:
        raise CliError(f"Connected registry '{a.connected_registry_name}' doesn't exist.")
    remove_set: set[str] = set()
    if a.remove_repos:
        remove_txt = ", ".join(a.remove_repos)
        remove_set = set(repo_actions(a.remove_repos, WRITE))
        for cr in descendants(tree, target.id):
            update_repo_permissions(ctx, cr, set(), remove_set,
                                    f"Removing '{remove_txt}' repository permissions from {cr.name}")
    add_set: set[str] = set()
    if a.add_repos:
        add_txt = ", ".join(a.add_repos)
        add_set = set(repo_actions(a.add_repos, REPO_SCOPES[target.mode.lower()]))
        parent_id = target.parent_id
        while parent_id and parent_id in tree:
            cr = tree[parent_id]["cr"]
            update_repo_permissions(ctx, cr, add_set, set(), f"Adding '{add_txt}' repository permissions to {cr.name}")
            parent_id = cr.parent_id
    if a.add_repos and a.remove_repos:
        msg = f"Adding '{add_txt}' and removing '{remove_txt}' repository permissions in {target.name}"
    elif a.add_repos:
        msg = f"Adding '{add_txt}' repository permissions to {target.name}"
    else:
        msg = f"Removing '{remove_txt}' repository permissions from {target.name}"
    update_repo_permissions(ctx, target, add_set, remove_set, msg)
    return None
