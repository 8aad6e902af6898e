"""Microsoft.ContainerRegistry/registries/cacheRules and .../credentialSets: PUT, PATCH, GET, list, DELETE.

A cache rule's target may not name a repository the registry already holds, may not overlap another wildcard rule,
and a registry holds at most 1,000 rules (engine/artifact_cache.py has the sources). A credential set gets its own
system-assigned identity on creation, which reads the Key Vault secrets; deleting it removes that identity."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import Field

from ... import artifact_cache as ac
from ...errors import ArmError
from ...tenant import Principal
from ..manager import Plan, Provider, register
from ..request import ResourceId
from .registries import RegistryProvider, by_type
from .registry_body import Body
from .registry_identity import user_identity

if TYPE_CHECKING:
    from ...cloud import Cloud
    from ...registry import Registry

CR = "Microsoft.ContainerRegistry/registries"


class CacheRuleProps(Body):
    source_repository: str | None = None
    target_repository: str | None = None
    credential_set_resource_id: str | None = None


class IdentityBody(Body):
    type: str | None = None
    user_assigned_identities: dict[str, Any] | None = None


class CacheRuleBody(Body):
    properties: CacheRuleProps = Field(default_factory=CacheRuleProps)
    identity: IdentityBody | None = None


class CacheRulePatch(CacheRuleBody):
    """PATCH (CacheRuleUpdateParameters): credentialSetResourceId (null removes it) and identity."""

    clear_identity: bool = False


class AuthCredentialBody(Body):
    name: str = "Credential1"
    username_secret_identifier: str | None = None
    password_secret_identifier: str | None = None


class CredentialSetProps(Body):
    login_server: str | None = None
    auth_credentials: list[AuthCredentialBody] | None = None


class CredentialSetBody(Body):
    properties: CredentialSetProps = Field(default_factory=CredentialSetProps)
    identity: IdentityBody | None = None


def _registry(cloud: Cloud, rid: ResourceId) -> Registry:
    """The parent registry (the manager has checked that it exists)."""
    reg = RegistryProvider().find(cloud, rid.parent())
    if reg is None:
        raise ArmError("ParentResourceNotFound", name=rid.parent().name)
    return reg


def _rule_identity(cloud: Cloud, body: IdentityBody | None) -> dict | None:
    if body is None or not body.user_assigned_identities:
        return None
    ref = next(iter(body.user_assigned_identities))
    p = user_identity(cloud, ref)
    if p is None:
        raise ArmError("UserAssignedIdentityNotFound", identity=ref)
    return {"principalId": None, "tenantId": cloud.tenant.tenant_id, "type": "userAssigned",
            "userAssignedIdentities": {p.resource_id: {"clientId": p.app_id, "principalId": p.object_id}}}


class CacheRuleProvider(Provider):
    type = f"{CR}/cacheRules"
    body_model = CacheRuleBody
    patch_model = CacheRuleBody

    def find(self, cloud: Cloud, rid: ResourceId) -> ac.CacheRule | None:
        reg = RegistryProvider().find(cloud, rid.parent())
        return ac.rules(reg).get(rid.name.lower()) if reg is not None else None

    def listing(self, cloud: Cloud, rid: ResourceId) -> list[ac.CacheRule]:
        reg = RegistryProvider().find(cloud, rid.parent()) if rid.names else None
        return sorted(ac.rules(reg).values(), key=lambda r: r.name.lower()) if reg is not None else []

    def to_arm(self, resource: ac.CacheRule) -> dict:
        return resource.to_json()

    def put(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: CacheRuleBody,
            existing: ac.CacheRule | None) -> Plan:
        reg = _registry(cloud, rid)
        props = body.properties
        if not props.source_repository or not props.target_repository:
            missing = "sourceRepository" if not props.source_repository else "targetRepository"
            raise ArmError("InvalidRequestContent", detail=f"Required property '{missing}' not found in JSON. Path "
                                                           f"'properties.{missing}'")
        source, target = ac.normalize_source(props.source_repository), props.target_repository
        host = ac.upstream_host(source)
        for name in (source.split("/", 1)[-1], target):
            if not ac.REPO_NAME.match(name if name != "*" else "a/*"):
                raise ArmError("InvalidCacheRuleRepositoryName")
        if not ac.supported_upstream(host) or "/" not in source:
            raise ArmError("UnsupportedUpstreamRegistry", host=host)
        rules = ac.rules(reg)
        if existing is None:
            if len(rules) >= ac.MAX_RULES:
                raise ArmError("CacheRuleQuotaExceeded", limit=ac.MAX_RULES)
            for other in rules.values():
                if ac.overlapping(other, target):
                    code = "CacheRuleOverlap" if target.endswith("*") else "CacheRuleTargetInUse"
                    raise ArmError(code, existing=other.target_repository, rule=other.name, target_repo=target)
            if target.endswith("*"):
                if any(ac.covers(target, repo) for repo in reg.store.repositories):
                    raise ArmError("TargetRepositoryPrefixMatchesExistingRegistries", prefix=target)
            elif target in reg.store.repositories:
                raise ArmError("TargetRepositoryAlreadyPresentInRegistry", repo=target)
        cred_id = _credential_set_id(reg, props.credential_set_resource_id, host)
        identity = _rule_identity(cloud, body.identity)
        now = cloud.clock.now()
        new = ac.CacheRule(name=rid.name, registry_id=reg.id, source_repository=source, target_repository=target,
                           credential_set_id=cred_id, identity=identity,
                           created=existing.created if existing else now,
                           created_by=existing.created_by if existing else caller.sign_in_name,
                           created_by_type=existing.created_by_type if existing else by_type(caller),
                           modified=now)
        def commit() -> None:
            rules[rid.name.lower()] = new
        return Plan(resource=new, commit=commit, status=200 if existing else 201)

    def patch(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: CacheRuleBody,
              existing: ac.CacheRule) -> Plan:
        reg = _registry(cloud, rid)
        raw = body.model_fields_set
        new = existing.model_copy(update={"modified": cloud.clock.now()})
        if "credential_set_resource_id" in body.properties.model_fields_set:
            new.credential_set_id = _credential_set_id(reg, body.properties.credential_set_resource_id,
                                                       ac.upstream_host(existing.source_repository))
        if "identity" in raw:
            new.identity = _rule_identity(cloud, body.identity)
        def commit() -> None:
            ac.rules(reg)[rid.name.lower()] = new
        return Plan(resource=new, commit=commit)

    def delete(self, cloud: Cloud, caller: Principal, rid: ResourceId, existing: ac.CacheRule) -> Plan:
        reg = _registry(cloud, rid)

        def commit() -> None:
            ac.rules(reg).pop(rid.name.lower(), None)
        return Plan(resource=existing, commit=commit, status=200)


def _credential_set_id(reg: Registry, cred_id: str | None, host: str) -> str | None:
    if not cred_id:
        if host == "docker.io":
            # Docker Hub serves authenticated pulls only, so ACR refuses the rule itself without a credential set
            # (artifact-cache-overview.md, Upstream support; artifact-cache-cli.md)
            raise ArmError("EnforceDockerAuthentication")
        return None
    name = cred_id.rstrip("/").rsplit("/", 1)[-1]
    cs = ac.credential_sets(reg).get(name.lower())
    if cs is None or not cred_id.lower().startswith(reg.id.lower() + "/credentialsets/"):
        raise ArmError("CredentialSetNotFound", id=cred_id)
    if cs.login_server.lower() != host and not (cs.login_server.lower() in ("docker.io", "index.docker.io")
                                                and host == "docker.io"):
        raise ArmError("CredentialSetLoginServerMismatch", name=cs.name, login_server=cs.login_server, host=host)
    return cs.id


class CredentialSetProvider(Provider):
    type = f"{CR}/credentialSets"
    body_model = CredentialSetBody
    patch_model = CredentialSetBody

    def find(self, cloud: Cloud, rid: ResourceId) -> ac.CredentialSet | None:
        reg = RegistryProvider().find(cloud, rid.parent())
        return ac.credential_sets(reg).get(rid.name.lower()) if reg is not None else None

    def listing(self, cloud: Cloud, rid: ResourceId) -> list[ac.CredentialSet]:
        reg = RegistryProvider().find(cloud, rid.parent()) if rid.names else None
        return sorted(ac.credential_sets(reg).values(), key=lambda c: c.name.lower()) if reg is not None else []

    def to_arm(self, resource: ac.CredentialSet) -> dict:
        return resource.to_json(None)

    def put(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: CredentialSetBody,
            existing: ac.CredentialSet | None) -> Plan:
        reg = _registry(cloud, rid)
        props = body.properties
        creds = props.auth_credentials or []
        if not props.login_server or not creds or not creds[0].username_secret_identifier \
                or not creds[0].password_secret_identifier:
            raise ArmError("InvalidRequestContent", detail="Required property 'loginServer' and one authCredentials "
                                                           "entry with usernameSecretIdentifier and "
                                                           "passwordSecretIdentifier are needed. Path 'properties'")
        now = cloud.clock.now()
        principal = cloud.tenant.principals.get(existing.principal_id) if existing else None
        add = principal is None
        cs_id = f"{reg.id}/credentialSets/{rid.name}"
        if principal is None:
            principal = Principal(object_id=cloud.ids.guid(), display_name=reg.name, kind="ManagedIdentity",
                                  app_id=cloud.ids.guid(), resource_id=cs_id, assigned_to=cs_id, created=now)
        new = ac.CredentialSet(
            name=rid.name, registry_id=reg.id, login_server=props.login_server.lower(),
            auth_credentials=[ac.AuthCredential(name=c.name, username_secret_identifier=c.username_secret_identifier or "",
                                                password_secret_identifier=c.password_secret_identifier or "")
                              for c in creds[:1]],
            principal_id=principal.object_id, tenant_id=cloud.tenant.tenant_id,
            created=existing.created if existing else now,
            created_by=existing.created_by if existing else caller.sign_in_name,
            created_by_type=existing.created_by_type if existing else by_type(caller), modified=now)

        def commit() -> None:
            if add:
                cloud.add_principal(principal)
            ac.credential_sets(reg)[rid.name.lower()] = new
            ac.refresh_health(cloud, new)
        return Plan(resource=new, commit=commit, status=200 if existing else 201)

    def patch(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: CredentialSetBody,
              existing: ac.CredentialSet) -> Plan:
        reg = _registry(cloud, rid)
        new = existing.model_copy(deep=True, update={"modified": cloud.clock.now()})
        for given in body.properties.auth_credentials or []:
            cred = new.auth_credentials[0]
            if given.username_secret_identifier:
                cred.username_secret_identifier = given.username_secret_identifier
            if given.password_secret_identifier:
                cred.password_secret_identifier = given.password_secret_identifier

        def commit() -> None:
            ac.credential_sets(reg)[rid.name.lower()] = new
            ac.refresh_health(cloud, new)
        return Plan(resource=new, commit=commit)

    def delete(self, cloud: Cloud, caller: Principal, rid: ResourceId, existing: ac.CredentialSet) -> Plan:
        from ...identity import delete_principal

        reg = _registry(cloud, rid)
        users = sorted(r.name for r in ac.rules(reg).values()
                       if (r.credential_set_id or "").lower() == existing.id.lower())
        if users:
            raise ArmError("CredentialSetInUse", name=existing.name, rules=", ".join(f"'{u}'" for u in users))

        def commit() -> None:
            ac.credential_sets(reg).pop(rid.name.lower(), None)
            principal = cloud.tenant.principals.get(existing.principal_id)
            if principal is not None:
                delete_principal(cloud, principal)
        return Plan(resource=existing, commit=commit, status=200)


register(CacheRuleProvider())
register(CredentialSetProvider())
