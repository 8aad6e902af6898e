"""Word expansions that work on the shape of a word rather than on values: brace expansion ({a,b}, {1..5}),
tilde expansion (~, ~/x, and after `=`/`:` in assignments), glob patterns (*, ?, [...]) for case and
pathname expansion against the host's virtual files.

A field being expanded is a list of pieces (text, active): `active` is False for text that came from quotes
(or a tilde), so `"*.yaml"` stays literal while `*.yaml` matches files."""

from __future__ import annotations

import re

from .bash import Segment

Piece = tuple[str, bool]
MAX_BRACE_WORDS = 10_000
GLOB_CHARS = frozenset("*?[")


# -- brace expansion ----------------------------------------------------------------------------------
def _atoms(word: list[Segment]) -> list[tuple[str, Segment | None]]:
    """Split a word into atoms: unquoted literal characters (char, None) and whole other segments."""
    atoms: list[tuple[str, Segment | None]] = []
    for seg in word:
        if seg[0] == "lit" and not seg[2]:
            atoms.extend((c, None) for c in seg[1])
        else:
            atoms.append(("", seg))
    return atoms


def _rebuild(atoms: list[tuple[str, Segment | None]]) -> list[Segment]:
    out: list[Segment] = []
    buf: list[str] = []
    for ch, seg in atoms:
        if seg is None:
            buf.append(ch)
            continue
        if buf:
            out.append(("lit", "".join(buf), False))
            buf = []
        out.append(seg)
    if buf:
        out.append(("lit", "".join(buf), False))
    return out


def _sequence(text: str) -> list[str] | None:
    """{1..5}, {a..e}, {10..0..2}, {01..10} (zero padded)."""
    m = re.fullmatch(r"(-?\d+)\.\.(-?\d+)(?:\.\.(-?\d+))?", text)
    if m:
        a, b = int(m.group(1)), int(m.group(2))
        step = abs(int(m.group(3) or 1)) or 1
        padded = any(re.match(r"-?0\d", g) for g in m.group(1, 2))
        width = max(len(m.group(1)), len(m.group(2))) if padded else 0
        rng = range(a, b + 1, step) if a <= b else range(a, b - 1, -step)
        if len(rng) > MAX_BRACE_WORDS:
            return None
        return [str(v).zfill(width) for v in rng]
    m = re.fullmatch(r"([A-Za-z])\.\.([A-Za-z])(?:\.\.(-?\d+))?", text)
    if m:
        a, b = ord(m.group(1)), ord(m.group(2))
        step = abs(int(m.group(3) or 1)) or 1
        rng = range(a, b + 1, step) if a <= b else range(a, b - 1, -step)
        return [chr(v) for v in rng]
    return None


def brace_expand(word: list[Segment]) -> list[list[Segment]]:
    """Expand the first brace expression of a word (recursively the rest); a word without one is kept."""
    atoms = _atoms(word)
    results = _expand_atoms(atoms, 0)
    return [_rebuild(a) for a in results] if results is not None else [word]


def _expand_atoms(atoms, depth: int):
    if depth > 20:
        return None
    n = len(atoms)
    for i in range(n):
        if atoms[i] != ("{", None) or (i and atoms[i - 1] == ("$", None)):
            continue
        level, commas, j = 0, [], i + 1
        while j < n:
            a = atoms[j]
            if a == ("{", None):
                level += 1
            elif a == ("}", None):
                if level == 0:
                    break
                level -= 1
            elif a == (",", None) and level == 0:
                commas.append(j)
            j += 1
        if j >= n:
            return None
        prefix, suffix = atoms[:i], atoms[j + 1:]
        if commas:
            bounds = [i] + commas + [j]
            alternatives = [atoms[bounds[k] + 1:bounds[k + 1]] for k in range(len(bounds) - 1)]
        else:
            inner = atoms[i + 1:j]
            if any(seg is not None for _, seg in inner):
                continue
            seq = _sequence("".join(ch for ch, _ in inner))
            if seq is None:
                continue
            alternatives = [[(c, None) for c in item] for item in seq]
        out = []
        for alt in alternatives:
            combined = prefix + alt + suffix
            more = _expand_atoms(combined, depth + 1)
            out.extend(more if more is not None else [combined])
            if len(out) > MAX_BRACE_WORDS:
                return None
        return out
    return None


