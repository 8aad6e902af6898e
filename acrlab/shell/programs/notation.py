"""`notation` (Notary Project CLI v1.3) with the azure-kv plugin: sign, verify, ls, cert, policy, plugin, version.

The configuration lives where notation keeps it, in the host's files under ~/.config/notation: plugins/,
truststore/x509/<type>/<store>/<file>, trustpolicy.oci.json; so `cat`/`ls` show it. Registry credentials are
docker's (after `az acr login` notation needs no login of its own); the azure-kv plugin signs as the Azure CLI
identity (credential_type azurecli, the last of the default chain the lab has). The rules are in
engine/signing.py. Texts: notaryproject/notation cmd/notation (sign.go, verify.go, list.go, cert/, policy/,
plugin/) and Azure/notation-azure-kv.
"""

from __future__ import annotations

import json
import posixpath
import re

from ...engine import signing, x509
from ...engine.errors import RegistryError
from ..docker_state import credential_for, origin_of, split_registry
from ..session import IO, Session
from . import notation_plugin
from .notation_plugin import Usage

PROGRAMS: dict = {}
_DIGEST = re.compile(r"sha256:[a-f0-9]{64}")
CONFIG = "~/.config/notation"
VERSION = "Notation - a tool to sign and verify artifacts.\n\nVersion:     1.3.2\nGo version:  go1.23.6\nGit commit:  " \
          "9a1b6b5e0a2f0b7e55e7e0d3e6f8b3b9d3c4a1f2"
HELP = ("Notation - a tool to sign and verify artifacts\n\nUsage:\n  notation [command]\n\nAvailable Commands:\n"
        "  cert        Manage certificates in trust store\n  list        List signatures of the signed artifact\n"
        "  plugin      Manage plugins\n  policy      Manage trust policy configuration for signature verification\n"
        "  sign        Sign artifacts\n  verify      Verify OCI artifacts\n  version     Show the notation version "
        "information\n")




def _flags(argv: list[str], valued: set[str]) -> tuple[dict[str, list[str]], list[str]]:
    flags: dict[str, list[str]] = {}
    pos: list[str] = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a.startswith("-") and a != "-":
            name, eq, value = a.partition("=")
            if name in valued and not eq:
                if i + 1 >= len(argv):
                    raise Usage(f'flag needs an argument: {name}')
                value, i = argv[i + 1], i + 1
            flags.setdefault(name, []).append(value)
        else:
            pos.append(a)
        i += 1
    return flags, pos


def notation(sh: Session, argv: list[str], io: IO) -> int:
    if not argv or argv[0] in ("-h", "--help", "help"):
        io.out(HELP)
        return 0
    fn = COMMANDS.get(argv[0])
    if fn is None:
        io.err(f'Error: unknown command "{argv[0]}" for "notation"\nRun \'notation --help\' for usage.')
        return 1
    try:
        return fn(sh, argv[1:], io)
    except Usage as e:
        io.err(f"Error: {e}")
        return 1
    except signing.NotationError as e:
        io.err(f"Error: {e}")
        return 1


def _path(sh: Session, *parts: str) -> str:
    return sh.abspath(posixpath.join(CONFIG, *parts))


def _image(sh: Session, ref: str):
    server, repo, ref_ = split_registry(ref)
    if server is None:
        raise Usage(f'invalid reference: "{ref}": only references to Azure container registries can be signed or '
                    "verified in this lab")
    if "@" in ref and not _DIGEST.fullmatch(ref_):  # oras-go registry.ParseReference
        raise Usage(f'invalid reference: invalid digest "{ref_}": invalid checksum digest format')
    reg = sh.cloud.registry_by_login_server(server)
    if reg is None:
        raise signing.NotationError(f'failed to resolve {ref}: Head "https://{server}/v2/{repo}/manifests/{ref_}": '
                                    f"dial tcp: lookup {server}: no such host")
    return reg, repo, ref_


def _cred(sh: Session, reg, repo: str, ref: str):
    """docker's stored login for the registry; an expired one fails the first request as the registry answers it."""
    try:
        return credential_for(sh, reg)
    except RegistryError as e:
        raise signing.NotationError(signing._registry_text(reg, repo, ref, e)) from None


