"""az acr connected-registry create|update|show|list|delete|deactivate|list-client-tokens|get-settings (azure-cli
acr/connected_registry.py; arguments and defaults as the az reference of 2026-08 has them: MicrosoftDocs/azure-docs-cli
docs-ref-autogen/Latest-version/latest/acr/connected-registry.yml). Every rule of the resource is the resource
manager's (engine/arm/providers/connected_registries.py); this module keeps az's client-side checks, the sync token and
scope map az creates, and az's output (ISO durations print as Python timedeltas, as azure-cli's todict does)."""

from __future__ import annotations

from ....engine.arm import send
from ....engine.connected_registries import gateway_actions, parse_duration
from ....engine.errors import CliError, ResourceNotFound
from ..framework import Arg, command, group
from .acr import RG_OPT, load_registry, rows_of
from .connected_registry_perms import (
    NAME,
    REG,
    REPO_SCOPES,
    all_of,
    descendants,
    family_tree,
    repo_actions,
    shown,
    update_ancestors,
)

group("acr connected-registry", "Manage connected registry resources with Azure Container Registries.")
CR = "Microsoft.ContainerRegistry/registries"
YES = Arg("yes", "--yes -y", "Do not prompt for confirmation.", kind="flag")
LOG_HELP = ("Set the log level for logging on the instance. Accepted log levels are Debug, Information, Warning, "
            "Error, and None.")
SCHEDULE_HELP = ("Optional parameter to define the sync schedule. Uses cron expression to determine the schedule. If "
                 "not specified, the instance is considered always online and attempts to sync every minute.")
TTL_HELP = "Determine how long the sync messages will be kept in the cloud. Uses ISO 8601 duration format."
GC_HELP = "Indicate whether garbage collection is enabled. It is enabled by default."
GC_SCHEDULE_HELP = ("Used to determine garbage collection schedule. Uses cron expression to determine the schedule. If "
                    "not specified, garbage collection is set to run once a day.")


def _td(value):
    d = parse_duration(value) if isinstance(value, str) else None
    return str(d) if d is not None else value


def az_json(cr) -> dict:
    """azure-cli's output: the SDK deserializes messageTtl and syncWindow into timedeltas, printed with str()
    (azure-cli test_acr_connectedregistry: syncWindow PT4H prints '4:00:00')."""
    out = cr.to_json()
    sync = out["parent"]["syncProperties"]
    sync["messageTtl"], sync["syncWindow"] = _td(sync["messageTtl"]), _td(sync["syncWindow"])
    return out


def _value(item, *keys) -> str:
    for k in keys:
        item = item.get(k) if isinstance(item, dict) else None
    return str(item) if item or item == 0 else " "


def _parent_name(r) -> str:
    pid = _value(r, "parent", "id")
    return "" if pid.isspace() else pid.split("/connectedRegistries/")[1]


def show_table(result):
    # azure-cli acr/_format.py _connected_registry_format_group
    return [{"NAME": _value(r, "name"), "MODE": _value(r, "mode"), "CONNECTION STATE": _value(r, "connectionState"),
             "PARENT": _parent_name(r), "LOGIN SERVER": _value(r, "loginServer", "host"),
             "LAST SYNC (UTC)": _value(r, "parent", "syncProperties", "lastSyncTime"),
             "SYNC SCHEDULE": _value(r, "parent", "syncProperties", "schedule"),
             "SYNC WINDOW": _value(r, "parent", "syncProperties", "syncWindow")} for r in rows_of(result)]


def list_table(result):
    # azure-cli acr/_format.py _connected_registry_list_format_group (the page's sample output has these columns)
    return [{"NAME": _value(r, "name"), "MODE": _value(r, "mode"), "CONNECTION STATE": _value(r, "connectionState"),
             "PARENT": _parent_name(r), "LOGIN SERVER": _value(r, "loginServer", "host"),
             "LAST SYNC (UTC)": _value(r, "parent", "syncProperties", "lastSyncTime")} for r in rows_of(result)]


def _send(ctx, method, rid, body=None, **kw):
    return send(ctx.cloud, ctx.principal, method, rid, body, **kw)


