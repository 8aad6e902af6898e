"""Workload identity federation on user-assigned identities (GitHub Actions without a stored secret)."""

from __future__ import annotations

GH = "https://token.actions.githubusercontent.com"


def test_create_list_show_delete(cli, lab, rg):
    cli("az identity create -n id-github -g rg-containers -o none")
    cli(f"az identity federated-credential create --name github-main --identity-name id-github -g rg-containers "
        f"--issuer {GH} --subject repo:contoso/app:ref:refs/heads/main",
        checks={"audiences": ["api://AzureADTokenExchange"], "issuer": GH, "name": "github-main",
                "type": "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials"})
    cli("az identity federated-credential list --identity-name id-github -g rg-containers",
        checks={"[0].subject": "repo:contoso/app:ref:refs/heads/main", "length(@)": 1})
    r = lab.run(f"az identity federated-credential create -n dup --identity-name id-github -g rg-containers "
                f"--issuer {GH} --subject repo:contoso/app:ref:refs/heads/main")
    assert r.exit_code == 1 and "same issuer" in r.stderr
    cli("az identity federated-credential update -n github-main --identity-name id-github -g rg-containers "
        "--subject repo:contoso/app:environment:prod", checks={"subject": "repo:contoso/app:environment:prod"})
    cli("az identity federated-credential delete -n github-main --identity-name id-github -g rg-containers --yes")
    r = lab.run("az identity federated-credential show -n github-main --identity-name id-github -g rg-containers")
    assert r.exit_code == 3 and "ResourceNotFound" in r.stderr


def test_missing_identity(lab, rg):
    r = lab.run(f"az identity federated-credential create -n x --identity-name nope -g rg-containers --issuer {GH} "
                "--subject s")
    assert r.exit_code == 3
