"""Every command and code sample in the seed runs in the lab after the set-up it presumes, answering as real
Azure would (Premium-only errors included). Placeholders (<...>) are filled in; nothing else is changed."""

from __future__ import annotations

import pytest

SEED_REGISTRY = """\
az group create -n rg-containers -l brazilsouth -o none
az acr create \\
--name myacr \\
--resource-group rg-containers \\
--sku Standard \\
--location brazilsouth \\
--admin-enabled false
"""


@pytest.fixture
def seeded(cli):
    cli(SEED_REGISTRY)
    return cli


def test_3_3_admin_account(seeded):
    seeded("# Enable admin account\naz acr update --name myacr --resource-group rg-containers --admin-enabled true",
           checks={"adminUserEnabled": True})
    seeded("# Get admin credentials\naz acr credential show --name myacr --resource-group rg-containers",
           checks={"username": "myacr", "length(passwords)": 2})


def test_6_2_create_and_login(seeded, lab):
    r = seeded("az acr show -n myacr")
    assert r.json()["sku"]["name"] == "Standard" and r.json()["location"] == "brazilsouth"
    r = seeded("# Login using Entra ID credentials (for local dev)\naz acr login --name myacr")
    assert "Login Succeeded" in r.stdout


def test_6_2_build_and_image_operations(seeded, lab):
    lab.write_file("Dockerfile", "FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCOPY . /app\nENTRYPOINT [\"dotnet\", \"/app/api.dll\"]\n")
    r = seeded("# Build Dockerfile in current directory and push directly to ACR\naz acr build \\\n--registry myacr \\\n"
               "--image api-gateway:v1.2.3 \\\n--file Dockerfile \\\n.")
    assert "was successful after" in r.stdout + r.stderr
    repos = seeded("# List repositories\naz acr repository list --name myacr --output table").stdout.split()
    assert repos == ["Result", "-----------", "api-gateway"]
    tags = seeded("# List tags of a repository\naz acr repository show-tags \\\n--name myacr \\\n--repository api-gateway "
                  "\\\n--orderby time_desc \\\n--output table").stdout
    assert "v1.2.3" in tags
    r = seeded("# View details of a specific image (including digest)\naz acr repository show-manifests \\\n--name myacr "
               "\\\n--repository api-gateway \\\n--query \"[].{Digest:digest, Tags:tags, Created:timestamp}\" \\\n--output table")
    assert "sha256:" in r.stdout
    lab.run("az acr login -n myacr; docker pull alpine -q; docker tag alpine myacr.azurecr.io/api-gateway:v1.2.2; "
            "docker push myacr.azurecr.io/api-gateway:v1.2.2; docker tag alpine myacr.azurecr.io/api-gateway-old:v1; "
            "docker push myacr.azurecr.io/api-gateway-old:v1")
    seeded("# Delete a specific tag\naz acr repository delete \\\n--name myacr \\\n--image api-gateway:v1.2.2 \\\n--yes")
    seeded("# Delete an entire repository\naz acr repository delete \\\n--name myacr \\\n--repository api-gateway-old \\\n--yes")
    assert seeded("az acr repository list -n myacr").json() == ["api-gateway"]


def test_6_2_assign_acrpull_to_sp_and_aks(seeded, lab):
    seeded("az ad sp create-for-rbac --name sp-puller -o none")
    sp_object_id = seeded("az ad sp list --display-name sp-puller --query [0].id -o tsv").stdout.strip()
    seeded("az group create -n rg-aks -l brazilsouth -o none\naz aks create -n my-aks-cluster -g rg-aks "
           "--generate-ssh-keys -o none")
    script = f"""# ACR ID
ACR_ID=$(az acr show --name myacr --resource-group rg-containers --query id -o tsv)

# Assign AcrPull to a service principal
az role assignment create \\
--assignee {sp_object_id} \\
--role AcrPull \\
--scope $ACR_ID

# Assign AcrPull to an AKS cluster (Managed Identity)
AKS_KUBELET_ID=$(az aks show \\
--name my-aks-cluster \\
--resource-group rg-aks \\
--query identityProfile.kubeletidentity.objectId -o tsv)

az role assignment create \\
--assignee $AKS_KUBELET_ID \\
--role AcrPull \\
--scope $ACR_ID
"""
    seeded(script)
    roles = seeded("az role assignment list --scope $(az acr show -n myacr --query id -o tsv) "
                   "--query \"[].roleDefinitionName\"").json()
    assert roles == ["AcrPull", "AcrPull"]


