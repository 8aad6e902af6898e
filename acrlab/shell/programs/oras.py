"""`oras` (ORAS CLI 1.3): push, attach, pull, discover, copy, manifest fetch|delete, repo tags, tag, login, logout,
version. Files go to the registry as OCI artifacts through the engine's data plane (engine/artifact_files.py);
credentials are docker's (after `az acr login`, oras needs no login of its own).

Texts and output shapes (no TTY: the text status lines, verbose on by default): oras-project/oras
cmd/oras/root/*.go and cmd/oras/internal/display (status/text.go, metadata/text, metadata/tree, metadata/json),
internal/tree/printer.go.
"""

from __future__ import annotations

import json
import posixpath
import re

from ...engine import artifact_files as af
from ...engine import oci
from ...engine.errors import RegistryError
from ..docker_state import auths, credential_for, origin_of
from ..oci_client import (
    ClientError,
    RegistryAnswer,
    last,
    login,
    parse_flags,
    read_path,
    registry_for,
    registry_text,
    split_reference,
)
from ..session import IO, Session

PROGRAMS: dict = {}
VERSION = "1.3.3"
HELP = ("Usage:\n  oras [command]\n\nAvailable Commands:\n  attach      [Preview] Attach files to an existing artifact\n"
        "  copy        Copy artifacts from one target to another\n  discover    [Preview] Discover referrers of a "
        "manifest in a registry or an OCI image layout\n  login       Log in to a remote registry\n  logout      Log "
        "out from a remote registry\n  manifest    Manifest operations\n  pull        Pull files from a registry or an "
        "OCI image layout\n  push        Push files to a registry or an OCI image layout\n  repo        Repository "
        "operations\n  tag         Tag a manifest in a registry or an OCI image layout\n  version     Show the oras "
        "version information\n")
AUTH = {"--username", "--password", "--registry-config", "--ca-file", "--distribution-spec", "--concurrency"}
AUTH_BOOL = {"--password-stdin", "--insecure", "--plain-http", "--debug", "--verbose", "--no-tty"}
SHORT = {"-u": "--username", "-p": "--password", "-d": "--debug", "-v": "--verbose", "-a": "--annotation",
         "-o": "--output", "-f": "--force", "-r": "--recursive"}


def oras(sh: Session, argv: list[str], io: IO) -> int:
    if not argv or argv[0] in ("-h", "--help", "help"):
        io.out(HELP)
        return 0
    from . import oras_graph  # noqa: F401  (adds discover, copy, manifest, repo, tag)

    fn = COMMANDS.get(argv[0])
    if fn is None:
        io.err(f'Error: unknown command "{argv[0]}" for "oras"\nRun \'oras --help\' for usage.')
        return 1
    try:
        return fn(sh, argv[1:], io)
    except RegistryAnswer as e:
        io.err(f"Error response from registry: {e}")
    except ClientError as e:
        io.err(f"Error: {e}")
    except RegistryError as e:  # a request the registry refused
        io.err(f"Error response from registry: {registry_text(e)}")
    return 1


def _flags(argv, valued=(), booleans=()):
    return parse_flags(argv, AUTH | set(valued), AUTH_BOOL | set(booleans), SHORT)


def _target(sh: Session, ref: str, what: str):
    host, repo, reference = split_reference(ref)
    reg = registry_for(sh, host, what)
    return reg, repo, reference


def _cred(sh: Session, flags, reg):
    """-u/-p on the command line are used for this command only; otherwise the stored login."""
    if "--username" in flags or "--password" in flags:
        from ...engine.dataplane import authenticate
        return authenticate(sh.cloud, reg, last(flags, "--username"), last(flags, "--password"))
    return credential_for(sh, reg)


def _call(fn, ref: str, *args, **kw):
    try:
        return fn(*args, **kw)
    except RegistryError as e:
        if e.status == 404:
            raise RegistryAnswer(registry_text(e, ref)) from None
        raise


