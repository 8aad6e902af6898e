"""Every input issue 12 found escaping Lab.run (a traceback in `acrlab run`, a dead `acrlab shell`) now gets the
real shell's answer or a clear refusal, and an exit code in 0-255."""

import pytest

from acrlab import Lab
from acrlab.engine.budget import Limits

BIG = "9" * 4301


@pytest.fixture(scope="module")
def lab():
    return Lab()


def run(lab, text, shell="bash"):
    lab.session = lab.new_session()
    r = lab.run(text, shell=shell)
    assert 0 <= r.exit_code <= 255
    assert "internal error in the simulator" not in r.stdout + r.stderr, r.stderr
    return r


# -- bash: values checked against GNU bash 5.2 ------------------------------------------------------------
@pytest.mark.parametrize("text,code,stdout,stderr", [
    ("while break; do echo x; done; echo $?", 0, "0\n", ""),          # break in the condition ends the loop
    ("for i in 1 2; do while break 2; do :; done; echo no; done; echo ok", 0, "ok\n", ""),
    ("echo [e-a]", 0, "[e-a]\n", ""),                                   # a reversed range matches no file
    ("touch b e; echo [e-a] [a-e]", 0, "[e-a] b e\n", ""),             # ... also when files are there to match
    # unbounded recursion: bash's own refusal when FUNCNEST=64 (bash without FUNCNEST would crash)
    ("f() { f; }; f; echo $?", 0, "1\n", "bash: f: maximum function nesting level exceeded (64)\n"),
    ("exit 300", 44, "", ""),
    ("exit -1", 255, "", ""),
    ("exit abc", 2, "", "bash: exit: abc: numeric argument required\n"),
    ("f() { return 300; }; f; echo $?", 0, "44\n", ""),
    ("echo $((9223372036854775807 + 1))", 0, "-9223372036854775808\n", ""),
    ("printf '%d\\n' 99999999999999999999", 1, "9223372036854775807\n",
     "bash: printf: 99999999999999999999: Numerical result out of range\n"),
    ("printf '%d\\n' 08", 1, "0\n", "bash: printf: 08: invalid number\n"),
    (f"test {BIG} -gt 1", 2, "", f"bash: test: {BIG}: integer expression expected\n"),
    (f"shift {BIG}", 1, "", f"bash: shift: {BIG}: numeric argument required\n"),
    ("sleep -5", 1, "", "sleep: invalid time interval '-5'\nTry 'sleep --help' for more information.\n"),
])
def test_bash_answers_as_bash_does(lab, text, code, stdout, stderr):
    r = run(lab, text)
    assert (r.exit_code, r.stdout, r.stderr) == (code, stdout, stderr)


@pytest.mark.parametrize("text", [
    "echo " + "${x:-" * 1000 + "1" + "}" * 1000,
    "echo $((" + "(" * 1000 + "1" + ")" * 1000 + "))",
    "(" * 1000 + "echo hi" + ")" * 1000,
])
def test_a_thousand_levels_of_nesting_are_refused_clearly(lab, text):
    r = run(lab, text)
    assert r.exit_code == 2 and r.stderr == "bash: the command is nested too deeply for the lab (more than 200 levels)\n"


def test_moderate_nesting_still_works(lab):
    assert run(lab, "echo " + "${x:-" * 50 + "deep" + "}" * 50).stdout == "deep\n"
    assert run(lab, "echo $((" + "(" * 50 + "6*7" + ")" * 50 + "))").stdout == "42\n"


def test_huge_numbers_get_the_tools_answers(lab):
    r = run(lab, f"echo $(( {BIG} ))")
    assert r.exit_code == 0 and r.stdout.strip().lstrip("-").isdigit()  # bash keeps the low 64 bits
    assert run(lab, f"echo x > a.txt; head -n {BIG} a.txt").stdout == "x\n"  # GNU head takes any count
    r = run(lab, f"sleep {BIG}")
    assert r.exit_code == 1 and "the simulated clock ends in the year 9999" in r.stderr


