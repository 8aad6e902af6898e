"""az keyvault certificate create|show|list|download|get-default-policy (engine/keyvault_certs.py)."""

from __future__ import annotations

import base64
import json

from ....engine import keyvault_certs
from ....engine.errors import CliError
from ..framework import Arg, command, group, json_argument
from .keyvault_secret import vault_of

group("keyvault certificate", "Manage certificates.")

VAULT = Arg("vault_name", "--vault-name", "Name of the Key Vault.", required=True)
NAME = Arg("name", "--name -n", "Name of the certificate.", required=True)

DEFAULT_POLICY = {
    "issuerParameters": {"certificateTransparency": None, "name": "Self"},
    "keyProperties": {"curve": None, "exportable": True, "keySize": 2048, "keyType": "RSA", "reuseKey": True},
    "lifetimeActions": [{"action": {"actionType": "AutoRenew"}, "trigger": {"daysBeforeExpiry": 90}}],
    "secretProperties": {"contentType": "application/x-pkcs12"},
    "x509CertificateProperties": {"keyUsage": ["cRLSign", "dataEncipherment", "digitalSignature", "keyEncipherment",
                                               "keyAgreement", "keyCertSign"],
                                  "subject": "CN=CLIGetDefaultPolicy", "validityInMonths": 12},
}
"""azure-cli keyvault _validators/custom.py get_default_policy (Self issuer, CN=CLIGetDefaultPolicy)."""


def _iso(dt) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%S+00:00")


def cert_json(vault, cert, version) -> dict:
    base = f"{vault.uri}"
    thumb = version.thumbprint
    return {
        "attributes": {"created": _iso(version.created), "enabled": True, "expires": _iso(version.expires),
                       "notBefore": _iso(version.created), "recoverableDays": 90,
                       "recoveryLevel": vault.recovery_level, "updated": _iso(version.created)},
        "cer": keyvault_certs.pem(cert, version).split("\n", 1)[1].split("-----END", 1)[0].replace("\n", ""),
        "contentType": (cert.policy.get("secretProperties") or {}).get("contentType") or "application/x-pkcs12",
        "id": f"{base}certificates/{cert.name}/{version.version}",
        "kid": f"{base}keys/{cert.name}/{version.key_version}",
        "name": cert.name,
        "policy": {**cert.policy, "id": f"{base}certificates/{cert.name}/policy"},
        "sid": f"{base}secrets/{cert.name}/{version.version}",
        "tags": None,
        "x509Thumbprint": base64.b64encode(bytes.fromhex(thumb)).decode(),
        "x509ThumbprintHex": thumb,
    }


def _policy(ctx, value: str | None) -> dict:
    if not value:
        raise CliError("the following arguments are required: --policy/-p")
    policy = json_argument(ctx, value)  # keyvault _params: --policy is type=get_json_object
    if not isinstance(policy, dict):
        raise CliError("The policy must be a JSON object.")
    return policy


@command("keyvault certificate create", "Create a Key Vault certificate.", [
    VAULT, NAME,
    Arg("policy", "--policy -p", "JSON encoded policy definition. Use @{file} to load from a file(e.g. "
        "@my_policy.json).", required=True),
], examples=[("Create a self-signed certificate with the default policy.",
              "az keyvault certificate create --vault-name vaultname -n cert1 -p \"$(az keyvault certificate "
              "get-default-policy)\"")])
def cert_create(ctx, a):
    ctx.require_login()
    vault = vault_of(ctx, a.vault_name)
    cert = keyvault_certs.create_certificate(ctx.cloud, ctx.principal, vault, a.name, _policy(ctx, a.policy))
    if cert.pending is not None:  # issuer "Unknown": az returns the operation waiting for a merge
        return operation_json(vault, cert)
    return cert_json(vault, cert, cert.current)


@command("keyvault certificate show", "Gets information about a certificate.", [
    VAULT, NAME, Arg("version", "--version -v", "The certificate version. If omitted, uses the latest version."),
])
def cert_show(ctx, a):
    ctx.require_login()
    vault = vault_of(ctx, a.vault_name)
    cert, version = keyvault_certs.get_certificate(ctx.cloud, ctx.principal, vault, a.name, a.version)
    return cert_json(vault, cert, version)


@command("keyvault certificate list", "List certificates in a specified key vault.", [VAULT])
def cert_list(ctx, a):
    ctx.require_login()
    vault = vault_of(ctx, a.vault_name)
    out = []
    for cert in keyvault_certs.list_certificates(ctx.cloud, ctx.principal, vault):
        full = cert_json(vault, cert, cert.current)
        out.append({k: full[k] for k in ("attributes", "id", "name", "tags", "x509Thumbprint",
                                         "x509ThumbprintHex")})
    return out


