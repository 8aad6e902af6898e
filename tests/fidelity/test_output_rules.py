"""knack / azure-cli-core output, --query and parser-error rules, pinned against their sources.

Sources checked:
- microsoft/knack knack/output.py (format_json, format_table/_TableOutput, format_tsv/_TsvOutput)
- microsoft/knack knack/query.py (--query compiled as the argparse type; searched with Options(OrderedDict))
- Azure/azure-cli src/azure-cli-core/azure/cli/core/parser.py (error(), _check_value)
- Azure/azure-cli src/azure-cli-core/azure/cli/core/command_recommender.py (provide_recommendations)
- Azure/azure-cli src/azure-cli-core/azure/cli/core/util.py (QUERY_REFERENCE, handle_exception for JMESPathError)
"""

from __future__ import annotations

QUERY_REFERENCE = "To learn more about --query, please visit: 'https://learn.microsoft.com/cli/azure/query-azure-cli'"


def test_table_with_query_capitalises_keys_and_skips_id(cli, rg):
    # knack _TableOutput._auto_table_item: id/type/etag always skipped, first letter always capitalised
    cli("az acr create -n fidreg1 -g rg-containers --sku Basic -o none")
    out = cli("az acr show -n fidreg1 --query \"{id:id, name:name, rg:resourceGroup}\" -o table").stdout
    assert out.splitlines()[0].split() == ["Name", "Rg"]


def test_tsv_top_level_bool_is_lowercase(cli, rg):
    # knack _TsvOutput._dump_row: a bare bool prints str(data).lower(); inside an object it prints str(v)
    cli("az acr create -n fidreg2 -g rg-containers --sku Basic -o none")
    assert cli("az acr show -n fidreg2 --query adminUserEnabled -o tsv").stdout == "false\n"
    row = cli("az acr show -n fidreg2 --query \"{n:name, a:adminUserEnabled}\" -o tsv").stdout
    assert row == "fidreg2\tFalse\n"


def test_tsv_projection_keeps_query_key_order(cli, rg):
    # knack query.py searches with Options(OrderedDict): a multi-select hash keeps the written order in tsv
    cli("az acr create -n fidreg3 -g rg-containers --sku Basic -o none")
    row = cli("az acr show -n fidreg3 --query \"{z:name, a:location, m:sku.name}\" -o tsv").stdout
    assert row == "fidreg3\tbrazilsouth\tBasic\n"


def test_query_returning_null_prints_nothing(cli, rg):
    # knack cli.py only formats a result that is not None
    cli("az acr create -n fidreg4 -g rg-containers --sku Basic -o none")
    assert cli("az acr show -n fidreg4 --query doesNotExist").stdout == ""


def test_empty_table_is_one_newline(cli):
    # knack _TableOutput.dump: no rows -> '' + '\n'
    assert cli("az acr list -o table").stdout == "\n"


def test_bad_query_fails_before_the_command_runs(lab):
    # --query is compiled by argparse (CLIQuery.jmespath_type): exit 2 and nothing is created
    r = lab.run("az group create -n rg-never -l eastus --query '[?'")
    assert r.exit_code == 2
    assert r.stderr == ("ERROR: argument --query: invalid jmespath_type value: '[?'\n" + QUERY_REFERENCE + "\n")
    assert lab.run("az group exists -n rg-never").stdout.strip() == "false"


def test_parser_error_lists_best_matching_help_examples(lab):
    # parser.error -> CommandRecommender.provide_recommendations: up to 3 examples ordered by matching
    # options (then fewer options), then the reference link. Observed output of `az acr show` (2025):
    r = lab.run("az acr show")
    assert r.exit_code == 2
    assert r.stderr == (
        "ERROR: the following arguments are required: --name/-n\n"
        "\n"
        "Examples from command's help:\n"
        "az acr show -n myregistry --query loginServer\n"
        "Get the login server for an Azure Container Registry.\n"
        "\n"
        "az acr show --name myregistry --resource-group MyResourceGroup\n"
        "Get the details of an Azure Container Registry\n"
        "\n"
        "az acr show --name myregistry --resource-group MyResourceGroup --query roleAssignmentMode\n"
        "Check status of ABAC-based Repository Permission on a registry.\n"
        "\n"
        "https://aka.ms/cli_ref\n"
        "Read more about the command in reference docs\n")
    r = lab.run("az acr show --resource-group")
    lines = r.stderr.splitlines()
    assert lines[0] == "ERROR: argument --resource-group/-g: expected one argument"
    assert lines[3] == "az acr show --name myregistry --resource-group MyResourceGroup"


def test_three_state_flag_accepts_only_true_false(lab, rg):
    # azure-cli get_three_state_flag: choices ['true', 'false'] (nargs '?'), checked by parser._check_value
    r = lab.run("az acr create -n fidreg5 -g rg-containers --sku Basic --admin-enabled yes")
    assert r.exit_code == 2
    assert r.stderr.startswith("ERROR: az acr create: 'yes' is not a valid value for '--admin-enabled'. "
                               "Allowed values: true, false.\n")


def test_table_transformer_failure_message():
    from acrlab.shell.az import output

    try:
        output.to_table({"x": 1}, transformer=lambda r: r["missing"])
    except output.TableUnavailable as e:
        assert str(e) == ("Table output unavailable. Use the --query option to specify an appropriate query. "
                          "Use --debug for more info.")
    else:
        raise AssertionError("expected TableUnavailable")
