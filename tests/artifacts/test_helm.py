"""`helm` (Helm 3) with the lab's registries and AKS clusters: charts travel as OCI artifacts through the data plane,
Chart.yaml is checked as Helm checks it, install renders on the client and creates the objects in the cluster.

Sources: helm/helm pkg/cmd (create.go, package.go, push.go, pull.go, install.go, uninstall.go), pkg/registry/client.go
(Push: config application/vnd.cncf.helm.config.v1+json, layer application/vnd.cncf.helm.chart.content.v1.tar+gzip,
tag = chart version), pkg/chart/v2 metadata.go (Validate); MicrosoftDocs/azure-management-docs
articles/container-registry/container-registry-helm-repos.md."""

from __future__ import annotations

SETUP = """az group create -n rg -l eastus -o none
az acr create -n helmreg01 -g rg --sku Basic -o none
helm create web
helm package web
"""


def test_push_pull_through_the_data_plane(lab):
    assert lab.run(SETUP).exit_code == 0
    r = lab.run("helm push web-0.1.0.tgz oci://helmreg01.azurecr.io/charts")
    assert r.exit_code == 1 and "unauthorized: authentication required" in r.stderr
    assert lab.run("az acr scope-map create -n ro -r helmreg01 --repository charts/web content/read -o none\n"
                   "P=$(az acr token create -n ro -r helmreg01 --scope-map ro "
                   "--query 'credentials.passwords[0].value' -o tsv 2>/dev/null)\n"
                   "helm registry login helmreg01.azurecr.io -u ro -p $P").exit_code == 0
    r = lab.run("helm push web-0.1.0.tgz oci://helmreg01.azurecr.io/charts")
    assert r.exit_code == 1 and "denied: requested access to the resource is denied" in r.stderr
    assert lab.run("az acr login -n helmreg01 -o none").exit_code == 0  # the owner's token replaces the login
    r = lab.run("helm push web-0.1.0.tgz oci://helmreg01.azurecr.io/charts")
    assert r.exit_code == 0 and r.stdout.startswith("Pushed: helmreg01.azurecr.io/charts/web:0.1.0\nDigest: sha256:")
    m = lab.run("az acr manifest show -r helmreg01 -n charts/web:0.1.0").json()
    assert m["config"]["mediaType"] == "application/vnd.cncf.helm.config.v1+json"
    assert m["layers"][0]["mediaType"] == "application/vnd.cncf.helm.chart.content.v1.tar+gzip"
    assert m["annotations"]["org.opencontainers.image.title"] == "web"
    r = lab.run("mkdir out\nhelm pull oci://helmreg01.azurecr.io/charts/web --untar -d out\ncat out/web/Chart.yaml")
    assert r.exit_code == 0 and "name: web" in r.stdout  # no --version: the highest semver tag
    r = lab.run("helm show values oci://helmreg01.azurecr.io/charts/web --version 0.1.0")
    assert "repository: nginx" in r.stdout


def test_chart_checks_and_bad_input(lab):
    assert lab.run(SETUP + "az acr login -n helmreg01 -o none").exit_code == 0
    cases = [
        ("sed -i 's/^version: 0.1.0/version: one/' web/Chart.yaml\nhelm package web",
         'validation: chart.metadata.version "one" is invalid'),
        ("helm package nowhere", "stat nowhere: no such file or directory"),
        ("echo text > bad.tgz\nhelm push bad.tgz oci://helmreg01.azurecr.io/charts",
         "does not appear to be a gzipped archive"),
        ("helm push web-0.1.0.tgz helmreg01.azurecr.io/charts", 'scheme prefix missing from remote (e.g. "oci://")'),
        ("helm install x oci://helmreg01.azurecr.io/charts/web", "Unable to locate any tags in provided repository"),
        ("helm create Bad_Name", "chart name must match the regular expression"),
        ("helm frob", 'Error: unknown command "frob" for "helm"'),
        ("helm push --bogus web-0.1.0.tgz oci://helmreg01.azurecr.io/charts", "unknown flag: --bogus"),
    ]
    for line, text in cases:
        r = lab.run(line)
        assert r.exit_code == 1 and text in r.stderr, (line, r.output)
    r = lab.run("helm install web ./web-0.1.0.tgz")
    assert r.exit_code == 1 and "Kubernetes cluster unreachable" in r.stderr


