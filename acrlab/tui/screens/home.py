"""Home: readiness by objective, cards due, recent results, and what to do next."""

from __future__ import annotations

import json
import time

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Label, Static

from ..services import Unavailable
from ..widgets.bars import Bars


def weakest_first(readiness: dict[str, float]) -> list[tuple[str, float]]:
    """Objectives by readiness, lowest first (ties by name), so the ones to practise lead the card."""
    return sorted(readiness.items(), key=lambda item: (item[1], item[0]))


class HomeScreen(Screen):
    CSS_PATH = "home.tcss"
    _filled: tuple | None = None
    """`_generation()` when the content was last filled in."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home"):
            yield Static("", id="next-step", markup=False)  # names errors and paths
            with Horizontal(id="card-start"):
                yield Button("Labs (F4)", id="go-labs", variant="primary", compact=True)
                yield Button("Learn (F3)", id="go-learn", compact=True)
                yield Button("Practice quiz (F6)", id="go-quiz", compact=True)
                yield Button("Exam (F7)", id="go-exam", compact=True)
            with Horizontal(id="home-grid"):
                with Vertical(classes="card", id="card-readiness"):
                    yield Label("Readiness (quiz, labs, exams)", classes="card-title")
                    yield Bars(id="readiness", threshold=0.7, more_text="+{n} more: Progress (F9)")
                with VerticalScroll(id="home-right"):
                    with Vertical(classes="card", id="card-due"):
                        yield Label("Review", classes="card-title")
                        yield Static("", id="due")
                        yield Button("Review due cards (F8)", id="go-review", compact=True)
                    with Vertical(classes="card", id="card-recent"):
                        yield Label("Recent results", classes="card-title")
                        yield Static("", id="recent", markup=False)  # lab ids from the store
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Home"
        try:
            ready = self.app.services.course_index(cached_only=True) is not None
        except Unavailable:
            ready = False
        if ready:  # the cached index answers at once: the first frame has the content
            self.refresh_data()
        else:
            self.query_one("#next-step", Static).update("Loading your progress…")
        self.call_after_refresh(self.load_bank)  # after the first frame: parsing competes for the GIL

    @work(thread=True, exclusive=True)
    def load_bank(self) -> None:
        """Read what readiness needs off the UI thread (a small cached index; parsing the bank on its first run),
        show it, then load the whole bank for the quiz and exam screens while the learner reads."""
        svc = self.app.services
        if not svc.index_loaded:
            try:
                svc.course_index()
            except Unavailable:
                pass  # refresh_data shows the message
            self.app.call_from_thread(self.refresh_data)
        try:
            svc.bank()
        except Unavailable:
            pass

    def on_resize(self) -> None:
        self.call_after_refresh(self.fit_readiness)

    def fit_readiness(self) -> None:
        """Give the readiness bars the lines the grid has (card border and title take 3)."""
        grid = self.query_one("#home-grid")
        self.query_one("#readiness", Bars).fit(max(2, grid.size.height - 3) if grid.size.height else None)

    def on_screen_resume(self) -> None:
        """Back on the home screen: refill it when anything it shows may have changed (the screen resumes twice while
        the app starts, right after on_mount filled it: refilling then only delayed the first frame)."""
        if self.app.services.index_loaded and (self._filled is None or self._filled != self._generation()):
            self.refresh_data()

    def _generation(self) -> tuple | None:
        """What the content depends on besides the files: the progress store's writes (this connection's and other
        processes') and the minute (cards fall due and memories fade with time). None when it cannot be told."""
        try:
            conn = self.app.services.store().conn
            version = conn.execute("PRAGMA data_version").fetchone()[0]
            return conn.total_changes, version, int(time.time() // 60)
        except Exception:  # noqa: BLE001 - an unreadable store: refresh_data says what is wrong
            return None

    def refresh_data(self) -> None:
        svc = self.app.services
        self._filled = self._generation()
        problems: list[str] = []
        readiness: dict[str, float] = {}
        due: list[str] = []
        labs: list[dict] = []
        exams: list[dict] = []
        try:
            readiness = svc.readiness()
            due = svc.due_cards()
            labs = svc.store().lab_grades()
            exams = svc.store().exam_reports()
        except Unavailable as e:
            problems.append(str(e))
        except Exception as e:  # noqa: BLE001 - a bad store must not take the home screen down
            problems.append(f"progress could not be read: {e}")
        title = svc.objective_title
        self.query_one("#readiness", Bars).set_rows(
            [(title(obj), value, f"{value * 100:.0f}%") for obj, value in weakest_first(readiness)])
        self.query_one("#due", Static).update(
            f"{len(due)} card(s) due now." if due else "No cards due. Answer quiz questions (F6) to build your deck.")
        recent = [(r["created_at"], f"lab {r['scenario_id']}: {r['score']:g}/{r['max_score']:g}") for r in labs]
        for r in exams:
            recent.append((r["created_at"], f"exam: {r['scaled']} ({'pass' if r['passed'] else 'fail'})"))
        recent.sort(reverse=True)
        self.query_one("#recent", Static).update(
            "\n".join(f"{when[:16].replace('T', ' ')}  {text}" for when, text in recent[:6])
            or "Nothing yet: grade a lab (ctrl+g in a lab) or finish an exam (F7).")
        self.query_one("#next-step", Static).update(self._next_step(readiness, due, labs, exams, problems, title))

    @staticmethod
    def _next_step(readiness, due, labs, exams, problems, title=str) -> str:
        if problems:
            return "⚠ " + "\n".join(problems)
        if due:
            return f"Next: review {len(due)} due card(s) (F8) — spaced repetition keeps what you learnt."
        if not labs:
            return "Next: open a lab (F4) and do it hands-on; ctrl+p finds any lab or screen."
        if readiness:
            weakest = min(readiness, key=readiness.get)
            if readiness[weakest] < 0.7:
                return (f"Next: practise '{title(weakest)}' (F6): it is your weakest objective "
                        f"({readiness[weakest]:.0%}).")
        if not exams:
            return "Next: take a short exam (F7) to see where you stand."
        last = json.loads(exams[-1]["report"]) if exams[-1].get("report") else {}
        return f"Last exam: {last.get('scaled', '?')}. Keep practising the weak sections, then try another."

    @on(Button.Pressed)
    def _go(self, event: Button.Pressed) -> None:
        target = (event.button.id or "").removeprefix("go-")
        self.app.action_go(target)
