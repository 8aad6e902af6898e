"""`lab subscription add NAME [--id GUID]` / `lab subscription list`: the tenant's subscriptions.

A new lab's tenant has one subscription. Adding another makes a second ARM scope (/subscriptions/<id>) with its own
resource groups, owned by the learner as a subscription's creator is; az and the Az cmdlets keep working in the current
one until the learner switches (`az account set`, `Set-AzContext`) or names a resource id.
"""

from __future__ import annotations

from ..session import IO, Session

USAGE = "usage: lab subscription add NAME [--id GUID]   |   lab subscription list"


def subscription(sh: Session, argv: list[str], io: IO) -> int:
    if argv[:1] == ["list"] and len(argv) == 1:
        cloud = sh.cloud
        for s in cloud.tenant.subscriptions.values():
            mark = " (default)" if s is cloud.subscription else ""
            io.out(f"{s.subscription_id}  {s.name}{mark}")
        return 0
    if argv[:1] != ["add"] or len(argv) not in (2, 4) or (len(argv) == 4 and argv[2] != "--id"):
        io.err(USAGE)
        return 2
    try:
        sub = sh.cloud.add_subscription(argv[1], argv[3] if len(argv) == 4 else None)
    except ValueError as e:
        io.err(f"lab subscription: {e}")
        return 1
    io.out(f"Added subscription '{sub.name}' ({sub.subscription_id}); "
           f"{sh.cloud.learner.user_principal_name} is its Owner. Switch to it with: az account set -s {sub.subscription_id}")
    return 0


COMMANDS = {"subscription": (subscription, "add a subscription to the tenant, or list them: lab subscription add Dev")}
