"""ACR Tasks runs are resource-manager requests and build contexts are uploaded as in Azure.

Sources: Azure/azure-rest-api-specs specification/containerregistry/resource-manager/Microsoft.ContainerRegistry/
preview/2019-06-01-preview/containerregistry_build.json (POST registries/{name}/scheduleRun -> Run, POST
registries/{name}/listBuildSourceUploadUrl -> SourceUploadDefinition {uploadUrl, relativePath}; RunRequest types
DockerBuildRequest, FileTaskRunRequest, EncodedTaskRunRequest, TaskRunRequest); Azure/azure-cli
src/azure-cli/azure/cli/command_modules/acr/build.py, run.py and _archive_utils.py (upload_source_code: pack a
tar.gz, get the upload URL, upload it as a BlockBlob, send the relativePath as sourceLocation); the Blob service's
Put Blob (learn.microsoft.com rest/api/storageservices/put-blob: x-ms-blob-type is required)."""

from __future__ import annotations

import base64

import pytest

from acrlab.engine import source_uploads
from acrlab.engine.arm import send
from acrlab.engine.errors import AzureError
from acrlab.engine.storage import StorageError


@pytest.fixture
def reg(lab, cli):
    cli("az group create -n rg -l westus -o none\naz acr create -n schedreg01 -g rg --sku Basic -o none")
    return lab.cloud.find_registry("schedreg01")


def _upload(lab, reg, files: dict[str, str]) -> str:
    got = send(lab.cloud, lab.cloud.learner, "POST", reg.id, action="listBuildSourceUploadUrl").body
    assert set(got) == {"uploadUrl", "relativePath"} and got["relativePath"].startswith("source/")
    assert source_uploads.put(lab.cloud, got["uploadUrl"], source_uploads.pack(files),
                              {"x-ms-blob-type": "BlockBlob"}) == 201
    return got["relativePath"]


def test_a_docker_build_request_builds_the_uploaded_archive(lab, reg):
    path = _upload(lab, reg, {"Dockerfile": "FROM alpine\nCOPY app.txt /app.txt\n", "app.txt": "v1\n"})
    body = {"type": "DockerBuildRequest", "dockerFilePath": "Dockerfile", "imageNames": ["web:{{.Run.ID}}"],
            "platform": {"os": "Linux"}, "sourceLocation": path}
    run = send(lab.cloud, lab.cloud.learner, "POST", reg.id, body, action="scheduleRun").body
    assert run["type"] == "Microsoft.ContainerRegistry/registries/runs" and run["name"] == "ca1"
    props = run["properties"]
    assert (props["status"], props["runType"], props["outputImages"][0]["tag"]) == ("Succeeded", "QuickBuild", "ca1")
    assert reg.store.resolve("web", "ca1").digest == props["outputImages"][0]["digest"]


def test_az_acr_build_uploads_a_tar_gz_of_the_context(lab, cli, reg):
    lab.write_file("src/Dockerfile", "FROM alpine\nCOPY . /src\n")
    lab.write_file("src/.dockerignore", "secret.txt\n")
    lab.write_file("src/secret.txt", "do not ship\n")
    r = cli("az acr build -r schedreg01 -t app:v1 src")
    assert "Packing source code into tar to upload..." in r.stderr and "Sending context (" in r.stderr
    (upload,) = lab.cloud.state["source_uploads"].values()
    context = lab.session.dir_files("src")
    del context["secret.txt"]  # .dockerignore'd: azure-cli's _pack_source_code leaves it out
    assert source_uploads.unpack(upload.data) == context
    assert f"Sending context ({len(upload.data):.3f} Bytes)" in r.stderr  # azure-cli's size and unit
    build = reg.runs["ca1"].log
    assert "Successfully pushed image: schedreg01.azurecr.io/app:v1" in build


