"""Command line: ``python -m lib scan DIR [--json] [--text]``, ``python -m lib analyze DIR [--json]``.

Thin on purpose: parse arguments, call ``lib``, print. Exit status 0 when the folder was read
(whatever was in it), 2 when it does not exist or the arguments are wrong.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import pandas as pd

from lib import corpus

SCAN_FIELDS = ("file", "row", "status", "message", "id", "outlet", "outlet_source", "date",
               "date_source", "title", "title_source", "url", "url_source", "language", "words")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lib", description="Framescope from the command line.")
    commands = parser.add_subparsers(dest="command", required=True)
    scan = commands.add_parser("scan", help="read a corpus folder and report every file")
    scan.add_argument("dir", type=Path, help="the corpus folder")
    scan.add_argument("--json", action="store_true", help="print a JSON list, one object per record")
    scan.add_argument("--text", action="store_true", help="include the clean text (with --json: a 'text' field)")
    analyze = commands.add_parser("analyze", help="analyse what is new in a corpus folder and summarise")
    analyze.add_argument("dir", type=Path, help="the corpus folder")
    analyze.add_argument("--json", action="store_true", help="print a JSON object with every article and outlet")
    analyze.add_argument("--workers", type=int, default=None, help="processes to use (default: every core)")
    args = parser.parse_args(argv)
    return {"scan": run_scan, "analyze": run_analyze}[args.command](args)


def run_scan(args: argparse.Namespace) -> int:
    if not args.dir.is_dir():
        print(f"error: corpus folder not found: {args.dir}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    from lib.analysis import cache_folder

    loaded = corpus.load(args.dir, cache=cache_folder(), progress=_terminal_progress if sys.stderr.isatty() else None)
    elapsed = time.perf_counter() - started
    records = loaded.records
    if args.json:
        json.dump(scan_objects(records, text=args.text), sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        print(_table(records, text=args.text))
    counts = records["status"].value_counts()
    summary = ", ".join(f"{counts.get(s, 0)} {s}" for s in corpus.STATUSES)
    print(f"{len(records)} records in {args.dir}: {summary} ({elapsed:.1f} s)", file=sys.stderr)
    return 0


def run_analyze(args: argparse.Namespace) -> int:
    if not args.dir.is_dir():
        print(f"error: corpus folder not found: {args.dir}", file=sys.stderr)
        return 2
    from lib import analysis, summary

    started = time.perf_counter()
    loaded = corpus.load(args.dir, cache=analysis.cache_folder())
    store = analysis.open_store()
    show = _terminal_progress if sys.stderr.isatty() else None
    stats = analysis.analyze(analysis.analyzable(loaded.records), store, workers=args.workers,
                             progress=(lambda d, t: show(d, t, "analysing")) if show else None)
    found = analysis.results(loaded.articles, store)
    terms, labels = _framing(loaded) if args.json else (None, None)
    from lib import storystate

    assigned, described = storystate.stories_for(loaded.root, loaded.articles, analysis.cache_folder(),
                                                 found.keywords)
    digest = summary.analysis_summary(found, terms=terms, labels=labels, stories=(assigned, described))
    elapsed = time.perf_counter() - started
    if args.json:
        json.dump({"analyzed": stats.analyzed, "reused": stats.reused, **digest}, sys.stdout,
                  ensure_ascii=False, indent=1)
        print()
    else:
        print(summary.analysis_table(digest))
    print(f"analysed {stats.analyzed} article(s), reused {stats.reused} from the store "
          f"({store.path}) in {elapsed:.1f} s", file=sys.stderr)
    return 0


def _framing(loaded: corpus.Corpus):
    """Framing-term matches and actor labels for the analysed articles (the lexicon and actor list
    kept with the corpus, else the defaults)."""
    from lib import actorlist, actors, analysis, framing

    articles = analysis.analyzable(loaded.articles)
    lexicon, problem = framing.read_lexicon(loaded.root)
    if problem:
        print(f"warning: {problem}", file=sys.stderr)
    people = actorlist.read_actors(loaded.root)
    if people is None:
        people = actors.find_actors(articles)
    return framing.matches(articles, lexicon), actors.labels(articles, people)


def scan_objects(records: pd.DataFrame, *, text: bool = False) -> list[dict]:
    """One JSON-ready dict per record: missing values as null, dates as ISO strings."""
    fields = [*SCAN_FIELDS, "text"] if text else list(SCAN_FIELDS)
    out = []
    for row in records[fields].itertuples(index=False):
        item = {}
        for name, value in zip(fields, row):
            if value is None or value is pd.NA or (isinstance(value, float) and value != value) or value is pd.NaT:
                value = None
            elif isinstance(value, pd.Timestamp):
                value = value.date().isoformat()
            elif hasattr(value, "item"):
                value = value.item()
            item[name] = value
        item["message"] = item["message"] or ""
        out.append(item)
    return out


def _table(records: pd.DataFrame, *, text: bool) -> str:
    lines = []
    for item in scan_objects(records, text=text):
        where = item["file"] + (f":{item['row']}" if item["row"] is not None else "")
        if item["status"] in ("loaded", "duplicate"):
            outlet = f"{item['outlet'] or '?'} ({item['outlet_source'] or 'unknown'})"
            date = f"{item['date'] or '?'} ({item['date_source'] or 'unknown'})"
            detail = f"{outlet:<34} {date:<24} {item['words'] or 0:>6} words  {item['title'] or ''}"
            if item["message"]:
                detail += f"  [{item['message']}]"
        else:
            detail = item["message"]
        lines.append(f"{item['status']:<9} {_clip(where, 48):<48} {detail}")
        if text and item.get("text"):
            lines.append("    " + item["text"].replace("\n", "\n    "))
    return "\n".join(lines)


def _clip(value: str, width: int) -> str:
    return value if len(value) <= width else "…" + value[-(width - 1):]


def _terminal_progress(done: int, total: int, what: str = "reading files") -> None:
    if done == total or done % 50 == 0:
        width = 30
        filled = int(width * done / max(total, 1))
        print(f"\r{what} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}",
              end="\n" if done == total else "", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
