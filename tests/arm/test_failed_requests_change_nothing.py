"""Property: over random sequences of registry commands from every front end (az, PowerShell, ARM JSON and Bicep
deployments), a command that fails leaves the tenant's serialized state exactly as it was before it."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from acrlab import Lab

from .state import tenant_state

NAME = "hypo12345"
SKUS = st.sampled_from(["Basic", "Standard", "Premium"])
BOOL = st.sampled_from(["true", "false"])


def _flags(draw, options: dict) -> str:
    return " ".join(f"{flag} {draw(values)}" for flag, values in options.items() if draw(st.booleans()))


@st.composite
def az_command(draw) -> tuple[str, str]:
    kind = draw(st.sampled_from(["create", "update", "network-rule", "retention", "soft-delete", "identity",
                                 "webhook", "replication", "token", "delete"]))
    if kind == "create":
        flags = _flags(draw, {"--admin-enabled": BOOL, "--public-network-enabled": BOOL,
                              "--default-action": st.sampled_from(["Allow", "Deny"]), "--allow-exports": BOOL,
                              "--zone-redundancy": st.sampled_from(["Enabled", "Disabled"])})
        return "bash", f"az acr create -n {NAME} -g rg --sku {draw(SKUS)} {flags}"
    if kind == "update":
        flags = _flags(draw, {"--sku": SKUS, "--admin-enabled": BOOL, "--anonymous-pull-enabled": BOOL,
                              "--data-endpoint-enabled": BOOL, "--public-network-enabled": BOOL,
                              "--allow-exports": BOOL, "--tags": st.sampled_from(["team=a", "env=dev team=b"])})
        return "bash", f"az acr update -n {NAME} {flags}"
    if kind == "network-rule":
        ip = draw(st.sampled_from(["203.0.113.7", "198.51.100.0/24", "300.1.1.1"]))
        return "bash", f"az acr network-rule {draw(st.sampled_from(['add', 'remove']))} -n {NAME} --ip-address {ip}"
    if kind == "retention":
        return "bash", (f"az acr config retention update -r {NAME} --status {draw(st.sampled_from(['enabled', 'disabled']))}"
                        f" --days {draw(st.sampled_from([0, 30, 400]))} --type UntaggedManifests")
    if kind == "soft-delete":
        return "bash", f"az acr config soft-delete update -r {NAME} --status enabled --days {draw(st.sampled_from([7, 95]))} -y"
    if kind == "webhook":
        name = draw(st.sampled_from(["hookone", "hooktwo", "hookthree", "bad-hook"]))
        actions = draw(st.sampled_from(["push", "push delete", "quarantine"]))
        return "bash", f"az acr webhook create -r {NAME} -n {name} --uri http://example.com/h --actions {actions}"
    if kind == "replication":
        verb = draw(st.sampled_from(["create -l westus", "create -l westus -n other", "delete -n westus -y",
                                     "delete -n eastus -y"]))
        return "bash", f"az acr replication {verb} -r {NAME}"
    if kind == "token":
        return "bash", draw(st.sampled_from([
            f"az acr scope-map create -r {NAME} -n mapone --repository app content/read",
            f"az acr scope-map delete -r {NAME} -n _repositories_pull -y",
            f"az acr token create -r {NAME} -n tokone --scope-map mapone --no-passwords",
            f"az acr token create -r {NAME} -n toktwo --scope-map nosuchmap",
            f"az acr token credential generate -r {NAME} -n tokone --password1"]))
    if kind == "identity":
        verb = draw(st.sampled_from(["assign", "remove"]))
        return "bash", f"az acr identity {verb} -n {NAME} --identities [system]"
    return "bash", f"az acr delete -n {NAME} --yes"


@st.composite
def pwsh_command(draw) -> tuple[str, str]:
    switches = [s for s in ("-EnableAdminUser", "-AnonymousPullEnabled", "-DataEndpointEnabled") if draw(st.booleans())]
    extra = _flags(draw, {"-PublicNetworkAccess": st.sampled_from(["Enabled", "Disabled"]),
                          "-NetworkRuleSetDefaultAction": st.sampled_from(["Allow", "Deny"]),
                          "-ExportPolicyStatus": st.sampled_from(["enabled", "disabled"])})
    verb = draw(st.sampled_from(["New", "Update", "Remove"]))
    if verb == "New":
        return "pwsh", (f"New-AzContainerRegistry -ResourceGroupName rg -Name {NAME} -Location eastus "
                        f"-Sku {draw(SKUS)} {' '.join(switches)} {extra}")
    if verb == "Update":
        sku = f"-Sku {draw(SKUS)}" if draw(st.booleans()) else ""
        return "pwsh", f"Update-AzContainerRegistry -ResourceGroupName rg -Name {NAME} {sku} {' '.join(switches)} {extra}"
    return "pwsh", f"Remove-AzContainerRegistry -ResourceGroupName rg -Name {NAME}"


PROPERTY_CHOICES = {
    "adminUserEnabled": [True, False],
    "publicNetworkAccess": ["Enabled", "Disabled"],
    "anonymousPullEnabled": [True, False],
    "networkRuleSet": [{"defaultAction": "Deny", "ipRules": [{"action": "Allow", "value": "203.0.113.0/24"}]},
                       {"defaultAction": "Allow", "ipRules": [{"value": "not-an-ip"}]}],
    "networkRuleBypassOptions": ["AzureServices", "None", "Sometimes"],
    "policies": [{"retentionPolicy": {"status": "enabled", "days": 3}}, {"quarantinePolicy": {"status": "enabled"}},
                 {"exportPolicy": {"status": "disabled"}}, {"softDeletePolicy": {"status": "enabled",
                                                                                 "retentionDays": 200}}],
    "dataEndpointEnabled": [True, False],
}


@st.composite
def template_command(draw) -> tuple[str, str]:
    props = {k: draw(st.sampled_from(v)) for k, v in PROPERTY_CHOICES.items() if draw(st.booleans())}
    resource = {"type": "Microsoft.ContainerRegistry/registries", "apiVersion": "2025-04-01", "name": NAME,
                "location": draw(st.sampled_from(["eastus", "eastus", "westus"])), "sku": {"name": draw(SKUS)},
                "properties": props}
    if draw(st.booleans()):
        resource["identity"] = {"type": draw(st.sampled_from(["SystemAssigned", "None"]))}
    doc = {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
           "contentVersion": "1.0.0.0", "resources": [resource]}
    return "template", json.dumps(doc)


COMMANDS = st.one_of(az_command(), pwsh_command(), template_command())


def run(lab: Lab, kind: str, text: str) -> bool:
    """Run one command; True when it failed."""
    if kind == "template":
        lab.write_file("t.json", text)
        return lab.run("az deployment group create -g rg --template-file t.json -o none").exit_code != 0
    r = lab.run(text, shell=kind)
    return r.exit_code != 0 if kind == "bash" else bool(r.stderr.strip())


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(SKUS, st.lists(COMMANDS, min_size=1, max_size=8))
def test_a_failed_command_leaves_the_tenant_unchanged(sku, commands):
    lab = Lab(seed=0)
    assert lab.run("az group create -n rg -l eastus -o none").exit_code == 0
    assert lab.run(f"az acr create -n {NAME} -g rg --sku {sku} -o none").exit_code == 0
    for kind, text in commands:
        before = tenant_state(lab)
        if run(lab, kind, text):
            assert tenant_state(lab) == before, f"{kind}: {text}"


# -- the other families, as each moves onto the resource manager ------------------------------------------------
FAMILY_SETUP = ["az group create -n rg -l eastus -o none", f"az acr create -n {NAME} -g rg --sku Premium -o none",
                f"ACR=$(az acr show -n {NAME} --query id -o tsv)", "APP=$(az ad sp create-for-rbac -n fam --query appId -o tsv)",
                "SP=$(az ad sp show --id $APP --query id -o tsv)", "export ACR SP",
                "SUB=$(az account show --query id -o tsv)"]
ROLES = st.sampled_from(["AcrPull", "AcrPush", "NoSuchRole", "7f951dda-4ed3-4680-a7ca-43fe172d538d"])
WHO = st.sampled_from(["$SP", "00000000-0000-0000-0000-0000000000aa"])
WHERE = st.sampled_from(["$ACR", "/subscriptions/$SUB/resourceGroups/rg", "/subscriptions/$SUB/resourceGroups/nope",
                         "$ACR/x/y"])


@st.composite
def access_command(draw) -> tuple[str, str]:
    who, role, where = draw(WHO), draw(ROLES), draw(WHERE)
    kind = draw(st.sampled_from(["az-create", "az-delete", "pwsh-new", "pwsh-remove", "template", "definition"]))
    if kind == "az-create":
        ptype = draw(st.sampled_from(["ServicePrincipal", "User"]))
        return "bash", (f"az role assignment create --assignee-object-id {who} --assignee-principal-type {ptype} "
                        f"--role {role} --scope {where}")
    if kind == "az-delete":
        return "bash", f"az role assignment delete --assignee $APP --role {role} --scope {where}"
    if kind == "pwsh-new":
        return "pwsh", f"New-AzRoleAssignment -ObjectId {who.replace('$SP', '$env:SP')} -RoleDefinitionName {role} " \
                       f"-Scope {where.replace('$ACR', '$env:ACR')}"
    if kind == "pwsh-remove":
        return "pwsh", f"Remove-AzRoleAssignment -ObjectId $env:SP -RoleDefinitionName {role} -Scope $env:ACR"
    if kind == "definition":
        actions = draw(st.sampled_from(['["Microsoft.ContainerRegistry/registries/read"]', "[]"]))
        verb = draw(st.sampled_from(["create", "delete"]))
        if verb == "delete":
            return "bash", "az role definition delete --name Custom1"
        return "bash", ("az role definition create --role-definition '{\"Name\": \"Custom1\", \"Actions\": "
                        + actions + ", \"AssignableScopes\": [\"/subscriptions/'$SUB'\"]}'")
    ra = {"type": "Microsoft.Authorization/roleAssignments", "apiVersion": "2022-04-01",
          "name": draw(st.sampled_from(["[guid('a')]", "[guid('b')]"])),
          "properties": {"roleDefinitionId": "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', "
                                             "'7f951dda-4ed3-4680-a7ca-43fe172d538d')]",
                         "principalId": "[parameters('sp')]" if who == "$SP" else who,
                         "principalType": draw(st.sampled_from(["ServicePrincipal", "Group"]))}}
    return "family-template", json.dumps({"$schema": "https://schema.management.azure.com/schemas/2019-04-01/"
                                                     "deploymentTemplate.json#", "contentVersion": "1.0.0.0",
                                          "parameters": {"sp": {"type": "string"}}, "resources": [ra]})


MI_NAMES = st.sampled_from(["idone", "idtwo", "nosuchid"])
FIC_NAMES = st.sampled_from(["fcone", "fctwo"])
SUBJECTS = st.sampled_from(["repo:contoso/app:ref:refs/heads/main", "repo:contoso/app:environment:prod"])
ISSUER = "https://token.actions.githubusercontent.com"


def _template_of(resource: dict) -> str:
    return json.dumps({"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                       "contentVersion": "1.0.0.0", "parameters": {"sp": {"type": "string"}}, "resources": [resource]})


@st.composite
def identity_command(draw) -> tuple[str, str]:
    """Microsoft.ManagedIdentity: identities and their federated credentials (azure-rest-api-specs
    specification/msi/resource-manager/Microsoft.ManagedIdentity/stable/2024-11-30/ManagedIdentity.json)."""
    mi, fc, subject = draw(MI_NAMES), draw(FIC_NAMES), draw(SUBJECTS)
    where = draw(st.sampled_from(["eastus", "westus", "nowhere"]))
    kind = draw(st.sampled_from(["az-create", "az-delete", "az-fc", "az-fc-delete", "pwsh-new", "pwsh-fc",
                                 "template-mi", "template-fc"]))
    if kind == "az-create":
        return "bash", f"az identity create -n {mi} -g {draw(st.sampled_from(['rg', 'nope']))} -l {where} --tags t=1"
    if kind == "az-delete":
        return "bash", f"az identity delete -n {mi} -g rg"
    if kind == "az-fc":
        return "bash", (f"az identity federated-credential create -n {fc} --identity-name {mi} -g rg "
                        f"--issuer {ISSUER} --subject {subject}")
    if kind == "az-fc-delete":
        return "bash", f"az identity federated-credential delete -n {fc} --identity-name {mi} -g rg --yes"
    if kind == "pwsh-new":
        return "pwsh", f"New-AzUserAssignedIdentity -ResourceGroupName rg -Name {mi} -Location {where}"
    if kind == "pwsh-fc":
        return "pwsh", (f"New-AzFederatedIdentityCredential -ResourceGroupName rg -IdentityName {mi} -Name {fc} "
                        f"-Issuer {ISSUER} -Subject {subject}")
    if kind == "template-mi":
        return "family-template", _template_of({"type": "Microsoft.ManagedIdentity/userAssignedIdentities",
                                                "apiVersion": "2023-01-31", "name": mi, "location": where})
    props = {"issuer": ISSUER, "subject": subject,
             **({"audiences": ["api://AzureADTokenExchange"]} if draw(st.booleans()) else {})}
    return "family-template", _template_of({"type": "Microsoft.ManagedIdentity/userAssignedIdentities/"
                                                    "federatedIdentityCredentials", "apiVersion": "2023-01-31",
                                            "name": f"{mi}/{fc}", "properties": props})


SUBNETS = st.sampled_from(["", "--vnet-subnet-id /subscriptions/$SUB/resourceGroups/rg/providers/Microsoft.Network/"
                                "virtualNetworks/nov/subnets/nos"])


@st.composite
def cluster_command(draw) -> tuple[str, str]:
    """Microsoft.ContainerService/managedClusters (azure-cli src/azure-cli/azure/cli/command_modules/acs/custom.py
    aks_create refuses an existing cluster before sending; the pool count must be 1-1000)."""
    name, count = draw(st.sampled_from(["aksone", "aksone", "akstwo"])), draw(st.sampled_from([1, 1, 2, 0, 1001]))
    kind = draw(st.sampled_from(["az-create", "az-update", "az-delete", "pwsh-new", "pwsh-set", "template"]))
    if kind == "az-create":
        acr = draw(st.sampled_from(["", f"--attach-acr {NAME}", "--attach-acr nosuchacr"]))
        return "bash", f"az aks create -n {name} -g rg --node-count {count} --generate-ssh-keys {draw(SUBNETS)} {acr}"
    if kind == "az-update":
        change = draw(st.sampled_from(["--tags team=b", f"--attach-acr {NAME}", f"--detach-acr {NAME}",
                                       "--attach-acr nosuchacr", f"--attach-acr {NAME} --detach-acr {NAME}"]))
        return "bash", f"az aks update -n {name} -g rg {change}"
    if kind == "az-delete":
        return "bash", f"az aks delete -n {name} -g rg --yes"
    if kind == "pwsh-new":
        force = draw(st.sampled_from(["", "-Force"]))
        return "pwsh", f"New-AzAksCluster -ResourceGroupName rg -Name {name} -NodeCount {count} -GenerateSshKey {force}"
    if kind == "pwsh-set":
        return "pwsh", f"Set-AzAksCluster -ResourceGroupName rg -Name {name} -AcrNameToAttach {NAME}"
    pools = [{"name": "nodepool1", "count": count, "vmSize": "Standard_D2s_v3", "mode": "System"}] \
        if draw(st.booleans()) else []
    return "family-template", _template_of({"type": "Microsoft.ContainerService/managedClusters",
                                            "apiVersion": "2024-02-01", "name": name, "location": "eastus",
                                            "identity": {"type": "SystemAssigned"},
                                            "properties": {"dnsPrefix": name, "agentPoolProfiles": pools}})


@st.composite
def deployment_command(draw) -> tuple[str, str]:
    """Microsoft.Resources/deployments (azure-rest-api-specs Microsoft.Resources stable/2024-03-01 resources.json):
    a deployment refused at preflight (a parameter without a value, a nested deployment into a group that does not
    exist) deploys nothing."""
    inner = {"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31",
             "name": "[parameters('n')]", "location": "eastus"}
    if draw(st.booleans()):
        return "family-template", json.dumps({
            "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
            "contentVersion": "1.0.0.0", "parameters": {"sp": {"type": "string"}, "n": {"type": "string"}},
            "resources": [inner]})
    group = draw(st.sampled_from(["rg", "nosuchgroup"]))
    nested = {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "inner",
              "resourceGroup": group, "properties": {
                  "mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"},
                  "parameters": {"n": {"value": "idnested"}},
                  "template": {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/"
                                          "deploymentTemplate.json#", "contentVersion": "1.0.0.0",
                               "parameters": {"n": {"type": "string"}}, "resources": [inner]}}}
    return "family-template", _template_of(nested)


PREFIXES = st.sampled_from(["10.1.0.0/24", "10.1.0.0/24", "10.1.1.0/24", "10.1.0.128/25", "10.9.0.0/24",
                            "10.1.0.0/33"])


@st.composite
def network_command(draw) -> tuple[str, str]:
    """Microsoft.Network virtualNetworks and subnets (azure-rest-api-specs specification/network/resource-manager/
    Microsoft.Network/stable/2024-05-01/virtualNetwork.json): a network's PUT with all its subnets is checked whole
    (CIDR form, inside the space, no overlap) before anything is made."""
    one, two = draw(PREFIXES), draw(PREFIXES)
    kind = draw(st.sampled_from(["az-vnet", "az-subnet", "az-update", "az-delete", "pwsh-new", "pwsh-set",
                                 "template"]))
    if kind == "az-vnet":
        space = draw(st.sampled_from(["10.1.0.0/16", "10.1.0.0/16", "10.1.0.1/16"]))
        return "bash", f"az network vnet create -g rg -n vnone --address-prefixes {space} --subnet-name sone " \
                       f"--subnet-prefixes {one}"
    if kind == "az-subnet":
        return "bash", f"az network vnet subnet create -g rg --vnet-name vnone -n stwo --address-prefixes {two}"
    if kind == "az-update":
        return "bash", ("az network vnet subnet update -g rg --vnet-name vnone -n sone "
                        "--private-endpoint-network-policies Enabled --service-endpoints Microsoft.ContainerRegistry")
    if kind == "az-delete":
        return "bash", "az network vnet delete -g rg -n vnone"
    if kind == "pwsh-new":
        return "pwsh", (f"$a = New-AzVirtualNetworkSubnetConfig -Name sone -AddressPrefix {one}; "
                        f"$b = New-AzVirtualNetworkSubnetConfig -Name stwo -AddressPrefix {two}; "
                        "$null = New-AzVirtualNetwork -Name vnone -ResourceGroupName rg -Location eastus "
                        "-AddressPrefix 10.1.0.0/16 -Subnet $a,$b -Force")
    if kind == "pwsh-set":
        return "pwsh", ("$v = Get-AzVirtualNetwork -Name vnone -ResourceGroupName rg; "
                        f"$null = Add-AzVirtualNetworkSubnetConfig -Name sthree -VirtualNetwork $v -AddressPrefix {two}; "
                        "$null = $v | Set-AzVirtualNetwork")
    subnets = [{"name": "sone", "properties": {"addressPrefix": one}},
               {"name": "stwo", "properties": {"addressPrefix": two}}]
    return "family-template", _template_of({"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2024-05-01",
                                            "name": "vnone", "location": "eastus", "properties": {
                                                "addressSpace": {"addressPrefixes": ["10.1.0.0/16"]},
                                                "subnets": subnets}})


@st.composite
def zone_command(draw) -> tuple[str, str]:
    """Microsoft.Network/privateDnsZones and their virtualNetworkLinks and A record sets (azure-rest-api-specs
    specification/privatedns/resource-manager/Microsoft.Network/stable/2024-06-01/privatedns.json), and an endpoint's
    privateDnsZoneGroups (specification/network/.../2024-05-01/privateEndpoint.json): the clients create zones,
    links and record sets with If-None-Match, a zone with virtual network links cannot be deleted, a record's
    address and a group's zone are checked before anything is written."""
    zone = "privatelink.azurecr.io"
    ip = draw(st.sampled_from(["10.1.0.40", "10.1.0.400"]))
    return draw(st.sampled_from([
        ("bash", f"az network private-dns zone create -g rg -n {zone}"),
        ("bash", f"az network private-dns zone delete -g rg -n {zone} --yes"),
        ("bash", f"az network private-dns link vnet create -g rg -z {zone} -n lk -v vnone -e false"),
        ("bash", f"az network private-dns link vnet delete -g rg -z {zone} -n lk --yes"),
        ("bash", f"az network private-dns record-set a add-record -g rg -z {zone} -n app -a {ip}"),
        ("bash", f"az network private-dns record-set a create -g rg -z {zone} -n app"),
        ("pwsh", f"$null = New-AzPrivateDnsRecordSet -Name app -RecordType A -ZoneName {zone} -ResourceGroupName rg "
                 f"-Ttl 60 -PrivateDnsRecords (New-AzPrivateDnsRecordConfig -Ipv4Address {ip})"),
        ("bash", "az network private-endpoint dns-zone-group create --endpoint-name peone -g rg -n default "
                 f"--zone-name reg --private-dns-zone {draw(st.sampled_from([zone, 'nosuch.zone']))}"),
        ("bash", "az network private-endpoint dns-zone-group delete --endpoint-name peone -g rg -n default"),
        ("pwsh", f"$null = New-AzPrivateDnsZone -ResourceGroupName rg -Name {zone}"),
        ("family-template", _template_of({"type": "Microsoft.Network/privateDnsZones", "apiVersion": "2024-06-01",
                                          "name": zone, "location": "global"})),
        ("family-template", _template_of({
            "type": "Microsoft.Network/privateDnsZones/virtualNetworkLinks", "apiVersion": "2024-06-01",
            "name": f"{zone}/{draw(st.sampled_from(['lk', 'lktwo']))}", "location": "global", "properties": {
                "virtualNetwork": {"id": "[resourceId('Microsoft.Network/virtualNetworks', 'vnone')]"}}}))]))


