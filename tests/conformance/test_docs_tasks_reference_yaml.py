"""'ACR Tasks reference: YAML', in a fresh lab: every `az acr run` of the page against the sample repository
Azure-Samples/acr-tasks (its files as upstream has them, engine/git_public.py).

Source: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-tasks-reference-yaml.md.
`myregistry` (a name Azure keeps taken) is refreg01, made the default registry by the page's own
`az config set defaults.acr=...` block before the blocks that omit `--registry`."""

from __future__ import annotations

from .docs import Page

SETUP = """az group create -n rg -l eastus -o none
az acr create -n refreg01 -g rg --sku Standard -o none
ACR_NAME=refreg01"""


def _log_has(result, *lines: str) -> None:
    for line in lines:
        assert line in result.output, f"{line!r} not in:\n{result.output}"


def test_tasks_reference_yaml(lab):
    assert lab.run(SETUP).exit_code == 0
    page = Page(lab, "container-registry-tasks-reference-yaml", {"myregistry": "refreg01"})
    # without a default registry az asks for one, as azure-cli's validator does
    page.run(1, exit_code=2, contains="the following arguments are required: --registry/-r")
    page.run(2)
    r = page.run(1)
    _log_has(r, "Successfully pushed image: refreg01.azurecr.io/hello-world:ca1", "Run ID: ca1 was successful")
    page.run(4, contains="Run ID: ca2 was successful")
    # the page's AzureCR/acr-tasks-sample is not a public repository today: the same file is in Azure-Samples/acr-tasks
    page.run(5, exit_code=1, contains="failed to download context")
    page.subs["https://github.com/AzureCR/acr-tasks-sample.git"] = "https://github.com/Azure-Samples/acr-tasks.git"
    r = page.run(5)
    _log_has(r, "Successfully tagged refreg01.azurecr.io/hello-world:latest", "Run ID: ca4 was successful")
    assert "Pushing image" not in r.output  # build only: nothing reaches the registry
    # Setting the image tag at runtime: a task whose file is the page's snippet (with the sample's Dockerfile)
    lab.write_file("mytask.yaml", page.code(7).replace(":{{.Values.tag}}", ":{{.Values.tag}} -f hello-world.dockerfile "
                                                       "https://github.com/Azure-Samples/acr-tasks.git")
                   + '  - push: ["$Registry/hello-world:{{.Values.tag}}"]\n')
    assert lab.run("az acr task create -r refreg01 -n mytask --context /dev/null -f mytask.yaml -o none").exit_code == 0
    page.run(8, contains="Successfully pushed image: refreg01.azurecr.io/hello-world:v2")
    r = page.run(11)
    _log_has(r, "Successfully pushed image: refreg01.azurecr.io/hello-world:ca6")
    r = page.run(12)
    _log_has(r, "Successfully pushed image: refreg01.azurecr.io/hello-world:ca7", "Hello from Docker!")
    page.run(14, contains="Hello from Docker!")
    r = page.run(15)
    assert "\nhello world\n" in r.output and "registry.hub.docker.com" not in r.output  # bash: the ACR alias image
    page.run(16, contains="\nhello world\n")  # bash:3.0 from Docker Hub
    # the sample's secret lives in a vault of the sample's authors, and a quick run has no managed identity: the run
    # stops before its first step
    r = page.run(20, exit_code=1)
    _log_has(r, "failed to fetch key vault secret: failed to create azure key vault client: no managed identity")
    assert "Executing step ID" not in r.output
    r = page.run(21)
    _log_has(r, "Step ID: func-tests marked as successful", "Successfully pushed image: refreg01.azurecr.io/hello-world:")
    for r in (page.run(22), page.run(23)):  # sequential steps: the echoes come in the file's order
        assert [line for line in r.output.splitlines() if line in ("one", "two", "three")] == ["one", "two", "three"]
    page.run(24, contains="Step ID: build-hello-world-test marked as successful")
    page.run(25, contains="Step ID: func-tests marked as successful")
    page.finish()


def test_task_file_secrets_come_from_key_vault_with_the_task_identity(lab):
    """The reference's `secrets:` (id, keyvault, clientID) with `{{.Secrets.id}}`: the task's system-assigned
    identity reads the secret once it may (a Key Vault role on a vault with Azure RBAC); b64enc encodes."""
    assert lab.run(SETUP + """
az keyvault create -n refvault01 -g rg -o none
az role assignment create --role 'Key Vault Secrets Officer' --assignee $(az ad signed-in-user show --query id -o tsv) \
  --scope $(az keyvault show -n refvault01 --query id -o tsv) -o none
az keyvault secret set --vault-name refvault01 -n SampleSecret --value s3cret -o none""").exit_code == 0
    lab.write_file("secrets.yaml", "version: v1.1.0\nsecrets:\n  - id: sample\n    keyvault: "
                   "https://refvault01.vault.azure.net/secrets/SampleSecret\nsteps:\n"
                   "  - cmd: bash echo {{.Secrets.sample}} {{.Secrets.sample | b64enc}}\n")
    assert lab.run("az acr task create -r refreg01 -n sec --context /dev/null -f secrets.yaml --assign-identity "
                   "-o none").exit_code == 0
    r = lab.run("az acr task run -r refreg01 -n sec")
    assert r.exit_code == 1 and "Action: 'Microsoft.KeyVault/vaults/secrets/getSecret/action'" in r.output
    principal = lab.run("az acr task show -r refreg01 -n sec --query identity.principalId -o tsv").stdout.strip()
    assert lab.run(f"az role assignment create --role 'Key Vault Secrets User' --assignee-object-id {principal} "
                   "--assignee-principal-type ServicePrincipal --scope $(az keyvault show -n refvault01 --query id "
                   "-o tsv) -o none").exit_code == 0
    r = lab.run("az acr task run -r refreg01 -n sec")
    assert r.exit_code == 0 and "\ns3cret czNjcmV0\n" in r.output, r.output
    lab.write_file("bad.yaml", "version: v1.1.0\nsecrets:\n  - id: my secret\n    keyvault: https://x.vault.azure.net/"
                   "secrets/y\nsteps:\n  - cmd: bash echo hi\n")
    r = lab.run("az acr run -r refreg01 -f bad.yaml /dev/null")
    assert r.exit_code == 1 and "secret ID cannot contain spaces" in r.output