# -- sign / list / verify --------------------------------------------------------------------------------
def sign(sh: Session, argv: list[str], io: IO) -> int:
    flags, pos = _flags(argv, {"--id", "--plugin", "--plugin-config", "--signature-format", "--key", "-k",
                               "--user-metadata", "-m", "--expiry", "-e", "--username", "-u", "--password", "-p",
                               "--timestamp-url", "--timestamp-root-cert"})
    if not pos:
        raise Usage("missing reference to the artifact: use `notation sign --help` to see what parameters are "
                    "required")
    _timestamp_flags(flags)  # cobra checks flag groups before the command runs
    name = flags.get("--plugin", [""])[-1]
    if "--id" not in flags or name not in notation_plugin.PLUGINS:
        raise Usage('signing key not found: use "--id <key id> --plugin azure-kv" (a Key Vault key) or "--id '
                    '<certificate profile> --plugin azure-artifactsigning" (Artifact Signing), the signing keys this '
                    "lab has")
    if not notation_plugin.installed(sh, name):
        raise signing.NotationError("plugin executable file is either not found or inaccessible: stat "
                                    f"{notation_plugin.executable(sh, name)}: no such file or directory")
    config = dict(c.partition("=")[::2] for c in flags.get("--plugin-config", []))
    tsa = _timestamping(sh, flags)
    principal = sh.host.az.principal
    if principal is None:
        raise signing.NotationError(
            "generate-signature command failed: DefaultAzureCredential failed to retrieve a token from the included "
            "credentials.\n- AzureCliCredential authentication failed: Please run 'az login' to set up account"
            if name == signing.ARTIFACT_SIGNING else
            "describe-key command failed: DefaultAzureCredential: failed to acquire a token.\nAttempted "
            "credentials:\n\tAzureCLICredential: Please run 'az login' to set up an account")
    reg, repo, ref = _image(sh, pos[0])
    if not ref.startswith("sha256:"):
        io.err(f"Warning: Always sign the artifact using digest(@sha256:...) rather than a tag(:{ref}) because tags "
               "are mutable and a tag reference can point to a different artifact than the one signed.")
    metadata = dict(m.partition("=")[::2] for m in flags.get("--user-metadata", []) + flags.get("-m", []))
    ca_certs = None
    if config.get("ca_certs"):
        ca_certs = sh.read_file(config["ca_certs"])
        if ca_certs is None:
            raise signing.NotationError(f"generate-signature command failed: open {sh.abspath(config['ca_certs'])}: "
                                        "no such file or directory")
    subject, sig = signing.sign(sh.cloud, principal, reg, _cred(sh, reg, repo, ref), repo, ref, flags["--id"][-1],
                                flags.get("--signature-format", ["jws"])[-1], config.get("self_signed") == "true",
                                origin_of(sh), metadata, ca_certs, plugin=name, plugin_config=config, tsa=tsa)
    io.out(f"Successfully signed {reg.login_server}/{repo}@{subject.digest}")
    io.out(f"Pushed the signature to {reg.login_server}/{repo}@{sig.digest}")
    return 0


def _timestamp_flags(flags: dict[str, list[str]]) -> tuple[str | None, str | None]:
    url, root = flags.get("--timestamp-url", [None])[-1], flags.get("--timestamp-root-cert", [None])[-1]
    if (url is None) != (root is None):
        raise Usage("if any flags in the group [timestamp-url timestamp-root-cert] are set they must all be set; "
                    f"missing [{'timestamp-url' if url is None else 'timestamp-root-cert'}]")
    if url is not None and not url:
        raise Usage("timestamping: tsa url cannot be empty")
    if root is not None and not root:
        raise Usage("timestamping: tsa root certificate path cannot be empty")
    return url, root


def _timestamping(sh: Session, flags: dict[str, list[str]]) -> tuple[str, list] | None:
    """--timestamp-url and --timestamp-root-cert (notaryproject/notation cmd/notation/sign.go: required together;
    internal/x509/cert.go NewRootCertPool: one root certificate in the file)."""
    url, root = _timestamp_flags(flags)
    if url is None or root is None:
        return None
    text = sh.read_file(root)
    if text is None:
        raise signing.NotationError(f"open {sh.abspath(root)}: no such file or directory")
    certs = x509.parse(text)
    hint = "Expecting single x509 root certificate in PEM or DER format from the file"
    if not certs:
        raise signing.NotationError(f'cannot find any certificate from "{root}". {hint}')
    if len(certs) > 1:
        raise signing.NotationError(f'found more than one certificates from "{root}". {hint}')
    if certs[0].issuer != certs[0].subject:
        raise signing.NotationError(f'certificate from "{root}" is not a root certificate. {hint}')
    return url, certs


