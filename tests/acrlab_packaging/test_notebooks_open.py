"""`acrlab notebooks open`: the learner's own copies of the walkthroughs (never overwritten), opened in JupyterLab
(the Learn pages give this command; it works after any install, editable or not)."""

from __future__ import annotations

import importlib.util

from acrlab.notebook_tools import main


def test_open_copies_once_keeps_the_learners_edits_and_names_the_jupyterlab_command(tmp_path, capsys):
    folder = tmp_path / "mine"
    code = main(["open", "02_skus_and_limits.ipynb", "--dir", str(folder), "--print-only"])
    out, err = capsys.readouterr()
    copies = sorted(p.name for p in folder.glob("*.ipynb"))
    assert len(copies) >= 11 and "02_skus_and_limits.ipynb" in copies
    if importlib.util.find_spec("jupyterlab") is None:
        assert code == 2 and "pip install 'acrlab[notebooks]'" in err
    else:
        assert code == 0 and out.strip().endswith(f"-m jupyterlab {folder / '02_skus_and_limits.ipynb'}")
    (folder / "02_skus_and_limits.ipynb").write_text("my edits", encoding="utf-8")
    main(["open", "--dir", str(folder), "--print-only"])
    assert (folder / "02_skus_and_limits.ipynb").read_text(encoding="utf-8") == "my edits"
    assert "0 notebook(s) copied" in capsys.readouterr().out


def test_open_refuses_an_unknown_notebook(tmp_path, capsys):
    assert main(["open", "99_nope.ipynb", "--dir", str(tmp_path)]) == 2
    assert "no notebook '99_nope.ipynb'" in capsys.readouterr().err
