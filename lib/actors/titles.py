"""Labels next to a name mention: titles and modifiers before it, appositives beside it.

title / modifier
    The words before a name mention in its sentence, read leftwards while they are roles
    (president, leader, dictator, director, ...), abbreviated titles (Sen., Gov.), places and
    nationalities (Chinese, North Korean), capitalised possessives (China's), modifiers
    (former, acting, reclusive; hyphenated words; lower-case words of 6+ letters ending like
    adjectives, -al, -ic, -ive, ..., when not next to the name) or other capitalised words
    (FBI, House Judiciary); the word next to the name must be one of the listed kinds, and
    ``ROLE of [the] Capitalised`` reads as one title (Secretary of State, Speaker of the
    House). Determiners, function words, verbs, punctuation and honorifics (never a label)
    stop the reading; in Title Case lines unknown capitalised words do too. ``title`` when a
    role or title is in it, else ``modifier``. No title or modifier when the name is an
    attribute of a noun after it (``Trump administration``, ``Obama economic adviser``). A
    past tense that can be a modifier (fired, ousted) is a verb, and ends the reading, after a
    subject (``he fired James Comey``, ``Trump fired ...``) rather than where a noun phrase
    begins (``the fired FBI director``); a
    modifier with no possessive or place in it (``longtime``, ``new``) also needs a verb or a
    boundary after the name (not ``a second Obama term``).
appositive
    ``Name, [a|the|X's] ... ROLE ...,`` after the name and ``the|its|X's ... ROLE, Name,``
    before it: at most 8 words with a role in them, no verb, pronoun, conjunction or further
    name, closed by a comma, dash, semicolon, colon, bracket or the sentence end, and saying
    whose, where or which (a possessive, a place, a nationality or another proper noun before any
    preposition: ``North Korea's leader``, ``the president of France``, ``the former Florida
    governor``; not ``the top Democrat``, which measured far less precise). The label
    ends at its last role word (``a key Republican engaged in talks`` → ``key republican``)
    unless a prepositional tail names a place (``president of France``).
"""
from __future__ import annotations

import re
from bisect import bisect_right

from lib.actors.mentions import _Article, _Label, _Mention
from lib.actors.names import _name_word
from lib.actors.tokens import (
    _in_spans,
    _is_acronym,
    _is_cap,
    _is_word,
    _joined,
    _norm_label,
    _role,
    _sentence_start,
    _titleish,
    _token_index,
)
from lib.actors.words import (
    _ADJECTIVE_ENDING,
    _ATTRIBUTIVE,
    _FUNCTION,
    _GENERIC_OWNERS,
    _HONORIFICS,
    _IRREGULAR_VERBS,
    _MODIFIERS,
    _MONTHS_DAYS,
    _NOT_ADJECTIVES,
    _PLACE_WORDS,
    _PLACES,
    _PREPOSITIONS,
    _SPEECH,
)


def _kind_of(key: str, word: str, poss: bool) -> str | None:
    """Category of a token in a pre-name chain."""
    if _titleish(key):
        return "role"
    if poss and _is_cap(word):
        return "possessive"
    if key in _PLACES or key in _PLACE_WORDS and _is_cap(word):
        return "place"
    if key in _MODIFIERS or ("-" in key and word[:1].islower() and not key.endswith("-old")
                             and not key.startswith("re-")):
        return "modifier"
    if word[:1].islower() and len(key) >= 6 and _ADJECTIVE_ENDING.search(key) and key not in _NOT_ADJECTIVES:
        return "adjective"
    if _is_cap(word) and _is_word(word) and key not in _FUNCTION and key not in _MONTHS_DAYS \
            and key not in _HONORIFICS:
        return "cap"
    return None


_ANCHORS = {"possessive", "role", "place", "modifier", "adjective"}


def _attributive(text: str, end: int) -> bool:
    """Is the name ending at `end` an attribute of a noun after it (Trump administration, Obama
    economic adviser)? Up to two adjectives, then a role or one of the _ATTRIBUTIVE nouns."""
    words = re.match(r"((?: [a-z][\w-]*){1,3})", text[end:end + 60])
    if not words:
        return False
    for n, w in enumerate(words.group(1).split()):
        if w in _ATTRIBUTIVE or _role(w) or (w.endswith("s") and _role(w[:-1])):
            return True
        if n >= 2 or not (w in _MODIFIERS or (len(w) >= 6 and _ADJECTIVE_ENDING.search(w))):
            return False
    return False


