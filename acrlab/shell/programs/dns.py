"""`dig` and `nslookup` for registry names: what a host's resolver answers for `<registry>.azurecr.io` and
`<registry>.<region>.data.azurecr.io`, judged from where the terminal is (the workstation: public DNS; a VM: its
VNet's linked `privatelink.azurecr.io` zones). The chains follow the private-link docs (MicrosoftDocs/
azure-management-docs container-registry-private-endpoints.md, "Validate private link connection"): a registry with
a private endpoint is a CNAME to `<name>.privatelink.azurecr.io`; inside a linked VNet the zone's A record answers,
elsewhere the public chain continues to the registry's public address. A and AAAA queries: a dual-stack registry
(endpoint protocol IPv4AndIPv6) answers AAAA for its public endpoints (engine/dns_names.py); `nslookup NAME` asks for
both, as bind's nslookup does. Names outside Azure Container Registry are refused by name: the lab has no DNS for
them."""

from __future__ import annotations

import hashlib

from ...engine import dns_names
from ...engine.privatedns import PRIVATELINK_ZONE
from ..session import IO, Session

RESOLVER = "127.0.0.53"
SUFFIX = dns_names.SUFFIX
DIG_VERSION = "9.18.30-0ubuntu0.22.04.2-Ubuntu"


def _vnet_of(sh: Session) -> str | None:
    host = sh.host
    if host.kind != "vm" or not host.subnet_id:
        return None
    return host.subnet_id.rsplit("/subnets/", 1)[0]


QTYPES = ("A", "AAAA")
USAGE = "nslookup: the lab supports `nslookup NAME` and `nslookup -type=A|AAAA NAME` only (the host's resolver)"


def resolve(sh: Session, name: str, rtype: str = "A") -> tuple[str, list[dns_names.Record]]:
    return dns_names.resolve(sh.cloud, name, _vnet_of(sh), rtype)


def _foreign(name: str) -> bool:
    return not name.lower().rstrip(".").endswith(SUFFIX)


def _refuse(io: IO, prog: str, name: str) -> int:
    io.err(f"{prog}: the lab resolves registry names only (*.azurecr.io); it has no DNS answer for '{name}'")
    return 2


DIG_FLAGS = {"+short", "+noall", "+answer", "+cmd", "+nocmd", "+nocomments", "+nostats", "+noquestion",
             "+search", "+nosearch"}


def dig(sh: Session, argv: list[str], io: IO) -> int:
    names: list[str] = []
    flags: set[str] = set()
    qtype = "A"
    i = 0
    while i < len(argv):
        a = argv[i]
        if a.startswith("+"):
            if a not in DIG_FLAGS:
                io.err(f"dig: the lab's dig supports {', '.join(sorted(DIG_FLAGS))}; not '{a}'")
                return 1
            flags.add(a)
        elif a == "-t" and i + 1 < len(argv):
            if argv[i + 1].upper() not in QTYPES:
                io.err(f"dig: the lab answers A and AAAA queries only, not '{argv[i + 1]}'")
                return 1
            qtype = argv[i + 1].upper()
            i += 1
        elif a.upper() in QTYPES:
            qtype = a.upper()
        elif a.upper() == "IN":
            pass
        elif a.startswith("@") or a.startswith("-"):
            io.err(f"dig: option '{a}' is not supported in the lab (it queries the host's resolver)")
            return 1
        else:
            names.append(a)
        i += 1
    if not names:
        io.err("dig: the lab needs a name to look up, e.g. dig myregistry.azurecr.io")
        return 1
    for name in names:
        if _foreign(name):
            return _refuse(io, "dig", name)
    for name in names:
        status, records = resolve(sh, name, qtype)
        if "+short" in flags:
            for _, _, _, data in records:
                io.out(data)
            continue
        answer_only = "+noall" in flags
        lines: list[str] = []
        if not answer_only:
            qname = name.lower().rstrip(".") + "."
            lines += ["", f"; <<>> DiG {DIG_VERSION} <<>> {' '.join(argv)}", ";; global options: +cmd",
                      ";; Got answer:",
                      f";; ->>HEADER<<- opcode: QUERY, status: {status}, id: "
                      f"{int(hashlib.sha256(qname.encode()).hexdigest()[:4], 16)}",
                      f";; flags: qr rd ra; QUERY: 1, ANSWER: {len(records)}, AUTHORITY: "
                      f"{1 if status == 'NXDOMAIN' else 0}, ADDITIONAL: 1", "", ";; OPT PSEUDOSECTION:",
                      "; EDNS: version: 0, flags:; udp: 65494", ";; QUESTION SECTION:", f";{qname}\t\tIN\t{qtype}",
                      ""]
        if records and (not answer_only or "+answer" in flags):
            if not answer_only:
                lines.append(";; ANSWER SECTION:")
            lines += [f"{owner}\t{ttl}\tIN\t{rtype}\t{data}" for owner, ttl, rtype, data in records]
            if not answer_only:
                lines.append("")
        if status == "NXDOMAIN" and not answer_only:
            zone = PRIVATELINK_ZONE if records else "azurecr.io"
            lines += [";; AUTHORITY SECTION:", f"{zone}.\t\t3600\tIN\tSOA\tazureprivatedns.net. "
                      "azureprivatedns-host.microsoft.com. 1 3600 300 2419200 10", ""]
        if not answer_only:
            now = sh.cloud.clock.now()
            lines += [";; Query time: 0 msec", f";; SERVER: {RESOLVER}#53({RESOLVER}) (UDP)",
                      f";; WHEN: {now.strftime('%a %b %d %H:%M:%S UTC %Y')}", ";; MSG SIZE  rcvd: 104", ""]
        if lines:
            io.out("\n".join(lines))
    return 0


def nslookup(sh: Session, argv: list[str], io: IO) -> int:
    names = [a for a in argv if not a.startswith("-")]
    options = [a for a in argv if a.startswith("-")]
    qtypes = ["A", "AAAA"]  # bind's nslookup asks for both when no type is given
    for option in options:
        key, _, value = option.lstrip("-").partition("=")
        if key.lower() not in ("type", "query", "querytype", "q") or value.upper() not in QTYPES:
            io.err(USAGE)
            return 1
        qtypes = [value.upper()]
    if len(names) != 1 or len(options) > 1:
        io.err(USAGE)
        return 1
    name = names[0]
    if _foreign(name):
        return _refuse(io, "nslookup", name)
    answers = [resolve(sh, name, qtype) for qtype in qtypes]
    io.out(f"Server:\t\t{RESOLVER}\nAddress:\t{RESOLVER}#53\n")
    if answers[0][0] == "NXDOMAIN":
        io.out(f"** server can't find {name.lower().rstrip('.')}: NXDOMAIN\n")
        return 1
    io.out("Non-authoritative answer:")
    seen: set[tuple[str, str]] = set()
    addresses = 0
    for _, records in answers:
        for owner, _, rtype, data in records:
            if rtype == "CNAME":
                if (owner, data) not in seen:  # the chain is printed once, from the first answer
                    seen.add((owner, data))
                    io.out(f"{owner[:-1]}\tcanonical name = {data}")
            else:
                addresses += 1
                io.out(f"Name:\t{owner[:-1]}\nAddress: {data}")
    if len(qtypes) == 1 and not addresses:
        io.out(f"*** Can't find {name.lower().rstrip('.')}: No answer")
    io.out("")
    return 0


PROGRAMS = {"dig": dig, "nslookup": nslookup}
