"""Actors: the people a corpus names most often, with their aliases (``find_actors``).

A name is a run of 2–3 capitalised words joined by single spaces (middle initials and
Jr./Sr. inside) with no title, role, modifier, organisation, day or function word in it; a
one-word place may end a name (Jim Jordan) but not start one. Title Case lines (headlines:
``lib.text.headline``) are not read. A name is a person when, over the corpus, it has a person
cue (a title, role, honorific, nationality or possessive right before it — ``President``, ``Mr.``, ``dictator``,
``China's`` —, a speech verb right after it — ``said``, ``told`` —, or ``, who``) at least as
often as a place cue (``in``/``at``/``the`` before it) and at least once, and more often
than an organisation cue; it must appear in ``min_articles`` articles and at least once not
at the start of a sentence. An organisation cue is an organisation word joined right after the
run, capitalised (``Free Trade Agreement``, ``Atomic Energy Agency``) or a lower-case head
(``Atomic Energy organization``); such an occurrence gives no person cue (``Iran's`` before
it is the organisation's). A name made only of common words (each used in lower case in more
articles than the name is in: ``Free Trade``) needs a cue only a person gets: a title or
honorific before it, a speech verb or ``, who`` after it. A full month name is a name word inside a run of name words when no
number follows it and, opening the run, no date word (in, since, early, ...) precedes it
(``Theresa May``, ``April Ryan``; not ``May 3``, ``in May Trump said``). A common word
that usually marks an organisation or thing may open a name when it is no organisation head
or place former, follows no ``the`` and no capitalised word but a title (or honorific,
nationality, possessive), and a plain name word follows it
(``Bill Clinton``; not ``Park Avenue`` or ``West Virginia``); such a name has exactly two
words, no role right after it (``Senate Majority leader``), and its last word stands alone at
least once per article it is in (``Clinton``; not ``Capitol Hill``).

Spellings merge on lower-cased, accent-free words with hyphens as spaces (``Kim Jong-un`` =
``Kim Jong Un``). Middle initials: one set seen for a name → one person (``Vladimir V.
Putin`` = ``Vladimir Putin``); several (``George W. Bush``, ``George H. W. Bush``) → one
person each, the bare spelling joining the most frequent. A three-word name merges into the
two-word name with its first and last word (``Hillary Rodham Clinton``). The canonical name
is the most frequent spelling.

Aliases, in this order: the spellings of the full name; the surname; title + surname forms;
possessive forms seen in the corpus (``Xi’s``). A word "stands alone" when no capitalised
word is joined to it on either side, other than a title, honorific, nationality or possessive
before it (``York`` in ``New York`` and ``Trump`` in ``Melania Trump`` do not). The surname is
the last name word if it ever stands alone; else the first, if it stands alone at least half
as often as it opens a full name and no other name starts or ends with it (``Xi``, ``Kim``,
``Moon``). It is dropped when its lower-case uses outnumber its solo ones (``May``), when
half its solo uses follow in/at/from/to (``Cleveland``), when another name with that word
has over a third of this one's articles (Bill and Hillary ``Clinton``), or when a more
frequent actor has it already. Title + surname: titles seen right before the surname that
were also seen before the full name (so Bill's ``President Clinton`` is not Hillary's), and
the honorifics of the majority gender (``Mr.`` vs ``Mrs./Ms./Miss``).

Known limits: one-word names (Madonna) are never actors; a surname shared by two people of
similar frequency is dropped, and one shared with a rare namesake goes to the frequent one.
"""
from __future__ import annotations

import math
import re
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

import pandas as pd