# -- tilde expansion -----------------------------------------------------------------------------------
def tilde(word: list[Segment], env: dict[str, str], cwd: str, assignment: bool = False) -> list[Segment]:
    """`~`, `~/...`, `~learner`, `~+`, `~-` at the start of a word (and after `:` in an assignment)."""
    if not word or not assignment and (word[0][0] != "lit" or word[0][2]):
        return word
    out: list[Segment] = []
    for k, seg in enumerate(word):
        if seg[0] != "lit" or seg[2] or "~" not in seg[1]:
            out.append(seg)
            continue
        parts = seg[1].split(":") if assignment else [seg[1]]
        texts: list[Segment] = []
        for p_idx, part in enumerate(parts):
            at_start = (k == 0 and p_idx == 0) or (assignment and p_idx > 0)
            if at_start and part.startswith("~"):
                user, slash, rest = part[1:].partition("/")
                last = p_idx == len(parts) - 1
                if not slash and last and k + 1 < len(word):  # `~"$x"`: a quoted part follows; no expansion
                    home = None
                else:
                    home = _home(user, env, cwd)
                if home is not None:
                    texts.append(("lit", home, True))
                    part = slash + rest
            if part or p_idx < len(parts) - 1:
                texts.append(("lit", part + (":" if p_idx < len(parts) - 1 else ""), False))
        out.extend(t for t in texts if t[1] or t[2])
    return out


def _home(user: str, env: dict[str, str], cwd: str) -> str | None:
    if user == "":
        return env.get("HOME", "/home/learner")
    if user == "learner":
        return "/home/learner"
    if user == "root":
        return "/root"
    if user == "+":
        return cwd
    if user == "-":
        return env.get("OLDPWD")
    return None


# -- patterns --------------------------------------------------------------------------------------------
def has_glob(pieces: list[Piece]) -> bool:
    return any(active and GLOB_CHARS.intersection(text) for text, active in pieces)


def _chars(pieces: list[Piece]) -> list[tuple[str, bool]]:
    return [(c, active) for text, active in pieces for c in text]


CLASSES = {"alpha": "a-zA-Z", "digit": "0-9", "alnum": "a-zA-Z0-9", "upper": "A-Z", "lower": "a-z",
           "space": r"\s", "blank": r" \t", "punct": r"!-/:-@\[-`{-~", "xdigit": "0-9A-Fa-f", "word": r"\w"}


def pattern_regex(pieces: list[Piece], slash: bool = True) -> str:
    """A regular expression for a glob pattern; `slash` False keeps * and ? from matching '/'."""
    chars = _chars(pieces)
    any_char = "." if slash else "[^/]"
    out: list[str] = []
    i, n = 0, len(chars)
    while i < n:
        c, active = chars[i]
        i += 1
        if not active:
            out.append(re.escape(c))
        elif c == "*":
            while i < n and chars[i] == ("*", True):
                i += 1
            out.append(any_char + "*")
        elif c == "?":
            out.append(any_char)
        elif c == "[":
            bracket, i2 = _bracket(chars, i)
            if bracket is None:
                out.append(re.escape(c))
            else:
                out.append(bracket)
                i = i2
        else:
            out.append(re.escape(c))
    return "".join(out)


