from tests.pages.conftest import edit, table
import os


def test_corpus_page_lists_every_file_with_status_and_metadata_source(app, seed_dir):
    (seed_dir / "notes.7z").write_bytes(b"7z\xbc\xaf\x27\x1c")
    at = app("corpus")
    records = table(at, "outlet_source", "words")
    assert len(records) == 6
    assert records.set_index("outlet_source").loc["dateline", "outlet"] == "UPI"
    problems = table(at, "file", "row", "status", "message")
    assert list(problems["file"]) == ["notes.7z"]
    assert "not supported" in problems["message"].iloc[0]


def test_inspecting_an_article_shows_raw_and_clean_text_and_what_was_removed(app):
    at = app("corpus")
    files = at.selectbox(key="inspect").options
    at.selectbox(key="inspect").set_value(next(i for i, f in enumerate(files) if f.startswith("004"))).run()
    raw, clean = at.code[0].value, at.code[1].value
    assert "Best Reviews By Consumers" in raw and "news image" in raw
    assert "news image" not in clean
    removed = table(at, "reason", "text")
    assert any("via REUTERS" in text for text in removed["text"])


def test_editing_a_missing_outlet_saves_sources_csv_and_updates_the_corpus(app, seed_dir):
    at = app("corpus")
    original = {p.name: p.read_bytes() for p in seed_dir.iterdir()}
    from lib.load import metadata
    metadata.write_overrides(seed_dir, {(sorted(original)[2], None): {"outlet": "Wire Digest"}}, expected=None)
    at.run()
    records = table(at, "outlet_source", "words").set_index("file")
    assert records.loc[sorted(original)[2], "outlet"] == "Wire Digest"
    assert records.loc[sorted(original)[2], "outlet_source"] == "sidecar"
    assert all((seed_dir / name).read_bytes() == data for name, data in original.items())


def test_a_file_added_while_the_app_runs_shows_up_on_the_next_interaction(app, seed_dir):
    at = app("corpus")
    (seed_dir / "late.txt").write_text("A late article about the summit between the two presidents in Moscow.")
    at.run()
    assert "late.txt" in set(table(at, "outlet_source", "words")["file"])


def test_the_status_pills_filter_the_table(app, seed_dir):
    os.mkfifo(seed_dir / "pipe.txt")
    at = app("corpus")
    at.pills(key="status_filter").set_value(["skipped"]).run()
    assert list(table(at, "outlet_source", "words")["file"]) == ["pipe.txt"]


def test_a_large_corpus_is_searched_rather_than_listed_whole(app, seed_dir):
    rows = [f'"Report {i}","Story number {i} about the harbour and the city council.",Daily {i % 3}'
            for i in range(1100)]
    (seed_dir / "export.csv").write_text("title,text,outlet\n" + "\n".join(rows) + "\n")
    at = app("corpus")
    assert len(at.selectbox(key="inspect").options) == 1000  # not 1,105
    at.text_input(key="inspect_find").input("Report 1042").run()
    assert at.selectbox(key="inspect").options == ["export.csv (row 1044)"]  # as a spreadsheet numbers it
    at.text_input(key="inspect_find").input("no such article").run()
    assert any("No article matches" in i.value for i in at.info)


# --- the metadata editor -----------------------------------------------------------------------

def _outlet_choices(at) -> list[str]:
    import json

    return json.loads(at.data_editor[0].proto.columns)["outlet"]["type_config"]["options"]


def test_the_metadata_editor_lists_what_is_missing_field_by_field_with_counts(app):
    at = app("corpus")
    choice = at.radio(key="edit_missing")
    assert choice.options == ["outlet", "date", "title", "show every article"]
    assert [c.split()[0] for c in choice.proto.captions] == ["3", "2", "3", "5"]
    assert at.data_editor[0].value["outlet"].isna().all() and len(at.data_editor[0].value) == 3
    choice.set_value("date").run()
    shown = at.data_editor[0].value
    assert len(shown) == 2 and shown["date"].isna().all()
    at.radio(key="edit_missing").set_value("any").run()
    assert len(at.data_editor[0].value) == 5


