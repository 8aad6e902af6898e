"""Script blocks and functions as PowerShell runs them: begin/process/end, pipeline-bound parameters, filters,
`&` and `.` on blocks, .Invoke(), Invoke-Command and ForEach-Object -Parallel with $using:."""

from __future__ import annotations


def ps(lab, text):
    return lab.run(text, shell="pwsh")


def test_begin_process_end_run_once_per_object(lab):
    r = ps(lab, "function Sum-It { begin { $n = 0; 'begin' } process { $n += $_ } end { \"total $n\" } }\n"
                "1..4 | Sum-It\nSum-It")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.split("\n")[:-1] == ["begin", "total 10", "begin", "total 0"]


def test_pipeline_parameters_bind_by_value_and_by_property_name(lab, rg):
    r = ps(lab, "New-AzContainerRegistry -ResourceGroupName rg-containers -Name acrpipe1 -Sku Basic -Location brazilsouth | Out-Null\n"
                "function Show-Name { param([Parameter(Mandatory, ValueFromPipelineByPropertyName)][string]$Name)\n"
                "  process { \"name=$Name\" } }\n"
                "function Show-Item { [CmdletBinding()] param([Parameter(ValueFromPipeline)][int]$Item)\n"
                "  process { $Item * 10 } }\n"
                "Get-AzContainerRegistry -ResourceGroupName rg-containers | Show-Name\n1, 2 | Show-Item")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.split() == ["name=acrpipe1", "10", "20"]


def test_return_leaves_only_the_current_process_call(lab):
    r = ps(lab, "function Skip-Two { process { if ($_ -eq 2) { return }; \"v$_\" } }\n1..3 | Skip-Two")
    assert r.stdout.split() == ["v1", "v3"]


def test_filter_and_script_block_invocation(lab):
    r = ps(lab, "filter Double { $_ * 2 }\n1, 2 | Double\n$sb = { param($a, $b) $a + $b }\n& $sb 3 4\n"
                "$sb.Invoke(5, 6)\n1, 2 | & { process { \"p$_\" } }\n"
                "Invoke-Command -ScriptBlock { param($n) \"hi $n\" } -ArgumentList lab\n"
                ". { $dotted = 'kept' }\n& { $scoped = 'gone' }\n$dotted; \"[$scoped]\"")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.split() == ["2", "4", "7", "11", "p1", "p2", "hi", "lab", "kept", "[]"]


def test_named_blocks_must_stand_alone(lab):
    r = ps(lab, "function Bad { begin { 1 } 'stray' }")
    assert r.exit_code == 1 and "Unexpected token ''stray''" in r.stderr
    r = ps(lab, "function Dyn { dynamicparam { } end { } }")
    assert r.exit_code == 1 and "not supported" in r.stderr


def test_foreach_object_parallel_uses_its_own_runspace(lab):
    r = ps(lab, "$tag = 'v1'\n1..3 | ForEach-Object -Parallel { \"$using:tag-$_ [$tag]\" } -ThrottleLimit 2")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.split("\n")[:-1] == ["v1-1 []", "v1-2 []", "v1-3 []"]
    r = ps(lab, "1..2 | ForEach-Object -Parallel { $_ } -AsJob")
    assert r.exit_code == 1 and "-AsJob is not supported by the lab" in r.stderr
    r = ps(lab, "\"$using:tag\"")
    assert r.exit_code == 1 and "A Using variable cannot be retrieved" in r.stderr


def test_remoting_is_refused_clearly(lab):
    r = ps(lab, "Invoke-Command -ComputerName srv1 -ScriptBlock { hostname }")
    assert r.exit_code == 1 and "remoting" in r.stderr
