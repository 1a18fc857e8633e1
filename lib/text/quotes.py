"""Quotation spans and the voice a span is written in.

    * A double mark's direction comes from its type (“ opens, ” closes) or, for ``"``, from its
      shape (space or bracket before and text after opens; text before closes). A curly mark whose
      shape contradicts the current state is read by its shape (sloppy ``“yes“``).
    * A quotation still open at the end of its paragraph (line) ends there.
    * An opening mark while a quotation is open: if it follows a sentence end (``. “``), the open
      quotation is closed at that sentence end and a new one starts (a writer who forgot a closing
      mark); otherwise it is a nested quotation inside the open one.
    * A stray closing mark (none open) is ignored.
    * A single mark opens only when it is preceded by a space/bracket/dash and followed by a
      letter, is not an elision (``’90s``, ``’em``, ``'til``, ``rock 'n' roll``) and a closing
      mark (text before, no letter or digit after) follows in the same paragraph; otherwise it is
      an apostrophe (``Xi’s``, ``Russia’s``).
    * Nested quotations: the outer span wins; marks inside an open quotation are not separate spans.

    Kind: ``'quoted'`` (someone's words) when the quotation has more than ``SCARE_MAX_WORDS``
    words, or when its sentence names a speaker: a speech verb before or after it in the same
    sentence (said, says, told, wrote, added, remarked, asked, according to, ...) or a naming
    phrase right before it (``called him a “…”``, ``described the meeting as “…”``, ``greeted Xi
    as a “…”``, ``referred to them as “…”``, ``Ayotte: ‘Call a timeout’``), or when it is a
    sentence of its own (``… he said. “Shot me twice.”``). Otherwise ``'scare'``: the outlet's own
    distancing quotes (a “strategic partnership”, what they called a “hegemonic” order).

Voice
    ``voice()``: the kind of the quotation covering more than half of the span, else
    ``'narrative'``. ``sentences()`` labels whole sentences from their non-space characters: at
    least ``QUOTED_SHARE`` (60 %) inside 'quoted' spans → ``'quoted'``; some but less →
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import islice
from operator import attrgetter

from lib.text.spans import _LINE, _TITLE_END

SCARE_MAX_WORDS = 3

@dataclass(frozen=True)
class Quote:
    """A quotation: ``text[start:end]`` includes its quote marks (no closing mark if unbalanced)."""

    start: int
    end: int
    kind: str  # 'quoted' (someone's words) or 'scare' (the outlet's distancing quotes)


# ---------------------------------------------------------------------------------------------
# Quotations
# ---------------------------------------------------------------------------------------------

# Candidate marks (a plain character class scans fast); apostrophes inside words (Xi’s, don't)
# are dropped in _paragraph_quotes.
_MARK = re.compile(r"[\"“”„«»‘’']")
_DOUBLE_OPEN_TYPED = "“„«"
_DOUBLE_CLOSE_TYPED = "”»"
_OPEN_BEFORE = "([{<—–-/:;“‘\"'„«"
_TERMINALS = ".!?…"
_ELISION = re.compile(r"(?:\d|(?:em|til|cause|tis|twas|n|round|bout)\b)", re.IGNORECASE)
_WORD = re.compile(r"\w+(?:[’'.\-]\w+)*")
_SPEECH = re.compile(
    r"\b(?:said|says|say|saying|told|tells|wrote|writes|added|adds|remarked|asked|asks|replied|"
    r"tweeted|declared|stated|noted|explained|insisted|argued|claimed|warned|announced|responded|"
    r"quipped|recalled|acknowledged|[Aa]ccording\s+to)\b"
)
_NAMING = re.compile(
    r"(?:\b(?:call(?:s|ed|ing)?|dub(?:s|bed|bing)?|brand(?:s|ed|ing)?|label(?:s|ed|led|ing|ling)?|"
    r"term(?:s|ed|ing)?)\s+(?:him|her|it|them|us|me|you|himself|herself|itself|themselves)"
    r"|\b(?:describ(?:e|es|ed|ing)|greet(?:s|ed|ing)?|hail(?:s|ed|ing)?|refer(?:s|red|ring)?\s+to)\b"
    r"(?:\s+\S+){0,6}?\s+as)(?:\s+(?:a|an|the))?\s*$"
    r"|:\s*$"
)
_SENTENCE_END_IN_WINDOW = re.compile(r"[.!?][\"'”’)\]]*\s+")


def quotes(text: str) -> list[Quote]:
    """Quotation spans, sorted and non-overlapping (rules in the module docstring)."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    marks = [m.start() for m in _MARK.finditer(text)]
    if not marks:
        return []
    out: list[Quote] = []
    for line in _LINE.finditer(text):
        ps, pe = line.span()
        i, j = bisect_left(marks, ps), bisect_left(marks, pe)
        if i == j:
            continue
        while pe > ps and text[pe - 1].isspace():
            pe -= 1
        _paragraph_quotes(text, ps, pe, marks[i:j], out)
    return out


