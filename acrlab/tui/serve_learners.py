"""Who the learner in a browser is, and where their progress lives (no aiohttp here).

Each learner has a home of their own (the `ACRLAB_HOME` of their app process: progress.db, labs in progress,
keys.toml), so no student ever sees another's results:
- `browser`: each browser is a learner, known by a random secret it keeps in a cookie; its home is named by a
  hash of the secret (`<root>/browser-<hash>/`).
- `name`: the learner signs in with a name; the first browser to use a name owns it (a hash of that browser's
  secret is kept in `<root>/<name>/.browser`), so a classmate typing the same name is refused. A teacher frees
  a name by deleting that file.
- `single`: one learner (JupyterHub, where the hub signs people in and each student has their own server).
"""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import Path

MODES = ("browser", "name", "single")
MAX_NAME = 40
_SECRET = re.compile(r"[A-Za-z0-9_-]{20,64}")
_PLAIN = re.compile(r"[a-z0-9-]")


class SignInError(Exception):
    """A name that cannot be used; `str()` is for the learner."""


@dataclass(frozen=True)
class Learner:
    key: str
    """Unique per learner: the name of their home folder (one live session per key)."""
    home: Path | None
    """Their ACRLAB_HOME; None keeps the server's own (single mode without --home)."""
    label: str
    """How the teacher's console names them."""


def new_secret() -> str:
    return secrets.token_urlsafe(24)


def valid_secret(value: str | None) -> bool:
    return value is not None and _SECRET.fullmatch(value) is not None


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def normal_name(name: str) -> str:
    """The name as it will be shown (NFC, spaces collapsed); SignInError says what is wrong with it."""
    name = " ".join(unicodedata.normalize("NFC", name).split())
    if not name:
        raise SignInError("Type your name to sign in.")
    if len(name) > MAX_NAME:
        raise SignInError(f"That name is too long (at most {MAX_NAME} characters).")
    bad = [c for c in name if unicodedata.category(c)[0] in "CZ" and c != " "]
    if bad:
        raise SignInError("A name may not contain control or invisible characters.")
    return name


def folder_for(name: str) -> str:
    """A distinct, safe folder name for each name, ignoring case: `José Ng` -> `jos_e9_-_20_ng`; `a b` and `a_b`
    never share a folder (`_` itself is escaped)."""
    return "".join(c if _PLAIN.fullmatch(c) else f"_{ord(c):x}_" for c in normal_name(name).casefold())


class Learners:
    def __init__(self, mode: str, root: Path | None) -> None:
        if mode not in MODES:
            raise ValueError(f"unknown learners mode {mode!r}")
        if mode != "single" and root is None:
            raise ValueError("a classroom needs a folder for its learners")
        self.mode, self.root = mode, root

    def needs_browser_secret(self) -> bool:
        return self.mode != "single"

    def for_browser(self, secret: str | None, signed_in_as: str | None = None) -> Learner | None:
        """The learner this browser is (None: it must get a secret first, or sign in)."""
        if self.mode == "single":
            return Learner("learner", self.root, "the learner")
        if not valid_secret(secret):
            return None
        assert self.root is not None and secret is not None
        if self.mode == "browser":
            key = "browser-" + _digest(secret)[:16]
            return Learner(key, self.root / key, key)
        if not signed_in_as or not re.fullmatch(r"[a-z0-9_-]{1,400}", signed_in_as):
            return None
        home = self.root / signed_in_as
        try:
            owner = (home / ".browser").read_text(encoding="utf-8").strip()
            label = (home / ".name").read_text(encoding="utf-8").strip()
        except OSError:
            return None
        return Learner(signed_in_as, home, label) if owner == _digest(secret) else None

    def sign_in(self, secret: str, name: str) -> Learner:
        """Claim `name` for this browser (or find it already claimed by it); SignInError when another owns it."""
        if self.mode != "name":
            raise SignInError("This classroom does not use sign-in names.")
        if not valid_secret(secret):
            raise SignInError("Your browser refused the cookie acrlab needs to remember you; allow cookies.")
        assert self.root is not None
        shown = normal_name(name)
        key = folder_for(shown)
        home = self.root / key
        claim = home / ".browser"
        home.mkdir(parents=True, exist_ok=True)
        try:
            with open(claim, "x", encoding="utf-8") as f:  # the first browser wins, atomically
                f.write(_digest(secret) + "\n")
            (home / ".name").write_text(shown + "\n", encoding="utf-8")
        except FileExistsError:
            if claim.read_text(encoding="utf-8").strip() != _digest(secret):
                raise SignInError(f"“{shown}” is already signed in on another browser. Pick another name, or ask "
                                  "your teacher to free this one.") from None
        return Learner(key, home, shown)
