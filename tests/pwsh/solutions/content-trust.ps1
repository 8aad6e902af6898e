$kv = Get-AzKeyVault -VaultName kvlabsign
$acr = Get-AzContainerRegistry -ResourceGroupName rg-containers -Name acrlabtrust
$me = (Get-AzADUser -SignedIn).Id
New-AzRoleAssignment -ObjectId $me -RoleDefinitionName "Key Vault Certificates Officer" -Scope $kv.ResourceId | Out-Null
New-AzRoleAssignment -ObjectId $me -RoleDefinitionName "Key Vault Crypto User" -Scope $kv.ResourceId | Out-Null
$policy = New-AzKeyVaultCertificatePolicy -IssuerName Self -SubjectName "CN=wabbit-networks.io,O=Notation,L=Seattle,ST=WA,C=US" `
  -ValidityInMonths 12 -KeyType RSA -KeySize 2048 -KeyNotExportable -ReuseKeyOnRenewal `
  -SecretContentType application/x-pem-file -KeyUsage DigitalSignature -Ekus "1.3.6.1.5.5.7.3.3"
Add-AzKeyVaultCertificate -VaultName kvlabsign -Name wabbit-networks-io -CertificatePolicy $policy | Out-Null
while ((Get-AzKeyVaultCertificateOperation -VaultName kvlabsign -Name wabbit-networks-io).Status -ne 'completed') {
  Start-Sleep -Seconds 5
}
# Notation signs in Key Vault with the signed-in identity and pushes the signature with the registry login
notation plugin install --url https://github.com/Azure/notation-azure-kv/releases/download/v1.2.1/notation-azure-kv_1.2.1_linux_amd64.tar.gz --sha256sum 67c5ccaaf28dd44d2b6572684d84e344a02c2258af1d65ead3910b3156d3eaf5
Connect-AzContainerRegistry -Name acrlabtrust | Out-Null
$keyId = (Get-AzKeyVaultCertificate -VaultName kvlabsign -Name wabbit-networks-io).KeyId
$digest = (Get-AzContainerRegistryTag -RegistryName acrlabtrust -RepositoryName net-monitor -Name v1).Attributes.Digest
notation sign --signature-format cose --id $keyId --plugin azure-kv --plugin-config self_signed=true "acrlabtrust.azurecr.io/net-monitor@$digest"
$sp = Get-AzADServicePrincipal -DisplayName sp-release
New-AzRoleAssignment -ApplicationId $sp.AppId -RoleDefinitionName AcrPush -Scope $acr.Id | Out-Null
New-AzRoleAssignment -ApplicationId $sp.AppId -RoleDefinitionName "Key Vault Crypto User" -Scope $kv.ResourceId | Out-Null
New-AzRoleAssignment -ApplicationId $sp.AppId -RoleDefinitionName "Key Vault Certificate User" -Scope $kv.ResourceId | Out-Null
