"""Microsoft.PowerShell.Core: ForEach-Object (with -Parallel) and Invoke-Command, the cmdlets that run script
blocks."""

from __future__ import annotations

from ..values import PSError, ScriptBlock, to_number
from .base import Param, cmdlet
from .utility import CORE, INPUT, _flat, _value

PARALLEL = ("ParallelParameterSet",)


@cmdlet("ForEach-Object", [
    INPUT, Param("Process", "scriptblock", "The script block run for each object ($_).", position=0,
                 sets=("ScriptBlockSet",), mandatory=True),
    Param("Begin", "scriptblock", "Runs before the first object.", sets=("ScriptBlockSet",)),
    Param("End", "scriptblock", "Runs after the last object.", sets=("ScriptBlockSet",)),
    Param("MemberName", "string", "A property to output for each object.", position=0,
          sets=("PropertyAndMethodSet",), mandatory=True),
    Param("Parallel", "scriptblock", "Runs the script block for each object in its own runspace; variables of the "
          "caller are reached with $using:.", sets=PARALLEL, mandatory=True),
    Param("ThrottleLimit", "int", "How many script blocks run at once (default 5).", sets=PARALLEL),
    Param("TimeoutSeconds", "int", "How long to wait for all input to be processed.", sets=PARALLEL),
    Param("AsJob", "switch", "Run the parallel invocation as a PowerShell job.", sets=PARALLEL),
    Param("UseNewRunspace", "switch", "A new runspace for every loop iteration.", sets=PARALLEL),
], "Performs an operation against each item in a collection of input objects.", module=CORE, all_input=True,
    sets=["ScriptBlockSet", "PropertyAndMethodSet", "ParallelParameterSet"], default_set="ScriptBlockSet",
    aliases=("foreach", "%"))
def foreach_object(ctx, a, items):
    if a.Parallel is not None:
        return _parallel(ctx, a, items)
    out = []
    if a.Begin:
        out += ctx.run_block(a.Begin)
    for o in _flat(items) if items is not None else [None]:
        if a.MemberName:
            v = _value(o, a.MemberName)
            out.extend(v if isinstance(v, list) else [v])
        else:
            out += ctx.run_block(a.Process, o)
    if a.End:
        out += ctx.run_block(a.End)
    return out


def _parallel(ctx, a, items) -> list:
    """Each object runs in a runspace of its own: none of the caller's variables or functions, only $using:
    copies. The lab runs them one after the other in input order (one of the orders PowerShell may give)."""
    if a.AsJob:
        raise PSError("ForEach-Object -Parallel -AsJob is not supported by the lab (it has no job infrastructure); "
                      "run the loop without -AsJob and its output arrives when every iteration has finished.")
    if a.has("ThrottleLimit") and int(to_number(a.ThrottleLimit)) <= 0:
        raise PSError("Cannot validate argument on parameter 'ThrottleLimit'. The 0 argument is less than the minimum "
                      "allowed range of 1. Supply an argument that is greater than or equal to 1 and then try the "
                      "command again.")
    out: list = []
    for o in _flat(items) if items is not None else []:
        out += ctx.interp.isolated(a.Parallel, o)
    return out


@cmdlet("Invoke-Command", [
    Param("ScriptBlock", "scriptblock", "The commands to run.", position=0, mandatory=True, aliases=("Command",)),
    Param("ArgumentList", "objects", "Values for the script block's parameters ($args).", aliases=("Args",)),
    INPUT,
    Param("NoNewScope", "switch", "Runs the script block in the current scope."),
    Param("ComputerName", "strings", "Computers to run the command on (remoting).", aliases=("Cn",)),
    Param("Session", "object", "PowerShell sessions to run the command in (remoting)."),
], "Runs commands on local and remote computers.", module=CORE, all_input=True)
def invoke_command(ctx, a, items):
    if a.ComputerName or a.Session is not None:
        raise PSError("PowerShell remoting (-ComputerName, -Session) is not available in the lab: there are no other "
                      "computers to connect to. Run the script block locally (without -ComputerName).")
    block: ScriptBlock = a.ScriptBlock
    input_items = _flat(items) if items else ([a.InputObject] if a.has("InputObject") else None)
    return ctx.interp.call_block(block, [], input_items, values=list(a.ArgumentList or []), dot=bool(a.NoNewScope))
