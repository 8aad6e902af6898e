"""The bash subset: variables, substitution, quoting, continuations, pipes, redirections."""

from __future__ import annotations


def test_assignment_and_command_substitution(cli, rg):
    cli("az acr create -n myacr -g rg-containers --sku Standard -o none")
    r = cli('ACR_ID=$(az acr show --name myacr --resource-group rg-containers --query id -o tsv)\necho "id=$ACR_ID"')
    assert r.stdout.strip().endswith("/providers/Microsoft.ContainerRegistry/registries/myacr")
    assert r.stdout.startswith("id=/subscriptions/")


def test_line_continuations_and_comments(cli, rg):
    r = cli("# Create ACR\naz acr create \\\n--name myacr \\\n--resource-group rg-containers \\\n--sku Standard \\\n"
            "--location brazilsouth \\\n--admin-enabled false", checks={"sku.name": "Standard",
                                                                        "location": "brazilsouth",
                                                                        "adminUserEnabled": False})
    assert r.exit_code == 0


def test_quotes_braces_and_export(cli):
    r = cli("export NAME=world\nGREETING='hello'\necho \"${GREETING} $NAME\" '$NAME'")
    assert r.stdout == "hello world $NAME\n"


def test_unknown_program_is_127(lab):
    r = lab.run("kubectx")
    assert r.exit_code == 127
    assert r.stderr == "bash: kubectx: command not found\n"


def test_and_or_and_exit_status(lab):
    r = lab.run("false && echo no || echo yes; echo $?")
    assert r.stdout == "yes\n0\n"


def test_pipes_redirection_heredoc(lab):
    r = lab.run("cat <<EOF > Dockerfile\nFROM alpine\nRUN echo hi\nEOF\ncat Dockerfile | grep FROM\nls")
    assert r.stdout == "FROM alpine\nDockerfile\n"
    assert lab.read_file("Dockerfile") == "FROM alpine\nRUN echo hi\n"


def test_here_string_and_stderr_redirect(lab):
    r = lab.run("cat <<< hello; az nope 2>/dev/null; echo $?")
    assert r.stdout == "hello\n2\n"
    assert r.stderr == ""


def test_syntax_errors_are_reported_not_raised(lab):
    for text in ['echo "unterminated', "echo $(az", "| grep x", "echo a &&", "echo ${}"]:
        r = lab.run(text)
        assert r.exit_code == 2
        assert r.stderr.startswith("bash: ")


def test_word_splitting_of_unquoted_expansions(lab):
    r = lab.run('X="a  b"\nprintf "%s|" $X; echo; printf "%s|" "$X"; echo')
    assert r.stdout == "a|b|\na  b|\n"
    # splitting uses IFS's blanks only: a no-break space (U+00A0, pasted from web pages) stays inside the word
    r = lab.run('X="a\u00a0b c"\u00a0\nprintf "%s|" $X; echo')
    assert r.stdout == "a\u00a0b|c\u00a0|\n"


def test_sleep_moves_the_simulated_clock(lab):
    before = lab.now
    lab.run("sleep 90")
    assert (lab.now - before).total_seconds() == 90
