"""Similar submissions, with the evidence a teacher can act on.

Each submission is normalised before comparing: prompts, comments, blank lines and spacing go; the student's own
names (their registry, resource group... from their seed) become `{{registry}}`-style placeholders; shell and
PowerShell variable names become V1, V2... in order of first use; quotes are unified. Two submissions are in one
cluster when, leaving the reference solution's lines aside, their lines are identical (and few others wrote the
same), or near-identical (Jaccard similarity of at least NEAR, sharing lines few others wrote), or when one
submission names resources that only another student's seed produces. The evidence is those names, then the
lines the cluster shares that few other students wrote.
"""

from __future__ import annotations

import hashlib
import re

NEAR = 0.8
RARE = 0.05
"""A shared line is evidence when at most this share of the class (and at least 3 students' worth) wrote it; a
larger group writing the same thing wrote the common answer."""
MIN_LINES = 3
"""Submissions shorter than this are too small to compare (an empty file is not collusion)."""

_PROMPT = re.compile(r"^\s*(\$|>|PS[^>]*>)\s")
_BASH_VAR = re.compile(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?"
                       r"|(?:^|(?<=[;&|] )|(?<=\bexport )|(?<=\blocal )|(?<=\bfor ))([A-Za-z_][A-Za-z0-9_]*)(?==| in )")
_SPECIAL = {"Registry", "HOME", "PWD", "true", "false", "null", "_", "PSItem", "args", "input", "env"}


def normalise(text: str, values: dict[str, str]) -> list[str]:
    names: dict[str, str] = {}

    def var(name: str) -> str:
        if name in _SPECIAL:
            return name
        return names.setdefault(name, f"V{len(names) + 1}")

    lines = []
    for raw in text.splitlines():
        line = _PROMPT.sub("", raw).strip()
        if not line or line.startswith("#"):
            continue
        for key, value in sorted(values.items(), key=lambda kv: -len(kv[1])):
            if len(value) >= 3:
                line = line.replace(value, "{{" + key + "}}")
        line = _BASH_VAR.sub(lambda m: f"${var(m.group(1))}" if m.group(1) else var(m.group(2)), line)
        line = re.sub(r"\s+", " ", line.replace("'", '"')).strip()
        lines.append(line)
    return lines


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{3,}")


def _foreign_names(texts: dict[str, str], values: dict[str, dict[str, str]]) -> dict[tuple[str, str], list[str]]:
    """(user, owner) -> evidence lines when `user`'s submission names resources that are `owner`'s own (a name
    only `owner`'s seed produces, such as their registry with its suffix)."""
    owners: dict[str, set[str]] = {}
    for student, vals in values.items():
        for v in vals.values():
            if isinstance(v, str) and len(v) >= 5:
                owners.setdefault(v, set()).add(student)
    unique = {v: next(iter(ss)) for v, ss in owners.items() if len(ss) == 1}
    found: dict[tuple[str, str], list[str]] = {}
    for user, text in texts.items():
        names = {k: v for k, v in values.get(user, {}).items()}
        for token in sorted(set(_TOKEN.findall(text))):
            owner = unique.get(token)
            if owner is None or owner == user:
                continue
            what = next((k for k, v in values[owner].items() if v == token), "name")
            line = f"{user}'s submission uses {owner}'s {what} {token}" + (
                f" (theirs is {names[what]})" if what in names else "")
            found.setdefault((user, owner), []).append(line)
    return found


def clusters(subs: dict[str, list[str]], common: set[str] | None = None, texts: dict[str, str] | None = None,
             values: dict[str, dict[str, str]] | None = None) -> list[dict]:
    """`subs`: student -> normalised lines; `texts`/`values`: each student's raw submission and own names.
    Clusters of 2+ students, each with the kinds of likeness found and the evidence lines."""
    common = common or set()
    texts = texts or {}
    students = sorted(subs)
    sets = {s: set(subs[s]) for s in subs}
    parent = {s: s for s in subs}
    reasons: dict[frozenset, set[str]] = {}
    extra: dict[frozenset, list[str]] = {}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def join(a: str, b: str, why: str, evidence: list[str] | None = None) -> None:
        parent[find(b)] = find(a)
        key = frozenset((a, b))
        reasons.setdefault(key, set()).add(why)
        extra.setdefault(key, []).extend(evidence or [])

    distinct = {s: sets[s] - common for s in students}
    by_line: dict[str, set[str]] = {}
    for s in students:
        for ln in distinct[s]:
            by_line.setdefault(ln, set()).add(s)
    limit = max(3, int(RARE * len(students)))
    groups_by_digest: dict[str, list[str]] = {}
    for s in students:
        if len(distinct[s]) >= 2:
            groups_by_digest.setdefault(hashlib.sha256("\n".join(sorted(distinct[s])).encode()).hexdigest(),
                                        []).append(s)
    for group in groups_by_digest.values():
        if 2 <= len(group) <= limit:  # a large group wrote the same common answer: that is not evidence
            for b in group[1:]:
                join(group[0], b, "identical")
    for a in students:
        # near-identical work shares rare lines: only students sharing one are compared
        partners = {b for ln in distinct[a] if len(by_line[ln]) <= limit for b in by_line[ln] if b > a}
        for b in sorted(partners):
            if find(a) != find(b) and min(len(distinct[a]), len(distinct[b])) >= MIN_LINES \
                    and _jaccard(distinct[a], distinct[b]) >= NEAR:
                join(a, b, "near-identical")
    for (user, owner), lines in sorted(_foreign_names(texts, values or {}).items()):
        if user in parent and owner in parent:
            join(owner, user, "uses another student's names", lines)
    groups: dict[str, list[str]] = {}
    for s in subs:
        groups.setdefault(find(s), []).append(s)
    out = []
    for members in groups.values():
        if len(members) < 2:
            continue
        members = sorted(members)
        shared = set.intersection(*(sets[m] for m in members))
        rare = sorted((ln for ln in shared if ln not in common and len(by_line.get(ln, ())) <= max(limit, len(members))),
                      key=lambda ln: (len(by_line.get(ln, ())), ln))[:6]
        kinds = sorted(set().union(*(reasons.get(frozenset((a, b)), set()) for a in members for b in members)))
        named = [ln for a in members for b in members for ln in extra.get(frozenset((a, b)), []) if a < b]
        pairs = [_jaccard(sets[a], sets[b]) for a in members for b in members if a < b]
        raw_same = len({texts.get(m, "").strip() for m in members}) == 1 and bool(texts.get(members[0], "").strip())
        out.append({"students": members, "kinds": kinds, "identical_text": raw_same,
                    "similarity": round(min(pairs), 3) if pairs else 0.0,
                    "evidence": sorted(set(named))[:6] + rare})
    return sorted(out, key=lambda c: (-len(c["students"]), c["students"]))
