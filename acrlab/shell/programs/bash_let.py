"""bash's `let`: each argument is an arithmetic expression; the status is 1 when the last one is 0."""

from __future__ import annotations

from ..bash_arith import ArithError, evaluate, message
from ..session import IO, Session


def let(sh: Session, argv: list[str], io: IO) -> int:
    from ..bash_vars import ArithEnv, assign

    if not argv:
        io.err("bash: let: expression expected")
        return 1
    value = 0
    for expr in argv:
        try:
            value = evaluate(expr, ArithEnv(sh), setter=lambda name, v: assign(sh, name, v))
        except ArithError as e:
            io.err(f"bash: let: {message(expr, e)}")
            return 1
    return 0 if value else 1


PROGRAMS = {"let": let}
