"""Junk lines left in clean texts: the loader without learnt boilerplate (baseline, same run: its
threshold set out of reach) vs with it (``lib.load.repeats``).

Junk is judged by an evaluation-only list of furniture forms that the loader never sees (web
credits, share/follow/sign-up lines, update stamps, rules of underscores or asterisks, a line that
is only the outlet's name, "contributed to this report"). A clean text "has junk" when one of its
lines matches. Figures per corpus: texts with junk per 1,000 articles, lines learnt, articles
changed, and, of the lines learnt, how many are long (over 15 words: more likely story text than
furniture; read them in the listing printed with ``--show``).

Nothing in lib.load.repeats was tuned on these corpora (its thresholds were set before measuring);
the corpora are all reported, ABP split by even/odd gold day to show how stable the rate is.
"""
from __future__ import annotations

import json
import re
import sys
import tempfile
from pathlib import Path

from bench.common import Row, corpus_path

CORPORA = ("article_bias_prediction", "basil", "newswcl50", "narrative_frames")
JUNK = re.compile(
    r"^(read or share this story|media playback is unsupported|\(?\s*also on [^:\n]{1,40}:|follow (him|her|us|me|them) on"
    r"|analysis/opinion:|(the )?associated press contributed|contributing:|.* contributed to this report\.?$"
    r"|updated at \d|image copyright|copyright|©|all rights reserved|sign up for|subscribe (to|on)|listen to article"
    r"|\d+ (minutes|hours|days|years) ago$|[_*•\-–—\s]+$)", re.I)


def run(limit: int | None = None) -> list[Row]:
    from lib.load import corpus, repeats

    rows = []
    for name in CORPORA:
        path = corpus_path(name)
        if path is None:
            continue
        with tempfile.TemporaryDirectory(prefix="framescope-bench-boilerplate-") as folder:
            groups = _write(path, Path(folder), limit)
            threshold = repeats.MIN_ARTICLES
            try:
                repeats.MIN_ARTICLES = 10**9
                before = corpus.load(Path(folder))
            finally:
                repeats.MIN_ARTICLES = threshold
            after = corpus.load(Path(folder))
            for group, files in groups.items():
                old, new = _junk_rate(before, files), _junk_rate(after, files)
                rows.append(Row(f"{group}: texts with a junk line per 1,000", new, "per 1,000",
                                None if not old else new / old, f"baseline {old:.0f}"))
            learnt = after.boilerplate
            long = int((learnt["line"].str.split().str.len() > 15).sum())
            rows.append(Row(f"{name}: lines learnt (long ones)", len(learnt), "lines", None, f"{long} over 15 words"))
            rows.append(Row(f"{name}: articles changed", len(after.learnt_removed), "articles", None,
                            f"of {len(after.articles)}"))
            if "--show" in sys.argv:
                print(learnt[["outlet", "articles", "line"]].to_string())
    return rows


def _write(path: Path, folder: Path, limit: int | None) -> dict[str, set[str]]:
    """The corpus as JSON Lines files (ABP: even and odd gold days apart); group -> file names."""
    name = path.name
    out: dict[str, list[str]] = {}
    for number, line in enumerate((path / "articles.jsonl").open(encoding="utf-8")):
        if limit and number >= limit:
            break
        item = json.loads(line)
        group = name
        if name == "article_bias_prediction":
            day = str(item.get("date") or "")[8:10]
            group = f"{name} {'even' if day.isdigit() and int(day) % 2 == 0 else 'odd/undated'} days"
        out.setdefault(group, []).append(json.dumps({k: item.get(k) for k in ("outlet", "date", "title", "url", "text")}))
    files = {}
    for number, (group, lines) in enumerate(out.items()):
        file = f"part{number}.jsonl"
        (folder / file).write_text("\n".join(lines) + "\n", encoding="utf-8")
        files[group] = {file}
    return files


def _junk_rate(loaded, files: set[str]) -> float:
    articles = loaded.articles[loaded.articles["file"].isin(files)]
    texts = loaded.texts.of(articles["id"])
    junk = sum(any(JUNK.match(line.strip()) for line in text.split("\n") if line.strip()) for text in texts)
    return 1000 * junk / max(len(texts), 1)
