"""Command palette provider: every screen, every lab (found by id, title, topic or concept), every learn page,
quiz practice by objective, and the main actions."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from acrlab.objectives import section_title

from .plain import literal
from .services import Unavailable, attr


def highlighted(matcher: Matcher, title: str) -> Content:
    """The title as typed (a lab title from a teacher's scenario file is text, never Rich markup), with the
    letters the query matched highlighted as Textual's `Matcher.highlight` does."""
    content = Content(title)
    score, offsets = matcher.fuzzy_search.match(matcher.query, title)
    for offset in offsets if score else ():
        if not title[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class AcrLabCommands(Provider):
    """Entries are (title, help, callback); searched with Textual's fuzzy matcher. Titles and help lines are
    shown as plain text (the palette reads plain strings as markup)."""

    def _entries(self) -> list[tuple[str, str, object]]:
        from .app import MODE_TITLES
        from .learn import pages

        app = self.app
        out: list[tuple[str, str, object]] = []
        for mode, title in MODE_TITLES.items():
            out.append((f"Go to {title}", f"switch to the {title} screen", partial(app.action_go, mode)))
        out.append(("Help: keys", "every key binding", app.action_help))
        out.append(("Open sandbox lab", "a free terminal on an empty tenant", partial(app.open_lab, None)))
        try:
            for sc in app.services.scenarios():
                sid = attr(sc, "id")
                topic = str(attr(sc, "objective", default="")).removeprefix("AZ-104: ")
                concepts = ", ".join(map(str, attr(sc, "concepts", default=[]) or []))
                objectives = ", ".join(map(str, attr(sc, "objectives", default=[]) or []))
                out.append((f"Open lab: {attr(sc, 'title', default=sid)}",
                            f"lab {sid} · {topic} · {objectives}" + (f" · concepts: {concepts}" if concepts else ""),
                            partial(app.open_lab, sid)))
        except Unavailable:
            pass
        from acrlab.objectives import OBJECTIVES

        for oid, info in OBJECTIVES.items():
            out.append((f"Quiz: {info.title}", f"questions for objective {oid}", partial(app.practise_objective, oid)))
        for page in pages():
            out.append((f"Learn: {page.title}", f"course section: {section_title(page.section)}",
                        partial(app.open_learn_page, page.slug)))
        for action, title in (("check", "Check my work"), ("hint", "Show a hint"), ("reset", "Reset the lab"),
                              ("export", "Export the lab session"), ("advance", "Advance the lab clock")):
            out.append((f"Lab: {title}", "on the open lab", partial(app.run_screen_action, action)))
        out.append(("Portal: Create container registry", "the portal form", partial(app.action_go, "portal")))
        out.append(("Exam: start a short exam", "timed exam", partial(app.action_go, "exam")))
        out.append(("Quit", "leave acrlab", app.exit))
        return out

    async def discover(self) -> Hits:
        for title, help_text, callback in self._entries():
            yield DiscoveryHit(Content(title), callback, text=title, help=literal(help_text))

    async def search(self, query: str) -> Hits:
        """Matched on the title, then on the help line (a lab's id, topic and concepts; an objective's id)."""
        matcher = self.matcher(query)
        for title, help_text, callback in self._entries():
            score = matcher.match(title)
            if score <= 0:
                score = matcher.match(help_text) * 0.8
            if score > 0:
                yield Hit(score, highlighted(matcher, title), callback, text=title, help=literal(help_text))
