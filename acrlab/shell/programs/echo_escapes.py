"""Backslash escapes as bash's `echo -e` (and `printf %b`) read them, over UTF-8 text."""

from __future__ import annotations

import re

_ESC = re.compile(r"\\(?:(0[0-7]{0,3})|x([0-9a-fA-F]{1,2})|u([0-9a-fA-F]{1,4})|U([0-9a-fA-F]{1,8})|(.))", re.S)
_SIMPLE = {"a": b"\a", "b": b"\b", "e": b"\x1b", "E": b"\x1b", "f": b"\f", "n": b"\n", "r": b"\r", "t": b"\t",
           "v": b"\v", "\\": b"\\"}


def interpret_escapes(text: str) -> tuple[str, bool]:
    """(result, stopped): `\\c` ends the output there (and drops the trailing newline). Bytes written with \\0nnn
    or \\xHH join the text's own UTF-8 bytes, so an escaped multi-byte character comes out whole."""
    out = bytearray()
    pos = 0
    for m in _ESC.finditer(text):
        out += text[pos:m.start()].encode()
        pos = m.end()
        octal, hx, u4, u8, other = m.groups()
        if octal is not None:
            out.append(int(octal[1:] or "0", 8) & 0xFF)
        elif hx is not None:
            out.append(int(hx, 16))
        elif u4 is not None or u8 is not None:
            code = int(u4 or u8, 16)
            out += chr(code).encode("utf-8", "surrogatepass") if code <= 0x10FFFF else m.group(0).encode()
        elif other == "c":
            return out.decode("utf-8", "replace"), True
        elif other in _SIMPLE:
            out += _SIMPLE[other]
        else:
            out += m.group(0).encode()
    out += text[pos:].encode()
    return out.decode("utf-8", "replace"), False