from lib.actors.tokens import (
    _INITIAL,
    _fold,
    _in_spans,
    _is_cap,
    _is_word,
    _joined,
    _role,
    _sentence_start,
    _titleish,
    _Tokens,
    _tokens,
)
from lib.actors.words import (
    _ABBREVIATION_KEYS,
    _FEMALE,
    _FUNCTION,
    _HONORIFICS,
    _MALE,
    _DATE_BEFORE,
    _MODIFIERS,
    _MONTHS,
    _MONTHS_DAYS,
    _NOT_NAME,
    _ORG_HEADS,
    _PLACE_FORMERS,
    _PLACE_WORDS,
    _PLACES,
    _ROLE_PREFIXES,
    _ROLES,
    _SPEECH,
    _SUFFIXES,
    _TITLE_ABBREVIATIONS,
)
from lib.frames import empty as _empty
from lib.frames import require as _require
from lib.text.headline import title_case_lines


def _name_word(word: str, key: str, *, first: bool = True, month: bool = False) -> bool:
    """Could this token be part of a person's name? A one-word place may end a name (Jim
    Jordan, George Washington) but never start one (Chinese President). A full month name
    counts only with ``month`` (the caller has checked it is not a date: Theresa May)."""
    if len(key) < 2 or not word[:1].isupper() or not any(c.islower() for c in word):
        return False
    if month and key in _MONTHS:
        return True
    if key in _FUNCTION or key in _MONTHS_DAYS or key in _HONORIFICS or key in _TITLE_ABBREVIATIONS:
        return False
    if _role(key) or key in _MODIFIERS or key in _NOT_NAME or key in _PLACE_WORDS:
        return False
    # U.N., U.S.: their keys (un, us) are written in capitals, never as a name word (Kim Jong Un)
    return not first or key not in _PLACES or key in _ABBREVIATION_KEYS


@dataclass
class _Candidate:
    forms: Counter = field(default_factory=Counter)
    articles: set = field(default_factory=set)
    person: int = 0
    place: int = 0
    inside: int = 0   # occurrences not at a sentence start
    org: int = 0      # occurrences followed by an organisation head (Agreement, agency)
    strong: int = 0   # person cues that only a person gets: a title or honorific, said, ', who'


def _month_name_ok(text: str, tok: _Tokens, k: int, *, first: bool) -> bool:
    """May token k, a full month name, be a name word? Not when a number follows it (May 3) or,
    opening a name, when a date word precedes it ('in May Trump said') or no name word joined
    to it follows (April alone)."""
    n = len(tok.words)
    if tok.keys[k] not in _MONTHS:
        return False
    if k + 1 < n and tok.words[k + 1][:1].isdigit():
        return False
    if not first:
        return True
    if k > 0 and tok.keys[k - 1] in _DATE_BEFORE:
        return False
    return k + 1 < n and not tok.possessive[k] and _joined(text, tok.ends[k], tok.starts[k + 1]) and \
        _name_word(tok.words[k + 1], tok.keys[k + 1], first=False) and tok.keys[k + 1] not in _MONTHS


def _common_first_ok(text: str, tok: _Tokens, k: int) -> bool:
    """May token k, a capitalised common word that usually marks an organisation or a thing
    (Bill, Park, Hall), open a person's name? Only when it is no organisation head or place
    former, neither 'the' nor a capitalised word other than a title, honorific, nationality or
    possessive comes before it, and a name word that is no such
    word is joined after it (Bill Clinton; not the Bill of Rights, Park Avenue, West Virginia)."""
    key, n = tok.keys[k], len(tok.words)
    if key not in _NOT_NAME or key in _ORG_HEADS or key in _PLACE_FORMERS or tok.possessive[k]:
        return False
    if k > 0 and _joined(text, tok.ends[k - 1], tok.starts[k]) and (tok.keys[k - 1] == "the" or _part_of_name_before(
            tok.words[k - 1], tok.keys[k - 1], tok.possessive[k - 1])):
        return False   # a title, honorific, nationality or possessive before it is fine
    if k > 0 and tok.keys[k - 1] == "of":
        return False   # Secretary of State Hillary Clinton
    if k + 2 >= n or not _joined(text, tok.ends[k], tok.starts[k + 1]):
        return False
    nxt_w, nxt_k = tok.words[k + 1], tok.keys[k + 1]
    if nxt_k in _NOT_NAME or _role(nxt_k.removesuffix("s")) or not _name_word(nxt_w, nxt_k, first=False):
        return False   # House Republicans
    # exactly two words, not before a role: 'Senate Majority leader' is an office
    return not (_joined(text, tok.ends[k + 1], tok.starts[k + 2]) and (
        tok.words[k + 2][:1].isupper() or _titleish(tok.keys[k + 2])))


