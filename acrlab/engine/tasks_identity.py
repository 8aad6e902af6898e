"""Task managed identities and custom registry credentials (what a run signs in to other registries with).

Identity (az acr task create --assign-identity, az acr task identity assign|remove|show): '[system]' is the
task's system-assigned identity, anything else the resource id of a user-assigned identity. The JSON is
ARM's IdentityProperties: type 'SystemAssigned' | 'UserAssigned' | 'SystemAssigned, UserAssigned', and
`userAssignedIdentities` keyed by resource id with each identity's clientId/principalId.

Credentials (az acr task credential add|update|remove|list, CLI _utils.get_custom_registry_credentials):
per login server, either a username/password (plain text or a Key Vault secret URI: SecretObject type
'Vaultsecret' or 'Opaque') or `identity` ('[system]' or a user-assigned identity's client id).
"""

from __future__ import annotations

from pydantic import BaseModel

from .cloud import Cloud
from .errors import AzureError
from .identity import create_system_identity, identities, remove_system_identity

SYSTEM = "[system]"
ALL = "[all]"
KEYVAULT_DNS = ".vault.azure.net"


class CustomRegistryCredential(BaseModel):
    username: str | None = None
    password: str | None = None
    identity: str | None = None

    def to_json(self) -> dict:
        def secret(v):
            if v is None:
                return None
            return {"type": "Vaultsecret" if KEYVAULT_DNS.upper() in v.upper() else "Opaque", "value": None}
        return {"identity": self.identity, "password": secret(self.password), "userName": secret(self.username)}


# -- identities ------------------------------------------------------------------------------------
def _user_identity(cloud: Cloud, resource_id: str):
    for rid, mi in identities(cloud).items():
        if rid.lower() == resource_id.lower():
            return mi
    raise AzureError(f"Resource '{resource_id}' was not found.", code="InvalidIdentity", status=400)


def _parts(identity: dict | None) -> tuple[str | None, list[str]]:
    """(system principal id, user-assigned resource ids) from the task's ARM identity JSON."""
    ident = identity or {}
    kind = (ident.get("type") or "").lower()
    system = ident.get("principalId") if "systemassigned" in kind.replace(" ", "") else None
    return system, list((ident.get("userAssignedIdentities") or {}).keys())


def _build(cloud: Cloud, system: str | None, users: list[str]) -> dict | None:
    kinds = (["SystemAssigned"] if system else []) + (["UserAssigned"] if users else [])
    if not kinds:
        return None
    out_users = None
    if users:
        out_users = {}
        for rid in users:
            mi = identities(cloud).get(rid)
            out_users[rid] = {"clientId": mi.client_id if mi else None, "principalId": mi.principal_id if mi else None}
    return {"principalId": system, "tenantId": cloud.tenant.tenant_id if system else None,
            "type": ", ".join(kinds), "userAssignedIdentities": out_users}


def assign(cloud: Cloud, task, wanted: list[str] | None) -> None:
    """`--assign-identity` / `identity assign` replace the task's identities with the ones named (az's _help.py:
    enabling the system identity replaces the user-assigned ones; assigning user identities removes the system
    one). No value or '[system]' means the system-assigned identity."""
    wanted = list(wanted or [])
    users: list[str] = []
    for ref in wanted:
        if ref != SYSTEM:
            mi = _user_identity(cloud, ref)
            if mi.id not in users:
                users.append(mi.id)
    old_system, _ = _parts(task.identity)
    system = None
    if not wanted or SYSTEM in wanted:
        system = old_system or create_system_identity(cloud, task.id).object_id
    elif old_system:
        remove_system_identity(cloud, task.id)
    task.identity = _build(cloud, system, users)


def remove(cloud: Cloud, task, wanted: list[str] | None) -> None:
    """`identity remove`: '[all]' removes everything, no value or '[system]' the system identity, ids users."""
    wanted = list(wanted or [])
    system, users = _parts(task.identity)
    if ALL in wanted:
        system, users = None, []
    else:
        if not wanted or SYSTEM in wanted:
            system = None
        for ref in wanted:
            if ref != SYSTEM:
                users = [u for u in users if u.lower() != ref.lower()]
    if not system:
        remove_system_identity(cloud, task.id)
    task.identity = _build(cloud, system, users)


def run_identities(cloud: Cloud, task) -> dict[str, str]:
    """'[system]' and every assigned user identity's client id -> principal object id (what a run may use)."""
    system, users = _parts(task.identity)
    out = {SYSTEM: system} if system else {}
    for rid in users:
        mi = next((m for r, m in identities(cloud).items() if r.lower() == rid.lower()), None)
        if mi is not None:
            out[mi.client_id] = mi.principal_id
    return out


# -- custom registry credentials -------------------------------------------------------------------
def credentials_json(task) -> dict | None:
    if not task.custom_registries and not task.auth_mode and not task.source_identity:
        return None
    source = None
    if task.source_identity:
        source = {"identity": task.source_identity, "loginMode": task.auth_mode or "Default"}
    elif task.auth_mode:
        source = {"loginMode": task.auth_mode}
    return {"customRegistries": {k: v.to_json() for k, v in task.custom_registries.items()} or None,
            "sourceRegistry": source}


# -- the source registry identity ------------------------------------------------------------------
def set_source_identity(cloud: Cloud, task, value: str | None, auth_mode: str | None) -> None:
    """`--source-acr-auth-id` on task create|update (az's reference: '[system]' for the system-assigned identity or
    a user-assigned identity's resource id; test_acr_task_abac_commands.py also sets 'None'). The identity is added
    to the task's identities, and the task's runs log in to their own registry as it: on an ABAC-enabled registry
    it needs the Container Registry Repository roles, on an RBAC one AcrPush (test_acr_rbac_auto_task)."""
    if value is None:
        return
    if value.lower() == "none":
        task.source_identity = "None"
        return
    system, users = _parts(task.identity)
    if value == SYSTEM:
        system = system or create_system_identity(cloud, task.id).object_id
        task.source_identity = SYSTEM
    else:
        mi = _user_identity(cloud, value)
        if mi.id not in users:
            users.append(mi.id)
        task.source_identity = mi.id
    task.identity = _build(cloud, system, users)


