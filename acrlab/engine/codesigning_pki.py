"""The lab's stand-in for the public key infrastructure behind Artifact Signing and its timestamping authority.

The docs (MicrosoftDocs/azure-management-docs articles/container-registry/
container-registry-tutorial-sign-verify-notation-artifact-signing.md and the GitHub verify tutorial) download two
roots from www.microsoft.com/pkiops: the "Artifact Signing root certificate" (Microsoft Enterprise Identity
Verification Root Certificate Authority 2020), which the signing certificates chain to, and the "TSA root
certificate" (Microsoft Identity Verification Root Certificate Authority 2020), which the timestamping authority at
http://timestamp.acs.microsoft.com/ chains to. The lab serves its own certificates at those URLs (public_web), made
deterministically here in the lab's certificate format (engine/x509.py) and named as the lab's own: they are not
copies of Microsoft's. Intermediates stand in for the issuing CAs (ID Verified CS EOC CA, Public RSA Timestamping CA).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from . import x509
from .clock import EPOCH

_O = "O=acrlab simulated Microsoft PKI,C=US"
SIGNING_ROOT = f"CN=Lab Enterprise Identity Verification Root CA 2020,{_O}"
SIGNING_CA = f"CN=Lab ID Verified CS EOC CA 01,{_O}"
TSA_ROOT = f"CN=Lab Identity Verification Root CA 2020,{_O}"
TSA_CA = f"CN=Lab Public RSA Timestamping CA 2020,{_O}"
TSA_UNIT = f"CN=Lab Public RSA Time Stamping Authority,{_O}"
TSA_URL = "http://timestamp.acs.microsoft.com/"
PKIOPS = "www.microsoft.com/pkiops/certs/"
SIGNING_ROOT_URL = ("https://" + PKIOPS + "Microsoft%20Enterprise%20Identity%20Verification%20Root%20Certificate%20"
                    "Authority%202020.crt")
TSA_ROOT_URL = "http://" + PKIOPS + "microsoft%20identity%20verification%20root%20certificate%20authority%202020.crt"


def thumbprint(*parts: str) -> str:
    return x509.thumbprint(*parts)


def _stamp(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def _ca(subject: str, issuer: str, years: int) -> x509.Cert:
    return x509.Cert(thumbprint("acrlab-pki", subject), subject, issuer, True, f"ca:{subject}",
                     _stamp(EPOCH + timedelta(days=365 * years)))


def signing_root() -> x509.Cert:
    return _ca(SIGNING_ROOT, SIGNING_ROOT, 20)


def tsa_root() -> x509.Cert:
    return _ca(TSA_ROOT, TSA_ROOT, 20)


def signing_chain(leaf_thumbprint: str, subject: str, expires: datetime, key: str) -> list[x509.Cert]:
    """[leaf, issuing CA, root] of a certificate profile's signing certificate."""
    leaf = x509.Cert(leaf_thumbprint, subject, SIGNING_CA, False, key, _stamp(expires))
    return [leaf, _ca(SIGNING_CA, SIGNING_ROOT, 10), signing_root()]


def tsa_chain() -> list[x509.Cert]:
    """[timestamping unit, its CA, root] of the timestamping authority."""
    unit = x509.Cert(thumbprint("acrlab-pki", TSA_UNIT), TSA_UNIT, TSA_CA, False, f"tsa:{TSA_UNIT}",
                     _stamp(EPOCH + timedelta(days=365 * 5)))
    return [unit, _ca(TSA_CA, TSA_ROOT, 10), tsa_root()]


def served() -> dict[str, str]:
    """URL -> PEM text of the roots the public web serves."""
    return {SIGNING_ROOT_URL: x509.encode(signing_root()), TSA_ROOT_URL: x509.encode(tsa_root())}


def timestamp_authority(url: str) -> list[x509.Cert] | None:
    """The chain of the RFC 3161 timestamping authority at `url` (the one the docs use), None for a host the lab's
    world does not have."""
    return tsa_chain() if url.strip().rstrip("/").lower() == TSA_URL.rstrip("/") else None
