"""Fixtures for lifecycle tests: a resource group, registries per SKU and a Dockerfile that varies per run."""

from __future__ import annotations

import pytest

DOCKERFILE = "FROM alpine:3.20\nARG BUILD_VERSION=dev\nLABEL version=$BUILD_VERSION\nRUN echo $BUILD_VERSION > /v\n"


@pytest.fixture
def reg(cli, rg, lab):
    """A Premium registry `minhacr` and a build context in the working directory."""
    cli("az acr create -n minhacr -g rg-containers --sku Premium -o none")
    lab.write_file("Dockerfile", DOCKERFILE)
    return lab.cloud.find_registry("minhacr")


@pytest.fixture
def basic(cli, rg, lab):
    cli("az acr create -n basicacr -g rg-containers --sku Basic -o none")
    lab.write_file("Dockerfile", DOCKERFILE)
    return lab.cloud.find_registry("basicacr")


@pytest.fixture
def build(cli):
    """`build("minhacr", "app:latest")`: az acr build with a build arg that makes each run's image unique."""

    def run(registry: str, *tags: str, version: str = "{{.Run.ID}}", expect_exit: int = 0):
        t = " ".join(f"-t {x}" for x in tags)
        return cli(f"az acr build -r {registry} {t} --build-arg BUILD_VERSION={version} .", expect_exit=expect_exit)

    return run
