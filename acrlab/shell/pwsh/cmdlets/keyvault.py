"""Az.KeyVault: New-, Get-, Remove-AzKeyVault (requests to the resource manager's Microsoft.KeyVault/vaults
provider, engine/arm/providers/vaults.py) and the certificate cmdlets the signing docs use (New-AzKeyVaultCertificatePolicy,
Add-AzKeyVaultCertificate, Get-AzKeyVaultCertificate, Get-AzKeyVaultCertificateOperation), over the engine's vaults
and certificates (engine/keyvault.py, engine/keyvault_certs.py), which authorize. Sources: Azure/azure-powershell
src/KeyVault/KeyVault/help/{New-AzKeyVault,Get-AzKeyVault,Remove-AzKeyVault,New-AzKeyVaultCertificatePolicy,Add-AzKeyVaultCertificate,
Get-AzKeyVaultCertificate}.md. Object identifiers print with the port, as the module prints them
(https://contoso.vault.azure.net:443/certificates/test1/...)."""

from __future__ import annotations

from ....engine import keyvault, keyvault_certs
from ....engine.arm.manager import send
from ....engine.errors import AzureError
from .. import views
from ..values import Hashtable, PSError, PSObject, StringList, fmt_date, like, to_str
from .base import Param, _validate, cmdlet
from .containerregistry import engine_call
from .resources import PROFILE

MOD = "Az.KeyVault"
M = "Microsoft.Azure.Commands.KeyVault.Models"
VAULT, POLICY, CERT, OPERATION = (f"{M}.PSKeyVault", f"{M}.PSKeyVaultCertificatePolicy", f"{M}.PSKeyVaultCertificate",
                                  f"{M}.PSKeyVaultCertificateOperation")
ITEM = f"{M}.PSKeyVaultCertificateIdentityItem"
X509 = "System.Security.Cryptography.X509Certificates.X509Certificate2"
POLICY_VIEW = ("SecretContentType", "Kty", "KeySize", "Curve", "Exportable", "ReuseKeyOnRenewal", "SubjectName",
               "DnsNames", "KeyUsage", "Ekus", "ValidityInMonths", "IssuerName", "CertificateType",
               "RenewAtNumberOfDaysBeforeExpiry", "RenewAtPercentageLifetime", "EmailAtNumberOfDaysBeforeExpiry",
               "EmailAtPercentageLifetime", "CertificateTransparency", "Enabled", "Created", "Updated")
views.register(VAULT, "list", "VaultName", "ResourceGroupName", "Location", "ResourceId", "VaultUri", "TenantId",
               "SKU", "EnabledForDeployment", "EnabledForTemplateDeployment", "EnabledForDiskEncryption",
               "EnableSoftDelete", "SoftDeleteRetentionInDays", "EnableRbacAuthorization", "EnablePurgeProtection",
               "PublicNetworkAccess", "Tags")
views.register(POLICY, "list", *POLICY_VIEW)
views.register(CERT, "list", "Name", "Certificate", "KeyId", "SecretId", "Thumbprint", "RecoveryLevel", "Enabled",
               "Expires", "NotBefore", "Created", "Updated", "Tags", "VaultName", "Version", "Id")
views.register(ITEM, "list", "Enabled", "Expires", "NotBefore", "Created", "Updated", "Tags", "VaultName", "Name",
               "Version", "Id")
views.register(OPERATION, "list", "Status", "CancellationRequested", "CertificateSigningRequest", "ErrorCode",
               "ErrorMessage")
KEY_USAGES = ("None", "EncipherOnly", "CrlSign", "KeyCertSign", "KeyAgreement", "DataEncipherment",
              "KeyEncipherment", "NonRepudiation", "DigitalSignature", "DecipherOnly")
VAULT_NAME = Param("VaultName", "string", "Specifies the name of a key vault.", mandatory=True, position=0)


def _vault(ctx, name: str, rg: str | None = None):
    ctx.require_login()
    vault = engine_call(keyvault.find_vault, ctx.cloud, name)
    if rg and vault.resource_group.lower() != rg.lower():
        raise PSError(f"Vault '{name}' (ResourceGroupName '{rg}') not found.")
    return vault


def _port(uri: str) -> str:
    return uri.replace(".vault.azure.net/", ".vault.azure.net:443/", 1)


