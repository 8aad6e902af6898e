"""The scenario file format: pydantic models with discriminated unions for set-up steps and checks.

A scenario is graded on the state it leaves behind, whatever the path (CLI, PowerShell, Bicep, TUI).
Set-up steps are told apart by their key (`run:`, `files:`, `image:`, `advance:`, `fault:`), checks
by their `kind:`. Strings may use `{{ var }}` placeholders for the per-student variables.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, field_validator, model_validator

ID_RE = r"^[a-z0-9][a-z0-9-]{1,62}$"
Visibility = Literal["shown", "message-only", "hidden"]
Operation = Literal["pull", "push", "delete", "metadata_read", "metadata_write", "catalog", "sign"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


# ----------------------------------------------------------------------------------------------
# Per-student variables
class Variable(Strict):
    """A name, region or tag. Seed 0 (or no seed) gives `default`; other seeds draw from `choices`
    or append a deterministic suffix (`digits` for registry names, `dash-digits` for hyphenated names)."""

    default: str
    choices: list[str] = Field(default_factory=list)
    suffix: Literal["none", "digits", "dash-digits"] = "none"
    description: str = ""

    @model_validator(mode="after")
    def _one_way(self):
        if self.choices and self.suffix != "none":
            raise ValueError("use either choices or suffix, not both")
        return self


# ----------------------------------------------------------------------------------------------
# Set-up steps (run by the lab administrator before the learner starts)
class RunStep(Strict):
    """Commands typed by an administrator. `save_as` keeps trimmed stdout as a variable (e.g. a leaked
    password) for later steps, checks and the narrative."""

    run: str
    as_: str = Field("learner", alias="as")
    shell: Literal["bash", "pwsh"] = "bash"
    save_as: str | None = None
    may_fail: bool = False


class FilesStep(Strict):
    """Files in the learner's working directory (a Dockerfile, a pipeline file with a leaked secret...)."""

    files: dict[str, str]


class ImageSpec(Strict):
    registry: str
    repository: str
    tags: list[str] = Field(default_factory=list)
    """Tags to point at the image; empty pushes it untagged (as CI leaves behind)."""
    base: str = "docker.io/library/alpine:3.20"
    content: str | None = None
    """Key for the application layer: images with the same key have the same digest."""
    app_size: int = 4_000_000
    count: int = Field(1, ge=1, le=500)
    """Push this many distinct untagged images (only with no tags)."""


class ImageStep(Strict):
    """Push an image straight through the registry data plane (as an earlier build would have)."""

    image: ImageSpec


class AdvanceStep(Strict):
    """Move the simulated clock (images pushed before it become older)."""

    advance: str


class RegistryFault(Strict):
    action: Literal["registry_property"]
    registry: str
    properties: dict[str, Any]


class LockFault(Strict):
    action: Literal["lock_image"]
    registry: str
    repository: str
    tag: str | None = None
    write_enabled: bool | None = None
    delete_enabled: bool | None = None
    read_enabled: bool | None = None


class AssignRoleFault(Strict):
    action: Literal["assign_role"]
    principal: str
    role: str
    scope: str


class RemoveRoleFault(Strict):
    action: Literal["remove_role"]
    principal: str
    role: str | None = None
    scope: str | None = None


Fault = Annotated[Union[RegistryFault, LockFault, AssignRoleFault, RemoveRoleFault], Field(discriminator="action")]


class FaultStep(Strict):
    """Engine-level fault injection for troubleshooting labs (what no command could set up)."""

    fault: Fault


def _step_tag(value: Any) -> str | None:
    if isinstance(value, dict):
        for key in ("run", "files", "image", "advance", "fault"):
            if key in value:
                return key
        return None
    for key, cls in (("run", RunStep), ("files", FilesStep), ("image", ImageStep), ("advance", AdvanceStep),
                     ("fault", FaultStep)):
        if isinstance(value, cls):
            return key
    return None


SetupStep = Annotated[
    Union[Annotated[RunStep, Tag("run")], Annotated[FilesStep, Tag("files")], Annotated[ImageStep, Tag("image")],
          Annotated[AdvanceStep, Tag("advance")], Annotated[FaultStep, Tag("fault")]],
    Discriminator(_step_tag, custom_error_type="unknown_step",
                  custom_error_message="a set-up step needs one of the keys run, files, image, advance, fault"),
]


# ----------------------------------------------------------------------------------------------
# Checks
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


class BuiltByTaskCheck(CheckBase):
    """The tag exists and its manifest was produced by an ACR task run (quick build, task or az acr run)."""

    kind: Literal["built_by_task"]
    registry: str
    repository: str
    tag: str


Check = Annotated[
    Union[AzCheck, ScriptCheck, RegistryCheck, AccessCheck, RoleLimitCheck, RoleAssignmentCheck, ImageCheck,
          ReplicaCheck, RetentionCheck, TokenScopeCheck, LoginCheck, DeploymentImageCheck, BuiltByTaskCheck],
    Field(discriminator="kind"),
]
CHECK_KINDS = ("az", "script", "registry", "access", "role_limit", "role_assignment", "image", "replica",
               "retention", "token_scope", "login", "deployment_image", "built_by_task")


class Task(Strict):
    id: str = Field(pattern=ID_RE)
    title: str
    checks: list[Check] = Field(min_length=1)


class Solution(Strict):
    bash: str
    pwsh: str | None = None
    bicep: str | None = None
    arm: str | None = None


class Scenario(Strict):
    id: str = Field(pattern=ID_RE)
    title: str
    objective: str
    """The AZ-104 skill this practises."""
    seed_sections: list[str] = Field(min_length=1)
    concepts: list[str] = Field(min_length=1)
    """Concept keys from the seed (see acrlab/labs/concepts.py) this scenario exercises."""
    difficulty: Literal["beginner", "intermediate", "advanced"]
    minutes: int = Field(ge=1, le=240)
    troubleshooting: bool = False
    resource_group: str = "{{rg}}"
    """Where Bicep/ARM submissions are deployed."""
    deployment_parameters: dict[str, str] = Field(default_factory=dict)
    variables: dict[str, Variable] = Field(default_factory=dict)
    narrative: str
    setup: list[SetupStep] = Field(default_factory=list)
    tasks: list[Task] = Field(min_length=1)
    hints: list[str] = Field(min_length=1)
    explanation: str
    solution: Solution
    requires: list[str] = Field(default_factory=list)
    """Engine features the set-up and solution rely on (documentation; tests mark missing ones)."""

    @field_validator("variables")
    @classmethod
    def _var_names(cls, v: dict[str, Variable]) -> dict[str, Variable]:
        for name in v:
            if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
                raise ValueError(f"variable name {name!r} must be lower_snake_case")
        return v

    @model_validator(mode="after")
    def _unique_ids(self):
        seen: set[str] = set()
        for t in self.tasks:
            for c in t.checks:
                if c.id in seen:
                    raise ValueError(f"duplicate check id {c.id!r}")
                seen.add(c.id)
        for t in self.tasks:
            for c in t.checks:
                for r in c.requires:
                    if r not in seen or r == c.id:
                        raise ValueError(f"check {c.id!r} requires unknown check {r!r}")
        return self

    def checks(self) -> list[tuple[Task, Any]]:
        return [(t, c) for t in self.tasks for c in t.checks]

    @property
    def max_score(self) -> float:
        return sum(c.points for _, c in self.checks())