@st.composite
def endpoint_command(draw) -> tuple[str, str]:
    """Microsoft.Network/privateEndpoints (azure-rest-api-specs specification/network/resource-manager/
    Microsoft.Network/stable/2024-05-01/privateEndpoint.json): the registry's rules, the subnet and the caller's
    rights are all checked before the addresses are taken."""
    group = draw(st.sampled_from(["registry", "registry", "vault"]))
    subnet = draw(st.sampled_from(["sone", "stwo", "nosub"]))
    kind = draw(st.sampled_from(["az-create", "az-delete", "pwsh-new", "template"]))
    if kind == "az-create":
        return "bash", (f"az network private-endpoint create -g rg -n peone --vnet-name vnone --subnet {subnet} "
                        f"--private-connection-resource-id $ACR --group-ids {group} --connection-name c1")
    if kind == "az-delete":
        return "bash", "az network private-endpoint delete -g rg -n peone"
    if kind == "pwsh-new":
        return "pwsh", ("$v = Get-AzVirtualNetwork -Name vnone -ResourceGroupName rg; "
                        f"$c = New-AzPrivateLinkServiceConnection -Name c1 -PrivateLinkServiceId $env:ACR -GroupId {group}; "
                        "$null = New-AzPrivateEndpoint -ResourceGroupName rg -Name peone -Location eastus "
                        "-Subnet $v.Subnets[0] -PrivateLinkServiceConnection $c")
    link = {"name": "c1", "properties": {"privateLinkServiceId": f"[resourceId('Microsoft.ContainerRegistry/"
                                                                   f"registries', '{NAME}')]", "groupIds": [group]}}
    return "family-template", _template_of({"type": "Microsoft.Network/privateEndpoints", "apiVersion": "2024-05-01",
                                            "name": "peone", "location": "eastus", "properties": {
                                                "subnet": {"id": "[resourceId('Microsoft.Network/virtualNetworks/"
                                                                 f"subnets', 'vnone', '{subnet}')]"},
                                                "privateLinkServiceConnections": [link]}})


