"""Key Vault certificates (self-signed, from a certificate policy) and signing with their keys: what Notation's
azure-kv plugin uses to sign container images.

A certificate creates a key and a secret of the same name (kid/sid), as Key Vault does. Data-plane access is the
vault's: Azure RBAC vaults decide with role assignments (Key Vault Certificates Officer creates, Certificate User
or Administrator reads, Crypto User signs), access-policy vaults with their policies (`az keyvault set-policy
--certificate-permissions create get --key-permissions sign`). The lab's X.509 certificate is a PEM whose body
names the certificate (subject, thumbprint); it is what `notation cert add` puts in a trust store.

Sources: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-tutorial-sign-build-push.md
(certificate policy, roles, az keyvault certificate create|show|download); Key Vault RBAC guide role definitions.
"""

from __future__ import annotations

import base64
import hashlib
from datetime import datetime, timedelta

from pydantic import BaseModel, Field

from . import x509 as x509_text
from .errors import AzureError
from .keyvault import Vault, create_key, find_vault
from .keyvault_secrets import pick_version, vault_authorize
from .tenant import Principal

ACTIONS = {("certificates", "create"): "certificates/create/action", ("certificates", "get"): "certificates/read",
           ("certificates", "list"): "certificates/read", ("keys", "sign"): "keys/sign/action",
           ("keys", "get"): "keys/read", ("secrets", "get"): "secrets/getSecret/action",
           ("certificates", "import"): "certificates/import/action"}
PEM_TAG = "acrlab-x509"


class CertVersion(BaseModel):
    version: str
    created: datetime
    expires: datetime
    subject: str
    thumbprint: str
    """SHA-1 thumbprint, hex upper-case (x509ThumbprintHex); the SHA-256 one is `sha256`."""
    sha256: str
    key_version: str
    issuer: str = ""
    """The issuer's subject; '' for a self-signed certificate."""
    chain: list[str] = Field(default_factory=list)
    """The certificates a merge brought (leaf first, then its CA certificates), as x509.encode wrote them; empty
    for a self-signed certificate. The certificate's secret holds them: what the azure-kv plugin reads."""


class Certificate(BaseModel):
    name: str
    vault: str
    policy: dict
    versions: list[CertVersion] = Field(default_factory=list)
    pending: dict | None = None
    """A certificate operation waiting for a merge: {'csr', 'key_version', 'request_id', 'created'}."""

    @property
    def current(self) -> CertVersion:
        return self.versions[-1]


def certificates_of(cloud, vault: Vault) -> dict[str, Certificate]:
    return cloud.state.setdefault("kv_certificates", {}).setdefault(vault.id.lower(), {})


def authorize(cloud, caller: Principal, vault: Vault, kind: str, permission: str, name: str) -> None:
    """Raise the vault's Forbidden error unless `caller` may `permission` the `kind` (certificates|keys|secrets)."""
    vault_authorize(cloud, caller, vault, kind, permission, ACTIONS[(kind, permission)], name)


def _not_found(name: str) -> AzureError:
    return AzureError(f"A certificate with (name/id) {name} was not found in this key vault. If you recently deleted "
                      "this certificate you may be able to recover it using the correct recovery command. For help "
                      "resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182",
                      code="CertificateNotFound", status=404)