def _bracket(chars, i: int) -> tuple[str | None, int]:
    """From just after an active `[`: the regex class and the index after `]` (None: not a bracket)."""
    n = len(chars)
    negate = False
    if i < n and chars[i][0] in "!^" and chars[i][1]:
        negate = True
        i += 1
    items: list[str] = []
    first = True
    while i < n:
        c, active = chars[i]
        if c == "]" and not first and active:
            body = "".join(items)
            return f"[{'^' if negate else ''}{body}]", i + 1
        first = False
        if c == "[" and active and i + 1 < n and chars[i + 1][0] == ":":
            rest = "".join(ch for ch, _ in chars[i + 2:])
            m = re.match(r"([a-z]+):\]", rest)
            if m and m.group(1) in CLASSES:
                items.append(CLASSES[m.group(1)])
                i += 2 + len(m.group(0))
                continue
        if c == "-" and active and items and i + 1 < n and chars[i + 1][0] != "]":
            items.append("-")
        else:
            items.append(re.escape(c))
        i += 1
    return None, i


def matches(pattern: list[Piece], text: str) -> bool:
    try:
        return re.fullmatch(pattern_regex(pattern), text, re.S) is not None
    except re.error:
        return "".join(t for t, _ in pattern) == text


# -- pathname expansion -----------------------------------------------------------------------------------
def sort_key(env: dict[str, str]):
    """How bash orders glob results: by the collating locale (LC_ALL, LC_COLLATE, LANG); C/POSIX or none is
    byte order, otherwise an approximation of glibc's UTF-8 collation (case and punctuation ignored first)."""
    locale = env.get("LC_ALL") or env.get("LC_COLLATE") or env.get("LANG") or "C"
    if locale in ("C", "POSIX") or locale.startswith("C."):
        return lambda s: s.encode()
    return lambda s: ([c.casefold() for c in s if c.isalnum()], [c.isupper() for c in s if c.isalnum()], s)


def _tree(files: dict[str, str]) -> dict:
    root: dict = {}
    for path in files:
        node = root
        parts = [p for p in path.split("/") if p]
        for p in parts[:-1]:
            child = node.setdefault(p, {})
            if child is None:  # a file and a directory of the same name: the directory wins
                child = node[p] = {}
            node = child
        if parts:
            node.setdefault(parts[-1], None)
    return root


def expand_path(pieces: list[Piece], files: dict[str, str], cwd: str, env: dict[str, str]) -> list[str]:
    """Pathname expansion of one field; [] when nothing matches."""
    chars = _chars(pieces)
    comps: list[list[Piece]] = [[]]
    for c, active in chars:
        if c == "/":
            comps.append([])
        else:
            comps[-1].append((c, active))
    absolute = bool(chars) and chars[0][0] == "/"
    if absolute:
        comps = comps[1:]
    want_dir = len(comps) > 1 and not comps[-1]
    if want_dir:
        comps = comps[:-1]
    root = _tree(files)
    start = root
    for p in ([] if absolute else [p for p in cwd.split("/") if p]):
        start = start.get(p) if isinstance(start, dict) else None
        if start is None:
            return []
    found: list[tuple[str, dict | None]] = [("/" if absolute else "", start)]
    for k, comp in enumerate(comps):
        last = k == len(comps) - 1
        text = "".join(c for c, _ in comp)
        nxt: list[tuple[str, dict | None]] = []
        for prefix, node in found:
            if not isinstance(node, dict):
                continue
            sep = "" if prefix in ("", "/") or prefix.endswith("/") else "/"
            if not has_glob(comp):
                if text in (".", ".."):
                    nxt.append((prefix + sep + text, {}))
                elif text == "":
                    nxt.append((prefix + sep, node))
                elif text in node:
                    nxt.append((prefix + sep + text, node[text]))
                continue
            try:
                rx = re.compile(pattern_regex(comp, slash=False), re.S)
            except re.error:  # a reversed range such as [e-a] matches no name, as in bash
                continue
            dot_ok = comp[0][0] == "."
            for name in node:
                if name.startswith(".") and not dot_ok:
                    continue
                if rx.fullmatch(name) and (not last or not want_dir or isinstance(node[name], dict)):
                    nxt.append((prefix + sep + name, node[name]))
        found = [(p, n) for p, n in nxt if last or isinstance(n, dict)]
        if not found:
            return []
    if want_dir:
        found = [(p + "/", n) for p, n in found if isinstance(n, dict)]
    return sorted((p for p, _ in found), key=sort_key(env))
