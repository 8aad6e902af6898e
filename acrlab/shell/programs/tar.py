"""tar (GNU tar 1.34's create, extract and list with gzip): `tar -czf ctx.tar.gz .`, `tar -xzf ctx.tar.gz -C out`,
`tar -tvzf ctx.tar.gz`, old-style bundles (`tar czf ...`) and long options (`--create --gzip --file=F --directory=D`).

Archives are real ustar/gzip bytes (engine/source_uploads.py `pack`'s format), kept in the lab's file system, whose
files are text, by surrogate escape (`source_uploads.as_text`), so an archive read back, uploaded or extracted is
byte for byte what was written. Windows and PowerShell 7 ship the same bsdtar/GNU tar command line, so pwsh runs this
program too. What the lab's tar lacks (bzip2/xz compression, appending, archives on standard input or output) is
refused by name, never half done; GNU's own errors keep GNU's words (exit 2)."""

from __future__ import annotations

import gzip
import tarfile
from datetime import UTC, datetime

from ...engine import budget, source_uploads, tar_format
from ..executor import IO
from ..session import Session

TRY = "Try 'tar --help' or 'tar --usage' for more information."
MODES = {"c": "create", "x": "extract", "t": "list"}
LONG = {"--create": "c", "--extract": "x", "--get": "x", "--list": "t", "--gzip": "z", "--gunzip": "z",
        "--ungzip": "z", "--verbose": "v", "--file": "f", "--directory": "C"}
UNSUPPORTED = {"j": "bzip2 compression (-j)", "J": "xz compression (-J)", "r": "appending (-r)",
               "u": "updating (-u)", "A": "concatenating (-A)", "d": "comparing (-d)",
               "--bzip2": "bzip2 compression (-j)", "--xz": "xz compression (-J)", "--append": "appending (-r)",
               "--update": "updating (-u)", "--delete": "deleting members (--delete)",
               "--exclude": "--exclude", "--strip-components": "--strip-components"}


class TarError(Exception):
    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.code = code


def _options(argv: list[str]) -> tuple[set[str], dict[str, str], list[str]]:
    """GNU's three option styles: old (first word, no dash, letters taking their argument from the next words),
    short (-czf F) and long (--file=F | --file F)."""
    flags: set[str] = set()
    values: dict[str, str] = {}
    operands: list[str] = []
    words = list(argv)
    if words and not words[0].startswith("-"):  # old style: `tar czf out.tgz dir`
        first = words.pop(0)
        pending = []
        for ch in first:
            _letter(ch, flags, pending)
        for opt in pending:
            if not words:
                raise TarError(f"tar: option requires an argument -- '{opt}'\n{TRY}")
            values[opt] = words.pop(0)
    i = 0
    while i < len(words):
        w = words[i]
        i += 1
        if w == "--":
            operands += words[i:]
            break
        if w.startswith("--"):
            name, eq, val = w.partition("=")
            if name in UNSUPPORTED:
                raise TarError(f"tar: {UNSUPPORTED[name]} is not supported in the lab's tar (use -z, --gzip)")
            short = LONG.get(name)
            if short is None:
                raise TarError(f"tar: unrecognized option '{w}'\n{TRY}")
            if short in ("f", "C"):
                i = _takes(short, val if eq else None, words, i, values, operands, f"option '{name}' requires")
            else:
                flags.add(short)
        elif w.startswith("-") and len(w) > 1:
            pending: list[str] = []
            for j, ch in enumerate(w[1:], 1):
                _letter(ch, flags, pending)
                if pending:  # -f/-C take the rest of the word or the next word
                    i = _takes(ch, w[j + 1:] or None, words, i, values, operands, "option requires")
                    break
        else:
            operands.append(w)
    return flags, values, operands


def _takes(opt: str, value: str | None, words: list[str], i: int, values: dict[str, str], operands: list[str],
           missing: str) -> int:
    """-f/-C's argument (given, else the next word); -C also takes effect where it stands among the operands."""
    if value is None:
        if i >= len(words):
            raise TarError(f"tar: {missing} an argument" + ("" if "'" in missing else f" -- '{opt}'") + f"\n{TRY}")
        value, i = words[i], i + 1
    values[opt] = value
    if opt == "C":
        operands.append("\0C" + value)
    return i


def _letter(ch: str, flags: set[str], pending: list[str]) -> None:
    if ch in UNSUPPORTED:
        raise TarError(f"tar: {UNSUPPORTED[ch]} is not supported in the lab's tar (use -z, --gzip)")
    if ch in ("f", "C"):
        pending.append(ch)
    elif ch in "cxtzv":
        flags.add(ch)
    else:
        raise TarError(f"tar: invalid option -- '{ch}'\n{TRY}")


