"""Import-AzContainerRegistryImage (Az.ContainerRegistry v4) on engine.images.import_image."""

from __future__ import annotations

import json


def ps(lab, text):
    return lab.run(text, shell="pwsh")


R = "-RegistryName psacr01 -ResourceGroupName rg-containers"


def setup(lab):
    lab.run("az group create -n rg-containers -l brazilsouth -o none")
    lab.run("az acr create -n psacr01 -g rg-containers --sku Premium -o none")


def tags(lab, repo, reg="psacr01"):
    return json.loads(lab.run(f"az acr repository show-tags -n {reg} --repository {repo}").stdout)


def test_import_public_image_mode_and_passthru(lab):
    setup(lab)
    r = ps(lab, f"Import-AzContainerRegistryImage -SourceImage library/alpine:3.20 {R} -SourceRegistryUri docker.io "
                "-TargetTag base:latest -PassThru")
    assert r.exit_code == 0 and r.stdout.strip() == "True", r.stderr
    assert tags(lab, "base") == ["latest"]
    r = ps(lab, f"Import-AzContainerRegistryImage -SourceImage library/alpine:3.19 {R} -SourceRegistryUri docker.io "
                "-TargetTag base:latest")
    assert r.exit_code != 0 and "Tag base:latest already exists in target registry." in r.stderr
    r = ps(lab, f"Import-AzContainerRegistryImage -SourceImage library/alpine:3.19 {R} -SourceRegistryUri docker.io "
                "-TargetTag base:latest -Mode Force")
    assert r.exit_code == 0 and r.stdout == "", r.stderr
    r = ps(lab, f"Import-AzContainerRegistryImage -SourceImage library/alpine:3.19 {R}")
    assert r.exit_code != 0 and "SourceRegistryResourceId or SourceRegistryUri is required" in r.stderr
    r = ps(lab, f"Import-AzContainerRegistryImage -SourceImage library/alpine:3.20 {R} -SourceRegistryUri docker.io "
                "-Mode Sometimes")
    assert r.exit_code != 0 and "Sometimes" in r.stderr


def test_import_from_registry_by_resource_id_and_json_sets(lab):
    setup(lab)
    lab.run("az acr create -n devacr01 -g rg-containers --sku Basic -o none")
    lab.run("az acr import -n devacr01 --source docker.io/library/nginx:1.27 -t web:1.0")
    r = ps(lab, f"$src = Get-AzContainerRegistry -Name devacr01 -ResourceGroupName rg-containers\n"
                f"Import-AzContainerRegistryImage {R} -SourceImage web:1.0 -SourceResourceId $src.Id "
                "-TargetTag web:prod -UntaggedTargetRepository web-mirror")
    assert r.exit_code == 0, r.stderr
    assert tags(lab, "web") == ["prod"]
    mirror = json.loads(lab.run("az acr manifest list-metadata -r psacr01 -n web-mirror").stdout)
    index = [m for m in mirror if "references" in m]  # nginx is multi-arch: its index and platform manifests
    assert len(index) == 1 and all(m.get("tags") is None for m in mirror)
    body = {"source": {"registryUri": "mcr.microsoft.com", "sourceImage": "dotnet/runtime:8.0"},
            "targetTags": ["runtime:8.0"], "mode": "NoForce"}
    lab.write_file("import.json", json.dumps(body))
    assert ps(lab, f"Import-AzContainerRegistryImage {R} -JsonFilePath import.json").exit_code == 0
    assert tags(lab, "runtime") == ["8.0"]
    r = ps(lab, f"Import-AzContainerRegistryImage {R} -JsonString '{json.dumps(body)}'")
    assert r.exit_code != 0 and "already exists" in r.stderr
    r = ps(lab, f"Import-AzContainerRegistryImage {R} -JsonString 'not json'")
    assert r.exit_code != 0 and "Traceback" not in r.stderr


def test_whatif_changes_nothing(lab):
    setup(lab)
    r = ps(lab, f"Import-AzContainerRegistryImage -SourceImage library/alpine:3.20 {R} -SourceRegistryUri docker.io "
                "-WhatIf")
    assert r.exit_code == 0 and "What if" in r.stdout
    assert json.loads(lab.run("az acr repository list -n psacr01").stdout) == []
