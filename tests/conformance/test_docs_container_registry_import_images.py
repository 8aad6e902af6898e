"""'Import container images to a container registry', in a fresh lab.

Source: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-import-images.md. The
page's tabs are alternatives (Azure CLI or Azure PowerShell): each PowerShell block runs after the tags its CLI twin
imported are deleted. Placeholders: `myregistry` (a name Azure keeps taken) is importreg01; the source registries
mysourceregistry and sourceregistry live in this subscription, and for the different-subscription section
mysourceregistry stands for othersubregistry, in a group of the same name in a second subscription of the tenant
(`lab subscription add`); <SP_App_ID>/<SP_Passwd> are a service principal with
AcrPull on sourceregistry; <identity_ID> is a user-assigned identity on a VM, holding AcrPull there too and
Contributor on importreg01 (signed in as the identity, the import itself is its request).

Two blocks fail as they would in bash, because of how the page writes them: block 7 has no space before its `\\`
(the continuation glues `--image` onto the source, leaving `servercore:ltsc2022` unrecognized) and block 18 uses
PowerShell syntax (`($token|ConvertFrom-Json)`) in a bash block."""

from __future__ import annotations

from .docs import Page

SETUP = """az group create -n myResourceGroup -l eastus -o none
az acr create -n importreg01 -g myResourceGroup --sku Premium -o none
az group create -n sourceResourceGroup -l eastus -o none
az acr create -n mysourceregistry -g sourceResourceGroup --sku Basic -o none
az acr import -n mysourceregistry --source mcr.microsoft.com/azuredocs/aci-helloworld:latest -t aci-helloworld:latest
az acr create -n sourceregistry -g sourceResourceGroup --sku Basic -o none
az acr import -n sourceregistry --source docker.io/library/alpine:latest -t sourcerepo:tag
SRC=$(az acr show -n sourceregistry --query id -o tsv)
az ad sp create-for-rbac --name importsp --role AcrPull --scopes $SRC --query "[appId,password]" -o tsv
az identity create -g myResourceGroup -n importid -o none
MI=$(az identity show -g myResourceGroup -n importid --query principalId -o tsv)
az role assignment create --assignee $MI --role AcrPull --scope $SRC -o none
az role assignment create --assignee $MI --role Contributor --scope $(az acr show -n importreg01 --query id -o tsv) \\
  -o none
az vm create -g myResourceGroup -n importvm --image Ubuntu2204 --generate-ssh-keys -o none \\
  --assign-identity $(az identity show -g myResourceGroup -n importid --query id -o tsv)"""
HUB_PASSWORD = "Hub-Passw0rd!"
PRIVATE_PUSH = f"""lab dockerhub privacy private
docker pull -q alpine
docker tag alpine learner/sourceimage:tag
docker tag alpine learner/sourcerepo:tag
echo '{HUB_PASSWORD}' | docker login -u learner --password-stdin
docker push -q learner/sourceimage:tag
docker push -q learner/sourcerepo:tag
docker logout"""

OTHER_SUBSCRIPTION = """lab subscription add "Source Subscription"
az account set -s "Source Subscription"
az group create -n sourceResourceGroup -l eastus -o none
az acr create -n othersubregistry -g sourceResourceGroup --sku Basic -o none
az acr import -n othersubregistry --source mcr.microsoft.com/azuredocs/aci-helloworld:latest -t aci-helloworld:latest
az account set -s "AZ-104 Lab Subscription"
"""


def tags(lab, repository: str) -> list[str]:
    r = lab.run(f"az acr repository show-tags -n importreg01 --repository {repository} -o tsv")
    return r.stdout.split() if r.exit_code == 0 else []


def forget(lab, *images: str) -> None:
    for image in images:
        assert lab.run(f"az acr repository delete -n importreg01 --image {image} --yes").exit_code == 0


