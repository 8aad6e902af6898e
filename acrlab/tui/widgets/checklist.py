"""A task checklist whose ticks the screen sets as checks pass."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static


class Checklist(Vertical):
    """One line per task: ☐ until the screen marks it done, then ☑ (styled by the `-done` class)."""

    def __init__(self, tasks: list[tuple[str, str]], **kw) -> None:
        super().__init__(**kw)
        self.tasks = tasks
        self.done: dict[str, bool] = {}

    def compose(self) -> ComposeResult:
        if not self.tasks:
            yield Static("(no tasks)", classes="task-empty")
        for k, (task_id, text) in enumerate(self.tasks):
            yield Static(f"☐ {k + 1}. {text}", classes="task", id=f"task-{k}", name=task_id, markup=False)

    def set_done(self, done: dict[str, bool]) -> None:
        self.done = dict(done)
        for k, (task_id, text) in enumerate(self.tasks):
            ok = bool(done.get(task_id))
            line = self.query_one(f"#task-{k}", Static)
            line.update(f"{'☑' if ok else '☐'} {k + 1}. {text}")
            line.set_class(ok, "-done")

    @property
    def done_count(self) -> int:
        return sum(1 for t, _ in self.tasks if self.done.get(t))
