"""PowerShell's three kinds of errors: Az cmdlet errors are non-terminating (try/catch needs -ErrorAction Stop or
$ErrorActionPreference = 'Stop'), binding errors and .NET exceptions terminate the statement (a try catches them),
throw ends the script; -ErrorVariable and -OutVariable capture what a command wrote."""

from __future__ import annotations

MISSING = "Get-AzContainerRegistry -ResourceGroupName rg-containers -Name acrmissing1"


def ps(lab, text):
    return lab.run(text, shell="pwsh")


def test_az_errors_are_not_caught_without_stop(lab, rg):
    r = ps(lab, f"try {{ {MISSING}; 'continued' }} catch {{ 'caught' }}")
    assert r.stdout == "continued\n"
    assert "was not found" in r.stderr
    r = ps(lab, f"try {{ {MISSING} -ErrorAction Stop; 'continued' }} catch {{ 'caught' }} finally {{ 'finally' }}")
    assert r.stdout == "caught\nfinally\n" and r.stderr == ""
    r = ps(lab, f"$ErrorActionPreference = 'Stop'\ntry {{ {MISSING}; 'continued' }} catch {{ \"caught: $($_.Exception.Message)\" }}")
    assert r.stdout.startswith("caught: The Resource 'Microsoft.ContainerRegistry/registries/acrmissing1'")


def test_statement_terminating_errors_reach_catch(lab):
    r = ps(lab, "try { Get-AzContainerRegistry -NoSuchParameter x; 'continued' } catch { \"caught: $_\" }")
    assert r.stdout == "caught: A parameter cannot be found that matches parameter name 'NoSuchParameter'.\n"
    r = ps(lab, "$zero = 0\ntry { 1 / $zero } catch [System.DivideByZeroException] { 'divide' }")
    assert r.stdout == "divide\n"
    r = ps(lab, "function Inner { $null.Missing(); 'not reached' }\ntry { Inner } catch { 'from the function' }")
    assert r.stdout == "from the function\n"


def test_statement_terminating_errors_outside_try_continue_the_script(lab):
    r = ps(lab, "foreach ($i in 1, 2) { Get-AzContainerRegistry -Bad x; \"after $i\" }")
    assert r.stdout == "after 1\nafter 2\n"
    assert r.stderr.count("A parameter cannot be found") == 2 and r.exit_code == 0


def test_error_and_out_variables(lab, rg):
    r = ps(lab, f"{MISSING} -ErrorAction SilentlyContinue -ErrorVariable ev\n"
                "\"count $($ev.Count)\"; $ev[0].Exception.Message.Substring(0, 12)\n"
                f"{MISSING} -ErrorAction SilentlyContinue -ErrorVariable +ev\n\"count $($ev.Count)\"\n"
                "Write-Output 'a', 'b' -OutVariable got | Out-Null\n$got -join ','")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.split("\n")[:-1] == ["count 1", "The Resource", "count 2", "a,b"]


def test_unsupported_statements_are_refused_clearly(lab):
    r = ps(lab, "trap { 'x'; continue }\nthrow 'y'")
    assert r.exit_code == 1 and "use try { } catch { } instead" in r.stderr
    r = ps(lab, "class Foo { }")
    assert "classes are not supported" in r.stderr
