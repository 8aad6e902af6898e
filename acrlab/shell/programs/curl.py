"""`curl` over the lab's web (engine/web.py): the public web's files, a registry's /v2/ and /oauth2/ endpoints,
Resource Manager at management.azure.com, storage blobs. Options as curl 8.x (curl/curl docs/cmdline-opts): -o/-O,
-L, -s/-S, -f/--fail/--fail-with-body, -X, -H, -d/--data/--data-binary/--data-raw/--data-urlencode/--json (@file,
@- for stdin), -G, -T/--upload-file, -u, --oauth2-bearer, -i/-I, -D, -v, -w '%{http_code}', --retry N (honoured
for curl's transient answers: 408, 429, 500, 502, 503, 504), --max-redirs; transfer-tuning and TLS options are
accepted with no effect (engine transfers are instant). curl's own exit codes and texts (docs/cmdline-opts/
_EXITCODES.md): 2 usage, 3 bad URL, 6 unknown host, 7 no connection, 22 HTTP error with --fail, 23 write error,
26 read error, 47 too many redirects."""

from __future__ import annotations

import base64
from urllib.parse import quote, urljoin

from ...engine import budget, web
from .. import web_client
from ..session import IO, Session
from . import dns
from .curl_args import CurlUsage, Options, parse

PROGRAMS: dict = {}
VERSION = "8.5.0"
TRANSIENT = {408, 429, 500, 502, 503, 504}
URL_ERRORS = {"url": 3, "resolve": 6, "connect": 7, "scheme": 1}


class CurlFailed(Exception):
    def __init__(self, code: int, message: str):
        super().__init__(message)
        self.code = code


def _read_data(sh: Session, io: IO, kind: str, value: str) -> str:
    """One -d/--data-* argument as curl sends it (files read from the lab's disk, @- from stdin)."""
    if kind == "data-raw":
        return value
    if kind == "data-urlencode":
        name, sep, content = value.partition("=")
        if sep:
            return (f"{name}=" if name else "") + quote(content, safe="")
        name, at, path = value.partition("@")
        if at:
            text = _file_or_stdin(sh, io, path) or ""
            return (f"{name}=" if name else "") + quote(text, safe="")
        return quote(value, safe="")
    if not value.startswith("@"):
        return value
    text = _file_or_stdin(sh, io, value[1:])
    if text is None:
        io.err(f'Warning: Couldn\'t read data from file "{value[1:]}", this makes an empty POST.')
        return ""
    if kind in ("data", "data-ascii"):  # -d @file drops carriage returns and newlines; --data-binary keeps them
        text = text.replace("\r", "").replace("\n", "")
    return text


def _file_or_stdin(sh: Session, io: IO, path: str) -> str | None:
    return io.stdin if path == "-" else sh.read_file(path)


def _request_parts(sh: Session, io: IO, opts: Options, url: str) -> tuple[str, str, dict, bytes]:
    headers: dict[str, str] = {"User-Agent": f"curl/{VERSION}", "Accept": "*/*"}
    body = b""
    method = "GET"
    if opts.data:
        text = "&".join(_read_data(sh, io, kind, value) for kind, value in opts.data)
        if "get" in opts.flags:
            url += ("&" if "?" in url else "?") + text
        else:
            body, method = web_client.to_bytes(text), "POST"
            json_kind = any(kind == "json" for kind, _ in opts.data)
            headers["Content-Type"] = "application/json" if json_kind else "application/x-www-form-urlencoded"
            if json_kind:
                headers["Accept"] = "application/json"
    if opts.upload is not None:
        data = web_client.read_bytes(sh, opts.upload) if opts.upload != "-" else web_client.to_bytes(io.stdin)
        if data is None:
            raise CurlFailed(26, "Failed to open/read local data from file/application")
        if url.endswith("/"):
            url += opts.upload.rsplit("/", 1)[-1]
        body, method = data, "PUT"
    if "head" in opts.flags:
        method = "HEAD"
    if opts.user is not None:
        if ":" not in opts.user:
            raise CurlFailed(2, f"the lab's curl cannot prompt for the password of user '{opts.user}': "
                                f"give -u '{opts.user}:<password>'")
        headers["Authorization"] = "Basic " + base64.b64encode(opts.user.encode()).decode()
    if opts.bearer is not None:
        headers["Authorization"] = f"Bearer {opts.bearer}"
    for line in opts.headers:
        name, sep, value = line.partition(":")
        if line.startswith("@"):
            raise CurlFailed(2, "the lab's curl takes headers on the command line (-H 'Name: value'), not @file")
        name = name.strip()
        if not sep and name.endswith(";"):
            headers[name[:-1]] = ""
        elif sep:
            for k in [k for k in headers if k.lower() == name.lower()]:
                del headers[k]
            if value.strip():
                headers[name] = value.strip()
    return (opts.method or method).upper(), url, headers, body


