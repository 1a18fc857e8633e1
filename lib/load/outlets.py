"""One outlet, one name: spelling variants of an outlet's name merged across a corpus.

Exports and scrapers write the same outlet many ways: ``breitbart`` and ``Breitbart``,
``thehuffingtonpost`` and ``The Huffington Post``, ``foxnews.com`` and ``Fox News``. Every chart
would split them. Two names are the same outlet when they agree once case, accents, spaces and
punctuation, a leading "the", a leading "www." and a trailing web domain (".com", ".co.uk" ...) are
set aside, and "the Guardian" is "Guardian" when the corpus writes both. An identifier that shortens
a name's first words to initials (``nytimes``, ``latimes``) joins that name when exactly one name
in the corpus reads so, and a web address with a subdomain (``abcnews.go.com``,
``edition.cnn.com``) joins the one name a part of its host reads as. Nothing else is assumed (``Breitbart News`` and ``Breitbart`` stay apart:
the analyst's ``outlets.csv`` joins those).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

import pandas as pd

MERGED = ", spelling merged"  # appended to an article's outlet_source when its spelling was merged

# A web address's end: "foxnews.com", "bbc.co.uk", "lemonde.fr" (the country part two letters).
_DOMAIN_END = re.compile(r"\.(?:com|org|net|news|info|co|gov|edu)(?:\.[a-z]{2})?$|\.[a-z]{2}$")
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def name_key(name: str) -> str:
    """What two spellings of one outlet's name share: ``"The Huffington Post"`` and
    ``"thehuffingtonpost"`` both give ``"thehuffingtonpost"``. Empty for a name with no letter or
    digit. (A leading "the" is kept: ``canonical_names`` joins "The Guardian" and "Guardian" only
    when both are in the corpus.)"""
    folded = unicodedata.normalize("NFKD", name.strip().casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = re.sub(r"^(?:https?://)?(?:www\.)?", "", folded)
    if " " not in folded:
        folded = _DOMAIN_END.sub("", folded.rstrip("/"))
    return _NOT_ALNUM.sub("", folded)


def canonical_names(names: Iterable[str | None]) -> dict[str, str]:
    """Each spelling in ``names`` (one entry per article: counts matter) mapped to the name its
    outlet is shown by: of the spellings sharing a ``name_key``, the one written like a name
    (capitals, spaces) and used by most articles. Spellings alone in their group map to themselves;
    missing names are left out."""
    counts = Counter(n for n in names if isinstance(n, str) and n.strip())
    keys = {spelling: name_key(spelling) or spelling for spelling in counts}
    present = set(keys.values())
    groups: dict[str, list[str]] = {}
    for spelling, key in keys.items():
        # "The Guardian" and "Guardian": one outlet when both are written (never "Theatre" -> "atre"
        # unless an "Atre" is in the corpus too)
        if key.startswith("the") and key[3:] in present:
            key = key[3:]
        groups.setdefault(key, []).append(spelling)
    _join_initialisms(groups)
    _join_host_names(groups)
    chosen = {}
    for spellings in groups.values():
        best = max(spellings, key=lambda s: (_reads_as_name(s), counts[s], " " in s, s))
        chosen.update(dict.fromkeys(spellings, best))
    return chosen


def _join_initialisms(groups: dict[str, list[str]]) -> None:
    """Fold a group written only as an identifier that shortens a name's first words to their
    initials (``nytimes`` or ``nytimes.com`` for "New York Times", ``latimes`` for "Los Angeles
    Times") into that name's group, in place: at least two words shortened and at least one kept
    whole, and only when exactly one name in the corpus reads so (an initialism alone, ``abc``,
    could stand for many)."""
    expansions: dict[str, list[str]] = {}
    for key, spellings in groups.items():
        for spelling in spellings:
            if not _reads_as_name(spelling):
                continue
            words = [w for w in _NOT_ALNUM.split(unicodedata.normalize("NFKD", spelling.casefold())) if w]
            if words and words[0] == "the":
                words = words[1:]
            for k in range(2, len(words)):
                short = "".join(w[0] for w in words[:k]) + "".join(words[k:])
                if key not in expansions.setdefault(short, []):
                    expansions[short].append(key)
    for key in list(groups):
        targets = expansions.get(key, [])
        if (len(targets) == 1 and targets[0] != key and targets[0] in groups
                and not any(_reads_as_name(s) for s in groups[key])):
            groups[targets[0]].extend(groups.pop(key))


def _host_keys(spelling: str) -> tuple[list[str], list[str]]:
    """A web address's candidate keys, from the labels of its host name ("abcnews.go.com" ->
    "abcnews", "go"): (two adjacent labels joined, either way round: "news.herald.com" ->
    "newsherald", "heraldnews"; single labels), labels of 3+ characters only. Empty for a
    spelling that is not an address with a subdomain."""
    folded = unicodedata.normalize("NFKD", spelling.strip().casefold())
    if " " in folded or "." not in folded:
        return [], []
    host = re.sub(r"^(?:https?://)?(?:www\.)?", "", folded).split("/")[0]
    labels = [_NOT_ALNUM.sub("", label) for label in _DOMAIN_END.sub("", host).split(".")]
    labels = [label for label in labels if len(label) >= 3]   # "go", "m", "uk": no brand
    if len(labels) < 2:
        return [], labels if labels and len(host.split(".")) > 2 else []
    pairs = [a + b for a, b in zip(labels, labels[1:])] + [b + a for a, b in zip(labels, labels[1:])]
    return pairs, labels


def _join_host_names(groups: dict[str, list[str]]) -> None:
    """Fold a group written only as a web address with a subdomain into the one name of the
    corpus that one part of the host reads as ("abcnews.go.com" into "ABC News", "edition.cnn.com"
    into "CNN", "news.yahoo.com" into "Yahoo News"), in place: two labels joined first, else one
    label, and only when exactly one group matches (never on a guess between two outlets)."""
    for key in list(groups):
        spellings = groups.get(key, [])
        if not spellings or any(_reads_as_name(s) for s in spellings):
            continue
        for candidates in _host_keys(spellings[0]):
            found = {c for c in candidates if c != key and c in groups}
            if len(found) == 1:
                groups[found.pop()].extend(groups.pop(key))
                break
            if found:
                break  # two outlets read so: keep it apart


def _reads_as_name(spelling: str) -> bool:
    # "The Huffington Post" reads as a name, "thehuffingtonpost" and "foxnews.com" as identifiers
    return any(c.isupper() for c in spelling) and not _DOMAIN_END.search(spelling.casefold())


def merges(records: pd.DataFrame) -> pd.DataFrame:
    """The spellings merged into another (records with outlet, outlet_as_found, outlet_source,
    status): one row per spelling, ``written``, ``shown_as`` and ``articles`` (loaded or duplicate
    records), most articles first. What the Corpus page lists, each with its "Keep apart"."""
    columns = ["written", "shown_as", "articles"]
    merged = records[records["status"].isin(["loaded", "duplicate"])
                     & records["outlet_source"].astype("string").fillna("").str.endswith(MERGED)]
    if merged.empty:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c == "articles" else "str") for c in columns})
    table = (merged.groupby(["outlet_as_found", "outlet"]).size().rename("articles").reset_index()
             .rename(columns={"outlet_as_found": "written", "outlet": "shown_as"}))
    return table.sort_values(["articles", "written"], ascending=[False, True], ignore_index=True)[columns]
