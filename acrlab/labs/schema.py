"""The scenario file format: pydantic models with discriminated unions for set-up steps and checks.

A scenario is graded on the state it leaves behind, whatever the path (CLI, PowerShell, Bicep, TUI).
Set-up steps are told apart by their key (`run:`, `files:`, `image:`, `advance:`, `fault:`), checks
by their `kind:`. Strings may use `{{ var }}` placeholders for the per-student variables.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, Tag, field_validator, model_validator

from .schema_checks import (  # noqa: F401
    CHECK_KINDS,
    ID_RE,
    AccessCheck,
    AzCheck,
    BuiltByTaskCheck,
    Check,
    CheckBase,
    DeploymentImageCheck,
    Expect,
    ImageCheck,
    LoginCheck,
    PushedByCheck,
    RegistryCheck,
    ReplicaCheck,
    RetentionCheck,
    RoleAssignmentCheck,
    RoleLimitCheck,
    ScriptCheck,
    Strict,
    TokenScopeCheck,
)


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


Fault = Annotated[RegistryFault | LockFault | AssignRoleFault | RemoveRoleFault, Field(discriminator="action")]


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
    Annotated[RunStep, Tag("run")] | Annotated[FilesStep, Tag("files")] | Annotated[ImageStep, Tag("image")] | Annotated[AdvanceStep, Tag("advance")] | Annotated[FaultStep, Tag("fault")],
    Discriminator(_step_tag, custom_error_type="unknown_step",
                  custom_error_message="a set-up step needs one of the keys run, files, image, advance, fault"),
]


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
    objectives: list[str] = Field(default_factory=list)
    """Objective ids from the course vocabulary (acrlab/objectives.py): a failed check schedules their review."""
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
