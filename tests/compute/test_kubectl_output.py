"""kubectl get's printers (-o name|jsonpath|custom-columns, --show-labels, -l), get all, logs, version, config."""

from __future__ import annotations

import pytest

from acrlab.engine import catalog


@pytest.fixture
def cluster(cli, lab, rg):
    cli("az group create -n rg-aks -l brazilsouth -o none")
    cli("az acr create -n myacr -g rg-containers --sku Standard -o none")
    reg = lab.cloud.find_registry("myacr")
    reg.store.put_manifest("api", catalog.find_public("nginx:latest"), lab.cloud.clock.now(), "v1")
    cli("az aks create -n aks1 -g rg-aks --generate-ssh-keys --node-count 2 --attach-acr myacr -o none")
    cli("az aks get-credentials -n aks1 -g rg-aks")
    cli("kubectl create deployment web --image=myacr.azurecr.io/api:v1 --replicas=2")
    cli("kubectl run solo --image=myacr.azurecr.io/api:v1")
    return lab


def pods(cli) -> list[str]:
    return cli("kubectl get pods -o name").stdout.split()


def test_output_name(cli, cluster):
    names = pods(cli)
    assert len(names) == 3 and all(n.startswith("pod/") for n in names)
    assert "pod/solo" in names
    assert cli("kubectl get deploy -o name").stdout == "deployment.apps/web\n"
    assert cli("kubectl get deployment web -o name").stdout == "deployment.apps/web\n"


def test_jsonpath_from_aks_docs(cli, cluster):
    r = cli("kubectl get pods -o jsonpath='{.items[*].spec.containers[*].image}'")
    assert r.stdout == " ".join(["myacr.azurecr.io/api:v1"] * 3)  # no trailing newline, as kubectl
    r = cli("kubectl get deployment web -o jsonpath='{.spec.template.spec.containers[0].image}'")
    assert r.stdout == "myacr.azurecr.io/api:v1"
    r = cli("""kubectl get pods -o jsonpath='{range .items[*]}{.metadata.name}{"\\t"}{.status.phase}{"\\n"}{end}'""")
    lines = r.stdout.splitlines()
    assert len(lines) == 3 and all(line.endswith("\tRunning") for line in lines)
    r = cli("kubectl get pods -o jsonpath='{.items[?(@.metadata.name==\"solo\")].metadata.labels}'")
    assert r.stdout == '{"run":"solo"}'
    assert cli("kubectl get deploy web -o jsonpath='{.spec.nothere}'").stdout == ""  # missing keys print nothing


def test_custom_columns(cli, cluster):
    r = cli("kubectl get pods -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[*].image,X:.spec.none")
    lines = r.stdout.splitlines()
    assert lines[0].split() == ["NAME", "IMAGE", "X"]
    assert lines[1].split()[1:] == ["myacr.azurecr.io/api:v1", "<none>"]
    r = cli("kubectl get pods -o custom-columns=NAME", expect_exit=1)
    assert r.stderr == "error: unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>\n"


def test_bad_output_format(cli, cluster):
    r = cli("kubectl get pods -o xml", expect_exit=1)
    assert r.stderr.startswith('error: unable to match a printer suitable for the output format "xml"')


def test_labels_and_selectors(cli, cluster):
    r = cli("kubectl get pods -l app=web --show-labels")
    rows = r.stdout.splitlines()
    assert rows[0].split()[-1] == "LABELS" and len(rows) == 3
    assert all(row.split()[-1].startswith("app=web,pod-template-hash=") for row in rows[1:])
    assert cli("kubectl get pods -l run=solo -o name").stdout == "pod/solo\n"
    assert len(cli("kubectl get pods -l 'app!=web' -o name").stdout.split()) == 1
    assert len(cli("kubectl get pods --selector=app -o name").stdout.split()) == 2
    r = cli("kubectl get pods -l app=nothing")
    assert r.stdout == "" and r.stderr == "No resources found in default namespace.\n"


def test_get_all(cli, cluster):
    out = cli("kubectl get all").stdout
    blocks = out.split("\n\n")
    assert [b.splitlines()[0].split()[:2] for b in blocks] == [["NAME", "READY"], ["NAME", "TYPE"],
                                                                ["NAME", "READY"], ["NAME", "DESIRED"]]
    assert "service/kubernetes   ClusterIP   10.0.0.1     <none>        443/TCP" in out
    assert "deployment.apps/web   2/2" in out
    rs_row = next(line for line in blocks[3].splitlines() if line.startswith("replicaset.apps/web-"))
    assert rs_row.split()[1:4] == ["2", "2", "2"]
    names = cli("kubectl get all -o name").stdout.split()
    assert names[-2:][0] == "deployment.apps/web" and names[-1].startswith("replicaset.apps/web-")


def test_not_found_among_names(cli, cluster):
    r = cli("kubectl get deployment web nope", expect_exit=1)
    assert "web" in r.stdout and r.stderr == 'Error from server (NotFound): deployments.apps "nope" not found\n'


def test_logs(cli, cluster):
    r = cli("kubectl logs solo", expect_exit=1)
    assert r.stderr.startswith("error: the lab does not run container processes")
    r = cli("kubectl logs nope", expect_exit=1)
    assert r.stderr == 'Error from server (NotFound): pods "nope" not found\n'
    cli("kubectl run hello --image=hello-world")
    assert "Hello from Docker!" in cli("kubectl logs hello").stdout
    r = cli("kubectl logs", expect_exit=1)
    assert "POD or TYPE/NAME is a required argument for the logs command" in r.stderr


def test_logs_of_a_pod_that_cannot_pull(cli, cluster):
    cli("kubectl run broken --image=myacr.azurecr.io/api:v9")
    r = cli("kubectl logs broken", expect_exit=1)
    assert r.stderr == ('Error from server (BadRequest): container "broken" in pod "broken" is waiting to start: '
                        "trying and failing to pull image\n")


def test_version(cli, cluster):
    assert cli("kubectl version --client").stdout == "Client Version: v1.32.7\nKustomize Version: v5.5.0\n"
    out = cli("kubectl version").stdout
    assert out.splitlines()[-1].startswith("Server Version: v1.")


def test_config_contexts(cli, cluster):
    cli("az aks get-credentials -n aks1 -g rg-aks --admin")
    assert cli("kubectl config current-context").stdout == "aks1-admin\n"
    lines = cli("kubectl config get-contexts").stdout.splitlines()
    assert lines[0].split() == ["CURRENT", "NAME", "CLUSTER", "AUTHINFO", "NAMESPACE"]
    assert lines[1].split() == ["aks1", "aks1", "clusterUser_rg-aks_aks1"]
    assert lines[2].split() == ["*", "aks1-admin", "aks1", "clusterAdmin_rg-aks_aks1"]
    assert cli("kubectl config use-context aks1").stdout == 'Switched to context "aks1".\n'
    assert cli("kubectl config current-context").stdout == "aks1\n"
    r = cli("kubectl config use-context nope", expect_exit=1)
    assert r.stderr == 'error: no context exists with the name: "nope"\n'
    assert cli("kubectl config get-contexts -o name").stdout == "aks1\naks1-admin\n"
