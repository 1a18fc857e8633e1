"""Boilerplate learnt from repetition: furniture lines of one outlet go, story lines stay.
Every article here is invented."""
import json
from pathlib import Path

import pandas as pd

from lib.load import corpus, metadata, repeats

STORIES = [
    "The harbour council met on Tuesday to argue about the new bridge.",
    "Fishermen said the winter catch was the smallest in a decade.",
    "Teachers in the valley towns voted to accept the pay offer.",
    "A small bakery cooperative reported its best year yet.",
    "The river authority said the new weir would open in the autumn.",
    "Residents of the old quarter asked for a second bus route.",
]


ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth"]


def article(i: int, *, middle: str = "", end: str = "") -> str:
    """Article ``i``: four paragraphs of its own (no two articles share one), then ``middle``
    inside and ``end`` as its last line."""
    body = [f"{STORIES[(i + j) % len(STORIES)]} So the {ORDINALS[j]} paragraph of the {ORDINALS[i]} story says."
            for j in range(4)]
    lines = body[:2] + [middle] + body[2:] + [end]
    return "\n\n".join(line for line in lines if line)


def write(folder: Path, rows: list[tuple[str, str]]) -> None:
    (folder / "export.jsonl").write_text("".join(json.dumps({"outlet": o, "text": t}) + "\n" for o, t in rows))


def test_a_line_ending_many_articles_of_one_outlet_is_learnt_and_taken_out_of_the_clean_text(tmp_path):
    rows = [("Harbour Post", article(i, end=f"Tap to find the day's harbour news: https://hp.example/s/{i}x")) for i in range(4)]
    rows.append(("Valley Times", article(4, end="Tap to find the day's harbour news: https://vt.example/a")))
    write(tmp_path, rows)
    loaded = corpus.load(tmp_path)
    texts = loaded.with_text(loaded.articles).set_index("outlet")["text"]
    assert not texts["Harbour Post"].str.contains("Tap to find").any()
    assert "Tap to find" in texts["Valley Times"]  # once in another outlet: not its furniture
    assert list(loaded.boilerplate[["outlet", "articles"]].itertuples(index=False, name=None)) == [("Harbour Post", 4)]
    assert loaded.boilerplate["line"][0].startswith("Tap to find the day's harbour news: https://hp.example/s/")
    details = corpus.details(loaded, "export.jsonl", 1)
    assert any(r["reason"] == corpus.LEARNT_REASON and r["text"].startswith("Tap to find") for r in details["removed"])
    assert "Tap to find" in details["raw_text"]  # the raw text keeps it


def test_story_sentences_quotes_and_versions_of_one_story_are_never_learnt():
    comment = "He declined to comment on the plan."
    quote = "“We will not back down,” the mayor said."
    texts = [article(i, middle=f"{comment}\n\n{quote}") for i in range(4)]
    others = [f"Filler story {i} has a line of its own.\n\nAnd a second line {i} too." for i in range(20)]
    keys = [repeats.line_keys(t) for t in texts + others]
    learnt = repeats.learn(["post"] * len(keys), keys)
    assert repeats.key(comment) not in learnt.get("post", {})  # a sentence mid-article
    assert repeats.key(quote) not in learnt.get("post", {})    # a quote in 4 of 24 articles
    assert repeats.key(quote) in repeats.learn(["post"] * 12, keys[:12]).get("post", {})  # 4 of 12: furniture
    versions = [article(0) + "\n\nUpdated with the vote.", article(0) + "\n\nUpdated again.", article(0)]
    learnt = repeats.learn(["post"] * 3, [repeats.line_keys(t) for t in versions])
    assert not learnt  # three versions of one story share their paragraphs: nothing is furniture


def test_numbers_addresses_and_handles_do_not_make_a_line_new():
    assert repeats.key("Updated at 3:15 p.m. ET") == repeats.key("Updated at 10:02 p.m. ET")
    assert repeats.key("Follow her on Twitter @jane") == repeats.key("Follow her on Twitter @ann_b")
    assert repeats.key("Read more: https://a.example/1") == repeats.key("Read more: http://b.example/xyz")
    assert repeats.key("Updated at 3 p.m.") != repeats.key("Updated in the morning")


def test_a_kept_line_stays_in_the_text(tmp_path):
    rows = [("Harbour Post", article(i, end="Harbour Post reporters contributed.")) for i in range(4)]
    write(tmp_path, rows)
    loaded = corpus.load(tmp_path)
    assert loaded.boilerplate["normal"].tolist() == ["harbour post reporters contributed."]
    metadata.keep_line(tmp_path, loaded.boilerplate["normal"][0])
    again = corpus.load(tmp_path)
    assert again.boilerplate.empty
    assert again.with_text(again.articles)["text"].str.contains("reporters contributed").all()
    assert "harbour post reporters contributed." in (tmp_path / "boilerplate.csv").read_text()


def test_a_new_file_is_cleaned_with_what_the_corpus_taught(tmp_path):
    rows = [("Harbour Post", article(i, end="Filed under: harbour, bridge")) for i in range(3)]
    write(tmp_path, rows)
    (tmp_path / "new.txt").write_text("source: Harbour Post\n\n" + article(3, end="Filed under: harbour, bridge"))
    loaded = corpus.load(tmp_path)
    new = loaded.with_text(loaded.articles).set_index("file").loc["new.txt"]
    assert "Filed under" not in new["text"] and new["words"] == len(new["text"].split())


