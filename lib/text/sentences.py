"""The sentences frame: one row per sentence, with its offsets, text and voice."""
from __future__ import annotations

import math

import pandas as pd

from lib.text.quotes import quotes
from lib.text.spans import sentence_spans

VOICES = ("narrative", "quoted", "scare", "mixed")
QUOTED_SHARE = 0.6

_COLUMNS = {
    "article_id": "str",
    "sentence": "int64",
    "start": "int64",
    "end": "int64",
    "text": "str",
    "voice": "str",
    "quoted_chars": "float64",
}


def sentences(articles: pd.DataFrame, *, quoted_share: float = QUOTED_SHARE) -> pd.DataFrame:
    """One row per sentence of each article.

    `articles` has columns ``id`` (str) and ``text`` (clean text; missing text gives no rows).
    Returns columns article_id, sentence (0-based index within the article), start, end (char
    offsets into the article's text, end exclusive), text, voice ('narrative' | 'quoted' |
    'scare' | 'mixed') and quoted_chars (0..1, share of the sentence's non-space characters inside
    'quoted' quotations). Voice: quoted_chars >= `quoted_share` → 'quoted'; > 0 → 'mixed'; else
    >= `quoted_share` of non-space characters inside 'scare' quotations → 'scare'; else
    'narrative'.
    """
    missing = {"id", "text"} - set(articles.columns)
    if missing:
        raise ValueError(f"articles is missing column(s): {', '.join(sorted(missing))}")
    if not 0 < quoted_share <= 1:
        raise ValueError("quoted_share must be in (0, 1]")
    if articles.empty:
        return _empty_frame()

    cols: dict[str, list] = {name: [] for name in _COLUMNS}
    for article_id, text in zip(articles["id"].tolist(), articles["text"].tolist()):
        if not isinstance(text, str):
            if text is None or (isinstance(text, float) and math.isnan(text)):
                continue
            text = str(text)
        _article_rows(str(article_id), text, quoted_share, cols)
    if not cols["start"]:
        return _empty_frame()
    return pd.DataFrame(cols).astype(_COLUMNS)


def _empty_frame() -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in _COLUMNS.items()})


def _nonspace(text: str, a: int, b: int) -> int:
    return sum(map(len, text[a:b].split()))


def _article_rows(article_id: str, text: str, quoted_share: float, cols: dict[str, list]) -> None:
    spans = sentence_spans(text)
    qs = quotes(text)
    j, nq = 0, len(qs)
    for index, (s, e) in enumerate(spans):
        while j < nq and qs[j].end <= s:
            j += 1
        quoted = scare = 0
        k = j
        while k < nq and qs[k].start < e:
            q = qs[k]
            inside = _nonspace(text, max(s, q.start), min(e, q.end))
            if q.kind == "quoted":
                quoted += inside
            else:
                scare += inside
            k += 1
        sentence_text = text[s:e]
        share = 0.0
        label = "narrative"
        if quoted or scare:
            total = sum(map(len, sentence_text.split())) or 1
            share = quoted / total
            if share >= quoted_share:
                label = "quoted"
            elif quoted:
                label = "mixed"
            elif scare / total >= quoted_share:
                label = "scare"
        cols["article_id"].append(article_id)
        cols["sentence"].append(index)
        cols["start"].append(s)
        cols["end"].append(e)
        cols["text"].append(sentence_text)
        cols["voice"].append(label)
        cols["quoted_chars"].append(share)
