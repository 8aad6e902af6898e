"""Writes the walkthrough notebooks (the source of truth for their content). Run: python notebooks/build_notebooks.py

Cells: ("md", text) | ("code", source) | ("solution", source) — solution cells are removed by
`acrlab notebooks student OUT_DIR`; the check cell after them uses the lab grader's checks."""

from __future__ import annotations

import pathlib

import nbformat

HERE = pathlib.Path(__file__).parent
SETUP = "%load_ext acrlab.notebook\nfrom acrlab import notebook as nb\nnb.reset(seed=0)"

NOTEBOOKS: dict[str, list[tuple[str, str]]] = {}
OBJECTIVES: dict[str, list[str]] = {  # ids from the course vocabulary (acrlab/objectives.py), checked by tests
    "01_registry_repository_tag_digest": ["acr.structure", "acr.images"],
    "02_skus_and_limits": ["acr.sku", "acr.monitor"],
    "03_authentication": ["acr.auth.admin", "acr.auth.rbac", "acr.auth.tokens"],
    "04_acr_login_and_cicd": ["acr.auth.login", "acr.auth.rbac"],
    "05_acr_tasks": ["acr.tasks"],
    "06_lifecycle": ["acr.lifecycle", "acr.repos"],
    "07_network_security": ["acr.network"],
    "08_geo_replication": ["acr.georep"],
    "09_trust_signing_defender": ["acr.trust"],
    "10_implementation_methods": ["acr.deploy"],
    "11_decisions_and_mistakes": ["acr.sku", "acr.auth.rbac", "acr.consume"],
}


def notebook(name: str, cells: list[tuple[str, str]]) -> None:
    NOTEBOOKS[name] = cells


notebook("01_registry_repository_tag_digest", [
    ("md", "# 1. Registry, repository, tag, digest — and layers\n\nCourse sections: Registry, repository and tag; Practical operation. An image is addressed as "
           "`<registry>.azurecr.io/<repository>:<tag>` or `...@sha256:<digest>`. The **tag is mutable**, the "
           "**digest is immutable** (it is the SHA-256 of the manifest), and **layers are stored once per registry**."
           "\n\nEverything here runs in a simulated tenant: nothing talks to Azure."),
    ("code", SETUP),
    ("code", "%%az\ngroup create -n rg-containers -l brazilsouth -o none\n"
             "acr create --name myacr --resource-group rg-containers --sku Standard --location brazilsouth "
             "--admin-enabled false --query \"{name:name, loginServer:loginServer, sku:sku.name}\""),
    ("md", "Pull a public image, tag it for the registry and push it. `az acr login` gives Docker a token valid "
           "for 3 hours."),
    ("code", "%%lab_bash\naz acr login --name myacr\ndocker pull nginx:1.27 -q\n"
             "docker tag nginx:1.27 myacr.azurecr.io/api-gateway:v1.2.3\ndocker push myacr.azurecr.io/api-gateway:v1.2.3"),
    ("md", "Same content, another tag: the digest does not change and no layer is uploaded twice."),
    ("code", "%%lab_bash\ndocker tag nginx:1.27 myacr.azurecr.io/api-gateway:latest\n"
             "docker push myacr.azurecr.io/api-gateway:latest\n"
             "az acr repository show-tags --name myacr --repository api-gateway --output table"),
    ("md", "Now move `latest` to a different image. The old manifest keeps its other tag; had it had none, it would "
           "be **untagged** but still stored (and billed)."),
    ("code", "%%lab_bash\ndocker pull nginx:alpine -q\ndocker tag nginx:alpine myacr.azurecr.io/api-gateway:latest\n"
             "docker push myacr.azurecr.io/api-gateway:latest > /dev/null\n"
             "az acr manifest list-metadata --registry myacr --name api-gateway --query \"[].{digest:digest, tags:tags}\""),
    ("code", "nb.registry_tree('myacr')"),
    ("md", "Reference an image by digest for production (a best practice): `myacr.azurecr.io/api-gateway@sha256:...`."),
    ("code", "d = %az acr manifest list-metadata -r myacr -n api-gateway --query \"[?contains(tags, 'v1.2.3')].digest | [0]\" -o tsv\n"
             "print(f\"myacr.azurecr.io/api-gateway@{str(d).strip()}\")"),
    ("md", "## Exercise\nPush `redis:7.4` into repository `cache` with tags `7.4` **and** `stable` on the same digest."),
    ("solution", "%%lab_bash\ndocker pull redis:7.4 -q\ndocker tag redis:7.4 myacr.azurecr.io/cache:7.4\n"
                 "docker tag redis:7.4 myacr.azurecr.io/cache:stable\ndocker push myacr.azurecr.io/cache:7.4\n"
                 "docker push myacr.azurecr.io/cache:stable"),
    ("code", "nb.check({'kind': 'image', 'title': 'cache has 7.4 and stable on one digest', 'registry': 'myacr',\n"
             "          'repository': 'cache', 'tags_present': ['7.4', 'stable'], 'same_digest': ['7.4', 'stable']})"),
])

