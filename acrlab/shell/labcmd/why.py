"""`lab why-denied`: the last authorization denial in this tenant, explained."""

from __future__ import annotations

from ..session import IO, Session


def why_denied(sh: Session, argv: list[str], io: IO) -> int:
    entry = sh.cloud.state.get("last_denial")
    if entry is None:
        io.out("Nothing has been denied yet.")
        return 0
    who, decision = entry if isinstance(entry, tuple) else (entry.get("who"), entry.get("decision"))
    name = getattr(who, "sign_in_name", None) or (who.describe() if hasattr(who, "describe") else str(who))
    io.out(f"Last denial: {name}")
    io.out(decision.explain(name))
    if decision.considered or decision.granted_by:
        io.out("  role assignments considered:")
        for a in decision.considered:
            io.out(f"    {a.name}  {a.role().role_name}  scope={a.scope}"
                   + (f"  condition={a.condition}" if a.condition else ""))
    return 0


COMMANDS = {"why-denied": (why_denied, "explain the last authorization denial: principal, action, scope, assignments")}
