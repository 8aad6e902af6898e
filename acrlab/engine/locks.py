"""Management locks (Microsoft.Authorization/locks) at subscription, resource group or resource scope, honoured by
every control-plane request after RBAC (Cloud.require's hooks):

- CanNotDelete: the scope and everything under it can be read and changed, not deleted;
- ReadOnly: nothing can be changed or deleted, and POST actions such as listCredentials are refused too (they are
  writes to Resource Manager: a read-only registry cannot show its admin credentials).

Locks govern the control plane only: pushing and pulling images goes on. Deleting a resource group is refused while
any lock sits on it or on something inside it. Creating or deleting a lock needs Microsoft.Authorization/locks/*
(Owner or User Access Administrator; Contributor cannot). The refusal is ARM's ScopeLocked (409).

Sources: Azure Resource Manager docs, lock-resources.md ("Lock your resources to protect your infrastructure");
error text as ARM returns it (azure-cli issue 20232, Azure/apiops issue 606)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import ArmError
from .record import Record

if TYPE_CHECKING:
    from .cloud import Cloud
    from .tenant import Principal

LOCKS = "Microsoft.Authorization/locks"
LEVELS = ("CanNotDelete", "ReadOnly")
NOT_LOCKED = ("Microsoft.Authorization/",)
"""Role assignments and the locks themselves are managed under a lock (a lock must be removable)."""
DATA_LIKE = ("/pull/read", "/push/write", "/artifacts/delete", "/sign/write", "/quarantine/", "/trustedcollections/")
"""Registry data-plane permissions that also appear as actions: locks do not stop image pushes and pulls."""


class ManagementLock(Record):
    name: str
    scope: str
    """The id of what is locked: `/subscriptions/s`, `/subscriptions/s/resourceGroups/g` or a resource id."""
    level: str
    notes: str | None = None

    @property
    def id(self) -> str:
        return f"{self.scope.rstrip('/')}/providers/{LOCKS}/{self.name}"

    def to_json(self) -> dict:
        """`az lock show` (ManagementLockObject as az prints it)."""
        parts = self.scope.split("/")
        rg = parts[4] if len(parts) > 4 and parts[3].lower() == "resourcegroups" else None
        return {"id": self.id, "level": self.level, "name": self.name, "notes": self.notes, "owners": None,
                "resourceGroup": rg, "type": LOCKS}


def locks(cloud: Cloud) -> dict[str, ManagementLock]:
    """Every lock, by lower-case lock id."""
    return cloud.state.setdefault("locks", {})


def _under(child: str, parent: str) -> bool:
    c, p = child.lower().rstrip("/"), parent.lower().rstrip("/")
    return c == p or c.startswith(p + "/")


def blocking(cloud: Cloud, action: str, scope: str) -> tuple[str, list[ManagementLock]]:
    """(operation, the locks that refuse `action` at `scope`); operation is 'delete' or 'write'."""
    low = action.lower()
    if any(low.startswith(x.lower()) for x in NOT_LOCKED) or any(x in low for x in DATA_LIKE):
        return "", []
    if low.endswith("/delete"):
        found = [lk for lk in locks(cloud).values() if _under(scope, lk.scope) or _under(lk.scope, scope)]
        return "delete", found
    if low.endswith("/write") or low.endswith("/action"):
        return "write", [lk for lk in locks(cloud).values() if lk.level == "ReadOnly" and _under(scope, lk.scope)]
    return "", []


def check(cloud: Cloud, principal: Principal, action: str, scope: str) -> None:
    operation, found = blocking(cloud, action, scope)
    if found:
        names = ", ".join(f"'{lk.scope}'" for lk in sorted(found, key=lambda lk: lk.scope.lower()))
        raise ArmError("ScopeLocked", scope=scope, operation=operation, locked=names)


def install(cloud: Cloud) -> None:
    cloud.state.setdefault("require_hooks", []).append(check)