def _vault_obj(ctx, v) -> PSObject:
    tenant = ctx.cloud.tenant.tenant_id
    p = v.to_json(tenant)["properties"]
    return PSObject(VAULT, {
        "VaultName": v.name, "ResourceGroupName": v.resource_group, "Location": v.location, "ResourceId": v.id,
        "VaultUri": v.uri, "TenantId": tenant, "SKU": v.sku.capitalize(), "EnabledForDeployment": False,
        "EnabledForTemplateDeployment": False, "EnabledForDiskEncryption": False,
        "EnableSoftDelete": p["enableSoftDelete"], "SoftDeleteRetentionInDays": p["softDeleteRetentionInDays"],
        "EnableRbacAuthorization": p["enableRbacAuthorization"], "EnablePurgeProtection": p["enablePurgeProtection"],
        "PublicNetworkAccess": p["publicNetworkAccess"], "AccessPolicies": [], "NetworkAcls": None,
        "Tags": Hashtable(v.tags)})


@cmdlet("New-AzKeyVault", [
    Param("Name", "string", "Specifies the name of the key vault to create.", mandatory=True, position=0,
          aliases=("VaultName",)),
    Param("ResourceGroupName", "string", "Specifies the name of an existing resource group.", mandatory=True,
          position=1),
    Param("Location", "string", "Specifies the Azure region in which to create the key vault.", mandatory=True,
          position=2),
    Param("Sku", "string", "Specifies the SKU of the key vault instance.", values=("Standard", "Premium")),
    Param("EnablePurgeProtection", "switch", "Enables purge protection for this vault."),
    Param("DisableRbacAuthorization", "switch", "Authorize data actions with access policies instead of Azure RBAC."),
    Param("SoftDeleteRetentionInDays", "int", "Days soft-deleted data is retained (7 to 90)."),
    Param("PublicNetworkAccess", "string", "Whether the vault accepts traffic from the public internet.",
          values=("Enabled", "Disabled")),
    Param("Tag", "hashtable", "Key-value pairs in the form of a hash table.", aliases=("Tags",)), PROFILE,
], "Creates a key vault.", module=MOD, should_process=True, outputs=VAULT,
    examples=[("Create a key vault", "New-AzKeyVault -Name 'Contoso03Vault' -ResourceGroupName 'Group14' "
                                     "-Location 'East US'")])
def new_vault(ctx, a, items):
    ctx.require_login()
    cloud = ctx.cloud
    group = engine_call(cloud.group, a.ResourceGroupName)
    if a.WhatIf:
        ctx.host(f'What if: Performing the operation "Create key vault" on target "{a.Name}".')
        return None
    rbac = not a.DisableRbacAuthorization
    props: dict = {"sku": {"family": "A", "name": (a.Sku or "Standard").lower()}, "tenantId": cloud.tenant.tenant_id,
                   "enableRbacAuthorization": rbac}
    if a.EnablePurgeProtection:
        props["enablePurgeProtection"] = True
    for name, value in (("softDeleteRetentionInDays", a.SoftDeleteRetentionInDays),
                        ("publicNetworkAccess", a.PublicNetworkAccess)):
        if value is not None:
            props[name] = value
    if not rbac:  # the signed-in user's access policy, as the module grants it
        props["accessPolicies"] = [{"tenantId": cloud.tenant.tenant_id, "objectId": ctx.principal.object_id,
                                    "permissions": {"keys": ["all"], "secrets": ["all"], "certificates": ["all"]}}]
    rid = f"{group.id}/providers/Microsoft.KeyVault/vaults/{a.Name}"
    body = {"location": a.Location.replace(" ", "").lower(), "properties": props}
    if a.Tag is not None:
        body["tags"] = {to_str(k): to_str(v) for k, v in a.Tag.items()}
    return _vault_obj(ctx, engine_call(send, cloud, ctx.principal, "PUT", rid, body).resource.item)


def _tagged(tags: dict[str, str], wanted) -> bool:
    """Get-AzKeyVault -Tag: every key named is on the vault, with the value given (a $null value: any value)."""
    if not wanted:
        return True
    have = {k.lower(): v for k, v in tags.items()}
    return all(to_str(k).lower() in have and (v is None or have[to_str(k).lower()] == to_str(v))
               for k, v in wanted.items())


