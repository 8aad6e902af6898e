"""A tenant with two subscriptions: ARM scopes with their own resource groups, requests routed by the subscription in
the resource id, role assignments that stop at their subscription, az's and PowerShell's current subscription as
client context, and importing from a registry in the other subscription.

Sources: Azure/azure-cli src/azure-cli/azure/cli/command_modules/acr/_utils.py (get_resource_group_name_by_registry_name:
a registry named without its group is looked up in the current subscription, and its error text) and acr/import.py
(--registry: a resource id is sent as is, a name is looked up in the current subscription, SOURCE_REGISTRY_NOT_FOUND);
Azure/azure-cli src/azure-cli-core/azure/cli/core/_profile.py (`az account set` / `--subscription` errors);
MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-import-images.md (the source
registry may be in another subscription of the same tenant; the identity needs pull permission on it)."""

from __future__ import annotations

import pytest

from acrlab import Lab
from acrlab.shell.session import Session
from tests.arm.state import tenant_state

OTHER = "dfb63c8c-7c89-4ef8-af13-75c1d873c895"


@pytest.fixture
def two(lab: Lab) -> Lab:
    """The default subscription with rg/homereg01, a second one ('Dev', OTHER) with rg/devreg01 holding app:v1."""
    r = lab.run(f"""lab subscription add Dev --id {OTHER}
az group create -n rg -l eastus -o none
az acr create -n homereg01 -g rg --sku Basic -o none
az group create -n rg -l westus -o none --subscription Dev
az acr create -n devreg01 -g rg --sku Basic -o none --subscription Dev
az acr import -n devreg01 --subscription Dev --source mcr.microsoft.com/hello-world:latest -t app:v1""")
    assert r.exit_code == 0, r.output
    return lab


class As:
    """A second terminal signed in as another user (Session.run answers a tuple)."""

    def __init__(self, lab: Lab, user_id: str):
        self.session: Session = lab.new_session(lab.cloud.tenant.principals[user_id])

    def run(self, text: str):
        code, out, err = self.session.run(text)
        return type("R", (), {"exit_code": code, "stdout": out, "stderr": err})


def registry_id(lab: Lab, sub: str, name: str) -> str:
    return f"/subscriptions/{sub}/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/{name}"


def test_the_default_tenant_keeps_one_subscription(lab):
    assert len(lab.cloud.tenant.subscriptions) == 1
    assert lab.run("az account list --query 'length(@)'").stdout.strip() == "1"


def test_each_subscription_holds_its_own_groups_and_registry_names_stay_global(two):
    home = two.cloud.subscription.subscription_id
    assert two.run("az group show -n rg --query location -o tsv").stdout.strip() == "eastus"
    assert two.run("az group show -n rg --subscription Dev --query location -o tsv").stdout.strip() == "westus"
    assert two.run("az acr list --query [].name -o tsv").stdout.split() == ["homereg01"]
    assert two.run("az acr list --subscription Dev --query [].id -o tsv").stdout.split() == [
        registry_id(two, OTHER, "devreg01")]
    r = two.run("az acr create -n homereg01 -g rg --sku Basic --subscription Dev")
    assert r.exit_code == 1 and "AlreadyInUse" in r.stderr and home not in r.stderr
    # a resource id routes by its subscription, whatever the current one is
    r = two.run(f"az rest --method get --url {registry_id(two, OTHER, 'devreg01')}?api-version=2025-04-01 "
                "--query name -o tsv")
    assert r.exit_code == 0 and r.stdout.strip() == "devreg01"


def test_an_unknown_subscription_is_subscription_not_found(two):
    r = two.run("az rest --method get --url "
                "/subscriptions/11111111-2222-3333-4444-555555555555/resourcegroups?api-version=2021-04-01")
    assert r.exit_code == 1
    assert "SubscriptionNotFound" in r.stderr and "'11111111-2222-3333-4444-555555555555' could not be found" \
        in r.stderr


def test_account_list_set_show(two):
    rows = two.run("az account list --query \"[].[name,isDefault]\" -o tsv").stdout.splitlines()
    assert rows == ["AZ-104 Lab Subscription\tTrue", "Dev\tFalse"]
    assert two.run(f"az account set --subscription {OTHER.upper()}").exit_code == 0
    assert two.run("az account show --query [name,id] -o tsv").stdout.split() == ["Dev", OTHER]
    assert two.run("az account list --query \"[?isDefault].name\" -o tsv").stdout.strip() == "Dev"
    assert two.run("az acr list --query [].name -o tsv").stdout.split() == ["devreg01"]
    r = two.run("az account set -s Nope")
    assert r.exit_code == 1 and r.stderr == "ERROR: The subscription of 'Nope' doesn't exist in cloud 'AzureCloud'.\n"
    r = two.run("az acr list --subscription Nope")
    assert r.exit_code == 1
    assert r.stderr == "ERROR: Subscription 'Nope' not found. Check the spelling and casing and try again.\n"
    assert two.run("az account show --query name -o tsv").stdout.strip() == "Dev"  # a refused set changes nothing


