"""'Pull images from an Azure container registry to a Kubernetes cluster using a pull secret', in a fresh lab.

Source: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-auth-kubernetes.md (blocks
in tests/conformance/docs_blocks/container-registry-auth-kubernetes.json). The page presumes a service principal with
AcrPull on the registry, an image my-awesome-app:v1 in it and a cluster whose own identity cannot pull (not attached
to the registry); the test creates them. Block 0 resets the password by `--name http://<name>`, which today's
`az ad sp credential reset` (Microsoft Graph, azure-cli 2.37+) no longer accepts: it requires `--id` (argparse names the missing argument first). The pod of block 2
(YAML, applied with kubectl) pulls with the secret of block 1, and without it the pull is refused."""

from __future__ import annotations

from .docs import Page

SETUP = """az group create -n rg-k8s -l eastus -o none
az acr create -n k8sreg01 -g rg-k8s --sku Basic -o none
az acr import -n k8sreg01 --source mcr.microsoft.com/hello-world:latest --image my-awesome-app:v1 -o none
ACR_ID=$(az acr show -n k8sreg01 --query id -o tsv)
APP_ID=$(az ad sp create-for-rbac --name acr-pull-sp --role AcrPull --scopes $ACR_ID --query appId -o tsv 2>/dev/null)
az aks create -n aks-k8s -g rg-k8s --generate-ssh-keys -o none 2>/dev/null
az aks get-credentials -n aks-k8s -g rg-k8s -o none 2>/dev/null
kubectl create namespace awesomeapps
"""
POD = "myregistry.azurecr.io/my-awesome-app:v1"


def test_auth_kubernetes(lab):
    assert lab.run(SETUP).exit_code == 0
    app_id = lab.run("echo $APP_ID").stdout.strip()
    page = Page(lab, "container-registry-auth-kubernetes", {
        "http://<service-principal-name>": "http://acr-pull-sp", "<secret-name>": "acr-secret",
        "<namespace>": "awesomeapps", "<container-registry-name>": "k8sreg01", "<service-principal-ID>": app_id,
        "<service-principal-password>": "$SP_PASSWORD"})
    page.run(0, exit_code=2, contains="the following arguments are required: --id")
    assert lab.run("SP_PASSWORD=$(az ad sp credential reset --id $APP_ID --query password --output tsv "
                   "2>/dev/null)").exit_code == 0
    page.run(1, contains="secret/acr-secret created")
    r = lab.run("kubectl create secret docker-registry acr-secret -n awesomeapps --docker-server=k8sreg01.azurecr.io "
                f"--docker-username={app_id} --docker-password=$SP_PASSWORD")
    assert r.exit_code == 1 and 'secrets "acr-secret" already exists' in r.stderr
    pod = page.code(2).replace(POD, "k8sreg01.azurecr.io/my-awesome-app:v1")
    lab.write_file("pod.yaml", pod)
    assert lab.run("kubectl apply -f pod.yaml").stdout == "pod/my-awesome-app-pod created\n"
    assert "Running" in lab.run("kubectl get pod my-awesome-app-pod").stdout  # pulled with the secret
    lab.write_file("bare.yaml", pod.replace("my-awesome-app-pod", "no-secret-pod").split("  imagePullSecrets")[0])
    assert lab.run("kubectl apply -f bare.yaml").exit_code == 0
    described = lab.run("kubectl describe pod no-secret-pod").stdout
    assert "401 Unauthorized" in described or "unauthorized" in described  # the kubelet's identity has no role
    page.finish()


def test_pull_secret_rules(lab):
    assert lab.run(SETUP).exit_code == 0
    cases = [
        ("kubectl create secret docker-registry s1 --docker-server=k8sreg01.azurecr.io --docker-username=u",
         "either --from-file or the combination of --docker-username, --docker-password and --docker-server is "
         "required"),
        ("kubectl create secret docker-registry s1 -n nowhere --docker-server=k8sreg01.azurecr.io "
         "--docker-username=u --docker-password=p", 'failed to create secret namespaces "nowhere" not found'),
        ("kubectl create namespace awesomeapps", 'Error from server (AlreadyExists): namespaces "awesomeapps" '
                                                 "already exists"),
    ]
    for line, text in cases:
        r = lab.run(line)
        assert r.exit_code == 1 and text in r.stderr, (line, r.output)
    # a secret with a wrong password offers nothing the registry accepts: the pull fails
    assert lab.run("kubectl create secret docker-registry wrong -n awesomeapps --docker-server=k8sreg01.azurecr.io "
                   "--docker-username=$APP_ID --docker-password=nope").exit_code == 0
    lab.write_file("p.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: awesomeapps\nspec:\n"
                   "  containers:\n    - name: c\n      image: k8sreg01.azurecr.io/my-awesome-app:v1\n"
                   "  imagePullSecrets:\n    - name: wrong\n")
    assert lab.run("kubectl apply -f p.yaml").exit_code == 0
    assert "ErrImagePull" in lab.run("kubectl get pod p").stdout


def test_pull_secret_objects(lab):
    assert lab.run(SETUP + "kubectl create secret docker-registry acr-secret -n awesomeapps "
                   "--docker-server=k8sreg01.azurecr.io --docker-username=$APP_ID --docker-password=pw").exit_code == 0
    r = lab.run("kubectl get secrets -n awesomeapps")
    assert r.stdout.splitlines()[1].split()[:3] == ["acr-secret", "kubernetes.io/dockerconfigjson", "1"]
    assert lab.run("kubectl get secrets").stderr == "No resources found in default namespace.\n"
    doc = lab.run("kubectl get secret acr-secret -n awesomeapps -o json").json()
    assert doc["type"] == "kubernetes.io/dockerconfigjson" and doc["metadata"]["namespace"] == "awesomeapps"
    decoded = lab.run("kubectl get secret acr-secret -n awesomeapps -o jsonpath='{.data.\\.dockerconfigjson}' | "
                      "base64 -d").stdout
    assert '"k8sreg01.azurecr.io":{"username":"' in decoded and '"password":"pw"' in decoded
    assert "awesomeapps" in lab.run("kubectl get namespaces").stdout
    assert lab.run("kubectl delete secret acr-secret -n awesomeapps").stdout == 'secret "acr-secret" deleted\n'
    r = lab.run("kubectl delete namespace default")
    assert r.exit_code == 1 and "this namespace may not be deleted" in r.stderr