def _fetch(sh: Session, io: IO, opts: Options, url: str):
    """Send the request, following redirects with -L and retrying with --retry; the list of responses."""
    method, url, headers, body = _request_parts(sh, io, opts, url)
    chain: list[tuple[str, web.WebResponse]] = []
    retries = opts.retry
    while True:
        budget.checkpoint()
        _verbose(io, opts, method, url, headers)
        try:
            _check_ip_version(sh, opts, url)
            resp = web_client.send(sh, method, url, headers, body)
        except web.WebError as e:
            raise CurlFailed(URL_ERRORS.get(e.kind, 7), _url_error(e)) from None
        if resp.status in TRANSIENT and retries > 0:
            io.err(f"Warning: Problem : HTTP error. Will retry in 1 second. {retries} "
                   f"retr{'ies' if retries != 1 else 'y'} left.")
            retries -= 1
            continue
        chain.append((url, resp))
        location = resp.headers.get("Location")
        if "location" not in opts.flags or resp.status not in (301, 302, 303, 307, 308) or not location:
            return chain
        if len(chain) > opts.max_redirs:
            raise CurlFailed(47, f"Maximum ({opts.max_redirs}) redirects followed")
        target = urljoin(url, location)
        if web.parse_url(target)[1] != web.parse_url(url)[1] and "location-trusted" not in opts.flags:
            headers = {k: v for k, v in headers.items() if k.lower() != "authorization"}
        if resp.status == 303 or (resp.status in (301, 302) and method == "POST"):
            method, body = "GET" if method != "HEAD" else "HEAD", b""
        url = target


def _check_ip_version(sh: Session, opts: Options, url: str) -> None:
    """-6 (--ipv6) resolves AAAA records only: a registry endpoint answers one when the registry is dual-stack
    (endpointProtocol IPv4AndIPv6), else curl cannot resolve the host. Every endpoint of the lab has IPv4, so -4
    changes nothing; hosts other than registry endpoints are not judged."""
    if "ipv6" not in opts.flags:
        return
    host = (web.parse_url(url)[1] or "").split(":")[0].lower()
    if not host.endswith(dns.SUFFIX):
        return
    _, records = dns.resolve(sh, host, "AAAA")
    if not any(rtype == "AAAA" for _, _, rtype, _ in records):
        raise CurlFailed(6, f"Could not resolve host: {host}")


def _url_error(e: web.WebError) -> str:
    if e.kind == "url":
        return "URL rejected: Malformed input to a URL function"
    if e.kind == "connect":
        return f"Failed to connect to {e.host} port 443 after 0 ms: Couldn't connect to server ({e})"
    return str(e)