@command("acr connected-registry create", "Create a connected registry for an Azure Container Registry.", [
    NAME, REG, RG_OPT,
    Arg("repositories", "--repository", "Specify the repositories that need to be sync to the connected registry. It "
        "can be in the format [REPO01] [REPO02]...", kind="list"),
    Arg("sync_token_name", "--sync-token", "Specifies the sync token used to synchronize the connected registry with "
        "its parent. It most have only repo permissions and at least the actions required for its mode. It can "
        "include access for multiple repositories."),
    Arg("client_token_list", "--client-tokens", "Specify the client access to the repositories in the connected "
        "registry. It can be in the format [TOKEN_NAME01] [TOKEN_NAME02]...", kind="list"),
    Arg("mode", "--mode -m", "Determine the access it will have when synchronized.", choices=["ReadOnly", "ReadWrite"],
        default="ReadOnly"),
    Arg("parent_name", "--parent -p", "The name of the parent connected registry."),
    Arg("sync_schedule", "--sync-schedule -s", SCHEDULE_HELP, default="* * * * *"),
    Arg("sync_message_ttl", "--sync-message-ttl", TTL_HELP, default="P2D"),
    Arg("sync_window", "--sync-window -w", "Required parameter if --sync-schedule is present. Used to determine the "
        "schedule duration. Uses ISO 8601 duration format."),
    Arg("log_level", "--log-level", LOG_HELP, default="Information"),
    Arg("notifications", "--notifications", "List of artifact pattern for which notifications need to be generated. "
        "Use the format \"--notifications [PATTERN1 PATTERN2 ...]\".", kind="list"),
    Arg("gc_enabled", "--gc-enabled", GC_HELP, kind="bool", default=True),
    Arg("gc_schedule", "--gc-schedule", GC_SCHEDULE_HELP, default="0 0 * * *"),
    YES,
], examples=[
    ("Create a connected registry in registry mode with access to repos app/hello-world and service/mycomponent. "
     "It'll create a sync token and scope-map with the right repo permissions.",
     "az acr connected-registry create --registry mycloudregistry --name myconnectedregistry --repository "
     "\"app/hello-world\" \"service/mycomponent\""),
    ("Create a read only connected registry with only read permissions and pass the sync token",
     "az acr connected-registry create --registry mycloudregistry  --name myreadonlyacr --mode readonly --parent "
     "myconnectedregistry --sync-token mySyncTokenName"),
], table=show_table)
def cr_create(ctx, a):
    name = a.connected_registry_name
    if bool(a.sync_token_name) == bool(a.repositories):
        raise CliError("argument error: either --sync-token or --repository must be provided, but not both.")
    if len(name) < 5:  # the sync token's gateway actions need 5 characters at least
        raise CliError("argument error: Connected registry name must be at least 5 characters long.")
    reg = load_registry(ctx, a, f"{CR}/read")
    if not reg.data_endpoint_enabled:
        ctx.confirm("Dedicated data endpoints must be enabled to use connected-registry. Enabling might impact your "
                    f"firewall rules. Are you sure you want to enable it for '{reg.name}' registry?")
        _send(ctx, "PATCH", reg.id, {"properties": {"dataEndpointEnabled": True}})
    mode = a.mode.lower()
    parent = None
    if a.parent_name:
        try:
            parent = shown(ctx, reg, a.parent_name)
        except ResourceNotFound:  # az turns the parent's 404 into its own text
            raise CliError(f"The parent connected registry '{a.parent_name}' could not be found.") from None
        tree = family_tree(all_of(ctx, reg))
        if parent.mode.lower() not in ("readwrite", mode):
            raise CliError(f"Can't create the registry '{name}' with mode '{mode}' when the connected registry parent "
                           f"'{a.parent_name}' mode is '{parent.mode}'. For more information on connected registries "
                           "please visit https://aka.ms/acr/connected-registry.")
        update_ancestors(ctx, tree, parent.id, name, a.repositories, mode)
    if a.sync_token_name:
        token_id = f"{reg.id}/tokens/{a.sync_token_name}"
    else:
        token_id = _create_sync_token(ctx, reg, name, a.repositories, mode)
    sync = {"tokenId": token_id, "schedule": a.sync_schedule, "messageTtl": a.sync_message_ttl}
    if a.sync_window:
        sync["syncWindow"] = a.sync_window
    props: dict = {"mode": mode, "parent": {"syncProperties": sync},
                   "logging": {"logLevel": a.log_level, "auditLogStatus": "Disabled"},
                   "garbageCollection": {"enabled": a.gc_enabled, "schedule": a.gc_schedule}}
    if parent is not None:
        props["parent"]["id"] = parent.id
    if a.client_token_list:
        props["clientTokenIds"] = [f"{reg.id}/tokens/{t}" for t in a.client_token_list]
    if a.notifications:
        props["notificationsList"] = sorted(set(a.notifications))
    return az_json(_send(ctx, "PUT", f"{reg.id}/connectedRegistries/{name}", {"properties": props}).resource)


