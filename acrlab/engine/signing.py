"""Notary Project signatures (Notation): sign an image with a Key Vault certificate's key, store the signature in
the registry as an OCI artifact that refers to the image, and verify it against a trust policy and trust store.

What signing needs (MicrosoftDocs/azure-management-docs articles/container-registry/
container-registry-tutorial-sign-build-push.md): the signer reads the certificate (certificates get; with the
azure-kv plugin's `self_signed=true`, otherwise the chain comes from the certificate's secret: secrets get) and
signs with its key (keys sign: Key Vault Crypto User), and pushes the signature next to the image (AcrPush, or
Container Registry Repository Writer on an ABAC registry). The signature manifest has artifactType
`application/vnd.cncf.notary.signature`, one envelope blob (JWS or COSE) and the signing certificate's SHA-256
thumbprint in the `io.cncf.notary.x509chain.thumbprint#S256` annotation (notaryproject/specifications
signature-specification.md): the whole chain's, leaf first, for a CA-issued certificate. Verification
(trust-store-trust-policy.md): the first trust policy whose registryScopes covers the repository applies; `skip`
skips; otherwise a signature verifies when a certificate of its chain is in one of the policy's trust stores and its subject is a trusted identity, and (`strict`) has
not expired. Errors carry notation's texts (notaryproject/notation cmd/notation, notation-go errors).
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime

from . import codesigning, codesigning_pki, keyvault_certs, oci, x509
from .artifact_files import CONTENTS as BLOB_CONTENTS
from .artifacts import Layer
from .clock import iso
from .cloud import Cloud
from .dataplane import Credential, Origin
from .errors import AzureError, RegistryError
from .images import pull_image, push_image
from .registry import Registry
from .tenant import Principal

NOTARY_SIGNATURE = "application/vnd.cncf.notary.signature"
ENVELOPES = {"jws": "application/jose+json", "cose": "application/cose"}
THUMBPRINTS = "io.cncf.notary.x509chain.thumbprint#S256"
CREATED = "org.opencontainers.image.created"
ARTIFACT_SIGNING = "azure-artifactsigning"
POLICY_LINK = "https://notaryproject.dev/docs/quickstart/#create-a-trust-policy"


class NotationError(Exception):
    """A failed notation command; the text follows 'Error: '."""


def sign(cloud: Cloud, signer: Principal, registry: Registry, cred: Credential | None, repository: str,
         reference: str, key_id: str, envelope: str, self_signed: bool, origin: Origin,
         user_metadata: dict[str, str] | None = None, ca_certs: str | None = None, plugin: str = "azure-kv",
         plugin_config: dict[str, str] | None = None, tsa: tuple[str, list] | None = None):
    """Sign `repository@reference` in `registry`; returns (the signed manifest, the signature manifest).
    `plugin` is azure-kv (`key_id` a Key Vault key; `ca_certs` the text of the CA bundle given with
    `--plugin-config ca_certs=FILE`) or azure-artifactsigning (`plugin_config` names accountName, baseUrl and
    certProfile). `tsa` is (the timestamping authority's URL, the certificates of --timestamp-root-cert)."""
    if envelope not in ENVELOPES:
        raise NotationError(f'signature format "{envelope}" not supported\nSupported signature envelope formats '
                            'are "jws" and "cose"')
    if plugin == ARTIFACT_SIGNING:
        problem = artifact_signing_config_problem(plugin_config or {})
        if problem:
            raise NotationError(f"describe-key command failed: {problem}")
    else:
        try:
            vault, cert, version = keyvault_certs.find_by_key_id(cloud, key_id)
            keyvault_certs.authorize(cloud, signer, vault, "certificates" if self_signed else "secrets", "get",
                                     cert.name)
        except AzureError as e:
            raise NotationError(f"describe-key command failed: {e.message}") from None
        try:
            keyvault_certs.authorize(cloud, signer, vault, "keys", "sign", cert.name)
        except AzureError as e:
            raise NotationError(f"generate-signature command failed: {e.message}") from None
    now = cloud.clock.now()
    try:
        subject = pull_image(cloud, registry, cred, repository, reference, origin)
    except RegistryError as e:
        raise NotationError(_registry_text(registry, repository, reference, e)) from None
    if plugin == ARTIFACT_SIGNING:
        config = plugin_config or {}
        try:
            certs = codesigning.sign(cloud, signer, config["baseUrl"], config["accountName"], config["certProfile"])
        except AzureError as e:
            raise NotationError(f"generate-signature command failed: {e.message}") from None
        chain, leaf_subject = [c.sha256 for c in certs], certs[0].subject
    else:
        chain, leaf_subject = _chain(version, self_signed, ca_certs), version.subject
        if version.expires <= now:
            raise NotationError(f"certificate \"{version.subject}\" is not valid anymore, it was expired at "
                                f"{version.expires:%Y-%m-%d %H:%M:%S +0000 UTC}")
    # the signature value is randomized (RSA-PSS salt, ECDSA nonce): two signatures of one image never coincide
    body: dict[str, object] = {"subject": subject.digest, "key": key_id, "at": iso(now), "meta": user_metadata or {},
            "salt": cloud.ids.hex(32), "x5chain": chain}
    if tsa is not None:
        body["timestamp"] = {"time": iso(now), "tsaChain": _timestamp(*tsa)}
    text = json.dumps(body)
    envelope_blob = Layer(digest="sha256:" + hashlib.sha256(text.encode()).hexdigest(),
                          size=1_900 + 4 * len(leaf_subject) + 60 * len(user_metadata or {}) + 2_400 * (tsa is not None),
                          media_type=ENVELOPES[envelope])
    content = oci.make_artifact(NOTARY_SIGNATURE, [envelope_blob], subject=subject,
                                annotations={THUMBPRINTS: json.dumps(chain), CREATED: iso_z(now)})
    try:
        signature, _ = push_image(cloud, registry, cred, repository, None, content, origin)
    except RegistryError as e:
        raise NotationError(f"failed to push the signature to {registry.login_server}/{repository}: "
                            f"{e.code.lower()}: {e.message}") from None
    registry.extra.setdefault(BLOB_CONTENTS, {})[envelope_blob.digest] = text
    return subject, signature


def artifact_signing_config_problem(config: dict[str, str]) -> str | None:
    """What the azure-artifactsigning plugin refuses in its configuration (Azure/artifact-signing-notation-plugin
    Utilities/Validator.cs ValidatePluginConfig: presence only; the service judges the values)."""
    for key in ("accountName", "baseUrl", "certProfile"):
        if not config.get(key):
            return f"{key} property is missing from pluginConfig, or its value is not provided"
        if key == "baseUrl" and not re.fullmatch(r"[a-zA-Z][a-zA-Z0-9+.-]*://[^\s/]+(/\S*)?", config[key]):
            return "provided baseUrl is not a valid URL"
    return None


def _timestamp(url: str, roots: list) -> list[str]:
    """The timestamp countersignature's TSA chain (thumbprints), checked against the --timestamp-root-cert root as
    notation does before it attaches the token (notation-core-go: the token must chain to the given root)."""
    chain = codesigning_pki.timestamp_authority(url)
    if chain is None:
        host = url.split("://", 1)[-1].split("/", 1)[0]
        raise NotationError(f'timestamp: Post "{url}": dial tcp: lookup {host}: no such host')
    if chain[-1].sha256 not in {c.sha256 for c in roots}:
        raise NotationError("timestamp: failed to verify signed token: cms verification failure: x509: certificate "
                            "signed by unknown authority")
    return [c.sha256 for c in chain]


def _chain(version, self_signed: bool, ca_certs: str | None) -> list[str]:
    """The SHA-256 thumbprints of the certificate chain the signature carries, leaf first. With self_signed=true
    the plugin sends the certificate alone; with ca_certs it adds the bundle's certificates; otherwise it takes the
    chain from the certificate's secret, which must reach a root (the trusted-CA tutorial: "merge the entire
    chain"). The refusal for an incomplete chain is the lab's wording."""
    if self_signed or not version.issuer:
        return [version.sha256]
    if ca_certs is not None:
        bundle = x509.parse(ca_certs)
        if bundle is None:
            raise NotationError("generate-signature command failed: failed to parse the ca_certs file: it holds no "
                                "PEM certificate")
        return [version.sha256] + [c.sha256 for c in bundle]
    stored = [c for c in (x509.parse("".join(version.chain)) or [])]
    if not stored or stored[-1].issuer != stored[-1].subject:
        raise NotationError("generate-signature command failed: the certificate chain in Key Vault is incomplete "
                            f"(issuer \"{version.issuer}\" is not in it): merge the entire chain, or give the plugin the "
                            "CA certificates in its ca_certs configuration (a PEM bundle file)")
    return [c.sha256 for c in stored]


def signatures(registry: Registry, repository: str, digest: str) -> list:
    r = registry.store.repositories.get(repository)
    return oci.referrers(r, digest, NOTARY_SIGNATURE) if r is not None else []


def applicable_policy(policy_doc: dict, registry: Registry, repository: str) -> dict | None:
    """The trust policy whose registryScopes name `<login server>/<repository>` (a wildcard policy otherwise)."""
    scope = f"{registry.login_server}/{repository}"
    policies = [p for p in policy_doc.get("trustPolicies") or [] if isinstance(p, dict)]
    exact = next((p for p in policies if scope in (p.get("registryScopes") or [])), None)
    return exact or next((p for p in policies if "*" in (p.get("registryScopes") or [])), None)


def parse_dn(name: str) -> dict[str, str]:
    """A distinguished name's attributes (notation-go internal/pkix ParseDistinguishedName: RFC 4514, unique
    attributes, C, ST and O mandatory; ValueError with notation's text otherwise). Escaped commas are not read."""
    if "=#" in name:
        raise ValueError(f'unsupported distinguished name (DN) "{name}": notation does not support x509.subject '
                         'identities containing "=#"')
    attrs: dict[str, str] = {}
    for part in name.split(","):
        key, eq, value = part.partition("=")
        if not eq or not key.strip():
            raise ValueError(f'parsing distinguished name (DN) "{name}" failed with err: DN ended with incomplete '
                             "type, value pair. A valid DN must contain 'C', 'ST', and 'O' RDN attributes at a "
                             "minimum, and follow RFC 4514 standard")
        if key.strip() in attrs:
            raise ValueError(f'distinguished name (DN) "{name}" has duplicate RDN attribute for "{key.strip()}", DN '
                             "can only have unique RDN attributes")
        attrs[key.strip()] = value.strip()
    for field in ("C", "ST", "O"):
        if not attrs.get(field):
            raise ValueError(f'distinguished name (DN) "{name}" has no mandatory RDN attribute for "{field}", it '
                             "must contain 'C', 'ST', and 'O' RDN attributes at a minimum")
    return attrs


def _identity_matches(trusted: list[str], subject: str) -> bool:
    def norm(text: str) -> set[str]:
        return {part.strip() for part in text.split(",") if part.strip()}
    for identity in trusted:
        if identity == "*":
            return True
        kind, _, value = identity.partition(":")
        if kind.strip() == "x509.subject" and norm(value) <= norm(subject):
            return True
    return False


def verify(cloud: Cloud, registry: Registry, cred: Credential | None, repository: str, reference: str,
           policy_doc: dict | None, trust_stores: dict[str, set[str]], origin: Origin) -> tuple[str, str]:
    """Verify `repository@reference`; returns (the artifact as notation names it, its outcome: 'verified' or
    'skipped'). `trust_stores` maps 'type:name' to the SHA-256 thumbprints of the certificates in it."""
    try:
        manifest = pull_image(cloud, registry, cred, repository, reference, origin)
    except RegistryError as e:
        raise NotationError(_registry_text(registry, repository, reference, e)) from None
    artifact = f"{registry.login_server}/{repository}@{manifest.digest}"
    if policy_doc is None:
        raise NotationError("signature verification failed: trust policy is not present. To create a trust "
                            f"policy, see: {POLICY_LINK}")
    policy = applicable_policy(policy_doc, registry, repository)
    if policy is None:
        raise NotationError(f"signature verification failed: artifact \"{artifact}\" has no applicable trust "
                            "policy. Trust policy applicability for a given artifact is determined by "
                            f"registryScopes. To create a trust policy, see: {POLICY_LINK}")
    level = ((policy.get("signatureVerification") or {}).get("level") or "strict").lower()
    if level == "skip":
        return artifact, "skipped"
    found = signatures(registry, repository, manifest.digest)
    if not found:
        raise NotationError(f"signature verification failed: no signature is associated with \"{artifact}\", "
                            "make sure the artifact was signed successfully")
    stores = [s for s in policy.get("trustStores") or [] if isinstance(s, str)]
    for sig in found:
        if _signature_fails(cloud, registry, sig, policy, stores, trust_stores, level) is None:
            return artifact, "verified"
    raise NotationError(f"signature verification failed for all the signatures associated with {artifact}")


def _leaf(cloud: Cloud, thumbprint: str) -> tuple[str, datetime] | None:
    """(subject, expiry) of a signing certificate: a Key Vault certificate's version or an Artifact Signing one
    (its subject as notation reads it: ST for the state the service shows as S)."""
    version = keyvault_certs.by_thumbprint(cloud, thumbprint)
    if version is not None:
        return version.subject, version.expires
    cert = codesigning.certificate_by_thumbprint(cloud, thumbprint)
    return (codesigning.x509_subject(cert.subject_name), cert.expires) if cert is not None else None


def _signature_fails(cloud: Cloud, registry: Registry, sig, policy: dict, stores: list[str],
                     trust_stores: dict[str, set[str]], level: str) -> str | None:
    """Why one signature does not verify under `policy` (None when it does), in notation-go's order
    (verifier.go): integrity and authenticity (a certificate of the chain in a ca/signingAuthority store of the
    policy), trusted identity, then authentic timestamp. With a tsa store in the policy the timestamp
    countersignature must be there and chain to a root in a tsa store, and the certificate need only have been
    valid when it was stamped; without one the certificate must be valid now (verifyTimestamp)."""
    chain = json.loads(sig.content.annotations.get(THUMBPRINTS, "[]")) or [""]
    leaf = _leaf(cloud, chain[0])
    trusted = set().union(*(trust_stores.get(s, set()) for s in stores if not s.startswith("tsa:")))
    if leaf is None or not trusted & set(chain):
        return "the signature's certificate chain does not contain any trusted certificate"
    subject, expires = leaf
    if not _identity_matches(policy.get("trustedIdentities") or [], subject):
        return f'signing certificate from the signature does not match the trusted identities in policy "{policy.get("name")}"'
    if level != "strict":
        return None
    now = cloud.clock.now()
    tsa_stores = [s for s in stores if s.startswith("tsa:")]
    if not tsa_stores:
        if expires <= now:
            return (f'verification time is after certificate "{subject}" validity period, it was expired at '
                    f'"{expires:%a, %d %b %Y %H:%M:%S +0000}"')
        return None
    try:
        envelope = json.loads(registry.extra.get(BLOB_CONTENTS, {}).get(sig.content.layers[0].digest, "{}"))
    except (ValueError, IndexError, AttributeError):
        envelope = {}
    stamp = envelope.get("timestamp") if isinstance(envelope, dict) else None
    if not stamp:
        return "no timestamp countersignature was found in the signature envelope"
    tsa_trusted = set().union(*(trust_stores.get(s, set()) for s in tsa_stores))
    if not tsa_trusted:
        return "no trusted TSA certificate found in trust store"
    if not tsa_trusted & set(stamp.get("tsaChain") or []):
        return ("failed to verify the timestamp countersignature with error: failed to verify signed token: cms "
                "verification failure: x509: certificate signed by unknown authority")
    if stamp.get("time", "") >= iso(expires):
        return f'timestamp can be after certificate "{subject}" validity period'
    return None


def iso_z(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def _registry_text(registry: Registry, repository: str, reference: str, e: RegistryError) -> str:
    if e.status == 404:
        return f"{registry.login_server}/{repository}:{reference}: not found"
    status = {401: "401 Unauthorized", 403: "403 Forbidden"}.get(e.status, str(e.status))
    return (f"failed to resolve {registry.login_server}/{repository}:{reference}: GET \"https://"
            f"{registry.login_server}/v2/{repository}/manifests/{reference}\": response status code {status}: "
            f"{e.code.lower()}: {e.message}")