def test_az_acr_show_by_name_looks_only_in_the_current_subscription(two):
    home = two.cloud.subscription
    r = two.run("az acr show -n devreg01")
    assert r.exit_code == 3
    assert r.stderr == ("ERROR: The resource with name 'devreg01' and type 'Microsoft.ContainerRegistry/registries' "
                        f"could not be found in subscription '{home.name} ({home.subscription_id})'.\n")
    assert two.run("az acr show -n devreg01 --subscription Dev --query name -o tsv").stdout.strip() == "devreg01"
    two.run("az account set -s Dev")
    assert two.run("az acr show -n devreg01 --query name -o tsv").stdout.strip() == "devreg01"
    assert two.run("az acr show -n homereg01").exit_code == 3


def test_role_assignments_stop_at_their_subscription(two):
    r = two.run("az ad user create --display-name Dana --user-principal-name dana@contoso.onmicrosoft.com "
                "--password Passw0rd!2345 --query id -o tsv")
    dana = r.stdout.strip()
    home = two.cloud.subscription.id
    assert two.run(f"az role assignment create --assignee {dana} --role Reader --scope {home} -o none").exit_code == 0
    session = As(two, dana)
    assert session.run("az acr show -n homereg01 --query name -o tsv").stdout.strip() == "homereg01"
    r = session.run(f"az rest --method get --url {registry_id(two, OTHER, 'devreg01')}?api-version=2025-04-01")
    assert r.exit_code == 1 and "AuthorizationFailed" in r.stderr and f"/subscriptions/{OTHER}/" in r.stderr
    # Dana sees only the subscription she holds a role in
    assert session.run("az account list --query [].name -o tsv").stdout.split() == ["AZ-104", "Lab", "Subscription"]
    r = session.run("az account set -s Dev")
    assert r.exit_code == 1 and "doesn't exist in cloud 'AzureCloud'" in r.stderr
    # a role in Dev's group makes Dev visible, and reaches Dev's registry only
    assert two.run(f"az role assignment create --assignee {dana} --role Reader "
                   f"--scope /subscriptions/{OTHER}/resourceGroups/rg -o none").exit_code == 0
    assert session.run("az account list --query [].name -o tsv").stdout.split()[-1] == "Dev"
    assert session.run("az acr show -n devreg01 --subscription Dev --query name -o tsv").stdout.strip() == "devreg01"


def test_import_across_subscriptions_needs_read_on_the_source(two):
    src = registry_id(two, OTHER, "devreg01")
    assert two.run(f"az acr import -n homereg01 -r {src} --source app:v1").exit_code == 0
    assert two.run("az acr repository show-tags -n homereg01 --repository app -o tsv").stdout.split() == ["v1"]
    # a name is looked up in the current subscription only (acr/import.py SOURCE_REGISTRY_NOT_FOUND)
    r = two.run("az acr import -n homereg01 -r devreg01 --source app:v1 -t app:v2")
    assert r.exit_code == 1 and "can not be found in the current subscription" in r.stderr
    # Casey may import into homereg01 (Contributor there) but holds nothing in Dev: refused, nothing changes
    casey = two.run("az ad user create --display-name Casey --user-principal-name casey@contoso.onmicrosoft.com "
                    "--password Passw0rd!2345 --query id -o tsv").stdout.strip()
    target = registry_id(two, two.cloud.subscription.subscription_id, "homereg01")
    assert two.run(f"az role assignment create --assignee {casey} --role Contributor --scope {target} -o none"
                   ).exit_code == 0
    session = As(two, casey)
    before = tenant_state(two)
    r = session.run(f"az acr import -n homereg01 -g rg -r {src} --source app:v1 -t app:casey")
    assert r.exit_code == 1
    assert "AuthorizationFailed" in r.stderr and "Microsoft.ContainerRegistry/registries/pull/read" in r.stderr
    assert tenant_state(two) == before
    # with AcrPull on the source registry in Dev, the same import goes through
    assert two.run(f"az role assignment create --assignee {casey} --role AcrPull --scope {src} -o none"
                   ).exit_code == 0
    assert session.run(f"az acr import -n homereg01 -g rg -r {src} --source app:v1 -t app:casey").exit_code == 0


def test_import_with_an_access_token_as_password(two):
    token = two.run("az account get-access-token --query accessToken -o tsv").stdout.strip()
    assert two.run(f"az acr import -n homereg01 --source devreg01.azurecr.io/app:v1 -t app:tok -p {token}"
                   ).exit_code == 0
    before = tenant_state(two)
    r = two.run("az acr import -n homereg01 --source devreg01.azurecr.io/app:v1 -t app:bad -p not-a-token")
    assert r.exit_code == 1 and "Authentication to the source registry devreg01.azurecr.io failed" in r.stderr
    assert tenant_state(two) == before


