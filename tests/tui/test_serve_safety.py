"""`acrlab serve` off loopback: a warning and a token printed once (as Jupyter does), the token asked of every
browser (kept as a keyed-hash cookie, never the token), guessing slowed, the websocket's Origin checked; learners'
names and folders; the default session limit."""

from __future__ import annotations

import asyncio
import subprocess
from urllib.parse import parse_qs, urlsplit

import aiohttp
import pytest

from acrlab.tui import serve_auth as auth
from acrlab.tui.serve_learners import Learners, SignInError, folder_for, new_secret

from .cdp import free_port, wait_for_port
from .serve_client import Browser, start_server, stop_server


async def token_flow(base: str, token: str) -> None:
    async with Browser(base) as browser:
        status, page = await browser.get("/")
        assert status == 401 and "needs its token" in page and "textual.js" not in page
        status, page = await browser.get("/?token=not-the-token")
        assert status == 401 and "not right" in page
        assert browser.http is not None
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:  # a websocket without the token
            await browser.http.ws_connect(f"{base}/ws", headers={"Origin": base})
        assert refused.value.status == 403
        async with browser.http.get(f"{base}/?token={token}&fontsize=18", allow_redirects=False) as r:
            assert r.status == 303 and r.headers["Location"] == "./?fontsize=18"  # the token leaves the address bar
        kept = [c.value for c in browser.http.cookie_jar if c.key.startswith("acrlab_auth")]
        assert kept and token not in kept[0]
        status, page = await browser.get("/")
        assert status == 200 and "textual.js" in page
        ws = await browser.http.ws_connect(f"{base}/ws?width=80&height=24", headers={"Origin": base})
        await ws.close()
        with pytest.raises(aiohttp.WSServerHandshakeError):
            await browser.http.ws_connect(f"{base}/ws", headers={"Origin": "http://evil.example"})


def test_all_interfaces_warns_and_requires_the_token_printed_once(tmp_path):
    port = free_port()
    server = start_server(["--host", "0.0.0.0", "--port", str(port)], str(tmp_path), stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE)
    try:
        assert wait_for_port(port, 30), "acrlab serve did not listen"
        warning = server.stderr.readline().decode()
        assert "WARNING" in warning and "0.0.0.0" in warning and "token" in warning
        serving = server.stdout.readline().decode()
        assert f":{port}/?token=" in serving
        url = next(w for w in serving.split() if w.startswith("http"))
        token = parse_qs(urlsplit(url).query)["token"][0]
        assert len(token) >= 24
        asyncio.run(asyncio.wait_for(token_flow(f"http://127.0.0.1:{port}", token), 60))
    finally:
        stop_server(server)
    rest = server.stdout.read().decode() + server.stderr.read().decode()
    assert token not in rest  # printed once, never logged


def test_a_weak_token_or_bad_arguments_are_refused(capsys):
    from acrlab.tui.serve import main

    assert main(["--host", "0.0.0.0", "--token", "short"]) == 2
    assert main(["--max-sessions", "0"]) == 2
    assert main(["--allow-origin", "ftp://x"]) == 2
    err = capsys.readouterr().err
    assert "at least 8 characters" in err and "--max-sessions must be at least 1" in err and "not an http" in err


def test_origin_rules():
    assert auth.origin_allowed("http://127.0.0.1:8000", "127.0.0.1:8000")
    assert auth.origin_allowed("https://hub.example.edu", "hub.example.edu")  # behind a TLS proxy
    assert not auth.origin_allowed("http://evil.example", "127.0.0.1:8000")
    assert not auth.origin_allowed("null", "127.0.0.1:8000")
    assert not auth.origin_allowed("http://127.0.0.1:8001", "127.0.0.1:8000")
    assert auth.origin_allowed("https://lab.example.edu", "10.0.0.5:8000", frozenset({"https://lab.example.edu"}))
    assert auth.host_is_local_name("localhost:8000") and not auth.host_is_local_name("evil.example:8000")
    assert auth.is_loopback("::1") and not auth.is_loopback("0.0.0.0")


def test_guessing_the_token_is_slowed():
    now = [0.0]
    attempts = auth.Attempts(limit=3, window=60, clock=lambda: now[0])
    for _ in range(3):
        attempts.failed("10.0.0.9")
    assert attempts.blocked("10.0.0.9") and not attempts.blocked("10.0.0.10")
    now[0] = 61
    assert not attempts.blocked("10.0.0.9")
    assert not auth.auth_cookie_valid(auth.auth_cookie("a-token-1"), "a-token-2")


def test_names_map_to_distinct_folders_and_are_owned_by_one_browser(tmp_path):
    assert len({folder_for(n) for n in ("a b", "a_b", "José", "Jos_", "jose", "A B")}) == 5  # case-blind only
    learners = Learners("name", tmp_path)
    mine, theirs = new_secret(), new_secret()
    me = learners.sign_in(mine, "  José   Ng ")
    assert me.label == "José Ng" and learners.for_browser(mine, me.key) == me
    assert learners.sign_in(mine, "josé ng").key == me.key  # the same browser signs in again
    with pytest.raises(SignInError, match="another browser"):
        learners.sign_in(theirs, "JOSÉ NG")
    assert learners.for_browser(theirs, me.key) is None  # a copied name cookie is not enough
    for bad in ("", "x" * 41, "a\u200bb", "bell\x07"):
        with pytest.raises(SignInError):
            learners.sign_in(mine, bad)


def test_each_browser_secret_has_its_own_home(tmp_path):
    learners = Learners("browser", tmp_path)
    one, two = learners.for_browser(new_secret()), learners.for_browser(new_secret())
    assert one is not None and two is not None and one.home != two.home
    assert learners.for_browser("../../etc") is None


def test_default_session_limit_follows_memory():
    from acrlab.tui.serve import PER_CORE, SESSION_MB, default_max_sessions

    assert default_max_sessions(4 * SESSION_MB, cores=8) == 3  # 3/4 of the free memory
    assert default_max_sessions(10, cores=8) == 1
    assert default_max_sessions(10**7, cores=2) == 2 * PER_CORE


async def over_unix_socket(path: str) -> tuple[int, str]:
    async with aiohttp.ClientSession(connector=aiohttp.UnixConnector(path=path)) as http:
        async with http.get("http://localhost/") as r:
            return r.status, await r.text()


def test_a_unix_socket_is_for_this_user_only(tmp_path):
    import os
    import stat
    import time

    sock = tmp_path / "acrlab.sock"
    server = start_server(["--unix-socket", str(sock), "--learners", "single"], str(tmp_path / "home"))
    try:
        end = time.monotonic() + 30
        while not sock.exists() and time.monotonic() < end:
            time.sleep(0.1)
        assert sock.exists(), "acrlab serve did not listen on its socket"
        assert stat.S_IMODE(os.stat(sock).st_mode) & 0o077 == 0  # no one else may connect
        status, page = asyncio.run(asyncio.wait_for(over_unix_socket(str(sock)), 30))
        assert status == 200 and 'data-session-websocket-url="ws"' in page
    finally:
        stop_server(server)
