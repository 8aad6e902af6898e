"""Fuzz Lab.run with command lines built from real command words, real flags and junk: never a traceback.

Programs catch unexpected exceptions and print "internal error in the simulator"; any such line is a bug."""

from __future__ import annotations

import shlex

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from acrlab import Lab
from acrlab.shell.az import framework
from acrlab.shell.programs.docker import SUBCOMMANDS as DOCKER_SUBS
from acrlab.shell.session import programs

framework.load()
AZ_PATHS = sorted(framework.COMMANDS)
AZ_IMAGE_PATHS = [p for p in AZ_PATHS if p.startswith(("acr repository", "acr manifest", "acr import", "acr show",
                                                        "acr login", "acr create"))]
VALUES = st.one_of(
    st.sampled_from(["myacr", "web", "web:v1", "web@sha256:abc", "web@sha256:" + "0" * 64, "rg", "true", "false",
                     "0", "-1", "99999999999999999999", "time_desc", "time_asc", "docker.io/library/nginx:latest",
                     "myacr.azurecr.io/web:v1", "myacr.azurecr.io", "nginx", "library/nginx", ":", "@", "a:b:c",
                     "x@y@z", "/", ".", "..", "", "''", "{}", "[]", "null", "[?name=='x']", "Dockerfile", "-", "--",
                     "=", "a=b", "K=", "linux/arm64", "windows", "sha256:", "UPPER:Case", "été", "\u202e", "%s%d"]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12),
)
JUNK = st.sampled_from(["|", "&&", "||", ";", ">", "2>&1", "$(", "`", "'", '"', "\\", "$", "${", "}", "<<<", "#",
                        "*", "~", "&", "(", ")", "\n"])

SETUP = """az group create -n rg -l eastus -o none
az acr create -n myacr -g rg --sku Premium -o none
az acr import -n myacr --source docker.io/library/nginx:1.27 -t web:v1 -t web:latest
az acr login -n myacr
docker pull alpine"""


def fresh_lab() -> Lab:
    lab = Lab(seed=3)
    lab.write_file("app/Dockerfile", "FROM alpine\nRUN apk add curl\nCOPY . /src\n")
    lab.write_file("app/x.txt", "x")
    r = lab.run(SETUP)
    assert r.exit_code == 0, r
    return lab


def check(lab: Lab, line: str) -> None:
    r = lab.run(line)
    text = r.stdout + r.stderr
    assert "internal error in the simulator" not in text, (line, text, lab.session.state.get("internal_errors"))
    assert "Traceback (most recent call last)" not in text, (line, text)
    assert isinstance(r.exit_code, int) and 0 <= r.exit_code <= 255, (line, r.exit_code)


def quoted(draw_list) -> str:
    return " ".join(shlex.quote(x) for x in draw_list)


@st.composite
def az_lines(draw):
    path = draw(st.sampled_from(AZ_IMAGE_PATHS if draw(st.booleans()) else AZ_PATHS))
    cmd = framework.COMMANDS[path]
    options = [o for a in cmd.args + framework.GLOBAL_ARGS for o in a.option_list if o.startswith("-")]
    parts: list[str] = path.split()
    if draw(st.integers(0, 9)) == 0:
        parts = parts[: draw(st.integers(0, len(parts)))]
    for _ in range(draw(st.integers(0, 6))):
        choice = draw(st.integers(0, 3))
        if choice == 0 and options:
            parts.append(draw(st.sampled_from(options)))
            if draw(st.booleans()):
                parts.append(draw(VALUES))
        elif choice == 1:
            parts.append(draw(VALUES))
        elif choice == 2 and options:
            parts.append(draw(st.sampled_from(options)) + "=" + draw(VALUES))
        else:
            parts.append(draw(st.sampled_from(["-o", "--output", "--query", "-h", "--yes", "-y"])))
            parts.append(draw(st.sampled_from(["json", "table", "tsv", "yaml", "none", "jsonc", "[0]", "length(@)"])))
    return "az " + quoted(parts)


@st.composite
def docker_lines(draw):
    sub = draw(st.sampled_from(sorted(DOCKER_SUBS) + ["image", "buildx", "manifest", "nope"]))
    flags = ["-t", "-f", "--build-arg", "--platform", "--target", "-q", "--no-cache", "-u", "-p", "--password-stdin",
             "-a", "--all-tags", "--digests", "-v", "--format", "-d", "--rm", "-it", "-e", "--label", "--progress"]
    words = ["app", ".", "nginx", "alpine", "myacr.azurecr.io/web:v1", "myacr.azurecr.io/web", "hello-world",
             "inspect", "build", "ls", "rm", "myacr.azurecr.io", "mcr.microsoft.com/dotnet/sdk:8.0"]
    parts = [sub]
    for _ in range(draw(st.integers(0, 6))):
        pick = draw(st.integers(0, 2))
        parts.append(draw(st.sampled_from(flags)) if pick == 0 else
                     draw(st.sampled_from(words)) if pick == 1 else draw(VALUES))
    return "docker " + quoted(parts)


@st.composite
def junk_lines(draw):
    progs = sorted(programs())
    parts = []
    for _ in range(draw(st.integers(1, 8))):
        pick = draw(st.integers(0, 3))
        parts.append(draw(st.sampled_from(progs)) if pick == 0 else draw(JUNK) if pick == 1 else
                     shlex.quote(draw(VALUES)) if pick == 2 else draw(VALUES))
    return " ".join(parts)


FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                         HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def shared_lab():
    return fresh_lab()


@FUZZ
@given(line=az_lines())
def test_fuzz_az(shared_lab, line):
    check(shared_lab, line)


@FUZZ
@given(line=docker_lines())
def test_fuzz_docker(shared_lab, line):
    check(shared_lab, line)


@FUZZ
@given(line=junk_lines())
def test_fuzz_shell_junk(shared_lab, line):
    check(shared_lab, line)


@settings(max_examples=40, deadline=None)
@given(lines=st.lists(st.one_of(az_lines(), docker_lines()), min_size=2, max_size=6))
def test_fuzz_sequences_on_fresh_lab(lines):
    lab = fresh_lab()
    for line in lines:
        check(lab, line)
