"""`acrlab serve`: the study app in a browser through textual-serve, one learner per browser.

Loopback (the default) needs nothing more. Any other address (`--host 0.0.0.0` for a classroom LAN) warns and
requires a token or password (generated and printed once, or given with --token / ACRLAB_SERVE_TOKEN). The
websocket's Origin is always checked, and at most --max-sessions apps run at once."""

from __future__ import annotations

import argparse
import os
import socket
import sys
from pathlib import Path

from . import serve_auth as auth

SESSION_MB = 128
"""Memory one browser session takes (its app process, a lab open; benchmarks/serve_capacity.py measures it)."""
PER_CORE = 30
"""Sessions per CPU core at most: starting one costs ~4 s of CPU, so a whole class arriving at once on N cores is
in within about two minutes (benchmarks/serve_capacity.py); once open, a session idles at under 1% of a core."""
TOKEN_ENV = "ACRLAB_SERVE_TOKEN"


def available_mb() -> int | None:
    """MemAvailable from /proc/meminfo (Linux), else None."""
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) // 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def default_max_sessions(avail: int | None = None, cores: int | None = None) -> int:
    """As many sessions as three quarters of the free memory holds at SESSION_MB each, at most PER_CORE per core
    (and at least 1)."""
    avail = available_mb() if avail is None else avail
    if cores is None:
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    by_memory = 20 if avail is None else int(avail * 0.75) // SESSION_MB
    return max(1, min(PER_CORE * cores, by_memory))


def lan_address() -> str:
    """This machine's address on its network, as students' browsers reach it (no packet is sent: a UDP socket's
    connect only picks the route); the host name when there is no route."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("192.0.2.1", 9))  # TEST-NET-1: any non-local address picks the default route
            address = s.getsockname()[0]
        except OSError:
            address = ""
    return address if address and not address.startswith("127.") else socket.gethostname()


def data_home() -> Path:
    import platformdirs

    home = os.environ.get("ACRLAB_HOME")
    return Path(home) if home else Path(platformdirs.user_data_dir("acrlab"))


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="acrlab serve", description="Serve the study app in a browser (textual-serve). "
                                "Each browser is its own learner with its own progress.")
    p.add_argument("--port", type=int, default=8000, help="TCP port (default 8000)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1, loopback only; 0.0.0.0 for a classroom LAN, "
                        "which requires a token)")
    p.add_argument("--unix-socket", metavar="PATH", help="listen on a Unix socket instead of a port (a proxy's "
                   "way in, e.g. jupyter-server-proxy; only processes that may open the file reach it)")
    p.add_argument("--token", default=None, help=f"the token or password students must give (default: "
                   f"${TOKEN_ENV}, else a random one is printed once when --host is not loopback)")
    p.add_argument("--max-sessions", type=int, default=None,
                   help=f"sessions at once (default: what 3/4 of the free memory holds at ~{SESSION_MB} MB "
                        f"each, at most {PER_CORE} per CPU core)")
    p.add_argument("--learners", choices=("browser", "name", "single"), default="browser",
                   help="browser: each browser is a learner (default); name: learners sign in with a name; "
                        "single: one learner, your own progress (as `acrlab` in a terminal)")
    p.add_argument("--home", default=None, help="folder of the learners' progress (default: "
                   "$ACRLAB_HOME/classroom; with --learners single, the learner's own ACRLAB_HOME)")
    p.add_argument("--allow-origin", action="append", default=[], metavar="URL",
                   help="another origin whose pages may open sessions (e.g. https://lab.example.edu), repeatable")
    p.add_argument("--public-url", default=None, help="the URL students open, if behind a proxy (printed, allowed "
                   "as an origin)")
    p.add_argument("--base-url", default=None, metavar="PATH", help="the path prefix a proxy serves the app under "
                   "(e.g. /user/NAME/acrlab/ with jupyter-server-proxy, which strips it): the cookies' path")
    p.add_argument("--seed", type=int, default=0)
    return p


def settings_from(args: argparse.Namespace):
    """(Settings for the server, whether the token was generated here), or an error message."""
    from .serve_learners import Learners
    from .serve_server import Settings

    if args.unix_socket is None and not 0 < args.port < 65536:
        return f"port {args.port} is out of range (1-65535)"
    if args.base_url is not None and not args.base_url.startswith("/"):
        return f"--base-url {args.base_url!r} must be a path starting with / (e.g. /user/NAME/acrlab/)"
    if args.max_sessions is not None and args.max_sessions < 1:
        return "--max-sessions must be at least 1"
    origins = list(args.allow_origin) + ([args.public_url] if args.public_url else [])
    for origin in origins:
        if auth.origin_netloc(origin) is None:
            return f"{origin!r} is not an http(s) URL (e.g. https://lab.example.edu)"
    token = args.token if args.token is not None else os.environ.get(TOKEN_ENV) or None
    if token is not None and (problem := auth.token_problem(token)):
        return problem
    generated = token is None and args.unix_socket is None and not auth.is_loopback(args.host)
    if generated:
        token = auth.new_token()
    if args.home:
        root: Path | None = Path(args.home).expanduser().resolve()
    else:
        root = None if args.learners == "single" else data_home() / "classroom"
    return Settings(host=args.host, port=args.port, unix_socket=args.unix_socket, token=token,
                    max_sessions=args.max_sessions or default_max_sessions(), learners=Learners(args.learners, root),
                    allowed_origins=frozenset(origins), seed=args.seed, base_url=args.base_url), generated


def announce(args: argparse.Namespace, settings, generated: bool) -> None:
    """What the teacher sees once: where to point browsers (with a generated token, printed only here)."""
    if settings.unix_socket:
        where = f"unix socket {settings.unix_socket}"
    else:
        shown = lan_address() if settings.host in ("0.0.0.0", "::", "") else settings.host
        if ":" in shown:
            shown = f"[{shown}]"
        where = (args.public_url or f"http://{shown}:{settings.port}").rstrip("/") + "/"
        if generated:
            where += f"?token={settings.token}"
        if not auth.is_loopback(settings.host):
            print(f"acrlab serve: WARNING: listening on {settings.host}:{settings.port}, so any computer that can "
                  "reach this one can open the app. Students need the token" +
                  (" in the link below (shown only now; give it to your class only)." if generated
                   else " you gave."), file=sys.stderr, flush=True)
    print(f"acrlab: serving the study app on {where} (ctrl+c stops)", flush=True)
    learners = settings.learners
    who = {"browser": "each browser is its own learner", "name": "learners sign in with a name",
           "single": "one learner"}[learners.mode]
    home = learners.root or data_home()
    print(f"acrlab: {who}; progress in {home}; at most {settings.max_sessions} sessions at once", flush=True)


def main(argv: list[str]) -> int:
    try:
        args = parser().parse_args(argv)
    except SystemExit as e:
        return int(e.code or 0)
    try:
        from .serve_server import ClassroomServer
    except ImportError as e:
        print(f"acrlab serve: textual-serve is not installed ({e}); pip install 'acrlab[serve]'", file=sys.stderr)
        return 2
    made = settings_from(args)
    if isinstance(made, str):
        print(f"acrlab serve: {made}", file=sys.stderr)
        return 2
    settings, generated = made
    server = ClassroomServer(settings)
    announce(args, settings, generated)
    if settings.unix_socket:
        os.umask(0o077)  # the socket (and learners' files) for this user only
    try:
        server.serve()
    except OSError as e:
        print(f"acrlab serve: cannot listen on {settings.unix_socket or f'{args.host}:{args.port}'}: {e}",
              file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    return 0