def _create_sync_token(ctx, reg, name: str, repos: list[str], mode: str) -> str:
    """azure-cli's _create_sync_token: a scope map and a token named after the connected registry."""
    ctx.warn(f"If sync scope map '{name}' already exists, its actions will be overwritten")
    actions = repo_actions(repos, REPO_SCOPES[mode]) + gateway_actions(name)
    body = {"properties": {"actions": actions, "description": f"Created by connected registry sync token: {name}"}}
    scope_map = _send(ctx, "PUT", f"{reg.id}/scopeMaps/{name}", body).resource
    ctx.warn(f"If sync token '{name}' already exists, it properties will be overwritten")
    token = _send(ctx, "PUT", f"{reg.id}/tokens/{name}", {"properties": {"scopeMapId": scope_map.id,
                                                                         "status": "enabled"}}).resource
    return token.id


def _names_to_ids(reg, names: list[str] | None) -> set[str]:
    return {f"{reg.id}/tokens/{n}" for n in names or []}


@command("acr connected-registry update", "Update a connected registry for an Azure Container Registry.", [
    NAME, REG, RG_OPT,
    Arg("add_client_token_list", "--add-client-tokens", "Client tokens to be added. Use the format "
        "\"--add-client-tokens [TOKEN_NAME1 TOKEN_NAME2 ...]\" per token id.", kind="star"),
    Arg("remove_client_token_list", "--remove-client-tokens", "Client tokens to be removed. Use the format "
        "\"--remove-client-tokens [TOKEN_NAME1 TOKEN_NAME2 ...]\" per token id.", kind="star"),
    Arg("sync_schedule", "--sync-schedule -s", SCHEDULE_HELP),
    Arg("sync_window", "--sync-window -w", "Used to determine the schedule duration. Uses ISO 8601 duration format."),
    Arg("log_level", "--log-level", LOG_HELP),
    Arg("sync_message_ttl", "--sync-message-ttl", TTL_HELP),
    Arg("add_notifications", "--add-notifications", "List of artifact pattern to be added to notifications list. Use "
        "the format \"--add-notifications [PATTERN1 PATTERN2 ...]\".", kind="star"),
    Arg("remove_notifications", "--remove-notifications", "List of artifact pattern to be removed from notifications "
        "list. Use the format \"--remove-notifications [PATTERN1 PATTERN2 ...]\".", kind="star"),
    Arg("gc_enabled", "--gc-enabled", GC_HELP, kind="bool"),
    Arg("gc_schedule", "--gc-schedule", GC_SCHEDULE_HELP),
], examples=[
    ("Update the connected registry to sync every day at noon UTC for four hours.",
     "az acr connected-registry update -r mycloudregistry -n myconnectedregistry --sync-schedule \"0 12 * * *\" "
     "--sync-window PT4H"),
], table=show_table)
def cr_update(ctx, a):
    reg = load_registry(ctx, a, f"{CR}/read")
    current = shown(ctx, reg, a.connected_registry_name)
    add, remove = _names_to_ids(reg, a.add_client_token_list), _names_to_ids(reg, a.remove_client_token_list)
    if add & remove:
        dup = sorted(i[i.rfind("/") + 1:] for i in add & remove)
        raise CliError("Update ambiguity. Duplicate client token ids were provided with --add-client-tokens and "
                       f"--remove-client-tokens arguments.\n{dup}")
    have = set(current.client_token_ids or [])
    tokens = (have | add) - remove
    add_n, remove_n = set(a.add_notifications or []), set(a.remove_notifications or [])
    if add_n & remove_n:
        raise CliError("Update ambiguity. Duplicate notifications list were provided with --add-notifications and "
                       f"--remove-notifications arguments.\n{sorted(add_n & remove_n)}")
    have_n = set(current.notifications or [])
    notes = (have_n | add_n) - remove_n
    sync = {k: v for k, v in (("schedule", a.sync_schedule), ("messageTtl", a.sync_message_ttl),
                              ("syncWindow", a.sync_window)) if v is not None}
    props: dict = {"syncProperties": sync}
    if a.log_level is not None:
        props["logging"] = {"logLevel": a.log_level}
    if a.gc_enabled is not None or a.gc_schedule is not None:
        props["garbageCollection"] = {k: v for k, v in (("enabled", a.gc_enabled), ("schedule", a.gc_schedule))
                                      if v is not None}
    if tokens != have:
        props["clientTokenIds"] = sorted(tokens)
    if notes != have_n:
        props["notificationsList"] = sorted(notes)
    return az_json(_send(ctx, "PATCH", current.id, {"properties": props}).resource)