def test_6_2_retention_and_replication_are_premium_only(seeded, lab):
    r = lab.run("az acr config retention update \\\n--registry myacr \\\n--status enabled \\\n--days 30 \\\n"
                "--type UntaggedManifests")
    assert r.exit_code == 1 and "Policies are only supported for managed registries in Premium SKU." in r.stderr
    r = lab.run("az acr replication create \\\n--registry myacr \\\n--location eastus")
    assert r.exit_code == 1 and "Replications are only supported for managed registries in Premium SKU." in r.stderr
    seeded("az acr update -n myacr --sku Premium -o none")
    seeded("az acr config retention update --registry myacr --status enabled --days 30 --type UntaggedManifests",
           checks={"status": "enabled", "days": 30})
    seeded("az acr replication create --registry myacr --location eastus", checks={"location": "eastus"})


def test_6_3_powershell(lab, cli):
    cli("az ad sp create-for-rbac --name sp-ps -o none")
    oid = cli("az ad sp list --display-name sp-ps --query [0].id -o tsv").stdout.strip()
    cli("New-AzResourceGroup -Name rg-containers -Location brazilsouth", shell="pwsh")
    script = f"""# Create ACR
New-AzContainerRegistry `
-ResourceGroupName "rg-containers" `
-Name "myacr" `
-Sku "Standard" `
-Location "brazilsouth" `
-EnableAdminUser:$false

# Get ACR ID
$acr = Get-AzContainerRegistry -Name "myacr" -ResourceGroupName "rg-containers"

# Assign AcrPull to a principal
New-AzRoleAssignment `
-ObjectId "{oid}" `
-RoleDefinitionName "AcrPull" `
-Scope $acr.Id

# List repositories
Get-AzContainerRegistryRepository -RegistryName "myacr"
"""
    r = lab.run(script, shell="pwsh")
    assert r.exit_code == 0, r.stderr
    cli("az acr show -n myacr", checks={"sku.name": "Standard", "adminUserEnabled": False})
    cli(f"az role assignment list --assignee {oid} --all", checks={"[0].roleDefinitionName": "AcrPull"})


SEED_BICEP = """param location string = resourceGroup().location
param acrName string = 'myacr'

resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
name: acrName
location: location
sku: {
name: 'Standard'
}
properties: {
adminUserEnabled: false
policies: {
retentionPolicy: {
status: 'enabled'
days: 30
}
}
}
}

// Give AcrPull to an AKS Managed Identity
resource acrPullAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
name: guid(acr.id, aksIdentityObjectId, 'AcrPull')
scope: acr
properties: {
roleDefinitionId: subscriptionResourceId(
'Microsoft.Authorization/roleDefinitions',
'7f951dda-4ed3-4680-a7ca-43fe172d538d' // AcrPull role definition ID
)
principalId: aksIdentityObjectId
principalType: 'ServicePrincipal'
}
}

output acrLoginServer string = acr.properties.loginServer
"""


def test_6_4_bicep_as_written_fails_like_bicep(lab, cli):
    cli("az group create -n rg-containers -l brazilsouth -o none")
    lab.write_file("main.bicep", SEED_BICEP)
    r = lab.run("az deployment group create -g rg-containers --template-file main.bicep")
    assert r.exit_code == 1
    assert "BCP057" in r.stderr and "aksIdentityObjectId" in r.stderr


def test_6_4_bicep_with_parameter_declared(lab, cli):
    cli("az group create -n rg-containers -l brazilsouth -o none")
    cli("az identity create -n id-kubelet -g rg-containers -o none")
    oid = cli("az identity show -n id-kubelet -g rg-containers --query principalId -o tsv").stdout.strip()
    lab.write_file("main.bicep", "param aksIdentityObjectId string\n" + SEED_BICEP)
    r = lab.run(f"az deployment group create -g rg-containers --template-file main.bicep "
                f"--parameters aksIdentityObjectId={oid}")
    # Retention is Premium-only: the service refuses the policy on a Standard registry (SkuNotSupported, as it
    # does for the quarantine policy on Basic), so the deployment fails and nothing is half-created.
    assert r.exit_code == 1
    assert "SkuNotSupported" in r.stderr and "The SKU Standard is not supported." in r.stderr
    lab.write_file("main.bicep", "param aksIdentityObjectId string\n" + SEED_BICEP.replace("'Standard'", "'Premium'"))
    cli(f"az deployment group create -g rg-containers --template-file main.bicep --parameters aksIdentityObjectId={oid}")
    cli("az acr show -n myacr", checks={"sku.name": "Premium", "policies.retentionPolicy.days": 30})
    cli(f"az role assignment list --assignee {oid} --all", checks={"[0].roleDefinitionName": "AcrPull"})