def test_furniture_with_a_changing_part_is_learnt_by_its_fixed_words():
    credits = [f"{name} contributed to this report." for name in ("Ann Writer", "Bob Desk", "Cara Field")]
    links = [f"( Also on the Post: {title})" for title in ("Bridge vote tonight", "Ferry fares rise", "Mayor quits")]
    texts = [article(i, middle=links[i], end=credits[i]) for i in range(3)]
    learnt = repeats.learn(["post"] * 3, [repeats.line_keys(t) for t in texts])["post"]
    for i, text in enumerate(texts):
        stripped, removed = repeats.strip(text, learnt)
        assert removed == [links[i], credits[i]] and "paragraph" in stripped
    lone = article(4, end="Dan Other contributed to this report.")
    assert repeats.strip(lone, learnt)[1] == ["Dan Other contributed to this report."]  # a new file: known furniture


def test_separators_drawn_differently_are_one_rule():
    assert repeats.key("___") == repeats.key("* * *") == repeats.key("•••") == repeats.key("-------")
    assert repeats.key("___") != repeats.key("A line")


def test_a_player_notice_glued_to_a_long_changing_caption_is_learnt_by_its_start():
    captions = ["Video notice: playback is not available here. Caption The harbour master walks along the new "
                "breakwater as the first ferries of the season arrive",
                "Video notice: playback is not available here. Caption Teachers gather outside the valley school "
                "hall before the vote on the pay offer",
                "Video notice: playback is not available here. Caption The bakery cooperative shows the ovens it "
                "bought with the grant it won"]
    texts = [article(i, middle=captions[i]) for i in range(3)]
    learnt = repeats.learn(["site"] * 3, [repeats.line_keys(t) for t in texts])["site"]
    for i, text in enumerate(texts):
        stripped, removed = repeats.strip(text, learnt)
        assert removed == [captions[i]] and stripped.count("paragraph") == 4
    # a caption ending like a sentence is taken with the notice it opens with; a story line is not
    quoted = ('Video notice: playback is not available here. Caption The mayor: "We will build the bridge '
              'this year, whatever the council says about the cost".')
    stripped, removed = repeats.strip(article(4, middle=quoted), learnt)
    assert removed == [quoted] and stripped.count("paragraph") == 4


def test_long_sentences_opening_alike_at_the_edges_are_not_learnt():
    # wire leads open alike ("HARBOURTOWN (Wire) — The ..."): a story's first sentence, not furniture
    texts = [article(i).replace(STORIES[i], "HARBOURTOWN (Wire) — The " + STORIES[i].lower(), 1) for i in range(4)]
    assert repeats.learn(["wire"] * 4, [repeats.line_keys(t) for t in texts]) == {}


def test_a_second_load_reads_what_was_stripped_back_and_strips_again_only_when_the_lines_learnt_change(tmp_path, monkeypatch):
    folder, cache = tmp_path / "corpus", tmp_path / "cache"
    folder.mkdir()
    rows = [("Harbour Post", article(i, middle="MORE FROM THE HARBOUR POST", end=f"Tap to find the day's harbour news: https://hp.example/s/{i}x"))
            for i in range(4)] + [("Valley Times", article(4, end="Subscribe to the Valley Times today"))]
    write(folder, rows)
    first = corpus.load(folder, cache=cache)
    stripped: list[str] = []
    real = repeats.strip
    monkeypatch.setattr(repeats, "strip", lambda text, learnt: (stripped.append(text), real(text, learnt))[1])
    corpus._CACHE.clear()
    corpus._TEXTS.clear()
    again = corpus.load(folder, cache=cache)   # a restart: nothing stripped line by line
    assert stripped == []
    assert list(again.articles["id"]) == list(first.articles["id"])
    shown = ["id", "outlet", "words", "text"]
    pd.testing.assert_frame_equal(again.with_text(again.articles)[shown], first.with_text(first.articles)[shown])
    pd.testing.assert_frame_equal(again.boilerplate, first.boilerplate)
    assert corpus.details(again, "export.jsonl", 1)["removed"] == corpus.details(first, "export.jsonl", 1)["removed"]
    texts = again.with_text(again.articles)["text"]
    assert not texts.str.contains("MORE FROM|Tap to find").any()
    # a new file of an outlet with no learnt lines: nothing is stripped again
    rows += [("Valley Times", article(5, end="Subscribe to the Valley Times today"))]
    write(folder, rows)
    corpus.load(folder, cache=cache)
    assert stripped == []
    # the analyst keeps one of the Harbour Post's lines: its articles are stripped again, and keep it
    metadata.keep_line(folder, "more from the harbour post")
    kept = corpus.load(folder, cache=cache)
    assert len(stripped) == 4 and all("MORE FROM" in text for text in stripped)
    harbour = kept.with_text(kept.articles).query("outlet == 'Harbour Post'")["text"]
    assert harbour.str.contains("MORE FROM").all() and not harbour.str.contains("Tap to find").any()


def test_what_stripping_did_reads_back_as_written_nothing_removed_included(tmp_path):
    from lib.store import learnt

    kept = {("a", "k1"): learnt.Stripped("a2", 40, ("Read or Share this story", "MORE FROM THE POST")),
            ("b", "k1"): learnt.Stripped("b", 12, ())}   # its learnt lines were all it had: nothing taken out
    file = learnt.path(tmp_path, tmp_path / "corpus")
    learnt.write(file, kept)
    assert learnt.read(file) == kept
    assert learnt.read(tmp_path / "missing.parquet") == {}
