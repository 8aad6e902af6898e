"""Role assignments and the one authorization decision every operation goes through."""

from __future__ import annotations

import fnmatch
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from .clock import iso
from .record import Record
from .roles import ROLES_BY_GUID, RoleDefinition, find_role

RA_TYPE = "Microsoft.Authorization/roleAssignments"


class RoleAssignment(Record):
    name: str
    """The assignment's GUID."""
    principal_id: str
    principal_type: str | None
    role_guid: str
    scope: str
    condition: str | None = None
    condition_version: str | None = None
    description: str | None = None
    created_on: datetime
    created_by: str
    updated_on: datetime | None = None
    updated_by: str | None = None
    delegated_managed_identity_resource_id: str | None = None
    custom_role: RoleDefinition | None = None
    """The tenant's own definition when the role is a custom role (shared with `cloud.state['custom_roles']`, so an
    `az role definition update` changes what every assignment of it grants)."""

    @property
    def id(self) -> str:
        return f"{self.scope}/providers/{RA_TYPE}/{self.name}"

    def role(self) -> RoleDefinition:
        if self.custom_role is not None:
            return self.custom_role
        role = ROLES_BY_GUID.get(self.role_guid)  # a built-in role's GUID as find_role keys it (lower case)
        if role is not None:
            return role
        role = find_role(self.role_guid)
        assert role is not None
        return role

    def to_json(self, subscription_id: str, principal_name: str | None = None, list_form: bool = False) -> dict:
        """As az prints it: `create` has the PUT response, `list` adds principalName and roleDefinitionName."""
        out = {
            "condition": self.condition,
            "conditionVersion": self.condition_version,
            "createdBy": None if not list_form else self.created_by,
            "createdOn": iso(self.created_on),
            "delegatedManagedIdentityResourceId": self.delegated_managed_identity_resource_id,
            "description": self.description,
            "id": self.id,
            "name": self.name,
            "principalId": self.principal_id,
            "principalType": self.principal_type,
            "roleDefinitionId": f"/subscriptions/{subscription_id}/providers/Microsoft.Authorization/roleDefinitions/"
                                f"{self.role_guid}",
            "scope": self.scope,
            "type": RA_TYPE,
            "updatedBy": self.updated_by or self.created_by,
            "updatedOn": iso(self.updated_on or self.created_on),
        }
        if list_form:
            out["principalName"] = principal_name if principal_name is not None else ""
            out["roleDefinitionName"] = self.role().role_name
        parts = self.scope.split("/")
        if len(parts) > 4 and parts[3].lower() == "resourcegroups":
            out["resourceGroup"] = parts[4]
        return out


def scope_covers(assignment_scope: str, target: str) -> bool:
    """An assignment at a scope applies to that scope and everything beneath it."""
    a = assignment_scope.rstrip("/").lower()
    t = target.rstrip("/").lower()
    return a == "" or t == a or t.startswith(a + "/")


def action_matches(pattern: str, action: str) -> bool:
    if pattern == "*":
        return True
    pattern, action = pattern.lower(), action.lower()
    if "*" not in pattern and "?" not in pattern and "[" not in pattern:  # most patterns: no wildcard at all
        return pattern == action
    return fnmatch.fnmatchcase(action, pattern)


def role_allows(role: RoleDefinition, action: str, data: bool) -> bool:
    """Actions and dataActions are separate planes: `*` in actions never grants a dataAction."""
    allow = role.data_actions if data else role.actions
    for p in allow:  # (loops rather than any(): this runs for every assignment of every decision)
        if action_matches(p, action):
            break
    else:
        return False
    for p in (role.not_data_actions if data else role.not_actions):
        if action_matches(p, action):
            return False
    return True


@dataclass
class Decision:
    """Why a principal may or may not do something: the evidence `lab why-denied` and `--debug` print."""

    allowed: bool
    principal_id: str
    action: str
    scope: str
    data_action: bool = False
    granted_by: list[RoleAssignment] = field(default_factory=list)
    considered: list[RoleAssignment] = field(default_factory=list)
    note: str = ""
    principal_name: str = ""
    repository: str | None = None
    rejected: list[tuple[RoleAssignment, str]] = field(default_factory=list)
    """Assignments that matched the action but did not count, with the reason (condition false, ABAC mode...)."""
    via: dict[str, str] = field(default_factory=dict)
    """Group object id -> display name, for assignments the principal holds through group membership."""

    def _through(self, a: RoleAssignment) -> str:
        name = self.via.get(a.principal_id)
        return f" (through group '{name}')" if name is not None else ""

    def explain(self, principal_name: str = "") -> str:
        who = principal_name or self.principal_name or self.principal_id
        kind = "dataAction" if self.data_action else "action"
        lines = [
            f"{'ALLOWED' if self.allowed else 'DENIED'}: {who} -> {kind} '{self.action}'",
            f"  at scope {self.scope}" + (f" (repository '{self.repository}')" if self.repository else ""),
        ]
        if self.note:
            lines.append(f"  note: {self.note}")
        if self.granted_by:
            lines.append("  granted by:")
            lines += [f"    - {a.role().role_name} at {a.scope}{self._through(a)}"
                      + (f" when {a.condition}" if a.condition else "") for a in self.granted_by]
        elif self.considered:
            lines.append("  role assignments that apply at this scope, none of which grants it:")
            reasons = {id(a): why for a, why in self.rejected}
            for a in self.considered:
                why = reasons.get(id(a)) or f"role '{a.role().role_name}' has no matching {kind}"
                lines.append(f"    - {a.role().role_name} at {a.scope}{self._through(a)}: {why}")
        else:
            lines.append("  no role assignment for this principal applies at this scope")
        return "\n".join(lines)


def assignments_for(assignments, principal_ids: set[str], target_scope: str) -> list[RoleAssignment]:
    t = target_scope.rstrip("/").lower()  # scope_covers, with the target normalised once
    out = []
    for a in assignments:
        if a.principal_id in principal_ids:
            s = a.scope.rstrip("/").lower()
            if s == "" or t == s or t.startswith(s + "/"):
                out.append(a)
    return out


def evaluate(assignments, principal_ids: set[str], action: str, scope: str, data: bool = False,
             condition_ok: Callable[[RoleAssignment], bool | str] | None = None,
             role_filter: Callable[[RoleDefinition], str | None] | None = None) -> Decision:
    """Decide from assignments alone.

    `condition_ok(assignment)` judges an assignment's condition (True, or a reason string when it does not hold);
    without it an assignment with a condition never grants (fail closed). `role_filter(role)` returns a reason
    when the target does not honour the role (ABAC-mode registries), else None."""
    considered = assignments_for(assignments, principal_ids, scope)
    granted: list[RoleAssignment] = []
    rejected: list[tuple[RoleAssignment, str]] = []
    for a in considered:
        role = a.role()
        if not role_allows(role, action, data):
            continue
        if role_filter is not None:
            why = role_filter(role)
            if why:
                rejected.append((a, why))
                continue
        if a.condition:
            verdict = condition_ok(a) if condition_ok is not None else "its condition cannot be evaluated here"
            if verdict is not True:
                rejected.append((a, str(verdict)))
                continue
        granted.append(a)
    pid = next(iter(principal_ids)) if principal_ids else ""
    return Decision(bool(granted), pid, action, scope, data, granted, considered, rejected=rejected)
