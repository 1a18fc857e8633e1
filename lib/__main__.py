"""Command line: ``python -m lib scan DIR [--json] [--text]``, ``python -m lib analyze DIR [--json]
[--workers N] [--scheduler ADDRESS]``,
``python -m lib report DIR --out FILE.html|FILE.pdf|FILE.zip [--outlet ...] [--from DATE --to DATE]``.

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

from lib import pipeline
from lib.load import corpus

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
    analyze.add_argument("--scheduler", metavar="ADDRESS", default=None,
                         help="compute on a Dask cluster: a scheduler address (tcp://host:8786) or 'local' for "
                              "one on this machine; needs requirements-dask.txt")
    framing = commands.add_parser("framing", help="contested-term sets: the lexicon's per-outlet shares, or "
                                  "(--suggest) sets found in the corpus itself")
    framing.add_argument("dir", type=Path, help="the corpus folder")
    framing.add_argument("--suggest", action="store_true", help="suggest contested-term sets found in the corpus, best first")
    framing.add_argument("--json", action="store_true", help="print a JSON list, one object per set")
    framing.add_argument("--top", type=int, default=10, help="with --suggest: how many sets (default 10)")
    report = commands.add_parser("report", help="write the default briefing (HTML, PDF or ZIP) for a corpus folder")
    report.add_argument("dir", type=Path, help="the corpus folder")
    report.add_argument("--out", type=Path, required=True, help="the file to write: .html, .pdf or .zip")
    report.add_argument("--outlet", action="append", default=[], help="only this outlet (repeat for several)")
    report.add_argument("--from", dest="start", type=_date, default=None, help="first day, YYYY-MM-DD")
    report.add_argument("--to", dest="end", type=_date, default=None, help="last day, YYYY-MM-DD")
    report.add_argument("--title", default="Framescope briefing", help="the report's heading")
    args = parser.parse_args(argv)
    return {"scan": run_scan, "analyze": run_analyze, "report": run_report, "framing": run_framing}[args.command](args)


def run_framing(args: argparse.Namespace) -> int:
    """Per set: its terms (with variants and matches), per-outlet shares in the outlets' own voice,
    a score, and evidence sentences; the lexicon's sets, or with --suggest the corpus's own."""
    if not args.dir.is_dir():
        print(f"error: corpus folder not found: {args.dir}", file=sys.stderr)
        return 2
    from lib import framing
    from lib.present import summary
    from lib.store.texts import attach

    loaded = pipeline.load(args.dir)
    if (nothing := summary.nothing_to_analyse(loaded, str(args.dir))) is not None:
        print(nothing, file=sys.stderr)
        if args.json:
            print("[]")
        return 0
    articles = attach(pipeline.analysable(loaded).merge(
        loaded.articles[["id", "outlet"]].drop_duplicates("id"), on="id", how="left"), loaded.texts)
    if args.suggest:
        ranked, sets = pipeline.suggestions_of(loaded, top=args.top)
        lexicon = sets[sets["group"].isin(ranked["group"])]
        scores = dict(zip(ranked["group"], ranked["score"]))
        order = list(ranked["group"])
    else:
        lexicon, problem = framing.read_lexicon(loaded.root)
        if problem:
            print(f"warning: {problem}", file=sys.stderr)
        scores, order = {}, list(dict.fromkeys(lexicon["group"]))
    found = framing.matches(articles, lexicon[["group", "term", "variants"]]) if len(lexicon) else None
    items = [_framing_item(group, lexicon, found, articles, scores.get(group)) for group in order]
    items = [item for item in items if item is not None]
    if args.json:
        json.dump(items, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    if not items:
        print("no set of the lexicon occurs in this corpus" if not args.suggest else "no contested-term set found")
    for k, item in enumerate(items, start=1):
        terms = ", ".join(f"{t['term']} ({t['matches']})" for t in item["terms"])
        score = f"  score {item['score']:.3f}" if item["score"] is not None else ""
        print(f"{k:>2}. {item['group']}{score}\n    terms: {terms}")
        for row in item["outlets"]:
            print(f"    {row['outlet']:<32} {row['term']:<32} {row['matches']:>5}  {row['share']:.0%}")
    return 0


def _framing_item(group: str, lexicon, found, articles, score) -> dict | None:
    from lib import framing

    rows = lexicon[lexicon["group"] == group]
    hits = found[found["group"] == group] if found is not None else None
    if hits is None or hits.empty:
        return None
    shares = framing.shares(hits, articles)
    terms = [{"term": t, "variants": [v.strip() for v in str(vs).split(";") if v.strip()],
              "matches": int((hits["term"] == t).sum())} for t, vs in zip(rows["term"], rows["variants"])]
    outlets = [{"outlet": r.outlet, "term": r.term, "matches": int(r.matches), "share": round(float(r.share), 4)}
               for r in shares.itertuples() if r.matches > 0]
    shown = framing.evidence(hits, articles, per_term=1)
    evidence = [{"article_id": r.article_id, "outlet": r.outlet, "sentence": r.sentence} for r in shown.itertuples()]
    return {"group": group, "terms": terms, "outlets": outlets,
            "score": None if score is None else round(float(score), 4), "evidence": evidence}


def _date(value: str):
    import datetime as dt
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


REPORT_FORMATS = (".html", ".pdf", ".zip")


def run_report(args: argparse.Namespace) -> int:
    """Analyse what is new, build the default briefing and write it atomically to --out."""
    if not args.dir.is_dir():
        print(f"error: corpus folder not found: {args.dir}", file=sys.stderr)
        return 2
    suffix = args.out.suffix.lower()
    if suffix not in REPORT_FORMATS:
        print(f"error: --out must end in {', '.join(REPORT_FORMATS)}, not {args.out.name!r}", file=sys.stderr)
        return 2
    from lib.coverage import Selection
    from lib.present import briefing, export, report, summary
    from lib.store import atomic_write

    started = time.perf_counter()
    loaded = pipeline.load(args.dir)
    if (nothing := summary.nothing_to_analyse(loaded, str(args.dir))) is not None:
        print(f"{nothing} No report was written.", file=sys.stderr)
        return 0
    pipeline.analyse_corpus(loaded)
    selection = Selection(outlets=tuple(args.outlet), start=args.start, end=args.end)
    items = report.default_items(loaded, pipeline.results(loaded), selection)
    if not items:
        print("error: no article matches the filters; nothing to report", file=sys.stderr)
        return 2
    try:
        if suffix == ".html":
            content = briefing.report_html(items, title=args.title).encode("utf-8")
        else:
            export.start_image_server()
            make = briefing.report_pdf if suffix == ".pdf" else briefing.report_zip
            content = make(items, title=args.title)
    except RuntimeError as error:  # no Chromium, or it failed
        print(f"error: {error}", file=sys.stderr)
        return 2
    finally:
        export.stop_image_server()
    atomic_write(args.out, content, keep_previous=False)
    print(f"wrote {args.out} ({len(items)} charts, {len(content) / 1e6:.1f} MB) in "
          f"{time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


def run_scan(args: argparse.Namespace) -> int:
    if not args.dir.is_dir():
        print(f"error: corpus folder not found: {args.dir}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    loaded = pipeline.load(args.dir, progress=_terminal_progress if sys.stderr.isatty() else None)
    elapsed = time.perf_counter() - started
    records = loaded.records
    if args.text:  # the clean text of each article; problems have none
        with_text = loaded.with_text(records)
        records = with_text.assign(text=with_text["text"].where(records["id"].notna(), None))
    if args.json:
        json.dump(scan_objects(records, text=args.text), sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        print(_table(records, text=args.text))
    counts = records["status"].value_counts()
    summary = ", ".join(f"{counts.get(s, 0)} {s}" for s in corpus.STATUSES)
    print(f"{len(records)} records in {args.dir}: {summary} ({elapsed:.1f} s)", file=sys.stderr)
    from lib.present.summary import nothing_to_analyse

    if (nothing := nothing_to_analyse(loaded, str(args.dir), scan_hint=False)) is not None:
        print(nothing, file=sys.stderr)
    return 0


def run_analyze(args: argparse.Namespace) -> int:
    if not args.dir.is_dir():
        print(f"error: corpus folder not found: {args.dir}", file=sys.stderr)
        return 2
    from lib import analyse
    from lib.present import summary

    cluster_errors: tuple[type[Exception], ...] = ()
    if args.scheduler:  # only then is lib.analyse.cluster (and Dask) imported
        from lib.analyse import cluster

        cluster_errors = (cluster.ClusterError,)
        try:
            cluster.require()  # before the corpus is read: a missing install fails at once
        except cluster.ClusterError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
    started = time.perf_counter()
    loaded = pipeline.load(args.dir)
    if (nothing := summary.nothing_to_analyse(loaded, str(args.dir))) is not None:
        print(json.dumps({"analyzed": 0, "reused": 0, "articles": [], "outlets": []}, indent=1) if args.json
              else summary.analysis_table({"outlets": []}))
        print(nothing, file=sys.stderr)
        return 0
    store = analyse.open_store()
    show = _terminal_progress if sys.stderr.isatty() else None
    try:
        stats = pipeline.analyse_corpus(loaded, store=store, workers=args.workers,
                                 progress=(lambda d, t: show(d, t, "analysing")) if show else None,
                                 scheduler=args.scheduler)
    except cluster_errors as error:  # unreachable scheduler, workers without the project
        print(f"error: {error}", file=sys.stderr)
        return 2
    # what the dashboard's pages read, so their first visit does not compute it; before the
    # results are read back, which at 100,000 articles hold ~1 GB the tables need not sit beside
    pipeline.precompute(loaded, progress=lambda step: print(f"{step}…", file=sys.stderr))
    found = pipeline.results(loaded, store)
    terms, labels = _framing(loaded) if args.json else (None, None)
    assigned, described = pipeline.stories_of(loaded, found.keywords)
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
    from lib import framing

    lexicon, problem = framing.read_lexicon(loaded.root)
    if problem:
        print(f"warning: {problem}", file=sys.stderr)
    return pipeline.framing_of(loaded, lexicon), pipeline.actors_of(loaded)[1]


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