@st.composite
def task_command(draw) -> tuple[str, str]:
    """Microsoft.ContainerRegistry/registries/tasks (azure-rest-api-specs Microsoft.ContainerRegistry
    preview/2019-06-01-preview/containerregistry_build.json Tasks_Create): the whole body is checked (step type,
    timer schedule, identity) before the task, its identity or its timers exist; `az acr task create|update` send
    the same PUT, and a PATCH (Tasks_Update) whose source identity does not exist changes none of the rest."""
    kind = draw(st.sampled_from(["template", "template", "az-delete", "az-create", "az-update"]))
    if kind == "az-delete":
        return "bash", f"az acr task delete -r {NAME} -n tone --yes"
    source = draw(st.sampled_from(["[system]", "/subscriptions/$SUB/resourceGroups/rg/providers/"
                                               "Microsoft.ManagedIdentity/userAssignedIdentities/missing"]))
    if kind == "az-update":
        return "bash", (f"az acr task update -r {NAME} -n tone --status Disabled --cpu 4 "
                        f"--source-acr-auth-id {source}")
    if kind == "az-create":
        return "bash", (f"az acr task create -r {NAME} -n tone --cmd 'echo hi' -c /dev/null --schedule '0 4 * * *' "
                        f"--assign-identity {source}")
    step = draw(st.sampled_from(["EncodedTask", "EncodedTask", "Shell"]))
    return "family-template", _template_of({
        "type": "Microsoft.ContainerRegistry/registries/tasks", "apiVersion": "2019-06-01-preview",
        "name": f"{NAME}/tone", "location": "eastus",
        "identity": {"type": draw(st.sampled_from(["SystemAssigned", "None", "UserAssigned"]))},
        "properties": {"platform": {"os": "Linux"}, "step": {"type": step, "encodedTaskContent": "c3RlcHM6IFtdCg=="},
                       "trigger": {"timerTriggers": [{"name": "t1", "schedule": draw(st.sampled_from(
                           ["0 2 * * *", "every night"]))}]}}})


