"""The connected registry pages, in a fresh lab: their Azure-side blocks run; what runs on the on-premises device
(IoT Edge, an Arc-enabled Kubernetes cluster: kubectl, the k8s-extension commands, docker against the device's
address) is skipped with the reason, since the lab simulates no such device.

Sources: MicrosoftDocs/azure-management-docs articles/container-registry/quickstart-create-connected-registry.md,
pull-images-from-connected-registry.md, quickstart-connected-registry-arc-cli.md, tutorial-connected-registry-arc.md
and troubleshoot-connected-registry-arc.md. Several blocks put a space after a line-continuation backslash (`\\ `):
as printed, bash escapes the space and ends the command at the line break, and the lab answers as bash does; the
tests then run the block retyped without those spaces."""

from __future__ import annotations

from .docs import Page

ON_DEVICE = "runs on the on-premises device that hosts the connected registry"
ARC = ("deploys onto or reads an Arc-enabled Kubernetes cluster (connectedClusters), on-premises hardware the lab "
       "does not simulate")
ARC_EXTENSIONS = ("installs the k8s-extension and connectedk8s az extensions, whose commands manage Arc-enabled "
                  "Kubernetes clusters (on-premises hardware the lab does not simulate)")
CERT = "prepares the TLS certificate of the connected registry's service on the on-premises Arc-enabled cluster"
FRAGMENT = "a fragment of the az k8s-extension create command (extra --config settings), not a command of its own"
LOG_LINE = "the connected registry pod's log line, shown as output"
ONLINE_SAMPLE = ("sample output of the block above, shown as a console block: a connected registry deployed and online on "
                 "the Arc-enabled cluster, which the lab does not simulate (here it stays Offline)")
REG = "conreg01"
SETUP = (f"az group create -n myresourcegroup -l eastus -o none\n"
         f"az acr create -n {REG} -g myresourcegroup --sku Premium -o none")
CREATE = (f"az acr update -n {REG} --data-endpoint-enabled -o none\n"
          f"az acr connected-registry create -r {REG} -n myconnectedregistry --repository hello-world -m ReadWrite "
          f"-o none\naz acr connected-registry create -r {REG} -n myreadonlyacr -p myconnectedregistry --repository "
          "hello-world -m ReadOnly -o none")
RETYPED = {"\\ \n": "\\\n", "\\  \n": "\\\n"}


def _show(lab, name: str) -> dict:
    return lab.run(f"az acr connected-registry show -r {REG} -n {name}").json()


def test_quickstart_create_connected_registry(lab):
    assert lab.run(SETUP).exit_code == 0
    page = Page(lab, "quickstart-create-connected-registry", {"<container-registry-name>": REG})
    page.run(0, contains='"dataEndpointEnabled": true')
    page.run(1, contains="")
    page.run(2)
    assert "acr/connected-registry" in lab.run(f"az acr repository list -n {REG}").json()
    page.subs["<connected-registry-name>"] = "myconnectedregrw"
    r = page.run(3)
    assert r.json()["mode"] == "ReadWrite" and r.json()["connectionState"] == "Offline"
    page.subs["<connected-registry-name>"] = "myconnectedregro"
    r = page.run(4)
    assert r.json()["parent"]["id"].endswith("/connectedRegistries/myconnectedregrw")
    # the parent's sync scope map gained the child's gateway actions (azure-cli's ancestor permissions)
    actions = lab.run(f"az acr scope-map show -r {REG} -n myconnectedregrw --query actions").json()
    assert "gateway/myconnectedregro/message/write" in actions
    r = page.run(5)
    lines = r.stdout.splitlines()  # the page's sample: both Offline, the read-only one under its parent
    assert lines[0].split() == ["NAME", "MODE", "CONNECTION", "STATE", "PARENT", "LOGIN", "SERVER", "LAST", "SYNC",
                                "(UTC)"]
    assert lines[2].split() == ["myconnectedregrw", "ReadWrite", "Offline"]
    assert lines[3].split() == ["myconnectedregro", "ReadOnly", "Offline", "myconnectedregrw"]
    page.subs.update({"myacrregistry": REG, "myconnectedregistry": "myconnectedregrw"})
    page.run(7, exit_code=127, contains="--name: command not found")  # `\ ` at the line ends, as printed
    assert _show(lab, "myconnectedregrw")["parent"]["syncProperties"]["schedule"] == "* * * * *"
    page.subs.update(RETYPED)
    page.run(7)
    sync = _show(lab, "myconnectedregrw")["parent"]["syncProperties"]
    assert (sync["schedule"], sync["syncWindow"]) == ("0 12 * * *", "4:00:00")
    page.run(8)
    sync = _show(lab, "myconnectedregrw")["parent"]["syncProperties"]
    assert (sync["schedule"], sync["syncWindow"]) == ("* * * * *", None)  # continuous: no window
    page.finish()


def test_pull_images_from_connected_registry(lab):
    assert lab.run(SETUP + "\n" + CREATE + "\nCONNECTED_REGISTRY_RW=myconnectedregistry").exit_code == 0
    page = Page(lab, "pull-images-from-connected-registry", {"<container-registry-name>": REG})
    page.run(0, contains='"actions": [\n    "repositories/hello-world/content/read"')
    r = page.run(1, contains="Please store your generated credentials safely.")
    assert r.json()["credentials"]["passwords"][0]["name"] == "password1"
    r = page.run(2)  # --add-client-token: az takes an unambiguous prefix of --add-client-tokens
    assert r.json()["clientTokenIds"] == [f"{lab.run(f'az acr show -n {REG} --query id -o tsv').stdout.strip()}"
                                          "/tokens/myconnectedregistry-client-token"]
    page.skip(3, ON_DEVICE)
    page.skip(4, ON_DEVICE)
    page.finish()