def _runs(text: str, tok: _Tokens, headline_lines: list[tuple[int, int]]):
    """Yield (first, last) token indexes of capitalised name runs (initials/suffixes inside)."""
    n = len(tok.words)
    words, keys = tok.words, tok.keys
    done = -1
    for i in [k for k, w in enumerate(words) if w[:1].isupper()]:
        if i <= done or _in_spans(headline_lines, tok.starts[i]) or not (_name_word(
                words[i], keys[i], month=_month_name_ok(text, tok, i, first=True))
                or _common_first_ok(text, tok, i)):
            continue
        j = i
        while not tok.possessive[j] and j + 1 < n and _joined(text, tok.ends[j], tok.starts[j + 1]):
            nxt_w, nxt_k = tok.words[j + 1], tok.keys[j + 1]
            if _name_word(nxt_w, nxt_k, first=False, month=_month_name_ok(text, tok, j + 1, first=False)) \
                    or _INITIAL.match(nxt_w) or (
                    nxt_k in _SUFFIXES and nxt_w[:1].isupper()):
                j += 1
            else:
                break
        while j > i and _INITIAL.match(tok.words[j]):
            j -= 1
        yield i, j
        done = j


def _run_words(tok: _Tokens, i: int, j: int) -> list[int]:
    return [k for k in range(i, j + 1) if not _INITIAL.match(tok.words[k])]


def find_actors(articles: pd.DataFrame, *, min_articles: int = 2, top: int = 30) -> pd.DataFrame:
    """Frequent person names in the corpus with their aliases (rules in the module docstring).

    ``articles`` has columns id, text. Returns actor (canonical full name), alias, articles (how
    many articles contain that alias, case-sensitive, whole words): the full-name spellings
    first, then surname, title + surname and possessive forms. Actors are the ``top`` with the
    most articles mentioning them by any alias, most first, ties by name. Deterministic.
    """
    _require(articles, {"id", "text"}, "articles")
    if min_articles < 1 or top < 0:
        raise ValueError("min_articles must be ≥ 1 and top ≥ 0")
    texts = _texts(articles)
    if not texts or top == 0:
        return _empty_actors()
    stats = _NameStats()
    for number, (article_id, text) in enumerate(texts):
        stats.read(number, article_id, text)
    return _chosen(stats, lambda aliases: {alias: _alias_articles(alias, texts, stats.word_index)
                                           for alias in aliases}, min_articles=min_articles, top=top)


