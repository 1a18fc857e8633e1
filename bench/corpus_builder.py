"""Large benchmark corpora made from the real articles in the shared corpora.

``build(100_000)`` writes 100,000 articles as JSON Lines files (2,000 per file) and returns the
folder. Copy 0 of each source article is the article as it is; copy k > 0 is the same article with
a few of its paragraphs (or, in short articles, sentences) dropped and two of them swapped, and its
date moved by a few days, so every copy is natural text with its own content id and real analysis
work. Outlets, titles and the share of undated articles stay as the sources have them. The output
is deterministic: a corpus of N articles is the first N of any larger one.

Corpora are kept outside git (``$FRAMESCOPE_BENCH_DIR``, else ``.bench-corpora/`` in the project)
and reused while their size and the builder version match. They hold copyrighted text: never
commit or share them. ``python -m bench.corpus_builder 100000`` builds one and prints its path.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import random
import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

from bench.common import CORPORA, ROOT, corpus_path

BUILDER_VERSION = 1        # bump when the copies change: cached corpora are then rebuilt
ARTICLES_PER_FILE = 2_000
SOURCES = ("article_bias_prediction", "basil", "newswcl50")  # every article-level shared corpus
MARKER = ".framescope-bench.json"  # hidden, so the loader never reads it as an article
MIN_UNIT_WORDS = 12        # only paragraphs/sentences this long are dropped or moved: never boilerplate
ATTEMPTS = 12              # tries at a copy not made before, before the article is left out of a round

_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)]))\s+(?=[\"'“‘(]?[A-Z])")


def bench_dir() -> Path:
    """Where benchmark corpora and their stores live: ``$FRAMESCOPE_BENCH_DIR`` or ``.bench-corpora/``."""
    return Path(os.environ.get("FRAMESCOPE_BENCH_DIR") or ROOT / ".bench-corpora")


def build(size: int, dest: Path | None = None) -> Path | None:
    """A folder of ``size`` articles (JSON Lines), built once and reused; None without the corpora."""
    if size < 1:
        raise ValueError(f"size must be positive, not {size}")
    if corpus_path(SOURCES[0]) is None:
        return None
    folder = Path(dest) if dest is not None else bench_dir() / f"corpus-{size}"
    wanted = {"size": size, "builder": BUILDER_VERSION, "per_file": ARTICLES_PER_FILE}
    if _marker(folder) == wanted:
        return folder
    _clear(folder)
    folder.mkdir(parents=True, exist_ok=True)
    batch: list[str] = []
    number = 0
    for record in copies(size):
        batch.append(json.dumps(record, ensure_ascii=False))
        if len(batch) == ARTICLES_PER_FILE:
            number += 1
            _write(folder / f"articles-{number:03d}.jsonl", batch)
            batch = []
    if batch:
        _write(folder / f"articles-{number + 1:03d}.jsonl", batch)
    _write(folder / MARKER, [json.dumps(wanted)])  # last: a half-built folder has no marker
    return folder


def copies(size: int) -> Iterator[dict]:
    """``size`` records: every source article once (copy 0), then copy 1 of each, and so on."""
    sources = list(_source_articles())
    seen: dict[str, set[str]] = {a["id"]: {_digest(a["text"])} for a in sources}
    made, k = 0, 0
    while made < size:
        produced = 0
        for article in sources:
            record = article if k == 0 else _copy(article, k, seen[article["id"]])
            if record is None:
                continue
            produced += 1
            yield record
            made += 1
            if made == size:
                return
        if not produced:
            raise RuntimeError(f"the shared corpora give at most {made:,} different articles")
        k += 1


def _source_articles() -> Iterator[dict]:
    for name in SOURCES:
        path = CORPORA / name / "articles.jsonl"
        if not path.is_file():
            continue
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                item = json.loads(line)
                if not (item.get("text") or "").strip():
                    continue
                yield {"id": f"{name}-{item['id']}", "outlet": item.get("outlet"), "date": item.get("date"),
                       "title": item.get("title"), "url": item.get("url"), "text": item["text"]}


def _copy(article: dict, k: int, seen: set[str]) -> dict | None:
    """Copy k of an article: a variant not made before, or None when none is left to find."""
    for attempt in range(ATTEMPTS):
        seed = int(hashlib.sha1(f"{article['id']}\0{k}\0{attempt}".encode()).hexdigest()[:16], 16)
        rng = random.Random(seed)
        body = _vary(article["text"], rng)
        if body is None:
            return None
        digest = _digest(body)
        if digest in seen:
            continue
        seen.add(digest)
        return {**article, "id": f"{article['id']}-{k}", "text": body, "date": _shift(article["date"], rng),
                # A different URL per copy: two texts under one URL would be noted as "updated".
                "url": f"{article['url']}#copy-{k}" if article.get("url") else None}
    return None


def _vary(text: str, rng: random.Random) -> str | None:
    """Drop one or two long units and swap two others; units are paragraphs, or sentences when an
    article has fewer than four long paragraphs. None when it is too short to vary."""
    paragraphs = text.split("\n\n")
    units, glue = paragraphs, "\n\n"
    if sum(_long(p) for p in paragraphs) < 4:
        units, glue = _SENTENCE_END.split(text), " "
    movable = [i for i, unit in enumerate(units) if _long(unit)]
    if len(movable) < 4:
        return None
    drop = set(rng.sample(movable, rng.choice((1, 1, 2))))
    kept = [i for i in movable if i not in drop]
    order = list(range(len(units)))
    a, b = rng.sample(kept, 2)
    order[a], order[b] = order[b], order[a]
    return glue.join(units[i] for i in order if i not in drop)


def _long(unit: str) -> bool:
    return len(unit.split()) >= MIN_UNIT_WORDS


def _shift(date: str | None, rng: random.Random) -> str | None:
    if not date:
        return date
    try:
        day = dt.date.fromisoformat(date)
    except ValueError:
        return date
    return (day + dt.timedelta(days=rng.randint(-20, 20))).isoformat()


def _digest(text: str) -> str:
    # Like lib.load.corpus.content_id: copies that differ only in punctuation or case would collide.
    return hashlib.sha1(re.sub(r"[\W_]+", " ", text.casefold()).strip().encode()).hexdigest()


def _marker(folder: Path) -> dict | None:
    try:
        return json.loads((folder / MARKER).read_text())
    except (OSError, ValueError):
        return None


def _clear(folder: Path) -> None:
    # Only what the builder writes: never a folder someone pointed us at by mistake.
    if not folder.is_dir():
        return
    for path in folder.glob("articles-*.jsonl"):
        path.unlink()
    (folder / MARKER).unlink(missing_ok=True)
    if not any(folder.iterdir()):
        shutil.rmtree(folder)


def _write(path: Path, lines: list[str]) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.replace(tmp, path)


if __name__ == "__main__":
    if len(sys.argv) != 2 or not sys.argv[1].replace("_", "").isdigit():
        sys.exit("usage: python -m bench.corpus_builder SIZE")
    built = build(int(sys.argv[1]))
    if built is None:
        sys.exit(1)
    print(built)
