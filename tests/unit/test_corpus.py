"""The loading layer end to end: a folder in, records with provenance out."""
import hashlib
import json
import os

import pandas as pd
import pytest

from lib.load import corpus
from tests.conftest import seed_text


def record(loaded, prefix):
    rows = loaded.records[loaded.records["file"].str.startswith(prefix)]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def test_every_seed_loads_with_its_outlet_and_date_from_the_right_clue(seed_dir):
    loaded = corpus.load(seed_dir)
    assert list(loaded.records["status"]) == ["loaded"] * 5
    upi, reviews = record(loaded, "001"), record(loaded, "004")
    assert (upi["outlet"], upi["outlet_source"]) == ("UPI", "dateline")
    assert (reviews["outlet"], reviews["outlet_source"]) == ("Best Reviews By Consumers", "title-suffix")
    for prefix in ("000", "001"):
        row = record(loaded, prefix)
        assert (row["date"], row["date_source"]) == (pd.Timestamp("2025-05-08"), "header")
    for prefix in ("002", "003"):
        assert pd.isna(record(loaded, prefix)["outlet"])
        assert pd.isna(record(loaded, prefix)["outlet_source"])


def test_the_seed_clean_text_has_no_captions_credits_markers_or_stray_headline(seed_dir):
    loaded = corpus.load(seed_dir)
    clean = " ".join(loaded.with_text(loaded.records)["text"])
    for junk in ("Shutterstock", "via REUTERS", "<--", "news image", "Read More",
                 "Michael Cohen Is Accused", "signed their “strategic partnership” on Thursday"):
        assert junk not in clean, junk
    seed000 = loaded.texts.get(record(loaded, "000")["id"])
    assert seed000.count("The heads of state met in Moscow") == 1
    assert "the Chinese autocrat made a hit" in seed000
    assert "Shutterstock" not in record(loaded, "000").to_string()   # the raw text stays on disk
    assert "Shutterstock" in corpus.details(loaded, record(loaded, "000")["file"])["raw_text"]


def test_what_cleaning_removed_is_recorded_with_a_reason(seed_dir):
    loaded = corpus.load(seed_dir)
    removed = corpus.details(loaded, record(loaded, "004")["file"])["removed"]
    reasons = {item["reason"] for item in removed}
    assert {"caption", "placeholder"} <= reasons or {"caption"} <= reasons
    assert any("Sputnik/Alexander Kazakov" in item["text"] for item in removed)


def test_the_same_article_in_two_files_is_loaded_once(seed_dir):
    copy = seed_dir / "copy of 003.txt"
    copy.write_text(seed_text("003").replace("\n", "\r\n") + "\n\n", encoding="utf-8")
    loaded = corpus.load(seed_dir)
    original, duplicate = record(loaded, "003"), record(loaded, "copy")
    assert original["status"] == "loaded" and duplicate["status"] == "duplicate"
    assert duplicate["id"] == original["id"]
    assert duplicate["message"] == f"same text as {original['file']}"


def test_ids_are_stable_and_derived_from_content(seed_dir):
    first = corpus.load(seed_dir).records.set_index("file")["id"]
    os.rename(seed_dir / first.index[0], seed_dir / "renamed.txt")
    second = corpus.load(seed_dir).records.set_index("file")["id"]
    assert sorted(first) == sorted(second)
    assert all(len(i) == 16 for i in first)


def test_sources_csv_overrides_everything_and_says_so(seed_dir):
    name = record(corpus.load(seed_dir), "001")["file"]
    (seed_dir / "sources.csv").write_text(f"file,outlet,date\n{name},United Press International,2025-05-09\n")
    row = record(corpus.load(seed_dir), "001")
    assert (row["outlet"], row["outlet_source"]) == ("United Press International", "sidecar")
    assert (row["date"], row["date_source"]) == (pd.Timestamp("2025-05-09"), "sidecar")