def _chosen(stats: _NameStats, alias_articles, *, min_articles: int, top: int) -> pd.DataFrame:
    """The actors and aliases from the corpus's counts (rules in the module docstring).
    ``alias_articles(aliases)`` gives each alias's set of articles (any hashable article keys)."""
    columns = ["actor", "alias", "articles"]
    stats.merge_variants()
    accepted = sorted(((key, c) for key, c in stats.candidates.items()
                       if c.forms and len(c.articles) >= min_articles and c.person >= 1
                       and c.person >= c.place and c.person > c.org and c.inside >= 1
                       and stats.common_first_ok(key, c) and stats.common_words_ok(key, c)), key=lambda kc: (-len(kc[1].articles), kc[0]))
    rows: list[tuple[str, str]] = []
    first_words = Counter(key.split()[0] for key, _ in accepted)
    taken: set[str] = set()   # a surname goes to one actor only, the one in most articles
    for key, c in accepted:
        canonical = sorted(c.forms.items(), key=lambda fc: (-fc[1], len(fc[0]), fc[0]))[0][0]
        aliases = [canonical] + sorted(f for f in c.forms if f != canonical)[:4]
        surname = stats.surname(key, canonical, first_words, min_articles)
        if surname and _fold(surname) not in taken:
            taken.add(_fold(surname))
            skey = _fold(surname)
            aliases.append(surname)
            aliases.extend(f"{title} {surname}" for title in stats.titles(key, skey))
            aliases.extend(surname + p for p in sorted(stats.possessive_forms[skey]))
        aliases.extend(canonical + p for p in sorted(stats.possessive_forms[key]))
        seen: set[str] = set()
        rows.extend((canonical, a) for a in aliases if not (a in seen or seen.add(a)))
    out = pd.DataFrame(rows, columns=["actor", "alias"])
    if out.empty:
        return _empty_actors()
    found_in = alias_articles(sorted(set(out["alias"])))
    out["articles"] = [len(found_in[alias]) for alias in out["alias"]]
    out = out[out["articles"] > 0]
    per_actor = {actor: len(set().union(*(found_in[a] for a in group)))
                 for actor, group in out.groupby("actor", sort=False)["alias"]}
    order = sorted(per_actor, key=lambda a: (-per_actor[a], a))[:top]
    rank = {a: i for i, a in enumerate(order)}
    kept = out[out["actor"].isin(rank)]
    out = (kept.assign(_rank=kept["actor"].map(rank), _pos=range(len(kept)))
           .sort_values(["_rank", "_pos"]).drop(columns=["_rank", "_pos"]).reset_index(drop=True))
    return out.astype({"actor": "str", "alias": "str", "articles": "int64"})[columns]


def _empty_actors() -> pd.DataFrame:
    return _empty({"actor": "str", "alias": "str", "articles": "int64"})


_PLACE_BEFORE = frozenset({"in", "at", "from", "near", "to", "across", "outside"})


@dataclass
class _ArticleNames:
    """One article's contribution to ``_NameStats``: everything find_actors reads from its text."""
    # (key, form) → [occurrences, inside, person, strong, place, org]; form "" when the surface
    # repeats a word (not counted as a spelling: 'Ted Cruz Cruz')
    runs: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0, 0, 0, 0]))
    solo: Counter = field(default_factory=Counter)
    solo_place: Counter = field(default_factory=Counter)
    before: dict = field(default_factory=lambda: defaultdict(Counter))       # key → titles
    possessive: dict = field(default_factory=lambda: defaultdict(Counter))   # key → 's / ’s


def _article_names(text: str, tok: _Tokens) -> _ArticleNames:
    """The name runs, lone name words and their cues in one article (rules in the module
    docstring)."""
    out = _ArticleNames()
    headlines = title_case_lines(text)
    for i, j in _runs(text, tok, headlines):
        words = _run_words(tok, i, j)
        start_of_sentence = _sentence_start(text, tok.starts[i])
        title = _title_before(text, tok, i)
        if len(words) == 1:
            if _alone(text, tok, i):
                word = _fold(tok.keys[i])
                out.solo[word] += 1
                if i > 0 and tok.words[i - 1] in _PLACE_BEFORE:
                    out.solo_place[word] += 1
                if title:
                    out.before[word][title] += 1
                if tok.possessive[i]:
                    out.possessive[word][tok.words[i][-2:]] += 1
            continue
        if len(words) > 3:
            continue
        initials = [tok.words[k][0].lower() for k in range(i, j + 1) if _INITIAL.match(tok.words[k])]
        folded = _fold(" ".join(tok.keys[k] for k in words)).split()
        key = " ".join(folded[:1] + initials + folded[1:])   # george w bush: initials kept
        surface = text[tok.starts[i]:tok.ends[j] - (2 if tok.possessive[j] else 0)]
        form = surface.split()
        # not 'Ted Cruz Cruz' (a caption glued to a name): no spelling, the rest counts
        row = out.runs[(key, " ".join(form) if len(set(form)) == len(form) else "")]
        row[0] += 1
        row[1] += not start_of_sentence
        if title:
            out.before[key][title] += 1
        if tok.possessive[j]:
            out.possessive[key][tok.words[j][-2:]] += 1
        if _org_cue(text, tok, j):
            row[5] += 1   # 'Atomic Energy Organization': its person cues are not a person's
        else:
            cue = _person_cue(tok, i, j, title)
            row[2] += cue > 0
            row[3] += cue == 2
        row[4] += _place_cue(tok, i, j)
    return out


