"""Dockerfile text: parsing, variable substitution and how big each instruction's layer is."""

from __future__ import annotations

import fnmatch
import functools
import hashlib
import json
import re
import shlex
import zlib

from .artifacts import ImageConfig

INSTRUCTIONS = {"FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT",
                "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL"}
MB = 1_000_000
_VAR = re.compile(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))")


class BuildError(Exception):
    """A failed build; `message` is what BuildKit prints after `ERROR: failed to solve: `."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


def _h(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()


# -- parsing ----------------------------------------------------------------------------------
def parse_dockerfile(text: str) -> list[tuple[int, str, str]]:
    """(line number, INSTRUCTION, arguments) with continuations joined and comments dropped."""
    return list(_parse(text))


@functools.lru_cache(maxsize=256)
def _parse(text: str) -> tuple[tuple[int, str, str], ...]:
    """Parsed once per Dockerfile text (CI rebuilds the same Dockerfile; errors are not cached)."""
    result: list[tuple[int, str, str]] = []
    buf: list[str] = []
    start = 0
    for no, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not buf and (not line or line.startswith("#")):
            continue
        if buf and line.startswith("#"):
            continue
        if not buf:
            start = no
        if line.endswith("\\"):
            buf.append(line[:-1].strip())
            continue
        buf.append(line)
        joined = " ".join(p for p in buf if p)
        buf = []
        word, _, args = joined.partition(" ")
        instr = word.upper()
        if instr not in INSTRUCTIONS:
            raise BuildError(f"dockerfile parse error on line {start}: unknown instruction: {word}", start)
        result.append((start, instr, args.strip()))
    if buf:
        joined = " ".join(p for p in buf if p)
        word, _, args = joined.partition(" ")
        if word.upper() not in INSTRUCTIONS:
            raise BuildError(f"dockerfile parse error on line {start}: unknown instruction: {word}", start)
        result.append((start, word.upper(), args.strip()))
    if not result:
        raise BuildError("file with no instructions")
    return tuple(result)


def substitute(text: str, env: dict[str, str]) -> str:
    """Dockerfile variable substitution: $VAR, ${VAR}, ${VAR:-default}, ${VAR:+alternative}."""
    if "$" not in text:
        return text
    def repl(m: re.Match) -> str:
        name = m.group(1) or m.group(4)
        value = env.get(name)
        op = m.group(2)
        if op in (":-", "-"):
            return value if value else (m.group(3) or "")
        if op in (":+", "+"):
            return (m.group(3) or "") if value else ""
        return value or ""
    return _VAR.sub(repl, text)


def _json_or_shell(args: str, shell: list[str]) -> list[str]:
    return list(_exec_form(args, tuple(shell)))


@functools.lru_cache(maxsize=1024)
def _exec_form(args: str, shell: tuple[str, ...]) -> tuple[str, ...]:
    """CMD/ENTRYPOINT/SHELL/VOLUME arguments: the JSON array form, else the shell form (parsed once per text)."""
    if args.startswith("["):
        try:
            v = json.loads(args)
            if isinstance(v, list) and all(isinstance(x, str) for x in v):
                return tuple(v)
        except ValueError:
            pass
    return (*shell, args)


def _words(args: str) -> list[str]:
    """Shell-like word splitting (shlex only when quotes or escapes make it necessary)."""
    if not any(c in args for c in "'\"\\"):
        return args.split()
    try:
        return shlex.split(args)
    except ValueError:
        return args.split()


def _split_flags(args: str) -> tuple[dict[str, str], list[str]]:
    flags, words = _flags_and_words(args)
    return dict(flags), list(words)


@functools.lru_cache(maxsize=1024)
def _flags_and_words(args: str) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    """`--flag=value` words first, then the rest (split once per text: CI repeats the same COPY lines)."""
    words = _words(args)
    flags: dict[str, str] = {}
    while words and words[0].startswith("--"):
        k, _, v = words.pop(0)[2:].partition("=")
        flags[k] = v
    return tuple(flags.items()), tuple(words)


def _pairs(args: str, instr: str, line: int) -> dict[str, str]:
    """ENV/LABEL `k=v k2="v 2"` or the legacy `ENV k v` form."""
    words = _words(args)
    if not words:
        raise BuildError(f"dockerfile parse error on line {line}: {instr} requires at least one argument", line)
    if "=" not in words[0]:
        if len(words) < 2:
            raise BuildError(f"dockerfile parse error on line {line}: {instr} must have two arguments", line)
        return {words[0]: " ".join(words[1:])}
    out = {}
    for w in words:
        k, eq, v = w.partition("=")
        if not eq or not k:
            raise BuildError(f"dockerfile parse error on line {line}: {instr} names can not be blank", line)
        out[k] = v
    return out


# -- build context and config instructions ----------------------------------------------------
@functools.lru_cache(maxsize=256)
def _visible(names: tuple[str, ...], dockerignore: str) -> tuple[str, ...]:
    """Context files not excluded by .dockerignore, sorted (by the names alone: a CI context keeps its file names
    while their contents change)."""
    ignore = [p.strip().lstrip("/") for p in dockerignore.splitlines() if p.strip() and not p.startswith("#")]
    if not ignore:
        return names
    return tuple(f for f in names if not any(fnmatch.fnmatch(f, i) or f.startswith(i.rstrip("/") + "/")
                                             for i in ignore))


def select(visible: tuple[str, ...] | list[str], patterns: list[str]) -> list[str]:
    chosen: list[str] = []
    taken: set[str] = set()
    for pat in patterns:
        p = pat[2:] if pat.startswith("./") else pat
        p = "" if p in (".", "/") else p.lstrip("/")
        if p in ("", "*"):
            hit = visible
        else:
            hit = [f for f in visible if fnmatch.fnmatch(f, p) or f.startswith(p.rstrip("/") + "/") or f == p]
        if not hit:
            raise BuildError(f'failed to compute cache key: failed to calculate checksum of ref '
                             f'{_h("ctx")[:25]}::{_h(pat)[:25]}: "/{p}": not found')
        for f in hit:
            if f not in taken:
                taken.add(f)
                chosen.append(f)
    return chosen


class Context:
    """The build context's files, with the .dockerignore'd view computed once per build."""

    __slots__ = ("files", "_visible")

    def __init__(self, files: dict[str, str]) -> None:
        self.files = files
        self._visible: tuple[str, ...] | None = None

    def visible(self) -> tuple[str, ...]:
        """The names a COPY can pick, sorted (a tuple: it keys the selection cache in build.py)."""
        if self._visible is None:
            self._visible = _visible(tuple(sorted(self.files)), self.files.get(".dockerignore", ""))
        return self._visible


_DEFAULT_CONFIG = ImageConfig()
_INTERNED_MAX = 4096
_CONFIGS: dict[tuple, ImageConfig] = {}
"""Immutable values shared between builds (interned; bounded so a long-lived process does not grow)."""


def interned(table: dict, key, make):
    value = table.get(key)
    if value is None:
        if len(table) >= _INTERNED_MAX:
            table.clear()
        value = table[key] = make()
    return value


def config_fields(cfg: ImageConfig | dict | None) -> dict:
    """A private, mutable copy of a config's fields (lists copied)."""
    fields = (cfg if isinstance(cfg, dict) else (cfg or _DEFAULT_CONFIG).__dict__)
    return {k: list(v) if isinstance(v, list) else v for k, v in fields.items()}