def test_the_apps_own_settings_files_are_listed_but_never_reported_as_files_that_could_not_load(seed_dir):
    (seed_dir / "sources.csv").write_text("file,outlet\nnone.txt,AP\n")
    (seed_dir / "outlets.csv").write_text("alias,outlet\nupi,United Press International\n")
    (seed_dir / "photo.jpg").write_bytes(b"\xff\xd8")
    loaded = corpus.load(seed_dir)
    assert set(loaded.records.loc[loaded.records["status"] == "skipped", "file"]) == {
        "sources.csv", "outlets.csv", "photo.jpg"}
    assert list(loaded.problems["file"]) == ["photo.jpg"]


def test_a_broken_sources_csv_is_still_a_problem(seed_dir):
    (seed_dir / "sources.csv").write_bytes(b"\x00\x01\x02" * 100)
    assert "sources.csv" in set(corpus.load(seed_dir).problems["file"])


def test_outlet_aliases_merge_names_and_keep_the_name_as_found(seed_dir):
    (seed_dir / "outlets.csv").write_text("alias,outlet\nupi,United Press International\n")
    row = record(corpus.load(seed_dir), "001")
    assert row["outlet"] == "United Press International" and row["outlet_as_found"] == "UPI"


def test_a_photo_caption_date_counts_only_when_the_article_names_that_day(seed_dir):
    # seed 004's only full date is in a photo caption; its first paragraph says "on Tuesday (September 2)"
    row = record(corpus.load(seed_dir), "004")
    assert (row["date"], row["date_source"]) == (pd.Timestamp("2025-09-02"), "caption")
    assert pd.isna(record(corpus.load(seed_dir), "003")["date"])  # only "February 2022"


def test_export_rows_each_become_a_record_with_their_row_number(tmp_path):
    lines = [{"text": "First article about the summit in Moscow.", "source": "A", "date": "2025-05-08"},
             {"text": "Second article about the parade.", "source": "B"}]
    (tmp_path / "export.jsonl").write_text("\n".join(json.dumps(x) for x in lines) + "\n{broken\n")
    records = corpus.load(tmp_path).records
    assert list(records["row"]) == [1, 2, 3]
    assert list(records["status"]) == ["loaded", "loaded", "error"]
    assert list(records["outlet_source"][:2]) == ["record", "record"]


def test_non_english_articles_are_flagged_not_dropped(tmp_path):
    (tmp_path / "fr.txt").write_text(
        "Le président chinois Xi Jinping a rencontré jeudi à Moscou son homologue russe Vladimir "
        "Poutine pour des entretiens sur la guerre en Ukraine et le partenariat stratégique.")
    row = corpus.load(tmp_path).records.iloc[0]
    assert row["status"] == "loaded" and row["language"] == "fr" and not row["english"]
    assert "not English" in row["message"]


