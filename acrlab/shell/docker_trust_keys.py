"""The docker client's Docker Content Trust key store: the files under ~/.docker/trust/private.

Docker signs through notary's key file store (docker/cli cli/command/trust/key_generate.go opens
trustmanager.NewKeyFileStore on the trust directory): each private key is one file `private/<key id>.key`, written
0600 in a 0700 directory, holding an `ENCRYPTED PRIVATE KEY` PEM block whose headers name the key's `role` (`root`,
`targets` for a repository key, or a signer's name from `docker trust key generate`) and, for a repository's
keys, its `gun` (the image's name: notaryproject/notary trustmanager/keys.go reads these headers to export and
import keys). The first signing of a repository creates the root key (once per client) and that repository's key;
MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-content-trust.md tells the
learner to back this directory up with tar. Keys are the lab's, not real ECDSA keys: the body is deterministic
bytes from the tenant's seed (as engine/x509.py's certificates are lab PEM), and the key id is the SHA-256 of the
public half, 64 hex characters as notary prints them (its first seven in prompts)."""

from __future__ import annotations

import base64
import hashlib

from .session import Session

TRUST_DIR = "~/.docker/trust"
PRIVATE_DIR = TRUST_DIR + "/private"
KEY_MODE = 0o600
DIR_MODE = 0o700
BLOCK = "ENCRYPTED PRIVATE KEY"


def _pem(headers: dict[str, str], body: bytes) -> str:
    """A PEM block as Go's encoding/pem writes it: sorted headers, a blank line, 64-column base64."""
    text = base64.b64encode(body).decode()
    lines = [f"-----BEGIN {BLOCK}-----", *(f"{k}: {v}" for k, v in sorted(headers.items())), ""]
    lines += [text[i:i + 64] for i in range(0, len(text), 64)]
    return "\n".join(lines + [f"-----END {BLOCK}-----", ""])


def _headers(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in text.splitlines()[1:]:
        if ": " not in line:
            break
        key, value = line.split(": ", 1)
        out[key] = value
    return out


def keys(sh: Session) -> dict[str, dict[str, str]]:
    """key id -> PEM headers of every key file in the store (what notary's ListKeys reads)."""
    base = sh.abspath(PRIVATE_DIR) + "/"
    out = {}
    for path, text in sh.host.files.items():
        if path.startswith(base) and path.endswith(".key") and "/" not in path[len(base):]:
            if text.startswith(f"-----BEGIN {BLOCK}-----"):
                out[path[len(base):-4]] = _headers(text)
    return out


def find(sh: Session, role: str, gun: str | None = None) -> str | None:
    """The id of the stored key for `role` (and `gun`, for a repository's keys), or None."""
    for key_id, headers in sorted(keys(sh).items()):
        if headers.get("role") == role and headers.get("gun") == gun:
            return key_id
    return None


def generate(sh: Session, role: str, gun: str | None = None) -> str:
    """A new key for `role` written to the store; returns its id."""
    private = bytes.fromhex(sh.cloud.ids.hex(2 * 138))  # an encrypted PKCS#8 P-256 key is about 138 bytes
    key_id = hashlib.sha256(b"public:" + private).hexdigest()
    headers = {"role": role} | ({"gun": gun} if gun else {})
    path = sh.abspath(f"{PRIVATE_DIR}/{key_id}.key")
    for d in (sh.abspath(TRUST_DIR), sh.abspath(PRIVATE_DIR)):
        sh.host.modes[d] = DIR_MODE
    sh.write_file(path, _pem(headers, private))
    sh.host.modes[path] = KEY_MODE
    return key_id


def public_pem(key_id: str, role: str) -> str:
    """The public half as `docker trust key generate` writes NAME.pub (a PUBLIC KEY block with the role header)."""
    body = hashlib.sha256(b"spki:" + key_id.encode()).digest() * 2 + bytes.fromhex(key_id)
    text = base64.b64encode(body).decode()
    return f"-----BEGIN PUBLIC KEY-----\nrole: {role}\n\n{text[:64]}\n{text[64:]}\n-----END PUBLIC KEY-----\n"


PASSPHRASE_ENV = {"root": "DOCKER_CONTENT_TRUST_ROOT_PASSPHRASE", "targets": "DOCKER_CONTENT_TRUST_REPOSITORY_PASSPHRASE"}
"""Where docker reads a key's passphrase instead of asking for it."""


def prompts(sh: Session, role: str, key_id: str, label: str, new: bool = True, gun: str | None = None) -> list[str]:
    """docker's passphrase prompts for a key (none when the passphrase comes from the environment; the lab's
    terminal takes what is typed at them as entered, unechoed, as docker's does): a new key's passphrase is asked
    twice, an existing one's once (a repository key names its repository). A signer's key reads
    DOCKER_CONTENT_TRUST_REPOSITORY_PASSPHRASE, as docker's does."""
    if sh.env.get(PASSPHRASE_ENV.get(role, PASSPHRASE_ENV["targets"])):
        return []
    if not new:
        return [f"Enter passphrase for {label} key with ID {key_id[:7]}{f' ({gun})' if gun else ''}:"]
    return [f"Enter passphrase for new {label} key with ID {key_id[:7]}:",
            f"Repeat passphrase for new {label} key with ID {key_id[:7]}:"]


def _key(sh: Session, role: str, label: str, gun: str | None = None) -> tuple[str, list[str]]:
    """The stored key for `role` (asking its passphrase), or a new one (asking a new passphrase twice)."""
    found = find(sh, role, gun)
    if found is not None:
        return found, prompts(sh, role, found, label, new=False)
    made = generate(sh, role, gun)
    return made, prompts(sh, role, made, label)


def signing_keys(sh: Session, gun: str, known: str | None, signer: str | None = None) -> tuple[list[str], str, bool]:
    """The keys signing `gun` needs. A repository whose trust data names a key (`known`) is signed with that key
    if this client holds it (else with whatever repository key it holds, which the registry refuses); a new one is
    initialized with the client's root key (made once) and a repository key, and `docker trust sign` adds a signer
    key for the signed-in user (`signer`, docker/cli cli/command/trust/sign.go initNotaryRepoWithSigners). Returns
    docker's prompt lines, the repository key's id and whether the repository was initialized now."""
    if known is not None:
        held = known if known in keys(sh) else find(sh, "targets", gun)
        return (prompts(sh, "targets", held, "repository", new=False, gun=gun) if held else []), held or "", False
    _root, lines = _key(sh, "root", "root")
    targets, more = _key(sh, "targets", "repository", gun)
    lines += more
    if signer and find(sh, signer) is None:
        lines += prompts(sh, signer, generate(sh, signer), signer)
    return lines, targets, True