def list_(sh: Session, argv: list[str], io: IO) -> int:
    _, pos = _flags(argv, {"--username", "-u", "--password", "-p", "--output", "-o"})
    if not pos:
        raise Usage("missing reference to the artifact: use `notation list --help` to see what parameters are "
                    "required")
    reg, repo, ref = _image(sh, pos[0])
    try:
        from ...engine.images import pull_image
        m = pull_image(sh.cloud, reg, _cred(sh, reg, repo, ref), repo, ref, origin_of(sh))
    except RegistryError as e:
        raise signing.NotationError(signing._registry_text(reg, repo, ref, e)) from None
    if not ref.startswith("sha256:"):
        io.err(f"Warning: Always list the artifact using digest(@sha256:...) rather than a tag(:{ref}) because "
               "resolved digest may not point to the same signed artifact, as tags are mutable.")
    head = f"{reg.login_server}/{repo}@{m.digest}"
    found = signing.signatures(reg, repo, m.digest)
    if not found:
        io.out(f"{head} has no associated signatures")
        return 0
    io.out(f"{head}\n└── {signing.NOTARY_SIGNATURE}")
    for i, sig in enumerate(found):
        io.out(f"    {'└──' if i == len(found) - 1 else '├──'} {sig.digest}")
    return 0


def verify(sh: Session, argv: list[str], io: IO) -> int:
    _, pos = _flags(argv, {"--username", "-u", "--password", "-p", "--user-metadata", "-m", "--max-signatures",
                           "--plugin-config", "--scope"})
    if not pos:
        raise Usage("missing reference to the artifact: use `notation verify --help` to see what parameters are "
                    "required")
    reg, repo, ref = _image(sh, pos[0])
    if not ref.startswith("sha256:"):
        io.err(f"Warning: Always verify the artifact using digest(@sha256:...) rather than a tag(:{ref}) because "
               "resolved digest may not point to the same signed artifact, as tags are mutable.")
    artifact, outcome = signing.verify(sh.cloud, reg, _cred(sh, reg, repo, ref), repo, ref, _policy(sh),
                                       _trust_stores(sh), origin_of(sh))
    io.out(f"Trust policy is configured to skip signature verification for {artifact}" if outcome == "skipped"
           else f"Successfully verified signature for {artifact}")
    return 0


# -- plugin / cert / policy / version ------------------------------------------------------------------
def plugin(sh: Session, argv: list[str], io: IO) -> int:
    flags, pos = _flags(argv[1:], {"--url", "--sha256sum", "--file"})
    return notation_plugin.plugin(sh, argv, io, flags, pos)


def _trust_stores(sh: Session) -> dict[str, set[str]]:
    base = _path(sh, "truststore/x509") + "/"
    out: dict[str, set[str]] = {}
    for path, text in sh.host.files.items():
        if path.startswith(base) and path.count("/") - base.count("/") == 2:
            store_type, store, _ = path[len(base):].split("/", 2)
            for cert in x509.parse(text) or []:
                out.setdefault(f"{store_type}:{store}", set()).add(cert.sha256)
    return out


def cert(sh: Session, argv: list[str], io: IO) -> int:
    verb = argv[0] if argv else ""
    flags, pos = _flags(argv[1:], {"--type", "-t", "--store", "-s"})
    store_type = (flags.get("--type") or flags.get("-t") or [""])[-1]
    store = (flags.get("--store") or flags.get("-s") or [""])[-1]
    if verb == "add":
        if not store_type or not store:
            raise Usage('required flag(s) "store", "type" not set' if not store_type and not store else
                        f'required flag(s) "{"type" if not store_type else "store"}" not set')
        if store_type not in ("ca", "signingAuthority", "tsa"):
            raise Usage(f"unsupported store type: {store_type}")
        if not pos:
            raise Usage("missing certificate path: use `notation certificate add --help` to see what parameters "
                        "are required")
        added = []
        for p in pos:
            text = sh.read_file(p)
            if text is None:
                raise signing.NotationError(f"failed to add following certificates to named store {store} of "
                                            f"type {store_type}:\n{sh.abspath(p)}: no such file or directory")
            if x509.parse(text) is None:
                raise signing.NotationError(f"failed to add following certificates to named store {store} of "
                                            f"type {store_type}:\n{sh.abspath(p)}: x509: malformed certificate")
            sh.write_file(_path(sh, "truststore/x509", store_type, store, posixpath.basename(p)), text)
            added.append(sh.abspath(p))
        io.out(f"Successfully added following certificates to named store {store} of type {store_type}:")
        io.out("\n".join(added))
        return 0
    if verb in ("ls", "list"):
        base = _path(sh, "truststore/x509") + "/"
        rows = [["STORE TYPE", "STORE NAME", "CERTIFICATE"]]
        for path in sorted(p for p in sh.host.files if p.startswith(base)):
            t, s, f = path[len(base):].split("/", 2)
            if (not store_type or t == store_type) and (not store or s == store):
                rows.append([t, s, f])
        io.out(notation_plugin.table(rows))
        return 0
    if verb == "delete":
        base = _path(sh, "truststore/x509", store_type, store)
        doomed = [p for p in sh.host.files if p.startswith(base + "/") and ("--all" in flags or
                                                                             posixpath.basename(p) in pos)]
        for p in doomed:
            del sh.host.files[p]
        io.out(f"Successfully deleted {len(doomed)} certificate(s) from {store_type}/{store}")
        return 0
    raise Usage(f'unknown command "{verb}" for "notation certificate"')