def tar(sh: Session, argv: list[str], io: IO) -> int:
    if argv[:1] in (["--help"], ["--usage"]):
        io.out("Usage: tar [OPTION...] [FILE]...\n  -c, --create    create a new archive\n"
               "  -x, --extract   extract files from an archive\n  -t, --list      list the contents of an archive\n"
               "  -z, --gzip      filter the archive through gzip\n  -f, --file=ARCHIVE\n"
               "  -C, --directory=DIR\n  -v, --verbose")
        return 0
    try:
        flags, values, operands = _options(argv)
        modes = [m for m in MODES if m in flags]
        if len(modes) != 1:
            raise TarError("tar: You must specify one of the '-Acdtrux', '--delete' or '--test-label' options\n"
                           + TRY if not modes else f"tar: You may not specify more than one '-Acdtrux', '--delete' "
                                                   f"or  '--test-label' option\n{TRY}")
        archive = values.get("f")
        if archive is None or archive == "-":
            raise TarError("tar: the lab's tar reads and writes archive files only: name one with -f FILE")
        if not archive:
            raise TarError("tar: : Cannot open: No such file or directory\n"
                           "tar: Error is not recoverable: exiting now")
        if modes[0] == "c":
            return _create(sh, io, archive, "z" in flags, "v" in flags, operands)
        return _read(sh, io, archive, modes[0] == "x", "v" in flags, values.get("C"),
                     [o for o in operands if not o.startswith("\0C")], "z" in flags)
    except TarError as e:
        io.err(str(e))
        return e.code


# -- create -----------------------------------------------------------------------------------------------------
def _create(sh: Session, io: IO, archive: str, gz: bool, verbose: bool, operands: list[str]) -> int:
    cwd = sh.host.cwd
    entries: list[tuple[str, str | None]] = []  # (member name, content or None for a directory)
    modes: dict[str, int] = {}  # member name -> permission bits the file system keeps for its path
    errors = False
    names = [o for o in operands if not o.startswith("\0C")]
    if not names:
        raise TarError(f"tar: Cowardly refusing to create an empty archive\n{TRY}")
    for op in operands:
        if op.startswith("\0C"):
            if sh.list_dir(op[2:]) is None:
                raise TarError(f"tar: {op[2:]}: Cannot open: No such file or directory\n"
                               "tar: Error is not recoverable: exiting now")
            sh.host.cwd = sh.abspath(op[2:])
            continue
        budget.checkpoint()
        member = op.lstrip("/") or "/"
        content = sh.read_file(op)
        if op.startswith("/") and op != "/" and (content is not None or sh.list_dir(op) is not None):
            io.err("tar: Removing leading `/' from member names")
        if content is not None:
            entries.append((member, content))
            if sh.abspath(op) in sh.host.modes:
                modes[member] = sh.host.modes[sh.abspath(op)]
        elif sh.list_dir(op) is not None:
            entries += _directory(sh, op, member, modes)
        else:
            io.err(f"tar: {op}: Cannot stat: No such file or directory")
            errors = True
    sh.host.cwd = cwd
    data = _write(entries, gz, int(sh.cloud.clock.now().timestamp()), modes)
    budget.check_size(len(data), "tar archive")
    if verbose:
        for name, _ in entries:
            io.out(name)
    new = sh.read_file(archive) is None
    sh.write_file(archive, source_uploads.as_text(data))
    if new and "umask" in sh.state:  # a new file gets 0666 less the umask (files it made have no other modes)
        sh.host.modes[sh.abspath(archive)] = 0o666 & ~sh.state["umask"]
    if errors:
        io.err("tar: Exiting with failure status due to previous errors")
        return 2
    return 0


def _directory(sh: Session, op: str, member: str, modes: dict[str, int]) -> list[tuple[str, str | None]]:
    """A directory and everything under it, in name order; mkdir's `.keep` marker is the directory itself. The
    permission bits the file system keeps for those paths go to `modes`."""
    top = member.rstrip("/") + "/" if member not in ("/", ".") else ("./" if member == "." else "")
    out: list[tuple[str, str | None]] = [(top, None)] if top else []
    base = sh.abspath(op).rstrip("/")
    kept = sh.host.modes
    if top and base in kept:
        modes[top] = kept[base]
    seen = set()
    for rel, content in sorted(sh.dir_files(op).items()):
        parts = rel.split("/")
        for k in range(1, len(parts)):
            d = top + "/".join(parts[:k]) + "/"
            if d not in seen:
                seen.add(d)
                out.append((d, None))
                if f"{base}/{'/'.join(parts[:k])}" in kept:
                    modes[d] = kept[f"{base}/{'/'.join(parts[:k])}"]
        if parts[-1] != ".keep":
            out.append((top + rel, content))
            if f"{base}/{rel}" in kept:
                modes[top + rel] = kept[f"{base}/{rel}"]
    return out