def test_bad_files_become_problem_rows_and_the_rest_still_loads(seed_dir):
    (seed_dir / "empty.txt").write_bytes(b"")
    (seed_dir / "blank.txt").write_bytes(b"  \n\t\n")
    (seed_dir / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (seed_dir / "archive.json").write_bytes(b"PK\x03\x04" + b"\x00" * 50)
    (seed_dir / "broken.json").write_text('{"text": ')
    (seed_dir / "table.csv").write_text("a,b\n1,2\n")
    (seed_dir / "image.png").write_bytes(b"\x89PNG")
    os.mkfifo(seed_dir / "pipe.txt")
    records = corpus.load(seed_dir).records.set_index("file")
    assert (records["status"] == "loaded").sum() == 5
    expected = {"empty.txt": "empty", "blank.txt": "whitespace", "binary.txt": "binary",
                "archive.json": "ZIP", "broken.json": "not valid JSON", "table.csv": "no text column",
                "image.png": "not supported", "pipe.txt": "named pipe"}
    for name, words in expected.items():
        assert words in records.loc[name, "message"], (name, records.loc[name, "message"])


def test_loading_never_modifies_the_corpus_folder(seed_dir):
    def snapshot():
        return {p: hashlib.sha1(p.read_bytes()).hexdigest() for p in seed_dir.rglob("*") if p.is_file()}
    before = snapshot()
    corpus.load(seed_dir)
    assert snapshot() == before


def test_new_changed_and_removed_files_show_up_on_the_next_load(seed_dir):
    first = corpus.load(seed_dir)
    (seed_dir / "new.txt").write_text("A new article about the talks in Beijing between the two leaders.")
    removed = first.records["file"].iloc[0]
    (seed_dir / removed).unlink()
    second = corpus.load(seed_dir)
    assert second.fingerprint != first.fingerprint
    assert "new.txt" in set(second.records["file"]) and removed not in set(second.records["file"])


def test_unchanged_files_are_not_parsed_again(seed_dir, monkeypatch):
    corpus.load(seed_dir)
    calls = []
    real = corpus.records_of_file
    monkeypatch.setattr(corpus, "records_of_file", lambda entry: calls.append(entry.rel) or real(entry))
    (seed_dir / "new.txt").write_text("A new article about the talks in Beijing between the two leaders.")
    corpus.load(seed_dir)
    assert calls == ["new.txt"]


def test_utf16_and_cp1252_files_load_like_utf8(tmp_path):
    text = "Xi’s visit to Moscow was “warm”, officials said on Thursday in a statement."
    (tmp_path / "a.txt").write_bytes(text.encode("utf-16"))
    (tmp_path / "b.txt").write_bytes(("B " + text).encode("cp1252"))
    loaded = corpus.load(tmp_path)
    records = loaded.with_text(loaded.records)
    assert list(records["status"]) == ["loaded", "loaded"]
    assert records["text"].iloc[0] == text and records["text"].iloc[1] == "B " + text


def test_a_file_that_cannot_be_read_is_reported_in_plain_words(seed_dir, monkeypatch):
    from lib.load import files

    real = files.read_bytes

    def refuse(entry):
        if entry.rel.startswith("002"):
            raise PermissionError(13, "Permission denied")
        return real(entry)

    monkeypatch.setattr(files, "read_bytes", refuse)
    records = corpus.load(seed_dir).records
    row = records[records["file"].str.startswith("002")].iloc[0]
    assert (row["status"], row["message"]) == ("error", "cannot be read: Permission denied")
    assert (records["status"] == "loaded").sum() == 4


def test_a_huge_file_is_refused_without_being_read(seed_dir, monkeypatch):
    from lib.load import files

    monkeypatch.setattr(files, "MAX_ARTICLE_BYTES", 1_000_000)
    with open(seed_dir / "huge.txt", "wb") as handle:
        handle.truncate(60_000_000)  # sparse: 60 MB on paper, nothing on disk
    real = files.read_bytes
    monkeypatch.setattr(files, "read_bytes",
                        lambda entry: pytest.fail("a huge file was read") if entry.rel == "huge.txt" else real(entry))
    records = corpus.load(seed_dir).records.set_index("file")
    assert "too large: 60.0 MB" in records.loc["huge.txt", "message"]


def test_a_device_file_is_never_opened(seed_dir):
    if os.geteuid() != 0:
        pytest.skip("creating a device node needs root")
    os.mknod(seed_dir / "null.txt", 0o600 | __import__("stat").S_IFCHR, os.makedev(1, 3))
    row = corpus.load(seed_dir).records.set_index("file").loc["null.txt"]
    assert row["status"] == "skipped" and "device" in row["message"]


def test_mojibake_text_is_repaired_and_says_so(tmp_path):
    mangled = "The senator said it isn’t over and the ‘talks’ will go on next week in Geneva."
    mangled = mangled.encode("utf-8").decode("cp1252").encode("utf-8")
    (tmp_path / "m.txt").write_bytes(mangled)
    loaded = corpus.load(tmp_path)
    row = loaded.with_text(loaded.records).iloc[0]
    assert "isn’t over" in row["text"] and "‘talks’" in row["text"]
    assert "mojibake" in row["message"]


def test_a_csv_with_ragged_rows_still_loads_its_good_rows(tmp_path):
    (tmp_path / "export.csv").write_text(
        'title,text,source\nOne,"First article about the summit in Moscow.",A\n'
        'Two,"Second article about the parade in Beijing.",B,extra,cells\n'
        'Three\n', encoding="utf-8")
    records = corpus.load(tmp_path).records
    assert list(records["status"]) == ["loaded", "loaded", "error"]
    assert records["message"].iloc[2] == "row 4 has no text"


def test_a_folder_full_of_files_loads_in_a_stable_order(tmp_path):
    for i in range(30):
        sub = tmp_path / f"day {i % 3}" / "nested [x]"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"é {i}.txt").write_text(f"Article number {i} reports on the talks in Moscow and Beijing.")
    files_seen = list(corpus.load(tmp_path).records["file"])
    assert len(files_seen) == 30 and files_seen == sorted(files_seen)


