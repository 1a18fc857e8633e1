"""Keyword in context: every occurrence of a word or phrase with what surrounds it."""
from __future__ import annotations

import re
from bisect import bisect_right

import pandas as pd

from lib import text as textlib
from lib.store.texts import Texts

COLUMNS = ["article_id", "outlet", "date", "file", "left", "match", "right", "voice", "sentence", "start", "end"]


def pattern(query: str) -> re.Pattern | None:
    """A case-insensitive, word-bounded pattern for a query: words in order, any whitespace or
    hyphen between them, a trailing ``*`` on a word for any ending (``autocrat*``). None when the
    query has no word."""
    words = re.findall(r"[\w’'*-]+", query or "")
    parts = []
    for word in words:
        stem = re.escape(word.rstrip("*").replace("-", " ")).replace(r"\ ", r"[\s-]+")
        if not stem:
            continue
        parts.append(stem + (r"\w*" if word.endswith("*") else ""))
    if not parts:
        return None
    return re.compile(r"(?<!\w)" + r"[\s-]+".join(parts) + r"(?!\w)", re.IGNORECASE)


def kwic(articles: pd.DataFrame, query: str, *, width: int = 70, limit: int = 5000,
         sentence_index: bool = True, texts: Texts | None = None) -> pd.DataFrame:
    """Occurrences of ``query`` in the articles (columns id, outlet, date, file, and text unless
    ``texts`` holds it: then each text is read as the search reaches it).

    Returns COLUMNS: left/right context (``width`` characters, cut at a word), match as found,
    voice ('narrative' | 'quoted' | 'scare'), sentence (0-based index in its article; with
    ``sentence_index=False`` left empty for ``with_sentiment`` to fill from the stored sentences,
    which saves splitting every matching article again), start/end offsets. At most ``limit``
    rows, in article order.
    """
    compiled = pattern(query)
    if compiled is None or articles.empty:
        return pd.DataFrame(columns=COLUMNS)
    rows: list[dict] = []
    bodies = articles["text"] if "text" in articles.columns else texts.iter(articles["id"])
    for article, body in zip(articles.itertuples(), bodies):
        hits = list(compiled.finditer(body))
        if not hits:
            continue
        quotes = textlib.quotes(body)
        starts = [s for s, _ in textlib.sentence_spans(body)] if sentence_index else None
        for hit in hits:
            rows.append({
                "article_id": article.id, "outlet": article.outlet, "date": article.date, "file": article.file,
                "left": _left(body, hit.start(), width), "match": hit.group(0), "right": _right(body, hit.end(), width),
                "voice": textlib.voice(quotes, hit.start(), hit.end()),
                "sentence": max(bisect_right(starts, hit.start()) - 1, 0) if starts is not None else None,
                "start": hit.start(), "end": hit.end(),
            })
            if len(rows) >= limit:
                return pd.DataFrame(rows, columns=COLUMNS)
    return pd.DataFrame(rows, columns=COLUMNS)


def with_sentiment(lines: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Add the compound of the sentence each occurrence is in (from the analysis store:
    article_id, sentence, start, compound). Lines without a sentence index get it from the
    stored sentence offsets: the last sentence starting at or before the match."""
    if lines.empty:
        return lines.assign(compound=pd.Series(dtype="float64"))
    tone = sentences[sentences["article_id"].isin(set(lines["article_id"]))]  # 4 M rows at 100k: cut first
    if lines["sentence"].notna().all():
        return lines.merge(tone[["article_id", "sentence", "compound"]], on=["article_id", "sentence"], how="left")
    order = lines.assign(_row=range(len(lines)), start=lines["start"].astype("int64")).sort_values("start")
    starts = tone[["article_id", "sentence", "start", "compound"]].rename(columns={"start": "_sentence_start"})
    starts = starts.astype({"_sentence_start": "int64"})  # the store keeps offsets as int32
    placed = pd.merge_asof(order.drop(columns=["sentence"]), starts.sort_values("_sentence_start"),
                           left_on="start", right_on="_sentence_start", by="article_id")
    placed = placed.sort_values("_row").drop(columns=["_row", "_sentence_start"]).reset_index(drop=True)
    placed["sentence"] = placed["sentence"].fillna(0).astype("int64")
    return placed[[*COLUMNS, "compound"]]


def _left(body: str, at: int, width: int) -> str:
    piece = body[max(0, at - width):at].replace("\n", " ")
    return ("…" + piece.split(" ", 1)[-1]) if at > width and " " in piece else piece


def _right(body: str, at: int, width: int) -> str:
    piece = body[at:at + width].replace("\n", " ")
    return (piece.rsplit(" ", 1)[0] + "…") if at + width < len(body) and " " in piece else piece