notebook("02_skus_and_limits", [
    ("md", "# 2. SKUs and limits\n\nCourse sections: Service tiers; Operation and maintenance. Basic, Standard and Premium differ in included storage "
           "(10/100/500 GiB), webhooks (2/10/500), and Premium-only features: geo-replication, private link, "
           "customer-managed keys, retention policy (Docker Content Trust, once Premium-only, cannot be enabled on new registries any more; zone redundancy is in every tier).\n\n> **Where the course and Microsoft disagree.** "
           "The course's table of *layer reads/writes per day* (1,000/10,000/50,000 and 200/500/1,000) matches no "
           "Microsoft version. The documentation gives **requests per minute**: today reads 10,000 / 10,000 / 20,000 "
           "per registry (5,000 / 5,000 / 10,000 per identity) and writes 2,000 / 2,000 / 4,000. The lab enforces the "
           "documented figures (HTTP 429 `TOOMANYREQUESTS`)."),
    ("code", SETUP),
    ("code", "%%az\ngroup create -n rg-containers -l brazilsouth -o none\n"
             "acr create -n basicacr -g rg-containers --sku Basic -o none\n"
             "acr show-usage -n basicacr -o table"),
    ("md", "Premium-only features are refused on lower tiers with the service's own error:"),
    ("code", "%az acr replication create --registry basicacr --location eastus"),
    ("code", "%az acr config retention update --registry basicacr --status enabled --days 30 --type UntaggedManifests"),
    ("code", "%az acr update -n basicacr --sku Premium --query sku.name"),
    ("code", "%az acr show-usage -n basicacr --query \"value[?name=='Size'].limit | [0]\""),
    ("md", "Estimated monthly cost by SKU for a registry holding different amounts of data (engine price model, "
           "dated and marked as an estimate):"),
    ("code", "%matplotlib inline\nimport matplotlib.pyplot as plt\nfrom acrlab import insights\n"
             "sizes = [5, 50, 150, 600]\ncosts = insights.monthly_cost_by_sku(sizes)\n"
             "for sku, row in costs.items():\n    plt.plot(sizes, row, marker='o', label=sku)\n"
             "plt.xlabel('GiB stored'); plt.ylabel('USD / month (estimate)'); plt.legend(); plt.title('Monthly cost by SKU')\n"
             "plt.show()"),
    ("md", "## Exercise\nCreate `webhookacr` (Basic) in `rg-containers`, then change it to the cheapest SKU that allows "
           "**five** webhooks."),
    ("solution", "%%az\nacr create -n webhookacr -g rg-containers --sku Basic -o none\nacr update -n webhookacr --sku Standard -o none"),
    ("code", "nb.check({'kind': 'registry', 'title': 'webhookacr is Standard', 'registry': 'webhookacr',\n"
             "          'query': 'sku.name', 'expect': {'equals': 'Standard'}})"),
])