def test_install_creates_the_deployment_and_uninstall_removes_it(lab):
    assert lab.run(SETUP + "az aks create -n aks1 -g rg --attach-acr helmreg01 --generate-ssh-keys -o none\n"
                   "az aks get-credentials -n aks1 -g rg -o none\naz acr import -n helmreg01 --source "
                   "docker.io/library/nginx:1.27 --image nginx:1.27 -o none").exit_code == 0
    r = lab.run("helm install web ./web-0.1.0.tgz --set image.repository=helmreg01.azurecr.io/nginx "
                "--set image.tag=1.27")
    assert r.exit_code == 0 and "STATUS: deployed" in r.stdout and "NOTES:\nRelease web of web is installed." in r.stdout
    assert "Running" in lab.run("kubectl get pods").stdout  # the kubelet pulled from ACR (attached registry)
    assert 'image: "helmreg01.azurecr.io/nginx:1.27"' in lab.run("helm get manifest web").stdout
    r = lab.run("helm install web ./web-0.1.0.tgz")
    assert r.exit_code == 1 and "cannot re-use a name that is still in use" in r.stderr
    assert "web-0.1.0" in lab.run("helm list").stdout
    assert lab.run("helm uninstall web").stdout == 'release "web" uninstalled\n'
    assert "No resources found" in lab.run("kubectl get deployments").output
    r = lab.run("helm uninstall web")
    assert r.exit_code == 1 and "release: not found" in r.stderr
    # the scaffold as `helm create` writes it deploys nginx:1.16.0 (its appVersion) from Docker Hub
    r = lab.run("helm install demo ./web-0.1.0.tgz -o json")
    assert r.exit_code == 0 and r.json()["info"]["status"] == "deployed"
    assert "Running" in lab.run("kubectl get pods").stdout
    assert 'image: "nginx:1.16.0"' in lab.run("helm get manifest demo").stdout


def test_upgrade_template_and_history(lab):
    assert lab.run(SETUP + "az aks create -n aks1 -g rg --generate-ssh-keys -o none\n"
                   "az aks get-credentials -n aks1 -g rg -o none").exit_code == 0
    r = lab.run("helm upgrade web ./web-0.1.0.tgz")
    assert r.exit_code == 1 and 'UPGRADE FAILED: "web" has no deployed releases' in r.stderr
    r = lab.run("helm upgrade --install web ./web-0.1.0.tgz")
    assert r.exit_code == 0 and r.stdout.startswith('Release "web" does not exist. Installing it now.\nNAME: web')
    r = lab.run("helm upgrade web ./web-0.1.0.tgz --set replicaCount=2")
    assert r.exit_code == 0 and 'Release "web" has been upgraded. Happy Helming!' in r.stdout
    assert "REVISION: 2" in r.stdout and "2/2" in lab.run("kubectl get deployment web").stdout
    history = lab.run("helm history web").stdout.splitlines()
    assert [line.split("\t")[2].strip() for line in history[1:]] == ["superseded", "deployed"]
    r = lab.run("helm template demo ./web-0.1.0.tgz --set image.tag=1.27")
    assert r.exit_code == 0 and 'image: "nginx:1.27"' in r.stdout and "name: demo" in r.stdout
    assert "imagePullPolicy: IfNotPresent" in r.stdout  # --set image.tag keeps the other image values
    assert "demo" not in lab.run("kubectl get deployments").stdout  # template renders; it installs nothing
    assert lab.run("helm uninstall web").exit_code == 0
    assert lab.run("helm history web").stderr == "Error: release: not found\n"