@command("acr connected-registry show", "Show connected registry details.", [NAME, REG, RG_OPT],
         examples=[("Show all the details of the 'myreadonlyacr' registry in table form.",
                    "az acr connected-registry show --registry mycloudregistry --name myreadonlyacr --output table")],
         table=show_table)
def cr_show(ctx, a):
    reg = load_registry(ctx, a, f"{CR}/read")
    return az_json(shown(ctx, reg, a.connected_registry_name))


@command("acr connected-registry list", "Lists all the connected registries under the current parent registry.", [
    REG, RG_OPT,
    Arg("parent_name", "--parent -p", "The name of the parent connected registry."),
    Arg("no_children", "--no-children", "Used to remove all children from the list.", kind="flag"),
], examples=[("List all the connected registries of 'mycloudregistry' in table format.",
              "az acr connected-registry list --registry mycloudregistry --output table")], table=list_table)
def cr_list(ctx, a):
    reg = load_registry(ctx, a, f"{CR}/read")
    items = all_of(ctx, reg)
    if a.no_children:
        if a.parent_name:
            items = [c for c in items if c.parent_id and c.parent_id.endswith(a.parent_name)]
        else:
            items = [c for c in items if not c.parent_id]
    elif a.parent_name:
        parent = next((c for c in items if c.name == a.parent_name), None)
        if parent is None:
            raise CliError(f"Parent connected registry '{a.parent_name}' doesn't exist.")
        items = descendants(family_tree(items), parent.id)
    return [az_json(c) for c in items]


@command("acr connected-registry delete", "Delete a connected registry from Azure Container Registry.", [
    NAME, REG, RG_OPT, YES,
    Arg("cleanup", "--cleanup", "It will aslo delete the sync token and the scope map resources.", kind="flag"),
], examples=[("Delete a mycloudregistry connected registry 'myconnectedregistry' and its sync token and scope map.",
              "az acr connected-registry delete -r mycloudregistry -n myconnectedregistry --cleanup")])
def cr_delete(ctx, a):
    name = a.connected_registry_name
    reg = load_registry(ctx, a, f"{CR}/read")
    extra = "" if a.cleanup else " without cleanup flag enabled"
    ctx.confirm(f"Are you sure you want to delete the connected registry '{name}' in '{a.registry_name}'{extra}?")
    cr = shown(ctx, reg, name)
    _send(ctx, "DELETE", cr.id)
    token = _send(ctx, "GET", cr.token_id).resource
    map_name = token.scope_map_id.split("/scopeMaps/")[1]
    if a.cleanup:
        _send(ctx, "DELETE", token.id)
        _send(ctx, "DELETE", f"{reg.id}/scopeMaps/{map_name}")
        update_ancestors(ctx, family_tree(all_of(ctx, reg)), cr.parent_id, name, remove=True)
    else:
        ctx.warn("Connected registry successfully deleted. Please cleanup your sync tokens and scope maps. Run the "
                 f"following commands for cleanup: \n\taz acr token delete -n {token.name} -r {a.registry_name} "
                 f"--yes\n\taz acr scope-map delete -n {map_name} -r {a.registry_name} --yes\nRun the following "
                 "command on all ascendency to remove the deleted registry gateway access: \n\taz acr scope-map "
                 f"update -n <scope-map-name> -r {a.registry_name} --remove-gateway {name} config/read config/write "
                 "message/read message/write")
    return None


