"""az acr cache create|show|list|update|delete and az acr credential-set create|show|list|update|delete
(azure-cli acr/cache.py and acr/credential_set.py): each builds the request body az sends; the rules live in
engine/arm/providers/artifact_cache.py."""

from __future__ import annotations

from ....engine.arm import send
from ....engine.errors import CliError
from ..framework import Arg, command, group
from .acr import RG_OPT, load_registry

group("acr cache", "Manage cache rules in Azure Container Registries.")
group("acr credential-set", "Manage credential sets in Azure Container Registries.")

REG = Arg("registry_name", "--registry -r", "The name of the container registry. It should be specified in lower case. "
          "You can configure the default registry name using `az configure --defaults acr=<registry name>`.",
          required=True, default_key="acr")
YES = Arg("yes", "--yes -y", "Do not prompt for confirmation.", kind="flag")
CONFIRM = "Are you sure you want to perform this operation?"
"""knack's default confirmation question (commands registered with confirmation=True)."""


def _rule_name():
    return Arg("name", "--name -n", "The name of the cache rule.", required=True)


def _set_name():
    return Arg("name", "--name -n", "The name of the credential set.", required=True)


def _child(ctx, a, kind: str) -> str:
    reg = load_registry(ctx, a)
    return f"{reg.id}/{kind}/{a.name}", reg


def _identity_id(ctx, reg, ref: str) -> str:
    if "/" in ref:
        return ref
    return (f"{ctx.subscription.id}/resourceGroups/{reg.resource_group}/providers/"
            f"Microsoft.ManagedIdentity/userAssignedIdentities/{ref}")


# -- cache rules ------------------------------------------------------------------------------------------

@command("acr cache create", "Create a cache rule.", [
    _rule_name(), REG, RG_OPT,
    Arg("source_repo", "--source-repo -s", "The full source repository path such as 'docker.io/library/ubuntu'.",
        required=True),
    Arg("target_repo", "--target-repo -t", "The target repository namespace such as 'ubuntu'.", required=True),
    Arg("cred_set", "--cred-set -c", "The name of the credential set."),
    Arg("identity", "--identity", "User-assigned managed identity resource ID for ACR to authenticate with the upstream "
        "registry."),
], examples=[
    ("Create a cache rule without a credential set.",
     "az acr cache create -r myregistry -n MyRule -s docker.io/library/ubuntu -t ubuntu"),
    ("Create a cache rule with a credential set.",
     "az acr cache create -r myregistry -n MyRule -s docker.io/library/ubuntu -t ubuntu -c MyCredSet"),
])
def cache_create(ctx, a):
    rid, reg = _child(ctx, a, "cacheRules")
    props = {"sourceRepository": a.source_repo, "targetRepository": a.target_repo,
             "credentialSetResourceId": f"{reg.id}/credentialSets/{a.cred_set}" if a.cred_set else None}
    body: dict = {"properties": props}
    if a.identity:
        body["identity"] = {"type": "UserAssigned", "userAssignedIdentities": {_identity_id(ctx, reg, a.identity): {}}}
    return send(ctx.cloud, ctx.principal, "PUT", rid, body).resource.to_json()


@command("acr cache show", "Show a cache rule.", [_rule_name(), REG, RG_OPT],
         examples=[("Show a cache rule.", "az acr cache show -r myregistry -n MyRule")])
def cache_show(ctx, a):
    rid, _ = _child(ctx, a, "cacheRules")
    return send(ctx.cloud, ctx.principal, "GET", rid).resource.to_json()


@command("acr cache list", "List the cache rules in an Azure Container Registry.", [REG, RG_OPT],
         examples=[("List the cache rules in an Azure Container Registry.", "az acr cache list -r myregistry")])
def cache_list(ctx, a):
    reg = load_registry(ctx, a)
    return [r.to_json() for r in send(ctx.cloud, ctx.principal, "GET", f"{reg.id}/cacheRules").resources]


@command("acr cache update", "Update the credential set on a cache rule.", [
    _rule_name(), REG, RG_OPT,
    Arg("cred_set", "--cred-set -c", "The name of the credential set."),
    Arg("remove_cred_set", "--remove-cred-set", "Optional boolean indicating whether to remove the credential set "
        "from the cache rule. False by default.", kind="flag"),
    Arg("identity", "--identity", "User-assigned managed identity resource ID for ACR to authenticate with the upstream "
        "registry."),
], examples=[
    ("Change or add a credential set to an existing cache rule.", "az acr cache update -r myregistry -n MyRule -c "
     "NewCredSet"),
    ("Remove a credential set from an existing cache rule.",
     "az acr cache update -r myregistry -n MyRule --remove-cred-set"),
])
def cache_update(ctx, a):
    if a.cred_set is None and not a.remove_cred_set and a.identity is None:
        raise CliError("You must provide at least one parameter to update (credential set, identity, or removal "
                       "flag).")
    rid, reg = _child(ctx, a, "cacheRules")
    send(ctx.cloud, ctx.principal, "GET", rid)  # generic update: the GET comes first (and 404s first)
    body: dict = {"properties": {}}
    if a.cred_set is not None or a.remove_cred_set:
        body["properties"]["credentialSetResourceId"] = None if a.remove_cred_set else \
            f"{reg.id}/credentialSets/{a.cred_set}"
    if a.identity is not None:
        body["identity"] = {"type": "UserAssigned", "userAssignedIdentities": {_identity_id(ctx, reg, a.identity): {}}}
    return send(ctx.cloud, ctx.principal, "PATCH", rid, body).resource.to_json()