class _NameStats:
    """What find_actors counts while reading the corpus."""

    def __init__(self):
        self.candidates: dict[str, _Candidate] = defaultdict(_Candidate)
        self.solo: Counter = Counter()        # a name word standing alone
        self.solo_place: Counter = Counter()  # ... right after in/at/from/near/to (a place: Cleveland)
        self.first_word: Counter = Counter()  # a name word opening a 2–3 word name
        self.lower: Counter = Counter()       # articles using the word in lower case
        self.before: dict[str, Counter] = defaultdict(Counter)   # key → titles right before it
        self.possessive_forms: dict[str, Counter] = defaultdict(Counter)
        # token → articles (positions, ascending): compact arrays, not sets (~40 M entries at 100k articles)
        self.word_index: dict[str, array] = defaultdict(lambda: array("I"))
        self._last: dict[str, set[str]] | None = None
        self._end_words: dict[str, list[tuple[str, int]]] | None = None

    def read(self, number: int, article_id: str, text: str) -> None:
        tok = _tokens(text)
        vocabulary = set(tok.words)
        for w in vocabulary:
            self.word_index[w].append(number)
        self.lower.update(w.lower() for w in vocabulary if w[:1].islower())
        self.add(article_id, _article_names(text, tok))

    def add(self, article_id: str, found: _ArticleNames) -> None:
        """Count one article's names (everything but ``lower`` and ``word_index``)."""
        for (key, form), (n, inside, person, strong, place, org) in found.runs.items():
            self.first_word[key.split()[0]] += n
            c = self.candidates[key]
            if form:
                c.forms[form] += n
            c.articles.add(article_id)
            c.inside += inside
            c.person += person
            c.strong += strong
            c.place += place
            c.org += org
        self.solo.update(found.solo)
        self.solo_place.update(found.solo_place)
        for key, titles in found.before.items():
            self.before[key].update(titles)
        for key, endings in found.possessive.items():
            self.possessive_forms[key].update(endings)

    def common_first_ok(self, key: str, c: _Candidate) -> bool:
        """A name opening with a common word (Bill Clinton) also needs its surname used alone
        at least once per article the name is in (Clinton; not Capitol Hill, National Convention)."""
        parts = key.split()
        return parts[0] not in _NOT_NAME or self.solo[parts[-1]] >= len(c.articles)

    def common_words_ok(self, key: str, c: _Candidate) -> bool:
        """A name made only of common words (each used in lower case in more articles than the
        name is in: Free Trade, Health Care) needs a cue only a person gets, a title, honorific,
        speech verb or ', who' (Bill Gates said); a possessive or nationality before it is not
        enough (Iran's Atomic Energy)."""
        n = len(c.articles)
        return c.strong >= 1 or not all(self.lower[w] > n for w in key.split() if len(w) > 1)

    def merge_variants(self) -> None:
        """Merge spellings of one name. Middle initials: when only one set of initials is seen
        for a name, all its spellings are one person (Vladimir V. Putin = Vladimir Putin); when
        several are (George W. Bush, George H. W. Bush), each is its own person and the spelling
        without initials joins the most frequent. Then a three-word name merges into a two-word
        name with the same first and last word (Hillary Rodham Clinton)."""
        groups: dict[str, list[str]] = defaultdict(list)
        for key in self.candidates:
            groups[_strip_initials(key)].append(key)
        for base, keys in sorted(groups.items()):
            signed = sorted((k for k in keys if k != base), key=lambda k: (
                -len(self.candidates[k].articles), -sum(self.candidates[k].forms.values()), k))
            if not signed:
                continue
            if len(signed) == 1:
                for k in keys:
                    if k != base:
                        self._merge(k, base)
            elif base in self.candidates:
                self._merge(base, signed[0])
        for key in sorted(self.candidates, key=lambda k: (-len(k.split()), k)):
            parts = key.split()
            short = f"{parts[0]} {parts[-1]}"
            if len(parts) >= 3 and short in self.candidates and short != key and _strip_initials(key) == key:
                self._merge(key, short)

    def _merge(self, source_key: str, target_key: str) -> None:
        source = self.candidates.pop(source_key)
        target = self.candidates[target_key]
        target.forms.update(source.forms)
        target.articles |= source.articles
        target.person += source.person
        target.strong += source.strong
        target.place += source.place
        target.org += source.org
        target.inside += source.inside
        self.before[target_key].update(self.before.pop(source_key, Counter()))
        self.possessive_forms[target_key].update(self.possessive_forms.pop(source_key, Counter()))

    def surname(self, key: str, canonical: str, first_words: Counter, min_articles: int) -> str | None:
        """The name word used alone for this person (rules in the module docstring), or None."""
        parts = [p for p in canonical.split() if not _INITIAL.match(p) and _fold(p) not in _SUFFIXES]
        if len(parts) < 2:
            return None
        first, last = parts[0], parts[-1]
        fk, lk = _fold(first), _fold(last)
        if self.solo[lk] > 0:
            word, wk = last, lk
        elif self.solo[fk] > 0 and 2 * self.solo[fk] >= self.first_word[fk] and first_words[fk] == 1 \
                and not self._last_words().get(fk, set()) - {key}:
            word, wk = first, fk   # Xi (Jinping), Kim (Jong Un), Moon (Jae-in)
        else:
            return None
        if self.lower[wk] >= self.solo[wk]:
            return None   # a common word (May, Rice): its lower-case uses outnumber its solo ones
        if 2 * self.solo_place[wk] >= self.solo[wk]:
            return None   # mostly 'in Cleveland': a place
        own = len(self.candidates[key].articles)
        rivals = [n for k, n in self._by_end_word(min_articles).get(wk, []) if k != key]
        if rivals and own < 3 * max(rivals):
            return None   # shared by people of similar frequency (Bill / Hillary Clinton)
        return word

    def _last_words(self) -> dict[str, set[str]]:
        """Last name word → keys of the names ending with it."""
        if self._last is None:
            self._last = defaultdict(set)
            for k in self.candidates:
                self._last[k.split()[-1]].add(k)
        return self._last

    def _by_end_word(self, min_articles: int) -> dict[str, list[tuple[str, int]]]:
        """First or last name word → (key, articles) of the names in ≥ min_articles articles."""
        if self._end_words is None:
            self._end_words = defaultdict(list)
            for k, c in self.candidates.items():
                if len(c.articles) >= min_articles:
                    parts = k.split()
                    for w in {parts[0], parts[-1]}:
                        self._end_words[w].append((k, len(c.articles)))
        return self._end_words

    def titles(self, key: str, skey: str) -> list[str]:
        """Titles seen before the surname that were also seen before the full name, and the
        honorifics of the majority gender (Mr. vs Mrs./Ms./Miss)."""
        seen = self.before[skey]
        male = sum(n for t, n in seen.items() if _title_key(t) in _MALE)
        female = sum(n for t, n in seen.items() if _title_key(t) in _FEMALE)
        out = []
        for title, _ in sorted(seen.items(), key=lambda tn: (-tn[1], tn[0])):
            k = _title_key(title)
            if k in _MALE and male <= female or k in _FEMALE and female <= male:
                continue
            if k in _HONORIFICS or title in self.before[key]:
                out.append(title)
        return out[:4]


