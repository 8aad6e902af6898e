"""The PowerShell subset: variables, property access, pipelines, strings, control flow, formatting."""

from __future__ import annotations


def ps(lab, text):
    return lab.run(text, shell="pwsh")


def test_variables_interpolation_and_quotes(lab):
    r = ps(lab, "$name = 'acr'; $h = @{ Count = 3 }\n\"x $name y $($h.Count + 1) '$name'\"; 'no $name'")
    assert r.exit_code == 0, r.stderr
    assert r.stdout == "x acr y 4 'acr'\nno $name\n"


def test_property_access_is_case_insensitive_and_nested(lab):
    r = ps(lab, "$o = [pscustomobject]@{ Inner = [pscustomobject]@{ Value = 'deep' }; List = @(10, 20, 30) }\n"
                "$o.inner.VALUE; $o.List[1]; $o.List[-1]; $o.List.Count; $o.Missing -eq $null")
    assert r.stdout.split() == ["deep", "20", "30", "3", "True"]


def test_hashtable_newlines_semicolons_and_splatting(lab, rg):
    r = ps(lab, "$p = @{\n  Name = 'splatacr'\n  ResourceGroupName = 'rg-containers'; Location = 'brazilsouth'\n"
                "  Sku = 'Basic'\n}\n$r = New-AzContainerRegistry @p\n$r.LoginServer")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.strip() == "splatacr.azurecr.io"


def test_where_select_sort_foreach(lab):
    r = ps(lab, "$items = @([pscustomobject]@{Name='b'; N=2}, [pscustomobject]@{Name='a'; N=1}, "
                "[pscustomobject]@{Name='c'; N=3})\n"
                "$items | Where-Object { $_.N -ge 2 } | Sort-Object Name -Descending | ForEach-Object { $_.Name }\n"
                "$items | Where-Object Name -eq 'a' | Select-Object -ExpandProperty N\n"
                "($items | Sort-Object N | Select-Object -First 1).Name\n"
                "($items | Measure-Object -Property N -Sum).Sum")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.split() == ["c", "b", "1", "a", "6"]


def test_select_object_table_and_list_rule(lab):
    r = ps(lab, "[pscustomobject]@{A=1; B='x'} | Select-Object A, B")
    assert r.stdout == "\nA B\n- -\n1 x\n\n"
    r = ps(lab, "[pscustomobject]@{A=1; B=2; C=3; D=4; E=5}")
    assert r.stdout == "\nA : 1\nB : 2\nC : 3\nD : 4\nE : 5\n\n"


def test_if_else_foreach_and_operators(lab):
    r = ps(lab, "$n = 0\nforeach ($x in 1..4) { if ($x % 2 -eq 0) { $n += $x } else { Write-Output \"odd $x\" } }\n"
                "$n\n'Premium' -like 'prem*'; 'abc' -match 'B'; @(1,2,3) -contains 2; 2 -in 1,3; -not $true; !$false")
    assert r.stdout.split("\n")[:9] == ["odd 1", "odd 3", "6", "True", "True", "True", "False", "False", "True"]


def test_backtick_continuation_comments_and_switch_colon(lab):
    r = ps(lab, "<# block\ncomment #>\nWrite-Output `\n  'one' # trailing\nWrite-Host 'a' 'b' -Separator ','")
    assert r.stdout == "one\na,b\n"


def test_convertto_json_and_out_string(lab):
    r = ps(lab, "@{ Name = 'x'; On = $true } | ConvertTo-Json -Compress")
    assert r.stdout.strip() == '{"Name":"x","On":true}'
    r = ps(lab, "$s = [pscustomobject]@{A=1} | Out-String; $s.GetType().Name")
    assert r.stdout.strip() == "String"


def test_pwsh_mode_and_exit_from_bash(lab):
    assert lab.run("pwsh").exit_code == 0
    assert lab.session.mode == "pwsh"
    r = lab.run("$x = 40 + 2; $x")
    assert r.stdout.strip() == "42"
    lab.run("exit")
    assert lab.session.mode == "bash"
    r = lab.run("pwsh -Command \"Write-Output ('a' + 'b')\"")
    assert r.stdout.strip() == "ab"


def test_native_az_inside_pwsh(lab, rg):
    r = ps(lab, "$groups = az group list -o json | ConvertFrom-Json\n$groups[0].name; $LASTEXITCODE")
    assert r.stdout.split() == ["rg-containers", "0"]
