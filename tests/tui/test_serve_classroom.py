"""`acrlab serve` as a classroom, over HTTP and the session websocket (no browser needed, so it always runs):
two browsers at once are two learners with separate homes and never see each other's work; a reload returns to
the lab in progress; past --max-sessions the next browser is told the classroom is full."""

from __future__ import annotations

import asyncio
from pathlib import Path

import aiohttp

from .cdp import free_port, wait_for_port
from .serve_client import F4, Browser, Closed, start_server, stop_server


def learner_homes(root: Path) -> list[Path]:
    return sorted(p for p in (root / "classroom").iterdir() if p.name.startswith("browser-"))


async def classroom(base: str, root: Path) -> None:
    async with Browser(base, "alice") as alice, Browser(base, "bob") as bob, Browser(base, "carol") as carol:
        a = await alice.open_session()
        b = await bob.open_session()
        await asyncio.gather(a.until("Home"), b.until("Home"))
        assert alice.cookie("acrlab_learner") != bob.cookie("acrlab_learner")
        for s in (a, b):  # the sandbox lab in each
            await s.run(F4, "Labs")
            await s.run("\r", "learner@")
        await a.run("az group create -n rg-alice -l westeurope\r", "Succeeded")
        await b.run("az group show -n rg-alice --query location -o tsv\r", "ResourceGroupNotFound")
        await b.run("echo \"bob sees $(az group list --query 'length(@)' -o tsv) groups\"\r", "bob sees 0 groups")

        # two sessions are running (--max-sessions 2): a third browser is told why it cannot start
        status, page = await carol.get("/")
        assert status == 503 and "The classroom is full" in page and "2 of 2" in page
        ws = await carol.http.ws_connect(base + "/ws", headers={"Origin": base})
        msg = await ws.receive()
        assert ws.close_code == aiohttp.WSCloseCode.TRY_AGAIN_LATER and "classroom is full" in str(msg.extra)
        await ws.close()

        # each browser has its own home; alice's lab is saved in hers only
        homes = learner_homes(root)
        assert len(homes) == 2
        saved = {h: list((h / "labs-in-progress").glob("*.json")) if (h / "labs-in-progress").exists() else []
                 for h in homes}
        with_work = [h for h, files in saved.items() if any("group create -n rg-alice" in f.read_text() for f in files)]
        assert len(with_work) == 1

        # alice reloads: the lab in progress comes back (her resource group in it), and carol now gets in
        await a.ws.close()
        a = await alice.open_session()
        await a.until("learner@")
        await a.run("az group show -n rg-alice --query name -o tsv | tr a-z A-Z\r", "RG-ALICE")
        for s in (a, b):
            await s.ws.close()


def test_two_browsers_are_two_learners_with_separate_progress(tmp_path):
    port = free_port()
    server = start_server(["--port", str(port), "--max-sessions", "2"], str(tmp_path))
    try:
        assert wait_for_port(port, 30), "acrlab serve did not listen"
        asyncio.run(asyncio.wait_for(classroom(f"http://127.0.0.1:{port}", tmp_path), 240))
    finally:
        stop_server(server)


async def refusals(base: str) -> None:
    async with Browser(base) as browser:
        status, _ = await browser.get("/")
        assert status == 200
        for origin in ("http://evil.example", "null", f"http://127.0.0.1:{int(base.rsplit(':', 1)[1]) + 1}"):
            try:
                await browser.open_session(origin=origin)
            except aiohttp.WSServerHandshakeError as e:
                assert e.status == 403, origin
            else:
                raise AssertionError(f"a websocket from {origin} was accepted")
        # a page on another site whose name resolves to 127.0.0.1 (DNS rebinding) gets nothing
        status, text = await browser.get("/", headers={"Host": "attacker.example"})
        assert status == 403 and "loopback" in text


def test_websocket_origin_and_host_are_checked(tmp_path):
    port = free_port()
    server = start_server(["--port", str(port)], str(tmp_path))
    try:
        assert wait_for_port(port, 30), "acrlab serve did not listen"
        asyncio.run(refusals(f"http://127.0.0.1:{port}"))
    finally:
        stop_server(server)


def test_closed_reason_reaches_the_page():
    """The reason a refused session carries (the classroom is full) fits a websocket close frame."""
    from acrlab.tui.serve_pages import FULL_REASON, TAKEN_OVER

    assert len(FULL_REASON.format(active=999, limit=999).encode()) <= 123
    assert len(TAKEN_OVER.encode()) <= 123
    assert Closed(1013, "x").code == 1013


async def sign_in_by_name(base: str, root: Path) -> None:
    async with Browser(base, "one") as one, Browser(base, "two") as two:
        assert one.http is not None and two.http is not None
        status, page = await one.get("/")
        assert status == 200 and "Sign in to acrlab" in page and "textual.js" not in page
        async with one.http.post(base + "/sign-in", data={"name": "José [b]Ng"}, headers={"Origin": base},
                                 allow_redirects=False) as r:
            assert r.status == 303 and r.headers["Location"] == "./"
        status, page = await one.get("/")
        assert status == 200 and "textual.js" in page
        await two.get("/")
        async with two.http.post(base + "/sign-in", data={"name": "josé [B]ng"}, headers={"Origin": base}) as r:
            text = await r.text()
            assert r.status == 409 and "already signed in on another browser" in text and "josé [B]ng" in text
        async with two.http.post(base + "/sign-in", data={"name": "Mallory"},
                                 headers={"Origin": "http://evil.example"}) as r:
            assert r.status == 403  # a form posted from another site
        async with two.http.post(base + "/sign-in", data={"name": "<script>x</script>"},
                                 headers={"Origin": base}) as r:
            assert r.status == 200 and "<script>x" not in await r.text()  # signed in; the name is never echoed raw
    folders = sorted(p.name for p in (root / "classroom").iterdir())
    assert len(folders) == 2 and (root / "classroom" / folders[0] / ".name").exists()


def test_learners_sign_in_with_a_name_that_one_browser_owns(tmp_path):
    port = free_port()
    server = start_server(["--port", str(port), "--learners", "name"], str(tmp_path))
    try:
        assert wait_for_port(port, 30), "acrlab serve did not listen"
        asyncio.run(asyncio.wait_for(sign_in_by_name(f"http://127.0.0.1:{port}", tmp_path), 60))
    finally:
        stop_server(server)
