"""What a newcomer trips on in the app, fixed: nothing on these screens is cut or out of order."""

from __future__ import annotations

from acrlab.tui.screens.report import ReportScreen

from .test_lab_play import open_lab


async def test_check_my_work_shows_a_long_lab_title_whole(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_lab(pilot, app, "ci-push-denied")
        await pilot.press("ctrl+g")
        for _ in range(5):
            await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        title = app.screen.query_one("#report-title")
        # then: the title wraps onto a second line instead of losing "docker push is denied"
        assert title.region.height >= 2
        lines = [strip.text for strip in title.render_lines(title.region.reset_offset)]
        assert "docker push is denied" in " ".join(" ".join(lines).split())


async def test_learn_index_lists_whole_titles_in_course_order_without_section_numbers(make_app):
    from acrlab.learnpages import pages

    app = make_app(start="learn")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        index = app.screen.query_one("#learn-index")
        prompts = [str(index.get_option_at_index(k).prompt) for k in range(index.option_count)]
        # then: titles, none cut at 80 columns, none led by a course section number such as "3.1" or "13"
        assert prompts == [p.index_title for p in pages()]
        room = index.scrollable_content_region.width
        assert all(len(text) <= room for text in prompts), [t for t in prompts if len(t) > room]
        assert not any(text.split()[0].replace(".", "").isdigit() for text in prompts)
        # and: the summary comes last, after the page on what AZ-104 adds around the registry
        assert prompts[-2:] == ["Around the registry", "Summary"]
