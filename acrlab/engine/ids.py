"""Deterministic identifiers: GUIDs, secrets and digests from the seed or from content, never the wall clock."""

from __future__ import annotations

import base64
import binascii
import hashlib
import random
from functools import cache


def sha256_digest(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def guid_text(n: int) -> str:
    """`str(uuid.UUID(int=n, version=4))` (RFC 4122 variant and version 4 bits set, lower-case 8-4-4-4-12), without
    importing uuid, which brings platform and _uuid into every fresh process (issue 19's start-up)."""
    n = (n & ~(0xC000 << 48) | 0x8000 << 48) & ~(0xF000 << 64) | 4 << 76
    h = f"{n:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def stable_guid(*parts: object) -> str:
    """A GUID derived from its parts (like Bicep's guid())."""
    h = hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).digest()
    return guid_text(int.from_bytes(h[:16], "big"))


class IdFactory:
    """Hands out GUIDs and secrets from one seeded stream, so a seed replays identically."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self._rng = random.Random(f"acrlab:{seed}")

    def guid(self) -> str:
        return guid_text(self._rng.getrandbits(128))

    def secret(self, length: int = 32) -> str:
        """An admin/token password: base64-ish, 32+ characters, like ACR's."""
        raw = self._rng.getrandbits(8 * 48).to_bytes(48, "big")
        text = base64.b64encode(raw).decode().replace("/", "x").replace("+", "Q")
        return text[:length]

    def client_secret(self) -> str:
        """A service principal secret, shaped like Entra's (40 chars with a tilde)."""
        s = self.secret(40)
        return s[:3] + "8Q~" + s[6:]

    def hex(self, n: int) -> str:
        return format(self._rng.getrandbits(4 * n), f"0{n}x") if n > 0 else ""

    def choice(self, seq):
        return self._rng.choice(seq)

    def randint(self, a: int, b: int) -> int:
        return self._rng.randint(a, b)

    def jwt(self, claims: dict) -> str:
        """A JWT-shaped opaque token; the signature is a hash, the claims are readable."""
        # the header {"alg":"RS256","typ":"JWT","kid":"<8 upper-case hex digits>"} needs no escaping: its JSON
        # is written as compact json.dumps writes it
        head = _b64(f'{{"alg":"RS256","typ":"JWT","kid":"{self.hex(8).upper()}"}}'.encode())
        body = _b64(compact_json(claims).encode())
        sig = _b64(hashlib.sha256((head + body + self.hex(16)).encode()).digest())
        return f"{head}.{body}.{sig}"


_URLSAFE = bytes.maketrans(b"+/", b"-_")


def _b64(data: bytes) -> str:
    """base64url without padding (what a JWT segment is): base64.urlsafe_b64encode's steps, without its wrappers."""
    return binascii.b2a_base64(data, newline=False).translate(_URLSAFE).rstrip(b"=").decode()


def compact_json(value) -> str:
    """`json.dumps(value, separators=(",", ":"))`, through one kept C encoder (json.dumps and JSONEncoder.encode
    set a new one up per call; az acr login signs a token every time)."""
    return "".join(_compact_json()(value, 0))


@cache
def _compact_json():
    """The C encoder of JSONEncoder(separators=(",", ":")) (the pure-Python one where C is missing). Imported
    on first use."""
    import json
    from json import encoder

    enc = json.JSONEncoder(separators=(",", ":"))
    if encoder.c_make_encoder is None:  # pragma: no cover
        return lambda value, _level: enc.iterencode(value)
    return encoder.c_make_encoder(None, enc.default, encoder.encode_basestring_ascii, None, ":", ",", False,
                                  False, True)