@st.composite
def pricing_command(draw) -> tuple[str, str]:
    """Microsoft.Security/pricings (azure-rest-api-specs specification/security/resource-manager/Microsoft.Security/
    stable/2024-01-01/pricings.json): an unknown plan or tier is refused whole."""
    name, tier = draw(st.sampled_from(["Containers", "KeyVaults", "Nope"])), draw(st.sampled_from(["Standard",
                                                                                                    "Free", "Gold"]))
    kind = draw(st.sampled_from(["bash", "pwsh", "sub-template"]))
    if kind == "bash":
        return "bash", f"az security pricing create -n {name} --tier {tier}"
    if kind == "pwsh":
        return "pwsh", f"$null = Set-AzSecurityPricing -Name {name} -PricingTier {tier}"
    return "sub-template", json.dumps({
        "$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
        "contentVersion": "1.0.0.0", "resources": [{"type": "Microsoft.Security/pricings", "apiVersion": "2024-01-01",
                                                    "name": name, "properties": {"pricingTier": tier}}]})


@st.composite
def transfer_command(draw) -> tuple[str, str]:
    """Microsoft.Storage accounts and containers, ACR Transfer pipelines and runs (engine/arm/providers/
    storage_accounts.py, pipelines.py; REST API 2025-06-01-preview as azure-cli-extensions src/acrtransfer sends it).
    Runs are only drawn where the request itself is refused: an accepted run that then fails is a Failed resource,
    as in Azure."""
    uri = draw(st.sampled_from(["https://transfersa.blob.core.windows.net/transfer", "http://nowhere/x"]))
    name = draw(st.sampled_from(["expone", "bad-name"]))
    return draw(st.sampled_from([
        ("bash", f"az storage account create -n {draw(st.sampled_from(['transfersa', 'Bad_Name']))} -g rg "
                 f"-l {draw(st.sampled_from(['eastus', 'westus', 'nowhere']))} --sku Standard_LRS"),
        ("bash", f"az storage container create -n {draw(st.sampled_from(['transfer', 'Bad_C']))} "
                 f"--account-name {draw(st.sampled_from(['transfersa', 'nosuchsa']))}"),
        ("bash", f"az acr export-pipeline create -g rg -r {NAME} -n {name} "
                 f"-m {draw(st.sampled_from(['ManagedIdentity', 'SasToken', 'Bogus']))} -c {uri}"),
        ("bash", f"az acr import-pipeline create -g rg -r {NAME} -n impone -m SasToken -c {uri} "
                 "-s https://kv.vault.azure.net/secrets/s"),
        ("bash", f"az acr pipeline-run create -g rg -r {NAME} -p {draw(st.sampled_from(['expone', 'nopipe']))} "
                 "-n runone -t export -b blob -a 'UPPER:v1'"),
        ("pwsh", f"New-AzContainerRegistryExportPipeline -Name pwone -RegistryName {NAME} -ResourceGroupName rg "
                 f"-TargetUri {uri}"),
        ("family-template", _template_of({"type": "Microsoft.ContainerRegistry/registries/exportPipelines",
                                          "apiVersion": "2025-06-01-preview", "name": f"{NAME}/tplone",
                                          "identity": {"type": "SystemAssigned"},
                                          "properties": {"target": {"uri": uri, "storageAccessMode": draw(
                                              st.sampled_from(["ManagedIdentity", "Sometimes"]))}}}))]))


