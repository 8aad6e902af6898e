"""`acrlab serve [--port N] [--host 127.0.0.1]`: the study app in a browser through textual-serve."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path


def serve_command(seed: int = 0, start: str = "home") -> str:
    """The command textual-serve runs for each browser session."""
    return f"{shlex.quote(sys.executable)} -m acrlab.tui.served --seed {seed} --start {start}"


def offline_server(base: type) -> type:
    """textual-serve's Server with its page made offline (local fonts) and a favicon."""
    from aiohttp import web

    from .serve_offline import FAVICON, offline_templates

    class OfflineServer(base):  # type: ignore[misc, valid-type]
        def __init__(self, *a, **kw) -> None:
            super().__init__(*a, **kw)
            self.templates_path = offline_templates(Path(self.templates_path))

        async def _make_app(self) -> web.Application:
            app = await super()._make_app()

            async def favicon(request: web.Request) -> web.FileResponse:
                return web.FileResponse(FAVICON, headers={"Content-Type": "image/svg+xml"})
            app.router.add_get("/favicon.svg", favicon)
            app.router.add_get("/favicon.ico", favicon)
            return app
    return OfflineServer


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="acrlab serve", description="Serve the study app in a browser (textual-serve).")
    p.add_argument("--port", type=int, default=8000, help="TCP port (default 8000)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1, loopback only; use 0.0.0.0 for a classroom LAN)")
    p.add_argument("--public-url", default=None, help="URL the browser should use, if behind a proxy")
    p.add_argument("--seed", type=int, default=0)
    try:
        args = p.parse_args(argv)
    except SystemExit as e:
        return int(e.code or 0)
    if not 0 < args.port < 65536:
        print(f"acrlab serve: port {args.port} is out of range (1-65535)", file=sys.stderr)
        return 2
    try:
        from textual_serve.server import Server
    except ImportError as e:
        print(f"acrlab serve: textual-serve is not installed ({e}); pip install textual-serve", file=sys.stderr)
        return 2
    server = offline_server(Server)(serve_command(args.seed), host=args.host, port=args.port, title="acrlab",
                                    public_url=args.public_url)
    print(f"acrlab: serving the study app on http://{args.host}:{args.port} (ctrl+c stops)", flush=True)
    try:
        server.serve()
    except OSError as e:
        print(f"acrlab serve: cannot listen on {args.host}:{args.port}: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    return 0
