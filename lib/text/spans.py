"""Sentence spans: character offsets of each sentence of a clean text.

Every offset is a character index into the article's clean text, end exclusive.

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
"""
from __future__ import annotations

import re

from segtok import segmenter as _segtok

MAX_SENTENCE_CHARS = 2_000
# Lines longer than this are cut into chunks (at a likely sentence end) before segtok sees them:
# segtok's joining is quadratic on long runs of abbreviations or brackets.
_SEGTOK_CHUNK_CHARS = 8_000
_SEGTOK_SHORT = _segtok.SHORT_SENTENCE_LENGTH

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