@st.composite
def vm_command(draw) -> tuple[str, str]:
    """Microsoft.Compute/virtualMachines (azure-rest-api-specs specification/compute/resource-manager/
    Microsoft.Compute/ComputeRP/stable/2024-07-01/virtualMachine.json VirtualMachines_CreateOrUpdate): a PUT's whole
    body (identity, image, location, unchangeable properties) is checked before the VM or its identity changes."""
    kind = draw(st.sampled_from(["az-create", "az-delete", "pwsh-new", "template", "template", "template"]))
    image = draw(st.sampled_from(["Ubuntu2204", "Ubuntu2204", "Debian12", "Nobody:nothing:none:latest"]))
    if kind == "az-create":  # az vm create and New-AzVM send the network's PUT, then the VM's (shell/vm_requests.py)
        who = draw(st.sampled_from(["", "", "idone", "nosuchid"]))
        return "bash", f"az vm create -n vmone -g rg --image {image} --generate-ssh-keys --assign-identity {who} -o none"
    if kind == "pwsh-new":
        return "pwsh", ("$c = New-Object System.Management.Automation.PSCredential ('azureuser', (ConvertTo-SecureString "
                        f"'P@ssw0rd-2026!' -AsPlainText -Force)); $null = New-AzVM -ResourceGroupName rg -Name vmone "
                        f"-Image {image} -Credential $c -SystemAssignedIdentity")
    if kind == "az-delete":
        return "bash", "az vm delete -n vmone -g rg --yes"
    users = {f"[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', '{draw(MI_NAMES)}')]": {}}
    identity = draw(st.sampled_from([{"type": "SystemAssigned"}, {"type": "None"}, {"type": "Sometimes"},
                                     {"type": "UserAssigned", "userAssignedIdentities": users},
                                     {"type": "SystemAssigned, UserAssigned", "userAssignedIdentities": users}]))
    image = draw(st.sampled_from([None, ("Canonical", "0001-com-ubuntu-server-jammy", "22_04-lts-gen2"),
                                  ("Debian", "debian-12", "12-gen2"), ("Nobody", "nothing", "none")]))
    props = {"storageProfile": {"imageReference": dict(zip(("publisher", "offer", "sku"), image, strict=True))}} \
        if image else {}
    return "family-template", _template_of({"type": "Microsoft.Compute/virtualMachines", "apiVersion": "2024-07-01",
                                            "name": "vmone", "location": draw(st.sampled_from(["eastus", "westus"])),
                                            "identity": identity, "properties": props})


