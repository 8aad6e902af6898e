"""The classroom server behind `acrlab serve`: textual-serve's Server, with
- one learner per browser (or sign-in name), each app process started with that learner's own ACRLAB_HOME and
  reopening their lab in progress (a reload returns to it); a learner's new tab takes over their old one;
- a token (required off loopback) kept by the browser as a keyed-hash cookie, with a brake on guessing;
- the websocket's Origin checked against the host the browser asked for (and, on loopback without a token,
  the Host checked to be a loopback name, which stops DNS rebinding);
- at most `max_sessions` apps at once, the one turned away told why;
- the page offline and with relative URLs (serve_offline.py), so it works behind a proxy's path prefix.
"""

from __future__ import annotations

import asyncio
import json
import logging
import shlex
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import aiohttp_jinja2
import jinja2
from aiohttp import WSCloseCode, WSMsgType, web
from aiohttp.abc import AbstractAccessLogger
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from . import serve_auth as auth
from . import serve_pages as pages
from .serve_learners import Learner, Learners, SignInError, new_secret, valid_secret
from .serve_offline import FAVICON, offline_templates
from .serve_proxy import TOKEN_HEADER

log = logging.getLogger("acrlab.serve")
LEARNER_COOKIE = "acrlab_learner"
NAME_COOKIE = "acrlab_name"
YEAR = 365 * 24 * 3600


@dataclass
class Settings:
    host: str = "127.0.0.1"
    port: int = 8000
    unix_socket: str | None = None
    token: str | None = None
    """Required of every browser when set (always set off loopback)."""
    max_sessions: int = 40
    learners: Learners = field(default_factory=lambda: Learners("single", None))
    allowed_origins: frozenset[str] = frozenset()
    seed: int = 0
    start: str = "home"
    base_url: str | None = None
    """The path prefix a proxy serves us under (`/user/NAME/acrlab/`): the cookies' Path (else the page's folder)."""

    @property
    def check_host_name(self) -> bool:
        """Loopback TCP without a token: only a loopback name in Host (DNS rebinding)."""
        return self.unix_socket is None and self.token is None and auth.is_loopback(self.host)


def app_command(learner: Learner, seed: int, start: str) -> str:
    """The shell command textual-serve runs for one learner's session."""
    parts = [sys.executable, "-m", "acrlab.tui.served", "--seed", str(seed), "--start", start, "--resume"]
    if learner.home is not None:
        parts += ["--home", str(learner.home)]
    return shlex.join(parts)


@dataclass
class Live:
    learner: Learner
    websocket: web.WebSocketResponse
    service: AppService | None = None


class AccessLog(AbstractAccessLogger):
    """One line per request, with any token in the address blanked (the token is printed once, never logged)."""

    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        query = urlencode([(k, "…" if k == "token" else v) for k, v in request.query.items()])
        path = request.path + (f"?{query}" if query else "")
        self.logger.info("%s %s %s %s %d (%.0f ms)", request.remote, request.method, path, response.status,
                         response.body_length, time * 1000)


