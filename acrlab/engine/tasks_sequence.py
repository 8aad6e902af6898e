"""Run ids and step order for ACR Tasks runs (engine/tasks_runs.py executes the steps).

Run ids follow ACR's sequence: a two-letter prefix and a base-36 counter per registry (ca1 ... ca9, caa ... caz,
ca10). Steps run in file order unless `when` names the steps they wait for (docs: container-registry-tasks-reference-
yaml.md, `when`: "-" starts at once)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .tasks_cmd import StepFailed

if TYPE_CHECKING:
    from .registry import Registry
    from .tasks_runs import Step

B36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def base36(n: int) -> str:
    s = ""
    while n:
        n, r = divmod(n, 36)
        s = B36[r] + s
    return s or "0"


def next_run_id(reg: Registry) -> str:
    """ACR's sequence: ca1 ... ca9, caa ... caz, ca10, ca11 ... (prefix + base-36 counter)."""
    n = reg.extra.get("run_counter", 0) + 1
    reg.extra["run_counter"] = n
    return "ca" + base36(n)


def order_steps(steps: list[Step]) -> list[Step]:
    """Honour `when`: a step waits for the steps it names ("-" = start at once); omitted = after the previous."""
    done: list[Step] = []
    ids = {s.id for s in steps}
    for s in steps:
        for w in s.when or []:
            if w != "-" and w not in ids:
                raise StepFailed(f"step {s.id} depends on unknown step {w}")
    done_ids: set[str] = set()
    waiting = list(range(len(steps)))
    while waiting:
        for pos, idx in enumerate(waiting):
            s = steps[idx]
            deps = s.when if s.when is not None else ([steps[idx - 1].id] if idx else [])
            if all(d == "-" or d in done_ids for d in deps):
                done.append(s)
                done_ids.add(s.id)
                del waiting[pos]
                break
        else:
            raise StepFailed("the steps' when clauses form a cycle")
    return done