def _write(entries: list[tuple[str, str | None]], gz: bool, mtime: int, modes: dict[str, int]) -> bytes:
    body = tar_format.write([(name if content is None or name.endswith("/") else name,
                              None if content is None else source_uploads.as_bytes(content))
                             for name, content in entries], mtime, modes=modes)
    return gzip.compress(body, compresslevel=6, mtime=0) if gz else body


# -- list and extract -------------------------------------------------------------------------------------------
def _read(sh: Session, io: IO, archive: str, extract: bool, verbose: bool, directory: str | None,
          wanted: list[str], gz: bool = False) -> int:
    text = sh.read_file(archive)
    if text is None:
        why = "Is a directory" if sh.list_dir(archive) is not None else "No such file or directory"
        raise TarError(f"tar: {archive}: Cannot {'read' if why.startswith('Is') else 'open'}: {why}\n"
                       "tar: Error is not recoverable: exiting now")
    data = source_uploads.as_bytes(text)
    if gz and data[:2] != b"\x1f\x8b":
        raise TarError("gzip: stdin: not in gzip format\ntar: Child returned status 1\n"
                       "tar: Error is not recoverable: exiting now")
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError):
            raise TarError("gzip: stdin: unexpected end of file\ntar: Child returned status 1\n"
                           "tar: Error is not recoverable: exiting now") from None
    try:
        members = tar_format.read(data, source_uploads.MAX_FILES)
    except tarfile.TarError:
        raise TarError("tar: This does not look like a tar archive\n"
                       "tar: Exiting with failure status due to previous errors") from None
    if extract and directory is not None and sh.list_dir(directory) is None:
        raise TarError(f"tar: {directory}: Cannot open: No such file or directory\n"
                       "tar: Error is not recoverable: exiting now")
    base = sh.abspath(directory) if directory is not None else sh.host.cwd
    found = set()
    for info in members:
        budget.checkpoint()
        name = info.name + ("/" if info.isdir() and not info.name.endswith("/") else "")
        if wanted and not any(name.rstrip("/") == w.rstrip("/") or name.startswith(w.rstrip("/") + "/")
                              for w in wanted):
            continue
        found.update(w for w in wanted if name.rstrip("/") == w.rstrip("/") or name.startswith(w.rstrip("/") + "/"))
        if verbose or not extract:
            io.out(_verbose(info, name) if verbose and not extract else name)
        if extract:
            _extract(sh, base, info, name)
    missing = [w for w in wanted if w not in found]
    for w in missing:
        io.err(f"tar: {w}: Not found in archive")
    if missing:
        io.err("tar: Exiting with failure status due to previous errors")
        return 2
    return 0


def _verbose(info: tar_format.Member, name: str) -> str:
    kind = "d" if info.isdir() else "-"
    perms = "".join(c if info.mode & (1 << (8 - i)) else "-" for i, c in enumerate("rwxrwxrwx"))
    when = datetime.fromtimestamp(info.mtime, UTC).strftime("%Y-%m-%d %H:%M")
    owner = f"{info.uname or info.uid}/{info.gname or info.gid}"
    return f"{kind}{perms} {owner} {info.size:>8} {when} {name}"


def _extract(sh: Session, base: str, info: tar_format.Member, name: str) -> None:
    rel = name.lstrip("/")
    if any(part == ".." for part in rel.split("/")):
        raise TarError(f"tar: {name}: Member name contains '..'\n"
                       "tar: Exiting with failure status due to previous errors")
    path = base.rstrip("/") + "/" + rel.removeprefix("./")
    if info.isdir():
        if rel.removeprefix("./") and sh.list_dir(path) is None:
            sh.write_file(path.rstrip("/") + "/.keep", "")
    elif info.isfile():
        sh.write_file(path, source_uploads.as_text(info.data or b""))
    else:
        return
    mode = info.mode & 0o777 & ~sh.state.get("umask", 0o022)  # GNU tar, not as root: the member's mode less umask
    if mode != (0o755 if info.isdir() else 0o644) or path.rstrip("/") in sh.host.modes:
        sh.host.modes[path.rstrip("/")] = mode


PROGRAMS = {"tar": tar}