def _verbose(io: IO, opts: Options, method: str, url: str, headers: dict) -> None:
    if "verbose" not in opts.flags:
        return
    try:
        _, host, path, _ = web.parse_url(url)
    except web.WebError:
        return
    query = url.split("?", 1)[1] if "?" in url else ""
    io.err(f"* Connected to {host} port 443")
    io.err(f"> {method} {path}{'?' + query if query else ''} HTTP/2")
    io.err(f"> Host: {host}")
    for k, v in headers.items():
        io.err(f"> {k}: {v}")
    io.err(">")


def _head_block(resp: web.WebResponse) -> str:
    if resp.http_version == "2":
        lines = [f"HTTP/2 {resp.status}"] + [f"{k.lower()}: {v}" for k, v in resp.headers.items()]
    else:
        lines = [f"HTTP/{resp.http_version} {resp.status} {resp.reason}".rstrip()]
        lines += [f"{k}: {v}" for k, v in resp.headers.items()]
    return "\n".join(lines) + "\n\n"


def _size(n: int) -> str:
    """curl's five-column size in the progress meter (tool_progress.c max5data)."""
    if n < 100000:
        return str(n)
    if n < 10000 * 1024:
        return f"{n // 1024}k"
    if n < 100 * 1024 * 1024:
        return f"{n / 1024 / 1024:.1f}M"
    return f"{n // (1024 * 1024)}M"


def _meter(io: IO, size: int, upload: int) -> None:
    io.err("  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current")
    io.err("                                 Dload  Upload   Total   Spent    Left  Speed")
    io.err(f"100 {_size(size + upload):>5}  100 {_size(size):>5}  {100 if upload else 0:>3} {_size(upload):>5}  "
           f"{_size(size):>5} {_size(upload):>6} --:--:-- --:--:-- --:--:-- {_size(size):>5}")


def write_out(fmt: str, url: str, chain, exit_code: int, error: str, upload: int) -> str:
    """--write-out: %{variable}, %header{name}, \\n \\r \\t escapes (docs/cmdline-opts/write-out.md)."""
    resp = chain[-1][1] if chain else None
    values = {
        "http_code": f"{resp.status:03d}" if resp else "000", "response_code": f"{resp.status:03d}" if resp else "000",
        "content_type": (resp.headers.get("Content-Type") or "") if resp else "",
        "size_download": str(len(resp.body)) if resp else "0", "size_upload": str(upload),
        "size_header": str(len(_head_block(resp))) if resp else "0",
        "url_effective": chain[-1][0] if chain else url, "url": url, "num_redirects": str(max(0, len(chain) - 1)),
        "redirect_url": (resp.headers.get("Location") or "") if resp and resp.status // 100 == 3 else "",
        "exitcode": str(exit_code), "errormsg": error, "scheme": "https",
        "http_version": resp.http_version if resp else "0",
        "time_total": "0.050000", "time_connect": "0.010000", "time_namelookup": "0.001000",
        "time_starttransfer": "0.040000", "speed_download": str(len(resp.body) * 20) if resp else "0",
        "num_headers": str(len(resp.headers)) if resp else "0"}
    out: list[str] = []
    i = 0
    while i < len(fmt):
        c = fmt[i]
        if c == "\\" and i + 1 < len(fmt) and fmt[i + 1] in "nrt\\":
            out.append({"n": "\n", "r": "\r", "t": "\t", "\\": "\\"}[fmt[i + 1]])
            i += 2
        elif fmt.startswith("%{", i) and "}" in fmt[i:]:
            end = fmt.index("}", i)
            name = fmt[i + 2:end]
            out.append(values.get(name, ""))
            i = end + 1
        elif fmt.startswith("%header{", i) and "}" in fmt[i:]:
            end = fmt.index("}", i)
            out.append((resp.headers.get(fmt[i + 8:end]) or "") if resp else "")
            i = end + 1
        elif fmt.startswith("%%", i):
            out.append("%")
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _output_name(url: str) -> str:
    path = url.split("?", 1)[0].split("#", 1)[0]
    return path.split("://", 1)[-1].partition("/")[2].rsplit("/", 1)[-1]


