"""`lab ca`: the certificate authority of the lab's world, standing in for the CA vendor a learner sends a
certificate signing request to (engine/x509.py). `lab ca sign CSR-FILE --out FILE` writes the issued certificate
with its chain (leaf, issuing CA, root: the "entire chain" a merge in Key Vault should carry); `--leaf-only`
writes the leaf alone, as some vendors return it. `lab ca root --out FILE` writes the root certificate, what a
verifier adds to its trust store; `lab ca bundle --out FILE` the CA certificates (issuing CA, then root), what
`--plugin-config ca_certs=FILE` passes to notation's azure-kv plugin when the certificate in Key Vault lacks its
chain; `lab ca issue --subject SUBJECT --out FILE` a certificate for a key the vendor generates (its private key
and chain in one PEM file: what `az keyvault certificate import` takes)."""

from __future__ import annotations

from ...engine import x509
from ...engine.clock import EPOCH
from ..session import IO, Session

USAGE = ("usage: lab ca sign CSR-FILE --out FILE [--leaf-only]   |   lab ca issue --subject SUBJECT --out FILE   "
         "|   lab ca root --out FILE   |   lab ca bundle --out FILE")


def _out(argv: list[str]) -> str | None:
    return argv[argv.index("--out") + 1] if "--out" in argv and argv.index("--out") + 1 < len(argv) else None


def ca(sh: Session, argv: list[str], io: IO) -> int:
    verb = argv[0] if argv else ""
    out = _out(argv)
    if verb not in ("sign", "issue", "root", "bundle") or out is None:
        io.err(USAGE)
        return 2
    issuing, root = x509.ca_chain(EPOCH)
    if verb == "root":
        sh.write_file(out, x509.encode(root))
        io.out(f"Wrote the root certificate ({root.subject}) to {out}")
        return 0
    if verb == "bundle":
        sh.write_file(out, x509.encode(issuing) + x509.encode(root))
        io.out(f"Wrote the CA bundle ({issuing.subject}, then the root) to {out}")
        return 0
    if verb == "issue":
        i = argv.index("--subject") if "--subject" in argv else -1
        subject = argv[i + 1] if 0 <= i < len(argv) - 1 else ""
        if "=" not in subject:
            io.err("lab ca issue: --subject needs an X.509 subject, e.g. \"CN=wabbit-networks.io,O=Notation,C=US\"")
            return 2
        key, chain = x509.issue_with_key(subject, sh.cloud.ids.hex(32), sh.cloud.clock.now(), EPOCH)
        sh.write_file(out, x509.private_key(key) + "".join(x509.encode(c) for c in chain))
        io.out(f"Issued {subject} by {issuing.subject}; wrote its private key and {len(chain)} certificate(s) to "
               f"{out}")
        return 0
    rest = [a for i, a in enumerate(argv[1:], 1) if not a.startswith("--") and argv[i - 1] != "--out"]
    if len(rest) != 1:
        io.err(USAGE)
        return 2
    text = sh.read_file(rest[0])
    if text is None:
        io.err(f"lab ca: {rest[0]}: no such file")
        return 1
    try:
        chain = x509.issue(text, sh.cloud.clock.now(), EPOCH)
    except ValueError:
        io.err(f"lab ca: {rest[0]} is not a certificate signing request (Key Vault gives one: az keyvault "
               "certificate pending show --vault-name VAULT --name CERT --query csr -o tsv)")
        return 1
    if "--leaf-only" in argv:
        chain = chain[:1]
    sh.write_file(out, "".join(x509.encode(c) for c in chain))
    io.out(f"Issued {chain[0].subject} by {issuing.subject}; wrote {len(chain)} certificate(s) to {out}")
    return 0


COMMANDS = {"ca": (ca, "the world's certificate authority: lab ca sign CSR-FILE --out FILE | lab ca issue --subject S "
                       "--out FILE | lab ca root|bundle --out FILE")}
