"""`acrlab shell` and `acrlab lab --plain` read input as bash does: PS2 for unfinished input (decided by the lab's
parsers), and in `acrlab shell` readline's Tab completion, whose second Tab lists the candidates."""

from __future__ import annotations

import io
import os
import pty
import select
import signal
import sys
import time

import pytest

from acrlab.shell.continuation import needs_more


@pytest.mark.parametrize("text, more", [
    ("cat > acr-task.yaml <<EOF", True), ("cat <<EOF\nsteps:", True), ("cat <<-EOF\n\tx\n\tEOF", False),
    ("echo 'open", True), ('echo "open', True), ("echo $(date", True), ("echo `date", True),
    ("az acr list \\", True), ("az acr list |", True), ("true &&", True), ("false ||", True),
    ("{ echo a", True), ("( echo a", True), ("if true; then", True), ("for i in 1 2", True),
    ("while true; do", True), ("case x in", True), ("f() {", True), ("echo ${x", True),
    ("echo done", False), ("echo a; echo b", False), ("echo )", False), ("# comment \\", False),
    ("echo 'a\\'", False), ("", False),
])
def test_bash_input_is_complete_where_the_bash_parser_says_so(text, more):
    assert needs_more(text, "bash") is more


@pytest.mark.parametrize("text, more", [
    ("Get-AzContainerRegistry `", True), ("if ($true) {", True), ("$h = @{", True), ("'open", True),
    ("Get-AzContainerRegistry |", True), ("@'", True), ("@'\nx\n'@", False), ("Get-AzContext", False),
])
def test_powershell_input_is_complete_where_its_parser_says_so(text, more):
    assert needs_more(text, "pwsh") is more


def test_plain_lab_reads_a_here_document_with_the_continuation_prompt():
    from acrlab.labs.play import play

    out = io.StringIO()
    script = "cat > acr-task.yaml <<EOF\nversion: v1.1.0\nsteps:\nEOF\ncat acr-task.yaml\nquit\n"
    assert play("quick-build", stdin=io.StringIO(script), out=out) == 0
    text = out.getvalue()
    assert "$ > > > " in text  # three continuation prompts, then the next command's prompt
    assert "version: v1.1.0\nsteps:\n" in text


class Pty:
    """`acrlab shell` on a pseudo-terminal, as a learner's terminal runs it (readline active)."""

    def __init__(self, argv: list[str]) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child
            env = dict(os.environ, TERM="xterm", COLUMNS="200", LINES="50")
            os.execvpe(argv[0], argv, env)
        self.seen = b""

    def read_until(self, needle: bytes, timeout: float = 60) -> bytes:
        end = time.monotonic() + timeout
        while needle not in self.seen:
            left = end - time.monotonic()
            if left <= 0:
                raise AssertionError(f"{needle!r} not seen; got {self.seen[-600:]!r}")
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                try:
                    self.seen += os.read(self.fd, 65536)
                except OSError:
                    break
        return self.seen

    def send(self, data: bytes) -> None:
        self.seen = b""
        os.write(self.fd, data)

    def close(self) -> None:
        try:
            os.write(self.fd, b"\x03\x04")  # ctrl+c drops the line, ctrl+d leaves
            for _ in range(100):
                if os.waitpid(self.pid, os.WNOHANG)[0]:
                    return
                time.sleep(0.05)
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except OSError:
            pass
        finally:
            os.close(self.fd)


def test_acrlab_shell_completes_with_readline_and_double_tab_lists_candidates():
    term = Pty([sys.executable, "-m", "acrlab", "shell"])
    try:
        term.read_until(b"learner@workstation:~$ ")
        term.send(b"az group create -n rg-pty -l eastus -o none\r")
        term.read_until(b"$ ")
        term.send(b"az acr create -n ptyreg001 -g rg-pty --sku Basic -o none\r")
        term.read_until(b"$ ")
        term.send(b"az acr crea\t")  # one candidate: completed at once
        term.read_until(b"az acr create")
        term.send(b"\x15az acr c\t\t")  # ctrl+u, then an ambiguous prefix and two Tabs: the list
        listing = term.read_until(b"credential")
        assert b"check-name" in listing and b"create" in listing
        term.send(b"\x15az acr show -g rg-pty -n pty\t")  # a resource name from the tenant
        term.read_until(b"ptyreg001")
        term.send(b"\x15cat <<EOF\r")  # unfinished input: bash's PS2
        term.read_until(b"> ")
        term.send(b"from a here-document\rEOF\r")
        term.read_until(b"from a here-document\r\nlearner@workstation:~$ ")
    finally:
        term.close()
