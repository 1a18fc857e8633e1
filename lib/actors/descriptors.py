"""Descriptors: role nouns that stand for an actor without its name (``the Chinese autocrat``),
and the actor profiles (cues and roles from the corpus's other labels) that resolve them.

A descriptor is a role noun with no name after it, opened by ``the|this|that|its`` (``his|her|their``
before a relational head: ``his French counterpart``), a capitalised
possessive (``North Korea's leader``), ``the country's|nation's ...`` or, in a headline,
nothing (``North Korean Leader Says ...``): ``the Chinese autocrat``, ``the Kremlin
chief``, ``the former FBI director``. Never a descriptor: a phrase in apposition to a name,
right after ``Name,`` (``Todd Leebow, the president of a steel firm``: his title, not an
actor's) or right before ``, Name`` (``its leader, Kim Jong Un``): that person's, an
appositive label when the name is an actor's; a head that mostly stands for
someone unnamed (official, spokesman, aide, lawyer, source, ...); a head followed by a
capitalised name word (a title of someone untracked: ``the Chinese leader Zhongnanhai``),
by a noun (``-tion``, ``-ment``, ``administration``, ...), by ``for`` or by ``of`` + no
place (``the leader of the opposition``); a party word followed by anything but a
function or speech word (``the Republican convention``); the possessive of an actor
(``Xi's top adviser``); plurals. Resolution:

* cues are its place, nationality and organisation words, read as countries where
  possible (Chinese, China, Beijing → china; Kremlin, Russian → russia), plus an ``of
  Place`` tail;
* each actor's profile comes from all its title, modifier and appositive labels in the
  corpus passed in (and its title aliases): their cue keys, their role nouns (a prefix
  makes one role: ``vice president`` is not ``president``), and the roles used bare
  (``President Trump``);
* with cues: the actor must have every cue and either the role or a generic head
  (leader, chief, head, autocrat, dictator, strongman, ...); the most recently mentioned
  such actor before it in the article, else the first one mentioned after it;
* without cues: of the actors mentioned before it in the article, the one titled with the
  role bare most often in the corpus (ties: the most recent), else titled with it at all;
* otherwise the descriptor is dropped.

The label drops the determiner and the identifying words that lead it: ``the Chinese
autocrat`` → ``autocrat``; ``the former FBI director`` → ``former fbi director``.

Joint descriptors: ``the two leaders``, ``both presidents``, ``the two Korean strongmen`` stand for
the two actors named before them (``_joint``): each gets the label (``two leaders``), when they
are the only two actors named in its sentence and the ``JOINT_SENTENCES`` before it, and no name
follows it in apposition (``the two leaders, Xi and Putin,``: those are named). The head is the
plural of a role noun or a generic head (leaders, strongmen, autocrats; never the anonymous
``men``). Measured on NewsWCL50 (``bench/actor_labels.py``): cross-check F1 0.689 → 0.752.

Known limits: other plural and coordinated references (``the leaders``, ``the two``) are out of
scope.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from lib.actors.mentions import _alias_core, _Article, _Label
from lib.actors.names import _name_word
from lib.actors.titles import _kind_of
from lib.actors.tokens import (
    _in_spans,
    _is_cap,
    _is_word,
    _joined,
    _norm_label,
    _overlaps,
    _sentence_start,
    _titleish,
    _token_index,
    _Tokens,
)
from lib.actors.words import (
    _ATTRIBUTIVE,
    _FUNCTION,
    _GENERIC_HEADS,
    _GENERIC_OWNERS,
    _MODIFIERS,
    _PLACE_WORDS,
    _PLACES,
    _ROLE_PREFIXES,
    _SPEECH,
    _TITLE_ABBREVIATIONS,
)


@dataclass
class _Profile:
    cues: Counter = field(default_factory=Counter)
    roles: Counter = field(default_factory=Counter)
    bare_roles: Counter = field(default_factory=Counter)


def _cues_and_roles(text: str) -> tuple[set[str], list[str]]:
    """Country/organisation cue keys and role nouns of a label's words. A role after a prefix
    (vice, deputy, prime, ...) is one role with it ('vice president' is not 'president'); a role
    in the possessive ("the president's adviser") is not the label's role."""
    words = [w.replace("’", "'") for w in re.findall(r"[^\W\d_][\w.'’-]*", text)]
    keys = [re.sub(r"'s$", "", w.lower()).replace(".", "") for w in words]
    cues: set[str] = set()
    roles: list[str] = []
    i = 0
    while i < len(words):
        w, key = words[i], keys[i]
        if i + 1 < len(words) and f"{key} {keys[i + 1]}" in _PLACES:
            cues.add(_PLACES[f"{key} {keys[i + 1]}"])
            i += 2
            continue
        if _titleish(key):
            if not w.endswith("'s"):
                role = key.rsplit("-", 1)[-1]
                if i > 0 and keys[i - 1] in _ROLE_PREFIXES:
                    role = f"{keys[i - 1]} {role}"
                roles.append(role)
        elif key in _PLACES:
            cues.add(_PLACES[key])
        elif w[:1].isupper() and key not in _MODIFIERS and key not in _FUNCTION and key not in _PLACE_WORDS \
                and key not in _ROLE_PREFIXES:
            cues.add(key)
        i += 1
    return cues, roles