def test_a_login_server_without_credentials_is_read_anonymously(two):
    """acr/import.py: with no --registry and no password, az looks the login server up in the current subscription
    and sends its resource id (read as the caller); a registry it does not find there goes as a registryUri without
    credentials, which the service reads anonymously (Azure/azure-cli issue 15089, "by design")."""
    assert two.run("az acr import -n homereg01 --source mcr.microsoft.com/hello-world:latest -t home:v1 -o none"
                   ).exit_code == 0
    assert two.run("az acr import -n homereg01 --source homereg01.azurecr.io/home:v1 -t home:v2").exit_code == 0
    before = tenant_state(two)
    r = two.run("az acr import -n homereg01 --source devreg01.azurecr.io/app:v1 -t app:uri")
    assert r.exit_code == 1 and "Invalid message Unauthorized Unauthorized" in r.stderr
    assert '"code":"UNAUTHORIZED"' in r.stderr and tenant_state(two) == before
    r = two.run("Import-AzContainerRegistryImage -RegistryName homereg01 -ResourceGroupName rg "
                "-SourceRegistryUri devreg01.azurecr.io -SourceImage app:v1 -TargetTag app:uri", shell="pwsh")
    assert r.exit_code != 0 and "Unauthorized" in r.stderr and tenant_state(two) == before
    # anonymous pull needs Standard or Premium; then the URI alone reads the image
    assert two.run("az acr update -n devreg01 --subscription Dev --sku Standard --anonymous-pull-enabled true "
                   "-o none").exit_code == 0
    assert two.run("az acr import -n homereg01 --source devreg01.azurecr.io/app:v1 -t app:uri").exit_code == 0


def test_powershell_context(two):
    r = two.run("Get-AzSubscription | ForEach-Object { $_.Name }", shell="pwsh")
    assert r.stdout.split() == ["AZ-104", "Lab", "Subscription", "Dev"]
    r = two.run("Set-AzContext -Subscription Dev | Out-Null; (Get-AzContext).Subscription.Id; "
                "(Get-AzContainerRegistry).Name", shell="pwsh")
    assert r.stdout.split() == [OTHER, "devreg01"]
    r = two.run("Set-AzContext -Subscription Nope", shell="pwsh")
    assert "Please provide a valid tenant or a valid subscription." in r.stderr
    # PowerShell's context is its own: az is still in the default subscription
    assert two.run("az account show --query name -o tsv").stdout.strip() == "AZ-104 Lab Subscription"


@pytest.mark.parametrize(("line", "message"), [
    ("lab subscription add Dev", "already has a subscription named 'Dev'"),
    ("lab subscription add Other --id not-a-guid", "'not-a-guid' is not a subscription id"),
    (f"lab subscription add Other --id {OTHER}", f"already has subscription '{OTHER}'"),
    ("lab subscription remove Dev", "usage: lab subscription add NAME"),
])
def test_lab_subscription_refuses_bad_input(two, line, message):
    before = len(two.cloud.tenant.subscriptions)
    r = two.run(line)
    assert r.exit_code in (1, 2) and message in r.stderr
    assert len(two.cloud.tenant.subscriptions) == before


def test_template_deployments_say_they_need_the_first_subscription(two):
    """The lab's template engine deploys into the tenant's first subscription: elsewhere it refuses plainly (and
    changes nothing) instead of deploying into a same-named group of the wrong subscription."""
    two.write_file("t.json", '{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/'
                             'deploymentTemplate.json#", "contentVersion": "1.0.0.0", "resources": []}')
    assert two.run("az deployment group create -g rg --template-file t.json -o none").exit_code == 0
    before = tenant_state(two)
    r = two.run("az deployment group create -g rg --template-file t.json --subscription Dev")
    assert r.exit_code == 1 and "deploys templates to the tenant's first subscription only" in r.stderr
    r = two.run("Set-AzContext -Subscription Dev | Out-Null\n"
                "New-AzResourceGroupDeployment -ResourceGroupName rg -TemplateFile t.json", shell="pwsh")
    assert "Set-AzContext -Subscription " + two.cloud.subscription.subscription_id in r.stderr
    assert tenant_state(two) == before


def test_other_families_say_they_need_the_first_subscription(two):
    """Families other than groups, registries (and their children), role assignments and locks live in the first
    subscription: a request for one in another subscription is refused plainly and changes nothing."""
    before = tenant_state(two)
    r = two.run("az identity create -g rg -n dev-id --subscription Dev")
    assert r.exit_code == 1
    assert "(NotSupportedInLab) acrlab keeps Microsoft.ManagedIdentity/userAssignedIdentities resources in the " \
           "tenant's first subscription ('AZ-104 Lab Subscription') only" in r.stderr
    assert tenant_state(two) == before
    assert two.run("az identity list --subscription Dev").stdout.strip() == "[]"
    # registry children and locks are served there
    assert two.run("az acr webhook create -r devreg01 -n hook1 --uri http://example.com --actions push "
                   "--subscription Dev --query id -o tsv").stdout.startswith(f"/subscriptions/{OTHER}/")
    assert two.run("az lock create -g rg -n keep --lock-type CanNotDelete --subscription Dev --query id -o tsv"
                   ).stdout.startswith(f"/subscriptions/{OTHER}/")
