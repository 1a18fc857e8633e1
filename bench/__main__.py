"""Run every benchmark and print its table: ``python -m bench [--limit N]``.

Each benchmark measures its own baseline in the same run and prints ratios against it; none of
this is a pass/fail test. Benchmarks that need the shared corpora print a skip line without them.
"""
from __future__ import annotations

import argparse
import importlib

from bench.common import print_table

BENCHMARKS = {
    "yake_compare": "Keyphrase extraction: lib.analyse.yake_fast vs yake 0.7.3 (identical output required)",
    "analysis_speed": "Analysis speed: naive baseline vs Framescope, restart, one new file",
    "actor_labels": "Actor labels: NewsWCL50 precision/recall, speed",
    "frames": "Generic news frames: P/R/F1 against the Narrative Frames Corpus, baselines, other topic, speed",
    "framing_suggest": "Suggested contested-term sets: NewsWCL50 precision@10 and recall vs bigrams by head word; top 10 on climate and BASIL",
    "suggest_map": "Suggested sets as map + reduce: today's time, map ms/article, reduce s, equality, stored rows and MB per 1k (dev 4k, narrative_frames)",
    "exports": "Exports: seconds per chart image and per briefing report, vs a browser per image",
    "story_grouping": "Story grouping: adjusted Rand index against NewsWCL50 and BASIL story ids",
    "dask_speed": "Dask: --scheduler local (2 workers) vs the local process pool (identical results required)",
    "growth": "Growth: scan, analysis, memory and disk from 1k to 100k articles (per-article cost vs 1k)",
    "interactive": "Interactive at the largest corpus: server time per page, dashboard memory, Chromium to chart",
    "formats": "Scan speed per file format: ms per article, against plain .txt (the same articles in every format)",
    "boilerplate": "Junk lines left in clean texts: learnt boilerplate vs none (same run), per corpus",
    "text_metadata": "Dates and titles from bare .txt files: main's rules vs now (ABP even days tuned; odd, BASIL, NewsWCL50, narrative_frames held out)",
    "outlet_names": "Outlet names: spellings merged per corpus (exact strings as baseline), look-alike outlets kept apart",
    "soak": "Soak: 8 browser sessions through every page while files are added and removed (errors, memory, counts)",
}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N articles (a quick run); soak: run N seconds")
    parser.add_argument("names", nargs="*", help=f"benchmarks to run (default: all of {', '.join(BENCHMARKS)})")
    args = parser.parse_args()
    for name in args.names or BENCHMARKS:
        module = importlib.import_module(f"bench.{name}")
        rows = module.run(args.limit)
        if rows:
            print_table(BENCHMARKS[name], rows)


if __name__ == "__main__":
    main()
