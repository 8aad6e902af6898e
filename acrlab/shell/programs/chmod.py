"""chmod [-R] MODE FILE...: checks the mode (octal, or symbolic like +x, u+rw,go-w) and the files as GNU chmod does.

The lab's file system keeps no permission bits (every file can be read, written and run, and `ls` shows no modes),
so a valid chmod has nothing further to change; a bad mode or a missing file is refused in GNU's words. The docs
use it before committing a script (MicrosoftDocs/azure-management-docs articles/container-registry/
tasks-consume-public-content.md: `chmod +x ./test.sh`)."""

from __future__ import annotations

import re

from ..executor import IO
from ..session import Session

_SYMBOLIC = re.compile(r"^[ugoa]*(?:[-+=](?:[rwxXst]*|[ugo]))+$")


def chmod(sh: Session, argv: list[str], io: IO) -> int:
    args = [a for a in argv if a not in ("-R", "--recursive", "-v", "-c", "-f")]
    if len(args) < 2:
        io.err(f"chmod: missing operand{' after ' + repr(args[0]) if args else ''}\n"
               "Try 'chmod --help' for more information.")
        return 1
    mode, files = args[0], args[1:]
    if not (re.fullmatch(r"[0-7]{1,4}", mode) or all(_SYMBOLIC.match(part) for part in mode.split(","))):
        io.err(f"chmod: invalid mode: '{mode}'\nTry 'chmod --help' for more information.")
        return 1
    code = 0
    for f in files:
        if sh.read_file(f) is None and sh.list_dir(f) is None:
            io.err(f"chmod: cannot access '{f}': No such file or directory")
            code = 1
    return code


PROGRAMS = {"chmod": chmod}
