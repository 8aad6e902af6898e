"""azure-cli's artifact streaming scenario test, translated (Azure/azure-cli
src/azure-cli/azure/cli/command_modules/acr/tests/latest/test_acr_artifact_streaming_commands.py; the operation's
fields and statuses are those of recordings/test_acr_artifact_streaming.yaml: GET /acr/v1/microsoft/_streaming/<digest>
answers {"id", "status": "Canceled"} after the cancel, and GET /acr/v1/microsoft/_operations/<id> answers name
ArtifactStreamingConversion, resource microsoft@<digest>, status, startTime, progress "0%", details)."""

from __future__ import annotations

from .azcli import DIFF_SUB_REGISTRY, Scenario, check, check_pattern, other_subscription, upstream

FILE = "test_acr_artifact_streaming_commands.py"


@upstream(FILE, "test_acr_artifact_streaming")
def test_acr_artifact_streaming(lab):
    other_subscription(lab, "azure-cli")
    s = Scenario(lab, registry_name="clireg000002", rg_loc="southcentralus", sku="Premium", repo="microsoft",
                 tag="azure-cli", image="microsoft:azure-cli", conversionFormat="overlaybd", conversionVersion="v1",
                 source_reg_id=DIFF_SUB_REGISTRY)
    s.cmd("acr create -n {registry_name} -g {rg} -l {rg_loc} --sku {sku}", checks=[
        check("name", "{registry_name}"),
        check("location", "{rg_loc}"),
        check("sku.name", "{sku}"),
        check("sku.tier", "{sku}"),
        check("provisioningState", "Succeeded")])
    s.cmd("acr import -n {registry_name} -r {source_reg_id} --source {image}")
    s.cmd("acr artifact-streaming show -n {registry_name} --repository {repo}", checks=[
        check("convertPushedImages", False)])
    s.cmd("acr artifact-streaming update -n {registry_name} --repository {repo} --enable-streaming True", checks=[
        check("conversionFormat", "{conversionFormat}"),
        check("conversionVersion", "{conversionVersion}"),
        check("convertPushedImages", True),
        check("status", "Succeeded")])
    s.cmd("acr artifact-streaming create -n {registry_name} -t {image} --no-wait")
    assert "artifact-streaming operation show -n clireg000002 --repository microsoft --id" in s.last.stderr
    s.cmd("acr artifact-streaming operation cancel -n {registry_name} -t {image}")
    s.cmd("acr artifact-streaming operation show -n {registry_name} -t {image}", checks=[
        check("name", "ArtifactStreamingConversion"),
        check_pattern("resource", r"^microsoft@sha256:[0-9a-f]+$"),
        check("status", "Canceled"),
        check("progress", "0%")])
    # nothing was converted: no streaming artifact refers to the image
    s.cmd("acr manifest list-referrers -r {registry_name} -n {image}", checks=[check("references", [])])
    s.cmd("acr delete -n {registry_name} -g {rg} -y")