def test_quickstart_connected_registry_arc_cli(lab):
    assert lab.run(SETUP + "\n" + CREATE).exit_code == 0
    page = Page(lab, "quickstart-connected-registry-arc-cli", {"myacrregistry": REG})
    page.skip(0, ARC_EXTENSIONS)
    page.run(1)
    settings = lab.run("cat protected-settings-extension.json").stdout
    assert '"connectionString": "ConnectedRegistryName=myconnectedregistry;SyncTokenName=myconnectedregistry;' \
           'SyncTokenPassword=' in settings
    assert f"ParentGatewayEndpoint={REG}.eastus.data.azurecr.io;ParentEndpointProtocol=https" in settings
    password = settings.split("SyncTokenPassword=")[1].split(";")[0]
    assert lab.run(f"docker login {REG}.azurecr.io -u myconnectedregistry -p {password}").exit_code == 0
    # The PowerShell tab's block is bash (backslash continuations, \" escapes, tr): run in PowerShell it fails
    r = page.run(2, exit_code=1, shell="pwsh")
    assert "settings.json" not in lab.run("ls").stdout, r.output
    page.skip(3, ARC)
    page.skip(4, ARC)
    r = page.run(5)
    assert [line.split()[:3] for line in r.stdout.splitlines()[2:]] == [
        ["myconnectedregistry", "ReadWrite", "Offline"], ["myreadonlyacr", "ReadOnly", "Offline"]]
    page.skip(6, ONLINE_SAMPLE)
    page.run(7, exit_code=127, contains="--output: command not found")  # `\ ` after --name, as printed
    page.subs.update(RETYPED)
    r = page.run(7)
    assert r.stdout.splitlines()[0].split()[-4:] == ["SYNC", "SCHEDULE", "SYNC", "WINDOW"]
    page.skip(8, ONLINE_SAMPLE)
    page.skip(9, ON_DEVICE)
    page.skip(10, ON_DEVICE)
    page.skip(11, ARC)
    page.run(12, exit_code=1, contains="has child connected registries (myreadonlyacr)", answer="y")
    assert lab.run(f"az acr connected-registry delete -r {REG} -n myreadonlyacr --cleanup -y").exit_code == 0
    page.run(12, contains="Please cleanup your sync tokens and scope maps.", answer="y")
    assert lab.run(f"az acr connected-registry list -r {REG}").json() == []
    page.finish()


def test_tutorial_connected_registry_arc(lab):
    assert lab.run(SETUP + "\n" + CREATE).exit_code == 0
    page = Page(lab, "tutorial-connected-registry-arc", {"myacrregistry": REG})
    for_arc = (0, 5, 11, 12, 13)
    page.skip(0, ARC)
    page.skip(5, ARC)
    page.skip(11, ARC)
    page.skip(12, ARC)
    page.skip(13, ARC)
    page.skip(1, CERT)
    page.skip(2, CERT)
    page.skip(3, CERT)
    page.skip(6, CERT)
    page.skip(7, CERT)
    page.skip(8, CERT)
    page.skip(9, ON_DEVICE)
    assert all(page.done[i] == ARC for i in for_arc)
    page.run(14, exit_code=127, contains="--name: command not found", answer="y")  # `\ ` at the line ends
    assert _show(lab, "myconnectedregistry")["name"] == "myconnectedregistry"
    assert lab.run(f"az acr connected-registry delete -r {REG} -n myreadonlyacr -y -o none").exit_code == 0
    page.subs.update(RETYPED)
    page.run(14, answer="y")
    assert lab.run(f"az acr connected-registry list -r {REG}").json() == []
    page.finish()


def test_troubleshoot_connected_registry_arc(lab):
    assert lab.run(SETUP + "\n" + CREATE).exit_code == 0
    page = Page(lab, "troubleshoot-connected-registry-arc", {"myacrregistry": REG})
    page.skip(0, ARC)
    page.skip(1, ARC)
    page.skip(2, ON_DEVICE)
    page.skip(3, ON_DEVICE)
    page.skip(4, FRAGMENT)
    page.skip(5, FRAGMENT)
    page.skip(6, ON_DEVICE)
    page.skip(7, ON_DEVICE)
    page.skip(8, LOG_LINE)
    page.skip(11, ARC)
    page.skip(12, ON_DEVICE)
    page.skip(13, ON_DEVICE)
    page.subs.update(RETYPED)  # as printed, `\ ` ends each line inside $(...): retyped without the spaces
    page.run(10)
    page.run(9, contains="SyncTokenName=myconnectedregistry;SyncTokenPassword=")
    page.subs.update({"<myconnectedregistry>": "myconnectedregistry", "<mycontainerregistry>": REG})
    page.run(14, answer="y")
    assert _show(lab, "myconnectedregistry")["activation"] == {"status": "Inactive"}
    page.subs = {"mycloudregistry": REG, "myacrregistry": "myconnectedregistry"}  # here the connected registry
    page.run(15)
    assert _show(lab, "myconnectedregistry")["logging"]["logLevel"] == "Debug"
    page.finish()
