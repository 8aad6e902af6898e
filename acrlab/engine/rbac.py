"""Role assignments and the one authorization decision every operation goes through."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from datetime import datetime

from pydantic import BaseModel

from .roles import RoleDefinition, find_role


class RoleAssignment(BaseModel):
    name: str
    """The assignment's GUID."""
    principal_id: str
    principal_type: str
    role_guid: str
    scope: str
    condition: str | None = None
    condition_version: str | None = None
    description: str | None = None
    created_on: datetime
    created_by: str

    @property
    def id(self) -> str:
        return f"{self.scope}/providers/Microsoft.Authorization/roleAssignments/{self.name}"

    def role(self) -> RoleDefinition:
        role = find_role(self.role_guid)
        assert role is not None
        return role


def scope_covers(assignment_scope: str, target: str) -> bool:
    """An assignment at a scope applies to that scope and everything beneath it."""
    a = assignment_scope.rstrip("/").lower()
    t = target.rstrip("/").lower()
    return a == "" or t == a or t.startswith(a + "/")


def action_matches(pattern: str, action: str) -> bool:
    return fnmatch.fnmatchcase(action.lower(), pattern.lower())


def role_allows(role: RoleDefinition, action: str, data: bool) -> bool:
    allow = role.data_actions if data else role.actions
    deny = role.not_data_actions if data else role.not_actions
    return any(action_matches(p, action) for p in allow) and not any(action_matches(p, action) for p in deny)


@dataclass
class Decision:
    """Why a principal may or may not do something: the evidence `lab why-denied` prints."""

    allowed: bool
    principal_id: str
    action: str
    scope: str
    data_action: bool = False
    granted_by: list[RoleAssignment] = field(default_factory=list)
    considered: list[RoleAssignment] = field(default_factory=list)
    note: str = ""

    def explain(self, principal_name: str = "") -> str:
        who = principal_name or self.principal_id
        kind = "dataAction" if self.data_action else "action"
        lines = [
            f"{'ALLOWED' if self.allowed else 'DENIED'}: {who} -> {kind} '{self.action}'",
            f"  at scope {self.scope}",
        ]
        if self.note:
            lines.append(f"  note: {self.note}")
        if self.granted_by:
            lines.append("  granted by:")
            lines += [f"    - {a.role().role_name} at {a.scope}" + (f" when {a.condition}" if a.condition else "")
                      for a in self.granted_by]
        elif self.considered:
            lines.append("  assignments that apply at this scope, none of which grants it:")
            lines += [f"    - {a.role().role_name} at {a.scope}" for a in self.considered]
        else:
            lines.append("  no role assignment for this principal applies at this scope")
        return "\n".join(lines)


def assignments_for(assignments, principal_ids: set[str], target_scope: str) -> list[RoleAssignment]:
    return [a for a in assignments if a.principal_id in principal_ids and scope_covers(a.scope, target_scope)]


def evaluate(assignments, principal_ids: set[str], action: str, scope: str, data: bool = False,
             condition_ok=None, role_filter=None) -> Decision:
    """Decide from assignments alone. `condition_ok(assignment)` judges ABAC conditions;
    `role_filter(role)` drops roles that the target does not honour (ABAC mode)."""
    considered = assignments_for(assignments, principal_ids, scope)
    granted = []
    for a in considered:
        role = a.role()
        if role_filter is not None and not role_filter(role):
            continue
        if not role_allows(role, action, data):
            continue
        if a.condition and condition_ok is not None and not condition_ok(a):
            continue
        granted.append(a)
    pid = next(iter(principal_ids)) if principal_ids else ""
    return Decision(bool(granted), pid, action, scope, data, granted, considered)
