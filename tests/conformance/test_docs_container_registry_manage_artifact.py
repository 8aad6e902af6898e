"""'Push and pull OCI artifacts using an Azure container registry' (ORAS), block by block, in a fresh lab.

Source: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-manage-artifact.md
(blocks in tests/conformance/docs_blocks/container-registry-manage-artifact.json). The lab's `oras` is today's
ORAS CLI (1.3: oras-project/oras cmd/oras), so where the page shows older output the lab answers as 1.3 does:
`discover -o json` prints the referrers tree (`.referrers`, not `.manifests`: the page's `jq` filter gives `null`)
and warns that `-o` is deprecated; the tree's root is the subject by digest. File digests are the files' own
SHA-256 (the page's readme.md digest 2fdeac43552b... is reproduced). The page pushes the readme on its own and never
attaches it to the image, so the readme/example referrer its graph shows is attached here first, as it meant."""

from __future__ import annotations

from .docs import Page

SUBS = {"ACR_NAME=myregistry": "ACR_NAME=myregistry01"}


def test_manage_artifact(lab):
    assert lab.run("az group create -n rg-oras -l eastus -o none\n"
                   "az acr create -n myregistry01 -g rg-oras --sku Standard -o none").exit_code == 0
    page = Page(lab, "container-registry-manage-artifact", SUBS)
    page.run(0)
    page.run(1, contains="Login Succeeded")
    page.run(2)
    r = page.run(3, contains="Uploaded  2fdeac43552b readme.md")  # the page's digest: SHA-256 of 'Readme Content\n'
    assert "ArtifactType: readme/example" in r.stdout and "Pushed [registry] myregistry01.azurecr.io/samples/" \
                                                          "artifact:readme" in r.stdout
    page.skip(5, "output of block 3, shown as a console block")
    page.run(6)
    r = page.run(7, contains="Exists    2fdeac43552b readme.md")  # the same file again: the blob is already there
    assert "Uploaded  " in r.stdout and " details\n" in r.stdout
    r = page.run(9, contains='"org.opencontainers.image.title": "details"')
    doc = r.json()
    assert doc["artifactType"] == "readme/example" and doc["config"]["mediaType"] == "application/vnd.oci.empty.v1+json"
    assert doc["layers"][0] == {"mediaType": "application/markdown", "size": 15, "annotations": {
        "org.opencontainers.image.title": "readme.md"},
        "digest": "sha256:2fdeac43552b71eb9db534137714c7bad86b53a93c56ca96d4850c9b41b777fc"}
    assert doc["layers"][1]["annotations"]["io.deis.oras.content.unpack"] == "true"
    page.run(11)
    page.run(12, contains="Pulled [registry] myregistry01.azurecr.io/samples/artifact:readme")
    r = page.run(13, contains="1 directory, 3 files")
    assert "├── details\n│   ├── readme-details.md\n│   └── readme-more-details.md\n└── readme.md" in r.stdout
    assert lab.run("cat download/details/readme-more-details.md").stdout == "More detailed Content\n"
    # Remove the artifact (optional): without -f oras asks; a script has no answer, so nothing is deleted
    r = page.run(14, contains="Operation cancelled.")
    assert lab.run("oras manifest fetch $REGISTRY/samples/artifact:readme").exit_code == 0
    page.run(14, answer="y", contains="Deleted [registry] myregistry01.azurecr.io/samples/artifact:readme")
    assert "Error response from registry: myregistry01.azurecr.io/samples/artifact:readme: not found" in lab.run("oras manifest fetch $REGISTRY/samples/artifact:readme").stderr
    page.run(15)  # az acr build from the wabbit-networks/net-monitor repository
    page.run(16)
    r = page.run(17, contains="Attached to [registry] myregistry01.azurecr.io/net-monitor@sha256:")
    page.run(18, contains="└── signature/example\n    └── sha256:")
    page.skip(19, "output of block 18: oras 1.3 prints the subject by digest and each referrer's annotations")
    page.run(20)
    page.run(21, contains="Uploaded  ")
    # Sign the SBOM: the page's `jq -r ".manifests[0].digest"` reads oras 1.1's JSON; oras 1.3 nests referrers
    page.run(23, contains="[DEPRECATED] --output is deprecated, try `--format json` instead")
    assert lab.run("echo $SBOM_DIGEST").stdout == "null\n"
    page.run(24)
    page.run(25, exit_code=1, contains='invalid digest "null"')
    assert lab.run('SBOM_DIGEST=$(oras discover --format json --artifact-type sbom/example $IMAGE | '
                   'jq -r ".referrers[0].digest")').exit_code == 0
    page.run(24)
    page.run(25, contains="Attached to [registry] myregistry01.azurecr.io/net-monitor@sha256:")
    # what the page's graph shows: the readme attached to the image too
    assert lab.run("oras attach $IMAGE --artifact-type readme/example ./readme.md:application/markdown ./details"
                   ).exit_code == 0
    r = page.run(26)
    kinds = [line for line in r.stdout.splitlines() if line.endswith("/example")]
    assert sorted(line.lstrip("─└├│ ") for line in kinds) == ["readme/example", "sbom/example", "signature/example",
                                                              "signature/example"]
    nested = [k for k in kinds if len(k) - len(k.lstrip("─└├│ ")) == 12]  # two levels down: the SBOM's signature
    assert [k.lstrip("─└├│ ") for k in nested] == ["signature/example"]
    page.skip(27, "output of block 26 (oras 1.3 adds each referrer's annotations)")
    r = page.run(28, contains="Copied [registry] myregistry01.azurecr.io/net-monitor:v1 => [registry] "
                              "myregistry01.azurecr.io/sample-staging/net-monitor:v1")
    assert "Copied  " in r.stdout and "sbom-signature.json" in r.stdout
    page.skip(29, "output of block 28, shown as a console block")
    promoted = page.run(30).stdout
    assert promoted.split("\n", 1)[1] == lab.run("oras discover $IMAGE").stdout.split("\n", 1)[1]  # same graph
    page.skip(31, "output of block 30, shown as a console block")
    page.run(32, contains="[DEPRECATED] --output is deprecated")
    assert lab.run("echo $DOC_DIGEST").stdout == "null\n"  # the same oras 1.1 jq filter
    page.run(33, exit_code=1, contains="mkdir: cannot create directory './download': File exists")
    page.run(34, exit_code=1, contains='invalid digest "null"')
    assert lab.run('DOC_DIGEST=$(oras discover --format json --artifact-type readme/example $TARGET_REPO:$TAG | '
                   'jq -r ".referrers[0].digest")\nrm -rf ./download\nmkdir ./download').exit_code == 0
    page.run(34, contains="Pulled [registry] myregistry01.azurecr.io/sample-staging/net-monitor@sha256:")
    r = page.run(35)
    assert r.stdout.startswith("./download\n├── details\n│   ├── readme-details.md\n│   └── readme-more-details.md\n"
                               "└── readme.md\n")
    page.run(37, contains="v1")
    r = page.run(38, contains="Deleted [registry] myregistry01.azurecr.io/sample-staging/net-monitor:v1")
    page.run(39, exit_code=1, contains='repository "net-monitor" is not found')  # its last manifest went
    page.finish()