def _strip_initials(key: str) -> str:
    parts = key.split()
    return " ".join([parts[0]] + [p for p in parts[1:-1] if len(p) > 1] + parts[-1:]) if len(parts) > 2 else key


def _title_key(title: str) -> str:
    return title.lower().replace(".", "")


def _alone(text: str, tok: _Tokens, i: int) -> bool:
    """No capitalised word joined to token i on either side, other than a title, honorific,
    nationality or possessive before it (New York's York and Melania Trump's Trump are not
    alone)."""
    if i > 0 and _joined(text, tok.ends[i - 1], tok.starts[i]) and _part_of_name_before(
            tok.words[i - 1], tok.keys[i - 1], tok.possessive[i - 1]):
        return False
    n = len(tok.words)
    if not tok.possessive[i] and i + 1 < n and _joined(text, tok.ends[i], tok.starts[i + 1]) and \
            _part_of_name_after(tok.words[i + 1], tok.keys[i + 1]):
        return False
    return True


def _part_of_name_before(word: str, key: str, possessive: bool) -> bool:
    if not word[:1].isupper() or possessive or not _is_word(word):
        return False
    return not (key in _FUNCTION or key in _MONTHS_DAYS or key in _HONORIFICS or _titleish(key)
                or key in _MODIFIERS or key in _PLACES)


