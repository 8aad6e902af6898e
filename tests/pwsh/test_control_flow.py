"""PowerShell language: functions, loops, switch, try/catch/finally, error preferences, Get-Member."""

from __future__ import annotations


def ps(lab, text):
    return lab.run(text, shell="pwsh")


def out(lab, text):
    r = ps(lab, text)
    assert r.exit_code == 0, r.stderr
    return r.stdout.splitlines()


def test_functions_bind_named_positional_switch_and_default_parameters(lab):
    text = """
function Get-Greeting {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)][string]$Name,
        [int]$Times = 2,
        [ValidateSet('Hi', 'Hello')][string]$Word = 'Hi',
        [switch]$Loud
    )
    for ($i = 0; $i -lt $Times; $i++) { "$Word $Name $Loud" }
}
Get-Greeting -Name Ana
Get-Greeting Bo -Times 1 -Loud -Word hello
function Add($a, $b) { return $a + $b }
Add 2 3
"""
    assert out(lab, text) == ["Hi Ana False", "Hi Ana False", "hello Bo True", "5"]


def test_function_errors_are_powershells(lab):
    lab.run("function F { [CmdletBinding()] param([Parameter(Mandatory)][string]$Name) $Name }", shell="pwsh")
    r = ps(lab, "F")
    assert "F: Cannot process command because of one or more missing mandatory parameters: Name." in r.stderr
    r = ps(lab, "F -Name a -Nope 1")
    assert "A parameter cannot be found that matches parameter name 'Nope'." in r.stderr
    r = ps(lab, "function G { param([ValidateSet('a','b')]$X) $X }; G -X c")
    assert "does not belong to the set \"a,b\"" in r.stderr


def test_function_variables_are_local_unless_scoped(lab):
    text = "$x = 1; function F { $x = 5; $script:y = 7; $x }; F; $x; $y; function H { $args.Count }; H a b c"
    assert out(lab, text) == ["5", "1", "7", "3"]


def test_while_do_for_loops_with_break_and_continue(lab):
    text = """
$i = 0; while ($true) { $i++; if ($i -ge 3) { break } }; $i
$j = 0; do { $j += 2 } while ($j -lt 5); $j
$k = 10; do { $k-- } until ($k -le 8); $k
for ($n = 0; $n -lt 5; $n++) { if ($n % 2) { continue }; $n }
"""
    assert out(lab, text) == ["3", "6", "8", "0", "2", "4"]


def test_runaway_loop_stops_with_an_error(lab):
    r = ps(lab, "while ($true) { }")
    assert r.exit_code != 0 and "the lab stopped it" in r.stderr


def test_switch_exact_wildcard_regex_scriptblock_and_default(lab):
    text = """
switch ('b') { 'a' { 'A' } 'B' { 'got B' } default { 'D' } }
switch (7) { 1 { 'one' } default { 'other' } }
switch -Wildcard ('api-v1', 'web-v2') { 'api*' { "api:$_" } '*-v2' { "v2:$_" } }
switch -Regex ('v1.2.3') { '^v(\\d+)' { 'semver' } }
switch (5) { { $_ -gt 3 } { 'big'; break } { $_ -gt 1 } { 'never' } }
$r = switch ('x') { 'x' { 'assigned' } }; $r
"""
    assert out(lab, text) == ["got B", "other", "api:api-v1", "v2:web-v2", "semver", "big", "assigned"]


def test_try_catch_finally_and_error_actions(lab):
    lab.run("az group create -n rg-containers -l brazilsouth -o none")
    text = """
try { throw 'boom' } catch { "caught: $_"; $_.Exception.Message } finally { 'cleanup' }
try { Get-AzContainerRegistry -ResourceGroupName rg-containers -Name nope -ErrorAction Stop; 'not here' }
catch [System.Exception] { 'stopped: ' + $_.Exception.Message.Substring(0, 12) }
try { Get-AzContainerRegistry -ResourceGroupName rg-containers -Name nope; 'went on' } catch { 'not caught' }
$ErrorActionPreference = 'SilentlyContinue'
Get-AzContainerRegistry -ResourceGroupName rg-containers -Name nope
'quiet'
$ErrorActionPreference = 'Stop'
try { Get-AzContainerRegistry -ResourceGroupName rg-containers -Name nope; 'no' } catch { 'pref stop caught' }
"""
    r = ps(lab, text)
    lines = r.stdout.splitlines()
    assert lines[:3] == ["caught: boom", "boom", "cleanup"]
    assert lines[3].startswith("stopped: ")
    assert lines[4:] == ["went on", "quiet", "pref stop caught"]
    assert r.stderr.count("was not found") == 1  # only the uncaught, not-silenced one is shown


def test_uncaught_throw_ends_the_script(lab):
    r = ps(lab, "'before'; throw 'fatal'; 'after'")
    assert r.stdout.splitlines() == ["before"] and "fatal" in r.stderr and r.exit_code == 1


def test_here_strings_pscustomobject_get_member_and_start_sleep(lab):
    text = """
$name = 'acr'
@"
registry: $name
"@
@'
literal $name
'@
$o = [PSCustomObject]@{ Name = 'web'; Replicas = 3 }
$o | Get-Member -MemberType NoteProperty | ForEach-Object { $_.Definition }
$before = Get-Date
Start-Sleep -Seconds 90
((Get-Date) - $before).TotalSeconds
"""
    lines = out(lab, text)
    assert lines[:4] == ["registry: acr", "literal $name", "string Name=web", "int Replicas=3"]
    assert lines[4] == "90"


def test_get_member_shows_the_type_name_header(lab):
    r = ps(lab, "'abc' | Get-Member -Name Length")
    assert "   TypeName: System.String" in r.stdout
    assert "Length Property   int Length {get;}" in r.stdout
