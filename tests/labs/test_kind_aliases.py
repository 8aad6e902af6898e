"""A teacher may name a submission's kind by its extension or language (ps1, powershell, sh)."""

from __future__ import annotations

import pytest

from acrlab.labs import grade
from acrlab.labs.submission import SubmissionError, parse_submission


@pytest.mark.parametrize("alias,kind", [("ps1", "pwsh"), ("powershell", "pwsh"), ("sh", "bash"), ("pwsh", "pwsh")])
def test_aliases(alias, kind):
    assert parse_submission("Get-AzContext", kind=alias).kind == kind


def test_unknown_kind_is_a_clear_error():
    with pytest.raises(SubmissionError, match="unknown submission kind"):
        parse_submission("x", kind="cobol")


def test_ps1_alias_grades_powershell():
    text = "New-AzResourceGroup -Name rg-containers -Location brazilsouth | Out-Null"
    assert grade("create-registry", text, kind="ps1").to_dict() == grade("create-registry", text, kind="pwsh").to_dict()
