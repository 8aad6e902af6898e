"""`acrlab serve` on loopback in headless Chromium: two browsers are two learners (each reaches the home screen,
work typed in one is saved in its own learner home only, a reload keeps the learner); the page is offline."""

from __future__ import annotations

import asyncio
import io
import os
import shutil
import time
from pathlib import Path

import pytest

from .cdp import Chromium, free_port, wait_for_port
from .serve_client import start_server, stop_server

CHROMIUM = "/usr/bin/chromium"


def home_screen_visible(png: bytes) -> bool:
    """The home screen's 'next step' bar (theme accent, orange) and primary blue card borders are on screen;
    textual-serve's loading splash has neither."""
    from PIL import Image

    img = Image.open(io.BytesIO(png)).convert("RGB")
    px = img.load()
    orange = blue = 0
    for y in range(0, img.size[1], 2):
        for x in range(0, img.size[0], 2):
            r, g, b = px[x, y]
            if r > 200 and 120 < g < 190 and b < 90:
                orange += 1
            if b > 180 and r < 120 and 90 < g < 190:
                blue += 1
    return orange > 50 and blue > 500

def lab_screen_visible(png: bytes) -> bool:
    """The lab screen: its green prompts and Check button (the home screen has no green)."""
    from PIL import Image

    img = Image.open(io.BytesIO(png)).convert("RGB")
    px = img.load()
    green = sum(1 for y in range(0, img.size[1], 2) for x in range(0, img.size[0], 2)
                if px[x, y][1] > 170 and px[x, y][0] < 140 and px[x, y][2] < 140)
    return green > 200


def app_homes() -> dict[int, str]:
    """The running session processes (`acrlab.tui.served`) and the learner home each was given."""
    found = {}
    for proc in Path("/proc").iterdir():
        try:
            argv = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"acrlab.tui.served" in argv and b"--home" in argv:
            found[int(proc.name)] = argv[argv.index(b"--home") + 1].decode()
    return found


def saved_lab_mentions(home: Path, text: str) -> bool:
    folder = home / "labs-in-progress"
    return folder.exists() and any(text in f.read_text() for f in folder.glob("*.json"))


async def two_learners(base: str, root: Path, shots: Path) -> None:
    one, two = Chromium(CHROMIUM), Chromium(CHROMIUM)  # two profiles: two browsers with their own cookies
    try:
        async with one.page(base + "/") as a, two.page(base + "/") as b:
            for page, name in ((a, "a"), (b, "b")):
                assert await page.wait_for(home_screen_visible, shots / f"{name}.png", 90), \
                    f"browser {name}: the home screen did not appear; see {shots / f'{name}.png'}"
            homes = sorted((root / "classroom").glob("browser-*"))
            assert len(homes) == 2, homes  # two learners
            await a.evaluate("document.querySelector('.xterm-helper-textarea').focus()")
            await a.key("F4")
            await asyncio.sleep(1.5)
            await a.key("Enter")  # the sandbox lab
            await asyncio.sleep(3)
            await a.type("az group create -n rg-chromium -l eastus")
            await a.key("Enter")
            end = time.monotonic() + 60
            while not any(saved_lab_mentions(h, "rg-chromium") for h in homes) and time.monotonic() < end:
                await asyncio.sleep(0.5)
            mine = [h for h in homes if saved_lab_mentions(h, "rg-chromium")]
            assert len(mine) == 1, "the command typed in browser A was not saved in exactly one learner's home"
            await a.reload()  # the same learner comes back (no third home), to the lab in progress
            await asyncio.sleep(1)
            assert await a.wait_for(lab_screen_visible, shots / "a-reloaded.png", 90), \
                f"the reload did not return to the lab; see {shots / 'a-reloaded.png'}"
            assert not lab_screen_visible(await b.screenshot())  # the other learner is still on their home
            end = time.monotonic() + 60
            while str(mine[0]) not in app_homes().values() and time.monotonic() < end:
                await asyncio.sleep(0.5)
            assert str(mine[0]) in app_homes().values()
            assert sorted((root / "classroom").glob("browser-*")) == homes
    finally:
        one.close()
        two.close()


@pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="headless Chromium is not installed "
                    "(/usr/bin/chromium missing: apt-get install -y chromium); "
                    "tests/tui/test_serve_classroom.py proves the same over the websocket")
def test_two_chromium_browsers_are_two_learners(tmp_path):
    port = free_port()
    server = start_server(["--port", str(port)], str(tmp_path))
    try:
        assert wait_for_port(port, 30), "acrlab serve did not listen"
        asyncio.run(asyncio.wait_for(two_learners(f"http://127.0.0.1:{port}", tmp_path, tmp_path), 240))
        keep = os.environ.get("ACRLAB_SCREENSHOT_DIR")
        if keep:
            shutil.copy(tmp_path / "a.png", os.path.join(keep, "serve-home.png"))
    finally:
        stop_server(server)


def test_serve_rejects_a_bad_port():
    from acrlab.tui.serve import main

    assert main(["--port", "70000"]) == 2


def test_serve_page_is_offline_with_local_fonts_and_a_favicon(tmp_path):
    import re
    import urllib.request

    port = free_port()
    server = start_server(["--port", str(port)], str(tmp_path / "home"))
    try:
        assert wait_for_port(port, 30), "acrlab serve did not listen"
        base = f"http://127.0.0.1:{port}"
        page = urllib.request.urlopen(base + "/", timeout=30).read().decode()
        urls = set(re.findall(r"(?:src|href)=\"([^\"]+)\"|url\(\"([^\"]+)\"\)", page))
        loaded = {u for pair in urls for u in pair if u}
        # nothing from elsewhere, and every URL relative, so the page works under a proxy's path prefix
        assert loaded and not any(u.startswith(("/", "http:", "https:", "//")) for u in loaded), loaded
        assert 'data-session-websocket-url="ws"' in page
        assert "googleapis" not in page and 'rel="icon"' in page
        for u in loaded:
            with urllib.request.urlopen(f"{base}/{u}", timeout=30) as r:
                assert r.status == 200, u
        with urllib.request.urlopen(base + "/favicon.ico", timeout=30) as r:
            assert r.headers["Content-Type"] == "image/svg+xml" and b"<svg" in r.read()
    finally:
        stop_server(server)