def test_import_images(lab):
    r = lab.run(SETUP)
    assert r.exit_code == 0, r.output
    app_id, secret = r.stdout.split()
    sub = lab.cloud.subscription.subscription_id
    client_id = lab.run("az identity show -g myResourceGroup -n importid --query clientId -o tsv").stdout.strip()
    # the reader's Docker Hub account (`lab dockerhub` does what they did on hub.docker.com) and a read-only token
    assert lab.run(f"lab dockerhub signup learner --password {HUB_PASSWORD}").exit_code == 0
    hub_token = lab.run("lab dockerhub token create --description import --permission read").stdout.strip()
    page = Page(lab, "container-registry-import-images", {
        "myregistry": "importreg01", "aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e": sub, "<SP_App_ID>": app_id,
        "<SP_Passwd>": secret, "<Docker Hub user name>": "learner", "<Docker Hub token>": hub_token,
        "<identity_ID>": client_id})
    # Import from a public registry: Docker Hub's hello-world is a multi-arch index, listed per platform
    page.run(0)
    listed = page.run(1).json()
    assert {m.get("architecture") for m in listed} >= {"amd64", "arm64"} and len(listed) > 2
    index = lab.run("az acr repository show -n importreg01 --image hello-world:latest --query digest -o tsv"
                    ).stdout.strip()
    page.run(2, exit_code=1, contains="Image library/hello-world@sha256:abc123 not found in source registry")
    page.subs["sha256:abc123"] = index  # the page's digest stands for a real one
    page.run(2)
    assert lab.run("az acr manifest list-metadata -n hello-world -r importreg01 --query \"[?digest=='"
                   f"{index}'] | length(@)\"").stdout.strip() == "1"
    page.run(3)
    assert tags(lab, "tensorflow") == ["latest-gpu"]
    forget(lab, "hello-world:latest", "tensorflow:latest-gpu")
    page.run(4, shell="pwsh")  # no target tag: the source's repository and tag
    page.run(5, shell="pwsh", contains="library/hello-world")
    page.run(6, shell="pwsh")
    assert tags(lab, "tensorflow/tensorflow") == ["latest-gpu"]
    # Import from Microsoft Container Registry
    page.run(7, exit_code=2, contains="unrecognized arguments: servercore:ltsc2022")
    page.subs["ltsc2022\\\n"] = "ltsc2022 \\\n"  # with the space the page meant
    page.run(7)
    forget(lab, "servercore:ltsc2022")
    page.run(8, shell="pwsh")
    assert tags(lab, "windows/servercore") == ["ltsc2022"]
    # Import from a registry in the same AD tenant, by resource id (with and without a new tag)
    page.run(9)
    forget(lab, "aci-helloworld:latest")
    page.run(10, shell="pwsh")
    forget(lab, "aci-helloworld:latest")
    # ... from a registry in a different subscription of the tenant: az and PowerShell stay in the first one
    r = lab.run(OTHER_SUBSCRIPTION)
    assert r.exit_code == 0, r.output
    other = lab.cloud.find_subscription("Source Subscription").subscription_id
    assert lab.run("az acr show -n othersubregistry").exit_code == 3  # not in the current subscription
    page.subs.update({"aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e": other, "mysourceregistry": "othersubregistry"})
    page.run(11)
    assert tags(lab, "aci-hello-world") == ["latest"]
    forget(lab, "aci-hello-world:latest")
    page.run(12, shell="pwsh")
    assert tags(lab, "aci-helloworld") == ["latest"]
    page.subs.update({"aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e": sub, "mysourceregistry": "mysourceregistry"})
    # Import from a registry with a service principal's credentials (the section shows the same pair twice)
    page.run(13)
    forget(lab, "targetimage:tag")
    page.run(14, shell="pwsh")  # no -TargetTag: the source's sourcerepo:tag
    forget(lab, "sourcerepo:tag")
    page.run(15)
    forget(lab, "targetimage:tag")
    page.run(16, shell="pwsh")
    forget(lab, "sourcerepo:tag")
    page.subs["<SP_Passwd>"] = "not-the-secret"
    page.run(13, exit_code=1, contains="Authentication to the source registry sourceregistry.azurecr.io failed")
    # Import with an access token, from a VM signed in with its user-assigned identity
    assert lab.run("ssh importvm").exit_code == 0
    # today's az refuses the page's `--identity --username <id>` (azure-cli 2.75 removed it): use --client-id
    page.run(17, exit_code=1, contains="Passing the managed identity ID with --username is no longer supported")
    page.subs["--identity --username"] = "--identity --client-id"
    out = page.run(17).stdout  # two JSON documents: the login's account list, then the token
    token = out[out.index('"accessToken": "') + 16:].split('"', 1)[0]
    page.run(18, exit_code=2, contains="syntax error near unexpected token `('")
    page.subs["($token|ConvertFrom-Json).accessToken"] = token
    page.run(18)
    forget(lab, "targetimage:tag")
    page.run(19, shell="pwsh", contains="Type      : Bearer")
    page.subs["<access-token>"] = token
    page.run(20, shell="pwsh")
    assert tags(lab, "sourcerepo") == ["tag"]
    assert lab.run("exit").exit_code == 0
    # Import from a non-Azure private registry: the reader's private Docker Hub repositories (sourcerepo is their
    # Docker ID; the PowerShell tab names the repository sourcerepo, the CLI tab sourceimage)
    r = lab.run(PRIVATE_PUSH)
    assert r.exit_code == 0, r.output
    page.subs.update({"docker.io/sourcerepo": "docker.io/learner", "<username>": "learner", "<password>": "wrong-pass"})
    page.run(21, exit_code=1, contains='Invalid message Unauthorized Unauthorized {"errors":[{"code":"UNAUTHORIZED",'
                                       '"message":"authentication required","detail":[{"Type":"repository","Class":'
                                       '"","Name":"learner/sourceimage","Action":"pull"}]}]}')
    anonymous = lab.run("az acr import -n importreg01 --source docker.io/learner/sourceimage:tag -t sourceimage:tag")
    assert anonymous.exit_code == 1 and '"message":"authentication required"' in anonymous.stderr
    assert tags(lab, "sourceimage") == []  # refused imports leave nothing behind
    page.subs["<password>"] = HUB_PASSWORD
    page.run(21)
    pushed = " ".join(lab.run("docker inspect learner/sourceimage:tag").json()[0]["RepoDigests"])
    assert tags(lab, "sourceimage") == ["tag"] and lab.run(
        "az acr repository show -n importreg01 --image sourceimage:tag --query digest -o tsv").stdout.strip() in pushed
    page.run(22, shell="pwsh")
    assert tags(lab, "learner/sourcerepo") == ["tag"]
    page.finish()
