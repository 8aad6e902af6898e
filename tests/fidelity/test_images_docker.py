"""docker client texts for pull/push/tag/images, pinned against the docker CLI and moby sources.

Sources checked:
- docker/cli cli/command/image/pull.go ("Using default tag:" unless --quiet; the full reference is printed last,
  with --quiet too) and push.go (same default-tag line; "tag can't be used with --all-tags/-a"; --quiet prints
  ref.String())
- docker/cli docs/reference/commandline/image_pull.md (a digest pull prints "<full ref>@<digest>: Pulling from
  <path>"; an image whose config is already local prints no layer lines; "Downloaded newer image" when the tag
  is new, "Image is up to date" when it already named the image)
- moby client/image_tag.go (v27: target parsed first; "Error parsing reference: %q is not a valid repository/tag:
  <err>"; "refusing to create a tag with a digest reference")
- distribution/reference normalize.go ("invalid reference format: repository name (%s) must be lowercase")
- docker/go-units size.go HumanSizeWithPrecision(size, 3) and duration.go HumanDuration; docker/cli formatter
  tabwriter.NewWriter(out, 10, 1, 3, ' ', 0)
- Microsoft "Troubleshoot push errors in Azure Container Registry" (Error 1) and the Azure SDK image-lock sample:
  a push onto a locked tag ends with "unknown: The operation is disallowed on this registry, repository or image.
  View troubleshooting steps at https://aka.ms/acr/faq/#why-does-my-pull-or-push-request-fail-with-disallowed-operation"
"""

from __future__ import annotations

import pytest

from acrlab.shell.docker_state import human_duration, reference_error, tabwriter
from acrlab.shell.programs.docker import human_size

LOCKED = ("unknown: The operation is disallowed on this registry, repository or image. View troubleshooting steps at "
          "https://aka.ms/acr/faq/#why-does-my-pull-or-push-request-fail-with-disallowed-operation")


@pytest.fixture
def acr(cli, rg):
    cli("az acr create -n imgfid -g rg-containers --sku Standard -o none")
    cli("az acr login -n imgfid")
    return "imgfid.azurecr.io"


def test_pull_without_tag_prints_default_tag_and_full_reference(cli, rg):
    out = cli("docker pull alpine").stdout.splitlines()
    assert out[0] == "Using default tag: latest"
    assert out[1] == "latest: Pulling from library/alpine"
    assert out[-2] == "Status: Downloaded newer image for alpine:latest"
    assert out[-1] == "docker.io/library/alpine:latest"


def test_pull_again_prints_no_layer_lines(cli, rg):
    cli("docker pull alpine:3.19")
    out = cli("docker pull alpine:3.19").stdout.splitlines()
    assert out[0] == "3.19: Pulling from library/alpine"
    assert out[1].startswith("Digest: sha256:")
    assert out[2:] == ["Status: Image is up to date for alpine:3.19", "docker.io/library/alpine:3.19"]


def test_pull_quiet_still_prints_the_reference(cli, rg):
    assert cli("docker pull -q hello-world").stdout == "docker.io/library/hello-world:latest\n"


def test_pull_by_digest_names_the_full_reference(cli, rg):
    cli("docker pull alpine:3.19")
    digest = cli("docker pull alpine:3.19").stdout.splitlines()[1].split()[1]
    out = cli(f"docker pull alpine@{digest}").stdout.splitlines()
    assert out[0] == f"docker.io/library/alpine@{digest}: Pulling from library/alpine"
    assert out[-2] == f"Status: Image is up to date for alpine@{digest}"
    assert out[-1] == f"docker.io/library/alpine@{digest}"


def test_second_tag_of_a_local_image_is_downloaded_newer_without_layers(cli, acr):
    cli("docker pull alpine")
    cli(f"docker tag alpine {acr}/base:v1")
    cli(f"docker push {acr}/base:v1")
    out = cli(f"docker pull {acr}/base:v1").stdout.splitlines()
    assert out[0] == "v1: Pulling from base" and out[1].startswith("Digest: ")
    assert out[2:] == [f"Status: Image is up to date for {acr}/base:v1", f"{acr}/base:v1"]


