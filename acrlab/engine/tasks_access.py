"""What a run may reach besides its own registry: other registries (task credentials) and `az` in a cmd step.

Other registries (docs: container-registry-tasks-cross-registry-authentication.md): the run's own token covers
only the registry that runs it. Another registry is reachable with the task's custom credential for its login
server (`az acr task credential add`): a username/password pair (admin user or token; either may be a Key Vault
secret URI, read with the credential's identity: tasks_secrets.read) or a task identity ('[system]' or a
user-assigned identity's client id) that holds AcrPull/AcrPush there. A registry with
anonymous pull enabled serves pulls to anyone.

`az` in a cmd step (image alias `az` = mcr.microsoft.com/azure-cli): the home volume keeps `az login
--identity [--username <client id>]` for later steps, as in ACR Tasks; commands then run as that identity
on the same tenant. The shell layer provides the az interpreter via `cloud.state['az_in_run']` (the engine
imports no shell code); without one the step fails with a clear message.
"""

from __future__ import annotations

from datetime import timedelta

from .cloud import Cloud
from .dataplane import Credential, Origin, authenticate, require
from .errors import RegistryError
from .rbac import Decision
from .registry import Registry

AZ_IMAGE = "mcr.microsoft.com/azure-cli:latest"
KEYVAULT_DNS = ".vault.azure.net"


class AccessError(Exception):
    """Why a step could not reach another registry (or run az); the text goes to the run log."""


def credential_for(cloud: Cloud, home: Registry, target: Registry, spec, home_cred: Credential, at,
                   logins: dict | None = None) -> Credential:
    """The credential a run presents to `target`: a `docker login` of an earlier step (tasks_login), else its own
    token at home, else the task's custom credential."""
    if logins and target.login_server in logins:
        try:
            return authenticate(cloud, target, *logins[target.login_server])
        except RegistryError:
            raise AccessError("unauthorized: authentication required") from None
    if target.name == home.name:
        return home_cred
    entry = spec.custom_registries.get(target.login_server)
    if entry is None:
        return Credential(kind="anonymous", registry=target.name)
    username, password, identity = entry.get("username"), entry.get("password"), entry.get("identity")
    if username or password:
        if any(v and KEYVAULT_DNS in v.lower() for v in (username, password)):  # secret URIs, read with `identity`
            from .tasks_cmd import StepFailed
            from .tasks_secrets import read
            try:
                username, password = (read(cloud, spec.identities, v, identity or "") if v and KEYVAULT_DNS in
                                      v.lower() else v for v in (username, password))
            except StepFailed as e:
                raise AccessError(f"failed to login to {target.login_server}: {e}") from None
        try:
            return authenticate(cloud, target, username, password)
        except RegistryError:
            raise AccessError(f"failed to login to {target.login_server}: unauthorized: incorrect username or "
                              "password") from None
    principal = spec.identities.get(identity or "")
    if principal is None:
        raise AccessError(f"failed to login to {target.login_server}: the identity '{identity}' is not assigned to "
                          "the task (az acr task identity assign)")
    return Credential(kind="aad", registry=target.name, principal_id=principal, issued=at,
                      expires=at + timedelta(hours=3), mode_at_issue=target.role_assignment_mode)


def authorize(cloud: Cloud, target: Registry, cred: Credential, operation: str, repository: str,
              origin: Origin | None = None) -> None:
    """Raise AccessError with the registry's answer unless `cred` may `operation` `repository` on `target` from
    `origin` (a run's agent: engine/agent_pools.origin)."""
    try:
        require(cloud, target, cred, operation, repository, origin or Origin(kind="azure-service"))
    except RegistryError as e:
        raise AccessError(f"{e.code.lower()}: {e.message}") from None


