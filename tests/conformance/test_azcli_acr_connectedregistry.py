"""azure-cli's connected registry scenario test, translated (Azure/azure-cli
src/azure-cli/azure/cli/command_modules/acr/tests/latest/test_acr_connectedregistry_commands.py; the JSON fields and
request bodies are those of recordings/test_acr_connectedregistry.yaml).

One deliberate difference: today's az defaults `connected-registry create --mode` to ReadOnly (azure-cli pull request
28682, "Mode default value change from ReadWrite to ReadOnly"; MicrosoftDocs/azure-docs-cli
docs-ref-autogen/Latest-version/latest/acr/connected-registry.yml), and the recording's first create passes `-m`
(its ParameterSetName is `-n -r -m --repository`, its body `"mode": "readwrite"`), so the translation passes
`-m ReadWrite` where the stored test file leaves the mode out and checks ReadWrite."""

from __future__ import annotations

from .azcli import Scenario, check, upstream

FILE = "test_acr_connectedregistry_commands.py"


def _gateway(*names):
    return [f"gateway/{n}/{a}" for n in names for a in ("config/read", "config/write", "message/read",
                                                        "message/write")]


def _repos(*names):
    return [f"repositories/{n}/{a}" for n in names for a in ("content/read", "metadata/read")]


@upstream(FILE, "test_acr_connectedregistry")
def test_acr_connectedregistry(lab):
    s = Scenario(lab, location="eastus", registry_name="clireg000002", cr_name="connectedRegistry",
                 root_name="rootregistry", child_name="child", grandchild_name="grandchild", sku="Premium",
                 syncToken="syncToken", clientToken="clientToken", clientToken2="clientToken2", repo_1="repo1",
                 repo_2="repo2", repo_3="repo3", syncSchedule="0 0/10 * * *", defaultSyncSchedule="* * * * *",
                 notificationStr="hello-world:tag:push", notificationStr2="*:*")
    s.cmd("acr create -n {registry_name} -g {rg} -l {rg_loc} --sku {sku}", checks=[
        check("name", "{registry_name}"), check("location", "{rg_loc}"), check("adminUserEnabled", False),
        check("sku.name", "{sku}"), check("sku.tier", "{sku}"), check("provisioningState", "Succeeded")])
    s.cmd("acr update -n {registry_name} --data-endpoint-enabled true", checks=check("dataEndpointEnabled", True))

    s.cmd("acr connected-registry create -n {cr_name} -r {registry_name} -m ReadWrite --repository {repo_1} {repo_2} "
          "{repo_3}", checks=[
              check("name", "{cr_name}"), check("mode", "ReadWrite"), check("logging.logLevel", "Information"),
              check("provisioningState", "Succeeded"), check("resourceGroup", "{rg}")])
    # the recording's answer: Offline and Inactive until a device connects; the root's gateway is the data endpoint
    assert s.json()["connectionState"] == "Offline" and s.json()["activation"] == {"status": "Inactive"}
    assert s.json()["parent"]["syncProperties"]["gatewayEndpoint"] == "clireg000002.eastus.data.azurecr.io"
    assert s.json()["parent"]["syncProperties"]["messageTtl"] == "2 days, 0:00:00"

    s.cmd("acr token create -r {registry_name} -n {syncToken} --repository {repo_1} content/read metadata/read "
          "--gateway {root_name} config/read config/write message/read message/write --no-passwords")
    s.cmd("acr token create -r {registry_name} -n {clientToken} --repository {repo_1} content/read --no-passwords")
    s.cmd("acr connected-registry create -n {root_name} -r {registry_name} --sync-token {syncToken} -m ReadOnly "
          "--log-level Warning -s \"{syncSchedule}\" -w PT4H --client-tokens {clientToken} --notifications "
          "{notificationStr}", checks=[
              check("name", "{root_name}"), check("mode", "ReadOnly"), check("provisioningState", "Succeeded"),
              check("logging.logLevel", "Warning"), check("parent.syncProperties.schedule", "{syncSchedule}"),
              check("parent.syncProperties.syncWindow", "4:00:00"), check("resourceGroup", "{rg}"),
              check("notificationsList[0]", "{notificationStr}")])

    s.cmd("acr connected-registry create -n {child_name} -p {root_name} -r {registry_name} --repository {repo_2} "
          "-m ReadOnly", checks=[
              check("name", "{child_name}"), check("mode", "ReadOnly"), check("provisioningState", "Succeeded"),
              check("ends_with(parent.id, '{root_name}')", True), check("resourceGroup", "{rg}")])
    s.cmd("acr connected-registry create -n {grandchild_name} -p {child_name} -r {registry_name} --repository "
          "{repo_2} -m ReadOnly", checks=[
              check("name", "{grandchild_name}"), check("mode", "ReadOnly"), check("provisioningState", "Succeeded"),
              check("ends_with(parent.id, '{child_name}')", True), check("resourceGroup", "{rg}")])

    s.cmd("acr connected-registry list -r {registry_name}", checks=[
        check("[0].name", "{cr_name}"), check("[1].name", "{root_name}")])
    s.cmd("acr connected-registry list-client-tokens -n {root_name} -r {registry_name}", checks=[
        check("[0].name", "{clientToken}")])

    s.cmd("acr token create -r {registry_name} -n {clientToken2} --repository {repo_2} metadata/read --no-passwords")
    s.cmd("acr connected-registry update -n {root_name} -r {registry_name} --log-level Information -s "
          "\"{defaultSyncSchedule}\" --remove-client-tokens {clientToken} --add-client-tokens {clientToken2} "
          "--add-notifications {notificationStr2} --remove-notifications {notificationStr}", checks=[
              check("name", "{root_name}"), check("logging.logLevel", "Information"),
              check("parent.syncProperties.schedule", "{defaultSyncSchedule}"),
              check("parent.syncProperties.syncWindow", "None"), check("resourceGroup", "{rg}"),
              check("notificationsList[0]", "{notificationStr2}")])
    s.cmd("acr connected-registry list-client-tokens -n {root_name} -r {registry_name}", checks=[
        check("[0].name", "{clientToken2}")])
    s.cmd("acr connected-registry show -n {cr_name} -r {registry_name}", checks=[check("name", "{cr_name}")])

    s.cmd("acr connected-registry get-settings -n {root_name} -r {registry_name} --parent-protocol https "
          "--generate-password 2 -y")
    settings = s.json()
    assert settings["ACR_REGISTRY_CONNECTION_STRING"].startswith(
        "ConnectedRegistryName=rootregistry;SyncTokenName=syncToken;SyncTokenPassword=")
    assert settings["SYNC_TOKEN_PASSWORD"] in settings["ACR_REGISTRY_CONNECTION_STRING"]
    s.cmd("acr token show -n {syncToken} -r {registry_name}", checks=[
        check("credentials.passwords[0].name", "password2")])

    s.cmd("acr connected-registry permissions update -n {grandchild_name} -r {registry_name} --add {repo_1} {repo_3}")
    s.cmd("acr connected-registry permissions show -n {root_name} -r {registry_name}")
    assert sorted(s.json()["actions"]) == sorted(_gateway("child", "grandchild", "rootregistry")
                                                 + _repos("repo1", "repo2", "repo3"))
    s.cmd("acr connected-registry permissions update -n {root_name} -r {registry_name} --remove {repo_1} {repo_2}")
    s.cmd("acr connected-registry permissions update -n {child_name} -r {registry_name} --remove {repo_3} --add "
          "{repo_1}")
    s.cmd("acr connected-registry permissions show -n {grandchild_name} -r {registry_name}")
    assert sorted(s.json()["actions"]) == _gateway("grandchild")

    s.cmd("acr connected-registry delete -n {grandchild_name} -r {registry_name} --cleanup -y")
    s.cmd("acr connected-registry permissions show -n {child_name} -r {registry_name}")
    assert sorted(s.json()["actions"]) == sorted(_gateway("child") + _repos("repo1"))

    s.cmd("acr connected-registry delete -n {child_name} -r {registry_name} -y")
    s.cmd("acr delete -n {registry_name} -g {rg} -y")
