"""Artifact Signing (formerly Trusted Signing; resource provider Microsoft.CodeSigning): signing accounts, their
identity validations and certificate profiles, and the signing service the notation plugin `azure-artifactsigning`
calls.

Shapes: azure-rest-api-specs specification/codesigning/CodeSigning.Management (models.tsp; examples/2025-10-13
CodeSigningAccounts_Create.json, CertificateProfiles_Get.json): an account has `sku.name` Basic|Premium and a
read-only `accountUri`, the regional endpoint (`https://eus.codesigning.azure.net/` for East US); a profile has a
`profileType`, the `identityValidationId` its subject comes from, include* flags, `status` and the `certificates`
it has issued (serialNumber, subjectName, thumbprint, createdDate, expiryDate, status, enhancedKeyUsage).

Identity validation is done in the Azure portal only (learn.microsoft.com artifact-signing quickstart: "You can
complete identity validation only in the Azure portal"), so the lab's set-up records one with `validate_identity`.
Signing (Azure/artifact-signing-notation-plugin: the plugin sends the digest to `baseUrl` for `accountName` and
`certProfile` and returns the certificate chain, leaf to root) needs the data action
Microsoft.CodeSigning/certificateProfiles/Sign/action at the profile (the built-in Artifact Signing Certificate
Profile Signer role). Each signing certificate is short-lived (three days, as in CertificateProfiles_Get.json:
created 3/14, expires 3/17) and is issued by the lab's stand-in for Microsoft's identity verification PKI
(codesigning_pki.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from . import codesigning_pki as pki
from .errors import AzureError

if TYPE_CHECKING:
    from .cloud import Cloud
    from .tenant import Principal

ACCOUNT_TYPE = "Microsoft.CodeSigning/codeSigningAccounts"
PROFILE_TYPE = f"{ACCOUNT_TYPE}/certificateProfiles"
SIGN_ACTION = "Microsoft.CodeSigning/certificateProfiles/Sign/action"
KIND = "codesigning_accounts"
SKUS = ("Basic", "Premium")
PROFILE_TYPES = ("PublicTrust", "PrivateTrust", "PrivateTrustCIPolicy", "VBSEnclave", "PublicTrustTest")
CERT_LIFETIME = timedelta(days=3)
CODE_SIGNING_EKU = "1.3.6.1.5.5.7.3.3"
ENDPOINTS = {  # the regions Artifact Signing is offered in and their endpoints (artifact-signing quickstart)
    "eastus": "eus", "westus": "wus", "westcentralus": "wcus", "westus2": "wus2", "westus3": "wus3",
    "northeurope": "neu", "westeurope": "weu",
}


@dataclass
class IdentityValidation:
    id: str
    organization: str
    city: str
    state: str
    country: str
    postal_code: str = ""
    street: str = ""
    trust: str = "Public"
    status: str = "Completed"


@dataclass
class ProfileCertificate:
    serial_number: str
    subject_name: str
    thumbprint: str
    created: datetime
    expires: datetime
    enhanced_key_usage: str = CODE_SIGNING_EKU

    def status(self, now: datetime) -> str:
        return "Active" if now < self.expires else "Expired"


@dataclass
class CertificateProfile:
    name: str
    account_id: str
    profile_type: str
    identity_validation_id: str
    include: dict[str, bool] = field(default_factory=dict)
    status: str = "Active"
    certificates: list[ProfileCertificate] = field(default_factory=list)
    clock: Any = field(default=None, repr=False, compare=False)
    """The cloud's clock: a certificate's status (Active, Expired) is read against it."""

    @property
    def id(self) -> str:
        return f"{self.account_id}/certificateProfiles/{self.name}"

    @property
    def now(self) -> datetime | None:
        return self.clock.now() if self.clock is not None else None


@dataclass
class CodeSigningAccount:
    id: str
    name: str
    resource_group: str
    location: str
    sku: str
    tags: dict[str, str] = field(default_factory=dict)
    profiles: dict[str, CertificateProfile] = field(default_factory=dict)
    identity_validations: dict[str, IdentityValidation] = field(default_factory=dict)

    @property
    def account_uri(self) -> str:
        return f"https://{ENDPOINTS[self.location]}.codesigning.azure.net/"


class SigningError(AzureError):
    """What the signing service answers the plugin (an Azure.Core RequestFailedException's text)."""


def accounts(cloud: Cloud) -> dict[str, CodeSigningAccount]:
    return cloud.resources.setdefault(KIND, {})


def find_account(cloud: Cloud, group: str | None, name: str) -> CodeSigningAccount | None:
    low = name.lower()
    return next((a for a in accounts(cloud).values() if a.name.lower() == low
                 and (group is None or a.resource_group.lower() == group.lower())), None)


def subject_of(validation: IdentityValidation, profile_type: str, include: dict[str, bool]) -> str:
    """The certificate subject a profile's certificates carry, from its identity validation: CN and O always; for
    Public Trust the locality, state and country as in CertificateProfiles_Get.json's example; for the other types
    the parts its include* flags name (models.tsp: "Applicable only for private trust, private trust ci profile
    types")."""
    public = profile_type.startswith("PublicTrust")
    parts = [f"CN={validation.organization}", f"O={validation.organization}"]
    if validation.street and include.get("includeStreetAddress"):
        parts.append(f"STREET={validation.street}")
    if public or include.get("includeCity"):
        parts.append(f"L={validation.city}")
    if public or include.get("includeState"):
        parts.append(f"S={validation.state}")
    if public or include.get("includeCountry"):
        parts.append(f"C={validation.country}")
    if validation.postal_code and include.get("includePostalCode"):
        parts.append(f"PostalCode={validation.postal_code}")
    return ", ".join(parts)


def validate_identity(cloud: Cloud, account: CodeSigningAccount, organization: str, city: str, state: str,
                      country: str, trust: str = "Public") -> IdentityValidation:
    """Record a completed identity validation on the account (the portal-only step the docs presume done)."""
    iv = IdentityValidation(id=cloud.ids.guid(), organization=organization, city=city, state=state, country=country,
                            trust=trust)
    account.identity_validations[iv.id] = iv
    return iv


def profile_subject(cloud: Cloud, profile: CertificateProfile) -> str:
    account = accounts(cloud)[profile.account_id]
    return subject_of(account.identity_validations[profile.identity_validation_id], profile.profile_type,
                      profile.include)


def _certificate(cloud: Cloud, profile: CertificateProfile, now: datetime) -> ProfileCertificate:
    """The profile's certificate valid now, issued when none is (each lives three days)."""
    for cert in profile.certificates:
        if cert.created <= now < cert.expires:
            return cert
    serial = cloud.ids.hex(36).upper()
    cert = ProfileCertificate(serial_number=serial, subject_name=profile_subject(cloud, profile),
                              thumbprint=pki.thumbprint("artifact-signing", profile.id.lower(), serial),
                              created=now, expires=now + CERT_LIFETIME)
    profile.certificates.append(cert)
    return cert


def _failed(status: int, reason: str, code: str, message: str) -> SigningError:
    return SigningError(f"Service request failed.\nStatus: {status} ({reason})\n\nContent:\n"
                        f'{{"errorDetail":{{"code":"{code}","message":"{message}"}}}}', code, status)


def sign(cloud: Cloud, caller: Principal, base_url: str, account_name: str, profile_name: str) -> list:
    """The signing service: the certificate chain (x509.Cert, leaf first) of the key that signed for `caller`.
    The account is found by its name at its regional endpoint; the caller needs the Sign data action at the
    profile (roles assigned at the profile, the account, the group or the subscription all reach it)."""
    url = base_url.strip().rstrip("/").lower() + "/"
    account = next((a for a in accounts(cloud).values() if a.name.lower() == account_name.lower()), None)
    if account is None or account.account_uri != url:
        raise _failed(404, "Not Found", "NotFound", f"Account '{account_name}' was not found at {base_url}.")
    profile = account.profiles.get(profile_name)
    if profile is None:
        raise _failed(404, "Not Found", "NotFound",
                      f"Certificate profile '{profile_name}' was not found in account '{account.name}'.")
    if not cloud.authorize(caller, SIGN_ACTION, profile.id, data=True).allowed:
        raise _failed(403, "Forbidden", "Forbidden", f"The caller '{caller.object_id}' does not have the permission "
                                                     f"'{SIGN_ACTION}' on '{profile.id}'.")
    if profile.status != "Active":
        raise _failed(403, "Forbidden", "Forbidden", f"Certificate profile '{profile.name}' is {profile.status}.")
    cert = _certificate(cloud, profile, cloud.clock.now())
    return pki.signing_chain(cert.thumbprint, x509_subject(cert.subject_name), cert.expires,
                             f"cs:{profile.id.lower()}/{cert.serial_number}")


def x509_subject(display: str) -> str:
    """The subject as X.509 tools outside Windows name it: the service (like Windows) writes the state as S, Go's
    crypto/x509 (notation) as ST; the attribute is the same (OID 2.5.4.8)."""
    return ", ".join("ST=" + p.strip()[2:] if p.strip().startswith("S=") else p.strip() for p in display.split(","))


def certificate_by_thumbprint(cloud: Cloud, thumbprint: str) -> ProfileCertificate | None:
    for account in accounts(cloud).values():
        for profile in account.profiles.values():
            for cert in profile.certificates:
                if cert.thumbprint == thumbprint:
                    return cert
    return None


def cert_date(dt: datetime) -> str:
    """createdDate/expiryDate as the service writes them (CertificateProfiles_Get.json: '3/14/2023 5:27:49 PM')."""
    hour = dt.hour % 12 or 12
    return f"{dt.month}/{dt.day}/{dt.year} {hour}:{dt.minute:02d}:{dt.second:02d} {'PM' if dt.hour >= 12 else 'AM'}"
