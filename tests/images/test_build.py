"""build_image (the engine API ACR Tasks use) and `docker build` at the front door."""

from __future__ import annotations

import pytest

from acrlab.engine import catalog
from acrlab.engine.build import BuildError, build_image

APP = {
    "Dockerfile": "ARG BASE=python:3.12-slim\nFROM ${BASE}\nWORKDIR /app\nCOPY requirements.txt .\n"
                  "RUN pip install -r requirements.txt\nCOPY . .\nENV PORT=8080\nEXPOSE $PORT\nCMD [\"python\", \"app.py\"]\n",
    "requirements.txt": "flask\nrequests\n",
    "app.py": "print('hello')\n",
}


def build(files=APP, **kw):
    return build_image(files, resolve_base=catalog.find_public, **kw)


def test_from_reuses_base_layers_and_each_run_copy_adds_one():
    r = build()
    base = catalog.find_public("python:3.12-slim")
    assert r.content.layers[: len(base.layers)] == base.layers
    assert len(r.content.layers) == len(base.layers) + 3  # COPY, RUN, COPY
    assert r.content.config.exposed_ports == ["8080/tcp"]
    assert r.content.config.cmd == ["python", "app.py"]
    assert r.content.config.working_dir == "/app"
    assert "PORT=8080" in r.content.config.env


def test_deterministic_and_content_sensitive():
    assert build().content.digest == build().content.digest
    changed = build({**APP, "app.py": "print('bye')\n"})
    a, b = build().content.layers, changed.content.layers
    assert a[:-1] == b[:-1] and a[-1].digest != b[-1].digest  # only the last COPY changes


def test_config_only_instructions_add_no_layer():
    r1 = build({"Dockerfile": "FROM alpine\n"})
    r2 = build({"Dockerfile": "FROM alpine\nENV A=1\nLABEL x=y\nEXPOSE 80\nUSER app\nWORKDIR /w\nCMD [\"sh\"]\n"})
    assert r1.content.layers == r2.content.layers
    assert r1.content.config_digest != r2.content.config_digest
    assert r2.content.labels == {"x": "y"}


def test_package_installs_are_tens_of_mb_and_copy_is_file_sized():
    r = build({"Dockerfile": "FROM ubuntu\nRUN apt-get update && apt-get install -y curl git\nCOPY a.txt /\n",
               "a.txt": "x" * 100})
    run_layer, copy_layer = r.content.layers[-2:]
    assert run_layer.size > 20_000_000
    assert copy_layer.size < 2_000


def test_build_args_and_multistage():
    files = {"Dockerfile": "ARG V=3.12\nFROM python:${V}-slim AS build\nARG V\nRUN pip install flask\n"
                           "FROM python:${V}-slim\nCOPY --from=build /usr/local /usr/local\n"}
    r = build(files)
    assert r.base_images == ["python:3.12-slim"]
    r311 = build(files, build_args={"V": "3.11"})
    assert r311.base_images == ["python:3.11-slim"]
    assert r311.content.layers[0] == catalog.find_public("python:3.11-slim").layers[0]
    final_base = catalog.find_public("python:3.12-slim").layers
    assert r.content.layers[:-1] == final_base  # the build stage's pip layer is not in the final image


@pytest.mark.parametrize("files, message", [
    ({}, "failed to read dockerfile: open Dockerfile: no such file or directory"),
    ({"Dockerfile": "FORM alpine\n"}, "dockerfile parse error on line 1: unknown instruction: FORM"),
    ({"Dockerfile": "FROM nosuchimage\n"}, "nosuchimage: failed to resolve source metadata for "
                                           "docker.io/library/nosuchimage:latest: pull access denied"),
    ({"Dockerfile": "FROM alpine\nCOPY missing.txt /\n"}, '"/missing.txt": not found'),
    ({"Dockerfile": "# only a comment\n"}, "file with no instructions"),
    ({"Dockerfile": "RUN echo hi\n"}, "no build stage in current context"),
])
def test_build_errors(files, message):
    with pytest.raises(BuildError) as e:
        build(files)
    assert message in e.value.message


def test_logs_plain_and_classic():
    r = build()
    plain = r.render_plain(["api:v1"])
    assert "[internal] load metadata for docker.io/library/python:3.12-slim" in plain
    assert "naming to docker.io/library/api:v1 done" in plain
    assert r.render_classic().startswith("Sending build context to Docker daemon")
    assert "Step 1/" in r.render_classic()


def test_docker_build_front_door(lab, cli):
    for name, text in APP.items():
        lab.write_file(f"app/{name}", text)
    r = cli("docker build -t api:v1 -t api:latest ./app")
    assert "#" in r.stderr and "writing image sha256:" in r.stderr
    again = cli("docker build -t api:v2 app")
    assert "CACHED" in again.stderr
    ids = cli("docker images -q").stdout.split()
    assert len(ids) == 1
    cli("docker inspect api:v1", checks={"[0].RepoTags": ["api:v1", "api:latest", "api:v2"],
                                         "[0].Config.ExposedPorts": {"8080/tcp": {}},
                                         "[0].Architecture": "amd64", "[0].Os": "linux"})
    q = cli("docker build -q --build-arg BASE=python:3.11-slim -t api:py311 app")
    assert q.stdout.startswith("sha256:")
    cli("docker image inspect api:py311", checks={"[0].Id": q.stdout.strip()})


def test_docker_build_errors(lab, cli):
    lab.write_file("bad/Dockerfile", "FROM alpine\nFROBNICATE\n")
    r = cli("docker build -t x bad", expect_exit=1)
    assert r.stderr.startswith("ERROR: failed to solve: dockerfile parse error on line 2: unknown instruction: FROBNICATE")
    assert "requires exactly 1 argument" in cli("docker build -t x", expect_exit=1).stderr
    assert 'unable to prepare context: path "nope" not found' in cli("docker build nope", expect_exit=1).stderr
    assert "repository name must be lowercase" in cli("docker build -t App bad", expect_exit=1).stderr
    lab.write_file("tagless/Dockerfile", "FROM alpine:9.99\n")
    r = cli("docker build tagless", expect_exit=1)
    assert "docker.io/library/alpine:9.99: not found" in r.stderr


def test_build_from_private_registry_base_needs_login(lab, cli, acr):
    cli("az acr import -n myacr --source docker.io/library/alpine:3.20 -t base/alpine:3.20")
    lab.write_file("svc/Dockerfile", "FROM myacr.azurecr.io/base/alpine:3.20\nRUN apk add curl\n")
    r = cli("docker build -t svc svc", expect_exit=1)
    assert "401 Unauthorized" in r.stderr
    cli("az acr login -n myacr")
    cli("docker build -t svc svc")
    base = catalog.find_public("alpine:3.20")
    cli("docker inspect svc", checks={"length([0].RootFS.Layers)": len(base.layers) + 1})