def _policy(sh: Session) -> dict | None:
    text = sh.read_file(_path(sh, "trustpolicy.oci.json")) or sh.read_file(_path(sh, "trustpolicy.json"))
    return json.loads(text) if text else None


def policy(sh: Session, argv: list[str], io: IO) -> int:
    verb = argv[0] if argv else ""
    flags, pos = _flags(argv[1:], set())
    target = _path(sh, "trustpolicy.oci.json")
    if verb == "import":
        if len(pos) != 1:
            raise Usage(f"requires 1 argument but received {len(pos)}.\nUsage: notation policy import "
                        "<path-to-policy.json>\nPlease specify a trust policy file location as the argument")
        text = sh.read_file(pos[0])
        if text is None:
            raise signing.NotationError(f"failed to read OCI trust policy configuration: open {sh.abspath(pos[0])}: "
                                        "no such file or directory")
        try:
            doc = json.loads(text)
        except ValueError as e:
            raise signing.NotationError(f"failed to parse OCI trust policy configuration: {e}") from None
        problem = _policy_problem(doc)
        if problem:
            raise signing.NotationError(f"failed to validate OCI trust policy configuration: {problem}")
        if sh.read_file(target) is not None and "--force" not in flags:
            ask = sh.state.get("ask")
            if not callable(ask) or (ask("The OCI trust policy configuration already exists, do you want to "
                                         "overwrite it? [y/N] ") or "").strip().lower() not in ("y", "yes"):
                io.err("The OCI trust policy configuration already exists, do you want to overwrite it? [y/N]")
                return 1
        sh.write_file(target, text)
        io.out(f"Successfully imported OCI trust policy configuration to {target}.")
        return 0
    if verb == "show":
        text = sh.read_file(target)
        if text is None:
            raise signing.NotationError("failed to show trust policy configuration. OCI trust policy "
                                        "configuration does not exist.\nYou can import one using `notation policy "
                                        "import <path-to-policy.json>`")
        io.out(text.rstrip("\n"))
        return 0
    raise Usage(f'unknown command "{verb}" for "notation policy"')


def _policy_problem(doc) -> str | None:
    if not isinstance(doc, dict) or not isinstance(doc.get("trustPolicies"), list):
        return "trust policy document has no trustPolicies"
    if doc.get("version") != "1.0":
        return f"trust policy document uses unsupported version \"{doc.get('version')}\""
    names = set()
    for p in doc["trustPolicies"]:
        name = p.get("name") if isinstance(p, dict) else None
        if not name:
            return "a trust policy statement is missing a name, every statement requires a name"
        if name in names:
            return f"multiple trust policy statements use the same name \"{name}\", statement names must be unique"
        names.add(name)
        if not p.get("registryScopes"):
            return f"trust policy statement \"{name}\" has zero registry scopes, it must specify registry scopes " \
                   "with at least one value"
        level = (p.get("signatureVerification") or {}).get("level")
        if level not in ("strict", "permissive", "audit", "skip"):
            return f"trust policy statement \"{name}\" uses invalid signatureVerification value \"{level}\""
        for identity in p.get("trustedIdentities") or []:  # notation-go verifier/trustpolicy validation
            prefix, _, value = str(identity).partition(":")
            if prefix.strip() != "x509.subject":
                continue
            if not value.strip():
                return f"trust policy statement \"{name}\" has trusted identity \"{identity}\" without an identity value"
            try:
                signing.parse_dn(value.strip())
            except ValueError as e:
                return f"trust policy statement \"{name}\" has trusted identity \"{identity}\" with invalid identity value: {e}"
    return None


def version(sh: Session, argv: list[str], io: IO) -> int:
    io.out(VERSION)
    return 0


COMMANDS = {"sign": sign, "list": list_, "ls": list_, "verify": verify, "plugin": plugin, "cert": cert,
            "certificate": cert, "policy": policy, "version": version}
PROGRAMS["notation"] = notation
