"""Microsoft.CodeSigning/codeSigningAccounts (PUT, PATCH tags/sku, GET, list, DELETE) and their certificateProfiles
(PUT, GET, list, DELETE): Artifact Signing, as az artifact-signing, New-AzArtifactSigningAccount and templates send
them (azure-rest-api-specs specification/codesigning/CodeSigning.Management models.tsp and examples/2025-10-13).
The models and the signing service are engine/codesigning.py's.

An account needs a location Artifact Signing is offered in (its accountUri is that region's endpoint) and a SKU,
Basic or Premium; it cannot move. A profile needs a profileType and the id of a completed identity validation of its
account (whose subject its certificates carry); its type and identity cannot change once created. Deleting an
account deletes its profiles."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field

from ... import codesigning as cs
from ...errors import ArmError
from ...tenant import Principal
from ..manager import Plan, Provider, register
from ..request import ResourceId
from .registry_body import Body, _canonical
from .tracked import tracked_location

if TYPE_CHECKING:
    from ...cloud import Cloud

SkuName = Annotated[Literal["Basic", "Premium"], _canonical(*cs.SKUS)]
ProfileType = Annotated[Literal["PublicTrust", "PrivateTrust", "PrivateTrustCIPolicy", "VBSEnclave",
                                "PublicTrustTest"], _canonical(*cs.PROFILE_TYPES)]
INCLUDES = ("includeStreetAddress", "includeCity", "includeState", "includeCountry", "includePostalCode")


class AccountSku(Body):
    name: SkuName


class AccountProps(Body):
    sku: AccountSku | None = None


class AccountBody(Body):
    location: str | None = None
    tags: dict[str, str] | None = None
    properties: AccountProps = Field(default_factory=AccountProps)


class AccountPatch(Body):
    tags: dict[str, str] | None = None
    properties: AccountProps = Field(default_factory=AccountProps)


def account_arm(a: cs.CodeSigningAccount) -> dict:
    return {"id": a.id, "name": a.name, "type": cs.ACCOUNT_TYPE, "location": a.location, "tags": dict(a.tags),
            "properties": {"accountUri": a.account_uri, "sku": {"name": a.sku}, "provisioningState": "Succeeded"}}


class AccountProvider(Provider):
    type = cs.ACCOUNT_TYPE
    body_model = AccountBody
    patch_model = AccountPatch
    enum_names = {"name": "SkuName"}

    def find(self, cloud: Cloud, rid: ResourceId) -> cs.CodeSigningAccount | None:
        return cs.find_account(cloud, rid.resource_group, rid.name)

    def listing(self, cloud: Cloud, rid: ResourceId) -> list[cs.CodeSigningAccount]:
        rg = (rid.resource_group or "").lower()
        return sorted((a for a in cs.accounts(cloud).values() if not rg or a.resource_group.lower() == rg),
                      key=lambda a: (a.resource_group.lower(), a.name.lower()))

    def to_arm(self, resource: cs.CodeSigningAccount) -> dict:
        return account_arm(resource)

    def put(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: AccountBody,
            existing: cs.CodeSigningAccount | None) -> Plan:
        location = tracked_location(cs.ACCOUNT_TYPE, body.location, existing)
        if location not in cs.ENDPOINTS:
            raise ArmError("LocationNotAvailableForResourceType", location=body.location, type=cs.ACCOUNT_TYPE)
        sku = body.properties.sku.name if body.properties.sku else (existing.sku if existing else None)
        if sku is None:
            raise ArmError("InvalidRequestContent", detail="properties.sku is required")
        tags = dict(body.tags or {})
        if existing is not None:
            return _update(existing, tags, sku)
        if cs.find_account(cloud, None, rid.name) is not None:  # account names are global, as their endpoints are
            raise ArmError("CodeSigningAccountNameTaken", name=rid.name)
        account = cs.CodeSigningAccount(id=rid.id, name=rid.name, resource_group=cloud.group(rid.resource_group or
                                                                                              "").name,
                                        location=location, sku=sku, tags=tags)

        def create() -> None:
            cs.accounts(cloud)[account.id] = account
        return Plan(resource=account, commit=create, status=201)

    def patch(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: AccountPatch,
              existing: cs.CodeSigningAccount) -> Plan:
        return _update(existing, dict(body.tags) if body.tags is not None else existing.tags,
                       body.properties.sku.name if body.properties.sku else existing.sku)

    def delete(self, cloud: Cloud, caller: Principal, rid: ResourceId, existing: cs.CodeSigningAccount) -> Plan:
        def remove() -> None:
            cs.accounts(cloud).pop(existing.id, None)
        return Plan(resource=existing, commit=remove, status=200)


def _update(account: cs.CodeSigningAccount, tags: dict[str, str], sku: str) -> Plan:
    def commit() -> None:
        account.tags, account.sku = tags, sku
    return Plan(resource=account, commit=commit, status=200)


class ProfileProps(Body):
    profile_type: ProfileType | None = None
    identity_validation_id: str | None = None
    include_street_address: bool = False
    include_city: bool = False
    include_state: bool = False
    include_country: bool = False
    include_postal_code: bool = False


class ProfileBody(Body):
    properties: ProfileProps = Field(default_factory=ProfileProps)


class ProfileProvider(Provider):
    type = cs.PROFILE_TYPE
    body_model = ProfileBody
    enum_names = {"profileType": "ProfileType"}

    def _account(self, cloud: Cloud, rid: ResourceId) -> cs.CodeSigningAccount | None:
        return cs.find_account(cloud, rid.resource_group, rid.names[0]) if rid.names else None

    def find(self, cloud: Cloud, rid: ResourceId) -> cs.CertificateProfile | None:
        account = self._account(cloud, rid)
        return account.profiles.get(rid.name) if account is not None else None

    def listing(self, cloud: Cloud, rid: ResourceId) -> list[cs.CertificateProfile]:
        account = self._account(cloud, rid)
        return list(account.profiles.values()) if account is not None else []

    def read_scope(self, resource: cs.CertificateProfile) -> str:
        return resource.account_id

    def to_arm(self, resource: cs.CertificateProfile) -> dict:
        return {"id": resource.id, "name": resource.name, "type": cs.PROFILE_TYPE,
                "properties": {"profileType": resource.profile_type,
                               "identityValidationId": resource.identity_validation_id,
                               **{k: bool(resource.include.get(k)) for k in INCLUDES},
                               "provisioningState": "Succeeded", "status": resource.status,
                               "certificates": [_cert_arm(c, resource.now) for c in resource.certificates]}}

    def put(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: ProfileBody,
            existing: cs.CertificateProfile | None) -> Plan:
        account = self._account(cloud, rid)
        assert account is not None  # the manager found the parent
        p = body.properties
        if not p.profile_type:
            raise ArmError("InvalidRequestContent", detail="properties.profileType is required")
        if not p.identity_validation_id:
            raise ArmError("InvalidRequestContent", detail="properties.identityValidationId is required")
        validation = account.identity_validations.get(p.identity_validation_id)
        if validation is None or validation.status != "Completed":
            raise ArmError("IdentityValidationNotCompleted", id=p.identity_validation_id, account=account.name)
        if p.profile_type.startswith("PublicTrust") != (validation.trust == "Public"):
            raise ArmError("IdentityValidationTrustMismatch", id=validation.id, trust=validation.trust,
                           profile_type=p.profile_type)
        include = {k: bool(getattr(p, _snake(k))) for k in INCLUDES}
        if existing is not None:
            if (existing.profile_type, existing.identity_validation_id) != (p.profile_type, validation.id):
                raise ArmError("CertificateProfileImmutable", name=existing.name)
            return Plan(resource=existing, commit=lambda: setattr(existing, "include", include), status=200)
        profile = cs.CertificateProfile(name=rid.name, account_id=account.id, profile_type=p.profile_type,
                                        identity_validation_id=validation.id, include=include,
                                        clock=cloud.clock)

        def create() -> None:
            account.profiles[profile.name] = profile
        return Plan(resource=profile, commit=create, status=201)

    def delete(self, cloud: Cloud, caller: Principal, rid: ResourceId, existing: cs.CertificateProfile) -> Plan:
        account = self._account(cloud, rid)
        assert account is not None
        def remove() -> None:
            account.profiles.pop(existing.name, None)
        return Plan(resource=existing, commit=remove, status=200)


def _snake(name: str) -> str:
    return "".join("_" + c.lower() if c.isupper() else c for c in name)


def _cert_arm(c: cs.ProfileCertificate, now) -> dict:
    return {"serialNumber": c.serial_number, "subjectName": c.subject_name, "thumbprint": c.thumbprint.upper(),
            "createdDate": cs.cert_date(c.created), "expiryDate": cs.cert_date(c.expires),
            "enhancedKeyUsage": c.enhanced_key_usage, "status": c.status(now) if now else "Active"}


register(AccountProvider())
register(ProfileProvider())
