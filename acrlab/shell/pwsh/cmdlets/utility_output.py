"""Microsoft.PowerShell.Utility / Core output cmdlets: Out-*, ConvertTo/From-Json, Write-*, secure strings,
New-Object, Start-Sleep, Get-Date, Clear-Host."""

from __future__ import annotations

import json

from ..formatting import render, to_json
from ..values import (
    Hashtable,
    PSError,
    PSObject,
    SecureString,
    as_list,
    to_str,
)
from .base import Param, cmdlet, validate_range
from .utility import CORE, INPUT, _flat


@cmdlet("Out-String", [INPUT, Param("Stream", "switch", "Send each line separately."),
                       Param("Width", "int", "Characters per line.")],
        "Outputs input objects as a string.", all_input=True)
def out_string(ctx, a, items):
    text = render(_flat(items))
    return text.split("\n") if a.Stream else text


@cmdlet("Out-Null", [INPUT], "Hides the output instead of sending it down the pipeline.", module=CORE,
        all_input=True)
def out_null(ctx, a, items):
    return None


@cmdlet("Out-Host", [INPUT], "Sends output to the command line.", module=CORE, all_input=True)
def out_host(ctx, a, items):
    ctx.io.out(render(_flat(items)), end="")


@cmdlet("ConvertTo-Json", [
    Param("InputObject", "object", "The objects to convert.", position=0, pipeline=True, mandatory=True,
          allow_null=True),
    Param("Depth", "int", "How many levels of contained objects are included (default 2)."),
    Param("Compress", "switch", "Omits white space and indented formatting."),
    Param("AsArray", "switch", "Outputs the object in array brackets."),
], "Converts an object to a JSON-formatted string.", all_input=True)
def convertto_json(ctx, a, items):
    objs = _flat(items) if items else as_list(a.InputObject) if isinstance(a.InputObject, list) else [a.InputObject]
    value = objs if (len(objs) != 1 or a.AsArray) else objs[0]
    depth = a.Depth if a.has("Depth") else 2
    text, truncated = to_json(value, depth, bool(a.Compress))
    if truncated:
        ctx.warn(f"Resulting JSON is truncated as serialization has exceeded the set depth of {depth}.")
    return text


def _from_json(v, as_hashtable: bool = False):
    if isinstance(v, dict):
        props = {k: _from_json(x, as_hashtable) for k, x in v.items()}
        return Hashtable(props) if as_hashtable else PSObject("System.Management.Automation.PSCustomObject", props)
    if isinstance(v, list):
        return [_from_json(x, as_hashtable) for x in v]
    return v


@cmdlet("ConvertFrom-Json", [
    Param("InputObject", "string", "The JSON text.", position=0, pipeline=True, mandatory=True),
    Param("AsHashtable", "switch", "Return hashtables instead of objects."),
], "Converts a JSON-formatted string to a custom object.", all_input=True)
def convertfrom_json(ctx, a, items):
    text = "\n".join(to_str(x) for x in _flat(items)) if items else to_str(a.InputObject)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise PSError(f"Conversion from JSON failed with error: {e.msg} at line {e.lineno}, column {e.colno}.") \
            from None
    return _from_json(data, bool(a.AsHashtable))


@cmdlet("Write-Output", [Param("InputObject", "objects", "The objects to send down the pipeline.", position=0,
                               pipeline=True, remaining=True, mandatory=True),
                         Param("NoEnumerate", "switch", "Output a collection as one object.")],
        "Writes the specified objects to the pipeline.", all_input=True, aliases=("echo", "write"))
def write_output(ctx, a, items):
    return _flat(items) if items else _flat(a.InputObject)


@cmdlet("Write-Host", [Param("Object", "objects", "Objects to display.", position=0, remaining=True),
                       Param("NoNewline", "switch", "No newline after the output."),
                       Param("Separator", "string", "Separator between objects."),
                       Param("ForegroundColor", "string", "Text color."), Param("BackgroundColor", "string", "")],
        "Writes customized output to a host.", all_input=True)
def write_host(ctx, a, items):
    objs = a.Object if a.Object is not None else _flat(items)
    sep = a.Separator if a.Separator is not None else " "
    text = sep.join(to_str(o) for o in objs)
    ctx.io.out(text, end="" if a.NoNewline else "\n")


