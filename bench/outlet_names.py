"""Outlet names: spelling variants merged, and names that must stay apart kept apart.

Per corpus, the outlet names as the records write them are given to ``lib.load.outlets`` (the
rule every load applies): distinct spellings before (the baseline: exact strings, what every chart
showed before merging), outlets after, and how many spellings were merged into another.

Wrong merges are counted where the answer is known without reading any article:
- Article-Bias-Prediction, BASIL and NewsWCL50 name each outlet one way, so any merge there is
  wrong (ABP's "Fox News" and "Fox Online News" are two of its sources, and must stay two);
- a fixed list of distinct outlets whose names look alike (below), written in several cases and
  spacings: every pair must stay apart, every spelling of one outlet must come together.
narrative_frames (the climate corpus, whose outlet names are as messy as users') has no gold
mapping: its merges are printed for reading with ``--show``.

Run: ``python -m bench outlet_names`` (``--show`` also prints narrative_frames' merges).
"""
from __future__ import annotations

import json
import sys

from bench.common import Row, corpus_path

CORPORA = ("article_bias_prediction", "basil", "newswcl50", "narrative_frames")
# Gold: one outlet per line, its spellings separated by "|"; no two lines are the same outlet.
LOOKALIKES = """
NPR|npr|npr.org
PBS|pbs|PBS.org
Fox News|foxnews|foxnews.com|FOX NEWS
Fox Business|foxbusiness|Fox business
The Hill|thehill|TheHill.com
Hill Country News
The Guardian|theguardian|Guardian|guardian.co.uk
The Guardian Nigeria
New York Post|nypost
New York Times|The New York Times|nytimes|nytimes.com|thenewyorktimes
The Times
Sun Times
The Sun
Daily Mail|dailymail|dailymail.co.uk
Daily Caller|The Daily Caller|dailycaller
Washington Post|washingtonpost|The Washington Post
Washington Times|washingtontimes
ABC News|abcnews|abcnews.go.com
ABC
CBS News|cbsnews
CBS
"""


def run(limit: int | None = None) -> list[Row]:
    from lib.load.outlets import canonical_names

    rows = []
    for name in CORPORA:
        path = corpus_path(name)
        if path is None:
            continue
        written = []
        for number, line in enumerate((path / "articles.jsonl").open(encoding="utf-8")):
            if limit and number >= limit:
                break
            written.append(json.loads(line).get("outlet"))
        shown = canonical_names(written)
        merged = {s: o for s, o in shown.items() if s != o}
        note = f"{len(set(shown))} spellings -> {len(set(shown.values()))} outlets"
        if name != "narrative_frames":
            note += "; each outlet written one way, so every merge is wrong"
        rows.append(Row(f"{name}: outlets shown", len(set(shown.values())), "outlets",
                        len(set(shown)) / max(len(set(shown.values())), 1), note))
        rows.append(Row(f"{name}: spellings merged into another", len(merged), "spellings"))
        if "--show" in sys.argv and name == "narrative_frames":
            for spelling, outlet in sorted(merged.items(), key=lambda kv: kv[1].casefold()):
                print(f"  {spelling!r} -> {outlet!r}")
    rows += _lookalikes(canonical_names)
    return rows


def _lookalikes(canonical_names) -> list[Row]:
    outlets = [line.split("|") for line in LOOKALIKES.strip().splitlines()]
    spellings = [s for outlet in outlets for s in outlet]
    shown = canonical_names(spellings)
    split = sum(len({shown[s] for s in outlet}) > 1 for outlet in outlets)
    names = [{shown[s] for s in outlet} for outlet in outlets]
    wrong = sum(bool(a & b) for i, a in enumerate(names) for b in names[i + 1:])
    return [
        Row("look-alike outlets: pairs wrongly merged", wrong, "pairs", None,
            f"of {len(outlets) * (len(outlets) - 1) // 2} pairs of distinct outlets"),
        Row("look-alike outlets: outlets left split", split, "outlets", None,
            f"of {len(outlets)} outlets written {len(spellings)} ways"),
    ]
