"""`terraform`: not simulated. The lab runs Azure's own front ends (az, Az PowerShell, Bicep/ARM templates); Terraform
is HashiCorp's client with its own state and providers, so typing it explains that and names the lab's way to do the
same thing, instead of a bare "command not found" (MicrosoftDocs/azure-management-docs articles/container-registry/
container-registry-get-started-terraform.md creates its registry with `terraform init|plan|apply`)."""

from __future__ import annotations

from ..session import IO, Session

PROGRAMS: dict = {}
EXPLANATION = ("bash: terraform: command not found\n"
               "Terraform is not simulated in this lab (its azurerm provider sends the same Azure Resource Manager "
               "requests). Create the resources with az (az group create, az acr create), a Bicep or ARM template "
               "(az deployment group create) or Az PowerShell (New-AzContainerRegistry).")


def terraform(sh: Session, argv: list[str], io: IO) -> int:
    io.err(EXPLANATION)
    return 127


PROGRAMS["terraform"] = terraform