def test_refused_requests_queue_nothing(lab, cli, reg):
    cli(f"az ad sp create-for-rbac -n reader2 --role Reader --scopes {reg.id} -o none")
    reader = lab.cloud.tenant.find_principal("reader2")
    ok = {"type": "EncodedTaskRunRequest", "platform": {"os": "Linux"},
          "encodedTaskContent": base64.b64encode(b"steps:\n  - cmd: hello-world\n").decode()}
    cases = [
        (reader, ok, "AuthorizationFailed", "scheduleRun/action"),
        (lab.cloud.learner, {**ok, "type": "BuildRequest"}, "InvalidRequestContent", "Could not find member"),
        (lab.cloud.learner, {k: v for k, v in ok.items() if k != "platform"}, "InvalidRequestContent",
         "Required property 'platform'"),
        (lab.cloud.learner, {**ok, "platform": {"os": "Mac"}}, "InvalidRequestContent", "to type 'OS'"),
        (lab.cloud.learner, {**ok, "timeout": 10}, "InvalidRequestContent", "timeout"),
        (lab.cloud.learner, {**ok, "agentPoolName": "nopool"}, "ResourceNotFound", "agentPools/nopool"),
        (lab.cloud.learner, {"type": "TaskRunRequest", "taskId": f"{reg.id}/tasks/none"}, "ResourceNotFound",
         "tasks/none"),
    ]
    for caller, body, code, text in cases:
        with pytest.raises(AzureError) as e:
            send(lab.cloud, caller, "POST", reg.id, body, action="scheduleRun")
        assert e.value.code == code and text in e.value.message, (body, e.value.message)
    assert reg.runs == {} and "run_counter" not in reg.extra
    with pytest.raises(AzureError) as e:
        send(lab.cloud, reader, "POST", reg.id, action="listBuildSourceUploadUrl")
    assert "listBuildSourceUploadUrl/action" in e.value.message and not lab.cloud.state.get("source_uploads")


def test_the_blob_service_answers_a_bad_upload(lab, reg):
    got = send(lab.cloud, lab.cloud.learner, "POST", reg.id, action="listBuildSourceUploadUrl").body
    url, data = got["uploadUrl"], source_uploads.pack({"Dockerfile": "FROM alpine\n"})
    for bad_url, headers, status, code in [
        (url, {}, 400, "MissingRequiredHeader"),
        (url.replace("container-", "container-x"), {"x-ms-blob-type": "BlockBlob"}, 404, "ContainerNotFound"),
        (url[:-4] + "0000", {"x-ms-blob-type": "BlockBlob"}, 403, "AuthenticationFailed"),
    ]:
        with pytest.raises(StorageError) as e:
            source_uploads.put(lab.cloud, bad_url, data, headers)
        assert (e.value.status, e.value.code) == (status, code)
    lab.advance("61m")  # the SAS is valid for one hour
    with pytest.raises(StorageError) as e:
        source_uploads.put(lab.cloud, url, data, {"x-ms-blob-type": "BlockBlob"})
    assert e.value.code == "AuthenticationFailed" and "Signed expiry time" in e.value.message


def test_a_run_of_an_archive_never_uploaded_fails_to_download(lab, reg):
    got = send(lab.cloud, lab.cloud.learner, "POST", reg.id, action="listBuildSourceUploadUrl").body
    body = {"type": "DockerBuildRequest", "dockerFilePath": "Dockerfile", "platform": {"os": "Linux"},
            "sourceLocation": got["relativePath"]}
    run = send(lab.cloud, lab.cloud.learner, "POST", reg.id, body, action="scheduleRun").resource
    assert run.status == "Failed" and "failed to download context" in run.log


def test_az_acr_task_run_with_a_local_context_sends_an_override(lab, cli, reg):
    cli("az acr task create -n t1 -r schedreg01 -c https://github.com/Azure-Samples/acr-build-helloworld-node.git "
        "-f Dockerfile -t node:{{.Run.ID}} --commit-trigger-enabled false -o none")
    lab.write_file("local/Dockerfile", "FROM alpine\nRUN echo local\n")
    r = cli("az acr task run -n t1 -r schedreg01 -c local")
    assert "Packing source code into tar to upload..." in r.stderr and "Queued a run with ID: ca1" in r.stderr
    assert "RUN echo local" in reg.runs["ca1"].log and reg.runs["ca1"].status == "Succeeded"


def test_runs_are_resources(lab, cli, reg):
    cli("az acr run -r schedreg01 --cmd 'hello-world' /dev/null -o none")
    run = send(lab.cloud, lab.cloud.learner, "GET", f"{reg.id}/runs/ca1")
    assert run.body["properties"]["runType"] == "QuickRun" and run.body["name"] == "ca1"
    assert [r["name"] for r in send(lab.cloud, lab.cloud.learner, "GET", f"{reg.id}/runs").body["value"]] == ["ca1"]
    send(lab.cloud, lab.cloud.learner, "PATCH", f"{reg.id}/runs/ca1", {"isArchiveEnabled": True})
    assert reg.runs["ca1"].is_archive_enabled
    link = send(lab.cloud, lab.cloud.learner, "POST", f"{reg.id}/runs/ca1", action="listLogSasUrl").body
    assert link["logLink"].startswith("https://") and "sp=r" in link["logLink"]
    cli(f"az ad sp create-for-rbac -n nobody1 --role Reader --scopes {lab.cloud.group('rg').id} -o none")
    reader = lab.new_session(lab.cloud.tenant.find_principal("nobody1"))
    code, out, err = reader.run("az acr task cancel-run -r schedreg01 --run-id ca1")
    assert code == 1 and "runs/cancel/action" in err