def _paragraph_quotes(text: str, ps: int, pe: int, marks: list[int], out: list[Quote]) -> None:
    closers: dict[str, list[int]] = {"’": [], "'": []}
    kept = []
    for p in marks:
        ch = text[p]
        if ch in closers:
            glued_before = p > ps and (text[p - 1].isalnum() or text[p - 1] == "_")
            glued_after = p + 1 < pe and (text[p + 1].isalnum() or text[p + 1] == "_")
            if glued_before and glued_after:
                continue  # an apostrophe inside a word
            if p > ps and not text[p - 1].isspace() and not glued_after:
                closers[ch].append(p)
        kept.append(p)
    marks = kept

    open_at = -1  # start of the open double quotation, -1 when none
    depth = 0  # nested quotations inside it
    skip_until = -1
    for p in marks:
        if p < skip_until:
            continue
        ch = text[p]
        before = text[p - 1] if p > ps else ""
        after = text[p + 1] if p + 1 < pe else ""
        opener_shaped = (not before or before.isspace() or before in _OPEN_BEFORE) and bool(after) and not after.isspace()
        closer_shaped = bool(before) and not before.isspace() and (not after or not after.isalnum())

        if ch in "‘’'":  # single marks: only outside a double quotation
            if open_at >= 0 or ch == "’" or not opener_shaped or not after.isalpha() or _ELISION.match(text, p + 1):
                continue
            candidates = closers["’" if ch == "‘" else "'"]
            k = bisect_right(candidates, p)
            if k < len(candidates):
                end = candidates[k] + 1
                out.append(Quote(p, end, _kind(text, p, end, p + 1, end - 1, ps, pe)))
                skip_until = end
            continue

        if ch in _DOUBLE_OPEN_TYPED:
            opens = not (closer_shaped and not opener_shaped)
        elif ch in _DOUBLE_CLOSE_TYPED:
            opens = open_at < 0 and opener_shaped and not closer_shaped
        else:  # straight: shape decides
            opens = opener_shaped if open_at < 0 else (opener_shaped and _after_terminal(text, ps, p))
        if open_at < 0:
            if opens:
                open_at, depth = p, 0
            continue  # a stray closing mark is ignored
        if opens:
            if _after_terminal(text, ps, p):  # close the forgotten quotation at the sentence end
                end = _rstrip_end(text, open_at, p)
                out.append(Quote(open_at, end, _kind(text, open_at, end, open_at + 1, end, ps, pe)))
                open_at, depth = p, 0
            else:
                depth += 1
            continue
        if depth:
            depth -= 1
            continue
        out.append(Quote(open_at, p + 1, _kind(text, open_at, p + 1, open_at + 1, p, ps, pe)))
        open_at = -1
    if open_at >= 0:  # unbalanced: ends at the paragraph end
        out.append(Quote(open_at, pe, _kind(text, open_at, pe, open_at + 1, pe, ps, pe)))


def _after_terminal(text: str, ps: int, p: int) -> bool:
    j = p - 1
    while j >= ps and text[j].isspace():
        j -= 1
    return j >= ps and text[j] in _TERMINALS


def _rstrip_end(text: str, start: int, p: int) -> int:
    while p > start + 1 and text[p - 1].isspace():
        p -= 1
    return p


def _kind(text: str, qs: int, qe: int, inner_s: int, inner_e: int, ps: int, pe: int) -> str:
    words = sum(1 for _ in islice(_WORD.finditer(text, inner_s, max(inner_s, inner_e)), SCARE_MAX_WORDS + 1))
    if words > SCARE_MAX_WORDS or _names_speaker(text, qs, qe, inner_e, ps, pe):
        return "quoted"
    return "scare"


def _names_speaker(text: str, qs: int, qe: int, inner_e: int, ps: int, pe: int) -> bool:
    """True when the quotation's sentence attributes it: a speech verb before or after it, a
    naming phrase right before it, or the quotation is a sentence of its own (“Shot me twice.”)."""
    window_start = max(ps, qs - 200)
    for m in _SENTENCE_END_IN_WINDOW.finditer(text, window_start, qs):
        if _ends_sentence(text, m):
            window_start = m.end()
    before = text[window_start:qs]
    inner = text[qs:inner_e].rstrip()
    ends_inside = bool(inner) and inner[-1] in _TERMINALS
    after_end = min(pe, qe + 200)
    rest = text[qe:after_end].lstrip()
    if ends_inside and (not rest or rest[0].isupper() or rest[0] in "“\"‘("):
        return not before.strip() or _SPEECH.search(before) is not None or _NAMING.search(before[-120:]) is not None
    if _SPEECH.search(before) or _NAMING.search(before[-120:]):
        return True
    stop = after_end
    for m in _SENTENCE_END_IN_WINDOW.finditer(text, qe, after_end):
        if _ends_sentence(text, m):
            stop = m.start()
            break
    return _SPEECH.search(text, qe, stop) is not None


def _ends_sentence(text: str, m: re.Match) -> bool:
    """A terminal match ends a sentence unless it closes a title (Rep.) or lower case follows."""
    p = m.start()
    if text[p] == "." and _TITLE_END.search(text, max(0, p - 8), p + 1):
        return False
    return not text[m.end() : m.end() + 1].islower()


# ---------------------------------------------------------------------------------------------
# Voice
# ---------------------------------------------------------------------------------------------

_START = attrgetter("start")


def voice(quote_list: list[Quote], start: int, end: int) -> str:
    """'quoted' | 'scare' | 'narrative' for text[start:end]: the kind of the quotation covering
    more than half of it (for an empty span: the one containing `start`), else 'narrative'.

    `quote_list` must be sorted and non-overlapping, as quotes() returns it (O(log n) per call).
    """
    if not quote_list:
        return "narrative"
    i = bisect_right(quote_list, start, key=_START) - 1
    if end <= start:
        if i >= 0 and quote_list[i].start <= start < quote_list[i].end:
            return quote_list[i].kind
        return "narrative"
    best_kind, best = "narrative", 0
    for q in quote_list[max(i, 0) :]:
        if q.start >= end:
            break
        overlap = min(end, q.end) - max(start, q.start)
        if overlap > best:
            best_kind, best = q.kind, overlap
    return best_kind if 2 * best > end - start else "narrative"


