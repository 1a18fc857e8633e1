"""lib.analyse.yake_fast against yake 0.7.3 on real news articles: identical output, and how much faster.

    python bench/yake_compare.py [N]      # N articles of the ABP dev sample (default 500; 0 = all)

Reads ``shared/corpora/article_bias_prediction/articles.jsonl`` next to the repository (field
``text``) and prints a skip message when it is absent. Both implementations run on the same texts
in the same process; the ratio is yake's time over ours. Exits non-zero on any difference.
``compare(texts)`` does the work for any texts; ``run(limit)`` gives rows for ``python -m bench``.
"""

from __future__ import annotations

import itertools
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "article_bias_prediction" / "articles.jsonl"
DEFAULT_N = 500

if str(ROOT) not in sys.path:  # run as a script: make ``lib`` importable
    sys.path.insert(0, str(ROOT))

from lib.analyse import yake_fast  # noqa: E402


def _yake_extractor():
    import yake

    return yake.KeywordExtractor(lan="en", n=3, top=20, dedup_func="levs", dedup_lim=0.9,
                                 window_size=1)


def compare(texts, *, check: bool = True) -> dict:
    """Run yake and lib.analyse.yake_fast on ``texts``; time both and compare their output exactly.

    Returns texts (count), mismatches (count), examples (up to 3 (index, yake, fast) triples),
    yake_ms and fast_ms (mean milliseconds per text) and ratio (yake time / fast time). With
    ``check`` (the default) any mismatch raises AssertionError after the timings are taken.
    """
    texts = list(texts)
    extractor = _yake_extractor()
    if texts:  # first-call costs (imports, stopword list) are not per-article work
        extractor.extract_keywords(texts[0])
        yake_fast.extract(texts[0])

    start = time.perf_counter()
    expected = [extractor.extract_keywords(text) for text in texts]
    yake_seconds = time.perf_counter() - start

    start = time.perf_counter()
    actual = [yake_fast.extract(text) for text in texts]
    fast_seconds = time.perf_counter() - start

    examples = []
    mismatches = 0
    for index, (want, got) in enumerate(zip(expected, actual)):
        if [(kw, float(score)) for kw, score in want] != got:
            mismatches += 1
            if len(examples) < 3:
                examples.append((index, want, got))
    count = max(len(texts), 1)
    result = {
        "texts": len(texts),
        "mismatches": mismatches,
        "examples": examples,
        "yake_ms": yake_seconds / count * 1000,
        "fast_ms": fast_seconds / count * 1000,
        "ratio": yake_seconds / fast_seconds if fast_seconds else float("nan"),
    }
    if check:
        assert mismatches == 0, f"{mismatches} of {len(texts)} texts differ, e.g. {examples[:1]}"
    return result


def run(limit: int | None = None) -> list:
    """Rows for ``python -m bench`` (``bench.common.Row``): yake as the baseline, then ours.

    Uses the first ``limit`` articles (default 500: yake needs ~3 minutes for all 3,915).
    """
    from bench.common import Row

    if not CORPUS.exists():
        print(f"skipped: {CORPUS} is not here (shared corpora exist on development machines only)")
        return []
    result = compare(_articles(limit or DEFAULT_N))
    note = f"{result['texts']} ABP articles, {result['mismatches']} mismatches"
    return [
        Row("yake 0.7.3 KeywordExtractor (baseline)", result["yake_ms"], "ms/article", 1.0),
        Row("lib.analyse.yake_fast.extract, identical output", result["fast_ms"], "ms/article",
            result["ratio"], note),
    ]


def _articles(limit: int | None) -> list[str]:
    with CORPUS.open(encoding="utf-8") as lines:
        records = (json.loads(line) for line in lines if line.strip())
        texts = (record.get("text") or "" for record in records)
        return list(itertools.islice(texts, limit))


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else DEFAULT_N
    if not CORPUS.exists():
        print(f"skip: {CORPUS.relative_to(ROOT.parent)} not found next to the repository")
        return 0
    texts = _articles(n or None)
    words = sum(len(text.split()) for text in texts) / max(len(texts), 1)
    print(f"yake_fast vs yake {yake_fast.YAKE_VERSION}: {len(texts)} ABP articles, "
          f"{words:.0f} words on average")
    result = compare(texts, check=False)
    print(f"  yake       {result['yake_ms']:7.2f} ms/article")
    print(f"  yake_fast  {result['fast_ms']:7.2f} ms/article")
    print(f"  ratio      {result['ratio']:7.2f}x faster")
    print(f"  identical  {result['texts'] - result['mismatches']} of {result['texts']}")
    for index, want, got in result["examples"]:
        print(f"  MISMATCH article {index}:\n    yake: {want}\n    fast: {got}")
    return 1 if result["mismatches"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
