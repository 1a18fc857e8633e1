"""Mentions of the actors in a text (``_Matcher``), and the parsed article (``_Article``: tokens,
mentions, headlines, sentence starts and the labels found so far) that the label finders in
``titles``, ``descriptors`` and ``predicates`` read and add ``_Label`` rows to.

Aliases are reduced to their name (titles, honorifics and 's dropped). A full name matches
with hyphens or spaces, any case after its first word and one optional middle initial (none
extra when the alias spells its own). A surname alone matches when it stands alone and does
not follow an honorific of the other gender than the actor's aliases (``Mrs. Obama`` is not
Barack); in capitals (``XI wrote``) it matches unless joined to other capitalised words
(``Pope Pius XI``).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field

import pandas as pd

from lib.actors.names import _alone, _title_key
from lib.actors.tokens import _INITIAL, _fold, _joined, _titleish, _Tokens
from lib.actors.words import _FEMALE, _HONORIFICS, _MALE, _MODIFIERS, _PLACES


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int          # end of the name (a possessive 's is not included)
    actor: str
    possessive: bool


class _Matcher:
    """Finds name mentions of the actors' aliases (reduced to their name part)."""

    def __init__(self, actors: pd.DataFrame):
        self.key_actor: dict[str, str] = {}     # name without initials → actor
        self.exact_actor: dict[str, str] = {}   # name with its initials → actor
        self.single: set[str] = set()
        self.gender: dict[str, set[str]] = defaultdict(set)   # actor → honorific genders in aliases
        alternatives: dict[str, str] = {}
        for actor, alias in zip(actors["actor"].tolist(), actors["alias"].tolist()):
            if not isinstance(alias, str) or not isinstance(actor, str):
                continue
            first = _title_key(alias.split()[0]) if alias.split() else ""
            if first in _MALE or first in _FEMALE:
                self.gender[actor].add("m" if first in _MALE else "f")
            core = _alias_core(alias)
            key = _fold(core) if core else ""
            if not key:
                continue
            self.key_actor.setdefault(key, actor)
            self.exact_actor.setdefault(_exact_key(core), actor)   # George W. / H. W. Bush apart
            parts = re.split(r"[\s-]+", core)
            if len(parts) == 1:
                self.single.add(key)
                alternatives.setdefault(re.escape(core), core)
                if core.upper() != core and len(core) >= 2:
                    alternatives.setdefault(re.escape(core.upper()), core)
            else:
                # one optional middle initial (Vladimir V. Putin) unless the alias spells its own
                # (George W. Bush must not match George H.W. Bush)
                sep = r"(?:\s+|-)" if any(_INITIAL.match(p) for p in parts) else r"(?:\s+(?:[A-Z]\.\s+)?|-)"
                pattern = re.escape(parts[0]) + "".join(sep + "(?i:" + re.escape(p) + ")" for p in parts[1:])
                alternatives.setdefault(pattern, core)
        self.pattern = None
        if alternatives:
            alts = "|".join(sorted(alternatives, key=lambda p: (-len(alternatives[p]), p)))
            self.pattern = re.compile(rf"(?<![\w'’-])(?:{alts})(?![\w-])")

    def mentions(self, text: str, tok: _Tokens) -> list[_Mention]:
        if self.pattern is None:
            return []
        out = []
        for m in self.pattern.finditer(text):
            s, e = m.span()
            key = _fold(m.group())
            actor = self.exact_actor.get(_exact_key(m.group())) or self.key_actor.get(key)
            if actor is None:
                continue
            if key in self.single and not self._single_ok(text, tok, s, m.group(), actor):
                continue
            poss = text[e:e + 2] in ("'s", "’s") and (e + 2 == len(text) or not text[e + 2].isalnum())
            out.append(_Mention(s, e, actor, poss))
        return out

    def _single_ok(self, text: str, tok: _Tokens, s: int, word: str, actor: str) -> bool:
        """A surname alone is no mention when it is part of another name (Melania Trump, New
        York, Kim Jong-il, Peter A. Brown), follows an honorific of the other gender than the actor's (Mrs. Obama
        when the aliases say Mr. Obama), or, written in capitals, sits in a run of capitalised
        words (Pope Pius XI)."""
        i = bisect_left(tok.starts, s)
        if i >= len(tok.starts) or tok.starts[i] != s:
            return True
        if word.isupper() and len(word) > 1:
            prev_cap = i > 0 and _joined(text, tok.ends[i - 1], s) and tok.words[i - 1][:1].isupper()
            nxt_caps = i + 1 < len(tok.words) and _joined(text, tok.ends[i], tok.starts[i + 1]) and \
                tok.words[i + 1].isupper() and tok.words[i + 1].isalpha()
            return not prev_cap and not nxt_caps
        if not _alone(text, tok, i):
            return False
        if i >= 2 and _INITIAL.match(tok.words[i - 1]) and _joined(text, tok.ends[i - 1], s) and \
                tok.words[i - 2][:1].isupper() and _joined(text, tok.ends[i - 2], tok.starts[i - 1]):
            return False   # Peter A. Brown: someone else's name, its middle initial in between
        genders = self.gender.get(actor)
        if genders and len(genders) == 1 and i > 0:
            k = tok.keys[i - 1]
            if (k in _MALE and "f" in genders) or (k in _FEMALE and "m" in genders):
                return False
        return True


def _exact_key(name: str) -> str:
    """A name key that keeps initials: 'George H. W. Bush' → 'george h w bush'."""
    return " ".join(_fold(name.replace(".", " ")).split())


def _alias_core(alias: str) -> str:
    """The name part of an alias: leading titles/honorifics and a possessive 's removed."""
    words = alias.strip().split()
    if not words:
        return ""
    words[-1] = re.sub(r"['’]s$", "", words[-1])
    while len(words) > 1:
        k = words[0].lower().replace(".", "")
        if k in _HONORIFICS or _titleish(k) or k in _MODIFIERS or k in _PLACES:
            words.pop(0)
        else:
            break
    return " ".join(words)


@dataclass
class _Label:
    actor: str
    label: str
    kind: str
    start: int
    end: int


@dataclass
class _Article:
    article_id: str
    text: str
    tok: _Tokens
    mentions: list[_Mention]
    headlines: list[tuple[int, int]]
    sentence_starts: list[int]
    labels: list[_Label] = field(default_factory=list)
