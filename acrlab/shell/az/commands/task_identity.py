"""az acr task identity assign|remove|show and az acr task credential add|update|remove|list.

Shapes, messages and help from azure-cli acr/task.py (acr_task_identity_*, acr_task_credential_*),
_params.py ('acr task identity', 'acr task credential'), _help.py and _format.py (task_identity_format).
"""

from __future__ import annotations

from ....engine import task_changes
from ....engine.errors import CliError
from ..framework import Arg, command, group
from .acr import RG_OPT, load_registry
from .task import NAME, REG, task_table

group("acr task identity", "Managed Identities for Task. Please see https://aka.ms/acr/tasks/task-create-managed-"
      "identity for more information.")
group("acr task credential", "Manage credentials for a task. Please see https://aka.ms/acr/tasks/cross-registry-"
      "authentication for more information.")

IDENTITIES = Arg("identities", "--identities", "Assigns managed identities to the task. Use '[system]' to refer to the "
                 "system-assigned identity or a resource ID to refer to a user-assigned identity.", kind="star")
LOGIN_SERVER = Arg("login_server", "--login-server", "The login server of the custom registry. For instance, "
                   "'myregistry.azurecr.io'.", required=True)
SECRET_ARGS = [
    Arg("username", "--username -u", "The username to login to the custom registry. This can be plain text or a key "
        "vault secret URI."),
    Arg("password", "--password -p", "The password to login to the custom registry. This can be plain text or a key "
        "vault secret URI."),
    Arg("use_identity", "--use-identity", "The task managed identity used for the credential. Use '[system]' to refer "
        "to the system-assigned identity or a client id to refer to a user-assigned identity. Please see "
        "https://aka.ms/acr/tasks/cross-registry-authentication for more information."),
]
UAI = "/subscriptions/<SUBSCRIPTON ID>/resourcegroups/<RESOURCE GROUP>/providers/Microsoft.ManagedIdentity/" \
      "userAssignedIdentities/myUserAssignedIdentitiy"


def identity_table(result):
    """_format.py _task_identity_format_group (commands.py: only `identity show` uses it)."""
    rows = result if isinstance(result, list) else [result]
    out = []
    for r in rows:
        users = list((r or {}).get("userAssignedIdentities") or [])
        out.append({"PRINCIPAL ID": (r or {}).get("principalId") or " ", "TENANT ID": (r or {}).get("tenantId") or " ",
                    "TYPE": (r or {}).get("type") or " ", "USER ASSIGNED IDENTITIES": "\n".join(users) or " "})
    return out


def _identity_of(ctx, task) -> dict:
    return task.identity or {}


@command("acr task identity assign", "Update the managed identity for a task.", [NAME, REG, RG_OPT, IDENTITIES],
         examples=[
             ("Enable the system-assigned identity on an existing task. This will replace all existing user-assigned "
              "identities for that task.", "az acr task identity assign -n MyTask -r MyRegistry"),
             ("Assign user-assigned managed identities to an existing task. This will remove the existing "
              "system-assigned identity.", f"az acr task identity assign -n MyTask -r MyRegistry --identities \"{UAI}\""),
             ("Assign both system-assigned and user-assigned managed identities to an existing task.",
              f"az acr task identity assign -n MyTask -r MyRegistry --identities [system] \"{UAI}\""),
         ], table=task_table)
def identity_assign(ctx, a):
    return task_changes.assign_identity(ctx.cloud, ctx.principal, load_registry(ctx, a), a.task_name,
                                        a.identities).to_json()


@command("acr task identity remove", "Remove managed identities for a task.", [NAME, REG, RG_OPT, IDENTITIES],
         examples=[
             ("Remove the system-assigned identity from a task.", "az acr task identity remove -n MyTask -r MyRegistry"),
             ("Remove a user-assigned identity from a task.",
              f"az acr task identity remove -n MyTask -r MyRegistry --identities \"{UAI}\""),
             ("Remove all managed identities from a task.",
              "az acr task identity remove -n MyTask -r MyRegistry --identities [all]"),
         ], table=task_table)