notebook("03_authentication", [
    ("md", "# 3. Authentication: admin user, RBAC roles, tokens and scope maps\n\nCourse section: Authentication — *the area of "
           "greatest importance for AZ-104*. Three ways in: the **admin user** (shared, avoid), **Entra ID + RBAC** "
           "(recommended), and **repository-scoped tokens** (for systems without Entra ID)."),
    ("code", SETUP),
    ("code", "%%az\ngroup create -n rg-containers -l brazilsouth -o none\n"
             "acr create -n myacr -g rg-containers --sku Standard -o none\n"
             "acr update --name myacr --resource-group rg-containers --admin-enabled true --query adminUserEnabled\n"
             "acr credential show --name myacr --resource-group rg-containers --query \"{user:username, names:passwords[].name}\""),
    ("md", "The admin user is one shared identity with push **and** pull on everything. Turn it off again:"),
    ("code", "%az acr update -n myacr --admin-enabled false --query adminUserEnabled"),
    ("md", "### RBAC\nAssign the narrowest role at the narrowest scope. AcrPull to what pulls, AcrPush to what pushes."),
    ("code", "%%lab_bash\nACR_ID=$(az acr show --name myacr --resource-group rg-containers --query id -o tsv)\n"
             "az ad sp create-for-rbac --name sp-ci --query appId -o tsv > /dev/null\n"
             "SP_ID=$(az ad sp list --display-name sp-ci --query [0].id -o tsv)\n"
             "az role assignment create --assignee $SP_ID --role AcrPush --scope $ACR_ID --query roleDefinitionName"),
    ("code", "nb.role_assignments('myacr')"),
    ("md", "### Tokens and scope maps\nA token gives a system outside Entra ID access to *some* repositories only."),
    ("code", "%az acr token create --name partner-pull --registry myacr --repository partner/app content/read --query \"{name:name, scopeMap:scopeMapId}\""),
    ("code", "%az acr scope-map list --registry myacr --query \"[].name\""),
    ("md", "## Exercise\nGive principal `sp-ci` **AcrPull only** (remove its AcrPush) on `myacr`."),
    ("solution", "%%lab_bash\nACR_ID=$(az acr show --name myacr --query id -o tsv)\n"
                 "SP_ID=$(az ad sp list --display-name sp-ci --query [0].id -o tsv)\n"
                 "az role assignment delete --assignee $SP_ID --role AcrPush --scope $ACR_ID\n"
                 "az role assignment create --assignee $SP_ID --role AcrPull --scope $ACR_ID -o none"),
    ("code", "nb.check({'kind': 'role_limit', 'title': 'sp-ci has only AcrPull on myacr', 'principal': 'sp-ci',\n"
             "          'roles': ['AcrPull'], 'scope': '/subscriptions/{{sub}}/resourceGroups/rg-containers/providers/Microsoft.ContainerRegistry/registries/myacr'.replace('{{sub}}', nb.lab().cloud.subscription.subscription_id)})"),
])

