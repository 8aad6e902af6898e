"""'External authentication in an ACR task using an Azure-managed identity' (Docker Hub credentials kept in Key Vault),
in a fresh lab, with the includes it shows.

Sources: MicrosoftDocs/azure-management-docs articles/container-registry/
container-registry-tasks-authentication-key-vault.md, includes/container-registry-tasks-user-assigned-id.md,
includes/container-registry-tasks-user-id-properties.md and includes/container-registry-tasks-system-id-properties.md.
`myregistry` (a name Azure keeps taken) is kvreg01; the Docker Hub account is `hubuser` with a private repository
hubrepo and a Read & Write access token (made with `lab dockerhub`, as the reader made theirs on Docker Hub).

A fact of today's Azure the page predates: `az keyvault create` makes a vault that uses Azure RBAC (azure-cli 2.61),
where `az keyvault set-policy` is refused and the identity needs a Key Vault role instead."""

from __future__ import annotations

from .docs import Page

HUB = ("lab dockerhub signup hubuser --password hub-passw0rd && lab dockerhub repo create hubrepo --private && "
       "USERNAME=hubuser && PASSWORD=$(lab dockerhub token create --description tasks --permission read-write)")
GRANT = ("az role assignment create --role '{role}' --assignee-object-id {oid} --assignee-principal-type {kind} "
         "--scope $(az keyvault show -n mykeyvault --query id -o tsv) -o none")


def _grant(lab, role: str, oid: str, kind: str = "ServicePrincipal") -> None:
    assert lab.run(GRANT.format(role=role, oid=oid, kind=kind)).exit_code == 0


def test_tasks_authentication_key_vault(lab):
    page = Page(lab, "container-registry-tasks-authentication-key-vault", {"myregistry": "kvreg01"})
    page.run(0)
    assert lab.run("az acr create -n kvreg01 -g myResourceGroup --sku Standard -o none").exit_code == 0
    assert page.run(1).json()["properties"]["enableRbacAuthorization"] is True
    assert lab.run(HUB).exit_code == 0
    page.run(2, exit_code=1, contains="Action: 'Microsoft.KeyVault/vaults/secrets/setSecret/action'")
    _grant(lab, "Key Vault Secrets Officer", lab.run("az ad signed-in-user show --query id -o tsv").stdout.strip(),
           "User")
    page.run(2)
    lab.write_file("dockerhubtask.yaml", page.code(3))  # block 3: the task file the page asks to save
    # Option 1: a user-assigned identity
    user_id = Page(lab, "includes/container-registry-tasks-user-assigned-id")
    user_id.run(0, contains='"name": "myACRTasksId"')
    user_id.run(1)
    user_id.finish()
    task = page.run(4).json()
    properties = Page(lab, "includes/container-registry-tasks-user-id-properties")
    properties.skip(0, "the identity of the task created above, as the page prints it (checked below)")
    properties.finish()
    (rid, ids), = task["identity"]["userAssignedIdentities"].items()
    assert (task["identity"]["type"], task["identity"]["principalId"], task["identity"]["tenantId"]) == \
        ("UserAssigned", None, None)
    assert rid.endswith("/providers/Microsoft.ManagedIdentity/userAssignedIdentities/myACRTasksId")
    assert sorted(ids) == ["clientId", "principalId"]
    page.run(5, exit_code=1, contains="Cannot set policies to a vault with '--enable-rbac-authorization' specified")
    principal = lab.run("echo $principalID").stdout.strip()
    r = page.run(8, exit_code=1)  # the identity may not read the secrets yet: the run stops before its first step
    assert "failed to fetch key vault secret" in r.output and "Executing step ID" not in r.output
    _grant(lab, "Key Vault Secrets User", principal)
    r = page.run(8)
    for line in ("Login Succeeded", "Successfully tagged docker.io/hubuser/hubrepo:ca2",
                 "The push refers to repository [docker.io/hubuser/hubrepo]",
                 "Successfully pushed image: docker.io/hubuser/hubrepo:ca2"):
        assert line in r.output, line
    assert "__ACB_SECRET" not in r.output and lab.run("echo $PASSWORD").stdout.strip() not in r.output
    assert lab.run("lab dockerhub repo list").stdout.split() == ["hubuser/hubrepo", "private", "ca2"]
    # Option 2: the task's system-assigned identity (the task is created anew, with no user identity)
    task = page.run(6).json()
    assert task["identity"]["type"] == "SystemAssigned"
    system_id = Page(lab, "includes/container-registry-tasks-system-id-properties",
                     {"<task_name>": "dockerhubtask", "<registry_name>": "kvreg01"})
    system_id.skip(0, "the output of the command above, as the page prints it")
    system_id.run(1)
    system_id.finish()
    page.run(7, exit_code=1, contains="Cannot set policies to a vault with '--enable-rbac-authorization' specified")
    _grant(lab, "Key Vault Secrets User", lab.run("echo $principalID").stdout.strip())
    r = page.run(8)
    assert "Login Succeeded" in r.output and "Successfully pushed image: docker.io/hubuser/hubrepo:ca3" in r.output
    page.skip(9, "the run's output as the page prints it (its lines are checked above)")
    # the same task pushing to the learner's own registry: every step now succeeds
    page.subs["PrivateRepo=hubuser/hubrepo"] = "PrivateRepo=kvreg01.azurecr.io/hubrepo"
    r = page.run(8)
    assert "Successfully pushed image: kvreg01.azurecr.io/hubrepo:ca4" in r.output
    page.finish()


def test_an_access_policy_vault_takes_the_pages_set_policy(lab):
    """With a vault made with `--enable-rbac-authorization false`, the page's set-policy grants the task's identity
    `get` on secrets, which is what the run needs; without it the vault refuses the read in its own words."""
    page = Page(lab, "container-registry-tasks-authentication-key-vault", {"myregistry": "kvreg01"})
    page.run(0)
    assert lab.run("az acr create -n kvreg01 -g myResourceGroup --sku Standard -o none").exit_code == 0
    page.subs["--location eastus\n"] = "--location eastus --enable-rbac-authorization false\n"
    page.run(1)
    assert lab.run(HUB).exit_code == 0
    page.run(2)
    lab.write_file("dockerhubtask.yaml", page.code(3))
    page.run(6)
    assert lab.run("principalID=$(az acr task show -n dockerhubtask -r kvreg01 --query identity.principalId -o tsv)"
                   ).exit_code == 0
    r = page.run(8, exit_code=1)
    assert "does not have secrets get permission on key vault 'mykeyvault;location=eastus'" in r.output
    page.run(7)
    page.subs["PrivateRepo=hubuser/hubrepo"] = "PrivateRepo=kvreg01.azurecr.io/hubrepo"
    r = page.run(8)
    assert "Login Succeeded" in r.output and "Successfully pushed image: kvreg01.azurecr.io/hubrepo:" in r.output
