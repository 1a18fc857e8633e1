import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def scan(*args):
    return subprocess.run([sys.executable, "-m", "lib", "scan", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_scan_json_gives_one_object_per_record_with_provenance(seed_dir):
    (seed_dir / "bad.json").write_text("{")
    result = scan(seed_dir, "--json")
    assert result.returncode == 0
    records = {r["file"]: r for r in json.loads(result.stdout)}
    assert len(records) == 6
    upi = next(r for r in records.values() if r["file"].startswith("001"))
    assert (upi["outlet"], upi["outlet_source"], upi["date"], upi["date_source"]) == \
        ("UPI", "dateline", "2025-05-08", "header")
    assert upi["status"] == "loaded" and len(upi["id"]) == 16 and upi["words"] > 300
    assert "text" not in upi
    assert records["bad.json"]["status"] == "error" and "JSON" in records["bad.json"]["message"]


def test_scan_text_adds_the_clean_text(seed_dir):
    records = json.loads(scan(seed_dir, "--json", "--text").stdout)
    assert all("Shutterstock" not in r["text"] for r in records)


def test_scan_prints_a_readable_table_and_a_summary(seed_dir):
    result = scan(seed_dir)
    assert "UPI (dateline)" in result.stdout
    assert "5 records" in result.stderr and "5 loaded" in result.stderr


def test_scan_of_a_missing_folder_exits_2(tmp_path):
    result = scan(tmp_path / "nowhere")
    assert result.returncode == 2 and "not found" in result.stderr


def analyze(*args):
    return subprocess.run([sys.executable, "-m", "lib", "analyze", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


def test_analyze_json_reports_articles_outlets_and_what_was_reused(seed_dir):
    first = json.loads(analyze(seed_dir, "--json", "--workers", "1").stdout)
    assert (first["analyzed"], first["reused"]) == (5, 0)
    scan_ids = {r["file"]: r["id"] for r in json.loads(scan(seed_dir, "--json").stdout)}
    for article in first["articles"]:
        assert article["id"] == scan_ids[article["file"]]
        assert -1 <= article["sentiment"] <= 1 and article["sentences"] > 5
        assert article["keywords"] and all(k == k.lower() for k in article["keywords"])
    upi = next(o for o in first["outlets"] if o["outlet"] == "UPI")
    assert upi["articles"] == 1 and upi["ci_low"] is None and upi["keywords"]
    again = json.loads(analyze(seed_dir, "--json").stdout)
    assert (again["analyzed"], again["reused"]) == (0, 5)


def test_analyze_prints_a_table_by_default(seed_dir):
    result = analyze(seed_dir, "--workers", "1")
    assert result.returncode == 0 and "UPI" in result.stdout and "analysed 5" in result.stderr


def test_analyze_json_gives_framing_terms_and_actor_labels_with_voice(seed_dir):
    articles = {a["file"][:3]: a for a in json.loads(analyze(seed_dir, "--json", "--workers", "1").stdout)["articles"]}
    autocrat = [t for t in articles["000"]["terms"] if t["term"] == "autocrat"]
    assert autocrat and autocrat[0]["voice"] == "narrative"
    assert any(l["actor"] == "Xi Jinping" and l["label"] == "autocrat" for l in articles["000"]["labels"])
    for seed in ("001", "002"):
        assert any(t["term"] == "dear friend" and t["voice"] == "quoted" for t in articles[seed]["terms"])
    war = {seed: {t["term"] for t in articles[seed]["terms"] if t["group"] == "Naming the war in Ukraine"}
           for seed in ("003", "004")}
    assert "military intervention" in war["003"] and "invasion" in war["004"]


def test_analyze_json_gives_each_article_its_story(seed_dir):
    articles = json.loads(analyze(seed_dir, "--json", "--workers", "1").stdout)["articles"]
    stories = {a["file"][:3]: a["story"] for a in articles}
    assert stories["000"] == stories["001"] == stories["002"]
    assert len({stories["000"], stories["003"], stories["004"]}) == 3
    assert all(a["story_label"] for a in articles)


def report(*args):
    return subprocess.run([sys.executable, "-m", "lib", "report", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


def test_report_writes_a_self_contained_html_briefing_with_every_default_chart(seed_dir, tmp_path):
    out = tmp_path / "briefing.html"
    result = report(seed_dir, "--out", out)
    assert result.returncode == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    for title in ("Articles per outlet", "Tone by outlet", "Top keyphrases per outlet",
                  "Naming the war in Ukraine", "How each outlet labels Xi Jinping"):
        assert title in page
    assert page.count("Plotly.newPlot") >= 6 and "default-src 'none'" in page
    assert "Method: VADER sentence sentiment" in page


def test_report_filters_by_outlet_and_date(seed_dir, tmp_path):
    out = tmp_path / "upi.html"
    result = report(seed_dir, "--out", out, "--outlet", "UPI", "--from", "2025-05-01", "--to", "2025-05-31")
    assert result.returncode == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert "Filters: UPI · 2025-05-01 to 2025-05-31" in page
    assert "N articles per outlet: UPI 1<" in page and "Best Reviews" not in page


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="needs Debian's chromium (make test installs it)")
def test_report_writes_a_multi_page_pdf(seed_dir, tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "briefing.pdf"
    result = report(seed_dir, "--out", out)
    assert result.returncode == 0, result.stderr
    pages = PdfReader(out).pages
    assert len(pages) >= 6
    assert "Articles per outlet" in pages[0].extract_text()


def test_report_refuses_an_unknown_suffix_and_an_empty_selection(seed_dir, tmp_path):
    wrong = report(seed_dir, "--out", tmp_path / "briefing.docx")
    assert wrong.returncode == 2 and ".html, .pdf, .zip" in wrong.stderr
    empty = report(seed_dir, "--out", tmp_path / "x.html", "--outlet", "Nobody")
    assert empty.returncode == 2 and "no article matches" in empty.stderr
    assert not (tmp_path / "x.html").exists()


def cli(*args):
    return subprocess.run([sys.executable, "-m", "lib", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("command", [["scan"], ["scan", "--json"], ["analyze"], ["analyze", "--json"]])
def test_every_command_on_a_folder_without_articles_says_what_it_found_and_exits_0(articleless, command):
    result = cli(command[0], articleless, *command[1:])
    assert result.returncode == 0 and "Traceback" not in result.stderr
    said = result.stderr
    assert ("holds no files" in said) if articleless.name == "empty" else ("No article could be read" in said
                                                                          and "1 skipped, 2 error" in said)
    assert "Framescope reads .txt" in said


def test_analyze_json_on_a_folder_without_articles_is_an_empty_result(articleless):
    result = cli("analyze", articleless, "--json")
    assert json.loads(result.stdout) == {"analyzed": 0, "reused": 0, "articles": [], "outlets": []}


def test_report_on_a_folder_without_articles_writes_nothing_and_says_why(articleless, tmp_path):
    out = tmp_path / "briefing.html"
    result = cli("report", articleless, "--out", out)
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert "No report was written" in result.stderr and not out.exists()


def test_analyze_json_gives_each_article_its_five_frames_and_scores(tmp_path):
    folder = tmp_path / "invented"
    folder.mkdir()
    (folder / "articles.jsonl").write_text((ROOT / "tests" / "fixtures" / "frames" / "articles.jsonl").read_text())
    result = json.loads(analyze(folder, "--json", "--workers", "1").stdout)
    names = {"conflict", "economic", "human_interest", "moral", "resolution"}
    by_frame = {}
    for article in result["articles"]:
        assert set(article["frames"]) == names and set(article["frame_scores"]) == names
        assert all(isinstance(v, bool) for v in article["frames"].values())
        assert all(0 <= v <= 1 for v in article["frame_scores"].values())
        for frame, present in article["frames"].items():
            by_frame.setdefault(frame, []).append((present, article["outlet"]))
    assert len(result["articles"]) == 5
    assert all(sum(p for p, _ in decided) == 1 for decided in by_frame.values())  # one article per frame
    assert [o for p, o in by_frame["economic"] if p] == ["Daily Bugle"]


def framing_cli(*args):
    return subprocess.run([sys.executable, "-m", "lib", "framing", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


def test_framing_suggest_json_lists_sets_best_first_with_terms_outlets_and_evidence(tmp_path):
    from tests.fixtures.wordings import write_corpus

    folder = tmp_path / "wordings"
    write_corpus(folder)
    result = framing_cli(folder, "--suggest", "--json")
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    assert items and [i["score"] for i in items] == sorted((i["score"] for i in items), reverse=True)
    top = items[0]
    assert {t["term"] for t in top["terms"]} == {"undocumented immigrants", "illegal aliens"}
    assert all(set(t) == {"term", "variants", "matches"} and t["matches"] > 0 for t in top["terms"])
    ledger = {o["term"]: o["share"] for o in top["outlets"] if o["outlet"] == "The Ledger"}
    assert ledger == {"undocumented immigrants": 1.0}
    assert {e["outlet"] for e in top["evidence"]} == {"The Ledger", "The Courier"}
    assert all(set(e) == {"article_id", "outlet", "sentence"} for e in top["evidence"])


def test_framing_without_suggest_gives_the_lexicon_sets_shares(seed_dir):
    result = framing_cli(seed_dir, "--json")
    assert result.returncode == 0, result.stderr
    items = {i["group"]: i for i in json.loads(result.stdout)}
    assert "Naming the war in Ukraine" in items
    war = items["Naming the war in Ukraine"]
    assert war["score"] is None
    assert any(o["term"] == "invasion" for o in war["outlets"])
    text = framing_cli(seed_dir)
    assert "Naming the war in Ukraine" in text.stdout


def test_on_the_seeds_the_names_of_the_war_come_out_without_the_lexicon(seed_dir):
    result = framing_cli(seed_dir, "--suggest", "--json")
    assert result.returncode == 0, result.stderr
    war = [i for i in json.loads(result.stdout) if i["group"].endswith("(Ukraine)")]
    assert len(war) == 1
    assert {"invasion of ukraine", "intervention in ukraine"} <= {t["term"] for t in war[0]["terms"]}
    assert war[0]["score"] == 0   # five articles: too few uses to say that outlets differ
    assert {o["outlet"] for o in war[0]["outlets"]} >= {"(unknown outlet)", "Best Reviews By Consumers"}


def test_framing_on_an_empty_folder_is_a_message(tmp_path):
    result = framing_cli(tmp_path, "--suggest", "--json")
    assert result.returncode == 0 and json.loads(result.stdout) == []
    assert result.stderr.strip()