@cmdlet("Get-AzKeyVault", [
    Param("VaultName", "string", "Specifies the name of the key vault to get.", position=0, aliases=("Name",)),
    Param("ResourceGroupName", "string", "Specifies the name of the resource group.", position=1),
    Param("Tag", "hashtable", "Key-value pairs the vaults must carry."), PROFILE,
], "Gets key vaults.", module=MOD, outputs=VAULT)
def get_vault(ctx, a, items):
    ctx.require_login()
    listed = engine_call(send, ctx.cloud, ctx.principal, "GET",
                         f"{ctx.subscription.id}/providers/Microsoft.KeyVault/vaults").resources
    found = [b.item for b in listed if (not a.VaultName or b.item.name.lower() == a.VaultName.lower())
             and (not a.ResourceGroupName or b.item.resource_group.lower() == a.ResourceGroupName.lower())
             and _tagged(b.item.tags, a.Tag)]
    if a.VaultName and a.ResourceGroupName and not found:
        raise PSError(f"Vault '{a.VaultName}' (ResourceGroupName '{a.ResourceGroupName}') not found.")
    return [_vault_obj(ctx, v) for v in sorted(found, key=lambda v: v.name.lower())]


@cmdlet("Remove-AzKeyVault", [
    Param("VaultName", "string", "Specifies the name of the key vault to remove.", mandatory=True, position=0,
          aliases=("Name",)),
    Param("ResourceGroupName", "string", "Specifies the name of a resource group.", position=1),
    Param("Force", "switch", "Removes the vault without asking for confirmation."), PROFILE,
], "Deletes a key vault.", module=MOD, should_process=True,
    examples=[("Remove a key vault", "Remove-AzKeyVault -VaultName 'Contoso03Vault' -Force")])
def remove_vault(ctx, a, items):
    vault = _vault(ctx, a.VaultName, a.ResourceGroupName)
    if a.WhatIf:
        ctx.host(f'What if: Performing the operation "Remove vault" on target "{vault.name}".')
        return None
    engine_call(send, ctx.cloud, ctx.principal, "DELETE", vault.id)
    return None


@cmdlet("New-AzKeyVaultCertificatePolicy", [
    Param("IssuerName", "string", "Specifies the name of the issuer for the certificate.", mandatory=True,
          position=0),
    Param("SubjectName", "string", "Specifies the subject name of the certificate.", position=1,
          mandatory=("SubjectName",)),
    Param("DnsName", "strings", "Specifies the DNS names in the certificate.", aliases=("DnsNames",),
          sets=("DNSNames",), mandatory=True),
    Param("RenewAtNumberOfDaysBeforeExpiry", "int", "Days before expiry when renewal begins."),
    Param("RenewAtPercentageLifetime", "int", "Percentage of the lifetime after which renewal begins."),
    Param("SecretContentType", "string", "The content type of the new key vault secret.",
          values=("application/x-pkcs12", "application/x-pem-file")),
    Param("ReuseKeyOnRenewal", "switch", "The certificate reuses the key during renewal."),
    Param("Disabled", "switch", "The certificate policy is disabled."),
    Param("KeyUsage", "strings", "The key usages in the certificate.", values=KEY_USAGES),
    Param("Ekus", "strings", "The enhanced key usages (EKUs) in the certificate."),
    Param("ValidityInMonths", "int", "The number of months the certificate is valid."),
    Param("CertificateType", "string", "The type of certificate to the issuer."),
    Param("EmailAtNumberOfDaysBeforeExpiry", "int", "Days before expiry when notification begins."),
    Param("EmailAtPercentageLifetime", "int", "Percentage of the lifetime after which notification begins."),
    Param("KeyType", "string", "The key type of the key that backs the certificate.",
          values=("RSA", "RSA-HSM", "EC", "EC-HSM")),
    KEY_SIZE := Param("KeySize", "int", "The key size of the certificate.",
                      values=("2048", "3072", "4096", "256", "384", "521")),
    Param("KeyNotExportable", "switch", "The key is not exportable."),
    Param("CertificateTransparency", "bool", "Whether certificate transparency is enabled."),
    Param("Curve", "string", "The elliptic curve name of the key.", values=("P-256", "P-384", "P-521", "P-256K",
                                                                               "SECP256K1")),
    PROFILE,
], "Creates an in-memory certificate policy object.", module=MOD, should_process=True, outputs=POLICY,
    sets=["SubjectName", "DNSNames"], default_set="SubjectName")