def _one(sh: Session, io: IO, opts: Options, url: str, output: str | None, named: bool) -> int:
    chain: list = []
    code, error = 0, ""
    try:
        if named and output is None:
            output = _output_name(url)
            if not output:  # curl's tool_operate.c: helpf, then exit 23 (CURLE_WRITE_ERROR)
                io.err("curl: Remote file name has no length!")
                io.err("curl: try 'curl --help' or 'curl --manual' for more information")
                return 23
        chain = _fetch(sh, io, opts, url)
        resp = chain[-1][1]
        failed = resp.status >= 400 and ("fail" in opts.flags or "fail-with-body" in opts.flags)
        if failed:
            code, error = 22, f"The requested URL returned error: {resp.status}"
        heads = "".join(_head_block(r) for _, r in chain) if {"include", "head"} & opts.flags else ""
        if opts.dump_header:
            block = "".join(_head_block(r) for _, r in chain)
            io.out(block, end="") if opts.dump_header == "-" else sh.write_file(opts.dump_header, block)
        body = b"" if failed and "fail-with-body" not in opts.flags else resp.body
        if "verbose" in opts.flags:
            for line in _head_block(resp).splitlines():
                io.err(f"< {line}")
        if output and output != "-":
            web_client.write_bytes(sh, output, web_client.to_bytes(heads) + body)
            if "silent" not in opts.flags:
                _meter(io, len(body), 0)
        else:
            io.out(heads + web_client.to_text(body), end="")
    except CurlFailed as e:
        code, error = e.code, str(e)
    if opts.write_out is not None:
        fmt = opts.write_out
        if fmt.startswith("@"):
            fmt = _file_or_stdin(sh, io, fmt[1:]) or ""
        io.out(write_out(fmt, url, chain, code, error, 0), end="")
    if code and ("silent" not in opts.flags or "show-error" in opts.flags):
        io.err(f"curl: ({code}) {error}")
    return code


def curl(sh: Session, argv: list[str], io: IO) -> int:
    if argv in (["--version"], ["-V"]):
        io.out(f"curl {VERSION} (x86_64-pc-linux-gnu) libcurl/{VERSION} OpenSSL/3.0.13 zlib/1.3 nghttp2/1.59.0")
        io.out("Protocols: http https")
        io.out("Features: alt-svc AsynchDNS HSTS HTTP2 HTTPS-proxy IPv6 Largefile libz SSL threadsafe UnixSockets")
        return 0
    if argv in (["--help"], ["-h"]):
        io.out("Usage: curl [options...] <url>")
        io.out(" -d, --data <data>          HTTP POST data\n -f, --fail                 Fail fast with no output on "
               "HTTP errors\n -h, --help <category>      Get help for commands\n -i, --include              "
               "Include protocol response headers in the output\n -o, --output <file>        Write to file instead "
               "of stdout\n -O, --remote-name          Write output to a file named as the remote file\n -s, "
               "--silent               Silent mode\n -T, --upload-file <file>   Transfer local FILE to destination\n"
               " -u, --user <user:password> Server user and password\n -A, --user-agent <name>    Send User-Agent "
               "<name> to server\n -v, --verbose              Make the operation more talkative\n -V, --version"
               "              Show version number and quit")
        return 0
    try:
        opts = parse(argv)
    except CurlUsage as e:
        io.err(f"curl: {e}")
        io.err("curl: try 'curl --help' for more information")
        return 2
    if not opts.urls:
        io.err("curl: no URL specified")
        io.err("curl: try 'curl --help' or 'curl --manual' for more information")
        return 2
    code = 0
    for n, url in enumerate(opts.urls):
        output = opts.outputs[n] if n < len(opts.outputs) else None
        code = _one(sh, io, opts, url, output, n < len(opts.outputs)) or code
    return code


PROGRAMS["curl"] = curl
