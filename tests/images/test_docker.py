"""docker push/pull/inspect/manifest inspect/rmi/run against the lab's registries and catalogue."""

from __future__ import annotations

import json

from acrlab.engine import catalog


def test_push_dedupes_layers_and_reports_digest(lab, cli, acr):
    cli("az acr login -n myacr")
    cli("docker pull nginx")
    cli("docker tag nginx myacr.azurecr.io/web:v1")
    first = cli("docker push myacr.azurecr.io/web:v1").stdout
    assert "Pushed" in first and "v1: digest: sha256:" in first
    cli("docker tag nginx myacr.azurecr.io/other:v1")
    second = cli("docker push myacr.azurecr.io/other:v1").stdout
    assert "Pushed" not in second and "Layer already exists" in second
    content = catalog.find_public("nginx")
    expected = content.size + len(content.manifest_bytes())
    cli("az acr show-usage -n myacr", checks={"value[?name=='Size'] | [0].currentValue": expected})


def test_manifest_inspect_prints_registry_manifest_with_three_space_indent(lab, cli, acr):
    out = cli("docker manifest inspect mcr.microsoft.com/dotnet/aspnet:8.0").stdout
    assert out.startswith('{\n   "schemaVersion": 2,')
    data = json.loads(out)
    assert data["mediaType"] == "application/vnd.docker.distribution.manifest.v2+json"
    runtime = json.loads(cli("docker manifest inspect mcr.microsoft.com/dotnet/runtime:8.0").stdout)
    assert data["layers"][: len(runtime["layers"])] == runtime["layers"]  # aspnet is built on runtime
    r = cli("docker manifest inspect myacr.azurecr.io/none:v1", expect_exit=1)
    assert "unauthorized" in r.stderr
    cli("az acr login -n myacr")
    assert "no such manifest" in cli("docker manifest inspect myacr.azurecr.io/none:v1", expect_exit=1).stderr
    assert "no such manifest: docker.io/library/nginx:0.0" in cli("docker manifest inspect nginx:0.0",
                                                                  expect_exit=1).stderr


def test_inspect_shape(cli):
    cli("docker pull redis")
    cli("docker inspect redis", checks={
        "[0].RepoTags": ["redis:latest"], "[0].Config.Cmd": ["redis-server"], "[0].Os": "linux",
        "length([0].RepoDigests)": 1, "[0].RootFS.Type": "layers",
        "length([0].RootFS.Layers)": len(catalog.find_public("redis").layers)})
    r = cli("docker inspect nothing", expect_exit=1)
    assert r.stdout.strip() == "[]" and "Error: No such object: nothing" in r.stderr
    assert cli("docker inspect -f '{{.Os}}/{{.Architecture}}' redis").stdout.strip() == "linux/amd64"


def test_rmi_untags_then_deletes(cli):
    cli("docker pull alpine")
    cli("docker tag alpine mine:1")
    assert cli("docker rmi mine:1").stdout.strip() == "Untagged: mine:1"
    out = cli("docker image rm alpine").stdout
    assert "Untagged: alpine:latest" in out and "Deleted: sha256:" in out
    assert cli("docker images -q").stdout == ""
    assert "No such image: alpine:latest" in cli("docker rmi alpine", expect_exit=1).stderr
    assert "requires at least 1 argument" in cli("docker rmi", expect_exit=1).stderr


def test_run_hello_world_and_note_for_others(cli):
    r = cli("docker run hello-world")
    assert "Hello from Docker!" in r.stdout and "Unable to find image 'hello-world:latest' locally" in r.stderr
    r = cli("docker run -d -p 8080:80 nginx")
    assert "containers do not run in this lab" in r.stderr and "nginx -g daemon off;" in r.stderr
    assert cli("docker run", expect_exit=125).stderr.startswith("docker: 'docker run' requires at least 1 argument")
    assert "pull access denied" in cli("docker run nosuchimage", expect_exit=125).stderr


def test_history_lists_layers(cli):
    cli("docker pull python:3.12-slim")
    lines = cli("docker history python:3.12-slim").stdout.strip().splitlines()
    assert lines[0].split()[:3] == ["IMAGE", "CREATED", "CREATED"]
    assert len(lines) == 1 + len(catalog.find_public("python:3.12-slim").layers)


def test_image_prune_removes_dangling_only(cli):
    cli("docker pull alpine")
    cli("docker pull nginx")
    cli("docker tag alpine keep:1")
    cli("docker rmi nginx")  # only tag: the image is deleted outright
    assert "Total reclaimed space: 0B" in cli("docker image prune -f").stdout
    out = cli("docker image prune").stdout
    assert out.startswith("WARNING! This will remove all dangling images.")
    out = cli("docker image prune -a -f").stdout
    assert "untagged: keep:1" in out and "Total reclaimed space:" in out
    assert cli("docker images -q").stdout == ""


def test_year_of_builds_benchmark_runs_a_short_slice():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "benchmarks" / "year_of_builds.py"
    spec = importlib.util.spec_from_file_location("year_of_builds", path)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    a = bench.run_acrlab(days=2, retention=None, trace=False)
    assert a["builds"] == 40 and a["manifests"] == 40 and a["tags"] == 41
    assert a["storage_bytes"] < a["without_dedup_bytes"] / 10
