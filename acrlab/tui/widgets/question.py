"""QuestionView: renders one quiz item of any type and reads the learner's response from its controls."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, Markdown, RadioButton, RadioSet, Select, SelectionList, Static, TextArea

LETTERS = "ABCDEFGH"


class QuestionView(Vertical):
    """Build from an item (a quiz model); `response()` gives the value `score_item` expects."""

    DEFAULT_CSS = """
    QuestionView { height: auto; }
    QuestionView .q-stem { margin: 0 0 1 0; }
    QuestionView .q-hint { color: $text-muted; }
    QuestionView SelectionList, QuestionView RadioSet { height: auto; max-height: 16; width: 1fr; }
    QuestionView .blank-row { height: auto; }
    QuestionView .blank-row Label { width: 14; padding: 1 1 0 0; }
    QuestionView .blank-row Select { width: 1fr; }
    QuestionView TextArea { height: 8; }
    QuestionView .sub { height: auto; border-top: solid $primary-darken-2; padding-top: 1; }
    """

    def __init__(self, item: Any, display_options: Any = None, display_steps: Any = None, **kw) -> None:
        super().__init__(**kw)
        self.item = item
        self.display_options = display_options
        self.display_steps = display_steps

    def compose(self) -> ComposeResult:
        yield from self._compose_item(self.item, prefix="q")

    def _compose_item(self, item: Any, prefix: str) -> ComposeResult:
        t = item.type
        if t == "single":
            yield Markdown(item.stem, classes="q-stem")
            with RadioSet(id=f"{prefix}-single"):
                for k, o in enumerate(item.options):
                    yield RadioButton(f"{LETTERS[k]}. {o.text}")
        elif t == "multiple":
            yield Markdown(item.stem, classes="q-stem")
            yield Static(f"Choose {len(item.answer)}. (space selects)", classes="q-hint")
            yield SelectionList[str](*[(f"{LETTERS[k]}. {o.text}", LETTERS[k]) for k, o in enumerate(item.options)],
                                     id=f"{prefix}-multi")
        elif t == "yesno":
            yield Markdown(item.scenario, classes="q-stem")
            yield Static("Select each statement that is TRUE (Yes); leave the others (No).", classes="q-hint")
            yield SelectionList[int](*[(s.text, k) for k, s in enumerate(item.statements)], id=f"{prefix}-yesno")
        elif t == "ordering":
            yield Markdown(item.stem, classes="q-stem")
            yield Static("Select the steps you need, in the order you would do them.", classes="q-hint")
            steps = self.display_steps(item) if self.display_steps else list(item.steps) + list(item.distractors)
            yield SelectionList[str](*[(s.text, s.id) for s in steps], id=f"{prefix}-order")
        elif t == "dropdown":
            yield Markdown(item.stem, classes="q-stem")
            yield Static(item.template, classes="q-template", markup=False)
            for name in item.blank_order():
                opts = self.display_options(item, name) if self.display_options else item.blanks[name].options
                with Horizontal(classes="blank-row"):
                    yield Label(f"{{{name}}}")
                    yield Select([(o, o) for o in opts], id=f"{prefix}-blank-{name}", prompt="choose")
        elif t == "case_study":
            yield Markdown(f"## {item.title}\n\n" + "\n\n".join(f"**{k}.** {v}" for k, v in item.scenario.items()),
                           classes="q-stem")
            for k, q in enumerate(item.questions):
                with Vertical(classes="sub"):
                    yield from self._compose_item(q, prefix=f"{prefix}-{k}")
        elif t == "performance":
            yield Markdown(item.stem, classes="q-stem")
            if item.setup:
                yield Static("Already set up:\n" + "\n".join(item.setup), classes="q-hint", markup=False)
            yield Static("Type the commands you would run, one per line:", classes="q-hint")
            yield TextArea("", id=f"{prefix}-perf")
        else:
            yield Static(f"Unsupported item type {t!r}.")

    def response(self) -> Any:
        return self._response(self.item, "q")

    def restore(self, response: Any) -> None:
        """Show a previously given answer again (single, multiple, ordering, dropdown)."""
        t = self.item.type
        if response is None:
            return
        if t == "single":
            buttons = list(self.query_one(RadioSet).query(RadioButton))
            idx = LETTERS.index(response)
            if idx < len(buttons):
                buttons[idx].value = True
        elif t in ("multiple", "ordering"):
            sl = self.query_one(SelectionList)
            for v in response:
                sl.select(v)
        elif t == "dropdown":
            for name, v in response.items():
                self.query_one(f"#q-blank-{name}", Select).value = v

    def _response(self, item: Any, prefix: str) -> Any:
        t = item.type
        if t == "single":
            idx = self.query_one(f"#{prefix}-single", RadioSet).pressed_index
            return LETTERS[idx] if idx >= 0 else None
        if t == "multiple":
            chosen = self.query_one(f"#{prefix}-multi", SelectionList).selected
            return sorted(chosen) if chosen else None
        if t == "yesno":
            chosen = set(self.query_one(f"#{prefix}-yesno", SelectionList).selected)
            return [k in chosen for k in range(len(item.statements))]
        if t == "ordering":
            chosen = self.query_one(f"#{prefix}-order", SelectionList).selected
            return list(chosen) if chosen else None
        if t == "dropdown":
            out = {}
            for name in item.blank_order():
                v = self.query_one(f"#{prefix}-blank-{name}", Select).value
                if isinstance(v, str):
                    out[name] = v
            return out or None
        if t == "case_study":
            out = {}
            for k, q in enumerate(item.questions):
                r = self._response(q, f"{prefix}-{k}")
                if r is not None:
                    out[q.id] = r
            return out or None
        if t == "performance":
            lines = [x.strip() for x in self.query_one(f"#{prefix}-perf", TextArea).text.splitlines()]
            return [x for x in lines if x] or None
        return None
