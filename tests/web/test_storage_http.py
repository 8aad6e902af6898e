"""Storage blobs over the lab's web: Put Blob / Get Blob / List Blobs with a container SAS, a Microsoft Entra bearer
token judged by the Storage Blob Data roles (Owner alone is not enough), anonymous reads refused on a private
container, the Blob service's XML errors.

Sources: MicrosoftDocs/azure-docs articles/storage/blobs/authorize-access-azure-active-directory.md (data roles,
not Owner, authorize data access), the Blob service REST reference (Put Blob requires x-ms-blob-type and answers
201; List Blobs is ?restype=container&comp=list; errors are XML with x-ms-error-code).
"""

from __future__ import annotations

SETUP = """az group create -n rg -l eastus -o none
az storage account create -n websa -g rg -l eastus --sku Standard_LRS -o none
az storage container create -n box --account-name websa -o none 2>/dev/null
KEY=$(az storage account keys list -n websa --query [0].value -o tsv)
SAS=$(az storage container generate-sas -n box --account-name websa --account-key $KEY --permissions racwdl \\
  --expiry 2099-01-01 -o tsv)
echo hello > f.txt"""
BLOB = "https://websa.blob.core.windows.net/box/f.txt"


def test_sas_put_get_and_list(lab):
    r = lab.run(f'curl -s -w "%{{http_code}}" -T f.txt -H "x-ms-blob-type: BlockBlob" "{BLOB}?$SAS"')
    assert r.stdout == "201"
    assert lab.run(f'curl -s "{BLOB}?$SAS"').stdout == "hello\n"
    r = lab.run('curl -s "https://websa.blob.core.windows.net/box?restype=container&comp=list&$SAS"')
    assert "<Name>f.txt</Name>" in r.stdout
    r = lab.run(f'curl -s -i -X PUT "{BLOB.replace("f.txt", "g.txt")}?$SAS"')
    assert "x-ms-error-code: MissingRequiredHeader" in r.stdout and "<Code>MissingRequiredHeader</Code>" in r.stdout
    assert "<Code>ResourceNotFound</Code>" in lab.run(f"curl -s {BLOB}").stdout


def test_a_bearer_token_needs_a_blob_data_role(lab):
    lab.run(f'curl -s -T f.txt -H "x-ms-blob-type: BlockBlob" "{BLOB}?$SAS"')
    get = f'T=$(az account get-access-token --resource https://storage.azure.com --query accessToken -o tsv)\n' \
          f'curl -s -H "Authorization: Bearer $T" {BLOB}'
    assert "<Code>AuthorizationPermissionMismatch</Code>" in lab.run(get).stdout
    lab.run("az role assignment create --assignee learner@contoso.onmicrosoft.com --role 'Storage Blob Data Reader' "
            "--scope $(az storage account show -n websa --query id -o tsv) -o none")
    assert lab.run(get).stdout == "hello\n"