def new_policy(ctx, a, items):
    if a.WhatIf:
        ctx.host('What if: Performing the operation "New-AzKeyVaultCertificatePolicy" on target "Certificate '
                 'policy".')
        return None
    if a.KeySize is not None:
        _validate(KEY_SIZE, str(a.KeySize))  # ValidateSet on an Int32
    values = {"SecretContentType": a.SecretContentType, "Kty": a.KeyType or "RSA", "KeySize": a.KeySize or 2048,
              "Curve": a.Curve, "Exportable": False if a.KeyNotExportable else None,
              "ReuseKeyOnRenewal": bool(a.ReuseKeyOnRenewal), "SubjectName": a.SubjectName,
              "DnsNames": StringList(a.DnsName) if a.DnsName else None,
              "KeyUsage": [to_str(u) for u in a.KeyUsage] if a.KeyUsage else None,
              "Ekus": StringList(a.Ekus) if a.Ekus else None, "ValidityInMonths": a.ValidityInMonths,
              "IssuerName": a.IssuerName, "CertificateType": a.CertificateType,
              "RenewAtNumberOfDaysBeforeExpiry": a.RenewAtNumberOfDaysBeforeExpiry,
              "RenewAtPercentageLifetime": a.RenewAtPercentageLifetime,
              "EmailAtNumberOfDaysBeforeExpiry": a.EmailAtNumberOfDaysBeforeExpiry,
              "EmailAtPercentageLifetime": a.EmailAtPercentageLifetime,
              "CertificateTransparency": a.CertificateTransparency, "Enabled": not a.Disabled, "Created": None,
              "Updated": None}
    return PSObject(POLICY, values)


def policy_body(policy) -> dict:
    """The Key Vault certificate policy JSON a PSKeyVaultCertificatePolicy stands for."""
    if not isinstance(policy, PSObject) or policy.type_name != POLICY:
        raise PSError("Cannot bind parameter 'CertificatePolicy'. Create the policy with "
                      "New-AzKeyVaultCertificatePolicy.")
    get = policy.get
    usage = [u[0].lower() + u[1:] for u in (get("KeyUsage") or []) if u != "None"]
    x509 = {k: v for k, v in {"subject": get("SubjectName"), "ekus": list(get("Ekus") or []) or None,
                              "keyUsage": usage or None, "validityInMonths": get("ValidityInMonths"),
                              "subjectAlternativeNames": {"dnsNames": list(get("DnsNames"))}
                              if get("DnsNames") else None}.items() if v is not None}
    return {"issuerParameters": {"name": get("IssuerName"), "certificateType": get("CertificateType")},
            "keyProperties": {"keyType": get("Kty"), "keySize": get("KeySize"), "curve": get("Curve"),
                              "exportable": get("Exportable") is not False, "reuseKey": bool(get("ReuseKeyOnRenewal"))},
            "secretProperties": {"contentType": get("SecretContentType") or "application/x-pkcs12"},
            "x509CertificateProperties": x509, "attributes": {"enabled": bool(get("Enabled"))}}


def _operation(vault, name: str, status: str) -> PSObject:
    return PSObject(OPERATION, {"Id": f"{_port(vault.uri)}certificates/{name}/pending", "Status": status,
                                "StatusDetails": None, "RequestId": None, "Target": None, "Issuer": "Self",
                                "CancellationRequested": False, "CertificateSigningRequest": None,
                                "ErrorCode": None, "ErrorMessage": None})


@cmdlet("Add-AzKeyVaultCertificate", [
    VAULT_NAME,
    Param("Name", "string", "Specifies the name of the certificate to add.", mandatory=True, position=1,
          aliases=("CertificateName",)),
    Param("CertificatePolicy", "object", "Specifies a KeyVaultCertificatePolicy object.", position=2,
          by_property=True),
    Param("Tag", "hashtable", "Key-value pairs in the form of a hash table.", aliases=("Tags",)), PROFILE,
], "Adds a certificate to a key vault.", module=MOD, should_process=True, outputs=OPERATION)
def add_certificate(ctx, a, items):
    vault = _vault(ctx, a.VaultName)
    if a.CertificatePolicy is None:
        raise PSError("Operation returned an invalid status code 'BadRequest'\nProperty policy is required.")
    body = policy_body(a.CertificatePolicy)
    if a.WhatIf:
        ctx.host(f'What if: Performing the operation "Add certificate" on target "{a.Name}".')
        return None
    engine_call(keyvault_certs.create_certificate, ctx.cloud, ctx.principal, vault, a.Name, body)
    return _operation(vault, a.Name, "inProgress")  # the service answers before the self-signed issuance ends


