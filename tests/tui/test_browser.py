"""`acrlab serve` on loopback, loaded by headless Chromium: a screenshot shows the home screen."""

from __future__ import annotations

import asyncio
import io
import os
import shutil
import signal
import subprocess
import sys

import pytest

from .cdp import Chromium, free_port, wait_for_port

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

@pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="headless Chromium is not installed "
                    "(/usr/bin/chromium missing: apt-get install -y chromium)")
def test_serve_on_loopback_shows_home_in_chromium(tmp_path):
    port = free_port()
    env = dict(os.environ, ACRLAB_HOME=str(tmp_path / "home"))
    server = subprocess.Popen([sys.executable, "-m", "acrlab", "serve", "--port", str(port)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    browser = None
    try:
        assert wait_for_port(port, 30), "acrlab serve did not listen"
        # loopback only by default
        out = server.stdout.readline().decode()
        assert f"http://127.0.0.1:{port}" in out
        browser = Chromium(CHROMIUM)
        shot = tmp_path / "home.png"
        ok = asyncio.run(browser.capture(f"http://127.0.0.1:{port}/", home_screen_visible, shot, timeout=90))
        keep = os.environ.get("ACRLAB_SCREENSHOT_DIR")
        if keep:
            shutil.copy(shot, os.path.join(keep, "serve-home.png"))
        assert ok, f"the home screen did not appear; last screenshot: {shot}"
    finally:
        if browser is not None:
            browser.close()
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


def test_serve_rejects_a_bad_port():
    from acrlab.tui.serve import main

    assert main(["--port", "70000"]) == 2


def test_serve_page_is_offline_with_local_fonts_and_a_favicon(tmp_path):
    import re
    import urllib.request

    port = free_port()
    env = dict(os.environ, ACRLAB_HOME=str(tmp_path / "home"))
    server = subprocess.Popen([sys.executable, "-m", "acrlab", "serve", "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        assert wait_for_port(port, 30), "acrlab serve did not listen"
        base = f"http://127.0.0.1:{port}"
        page = urllib.request.urlopen(base + "/", timeout=30).read().decode()
        urls = set(re.findall(r"(?:src|href)=\"([^\"]+)\"|url\(\"([^\"]+)\"\)", page))
        loaded = {u for pair in urls for u in pair if u}
        assert loaded and all(u.startswith((base, "/")) for u in loaded), loaded  # nothing from elsewhere
        assert "googleapis" not in page and 'rel="icon"' in page
        for u in loaded:
            with urllib.request.urlopen(u if u.startswith("http") else base + u, timeout=30) as r:
                assert r.status == 200, u
        with urllib.request.urlopen(base + "/favicon.ico", timeout=30) as r:
            assert r.headers["Content-Type"] == "image/svg+xml" and b"<svg" in r.read()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
