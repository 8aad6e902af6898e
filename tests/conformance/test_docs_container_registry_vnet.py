"""'Restrict access to a container registry using a service endpoint in an Azure virtual network', in a fresh lab.

Sources: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-vnet.md and the VM set-up
it includes (includes/container-registry-docker-vm-setup.md). The registry (mycontainerregistry, Premium, holding
hello-world:v1) and the VM live in myResourceGroup; az vm create names the VM's network myDockerVMVNET and its
subnet myDockerVMSubnet, as the page expects. The page's blocks after the network rule run on the VM (`ssh`)."""

from __future__ import annotations

from .docs import Page

SETUP = """RESOURCE_GROUP=myResourceGroup
REGISTRY_LOCATION=eastus"""
REGISTRY = """az acr create -n mycontainerregistry -g myResourceGroup --sku Premium -o none
az acr import -n mycontainerregistry --source mcr.microsoft.com/hello-world:latest -t hello-world:v1 -o none"""


def test_vnet_service_endpoint(lab):
    assert lab.run(SETUP).exit_code == 0
    vm = Page(lab, "includes/container-registry-docker-vm-setup")
    vm.run(0)
    assert lab.run(REGISTRY).exit_code == 0
    vm.run(1, contains='"publicIpAddress": "')
    ip = lab.run("az vm show -d -g myResourceGroup -n myDockerVM --query publicIps -o tsv").stdout.strip()
    vm.subs["publicIpAddress"] = ip
    vm.run(2)
    installs = "installs software on the VM with sudo/apt/curl (the lab's VMs come with Docker and the Azure CLI)"
    vm.skip(3, installs)
    vm.skip(4, installs + "; `docker run hello-world` without sudo below")
    vm.skip(5, installs)
    assert "Hello from Docker!" in lab.run("docker run -it hello-world").stdout
    assert lab.run("exit").exit_code == 0
    vm.finish()
    sub = lab.run("az account show --query id -o tsv").stdout.strip()
    page = Page(lab, "container-registry-vnet", {"<Name or ID of subscription of virtual network>": sub,
                                                 "myContainerRegistry": "mycontainerregistry"})
    page.run(0)
    assert page.run(1).json() == [{"Name": "myDockerVMVNET", "Subnet": "myDockerVMSubnet"}]
    page.run(3, contains='"service": "Microsoft.ContainerRegistry"')
    # the page's block has no `\\` after --query "id": bash runs two commands, the second is not a command
    page.run(4, exit_code=127, contains="--output: command not found")
    page.subs['--query "id"\n'] = '--query "id" \\\n'
    subnet = page.run(4).stdout.strip()
    assert subnet.endswith("/virtualNetworks/myDockerVMVNET/subnets/myDockerVMSubnet")
    page.run(6, contains='"defaultAction": "Deny"')
    page.subs["<subnet-resource-id>"] = subnet
    page.run(7, contains=f'"virtualNetworkResourceId": "{subnet}"')
    # from the workstation the registry now refuses; from the VM in the subnet it answers
    r = lab.run("docker pull mycontainerregistry.azurecr.io/hello-world:v1")
    assert r.exit_code == 1 and "denied: client with IP '203.0.113.10' is not allowed access" in r.output
    assert lab.run(f"ssh azureuser@{ip}").exit_code == 0
    assert lab.run("az login --use-device-code -o none").exit_code == 0
    page.run(8, contains="Login Succeeded")
    page.run(9, contains="Status: Downloaded newer image for mycontainerregistry.azurecr.io/hello-world:v1")
    assert lab.run("exit").exit_code == 0
    rules = page.run(11).json()
    assert [r["virtualNetworkResourceId"] for r in rules["virtualNetworkRules"]] == [subnet]
    # the page's subnet ID is broken over two lines: bash passes its second half as an extra argument
    page.run(12, exit_code=2, contains="unrecognized arguments: xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx/resourceGroups")
    page.subs["/subscriptions/ \\\n  xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"] = f"/subscriptions/{sub}"
    page.run(12, contains='"virtualNetworkRules": []')
    page.run(13, contains='"defaultAction": "Allow"')
    page.run(14, answer="y")
    assert lab.run("az group exists -n myResourceGroup").stdout.strip() == "false"
    page.finish()