@command("acr cache delete", "Delete a cache rule.", [_rule_name(), REG, RG_OPT, YES],
         examples=[("Delete a cache rule.", "az acr cache delete -r myregistry -n MyRule")])
def cache_delete(ctx, a):
    ctx.confirm(CONFIRM)
    rid, _ = _child(ctx, a, "cacheRules")
    send(ctx.cloud, ctx.principal, "DELETE", rid)
    return None


# -- credential sets --------------------------------------------------------------------------------------

def _cred_json(ctx, response):
    return response.resource.to_json(ctx.cloud)


@command("acr credential-set create", "Create a credential set.", [
    _set_name(), REG, RG_OPT,
    Arg("login_server", "--login-server -l", "The login server address of the upstream registry such as "
        "'docker.io'.", required=True),
    Arg("username_id", "--username-id -u", "The Azure Key Vault secret ID of the secret containing the username to "
        "the upstream registry.", required=True),
    Arg("password_id", "--password-id -p", "The Azure Key Vault secret ID of the secret containing the password to "
        "the upstream registry.", required=True),
], examples=[("Create a credential set.", "az acr credential-set create -r myregistry -n MyDockerHubCredSet -l "
              "docker.io -u https://MyKeyvault.vault.azure.net/secrets/usernamesecret -p "
              "https://MyKeyvault.vault.azure.net/secrets/passwordsecret")])
def cred_create(ctx, a):
    rid, _ = _child(ctx, a, "credentialSets")
    body = {"properties": {"loginServer": a.login_server, "authCredentials": [
        {"name": "Credential1", "usernameSecretIdentifier": a.username_id,
         "passwordSecretIdentifier": a.password_id}]}, "identity": {"type": "SystemAssigned"}}
    return _cred_json(ctx, send(ctx.cloud, ctx.principal, "PUT", rid, body))


@command("acr credential-set show", "Show a credential set.", [_set_name(), REG, RG_OPT],
         examples=[("Show a credential set.", "az acr credential-set show -r myregistry -n MyCredSet")])
def cred_show(ctx, a):
    rid, _ = _child(ctx, a, "credentialSets")
    return _cred_json(ctx, send(ctx.cloud, ctx.principal, "GET", rid))


@command("acr credential-set list", "List the credential sets in an Azure Container Registry.", [REG, RG_OPT],
         examples=[("List the credential sets in an Azure Container Registry.",
                    "az acr credential-set list -r myregistry")])
def cred_list(ctx, a):
    reg = load_registry(ctx, a)
    return [c.to_json(ctx.cloud) for c in send(ctx.cloud, ctx.principal, "GET",
                                               f"{reg.id}/credentialSets").resources]


@command("acr credential-set update", "Update the username or password Azure Key Vault secret ID on a credential "
         "set.", [
    _set_name(), REG, RG_OPT,
    Arg("username_id", "--username-id -u", "The Azure Key Vault secret ID of the secret containing the username to "
        "the upstream registry."),
    Arg("password_id", "--password-id -p", "The Azure Key Vault secret ID of the secret containing the password to "
        "the upstream registry."),
], examples=[("Update the password Azure Key Vault secret ID on a credential set.",
              "az acr credential-set update -r myregistry -n MyDockerHubCredSet -p "
              "https://MyKeyvault.vault.azure.net/secrets/newsecretname")])
def cred_update(ctx, a):
    if a.password_id is None and a.username_id is None:
        raise CliError("You must update either the username secret ID, password secret ID, or both.")
    rid, _ = _child(ctx, a, "credentialSets")
    current = send(ctx.cloud, ctx.principal, "GET", rid).resource.auth_credentials[0]
    body = {"properties": {"authCredentials": [{
        "name": current.name,
        "usernameSecretIdentifier": a.username_id or current.username_secret_identifier,
        "passwordSecretIdentifier": a.password_id or current.password_secret_identifier}]}}
    return _cred_json(ctx, send(ctx.cloud, ctx.principal, "PATCH", rid, body))


@command("acr credential-set delete", "Delete a credential set.", [_set_name(), REG, RG_OPT, YES],
         examples=[("Delete a credential set.", "az acr credential-set delete -r myregistry -n MyCredSet")])
def cred_delete(ctx, a):
    ctx.confirm(CONFIRM)
    rid, _ = _child(ctx, a, "credentialSets")
    send(ctx.cloud, ctx.principal, "DELETE", rid)
    return None
