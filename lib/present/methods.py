"""Method cards: what a chart measured and on which articles, so a number in a memo can be traced.

A card names the method and its parameters (read from the modules that do the work, so it cannot
drift from them), the word lists used, the filters, N articles per outlet and a fingerprint of
the exact articles behind the chart. Charts show it next to them; every export carries it.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from lib import distinctive
from lib.analyse import keywords, sentiment
from lib.framing import generic
from lib.coverage import Selection, outlet_names
from lib.frames import plural

SHOWN_OUTLETS = 8   # outlets named in a subtitle's N list; the rest are summed as "… more"


@dataclass(frozen=True)
class Method:
    name: str
    description: str
    parameters: tuple[tuple[str, str], ...] = ()
    terms: str = ""   # stopwords or term sets the method uses


def _settings(values: dict) -> tuple[tuple[str, str], ...]:
    return tuple((str(k), str(v)) for k, v in values.items())


METHODS: dict[str, Method] = {
    "coverage": Method(
        "Article counts",
        "Loaded articles counted per outlet (and per period on timelines). Duplicates and problem files "
        "are not counted; outlet and date come from sources.csv, the file's metadata or clues in the text."),
    "sentiment": Method(
        "VADER sentence sentiment",
        "Each sentence gets VADER's compound score (-1 ... +1). An article's tone is the mean of its "
        "sentence compounds; an outlet's tone is the mean over its articles with a 95% Student-t interval.",
        _settings({"library": f"vaderSentiment {sentiment.VADER_VERSION}", "unit": "sentence",
                   "article score": "mean of sentence compounds", "interval": "95% Student-t",
                   "language": "English articles only"}),
        "VADER's own lexicon; no stopwords"),
    "voice": Method(
        "VADER sentiment by voice",
        "Sentence compounds split by voice: narrative (the outlet's own sentences, scare quotes included) "
        "and quoted (sentences mostly inside quotation marks); mixed sentences are left out.",
        _settings({"library": f"vaderSentiment {sentiment.VADER_VERSION}", "unit": "sentence"}),
        "VADER's own lexicon; quotation marks straight and curly"),
    "keywords": Method(
        "YAKE keyphrases",
        "YAKE runs on each article alone; outlets are compared by rank: the share of an outlet's articles "
        "that have the phrase among their top k keyphrases.",
        _settings({"library": f"yake {keywords.YAKE_VERSION}", **keywords.SETTINGS}),
        "YAKE's English stopword list; phrases lower-cased"),
    "framing": Method(
        "Framing lexicon shares",
        "Alternative wordings for one contested thing, matched case-insensitively at word boundaries; a "
        "bar is each alternative's share of the set's matches in the chosen voice, with 95% Wilson intervals.",
        _settings({"voice": "own = narrative + scare quotes; quoted = others' words",
                   "interval": "95% Wilson"}),
        "framing.csv (the corpus folder's, else Framescope's default)"),
    "distinctive": Method(
        "Fightin' Words log-odds",
        "Log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008): how much more "
        "an outlet uses a term than the others, shrunk to the corpus rate, as a z-score.",
        _settings({"prior": "informative Dirichlet", "prior size (alpha0)": f"{distinctive.DEFAULT_PRIOR_SIZE:,.0f}", "terms": "words and two-word phrases",
                   "minimum count": 3, "marked": "|z| > 1.96, not corrected for multiple tests"}),
        "English stopwords and numbers removed; lower-cased"),
    "generic_frames": Method(
        "Generic news frames",
        "Each article is scored for five frames (Semetko & Valkenburg 2000; Frermann et al. 2023): conflict, "
        "economic, human interest, moral, resolution. Indicator words written from the codebook questions are "
        "counted in its sentences (first-person words inside quotations count for human interest); a logistic "
        "model per frame (fitted offline) turns the matches of each codebook question, the share of sentences "
        "with a match, the matches in the lead and the article's length into a 0..1 score, and the "
        "frame is present at or above the frame's threshold. An outlet's share is the share of its articles "
        "with the frame, with a 95% Wilson interval. " + generic.validation_text(),
        _settings({"thresholds": ", ".join(f"{generic.LABELS[f]} {generic.MODEL[f][2]:.2f}" for f in generic.FRAMES),
                   "unit": "article (from its sentences)", "interval": "95% Wilson",
                   "language": "English articles only"}),
        "Framescope's frame indicators (lib/framing/generic.py), topic-independent"),
    "labels": Method(
        "Actor labels",
        "Titles, modifiers, appositives, resolved descriptions and epithets attached to a person's name, "
        "counted per outlet and voice.",
        _settings({"actors": "actors.csv, else frequent person names in the corpus"}),
        "actors.csv when present"),
}


def method(kind: str) -> Method:
    """The method of a chart kind: a key of METHODS, or "stories"."""
    if kind == "stories":
        return _stories_method()
    return METHODS[kind]


def _stories_method() -> Method:
    from lib import stories  # imports scikit-learn (~1 s): only when a story chart needs the card

    return Method(
        "Story grouping",
        "Articles grouped by word-count cosine of the whole text and its lede, discounted by the days "
        "between them; the analyst's stories.csv applied on top.",
        _settings({"threshold": stories.THRESHOLD, "window (days)": stories.MAX_DAYS,
                   "lede words": stories.LEDE_WORDS, "lede weight": stories.LEDE_WEIGHT}),
        "scikit-learn's English stopwords")


@dataclass(frozen=True)
class Card:
    """A method card for one chart or table. ``counts``: (outlet, N articles), largest first."""

    method: Method
    counts: tuple[tuple[str, int], ...]
    filters: str
    corpus: str           # the corpus folder's name
    fingerprint: str      # 10 hex digits of the articles behind the chart
    dates: str            # "2025-05-01 to 2025-09-02" or "undated"
    generated: str        # YYYY-MM-DD
    extra: tuple[tuple[str, str], ...] = field(default=())   # chart-specific settings (top k, voice, ...)

    @property
    def articles(self) -> int:
        return sum(n for _, n in self.counts)

    def subtitle(self) -> str:
        """Filters and N per outlet, one or two lines for under a chart title."""
        return f"{self.filters}\n{n_per_outlet(self.counts)}"

    def source(self) -> str:
        """Two lines for the foot of an exported chart: the method and its settings, then where it came
        from. Never cut: an export wraps a line too long for its width (lib.present.export)."""
        settings = "; ".join(f"{name} {value}" for name, value in self.parameters())
        method = f"Method: {self.method.name}" + (f" ({settings})" if settings else "")
        return (f"{method}\nFramescope · corpus {self.corpus} · {self.dates} · fingerprint {self.fingerprint} · "
                f"generated {self.generated}")

    def parameters(self) -> tuple[tuple[str, str], ...]:
        return self.method.parameters + self.extra

    def lines(self) -> list[str]:
        """The whole card as plain text lines (for TXT, HTML and spreadsheet exports)."""
        out = [f"Method: {self.method.name}", self.method.description]
        out += [f"{name}: {value}" for name, value in self.parameters()]
        if self.method.terms:
            out.append(f"Word lists: {self.method.terms}")
        out += [self.filters, "N articles per outlet: " + ", ".join(f"{o} {n}" for o, n in self.counts),
                f"Corpus: {self.corpus} ({self.dates}), fingerprint {self.fingerprint}",
                f"Generated: {self.generated}"]
        return out

    def text(self) -> str:
        return "\n".join(self.lines()) + "\n"


def card(kind: str, articles: pd.DataFrame, *, corpus: str, selection: Selection | None = None,
         story: str | None = None, today: dt.date | None = None, **extra: object) -> Card:
    """The card for a chart of ``kind`` (a key of METHODS, or "stories") drawn from ``articles`` (columns id,
    outlet, date). ``story`` is the story's shown name when the selection has one; ``extra`` holds
    chart-specific settings (e.g. ``top_k=10``)."""
    counts = sorted(outlet_names(articles).value_counts().items(), key=lambda kv: (-kv[1], kv[0]))
    dates = articles["date"].dropna() if "date" in articles else pd.Series(dtype="datetime64[us]")
    return Card(
        method=method(kind), counts=tuple((str(o), int(n)) for o, n in counts),
        filters=filters_text(selection or Selection(), story=story), corpus=corpus,
        fingerprint=fingerprint(articles["id"]),
        dates=f"{dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}" if len(dates) else "undated",
        generated=f"{today or dt.date.today():%Y-%m-%d}",
        extra=tuple((name.replace("_", " "), str(value)) for name, value in extra.items()))


def fingerprint(ids: pd.Series | list[str]) -> str:
    """10 hex digits naming a set of articles by content id: the same articles, the same digits,
    whatever their order; any article added, removed or edited changes it."""
    # Vectorised (100k ids in ~20 ms, not 100 ms a card): a 64-bit hash per distinct id, sorted so
    # order does not matter, then SHA-256 over those bytes.
    unique = pd.Series(ids, dtype="str").drop_duplicates()
    hashed = np.sort(pd.util.hash_pandas_object(unique, index=False).to_numpy())
    return hashlib.sha256(hashed.tobytes()).hexdigest()[:10]


def filters_text(selection: Selection, *, story: str | None = None) -> str:
    """The sidebar filters in words: 'Filters: all outlets · all dates · undated included'."""
    outlets = ", ".join(selection.outlets) if selection.outlets else "all outlets"
    if selection.start and selection.end:
        dates = f"{selection.start:%Y-%m-%d} to {selection.end:%Y-%m-%d}"
    elif selection.start:
        dates = f"from {selection.start:%Y-%m-%d}"
    elif selection.end:
        dates = f"up to {selection.end:%Y-%m-%d}"
    else:
        dates = "all dates"
    parts = [outlets, dates, "undated included" if selection.include_undated else "undated left out"]
    if selection.story:
        parts.append(f"story: {story or selection.story}")
    return "Filters: " + " · ".join(parts)


def n_per_outlet(counts: tuple[tuple[str, int], ...], *, shown: int = SHOWN_OUTLETS) -> str:
    """'N articles: AP 12, UPI 3, … 5 more outlets 9' — the largest outlets named, the rest summed."""
    named = ", ".join(f"{o} {n}" for o, n in counts[:shown])
    rest = counts[shown:]
    if rest:
        named += f", {plural(len(rest), 'more outlet')} {sum(n for _, n in rest)}"
    return f"N articles: {named}" if named else "N articles: 0"
