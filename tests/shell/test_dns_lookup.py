"""dig and nslookup answer for registry names as Azure DNS does from where the terminal is (the workstation: public
DNS; a VM: its VNet's linked privatelink.azurecr.io zone), following the private-link docs' chains
(MicrosoftDocs/azure-management-docs container-registry-private-endpoints.md, "Validate private link connection")."""

from __future__ import annotations

SETUP = """az group create -n rg -l westeurope -o none
az acr create -n dnsreg01 -g rg --sku Premium -o none
az network vnet create -g rg -n vnet --address-prefix 10.0.0.0/16 --subnet-name s1 --subnet-prefix 10.0.0.0/24 -o none
az vm create -g rg -n vm1 --image Ubuntu2204 --vnet-name vnet --subnet s1 --generate-ssh-keys -o none"""
ENDPOINT = """az network private-endpoint create -n pe -g rg --vnet-name vnet --subnet s1 --group-id registry \\
  --private-connection-resource-id $(az acr show -n dnsreg01 --query id -o tsv) --connection-name c -o none
az network private-dns zone create -g rg -n privatelink.azurecr.io -o none
az network private-dns link vnet create -g rg -z privatelink.azurecr.io -n link -v vnet -e false -o none"""


def test_registry_names_resolve_publicly_then_privately_inside_the_linked_vnet(lab):
    assert lab.run(SETUP).exit_code == 0
    public = lab.run("dig +short dnsreg01.azurecr.io").stdout.split()
    assert public[0] == "dnsreg01-westeurope.cloudapp.azure.com." and public[1].startswith("20.")
    assert lab.run("ssh vm1 dig +short dnsreg01.azurecr.io").stdout.split() == public  # no endpoint yet
    assert lab.run("dig +short dnsreg01.westeurope.data.azurecr.io").stdout == ""  # no data endpoints: NXDOMAIN
    assert lab.run(ENDPOINT).exit_code == 0
    full = lab.run("dig dnsreg01.azurecr.io")
    assert full.exit_code == 0 and "status: NOERROR" in full.stdout
    assert "dnsreg01.azurecr.io.\t2881\tIN\tCNAME\tdnsreg01.privatelink.azurecr.io." in full.stdout
    # inside the VNet the linked zone answers for privatelink.azurecr.io: no record yet is NXDOMAIN
    missing = lab.run("ssh vm1 dig dnsreg01.azurecr.io")
    assert "status: NXDOMAIN" in missing.stdout and "AUTHORITY SECTION" in missing.stdout
    r = lab.run("ssh vm1 nslookup dnsreg01.azurecr.io")
    assert r.exit_code == 1 and "** server can't find dnsreg01.azurecr.io: NXDOMAIN" in r.stdout
    assert lab.run("az network private-endpoint dns-zone-group create -g rg --endpoint-name pe -n default "
                   "--private-dns-zone privatelink.azurecr.io --zone-name registry -o none").exit_code == 0
    ip = lab.run("az network private-dns record-set a list -g rg -z privatelink.azurecr.io "
                 "--query \"[?name=='dnsreg01'].aRecords[0].ipv4Address\" -o tsv").stdout.strip()
    assert ip.startswith("10.0.0.")
    answer = lab.run("ssh vm1 dig +noall +answer dnsreg01.azurecr.io").stdout
    assert answer.splitlines()[-1] == f"dnsreg01.privatelink.azurecr.io.\t10\tIN\tA\t{ip}"  # zone group TTL
    r = lab.run("ssh vm1 nslookup dnsreg01.westeurope.data.azurecr.io")
    assert r.exit_code == 0 and "canonical name = dnsreg01.westeurope.data.privatelink.azurecr.io." in r.stdout
    assert "Address: 10.0.0." in r.stdout


def test_names_the_lab_has_no_dns_for_are_refused_by_name(lab):
    r = lab.run("dig example.com")
    assert r.exit_code == 2 and "no DNS answer for 'example.com'" in r.stderr
    r = lab.run("nslookup -type=MX contoso.azurecr.io")
    assert r.exit_code == 1 and "nslookup NAME" in r.stderr
    r = lab.run("dig @8.8.8.8 contoso.azurecr.io")
    assert r.exit_code == 1 and "'@8.8.8.8' is not supported" in r.stderr
    r = lab.run("dig +trace contoso.azurecr.io")
    assert r.exit_code == 1 and "not '+trace'" in r.stderr
    assert "status: NXDOMAIN" in lab.run("dig nosuchregistry.azurecr.io").stdout