notebook("04_acr_login_and_cicd", [
    ("md", "# 4. `az acr login` and CI/CD authentication\n\nCourse sections: Azure CLI, Decision making, Common mistakes. `az acr login` exchanges "
           "your Entra ID sign-in for an ACR token that Docker uses for **3 hours**. Pipelines should use their own "
           "identity (service principal or managed identity) with AcrPush — not the admin user, not a person's token."),
    ("code", SETUP),
    ("code", "%%lab_bash\naz group create -n rg-containers -l brazilsouth -o none\n"
             "az acr create -n myacr -g rg-containers --sku Standard -o none\naz acr login --name myacr\n"
             "docker pull alpine -q && docker tag alpine myacr.azurecr.io/tools/alpine:1 && docker push myacr.azurecr.io/tools/alpine:1 > /dev/null\n"
             "echo pushed"),
    ("md", "Three hours later the token has expired (the lab's clock only moves when told):"),
    ("code", "%lab advance 3h"),
    ("code", "%%lab_bash\ndocker pull myacr.azurecr.io/tools/alpine:1"),
    ("md", "Without Docker (CI agents, Cloud Shell) use `--expose-token` and feed Docker the token on stdin:"),
    ("code", "%%lab_bash\nTOKEN=$(az acr login --name myacr --expose-token --output tsv --query accessToken)\n"
             "docker login myacr.azurecr.io --username 00000000-0000-0000-0000-000000000000 --password-stdin <<< $TOKEN"),
    ("md", "A pipeline signs in as its service principal — its own, auditable identity:"),
    ("code", "%%lab_bash\nACR_ID=$(az acr show -n myacr --query id -o tsv)\n"
             "CREDS=$(az ad sp create-for-rbac --name sp-pipeline --role AcrPush --scopes $ACR_ID -o json)\n"
             "echo \"$CREDS\" | grep -c appId"),
    ("md", "## Exercise\nCreate a user-assigned managed identity `id-builder` in `rg-containers` and give it **AcrPush** "
           "on `myacr` (the pattern for *Azure Pipelines with Managed Identity*)."),
    ("solution", "%%lab_bash\naz identity create -n id-builder -g rg-containers -o none\n"
                 "PID=$(az identity show -n id-builder -g rg-containers --query principalId -o tsv)\n"
                 "az role assignment create --assignee-object-id $PID --assignee-principal-type ServicePrincipal --role AcrPush "
                 "--scope $(az acr show -n myacr --query id -o tsv) -o none"),
    ("code", "nb.check({'kind': 'access', 'title': 'id-builder can push', 'principal': 'id-builder', 'registry': 'myacr',\n"
             "          'repository': 'tools/alpine', 'operation': 'push', 'allowed': True})"),
])

notebook("05_acr_tasks", [
    ("md", "# 5. ACR Tasks: build in Azure, no local Docker\n\nCourse sections: ACR Tasks; Integration and automation. Quick tasks (`az acr build`), "
           "automatic triggers (commit, base image), scheduled tasks (cron, UTC) and multi-step tasks."),
    ("code", SETUP),
    ("code", "nb.lab().write_file('Dockerfile', 'FROM mcr.microsoft.com/dotnet/aspnet:8.0\\nARG BUILD_VERSION=dev\\n"
             "COPY app/ /app/\\nENTRYPOINT [\"dotnet\", \"/app/api.dll\"]\\n')\n"
             "nb.lab().write_file('app/api.dll', 'binary')"),
    ("code", "%%lab_bash\naz group create -n rg-containers -l brazilsouth -o none\n"
             "az acr create -n myacr -g rg-containers --sku Standard -o none\n"
             "az acr build --registry myacr --image api-gateway:v1.2.3 --file Dockerfile ."),
    ("md", "Tasks run again on their own. A commit to the branch triggers this one (the lab has a simulated Git host):"),
    ("code", "%%lab_bash\naz acr task create --registry myacr --name task-build-api-gateway --image 'api-gateway:{{.Run.ID}}' "
             "--arg 'BUILD_VERSION={{.Run.ID}}' --context https://github.com/minhaorg/meu-repo.git#refs/heads/main "
             "--file Dockerfile --git-access-token ghp_example -o none\n"
             "lab git push https://github.com/minhaorg/meu-repo.git --branch main\n"
             "az acr task list-runs --registry myacr -o table"),
    ("md", "## Exercise\nSchedule a task `nightly` on `myacr` that builds `api-gateway:nightly` from the same repository "
           "every day at 02:00 UTC."),
    ("solution", "%%az\nacr task create -r myacr -n nightly -t api-gateway:nightly -c https://github.com/minhaorg/meu-repo.git#main "
                 "-f Dockerfile --schedule '0 2 * * *' --commit-trigger-enabled false -o none"),
    ("code", "nb.check({'kind': 'az', 'title': 'nightly runs at 02:00 UTC',\n"
             "          'command': 'az acr task timer list -r myacr -n nightly', 'query': '[0].schedule',\n"
             "          'expect': {'equals': '0 2 * * *'}})"),
])

