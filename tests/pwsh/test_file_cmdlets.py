"""Microsoft.PowerShell.Management file cmdlets over the lab host's files (templates and JSON round trips)."""

from __future__ import annotations


def test_content_round_trip_and_paths(lab):
    r = lab.run("'{\"a\": 1, \"b\": [1, 2]}' | Set-Content x.json\n"
                "(Get-Content x.json -Raw | ConvertFrom-Json).b.Count\n"
                "(Get-Content x.json -Raw | ConvertFrom-Json -AsHashtable).GetType().FullName\n"
                "Test-Path x.json; Test-Path nope.json\n"
                "'one', 'two' | Out-File out.txt; Add-Content out.txt 'three'; (Get-Content out.txt).Count\n"
                "Get-Content out.txt -Tail 1\nRemove-Item out.txt; Test-Path out.txt", shell="pwsh")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.split() == ["2", "System.Collections.Hashtable", "True", "False", "3", "three", "False"]


def test_missing_file_is_an_item_not_found_error(lab):
    r = lab.run("try { Get-Content nope.json -ErrorAction Stop } catch [System.Management.Automation."
                "ItemNotFoundException] { 'not found' }", shell="pwsh")
    assert r.stdout == "not found\n"