def test_two_versions_of_a_story_under_one_url_both_load_with_a_note(tmp_path):
    lines = [{"text": "The first version of the story about the summit.", "url": "https://x.test/a"},
             {"text": "The updated version of the story about the summit, with a new quote.", "url": "https://x.test/a"}]
    (tmp_path / "e.jsonl").write_text("\n".join(json.dumps(x) for x in lines))
    records = corpus.load(tmp_path).records
    assert list(records["status"]) == ["loaded", "loaded"]
    assert records["message"].iloc[1] == "same URL as e.jsonl, row 1 (an updated version?)"


def test_a_date_deep_in_the_body_is_history_not_the_articles_date(tmp_path):
    filler = "".join(f"Meeting {i} of the committee discussed the budget and the schedule for week {i}. "
                     for i in range(15))  # distinct sentences: cleaning would drop repeats
    (tmp_path / "a.txt").write_text(filler + "The memo was dated February 8, 2017, officials said.")
    (tmp_path / "b.txt").write_text("LONDON, March 3, 2019 — The committee met. " + filler)
    records = corpus.load(tmp_path).records.set_index("file")
    assert pd.isna(records.loc["a.txt", "date"])
    assert records.loc["b.txt", "date"] == pd.Timestamp("2019-03-03")


def test_a_dateline_date_in_a_bare_text_file_says_its_source(tmp_path):
    (tmp_path / "a.txt").write_text("Council Approves New Bus Routes\n\nSPRINGFIELD, March 3, 2021 — The city "
                                    "council voted on Wednesday to add four bus routes.\n", encoding="utf-8")
    row = corpus.load(tmp_path).records.iloc[0]
    assert (row["date"], row["date_source"]) == (pd.Timestamp("2021-03-03"), "dateline")
    assert row["title"] == "Council Approves New Bus Routes"


def test_plainly_english_text_skips_the_classifier_and_other_languages_never_do():
    from lib.load import language

    english = ("The mayor said that the council would vote on the plan this week, and that it has the "
               "support of their neighbours, who have been waiting for the bridge since it was closed.")
    others = ["Le maire a dit que le conseil votera cette semaine sur le projet, qui a le soutien des voisins.",
              "Der Bürgermeister sagte, was der Rat diese Woche über den Plan abstimmen wird, ist noch offen.",
              "De burgemeester zei dat de raad deze week over het plan stemt, of het nu steun heeft of niet.",
              "El alcalde dijo que el consejo votará esta semana el plan, que tiene el apoyo de los vecinos."]
    assert language.plainly_english(english)
    assert not any(language.plainly_english(text) for text in others)
    assert not language.plainly_english("The end.")  # too few words to be plain