def _named_labels(art: _Article) -> None:
    """Title, modifier and appositive labels around each name mention."""
    tok = art.tok
    seen: set[tuple[int, int]] = set()
    for m in art.mentions:
        i = _token_index(tok, m.start)
        for lb in (_pre_name(art, i, m), _appositive_after(art, m), _appositive_before(art, i, m)):
            if lb is not None and (lb.start, lb.end) not in seen:
                seen.add((lb.start, lb.end))
                art.labels.append(lb)


def _chain_left(art: _Article, i: int, *, headline: bool) -> list[int]:
    """Token indexes of the modifier chain ending right before token i (leftwards), validated."""
    tok, text = art.tok, art.text
    chain: list[int] = []
    k = i - 1
    starts = art.sentence_starts
    sentence_from = starts[max(bisect_right(starts, tok.starts[i]) - 1, 0)] if starts else 0
    while k >= 0 and len(chain) < 7 and tok.starts[k] >= sentence_from:
        if not _joined(text, tok.ends[k], tok.starts[k + 1]):
            break
        w, key, poss = tok.words[k], tok.keys[k], tok.possessive[k]
        if key == "of" and chain and k >= 1 and _titleish(tok.keys[k - 1]) and (
                _is_cap(tok.words[k + 1]) or tok.keys[k + 1] == "the"):
            chain.append(k)  # Secretary of State
            k -= 1
            continue
        if key == "the" and chain and tok.keys[k + 1] != "the" and k >= 2 and tok.keys[k - 1] == "of":
            chain.append(k)  # Speaker of the House
            k -= 1
            continue
        kind = _kind_of(key, w, poss)
        if kind is None or (headline and kind == "cap" and not _is_acronym(w)):
            break
        chain.append(k)
        k -= 1
    if not chain:
        return []
    chain.reverse()
    # 'when he fired James Comey', 'Trump ousted Director X': a verb, never a label
    for n in range(len(chain) - 1, -1, -1):
        if _verb_here(art, chain[n]):
            chain = chain[n + 1:]
            break
    if not chain:
        return []
    # the word next to the name must be an anchor, or the chain reads ROLE of ...
    kinds = [_kind_of(tok.keys[c], tok.words[c], tok.possessive[c]) for c in chain]
    has_of = any(tok.keys[c] == "of" for c in chain)
    if kinds[-1] not in _ANCHORS - {"adjective"} and not has_of:
        return []
    # trim unknown capitalised words at the left end that begin the sentence (Meanwhile, Reporters)
    while chain and kinds[0] == "cap" and _sentence_start(text, tok.starts[chain[0]]) and len(chain) > 1 \
            and not _is_acronym(tok.words[chain[0]]):
        chain.pop(0)
        kinds.pop(0)
    while chain and tok.keys[chain[0]] in {"of", "the"}:
        chain.pop(0)
        kinds.pop(0)
    if not any(k in _ANCHORS for k in kinds if k):
        return []
    return chain


_NP_OPENERS = frozenset("""
the a an this that these those his her its their our my your by with against about for of from to
in on at as after before under like than
""".split())


def _verb_here(art: _Article, k: int) -> bool:
    """Is token k, in a chain before a name, a past-tense verb rather than a modifier? A word
    that can be both (fired, ousted, indicted, met) is a modifier only where a noun phrase can
    begin: at a sentence start, after punctuation, a determiner, a preposition, a capitalised
    possessive or another modifier (``the fired director``, ``by ousted leader``); after a
    subject (``he fired``, ``Trump fired``) it is a verb."""
    tok = art.tok
    key = tok.keys[k]
    if not (key in _IRREGULAR_VERBS or (len(key) > 4 and key.endswith("ed") and tok.words[k][:1].islower())):
        return False
    if k == 0 or _sentence_start(art.text, tok.starts[k]) or not _is_word(tok.words[k - 1]):
        return False
    prev, prev_w = tok.keys[k - 1], tok.words[k - 1]
    if prev in _NP_OPENERS or (tok.possessive[k - 1] and _is_cap(prev_w)):
        return False
    return not (prev in _MODIFIERS and not prev.endswith("ed"))


