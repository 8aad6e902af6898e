"""`oras discover|copy|manifest fetch|manifest delete|repo tags|tag`: reading and moving the referrers graph
(engine/artifact_files.py). Output shapes: oras-project/oras cmd/oras/root/{discover,cp,tag}.go, root/manifest/,
root/repo/, cmd/oras/internal/display/metadata/{tree,json,table,text} and internal/tree/printer.go (no TTY)."""

from __future__ import annotations

import json
import re

from ...engine import artifact_files as af
from ...engine import oci
from ...engine.errors import RegistryError
from ..docker_state import origin_of
from ..oci_client import ClientError, last
from ..session import IO, Session
from .oras import COMMANDS, _call, _cred, _descriptor, _flags, _status, _target


def _format(flags, default: str, allowed: tuple[str, ...], io: IO) -> str:
    if "--output" in flags and "--format" in flags:
        raise ClientError("if any flags in the group [format output] are set none of the others can be; [format "
                          "output] were all set")
    fmt = last(flags, "--format") or last(flags, "--output") or default
    if fmt not in allowed:
        raise ClientError(f'invalid format type: "{fmt}"')
    if "--output" in flags:
        io.err(f"[DEPRECATED] --output is deprecated, try `--format {fmt}` instead")
    return fmt


def discover(sh: Session, argv: list[str], io: IO) -> int:
    flags, pos = _flags(argv, {"--artifact-type", "--output", "--format", "--depth", "--platform", "--template"})
    if len(pos) != 1:
        raise ClientError('missing the target artifact to discover referrers from\nUsage: oras discover [flags] '
                          '<name>{:<tag>|@<digest>}')
    fmt = _format(flags, "tree", ("tree", "json", "table"), io)
    depth = last(flags, "--depth", "0")
    if not depth.isdigit() or ("--depth" in flags and int(depth) < 1):
        raise ClientError("depth value should be at least 1")
    reg, repo, ref = _target(sh, pos[0], "failed to discover")
    subject, tree = _call(af.discover, pos[0], sh.cloud, reg, _cred(sh, flags, reg), repo, ref or "latest",
                          origin_of(sh), last(flags, "--artifact-type") or None, 1 if fmt == "table" else int(depth))
    name = f"{reg.login_server}/{repo}"
    if fmt == "json":
        def node(n):
            return {**_descriptor(name, n.manifest), "referrers": [node(c) for c in n.referrers]}
        doc = {**_descriptor(name, subject), "referrers": [node(n) for n in tree]}
        io.out(json.dumps(doc, indent=2))
        return 0
    if fmt == "table":
        rows = [["ARTIFACT TYPE", "DIGEST"], *([n.manifest.content.artifact_type, n.manifest.digest] for n in tree)]
        width = max(len(r[0]) for r in rows) + 2
        io.out("\n".join(r[0].ljust(width) + r[1] for r in rows))
        return 0
    lines = [f"{name}@{subject.digest}"]

    def add(children, prefix: str) -> None:
        for i, n in enumerate(children):
            end = i == len(children) - 1
            lines.append(prefix + ("└── " if end else "├── ") + (n.manifest.content.artifact_type or "<unknown>"))
            inner = prefix + ("    " if end else "│   ")
            notes = [f"{k}: {_yaml_scalar(v)}" for k, v in sorted(n.manifest.content.annotations.items())]
            kids = [("[annotations]", notes)] if notes else []
            lines.append(inner + "└── " + n.manifest.digest)
            sub = inner + "    "
            branches = len(kids) + len(n.referrers)
            for label, items in kids:
                lines.append(sub + ("└── " if branches == 1 else "├── ") + label)
                leaf = sub + ("    " if branches == 1 else "│   ")
                for j, item in enumerate(items):
                    lines.append(leaf + ("└── " if j == len(items) - 1 else "├── ") + item)
            add(n.referrers, sub)
    add(tree, "")
    io.out("\n".join(lines))
    return 0


_PLAIN_UNSAFE = re.compile(r"^(?:[-+]?[0-9][0-9_.:eE+-]*|true|false|yes|no|on|off|null|~|\d{4}-\d\d-\d\d.*)$", re.I)