def test_outlets_are_chosen_from_the_corpus_and_a_new_one_is_typed_once(app):
    at = app("corpus")
    assert _outlet_choices(at) == ["Best Reviews By Consumers", "UPI"]  # not "(unknown outlet)", no free text
    at.text_input(key="new_outlet").input("  Harbour   Post ").run()
    assert _outlet_choices(at) == ["Best Reviews By Consumers", "Harbour Post", "UPI"]
    assert at.text_input(key="new_outlet").value == ""


def test_a_save_says_what_was_saved_and_where_and_the_file_is_an_ordinary_one(app, seed_dir):
    import stat

    at = app("corpus")
    first = at.data_editor[0].value["file"].iloc[0]
    edit(at, "metadata_editor", edited={0: {"outlet": "UPI"}, 1: {"outlet": "UPI", "title": "Harbour news"}})
    at.button(key="save_metadata").click().run()
    saved = seed_dir / "sources.csv"
    assert any(f"Saved 3 changes to {saved}" in s.value for s in at.success)
    assert f"{first},,UPI" in saved.read_text()
    by_hand = seed_dir.parent / "by_hand.csv"
    by_hand.write_text("file,outlet\n")
    assert stat.S_IMODE(saved.stat().st_mode) == stat.S_IMODE(by_hand.stat().st_mode)  # not mkstemp's 0600
    assert not any("could not be loaded" in w.value for w in at.warning)  # sources.csv is ours, not a problem
    assert at.radio(key="edit_missing").proto.captions[0] == "1 article"
    assert at.radio(key="edit_missing").value == "outlet"


def test_outlet_groups_are_edited_on_the_corpus_page_and_turn_on_compare_by_group(app, seed_dir):
    at = app("corpus")
    assert at.radio(key="compare_by").disabled  # no group yet
    groups = table(at, "outlet", "articles", "group")
    row = groups.index[groups["outlet"] == "UPI"][0]
    edit(at, "group_editor", edited={int(row): {"group": "Wire side"}})
    at.button(key="save_groups").click().run()
    assert not at.exception, at.exception
    saved = (seed_dir / "outlets.csv").read_text(encoding="utf-8")
    assert saved.splitlines()[0] == "alias,outlet,group" and ",UPI,Wire side" in saved
    at.run()
    assert not at.radio(key="compare_by").disabled


def test_an_exports_byline_and_section_are_listed_only_when_some_article_has_them(app, seed_dir):
    from tests.unit.test_exports import nexis_uni

    at = app("corpus")
    assert "byline" not in table(at, "outlet_source", "words").columns
    (seed_dir / "nexis.txt").write_text(nexis_uni(3), encoding="utf-8")
    at.run()
    records = table(at, "outlet_source", "words")
    exported = records[records["file"] == "nexis.txt"]
    assert len(exported) == 3 and exported["byline"].notna().all() and exported["section"].notna().all()


def test_merged_outlet_spellings_are_listed_and_one_can_be_kept_apart(app, seed_dir):
    (seed_dir / "more.jsonl").write_text(
        '{"outlet": "upi", "text": "The harbour council met on Tuesday about the new ferry and its fares."}\n')
    at = app("corpus")
    merges = table(at, "written", "shown_as", "articles")
    assert merges.to_dict("records") == [{"written": "upi", "shown_as": "UPI", "articles": 1}]
    at.button(key="keep_apart").click().run()
    assert not at.exception, at.exception
    assert "upi,upi," in (seed_dir / "outlets.csv").read_text(encoding="utf-8")
    at.run()
    assert "No outlet spellings were merged." in [c.value for c in at.caption]


def test_learnt_boilerplate_is_listed_and_a_line_can_be_kept_in_the_text(app, seed_dir):
    import json

    from tests.unit.test_repeats import article

    (seed_dir / "post.jsonl").write_text("".join(
        json.dumps({"outlet": "Harbour Post", "text": article(i, end="Filed under: harbour, town hall")}) + "\n"
        for i in range(3)))
    at = app("corpus")
    learnt = table(at, "outlet", "line", "articles")
    assert learnt.to_dict("records") == [{"outlet": "Harbour Post", "line": "Filed under: harbour, town hall",
                                          "articles": 3}]
    at.button(key="keep_line").click().run()
    assert not at.exception, at.exception
    assert "filed under: harbour, town hall" in (seed_dir / "boilerplate.csv").read_text(encoding="utf-8")
    at.run()
    assert any("No line recurs" in c.value for c in at.caption)