def _part_of_name_after(word: str, key: str) -> bool:
    return word[:1].isupper() and _is_word(word) and key not in _FUNCTION and key not in _MONTHS_DAYS


def _texts(articles: pd.DataFrame) -> list[tuple[str, str]]:
    out = []
    for article_id, text in zip(articles["id"].tolist(), articles["text"].tolist()):
        if text is None or (isinstance(text, float) and math.isnan(text)):
            continue
        out.append((str(article_id), text if isinstance(text, str) else str(text)))
    return out


def _title_before(text: str, tok: _Tokens, i: int) -> str | None:
    """'President', 'Prime Minister', 'Mr.' right before token i (capitalised), else None."""
    if i == 0 or not _joined(text, tok.ends[i - 1], tok.starts[i]):
        return None
    w, k = tok.words[i - 1], tok.keys[i - 1]
    if not w[:1].isupper() or tok.possessive[i - 1]:
        return None
    if k in _HONORIFICS or k in _TITLE_ABBREVIATIONS:
        return w
    if _role(k):
        if i >= 2 and tok.words[i - 2][:1].isupper() and _joined(text, tok.ends[i - 2], tok.starts[i - 1]) and (
                tok.keys[i - 2] in _ROLE_PREFIXES or _role(tok.keys[i - 2])):
            return f"{tok.words[i - 2]} {w}"   # Prime Minister, Attorney General
        return w
    return None


def _person_cue(tok: _Tokens, i: int, j: int, title: str | None) -> int:
    """2: a cue only a person gets (a title or honorific before, a speech verb or ', who' after);
    1: a possessive, nationality or role word before, which an organisation gets too; 0: none."""
    n = len(tok.words)
    if title:
        return 2
    if j + 1 < n and tok.keys[j + 1] in _SPEECH:
        return 2
    if j + 2 < n and tok.words[j + 1] == "," and tok.keys[j + 2] in {"who", "whose"}:
        return 2
    if i > 0 and _is_cap(tok.words[i - 1]) and (tok.possessive[i - 1] or tok.keys[i - 1] in _PLACES):
        return 1
    if i > 0 and tok.keys[i - 1] in _ROLES:
        return 1
    return 0


def _org_cue(text: str, tok: _Tokens, j: int) -> bool:
    """Is the name run ending at token j the start of an organisation's or a treaty's name: the
    word joined after it a capitalised organisation word (Free Trade Agreement, Atomic Energy
    Agency) or a lower-case organisation head (Iran's Atomic Energy organization)?"""
    if tok.possessive[j] or j + 1 >= len(tok.words) or not _joined(text, tok.ends[j], tok.starts[j + 1]):
        return False
    w, k = tok.words[j + 1], tok.keys[j + 1]
    return k in _ORG_HEADS if w[:1].islower() else k in _NOT_NAME and k not in _PLACE_WORDS


def _place_cue(tok: _Tokens, i: int, j: int) -> int:
    if tok.possessive[j] or i == 0:
        return 0
    return int(tok.words[i - 1] in {"in", "at", "near", "across", "into", "inside", "outside", "the"})


