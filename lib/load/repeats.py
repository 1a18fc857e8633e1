"""Boilerplate learnt from the corpus itself: a short line that recurs across articles of one
outlet is the site's furniture, not the story ("Read or Share this story: <url>", "The Associated
Press contributed to this report.", "Updated at 3:15 p.m. ET", a bare "USA TODAY" line).

The way jusText and boilerpipe use repetition, without any list of phrases: each article's clean
text is reduced to keys of its short lines (``line_keys``, computed once per article and kept with
its record); ``learn`` counts, per outlet, in how many articles each key occurs; ``strip`` removes
the learnt lines from a text. Counting is an aggregation of stored keys, so a new file costs its
own lines only.

A line is normalised before it is keyed (case, white space, digits, web addresses and @handles
set aside, and a line of symbols only is a rule), so "Updated at 3:15 p.m. ET" and "Updated at
10:02 p.m. ET" are one line. A short line, or a long one that does not end like a sentence,
also gives keys for its first and its last four words:
furniture with a changing part ("( Also on POLITICO: <a link's title>)", "<a name> contributed to
this report.") recurs by those, when they are in PART_SHARE of the outlet's articles.

What is never learnt, because a story repeats it too:
- a sentence in the middle of an article ("He declined to comment."): mid-article, only lines
  that do not end like a sentence are keyed (headings, credits, "( PHOTOS: ...)", rules);
  furniture sentences sit at the edges (the first two lines, the last three);
- the paragraphs that versions of one story share (an updated wire story kept three times): an
  article sharing a long line (a paragraph) and most of its keyed lines with one other article
  is such a version, and is not counted;
- a line with quotation marks, often a quote that several articles repeat, unless a quarter of
  the outlet's articles have it.
Articles without an outlet are counted per folder. The raw text is never changed; the analyst
can keep any learnt line (``boilerplate.csv``).
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Sequence

MIN_ARTICLES = 3      # a line in this many articles of one outlet is boilerplate
MAX_WORDS = 40        # longer lines are paragraphs of a story, never keyed
QUOTED_SHARE = 0.25   # a line with quotation marks: in at least this share of the outlet's articles
NEAR_COPY_SHARE = 0.5  # an article with more of its keyed lines recurring is a version of another
NEAR_COPY_LINES = 4    # ... when it has at least this many keyed lines
EDGE_FIRST, EDGE_LAST = 2, 3  # lines at the start and the end of an article where sentences are keyed
KEY_BYTES = 8         # 7 bytes of the line's digest and one of flags
_QUOTED = 1           # flag: the line has quotation marks
_LONG = 2             # flag: the line has more than LONG_WORDS words (a paragraph, not a credit)
LONG_WORDS = 15
_PART = 4             # flag: the key of a short line's first or last PART_WORDS words
PART_WORDS = 4
SHORT_WORDS = 12      # a longer line that ends like a sentence gives no part keys
PART_SHARE = 0.02     # a part key is furniture in at least this share of the outlet's articles
VERSIONS_MAX = 50     # a line in more articles than this is no paragraph that versions of a story share

_URL = re.compile(r"https?://\S+|www\.\S+|\S+@\S+\.\w+")
_HANDLE = re.compile(r"@\w+")
_DIGITS = re.compile(r"\d+")
_QUOTE_MARKS = re.compile(r"[\"“”„«»]")
_BLANK_RUN = re.compile(r"\n{3,}")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")


def normal(line: str) -> str:
    """What two printings of one furniture line share: case-folded, web addresses as <url>,
    @handles as @, every number as 0, single spaces."""
    line = _URL.sub("<url>", line.strip().casefold())
    line = _HANDLE.sub("@", line)
    if line and not any(c.isalnum() for c in line):
        return "<rule>"  # ___ *** • • • ------: one separator, however drawn
    return " ".join(_DIGITS.sub("0", line).split())


def key(line: str) -> bytes | None:
    """The key of one line (None for a blank line or one longer than MAX_WORDS words)."""
    found = keys_of(line)
    return found[0] if found else None


def keys_of(line: str) -> list[bytes]:
    """The line's own key, then the keys of its first and last PART_WORDS words ([] for a blank
    line or one longer than MAX_WORDS words). A line longer than SHORT_WORDS words has them only
    when it does not end like a sentence: furniture glued to a changing caption ("<player notice>
    Media caption <the caption>") recurs only by its start."""
    shown = normal(line)
    words = shown.split()
    if not words or len(words) > MAX_WORDS:
        return []
    quoted = _QUOTED if _QUOTE_MARKS.search(line) else 0
    own = _digest(shown, quoted | (_LONG if len(words) > LONG_WORDS else 0))
    if len(words) <= PART_WORDS or (len(words) > SHORT_WORDS and _SENTENCE_END.search(line.strip())):
        return [own]   # a long sentence's opening is a story's ("WASHINGTON (AP) — The president ...")
    return [own, _part_key("^", words[:PART_WORDS]), _part_key("$", words[-PART_WORDS:])]


def _part_key(end: str, words: list[str]) -> bytes:
    # quoted when the part itself has quotation marks, not the rest of the line: a notice opening
    # a quoted caption is the same furniture as one opening a bare caption
    part = " ".join(words)
    return _digest(f"{end} {part}", _PART | (_QUOTED if _QUOTE_MARKS.search(part) else 0))


def matched(line: str, learnt: Collection[bytes]) -> bytes | None:
    """The learnt key this line has (its own, or a part's), or None. A long sentence, which gives
    no part keys to learn from, still goes when it opens with learnt furniture: the player notice
    learnt from its bare captions takes its captions that end like a sentence too."""
    found = keys_of(line)
    hit = next((k for k in found if k in learnt), None)
    if hit is None and len(found) == 1:
        words = normal(line).split()
        if len(words) > SHORT_WORDS:
            opening = _part_key("^", words[:PART_WORDS])
            hit = opening if opening in learnt else None
    return hit


def _digest(shown: str, flags: int) -> bytes:
    return hashlib.blake2b(shown.encode("utf-8", "surrogatepass"), digest_size=KEY_BYTES - 1).digest() + bytes([flags])


def line_keys(text: str) -> bytes:
    """The keys of an article's distinct short lines that can be furniture, concatenated
    (KEY_BYTES each): every short line at an edge, and mid-article those not ending like a sentence."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    last = len(lines) - EDGE_LAST
    found: dict[bytes, None] = {}
    for at, line in enumerate(lines):
        if at < EDGE_FIRST or at >= last or not _SENTENCE_END.search(line):
            found.update(dict.fromkeys(keys_of(line)))
    return b"".join(found)


def split_keys(packed: bytes | None) -> list[bytes]:
    """``line_keys``' bytes back as a list of keys."""
    packed = packed or b""
    return [packed[at:at + KEY_BYTES] for at in range(0, len(packed), KEY_BYTES)]


def learn(groups: Sequence[str], keys: Sequence[bytes | None], *,
          kept: Iterable[bytes] = ()) -> dict[str, dict[bytes, int]]:
    """The boilerplate keys of each group (an outlet; one entry per distinct article, with that
    article's ``line_keys``), each with the number of the group's articles having it: a key in at
    least MIN_ARTICLES of them (and, for a quoted line, in QUOTED_SHARE of them). ``kept``: keys
    the analyst keeps in the text."""
    size = Counter(groups)
    articles = [(group, split_keys(packed)) for group, packed in zip(groups, keys) if packed]
    counts = _counts(articles)
    versions = _versions(articles, counts)
    if any(versions):
        counts = _counts(a for a, version in zip(articles, versions) if not version)
    kept = set(kept)
    learnt: dict[str, dict[bytes, int]] = {}
    for group, counter in counts.items():
        needed_quoted = max(MIN_ARTICLES, QUOTED_SHARE * size[group])
        needed_part = max(MIN_ARTICLES, PART_SHARE * size[group])
        found = {k: n for k, n in counter.items() if n >= MIN_ARTICLES and k not in kept
                 and not (k[-1] & _QUOTED and n < needed_quoted) and not (k[-1] & _PART and n < needed_part)}
        if found:
            learnt[group] = found
    return learnt


def _versions(articles: list[tuple[str, list[bytes]]], counts: dict[str, Counter]) -> list[bool]:
    """Whether each article is a version of another: it shares a long recurring line with it, and
    with it more than NEAR_COPY_SHARE of its keyed lines."""
    sharing: dict[tuple[str, bytes], list[int]] = defaultdict(list)
    for at, (group, found) in enumerate(articles):
        for k in found:
            if k[-1] & _LONG and MIN_ARTICLES <= counts[group][k] <= VERSIONS_MAX:
                sharing[(group, k)].append(at)
    keyed = [set(found) for _, found in articles]
    out = [False] * len(articles)
    for at, (group, found) in enumerate(articles):
        if len(found) < NEAR_COPY_LINES:
            continue
        others = {other for k in found for other in sharing.get((group, k), ()) if other != at}
        out[at] = any(len(keyed[at] & keyed[other]) > NEAR_COPY_SHARE * len(found) for other in others)
    return out


def _counts(articles: Iterable[tuple[str, list[bytes]]]) -> dict[str, Counter]:
    counts: dict[str, Counter] = defaultdict(Counter)
    for group, found in articles:
        counts[group].update(found)
    return counts


def strip(text: str, learnt: Collection[bytes]) -> tuple[str, list[str]]:
    """``text`` without its learnt lines, and the lines removed (as written). A text that would
    be left empty is returned whole: then the lines were the article."""
    kept_lines, removed = [], []
    for line in text.split("\n"):
        (removed if matched(line, learnt) is not None else kept_lines).append(line)
    if not removed:
        return text, []
    left = _joined(kept_lines)
    return (left, [line.strip() for line in removed]) if left else (text, [])


def without(text: str, removed: Collection[str]) -> str:
    """What ``strip`` left of ``text`` when it removed the lines ``removed``, rebuilt without
    keying a line: a line goes when, stripped, it is one of them (whether a line is learnt
    depends on its stripped form only)."""
    gone = set(removed)
    return _joined([line for line in text.split("\n") if line.strip() not in gone])


def _joined(lines: list[str]) -> str:
    return _BLANK_RUN.sub("\n\n", "\n".join(lines)).strip()