class ClassroomServer(Server):
    def __init__(self, settings: Settings) -> None:
        super().__init__("acrlab", host=settings.host, port=settings.port, title="acrlab")
        self.settings = settings
        self.templates_path = offline_templates(Path(self.templates_path))
        self.live: dict[str, Live] = {}
        """Sessions running now, by learner key."""
        self.attempts = auth.Attempts()

    # -- the application --------------------------------------------------------------------------
    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self.guard])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))

        async def favicon(request: web.Request) -> web.FileResponse:
            return web.FileResponse(FAVICON, headers={"Content-Type": "image/svg+xml"})

        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get("/ws", self.handle_websocket, name="websocket"),
            web.post("/sign-in", self.handle_sign_in),
            web.get("/sign-out", self.handle_sign_out),
            web.get("/download/{key}", self.handle_download, name="download"),
            web.get("/favicon.svg", favicon), web.get("/favicon.ico", favicon),
            web.static("/static", self.statics_path, name="static"),
        ])
        app.on_shutdown.append(self.on_shutdown)
        return app

    async def on_startup(self, app: web.Application) -> None:
        """acrlab's own start-up lines are printed by `acrlab serve` (textual-serve's banner is not)."""

    async def on_shutdown(self, app: web.Application) -> None:
        for live in list(self.live.values()):
            await live.websocket.close(code=WSCloseCode.GOING_AWAY, message=b"The classroom server stopped.")

    def serve(self, debug: bool = False) -> None:
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        for sig in ("SIGINT", "SIGTERM"):
            try:
                import signal

                loop.add_signal_handler(getattr(signal, sig), self.request_exit)
            except (NotImplementedError, AttributeError):
                pass
        where: dict[str, Any] = ({"path": self.settings.unix_socket} if self.settings.unix_socket
                                 else {"host": self.settings.host, "port": self.settings.port})
        web.run_app(self._make_app(), handle_signals=False, loop=loop, print=lambda *a: None,
                    access_log_class=AccessLog, **where)

    # -- who may come in --------------------------------------------------------------------------
    @web.middleware
    async def guard(self, request: web.Request, handler) -> web.StreamResponse:
        s = self.settings
        public = request.path.startswith("/static/") or request.path.startswith("/favicon.")
        if s.check_host_name and not auth.host_is_local_name(request.host, s.allowed_origins):
            return web.Response(status=403, content_type="text/html", text=pages.refused_page(
                "Not this address", "This acrlab server only answers to its own loopback address "
                "(127.0.0.1 or localhost)."))
        if s.token is None or public or self.authorized(request):
            return await handler(request)
        given = request.query.get("token")
        who = request.remote or "?"
        if given is None or request.method != "GET" or request.path != "/":
            if request.path == "/ws":
                return web.Response(status=403, text="acrlab: open the classroom page with its token first\n")
            return self._page(pages.token_page(), 401)
        if self.attempts.blocked(who):
            return self._page(pages.token_page("Too many wrong tokens from this computer: wait a minute."), 429)
        if not auth.token_matches(given, s.token):
            self.attempts.failed(who)
            return self._page(pages.token_page("That token is not right. Check it and try again."), 401)
        query = urlencode([(k, v) for k, v in request.query.items() if k != "token"])
        location = "./" + (f"?{query}" if query else "")
        response = self._redirect(location)  # the token leaves the address bar (and the projector)
        self._set_cookie(response, request, self._auth_cookie_name, auth.auth_cookie(s.token), max_age=7 * 24 * 3600)
        return response

    @property
    def _auth_cookie_name(self) -> str:
        return f"acrlab_auth_{self.settings.port}"

    def authorized(self, request: web.Request) -> bool:
        """The browser showed the token before (its cookie), or a proxy adds it to every request (the header
        jupyter-server-proxy's request_headers_override sets, see serve_proxy.py)."""
        token = self.settings.token
        return (token is None or auth.auth_cookie_valid(request.cookies.get(self._auth_cookie_name), token)
                or auth.token_matches(request.headers.get(TOKEN_HEADER), token))

    def origin_ok(self, request: web.Request) -> bool:
        return auth.origin_allowed(request.headers.get("Origin"), request.host, self.settings.allowed_origins)

    @staticmethod
    def _page(html: str, status: int = 200) -> web.Response:
        return web.Response(status=status, text=html, content_type="text/html",
                            headers={"Cache-Control": "no-store"})

    @staticmethod
    def _redirect(location: str) -> web.Response:
        """A relative redirect, so it stays under a proxy's path prefix."""
        return web.Response(status=303, headers={"Location": location, "Cache-Control": "no-store"})

    def _set_cookie(self, response: web.StreamResponse, request: web.Request, name: str, value: str,
                    max_age: int | None = None) -> None:
        secure = request.secure or request.headers.get("X-Forwarded-Proto", "") == "https"
        # the proxy's prefix, or no Path: the browser scopes the cookie to the page's own folder; under a prefix
        # (/user/NAME/acrlab/) that keeps one student's cookies away from another app on the same host
        base = self.settings.base_url
        path = (base.rstrip("/") or "/") if base else ""
        response.set_cookie(name, value, max_age=max_age, httponly=True, samesite="Lax", secure=secure, path=path)

    def learner_of(self, request: web.Request) -> Learner | None:
        return self.settings.learners.for_browser(request.cookies.get(LEARNER_COOKIE), request.cookies.get(NAME_COOKIE))

    def in_use(self) -> int:
        return len(self.live)

    # -- pages ------------------------------------------------------------------------------------
    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        learners = self.settings.learners
        secret = request.cookies.get(LEARNER_COOKIE)
        fresh = None
        if learners.needs_browser_secret() and not valid_secret(secret):
            secret = fresh = new_secret()
        learner = learners.for_browser(secret, request.cookies.get(NAME_COOKIE))
        if learner is None:
            response: web.StreamResponse = self._page(pages.sign_in_page())
        elif learner.key not in self.live and self.in_use() >= self.settings.max_sessions:
            response = self._page(pages.full_page(self.in_use(), self.settings.max_sessions), 503)
        else:
            context = {"font_size": to_int(request.query.get("fontsize", "16"), 16), "app_websocket_url": "ws",
                       "config": {"static": {"url": "static/"}}, "application": {"name": "acrlab"}}
            response = aiohttp_jinja2.render_template("app_index.html", request, context)
            response.headers["Cache-Control"] = "no-store"
        if fresh:
            self._set_cookie(response, request, LEARNER_COOKIE, fresh, max_age=YEAR)
        return response

    async def handle_sign_in(self, request: web.Request) -> web.StreamResponse:
        if not self.origin_ok(request):
            return self._page(pages.refused_page("Refused", "That form came from another site."), 403)
        form = await request.post()
        name = str(form.get("name", ""))
        try:
            learner = self.settings.learners.sign_in(request.cookies.get(LEARNER_COOKIE) or "", name)
        except SignInError as e:
            return self._page(pages.sign_in_page(str(e), name[:80]), 409)
        response = self._redirect("./")
        self._set_cookie(response, request, NAME_COOKIE, learner.key, max_age=YEAR)
        log.info("%s signed in", learner.label)
        return response

    async def handle_sign_out(self, request: web.Request) -> web.StreamResponse:
        response = self._redirect("./")
        self._set_cookie(response, request, NAME_COOKIE, "", max_age=0)
        return response

    # -- sessions ---------------------------------------------------------------------------------
    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        if not self.origin_ok(request):
            log.warning("refused a websocket from origin %r (host %r)", request.headers.get("Origin"), request.host)
            return web.Response(status=403, text="acrlab: this page came from another site (Origin refused)\n")
        learner = self.learner_of(request)
        if learner is None:
            return web.Response(status=403, text="acrlab: open the classroom page first (no learner)\n")
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)
        previous = self.live.get(learner.key)
        if previous is None and self.in_use() >= self.settings.max_sessions:
            reason = pages.FULL_REASON.format(active=self.in_use(), limit=self.settings.max_sessions)
            log.warning("turned a session away: %s", reason)
            await websocket.close(code=WSCloseCode.TRY_AGAIN_LATER, message=reason.encode())
            return websocket
        if previous is not None:  # a reload or another tab: the newest wins
            await previous.websocket.close(code=WSCloseCode.POLICY_VIOLATION, message=pages.TAKEN_OVER.encode())
        live = Live(learner, websocket)
        self.live[learner.key] = live
        try:
            await self._run_session(live, request)
        finally:
            if self.live.get(learner.key) is live:
                del self.live[learner.key]
        return websocket

    async def _run_session(self, live: Live, request: web.Request) -> None:
        ws = live.websocket
        width = max(20, min(to_int(request.query.get("width", "80"), 80), 1000))
        height = max(5, min(to_int(request.query.get("height", "24"), 24), 500))
        command = app_command(live.learner, self.settings.seed, self.settings.start)
        service = AppService(command, write_bytes=ws.send_bytes, write_str=ws.send_str, close=ws.close,
                             download_manager=self.download_manager, debug=self.debug)
        live.service = service
        log.info("session started for %s (%d in use)", live.learner.label, len(self.live))
        try:
            await service.start(width, height)
            await self._relay(ws, service)
        except asyncio.CancelledError:
            await ws.close()
        except Exception as error:  # noqa: BLE001 - one session's failure never stops the classroom
            log.exception(error)
        finally:
            await service.stop()
            log.info("session ended for %s", live.learner.label)

    @staticmethod
    async def _relay(ws: web.WebSocketResponse, service: AppService) -> None:
        """The browser's messages to the app (textual-serve's protocol); malformed ones are ignored."""
        async for message in ws:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                kind, data = json.loads(message.data)[:2]
                if kind == "stdin":
                    await service.send_bytes(str(data).encode("utf-8"))
                elif kind == "resize":
                    await service.set_terminal_size(max(20, min(int(data["width"]), 1000)),
                                                    max(5, min(int(data["height"]), 500)))
                elif kind == "ping":
                    await ws.send_json(["pong", data])
                elif kind == "blur":
                    await service.blur()
                elif kind == "focus":
                    await service.focus()
            except (ValueError, TypeError, KeyError, IndexError):
                continue
