"""`azcopy copy SOURCE DESTINATION` over the lab's web (engine/web.py): local files and Blob storage URLs
(https://<account>.blob.core.windows.net/<container>[/<path>], a SAS in the query string), in any direction but local
to local. Every read and write is a Blob service request through the router, so the storage account's rules decide
(SAS signature, expiry and permissions; public access). Options: --recursive (a local folder, a container or a
virtual directory), --overwrite true|false|ifSourceNewer (default true; false skips what exists), the rest of
azcopy's tuning options accepted with no effect. Output as azcopy v10 prints it (Azure/azure-storage-azcopy
cmd/copy.go, jobsAdmin summary): the scan lines, "Job <id> has started", the log file under ~/.azcopy, the progress
line and the job summary; exit 1 when a transfer failed. `azcopy --version` and `azcopy login` are not simulated.

Source: MicrosoftDocs/azure-docs articles/storage/common/storage-use-azcopy-blobs-copy.md and storage-ref-azcopy-copy
.md (flags, defaults); Azure/azure-storage-azcopy (output lines)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlsplit

from ...engine import budget, web
from .. import web_client
from ..session import HOME, IO, Session

PROGRAMS: dict = {}
BLOB_SUFFIX = ".blob.core.windows.net"
VALUE_FLAGS = {"--overwrite", "--from-to", "--log-level", "--include-pattern", "--exclude-pattern", "--cap-mbps",
               "--block-size-mb", "--blob-type", "--check-md5", "--output-type", "--include-path",
               "--exclude-path", "--metadata", "--content-type", "--block-blob-tier", "--trusted-microsoft-suffixes"}
BOOL_FLAGS = {"--recursive", "--dry-run", "--put-md5", "--s2s-preserve-access-tier", "--as-subdir",
              "--check-length", "--force-if-read-only", "--preserve-last-modified-time"}
OVERWRITE = ("true", "false", "ifsourcenewer", "prompt")


class CopyError(Exception):
    """The job never started: azcopy prints 'failed to perform copy command due to error: ...' and exits 1."""


class UsageError(CopyError):
    """A command line cobra refuses: 'Error: ...' and exit 1."""


@dataclass
class Place:
    """One end of the copy: a local path, or a blob URL split into its parts."""
    local: str | None = None
    base: str = ""       # https://account.blob.core.windows.net/container
    path: str = ""       # blob name or virtual directory inside the container ('' for the container)
    sas: str = ""        # the query string, with no '?'

    def url(self, name: str) -> str:
        return f"{self.base}/{quote(name)}" + (f"?{self.sas}" if self.sas else "")

    def shown(self) -> str:
        return self.local if self.local is not None else f"{self.base}/{self.path}".rstrip("/")


def _place(sh: Session, text: str) -> Place:
    if not text.lower().startswith(("https://", "http://")):
        return Place(local=sh.abspath(text))
    parts = urlsplit(text)
    host = (parts.hostname or "").lower()
    if not host.endswith(BLOB_SUFFIX):
        raise CopyError("the inferred source/destination combination could not be identified, or is currently not "
                        "supported (the lab's azcopy copies between local files and Blob storage)")
    container, _, path = unquote(parts.path.lstrip("/")).partition("/")
    if not container:
        raise CopyError("the lab's azcopy copies blobs within a container: give https://<account>.blob.core.windows"
                        ".net/<container>[/<path>]")
    return Place(base=f"https://{host}/{container}", path=path, sas=parts.query)


def _storage_error(resp: web.WebResponse) -> str:
    code = resp.headers.get("x-ms-error-code") or ""
    message = ""
    try:
        message = (ET.fromstring(resp.body).findtext("Message") or "").split("\n", 1)[0]
    except ET.ParseError:
        pass
    return f"RESPONSE {resp.status}: {resp.status} {message or resp.reason}\nERROR CODE: {code or resp.reason}"


def _send(sh: Session, method: str, url: str, body: bytes = b"", headers: dict | None = None) -> web.WebResponse:
    try:
        return web_client.send(sh, method, url, {"User-Agent": "AzCopy/10", **(headers or {})}, body)
    except web.WebError as e:
        raise CopyError(str(e)) from None


def _sources(sh: Session, src: Place, recursive: bool) -> list[tuple[str, str]]:
    """(address of the source item, its path relative to the destination) for each file the job transfers."""
    if src.local is not None:
        if sh.host.files.get(src.local) is not None:
            return [(src.local, src.local.rsplit("/", 1)[-1])]
        files = [rel for rel in sh.dir_files(src.local) if rel.rsplit("/", 1)[-1] != ".keep"]  # mkdir's marker
        if not files and sh.list_dir(src.local) is None:
            raise CopyError(f"cannot start job due to error: cannot scan the path {src.local}, please verify that "
                            f"it is a valid.")
        if not recursive:
            raise CopyError("cannot use directory as source without --recursive or a trailing wildcard (/*)")
        top = src.local.rstrip("/").rsplit("/", 1)[-1]
        return [(f"{src.local.rstrip('/')}/{rel}", f"{top}/{rel}") for rel in sorted(files)]
    if src.path and not src.path.endswith("/"):
        resp = _send(sh, "HEAD", src.url(src.path))
        if resp.status == 200:
            return [(src.url(src.path), src.path.rsplit("/", 1)[-1])]
        if resp.status != 404 or not recursive:
            raise CopyError(f"cannot start job due to error: cannot list files due to reason -> "
                            f"{_storage_error(resp)}")
    if not recursive:
        raise CopyError("cannot use directory as source without --recursive or a trailing wildcard (/*)")
    prefix = src.path.rstrip("/") + "/" if src.path else ""
    query = f"restype=container&comp=list&prefix={quote(prefix)}" + (f"&{src.sas}" if src.sas else "")
    resp = _send(sh, "GET", f"{src.base}?{query}")
    if resp.status != 200:
        raise CopyError(f"cannot start job due to error: cannot list files due to reason -> {_storage_error(resp)}")
    names = [n.text or "" for n in ET.fromstring(resp.body).iter("Name")]
    top = (src.path.rstrip("/") or src.base).rsplit("/", 1)[-1]
    return [(src.url(n), f"{top}/{n[len(prefix):]}") for n in names]


def _destination(sh: Session, dst: Place, rel: str, single: bool) -> str:
    if dst.local is not None:
        into = not single or dst.local.endswith("/") or sh.list_dir(dst.local) is not None
        return f"{dst.local.rstrip('/')}/{rel}" if into else dst.local
    if single and dst.path and not dst.path.endswith("/"):
        return dst.url(dst.path)
    return dst.url(f"{dst.path.rstrip('/')}/{rel}".lstrip("/"))


def _read(sh: Session, address: str) -> tuple[bytes | None, str]:
    if not address.startswith("https://"):
        data = web_client.read_bytes(sh, address)
        return data, "" if data is not None else "open: no such file or directory"
    resp = _send(sh, "GET", address)
    return (resp.body, "") if resp.status == 200 else (None, _storage_error(resp))


def _write(sh: Session, address: str, data: bytes, overwrite: str) -> tuple[str, str]:
    """('done' | 'skipped' | 'failed', why)."""
    if not address.startswith("https://"):
        if overwrite == "false" and sh.host.files.get(address) is not None:
            return "skipped", ""
        web_client.write_bytes(sh, address, data)
        return "done", ""
    if overwrite == "false" and _send(sh, "HEAD", address).status == 200:
        return "skipped", ""
    resp = _send(sh, "PUT", address, data, {"x-ms-blob-type": "BlockBlob", "Content-Type": "application/octet-stream"})
    return ("done", "") if resp.status in (200, 201) else ("failed", _storage_error(resp))


def _parse(argv: list[str]) -> tuple[list[str], dict]:
    positional: list[str] = []
    opts: dict = {"recursive": False, "overwrite": "true"}
    i = 0
    while i < len(argv):
        a = argv[i]
        name, eq, value = a.partition("=")
        if a.startswith("--"):
            if name in BOOL_FLAGS:
                if eq and value.lower() not in ("true", "false"):
                    raise UsageError(f'invalid argument "{value}" for "{name}" flag: strconv.ParseBool: parsing '
                                    f'"{value}": invalid syntax')
                opts[name[2:]] = not eq or value.lower() == "true"
            elif name in VALUE_FLAGS:
                if not eq:
                    if i + 1 >= len(argv):
                        raise UsageError(f"flag needs an argument: {name}")
                    i += 1
                    value = argv[i]
                opts[name[2:]] = value
            else:
                raise UsageError(f"unknown flag: {name}")
        else:
            positional.append(a)
        i += 1
    if str(opts["overwrite"]).lower() not in OVERWRITE:
        raise CopyError(f"error parsing the overwrite option: '{opts['overwrite']}' is not one of true, false, "
                        f"prompt, ifSourceNewer")
    opts["overwrite"] = str(opts["overwrite"]).lower()
    if opts["overwrite"] == "prompt":
        raise CopyError("the lab's azcopy cannot prompt: give --overwrite true, false or ifSourceNewer")
    return positional, opts


def _copy(sh: Session, argv: list[str], io: IO) -> int:
    positional, opts = _parse(argv)
    if len(positional) != 2:
        raise CopyError("wrong number of arguments, please refer to the help page on usage of this command")
    src, dst = _place(sh, positional[0]), _place(sh, positional[1])
    if src.local is not None and dst.local is not None:
        raise CopyError("the inferred source/destination combination could not be identified, or is currently not "
                        "supported")
    io.out("INFO: Scanning...")
    items = _sources(sh, src, opts["recursive"])
    if src.local is None or dst.local is None:
        io.out("INFO: Any empty folders will not be processed, because source and/or destination doesn't have full "
               "folder support")
    job = sh.cloud.ids.guid()
    log_path = f"{HOME}/.azcopy/{job}.log"
    io.out(f"\nJob {job} has started\nLog file is located at: {log_path}\n")
    counts = {"done": 0, "skipped": 0, "failed": 0}
    moved = 0
    log = [f"{sh.cloud.clock.now():%Y/%m/%d %H:%M:%S} AzCopy command: azcopy copy {src.shown()} {dst.shown()}"]
    for address, rel in items:
        budget.checkpoint()
        target = _destination(sh, dst, rel, len(items) == 1)
        data, why = _read(sh, address)
        state = "failed"
        if data is not None:
            state, why = _write(sh, target, data, opts["overwrite"])
        counts[state] += 1
        moved += len(data) if state == "done" and data is not None else 0
        if why:
            log.append(f"ERROR: {address.split('?', 1)[0]} -> {target.split('?', 1)[0]}: {why}")
    sh.write_file(log_path, "\n".join(log) + "\n")
    total = len(items)
    status = ("Completed" if not counts["failed"] else "Failed" if not counts["done"] else "CompletedWithErrors")
    if counts["skipped"] and not counts["failed"]:
        status = "CompletedWithSkipped"
    io.out(f"100.0 %, {counts['done']} Done, {counts['failed']} Failed, 0 Pending, {counts['skipped']} Skipped, "
           f"{total} Total, 2-sec Throughput (Mb/s): {moved * 8 / 2 / 1e6:.4f}\n\n")
    io.out(f"Job {job} summary\nElapsed Time (Minutes): 0.0334\nNumber of File Transfers: {total}\n"
           f"Number of Folder Property Transfers: 0\nNumber of Symlink Transfers: 0\nTotal Number of Transfers: {total}\n"
           f"Number of File Transfers Completed: {counts['done']}\nNumber of Folder Transfers Completed: 0\n"
           f"Number of File Transfers Failed: {counts['failed']}\nNumber of Folder Transfers Failed: 0\n"
           f"Number of File Transfers Skipped: {counts['skipped']}\nNumber of Folder Transfers Skipped: 0\n"
           f"Number of Symbolic Links Skipped: 0\nNumber of Hardlinks Converted: 0\n"
           f"Number of Special Files Skipped: 0\nTotal Number of Bytes Transferred: {moved}\n"
           f"Final Job Status: {status}")
    return 1 if counts["failed"] else 0


def azcopy(sh: Session, argv: list[str], io: IO) -> int:
    if not argv or argv[0] in ("-h", "--help", "help"):
        io.out("AzCopy is a command line tool that moves data into and out of Azure Storage.\n\nUsage:\n  azcopy "
               "[command]\n\nAvailable Commands (in the lab):\n  copy        Copies source data to a destination "
               "location (alias: cp)")
        return 0
    if argv[0] not in ("copy", "cp"):
        io.err(f'Error: unknown command "{argv[0]}" for "azcopy"\nRun \'azcopy --help\' for usage.')
        return 1
    try:
        return _copy(sh, argv[1:], io)
    except UsageError as e:
        io.err(f"Error: {e}")
        return 1
    except CopyError as e:
        io.err(f"failed to perform copy command due to error: {e}")
        return 1


PROGRAMS["azcopy"] = azcopy