def _pre_name(art: _Article, i: int, m: _Mention) -> _Label | None:
    tok = art.tok
    if i == 0 or i >= len(tok.words):
        return None
    prev_key = tok.keys[i - 1]
    if prev_key in _HONORIFICS:
        return None
    if not m.possessive and _attributive(art.text, m.end):
        return None
    chain = _chain_left(art, i, headline=_in_spans(art.headlines, m.start))
    if not chain:
        return None
    s, e = tok.starts[chain[0]], tok.ends[chain[-1]]
    keys = [tok.keys[c] for c in chain]
    kind = "title" if any(_titleish(k) for k in keys) else "modifier"
    if kind == "modifier":
        if not any(tok.possessive[c] or _kind_of(tok.keys[c], tok.words[c], False)
                   in {"place", "modifier", "adjective"} for c in chain):
            return None
        # 'a second Obama term', 'longtime Clinton hands': unless a verb or a boundary follows the
        # name, the modifier belongs to a noun after it
        identifying = any(tok.possessive[c] or _kind_of(tok.keys[c], tok.words[c], False) == "place"
                          for c in chain)   # China's Xi, Palestinian leader: about the person
        if chain[0] > 0 and tok.keys[chain[0] - 1] in {"the", "a", "an"} and all(
                _kind_of(tok.keys[c], tok.words[c], False) == "place" for c in chain):
            return None   # 'to stay in the U.S. Romney has ...': a missed sentence end
        nxt = re.match(r"[ \t]+([a-z][\w'’-]*)", art.text[m.end:m.end + 40])
        if nxt and not m.possessive and not identifying:
            w = nxt.group(1).replace("’", "'")
            if not (w in _FUNCTION or w in _SPEECH or w in _IRREGULAR_VERBS or w.endswith("ed") or "'" in w):
                return None
    return _Label(m.actor, _norm_label(art.text[s:e]), kind, s, e)


_APPOSITIVE_STOP = frozenset("""
who whom whose which that said says told is was were are has have had will would and or but
he she it they we i you
""".split())


def _np_forward(art: _Article, i: int, *, max_words: int = 8) -> tuple[int, int] | None:
    """Parse an appositive noun phrase from token i: returns (last token index, index of the
    first preposition or -1) when it is a plausible NP with a role noun, else None."""
    tok = art.tok
    n = len(tok.words)
    k = i
    words = 0
    role_seen = False
    first_prep = -1
    while k < n:
        w, key = tok.words[k], tok.keys[k]
        if not _is_word(w) and not (key.isdigit()):
            break
        if key in _APPOSITIVE_STOP:
            return None
        if key in _SPEECH:
            return None
        if key in _PREPOSITIONS and first_prep < 0:
            first_prep = k
        if _titleish(key) and first_prep < 0:
            role_seen = True
        elif role_seen and first_prep < 0 and _name_word(w, key):
            return None  # 'House Oversight Chairman Trey Gowdy': a list of names, not an apposition
        words += 1
        if words > max_words:
            return None
        k += 1
    if not role_seen or k == i:
        return None
    return k - 1, first_prep


def _np_end_ok(art: _Article, last: int) -> bool:
    tok, text = art.tok, art.text
    if last + 1 >= len(tok.words):
        return True
    nxt = tok.words[last + 1]
    if nxt in {",", ";", "—", "–", ")", ":"}:
        return True
    if nxt in {".", "!", "?"}:
        return True
    if nxt == "-" and text[tok.starts[last + 1] - 1:tok.starts[last + 1]] == " ":
        return True
    return False


def _np_label(art: _Article, first: int, last: int, first_prep: int) -> tuple[int, int] | None:
    """Token span of the label: determiner dropped; a prepositional tail kept only when it names a
    place."""
    tok = art.tok
    if tok.keys[first] in {"a", "an", "the", "its", "this"}:
        first += 1
    if first > last:
        return None
    if first_prep >= 0:
        tail = [tok.keys[k] for k in range(first_prep + 1, last + 1) if tok.keys[k] != "the"]
        if tail and " ".join(tail) in _PLACES:
            return first, last
        last = first_prep - 1
    # the label ends at its last role word: 'a key Republican engaged in ...' → 'key republican'
    while last >= first and not _titleish(tok.keys[last]):
        last -= 1
    if first > last:
        return None
    return first, last