notebook("06_lifecycle", [
    ("md", "# 6. Lifecycle: retention, purge, soft delete, storage growth\n\nCourse sections: Azure CLI, Best practices, "
           "Common mistakes, Operation and maintenance. 20 builds a day make ~7,300 images a year. Untagged manifests "
           "still cost storage until something removes them.\n\n> **Docs over the course.** The retention policy for "
           "untagged manifests is **Premium-only** (the course's Bicep sample enables it on a Standard registry; Azure "
           "refuses that). If production pulls images **by digest**, don't use a retention policy: a digest that loses "
           "its tag would be deleted while still in use."),
    ("code", SETUP),
    ("code", "%matplotlib inline\nimport matplotlib.pyplot as plt\nfrom acrlab import insights\n"
             "without = insights.storage_growth(days=365, builds_per_day=20)\n"
             "with_ret = insights.storage_growth(days=365, builds_per_day=20, retention_days=30)\n"
             "plt.plot(*zip(*without), label='no retention'); plt.plot(*zip(*with_ret), label='retention 30 days')\n"
             "plt.xlabel('day'); plt.ylabel('GiB stored'); plt.legend(); plt.title('A year of CI builds'); plt.show()\n"
             "print(f'after a year: {without[-1][1]:.0f} GiB without retention, {with_ret[-1][1]:.1f} GiB with it')"),
    ("code", "%%az\ngroup create -n rg-containers -l brazilsouth -o none\nacr create -n myacr -g rg-containers --sku Premium -o none\n"
             "acr config retention update --registry myacr --status enabled --days 30 --type UntaggedManifests"),
    ("md", "`acr purge` removes old tags on demand (runs as a task inside the registry):"),
    ("code", "%%lab_bash\naz acr login -n myacr\ndocker pull alpine -q\n"
             "docker tag alpine myacr.azurecr.io/api-gateway:v1.0.0 && docker push myacr.azurecr.io/api-gateway:v1.0.0 > /dev/null\n"
             "az acr run --cmd \"acr purge --filter 'api-gateway:.*' --untagged --ago 30d --dry-run\" --registry myacr /dev/null"),
    ("md", "## Soft delete (preview)\n\nSoft delete keeps deleted artifacts **restorable** for 1-90 days (default 7), "
           "in every tier; they are billed as storage until the daily auto-purge removes them. Microsoft's documentation "
           "says a registry can't have both soft delete and the retention policy (the CLI still accepts both commands), "
           "and soft delete doesn't support geo-replicated registries, so this part uses a second, Standard registry."),
    ("code", "%%lab_bash\naz acr create -n softacr -g rg-containers --sku Standard -o none\n"
             "az acr config soft-delete update -r softacr --status enabled --days 14 -o none\n"
             "az acr import -n softacr --source docker.io/library/alpine:3.20 --image tools/alpine:3.20 -o none\n"
             "az acr repository delete -n softacr --image tools/alpine:3.20 --yes > /dev/null\n"
             "az acr manifest list-deleted -r softacr -n tools/alpine --query \"[].{digest:digest, deleted:deletedTime}\""),
    ("code", "%%lab_bash\nDIGEST=$(az acr manifest list-deleted -r softacr -n tools/alpine --query \"[0].digest\" -o tsv)\n"
             "az acr manifest restore -r softacr -n tools/alpine:3.20 -d $DIGEST -o none\n"
             "az acr repository show-tags -n softacr --repository tools/alpine"),
    ("md", "## Exercise\nOn registry `myacr`, make untagged manifests disappear **7 days** after they lose their tag."),
    ("solution", "%az acr config retention update -r myacr --status enabled --days 7 --type UntaggedManifests -o none"),
    ("code", "nb.check({'kind': 'retention', 'title': 'retention 7 days', 'registry': 'myacr', 'days': 7})"),
])