def _profiles(named: Iterable[tuple[str, Iterable[str], list[str]]], actors: pd.DataFrame) -> dict[str, _Profile]:
    """Every actor's profile from the (actor, cues, roles) of its title, modifier and appositive
    labels in the corpus (``_cues_and_roles`` of each label's text) and its title aliases."""
    profiles: dict[str, _Profile] = defaultdict(_Profile)
    for actor, cues, roles in named:
        p = profiles[actor]
        p.cues.update(cues)
        p.roles.update(roles)
        if not cues:
            p.bare_roles.update(roles)
    for actor, alias in zip(actors["actor"].tolist(), actors["alias"].tolist()):
        if isinstance(alias, str) and isinstance(actor, str) and len(alias.split()) > 1:
            core = _alias_core(alias)
            title = alias[:len(alias) - len(core)] if core and alias.endswith(core) else ""
            cues, roles = _cues_and_roles(title)
            if roles and not cues:
                profiles[actor].roles.update(roles)
                profiles[actor].bare_roles.update(roles)
    return profiles


_DETERMINERS = frozenset({"the", "this", "that", "its"})
# "his French counterpart": a relational head names someone through another, so a possessive
# pronoun may open it and any actor with its cues fits (it needs cues: "his counterpart" alone
# says nobody).
_RELATIONAL_HEADS = frozenset({"counterpart"})
_PRONOUNS = frozenset({"his", "her", "their"})
# Heads that mostly point to someone unnamed ('the official said'): never a descriptor.
_ANONYMOUS_HEADS = frozenset("""
official officer agent analyst expert aide staffer employee contractor intern source reporter
journalist witness soldier pilot victim suspect defendant lawyer attorney consultant researcher
scientist professor man woman figure person spokesman spokeswoman spokesperson
""".split())
# Party and ideology words head a descriptor only when nothing nominal follows ('the Republican
# said'), never in 'the Republican convention'.
_NOUN_ENDING = re.compile(r"(?:tion|sion|ment|ship|ness|ity|ism|ance|ence|ure|ing)$")
_PARTY_WORDS = frozenset("""
republican democrat conservative liberal progressive socialist communist independent populist
nationalist
""".split())


@dataclass(frozen=True)
class _Candidate:
    """A descriptor found in an article, not yet resolved to an actor (that needs the profiles)."""
    pos: int              # start of its determiner (or opener): where it mentions the actor
    start: int            # start of the role noun phrase, determiner dropped (for labels beside it)
    end: int              # end of the label
    label_start: int      # start of the label (identifying words that lead it skipped)
    label: str
    cues: frozenset
    role: str


