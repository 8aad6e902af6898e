"""What an HTTP request through the lab's web router costs, as learners send them (curl, az rest, PowerShell).

Times, through `Lab.run` as typed: `curl` of a public-web file, the ACR token flow (exchange + token), a manifest
GET and a tags list with a bearer token, `az rest` GET of a registry, `Invoke-RestMethod` of the tags list; and
the same registry GET as a bare `web.request()` call, to show what the router itself costs. Then a script that
lists the tags of N repositories over HTTP (one request per repository). Medians in milliseconds.

    python benchmarks/web_requests.py
    python benchmarks/web_requests.py --repositories 200
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from acrlab import Lab  # noqa: E402
from acrlab.engine import web  # noqa: E402
from acrlab.shell import web_client  # noqa: E402
from benchmarks.arm_requests import median_ms  # noqa: E402

LS = "benchreg.azurecr.io"
TEMPLATE = "https://raw.githubusercontent.com/Azure/acr/master/docs/tasks/run-as-deployment/quickdockerbuild/" \
           "azuredeploy.json"


def run_ok(lab: Lab, text: str, shell: str = "bash") -> str:
    r = lab.run(text, shell=shell)
    if r.exit_code != 0:
        raise SystemExit(f"{text!r} failed: {r.stderr}")
    return r.stdout


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repositories", type=int, default=50)
    args = parser.parse_args()
    lab = Lab(seed=0)
    run_ok(lab, "az group create -n rg -l eastus -o none\naz acr create -n benchreg -g rg --sku Premium -o none\n"
                "az acr import -n benchreg --source mcr.microsoft.com/hello-world:latest -t hello:v1 -o none")
    flow = (f"TOKEN=$(az account get-access-token --query accessToken -o tsv)\n"
            f"R=$(curl -s -X POST -d \"grant_type=access_token&service={LS}&access_token=$TOKEN\" "
            f"https://{LS}/oauth2/exchange | jq -r .refresh_token)\n"
            f"A=$(curl -s -X POST -d \"grant_type=refresh_token&service={LS}&scope=repository:hello:pull"
            f"&scope=registry:catalog:*&refresh_token=$R\" https://{LS}/oauth2/token | jq -r .access_token)")
    figures = {
        "curl public-web file": median_ms(lambda: run_ok(lab, f"curl -s -o /dev/null {TEMPLATE}")),
        "token flow (exchange + token)": median_ms(lambda: run_ok(lab, flow)),
    }
    run_ok(lab, flow)
    token = run_ok(lab, "echo $A").strip()
    figures["curl manifest GET (bearer)"] = median_ms(lambda: run_ok(
        lab, f'curl -s -o /dev/null -H "Authorization: Bearer $A" https://{LS}/v2/hello/manifests/v1'))
    figures["curl tags list (bearer)"] = median_ms(lambda: run_ok(
        lab, f'curl -s -H "Authorization: Bearer $A" https://{LS}/v2/hello/tags/list'))
    rid = run_ok(lab, "az acr show -n benchreg --query id -o tsv").strip()
    figures["az rest GET registry"] = median_ms(lambda: run_ok(lab, f'az rest -u "{rid}?api-version=2025-04-01" -o none'))
    lab.run(f"$t = ConvertTo-SecureString '{token}' -AsPlainText -Force", shell="pwsh")
    figures["Invoke-RestMethod tags list"] = median_ms(lambda: run_ok(
        lab, f"Invoke-RestMethod https://{LS}/v2/hello/tags/list -Authentication Bearer -Token $t | Out-Null",
        shell="pwsh"))
    headers = {"Authorization": f"Bearer {token}"}
    figures["web.request manifest GET (no shell)"] = median_ms(lambda: web_client.send(
        lab.session, "GET", f"https://{LS}/v2/hello/manifests/v1", headers), reps=200)
    for n in range(args.repositories):
        lab.run(f"az acr import -n benchreg --source mcr.microsoft.com/hello-world:latest -t r{n}:v1 -o none")
    scope = "&".join(f"scope=repository:r{n}:pull" for n in range(args.repositories))
    many = run_ok(lab, f"curl -s -X POST -d \"grant_type=refresh_token&service={LS}&{scope}&refresh_token=$R\" "
                       f"https://{LS}/oauth2/token | jq -r .access_token").strip()
    loop = (f"for n in $(seq 0 {args.repositories - 1}); do curl -s -H \"Authorization: Bearer {many}\" "
            f"https://{LS}/v2/r$n/tags/list > /dev/null; done")
    figures[f"bash loop: tags of {args.repositories} repositories"] = median_ms(lambda: run_ok(lab, loop), reps=3)
    assert web.request  # the router under test
    width = max(len(k) for k in figures)
    for name, ms in figures.items():
        print(f"{name.ljust(width)}  {ms:9.2f} ms")


if __name__ == "__main__":
    main()
