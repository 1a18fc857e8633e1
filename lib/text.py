"""Sentences with character offsets, quotation spans, and the voice a span is written in.

Every offset is a character index into the article's clean text, end exclusive, so
``text[start:end]`` gives the sentence or quotation back.

Sentences
    segtok's rules (its own regexes, abbreviation list and joining logic) on each line, then a few
    news-text fixes on top. Rules, in order:

    1. A line break always ends a sentence: headlines, subheads and captions on their own line are
       their own sentence.
    2. Within a line, segtok's splitter with ``join_on_lowercase=True`` (a fragment starting with a
       lower-case word continues the sentence, so ``“Yes!” he said.`` stays whole).
    3. Joins segtok misses: after a title (Sen., Rep., Gov., Ms., Lt., Prof., Rev., ...), after name
       initials followed by a name (``J.K. Rowling``), after a.m./p.m. followed by a non-starter
       (``5 p.m. Tuesday``), before a fragment that starts with a dash or has no letters or digits
       (``PALM BEACH, Fla. — President ...``, ``. . .``), and a short attribution after a quote
       that ends in ``!”`` or ``?”`` (``“Why now?” Putin asked.``).
    4. Splits segtok misses: an abbreviation or initial ending a sentence before a typical sentence
       starter (``in the U.S. The ...``, ``at 6 p.m. The ...``), a number ending a sentence after a
       month abbreviation (``in Sept. 2019. It ...``), ``May.`` (never an abbreviation), and an
       ellipsis glued to a word before a capitalised word (``last year… It isn’t``).
    5. No sentence is longer than ``MAX_SENTENCE_CHARS``: longer runs are cut at whitespace.

Quotations
    Straight ``"…"``, curly ``“…”`` (also ``„`` and ``«…»``) and single ``‘…’``/``'…'``.

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
    ``'mixed'``; otherwise at least 60 % inside 'scare' spans → ``'scare'``; else ``'narrative'``.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import islice
from operator import attrgetter

import pandas as pd
from segtok import segmenter as _segtok

__all__ = [
    "MAX_SENTENCE_CHARS",
    "QUOTED_SHARE",
    "SCARE_MAX_WORDS",
    "VOICES",
    "Quote",
    "quotes",
    "sentence_spans",
    "sentences",
    "voice",
]

VOICES = ("narrative", "quoted", "scare", "mixed")
QUOTED_SHARE = 0.6
SCARE_MAX_WORDS = 3
MAX_SENTENCE_CHARS = 2_000
# Lines longer than this are cut into chunks (at a likely sentence end) before segtok sees them:
# segtok's joining is quadratic on long runs of abbreviations or brackets.
_SEGTOK_CHUNK_CHARS = 8_000
_SEGTOK_SHORT = _segtok.SHORT_SENTENCE_LENGTH


@dataclass(frozen=True)
class Quote:
    """A quotation: ``text[start:end]`` includes its quote marks (no closing mark if unbalanced)."""

    start: int
    end: int
    kind: str  # 'quoted' (someone's words) or 'scare' (the outlet's distancing quotes)


# ---------------------------------------------------------------------------------------------
# Sentences
# ---------------------------------------------------------------------------------------------

# str.splitlines() boundaries; all of them are whitespace for str.strip().
_LINE = re.compile(r"[^\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) char offsets of each sentence, end exclusive, whitespace trimmed, in order,
    covering all non-space text."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        raw = line.group()
        body = raw.strip()
        if not body:
            continue
        ls = line.start() + (len(raw) - len(raw.lstrip()))
        le = ls + len(body)
        bounds = _line_bounds(text, ls, le)
        for a, b in zip(bounds, bounds[1:]):
            _append_trimmed(spans, text, a, b)
    return spans


def _line_bounds(text: str, ls: int, le: int) -> list[int]:
    """Sentence boundaries [ls, c1, ..., le] for one trimmed line."""
    cuts = [ls]
    for cs, ce in _cut_long(text, ls, le, _SEGTOK_CHUNK_CHARS, _CHUNK_BREAK):
        if cs != ls:
            cuts.append(cs)
        cuts.extend(_segtok_cuts(text[cs:ce], cs))
    cuts.append(le)
    bounds = _merge_pass(text, cuts)
    extra = _split_pass(text, ls, le, bounds)
    if extra:
        bounds = sorted(set(bounds).union(extra))
    if any(b - a > MAX_SENTENCE_CHARS for a, b in zip(bounds, bounds[1:])):
        capped = [ls]
        for a, b in zip(bounds, bounds[1:]):
            capped.extend(cs for cs, _ in _cut_long(text, a, b, MAX_SENTENCE_CHARS, None) if cs != a)
            capped.append(b)
        bounds = capped
    return bounds


def _append_trimmed(spans: list[tuple[int, int]], text: str, a: int, b: int) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if a < b:
        spans.append((a, b))


_CHUNK_BREAK = re.compile(r"[.!?…][\"'”’)\]]*\s+")
_WHITESPACE_RUN = re.compile(r"\s+")


def _cut_long(text: str, start: int, end: int, limit: int, prefer: re.Pattern | None):
    """Yield (start, end) pieces of at most `limit` chars: cut after the last `prefer` match in
    the second half of the window, else after the last whitespace there, else hard."""
    while end - start > limit:
        lo, hi = start + limit // 2, start + limit
        cut = _last_match_end(prefer, text, lo, hi) if prefer is not None else None
        if cut is None:
            cut = _last_match_end(_WHITESPACE_RUN, text, lo, hi)
        if cut is None or not start < cut < end:
            cut = hi
        yield start, cut
        start = cut
    yield start, end


def _last_match_end(pattern: re.Pattern, text: str, lo: int, hi: int) -> int | None:
    cut = None
    for m in pattern.finditer(text, lo, hi):
        cut = m.end()
    return cut


# --- segtok, driven on offsets ---------------------------------------------------------------
# segtok 1.5.11's split_single() searches its end-anchored regexes over the whole fragment before
# every candidate boundary (2.4 ms per 6,000-char article, 4x our whole budget). This is its
# _abbreviation_joiner + _sentences logic verbatim, on its own compiled patterns, except that the
# end-anchored searches look only at the fragment's tail and skip when the last character rules a
# match out. tests/unit/test_text.py pins that the result equals split_single(join_on_lowercase=True).


def _segtok_abbreviation_endings() -> tuple[str, ...] | None:
    """The literal abbreviations in segtok's ABBREVIATIONS pattern, expanded (``e\\.?g`` ->
    ``eg``, ``e.g``). None when the pattern cannot be read (then the prefilter is off)."""
    m = re.search(r"\\b\(\?:([^()]*)\)", _segtok.ABBREVIATIONS.pattern)
    if not m:
        return None
    out: set[str] = set()
    for alternative in m.group(1).split("|"):
        forms = [""]
        i = 0
        while i < len(alternative):
            if alternative.startswith("\\.?", i):
                forms = [f + s for f in forms for s in ("", ".")]
                i += 3
            elif alternative.startswith("\\.", i):
                forms = [f + "." for f in forms]
                i += 2
            elif alternative[i] == "?" and forms:
                forms = forms + [f[:-1] for f in forms]
                i += 1
            elif alternative[i].isalpha():
                forms = [f + alternative[i] for f in forms]
                i += 1
            else:
                return None
        out.update(forms)
    return tuple(sorted(out)) or None


_ABBREVIATION_ENDINGS = _segtok_abbreviation_endings()


def _abbreviation_end(prev: str) -> bool:
    """segtok.ABBREVIATIONS.search(prev), fast."""
    if len(prev) == 1:
        return not prev.isspace()  # segtok: a single non-space character "sentence"
    if prev.isdecimal():
        return bool(prev)  # segtok: a series of digits "sentence"
    last = prev[-1:]
    if not last.isalpha():
        return False  # abbreviations and initials end in a letter
    if _ABBREVIATION_ENDINGS is not None and "a" <= last <= "z" and not prev.endswith(_ABBREVIATION_ENDINGS):
        return False  # initials are upper-case; known abbreviations are listed
    tail = prev if len(prev) <= 40 else " " + prev[-32:]  # every alternative is < 24 chars
    return _segtok.ABBREVIATIONS.search(tail) is not None


def _is_open(s: str, opener: str, closer: str) -> bool:
    """segtok._is_open: more openers than closers after the first opener."""
    i = s.find(opener)
    return i >= 0 and s.count(opener, i) > s.count(closer, i)


def _is_not_opened(s: str, opener: str, closer: str) -> bool:
    """segtok._is_not_opened: more closers than openers up to the last closer."""
    j = s.rfind(closer)
    return j >= 0 and s.count(closer, 0, j + 1) > s.count(opener, 0, j)


def _segtok_cuts(chunk: str, base: int) -> list[int]:
    """Offsets (base + i) where segtok starts a new sentence in `chunk` (a line without breaks)."""
    pieces = _segtok.DO_NOT_CROSS_LINES.split(chunk)
    n = len(pieces)
    if n < 3:
        return []
    joined: list[tuple[int, int]] = []
    seg_start = None
    offset = 0
    for i, piece in enumerate(pieces):
        if i % 2:
            prev = pieces[i - 1]
            nxt = pieces[i + 1] if i + 1 < n else None
            if prev[-1:].isspace():
                pass
            elif piece[0] == "." and _abbreviation_end(prev):
                pass
            elif piece[0] == "." and nxt and (
                _segtok.LONE_WORD.match(nxt)
                or (prev[-1:].isdigit() and _segtok.ENDS_IN_DATE_DIGITS.search(prev[-8:]) and _segtok.MONTH.match(nxt))
                or (
                    prev[-1:].isupper()
                    and _segtok.MIDDLE_INITIAL_END.search(prev[-64:])
                    and _segtok.UPPER_WORD_START.match(nxt)
                )
            ):
                pass
            else:
                joined.append((seg_start, offset + len(piece)))
                seg_start = None
        elif seg_start is None:
            seg_start = offset
        offset += len(piece)
    if seg_start is not None:
        joined.append((seg_start, offset))

    cuts: list[int] = []
    last_start, last_end = joined[0]
    for cs, ce in joined[1:]:
        current = chunk[cs:ce]
        if _segtok.LOWER_WORD.match(current):  # join_on_lowercase=True
            last_end = ce
            continue
        if ce - cs < _SEGTOK_SHORT or last_end - last_start < _SEGTOK_SHORT:
            last = chunk[last_start:last_end]
            if any(
                _is_open(last, o, c)
                and (
                    _is_not_opened(current, o, c)
                    or last.endswith(" et al. ")
                    or (_segtok.UPPER_CASE_END.search(last[-64:]) and _segtok.UPPER_CASE_START.match(current))
                )
                for o, c in ("()", "[]")
            ):
                last_end = ce
                continue
        if _segtok.CONTINUATIONS.match(current):
            last_end = ce
            continue
        cuts.append(base + cs)
        last_start, last_end = cs, ce
    return cuts


# --- news-text fixes on top of segtok -------------------------------------------------------

_STARTERS = (
    "The|He|She|It|They|We|But|This|That|These|Those|There|His|Her|Their|Its|Our|In|On|At|For|"
    "If|When|While|After|Before|As|However|Meanwhile|Still|Yet|So|What|Why|How|Who|Now|Then|Also|"
    "Some|Many|Most|Both|Another|Last|Earlier|Later"
)
_STARTER = re.compile(rf"[\"“‘(]?(?:{_STARTERS})\b")
# Titles and other abbreviations that never end a sentence.
_TITLES = (
    "Mr|Mrs|Ms|Mx|Messrs|Mmes|Mme|Mlle|Dr|Drs|Prof|Sen|Sens|Rep|Reps|Gov|Govs|Lt|Col|Gen|Gens|Maj|"
    "Capt|Cpt|Sgt|Cpl|Pvt|Adm|Cmdr|Brig|Rev|Msgr|Fr|Hon|Pres|Supt|Det|Insp|Atty|Amb|St|Mt|Ft|Rt|vs|v"
)
_TITLE_END = re.compile(rf"(?<![\w.])(?:{_TITLES})\.$")
# Initials (J. / J.K. / H. G.) -- not a place or organisation that may end a sentence.
_INITIALS_END = re.compile(r"(?<![\w.])((?:[A-Z]\.\s?){1,3})$")
_NOT_INITIALS = {"U.S.", "U.K.", "U.N.", "E.U.", "D.C.", "U.S.A.", "N.Y.", "L.A.", "N.J.", "I."}
_CLOCK_END = re.compile(r"\b[ap]\.m\.$")
_CAPITALISED = re.compile(r"[\"“‘(]?[A-Z][a-z]")
_CONTINUES = re.compile(r"[—–,;:)\]]")
_HAS_ALNUM = re.compile(r"[^\W_]")
_ATTRIBUTION_ONLY = re.compile(
    r"(?:[A-Z][\w.’'\-]*\s+){1,4}(?:said|says|asked|asks|added|adds|wrote|writes|replied|told|"
    r"tweeted|declared|exclaimed|shouted|insisted|noted|continued)\b[^.!?]{0,25}[.!?]?[\"”’']?$"
)


def _merge_pass(text: str, cuts: list[int]) -> list[int]:
    """Drop the boundaries that segtok got wrong (rule 3 in the module docstring)."""
    if len(cuts) <= 2:
        return cuts
    kept = [cuts[0]]
    for i in range(1, len(cuts) - 1):
        b, nb = cuts[i], cuts[i + 1]
        prev_tail = text[max(kept[-1], b - 40) : b].rstrip()
        head = text[b : min(nb, b + 80)].strip()
        if not _joins(prev_tail, head, text, b, nb):
            kept.append(b)
    kept.append(cuts[-1])
    return kept


def _joins(prev_tail: str, head: str, text: str, b: int, nb: int) -> bool:
    if not head:
        return True
    first = head[0]
    if first.islower() or (not first.isalnum() and (_CONTINUES.match(head) or not _HAS_ALNUM.search(text, b, nb))):
        return True
    last = prev_tail[-1:]
    if last == ".":
        token = prev_tail[prev_tail.rfind(" ") + 1 :]
        if token[-2:-1].islower() and "." not in token[:-1]:
            return _TITLE_END.search(token) is not None  # "said." / "Sen." / "v."
        starter = _STARTER.match(head)
        m = _INITIALS_END.search(prev_tail)
        if m and m.group(1).replace(" ", "") not in _NOT_INITIALS and _CAPITALISED.match(head) and not starter:
            return True
        if _CLOCK_END.search(prev_tail) and not starter:
            return True
        return _TITLE_END.search(prev_tail) is not None
    if last in "”\"’'" and prev_tail[-2:-1] in ("!", "?") and nb - b <= 80:
        return _ATTRIBUTION_ONLY.match(head) is not None
    return False


# A candidate boundary segtok may have missed: a full stop (or an ellipsis glued to a word), closing
# marks, whitespace, then a capital letter.
_SPLIT_CANDIDATE = re.compile(r"[.…][\"'”’)\]]*\s+(?=[\"“‘(]?[A-Z])")
# Tokens (before their final full stop) that may end a sentence: acronyms (U.S, D.C, p.m),
# single capitals (Plan B, World War I), company suffixes, month abbreviations.
_ABBREVIATION_BEFORE_STARTER = re.compile(
    r"(?!(?:e\.g|i\.e)$)(?:(?:[A-Za-z]\.){1,3}[A-Za-z]|[A-Z]|Inc|Corp|Co|Ltd|LLC|"
    r"Jr|Sr|Bros|etc|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No)"
)
_NUMBER_BEFORE = re.compile(r"\s\d+(?:[.,]\d+)*$")
_MONTH_NAME = re.compile(r"[\"“‘(]?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b")


def _split_pass(text: str, ls: int, le: int, bounds: list[int]) -> list[int]:
    """Boundaries segtok missed (rule 4 in the module docstring)."""
    existing = set(bounds)
    extra: list[int] = []
    for m in _SPLIT_CANDIDATE.finditer(text, ls, le):
        cut = m.end()
        if cut in existing:
            continue
        p = m.start()
        if text[p] == "…":
            if p > ls and text[p - 1].isalnum() and _CAPITALISED.match(text, cut):
                extra.append(cut)
            continue
        before = text[max(ls, p - 12) : p]
        if _NUMBER_BEFORE.search(before):
            if _CAPITALISED.match(text, cut) and not _MONTH_NAME.match(text, cut):
                extra.append(cut)
            continue
        token = before.rsplit(None, 1)[-1].lstrip("\"'“‘(") if before.strip() else ""
        if token == "May" or (_ABBREVIATION_BEFORE_STARTER.fullmatch(token) and _STARTER.match(text, cut)):
            extra.append(cut)
    return extra


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


# ---------------------------------------------------------------------------------------------
# Sentences frame
# ---------------------------------------------------------------------------------------------

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
