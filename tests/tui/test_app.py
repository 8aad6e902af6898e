"""The app's frame: every screen is reachable by key and palette, F1 lists every key, keys are remappable."""

from __future__ import annotations

from acrlab.tui.keys import ALL_KEYS
from acrlab.tui.screens.help import HelpScreen

SCREEN_KEYS = {"learn": "f3", "labs": "f4", "portal": "f5", "quiz": "f6", "exam": "f7", "review": "f8",
               "progress": "f9", "home": "f2"}


async def test_every_screen_opens_by_its_key_without_error(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.current_mode == "home"
        for mode, key in SCREEN_KEYS.items():
            await pilot.press(key)
            await pilot.pause()
            assert app.current_mode == mode


async def test_f1_help_lists_every_binding(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("DataTable")
        ids = {table.get_row_at(r)[3] for r in range(table.row_count)}
        assert {k.id for k in ALL_KEYS} <= ids
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_palette_provider_reaches_screens_labs_pages_and_actions(make_app):
    from acrlab.tui.palette import AcrLabCommands

    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        provider = AcrLabCommands(app.screen)
        titles = [t for t, _h, _c in provider._entries()]
        for title in ("Go to Home", "Go to Learn", "Go to Labs", "Go to Portal", "Go to Quiz practice",
                      "Go to Exam", "Go to Review", "Go to Progress", "Help: keys", "Open sandbox lab",
                      "Lab: Check my work", "Quit"):
            assert title in titles
        assert any(t.startswith("Learn: ") for t in titles)
        entry = dict((t, c) for t, _h, c in provider._entries())
        entry["Go to Portal"]()
        await pilot.pause()
        assert app.current_mode == "portal"


async def test_ctrl_p_opens_the_command_palette_and_runs_an_entry(make_app):
    from textual.command import CommandPalette

    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"go to exam")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_mode == "exam"


async def test_keys_toml_remaps_a_binding(make_app, tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    (home / "keys.toml").write_text('[keys]\nportal = "ctrl+o"\n')
    monkeypatch.setenv("ACRLAB_HOME", str(home))
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert app.current_mode == "portal"
        await pilot.press("f2")
        await pilot.press("f5")  # the old key no longer opens the portal
        await pilot.pause()
        assert app.current_mode == "home"


async def test_ctrl_q_quits(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code in (0, None)
