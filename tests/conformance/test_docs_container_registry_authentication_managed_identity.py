"""'Use an Azure managed identity to authenticate to an Azure container registry', in a fresh lab per tab.

Source: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-authentication-managed-identity.md.
The page grants the identities "Container Registry Repository Reader", a role for ABAC-enabled registries, so the
registry (myContainerRegistry, holding aci-helloworld:v1) is created in that mode. The Azure CLI and Azure
PowerShell tabs are alternatives: each runs in its own lab. Blocks that install Docker on the VM with sudo/apt are
skipped (the lab's VMs come with Docker and the Azure CLI); the rest run on the VM after `ssh`."""

from __future__ import annotations

from .docs import Page

SETUP = """az group create -n myResourceGroup -l eastus -o none
az acr create -n mycontainerregistry -g myResourceGroup --sku Basic --role-assignment-mode rbac-abac -o none
az acr import -n mycontainerregistry --source mcr.microsoft.com/azuredocs/aci-helloworld:latest -t aci-helloworld:v1 \\
  -o none"""
INSTALLS = "installs Docker on the VM with sudo/apt (the lab's VMs come with Docker and the Azure CLI)"
CLI_BLOCKS = (0, 7, 8, 9, 15, 17, 18, 21, 22, 23, 27, 28, 31, 32, 35, 36, 37)
PS_BLOCKS = (1, 2, 11, 12, 13, 16, 19, 20, 24, 25, 26, 29, 30, 33, 34, 38, 39, 40)
OTHER_TAB = "the same step in the other tab (run in its own lab)"


def _setup(lab) -> None:
    assert lab.run(SETUP).exit_code == 0


def test_managed_identity_azure_cli(lab):
    _setup(lab)
    page = Page(lab, "container-registry-authentication-managed-identity")
    vm = page.run(0).json()
    page.subs["publicIpAddress"] = vm["publicIpAddress"]
    page.run(3)
    page.skip(4, INSTALLS)
    page.skip(5, INSTALLS)
    assert lab.run("exit").exit_code == 0
    page.run(7, contains='"name": "myACRId"')
    page.run(8)
    user_id = page.run(9).stdout.strip()
    assert user_id.endswith("/resourcegroups/myResourceGroup/providers/Microsoft.ManagedIdentity/"
                            "userAssignedIdentities/myACRId")
    page.run(15, contains=user_id)
    page.run(17)
    page.run(18, contains='"principalType": "ServicePrincipal"')
    assert lab.run(f"ssh azureuser@{vm['publicIpAddress']}").exit_code == 0
    # today's az refuses the page's `--identity --username <id>` (azure-cli 2.75): a resource ID goes to --resource-id
    page.subs["<userID>"] = user_id
    page.run(21, exit_code=1, contains="Passing the managed identity ID with --username is no longer supported")
    page.subs["--identity --username"] = "--identity --resource-id"
    page.run(21, contains='"assignedIdentityInfo": "MSIResource-')
    page.run(22, contains="Login Succeeded")
    page.run(23, contains="Status: Downloaded newer image for mycontainerregistry.azurecr.io/aci-helloworld:v1")
    assert lab.run("exit").exit_code == 0
    # the VM's system-assigned identity
    page.run(27, contains='"systemAssignedIdentity": "')
    page.run(28)
    page.run(31)
    page.run(32, contains='"principalType": "ServicePrincipal"')
    assert lab.run(f"ssh azureuser@{vm['publicIpAddress']}").exit_code == 0
    page.run(35, contains='"assignedIdentityInfo": "MSI"')
    page.run(36, contains="Login Succeeded")
    page.run(37, contains="Status: Image is up to date for mycontainerregistry.azurecr.io/aci-helloworld:v1")
    assert lab.run("exit").exit_code == 0
    for i in PS_BLOCKS:
        page.skip(i, OTHER_TAB)
    page.finish()


