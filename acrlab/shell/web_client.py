"""What every HTTP client of the shell shares (curl, az rest, Invoke-RestMethod, Invoke-WebRequest,
Invoke-AzRestMethod): sending through the engine's router (engine/web.py) from where the terminal is, and files as
bytes.

The lab's files are text; a file's bytes are its text in UTF-8 with undecodable bytes kept as lone surrogates
(`surrogateescape`), so a binary download written to a file and uploaded again is the same bytes.
"""

from __future__ import annotations

from ..engine import web
from .docker_state import origin_of
from .session import Session


def to_bytes(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


def to_text(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


def read_bytes(sh: Session, path: str) -> bytes | None:
    text = sh.read_file(path)
    return None if text is None else to_bytes(text)


def write_bytes(sh: Session, path: str, data: bytes) -> None:
    sh.write_file(path, to_text(data))


def send(sh: Session, method: str, url: str, headers=None, body: bytes = b"") -> web.WebResponse:
    """One request from this terminal's host (its network position decides what network rules allow)."""
    return web.request(sh.cloud, method, url, headers or {}, body, origin_of(sh))
