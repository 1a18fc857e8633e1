"""Analysis results as plain objects and text: what ``python -m lib analyze`` prints."""
from __future__ import annotations

import math

import pandas as pd

from lib.analyse import keywords, sentiment
from lib.analyse import Results
from lib.framing import generic
from lib.load.corpus import Corpus

OUTLET_KEYWORDS = 10


def analysis_summary(found: Results, *, terms: pd.DataFrame | None = None,
                     labels: pd.DataFrame | None = None,
                     stories: tuple[pd.DataFrame, pd.DataFrame] | None = None) -> dict:
    """``{"articles": [...], "outlets": [...]}``, JSON-ready.

    Each article: id, file, outlet (null when unknown), date (ISO), title, sentences, sentiment
    (mean sentence compound, -1..1), keywords (lower-cased, best first), frames (each generic news
    frame -> true/false) and frame_scores (each frame -> its 0..1 score), and when given, terms
    (framing matches: group, term, text, voice, start, end) and labels (actor labels: actor, label,
    voice, start, end; offsets into the clean text). Each outlet: outlet,
    articles, sentiment (mean of article scores), ci_low, ci_high (95%, null for one article),
    keywords (rank-aggregated, best first).
    """
    arts = found.articles.sort_values(["file", "row"], na_position="first")
    phrases = (found.keywords.sort_values(["article_id", "rank"])
               .groupby("article_id")["keyphrase"].agg(list).to_dict())
    articles = [{
        "id": a.id, "file": a.file, "outlet": None if a.outlet_source is None or pd.isna(a.outlet_source) else a.outlet,
        "date": None if pd.isna(a.date) else a.date.date().isoformat(),
        "title": None if pd.isna(a.title) else a.title, "sentences": int(a.sentences),
        "sentiment": _number(a.compound), "keywords": phrases.get(a.id, []),
        "frames": {f: bool(getattr(a, f"frame_{f}")) for f in generic.FRAMES},
        "frame_scores": {f: _number(getattr(a, f"frame_{f}_score")) for f in generic.FRAMES},
    } for a in arts.itertuples()]
    for name, frame, fields in (("terms", terms, ("group", "term", "text", "voice", "start", "end")),
                                ("labels", labels, ("actor", "label", "voice", "start", "end"))):
        if frame is not None:
            grouped = _objects(frame, fields)
            for article in articles:
                article[name] = grouped.get(article["id"], [])
    if stories is not None:
        assigned, described = stories
        story_of = dict(zip(assigned["article_id"], assigned["story"]))
        label_of = dict(zip(described["story"], described["shown"]))
        for article in articles:
            article["story"] = story_of.get(article["id"])
            article["story_label"] = label_of.get(article["story"])
    tone = sentiment.by_outlet(found.articles)
    ranked = keywords.by_outlet(found.keywords, found.articles)
    outlets = [{
        "outlet": t.outlet, "articles": int(t.articles), "sentiment": _number(t.compound),
        "ci_low": _number(t.ci_low), "ci_high": _number(t.ci_high),
        "keywords": ranked[ranked["outlet"] == t.outlet]["keyphrase"].head(OUTLET_KEYWORDS).tolist(),
    } for t in tone.sort_values("outlet").itertuples()]
    return {"articles": articles, "outlets": outlets}


def nothing_to_analyse(corpus: Corpus, folder: str, *, scan_hint: bool = True) -> str | None:
    """A plain message when a corpus folder has no article to analyse (what was found, what to
    do), else None. ``scan_hint`` adds where to see each file's reason (not for ``scan`` itself).
    Asked on every page run: the common answer (None) reads only the corpus's loaded articles."""
    from lib.load.formats import supported

    loaded, records = corpus.articles, corpus.records
    if len(loaded) and loaded["english"].fillna(True).astype(bool).any():  # as lib.analyse.analyzable
        return None
    read = f"Framescope reads {supported()} files (see the README)."
    if not len(records):
        return f"{folder} holds no files. Add news articles to it and run again. {read}"
    counts = records["status"].value_counts()
    found = ", ".join(f"{counts[s]} {s}" for s in ("loaded", "duplicate", "skipped", "error") if counts.get(s))
    if len(loaded):
        hint = f" Run 'python -m lib scan {folder}' to see each file's language." if scan_hint else ""
        return f"No article in English in {folder} ({found}); the measures are English-only.{hint}"
    hint = f" Run 'python -m lib scan {folder}' to see why each file was not read." if scan_hint else ""
    return f"No article could be read in {folder} ({len(records)} records: {found}).{hint} {read}"


def _objects(frame: pd.DataFrame, fields: tuple[str, ...]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for row in frame.sort_values(["article_id", "start"]).itertuples():
        item = {f: getattr(row, f) for f in fields}
        item = {k: int(v) if k in ("start", "end") else v for k, v in item.items()}
        out.setdefault(row.article_id, []).append(item)
    return out


def analysis_table(digest: dict) -> str:
    """A readable per-outlet table."""
    lines = [f"{'outlet':<32} {'articles':>8} {'sentiment':>9} {'95% CI':>17}  top keyphrases"]
    for o in digest["outlets"]:
        ci = "" if o["ci_low"] is None else f"[{o['ci_low']:+.2f}, {o['ci_high']:+.2f}]"
        lines.append(f"{_printable(o['outlet'])[:32]:<32} {o['articles']:>8} {o['sentiment']:>+9.3f} {ci:>17}  "
                     + ", ".join(_printable(k) for k in o["keywords"][:5]))
    return "\n".join(lines)


def _number(value: object) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else round(float(value), 6)


def _printable(value: str) -> str:
    # Outlet names and keyphrases come from untrusted files: no terminal escape sequences.
    return "".join(ch if ch.isprintable() else "?" for ch in str(value))