def _alias_articles(alias: str, texts: list[tuple[str, str]], word_index: dict[str, array]) -> set[int]:
    """Articles (positions in texts) containing the alias as whole words: the articles holding all
    its tokens, checked for the words in a row (single spaces) when it has several."""
    words = alias.split()
    candidates = set.intersection(*(set(word_index.get(w, ())) for w in words)) if words else set()
    if len(words) == 1:
        return candidates
    phrase = " ".join(words)
    return {i for i in candidates if _bounded(texts[i][1], phrase)}


def _bounded(text: str, phrase: str) -> bool:
    """Does phrase occur in text as whole words?"""
    start = text.find(phrase)
    while start >= 0:
        end = start + len(phrase)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not (before.isalnum() or before in "_'’-") and not (after.isalnum() or after in "_-"):
            return True
        start = text.find(phrase, start + 1)
    return False


# --- names of anything, for a story's omissions ----------------------------------------------

_CAP_WORD = r"(?:[A-Z][\w'’.-]*[A-Za-z0-9]|[A-Z])"
_NAME_RUN = re.compile(rf"\b{_CAP_WORD}(?:[ \t]+{_CAP_WORD})*\b")
_CONTRACTION = re.compile(r"^I[’'](?:m|d|ll|ve)$")
_POSSESSIVE = re.compile(r"[’']s$")
_DEMONYM = re.compile(r"^[A-Z][a-z]+(?:ian|ean|ese|ish|ic|i)$")
# Capitalised but not a name, besides the word lists above: page furniture and plural titles.
_NOT_NAME_FURNITURE = frozenset("read photo image news advertisement officials".split())


def _never_in_name(key: str) -> bool:
    return (key in _FUNCTION or key in _MONTHS_DAYS or key in _HONORIFICS or key in _TITLE_ABBREVIATIONS
            or key in _ROLE_PREFIXES or _role(key) or key in _NOT_NAME_FURNITURE)


def capitalised_names(text: str, sentence_starts: set[int]) -> Iterator[tuple[str, tuple[int, int]]]:
    """Names of anything in ``text`` (people, places, organisations, events): runs of capitalised
    words outside Title Case lines, split at words that are never part of a name (the function
    words, months, days, titles, roles and honorifics ``find_actors`` uses) and after a possessive
    ("Japan’s World War II" is Japan, then World War II). One capitalised word is a name only
    inside a sentence (not at one of ``sentence_starts``, character offsets) and when it is not a
    nationality word. Yields (name without a possessive 's, (start, end))."""
    headlines = title_case_lines(text)
    for match in _NAME_RUN.finditer(text):
        if any(a <= match.start() < b for a, b in headlines):
            continue                            # every word of a headline or subhead is capitalised
        words = [(m.group(), match.start() + m.start()) for m in re.finditer(r"\S+", match.group())]
        # Split the run at titles and other non-name words ('Russian President Vladimir Putin'),
        # and after a possessive ("Japan’s World War II" is Japan, then World War II).
        part: list[tuple[str, int]] = []
        for word, pos in words + [("", -1)]:
            bare = word.strip(".’'").casefold().removesuffix("’s").removesuffix("'s")
            if word and not _never_in_name(bare) and not _CONTRACTION.match(word):
                part.append((word, pos))
                if not _POSSESSIVE.search(word):
                    continue
            if part:
                yield from _capitalised_part(text, part, sentence_starts)
            part = []


def _capitalised_part(text: str, part: list[tuple[str, int]], sentence_starts: set[int]):
    start = part[0][1]
    end = part[-1][1] + len(part[-1][0])
    name = re.sub(r"(?:’s|'s)$", "", text[start:end]).rstrip(".")
    if len(part) == 1:
        # One capitalised word: a name only inside a sentence, and not a nationality word.
        at_start = start in sentence_starts or not text[:start].strip() or text[:start].rstrip()[-1:] in ".!?\"“”"
        if at_start or _DEMONYM.match(name) or len(name) < 2 or name.isupper() and len(name) < 3:
            return
    yield name, (start, end)
