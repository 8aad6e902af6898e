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
        if not wait_for_port(self.port):
            raise RuntimeError("chromium did not open its debugging port")
        async with aiohttp.ClientSession() as http:
            async with http.put(f"http://127.0.0.1:{self.port}/json/new?{url}") as resp:
                target = json.loads(await resp.text())
            async with http.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0) as ws:
                counter = 0

                async def call(method: str, **params):
                    nonlocal counter
                    counter += 1
                    await ws.send_json({"id": counter, "method": method, "params": params})
                    while True:
                        msg = json.loads((await ws.receive()).data)
                        if msg.get("id") == counter:
                            return msg.get("result", {})

                end = time.monotonic() + timeout
                while time.monotonic() < end:
                    shot = await call("Page.captureScreenshot", format="png")
                    data = base64.b64decode(shot["data"])
                    png.write_bytes(data)
                    if ready(data):
                        return True
                    await asyncio.sleep(0.5)
                return False
