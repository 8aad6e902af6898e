"""Microsoft.ManagedIdentity/userAssignedIdentities (PUT, PATCH, GET, list by group or subscription, DELETE) and
their federatedIdentityCredentials (PUT, GET, list, DELETE), as az identity, the Az.ManagedServiceIdentity cmdlets
and templates send them (azure-rest-api-specs specification/msi/resource-manager/Microsoft.ManagedIdentity/stable/
2024-11-30/ManagedIdentity.json).

A PUT of a new identity creates its service principal in the directory (kind ManagedIdentity, the client id is its
appId) and needs a location; a PUT over an existing one keeps its principal, cannot move it (another location is
InvalidResourceLocation) and replaces its tags, as a PUT does; PATCH changes only the tags it is given. DELETE
removes the principal with it. A credential needs issuer, subject and audiences (the clients fill the audience
`api://AzureADTokenExchange` in); its (issuer, subject) is unique per identity and an identity holds at most 20
(engine/identity.py keeps the models)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field

from ...errors import ArmError
from ...identity import (
    MAX_FEDERATED_CREDENTIALS,
    MI_TYPE,
    FederatedCredential,
    UserAssignedIdentity,
    add_user_assigned_identity,
    delete_identity,
    find_identity,
    identities,
    new_user_assigned_identity,
)
from ...tenant import Principal
from ..manager import Plan, Provider, register
from ..request import ResourceId
from .registry_body import Body
from .tracked import tracked_location

if TYPE_CHECKING:
    from ...cloud import Cloud

FIC_TYPE = f"{MI_TYPE}/federatedIdentityCredentials"


class IdentityBody(Body):
    location: str | None = None
    tags: dict[str, str] | None = None


class IdentityPatch(Body):
    tags: dict[str, str] | None = None


def identity_arm(mi: UserAssignedIdentity) -> dict:
    return {"id": mi.id, "name": mi.name, "type": MI_TYPE, "location": mi.location, "tags": dict(mi.tags),
            "properties": {"tenantId": mi.tenant_id, "principalId": mi.principal_id, "clientId": mi.client_id}}


class IdentityProvider(Provider):
    type = MI_TYPE
    body_model = IdentityBody
    patch_model = IdentityPatch

    def find(self, cloud: Cloud, rid: ResourceId) -> UserAssignedIdentity | None:
        return find_identity(cloud, rid.resource_group, rid.name)

    def listing(self, cloud: Cloud, rid: ResourceId) -> list[UserAssignedIdentity]:
        rg = (rid.resource_group or "").lower()
        return sorted((mi for mi in identities(cloud).values() if not rg or mi.resource_group.lower() == rg),
                      key=lambda m: (m.resource_group.lower(), m.name.lower()))

    def to_arm(self, resource: UserAssignedIdentity) -> dict:
        return identity_arm(resource)

    def put(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: IdentityBody,
            existing: UserAssignedIdentity | None) -> Plan:
        location = tracked_location(MI_TYPE, body.location, existing)
        tags = dict(body.tags or {})
        if existing is not None:
            return _retag(existing, tags)
        principal, mi = new_user_assigned_identity(cloud, cloud.group(rid.resource_group or "").name, rid.name,
                                                   location, tags)

        def create() -> None:
            add_user_assigned_identity(cloud, principal, mi)
        return Plan(resource=mi, commit=create, status=201)

    def patch(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: IdentityPatch,
              existing: UserAssignedIdentity) -> Plan:
        return _retag(existing, dict(body.tags) if body.tags is not None else existing.tags)

    def delete(self, cloud: Cloud, caller: Principal, rid: ResourceId, existing: UserAssignedIdentity) -> Plan:
        return Plan(resource=existing, commit=lambda: delete_identity(cloud, existing), status=200)


def _retag(mi: UserAssignedIdentity, tags: dict[str, str]) -> Plan:
    def commit() -> None:
        mi.tags = tags
    return Plan(resource=mi, commit=commit, status=200)


class CredentialProps(Body):
    issuer: str | None = None
    subject: str | None = None
    audiences: list[str] | None = None


class CredentialBody(Body):
    properties: CredentialProps = Field(default_factory=CredentialProps)


class CredentialProvider(Provider):
    type = FIC_TYPE
    body_model = CredentialBody

    def _identity(self, cloud: Cloud, rid: ResourceId) -> UserAssignedIdentity | None:
        return find_identity(cloud, rid.resource_group, rid.names[0]) if rid.names else None

    def find(self, cloud: Cloud, rid: ResourceId) -> tuple[UserAssignedIdentity, FederatedCredential] | None:
        mi = self._identity(cloud, rid)
        fc = mi.federated_credentials.get(rid.name) if mi is not None else None
        return (mi, fc) if mi is not None and fc is not None else None

    def listing(self, cloud: Cloud, rid: ResourceId) -> list[tuple[UserAssignedIdentity, FederatedCredential]]:
        mi = self._identity(cloud, rid)
        return [(mi, fc) for fc in mi.federated_credentials.values()] if mi is not None else []

    def resource_id(self, resource: tuple[UserAssignedIdentity, FederatedCredential]) -> str:
        return f"{resource[0].id}/federatedIdentityCredentials/{resource[1].name}"

    def read_scope(self, resource: tuple[UserAssignedIdentity, FederatedCredential]) -> str:
        return resource[0].id

    def to_arm(self, resource: tuple[UserAssignedIdentity, FederatedCredential]) -> dict:
        mi, fc = resource
        return {"id": self.resource_id(resource), "name": fc.name, "type": FIC_TYPE,
                "properties": {"issuer": fc.issuer, "subject": fc.subject, "audiences": list(fc.audiences)}}

    def put(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: CredentialBody,
            existing: tuple[UserAssignedIdentity, FederatedCredential] | None) -> Plan:
        mi = self._identity(cloud, rid)
        assert mi is not None  # the manager found the parent
        p, name = body.properties, rid.name
        if not (p.issuer and p.subject and p.audiences):
            raise ArmError("FederatedIdentityCredentialIncomplete")
        for other in mi.federated_credentials.values():
            if other.name != name and other.issuer == p.issuer and other.subject == p.subject:
                raise ArmError("FederatedIdentityCredentialAlreadyExists", issuer=p.issuer, subject=p.subject,
                               other=other.name)
        if existing is None and len(mi.federated_credentials) >= MAX_FEDERATED_CREDENTIALS:
            raise ArmError("FederatedIdentityCredentialQuotaExceeded", identity=mi.id, limit=MAX_FEDERATED_CREDENTIALS)
        fc = FederatedCredential(name=name, issuer=p.issuer, subject=p.subject, audiences=list(p.audiences))

        def commit() -> None:
            mi.federated_credentials[name] = fc
        return Plan(resource=(mi, fc), commit=commit, status=200 if existing else 201)

    def delete(self, cloud: Cloud, caller: Principal, rid: ResourceId,
               existing: tuple[UserAssignedIdentity, FederatedCredential]) -> Plan:
        mi, fc = existing

        def commit() -> None:
            mi.federated_credentials.pop(fc.name, None)
        return Plan(resource=existing, commit=commit, status=200)


IDENTITIES = register(IdentityProvider())
CREDENTIALS = register(CredentialProvider())
