"""Key Vault secrets and the vault's data-plane authorization: Azure RBAC vaults decide with role assignments
(Key Vault Secrets User/Officer, Administrator; Owner alone is not enough), access-policy vaults with their access
policies (`az keyvault set-policy`). Readers are people (az keyvault secret show) and services that hold an identity
(an ACR credential set reading its upstream username and password)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from .errors import AzureError
from .keyvault import Vault, find_vault, vaults
from .tenant import Principal

AZ_CLI_APP_ID = "04b07795-8ddb-461a-bbee-02f9e1bf7b46"
"""The Azure CLI's well-known application id (what the vault reports as the caller's appid)."""
HELP = "https://go.microsoft.com/fwlink/?linkid=2125287"
SECRET_VERB = {"get": "getSecret/action", "set": "setSecret/action", "list": "readMetadata/action",
               "delete": "delete"}
"""Access-policy permission -> the RBAC data action it corresponds to (Microsoft.KeyVault/vaults/secrets/...)."""


class SecretVersion(BaseModel):
    version: str
    value: str
    created: datetime
    content_type: str | None = None
    tags: dict[str, str] | None = None
    enabled: bool = True


class Secret(BaseModel):
    name: str
    versions: list[SecretVersion] = Field(default_factory=list)

    @property
    def current(self) -> SecretVersion:
        return self.versions[-1]


class AccessPolicy(BaseModel):
    object_id: str
    tenant_id: str
    keys: list[str] = Field(default_factory=list)
    secrets: list[str] = Field(default_factory=list)
    certificates: list[str] = Field(default_factory=list)

    def to_json(self) -> dict:
        return {"applicationId": None, "objectId": self.object_id,
                "permissions": {"certificates": self.certificates or None, "keys": self.keys or None,
                                "secrets": self.secrets or None, "storage": None},
                "tenantId": self.tenant_id}


def secrets_of(cloud, vault: Vault) -> dict[str, Secret]:
    return cloud.state.setdefault("kv_secrets", {}).setdefault(vault.id.lower(), {})


def access_policies(cloud, vault: Vault) -> list[AccessPolicy]:
    return cloud.state.setdefault("kv_access_policies", {}).setdefault(vault.id.lower(), [])


def caller_text(cloud, p: Principal, with_name: bool = False) -> str:
    app = p.app_id or AZ_CLI_APP_ID
    name = f"name={p.resource_id.split('/providers/', 1)[-1].lower()};" if with_name and p.resource_id else ""
    return f"{name}appid={app};oid={p.object_id};iss=https://sts.windows.net/{cloud.tenant.tenant_id}/"


def authorize(cloud, caller: Principal, vault: Vault, permission: str, secret_name: str) -> None:
    """Raise the vault's Forbidden error unless `caller` may `permission` (get|set|list|delete) the secret."""
    vault_authorize(cloud, caller, vault, "secrets", permission, f"secrets/{SECRET_VERB[permission]}", secret_name)


def vault_authorize(cloud, caller: Principal, vault: Vault, kind: str, permission: str, action: str,
                    name: str) -> None:
    """The vault's data-plane decision for `kind` (secrets|keys|certificates): its RBAC data `action`
    (Microsoft.KeyVault/vaults/<action>) on an Azure RBAC vault, its access policies' `permission` otherwise;
    a refusal raises the vault's Forbidden error text."""
    if vault.rbac_authorization:
        action = f"Microsoft.KeyVault/vaults/{action}"
        resource = f"{vault.id}/{kind}/{name}" if name or kind == "secrets" else vault.id
        if cloud.authorize(caller, action, resource, data=True).allowed:
            return
        raise AzureError(
            "Caller is not authorized to perform action on resource.\nIf role assignments, deny assignments or role "
            "definitions were changed recently, please observe propagation time.\n"
            f"Caller: {caller_text(cloud, caller)}\nAction: '{action}'\nResource: '{resource.lower()}'\n"
            "Assignment: (not found)\nDenyAssignmentId: null\nDecisionReason: null \n"
            f"Vault: {vault.name};location={vault.location}\n", code="Forbidden", status=403)
    ids = cloud.principal_ids(caller)
    for policy in access_policies(cloud, vault):
        granted = getattr(policy, kind)
        if policy.object_id in ids and (permission in granted or "all" in granted):
            return
    raise AzureError(f"The user, group or application '{caller_text(cloud, caller, with_name=True)}' does not have "
                     f"{kind} {permission} permission on key vault '{vault.name};location={vault.location}'. For "
                     f"help resolving this issue, please see {HELP}", code="Forbidden", status=403)


def _not_found(name: str) -> AzureError:
    return AzureError(f"A secret with (name/id) {name} was not found in this key vault. If you recently deleted "
                      "this secret you may be able to recover it using the correct recovery command. For help "
                      "resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182",
                      code="SecretNotFound", status=404)


def set_secret(cloud, caller: Principal, vault: Vault, name: str, value: str, content_type: str | None = None,
               tags: dict[str, str] | None = None) -> tuple[Secret, SecretVersion]:
    authorize(cloud, caller, vault, "set", name)
    store = secrets_of(cloud, vault)
    secret = store.get(name.lower()) or Secret(name=name)
    version = SecretVersion(version=cloud.ids.hex(32), value=value, created=cloud.clock.now(),
                            content_type=content_type, tags=tags)
    secret.versions.append(version)
    store[name.lower()] = secret
    return secret, version


