"""What the conformance suite deliberately does not run, with the reason (read by acrlab/coverage_conformance.py for
the tally in docs/coverage.md; literal strings only). Anything upstream that is neither run nor listed here counts
as *missing*: work still to do, never a silent gap.

SCENARIO_SKIPS: azure-cli ACR scenario tests (Azure/azure-cli
src/azure-cli/azure/cli/command_modules/acr/tests/latest/<file>), keyed "<file>::<test>".
DOCS_SKIPS: container-registry docs pages (MicrosoftDocs/azure-management-docs articles/container-registry/<page>.md)
with command blocks, keyed by page."""

from __future__ import annotations

OUTSIDE_AZ104 = "outside AZ-104 scope"

SCENARIO_SKIPS: dict[str, str] = {
}

NEEDS_HARDWARE = "needs hardware or software outside Azure that the lab does not simulate"

DOCS_SKIPS: dict[str, str] = {
    "authenticate-aks-cross-tenant":
        "its one block is a consent URL opened in a browser signed in to a second Microsoft Entra tenant; the lab "
        "simulates one tenant",
    "includes/azure-container-registry":
        "vulnerability findings come from Defender for Cloud scanning image contents against CVE feeds (the lab's "
        "images carry no packages to scan), queried with KQL through Azure Resource Graph (az graph extension, "
        "Search-AzGraph), which the lab does not simulate",
    "container-registry-java-quickstart": "builds with Maven and Jib on a local JDK; " + NEEDS_HARDWARE,
    "quickstart-client-libraries": "code in the .NET/Python/Java/Go client libraries, not shell commands",
    "container-registry-tutorial-github-sign-notation-artifact-signing":
        "a GitHub Actions workflow (runs on GitHub's runners, not in a shell)",
    "container-registry-tutorial-github-verify-notation-artifact-signing":
        "a GitHub Actions workflow (runs on GitHub's runners, not in a shell)",
    "container-registry-tutorial-verify-with-ratify-aks":
        "Ratify and Gatekeeper installed into AKS with Helm charts; " + OUTSIDE_AZ104,
}
