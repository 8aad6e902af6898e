"""'Push and pull Helm charts to an Azure container registry', block by block, in a fresh lab.

Source: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-helm-repos.md (blocks
in tests/conformance/docs_blocks/container-registry-helm-repos.json). The page presumes a registry (ABAC-enabled:
it grants the service principal Container Registry Repository Writer, so the learner, who signs in to push with their
own token too, holds the Repository Contributor and Catalog Lister roles) and, for `helm install`, an AKS cluster in
the kubectl context; the test creates both. Helm texts: helm/helm pkg/cmd and pkg/registry/client.go (Helm 3).

As published: block 1 is Windows `set`, which in bash sets the positional parameters, not ACR_NAME; block 7 reads
the service principal's client id with `az identity show` (a managed-identity command) and an unset resource group,
so USER_NAME stays empty; blocks 25-31 migrate charts from a classic chart repository the learner would have
configured earlier. The lab answers each as bash, az and helm do, and then runs what the page meant."""

from __future__ import annotations

from .docs import Page

SETUP = """az group create -n rg-helm -l eastus -o none
az acr create -n myhelmreg01 -g rg-helm --sku Standard --role-assignment-mode rbac-abac -o none
ACR_ID=$(az acr show -n myhelmreg01 --query id -o tsv)
ME=$(az ad signed-in-user show --query id -o tsv)
az role assignment create --role "Container Registry Repository Contributor" --assignee $ME --scope $ACR_ID -o none
az role assignment create --role "Container Registry Repository Catalog Lister" --assignee $ME --scope $ACR_ID -o none
az aks create -n aks-helm -g rg-helm --generate-ssh-keys -o none 2>/dev/null
az aks get-credentials -n aks-helm -g rg-helm 2>/dev/null
"""
SUBS = {"<container-registry-name>": "myhelmreg01", "<acr-helm-sp>": "acr-helm-sp"}


def test_helm_repos(lab):
    assert lab.run(SETUP).exit_code == 0
    page = Page(lab, "container-registry-helm-repos", SUBS)
    page.run(0, contains='version.BuildInfo{Version:"v3.')
    page.run(1)  # Windows `set`: bash sets $1
    assert lab.run('echo "[$1] [$ACR_NAME]"').stdout == "[ACR_NAME=myhelmreg01] []\n"
    assert lab.run("ACR_NAME=myhelmreg01").exit_code == 0
    page.run(2, contains="Creating hello-world")
    page.run(3)
    assert lab.run("ls").stdout == ""
    page.run(4)
    page.run(5, contains="Successfully packaged chart and saved it to: /home/learner/helmtest/hello-world/"
                         "hello-world-0.1.0.tgz")
    page.skip(6, "output of block 5")
    r = page.run(7, exit_code=2, contains="argument --resource-group/-g: expected one argument")
    assert lab.run('echo "[$USER_NAME]"').stdout == "[]\n" and lab.run("echo ${#PASSWORD}").stdout != "0\n"
    assert lab.run('USER_NAME=$(az ad sp list --display-name acr-helm-sp --query "[0].appId" -o tsv)').exit_code == 0
    r = lab.run("helm registry login $ACR_NAME.azurecr.io --username $USER_NAME --password $PASSWORD")
    assert r.exit_code == 0 and r.stdout == "Login Succeeded\n"
    r = lab.run("helm push hello-world-0.1.0.tgz oci://$ACR_NAME.azurecr.io/helm")  # Repository Writer may push
    assert r.exit_code == 0 and "Pushed: myhelmreg01.azurecr.io/helm/hello-world:0.1.0" in r.stdout
    page.run(8)  # the signed-in user's token
    page.run(9)  # a token on the _repositories_admin scope map
    page.run(10, contains="Login Succeeded")
    r = page.run(11, contains="Pushed: myhelmreg01.azurecr.io/helm/hello-world:0.1.0\nDigest: sha256:")
    page.skip(12, "output of block 11")
    doc = page.run(13).json()
    assert (doc["imageName"], doc["manifestCount"], doc["tagCount"]) == ("helm/hello-world", 1, 1)
    [meta] = page.run(15).json()
    assert meta["configMediaType"] == "application/vnd.cncf.helm.config.v1+json" and meta["tags"] == ["0.1.0"]
    assert meta["mediaType"] == "application/vnd.oci.image.manifest.v1+json" and "artifactType" not in meta
    page.run(17, contains="NAME: myhelmtest\nLAST DEPLOYED: ")
    assert "STATUS: deployed\nREVISION: 1\nTEST SUITE: None" in lab.transcript[-1].output
    page.skip(18, "output of block 17, shown as a console block")
    r = page.run(19, contains="# Source: hello-world/templates/configmap.yaml")
    assert 'myvalue: "Hello World"' in r.stdout
    page.run(20, contains='release "myhelmtest" uninstalled')
    assert "No resources found" in lab.run("helm get manifest myhelmtest; kubectl get deployments").output
    page.run(21, contains="Pulled: myhelmreg01.azurecr.io/helm/hello-world:0.1.0")
    assert lab.run("ls hello-world-0.1.0.tgz").exit_code == 0
    page.run(22, answer="y")
    r = lab.run("helm pull oci://$ACR_NAME.azurecr.io/helm/hello-world --version 0.1.0")
    assert r.exit_code == 1 and "hello-world:0.1.0: not found" in r.stderr
    page.run(23, contains="v3.")
    page.run(24)
    page.run(25, exit_code=1, contains="Error: no repositories configured")
    page.skip(26, "output of block 25: a classic chart repository the lab's learner never added")
    r = page.run(27, contains="Error: repo myregisry not found")  # then `ls *.tgz` lists what is there
    assert r.stdout == "hello-world-0.1.0.tgz\n"
    page.run(28, contains="Login Succeeded")
    page.run(29, exit_code=1, contains="Error: stat ingress-nginx-3.20.1.tgz: no such file or directory")
    page.run(30)
    page.run(31, exit_code=1, contains="Error: no repositories configured")
    page.finish()