def get_secret(cloud, caller: Principal, vault: Vault, name: str, version: str | None = None) \
        -> tuple[Secret, SecretVersion]:
    authorize(cloud, caller, vault, "get", name)
    return pick_version(secrets_of(cloud, vault).get(name.lower()), name, version, _not_found)


def pick_version(item, name: str, version: str | None, not_found):
    """(item, its version `version` or its current one) for a vault object with versions (a secret, a
    certificate), or the object type's not-found error naming `name` or `name/version`."""
    if item is None:
        raise not_found(name)
    if not version:
        return item, item.current
    found = next((v for v in item.versions if v.version == version), None)
    if found is None:
        raise not_found(f"{name}/{version}")
    return item, found


def list_secrets(cloud, caller: Principal, vault: Vault) -> list[Secret]:
    authorize(cloud, caller, vault, "list", "")
    return sorted(secrets_of(cloud, vault).values(), key=lambda s: s.name.lower())


def delete_secret(cloud, caller: Principal, vault: Vault, name: str) -> Secret:
    authorize(cloud, caller, vault, "delete", name)
    secret = secrets_of(cloud, vault).pop(name.lower(), None)
    if secret is None:
        raise _not_found(name)
    return secret


def parse_secret_id(cloud, uri: str) -> tuple[Vault, str, str | None]:
    """`https://<vault>.vault.azure.net/secrets/<name>[/<version>]` -> (vault, name, version)."""
    rest = uri.strip().removeprefix("https://")
    parts = rest.rstrip("/").split("/")
    if len(parts) < 3 or parts[1] != "secrets" or not parts[0].lower().endswith(".vault.azure.net"):
        raise AzureError(f"Invalid secret identifier '{uri}'. It must look like "
                         "https://<vault>.vault.azure.net/secrets/<name>[/<version>].", code="BadParameter")
    return find_vault(cloud, parts[0].split(".", 1)[0]), parts[2], parts[3] if len(parts) > 3 else None


def read_secret_value(cloud, reader: Principal, uri: str) -> str:
    """A service reading a secret with its own identity (raises Forbidden / SecretNotFound as the vault does)."""
    vault, name, version = parse_secret_id(cloud, uri)
    return get_secret(cloud, reader, vault, name, version)[1].value


def secret_json(vault: Vault, secret: Secret, version: SecretVersion, with_value: bool = True) -> dict:
    """`az keyvault secret set|show` (KeyVaultSecret as az prints it)."""
    at = version.created.strftime("%Y-%m-%dT%H:%M:%S+00:00")
    out = {
        "attributes": {"created": at, "enabled": version.enabled, "expires": None, "notBefore": None,
                       "recoverableDays": 90, "recoveryLevel": vault.recovery_level, "updated": at},
        "contentType": version.content_type,
        "id": f"{vault.uri}secrets/{secret.name}/{version.version}",
        "kid": None, "managed": None, "name": secret.name, "tags": version.tags,
    }
    if with_value:
        out["value"] = version.value
    return out


def set_access_policy(cloud, caller: Principal, vault: Vault, object_id: str, secrets: list[str] | None,
                      keys: list[str] | None, certificates: list[str] | None) -> AccessPolicy:
    """`az keyvault set-policy`: a write to the vault's access policies (Microsoft.KeyVault/vaults/accessPolicies/
    write). A vault that uses Azure RBAC keeps the policy and ignores it (az refuses client-side first:
    shell/az/commands/keyvault_secret.py)."""
    cloud.require(caller, "Microsoft.KeyVault/vaults/accessPolicies/write", vault.id)
    return set_policy(cloud, vault, object_id, secrets, keys, certificates)


def delete_access_policy(cloud, caller: Principal, vault: Vault, object_id: str) -> None:
    """The access policies' remove operation: the principal's policy goes (none to remove changes nothing)."""
    cloud.require(caller, "Microsoft.KeyVault/vaults/accessPolicies/write", vault.id)
    policies = access_policies(cloud, vault)
    policies[:] = [p for p in policies if p.object_id.lower() != object_id.lower()]


def set_policy(cloud, vault: Vault, object_id: str, secrets: list[str] | None, keys: list[str] | None,
               certificates: list[str] | None) -> AccessPolicy:
    """Part of a vault's own request (az keyvault create gives its creator a policy on an access-policy vault)."""
    policies = access_policies(cloud, vault)
    policy = next((p for p in policies if p.object_id == object_id), None)
    if policy is None:
        policy = AccessPolicy(object_id=object_id, tenant_id=cloud.tenant.tenant_id)
        policies.append(policy)
    if secrets is not None:
        policy.secrets = [s.lower() for s in secrets]
    if keys is not None:
        policy.keys = [k.lower() for k in keys]
    if certificates is not None:
        policy.certificates = [c.lower() for c in certificates]
    return policy


def vault_body(cloud, vault: Vault) -> dict:
    """A vault's ARM body as `az keyvault show` prints it, its access policies included."""
    out = vault.to_json(cloud.tenant.tenant_id)
    out["properties"]["accessPolicies"] = [p.to_json() for p in access_policies(cloud, vault)]
    return out


def find_vault_by_id(cloud, vault_id: str) -> Vault | None:
    return next((v for v in vaults(cloud).values() if v.id.lower() == vault_id.lower()), None)