@cmdlet("Get-AzKeyVaultCertificateOperation", [
    VAULT_NAME, Param("Name", "string", "Specifies the name of a certificate.", mandatory=True, position=1,
                      aliases=("CertificateName",)), PROFILE,
], "Returns the status of a certificate operation.", module=MOD, outputs=OPERATION)
def get_operation(ctx, a, items):
    vault = _vault(ctx, a.VaultName)
    pending = keyvault_certs.certificates_of(ctx.cloud, vault).get(a.Name.lower())
    if pending is not None and pending.pending is not None:  # issuer Unknown: waiting for the CA's chain (merge)
        engine_call(keyvault_certs.pending_operation, ctx.cloud, ctx.principal, vault, a.Name)
        return _operation(vault, a.Name, "inProgress")
    engine_call(keyvault_certs.get_certificate, ctx.cloud, ctx.principal, vault, a.Name)
    return _operation(vault, a.Name, "completed")


def _x509(version) -> PSObject:
    text = "\n\n".join(f"[{k}]\n  {v}" for k, v in (
        ("Subject", version.subject), ("Issuer", version.issuer or version.subject),
        ("Serial Number", version.sha256[:32].upper()),
        ("Not Before", fmt_date(version.created)), ("Not After", fmt_date(version.expires)),
        ("Thumbprint", version.thumbprint))) + "\n"
    return PSObject(X509, {"Subject": version.subject, "Issuer": version.issuer or version.subject,
                           "Thumbprint": version.thumbprint,
                           "NotBefore": version.created, "NotAfter": version.expires,
                           "SerialNumber": version.sha256[:32].upper()}, to_string=text)


def certificate_obj(vault, cert, version) -> PSObject:
    base = _port(vault.uri)
    return PSObject(CERT, {
        "Name": cert.name, "Certificate": _x509(version), "KeyId": f"{base}keys/{cert.name}/{version.key_version}",
        "SecretId": f"{base}secrets/{cert.name}/{version.version}", "Thumbprint": version.thumbprint,
        "RecoveryLevel": vault.recovery_level, "Enabled": True, "Expires": version.expires,
        "NotBefore": version.created, "Created": version.created, "Updated": version.created, "Tags": None,
        "VaultName": vault.name, "Version": version.version,
        "Id": f"{base}certificates/{cert.name}/{version.version}"})


@cmdlet("Get-AzKeyVaultCertificate", [
    VAULT_NAME,
    Param("Name", "string", "Specifies the name of the certificate to get.", position=1, aliases=("CertificateName",),
          mandatory=("ByCertificateNameAndVersion",)),
    Param("Version", "string", "Specifies the version of a certificate.", position=2, aliases=("CertificateVersion",),
          sets=("ByCertificateNameAndVersion",), mandatory=True),
    PROFILE,
], "Gets a certificate from a key vault.", module=MOD, outputs=CERT, sets=["ByName", "ByCertificateNameAndVersion"],
    default_set="ByName")
def get_certificate(ctx, a, items):
    vault = _vault(ctx, a.VaultName)
    if a.Name and "*" not in a.Name:
        try:
            cert, version = keyvault_certs.get_certificate(ctx.cloud, ctx.principal, vault, a.Name, a.Version)
        except AzureError as e:
            if e.status == 404:  # the module answers a missing certificate with nothing
                return None
            raise PSError(e.message) from None
        return certificate_obj(vault, cert, version)
    certs = engine_call(keyvault_certs.list_certificates, ctx.cloud, ctx.principal, vault)
    pattern = (a.Name or "*").lower()
    return [_identity_item(vault, c) for c in certs if like(c.name.lower(), pattern)]


def _identity_item(vault, cert) -> PSObject:
    v = cert.current
    return PSObject(ITEM, {"Enabled": True, "Expires": v.expires, "NotBefore": v.created, "Created": v.created,
                           "Updated": v.created, "Tags": None, "VaultName": vault.name, "Name": cert.name,
                           "Version": None, "Id": f"{_port(vault.uri)}certificates/{cert.name}"})