def test_the_upload_url_answers_over_the_labs_web(lab, cli, reg):
    """curl -T to the SAS URL through the lab's HTTP router (engine/web.py): Put Blob's 201, the Blob service's XML
    error with x-ms-error-code for a PUT without x-ms-blob-type, and a GET refused by the write-only SAS."""
    got = send(lab.cloud, lab.cloud.learner, "POST", reg.id, action="listBuildSourceUploadUrl").body
    lab.write_file("ctx/Dockerfile", "FROM alpine\n")
    cli("tar -czf ctx.tar.gz -C ctx .")
    url = got["uploadUrl"]
    put = f"curl -sS -X PUT -T ctx.tar.gz -w '%{{http_code}}' '{url}'"
    assert cli(put.replace("-T", "-H 'x-ms-blob-type: BlockBlob' -T")).stdout == "201"
    assert source_uploads.unpack(source_uploads.archive(lab.cloud, reg, got["relativePath"])) == {
        "Dockerfile": "FROM alpine\n"}
    out = cli(put).stdout
    assert out.endswith("400") and "<Code>MissingRequiredHeader</Code>" in out
    assert "<HeaderName>x-ms-blob-type</HeaderName></Error>" in out
    assert cli(f"curl -sS -w '%{{http_code}}' '{url}'").stdout.endswith("403")


def test_a_task_run_resource_checks_its_run_request_as_schedule_run_does(lab, reg):
    body = {"properties": {"runRequest": {"type": "DockerBuildRequest", "dockerFilePath": "Dockerfile",
                                          "platform": {"os": "Linux", "architecture": "sparc"}}}}
    with pytest.raises(AzureError) as e:
        send(lab.cloud, lab.cloud.learner, "PUT", f"{reg.id}/taskRuns/t1", body)
    assert e.value.code == "InvalidRequestContent"
    assert "to type 'Architecture'. Path 'properties.runRequest.platform.architecture'" in e.value.message
    assert reg.runs == {} and not reg.extra.get("task_runs")


def test_az_sends_the_rest_api_run_requests(lab, cli, reg, monkeypatch):
    """What az acr build|run|task run put on the wire (azure-cli acr/build.py DockerBuildRequest, run.py
    FileTaskRunRequest with a context and EncodedTaskRunRequest for --cmd, task.py TaskRunRequest)."""
    from acrlab.shell.az.commands import run as run_cmd
    sent: list[tuple[str | None, dict | None]] = []

    def spy(cloud, caller, method, rid, body=None, **kw):
        sent.append((kw.get("action"), body))
        return send(cloud, caller, method, rid, body, **kw)
    monkeypatch.setattr(run_cmd, "send", spy)
    lab.write_file("app/Dockerfile", "FROM alpine\n")
    lab.write_file("app/acb.yaml", "steps:\n  - build: -t $Registry/app:{{.Run.ID}} .\n")
    cli("az acr build -r schedreg01 -t app:v1 --build-arg A=1 --platform linux/arm64 app --no-logs -o none")
    cli("az acr run -r schedreg01 app --set x=1 --no-logs -o none")
    cli("az acr run -r schedreg01 --cmd 'hello-world' /dev/null --no-logs -o none")
    actions = [a for a, _ in sent]
    assert actions == ["listBuildSourceUploadUrl", "scheduleRun", "listBuildSourceUploadUrl", "scheduleRun",
                       "scheduleRun"]
    build, file_run, cmd_run = (b for a, b in sent if a == "scheduleRun")
    assert build == {"type": "DockerBuildRequest", "imageNames": ["app:v1"], "isPushEnabled": True,
                     "dockerFilePath": "Dockerfile", "platform": {"os": "Linux", "architecture": "arm64"},
                     "arguments": [{"name": "A", "value": "1", "isSecret": False}],
                     "sourceLocation": build["sourceLocation"]}
    assert build["sourceLocation"].startswith("source/") and build["sourceLocation"].endswith(".tar.gz")
    assert file_run["type"] == "FileTaskRunRequest" and file_run["taskFilePath"] == "acb.yaml"
    assert file_run["values"] == [{"name": "x", "value": "1", "isSecret": False}]
    assert cmd_run["type"] == "EncodedTaskRunRequest" and "sourceLocation" not in cmd_run
    assert base64.b64decode(cmd_run["encodedTaskContent"]).decode().startswith("steps:")
    assert {"name": "command", "value": "hello-world", "isSecret": False} in cmd_run["values"]


