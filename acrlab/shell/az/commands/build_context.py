"""What `az acr build|run|pack build|task run` put in the uploaded archive (azure-cli acr/_archive_utils.py
_pack_source_code): every file of the context but what `.dockerignore` excludes (or `<Dockerfile name>.dockerignore`,
which overrides it for a Dockerfile not named Dockerfile), and never the version-control entries `.git`, `.gitignore`,
`.bzr`, `bzrignore`, `.hg`, `.hgignore`, `.svn` at the context's top ("Excluding '.git' based on default ignore
rules"). azure-cli's rule semantics: the last matching line wins, `!` re-includes, `**` spans directories, and an
entry not matched inherits its directory's decision (so a file under an ignored directory can be re-included).
The lab's `.keep` markers of empty directories are not files and are left out."""

from __future__ import annotations

import re

VCS = frozenset({".git", ".gitignore", ".bzr", "bzrignore", ".hg", ".hgignore", ".svn"})


def _pattern(rule: str) -> tuple[re.Pattern, bool]:
    """azure-cli's IgnoreRule: (regex over the archive path, whether a match ignores). As there, only `.` is escaped,
    so `[...]` classes work; a rule that is no valid expression is matched literally."""
    ignore = True
    if rule.startswith("!"):
        ignore, rule = False, rule[1:]
        rule = (rule[1:] if rule.startswith("/") else rule).rstrip("/")
    parts = rule.split("/")
    out = "^"
    for i, token in enumerate(parts, 1):
        if token == "**":
            out += ".*"
        else:
            out += token.replace("*", "[^/]*").replace("?", "[^/]").replace(".", "\\.")
            if i < len(parts):
                out += "/"
    try:
        return re.compile(out + "$"), ignore
    except re.error:
        return re.compile("^" + re.escape(rule) + "$"), ignore


def _rules(ctx, location: str, dockerfile: str | None) -> list[tuple[re.Pattern, bool]] | None:
    base = location.rstrip("/") + "/"
    path, text = base + ".dockerignore", None
    override = None
    if dockerfile and dockerfile != "Dockerfile":
        override = f"{base}{dockerfile}.dockerignore"
        if ctx.sh.read_file(override) is not None:
            ctx.warn(f"Overriding .dockerignore with {override}")
            path = override
    text = ctx.sh.read_file(path)
    if text is None:
        return None
    rules = [_pattern(".dockerignore")] if path == override else []
    for line in text.lstrip("\ufeff").splitlines():
        rule = line.rstrip()
        if rule and not rule.startswith("#"):
            rules.insert(0, _pattern(rule))  # a later line has the higher priority
    return rules


def archive_files(ctx, location: str, dockerfile: str | None = None) -> dict[str, str]:
    """The context's files that go in the archive, path -> content."""
    rules = _rules(ctx, location, dockerfile)
    decided: dict[str, tuple[bool, int]] = {"": (False, len(rules or []))}
    out = {}
    for path, content in sorted(ctx.sh.dir_files(location).items()):
        parts = path.split("/")
        for k in range(1, len(parts) + 1):
            name = "/".join(parts[:k])
            if name in decided:
                continue
            ignored, index = decided["/".join(parts[:k - 1])]
            if name in VCS:
                ctx.warn(f"Excluding '{name}' based on default ignore rules")
                ignored = True
            elif rules is not None:
                for i, (pattern, ignore) in enumerate(rules[:index]):
                    if pattern.match(name):
                        ignored, index = ignore, i
                        break
            decided[name] = (ignored, index)
        if not decided[path][0] and parts[-1] != ".keep":
            out[path] = content
    return out