notebook("07_network_security", [
    ("md", "# 7. Network security: public access, firewall, private link\n\nCourse section: Control and security. Premium registries can "
           "deny public access and be reached only through a **private endpoint** in your VNet."),
    ("code", SETUP),
    ("code", "%%lab_bash\naz group create -n rg-containers -l brazilsouth -o none\naz group create -n rg-networking -l brazilsouth -o none\n"
             "az acr create -n myacr -g rg-containers --sku Premium -o none\n"
             "az network vnet create -g rg-networking -n vnet-production --address-prefix 10.0.0.0/16 "
             "--subnet-name subnet-private-endpoints --subnet-prefix 10.0.1.0/24 -o none\n"
             "az acr update --name myacr --resource-group rg-containers --public-network-enabled false --query publicNetworkAccess"),
    ("code", "%%lab_bash\naz network private-endpoint create --name pe-acr-myacr --resource-group rg-networking "
             "--vnet-name vnet-production --subnet subnet-private-endpoints "
             "--private-connection-resource-id $(az acr show --name myacr --query id -o tsv) "
             "--group-id registry --connection-name conn-acr-myacr --query \"privateLinkServiceConnections[0].privateLinkServiceConnectionState.status\""),
    ("md", "From the internet the registry now refuses you (HTTP 403):"),
    ("code", "%%lab_bash\naz acr login -n myacr"),
    ("md", "## Exercise\nAllow the office range `203.0.113.0/24` through the registry firewall (public access back on, "
           "default action Deny)."),
    ("solution", "%%az\nacr update -n myacr --public-network-enabled true --default-action Deny -o none\n"
                 "acr network-rule add -n myacr --ip-address 203.0.113.0/24 -o none"),
    ("code", "nb.check({'kind': 'registry', 'title': 'office range allowed', 'registry': 'myacr',\n"
             "          'query': 'networkRuleSet.ipRules[].ipAddressOrRange', 'expect': {'contains': '203.0.113.0/24'}})"),
])

notebook("08_geo_replication", [
    ("md", "# 8. Geo-replication and egress\n\nCourse sections: Practical operation; Azure CLI. Pulls from another region pay egress; a "
           "replica (Premium) serves them locally."),
    ("code", SETUP),
    ("code", "%%az\ngroup create -n rg-containers -l brazilsouth -o none\nacr create -n myacr -g rg-containers --sku Premium -o none\n"
             "acr replication create --registry myacr --location eastus -o none\nacr replication list -r myacr -o table"),
    ("code", "%az acr replication create --registry myacr --location brazilsouth"),
    ("md", "Egress: VMs in East US pulling a 300 MB image 40 times a day from a Brazil South registry. Every pull "
           "crosses regions until a replica serves them locally — computed by the engine, priced by its (dated) "
           "price table. Note the trade-off: the replica doubles the Premium registry charge."),
    ("code", "%matplotlib inline\nimport matplotlib.pyplot as plt\nfrom acrlab import insights\n"
             "d = insights.egress_with_without_replica(days=30, pulls_per_day=40)\n"
             "for label, v in d.items():\n    plt.plot(*zip(*v['series']), label=f\"{label}: ~${v['estimate']['totalUsd']:.0f}/month\")\n"
             "plt.xlabel('day'); plt.ylabel('billed egress, GiB (cumulative)'); plt.legend(); plt.title('Egress with and without a replica')\n"
             "plt.show()"),
    ("md", "## Exercise\nAdd a replica in `westeurope`."),
    ("solution", "%az acr replication create -r myacr -l westeurope -o none"),
    ("code", "nb.check({'kind': 'replica', 'title': 'replica in westeurope', 'registry': 'myacr', 'location': 'westeurope'})"),
])

