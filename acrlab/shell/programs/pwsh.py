"""`pwsh`: enter PowerShell mode (`exit` returns to bash), or `pwsh -Command "..."` / `pwsh -c "..."`."""

from __future__ import annotations

from ..pwsh import run

USAGE = ("Usage: pwsh[.exe] [-Command { - | <script-block> [-args <arg-array>] | <string> [<CommandParameters>] } ]\n"
         "    [-NoLogo] [-NoProfile] [-NonInteractive] [-File <filePath> [args]]\n\n"
         "Type 'pwsh -h' or 'pwsh -?' for more help.")
SWITCHES = {"-nologo", "-noprofile", "-nop", "-noninteractive", "-noni", "-nol"}


def pwsh(sh, argv: list[str], io) -> int:
    args = list(argv)
    while args and args[0].lower() in SWITCHES:
        args.pop(0)
    if not args:
        if sh.mode == "pwsh":
            return 0
        sh.mode = "pwsh"
        io.out("PowerShell 7.4.6\nType 'exit' to return to bash.")
        return 0
    first = args[0].lower()
    if first in ("-command", "-c"):
        text = " ".join(args[1:])
        if text == "-":
            text = io.stdin
        if sh.mode == "pwsh" and text.strip().lower() == "exit":
            sh.mode = "bash"
            return 0
        if sh.mode == "pwsh" and text.strip().lower().startswith("exit") and text.strip()[4:].strip().isdigit():
            sh.mode = "bash"
            return int(text.strip()[4:])
        return run(sh, text, io)
    if first in ("-file", "-f"):
        if len(args) < 2:
            io.err("The argument '-File' is missing a value.")
            return 64
        content = sh.read_file(args[1])
        if content is None:
            io.err(f"The argument '{args[1]}' is not recognized as the name of a script file. Check the spelling of "
                   "the name, or if a path was included, verify that the path is correct and try again.")
            return 64
        return run(sh, content, io)
    if first in ("-h", "-?", "-help", "--help", "/?"):
        io.out(USAGE)
        return 0
    if first in ("-v", "-version", "--version"):
        io.out("PowerShell 7.4.6")
        return 0
    if first.startswith("-"):
        io.err(f"The argument '{args[0]}' is not recognized as the name of a script file. Check the spelling of the "
               "name, or if a path was included, verify that the path is correct and try again.")
        return 64
    content = sh.read_file(args[0])
    if content is None:
        io.err(f"The argument '{args[0]}' is not recognized as the name of a script file. Check the spelling of "
               "the name, or if a path was included, verify that the path is correct and try again.")
        return 64
    return run(sh, content, io)


PROGRAMS = {"pwsh": pwsh}