def _identifying(art: _Article, first: int, last: int) -> bool:
    """Does the appositive noun phrase (tokens first..last) say whose, where or which: a
    possessive (``North Korea's leader``, ``the president's adviser``), a place or nationality
    (``the president of France``), or a capitalised word other than a role before any
    preposition (``the former Florida governor``, ``the Senate majority leader``)? Appositives
    without one (``the top Democrat on ...``, ``an assistant attorney general``, ``its leader``)
    measured far less precise than titles on the development events and are not kept."""
    tok = art.tok
    head_part = True   # before the first preposition: 'the former Florida governor'
    for k in range(first, last + 1):
        key, w = tok.keys[k], tok.words[k]
        head_part = head_part and key not in _PREPOSITIONS
        if tok.possessive[k] and key not in _GENERIC_OWNERS:
            return True
        if _is_cap(w) and (key in _PLACES or key in _PLACE_WORDS):
            return True
        if head_part and _is_cap(w) and _is_word(w) and not _titleish(key) and key not in _FUNCTION:
            return True   # a proper noun says where or which: Florida, Senate, C.I.A.
    for k in range(first, last):   # two-word places (South Korea, United States)
        if _is_cap(tok.words[k]) and f"{tok.keys[k]} {tok.keys[k + 1]}" in _PLACES:
            return True
    return False


def _appositive_after(art: _Article, m: _Mention) -> _Label | None:
    tok = art.tok
    if m.possessive:
        return None
    i = _token_index(tok, m.end)
    if i + 1 >= len(tok.words) or tok.words[i] != "," or tok.starts[i] != m.end:
        return None
    parsed = _np_forward(art, i + 1)
    if parsed is None:
        return None
    last, first_prep = parsed
    if not _np_end_ok(art, last):
        return None
    first = i + 1
    if not (tok.keys[first] in {"a", "an", "the"} or tok.possessive[first] or
            _kind_of(tok.keys[first], tok.words[first], tok.possessive[first]) in _ANCHORS):
        return None
    if not _identifying(art, first, last):
        return None
    span = _np_label(art, first, last, first_prep)
    if span is None:
        return None
    s, e = tok.starts[span[0]], tok.ends[span[1]]
    return _Label(m.actor, _norm_label(art.text[s:e]), "appositive", s, e)


def _appositive_before(art: _Article, i: int, m: _Mention) -> _Label | None:
    """'its leader, Kim Jong-un,' — a determined role NP, a comma, the name, then a boundary."""
    tok, text = art.tok, art.text
    if i < 3 or tok.words[i - 1] != "," or m.possessive:
        return None
    j = _token_index(tok, m.end)
    if j < len(tok.words) and tok.words[j] not in {",", ".", ";", "—", "–", ")", "!", "?"}:
        return None   # 'the president, Xi and Putin': a list, not an apposition
    last = i - 2
    first, first_prep = -1, -1
    for k in range(last, max(last - 9, -1), -1):
        key, w = tok.keys[k], tok.words[k]
        if not _is_word(w) or key in _APPOSITIVE_STOP or key in _SPEECH or key in {"his", "her", "their"}:
            return None
        if key in {"the", "its", "this"} or (tok.possessive[k] and _is_cap(w)):
            first = k
            break
        if key in _PREPOSITIONS:
            first_prep = k
    if first < 0:
        return None
    if tok.possessive[first]:
        while first > 0 and tok.keys[first - 1] in _PLACE_WORDS and _is_cap(tok.words[first - 1]):
            first -= 1   # North Korea's leader
    elif first + 1 <= last and tok.possessive[first + 1] and tok.keys[first + 1] in _GENERIC_OWNERS:
        first += 1       # the country's leader
    if not _identifying(art, first, last):
        return None
    span = _np_label(art, first, last, first_prep)
    if span is None:
        return None
    s, e = tok.starts[span[0]], tok.ends[span[1]]
    return _Label(m.actor, _norm_label(text[s:e]), "appositive", s, e)
