import io

from acrlab.quiz import PracticeSession, default_bank, select_items
from acrlab.quiz.cli import main, parse_response
from acrlab.quiz.scoring import display_options

BANK = default_bank()


def test_feedback_explains_every_option():
    s = PracticeSession([BANK.get("sku-included-storage")])
    fb = s.submit("A")
    assert not fb.correct and fb.earned == 0
    assert len(fb.details) == 4 and "[correct]" in fb.details[2]
    assert s.finished and s.summary()["possible"] == 1


def test_select_filters():
    items = select_items(BANK, sections=["3.3"], types=["single"])
    assert items and all(i.section == "3.3" and i.type == "single" for i in items)


def test_parse_dropdown_uses_display_order():
    item = BANK.get("impl-cli-create-dropdown")
    nums = [str(display_options(item, n).index(item.blanks[n].answer) + 1) for n in item.blank_order()]
    resp = parse_response(item, " ".join(nums))
    assert resp == {"sku": "--sku Standard", "admin": "--admin-enabled false"}


def test_plain_text_practice(monkeypatch, tmp_path):
    monkeypatch.setenv("ACRLAB_HOME", str(tmp_path))
    out = io.StringIO()
    # two single items from 13; first answer is garbage and must be re-asked
    inp = io.StringIO("zz\nA\nB\n")
    rc = main(["practice", "--section", "6.4", "--type", "single", "--count", "2"], stdin=inp, stdout=out)
    text = out.getvalue()
    assert rc == 0 and "try again" in text and "Done:" in text
    assert (tmp_path / "progress.db").exists()


def test_practice_eof_is_clean(monkeypatch, tmp_path):
    monkeypatch.setenv("ACRLAB_HOME", str(tmp_path))
    out = io.StringIO()
    assert main(["practice", "--count", "1", "--no-store"], stdin=io.StringIO(""), stdout=out) == 130
