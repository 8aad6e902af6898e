"""'Content trust in Azure Container Registry' (Docker Content Trust), in a fresh lab, answered as Azure and the docker
client answer today.

Source: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-content-trust.md (its
IMPORTANT note: since 2026-05-31 DCT cannot be enabled on new registries or registries that never had it; the rule
is engine/dated_rules.py DCT_NO_NEW_ENABLEMENT). `myregistry` is trustreg01 (Premium, created today: DCT refused)
and oldtrust01 stands for a registry that enabled DCT before the cut-off (engine.trust.enable_legacy), where the
page's signed push and pull still work. `docker build` builds with BuildKit (buildx), which has no
`--disable-content-trust` flag (docker/cli issue #4546, docker/buildx issue #987): the page's two build blocks are
refused as docker 27 refuses them. Placeholders with spaces (`<registry ID>`, `<user name>`) are read by bash as
redirections."""

from __future__ import annotations

from acrlab.engine import trust

from .docs import Page

TRANSCRIPT = "a terminal transcript (prompt, command and output), not a script: its command runs below"


def test_content_trust(lab):
    assert lab.run("az group create -n trust-rg -l eastus -o none\n"
                   "az acr create -n trustreg01 -g trust-rg --sku Premium -o none\n"
                   "az acr create -n oldtrust01 -g trust-rg --sku Premium -o none").exit_code == 0
    r = lab.run("az acr config content-trust update -r trustreg01 --status enabled")
    assert r.exit_code == 2 and "Allowed values: disabled" in r.stderr  # today's az accepts only `disabled`
    trust.enable_legacy(lab.cloud, lab.cloud.find_registry("oldtrust01"))
    assert '"status": "enabled"' in lab.run("az acr config content-trust show -r oldtrust01").stdout
    page = Page(lab, "container-registry-content-trust", {"myregistry": "trustreg01"})
    lab.write_file("Dockerfile", "FROM mcr.microsoft.com/hello-world\n")
    page.run(0)
    assert lab.run("echo $DOCKER_CONTENT_TRUST").stdout.strip() == "1"
    page.run(1, exit_code=1, contains="unknown flag: --disable-content-trust")
    page.run(2, exit_code=1, contains="unknown flag: --disable-content-trust")
    page.run(3, exit_code=2, contains="syntax error near unexpected token `newline'")
    page.run(4)
    assert lab.run("echo $REGISTRY_ID").stdout.strip().endswith("/registries/trustreg01")
    page.run(5, exit_code=1, contains="Cannot find user or service principal in graph database for "
                                      "'azureuser@contoso.com'")  # not a domain of the lab's tenant
    assert lab.run("az ad user create --display-name azureuser --user-principal-name "
                   "azureuser@contoso.onmicrosoft.com --password 'P@ssw0rd1234!' -o none").exit_code == 0
    page.subs["azureuser@contoso.com"] = "azureuser@contoso.onmicrosoft.com"
    page.run(5, contains="roleDefinitions/6cef56e8-d556-48e5-a04f-b8e64114680f")  # AcrImageSigner
    sp = lab.run("az ad sp create-for-rbac -n signer-sp --query appId -o tsv").stdout.strip()
    page.subs["<service principal ID>"] = sp
    page.run(6, contains='"principalType": "ServicePrincipal"')
    # block 7: a trusted push. On today's registry the image is pushed but no trust data can be
    page.skip(7, TRANSCRIPT)
    lab.run("az acr login -n trustreg01 && az acr login -n oldtrust01")
    assert lab.run("docker build -t trustreg01.azurecr.io/myimage:v1 -t oldtrust01.azurecr.io/myimage:v1 .\n"
                   "docker tag trustreg01.azurecr.io/myimage:v1 oldtrust01.azurecr.io/myimage:signed\n"
                   "docker tag trustreg01.azurecr.io/myimage:v1 oldtrust01.azurecr.io/myimage:unsigned"
                   ).exit_code == 0
    r = lab.run("docker push trustreg01.azurecr.io/myimage:v1")
    assert r.exit_code == 1 and "content trust is not enabled on registry trustreg01.azurecr.io" in r.stderr
    assert lab.run("az acr repository show-tags -n trustreg01 --repository myimage -o tsv").stdout.split() == ["v1"]
    r = lab.run("docker push oldtrust01.azurecr.io/myimage:signed")  # the legacy registry signs the push
    assert r.exit_code == 0 and "Successfully signed oldtrust01.azurecr.io/myimage:signed" in r.stdout
    assert lab.run("DOCKER_CONTENT_TRUST=0 docker push oldtrust01.azurecr.io/myimage:unsigned").exit_code == 0
    # blocks 8 and 9: pulls with DCT on: the signed tag pulls, the unsigned one has no trust data
    page.skip(8, TRANSCRIPT)
    page.skip(9, TRANSCRIPT)
    lab.run("docker rmi oldtrust01.azurecr.io/myimage:signed oldtrust01.azurecr.io/myimage:unsigned")
    assert lab.run("docker pull oldtrust01.azurecr.io/myimage:signed").exit_code == 0
    r = lab.run("docker pull oldtrust01.azurecr.io/myimage:unsigned")
    assert r.exit_code == 1 and "remote trust data does not exist" in r.stderr
    page.skip(10, "a path the page names (where docker keeps the DCT private keys), not a command")
    # block 11 archives the keys the signed push made: the client's root key and the repository key (notary's
    # key file store: private/<key id>.key, 0600; notaryproject/notary trustmanager/keys.go reads role/gun headers)
    keys = lab.run("ls ~/.docker/trust/private").stdout.split()
    assert len(keys) == 2 and all(len(k) == len("0" * 64 + ".key") and k.endswith(".key") for k in keys)
    roles = {lab.run(f"grep -h '^role: ' ~/.docker/trust/private/{k}").stdout.strip() for k in keys}
    assert roles == {"role: root", "role: targets"}
    assert lab.run("grep -l 'gun: oldtrust01.azurecr.io/myimage' ~/.docker/trust/private/*.key").exit_code == 0
    r = page.run(11)
    listed = [line for line in r.stdout.splitlines() if line.endswith(".key")]
    assert sorted(line.rsplit("/", 1)[1] for line in listed) == sorted(keys)
    assert all(line.startswith("home/learner/.docker/trust/private/") for line in listed)
    table = lab.run("tar -tvzf docker_private_keys_backup.tar.gz").stdout.splitlines()
    assert table[0].startswith("drwx------ ") and all(line.startswith("-rw------- ") for line in table[1:])
    assert len(table) == 3 and lab.run("umask").stdout.strip() == "0022"  # the block sets the mask back
    page.finish()