def test_managed_identity_azure_powershell(lab):
    _setup(lab)
    page = Page(lab, "container-registry-authentication-managed-identity")
    # New-AzVM's simple parameter set asks for -Credential (the VM's admin user) at an interactive prompt; a
    # script gives it: here a PSCredential for azureuser
    page.run(1, shell="pwsh", exit_code=1, contains="missing mandatory parameters: Credential")
    page.subs["    SshKeyName          = 'mySSHKey'\n"] = (
        "    SshKeyName          = 'mySSHKey'\n    Credential          = New-Object System.Management.Automation."
        "PSCredential ('azureuser', (ConvertTo-SecureString 'P@ssw0rd-2026!' -AsPlainText -Force))\n")
    r = page.run(1, shell="pwsh", contains="Private key is saved to /home/learner/.ssh/")
    # Az.Compute (NewAzureVMCommand.GenerateOrFindSshKey) writes the pair Azure generated to ~/.ssh/<unix seconds>
    # and <unix seconds>.pub and creates the Microsoft.Compute/sshPublicKeys resource
    key = r.output.split("Private key is saved to ", 1)[1].split()[0]
    assert lab.run(f"cat {key}.pub").stdout.startswith("ssh-rsa ")
    shown = lab.run("az resource show -g myResourceGroup -n mySSHKey --resource-type Microsoft.Compute/sshPublicKeys "
                    "--query properties.publicKey -o tsv")
    assert shown.stdout.strip() == lab.run(f"cat {key}.pub").stdout.strip(), shown.output
    again = lab.run("pwsh -Command \"New-AzVM -ResourceGroupName myResourceGroup -Name otherVM -Image UbuntuLTS "
                    "-GenerateSshKey -SshKeyName mySSHKey -Credential (New-Object System.Management.Automation."
                    "PSCredential ('azureuser', (ConvertTo-SecureString 'P@ssw0rd-2026!' -AsPlainText -Force)))\"")
    assert again.exit_code == 1 and "with name '-SshKeyName' already exists" in again.stderr
    ip = page.run(2, shell="pwsh").stdout.strip()
    assert ip.count(".") == 3
    page.subs["publicIpAddress"] = ip
    # that key file is not one ssh tries by default (~/.ssh/id_rsa, id_ecdsa, id_ed25519...): the page's bare ssh is
    # refused, as it would be on a workstation; the learner names the key with -i
    page.run(3, exit_code=255, contains="Permission denied (publickey)")
    assert lab.run(f"ssh -i {key} azureuser@{ip}").exit_code == 0
    assert lab.run("exit").exit_code == 0
    page.skip(4, INSTALLS)
    page.skip(5, INSTALLS)
    page.run(11, shell="pwsh", contains="myACRId")
    page.run(12, shell="pwsh")
    assert page.run(13, shell="pwsh").stdout.strip().endswith("/userAssignedIdentities/myACRId")
    page.run(16, shell="pwsh")
    assert lab.run("az vm show -g myResourceGroup -n myDockerVM --query identity.type -o tsv").stdout.strip() == \
        "UserAssigned"
    page.run(19, shell="pwsh")
    page.run(20, shell="pwsh", contains="Container Registry Repository Reader")
    assert lab.run(f"ssh -i {key} azureuser@{ip}").exit_code == 0
    # the VM's PowerShell is not signed in yet, so the page's Get-AzUserAssignedIdentity fails there and $clientId is
    # empty; with one identity on the VM, Connect-AzAccount -Identity signs in as it all the same
    page.run(24, shell="pwsh", contains="Run Connect-AzAccount to login.")
    page.run(25, shell="pwsh", contains="True")
    page.run(26, contains="Status: Downloaded newer image for mycontainerregistry.azurecr.io/aci-helloworld:v1")
    assert lab.run("exit").exit_code == 0
    page.run(29, shell="pwsh")
    assert lab.run("az vm show -g myResourceGroup -n myDockerVM --query identity.type -o tsv").stdout.startswith(
        "SystemAssigned")
    page.run(30, shell="pwsh")
    page.run(33, shell="pwsh")
    page.run(34, shell="pwsh", contains="Container Registry Repository Reader")
    assert lab.run(f"ssh -i {key} azureuser@{ip}").exit_code == 0
    page.run(38, shell="pwsh")
    page.run(39, shell="pwsh", contains="True")
    page.run(40, contains="Status: Image is up to date for mycontainerregistry.azurecr.io/aci-helloworld:v1")
    assert lab.run("exit").exit_code == 0
    for i in CLI_BLOCKS:
        page.skip(i, OTHER_TAB)
    page.finish()