def _status(io: IO, prompt: str, desc, name: str | None = None) -> None:
    io.out(f"{prompt} {desc.digest[7:19]} {name or desc.media_type}")


def _format_spec(flags) -> tuple[str, str]:
    """--format text|json|go-template (oras 1.2+), checked before anything is sent: (kind, template)."""
    kind = last(flags, "--format", "text")
    if kind.startswith("go-template="):
        kind, template = "go-template", kind.split("=", 1)[1]
    else:
        template = last(flags, "--template")
    if kind not in ("text", "json", "go-template"):
        raise ClientError(f'invalid format type: "{kind}"')
    if kind == "go-template":
        if not template:
            raise ClientError('"--template" must be specified when GO_TEMPLATE is used')
        if "{{" in re.sub(r"{{\s*\.[A-Za-z_][\w.]*\s*}}", "", template):
            raise ClientError(f"this lab's oras renders only {{{{.field}}}} in a go-template, not: {template}")
    return kind, template


def _formatted(spec: tuple[str, str], doc: dict, io: IO) -> bool:
    """The metadata document instead of the text lines (status lines are left out, as without a TTY); True when
    printed."""
    kind, template = spec
    if kind == "text":
        return False
    if kind == "json":
        io.out(json.dumps(doc, indent=2))
        return True

    def field(m) -> str:
        value: object = doc
        for part in m.group(1).split("."):
            value = value.get(part) if isinstance(value, dict) else None
        return "<no value>" if value is None else json.dumps(value) if isinstance(value, (dict, list)) else str(value)
    io.out(re.sub(r"{{\s*\.([A-Za-z_][\w.]*)\s*}}", field, template), end="")
    return True


def _descriptor(path: str, m) -> dict:
    out = {"reference": f"{path}@{m.digest}", "mediaType": m.content.media_type, "digest": m.digest,
           "size": m.manifest_size}
    if isinstance(m.content, oci.ArtifactManifest):
        if m.content.annotations:
            out["annotations"] = dict(m.content.annotations)
        if m.content.artifact_type:
            out["artifactType"] = m.content.artifact_type
    return out


# -- push / attach -------------------------------------------------------------------------------
def _blobs(sh: Session, refs: list[str]) -> list[af.Blob]:
    out = []
    for ref in refs:
        path, _, media_type = ref.partition(":")
        if path.startswith("/"):
            raise ClientError(f"absolute file path detected. If it's intentional, use --disable-path-validation flag "
                              f"to skip this check: {path}")
        kind, content = read_path(sh, path)
        name = posixpath.normpath(path)
        if kind == "file":
            out.append(af.file_blob(name, content, media_type or af.DEFAULT_MEDIA_TYPE))
        else:
            out.append(af.dir_blob(name, content, media_type or af.DIR_MEDIA_TYPE))
    return out


def _annotations(flags) -> dict[str, str]:
    out = {}
    for a in flags.get("--annotation", []):
        key, eq, value = a.partition("=")
        if not eq:
            raise ClientError(f'failed to parse annotation "{a}": missing key in `--annotation` flag')
        out[key] = value
    return out


def _uploaded(io: IO, reg, blobs: list[af.Blob], manifest, existed: set[str]) -> None:
    for b in blobs:
        if b.descriptor.digest in existed:
            _status(io, "Exists   ", b.descriptor, b.descriptor.annotations.get(af.TITLE))
            continue
        _status(io, "Uploading", b.descriptor, b.descriptor.annotations.get(af.TITLE))
        _status(io, "Uploaded ", b.descriptor, b.descriptor.annotations.get(af.TITLE))
    c = manifest.content
    empty = type("D", (), {"digest": c.config_digest, "media_type": c.config_media_type})
    _status(io, "Exists   " if c.config_digest in existed else "Uploading", empty)
    if c.config_digest not in existed:
        _status(io, "Uploaded ", empty)
    mine = type("D", (), {"digest": manifest.digest, "media_type": oci.OCI_MANIFEST})
    _status(io, "Uploading", mine)
    _status(io, "Uploaded ", mine)