def test_lab_advance_past_the_clock_is_refused_and_the_clock_stays(lab):
    before = lab.now
    r = run(lab, "lab advance 9999999d")
    assert r.exit_code == 2 and r.stderr.startswith("lab advance: duration '9999999d' is too long")
    assert lab.now == before


def test_security_pricing_after_a_long_advance(lab):
    run(lab, "az security pricing create -n Containers --tier standard -o none")
    assert run(lab, "lab advance 3650d").exit_code == 0
    r = run(lab, "az security pricing show -n Containers --query freeTrialRemainingTime -o tsv")
    assert r.exit_code == 0 and r.stdout == "0:00:00\n"


# -- PowerShell: values checked against PowerShell 7.4 ------------------------------------------------------
@pytest.mark.parametrize("text,code,stdout,stderr_has", [
    ("1e309", 0, "Infinity\n", ""),
    (BIG, 0, "Infinity\n", ""),                                      # past Decimal, a double: Infinity
    ("1e300 + 0", 0, "1E+300\n", ""),
    (f"[int]{BIG}", 1, "", 'to type "System.Int32". Error: "Value was either too large or too small for an Int32."'),
    ("@{} + (Get-Date)", 1, "", "A hash table can only be added to another hash table."),
    ("Start-Sleep -Seconds -5", 1, "", "The -5 argument is less than the minimum allowed range of 0. Supply an "
                                       "argument that is greater than or equal to 0 and then try the command again."),
    (f"Start-Sleep -Seconds {BIG}", 1, "", "argument is greater than the maximum allowed range of 2147483."),
    ("Start-Sleep -Milliseconds 1e300", 1, "", "Value was either too large or too small for an Int32."),
    ("1,2,3 | Sort-Object -Bottom $_", 1, "", "Cannot bind argument to parameter 'Bottom' because it is null."),
    ("1,2,3 | Sort-Object -Top 0", 1, "", "The 0 argument is less than the minimum allowed range of 1."),
    ("Get-AzContainerRegistryRepository -RegistryName $null", 1, "",
     "Cannot bind argument to parameter 'RegistryName' because it is null."),
    ("Get-AzContainerRegistryReplication -Registry $null", 1, "",  # a mandatory object parameter refuses $null
     "Cannot bind argument to parameter 'Registry' because it is null."),
    ("Get-AzContainerRegistryCredential -Registry $null", 1, "",
     "Cannot bind argument to parameter 'Registry' because it is null."),
    ("ConvertTo-Json -InputObject $null", 0, "null\n", ""),              # ... unless it is [AllowNull()]
    ("$null | Get-AzContainerRegistry", 1, "",                          # ... also from the pipeline (fuzz found it)
     "Cannot bind argument to parameter 'InputObject' because it is null."),
    ("exit 300", 44, "", ""),
    ("exit -1", 255, "", ""),
    ("@(1,2)[1e309]", 0, "", ""),
    ("(1e309) / 010", 0, "Infinity\n", ""),                           # a double: never turned into an integer
    ("1e309 / 1e309", 0, "NaN\n", ""),
    ("@{a=1}[@{}]", 0, "", ""),
])
def test_powershell_answers_as_powershell_does(lab, text, code, stdout, stderr_has):
    r = run(lab, text, shell="pwsh")
    assert r.exit_code == code and r.stdout == stdout and stderr_has in r.stderr, r


def test_powershell_deep_nesting_and_recursion():
    lab = Lab(limits=Limits(seconds=5))
    r = run(lab, "$(" * 1000 + "1" + ")" * 1000, shell="pwsh")
    assert r.exit_code == 1 and "call depth overflow" in r.stderr
    assert run(lab, "$(" * 60 + "1" + ")" * 60, shell="pwsh").stdout == "1\n"  # was 2^n: seconds at 14 levels
    r = run(lab, "function f { f }; f", shell="pwsh")
    assert r.exit_code == 1 and "The script failed due to call depth overflow." in r.stderr
