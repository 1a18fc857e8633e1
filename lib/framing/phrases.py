"""The phrases a suggested set is made of (``lib.framing.suggest``): every run of one to
``MAX_WORDS`` words of the corpus's token stream (``lib.framing.tokens``) that starts and ends
with a content word and recurs, with the positions of its uses; and its inflections (plural,
possessive, hyphenation) pooled into one phrase.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from lib.framing.tokens import Tokens

MAX_WORDS = 3            # the longest phrase considered
MAX_CANDIDATES = 6000    # the most frequent phrases given context vectors (memory: dense K × K floats)
MIN_LETTERS = 3          # a phrase must hold a word of this many letters ("d-ny", "u.s" are none)


def tokenise(texts: pd.Series) -> Tokens:
    """The corpus's token stream (``Tokens``) of these texts, in their order, as the map and
    reduce of ``suggest_map`` make it."""
    from lib.framing import suggest_map

    rows = pd.DataFrame({"id": [str(k) for k in range(len(texts))], "text": list(texts)})
    return suggest_map.tokens(suggest_map.map_articles(rows), rows["id"])


def frequent(tokens: Tokens, min_count: int) -> pd.DataFrame:
    """Every phrase of 1..MAX_WORDS words with edge words at both ends, occurring ≥ min_count
    times in ≥ 2 articles. Returns phrase (str), words (tuple of codes), count, articles, and
    ``starts`` (token positions, np.ndarray) per phrase."""
    codes, size = tokens.codes, len(tokens.vocabulary)
    word = tokens.is_phrase_word[codes]
    edge = tokens.is_edge_word[codes]
    # a phrase needs a run of three letters somewhere: "d-ny", "u.s" and initials are not wordings
    long_enough = pd.Series(tokens.vocabulary).str.contains(r"[^\W\d_]{%d}" % MIN_LETTERS, regex=True).to_numpy()[codes]
    frames = []
    for n in range(1, MAX_WORDS + 1):
        last = len(codes) - n + 1
        if last <= 0:
            break
        ok = edge[:last] & edge[n - 1:n - 1 + last]
        strong = long_enough[:last].copy()
        for k in range(1, n - 1 + 1):
            ok &= word[k:k + last]
        for k in range(1, n):
            strong |= long_enough[k:k + last]
        ok &= strong
        starts = np.flatnonzero(ok)
        if len(starts) == 0:
            continue
        key = np.zeros(len(starts), dtype="int64")
        for k in range(n):
            key = key * size + codes[starts + k]
        frame = pd.DataFrame({"key": key, "start": starts, "article": tokens.article[starts]})
        counts = frame.groupby("key").agg(count=("start", "size"), articles=("article", "nunique"))
        counts = counts[(counts["count"] >= min_count) & (counts["articles"] >= 2)]
        if counts.empty:
            continue
        kept = frame[frame["key"].isin(counts.index)]
        # each kept phrase's starts, ascending: a stable sort by phrase, cut where the phrase changes
        kept = kept.sort_values("key", kind="stable")
        keys, cuts = np.unique(kept["key"].to_numpy(), return_index=True)
        starts_of = pd.Series(np.split(kept["start"].to_numpy(), cuts[1:]), index=keys, dtype="object")
        counts = counts.join(starts_of.rename("starts"))
        counts["n"] = n
        frames.append(counts.reset_index())
    if not frames:
        return pd.DataFrame(columns=["phrase", "words", "count", "articles", "starts", "n"])
    out = pd.concat(frames, ignore_index=True)
    out = out.sort_values("count", ascending=False, ignore_index=True).head(MAX_CANDIDATES)
    out["words"] = [tuple(int(codes[s + k]) for k in range(n)) for s, n in
                    zip((starts[0] for starts in out["starts"]), out["n"])]
    out["phrase"] = [" ".join(tokens.vocabulary[list(w)]) for w in out["words"]]
    return out.drop(columns="key").reset_index(drop=True)


def base_forms(phrases: list[str]) -> list[str]:
    """Per phrase, the phrase it is an inflection of: its last word without a plural or
    possessive ending ("illegal immigrants" -> "illegal immigrant", "rises" -> "rise", "taxes" ->
    "tax", "policies" -> "policy", "Russia's" -> "Russia") when that form is itself a phrase of
    the corpus; hyphens count as spaces ("net-zero" and "net zero" are one form, as the lexicon's
    matcher treats them alike). Otherwise the phrase itself (spaced)."""
    spaced = [p.replace("-", " ") for p in phrases]
    known = set(spaced)
    # "re-open the government" and "reopen the government", "e-mail" and "email": one spelling
    unhyphenated = {p.replace("-", ""): p.replace("-", " ") for p in phrases if "-" not in p}
    out = []
    for original, phrase in zip(phrases, spaced):
        base = phrase
        if "-" in original and original.replace("-", "") in unhyphenated:
            out.append(unhyphenated[original.replace("-", "")])
            continue
        for ending, replacement in (("'s", ""), ("'", ""), ("ies", "y"), ("es", ""), ("s", "")):
            if phrase.endswith(ending) and len(phrase) - len(ending) >= 3:
                candidate = phrase[: -len(ending)] + replacement
                if candidate in known:
                    base = candidate
                    break
        out.append(base)
    return out


def merge_inflections(phrases: pd.DataFrame) -> pd.DataFrame:
    """One row per base form (``base_forms``): the most frequent form names it, the others are
    its variants; counts and starts are pooled."""
    phrases = phrases.sort_values("count", ascending=False, ignore_index=True)
    phrases["key"] = base_forms(phrases["phrase"].tolist())
    phrases["lengths"] = [np.full(len(s), n) for s, n in zip(phrases["starts"], phrases["n"])]
    phrases["variants"] = [[p] for p in phrases["phrase"]]
    shared = phrases["key"].duplicated(keep=False)
    merged = []
    for _, forms in phrases[shared].groupby("key", sort=False):  # few: most phrases have one form
        first = forms.iloc[0]
        merged.append({"phrase": first["phrase"], "words": first["words"], "n": first["n"],
                       "variants": list(forms["phrase"]), "count": int(forms["count"].sum()),
                       "articles": int(forms["articles"].max()),
                       "starts": np.concatenate(list(forms["starts"])),
                       "lengths": np.concatenate(list(forms["lengths"]))})
    out = pd.concat([phrases[~shared].drop(columns="key"), pd.DataFrame(merged)], ignore_index=True)
    return out.sort_values("count", ascending=False, ignore_index=True)