@st.composite
def group_command(draw) -> tuple[str, str]:
    """Microsoft.Resources/resourceGroups (azure-rest-api-specs specification/resources/resource-manager/
    Microsoft.Resources/stable/2024-11-01/resources.json): a bad name or location, another location for an existing
    group, a missing group, a group a lock protects: refused whole, from az, PowerShell and a subscription template."""
    name = draw(st.sampled_from(["rgtwo", "rgtwo", "bad name!", "nope"]))
    where = draw(st.sampled_from(["eastus", "westus", "nowhere"]))
    kind = draw(st.sampled_from(["az-create", "az-delete", "az-lock", "pwsh-new", "pwsh-remove", "template"]))
    if kind == "az-create":
        return "bash", f"az group create -n '{name}' -l {where} --tags team={draw(st.sampled_from(['a', 'b']))}"
    if kind == "az-delete":
        return "bash", f"az group delete -n '{name}' -y"
    if kind == "az-lock":
        return "bash", f"az lock create -n keep --lock-type CanNotDelete -g '{name}'"
    if kind == "pwsh-new":
        return "pwsh", f"$null = New-AzResourceGroup -Name '{name}' -Location {where} -Tag @{{team='c'}} -Force"
    if kind == "pwsh-remove":
        return "pwsh", f"$null = Remove-AzResourceGroup -Name '{name}' -Force"
    return "sub-template", json.dumps({
        "$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
        "contentVersion": "1.0.0.0", "resources": [{"type": "Microsoft.Resources/resourceGroups",
                                                    "apiVersion": "2024-11-01", "name": name, "location": where,
                                                    "tags": {"team": "d"}}]})


