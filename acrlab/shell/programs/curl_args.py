"""curl's command line (curl 8.x, src/tool_getparam.c in curl/curl): short options bundle (`-fsSL`, `-ofile`), a long
option takes its value as the next word (the lab also takes `--opt=value`), `--no-<flag>` turns a flag off. Unknown
options and missing values fail as curl does (exit 2)."""

from __future__ import annotations

from dataclasses import dataclass, field

SHORT_VALUE = {"o": "output", "X": "request", "H": "header", "d": "data", "T": "upload-file", "u": "user",
               "w": "write-out", "A": "user-agent", "e": "referer", "m": "max-time", "D": "dump-header",
               "b": "cookie", "c": "cookie-jar", "F": "form", "r": "range", "x": "proxy", "K": "config",
               "E": "cert", "Y": "speed-limit", "y": "speed-time", "z": "time-cond", "C": "continue-at"}
SHORT_FLAG = {"O": "remote-name", "L": "location", "s": "silent", "S": "show-error", "f": "fail", "i": "include",
              "I": "head", "k": "insecure", "v": "verbose", "G": "get", "#": "progress-bar", "g": "globoff",
              "n": "netrc", "N": "no-buffer", "J": "remote-header-name", "q": "disable", "4": "ipv4", "6": "ipv6",
              "0": "http1.0", "R": "remote-time", "Z": "parallel"}
LONG_VALUE = {"output", "request", "header", "data", "data-binary", "data-raw", "data-ascii", "data-urlencode",
              "upload-file", "user", "write-out", "user-agent", "referer", "max-time", "connect-timeout", "retry",
              "retry-delay", "retry-max-time", "url", "dump-header", "oauth2-bearer", "max-redirs", "json",
              "cookie", "cookie-jar", "form", "range", "proxy", "config", "cert", "cacert", "key", "capath",
              "resolve", "connect-to", "output-dir", "limit-rate", "keepalive-time", "expect100-timeout",
              "speed-limit", "speed-time", "time-cond", "continue-at", "aws-sigv4", "variable"}
LONG_FLAG = {"remote-name", "location", "location-trusted", "silent", "show-error", "fail", "fail-with-body",
             "include", "head", "insecure", "verbose", "get", "compressed", "create-dirs", "http1.1", "http2",
             "http1.0", "http2-prior-knowledge", "no-progress-meter", "progress-bar", "globoff", "retry-all-errors",
             "retry-connrefused", "no-buffer", "remote-name-all", "tlsv1.2", "tlsv1.3", "ssl-reqd", "no-keepalive",
             "netrc", "remote-header-name", "disable", "ipv4", "ipv6", "remote-time", "parallel", "fail-early",
             "styled-output", "no-styled-output", "trace-time", "path-as-is", "tcp-nodelay", "raw"}
UNSUPPORTED = {"cookie", "cookie-jar", "form", "range", "proxy", "config", "cert", "key", "netrc", "resolve",
               "connect-to", "continue-at", "aws-sigv4", "variable", "parallel", "time-cond", "raw"}
"""Options the lab's curl refuses by name (no cookies, forms, proxies, client certificates or config files)."""
IGNORED = {"insecure", "compressed", "create-dirs", "http1.1", "http2", "http1.0", "http2-prior-knowledge", "globoff",
           "no-buffer", "tlsv1.2", "tlsv1.3", "ssl-reqd", "no-keepalive", "max-time", "connect-timeout", "cacert",
           "capath", "limit-rate", "keepalive-time", "expect100-timeout", "speed-limit", "speed-time", "ipv4",
           "remote-time", "fail-early", "styled-output", "no-styled-output", "trace-time", "path-as-is",
           "tcp-nodelay", "user-agent", "referer", "retry-delay", "retry-max-time", "disable", "output-dir",
           "retry-connrefused", "remote-header-name"}
"""Options accepted with no effect in the lab: transfers are instant, TLS always verifies, nothing is compressed."""
ALIASES = {"remote-name-all": "remote-name"}


MAX_REDIRS = 1000
"""What `--max-redirs -1` (unlimited) means in the lab."""


class CurlUsage(Exception):
    """A command-line error: curl prints it and `curl: try 'curl --help' ...`, exit 2."""


@dataclass
class Options:
    urls: list[str] = field(default_factory=list)
    outputs: list[str | None] = field(default_factory=list)
    """-o FILE or -O (None), matched to the URLs in order."""
    method: str | None = None
    headers: list[str] = field(default_factory=list)
    data: list[tuple[str, str]] = field(default_factory=list)
    """(kind, value): kind is data | data-binary | data-raw | data-ascii | data-urlencode | json."""
    upload: str | None = None
    user: str | None = None
    bearer: str | None = None
    write_out: str | None = None
    dump_header: str | None = None
    retry: int = 0
    max_redirs: int = 50
    flags: set[str] = field(default_factory=set)


def _set(opts: Options, name: str, value: str | None) -> None:
    name = ALIASES.get(name, name)
    if name in UNSUPPORTED:
        raise CurlUsage(f"option --{name}: the lab's curl does not support it")
    if name == "output":
        opts.outputs.append(value)
    elif name == "remote-name":
        opts.outputs.append(None)
    elif name == "request":
        opts.method = value
    elif name == "header":
        opts.headers.append(value or "")
    elif name in ("data", "data-binary", "data-raw", "data-ascii", "data-urlencode", "json"):
        opts.data.append((name, value or ""))
    elif name == "upload-file":
        opts.upload = value
    elif name == "user":
        opts.user = value
    elif name == "oauth2-bearer":
        opts.bearer = value
    elif name == "write-out":
        opts.write_out = value
    elif name == "dump-header":
        opts.dump_header = value
    elif name == "url":
        opts.urls.append(value or "")
    elif name in ("retry", "max-redirs"):
        if not (value or "").lstrip("-").isdigit():
            raise CurlUsage(f"option --{name}: expected a proper numerical parameter")
        number = int(value or 0)
        if name == "max-redirs" and number < 0:
            number = MAX_REDIRS  # -1: no limit in curl; the lab stops at a bound that still ends loops
        setattr(opts, name.replace("-", "_"), number)
    elif name not in IGNORED:
        opts.flags.add(name)


def _value(argv: list[str], i: int, inline: str, option: str) -> tuple[str, int]:
    """An option's value: written in the same word, else the next word."""
    if inline:
        return inline, i
    if i < len(argv):
        return argv[i], i + 1
    raise CurlUsage(f"option {option}: requires parameter")


def parse(argv: list[str]) -> Options:
    opts = Options()
    i = 0
    while i < len(argv):
        a = argv[i]
        i += 1
        if a.startswith("--") and len(a) > 2:
            name, eq, inline = a[2:].partition("=")
            if name.startswith("no-") and name[3:] in LONG_FLAG and name != "no-progress-meter":
                opts.flags.discard(name[3:])
                continue
            if name in LONG_VALUE:
                value, i = _value(argv, i, inline if eq else "", a)
                _set(opts, name, value)
            elif name in LONG_FLAG and not eq:
                _set(opts, name, None)
            else:
                raise CurlUsage(f"option {a}: is unknown")
        elif a.startswith("-") and len(a) > 1:
            j = 1
            while j < len(a):
                c = a[j]
                if c in SHORT_VALUE:
                    value, i = _value(argv, i, a[j + 1:], f"-{c}")
                    _set(opts, SHORT_VALUE[c], value)
                    break
                if c not in SHORT_FLAG:
                    raise CurlUsage(f"option -{c}: is unknown")
                _set(opts, SHORT_FLAG[c], None)
                j += 1
        else:
            opts.urls.append(a)
    return opts
