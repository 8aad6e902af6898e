"""QuestionView: renders one quiz item of any type and reads the learner's response from its controls."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Checkbox, Label, Markdown, RadioButton, RadioSet, Select, Static, TextArea

LETTERS = "ABCDEFGH"


class _Wrapping:
    """A toggle whose label wraps onto further lines instead of being cut off with an ellipsis."""

    def get_content_height(self, container, viewport, width: int) -> int:
        return max(1, len(self.render().wrap(max(1, width))))


class ChoiceButton(_Wrapping, RadioButton):
    """One option of a single-answer item."""


class ChoiceBox(_Wrapping, Checkbox):
    """One option or step of a multiple-answer or ordering item; `choice` is the value it stands for."""

    def __init__(self, text: str, choice: Any, **kw) -> None:
        super().__init__(Content(text), **kw)
        self.text = text
        self.choice = choice


class ChoiceList(Vertical):
    """The boxes of a multi-answer or ordering item; up/down move between them, space ticks."""

    BINDINGS = [Binding("down", "move(1)", "Next option", show=False),
                Binding("up", "move(-1)", "Previous option", show=False)]

    def action_move(self, step: int) -> None:
        boxes = [box for box in self.query_children(ChoiceBox) if box.can_focus]
        if not boxes:
            return
        focused = self.screen.focused
        k = boxes.index(focused) if focused in boxes else -step
        boxes[max(0, min(len(boxes) - 1, k + step))].focus()


class YesNoRow(Horizontal):
    """One statement of a Yes/No series with its own explicit Yes and No buttons."""

    def __init__(self, number: int, text: str, **kw) -> None:
        super().__init__(classes="yesno-row", **kw)
        self.number = number
        self.text = text

    def compose(self) -> ComposeResult:
        yield Static(f"{self.number}. {self.text}", classes="yesno-text", markup=False)
        with RadioSet(classes="yesno-pick"):
            yield RadioButton("Yes")
            yield RadioButton("No")

    @property
    def answer(self) -> bool | None:
        """True for Yes, False for No, None while neither is pressed."""
        idx = self.query_one(RadioSet).pressed_index
        return None if idx < 0 else idx == 0

    @answer.setter
    def answer(self, value: bool | None) -> None:
        if value is None:
            return
        list(self.query_one(RadioSet).query(RadioButton))[0 if value else 1].value = True


class QuestionView(Vertical):
    """Build from an item (a quiz model); `response()` gives the value `score_item` expects."""

    DEFAULT_CSS = """
    QuestionView { height: auto; }
    QuestionView .q-stem { margin: 0; }
    QuestionView .q-hint { color: $text-muted; }
    QuestionView RadioSet, QuestionView .choices { height: auto; width: 1fr; }
    QuestionView .choices { border: tall $border-blurred; background: $surface; padding: 0 1; }
    QuestionView .choices:focus-within { border: tall $border; }
    QuestionView RadioButton, QuestionView ChoiceBox { width: 1fr; height: auto; text-wrap: wrap; }
    QuestionView .blank-row { height: auto; }
    QuestionView .blank-row Label { width: 14; padding: 1 1 0 0; }
    QuestionView .blank-row Select { width: 1fr; }
    QuestionView TextArea { height: 8; }
    QuestionView .sub { height: auto; border-top: solid $primary-darken-2; padding-top: 1; }
    QuestionView .yesno { height: auto; border: tall $border-blurred; background: $surface; }
    QuestionView .yesno:focus-within { border: tall $border; }
    QuestionView .yesno-row { height: auto; padding: 0 1; }
    QuestionView .yesno-row:focus-within { background: $boost; }
    QuestionView .yesno-text { width: 1fr; padding: 0 1 0 0; }
    QuestionView RadioSet.yesno-pick { width: auto; height: auto; layout: horizontal; border: none; padding: 0; }
    QuestionView RadioSet.yesno-pick RadioButton { width: auto; }
    """

    def __init__(self, item: Any, display_options: Any = None, display_steps: Any = None, **kw) -> None:
        super().__init__(**kw)
        self.item = item
        self.display_options = display_options
        self.display_steps = display_steps
        self.order: dict[str, list[Any]] = {}
        """Ordering items: the steps in the order the learner ticked them, per group id."""

    def compose(self) -> ComposeResult:
        yield from self._compose_item(self.item, prefix="q")

    def _compose_item(self, item: Any, prefix: str) -> ComposeResult:
        t = item.type
        if t == "single":
            yield Markdown(item.stem, classes="q-stem")
            with RadioSet(id=f"{prefix}-single"):
                for k, o in enumerate(item.options):
                    yield ChoiceButton(Content(f"{LETTERS[k]}. {o.text}"))
        elif t == "multiple":
            yield Markdown(item.stem, classes="q-stem")
            yield Static(f"Choose {len(item.answer)} (up/down moves, space ticks).", classes="q-hint")
            yield self._choices(f"{prefix}-multi", [(f"{LETTERS[k]}. {o.text}", LETTERS[k])
                                                   for k, o in enumerate(item.options)])
        elif t == "yesno":
            yield Markdown(item.scenario, classes="q-stem")
            yield Static("Answer Yes or No for each statement (arrows pick, enter or space sets, tab moves on).",
                         classes="q-hint")
            yield Vertical(*[YesNoRow(k + 1, st.text, id=f"{prefix}-yesno-{k}")
                             for k, st in enumerate(item.statements)], id=f"{prefix}-yesno", classes="yesno")
        elif t == "solution_goal":
            yield Markdown(item.scenario, classes="q-stem")
            yield Static(f"Solution: {item.solution}", classes="q-solution", markup=False)
            yield Static(f"{item.stem} You cannot return to this question once you leave it.", classes="q-hint")
            with RadioSet(id=f"{prefix}-goal"):
                yield ChoiceButton("Yes")
                yield ChoiceButton("No")
        elif t == "ordering":
            yield Markdown(item.stem, classes="q-stem")
            yield Static("Tick the steps you need in the order you would do them; the number shows your order.",
                         classes="q-hint")
            steps = self.display_steps(item) if self.display_steps else list(item.steps) + list(item.distractors)
            self.order[f"{prefix}-order"] = []
            yield self._choices(f"{prefix}-order", [(s.text, s.id) for s in steps])
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

    @staticmethod
    def _choices(group: str, options: list[tuple[str, Any]]) -> Vertical:
        return ChoiceList(*[ChoiceBox(text, value, compact=True) for text, value in options], id=group,
                          classes="choices")

    def _ticked(self, group: str) -> list[Any]:
        return [box.choice for box in self.query_one(f"#{group}", Vertical).query(ChoiceBox) if box.value]

    @on(Checkbox.Changed)
    def _ticked_changed(self, event: Checkbox.Changed) -> None:
        group = event.checkbox.parent.id if event.checkbox.parent else None
        if group not in self.order or not isinstance(event.checkbox, ChoiceBox):
            return
        order = self.order[group]
        if event.value and event.checkbox.choice not in order:
            order.append(event.checkbox.choice)
        elif not event.value and event.checkbox.choice in order:
            order.remove(event.checkbox.choice)
        for box in self.query_one(f"#{group}", Vertical).query(ChoiceBox):
            n = order.index(box.choice) + 1 if box.choice in order else None
            box.label = Content(f"{n}. {box.text}" if n else box.text)

    def response(self) -> Any:
        return self._response(self.item, "q")

    def restore(self, response: Any) -> None:
        """Show a previously given answer again (single, multiple, yes/no, ordering, dropdown)."""
        t = self.item.type
        if response is None:
            return
        if t == "single":
            buttons = list(self.query_one(RadioSet).query(RadioButton))
            idx = LETTERS.index(response)
            if idx < len(buttons):
                buttons[idx].value = True
        elif t in ("multiple", "ordering"):
            boxes = {box.choice: box for box in self.query(ChoiceBox)}
            for v in response:
                if v in boxes:
                    boxes[v].value = True
        elif t == "yesno":
            for row, value in zip(self.query(YesNoRow), response, strict=False):
                row.answer = value
        elif t == "solution_goal":
            list(self.query_one("#q-goal", RadioSet).query(RadioButton))[0 if response else 1].value = True
        elif t == "dropdown":
            for name, v in response.items():
                self.query_one(f"#q-blank-{name}", Select).value = v

    def _response(self, item: Any, prefix: str) -> Any:
        t = item.type
        if t == "single":
            idx = self.query_one(f"#{prefix}-single", RadioSet).pressed_index
            return LETTERS[idx] if idx >= 0 else None
        if t == "multiple":
            chosen = self._ticked(f"{prefix}-multi")
            return sorted(chosen) if chosen else None
        if t == "yesno":
            answers = [row.answer for row in self.query_one(f"#{prefix}-yesno", Vertical).query(YesNoRow)]
            return answers if any(a is not None for a in answers) else None
        if t == "solution_goal":
            idx = self.query_one(f"#{prefix}-goal", RadioSet).pressed_index
            return None if idx < 0 else idx == 0
        if t == "ordering":
            chosen = set(self._ticked(f"{prefix}-order"))
            ordered = [v for v in self.order.get(f"{prefix}-order", []) if v in chosen]
            return ordered or None
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
