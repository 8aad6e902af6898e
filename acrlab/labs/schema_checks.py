"""Check models: what a scenario asserts about the final state (discriminated by `kind:`)."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

ID_RE = r"^[a-z0-9][a-z0-9-]{1,62}$"
Visibility = Literal["shown", "message-only", "hidden"]
Operation = Literal["pull", "push", "delete", "metadata_read", "metadata_write", "catalog", "sign"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class CheckBase(Strict):
    id: str = Field(pattern=ID_RE)
    title: str
    points: float = Field(1, ge=0)
    visibility: Visibility = "shown"
    message: str = ""
    """What the learner reads when the check fails (the only feedback of message-only checks)."""
    requires: list[str] = Field(default_factory=list)
    """Ids of checks that must pass for this one to earn its points (so "cannot delete" is not won by
    doing nothing)."""
    after: str | None = None
    """Judge a copy of the lab after the clock moves on this long (e.g. `31d`: did retention act?)."""

    @field_validator("after")
    @classmethod
    def _duration(cls, v: str | None) -> str | None:
        if v is not None:
            from ..engine.clock import parse_duration

            parse_duration(v)
        return v


class Expect(Strict):
    """One expectation on a value: exactly one of these fields is set."""

    equals: Any = None
    not_equals: Any = None
    contains: Any = None
    not_contains: Any = None
    length: int | None = None
    exists: bool | None = None
    regex: str | None = None
    one_of: list[Any] | None = None
    ignore_case: bool = False

    @model_validator(mode="after")
    def _exactly_one(self):
        set_ = [k for k in ("equals", "not_equals", "contains", "not_contains", "length", "exists", "regex",
                            "one_of") if k in self.model_fields_set]
        if len(set_) != 1:
            raise ValueError(f"give exactly one expectation (equals, not_equals, contains, not_contains, length, "
                             f"exists, regex, one_of); got {set_ or 'none'}")
        if self.regex is not None:
            try:
                re.compile(self.regex)
            except re.error as e:
                raise ValueError(f"bad regex: {e}") from None
        return self


class AzCheck(CheckBase):
    """Run an az (or any) command as a chosen identity and test a JMESPath over its JSON output."""

    kind: Literal["az"]
    command: str
    as_: str = Field("learner", alias="as")
    query: str = "@"
    expect: Expect

    @field_validator("query")
    @classmethod
    def _jmespath(cls, v: str) -> str:
        import jmespath

        try:
            jmespath.compile(v)
        except jmespath.exceptions.JMESPathError as e:
            raise ValueError(f"bad JMESPath: {e}") from None
        return v


class ScriptCheck(CheckBase):
    """Commands run in a fresh terminal on a private copy of the lab (they may push, untag or move the
    clock without disturbing other checks); pass on the exit code and the output."""

    kind: Literal["script"]
    commands: str
    as_: str = Field("learner", alias="as")
    exit_code: int = 0
    stdout_contains: list[str] = Field(default_factory=list)

    @field_validator("stdout_contains", mode="before")
    @classmethod
    def _listify(cls, v):
        return [v] if isinstance(v, str) else v


class RegistryCheck(CheckBase):
    """A JMESPath over the registry as `az acr show` prints it (admin user, SKU, network access...)."""

    kind: Literal["registry"]
    registry: str
    query: str
    expect: Expect


class AccessCheck(CheckBase):
    """May this principal (or `token:NAME`) pull/push/delete in this repository? Decided by the data plane."""

    kind: Literal["access"]
    principal: str
    registry: str
    repository: str
    operation: Operation
    allowed: bool
    image_tag: str | None = None
    """When allowed: the tag must also exist (the principal can pull *this image*)."""


class RoleLimitCheck(CheckBase):
    """The principal holds no role broader than `roles` and no assignment wider than `scope`."""

    kind: Literal["role_limit"]
    principal: str
    roles: list[str]
    scope: str
    require_assignment: bool = True


class RoleAssignmentCheck(CheckBase):
    """The principal holds (or does not hold) `role` at a scope covering `scope`."""

    kind: Literal["role_assignment"]
    principal: str
    role: str
    scope: str
    present: bool = True


class ImageCheck(CheckBase):
    """Repository content: tags present/absent, digests shared, untagged manifests left."""

    kind: Literal["image"]
    registry: str
    repository: str
    tags_present: list[str] = Field(default_factory=list)
    tags_absent: list[str] = Field(default_factory=list)
    same_digest: list[str] = Field(default_factory=list)
    max_untagged: int | None = None
    repository_exists: bool | None = None


class ReplicaCheck(CheckBase):
    kind: Literal["replica"]
    registry: str
    location: str
    present: bool = True


class RetentionCheck(CheckBase):
    kind: Literal["retention"]
    registry: str
    days: int
    status: Literal["enabled", "disabled"] = "enabled"


class TokenScopeCheck(CheckBase):
    """A token exists with this status and its scope map grants these repository actions (plus at most
    the `optional` ones), nothing else."""

    kind: Literal["token_scope"]
    registry: str
    token: str
    actions: dict[str, list[str]]
    optional: dict[str, list[str]] = Field(default_factory=dict)
    status: Literal["enabled", "disabled"] = "enabled"


class LoginCheck(CheckBase):
    """Would `docker login` with this username/password be accepted (e.g. a leaked admin password)?"""

    kind: Literal["login"]
    registry: str
    username: str
    password: str
    accepted: bool
    assume_admin_enabled: bool = False
    """Judge as if the admin user were switched back on (was the password regenerated, or only hidden?)."""


class DeploymentImageCheck(CheckBase):
    """The AKS deployment runs `image` (repo:tag in `registry`) pinned by its digest."""

    kind: Literal["deployment_image"]
    cluster: str
    resource_group: str
    deployment: str
    namespace: str = "default"
    registry: str
    image: str


class PushedByCheck(CheckBase):
    """The last push of `repository:tag` used none of the `refused` credential kinds (admin, token, aad, task,
    import, anonymous): e.g. "published with your own identity, not the admin user"."""

    kind: Literal["pushed_by"]
    registry: str
    repository: str
    tag: str
    refused: list[Literal["aad", "admin", "token", "task", "import", "anonymous"]] = Field(min_length=1)


class BuiltByTaskCheck(CheckBase):
    """The tag exists and its manifest was produced by an ACR task run (quick build, task or az acr run)."""

    kind: Literal["built_by_task"]
    registry: str
    repository: str
    tag: str


Check = Annotated[
    AzCheck | ScriptCheck | RegistryCheck | AccessCheck | RoleLimitCheck | RoleAssignmentCheck | ImageCheck | ReplicaCheck | RetentionCheck | TokenScopeCheck | LoginCheck | DeploymentImageCheck | BuiltByTaskCheck | PushedByCheck,
    Field(discriminator="kind"),
]
CHECK_KINDS = ("az", "script", "registry", "access", "role_limit", "role_assignment", "image", "replica",
               "retention", "token_scope", "login", "deployment_image", "built_by_task", "pushed_by")