@command("acr connected-registry deactivate", "Deactivate a connected registry from Azure Container Registry.",
         [NAME, REG, RG_OPT, YES], examples=[("Deactivate a connected registry 'myconnectedregistry'.",
                                               "az acr connected-registry deactivate -r mycloudregistry -n "
                                               "myconnectedregistry")])
def cr_deactivate(ctx, a):
    reg = load_registry(ctx, a, f"{CR}/read")
    ctx.confirm(f"Are you sure you want to deactivate the connected registry '{a.connected_registry_name}' in "
                f"'{a.registry_name}'?")
    _send(ctx, "POST", f"{reg.id}/connectedRegistries/{a.connected_registry_name}", action="deactivate")
    return None


@command("acr connected-registry list-client-tokens", "List all the client tokens associated to a specific connected "
         "registries.", [NAME, REG, RG_OPT],
         examples=[("List all client tokens associated to the connected registry 'myconnectedregistry' in table "
                    "format.", "az acr connected-registry list-client-tokens -r mycloudregistry -n myconnectedregistry "
                               "-o table")])
def cr_list_client_tokens(ctx, a):
    reg = load_registry(ctx, a, f"{CR}/read")
    cr = shown(ctx, reg, a.connected_registry_name)
    return [_send(ctx, "GET", t).resource.to_json() for t in cr.client_token_ids or []]


@command("acr connected-registry get-settings", "Retrieve information required to activate a connected registry, "
         "and creates or rotates the sync token credentials.", [
             NAME, REG, RG_OPT, YES,
             Arg("parent_protocol", "--parent-protocol", "Specify the protocol used to communicate with its parent.",
                 required=True, choices=["http", "https"]),
             Arg("generate_password", "--generate-password", "Select which password you want to generate, and it is "
                 "required to retrieve the password from the sync token.", choices=["1", "2"]),
         ], examples=[("Get the connection string and generate the sync token's password 1.",
                       "az acr connected-registry get-settings -r mycloudregistry -n myconnectedregistry "
                       "--generate-password 1 --parent-protocol https")])
def cr_get_settings(ctx, a):
    reg = load_registry(ctx, a, f"{CR}/read")
    cr = shown(ctx, reg, a.connected_registry_name)
    token_name = cr.token_id.split("/tokens/")[1]
    if a.generate_password:
        ctx.confirm(f"Are you sure you want to generate a new sync token '{token_name}' password"
                    f"{a.generate_password}?")
        body = {"tokenId": cr.token_id, "name": f"password{a.generate_password}"}
        creds = _send(ctx, "POST", reg.id, body, action="generateCredentials").body
        user = creds["username"]
        password = next(p["value"] for p in creds["passwords"] if p["name"].endswith(a.generate_password))
        ctx.warn("Please store your generated credentials safely.")
    else:
        user, password = token_name, "<use --generate-password to generate a new password>"
    gateway = cr.gateway_endpoint or "<parent gateway endpoint>"
    if cr.parent_id:
        protocol = a.parent_protocol
    else:
        if a.parent_protocol != "https":
            ctx.warn("Parent endpoint protocol must be 'https' when parent is a cloud registry.")
        protocol = "https"
    return {"ACR_REGISTRY_CONNECTION_STRING": f"ConnectedRegistryName={cr.name};SyncTokenName={user};"
                                              f"SyncTokenPassword={password};ParentGatewayEndpoint={gateway};"
                                              f"ParentEndpointProtocol={protocol}",
            "ACR_REGISTRY_CERTIFICATE_VOLUME": "/var/acr/certs", "ACR_REGISTRY_DATA_VOLUME": "/var/acr/data",
            "ACR_REGISTRY_LOGIN_SERVER": "<Optional: connected registry login server. More info at "
                                         "https://aka.ms/acr/connected-registry>",
            "SYNC_TOKEN_PASSWORD": password, "SYNC_TOKEN_USER": user}