def config_key(fields: dict) -> tuple:
    """A hashable value of a config's fields (equal fields, equal key)."""
    return tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in fields.items())


def freeze_config(fields: dict, key: tuple | None = None) -> ImageConfig:
    """The immutable ImageConfig of `fields` (`key`: their config_key, when the caller has it)."""
    return interned(_CONFIGS, key or config_key(fields), lambda: ImageConfig(**fields))


def configure(c: dict, labels: dict[str, str], instr: str, args: str, line: int) -> None:
    """Apply a config-only instruction (ENV, LABEL, CMD, ...) to a stage's config fields and labels."""
    if not args:
        raise BuildError(f"dockerfile parse error on line {line}: {instr} requires at least one argument", line)
    if instr == "ENV":
        env = dict(e.split("=", 1) for e in c["env"] if "=" in e)
        env.update(_pairs(args, "ENV", line))
        c["env"] = [f"{k}={v}" for k, v in env.items()]
    elif instr == "LABEL":
        labels.update(_pairs(args, "LABEL", line))
    elif instr == "MAINTAINER":
        labels["maintainer"] = args
    elif instr == "EXPOSE":
        for p in args.split():
            p = p if "/" in p else f"{p}/tcp"
            if p not in c["exposed_ports"]:
                c["exposed_ports"].append(p)
    elif instr == "CMD":
        c["cmd"] = _json_or_shell(args, c["shell"] or ["/bin/sh", "-c"])
    elif instr == "ENTRYPOINT":
        c["entrypoint"] = _json_or_shell(args, c["shell"] or ["/bin/sh", "-c"])
        c["cmd"] = None
    elif instr == "WORKDIR":
        c["working_dir"] = args if args.startswith("/") else (c["working_dir"].rstrip("/") + "/" + args)
    elif instr == "USER":
        c["user"] = args
    elif instr == "VOLUME":
        vols = _json_or_shell(args, []) if args.startswith("[") else args.split()
        c["volumes"] += [v for v in vols if v not in c["volumes"]]
    elif instr == "STOPSIGNAL":
        c["stop_signal"] = args
    elif instr == "SHELL":
        c["shell"] = _json_or_shell(args, [])
    elif instr == "HEALTHCHECK":
        _, words = _split_flags(args)
        c["healthcheck"] = ["NONE"] if words[:1] == ["NONE"] else ["CMD-SHELL", " ".join(words[1:])]
    elif instr == "ONBUILD":
        c["onbuild"].append(args)


# -- sizes ------------------------------------------------------------------------------------
def _pick(key: str, lo: int, hi: int) -> int:
    return lo + int(_h(key)[:8], 16) % max(1, hi - lo)


