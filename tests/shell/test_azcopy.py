"""azcopy copy through the lab's web: the Blob service's SAS rules decide, failures are counted and exit 1.

Sources: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-transfer-arm-template.md
(the azcopy copy block); Azure/azure-storage-azcopy (the job summary lines, 'failed to perform copy command due to
error'); MicrosoftDocs/azure-docs articles/storage/common/storage-ref-azcopy-copy.md (--recursive, --overwrite)."""

from __future__ import annotations

SETUP = """
az group create -n rg -l eastus -o none
az storage account create -n srcacct -g rg -l eastus --sku Standard_LRS -o none
az storage account create -n dstacct -g rg -l eastus --sku Standard_LRS -o none
az storage container create -n data --account-name srcacct -o none 2>/dev/null
az storage container create -n data --account-name dstacct -o none 2>/dev/null
"""


def _sas(lab, account: str, perms: str) -> str:
    year = lab.cloud.clock.now().year + 1
    r = lab.run(f"az storage container generate-sas -n data --account-name {account} --permissions {perms} "
                f"--expiry {year}-01-01 --https-only -o tsv")
    assert r.exit_code == 0, r.output
    return "?" + r.stdout.strip()


def _ready(lab):
    assert lab.run(SETUP).exit_code == 0
    return _sas(lab, "srcacct", "racwl"), _sas(lab, "dstacct", "racwl")


def test_upload_copy_between_accounts_and_download(lab):
    src, dst = _ready(lab)
    lab.write_file("hello.txt", "hello blob\n")
    up = lab.run(f"azcopy copy hello.txt 'https://srcacct.blob.core.windows.net/data/hello.txt{src}'")
    assert up.exit_code == 0 and "Final Job Status: Completed" in up.stdout, up.output
    assert "Total Number of Bytes Transferred: 11" in up.stdout
    job = up.stdout.split("Job ", 1)[1].split(" ", 1)[0]
    assert lab.run(f"cat ~/.azcopy/{job}.log").exit_code == 0
    s2s = lab.run(f"azcopy copy 'https://srcacct.blob.core.windows.net/data/hello.txt{src}' "
                  f"'https://dstacct.blob.core.windows.net/data/copy.txt{dst}' --overwrite true")
    assert s2s.exit_code == 0, s2s.output
    down = lab.run(f"azcopy copy 'https://dstacct.blob.core.windows.net/data/copy.txt{dst}' ./back.txt")
    assert down.exit_code == 0 and lab.run("cat back.txt").stdout == "hello blob\n"


def test_the_sas_permissions_decide(lab):
    src, _ = _ready(lab)
    read_only = _sas(lab, "dstacct", "rl")
    lab.write_file("a.txt", "a")
    lab.run(f"azcopy copy a.txt 'https://srcacct.blob.core.windows.net/data/a.txt{src}'")
    r = lab.run(f"azcopy copy 'https://srcacct.blob.core.windows.net/data/a.txt{src}' "
                f"'https://dstacct.blob.core.windows.net/data/a.txt{read_only}'")
    assert r.exit_code == 1 and "Final Job Status: Failed" in r.stdout and "1 Failed" in r.stdout, r.output
    listed = lab.run("az storage blob list --account-name dstacct -c data --query [].name -o tsv 2>/dev/null")
    assert listed.stdout.strip() == ""
    missing = lab.run(f"azcopy copy 'https://srcacct.blob.core.windows.net/data/nope.txt{src}' ./x")
    assert missing.exit_code == 1
    assert "failed to perform copy command due to error: cannot start job" in missing.stderr
    assert "BlobNotFound" in missing.stderr
    anonymous = lab.run("azcopy copy 'https://srcacct.blob.core.windows.net/data/a.txt' ./x")
    assert anonymous.exit_code == 1 and "ResourceNotFound" in anonymous.stderr


def test_recursive_folder_and_overwrite_false(lab):
    src, _ = _ready(lab)
    lab.run("mkdir -p site/css")
    lab.write_file("site/index.html", "<p>hi</p>")
    lab.write_file("site/css/a.css", "p{}")
    flat = lab.run(f"azcopy copy site 'https://srcacct.blob.core.windows.net/data{src}'")
    assert flat.exit_code == 1 and "without --recursive" in flat.stderr
    r = lab.run(f"azcopy copy site 'https://srcacct.blob.core.windows.net/data{src}' --recursive")
    assert r.exit_code == 0 and "2 Done" in r.stdout, r.output
    names = lab.run("az storage blob list --account-name srcacct -c data --query [].name -o tsv 2>/dev/null")
    assert sorted(names.stdout.split()) == ["site/css/a.css", "site/index.html"]
    again = lab.run(f"azcopy copy site 'https://srcacct.blob.core.windows.net/data{src}' --recursive "
                    f"--overwrite=false")
    assert again.exit_code == 0 and "Number of File Transfers Skipped: 2" in again.stdout
    down = lab.run(f"azcopy copy 'https://srcacct.blob.core.windows.net/data/site{src}' ./out --recursive")
    assert down.exit_code == 0 and lab.run("cat out/site/css/a.css").stdout == "p{}"
    bad = lab.run("azcopy copy a b --bogus")
    assert bad.exit_code == 1 and bad.stderr.startswith("Error: unknown flag: --bogus")