def test_a_quick_build_over_the_rest_api_with_curl(lab, cli, reg):
    """The whole REST flow through the lab's web: POST listBuildSourceUploadUrl and scheduleRun on
    management.azure.com with a bearer token, the archive PUT to the SAS URL in between."""
    lab.write_file("app/Dockerfile", "FROM alpine\n")
    arm = ('curl -sS -X POST -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" '
           '"https://management.azure.com$ID/{}?api-version=2019-06-01-preview"')
    r = cli(f"""tar -czf ctx.tar.gz -C app .
TOKEN=$(az account get-access-token --query accessToken -o tsv)
ID=$(az acr show -n schedreg01 --query id -o tsv)
{arm.format('listBuildSourceUploadUrl')} -d '' > up.json
curl -sS -X PUT -T ctx.tar.gz -H 'x-ms-blob-type: BlockBlob' "$(jq -r .uploadUrl up.json)"
{arm.format('scheduleRun')} -d '{{"type": "DockerBuildRequest", "dockerFilePath": "Dockerfile",
  "imageNames": ["app:{{{{.Run.ID}}}}"], "platform": {{"os": "Linux"}}, "sourceLocation": "'$(jq -r .relativePath up.json)'"}}' \\
  | jq -r '.properties.status, .name'
az acr repository show-tags -n schedreg01 --repository app -o tsv""")
    assert r.stdout.split() == ["Succeeded", "ca1", "ca1"]


def test_listing_runs_takes_azure_clis_filter(lab, cli, reg):
    """acr/task.py acr_task_list_runs sends `TaskName eq '...' and Status eq '...'` as Runs_List's $filter."""
    cli("az acr run -r schedreg01 --cmd 'hello-world' /dev/null -o none\n"
        "az acr run -r schedreg01 --cmd 'no-such-image-anywhere' /dev/null -o none", expect_exit=1)
    rid = f"{reg.id}/runs"
    failed = send(lab.cloud, lab.cloud.learner, "GET", rid, filter="Status eq 'Failed'").resources
    assert [r.run_id for r in failed] == ["ca2"]
    assert cli("az acr task list-runs -r schedreg01 --run-status Succeeded --query '[].runId' -o tsv").stdout == "ca1\n"
    with pytest.raises(AzureError) as e:
        send(lab.cloud, lab.cloud.learner, "GET", rid, filter="startswith(RunId, 'ca')")
    assert e.value.code == "InvalidRequestContent" and "$filter" in e.value.message


TASK_RUN_TEMPLATE = """{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {"registryName": {"type": "string"}, "sourceLocation": {"type": "string"}},
  "resources": [{
    "type": "Microsoft.ContainerRegistry/registries/taskRuns",
    "apiVersion": "2019-06-01-preview",
    "name": "[concat(parameters('registryName'), '/quickbuild')]",
    "location": "[resourceGroup().location]",
    "properties": {"runRequest": {"type": "DockerBuildRequest", "dockerFilePath": "Dockerfile",
                                  "imageNames": ["app:v1"], "isPushEnabled": true, "platform": {"os": "Linux"},
                                  "sourceLocation": "[parameters('sourceLocation')]"}}
  }]
}
"""


def test_powershell_builds_an_uploaded_context_with_a_task_run_template(lab, cli, reg):
    """azure-cli tests/latest/taskrunquickbuildsample.json's task run, its sourceLocation the relativePath of
    Get-AzContainerRegistryBuildSourceUploadUrl, the archive made by tar and PUT to the upload URL with
    Invoke-RestMethod -InFile."""
    lab.write_file("app/Dockerfile", "FROM alpine\nRUN echo built-from-upload\n")
    lab.write_file("taskrun.json", TASK_RUN_TEMPLATE)
    r = cli("""tar -czf /tmp/ctx.tar.gz -C app .
$upload = Get-AzContainerRegistryBuildSourceUploadUrl -RegistryName schedreg01 -ResourceGroupName rg
Invoke-RestMethod -Method Put -InFile /tmp/ctx.tar.gz -Uri $upload.UploadUrl `
    -Headers @{ 'x-ms-blob-type' = 'BlockBlob' }
$d = New-AzResourceGroupDeployment -ResourceGroupName rg -TemplateFile taskrun.json -registryName schedreg01 `
    -sourceLocation $upload.RelativePath
$d.ProvisioningState""", shell="pwsh")
    assert r.stdout.split()[-1] == "Succeeded"
    assert "built-from-upload" in reg.runs["ca1"].log and reg.store.resolve("app", "v1") is not None