notebook("09_trust_signing_defender", [
    ("md", "# 9. Signing and Defender scanning\n\nCourse section: Control and security.\n\n"
           "**Signing today is the Notary Project.** You sign with the **Notation** CLI and its Azure Key Vault plug-in "
           "(the key never leaves Key Vault); the signature is an OCI artifact stored in the registry next to the image "
           "(`az acr manifest list-referrers` lists it), and a verifier such as Ratify on AKS admits only signed images. "
           "In the default RBAC mode the signing identity needs AcrPull and AcrPush (Repository Reader and Writer in "
           "ABAC mode):\n\n```bash\nnotation key add --plugin azure-kv --id $KEY_ID signing-key\n"
           "notation sign --key signing-key myacr.azurecr.io/web@sha256:<digest>\n"
           "notation verify myacr.azurecr.io/web@sha256:<digest>\n```\n\n"
           "> **Docs over the course.** The course presents Docker Content Trust (Premium, signers with AcrImageSigner) "
           "as the signing feature. DCT is deprecated since 2025-03-31; since 2026-05-31 it cannot be enabled on new "
           "registries or on registries that never enabled it, and it is removed on 2028-03-31.\n\n"
           "**Microsoft Defender for Containers** scans images pushed to a registry, imported into it, and any image "
           "pulled in the last 30 days; with network rules in place it needs the *trusted services* setting."),
    ("code", SETUP),
    ("code", "%%lab_bash\naz group create -n rg-containers -l brazilsouth -o none\n"
             "az acr create -n myacr -g rg-containers --sku Premium -o none\n"
             "az security pricing create --name Containers --tier Standard --query pricingTier\n"
             "az acr login -n myacr\n"
             "docker pull nginx -q && docker tag nginx myacr.azurecr.io/web:v1 && docker push myacr.azurecr.io/web:v1 > /dev/null\n"
             "lab scans myacr"),
    ("md", "Restricting the network can silently stop the scans: the trusted-services bypass is what lets Defender in."),
    ("code", "%az acr show -n myacr --query \"{publicNetworkAccess:publicNetworkAccess, bypass:networkRuleBypassOptions}\""),
    ("md", "## Exercise\nTurn public network access off on `myacr` while keeping Defender (a trusted Microsoft service) "
           "able to reach it."),
    ("solution", "%az acr update -n myacr --public-network-enabled false --allow-trusted-services true -o none"),
    ("code", "nb.check({'kind': 'registry', 'title': 'public access off', 'registry': 'myacr',\n"
             "          'query': 'publicNetworkAccess', 'expect': {'equals': 'Disabled'}},\n"
             "         {'kind': 'registry', 'title': 'trusted services allowed', 'registry': 'myacr',\n"
             "          'query': 'networkRuleBypassOptions', 'expect': {'equals': 'AzureServices'}})"),
])

notebook("10_implementation_methods", [
    ("md", "# 10. Four ways to the same registry: CLI, PowerShell, Bicep (and the portal)\n\nCourse section: Implementation methods. Each "
           "method below creates a Standard registry and gives an identity AcrPull; the engine state is the same."),
    ("code", SETUP),
    ("code", "%%az\ngroup create -n rg-containers -l brazilsouth -o none\n"
             "acr create --name clidemo --resource-group rg-containers --sku Standard --location brazilsouth --admin-enabled false --query sku.name"),
    ("code", "%%pwsh\nNew-AzContainerRegistry `\n-ResourceGroupName \"rg-containers\" `\n-Name \"pwshdemo\" `\n"
             "-Sku \"Standard\" `\n-Location \"brazilsouth\" `\n-EnableAdminUser:$false\n"
             "$acr = Get-AzContainerRegistry -Name \"pwshdemo\" -ResourceGroupName \"rg-containers\"\n$acr.LoginServer"),
    ("code", "nb.lab().write_file('main.bicep', '''param location string = resourceGroup().location\n"
             "param acrName string = 'bicepdemo'\n\nresource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {\n"
             "  name: acrName\n  location: location\n  sku: {\n    name: 'Standard'\n  }\n  properties: {\n"
             "    adminUserEnabled: false\n  }\n}\n\noutput acrLoginServer string = acr.properties.loginServer\n''')"),
    ("code", "%az deployment group create -g rg-containers --template-file main.bicep --query properties.outputs.acrLoginServer.value"),
    ("code", "%az acr list -g rg-containers --query \"[].{name:name, sku:sku.name, admin:adminUserEnabled}\" -o table"),
    ("md", "## Exercise\nWith **PowerShell**, create registry `pwshexercise` (Basic, brazilsouth) in `rg-containers`."),
    ("solution", "%%pwsh\nNew-AzContainerRegistry -ResourceGroupName rg-containers -Name pwshexercise -Sku Basic -Location brazilsouth | Out-Null"),
    ("code", "nb.check({'kind': 'registry', 'title': 'pwshexercise is Basic', 'registry': 'pwshexercise',\n"
             "          'query': 'sku.name', 'expect': {'equals': 'Basic'}})"),
])

