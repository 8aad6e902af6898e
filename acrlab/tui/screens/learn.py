"""Learn: the seed's concepts as Markdown pages, each linking to its labs, questions and notebook."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Markdown, OptionList
from textual.widgets.option_list import Option

from acrlab.objectives import section_title

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
                yield OptionList(id="learn-links")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Learn"
        index = self.query_one("#learn-index", OptionList)
        try:
            all_pages = pages()
        except PageError as e:
            self.query_one("#learn-body", Markdown).update(f"The learn pages could not be read: {e}")
            return
        index.add_options([Option(Text(p.index_title), id=p.slug) for p in all_pages])  # course order, no numbers
        if all_pages:
            index.highlighted = 0
            self.show_page(all_pages[0].slug)
        index.focus()

    def show_page(self, slug: str) -> None:
        p = page(slug)
        if p is None:
            self.notify(f"no learn page {slug!r}", severity="warning", markup=False)
            return
        index = self.query_one("#learn-index", OptionList)
        try:
            index.highlighted = index.get_option_index(slug)
        except Exception:  # noqa: BLE001 - the option list may not be filled yet
            pass
        self.query_one("#learn-body", Markdown).update(self.render_page(p))
        self.query_one("#learn-page", VerticalScroll).scroll_home(animate=False)

    def render_page(self, p: Page) -> str:
        """The page plus its 'Practise it' heading; the links go into the focusable list under it."""
        links: list[tuple[str, str]] = []
        note = ""
        try:
            links = [(f"lab:{sid}", f"Lab: {title}") for sid, title in labs_for(p, self.app.services.scenarios())]
        except Unavailable as e:
            note = f"Labs are not available in this build yet ({e})."
        links.append(("lab:sandbox", "Open the sandbox terminal and try the commands above"))
        title = self.app.services.objective_title
        links += [(f"quiz:{obj}", f"Questions: practise {title(obj)}") for obj in p.objectives]
        links += [(f"notebook:{nb}", f"Notebook: {nb} (read it here; run it: acrlab notebooks open {nb.rsplit('/', 1)[-1]})")
                  for nb in p.notebooks]
        self.current_slug = p.slug
        self.set_links(links)
        lines = [p.body, "", "---", "", f"*Course section: {section_title(p.section)}.*", "", "## Practise it", ""]
        if note:
            lines.append(note)
        lines.append("*Tab to the list below, then Enter opens a lab, questions or a notebook.*")
        return "\n".join(lines)

    def set_links(self, links: list[tuple[str, str]]) -> None:
        """Fill the keyboard-followable link list (option id = the link's href)."""
        box = self.query_one("#learn-links", OptionList)
        box.clear_options()
        box.add_options([Option(Text(label), id=href) for href, label in links])

    def show_notebook(self, name: str) -> None:
        """The notebook's cells, read-only, with the command that opens it in Jupyter and a way back."""
        back = self.current_slug
        head = [f"*Read-only view of `{name}`. Run it: `acrlab notebooks open {name.rsplit('/', 1)[-1]}` "
                "(JupyterLab comes with `pip install 'acrlab[notebooks]'`).*"]
        self.set_links([(f"learn:{back}", "← back to the page")] if back else [])
        if back:
            head.append(f"[← back to the page](learn:{back})")
        self.query_one("#learn-body", Markdown).update("\n\n".join(head + ["---", notebook_markdown(name)]))
        self.query_one("#learn-page", VerticalScroll).scroll_home(animate=False)

    @on(OptionList.OptionSelected, "#learn-index")
    @on(OptionList.OptionHighlighted, "#learn-index")
    def _picked(self, event) -> None:
        if event.option.id:
            self.query_one("#learn-body", Markdown).update(self.render_page(page(event.option.id)))

    @on(OptionList.OptionSelected, "#learn-links")
    def _link_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.follow(event.option.id)

    @on(Markdown.LinkClicked)
    def _link(self, event: Markdown.LinkClicked) -> None:
        event.prevent_default()
        self.follow(event.href)

    def follow(self, href: str) -> None:
        """Open what a link names: a lab, an objective's questions, another page or a notebook view."""
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
            self.notify(f"external link: {href}", markup=False)