def source_principal(cloud: Cloud, task) -> str | None:
    """The object id a task's runs present to their registry (None: the run's own registry-scoped token)."""
    value = task.source_identity
    if not value or value == "None":
        return None
    if value == SYSTEM:
        return _parts(task.identity)[0]
    mi = identities(cloud).get(value)
    return mi.principal_id if mi else None


def set_credential(task, login_server: str, username=None, password=None, use_identity=None) -> dict:
    """The task's credential for a custom registry (credentials.customRegistries[login_server]), added or replaced."""
    task.custom_registries[login_server] = _credential(username, password, use_identity)
    return {k: v.to_json() for k, v in task.custom_registries.items()}


def remove_credential(task, login_server: str) -> dict:
    task.custom_registries.pop(login_server, None)
    return {k: v.to_json() for k, v in task.custom_registries.items()}


def _credential(username, password, use_identity) -> CustomRegistryCredential:
    # as get_custom_registry_credentials: an identity credential only when no username and no password
    if not username and not password:
        return CustomRegistryCredential(identity=use_identity)
    return CustomRegistryCredential(username=username, password=password, identity=use_identity)


# -- task runs (registries/taskRuns): the identity and credentials of a run requested as a resource --------
def task_run_identity(cloud: Cloud, resource_id: str, body_identity) -> dict | None:
    """A task run's `identity` (ARM IdentityProperties) as the service keeps it: user-assigned identities must exist,
    a system-assigned one is created for the task run. '' or None (a template's `if(..., identity, '')`): none."""
    if not body_identity:
        return None
    if not isinstance(body_identity, dict):
        raise AzureError("The identity of the task run must be an object with a 'type'.", code="InvalidIdentity")
    kind = str(body_identity.get("type") or "").replace(" ", "").lower()
    if kind not in ("none", "systemassigned", "userassigned", "systemassigned,userassigned"):
        raise AzureError(f"Invalid identity type '{body_identity.get('type')}'.", code="InvalidIdentity")
    users = [_user_identity(cloud, rid).id for rid in (body_identity.get("userAssignedIdentities") or {})] \
        if "userassigned" in kind else []
    system = create_system_identity(cloud, resource_id).object_id if "systemassigned" in kind else None
    return _build(cloud, system, users)


def request_credentials(request: dict) -> dict[str, CustomRegistryCredential]:
    """A run request's `credentials.customRegistries` (login server -> identity, or userName/password secret
    objects {type: Opaque|Vaultsecret, value}) as task credentials."""
    def secret(v):
        return v.get("value") if isinstance(v, dict) else v
    entries = ((request.get("credentials") or {}).get("customRegistries") or {})
    return {server: CustomRegistryCredential(username=secret(e.get("userName")), password=secret(e.get("password")),
                                             identity=e.get("identity"))
            for server, e in entries.items() if isinstance(e, dict)}


# -- tasks (registries/tasks PUT/PATCH): identity and source-registry login checked whole before any change --------
def planned_identity(cloud: Cloud, body_identity, source: str | None) -> tuple[bool, list[str], str | None]:
    """(system identity wanted, user-assigned resource ids, source identity) of a task body, all checked: the
    identity type, every user identity exists, and `credentials.sourceRegistry.identity` ('[system]', 'None' or a
    user identity's resource id) joins the task's identities, as `--source-acr-auth-id` does."""
    ident = body_identity if isinstance(body_identity, dict) else {}
    if body_identity and not isinstance(body_identity, dict):
        raise AzureError("The identity of the task must be an object with a 'type'.", code="InvalidIdentity")
    kind = str(ident.get("type") or "None").replace(" ", "").lower()
    if kind not in ("none", "systemassigned", "userassigned", "systemassigned,userassigned"):
        raise AzureError(f"Invalid identity type '{ident.get('type')}'.", code="InvalidIdentity")
    users: list[str] = []
    for rid in (ident.get("userAssignedIdentities") or {}) if "userassigned" in kind else []:
        if (mi := _user_identity(cloud, rid)).id not in users:
            users.append(mi.id)
    if "userassigned" in kind and not users:
        raise AzureError(f"The identity type '{ident.get('type')}' needs at least one identity in "
                         "'userAssignedIdentities'.", code="InvalidIdentity")
    system = "systemassigned" in kind
    if source and source.lower() == "none":
        source = "None"
    elif source == SYSTEM:
        system = True
    elif source:
        source = _user_identity(cloud, source).id
        users += [] if source in users else [source]
    return system, users, source


def system_principal(cloud: Cloud, resource_id: str) -> str | None:
    """The object id of a resource's system-assigned identity, if it has one (never creates it)."""
    return next((p.object_id for p in cloud.tenant.principals.values()
                 if p.assigned_to and p.assigned_to.lower() == resource_id.lower()), None)


def identity_json(cloud: Cloud, resource_id: str, system: bool, users: list[str], create: bool = False) -> dict | None:
    """The task's ARM identity; with `create` the system identity is made (or removed) to match."""
    if create:
        principal = create_system_identity(cloud, resource_id).object_id if system else None
        if not system:
            remove_system_identity(cloud, resource_id)
    else:
        principal = system_principal(cloud, resource_id) if system else None
    return _build(cloud, principal, users) if (system or users) else None
