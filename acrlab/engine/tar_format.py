"""The tar format (POSIX ustar, as GNU tar and Python's tarfile write it), written and read directly: a build context
of hundreds of files is packed and unpacked on every `az acr build`, and tarfile's per-member objects cost ten times
more than the bytes. Anything this reader does not handle itself (GNU long names, pax headers, base-256 sizes) is
handed to tarfile, so every valid archive reads."""

from __future__ import annotations

import io
import tarfile
from dataclasses import dataclass

BLOCK = 512
RECORD = 20 * BLOCK
"""GNU tar and tarfile pad an archive to a whole record of 20 blocks."""


@dataclass
class Member:
    name: str
    type: str  # "file" | "dir" | "other"
    size: int = 0
    mode: int = 0o644
    mtime: int = 0
    uname: str = ""
    gname: str = ""
    uid: int = 0
    gid: int = 0
    data: bytes | None = None

    def isfile(self) -> bool:
        return self.type == "file"

    def isdir(self) -> bool:
        return self.type == "dir"


def _header(name: bytes, size: int, mode: int, mtime: int, kind: bytes, owner: bytes) -> bytes | None:
    prefix = b""
    if len(name) > 100:  # ustar keeps up to 155 more bytes of the directory in `prefix`
        cut = next((i for i in range(max(len(name) - 101, 1), min(155, len(name) - 1) + 1)
                    if name[i:i + 1] == b"/"), -1)
        if cut < 0:
            return None
        prefix, name = name[:cut], name[cut + 1:]
    if len(owner) > 31 or size >= 8 ** 11 or mtime >= 8 ** 11 or mtime < 0:
        return None
    h = bytearray(BLOCK)
    h[0:len(name)] = name
    h[100:108] = b"%07o\0" % mode
    h[108:116] = h[116:124] = b"0000000\0"
    h[124:136] = b"%011o\0" % size
    h[136:148] = b"%011o\0" % mtime
    h[148:156] = b" " * 8
    h[156:157] = kind
    h[257:265] = b"ustar\x0000"
    h[265:265 + len(owner)] = owner
    h[297:297 + len(owner)] = owner
    h[345:345 + len(prefix)] = prefix
    h[148:156] = b"%06o\0 " % sum(h)
    return bytes(h)


def write(entries: list[tuple[str, bytes | None]], mtime: int, owner: str = "root",
          modes: dict[str, int] | None = None) -> bytes:
    """A tar of (name, content) entries, content None for a directory (0755; files 0644, unless `modes` names the
    member's permission bits)."""
    out: list[bytes] = []
    who = owner.encode()
    modes = modes or {}
    for name, content in entries:
        raw = name.encode("utf-8", "surrogateescape")
        head = _header(raw, 0, modes.get(name, 0o755), mtime, b"5", who) if content is None \
            else _header(raw, len(content), modes.get(name, 0o644), mtime, b"0", who)
        if head is None:
            return _write_with_tarfile(entries, mtime, owner, modes)
        out.append(head)
        if content:
            out.append(content)
            out.append(b"\0" * (-len(content) % BLOCK))
    out.append(b"\0" * (2 * BLOCK))
    body = b"".join(out)
    return body + b"\0" * (-len(body) % RECORD)


def _write_with_tarfile(entries: list[tuple[str, bytes | None]], mtime: int, owner: str,
                        modes: dict[str, int]) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as t:
        for name, content in entries:
            info = tarfile.TarInfo(name)
            info.mtime, info.uname, info.gname = mtime, owner, owner
            if content is None:
                info.type, info.mode = tarfile.DIRTYPE, modes.get(name, 0o755)
                t.addfile(info)
            else:
                info.size, info.mode = len(content), modes.get(name, 0o644)
                t.addfile(info, io.BytesIO(content))
    return buf.getvalue()


def _octal(field: bytes) -> int | None:
    text = field.split(b"\0", 1)[0].strip()
    if not text:
        return 0
    try:
        return int(text, 8)
    except ValueError:
        return None


def read(raw: bytes, limit: int) -> list[Member]:
    """Every member of a tar (at most `limit`); raises tarfile.TarError for what is not a tar archive."""
    out: list[Member] = []
    if 0 < len(raw) < BLOCK:
        raise tarfile.ReadError("shorter than one block")
    pos = 0
    while pos + BLOCK <= len(raw):
        h = raw[pos:pos + BLOCK]
        if h == b"\0" * BLOCK:
            break
        check = _octal(h[148:156])
        if check is None or check != sum(h[:148]) + 256 + sum(h[156:]):
            if not out:
                raise tarfile.ReadError("bad checksum")
            break
        kind = h[156:157]
        size = _octal(h[124:136])
        if kind in (b"L", b"K", b"x", b"g") or size is None:
            return _read_with_tarfile(raw, limit)
        if len(out) >= limit:
            raise tarfile.ReadError(f"more than {limit} members")
        name = h[0:100].split(b"\0", 1)[0]
        if h[257:262] == b"ustar" and h[345] != 0:
            name = h[345:500].split(b"\0", 1)[0] + b"/" + name
        typ = "file" if kind in (b"0", b"\0", b"7") else "dir" if kind == b"5" else "other"
        start = pos + BLOCK
        out.append(Member(name=name.decode("utf-8", "surrogateescape"), type=typ, size=size,
                          mode=_octal(h[100:108]) or 0, mtime=_octal(h[136:148]) or 0,
                          uname=h[265:297].split(b"\0", 1)[0].decode(errors="replace"),
                          gname=h[297:329].split(b"\0", 1)[0].decode(errors="replace"),
                          uid=_octal(h[108:116]) or 0, gid=_octal(h[116:124]) or 0,
                          data=raw[start:start + size] if typ == "file" else None))
        pos = start + size + (-size % BLOCK)
    return out


def _read_with_tarfile(raw: bytes, limit: int) -> list[Member]:
    out: list[Member] = []
    with tarfile.open(fileobj=io.BytesIO(raw), mode="r:") as t:
        for info in t:
            if len(out) >= limit:
                raise tarfile.ReadError(f"more than {limit} members")
            got = t.extractfile(info) if info.isfile() else None
            out.append(Member(name=info.name, type="file" if info.isfile() else "dir" if info.isdir() else "other",
                              size=info.size, mode=info.mode, mtime=int(info.mtime), uname=info.uname,
                              gname=info.gname, uid=info.uid, gid=info.gid,
                              data=got.read() if got is not None else None))
    return out
