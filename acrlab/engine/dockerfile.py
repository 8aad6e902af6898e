"""Dockerfile text: parsing, variable substitution and how big each instruction's layer is."""

from __future__ import annotations

import hashlib
import json
import re
import shlex
import zlib

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
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()


# -- parsing ----------------------------------------------------------------------------------
def parse_dockerfile(text: str) -> list[tuple[int, str, str]]:
    """(line number, INSTRUCTION, arguments) with continuations joined and comments dropped."""
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
    return result


def substitute(text: str, env: dict[str, str]) -> str:
    """Dockerfile variable substitution: $VAR, ${VAR}, ${VAR:-default}, ${VAR:+alternative}."""
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
    if args.startswith("["):
        try:
            v = json.loads(args)
            if isinstance(v, list) and all(isinstance(x, str) for x in v):
                return v
        except ValueError:
            pass
    return [*shell, args]


def _words(args: str) -> list[str]:
    """Shell-like word splitting (shlex only when quotes or escapes make it necessary)."""
    if not any(c in args for c in "'\"\\"):
        return args.split()
    try:
        return shlex.split(args)
    except ValueError:
        return args.split()


def _split_flags(args: str) -> tuple[dict[str, str], list[str]]:
    words = _words(args)
    flags: dict[str, str] = {}
    while words and words[0].startswith("--"):
        k, _, v = words.pop(0)[2:].partition("=")
        flags[k] = v
    return flags, words


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
        reqs = [files[f] for f in files if f.endswith("requirements.txt") and f.rsplit("/", 1)[-1] in cmd]
        names = pkgs + [ln for r in reqs for ln in r.splitlines() if ln.strip() and not ln.startswith("#")]
        size += 2 * MB + sum(_pick(n, 1 * MB, 15 * MB) for n in names)
    if re.search(r"\b(npm (install|ci|i)|yarn( install)?|pnpm install)\b", low):
        pkg = next((v for k, v in files.items() if k.rsplit("/", 1)[-1] == "package.json"), None)
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
    raw = b"".join(p.encode() + b"\0" * (512 - len(p.encode()) % 512) + c.encode() for p, c in contents)
    return len(zlib.compress(raw, 6)) + 32 + 10 * len(contents)