def _packages(cmd: str, verbs: tuple[str, ...]) -> list[str]:
    words = cmd.replace("&&", " ; ").replace("\\", " ").split()
    out, on = [], False
    for w in words:
        if w in (";", "|", "||"):
            on = False
        elif w in verbs:
            on = True
        elif on and not w.startswith("-") and "=" not in w[:1]:
            out.append(w)
    return out


def run_layer_size(cmd: str, files: dict[str, str]) -> int:
    """How much a RUN adds: package installs tens of MB, file tweaks a few kB (deterministic per command)."""
    reqs = tuple(files[f] for f in files if f.endswith("requirements.txt") and f.rsplit("/", 1)[-1] in cmd)
    pkg = next((v for k, v in files.items() if k.rsplit("/", 1)[-1] == "package.json"), None)
    return _run_layer_size(cmd, reqs, pkg)


def run_layer_reads(cmd: str, names: tuple[str, ...]) -> tuple[tuple[str, ...], str | None] | None:
    """The context files run_layer_size reads for `cmd` (the requirements files it names, the package.json), found
    once per plan; None when several package.json files make its pick depend on the context's order."""
    pkgs = [n for n in names if n.rsplit("/", 1)[-1] == "package.json"]
    if len(pkgs) > 1:
        return None
    return (tuple(n for n in names if n.endswith("requirements.txt") and n.rsplit("/", 1)[-1] in cmd),
            pkgs[0] if pkgs else None)


def run_layer_size_of(cmd: str, files: dict[str, str], reads: tuple[tuple[str, ...], str | None] | None) -> int:
    """run_layer_size reading only `reads` (from run_layer_reads): the same size, without a scan of the context."""
    if reads is None:
        return run_layer_size(cmd, files)
    return _run_layer_size(cmd, tuple([files[n] for n in reads[0]]), files[reads[1]] if reads[1] else None)


@functools.lru_cache(maxsize=1024)
def _run_layer_size(cmd: str, reqs: tuple[str, ...], pkg: str | None) -> int:
    """run_layer_size on only the files it reads (the requirements files the command names, package.json)."""
    size = _pick(cmd, 2_000, 40_000)
    low = cmd.lower()
    if "apt-get install" in low or "apt install" in low:
        size += 18 * MB + sum(_pick(p, 2 * MB, 12 * MB) for p in _packages(cmd, ("install",)))
    if "apt-get update" in low and "rm -rf /var/lib/apt/lists" not in low:
        size += 21 * MB
    if "apk add" in low:
        size += sum(_pick(p, 300_000, 3 * MB) for p in _packages(cmd, ("add",)))
    if "yum install" in low or "dnf install" in low or "tdnf install" in low:
        size += 30 * MB + 6 * MB * len(_packages(cmd, ("install",)))
    if "pip install" in low or "pip3 install" in low:
        pkgs = [p for p in _packages(cmd, ("install",)) if p not in ("-r",)]
        names = pkgs + [ln for r in reqs for ln in r.splitlines() if ln.strip() and not ln.startswith("#")]
        size += 2 * MB + sum(_pick(n, 1 * MB, 15 * MB) for n in names)
    if re.search(r"\b(npm (install|ci|i)|yarn( install)?|pnpm install)\b", low):
        deps = re.findall(r'"[@\w./-]+"\s*:\s*"[~^<>=\d.*x-]', pkg or "")
        size += max(15 * MB, sum(_pick(d, 800_000, 6 * MB) for d in deps)) if pkg else 45 * MB
    for word, lo, hi in (("dotnet restore", 20, 40), ("dotnet publish", 10, 30), ("dotnet build", 8, 20),
                         ("go build", 8, 25), ("go mod download", 30, 90), ("mvn", 60, 120), ("gradle", 60, 150),
                         ("cargo build", 20, 80), ("make", 2, 12), ("curl", 1, 8), ("wget", 1, 8)):
        if word in low:
            size += _pick(cmd + word, lo * MB, hi * MB)
    return size


def copy_layer_size(contents: list[tuple[str, str]]) -> int:
    """A tar of the copied files, gzip-compressed: real compression of the real bytes."""
    raw = b"".join([part for p, c in contents for part in (_tar_header(p), c.encode())])
    return len(zlib.compress(raw, 6, window_bits(len(raw)))) + 32 + 10 * len(contents)


def window_bits(n: int) -> int:
    """The smallest deflate window that gives `n` bytes the same compressed length as the default 32 KB one.

    Deflate matches reach back at most the window less MIN_LOOKAHEAD (262 bytes); when the whole input fits in
    that distance every match the default window finds is found, the same blocks are written, and only the
    zlib header's window field differs (same length). A small window costs far less to set up, which is most
    of the work for the few kB a CI build copies (tests/images/test_build_cache.py compares the lengths)."""
    bits = 9
    while bits < 15 and (1 << bits) - 262 < n:
        bits += 1
    return bits


@functools.lru_cache(maxsize=4096)
def _tar_header(path: str) -> bytes:
    """A file's path padded with NULs to the next 512-byte boundary (its header block in the tar)."""
    name = path.encode()
    return name + b"\0" * (512 - len(name) % 512)