def test_uppercase_references(cli, rg):
    r = cli("docker pull MyApp", expect_exit=1)
    assert r.stderr.strip() == "invalid reference format: repository name (library/MyApp) must be lowercase"
    cli("docker pull alpine")
    r = cli("docker tag alpine myreg.azurecr.io/Web:v1", expect_exit=1)
    assert r.stderr.strip() == ('Error parsing reference: "myreg.azurecr.io/Web:v1" is not a valid repository/tag: '
                                "invalid reference format: repository name (Web) must be lowercase")
    r = cli("docker tag alpine web@sha256:" + "a" * 64, expect_exit=1)
    assert r.stderr.strip() == "refusing to create a tag with a digest reference"


def test_push_default_tag_quiet_and_all_tags(cli, acr):
    cli("docker pull alpine")
    cli(f"docker tag alpine {acr}/web")
    out = cli(f"docker push {acr}/web").stdout.splitlines()
    assert out[0] == "Using default tag: latest"
    assert out[1] == f"The push refers to repository [{acr}/web]"
    assert cli(f"docker push -q {acr}/web:latest").stdout == f"{acr}/web:latest\n"
    r = cli(f"docker push -a {acr}/web:latest", expect_exit=1)
    assert r.stderr.strip() == "tag can't be used with --all-tags/-a"


def test_push_onto_locked_tag_says_unknown_disallowed(cli, acr):
    cli("docker pull alpine")
    cli("docker pull alpine:3.19")
    cli(f"docker tag alpine {acr}/web:v1")
    cli(f"docker push {acr}/web:v1")
    cli("az acr repository update -n imgfid --image web:v1 --write-enabled false -o none")
    cli(f"docker tag alpine:3.19 {acr}/web:v1")
    r = cli(f"docker push {acr}/web:v1", expect_exit=1)
    assert r.stderr.strip() == LOCKED
    assert r.stdout.splitlines()[0] == f"The push refers to repository [{acr}/web]"


def test_human_size_matches_go_units():
    assert [human_size(n) for n in (188_000_000, 7_800_000, 13_300, 512, 0, 999_700)] == \
        ["188MB", "7.8MB", "13.3kB", "512B", "0B", "1e+03kB"]


def test_human_duration_matches_go_units():
    cases = {0.5: "Less than a second", 1: "1 second", 45: "45 seconds", 61: "About a minute",
             600: "10 minutes", 3600: "About an hour", 5400: "2 hours", 47 * 3600: "47 hours",
             3 * 86400: "3 days", 20 * 86400: "2 weeks", 70 * 86400: "2 months", 800 * 86400: "2 years"}
    assert {k: human_duration(k) for k in cases} == cases


def test_images_table_uses_tabwriter_minimum_width(cli, rg):
    cli("docker pull hello-world")
    lines = cli("docker images").stdout.splitlines()
    assert lines[0].startswith("REPOSITORY    TAG       IMAGE ID       CREATED")  # TAG column is 10 wide (minwidth)
    assert lines[1].startswith("hello-world   latest    ")
    assert tabwriter([["A", "B", "C"], ["long-value-here", "x", "y"]]) == \
        ["A".ljust(18) + "B".ljust(10) + "C", "long-value-here   " + "x".ljust(10) + "y"]  # 15 + padding 3


def test_reference_grammar():
    assert reference_error("myreg.azurecr.io/team/app:v1.2") is None
    assert reference_error("alpine@sha256:" + "a" * 64) is None
    assert reference_error("bad name") == "invalid reference format"
    assert reference_error("a" * 64) == f"invalid repository name ({'a' * 64}), cannot specify 64-byte hexadecimal strings"