def _yaml_scalar(value: str) -> str:
    """How yaml.Marshal writes a string: plain unless it would read back as another type (a time, a number)."""
    if not value or _PLAIN_UNSAFE.match(value) or value[0] in "!&*[]{}|>'\"%@`#,?:-" or ": " in value:
        return json.dumps(value)
    return value


# -- manifest fetch / delete -----------------------------------------------------------------------
def manifest(sh: Session, argv: list[str], io: IO) -> int:
    verb, rest = (argv[0], argv[1:]) if argv else ("", [])
    if verb in ("fetch", "get"):
        flags, pos = _flags(rest, {"--output", "--format", "--media-type", "--platform", "--template"},
                            {"--pretty", "--descriptor"})
        if len(pos) != 1:
            raise ClientError("missing the target artifact to fetch manifest from\nUsage: oras manifest fetch "
                              "[flags] <name>{:<tag>|@<digest>}")
        reg, repo, ref = _target(sh, pos[0], "failed to fetch")
        from ...engine.images import pull_image
        m = _call(pull_image, pos[0], sh.cloud, reg, _cred(sh, flags, reg), repo, ref or "latest", origin_of(sh))
        if "--descriptor" in flags:
            doc = {"mediaType": m.content.media_type, "digest": m.digest, "size": m.manifest_size}
            if isinstance(m.content, oci.ArtifactManifest) and m.content.artifact_type:
                doc["artifactType"] = m.content.artifact_type
            text = json.dumps(doc, indent=2) if "--pretty" in flags else json.dumps(doc, separators=(",", ":"))
        else:
            body = json.loads(m.content.manifest_bytes())
            text = json.dumps(body, indent=2) if "--pretty" in flags else json.dumps(body, separators=(",", ":"))
        target = last(flags, "--output")
        if target and target != "-":
            sh.write_file(target, text)
        else:
            io.out(text, end="\n" if "--pretty" in flags else "")
        return 0
    if verb in ("delete", "rm"):
        flags, pos = _flags(rest, {"--format"}, {"--force", "--descriptor", "--pretty"})
        if len(pos) != 1:
            raise ClientError("missing the manifest to delete\nUsage: oras manifest delete [flags] "
                              "<name>{:<tag>|@<digest>}")
        reg, repo, ref = _target(sh, pos[0], "failed to delete")
        if ref is None:
            raise ClientError(f'"{pos[0]}": no tag or digest specified')
        held = reg.store.repositories.get(repo)
        found = held is not None and (ref in held.manifests if ref.startswith("sha256:") else ref in held.tags)
        cred = _cred(sh, flags, reg)
        if not found:
            from ...engine.dataplane import require
            require(sh.cloud, reg, cred, "pull", repo, origin_of(sh))
            if "--force" in flags:
                io.out(f"Missing {pos[0]}")
                return 0
            raise ClientError(f"{pos[0]}: the specified manifest does not exist")
        digest = reg.store.resolve(repo, ref).digest
        if "--force" not in flags:  # the answer is the first line of stdin (the terminal when typed at a prompt)
            prompt = f'Are you sure you want to delete the manifest "{digest}" and all tags associated with it? [y/N] '
            ask = sh.state.get("ask")
            typed = sh.interactive and not io.stdin and callable(ask)
            answer = (ask(prompt) or "") if typed else (io.stdin.splitlines() or [""])[0]
            io.out(prompt + ("\n" if typed else ""), end="")
            if answer.strip().lower() not in ("y", "yes"):
                io.out("Operation cancelled.")
                return 0
        af.delete_artifact(sh.cloud, reg, cred, repo, digest, origin_of(sh))
        io.out(f"Deleted [registry] {pos[0]}")
        return 0
    raise ClientError(f'unknown command "{verb}" for "oras manifest"' if verb else
                      "oras manifest needs a subcommand: fetch, delete")


