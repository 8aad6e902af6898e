"""Running a docs page's code blocks in a fresh lab, page by page: blocks come from docs_blocks/<page>.json
(extracted by docs_extract.py; commands only), placeholders are replaced by the names the lab uses, and every
command block of the page is either run with its expected outcome or skipped with the reason written down."""

from __future__ import annotations

import json
import pathlib

BLOCKS = pathlib.Path(__file__).with_name("docs_blocks")
COMMAND_LANGS = {"azurecli", "azurecli-interactive", "azurepowershell", "azurepowershell-interactive", "bash",
                 "console", "sh", "shell", "powershell"}
OUTPUT_LANGS = {"output", "json", "text", "yaml", "", "http"}


class Page:
    def __init__(self, lab, page: str, subs: dict[str, str] | None = None):
        self.lab = lab
        self.page = page
        data = json.loads((BLOCKS / f"{page.replace('/', '__')}.json").read_text(encoding="utf-8"))
        self.source = data["source"]
        self.blocks = data["blocks"]
        self.subs = dict(subs or {})
        self.done: dict[int, str] = {}

    def code(self, index: int) -> str:
        text = self.blocks[index]["code"]
        for old, new in self.subs.items():
            text = text.replace(old, new)
        return text

    def run(self, index: int, exit_code: int = 0, contains: str | None = None, shell: str = "bash",
            answer: str | None = None):
        """Run block `index`; assert its exit code and, if given, a text its output must contain. `answer` is what
        the learner types at a y/n prompt (the block runs as in an interactive terminal)."""
        block = self.blocks[index]  # includes fence commands without a language: any block may be run
        sh = self.lab.session
        ask = sh.state.get("ask")
        if answer is not None:  # az reads pending_answer; PowerShell's ShouldContinue asks through state['ask']
            sh.interactive, sh.state["pending_answer"], sh.state["ask"] = True, answer, lambda prompt: answer
        try:
            r = self.lab.run(self.code(index), shell=shell)
        finally:
            sh.interactive = False
            if answer is not None:
                sh.state["ask"] = ask
        where = f"{self.page} block {index} ({block['heading']}):\n{self.code(index)}"
        assert r.exit_code == exit_code, f"{where}\nexited {r.exit_code}, expected {exit_code}\n{r.output}"
        if contains is not None:
            assert contains in r.output, f"{where}\n{contains!r} not in:\n{r.output}"
        self.done[index] = "run"
        return r

    def skip(self, index: int, reason: str) -> None:
        assert reason, "a skipped block needs its reason"
        self.done[index] = reason

    def finish(self) -> None:
        """Every command block of the page was run or skipped with a reason."""
        missing = [i for i, b in enumerate(self.blocks) if b["lang"] in COMMAND_LANGS and i not in self.done]
        assert not missing, f"{self.page}: command blocks neither run nor skipped: {missing}"
