"""PowerShell's web cmdlets over the lab's web: Invoke-RestMethod (objects from JSON), Invoke-WebRequest
(StatusCode, Content, -OutFile), -Authentication Bearer -Token, -InFile, form bodies; Invoke-AzRestMethod
(-Path, -Uri, -Method, -Payload; StatusCode and Content whatever the status).

Sources: MicrosoftDocs/PowerShell-Docs reference/7.4/Microsoft.PowerShell.Utility/Invoke-RestMethod.md and
Invoke-WebRequest.md (parameters, dictionary bodies as forms, -Authentication Bearer with a SecureString -Token,
-SkipHttpErrorCheck, -StatusCodeVariable); MicrosoftDocs/azure-docs-powershell azps-16.2.0/Az.Accounts/
Invoke-AzRestMethod.md (parameter sets ByPath/ByParameters/ByURI, the PSHttpResponse output).
"""

from __future__ import annotations

SETUP = """az group create -n rg -l eastus -o none
az acr create -n pwshweb -g rg --sku Basic --admin-enabled true -o none
az acr import -n pwshweb --source mcr.microsoft.com/hello-world:latest -t hello:v1 -o none"""
TEMPLATE = "https://raw.githubusercontent.com/Azure/acr/master/docs/tasks/run-as-deployment/quickdockerbuild/" \
           "azuredeploy.json"


def ps(lab, text):
    return lab.run(text, shell="pwsh")


def test_invoke_rest_method_returns_objects_and_the_registry_token_flow_works(lab):
    r = ps(lab, f"(Invoke-RestMethod -Uri {TEMPLATE}).contentVersion")
    assert (r.exit_code, r.stdout.strip()) == (0, "1.0.0.0")
    r = ps(lab, """$ls = 'pwshweb.azurecr.io'
$aad = (Get-AzAccessToken).Token | ConvertFrom-SecureString -AsPlainText
$refresh = (irm -Method Post -Uri "https://$ls/oauth2/exchange" -Body @{grant_type='access_token'; service=$ls; access_token=$aad}).refresh_token
$access = (irm -Method Post -Uri "https://$ls/oauth2/token" -Body @{grant_type='refresh_token'; service=$ls; scope='repository:hello:pull'; refresh_token=$refresh}).access_token
$t = ConvertTo-SecureString $access -AsPlainText -Force
(Invoke-RestMethod -Uri "https://$ls/v2/hello/tags/list" -Authentication Bearer -Token $t).tags""")
    assert (r.exit_code, r.stdout.split()) == (0, ["v1"]), r.stderr


def test_http_errors_status_variables_and_unknown_hosts(lab):
    r = ps(lab, "Invoke-RestMethod -Uri https://pwshweb.azurecr.io/v2/_catalog")
    assert r.exit_code != 0 or r.stderr
    assert r.stderr.startswith('Invoke-RestMethod: {"errors":[{"code":"UNAUTHORIZED"'), r.stderr
    r = ps(lab, "$x = Invoke-RestMethod -Uri https://pwshweb.azurecr.io/v2/ -SkipHttpErrorCheck -StatusCodeVariable sc"
                "\n$sc\n$x.errors[0].code")
    assert r.stdout.split() == ["401", "UNAUTHORIZED"], r.stderr
    r = ps(lab, "try { Invoke-WebRequest -Uri https://nowhere.example/ } catch { 'caught: ' + $_ }")
    assert r.stdout.strip() == "caught: Name or service not known (nowhere.example:443)"


def test_invoke_web_request_basic_auth_and_out_file(lab):
    r = ps(lab, f"$r = Invoke-WebRequest -Uri {TEMPLATE}\n$r.StatusCode\n$r.Headers['Content-Type']")
    assert r.stdout.split() == ["200", "application/json"], r.stderr
    r = ps(lab, f"Invoke-WebRequest -Uri {TEMPLATE} -OutFile t.json\n(Get-Content t.json -Raw | ConvertFrom-Json)"
                ".contentVersion")
    assert r.stdout.strip() == "1.0.0.0", r.stderr
    password = lab.run("az acr credential show -n pwshweb --query 'passwords[0].value' -o tsv").stdout.strip()
    r = ps(lab, f"$c = New-Object PSCredential('pwshweb', (ConvertTo-SecureString '{password}' -AsPlainText -Force))\n"
                "(Invoke-RestMethod https://pwshweb.azurecr.io/v2/_catalog -Authentication Basic -Credential $c)"
                ".repositories")
    assert r.stdout.split() == ["hello"], r.stderr
    r = ps(lab, "Invoke-RestMethod https://pwshweb.azurecr.io/v2/ -Token (ConvertTo-SecureString x -AsPlainText "
                "-Force)")
    assert "Authentication" in r.stderr


def test_in_file_uploads_bytes(lab, monkeypatch):
    from acrlab.engine import public_web, web
    seen = []
    monkeypatch.setattr(public_web, "handle", lambda cloud, req: seen.append(req) or web.respond(201))
    lab.write_file("ctx.bin", "abc\u00e9")
    r = ps(lab, f"Invoke-RestMethod -Method Put -InFile ctx.bin -Uri '{TEMPLATE}?sig=1' -ContentType "
                "application/octet-stream")
    assert r.exit_code == 0, r.stderr
    assert (seen[-1].method, seen[-1].body, seen[-1].headers["Content-Type"]) == \
        ("PUT", "abc\u00e9".encode(), "application/octet-stream")
    r = ps(lab, f"Invoke-RestMethod -Method Put -InFile nothing.bin -Uri {TEMPLATE}")
    assert "Could not find file" in r.stderr


def test_invoke_az_rest_method_by_path_uri_and_parameters(lab):
    r = ps(lab, """$id = (Get-AzContainerRegistry -ResourceGroupName rg -Name pwshweb).Id
$r = Invoke-AzRestMethod -Path "$($id)?api-version=2025-04-01"
$r.StatusCode; ($r.Content | ConvertFrom-Json).sku.name
$bad = Invoke-AzRestMethod -Uri "https://management.azure.com$($id)" -Method GET
$bad.StatusCode; ($bad.Content | ConvertFrom-Json).error.code
$p = Invoke-AzRestMethod -ResourceGroupName rg -ResourceProviderName Microsoft.ContainerRegistry -ResourceType registries -Name pwshweb -ApiVersion 2025-04-01 -Method PATCH -Payload '{"tags":{"env":"dev"}}'
$p.StatusCode""")
    assert r.stdout.split() == ["200", "Basic", "400", "MissingApiVersionParameter", "200"], r.stderr
    assert lab.run("az acr show -n pwshweb --query tags.env -o tsv").stdout.strip() == "dev"