def _uploaded(lab) -> dict[str, str]:
    last = list(lab.cloud.state["source_uploads"].values())[-1]
    return source_uploads.unpack(last.data)


def test_the_archive_leaves_out_what_dockerignore_and_the_vcs_rules_exclude(lab, cli, reg):
    """azure-cli acr/_archive_utils.py _pack_source_code: .dockerignore (last line wins, `!` re-includes, `**`),
    <name>.dockerignore overriding it for another Dockerfile name, the top-level VCS entries, the Dockerfile always."""
    lab.write_file("c/Dockerfile", "FROM alpine\nCOPY . /c\n")
    lab.write_file("c/.dockerignore", "Dockerfile\n*.log\nlogs/**\n!logs/keep.log\n")
    for name in ("app.py", "debug.log", "logs/a/old.log", "logs/keep.log", ".git/HEAD", "src/.git/HEAD"):
        lab.write_file(f"c/{name}", "x\n")
    r = cli("az acr build -r schedreg01 -t ign:v1 c --no-logs -o none")
    assert "WARNING: Excluding '.git' based on default ignore rules" in r.stderr
    assert sorted(_uploaded(lab)) == [".dockerignore", "Dockerfile", "app.py", "logs/keep.log", "src/.git/HEAD"]
    lab.write_file("c/prod.Dockerfile", "FROM alpine\n")
    lab.write_file("c/prod.Dockerfile.dockerignore", "app.py\n")
    r = cli("az acr build -r schedreg01 -t ign:v2 -f c/prod.Dockerfile c --no-logs -o none")
    assert "Overriding .dockerignore with c/prod.Dockerfile.dockerignore" in r.stderr
    got = sorted(_uploaded(lab))
    assert "app.py" not in got and ".dockerignore" not in got and "debug.log" in got and "prod.Dockerfile" in got


def test_the_upload_location_has_the_services_shape(lab, cli):
    """Azure/azure-powershell src/ContainerRegistry/ContainerRegistry/help/Get-AzContainerRegistryBuildSourceUploadUrl.md:
    RelativePath source/202301300000/<guid>.tar.gz, UploadUrl https://acrtaskprodeus020.blob.core.windows.net/
    container-...; the date part is the day of the request."""
    import re
    cli("az group create -n rg -l eastus -o none\naz acr create -n shapereg01 -g rg --sku Basic -o none")
    r = cli("Get-AzContainerRegistryBuildSourceUploadUrl -RegistryName shapereg01 -ResourceGroupName rg | "
            "Format-List", shell="pwsh")
    day = lab.cloud.clock.now().strftime("%Y%m%d")
    assert re.search(rf"RelativePath : source/{day}0000/[0-9a-f-]{{36}}\.tar\.gz", r.stdout)
    assert re.search(r"UploadUrl    : https://acrtaskprodeus\d{3}\.blob\.core\.windows\.net/container-[0-9a-f]+/"
                     rf"source/{day}0000/", r.stdout)


def test_the_log_link_reads_the_run_log_over_the_web(lab, cli, reg):
    """Runs_GetLogSasUrl (containerregistry_build.json): a read SAS on the run's log blob; azure-cli
    acr/_stream_utils.py reads the log from it. Expired SAS: AuthenticationFailed; a log past the 30-day retention:
    BlobNotFound."""
    cli("az acr run -r schedreg01 --cmd 'hello-world' /dev/null -o none")

    def link() -> str:
        return send(lab.cloud, lab.cloud.learner, "POST", f"{reg.id}/runs/ca1", action="listLogSasUrl").body["logLink"]
    url = link()
    got = cli(f"curl -sS -w '\\n%{{http_code}}' '{url}'").stdout
    assert "Hello from Docker!" in got and got.endswith("\n200") and "Run ID: ca1 was successful" in got
    assert cli(f"curl -sS -X PUT -d x -w '%{{http_code}}' '{url}'").stdout.endswith("403")
    lab.advance("2h")
    assert "AuthenticationFailed" in cli(f"curl -sS '{url}'").stdout
    lab.advance("31d")
    out = cli(f"curl -sS -w '%{{http_code}}' '{link()}'").stdout
    assert "<Code>BlobNotFound</Code>" in out and out.endswith("404")