def push(sh: Session, argv: list[str], io: IO) -> int:
    flags, pos = _flags(argv, {"--artifact-type", "--annotation", "--config", "--format", "--export-manifest",
                               "--image-spec", "--annotation-file", "--template"}, {"--disable-path-validation"})
    if not pos:
        raise ClientError('missing the destination for pushing. Please specify a reference in the form of '
                          '"<name>:<tag>" or "<name>@<digest>". Run "oras push -h" for more options and examples')
    spec = _format_spec(flags)
    reg, repo, tag = _target(sh, pos[0], "failed to push")
    blobs = _blobs(sh, pos[1:])
    if not blobs:
        io.out("Uploading empty artifact")
    existed = {b.descriptor.digest for b in blobs if reg.store.has_blob(b.descriptor.digest)}
    existed |= {oci.EMPTY_DIGEST} if reg.store.has_blob(oci.EMPTY_DIGEST) else set()
    kind = last(flags, "--artifact-type") or af.UNKNOWN_ARTIFACT_TYPE
    m = af.push_artifact(sh.cloud, reg, _cred(sh, flags, reg), repo, tag if not (tag or "").startswith("sha256:")
                         else None, kind, blobs, origin_of(sh), annotations=_annotations(flags))
    path = f"{reg.login_server}/{repo}"
    if _formatted(spec, {**_descriptor(path, m), "referenceAsTags": [f"{path}:{tag}"] if tag and not
                          tag.startswith("sha256:") else None}, io):
        return 0
    _uploaded(io, reg, blobs, m, existed)
    io.out(f"Pushed [registry] {pos[0]}")
    io.out(f"ArtifactType: {kind}")
    io.out(f"Digest: {m.digest}")
    return 0


def attach(sh: Session, argv: list[str], io: IO) -> int:
    flags, pos = _flags(argv, {"--artifact-type", "--annotation", "--config", "--format", "--export-manifest",
                               "--platform", "--annotation-file", "--template"}, {"--disable-path-validation"})
    if not pos:
        raise ClientError('missing the destination artifact for attaching.\nUsage: oras attach [flags] '
                          '--artifact-type=<type> <name>{:<tag>|@<digest>} {<file>[:<layer_media_type>]|--annotation '
                          '<key>=<value>} [...]')
    if not last(flags, "--artifact-type"):
        raise ClientError('required flag(s) "artifact-type" not set')
    spec = _format_spec(flags)
    reg, repo, ref = _target(sh, pos[0], "failed to attach")
    if ref is None:
        raise ClientError(f'"{pos[0]}": no tag or digest specified\nUsage: oras attach [flags] --artifact-type='
                          '<type> <name>{:<tag>|@<digest>} {<file>[:<layer_media_type>]|--annotation <key>=<value>} '
                          f'[...]\nPlease specify a reference in the form of "<name>:<tag>" or "<name>@<digest>". '
                          'Run "oras attach -h" for more options and examples')
    blobs = _blobs(sh, pos[1:])
    annotations = _annotations(flags)
    if not blobs and not annotations:
        raise ClientError("neither file nor annotation provided in the command")
    existed = {b.descriptor.digest for b in blobs if reg.store.has_blob(b.descriptor.digest)}
    existed |= {oci.EMPTY_DIGEST} if reg.store.has_blob(oci.EMPTY_DIGEST) else set()
    m = _call(af.push_artifact, pos[0], sh.cloud, reg, _cred(sh, flags, reg), repo, None,
              last(flags, "--artifact-type"), blobs, origin_of(sh), subject=ref, annotations=annotations)
    if _formatted(spec, _descriptor(f"{reg.login_server}/{repo}", m), io):
        return 0
    _uploaded(io, reg, blobs, m, existed)
    io.out(f"Attached to [registry] {reg.login_server}/{repo}@{m.content.subject}")
    io.out(f"Digest: {m.digest}")
    return 0


