"""A minimal Chrome DevTools Protocol client (aiohttp) for the browser test: open a URL, read text, screenshot."""

from __future__ import annotations

import asyncio
import base64
import json
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import aiohttp


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, timeout: float = 20.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return True
        time.sleep(0.1)
    return False


class Chromium:
    """Headless Chromium with remote debugging on loopback."""

    def __init__(self, binary: str, width: int = 1280, height: int = 800) -> None:
        self.port = free_port()
        self.profile = tempfile.TemporaryDirectory(ignore_cleanup_errors=True)  # Chromium may still be writing its profile
        self.proc = subprocess.Popen(
            [binary, "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             f"--window-size={width},{height}", f"--remote-debugging-port={self.port}",
             "--remote-debugging-address=127.0.0.1", f"--user-data-dir={self.profile.name}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def close(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.profile.cleanup()

    async def capture(self, url: str, ready, png: Path, timeout: float = 30.0) -> bool:
        """Open `url`, screenshot every half second until `ready(png_bytes)`; keeps the last one in `png`."""
        async with self.page(url) as page:
            return await page.wait_for(ready, png, timeout)

    def page(self, url: str) -> Page:
        """`async with browser.page(url) as page:` a new tab on `url`."""
        if not wait_for_port(self.port):
            raise RuntimeError("chromium did not open its debugging port")
        return Page(self.port, url)


KEYS = {"F4": 115, "Enter": 13}


class Page:
    """One tab, driven over its DevTools websocket: screenshots, keys, typed text, reload."""

    def __init__(self, port: int, url: str) -> None:
        self.port, self.url, self.counter = port, url, 0

    async def __aenter__(self) -> Page:
        self.http = aiohttp.ClientSession()
        async with self.http.put(f"http://127.0.0.1:{self.port}/json/new?{self.url}") as resp:
            target = json.loads(await resp.text())
        self.ws = await self.http.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0)
        return self

    async def __aexit__(self, *exc) -> None:
        await self.ws.close()
        await self.http.close()

    async def call(self, method: str, **params):
        self.counter += 1
        await self.ws.send_json({"id": self.counter, "method": method, "params": params})
        while True:
            msg = json.loads((await self.ws.receive()).data)
            if msg.get("id") == self.counter:
                return msg.get("result", {})

    async def screenshot(self) -> bytes:
        return base64.b64decode((await self.call("Page.captureScreenshot", format="png"))["data"])

    async def wait_for(self, ready, png: Path, timeout: float) -> bool:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            data = await self.screenshot()
            png.write_bytes(data)
            if ready(data):
                return True
            await asyncio.sleep(0.5)
        return False

    async def key(self, name: str) -> None:
        code = KEYS[name]
        down = {"type": "keyDown", "text": "\r"} if name == "Enter" else {"type": "rawKeyDown"}
        for event in (down, {"type": "keyUp"}):
            await self.call("Input.dispatchKeyEvent", key=name, code=name, windowsVirtualKeyCode=code,
                            nativeVirtualKeyCode=code, **event)

    async def type(self, text: str) -> None:
        """Key presses, one character at a time, as a person types (xterm.js reads key events)."""
        for ch in text:
            await self.call("Input.dispatchKeyEvent", type="keyDown", key=ch, text=ch)
            await self.call("Input.dispatchKeyEvent", type="keyUp", key=ch)

    async def evaluate(self, expression: str):
        return (await self.call("Runtime.evaluate", expression=expression, returnByValue=True))["result"].get("value")

    async def reload(self) -> None:
        await self.call("Page.reload")
