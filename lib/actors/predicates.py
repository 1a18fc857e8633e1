"""Predicates: what a naming verb or a copula says an actor is.

``call|dub|brand|label|term OBJ [a|an|the] NP``, ``describe|characterize|portray|paint|
hail|greet|praise|denounce|refer to|see|view|regard|cast|depict OBJ as [a|an|the] NP``,
``characterization|description|portrayal|depiction of OBJ as ... NP`` (``and OBJ2 as
NP2`` continues it), and ``Name is|was|remains|became|has been a|an|the NP``. OBJ is a
name mention, or him/her: the most recent actor mentioned before the verb other than its
subject (the nearest mention before the verb in its sentence, with at most 3 words and no
punctuation between), within the verb's sentence or the one before, and with nobody
untracked (a two-word name, Mr./Ms. X) named in between. NP is a quotation of 1–8 words
(the label is its inside, without end punctuation) or up to 4 bare words ending in a role
or an agent noun (-er, -ist, -crat, ...); after a copula, bare words must end in a role
(``Boente is a former acting attorney general``; not ``Obama was the big winner``).

Known limits: pronouns are resolved only as objects of naming verbs.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from lib.actors.mentions import _Article, _Label, _Mention
from lib.actors.names import _name_word
from lib.actors.tokens import _is_cap, _joined, _norm_label, _overlaps, _role
from lib.actors.words import (
    _ADJECTIVE_ENDING,
    _AGENT_ENDING,
    _FUNCTION,
    _HONORIFICS,
    _PREPOSITIONS,
    _SPEECH,
)

_VERB_DIRECT = (r"(?:call(?:s|ed|ing)?|dub(?:s|bed|bing)?|brand(?:s|ed|ing)?|"
                r"label(?:s|ed|led|ing|ling)?|term(?:s|ed|ing)?)")
_VERB_AS = (r"(?:describ(?:e|es|ed|ing)|characteri[sz](?:e|es|ed|ing)|portray(?:s|ed|ing)?|paint(?:s|ed|ing)?|"
            r"hail(?:s|ed|ing)?|greet(?:s|ed|ing)?|prais(?:e|es|ed|ing)|denounc(?:e|es|ed|ing)|"
            r"refer(?:s|red|ring)?\s+to|see(?:s|ing)?|saw|view(?:s|ed|ing)?|regard(?:s|ed|ing)?|"
            r"cast(?:s|ing)?|depict(?:s|ed|ing)?|"
            r"(?:characteri[sz]ation|description|portrayal|depiction)\s+of)")
_NAMING = re.compile(rf"\b(?:(?i:{_VERB_DIRECT})\s+(?P<direct>)|(?i:{_VERB_AS})\s+(?P<as_>))")
_PRONOUN_OBJECT = re.compile(r"(?i:him|her)\b")
_QUOTE_OPEN = "\"“‘'"
_QUOTE_CLOSE = {"“": "”", "‘": "’", "\"": "\"", "'": "'"}
_COPULA = re.compile(r"\s+(?:is|was|remains|remained|became|has\s+been|had\s+been)\s+(?:a|an|the)\s+")


def _predicates(art: _Article, sentence_starts: list[int]) -> None:
    """Predicate nominals and quoted epithets (rules in the module docstring), added to the
    article's labels."""
    _accepted(art.labels, _candidates(art, sentence_starts))


def _candidates(art: _Article, sentence_starts: list[int]) -> list[_Label]:
    """The predicates the text gives (in the order found), before those overlapping another
    label are dropped: that needs the article's descriptors, which need the corpus."""
    text = art.text
    if not art.mentions:
        return []
    starts = [m.start for m in art.mentions]
    by_start = {m.start: m for m in art.mentions}
    found: list[_Label] = []
    for m in _NAMING.finditer(text):
        obj_start = m.end()
        as_needed = m.group("as_") is not None
        actor, obj_end = _object(text, art, starts, by_start, m.start(), obj_start, sentence_starts)
        if actor is None:
            continue
        _epithets(text, by_start, actor, obj_end, as_needed, found)
    for mention in art.mentions:
        c = _COPULA.match(text, mention.end + (2 if mention.possessive else 0))
        if c is None or mention.possessive:
            continue
        np = _epithet_np(text, c.end(), roles_only=True)
        if np:
            s, e = np
            found.append(_Label(mention.actor, _norm_label(text[s:e]), "predicate", s, e))
    return found


def _accepted(labels: list[_Label], found: list[_Label]) -> None:
    """Add the predicates that overlap no label so far (nor an earlier predicate) to ``labels``."""
    taken = sorted((lb.start, lb.end) for lb in labels)
    for lb in found:
        if not _overlaps(taken, lb.start, lb.end):
            labels.append(lb)
            taken = sorted(taken + [(lb.start, lb.end)])