@st.composite
def vault_command(draw) -> tuple[str, str]:
    """Microsoft.KeyVault/vaults (azure-rest-api-specs specification/keyvault/resource-manager/Microsoft.KeyVault/
    stable/<version>/keyvault.json: Vaults_CreateOrUpdate, _Update, _Delete)."""
    name = draw(st.sampled_from(["kvone", "kvtwo"]))
    kind = draw(st.sampled_from(["az-create", "az-update", "az-delete", "pwsh-new", "pwsh-remove", "template"]))
    if kind == "az-create":
        return "bash", (f"az keyvault create -n {name} -g {draw(st.sampled_from(['rg', 'nope']))} "
                        f"--enable-purge-protection {draw(BOOL)} --enable-rbac-authorization {draw(BOOL)}")
    if kind == "az-update":
        flags = _flags(draw, {"--enable-purge-protection": BOOL, "--public-network-access":
                              st.sampled_from(["Enabled", "Disabled"]), "--default-action": st.sampled_from(["Allow",
                                                                                                              "Deny"])})
        return "bash", f"az keyvault update -n {name} {flags}"
    if kind == "az-delete":
        return "bash", f"az keyvault delete -n {name}"
    if kind == "pwsh-new":
        days = draw(st.sampled_from(["", "-SoftDeleteRetentionInDays 7", "-SoftDeleteRetentionInDays 3"]))
        return "pwsh", f"New-AzKeyVault -Name {name} -ResourceGroupName rg -Location eastus {days}"
    if kind == "pwsh-remove":
        return "pwsh", f"Remove-AzKeyVault -VaultName {name} -Force"
    props = {"sku": {"family": "A", "name": draw(st.sampled_from(["standard", "premium", "gold"]))},
             "tenantId": "[subscription().tenantId]",
             "softDeleteRetentionInDays": draw(st.sampled_from([7, 90, 5])),
             "enablePurgeProtection": draw(st.sampled_from([True, False]))}
    return "family-template", _template_of({"type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01",
                                            "name": name, "location": "eastus", "properties": props})


FAMILY_COMMANDS = st.one_of(access_command(), identity_command(), cluster_command(), deployment_command(),
                            network_command(), zone_command(), pricing_command(), endpoint_command(),
                            transfer_command(), vm_command(), group_command(), vault_command())


def run_family(lab: Lab, kind: str, text: str) -> bool:
    if kind == "family-template":
        lab.write_file("t.json", text)
        return lab.run("az deployment group create -g rg --template-file t.json -p sp=$SP -o none").exit_code != 0
    if kind == "sub-template":
        lab.write_file("s.json", text)
        return lab.run("az deployment sub create -l eastus --template-file s.json -o none").exit_code != 0
    return run(lab, kind, text)


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(FAMILY_COMMANDS, min_size=1, max_size=8))
def test_a_failed_command_of_another_family_leaves_the_tenant_unchanged(commands):
    lab = Lab(seed=0)
    for line in FAMILY_SETUP:
        assert lab.run(line).exit_code == 0, line
    for kind, text in commands:
        before = tenant_state(lab)
        if run_family(lab, kind, text):
            assert tenant_state(lab) == before, f"{kind}: {text}"
