"""Microsoft.Compute/sshPublicKeys through the resource manager (New-AzVM -GenerateSshKey -SshKeyName's requests).

Sources: Azure/azure-powershell src/Compute/Compute/VirtualMachine/Operation/NewAzureVMCommand.cs
(GenerateOrFindSshKey, validate: the messages); azure-rest-api-specs specification/compute/resource-manager/
Microsoft.Compute/ComputeRP/stable/2024-07-01/sshPublicKey.json (generateKeyPair returns privateKey, publicKey, id)."""

from __future__ import annotations

CRED = ("-Credential (New-Object System.Management.Automation.PSCredential ('azureuser', "
        "(ConvertTo-SecureString 'P@ssw0rd-2026!' -AsPlainText -Force)))")


def _ps(lab, text: str):
    return lab.run(text, shell="pwsh")


def test_generate_then_reuse_the_key_by_name(lab):
    assert lab.run("az group create -n rg -l eastus -o none").exit_code == 0
    made = _ps(lab, f"New-AzVM -ResourceGroupName rg -Name vm1 -Image UbuntuLTS -GenerateSshKey -SshKeyName k1 {CRED}")
    assert made.exit_code == 0, made.output
    key = made.output.split("Public key is saved to ", 1)[1].split()[0]
    public = lab.run(f"cat {key}").stdout.strip()
    reuse = _ps(lab, f"New-AzVM -ResourceGroupName rg -Name vm2 -Image UbuntuLTS -SshKeyName k1 {CRED}")
    assert reuse.exit_code == 0 and "Private key is saved" not in reuse.output, reuse.output
    keys = lab.run("az vm show -g rg -n vm2 --query osProfile.linuxConfiguration.ssh.publicKeys[0].keyData -o tsv")
    assert keys.stdout.strip() == public
    ip = lab.run("az vm show -d -g rg -n vm2 --query publicIps -o tsv").stdout.strip()
    assert lab.run(f"ssh -i {key[:-4]} azureuser@{ip} hostname").exit_code == 0


def test_refusals_change_nothing(lab):
    assert lab.run("az group create -n rg -l eastus -o none").exit_code == 0
    missing = _ps(lab, f"New-AzVM -ResourceGroupName rg -Name vm1 -Image UbuntuLTS -SshKeyName nokey {CRED}")
    assert missing.exit_code == 1 and "with name '-SshKeyName' was not found" in missing.stderr
    no_name = _ps(lab, f"New-AzVM -ResourceGroupName rg -Name vm1 -Image UbuntuLTS -GenerateSshKey {CRED}")
    assert no_name.exit_code == 1 and "Please provide parameter '-SshKeyName'" in no_name.stderr
    windows = _ps(lab, f"New-AzVM -ResourceGroupName rg -Name vm1 -GenerateSshKey -SshKeyName k {CRED}")
    assert windows.exit_code == 1 and "only allowed with Linux VMs" in windows.stderr
    assert lab.run("az vm list -g rg").json() == []
    assert lab.run("ls ~/.ssh 2>/dev/null").stdout.strip() == ""
