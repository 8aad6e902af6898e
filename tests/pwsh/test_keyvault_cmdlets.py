"""Az.KeyVault certificate cmdlets over the engine's certificates, and Notation signing with the key id they print.
Sources: Azure/azure-powershell src/KeyVault/KeyVault/help/New-AzKeyVaultCertificatePolicy.md (parameters, the
policy object's list view), Add-AzKeyVaultCertificate.md (the operation answers inProgress first),
Get-AzKeyVaultCertificate.md (the certificate and identity-item views, ids with ':443'); Azure/notation-azure-kv
Notation.Plugin.AzureKeyVault/KeyVault/KeyVaultClient.cs (the key id is read as a URI: scheme and host)."""

from __future__ import annotations

import json

SUBJECT = "CN=wabbit-networks.io,O=Notation,L=Seattle,ST=WA,C=US"


def ps(lab, text):
    return lab.run(text, shell="pwsh")


def _vault(lab):
    lab.run("az group create -n rg -l brazilsouth -o none")
    lab.run("az keyvault create -n kvsign -g rg --enable-rbac-authorization true -o none")
    me = lab.run("az ad signed-in-user show --query id -o tsv").stdout.strip()
    kv = lab.run("az keyvault show -n kvsign --query id -o tsv").stdout.strip()
    for role in ("Key Vault Certificates Officer", "Key Vault Crypto User"):
        lab.run(f"az role assignment create --role '{role}' --assignee {me} --scope {kv} -o none")


def test_policy_certificate_and_operation(lab):
    _vault(lab)
    r = ps(lab, f"$p = New-AzKeyVaultCertificatePolicy -IssuerName Self -SubjectName '{SUBJECT}' -ValidityInMonths 12 "
                "-KeyUsage DigitalSignature -Ekus '1.3.6.1.5.5.7.3.3' -SecretContentType application/x-pem-file "
                "-KeyNotExportable\n$p")
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.strip().splitlines()
    assert [ln.split(":")[0].strip() for ln in lines][:3] == ["SecretContentType", "Kty", "KeySize"]
    assert "IssuerName                      : Self" in r.stdout
    r = ps(lab, "(Add-AzKeyVaultCertificate -VaultName kvsign -Name signer -CertificatePolicy $p).Status\n"
                "(Get-AzKeyVaultCertificateOperation -VaultName kvsign -Name signer).Status")
    assert r.stdout.split() == ["inProgress", "completed"], r.stderr
    cli = json.loads(lab.run("az keyvault certificate show --vault-name kvsign -n signer").stdout)
    assert cli["policy"]["x509CertificateProperties"]["subject"] == SUBJECT
    assert cli["policy"]["x509CertificateProperties"]["keyUsage"] == ["digitalSignature"]
    assert cli["policy"]["x509CertificateProperties"]["ekus"] == ["1.3.6.1.5.5.7.3.3"]
    assert cli["policy"]["keyProperties"]["exportable"] is False
    r = ps(lab, "$c = Get-AzKeyVaultCertificate -VaultName kvsign -Name signer\n$c.KeyId\n$c.Thumbprint")
    kid, thumb = r.stdout.split()
    assert kid == cli["kid"].replace(".vault.azure.net/", ".vault.azure.net:443/")
    assert thumb == cli["x509ThumbprintHex"]
    r = ps(lab, "Get-AzKeyVaultCertificate -VaultName kvsign")
    assert "Id        : https://kvsign.vault.azure.net:443/certificates/signer" in r.stdout
    assert ps(lab, "Get-AzKeyVaultCertificate -VaultName kvsign -Name nosuch").stdout.strip() == ""


def test_bad_input_and_missing_rights(lab):
    _vault(lab)
    r = ps(lab, "New-AzKeyVaultCertificatePolicy -IssuerName Self -SubjectName CN=x -KeySize 1000")
    assert r.exit_code != 0 and "does not belong to the set \"2048,3072,4096,256,384,521\"" in r.stderr
    r = ps(lab, "Add-AzKeyVaultCertificate -VaultName kvsign -Name c -CertificatePolicy @{SubjectName='CN=x'}")
    assert r.exit_code != 0 and "New-AzKeyVaultCertificatePolicy" in r.stderr
    r = ps(lab, "$p = New-AzKeyVaultCertificatePolicy -IssuerName Self -SubjectName CN=x\n"
                "Add-AzKeyVaultCertificate -VaultName nosuch -Name c -CertificatePolicy $p")
    assert r.exit_code != 0 and "nosuch" in r.stderr
    r = ps(lab, "$p = New-AzKeyVaultCertificatePolicy -IssuerName DigiCert -SubjectName CN=x\n"
                "Add-AzKeyVaultCertificate -VaultName kvsign -Name c -CertificatePolicy $p")
    assert r.exit_code != 0 and "The certificate issuer 'DigiCert' is not registered in this key vault" in r.stderr
    assert json.loads(lab.run("az keyvault certificate list --vault-name kvsign").stdout) == []


def test_notation_signs_with_the_key_id_powershell_prints(lab):
    _vault(lab)
    lab.run("az acr create -n acrsign -g rg --sku Standard -o none")
    lab.run("az acr import -n acrsign --source docker.io/library/alpine:3.20 --image net-monitor:v1 -o none")
    r = ps(lab, f"$p = New-AzKeyVaultCertificatePolicy -IssuerName Self -SubjectName '{SUBJECT}'\n"
                "Add-AzKeyVaultCertificate -VaultName kvsign -Name signer -CertificatePolicy $p | Out-Null\n"
                "notation plugin install --url https://github.com/Azure/notation-azure-kv/releases/download/v1.2.1/"
                "notation-azure-kv_1.2.1_linux_amd64.tar.gz --sha256sum "
                "67c5ccaaf28dd44d2b6572684d84e344a02c2258af1d65ead3910b3156d3eaf5 | Out-Null\n"
                "Connect-AzContainerRegistry -Name acrsign | Out-Null\n"
                "$kid = (Get-AzKeyVaultCertificate -VaultName kvsign -Name signer).KeyId\n"
                "notation sign --id $kid --plugin azure-kv --plugin-config self_signed=true "
                "acrsign.azurecr.io/net-monitor:v1")
    assert r.exit_code == 0 and "Successfully signed" in r.stdout, r.stderr