@command("keyvault certificate download", "Download the public portion of a Key Vault certificate.", [
    VAULT, NAME,
    Arg("file_path", "--file -f", "File to receive the binary certificate contents.", required=True),
    Arg("encoding", "--encoding -e", "Encoding of the certificate. DER will create a binary DER formatted x509 "
        "certificate, and PEM will create a base64 PEM x509 certificate.", choices=["DER", "PEM"], default="PEM"),
    Arg("version", "--version -v", "The certificate version. If omitted, uses the latest version."),
])
def cert_download(ctx, a):
    ctx.require_login()
    vault = vault_of(ctx, a.vault_name)
    if ctx.sh.read_file(a.file_path) is not None:
        raise CliError(f"File or directory {a.file_path} already exists.")
    cert, version = keyvault_certs.get_certificate(ctx.cloud, ctx.principal, vault, a.name, a.version)
    text = keyvault_certs.pem(cert, version)
    if a.encoding == "DER":
        text = text.split("\n", 1)[1].split("-----END", 1)[0].replace("\n", "")
    ctx.sh.write_file(a.file_path, text)
    return None


@command("keyvault certificate get-default-policy", "Get the default policy for self-signed certificates.", [])
def cert_default_policy(ctx, a):
    return json.loads(json.dumps(DEFAULT_POLICY))


def _vault_and_file(ctx, a):
    """The vault named by --vault-name and the text of --file (az's error when the file is missing)."""
    ctx.require_login()
    vault = vault_of(ctx, a.vault_name)
    text = ctx.sh.read_file(a.file_path)
    if text is None:
        raise CliError(f"[Errno 2] No such file or directory: '{a.file_path}'")
    return vault, text


@command("keyvault certificate import", "Import a certificate into KeyVault.", [
    VAULT, NAME,
    Arg("file_path", "--file -f", "PKCS12 file or PEM file containing the certificate and private key.",
        required=True),
    Arg("password", "--password", "If the private key in certificate is encrypted, the password used for "
        "encryption."),
    Arg("policy", "--policy -p", "JSON encoded policy definition. Use @{file} to load from a file(e.g. "
        "@my_policy.json)."),
], examples=[("Import a certificate and its private key from a PEM file.",
              "az keyvault certificate import --vault-name vaultname -n cert1 -f cert-with-key.pem")])
def cert_import(ctx, a):
    vault, text = _vault_and_file(ctx, a)
    policy = _policy(ctx, a.policy) if a.policy else None
    cert = keyvault_certs.import_certificate(ctx.cloud, ctx.principal, vault, a.name, text, policy)
    return cert_json(vault, cert, cert.current)


group("keyvault certificate pending", "Manage pending certificate creation operations.")


def operation_json(vault, cert) -> dict:
    """A CertificateOperation (azure-keyvault-certificates) as az prints it."""
    pending = cert.pending or {}
    return {"cancellationRequested": False, "certificateTransparency": None, "certificateType": None,
            "csr": pending.get("csr"), "error": None, "id": f"{vault.uri}certificates/{cert.name}/pending",
            "issuerName": "Unknown", "name": cert.name, "requestId": pending.get("request_id"),
            "status": "inProgress",
            "statusDetails": "Pending certificate created. Please Perform Merge to complete the request.",
            "target": None}


@command("keyvault certificate pending show", "Get the status of a pending certificate operation.", [VAULT, NAME])
def pending_show(ctx, a):
    ctx.require_login()
    vault = vault_of(ctx, a.vault_name)
    return operation_json(vault, keyvault_certs.pending_operation(ctx.cloud, ctx.principal, vault, a.name))


@command("keyvault certificate pending merge", "Merge a certificate or a certificate chain with a key pair "
         "currently existing on the server.", [
    VAULT, NAME,
    Arg("file_path", "--file -f", "File containing the certificate or certificate chain to merge.", required=True),
], examples=[("Merge the certificate chain a CA issued for the vault's CSR.",
              "az keyvault certificate pending merge --vault-name vaultname -n cert1 --file signed-chain.pem")])
def pending_merge(ctx, a):
    vault, text = _vault_and_file(ctx, a)
    cert = keyvault_certs.merge(ctx.cloud, ctx.principal, vault, a.name, text)
    return cert_json(vault, cert, cert.current)
