"""Microsoft.PowerShell.Management: the file cmdlets scripts use around templates and JSON (Get-Content,
Set-Content, Add-Content, Out-File, Test-Path, Remove-Item, Get-Location, Set-Location) over the lab host's files."""

from __future__ import annotations

from ..formatting import render
from ..values import PSError, PSObject, to_str
from .base import Param, cmdlet
from .utility import _flat

MOD = "Microsoft.PowerShell.Management"
PATH = Param("Path", "string", "The path to the item.", position=0, mandatory=True, by_property=True,
             aliases=("FilePath", "LiteralPath", "PSPath"))


def _missing(ctx, path: str) -> PSError:
    e = PSError(f"Cannot find path '{ctx.sh.abspath(path)}' because it does not exist.")
    e.exception_type = "System.Management.Automation.ItemNotFoundException"
    return e


@cmdlet("Get-Content", [PATH, Param("Raw", "switch", "Return the whole file as one string."),
                        Param("TotalCount", "int", "How many lines from the start.", aliases=("First", "Head")),
                        Param("Tail", "int", "How many lines from the end.", aliases=("Last",)),
                        Param("Encoding", "string", "The file's encoding.")],
        "Gets the content of the item at the specified location.", module=MOD, aliases=("gc", "cat", "type"))
def get_content(ctx, a, items):
    text = ctx.sh.read_file(a.Path)
    if text is None:
        raise _missing(ctx, a.Path)
    if a.Raw:
        return text
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if a.has("TotalCount"):
        lines = lines[: a.TotalCount]
    if a.has("Tail"):
        lines = lines[-a.Tail:] if a.Tail else []
    return lines


def _text(values, no_newline: bool = False) -> str:
    lines = [to_str(v) for v in values]
    return ("" if no_newline else "\n").join(lines) + ("" if no_newline else "\n")


@cmdlet("Set-Content", [PATH, Param("Value", "objects", "The new content.", position=1, pipeline=True),
                        Param("NoNewline", "switch", "No newline after the content."),
                        Param("Encoding", "string", "The file's encoding.")],
        "Writes new content or replaces existing content in a file.", module=MOD, all_input=True,
        should_process=True, aliases=("sc",))
def set_content(ctx, a, items, append: bool = False):
    if a.Path is None:
        raise PSError("Cannot process command because of one or more missing mandatory parameters: Path.")
    values = _flat(items) if items else _flat(a.Value or [])
    if not a.WhatIf:
        ctx.sh.write_file(a.Path, _text(values, a.NoNewline), append=append)


@cmdlet("Add-Content", [PATH, Param("Value", "objects", "The content to add.", position=1, pipeline=True),
                        Param("NoNewline", "switch", "No newline after the content."),
                        Param("Encoding", "string", "The file's encoding.")],
        "Adds content to the specified items, such as adding words to a file.", module=MOD, all_input=True,
        should_process=True, aliases=("ac",))
def add_content(ctx, a, items):
    set_content(ctx, a, items, append=True)


@cmdlet("Out-File", [Param("FilePath", "string", "The output file.", position=0, mandatory=True,
                           aliases=("Path", "LiteralPath")),
                     Param("InputObject", "object", "The objects to write.", pipeline=True),
                     Param("Append", "switch", "Add to the end of the file."),
                     Param("Encoding", "string", "The file's encoding."),
                     Param("NoNewline", "switch", "No newline after the content."),
                     Param("Width", "int", "Characters per line.")],
        "Sends output to a file.", module="Microsoft.PowerShell.Utility", all_input=True, should_process=True)
def out_file(ctx, a, items):
    values = _flat(items) if items else ([a.InputObject] if a.InputObject is not None else [])
    text = render(values)
    if a.NoNewline:
        text = text.rstrip("\n")
    if not a.WhatIf:
        ctx.sh.write_file(a.FilePath, text, append=bool(a.Append))


@cmdlet("Test-Path", [PATH, Param("PathType", "string", "Container, Leaf or Any.", values=("Any", "Container",
                                                                                         "Leaf"))],
        "Determines whether all elements of a path exist.", module=MOD)
def test_path(ctx, a, items):
    is_file = ctx.sh.read_file(a.Path) is not None
    is_dir = not is_file and ctx.sh.list_dir(a.Path) is not None
    kind = (a.PathType or "Any").lower()
    return is_file if kind == "leaf" else is_dir if kind == "container" else (is_file or is_dir)


@cmdlet("Remove-Item", [PATH, Param("Recurse", "switch", "Remove the items in a folder too."),
                        Param("Force", "switch", "Remove read-only or hidden items.")],
        "Deletes the specified items.", module=MOD, should_process=True, aliases=("rm", "del", "ri"))
def remove_item(ctx, a, items):
    p = ctx.sh.abspath(a.Path)
    files = ctx.sh.host.files
    if p in files:
        if not a.WhatIf:
            del files[p]
        return None
    inside = [f for f in files if f.startswith(p.rstrip("/") + "/")]
    if not inside:
        raise _missing(ctx, a.Path)
    if not a.Recurse:
        raise PSError(f"The item at {p} has children and the Recurse parameter was not specified.")
    if not a.WhatIf:
        for f in inside:
            del files[f]


@cmdlet("Get-Location", [], "Gets information about the current working location.", module=MOD, aliases=("pwd", "gl"))
def get_location(ctx, a, items):
    return PSObject("System.Management.Automation.PathInfo", {"Path": ctx.sh.host.cwd},
                    to_string=ctx.sh.host.cwd)


@cmdlet("Set-Location", [Param("Path", "string", "The new working location.", position=0)],
        "Sets the current working location to a specified location.", module=MOD, aliases=("cd", "sl", "chdir"))
def set_location(ctx, a, items):
    target = ctx.sh.abspath(a.Path or "~")
    if ctx.sh.list_dir(target) is None:
        raise _missing(ctx, a.Path)
    ctx.sh.host.cwd = target