def test_7_private_access_needs_premium_then_works(seeded, lab):
    seeded("az group create -n rg-networking -l brazilsouth -o none\naz network vnet create -g rg-networking -n "
           "vnet-production --address-prefix 10.0.0.0/16 --subnet-name subnet-private-endpoints --subnet-prefix "
           "10.0.1.0/24 -o none")
    pe = ("# Create Private Endpoint for ACR\naz network private-endpoint create \\\n--name pe-acr-myacr \\\n"
          "--resource-group rg-networking \\\n--vnet-name vnet-production \\\n--subnet subnet-private-endpoints \\\n"
          "--private-connection-resource-id $(az acr show --name myacr --query id -o tsv) \\\n--group-id registry \\\n"
          "--connection-name conn-acr-myacr")
    r = lab.run(pe)
    assert r.exit_code == 1  # Private Link is Premium-only
    seeded("az acr update -n myacr --sku Premium -o none")
    seeded("# Disable public access\naz acr update \\\n--name myacr \\\n--resource-group rg-containers \\\n"
           "--public-network-enabled false", checks={"publicNetworkAccess": "Disabled"})
    seeded(pe)
    seeded("az acr private-endpoint-connection list -r myacr",
           checks={"[0].privateLinkServiceConnectionState.status": "Approved"})


def test_7_defender(cli):
    cli("az security pricing create \\\n--name ContainerRegistry \\\n--tier Standard", checks={"pricingTier": "Standard"})


def test_11_operations(cli, lab):
    cli("az group create -n rg-containers -l brazilsouth -o none\naz acr create -n minhacr -g rg-containers --sku Standard -o none")
    cli("az acr login -n minhacr; docker pull alpine -q; docker tag alpine minhacr.azurecr.io/api-gateway:v1.0.0; "
        "docker push minhacr.azurecr.io/api-gateway:v1.0.0 -q")
    out = cli("# View total size used in the registry\naz acr show-usage --name minhacr --resource-group rg-containers "
              "--output table").stdout
    assert "Size" in out
    out = cli("# List images by size\naz acr repository show-manifests \\\n--name minhacr \\\n--repository api-gateway "
              "\\\n--query \"[].{Digest:digest, SizeBytes:imageSize, Tags:tags, Created:timestamp}\" \\\n--output table").stdout
    assert "sha256:" in out
    cli("# Delete specific tags\naz acr repository delete \\\n--name minhacr \\\n--image api-gateway:v1.0.0 \\\n--yes")
    r = cli("# Purge old untagged images (more than 30 days, untagged)\naz acr run \\\n--cmd \"acr purge --filter "
            "'api-gateway:.*' --untagged --ago 30d\" \\\n--registry minhacr \\\n/dev/null")
    assert "Number of deleted tags" in r.stdout + r.stderr


def test_12_task_and_pipeline_build(cli, lab):
    cli("az group create -n rg-containers -l brazilsouth -o none\naz acr create -n minhacr -g rg-containers --sku Standard -o none")
    cli("az acr task create \\\n--registry minhacr \\\n--name task-build-api-gateway \\\n--image api-gateway:{{.Run.ID}} \\\n"
        "--arg BUILD_VERSION={{.Run.ID}} \\\n--context https://github.com/minhaorg/meu-repo.git#refs/heads/main \\\n"
        "--file Dockerfile \\\n--git-access-token ghp_placeholder0123456789", checks={"name": "task-build-api-gateway"})
    lab.write_file("Dockerfile", "FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCOPY . /app\n")
    r = cli("az acr build \\\n--registry minhacr \\\n--image api-gateway:4711 \\\n--image api-gateway:latest \\\n.")
    assert "was successful" in r.stdout + r.stderr
    cli("az acr repository show-tags -n minhacr --repository api-gateway", checks={"contains(@, '4711')": True,
                                                                                   "contains(@, 'latest')": True})
