"""The registry blade's text: Overview, Repositories, Access control (IAM) — read from the engine."""

from __future__ import annotations

from typing import Any

from acrlab.engine.entra_groups import directory_object
from acrlab.engine.roles import find_role

from ..plain import literal


def _gib(n: int) -> str:
    return f"{n / 1024**3:.2f} GiB" if n >= 1024**3 else f"{n / 1024**2:.1f} MiB"


def _plain(value: Any) -> str:
    """A value of the tenant (names are the learner's) shown as itself, never as markup."""
    return literal(value)


def blade_text(cloud: Any, reg: Any) -> str:
    e = _plain
    lines = [f"[b]{e(reg.name)}[/b]  Container registry", "", "[b]Overview[/b]",
             f"  Resource group    {e(reg.resource_group)}",
             f"  Location          {e(reg.location)}",
             f"  Subscription      {e(cloud.subscription.name)}",
             f"  Login server      {e(reg.login_server)}",
             f"  Pricing plan      {e(reg.sku)}",
             f"  Admin user        {'Enabled' if reg.admin_user_enabled else 'Disabled'}",
             f"  Public access     {e(reg.public_network_access)}",
             f"  Created           {reg.created:%Y-%m-%d %H:%M} UTC",
             f"  Storage used      {_gib(reg.store.storage_bytes())}",
             "", f"[b]Repositories[/b] ({len(reg.store.repositories)})"]
    for name, repo in sorted(reg.store.repositories.items())[:200]:
        lines.append(f"  {e(name)}  ({len(repo.tags)} tags, {len(repo.manifests)} manifests)")
    if len(reg.store.repositories) > 200:
        lines.append(f"  ... and {len(reg.store.repositories) - 200} more")
    if not reg.store.repositories:
        lines.append("  (no repositories yet: push or az acr build an image)")
    lines += ["", "[b]Access control (IAM)[/b]  (role assignments)"]
    scopes = {reg.id.lower(): "This resource",
              f"/subscriptions/{reg.subscription_id}/resourcegroups/{reg.resource_group}".lower(): "Resource group",
              f"/subscriptions/{reg.subscription_id}".lower(): "Subscription (Inherited)"}
    rows = []
    for a in cloud.role_assignments:
        where = scopes.get(a.scope.lower())
        if where is None:
            continue
        p = directory_object(cloud, a.principal_id)
        role = find_role(a.role_guid)
        who = literal((p.sign_in_name or p.display_name) if p else a.principal_id)
        if a.principal_type == "Group":
            who += "  (group)"
        rows.append(f"  {e(role.role_name if role else a.role_guid)}  ·  {where}\n      {who}")
    lines += rows or ["  (none)"]
    return "\n".join(lines)