def _descriptors(art: _Article, profiles: dict[str, _Profile]) -> list[tuple[int, str]]:
    """Find determined role NPs with no name after them and resolve them (rules in the module
    docstring). Returns (start, actor) of each resolved descriptor, for mention_sentences."""
    return _resolved(art.labels, art.mentions, _candidates(art), profiles)


def _candidates(art: _Article) -> list[_Candidate]:
    """The descriptors of an article before resolution: what it reads from the text alone (given
    its mentions and the labels next to names)."""
    tok, text = art.tok, art.text
    taken = sorted((lb.start, lb.end) for lb in art.labels)
    mention_starts = [m.start for m in art.mentions]
    out: list[_Candidate] = []
    openers = {k for k, (key, p) in enumerate(zip(tok.keys, tok.possessive))
               if p or key in _DETERMINERS or key in _PRONOUNS}
    openers.update(_token_index(tok, s) for s, _ in art.headlines)
    done = -1
    for k in sorted(openers):
        if k <= done or k >= len(tok.words):
            continue
        parsed = _descriptor_at(art, k, mention_starts)
        if parsed is None:
            continue
        start_det, s_tok, head, pp_cues = parsed
        done = head
        s, e = tok.starts[s_tok], tok.ends[head] - (2 if tok.possessive[head] else 0)
        # a possessive head may sit inside another actor's label ('Michael T. Flynn, the
        # president's first national security adviser'); anything else overlapping is taken
        if _overlaps(taken, s, e) and not tok.possessive[head]:
            continue
        cues, roles = _cues_and_roles(text[s:e])
        if not roles:
            continue
        label_s = tok.starts[_label_start(tok, s_tok, head)]
        out.append(_Candidate(tok.starts[start_det], s, e, label_s, _norm_label(text[label_s:e]),
                              frozenset(cues | pp_cues), roles[-1]))
    return out


# "the two leaders", "both presidents", "the two Korean strongmen": up to two words before the head.
_JOINT = re.compile(r"\b(?:[Tt]he\s+(?P<two>two)|(?P<both>[Bb]oth))\s+(?P<rest>[A-Za-z][\w'’-]*(?:\s+[A-Za-z][\w'’-]*){0,2})")
_FOLLOWED_BY_NAME = re.compile(r"\s*,\s*[A-Z]")
JOINT_SENTENCES = 2     # the window: the phrase's sentence and the two before it


def _singular(plural: str) -> str | None:
    if plural.endswith("men"):
        return plural[:-3] + "man"
    if plural.endswith("ies"):
        return plural[:-3] + "y"
    if plural.endswith("s") and not plural.endswith("ss"):
        return plural[:-1]
    return None


def _joint(art: _Article) -> list[_Label]:
    """Joint descriptor labels (module docstring): one per actor, two per phrase."""
    text, mentions = art.text, art.mentions
    if len({m.actor for m in mentions}) < 2:
        return []
    starts = [m.start for m in mentions]
    out: list[_Label] = []
    for match in _JOINT.finditer(text):
        end = _joint_head_end(text, match)
        if end is None or _FOLLOWED_BY_NAME.match(text, end):
            continue
        first = _sentence_of(art, match.start()) - JOINT_SENTENCES
        recent = {m.actor for m in mentions[:bisect_left(starts, match.start())] if _sentence_of(art, m.start) >= first}
        if len(recent) != 2:
            continue   # one actor named there, or three: which two is not said
        start = match.start("two") if match["two"] else match.start("both")
        out.extend(_Label(actor, _norm_label(text[start:end]), "descriptor", start, end) for actor in sorted(recent))
    return out


def _joint_head_end(text: str, match: re.Match) -> int | None:
    """Where the plural role noun after "the two" / "both" ends, passing lower-case modifiers and
    place words ("the two authoritarian strongmen", "the two Korean leaders"); None when another
    word comes first ("both of the leaders", "the two Trump aides") or the plural is no role."""
    for word in re.finditer(r"[\w'’-]+", text[match.start("rest"):match.end("rest")]):
        w = word.group()
        singular = _singular(w) if w[:1].islower() else None
        if singular and singular not in _ANONYMOUS_HEADS and (_titleish(singular) or singular in _GENERIC_HEADS):
            return match.start("rest") + word.end()
        if w.lower() in _FUNCTION or (w[:1].isupper() and w.lower() not in _PLACES) or not w.isalpha():
            return None
    return None