@cmdlet("Write-Error", [Param("Message", "string", "The error text.", position=0, mandatory=True, pipeline=True)],
        "Writes an object to the error stream.", all_input=True)
def write_error(ctx, a, items):
    raise PSError(a.Message or " ".join(to_str(x) for x in _flat(items)), command="Write-Error")


@cmdlet("Write-Warning", [Param("Message", "string", "The warning text.", position=0, mandatory=True)],
        "Writes a warning message.")
def write_warning(ctx, a, items):
    ctx.warn(a.Message)


@cmdlet("Write-Verbose", [Param("Message", "string", "The verbose text.", position=0, mandatory=True)],
        "Writes text to the verbose message stream.")
def write_verbose(ctx, a, items):
    if to_str(ctx.interp.get_var("VerbosePreference")).lower() == "continue" or a.Verbose:
        ctx.io.out(f"VERBOSE: {a.Message}")


@cmdlet("ConvertTo-SecureString", [
    Param("String", "string", "The plain text to convert.", position=0, mandatory=True, pipeline=True),
    Param("AsPlainText", "switch", "Convert plain text."), Param("Force", "switch", "Confirm plain text use."),
], "Converts plain text or encrypted strings to secure strings.", module="Microsoft.PowerShell.Security")
def convertto_securestring(ctx, a, items):
    if not a.AsPlainText:
        raise PSError("Input string was not in a correct format.", "ConvertTo-SecureString")
    return SecureString(a.String)


@cmdlet("ConvertFrom-SecureString", [
    Param("SecureString", "securestring", "The secure string to convert.", position=0, mandatory=True,
          pipeline=True),
    Param("AsPlainText", "switch", "Return the plain text."),
], "Converts a secure string to an encrypted standard string.", module="Microsoft.PowerShell.Security")
def convertfrom_securestring(ctx, a, items):
    if not a.AsPlainText:
        return "01000000d08c9ddf0115d1118c7a00c04fc297eb"  # DPAPI blobs are opaque; the lab shows the header only
    return a.SecureString.reveal()


@cmdlet("New-Object", [Param("TypeName", "string", "The .NET type.", position=0, mandatory=True),
                       Param("ArgumentList", "objects", "Constructor arguments.", position=1, aliases=("Args",)),
                       Param("Property", "hashtable", "Property values.")],
        "Creates an instance of a .NET object.")
def new_object(ctx, a, items):
    from ..operators import call_method
    t = a.TypeName.lower().removeprefix("system.").removeprefix("management.automation.")
    if t in ("pscredential",):
        return call_method(ctx.interp, None, "new", a.ArgumentList or [], static="pscredential")
    if t in ("psobject", "pscustomobject"):
        return PSObject("System.Management.Automation.PSCustomObject", dict(a.Property or {}))
    raise PSError(f"Cannot find type [{a.TypeName}]: verify that the assembly containing this type is loaded.")


@cmdlet("Start-Sleep", [Param("Seconds", "double", "Seconds to wait.", position=0, aliases=("s",)),
                        Param("Milliseconds", "int", "Milliseconds to wait.", aliases=("ms",))],
        "Suspends the activity in a script or session for the specified period of time.", aliases=("sleep",))
def start_sleep(ctx, a, items):
    """The simulated clock moves on; Seconds is a double in 0..2147483 and Milliseconds an Int32 >= 0, as in
    PowerShell 7 (StartSleepCommand.cs)."""
    from datetime import timedelta
    if a.Seconds is not None:
        validate_range("Seconds", a.Seconds, 0, 2147483)
    if a.Milliseconds is not None:
        validate_range("Milliseconds", a.Milliseconds, 0, 2**31 - 1)
    ctx.cloud.clock.advance(timedelta(seconds=a.Seconds or 0, milliseconds=a.Milliseconds or 0))


@cmdlet("Get-Date", [Param("Format", "string", "A .NET format string.")], "Gets the current date and time.")
def get_date(ctx, a, items):
    now = ctx.cloud.clock.now()
    if a.Format:
        f = a.Format.replace("yyyy", "%Y").replace("MM", "%m").replace("dd", "%d").replace("HH", "%H") \
            .replace("mm", "%M").replace("ss", "%S")
        return now.strftime(f)
    return now


@cmdlet("Clear-Host", [], "Clears the display in the host program.", module=CORE, aliases=("cls", "clear"))
def clear_host(ctx, a, items):
    return None
