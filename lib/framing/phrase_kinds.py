"""What kind of phrase a suggestion candidate is, read from its uses in the corpus's token stream
(``lib.framing.tokens``): a name, a piece cut out of a name, a unit. Each function gives one
share per row of ``phrases`` (columns starts and lengths: token positions and word counts of its
uses), 0..1; ``lib.framing.suggest`` sets the thresholds."""
from __future__ import annotations

import numpy as np
import pandas as pd

from lib.framing.tokens import BREAK, NUMBER, SENTENCE_END, Tokens


def name_fragment_shares(tokens: Tokens, phrases: pd.DataFrame) -> np.ndarray:
    """Per phrase: the share of its uses that stop inside a name, their last word and the next
    one capitalised ("Representative Kevin" before "McCarthy", "Leader Kevin"): 0..1. A phrase
    cut out of names is no wording of anyone's."""
    capital, n = tokens.capital, len(tokens.codes)
    out = np.zeros(len(phrases))
    for row, (starts, lengths) in enumerate(zip(phrases["starts"], phrases["lengths"])):
        ends = starts + lengths   # the token after each use
        inside = ends < n
        if inside.any():
            last, after = ends[inside] - 1, ends[inside]
            cut = capital[last] & capital[after] & (tokens.sentence[after] == tokens.sentence[last])
            out[row] = float(cut.sum()) / len(starts)
    return out


_QUANTITY_WORDS = ("hundred", "thousand", "million", "billion", "trillion", "dozen")


def after_number_shares(tokens: Tokens, phrases: pd.DataFrame) -> np.ndarray:
    """Per phrase: the share of its uses right after a number ("40 tons", "2 million pounds",
    "12-year-old"): 0..1. A phrase nearly always counted is a unit, what is measured rather than
    a wording for it."""
    after_number = np.isin(tokens.vocabulary, [NUMBER, *_QUANTITY_WORDS])[tokens.codes]
    return np.array([float(after_number[starts[starts > 0] - 1].sum()) / len(starts) if len(starts) else 0.0
                     for starts in phrases["starts"]])


def proper_shares(tokens: Tokens, phrases: pd.DataFrame) -> np.ndarray:
    """Per phrase: the share of its uses not at a sentence's start whose first and last words are
    capitalised (0..1; a name is near 1, a common noun near 0; NaN when every use starts a
    sentence)."""
    breaks = np.isin(tokens.vocabulary, [BREAK, *SENTENCE_END])[tokens.codes]
    out = np.full(len(phrases), np.nan)
    for row, (starts, lengths) in enumerate(zip(phrases["starts"], phrases["lengths"])):
        inside = starts[(starts > 0) & ~breaks[np.maximum(starts - 1, 0)]]
        if len(inside):
            ends = inside + lengths[(starts > 0) & ~breaks[np.maximum(starts - 1, 0)]] - 1
            out[row] = float(np.mean(tokens.capital[inside] & tokens.capital[ends]))
    return out