# -- az in a cmd step ------------------------------------------------------------------------------
def run_az(cloud: Cloud, agent, args: list[str]) -> tuple[int, list[str]]:
    """One `az ...` command inside a run. Returns (exit code, output lines)."""
    if args[:1] == ["az"]:
        args = args[1:]
    if args[:1] == ["login"]:
        return _login(agent, args[1:])
    runner = cloud.state.get("az_in_run")
    if runner is None:
        return 1, ["ERROR: the az alias is not available in this lab session (no az interpreter is loaded)."]
    principal_id = agent.az_principal
    if principal_id is None:
        return 1, ["ERROR: Please run 'az login' to setup account."]
    principal = cloud.tenant.principals.get(principal_id)
    if principal is None:
        return 1, ["ERROR: Please run 'az login' to setup account."]
    code, out, err = runner(cloud, principal, args)
    return code, (out + err).rstrip("\n").splitlines()


def _login(agent, args: list[str]) -> tuple[int, list[str]]:
    if "--identity" not in args and "-i" not in args:
        return 1, ["ERROR: Interactive login is not available inside a run; use 'az login --identity'."]
    client_id = None
    for flag in ("--username", "-u", "--client-id"):
        if flag in args and args.index(flag) + 1 < len(args):
            client_id = args[args.index(flag) + 1]
    ids = agent.spec.identities
    if client_id is None:
        principal = ids.get("[system]") or (next(iter(ids.values())) if len(ids) == 1 else None)
        if principal is None:
            return 1, ["ERROR: Failed to connect to MSI. Please make sure MSI is configured correctly."
                       if not ids else "ERROR: Multiple user assigned identities exist, please specify the "
                       "clientId / resourceId of identity in the token request"]
    else:
        principal = next((p for k, p in ids.items() if k.lower() == client_id.lower()), None)
        if principal is None:
            return 1, ["ERROR: Failed to connect to MSI. Please make sure MSI is configured correctly."]
    agent.az_principal = principal
    import json
    cloud = agent.cloud
    sub = cloud.subscription
    user = ({"assignedIdentityInfo": f"MSIClient-{client_id}", "name": "userAssignedIdentity"} if client_id
            else {"assignedIdentityInfo": "MSI", "name": "systemAssignedIdentity"})
    account = {"environmentName": "AzureCloud", "homeTenantId": cloud.tenant.tenant_id, "id": sub.subscription_id,
               "isDefault": True, "managedByTenants": [], "name": sub.name, "state": "Enabled",
               "tenantId": cloud.tenant.tenant_id, "user": {**user, "type": "servicePrincipal"}}
    quiet = any(args[i] in ("-o", "--output") and args[i + 1:i + 2] == ["none"] for i in range(len(args)))
    return 0, [] if quiet else json.dumps([account], indent=2).splitlines()


# -- the run's credential on the data plane --------------------------------------------------------
def _task_decision(cloud: Cloud, registry: Registry, cred: Credential, operation: str, repository):
    if cred.kind != "task":
        return None
    if registry.role_assignment_mode == "AbacRepositoryPermissions":
        principal = cloud.tenant.principals.get(cred.principal_id or "")
        if principal is None:
            return Decision(False, f"run {cred.token_name}", operation, registry.id,
                            note="ABAC registry: the run has no identity to authorize with "
                                 "(use --source-acr-auth-id [caller] or a task identity)")
        from .dataplane import ABAC_DATA_ACTIONS
        return cloud.authorize(principal, ABAC_DATA_ACTIONS[operation], registry.id, data=True,
                               registry=registry, repository=repository)
    if cred.source_identity:  # --source-acr-auth-id on an RBAC registry: the identity's registry roles (AcrPush)
        principal = cloud.tenant.principals.get(cred.principal_id or "")
        if principal is None:
            return Decision(False, f"run {cred.token_name}", operation, registry.id,
                            note="the run's source registry identity no longer exists")
        from .dataplane import LEGACY_ACTIONS
        return cloud.authorize(principal, LEGACY_ACTIONS[operation], registry.id, registry=registry,
                               repository=repository)
    return Decision(True, f"run {cred.token_name}", operation, registry.id,
                    note="ACR Tasks runs get a registry-scoped token with pull, push and delete")


def _task_valid(cloud: Cloud, registry: Registry, cred: Credential):
    return (cred.registry == registry.name) if cred.kind == "task" else None


def install(cloud: Cloud) -> None:
    cloud.state.setdefault("data_decision_hooks", []).append(_task_decision)
    cloud.state.setdefault("credential_valid_hooks", []).append(_task_valid)