# -- copy / repo tags / tag ------------------------------------------------------------------------
def copy(sh: Session, argv: list[str], io: IO) -> int:
    flags, pos = _flags(argv, {"--from-username", "--from-password", "--to-username", "--to-password", "--platform",
                               "--format"}, {"--recursive", "--from-oci-layout", "--to-oci-layout"})
    if len(pos) != 2:
        raise ClientError(f"accepts 2 arg(s), received {len(pos)}")
    src, src_repo, ref = _target(sh, pos[0], "failed to copy")
    dst, dst_repo, tag = _target(sh, pos[1], "failed to copy")
    if ref is None:
        raise ClientError(f'"{pos[0]}": no tag or digest specified')
    to_tag = tag if tag and not tag.startswith("sha256:") else (ref if not ref.startswith("sha256:") else None)
    root, graph, copied = _call(af.copy, pos[0], sh.cloud, src, _cred(sh, flags, src), src_repo, ref, dst,
                                _cred(sh, flags, dst), dst_repo, to_tag, origin_of(sh), "--recursive" in flags)
    for m in copied[1:] + copied[:1]:
        for layer in m.content.layers:
            title = (getattr(layer, "annotations", None) or {}).get(af.TITLE)
            if title:
                _status(io, "Copying", layer, title)
                _status(io, "Copied ", layer, title)
    io.out(f"Copied [registry] {pos[0]} => [registry] {pos[1]}")
    io.out(f"Digest: {root.digest}")
    return 0


def repo(sh: Session, argv: list[str], io: IO) -> int:
    verb, rest = (argv[0], argv[1:]) if argv else ("", [])
    if verb in ("tags", "show-tags"):
        flags, pos = _flags(rest, {"--last", "--format", "--template"}, {"--exclude-digest-tags"})
        if len(pos) != 1:
            raise ClientError("missing the target repository to list tags from")
        reg, name, _ = _target(sh, pos[0], "failed to list tags")
        from ...engine.dataplane import require
        require(sh.cloud, reg, _cred(sh, flags, reg), "metadata_read", name, origin_of(sh))
        held = reg.store.repositories.get(name)
        if held is None:
            raise RegistryError("NAME_UNKNOWN", "repository name not known to registry", 404, {"name": name})
        after = last(flags, "--last")
        for t in sorted(held.tags):
            if t > after:
                io.out(t)
        return 0
    if verb in ("ls", "list"):
        flags, pos = _flags(rest, {"--last", "--format", "--template"})
        if len(pos) != 1:
            raise ClientError("missing the target registry to list repositories from")
        reg = _target(sh, pos[0] + "/x", "failed to list repositories")[0]
        from ...engine.dataplane import require
        require(sh.cloud, reg, _cred(sh, flags, reg), "catalog", None, origin_of(sh))
        for r in sorted(reg.store.repositories):
            io.out(r)
        return 0
    raise ClientError(f'unknown command "{verb}" for "oras repo"' if verb else "oras repo needs a subcommand: tags, ls")


def tag(sh: Session, argv: list[str], io: IO) -> int:
    flags, pos = _flags(argv, {"--format"})
    if len(pos) < 2:
        raise ClientError(f"requires at least 2 arg(s), only received {len(pos)}")
    reg, name, ref = _target(sh, pos[0], "failed to tag")
    from ...engine.images import pull_image, push_image
    cred = _cred(sh, flags, reg)
    m = _call(pull_image, pos[0], sh.cloud, reg, cred, name, ref or "latest", origin_of(sh))
    for t in pos[1:]:
        push_image(sh.cloud, reg, cred, name, t, m.content, origin_of(sh))
        io.out(f"Tagged {t}")
    return 0


def resolve(sh: Session, argv: list[str], io: IO) -> int:
    flags, pos = _flags(argv, {"--platform"}, {"--full-reference", "-l"})
    if len(pos) != 1:
        raise ClientError("missing the target artifact to resolve\nUsage: oras resolve [flags] "
                          "<name>{:<tag>|@<digest>}")
    reg, name, ref = _target(sh, pos[0], "failed to resolve")
    from ...engine.images import pull_image
    m = _call(pull_image, pos[0], sh.cloud, reg, _cred(sh, flags, reg), name, ref or "latest", origin_of(sh))
    io.out(f"{reg.login_server}/{name}@{m.digest}" if "--full-reference" in flags or "-l" in flags else m.digest)
    return 0


COMMANDS.update({"resolve": resolve, "discover": discover, "manifest": manifest, "copy": copy, "cp": copy, "repo": repo,
                 "repository": repo, "tag": tag})