def _sentence_of(art: _Article, pos: int) -> int:
    return bisect_left(art.sentence_starts, pos + 1) - 1


def _resolved(labels: list[_Label], mentions: list, candidates: list[_Candidate],
              profiles: dict[str, _Profile]) -> list[tuple[int, str]]:
    """Resolve an article's descriptor candidates (appended to ``labels`` as descriptor labels).
    Returns (start, actor) of each resolved one."""
    mention_starts = [m.start for m in mentions]
    out: list[tuple[int, str]] = []
    for c in candidates:
        actor = _resolve(mentions, profiles, mention_starts, c.pos, set(c.cues), c.role)
        if actor is None or any(lb.actor == actor and lb.start <= c.start < lb.end for lb in labels):
            continue
        labels.append(_Label(actor, c.label, "descriptor", c.label_start, c.end))
        out.append((c.pos, actor))
    return out


def _descriptor_at(art: _Article, k: int, mention_starts: list[int]) -> tuple[int, int, int, set[str]] | None:
    """(determiner token, first label-candidate token, head token, cues from an 'of Place' tail)
    of a descriptor starting at token k, or None."""
    tok, text = art.tok, art.text
    n = len(tok.words)
    key, w = tok.keys[k], tok.words[k]
    pronoun = key in _PRONOUNS and _is_word(w)
    det = (key in _DETERMINERS or pronoun) and _is_word(w)
    poss = tok.possessive[k] and _is_cap(w) and key not in _GENERIC_OWNERS
    # a headline may open with a descriptor and no determiner ('North Korean Leader Says ...')
    bare = not (det or poss) and _is_cap(w) and _in_spans(art.headlines, tok.starts[k]) and (
        k == 0 or not _joined(text, tok.ends[k - 1], tok.starts[k]))
    if not (det or poss or bare):
        return None
    if poss and _in_sorted(mention_starts, tok.starts[k]):
        return None  # Xi's top adviser: someone else
    if det and _beside_other_name(art, k):
        return None  # 'Todd Leebow, the president of a steel firm': that man's title, not an actor's
    j = k + 1
    if det and key == "the" and j < n and tok.possessive[j] and tok.keys[j] in _GENERIC_OWNERS:
        j += 1  # the country's leader
    head = -1
    while j < n and j - k <= 6:
        if not _joined(text, tok.ends[j - 1], tok.starts[j]):
            break
        wj, kj, pj = tok.words[j], tok.keys[j], tok.possessive[j]
        cat = _kind_of(kj, wj, pj)
        if cat == "role":
            head = j
            j += 1
            if pj:
                break
            continue
        if head >= 0:
            break
        if cat in {"place", "modifier", "adjective", "cap"} or (pj and _is_cap(wj)):
            j += 1
            continue
        return None
    if head < 0 or tok.keys[head] in _ANONYMOUS_HEADS or tok.keys[head] in _TITLE_ABBREVIATIONS:
        return None
    if pronoun and tok.keys[head] not in _RELATIONAL_HEADS:
        return None  # 'his chief of staff': someone of his, not an actor described
    if not tok.possessive[head] and _before_a_name(art, head):
        return None  # 'its leader, Kim Jong Un,': that person's, an appositive or nothing
    nxt = head + 1
    pp_cues: set[str] = set()
    if not tok.possessive[head] and nxt < n and _joined(text, tok.ends[head], tok.starts[nxt]):
        wn, kn = tok.words[nxt], tok.keys[nxt]
        headline = _in_spans(art.headlines, tok.starts[nxt])
        if _is_cap(wn) and _is_word(wn) and kn not in _FUNCTION and not _sentence_start(text, tok.starts[nxt]) \
                and not (headline and not _name_word(wn, kn)) and not (headline and bare):
            return None  # a title of someone (the Chinese leader Zhongnanhai)
        if tok.keys[head] in _PARTY_WORDS and _is_word(wn) and kn not in _FUNCTION and kn not in _SPEECH:
            return None  # the Republican convention
        if wn[:1].islower() and (kn in _ATTRIBUTIVE or _NOUN_ENDING.search(kn)):
            return None  # a compound noun: the leadership election, the president pick
        if kn == "for":
            return None  # the senior director for Asia: someone else
        if kn == "of":
            q = nxt + 1
            if q < n and tok.keys[q] == "the":
                q += 1
            phrase = []
            while q < n and _is_cap(tok.words[q]) and _is_word(tok.words[q]) and len(phrase) < 3:
                phrase.append(tok.keys[q])
                q += 1
                if tok.possessive[q - 1]:
                    return None  # the leader of America's oldest ally: someone else
            if not phrase or " ".join(phrase) not in _PLACES:
                return None  # the leader of the opposition, the head of one of ...: someone else
            pp_cues.add(_PLACES[" ".join(phrase)])
    s_tok = k + 1 if det else k
    if s_tok > head:
        return None
    return k, s_tok, head, pp_cues