# -- pull / fetch / discover ---------------------------------------------------------------------
def pull(sh: Session, argv: list[str], io: IO) -> int:
    flags, pos = _flags(argv, {"--output", "--config", "--format", "--platform", "--media-type", "--template"},
                        {"--keep-old-files", "--allow-path-traversal", "--include-subject"})
    if len(pos) != 1:
        raise ClientError(f'accepts 1 arg(s), received {len(pos)}')
    spec = _format_spec(flags)
    reg, repo, ref = _target(sh, pos[0], "failed to pull")
    if ref is None:
        raise ClientError(f'"{pos[0]}": no tag or digest specified')
    m, blobs = _call(af.pull_files, pos[0], sh.cloud, reg, _cred(sh, flags, reg), repo, ref, origin_of(sh))
    out_dir = last(flags, "--output", ".")
    skipped, files = False, []
    quiet = spec[0] != "text"
    status = (lambda *a: None) if quiet else _status
    for desc, text in blobs:
        if text is None:
            skipped = True
            continue
        name = desc.annotations[af.TITLE]
        target = posixpath.join(out_dir, name)
        if "--keep-old-files" in flags and sh.read_file(target) is not None:
            raise ClientError(f"failed to store {name}: file {name} already exists")
        status(io, "Downloading", desc, name)
        if desc.annotations.get(af.UNPACK) == "true":
            for rel, content in json.loads(text).items():
                sh.write_file(posixpath.join(target, rel), content)
        else:
            sh.write_file(target, text)
        status(io, "Downloaded ", desc, name)
        files.append({"path": sh.abspath(target) + ("/" if desc.annotations.get(af.UNPACK) == "true" else ""),
                      "reference": f"{reg.login_server}/{repo}@{desc.digest}", "mediaType": desc.media_type,
                      "digest": desc.digest, "size": desc.size, "annotations": dict(desc.annotations)})
    if _formatted(spec, {"reference": f"{reg.login_server}/{repo}@{m.digest}", "files": files}, io):
        return 0
    if skipped and not any(t is not None for _, t in blobs):
        io.out('Skipped pulling layers without file name in "org.opencontainers.image.title"')
        io.out(f"Use 'oras copy {pos[0]} --to-oci-layout <layout-dir>' to pull all layers.")
        return 0
    io.out(f"Pulled [registry] {pos[0]}")
    io.out(f"Digest: {m.digest}")
    return 0


# -- login / logout / version -------------------------------------------------------------------------
def login_cmd(sh: Session, argv: list[str], io: IO) -> int:
    flags, pos = _flags(argv, {"--identity-token", "--identity-token-stdin"})
    if len(pos) != 1:
        raise ClientError(f"accepts 1 arg(s), received {len(pos)}")
    user, password = last(flags, "--username"), last(flags, "--password")
    if "--password-stdin" in flags:
        password = io.stdin.strip()
    elif password:
        io.err("WARNING! Using --password via the CLI is insecure. Use --password-stdin.")
    if not user or not password:
        raise ClientError("failed to get username and password: the terminal is not interactive; use --username "
                          "and --password-stdin")
    login(sh, pos[0], user, password)
    io.out("Login Succeeded")
    return 0


def logout(sh: Session, argv: list[str], io: IO) -> int:
    _, pos = _flags(argv)
    if len(pos) != 1:
        raise ClientError(f"accepts 1 arg(s), received {len(pos)}")
    auths(sh).pop(pos[0].lower(), None)
    return 0


def version(sh: Session, argv: list[str], io: IO) -> int:
    io.out(f"ORAS Version:    {VERSION}\nGo version:      go1.24.6\nOS/Arch:         linux/amd64\nGit commit:      "
           "94fa1d8adac78d388a9545f1b4095d0bc52f2dd8\nGit tree state:  clean")
    return 0


COMMANDS = {"push": push, "attach": attach, "pull": pull, "login": login_cmd, "logout": logout, "version": version}
PROGRAMS["oras"] = oras
