"""The lab's X.509 certificates and certificate signing requests, and the certificate authority of the lab's world.

A certificate is a PEM block whose body names what a real one carries and the lab needs: its SHA-256 thumbprint,
subject, issuer, whether it is a CA, the key it certifies (`kv:<vault>/<name>/<version>` for a Key Vault key,
`ca:<name>` for the CA's own) and its expiry. A file may hold a chain (several blocks). Key Vault's self-signed
certificates use the older body (keyvault_certs.pem), which `parse` still reads. A CSR (`az keyvault certificate
pending show --query csr`) names the key and the subject it asks for.

The world's CA (`lab ca`) stands in for a CA vendor such as DigiCert or GlobalSign: a root and an issuing
intermediate that sign CSRs for code signing, as MicrosoftDocs/azure-management-docs articles/container-registry/
container-registry-tutorial-sign-trusted-ca.md asks (the root and intermediate carry basicConstraints CA=true; the
leaf is for digitalSignature only)."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

TAG = "acrlab-x509v2"
LEGACY_TAG = "acrlab-x509"
CSR_TAG = "acrlab-csr"
KEY_TAG = "acrlab-key"
ROOT_SUBJECT = "CN=Lab Trusted Root CA 2026,O=Lab Certificate Services,C=US"
ISSUING_SUBJECT = "CN=Lab Code Signing CA 2026,O=Lab Certificate Services,C=US"


@dataclass(frozen=True)
class Cert:
    sha256: str
    subject: str
    issuer: str
    is_ca: bool
    key: str
    not_after: str
    """ISO date (YYYY-MM-DDTHH:MM:SSZ) after which the certificate is no longer valid; '' when not carried."""


def _block(kind: str, body: str) -> str:
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    return f"-----BEGIN {kind}-----\n" + "\n".join(lines) + f"\n-----END {kind}-----\n"


def encode(cert: Cert) -> str:
    fields = [TAG, cert.sha256, cert.subject, cert.issuer, "ca" if cert.is_ca else "leaf", cert.key, cert.not_after]
    return _block("CERTIFICATE", base64.b64encode("|".join(fields).encode()).decode())


def _bodies(text: str, kind: str) -> list[str]:
    out, rest = [], text
    begin, end = f"-----BEGIN {kind}-----", f"-----END {kind}-----"
    while begin in rest:
        inner, _, rest = rest.split(begin, 1)[1].partition(end)
        out.append("".join(inner.split()))
    return out


def _decode(body: str) -> Cert | None:
    try:
        fields = base64.b64decode(body, validate=True).decode().split("|")
    except (ValueError, UnicodeDecodeError):
        return None
    if fields[0] == TAG and len(fields) == 7:
        return Cert(fields[1], fields[2], fields[3], fields[4] == "ca", fields[5], fields[6])
    if fields[0] == LEGACY_TAG and len(fields) == 6:  # Key Vault's self-signed certificate
        _, vault, name, version, sha, subject = fields
        return Cert(sha, subject, subject, False, f"kv:{vault}/{name}/{version}", "")
    return None


def parse(text: str) -> list[Cert] | None:
    """The certificates of a PEM file (leaf first, as written), or None when any block is not one."""
    certs = [_decode(b) for b in _bodies(text, "CERTIFICATE")]
    if not certs or any(c is None for c in certs):
        return None
    return [c for c in certs if c is not None]


def csr(subject: str, key: str) -> str:
    """The base64 DER-like body of a CSR (what Key Vault returns as `csr`)."""
    return base64.b64encode(f"{CSR_TAG}|{subject}|{key}".encode()).decode()


def parse_csr(text: str) -> tuple[str, str] | None:
    """(subject, key) of a CSR given as PEM or as the bare base64 body."""
    bodies = _bodies(text, "CERTIFICATE REQUEST") or _bodies(text, "NEW CERTIFICATE REQUEST") or ["".join(text.split())]
    try:
        fields = base64.b64decode(bodies[0], validate=True).decode().split("|")
    except (ValueError, UnicodeDecodeError):
        return None
    return (fields[1], fields[2]) if len(fields) == 3 and fields[0] == CSR_TAG else None


def thumbprint(*parts: str) -> str:
    """A deterministic SHA-256 thumbprint for a certificate made from `parts`."""
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


_thumb = thumbprint


def _stamp(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def ca_chain(epoch: datetime) -> tuple[Cert, Cert]:
    """(issuing intermediate, root) of the world's CA; valid for ten years from the lab's epoch."""
    until = _stamp(epoch + timedelta(days=3650))
    root = Cert(_thumb("root", ROOT_SUBJECT), ROOT_SUBJECT, ROOT_SUBJECT, True, "ca:root", until)
    issuing = Cert(_thumb("issuing", ISSUING_SUBJECT), ISSUING_SUBJECT, ROOT_SUBJECT, True, "ca:issuing", until)
    return issuing, root


def issue(csr_text: str, now: datetime, epoch: datetime, months: int = 12) -> list[Cert]:
    """The world's CA signs a CSR: [leaf, intermediate, root]. Raises ValueError for a file that is not a CSR."""
    parsed = parse_csr(csr_text)
    if parsed is None:
        raise ValueError("not a certificate signing request")
    subject, key = parsed
    issuing, root = ca_chain(epoch)
    leaf = Cert(_thumb("leaf", subject, key, _stamp(now)), subject, issuing.subject, False, key,
                _stamp(now + timedelta(days=30 * months + months // 2)))
    return [leaf, issuing, root]


def expired(cert: Cert, now: datetime) -> bool:
    return bool(cert.not_after) and cert.not_after <= _stamp(now)


def private_key(key: str) -> str:
    """A PEM private key block standing for the key `key` names."""
    return _block("PRIVATE KEY", base64.b64encode(f"{KEY_TAG}|{key}".encode()).decode())


def parse_private_key(text: str) -> str | None:
    """The key a PEM file's private key block stands for, or None when it has none."""
    for body in _bodies(text, "PRIVATE KEY"):
        try:
            fields = base64.b64decode(body, validate=True).decode().split("|")
        except (ValueError, UnicodeDecodeError):
            return None
        if len(fields) == 2 and fields[0] == KEY_TAG:
            return fields[1]
    return None


def issue_with_key(subject: str, key_id: str, now: datetime, epoch: datetime,
                   months: int = 12) -> tuple[str, list[Cert]]:
    """The world's CA issues a certificate for a new key pair it generates for the customer (a vendor's PFX/PEM):
    (the private key's reference, [leaf, intermediate, root]). `key_id` is random (every key pair is new)."""
    key = f"pem:{key_id}"
    return key, issue(csr(subject, key), now, epoch, months)
