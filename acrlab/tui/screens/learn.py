"""Learn: the seed's concepts as Markdown pages, each linking to its labs, questions and notebook."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Markdown, OptionList
from textual.widgets.option_list import Option

from ..learn import Page, PageError, labs_for, notebook_markdown, page, pages
from ..services import Unavailable


class LearnScreen(Screen):
    CSS_PATH = "lists.tcss"

    current_slug: str | None = None
    """The page shown last (the notebook view links back to it)."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="learn"):
            yield OptionList(id="learn-index")
            with VerticalScroll(id="learn-page"):
                yield Markdown("", id="learn-body")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Learn"
        index = self.query_one("#learn-index", OptionList)
        try:
            all_pages = pages()
        except PageError as e:
            self.query_one("#learn-body", Markdown).update(f"The learn pages could not be read: {e}")
            return
        index.add_options([Option(f"{p.section:>4} {p.title}", id=p.slug) for p in all_pages])
        if all_pages:
            index.highlighted = 0
            self.show_page(all_pages[0].slug)
        index.focus()

    def show_page(self, slug: str) -> None:
        p = page(slug)
        if p is None:
            self.notify(f"no learn page {slug!r}", severity="warning")
            return
        index = self.query_one("#learn-index", OptionList)
        try:
            index.highlighted = index.get_option_index(slug)
        except Exception:  # noqa: BLE001 - the option list may not be filled yet
            pass
        self.query_one("#learn-body", Markdown).update(self.render_page(p))
        self.query_one("#learn-page", VerticalScroll).scroll_home(animate=False)

    def render_page(self, p: Page) -> str:
        """The page plus a 'Practise it' section with links the screen understands."""
        labs: list[tuple[str, str]] = []
        note = ""
        try:
            labs = labs_for(p, self.app.services.scenarios())
        except Unavailable as e:
            note = f"- Labs are not available in this build yet ({e})"
        lines = [p.body, "", "---", "", "## Practise it", ""]
        lines += [f"- Lab: [{title}](lab:{sid})" for sid, title in labs]
        if note:
            lines.append(note)
        lines.append("- [Open the sandbox terminal](lab:sandbox) and try the commands above")
        for obj in p.objectives:
            lines.append(f"- Questions: [practise {obj}](quiz:{obj})")
        for nb in p.notebooks:
            lines.append(f"- Notebook: [{nb}](notebook:{nb}) (read it here; run it with `jupyter lab {nb}`)")
        lines += ["", f"*Seed section {p.section}.*"]
        self.current_slug = p.slug
        return "\n".join(lines)

    def show_notebook(self, name: str) -> None:
        """The notebook's cells, read-only, with the command that opens it in Jupyter and a way back."""
        back = self.current_slug
        head = [f"*Read-only view of `{name}`. Run it: `jupyter lab {name}`.*"]
        if back:
            head.append(f"[← back to the page](learn:{back})")
        self.query_one("#learn-body", Markdown).update("\n\n".join(head + ["---", notebook_markdown(name)]))
        self.query_one("#learn-page", VerticalScroll).scroll_home(animate=False)

    @on(OptionList.OptionSelected, "#learn-index")
    @on(OptionList.OptionHighlighted, "#learn-index")
    def _picked(self, event) -> None:
        if event.option.id:
            self.query_one("#learn-body", Markdown).update(self.render_page(page(event.option.id)))

    @on(Markdown.LinkClicked)
    def _link(self, event: Markdown.LinkClicked) -> None:
        event.prevent_default()
        href = event.href
        kind, _, target = href.partition(":")
        if kind == "lab":
            self.app.open_lab(None if target == "sandbox" else target)
        elif kind == "quiz":
            self.app.action_go("quiz")
            self.app.call_after_refresh(lambda: getattr(self.app.screen, "start_objective", lambda o: None)(target))
        elif kind == "learn":
            self.show_page(target)
        elif kind == "notebook":
            self.show_notebook(target)
        else:
            self.notify(f"external link: {href}")