def _beside_other_name(art: _Article, k: int) -> bool:
    """Does the noun phrase opened by token k (a determiner) stand in apposition to the name
    right before it (``Todd Leebow, the president and chief executive``)? A title there describes
    that person (an actor's is an appositive label), never an actor mentioned elsewhere."""
    tok = art.tok
    if k < 2 or tok.words[k - 1] != "," or tok.starts[k - 1] != tok.ends[k - 2]:
        return False
    w, key = tok.words[k - 2], tok.keys[k - 2]
    return _name_word(w, key) and not tok.possessive[k - 2] and not _sentence_start(art.text, tok.starts[k - 2])


def _before_a_name(art: _Article, head: int) -> bool:
    """Is the descriptor ending at token ``head`` in apposition to the name after it (``its
    leader, Kim Jong Un``)? It describes that person: no other actor's descriptor."""
    tok = art.tok
    j = head + 1
    if j + 1 >= len(tok.words) or tok.words[j] != ",":
        return False
    return _name_word(tok.words[j + 1], tok.keys[j + 1])


def _in_sorted(values: list[int], value: int) -> bool:
    i = bisect_left(values, value)
    return i < len(values) and values[i] == value


def _label_start(tok: _Tokens, first: int, head: int) -> int:
    """Skip the identifying words that lead a descriptor (places, possessives, organisations)."""
    k = first
    while k < head:
        cat = _kind_of(tok.keys[k], tok.words[k], tok.possessive[k])
        if cat in {"place", "cap", "possessive"} or tok.possessive[k] or tok.keys[k] == "the":
            k += 1
            continue
        break
    return k


def _resolve(mentions: list, profiles: dict[str, _Profile], mention_starts: list[int], pos: int,
             cues: set[str], role: str) -> str | None:
    """The actor a descriptor refers to (rules in the module docstring); ``mentions`` are the
    article's, in text order."""
    before = mentions[:bisect_left(mention_starts, pos)]
    recency: dict[str, int] = {}
    for rank, m in enumerate(reversed(before)):
        recency.setdefault(m.actor, rank)
    if cues:
        def fits(actor: str) -> bool:
            p = profiles.get(actor)
            return p is not None and all(c in p.cues for c in cues) and (
                role in p.roles or role in _GENERIC_HEADS or role in _RELATIONAL_HEADS)

        matching = [a for a in recency if fits(a)]
        if matching:
            return min(matching, key=lambda a: recency[a])
        for m in mentions[len(before):]:
            if fits(m.actor):
                return m.actor
        return None
    for table in ("bare_roles", "roles"):
        weights = {a: getattr(profiles[a], table)[role] for a in recency if a in profiles}
        weights = {a: w for a, w in weights.items() if w > 0}
        if weights:
            return max(weights, key=lambda a: (weights[a], -recency[a], a))
    return None