notebook("11_decisions_and_mistakes", [
    ("md", "# 11. Decisions and common mistakes\n\nCourse sections: Decision making, Best practices, Common mistakes: which SKU, which identity, and the "
           "mistakes that cost real teams — admin user in pipelines, AcrPush for AKS, `latest` in production."),
    ("code", SETUP),
    ("md", "Layers are shared: eight services on one base image cost far less than eight times the image size."),
    ("code", "%matplotlib inline\nimport matplotlib.pyplot as plt\nfrom acrlab import insights\nd = insights.dedup_savings(services=8)\n"
             "xs = [p[0] for p in d['points']]\nplt.plot(xs, [p[1] for p in d['points']], marker='o', label='sum of image sizes')\n"
             "plt.plot(xs, [p[2] for p in d['points']], marker='o', label='stored (deduplicated)')\n"
             "plt.xlabel('services'); plt.ylabel('GiB'); plt.legend(); plt.title('Layer deduplication'); plt.show()"),
    ("md", "**Mistake: `latest` in production.** A moving tag changes under a running deployment; pin the digest."),
    ("code", "%%lab_bash\naz group create -n rg-containers -l brazilsouth -o none\n"
             "az acr create -n myacr -g rg-containers --sku Standard -o none\naz acr login -n myacr\n"
             "docker pull alpine -q && docker tag alpine myacr.azurecr.io/api:latest && docker push myacr.azurecr.io/api:latest > /dev/null\n"
             "az acr repository show -n myacr --image api:latest --query digest -o tsv"),
    ("md", "## Exercise\nThe AKS kubelet identity needs to pull — give managed identity `id-aks-kubelet` the least "
           "privilege that works on `myacr`."),
    ("solution", "%%lab_bash\naz identity create -n id-aks-kubelet -g rg-containers -o none\n"
                 "az role assignment create --assignee-object-id $(az identity show -n id-aks-kubelet -g rg-containers --query principalId -o tsv) "
                 "--assignee-principal-type ServicePrincipal --role AcrPull --scope $(az acr show -n myacr --query id -o tsv) -o none"),
    ("code", "nb.check({'kind': 'access', 'title': 'kubelet can pull', 'principal': 'id-aks-kubelet', 'registry': 'myacr',\n"
             "          'repository': 'api', 'operation': 'pull', 'allowed': True},\n"
             "         {'kind': 'access', 'title': 'kubelet cannot push', 'principal': 'id-aks-kubelet', 'registry': 'myacr',\n"
             "          'repository': 'api', 'operation': 'push', 'allowed': False})"),
])


def build() -> None:
    for name, cells in NOTEBOOKS.items():
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nb.metadata["language_info"] = {"name": "python"}
        nb.metadata["acrlab"] = {"objectives": OBJECTIVES[name]}
        for kind, src in cells:
            if kind == "md":
                nb.cells.append(nbformat.v4.new_markdown_cell(src))
            else:
                cell = nbformat.v4.new_code_cell(src)
                if kind == "solution":
                    cell.metadata["tags"] = ["solution"]
                nb.cells.append(cell)
        for i, cell in enumerate(nb.cells):
            cell["id"] = f"{name[:2]}-{i:02d}"
        nbformat.write(nb, HERE / f"{name}.ipynb")


if __name__ == "__main__":
    build()
    print(f"wrote {len(NOTEBOOKS)} notebooks")
