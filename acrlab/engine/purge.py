"""`acr purge` (Azure/acr-cli cmd/acr/purge.go): untag old images and delete dangling manifests.

Runs inside an ACR Tasks run (`az acr run --cmd "acr purge ..." /dev/null`, or a scheduled task).
Tags matching `--filter repoRegex:tagRegex` and last updated before now - `--ago` are deleted
(newest first, the newest `--keep` kept); with `--untagged` (or `--untagged-only`) manifests left
without tags are deleted too. Locked items (deleteEnabled or writeEnabled false) are skipped unless
`--include-locked`. Log lines and counters are acr-cli's.
"""

from __future__ import annotations

import re
import shlex
from datetime import datetime, timedelta

from pydantic import BaseModel, Field

from . import oci
from .cloud import Cloud
from .dataplane import Credential, decide
from .errors import RegistryError
from .images import remove_manifest
from .registry import Registry

MAX_DAYS = 150 * 365


class PurgeError(Exception):
    """acr-cli exits 1 and prints `Error: <message>`."""


class PurgeOptions(BaseModel):
    filters: list[str] = Field(default_factory=list)
    ago: str = ""
    keep: int = 0
    untagged: bool = False
    untagged_only: bool = False
    dry_run: bool = False
    include_locked: bool = False
    concurrency: int = 0


def parse_ago(text: str) -> timedelta:
    """acr-cli's parseDuration: `[days]d` followed by a Go duration (`2d3h6m`, `1.5h`, `0d`, `30m`)."""
    days, rest = 0, text
    m = re.match(r"^(\d+)d(.*)$", text)
    if m:
        days, rest = min(int(m.group(1)), MAX_DAYS), m.group(2)
    total = timedelta(days=days)
    if rest:
        pos = 0
        units = {"h": 3600, "m": 60, "s": 1, "ms": 0.001, "us": 1e-6, "µs": 1e-6, "ns": 1e-9}
        for part in re.finditer(r"(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s)", rest):
            if part.start() != pos:
                raise PurgeError(f'time: invalid duration "{rest}"')
            total += timedelta(seconds=float(part.group(1)) * units[part.group(2)])
            pos = part.end()
        if pos != len(rest):
            unit = re.sub(r"^[\d.]+", "", rest[pos:])
            raise PurgeError(f'time: unknown unit "{unit}" in duration "{rest}"' if unit and rest[pos:pos + 1].isdigit()
                             else f'time: invalid duration "{rest}"')
    return min(total, timedelta(days=MAX_DAYS))


def parse_args(argv: list[str]) -> PurgeOptions:
    o = PurgeOptions()
    seen: set[str] = set()
    i = 0
    while i < len(argv):
        tok = argv[i]
        name, eq, inline = tok.partition("=")
        flag = {"-f": "--filter"}.get(name, name)

        def value(eq: str = eq, inline: str = inline, tok: str = tok) -> str:
            nonlocal i
            if eq:
                return inline
            i += 1
            if i >= len(argv):
                raise PurgeError(f"flag needs an argument: {tok}")
            return argv[i]

        if flag == "--filter":
            o.filters.append(value())
        elif flag == "--ago":
            o.ago = value()
        elif flag in ("--keep", "--concurrency"):
            v = value()
            if not re.fullmatch(r"-?\d+", v):
                raise PurgeError(f'invalid argument "{v}" for "{flag}" flag: strconv.ParseInt: parsing "{v}": '
                                 "invalid syntax")
            setattr(o, flag[2:], int(v))
        elif flag in ("--untagged", "--untagged-only", "--dry-run", "--include-locked"):
            setattr(o, flag[2:].replace("-", "_"), inline.lower() != "false" if eq else True)
        elif flag in ("--registry", "-r", "--username", "-u", "--password", "-p", "--config", "-c",
                      "--filter-timeout-seconds", "--repository-page-size"):
            value()
        else:
            raise PurgeError(f"unknown flag: {name}" if name.startswith("-") else
                             f'unknown command "{tok}" for "acr purge"')
        seen.add(flag)
        i += 1
    if not o.filters and not o.untagged_only:
        raise PurgeError("at least one of the flags in the group [filter untagged-only] is required")
    if o.untagged and o.untagged_only:
        raise PurgeError("if any flags in the group [untagged untagged-only] are set none of the others can be; "
                         "[untagged untagged-only] were all set")
    if o.untagged:
        if not o.filters:
            raise PurgeError("--filter is required when using --untagged")
        if not o.ago:
            raise PurgeError("--ago is required when using --untagged")
    elif not o.untagged_only:
        if not o.ago:
            raise PurgeError("--ago is required when not using --untagged-only")
    return o


def _tag_filters(reg: Registry, filters: list[str]) -> dict[str, str]:
    out: dict[str, list[str]] = {}
    for f in filters:
        repo_re, sep, tag_re = f.partition(":")
        if not sep:
            raise PurgeError(f"unable to parse filter: {f}, expected format is <repository>:<tag regex>")
        try:
            rx = re.compile(f"^{repo_re}$")
            re.compile(tag_re)
        except re.error as e:
            raise PurgeError(f"failed to build Regex {f} with error: {e}") from None
        for name in sorted(reg.store.repositories):
            if rx.match(name):
                out.setdefault(name, []).append(tag_re)
    return {k: "|".join(f"(?:{t})" for t in v) if len(v) > 1 else v[0] for k, v in out.items()}


def _locked(attrs) -> bool:
    return not (attrs.delete_enabled and attrs.write_enabled)


