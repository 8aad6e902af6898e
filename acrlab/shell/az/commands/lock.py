"""az lock create|list|show|update|delete (azure-cli resource module, locks): the scope is the subscription, a
resource group (-g) or a resource (-g with --resource/--resource-type[/--namespace/--parent] or --ids). What a lock
refuses is decided by the engine (engine/locks.py), for every front end."""

from __future__ import annotations

from ....engine.arm import send
from ....engine.errors import CliError
from ..framework import Arg, command, group

group("lock", "Manage Azure locks.")

LOCKS = "providers/Microsoft.Authorization/locks"
SCOPE_ARGS = [
    Arg("resource_group", "--resource-group -g", "Name of resource group. You can configure the default group using "
        "`az configure --defaults group=<name>`.", default_key="group"),
    Arg("resource_name", "--resource --resource-name", "Name or ID of the resource being locked. If an ID is given, "
        "other resource arguments should not be given."),
    Arg("resource_type", "--resource-type", "The resource type of the resource being locked. Can include the "
        "namespace, for example Microsoft.Network/virtualNetworks."),
    Arg("namespace", "--namespace", "The resource provider namespace of the resource being locked."),
    Arg("parent", "--parent", "The parent resource path of the resource being locked."),
]


def lock_scope(ctx, a) -> str:
    """azure-cli _validate_lock_params_match_lock / _resource_lock_id: the id the lock is placed on."""
    sub = ctx.subscription.id
    name = a.resource_name
    if name and name.lower().startswith("/subscriptions/"):
        if a.resource_type or a.namespace or a.parent:
            raise CliError("usage error: --resource ID | --resource NAME --resource-type TYPE "
                           "--resource-group GROUP [--namespace NAMESPACE] [--parent PARENT]")
        return name.rstrip("/")
    if name is None:
        if a.resource_type or a.namespace or a.parent:
            raise CliError("--resource is required when --resource-type, --namespace or --parent is used")
        return f"{sub}/resourceGroups/{a.resource_group}" if a.resource_group else sub
    if not a.resource_group:
        raise CliError("--resource-group is required when locking a resource by name")
    if not a.resource_type:
        raise CliError("--resource-type is required when locking a resource by name")
    namespace, rtype = a.namespace, a.resource_type
    if "/" in rtype:
        namespace, rtype = rtype.rsplit("/", 1) if namespace is None else (namespace, rtype.rsplit("/", 1)[1])
    if not namespace:
        raise CliError("--namespace is required when --resource-type has no namespace")
    parent = f"/{a.parent.strip('/')}" if a.parent else ""
    return f"{sub}/resourceGroups/{a.resource_group}/providers/{namespace}{parent}/{rtype}/{name}"


def _lock_id(ctx, a) -> str:
    if a.get("ids"):
        return a.ids
    if not a.name:
        raise CliError("usage error: --name NAME [scope arguments] | --ids ID")
    return f"{lock_scope(ctx, a)}/{LOCKS}/{a.name}"


@command("lock create", "Create a lock.", [
    Arg("name", "--name -n", "Name of the lock.", required=True),
    Arg("lock_type", "--lock-type -t", "The type of lock restriction.", required=True,
        choices=["CanNotDelete", "ReadOnly"]),
    Arg("notes", "--notes", "Notes about this lock."),
    *SCOPE_ARGS,
], examples=[
    ("Create a read-only subscription level lock.", "az lock create --name lockName --lock-type ReadOnly"),
    ("Create a read-only resource group level lock.",
     "az lock create --name lockName --resource-group group --lock-type ReadOnly"),
    ("Create a read-only resource level lock on a vnet resource.",
     "az lock create --name lockName --resource-group group --lock-type ReadOnly --resource-type "
     "Microsoft.Network/virtualNetworks --resource myVnet"),
])
def lock_create(ctx, a):
    body = {"properties": {"level": a.lock_type, **({"notes": a.notes} if a.notes is not None else {})}}
    return send(ctx.cloud, ctx.principal, "PUT", _lock_id(ctx, a), body).resource.to_json()


ID_ARGS = [Arg("name", "--name -n", "Name of the lock."),
           Arg("ids", "--ids", "ID of the lock. If provided, no other 'Resource Id' arguments should be specified.")]


@command("lock show", "Show the properties of a lock.", [*ID_ARGS, *SCOPE_ARGS],
         examples=[("Show a subscription level lock", "az lock show -n lockname")])
def lock_show(ctx, a):
    return send(ctx.cloud, ctx.principal, "GET", _lock_id(ctx, a)).resource.to_json()


@command("lock update", "Update a lock.", [
    *ID_ARGS, Arg("lock_type", "--lock-type -t", "The type of lock restriction.", choices=["CanNotDelete", "ReadOnly"]),
    Arg("notes", "--notes", "Notes about this lock."), *SCOPE_ARGS,
], examples=[("Update a resource group level lock with new notes and type",
              "az lock update --name lockName --resource-group group --notes newNotesHere --lock-type CanNotDelete")])
def lock_update(ctx, a):
    rid = _lock_id(ctx, a)
    current = send(ctx.cloud, ctx.principal, "GET", rid).resource
    body = {"properties": {"level": a.lock_type or current.level,
                           "notes": a.notes if a.notes is not None else current.notes}}
    return send(ctx.cloud, ctx.principal, "PUT", rid, body).resource.to_json()


@command("lock delete", "Delete a lock.", [*ID_ARGS, *SCOPE_ARGS],
         examples=[("Delete a resource group-level lock", "az lock delete --name lockName --resource-group group")])
def lock_delete(ctx, a):
    send(ctx.cloud, ctx.principal, "DELETE", _lock_id(ctx, a))
    return None


@command("lock list", "List lock information.", [
    Arg("filter_string", "--filter-string", "A query filter to use to restrict the results."), *SCOPE_ARGS,
], examples=[("List out all locks on the subscription level", "az lock list")])
def lock_list(ctx, a):
    found = send(ctx.cloud, ctx.principal, "GET", f"{lock_scope(ctx, a)}/{LOCKS}").resources
    if a.filter_string:
        import re

        m = re.fullmatch(r"\s*(?:name|level)\s+eq\s+'([^']*)'\s*", a.filter_string, re.I)
        if m is None:
            raise CliError("The lab supports --filter-string \"name eq 'NAME'\" or \"level eq 'LEVEL'\" only.")
        key = "name" if a.filter_string.strip().lower().startswith("name") else "level"
        found = [lk for lk in found if getattr(lk, key).lower() == m.group(1).lower()]
    return [lk.to_json() for lk in found]
