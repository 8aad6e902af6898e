"""A browser as `acrlab serve` sees one, without the browser: the page (its cookies) and the session websocket
speaking textual-serve's protocol (stdin, resize), with the Origin header a page sends. Used by the classroom
tests and by benchmarks/serve_capacity.py."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
import time

import aiohttp

F4 = "\x1bOS"
ANSI = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][0-9A-Za-z]")


def start_server(args: list[str], home: str, **popen) -> subprocess.Popen:
    """`acrlab serve ARGS` in its own process group, with ACRLAB_HOME=home."""
    env = dict(os.environ, ACRLAB_HOME=str(home))
    popen.setdefault("stdout", subprocess.DEVNULL)
    popen.setdefault("stderr", subprocess.DEVNULL)
    return subprocess.Popen([sys.executable, "-m", "acrlab", "serve", *args], env=env, start_new_session=True,
                            **popen)


def stop_server(server: subprocess.Popen) -> None:
    try:
        os.killpg(server.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        server.wait(20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(5)


class Closed(Exception):
    """The server closed the session; `code` and `reason` say why."""

    def __init__(self, code: int | None, reason: str) -> None:
        super().__init__(f"closed {code}: {reason}")
        self.code, self.reason = code, reason


class Session:
    """One open app session: send keys, wait for text on the screen."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse, name: str) -> None:
        self.ws, self.name = ws, name
        self.seen = bytearray()

    def text(self, tail: int = 200_000) -> str:
        return ANSI.sub(b"", bytes(self.seen[-tail:])).decode("utf-8", "replace")

    async def until(self, text: str, timeout: float = 90) -> None:
        """Read the app's output until `text` appears in it (since the last send)."""
        end = time.monotonic() + timeout
        while text not in self.text():
            left = end - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"{self.name}: {text!r} never appeared; last output: {self.text(3000)[-1500:]!r}")
            try:
                msg = await asyncio.wait_for(self.ws.receive(), left)
            except TimeoutError:
                continue
            if msg.type == aiohttp.WSMsgType.BINARY:
                self.seen.extend(msg.data)
            elif msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.CLOSING):
                raise Closed(self.ws.close_code, str(msg.extra or ""))

    async def send(self, keys: str) -> None:
        del self.seen[:]
        await self.ws.send_json(["stdin", keys])

    async def run(self, keys: str, expect: str, timeout: float = 90) -> None:
        await self.send(keys)
        await self.until(expect, timeout)

    async def drain(self, seconds: float) -> None:
        """Keep reading for a while (a browser never stops reading)."""
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            try:
                msg = await asyncio.wait_for(self.ws.receive(), left)
            except TimeoutError:
                return
            if msg.type == aiohttp.WSMsgType.BINARY:
                self.seen.extend(msg.data)
            elif msg.type != aiohttp.WSMsgType.TEXT:
                return


class Browser:
    """One browser: its own cookie jar. `async with Browser(base) as b:`."""

    def __init__(self, base: str, name: str = "browser") -> None:
        self.base, self.name = base.rstrip("/"), name
        self.http: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> Browser:
        self.http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        return self

    async def __aexit__(self, *exc) -> None:
        assert self.http is not None
        await self.http.close()

    async def get(self, path: str = "/", **kw) -> tuple[int, str]:
        assert self.http is not None
        async with self.http.get(self.base + path, **kw) as r:
            return r.status, await r.text()

    def cookie(self, name: str) -> str | None:
        assert self.http is not None
        for c in self.http.cookie_jar:
            if c.key == name:
                return c.value
        return None

    async def open_session(self, origin: str | None = None, width: int = 120, height: int = 36) -> Session:
        """The page's websocket (after loading the page, as the browser does)."""
        assert self.http is not None
        status, _ = await self.get("/")
        if status != 200:
            raise Closed(status, f"the page answered {status}")
        ws = await self.http.ws_connect(f"{self.base}/ws?width={width}&height={height}", max_msg_size=0,
                                        headers={"Origin": origin or self.base})
        return Session(ws, self.name)