def run_purge(cloud: Cloud, reg: Registry, argv: list[str], cred: Credential | None) -> tuple[int, list[str]]:
    """Execute `acr purge ARGS` against `reg`; returns (exit code, output lines)."""
    out: list[str] = []
    try:
        o = parse_args(argv)
        cutoff = cloud.clock.now() - (parse_ago(o.ago) if o.ago else timedelta(0))
        if o.untagged_only and not o.filters:
            filters = {name: "" for name in sorted(reg.store.repositories)}
        else:
            filters = _tag_filters(reg, o.filters)
    except PurgeError as e:
        return 1, [f"Error: {e}"]
    if cred is not None and not decide(cloud, reg, cred, "catalog", None).allowed:
        return 1, ["Error: failed to list repositories: unauthorized: authentication required"]
    if o.dry_run:
        out.append("DRY RUN: The following output shows what WOULD be deleted if the purge command was executed. "
                   "Nothing is deleted.")
    tags_total = manifests_total = 0
    for repo in sorted(filters):
        allowed = cred is None or decide(cloud, reg, cred, "delete", repo).allowed
        per_manifest: dict[str, int] = {}
        if not o.untagged_only:
            n = _purge_tags(cloud, reg, repo, filters[repo], cutoff, o, allowed, per_manifest, out)
            tags_total += n
        if o.untagged or o.untagged_only:
            manifests_total += _purge_manifests(cloud, reg, repo, cutoff, o, allowed, per_manifest, out)
    label = ("Number of tags to be deleted", "Number of manifests to be deleted") if o.dry_run else \
        ("Number of deleted tags", "Number of deleted manifests")
    out += ["", f"{label[0]}: {tags_total}", f"{label[1]}: {manifests_total}"]
    return 0, out


def _purge_tags(cloud, reg, repo, tag_re, cutoff: datetime, o: PurgeOptions, allowed, per_manifest, out) -> int:
    out.append(f"{'Would delete' if o.dry_run else 'Deleting'} tags for repository: {repo}")
    r = reg.store.repositories.get(repo)
    if r is None:
        out.append(f"{repo} repository not found")
        return 0
    rx = re.compile(tag_re)
    newest_first = sorted(r.tags.values(), key=lambda t: (t.last_update, t.name), reverse=True)
    eligible = [t for t in newest_first if rx.search(t.name) and t.last_update < cutoff
                and (o.include_locked or not _locked(t.attributes))]
    doomed = eligible[o.keep:] if o.keep > 0 else eligible
    count = 0
    server = reg.login_server
    for t in doomed:
        per_manifest[t.digest] = per_manifest.get(t.digest, 0) + 1
        if o.dry_run:
            out.append(f"Would delete: {server}/{repo}:{t.name}")
            count += 1
            continue
        if not allowed:
            out.append(f"Failed to delete {server}/{repo}:{t.name}, error: unauthorized: authentication required")
            continue
        if o.include_locked:
            t.attributes.delete_enabled = t.attributes.write_enabled = True
        try:
            manifest = reg.store.untag(repo, t.name, cloud.clock.now())
        except RegistryError as e:
            out.append(f"Failed to delete {server}/{repo}:{t.name}, error: {e.message}")
            continue
        cloud.emit("untag", registry=reg, repository=repo, tag=t.name, manifest=manifest)
        if not reg.store.repositories[repo].tags_of(manifest.digest):
            cloud.emit("untagged", registry=reg, repository=repo, digest=manifest.digest)
        out.append(f"Deleted {server}/{repo}:{t.name}")
        count += 1
    return count


def _purge_manifests(cloud, reg, repo, cutoff: datetime, o: PurgeOptions, allowed, per_manifest, out) -> int:
    out.append(f"{'Would delete' if o.dry_run else 'Deleting'} manifests for repository: {repo}")
    r = reg.store.repositories.get(repo)
    if r is None:
        return 0
    candidates = []
    held = oci.referenced_by_index(r)  # a multi-arch image's platform manifests go with their index, not alone
    for m in sorted(r.manifests.values(), key=lambda m: (m.last_update, m.digest), reverse=True):
        if m.digest in held:
            continue
        tags = r.tags_of(m.digest)
        dangling = not tags or (o.dry_run and per_manifest.get(m.digest, 0) >= len(tags))
        if dangling and m.last_update < cutoff and (o.include_locked or not _locked(m.attributes)):
            candidates.append(m)
    if o.untagged_only and o.keep > 0:
        candidates = candidates[o.keep:]
    server = reg.login_server
    if o.dry_run:
        out += [f"Would delete: {server}/{repo}@{m.digest}" for m in candidates]
        return len(candidates)
    count = 0
    for m in candidates:
        if not allowed:
            out.append(f"Failed to delete {server}/{repo}@{m.digest}, error: unauthorized: authentication required")
            continue
        left = reg.store.repositories.get(repo)
        if left is None or m.digest not in left.manifests:
            continue  # already deleted with its subject (a referrer) or its index (a platform manifest)
        if o.include_locked:
            m.attributes.delete_enabled = m.attributes.write_enabled = True
        try:
            remove_manifest(cloud, reg, repo, m.digest, reason="purge")
        except RegistryError as e:
            out.append(f"Failed to delete {server}/{repo}@{m.digest}, error: {e.message}")
            continue
        out.append(f"Deleted {server}/{repo}@{m.digest}")
        count += 1
    return count


def split_command(cmd: str) -> list[str]:
    return shlex.split(cmd)
