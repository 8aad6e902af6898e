"""AKS clusters, the kubelet identity, kubectl workloads pulling through the registry data plane."""

from __future__ import annotations

import pytest

from acrlab.engine.kube import deployment_images


@pytest.fixture
def acr(cli, lab, rg):
    cli("az group create -n rg-aks -l brazilsouth -o none")
    cli("az acr create -n myacr -g rg-containers --sku Standard -o none")
    reg = lab.cloud.find_registry("myacr")
    from acrlab.engine import catalog
    content = catalog.find_public("nginx:latest")
    reg.store.put_manifest("api", content, lab.cloud.clock.now(), "v1")
    return reg


def test_seed_62_kubelet_flow(cli, lab, acr):
    r = cli("az aks create -n my-aks-cluster -g rg-aks --generate-ssh-keys --node-count 2")
    out = r.json()
    kid = out["identityProfile"]["kubeletidentity"]
    assert kid["resourceId"].endswith("/MC_rg-aks_my-aks-cluster_brazilsouth/providers/"
                                      "Microsoft.ManagedIdentity/userAssignedIdentities/my-aks-cluster-agentpool")
    assert out["nodeResourceGroup"] == "MC_rg-aks_my-aks-cluster_brazilsouth"
    r = cli("az aks get-credentials -n my-aks-cluster -g rg-aks")
    assert 'Merged "my-aks-cluster" as current context in /home/learner/.kube/config' in r.stderr
    cli("kubectl create deployment api --image=myacr.azurecr.io/api:v1")
    r = cli("kubectl get pods")
    assert "ErrImagePull" in r.stdout
    pod = r.stdout.splitlines()[1].split()[0]
    r = cli(f"kubectl describe pod {pod}")
    assert ("failed to authorize: failed to fetch anonymous token: unexpected status from GET request to "
            "https://myacr.azurecr.io/oauth2/token?scope=repository%3Aapi%3Apull&service=myacr.azurecr.io: "
            "401 Unauthorized") in r.stdout
    r = cli("az aks check-acr -n my-aks-cluster -g rg-aks --acr myacr.azurecr.io")
    assert "Validating image pull permission: FAILED" in r.stdout
    # The seed's commands, verbatim apart from the names.
    cli("""ACR_ID=$(az acr show --name myacr --resource-group rg-containers --query id -o tsv)
AKS_KUBELET_ID=$(az aks show \\
--name my-aks-cluster \\
--resource-group rg-aks \\
--query identityProfile.kubeletidentity.objectId -o tsv)""")
    r = lab.run("az role assignment create --assignee $AKS_KUBELET_ID --role AcrPull --scope $ACR_ID")
    if r.exit_code != 0:  # az role assignment is built by the identity developer
        lab.cloud.assign_role(lab.cloud.tenant.principals[kid["objectId"]], "AcrPull", acr.id)
    assert "ImagePullBackOff" in cli("kubectl get pods").stdout or "ErrImagePull" in cli("kubectl get pods").stdout
    lab.advance("5m")
    r = cli("kubectl get pods")
    assert "Running" in r.stdout and "1/1" in r.stdout
    cli("kubectl rollout status deployment/api")
    r = cli("az aks check-acr -n my-aks-cluster -g rg-aks --acr myacr.azurecr.io")
    assert "Your cluster can pull images from myacr.azurecr.io!" in r.stdout


def test_attach_acr_and_digest_pinning(cli, lab, acr):
    cli("az aks create -n aks1 -g rg-aks --attach-acr myacr --generate-ssh-keys -o none")
    cli("az aks get-credentials -n aks1 -g rg-aks")
    digest = acr.store.resolve("api", "v1").digest
    cli("kubectl create deployment web --image=myacr.azurecr.io/api:v1 --replicas=2")
    r = cli("kubectl get deploy")
    assert "2/2" in r.stdout
    cli(f"kubectl set image deployment/web api=myacr.azurecr.io/api@{digest}")
    assert deployment_images(lab.cloud, "aks1") == {"web": f"myacr.azurecr.io/api@{digest}"}
    r = cli("kubectl get deployment web -o jsonpath='{.spec.template.spec.containers[0].image}'")
    assert r.stdout == f"myacr.azurecr.io/api@{digest}"
    cli("kubectl rollout status deployment/web")
    # A tag that does not exist: the new pod fails, the old ones keep serving.
    cli("kubectl set image deployment/web api=myacr.azurecr.io/api:v9")
    r = cli("kubectl get pods")
    assert r.stdout.count("Running") == 2 and "ErrImagePull" in r.stdout
    r = cli("kubectl get events")
    assert "myacr.azurecr.io/api:v9: not found" in r.stdout
    cli("kubectl rollout status deployment/web", expect_exit=1)
    cli("az aks update -n aks1 -g rg-aks --detach-acr myacr -o none")
    cli("kubectl delete deployment web")
    cli("kubectl run single --image=myacr.azurecr.io/api:v1")
    assert "ErrImagePull" in cli("kubectl get pods single").stdout


def test_firewall_403_from_cluster(cli, lab, rg):
    cli("az group create -n rg-aks -l brazilsouth -o none")
    cli("az acr create -n premacr -g rg-containers --sku Premium --default-action Deny -o none")
    cli("az aks create -n aks1 -g rg-aks --attach-acr premacr --generate-ssh-keys -o none")
    cli("az aks get-credentials -n aks1 -g rg-aks")
    cli("kubectl run p --image=premacr.azurecr.io/x:1")
    r = cli("kubectl describe pod p")
    assert "failed to fetch anonymous token: unexpected status: 403 Forbidden" in r.stdout
    ip = lab.cloud.resources["aks"][next(iter(lab.cloud.resources["aks"]))].outbound_ip
    cli(f"az acr network-rule add -n premacr --ip-address {ip}", checks={"networkRuleSet.defaultAction": "Deny"})
    lab.advance("1m")
    r = cli("kubectl describe pod p")
    assert "premacr.azurecr.io/x:1: not found" in r.stdout


def test_kubectl_without_context_and_apply(cli, lab, acr):
    r = cli("kubectl get pods", expect_exit=1)
    assert "localhost:8080 was refused" in r.stderr
    cli("az aks create -n aks1 -g rg-aks --attach-acr myacr --generate-ssh-keys -o none")
    cli("az aks get-credentials -n aks1 -g rg-aks")
    lab.write_file("deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n"
                   "  replicas: 1\n  template:\n    spec:\n      containers:\n      - name: api\n"
                   "        image: myacr.azurecr.io/api:v1\n")
    assert cli("kubectl apply -f deploy.yaml").stdout.strip() == "deployment.apps/api created"
    assert cli("kubectl apply -f deploy.yaml").stdout.strip() == "deployment.apps/api unchanged"
    assert cli("kubectl get pods -o json").json()["items"][0]["status"]["phase"] == "Running"


def test_attach_needs_role_assignment_rights(cli, lab, acr):
    from acrlab.engine.tenant import Principal
    dev = lab.cloud.add_principal(Principal(object_id=lab.cloud.ids.guid(), display_name="dev", kind="User",
                                            user_principal_name="dev@contoso.onmicrosoft.com", password="pw"))
    lab.cloud.assign_role(dev, "Contributor", lab.cloud.subscription.id)
    cli("az login -u dev@contoso.onmicrosoft.com -p pw -o none")
    r = cli("az aks create -n aks1 -g rg-aks --attach-acr myacr --generate-ssh-keys", expect_exit=1)
    assert "Could not create a role assignment for ACR. Are you an Owner on this subscription?" in r.stderr