def identity_remove(ctx, a):
    def check(task) -> None:
        if "[all]" in (a.identities or []) and len(a.identities) > 1:  # acr/task.py acr_task_identity_remove
            raise CliError("Cannot specify additional identities when [all] is used in [--identities]")
    return task_changes.remove_identity(ctx.cloud, ctx.principal, load_registry(ctx, a), a.task_name, a.identities,
                                        check).to_json()


@command("acr task identity show", "Display the managed identities for task.", [NAME, REG, RG_OPT],
         examples=[("Display the managed identities for a task.", "az acr task identity show -n MyTask -r MyRegistry")],
         table=identity_table)
def identity_show(ctx, a):
    return _identity_of(ctx, task_changes.read(ctx.cloud, ctx.principal, load_registry(ctx, a), a.task_name))


def _check_pair(username, password, use_identity) -> None:
    """acr/_utils.py get_custom_registry_credentials: a username needs its password, or an identity is used."""
    if not (username or password or use_identity):
        raise CliError("Provide either --username and --password, or --use-identity.")
    if bool(username) != bool(password) and not use_identity:
        raise CliError("Both --username and --password must be provided.")


@command("acr task credential add", "Add a custom registry login credential to the task", [
    NAME, REG, RG_OPT, LOGIN_SERVER, *SECRET_ARGS,
], examples=[
    ("Add a registry login credential to a task using a plain text username and password.",
     "az acr task credential add -n taskname -r registryname --login-server myregistry.docker.io -u myusername "
     "-p mysecret"),
    ("Add a registry login credential to a task that uses only the task system-assigned identity to authenticate to "
     "the registry.", "az acr task credential add -n taskname -r registryname --login-server myregistry.docker.io "
     "--use-identity [system]"),
], table=task_table)
def credential_add(ctx, a):
    def check(task) -> None:
        if a.login_server in task.custom_registries:  # acr/task.py acr_task_credential_add
            raise CliError(f"Login server '{a.login_server}' already exists. You cannot add it again.")
        _check_pair(a.username, a.password, a.use_identity)
    return task_changes.set_credential(ctx.cloud, ctx.principal, load_registry(ctx, a), a.task_name, a.login_server,
                                       a.username, a.password, a.use_identity, check)


@command("acr task credential update", "Update the registry login credential for a task.", [
    NAME, REG, RG_OPT, LOGIN_SERVER, *SECRET_ARGS,
], examples=[("Update the credential for a task", "az acr task credential update -n taskname -r registryname "
              "--login-server myregistry.docker.io -u myusername2 -p mysecret")], table=task_table)
def credential_update(ctx, a):
    def check(task) -> None:
        if a.login_server not in task.custom_registries:  # acr/task.py acr_task_credential_update
            raise CliError(f"Login server '{a.login_server}' not found.")
        _check_pair(a.username, a.password, a.use_identity)
    return task_changes.set_credential(ctx.cloud, ctx.principal, load_registry(ctx, a), a.task_name, a.login_server,
                                       a.username, a.password, a.use_identity, check)


@command("acr task credential remove", "Remove credential for a task.", [NAME, REG, RG_OPT, LOGIN_SERVER],
         examples=[("Remove a registry login credential from a task.", "az acr task credential remove -n taskname "
                    "-r registryname --login-server myregistry.docker.io")], table=task_table)
def credential_remove(ctx, a):
    return task_changes.remove_credential(ctx.cloud, ctx.principal, load_registry(ctx, a), a.task_name,
                                          a.login_server)


@command("acr task credential list", "List all the custom registry credentials for task.", [NAME, REG, RG_OPT],
         examples=[("List the Credentials for a task.", "az acr task credential list -n taskname -r registryname")],
         table=task_table)
def credential_list(ctx, a):
    task = task_changes.read(ctx.cloud, ctx.principal, load_registry(ctx, a), a.task_name)
    return {k: v.to_json() for k, v in task.custom_registries.items()}
