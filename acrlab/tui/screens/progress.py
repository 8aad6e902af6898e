"""Progress: scores over time (sparklines) and readiness per objective (bars)."""

from __future__ import annotations

from collections import OrderedDict

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, Sparkline, Static

from ..services import Unavailable
from ..widgets.bars import Bars


def daily_accuracy(answers: list[dict]) -> OrderedDict[str, float]:
    """Fraction of points earned per day, oldest first."""
    days: OrderedDict[str, list[int]] = OrderedDict()
    for a in answers:
        day = str(a["answered_at"])[:10]
        tally = days.setdefault(day, [0, 0])
        tally[0] += int(a["earned"])
        tally[1] += int(a["possible"])
    return OrderedDict((d, (e / p if p else 0.0)) for d, (e, p) in days.items())


class ProgressScreen(Screen):
    CSS_PATH = "home.tcss"

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="progress"):
            yield Static("", id="progress-message", classes="message", markup=False)
            with Vertical(classes="card"):
                yield Label("Exam scores over time (scaled, 700 passes)", classes="card-title")
                yield Sparkline([], id="exam-spark")
                yield Static("", id="exam-summary")
            with Vertical(classes="card"):
                yield Label("Lab scores over time (%)", classes="card-title")
                yield Sparkline([], id="lab-spark")
                yield Static("", id="lab-summary")
            with Vertical(classes="card"):
                yield Label("Practice accuracy per day (%)", classes="card-title")
                yield Sparkline([], id="practice-spark")
                yield Static("", id="practice-summary")
            with Vertical(classes="card"):
                yield Label("Readiness per objective: how likely you are to recall its questions today, with your latest lab "
                            "and exam results on it (70% marks ready)", classes="card-title")
                yield Bars(id="progress-readiness", threshold=0.7, max_label=56)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Progress"
        self.refresh_data()

    def on_screen_resume(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        svc = self.app.services
        try:
            store = svc.store()
            exams = store.exam_reports()
            labs = store.lab_grades()
            answers = store.answers()
            readiness = svc.readiness()
        except Unavailable as e:
            self.query_one("#progress-message", Static).update(f"Progress is not available: {e}")
            return
        except Exception as e:  # noqa: BLE001 - a damaged store is reported on screen
            self.query_one("#progress-message", Static).update(f"Progress could not be read: {e}")
            return
        scaled = [float(r["scaled"] or 0) for r in exams]
        self._series("exam", scaled, f"{len(scaled)} exam(s); last {scaled[-1]:.0f}, best {max(scaled):.0f}"
                     if scaled else "No exams yet: take a short one with F7 (Exam).")
        lab_pct = [100 * r["score"] / r["max_score"] if r["max_score"] else 0 for r in labs]
        self._series("lab", lab_pct, f"{len(lab_pct)} graded lab run(s); last {lab_pct[-1]:.0f}%"
                     if lab_pct else "No graded labs yet: open a lab (F4) and press ctrl+g to check your work.")
        daily = daily_accuracy(answers)
        self._series("practice", [100 * v for v in daily.values()],
                     f"{len(answers)} answer(s) over {len(daily)} day(s)" if answers
                     else "No answers yet: practise with F6 (Quiz).")
        self.query_one("#progress-readiness", Bars).set_rows(
            [(svc.objective_title(o), v, f"{v * 100:.0f}%") for o, v in sorted(readiness.items())])

    def _series(self, name: str, values: list[float], summary: str) -> None:
        """A sparkline for the values (hidden while there are none: an empty one draws a full bar)."""
        spark = self.query_one(f"#{name}-spark", Sparkline)
        spark.data = values or [0]
        spark.set_class(not values, "-hidden")
        self.query_one(f"#{name}-summary", Static).update(summary)
