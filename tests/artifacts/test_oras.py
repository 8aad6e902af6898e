"""`oras` against the lab's registries: every request goes through the data plane (authentication, token scope
maps, network rules), bad input gets oras's own errors, and what is pulled is what was pushed.

Sources: oras-project/oras cmd/oras/root (push.go, attach.go, pull.go, discover.go, manifest/delete.go) and
cmd/oras/internal/option/target.go (ModifyError: registry answers are prefixed 'Error response from registry:');
MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-token-based-repository-permissions.md
(a token whose scope map grants content/read may pull, not push); container-registry-delete.md (deleting a manifest
deletes the artifacts that refer to it)."""

from __future__ import annotations

SETUP = """az group create -n rg -l eastus -o none
az acr create -n orasreg01 -g rg --sku Premium -o none
echo 'hello' > hi.txt
"""


def test_push_needs_a_login_and_a_token_needs_write(lab):
    assert lab.run(SETUP).exit_code == 0
    r = lab.run("oras push orasreg01.azurecr.io/docs:v1 --artifact-type doc/example hi.txt")
    assert r.exit_code == 1 and "Error response from registry: unauthorized: authentication required" in r.stderr
    assert lab.run("az acr scope-map create -n readonly -r orasreg01 --repository docs content/read -o none\n"
                   "P=$(az acr token create -n reader -r orasreg01 --scope-map readonly "
                   "--query 'credentials.passwords[0].value' -o tsv 2>/dev/null)").exit_code == 0
    r = lab.run("echo $P | oras login orasreg01.azurecr.io -u reader --password-stdin")
    assert r.exit_code == 0 and r.stdout == "Login Succeeded\n"
    r = lab.run("oras push orasreg01.azurecr.io/docs:v1 --artifact-type doc/example hi.txt")
    assert r.exit_code == 1 and "denied: requested access to the resource is denied" in r.stderr
    assert "docs" not in lab.run("az acr repository list -n orasreg01 -o tsv").stdout  # a refused push changes nothing
    r = lab.run("oras login orasreg01.azurecr.io -u reader -p wrong")
    assert r.exit_code == 1 and "failed with status: 401 Unauthorized" in r.stderr


def test_round_trip_referrers_and_cascade(lab):
    assert lab.run(SETUP + "az acr login -n orasreg01 -o none").exit_code == 0
    r = lab.run("oras push orasreg01.azurecr.io/docs:v1 --artifact-type doc/example hi.txt:text/plain")
    assert r.exit_code == 0, r.output
    digest = r.stdout.split("Digest: ")[1].strip()
    assert lab.run("echo 'sig' > sig.json\noras attach orasreg01.azurecr.io/docs:v1 --artifact-type sig/example "
                   "sig.json").exit_code == 0
    r = lab.run("oras discover --format json orasreg01.azurecr.io/docs:v1")
    doc = r.json()
    assert doc["digest"] == digest and [x["artifactType"] for x in doc["referrers"]] == ["sig/example"]
    referrers = lab.run("az acr manifest list-referrers -r orasreg01 -n docs:v1 --query 'references[].artifactType' "
                        "-o tsv")
    assert referrers.stdout == "sig/example\n"  # az sees the same referrer through the registry
    r = lab.run("rm hi.txt\noras pull orasreg01.azurecr.io/docs:v1\ncat hi.txt")
    assert r.exit_code == 0 and r.stdout.endswith("hello\n")
    assert lab.run("oras repo tags orasreg01.azurecr.io/docs").stdout == "v1\n"
    r = lab.run("oras manifest delete -f orasreg01.azurecr.io/docs:v1")
    assert r.exit_code == 0 and "Deleted [registry] orasreg01.azurecr.io/docs:v1" in r.stdout
    assert lab.run("az acr repository list -n orasreg01 -o tsv").stdout == ""  # the signature went with its subject
    r = lab.run("oras manifest delete -f orasreg01.azurecr.io/docs:v1")
    assert r.exit_code == 0 and r.stdout == "Missing orasreg01.azurecr.io/docs:v1\n"


def test_bad_input_gets_oras_errors(lab):
    assert lab.run(SETUP + "az acr login -n orasreg01 -o none").exit_code == 0
    cases = [
        ("oras pushh x", 'Error: unknown command "pushh" for "oras"'),
        ("oras push orasreg01.azurecr.io/docs:v1 --bogus hi.txt", "Error: unknown flag: --bogus"),
        ("oras push orasreg01.azurecr.io/docs:v1 missing.txt", "no such file or directory"),
        ("oras push nosuch.azurecr.io/docs:v1 hi.txt", "lookup nosuch.azurecr.io: no such host"),
        ("oras push orasreg01.azurecr.io/Docs:v1 hi.txt", 'invalid repository "Docs"'),
        ("oras attach orasreg01.azurecr.io/docs:v1 hi.txt", 'required flag(s) "artifact-type" not set'),
        ("oras attach --artifact-type a/b orasreg01.azurecr.io/docs:v9 hi.txt",
         "Error response from registry: orasreg01.azurecr.io/docs:v9: not found"),
        ("oras discover --depth 0 orasreg01.azurecr.io/docs:v1", "depth value should be at least 1"),
        ("oras pull orasreg01.azurecr.io/docs@sha256:abc", "invalid checksum digest format"),
        ("oras manifest delete orasreg01.azurecr.io/docs:v7", "the specified manifest does not exist"),
        ("oras repo tags orasreg01.azurecr.io/nothing", "name unknown: repository name not known to registry: map[name:nothing]"),
    ]
    for line, text in cases:
        r = lab.run(line)
        assert r.exit_code == 1 and text in r.stderr, (line, r.output)


def test_tree_lists_like_gnu_tree(lab):
    r = lab.run("mkdir -p a/b\necho 1 > a/b/x\necho 2 > a/y\ntree a\ntree -d a\ntree nowhere")
    assert r.stdout == ("a\n├── b\n│   └── x\n└── y\n\n1 directory, 2 files\na\n└── b\n\n1 directory\n"
                        "nowhere  [error opening dir]\n\n0 directories, 0 files\n")
    assert r.exit_code == 2


def test_formatted_output_for_scripts(lab):
    assert lab.run(SETUP + "az acr login -n orasreg01 -o none").exit_code == 0
    doc = lab.run("oras push orasreg01.azurecr.io/docs:v1 --artifact-type doc/example hi.txt --format json").json()
    assert doc["referenceAsTags"] == ["orasreg01.azurecr.io/docs:v1"] and doc["artifactType"] == "doc/example"
    assert lab.run("oras resolve orasreg01.azurecr.io/docs:v1").stdout == doc["digest"] + "\n"
    r = lab.run("oras attach orasreg01.azurecr.io/docs:v1 --artifact-type sig/x hi.txt "
                "--format go-template='{{.digest}}'")
    assert r.stdout.startswith("sha256:") and len(r.stdout) == 71
    pulled = lab.run("oras pull orasreg01.azurecr.io/docs:v1 -o out --format json").json()
    assert [f["path"] for f in pulled["files"]] == ["/home/learner/out/hi.txt"]
    r = lab.run("oras push orasreg01.azurecr.io/docs:v2 hi.txt --format xml")
    assert r.exit_code == 1 and 'invalid format type: "xml"' in r.stderr
    assert lab.run("oras repo tags orasreg01.azurecr.io/docs").stdout == "v1\n"  # a refused command pushed nothing