def create_certificate(cloud, caller: Principal, vault: Vault, name: str, policy: dict) -> Certificate:
    """A certificate from its policy; only self-issued ("Self") certificates complete at once."""
    authorize(cloud, caller, vault, "certificates", "create", name)
    x509 = policy.get("x509CertificateProperties") or {}
    issuer = (policy.get("issuerParameters") or {}).get("name") or "Unknown"
    subject = x509.get("subject")
    if not isinstance(subject, str) or "=" not in subject:
        raise AzureError("Property policy has invalid value\nSubject is missing or invalid.", code="BadParameter",
                         status=400)
    if issuer not in ("Self", "Unknown"):
        raise AzureError(f"The certificate issuer '{issuer}' is not registered in this key vault: this lab issues "
                         "self-signed certificates (issuerParameters.name \"Self\") and certificates a CA signs "
                         "from the vault's CSR (\"Unknown\", then a merge).", code="BadParameter", status=400)
    months = int(x509.get("validityInMonths") or 12)
    key, kid = create_key(cloud, vault, name, (policy.get("keyProperties") or {}).get("keyType") or "RSA",
                          int((policy.get("keyProperties") or {}).get("keySize") or 2048))
    now = cloud.clock.now()
    version = kid.rsplit("/", 1)[-1]
    seed = f"{vault.name}/{name}/{version}/{subject}".encode()
    cert = certificates_of(cloud, vault).get(name.lower()) or Certificate(name=name, vault=vault.name, policy=policy)
    cert.policy = policy
    if issuer == "Unknown":  # a CSR for a CA of the learner's choice: the certificate completes on merge
        cert.pending = {"csr": x509_text.csr(subject, f"kv:{vault.name}/{name}/{version}"), "key_version": version,
                        "request_id": cloud.ids.hex(32), "created": now}
        certificates_of(cloud, vault)[name.lower()] = cert
        return cert
    cert.pending = None
    cert.versions.append(CertVersion(version=version, created=now, expires=now + timedelta(days=30 * months + months // 2),
                                     subject=subject, thumbprint=hashlib.sha1(seed).hexdigest().upper(),
                                     sha256=hashlib.sha256(seed).hexdigest(), key_version=version))
    certificates_of(cloud, vault)[name.lower()] = cert
    return cert


def get_certificate(cloud, caller: Principal, vault: Vault, name: str, version: str | None = None) \
        -> tuple[Certificate, CertVersion]:
    authorize(cloud, caller, vault, "certificates", "get", name)
    cert = certificates_of(cloud, vault).get(name.lower())
    return pick_version(cert if cert is not None and cert.versions else None, name, version, _not_found)


def list_certificates(cloud, caller: Principal, vault: Vault) -> list[Certificate]:
    authorize(cloud, caller, vault, "certificates", "list", "")
    return sorted((c for c in certificates_of(cloud, vault).values() if c.versions), key=lambda c: c.name.lower())


def pem(cert: Certificate, version: CertVersion) -> str:
    """The certificate as `az keyvault certificate download` writes it (PEM): the leaf only."""
    if version.chain:
        return version.chain[0]
    body = base64.b64encode(f"{PEM_TAG}|{cert.vault}|{cert.name}|{version.version}|{version.sha256}|"
                            f"{version.subject}".encode()).decode()
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    return "-----BEGIN CERTIFICATE-----\n" + "\n".join(lines) + "\n-----END CERTIFICATE-----\n"


def find_by_key_id(cloud, key_id: str) -> tuple[Vault, Certificate, CertVersion]:
    """The certificate whose key `key_id` (https://<vault>.vault.azure.net/keys/<name>[/<version>]) names."""
    rest = key_id.strip().removeprefix("https://")
    parts = rest.rstrip("/").split("/")
    # the plug-in reads the id as a URI and keeps scheme and host, so Az PowerShell's ':443' ids work too
    # (Azure/notation-azure-kv Notation.Plugin.AzureKeyVault/KeyVault/KeyVaultClient.cs)
    parts[0] = parts[0].removesuffix(":443")
    if len(parts) < 3 or parts[1] != "keys" or not parts[0].endswith(".vault.azure.net"):
        raise AzureError(f"invalid keyID: {key_id}", code="InvalidKeyId")
    vault = find_vault(cloud, parts[0].split(".", 1)[0])
    cert = certificates_of(cloud, vault).get(parts[2].lower())
    if cert is None or not cert.versions:
        raise AzureError(f"A certificate with (name/id) {parts[2]} was not found in this key vault.",
                         code="CertificateNotFound", status=404)
    version = parts[3] if len(parts) > 3 else cert.current.version
    found = next((v for v in cert.versions if v.version == version), None)
    if found is None:
        raise AzureError(f"A certificate with (name/id) {parts[2]}/{version} was not found in this key vault.",
                         code="CertificateNotFound", status=404)
    return vault, cert, found


def by_thumbprint(cloud, sha256: str) -> CertVersion | None:
    for certs in cloud.state.get("kv_certificates", {}).values():
        for cert in certs.values():
            for v in cert.versions:
                if v.sha256 == sha256:
                    return v
    return None


def import_certificate(cloud, caller: Principal, vault: Vault, name: str, pem_text: str,
                       policy: dict | None = None) -> Certificate:
    """A certificate and its private key from a PEM file (az keyvault certificate import): the key joins the vault,
    the certificates after the leaf are kept as its chain."""
    authorize(cloud, caller, vault, "certificates", "import", name)
    chain = x509_text.parse(pem_text) if "-----BEGIN CERTIFICATE-----" in pem_text else None
    if chain is None:
        raise AzureError("The specified PEM X.509 certificate content can not be read. Please check if certificate is "
                         "in valid PEM format.", code="BadParameter", status=400)
    key = x509_text.parse_private_key(pem_text)
    if key is None:
        raise AzureError("Private key is not specified in the specified X.509 PEM certificate content. Please "
                         "specify private key in the X.509 PEM certificate content.", code="BadParameter", status=400)
    leaf = chain[0]
    if leaf.key != key:
        raise AzureError("Public key from x509 certificate and key of this instance doesn't match",
                         code="BadParameter", status=400)
    _, kid = create_key(cloud, vault, name)
    version = kid.rsplit("/", 1)[-1]
    now = cloud.clock.now()
    cert = certificates_of(cloud, vault).get(name.lower()) or Certificate(
        name=name, vault=vault.name, policy=policy or {
            "issuerParameters": {"name": "Unknown"}, "keyProperties": {"exportable": True, "keyType": "RSA"},
            "secretProperties": {"contentType": "application/x-pem-file"},
            "x509CertificateProperties": {"subject": leaf.subject}})
    expires = datetime.strptime(leaf.not_after, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=now.tzinfo)
    cert.versions.append(CertVersion(version=version, created=now, expires=expires, subject=leaf.subject,
                                     thumbprint=hashlib.sha1(leaf.sha256.encode()).hexdigest().upper(),
                                     sha256=leaf.sha256, key_version=version, issuer=leaf.issuer,
                                     chain=[x509_text.encode(c) for c in chain]))
    cert.pending = None
    certificates_of(cloud, vault)[name.lower()] = cert
    return cert


def pending_operation(cloud, caller: Principal, vault: Vault, name: str) -> Certificate:
    """The certificate whose operation waits for a merge (az keyvault certificate pending show)."""
    authorize(cloud, caller, vault, "certificates", "get", name)
    cert = certificates_of(cloud, vault).get(name.lower())
    if cert is None or cert.pending is None:
        raise AzureError(f"Pending certificate not found: {name}", code="PendingCertificateNotFound", status=404)
    return cert


def merge(cloud, caller: Principal, vault: Vault, name: str, pem_text: str) -> Certificate:
    """Complete a pending certificate with the certificate (and chain) the CA returned for its CSR."""
    authorize(cloud, caller, vault, "certificates", "create", name)
    cert = pending_operation(cloud, caller, vault, name)
    pending = cert.pending or {}
    chain = x509_text.parse(pem_text)
    if chain is None:
        raise AzureError("Property x5c has invalid value\nX5C must have at least one valid item",
                         code="BadParameter", status=400)
    leaf = chain[0]
    if leaf.key != f"kv:{vault.name}/{cert.name}/{pending['key_version']}":
        raise AzureError("Public key from x509 certificate and key of this instance doesn't match",
                         code="BadParameter", status=400)
    now = cloud.clock.now()
    expires = datetime.strptime(leaf.not_after, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=now.tzinfo)
    cert.versions.append(CertVersion(version=pending["key_version"], created=now, expires=expires,
                                     subject=leaf.subject, thumbprint=hashlib.sha1(leaf.sha256.encode()).hexdigest()
                                     .upper(), sha256=leaf.sha256, key_version=pending["key_version"],
                                     issuer=leaf.issuer, chain=[x509_text.encode(c) for c in chain]))
    cert.pending = None
    return cert