def _object(text: str, art: _Article, starts: list[int], by_start: dict[int, _Mention], verb_start: int,
            pos: int, sentence_starts: list[int]) -> tuple[str | None, int]:
    """The actor an object at `pos` refers to and where it ends: a name mention there, or him/her
    (rules in the module docstring)."""
    if pos in by_start:
        mention = by_start[pos]
        return (None, pos) if mention.possessive else (mention.actor, mention.end)
    p = _PRONOUN_OBJECT.match(text, pos)
    if not p:
        return None, pos
    before = art.mentions[:bisect_left(starts, verb_start)]
    if not before:
        return None, pos
    sentence = bisect_right(sentence_starts, verb_start) - 1
    subject = None
    last = before[-1]
    gap = text[last.end + (2 if last.possessive else 0):verb_start]
    if not last.possessive and bisect_right(sentence_starts, last.start) - 1 == sentence and \
            not re.search(r"[,;:()\"“”—–]", gap) and len(gap.split()) <= 3:
        subject = last.actor   # 'Putin called him', 'Putin also called him'
    for mention in reversed(before):
        if mention.actor == subject:
            continue
        if bisect_right(sentence_starts, mention.start) - 1 < sentence - 1:
            return None, pos   # too far back
        if _unknown_person_between(art, mention.end, verb_start):
            return None, pos   # 'labeling him a traitor' after an untracked name: not ours to guess
        return mention.actor, pos + len(p.group())
    return None, pos


def _unknown_person_between(art: _Article, start: int, end: int) -> bool:
    """Is someone we do not track named between start and end (a 2–3 word name or Mr./Ms. X that
    is not an actor mention)?"""
    tok = art.tok
    i, j = bisect_left(tok.starts, start), bisect_left(tok.starts, end)
    mentioned = {(m.start, m.end) for m in art.mentions}
    starts = {m.start for m in art.mentions}
    k = i
    while k < j:
        if tok.keys[k] in _HONORIFICS and k + 1 < j and _is_cap(tok.words[k + 1]) and tok.starts[k + 1] not in starts:
            return True
        if _name_word(tok.words[k], tok.keys[k]) and not tok.possessive[k] and k + 1 < j and \
                _joined(art.text, tok.ends[k], tok.starts[k + 1]) and _name_word(tok.words[k + 1], tok.keys[k + 1]) \
                and not any(s <= tok.starts[k] < e for s, e in mentioned):
            return True
        k += 1
    return False


def _epithets(text: str, by_start: dict[int, _Mention], actor: str, pos: int, as_needed: bool,
              found: list[_Label]) -> None:
    """The NP after a naming verb's object ('a “dear friend”'), and coordinated ones after it
    ('and Putin as a “killer”')."""
    while True:
        rest = re.match(r"\s+as\s+" if as_needed else r"\s+(?:as\s+)?", text[pos:pos + 8])
        if not rest:
            return
        q = pos + rest.end()
        det = re.match(r"(?:a|an|the)\s+", text[q:q + 5])
        if det:
            q += det.end()
        elif not as_needed and text[q:q + 1] not in _QUOTE_OPEN:
            return  # 'called Xi Jinping' without a/an/the or a quotation: no epithet
        np = _epithet_np(text, q)
        if not np:
            return
        s, e = np
        found.append(_Label(actor, _norm_label(text[s:e]), "predicate", s, e))
        # ... and Putin as a "killer"
        end = e
        while end < len(text) and text[end] in "”’\"'.,!?" and end - e < 3:
            end += 1
        more = re.match(r"\s*,?\s+and\s+", text[end:end + 8])
        if not more:
            return
        nxt = end + more.end()
        if nxt not in by_start or by_start[nxt].possessive:
            return
        actor, pos = by_start[nxt].actor, by_start[nxt].end
        as_needed = True


def _epithet_np(text: str, q: int, *, roles_only: bool = False) -> tuple[int, int] | None:
    """Span of an epithet NP at q: a short quotation's inside, or ≤ 4 bare words ending in a role,
    an epithet or an agent noun (with ``roles_only``, in a role: after a copula an agent noun
    is mostly no label, 'Obama was the big winner among voters')."""
    if q >= len(text):
        return None
    if text[q] in _QUOTE_OPEN:
        close = _QUOTE_CLOSE[text[q]]
        end = text.find(close, q + 1, q + 120)
        if end < 0 or "\n" in text[q:end]:
            return None
        inner_s, inner_e = q + 1, end
        while inner_e > inner_s and text[inner_e - 1] in ".,;:!? ":
            inner_e -= 1
        while inner_s < inner_e and text[inner_s] == " ":
            inner_s += 1
        words = text[inner_s:inner_e].split()
        if not 1 <= len(words) <= 8:
            return None
        return inner_s, inner_e
    words = list(re.finditer(r"[^\W\d_][\w'’-]*", text[q:q + 80]))
    last = None
    for idx, w in enumerate(words[:4]):
        gap = text[q + (words[idx - 1].end() if idx else 0):q + w.start()]
        if idx and gap.strip():
            break
        if idx == 0 and w.start() != 0:
            return None
        key = w.group().lower().replace("’", "'")
        if key in _FUNCTION or key in _PREPOSITIONS or key in _SPEECH:
            break
        if _role(key) or (not roles_only and _AGENT_ENDING.search(key) and len(key) > 4
                          and not _ADJECTIVE_ENDING.search(key)):
            last = w
        elif _role(key.rstrip("s")) or key.endswith("'s"):
            break
    if last is None:
        return None
    return q, q + last.end()
