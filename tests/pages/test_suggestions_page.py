"""The Framing page's "Suggested for this corpus" section on an invented corpus the shipped
lexicon knows nothing of (tests/fixtures/wordings.py)."""
import json

import pytest
from streamlit.testing.v1 import AppTest

from lib import framing
from tests.fixtures.wordings import write_corpus
from tests.pages.conftest import ROOT


@pytest.fixture
def wordings(tmp_path, monkeypatch):
    folder = tmp_path / "wordings"
    write_corpus(folder)
    monkeypatch.setenv("FRAMESCOPE_DATA", str(folder))
    return folder


def open_framing() -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    at.run()
    at.switch_page("pages/framing.py").run()
    assert not at.exception, at.exception
    return at


TOP = "undocumented immigrants / illegal aliens"


def test_suggestions_come_first_when_the_lexicon_matches_nothing(wordings):
    at = open_framing()
    headers = [h.value for h in at.header]
    assert headers.index("Suggested for this corpus") < headers.index("Your lexicon")
    picker = at.selectbox(key="suggestion")
    assert picker.value == TOP
    chart = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert {t["name"] for t in chart["data"]} == {"undocumented immigrants", "illegal aliens"}
    evidence = " ".join(m.value for m in at.markdown)
    assert "The Ledger" in evidence and "The Courier" in evidence


def test_add_to_lexicon_makes_it_an_ordinary_set(wordings):
    at = open_framing()
    at.button(key="add_suggestion").click().run()
    assert not at.exception, at.exception
    lexicon = framing.read_lexicon(wordings)[0]
    assert TOP in set(lexicon["group"])
    assert (wordings / framing.LEXICON_FILE).is_file()
    assert TOP in at.selectbox(key="group").options
    assert TOP not in at.selectbox(key="suggestion").options


def test_dismiss_hides_the_suggestion_and_is_remembered(wordings):
    at = open_framing()
    at.button(key="dismiss_suggestion").click().run()
    assert not at.exception, at.exception
    assert framing.read_dismissed(wordings) == {TOP}
    assert not (wordings / framing.LEXICON_FILE).exists()
    remaining = at.selectbox(key="suggestion").options if at.selectbox else []
    assert TOP not in remaining


def test_names_of_one_event_too_rare_to_rank_are_offered_and_say_so(tmp_path, monkeypatch):
    folder = tmp_path / "annexation"
    folder.mkdir()
    rows = [{"outlet": "Daily Ledger", "text": "Crowds watched Norland's seizure of Verland at dawn. Tanks crossed the river. "
                                               "Crowds gathered in the square to watch the columns pass."},
            {"outlet": "Morning Post", "text": "The capital welcomed Norland's absorption of Verland with music. "
                                               "Officials said the ceremony would be held on the river bank."}]
    (folder / "export.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    monkeypatch.setenv("FRAMESCOPE_DATA", str(folder))
    at = open_framing()
    picker = at.selectbox(key="suggestion")
    wanted = "absorption / seizure (Verland)"
    labels = dict(zip(picker.options, range(len(picker.options))))
    assert any(label.endswith(f"{wanted}  (too few uses to compare outlets, N = 2)") for label in labels)
    picker.set_value(wanted).run()
    assert not at.exception, at.exception
    chart = json.loads(at.get("plotly_chart")[-1].proto.spec)
    assert {t["name"] for t in chart["data"]} == {"seizure of verland", "absorption of verland"}
    assert any("used too rarely here" in c.value for c in at.caption)
