"""acrlab.engine.record: the tenant's everyday objects are plain records, so a one-command start needs no pydantic.
They keep what pydantic gave them: keyword-only construction, copies of the containers passed in, equality by
value, `model_copy` / `model_dump` as pydantic's, and a pydantic model may hold one. (tests/test_lazy_tables.py
proves a one-command run imports no pydantic.)"""

from __future__ import annotations

import copy
import json
import pickle
from datetime import UTC, datetime

import pytest
from pydantic import BaseModel

from acrlab.engine.rbac import RoleAssignment
from acrlab.engine.record import Record
from acrlab.engine.roles import RoleDefinition, find_role
from acrlab.engine.tenant import Principal, ResourceGroup


def _principal(**extra) -> Principal:
    return Principal(object_id="o1", display_name="app", kind="ServicePrincipal", app_id="a1", **extra)


def test_construction_is_keyword_only_and_refuses_unknown_fields():
    with pytest.raises(TypeError):
        Principal("o1", "app", "User")  # type: ignore[misc]
    with pytest.raises(TypeError):
        _principal(colour="blue")
    with pytest.raises(TypeError):
        ResourceGroup(name="rg")  # type: ignore[call-arg]  # location and subscription are required


def test_containers_passed_in_are_copied_and_tuples_become_lists():
    secrets = [{"keyId": "k1", "value": "s"}]
    p = _principal(secrets=secrets)
    secrets.append({"keyId": "k2"})
    secrets[0]["value"] = "changed"
    assert p.secrets == [{"keyId": "k1", "value": "s"}]
    role = RoleDefinition(guid="g", role_name="r", description="d", actions=("a/read", "b/read"))
    assert role.actions == ["a/read", "b/read"] and isinstance(role.actions, list)
    tags = {"env": "dev"}
    rg = ResourceGroup(name="rg", location="westus", subscription_id="s", tags=tags)
    tags["env"] = "prod"
    assert rg.tags == {"env": "dev"}


def test_defaults_are_fresh_per_instance():
    a, b = ResourceGroup(name="a", location="l", subscription_id="s"), ResourceGroup(name="b", location="l",
                                                                                   subscription_id="s")
    a.tags["x"] = "1"
    assert b.tags == {}


def test_equality_copy_and_pickle_by_value():
    p = _principal(secrets=[{"keyId": "k"}])
    assert p == _principal(secrets=[{"keyId": "k"}]) and p != _principal()
    shallow = p.model_copy(update={"display_name": "renamed"})
    assert shallow.display_name == "renamed" and p.display_name == "app" and shallow.secrets is p.secrets
    deep = p.model_copy(deep=True)
    assert deep == p and deep.secrets is not p.secrets
    assert pickle.loads(pickle.dumps(p)) == p and copy.deepcopy(p) == p


def test_model_dump_as_pydantic_writes_it():
    when = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
    ra = RoleAssignment(name="n", principal_id="p", principal_type="User", role_guid=find_role("AcrPull").guid,
                        scope="/subscriptions/s", created_on=when, created_by="me",
                        custom_role=RoleDefinition(guid="g", role_name="r", description="d", role_type="CustomRole"))
    py = ra.model_dump()
    assert py["created_on"] == when and py["custom_role"]["role_type"] == "CustomRole"
    js = ra.model_dump(mode="json")
    assert js["created_on"] == "2026-12-01T09:30:00Z" and js["custom_role"]["assignable_scopes"] == ["/"]
    json.dumps(js)
    assert list(RoleAssignment.model_fields)[:3] == ["name", "principal_id", "principal_type"]
    with pytest.raises(ValueError):
        ra.model_dump(mode="yaml")


def test_a_pydantic_model_holds_a_record_as_itself():
    class Request(BaseModel):
        caller: Principal
        other: Principal | None = None

    p = _principal()
    req = Request.model_validate({"caller": p})
    assert req.caller is p  # the same principal, not a copy
    assert req.model_dump(mode="json")["caller"]["object_id"] == "o1"
    with pytest.raises(ValueError):
        Request.model_validate({"caller": {"object_id": "o1"}})


def test_records_are_records():
    for cls in (Principal, ResourceGroup, RoleDefinition, RoleAssignment):
        assert issubclass(cls, Record)


def test_guid_text_is_uuid4_text():
    """engine.ids formats GUIDs without importing uuid; the text is uuid's, version and variant bits included."""
    import random
    import uuid

    from acrlab.engine.ids import guid_text, stable_guid

    rng = random.Random(7)
    for n in [0, 2**128 - 1, *(rng.getrandbits(128) for _ in range(500))]:
        assert guid_text(n) == str(uuid.UUID(int=n, version=4))
    assert stable_guid("a", 1) == stable_guid("a", 1) != stable_guid("a", 2)
