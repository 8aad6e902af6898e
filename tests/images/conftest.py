"""Fixtures for image tests: a Standard registry `myacr` in rg-containers, and a second session principal."""

from __future__ import annotations

import pytest

from acrlab.engine.tenant import Principal


@pytest.fixture
def acr(cli, rg):
    cli("az acr create -n myacr -g rg-containers --sku Standard -o none")
    return "myacr"


@pytest.fixture
def make_user(lab):
    """A new Entra user in the tenant and a terminal signed in as them."""
    def make(name: str):
        p = lab.cloud.add_principal(Principal(
            object_id=lab.cloud.ids.guid(), display_name=name, kind="User",
            user_principal_name=f"{name}@contoso.onmicrosoft.com", password="x", created=lab.cloud.clock.now()))
        return p, lab.new_session(p)
    return make
