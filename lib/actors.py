"""Actors (people named in the news) and the labels each outlet attaches to them.

Pure-Python heuristics on capitalisation, punctuation and small lists of general English news
words (roles, modifiers, countries and their demonyms); no tagger, NER model or corpus-specific
phrase list. Offsets are character indices into the article's text, end exclusive; every
``label`` is ``text[start:end]`` lower-cased, whitespace collapsed, curly apostrophes straight.

Actors (``find_actors``)
    A name is a run of 2–3 capitalised words joined by single spaces (middle initials and
    Jr./Sr. inside) with no title, role, modifier, organisation, month or function word in it; a
    one-word place may end a name (Jim Jordan) but not start one. Title Case lines (headlines: ≥ 75
    % of the 4+-letter words capitalised, and no final period or a capitalised function word)
    are not read. A name is a person when, over the corpus, it has a person cue (a title, role,
    honorific, nationality or possessive right before it — ``President``, ``Mr.``, ``dictator``,
    ``China's`` —, a speech verb right after it — ``said``, ``told`` —, or ``, who``) at least as
    often as a place cue (``in``/``at``/``the`` before it) and at least once; it must appear in
    ``min_articles`` articles and at least once not at the start of a sentence.

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

Mentions
    Aliases are reduced to their name (titles, honorifics and 's dropped). A full name matches
    with hyphens or spaces, any case after its first word and one optional middle initial (none
    extra when the alias spells its own). A surname alone matches when it stands alone and does
    not follow an honorific of the other gender than the actor's aliases (``Mrs. Obama`` is not
    Barack); in capitals (``XI wrote``) it matches unless joined to other capitalised words
    (``Pope Pius XI``).

Labels (``labels``), by kind
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
        attribute of a noun after it (``Trump administration``, ``Obama economic adviser``); a
        modifier with no possessive or place in it (``longtime``, ``new``) also needs a verb or a
        boundary after the name (not ``a second Obama term``).
    appositive
        ``Name, [a|the|X's] ... ROLE ...,`` after the name and ``the|its|X's ... ROLE, Name,``
        before it: at most 8 words with a role in them, no verb, pronoun, conjunction or further
        name, closed by a comma, dash, semicolon, colon, bracket or the sentence end. The label
        ends at its last role word (``a key Republican engaged in talks`` → ``key republican``)
        unless a prepositional tail names a place (``president of France``).
    descriptor
        A role noun with no name after it, opened by ``the|this|that|its``, a capitalised
        possessive (``North Korea's leader``), ``the country's|nation's ...`` or, in a headline,
        nothing (``North Korean Leader Says ...``): ``the Chinese autocrat``, ``the Kremlin
        chief``, ``the former FBI director``. Never a descriptor: a head that mostly stands for
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
    predicate
        ``call|dub|brand|label|term OBJ [a|an|the] NP``, ``describe|characterize|portray|paint|
        hail|greet|praise|denounce|refer to|see|view|regard|cast|depict OBJ as [a|an|the] NP``,
        ``characterization|description|portrayal|depiction of OBJ as ... NP`` (``and OBJ2 as
        NP2`` continues it), and ``Name is|was|remains|became|has been a|an|the NP``. OBJ is a
        name mention, or him/her: the most recent actor mentioned before the verb other than its
        subject (the nearest mention before the verb in its sentence, with at most 3 words and no
        punctuation between), within the verb's sentence or the one before, and with nobody
        untracked (a two-word name, Mr./Ms. X) named in between. NP is a quotation of 1–8 words
        (the label is its inside, without end punctuation) or up to 4 bare words ending in a role
        or an agent noun (-er, -ist, -crat, ...).

    Voice is lib.text's ``voice`` over the label's own span (``quoted``, ``scare`` or
    ``narrative``); ``sentence`` indexes ``lib.text.sentence_spans`` at the label's start.

Known limits: pronouns are resolved only as objects of naming verbs; plural and coordinated
references (``the two leaders``) are out of scope; one-word names (Madonna) are never actors;
a surname shared by two people of similar frequency is dropped, and one shared with a rare
namesake goes to the frequent one; a label in reported speech without quotation marks
(``Democrats are suggesting Romney is a fat cat``) is in the narrative voice.
"""
from __future__ import annotations

import math
import re
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from lib.frames import empty as _empty
from lib.frames import require as _require
from lib.text import quotes, sentence_spans, voice

__all__ = ["KINDS", "by_outlet", "find_actors", "labels", "mention_sentences"]

KINDS = ("title", "modifier", "appositive", "descriptor", "predicate")

# ---------------------------------------------------------------------------------------------
# Word lists (lower-case, dots removed). General English news vocabulary, not any corpus's phrases.
# ---------------------------------------------------------------------------------------------

_ROLES = frozenset("""
president leader dictator autocrat strongman despot tyrant ruler premier chancellor minister
secretary director chief head chairman chairwoman chair chairperson governor senator congressman
congresswoman congressperson representative lawmaker legislator politician statesman stateswoman
mayor king queen prince princess emperor empress monarch pope ayatollah sultan emir sheikh
general commander admiral colonel major lieutenant captain sergeant marshal sheriff
ambassador envoy diplomat emissary consul spokesman spokeswoman spokesperson adviser advisor aide
counselor counsellor counsel attorney lawyer judge justice prosecutor magistrate solicitor
nominee candidate challenger incumbent frontrunner front-runner speaker whip
founder ceo executive boss owner billionaire millionaire magnate mogul tycoon oligarch
businessman businesswoman entrepreneur investor financier banker economist
host anchor commentator columnist pundit author writer journalist reporter editor publisher
activist official officer agent analyst expert professor scientist historian researcher
strategist pollster operative donor fundraiser lobbyist
ally rival critic opponent friend partner counterpart predecessor successor foe enemy adversary
populist nationalist demagogue hardliner hard-liner firebrand reformer revolutionary
conservative liberal progressive socialist communist fascist republican democrat independent
star actor actress singer rapper musician comedian athlete player coach quarterback champion
veteran soldier pilot
heir heiress son daughter wife husband father mother brother sister widow widower
pastor bishop cardinal rabbi imam cleric priest preacher evangelist
czar tsar deputy vice-president president-elect prime-minister
whistleblower defendant suspect convict killer murderer terrorist militant warlord gunman
liar crook thug bully madman maniac dotard puppet stooge traitor hero icon
associate confidant confidante loyalist crony protege protégé surrogate fixer consultant
staffer intern employee contractor
""".split())
_NOT_ADJECTIVES = frozenset("""
several moment present general federal central animal arrival approval denial proposal signal
""".split())
# Roles that name a kind of person rather than an office: with a nationality cue they may point to
# any actor of that nationality ('the Chinese autocrat').
_GENERIC_HEADS = frozenset("""
leader chief head boss ruler strongman autocrat dictator despot tyrant hardliner hard-liner
populist nationalist demagogue firebrand man woman figure
""".split())
_TITLE_ABBREVIATIONS = frozenset("""
sen rep gov gen lt col maj capt cpt sgt adm cmdr prof rev fr hon pres supt atty amb insp det cpl pvt
msgr sec
""".split())
_HONORIFICS = frozenset("mr mrs ms miss mx messrs dr".split())
_MODIFIERS = frozenset("""
former late acting deputy vice assistant associate special senior junior top longtime
long-time current incoming outgoing ousted fired embattled beleaguered disgraced indicted
convicted jailed exiled retired veteran new newly recently elected appointed designated presumptive
presumed prospective would-be self-proclaimed self-styled self-described so-called reclusive
authoritarian autocratic hardline hard-line populist nationalist conservative liberal progressive
moderate far-right far-left right-wing left-wing prime first second third supreme interim
controversial outspoken powerful young elderly aging ailing erratic mercurial brash unpredictable
ruthless brutal murderous rogue charismatic beloved respected embattled longest-serving
all-powerful iron-fisted strong hawkish dovish communist democratic republican top-ranking
high-ranking ranking leading chief main principal
""".split())
_ADJECTIVE_ENDING = re.compile(r"(?:al|ic|ive|ous|ful|ary|ese|ish|ian|ean|ant|ent)$")
_AGENT_ENDING = re.compile(r"(?:er|or|ist|crat|ee|man|woman|ian|ant|ent|ard|ive)$")
_FUNCTION = frozenset("""
the a an and or but nor of in on at to for with by from as than that this these those his her its
their our my your he she it they we i you me him them us who whom whose which what why how where
when while if after before since because although though despite during under unlike like without
into onto upon about against among between through over across near via per
is was were are be been being am has have had do does did will would could should may might must
can shall not no nor so also too very just only even still yet now then there here today
yesterday tomorrow tonight meanwhile however instead indeed moreover furthermore thus hence
earlier later both either neither each every all some many most more other another such any
said says say saying told tells tell wrote writes added adds asked asks according
dear hello thanks please yes sure well oh
""".split())
_MONTHS_DAYS = frozenset("""
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
monday tuesday wednesday thursday friday saturday sunday
""".split())
# Words that make a capitalised run an organisation, place, event or thing, never a person.
_NOT_NAME = frozenset("""
house senate congress parliament committee department ministry agency bureau office council court
university college school institute institution center centre foundation association society
union party republic kingdom states state nation nations federation commonwealth
news times post journal herald tribune gazette daily weekly magazine press network channel radio
television tv media review reuters
street avenue road boulevard square plaza park hall tower building palace airport station port
bridge island islands sea ocean river lake mountain mountains valley beach bay gulf coast peninsula
city county province district region capital border
company corporation corp inc llc ltd group bank fund trust partners holdings industries airlines
army navy force forces guard corps command service services police patrol
war act bill law treaty accord agreement deal plan summit conference parade games cup festival
church cathedral mosque temple hospital clinic prize award awards day night week year
administration campaign organization organisation movement coalition alliance initiative project
program programme fed reserve treasury pentagon kremlin capitol
god jesus christ allah lord
islamic muslim christian jewish catholic evangelical jihad brotherhood qaeda hamas hezbollah
taliban isis
twitter facebook instagram youtube google apple amazon microsoft tiktok
north south east west northern southern eastern western central new united saudi hong los san
santa las fort saint st mount lake port
olympic olympics world global international national
morning evening afternoon caption photo photos image images video getty file
english french spanish arabic
""".split())
_SPEECH = frozenset("""
said says told tells wrote writes added adds asked asks argued argues explained explains noted
notes stated states tweeted tweets insisted insists warned warns announced announces replied
replies responded responds claimed claims declared declares acknowledged admitted recalled urged
""".split())
_SUFFIXES = frozenset("jr sr ii iii iv".split())
# Past tenses without -ed, so that 'the Chinese autocrat made a hit' is not read as a compound.
_IRREGULAR_VERBS = frozenset("""
made met took gave went came saw won lost left led held sent spent built kept felt thought brought
bought ran began wrote spoke became chose drove flew grew knew threw wore hid fought sought taught
caught sat stood understood hit put set cut let quit read got paid sold heard meant struck swore
tore woke shook forgot forgave rose fell dealt slept
himself herself alone again
""".split())
# Words that make one role with the role after them (vice president, prime minister).
_ROLE_PREFIXES = frozenset("vice deputy assistant associate under prime lieutenant".split())

# Places and nationalities → one key per country (or organisation seen as one).
_PLACES: dict[str, str] = {}


def _place(key: str, *names: str) -> None:
    for name in (key, *names):
        _PLACES[name] = key


for _row in """
us:u.s.|us|usa|u.s.a.|america|american|americans|united states|washington|white house
uk:u.k.|britain|british|united kingdom|england|english|london|downing street|scotland|scottish|wales|welsh
china:chinese|beijing|prc
russia:russian|moscow|kremlin|soviet
north korea:north korean|pyongyang|dprk
south korea:south korean|seoul|korea|korean
japan:japanese|tokyo
france:french|paris|elysee|élysée
germany:german|berlin
italy:italian|rome
spain:spanish|madrid
canada:canadian|ottawa
mexico:mexican
brazil:brazilian|brasilia
india:indian|new delhi|delhi
pakistan:pakistani|islamabad
afghanistan:afghan|kabul
iran:iranian|tehran
iraq:iraqi|baghdad
syria:syrian|damascus
israel:israeli|jerusalem
palestine:palestinian|ramallah|gaza
egypt:egyptian|cairo
saudi arabia:saudi|riyadh
turkey:turkish|ankara|turkiye
ukraine:ukrainian|kyiv|kiev
belarus:belarusian|minsk
poland:polish|warsaw
hungary:hungarian|budapest
venezuela:venezuelan|caracas
cuba:cuban|havana
australia:australian|canberra
new zealand:kiwi|wellington
south africa:south african|pretoria
nigeria:nigerian|abuja
kenya:kenyan|nairobi
ethiopia:ethiopian
taiwan:taiwanese|taipei
vietnam:vietnamese|hanoi
philippines:filipino|philippine|manila
indonesia:indonesian|jakarta
netherlands:dutch|hague|amsterdam
belgium:belgian|brussels
sweden:swedish|stockholm
norway:norwegian|oslo
greece:greek|athens
ireland:irish|dublin
argentina:argentine|argentinian|buenos aires
colombia:colombian|bogota
chile:chilean|santiago
qatar:qatari|doha
lebanon:lebanese|beirut
libya:libyan|tripoli
yemen:yemeni
jordan:jordanian|amman
europe:european|eu|e.u.|european union
nato:nato
un:u.n.|un|united nations
""".strip().splitlines():
    _key, _names = _row.split(":")
    _place(_key, *_names.split("|"))

_ABBREVIATION_KEYS = frozenset({"us", "un", "eu", "uk", "usa", "prc", "dprk", "nato"})
# Capitalised run words that never start or end a person name (besides the lists above).
_PLACE_WORDS = frozenset(w for name in _PLACES if " " in name for w in name.split())

# ---------------------------------------------------------------------------------------------
# Tokens
# ---------------------------------------------------------------------------------------------

_ABBREVIATIONS = frozenset({*_TITLE_ABBREVIATIONS, *_HONORIFICS, *_SUFFIXES, "st"})
# A word may take one trailing dot; _tokens() gives it back unless the word is an abbreviation
# (Mr., Sen., Jr.) or an initial before a name (J. Edgar). Dotted acronyms stay whole (U.S.).
_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W\d_]+(?:[-'’][^\W\d_]+)*\.?|\d+(?:[.,:]\d+)*|[^\w\s]")
_CAPITAL_NEXT = re.compile(r"\s+[A-Z]")
_POSSESSIVE_ENDINGS = ("'s", "’s", "'S", "’S")
_INITIAL = re.compile(r"[A-Z]\.$")


@dataclass
class _Tokens:
    starts: list[int]
    ends: list[int]
    words: list[str]
    keys: list[str]         # lower-case, dots and possessive 's removed, ’ as '
    possessive: list[bool]


def _tokens(text: str) -> _Tokens:
    starts: list[int] = []
    words: list[str] = []
    for m in _TOKEN.finditer(text):
        w, s = m.group(), m.start()
        if w[-1] == "." and len(w) > 1 and w[-2] != ".":
            base = w[:-1]
            if "." not in base and not (base.lower() in _ABBREVIATIONS or (
                    len(base) == 1 and base.isupper() and _CAPITAL_NEXT.match(text, s + 2))):
                starts.append(s)
                words.append(base)
                starts.append(s + len(base))
                words.append(".")
                continue
        starts.append(s)
        words.append(w)
    ends = [s + len(w) for s, w in zip(starts, words)]
    possessive = [len(w) > 2 and w.endswith(_POSSESSIVE_ENDINGS) for w in words]
    keys = []
    for w, p in zip(words, possessive):
        k = (w[:-2] if p else w).lower()
        if "." in k:
            k = k.replace(".", "")
        if "’" in k:
            k = k.replace("’", "'")
        keys.append(k)
    return _Tokens(starts, ends, words, keys, possessive)


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def _is_word(word: str) -> bool:
    return word[:1].isalpha()


def _role(key: str) -> bool:
    """A role noun, also inside a hyphenated word (then-president, ex-director)."""
    return key in _ROLES or ("-" in key and key.rsplit("-", 1)[1] in _ROLES)


def _titleish(key: str) -> bool:
    return _role(key) or key in _TITLE_ABBREVIATIONS


def _is_acronym(word: str) -> bool:
    letters = word.replace(".", "")
    return len(letters) >= 2 and letters.isalpha() and letters.isupper()


_HEADLINE_MAX_CHARS = 300


def _title_case_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of lines written in Title Case (headlines): at most 300 characters, ≥ 3 words
    of 4+ letters, ≥ 75 % of them capitalised, and either no final period or a capitalised
    function word after the first word ('... Met With North Korean Leader ...'). A prose
    sentence packed with names ('President Joe Biden met Senator Mitch McConnell.') is not one."""
    out = []
    for line in re.finditer(r"[^\n\r]+", text):
        body = line.group().rstrip()
        if len(body) > _HEADLINE_MAX_CHARS:
            continue
        long = re.findall(r"[^\W\d_]{4,}", body)
        if len(long) < 3 or sum(w[0].isupper() for w in long) < 0.75 * len(long):
            continue
        if not body.endswith(".") or any(w[0].isupper() and w.lower() in _FUNCTION for w in long[1:]):
            out.append(line.span())
    return out


def _in_spans(spans: list[tuple[int, int]], pos: int) -> bool:
    i = bisect_right(spans, (pos, math.inf)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _norm_label(s: str) -> str:
    return " ".join(s.replace("’", "'").replace("‘", "'").lower().split())


def _fold(s: str) -> str:
    """Lower-case without accents, hyphens as spaces, initials and dots removed: a name key."""
    if not s.isascii():
        s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    s = s.lower().replace("-", " ").replace("’", "'")
    parts = [p for p in s.replace(".", ". ").split() if not re.fullmatch(r"[a-z]\.", p)]
    return " ".join(p.rstrip(".") for p in parts if p.rstrip("."))


# ---------------------------------------------------------------------------------------------
# find_actors
# ---------------------------------------------------------------------------------------------


def _name_word(word: str, key: str, *, first: bool = True) -> bool:
    """Could this token be part of a person's name? A one-word place may end a name (Jim
    Jordan, George Washington) but never start one (Chinese President)."""
    if len(key) < 2 or not word[:1].isupper() or not any(c.islower() for c in word):
        return False
    if key in _FUNCTION or key in _MONTHS_DAYS or key in _HONORIFICS or key in _TITLE_ABBREVIATIONS:
        return False
    if _role(key) or key in _MODIFIERS or key in _NOT_NAME or key in _PLACE_WORDS:
        return False
    # U.N., U.S.: their keys (un, us) are written in capitals, never as a name word (Kim Jong Un)
    return not first or key not in _PLACES or key in _ABBREVIATION_KEYS


def _sentence_start(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and (text[i].isspace() or text[i] in "\"'“‘(["):
        if text[i] in "\n\r":
            return True
        i -= 1
    return i < 0 or text[i] in ".!?:;—–-…"


def _joined(text: str, a_end: int, b_start: int) -> bool:
    gap = text[a_end:b_start]
    return gap == " " or (gap.isspace() and len(gap) <= 2 and "\n" not in gap and "\r" not in gap)


@dataclass
class _Candidate:
    forms: Counter = field(default_factory=Counter)
    articles: set = field(default_factory=set)
    person: int = 0
    place: int = 0
    inside: int = 0   # occurrences not at a sentence start


def _runs(text: str, tok: _Tokens, headline_lines: list[tuple[int, int]]):
    """Yield (first, last) token indexes of capitalised name runs (initials/suffixes inside)."""
    n = len(tok.words)
    words, keys = tok.words, tok.keys
    done = -1
    for i in [k for k, w in enumerate(words) if w[:1].isupper()]:
        if i <= done or not _name_word(words[i], keys[i]) or _in_spans(headline_lines, tok.starts[i]):
            continue
        j = i
        while not tok.possessive[j] and j + 1 < n and _joined(text, tok.ends[j], tok.starts[j + 1]):
            nxt_w, nxt_k = tok.words[j + 1], tok.keys[j + 1]
            if _name_word(nxt_w, nxt_k, first=False) or _INITIAL.match(nxt_w) or (
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
    columns = ["actor", "alias", "articles"]
    texts = _texts(articles)
    if not texts or top == 0:
        return _empty_actors()
    stats = _NameStats()
    for number, (article_id, text) in enumerate(texts):
        stats.read(number, article_id, text)
    stats.merge_variants()
    accepted = sorted(((key, c) for key, c in stats.candidates.items()
                       if c.forms and len(c.articles) >= min_articles and c.person >= 1
                       and c.person >= c.place and c.inside >= 1), key=lambda kc: (-len(kc[1].articles), kc[0]))
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
    found_in = {alias: _alias_articles(alias, texts, stats.word_index) for alias in set(out["alias"])}
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
_MALE = frozenset({"mr"})
_FEMALE = frozenset({"mrs", "ms", "miss"})


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
        headlines = _title_case_lines(text)
        for i, j in _runs(text, tok, headlines):
            words = _run_words(tok, i, j)
            start_of_sentence = _sentence_start(text, tok.starts[i])
            title = _title_before(text, tok, i)
            if len(words) == 1:
                if _alone(text, tok, i):
                    word = _fold(tok.keys[i])
                    self.solo[word] += 1
                    if i > 0 and tok.words[i - 1] in _PLACE_BEFORE:
                        self.solo_place[word] += 1
                    if title:
                        self.before[word][title] += 1
                    if tok.possessive[i]:
                        self.possessive_forms[word][tok.words[i][-2:]] += 1
                continue
            if len(words) > 3:
                continue
            initials = [tok.words[k][0].lower() for k in range(i, j + 1) if _INITIAL.match(tok.words[k])]
            folded = _fold(" ".join(tok.keys[k] for k in words)).split()
            key = " ".join(folded[:1] + initials + folded[1:])   # george w bush: initials kept
            self.first_word[key.split()[0]] += 1
            surface = text[tok.starts[i]:tok.ends[j] - (2 if tok.possessive[j] else 0)]
            c = self.candidates[key]
            form = surface.split()
            if len(set(form)) == len(form):   # not 'Ted Cruz Cruz' (a caption glued to a name)
                c.forms[" ".join(form)] += 1
            c.articles.add(article_id)
            c.inside += not start_of_sentence
            if title:
                self.before[key][title] += 1
            if tok.possessive[j]:
                self.possessive_forms[key][tok.words[j][-2:]] += 1
            c.person += _person_cue(tok, i, j, title)
            c.place += _place_cue(tok, i, j)

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
        target.place += source.place
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
    if title:
        return 1
    if i > 0 and _is_cap(tok.words[i - 1]) and (tok.possessive[i - 1] or tok.keys[i - 1] in _PLACES):
        return 1
    if i > 0 and tok.keys[i - 1] in _ROLES:
        return 1
    n = len(tok.words)
    if j + 1 < n and tok.keys[j + 1] in _SPEECH:
        return 1
    if j + 2 < n and tok.words[j + 1] == "," and tok.keys[j + 2] in {"who", "whose"}:
        return 1
    return 0


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


# ---------------------------------------------------------------------------------------------
# Mentions
# ---------------------------------------------------------------------------------------------


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
        York, Kim Jong-il), follows an honorific of the other gender than the actor's (Mrs. Obama
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


# ---------------------------------------------------------------------------------------------
# Labels
# ---------------------------------------------------------------------------------------------


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




_LABEL_COLUMNS = {"article_id": "str", "actor": "str", "label": "str", "kind": "str", "start": "int64",
                  "end": "int64", "voice": "str", "sentence": "int64"}


def labels(articles: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """One row per label attached to an actor mention (rules in the module docstring).

    ``articles`` has id, text (clean); ``actors`` has actor, alias (as ``find_actors`` returns).
    Returns article_id, actor, label (lower-cased descriptor: 'chinese president', 'autocrat',
    "china's", 'dear friend'), kind ('title' | 'modifier' | 'appositive' | 'descriptor' |
    'predicate'), start, end (char offsets of the label text), voice ('narrative' | 'quoted' |
    'scare', from lib.text) and sentence (0-based index in ``lib.text.sentence_spans``). Sorted by
    article (input order), then start.
    """
    return analyse(articles, actors)[0]


def mention_sentences(articles: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """article_id, actor, sentence: every sentence (index in ``lib.text.sentence_spans``) that
    mentions an actor by an alias or by a descriptor resolved to it, once per actor and sentence.
    Join it with sentence compounds for tone per actor and outlet."""
    return analyse(articles, actors)[1]


def analyse(articles: pd.DataFrame, actors: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(``labels``, ``mention_sentences``) in one reading of the articles: tokenising and
    resolving descriptors is most of the cost, and both need it."""
    return _analyse(articles, actors)


def by_outlet(found: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Labels per outlet: ``found`` from ``labels``; ``articles`` has id, outlet.

    Returns actor, outlet, label, kind, voice, count (label rows), articles (distinct articles
    using it), sorted by actor, outlet, count (desc), then label, kind, voice.
    """
    _require(found, {"article_id", "actor", "label", "kind", "voice"}, "found")
    _require(articles, {"id", "outlet"}, "articles")
    columns = {"actor": "str", "outlet": "str", "label": "str", "kind": "str", "voice": "str",
               "count": "int64", "articles": "int64"}
    outlets = articles[["id", "outlet"]].drop_duplicates("id").astype({"id": "str"})
    merged = found.astype({"article_id": "str"}).merge(outlets, left_on="article_id", right_on="id", how="inner")
    if merged.empty:
        return _empty(columns)
    out = (merged.groupby(["actor", "outlet", "label", "kind", "voice"], sort=False)
           .agg(count=("article_id", "size"), articles=("article_id", "nunique")).reset_index())
    out = out.sort_values(["actor", "outlet", "count", "label", "kind", "voice"],
                          ascending=[True, True, False, True, True, True]).reset_index(drop=True)
    return out.astype(columns)[list(columns)]


def _analyse(articles: pd.DataFrame, actors: pd.DataFrame):
    _require(articles, {"id", "text"}, "articles")
    _require(actors, {"actor", "alias"}, "actors")
    texts = _texts(articles)
    matcher = _Matcher(actors)
    # Two readings: the first gathers every actor's profile (descriptors are resolved against the
    # whole corpus), the second labels each article. Keeping the parsed articles between them
    # instead would hold every token of the corpus at once (over 20 GB at 100,000 articles).
    profiles = _profiles((_parsed(article_id, text, matcher) for article_id, text in texts), actors)
    label_cols: dict[str, list] = {c: [] for c in _LABEL_COLUMNS}
    mention_rows: set[tuple[int, str, int]] = set()
    ids: list[str] = []
    for order, (article_id, text) in enumerate(texts):
        art = _parsed(article_id, text, matcher)
        ids.append(article_id)
        starts = art.sentence_starts
        described = _descriptors(art, profiles)
        for pos, actor in [(m.start, m.actor) for m in art.mentions] + described:
            mention_rows.add((order, actor, max(bisect_right(starts, pos) - 1, 0)))
        _predicates(art, starts)
        quote_list = quotes(art.text)
        art.labels.sort(key=lambda lb: (lb.start, lb.end, lb.kind, lb.actor))
        for lb in art.labels:
            label_cols["article_id"].append(art.article_id)
            label_cols["actor"].append(lb.actor)
            label_cols["label"].append(lb.label)
            label_cols["kind"].append(lb.kind)
            label_cols["start"].append(lb.start)
            label_cols["end"].append(lb.end)
            label_cols["voice"].append(voice(quote_list, lb.start, lb.end))
            label_cols["sentence"].append(max(bisect_right(starts, lb.start) - 1, 0))
    found = pd.DataFrame(label_cols).astype(_LABEL_COLUMNS) if label_cols["start"] else _empty(_LABEL_COLUMNS)
    ordered = sorted(mention_rows)
    mentions = pd.DataFrame({"article_id": pd.Series([ids[o] for o, _, _ in ordered], dtype="str"),
                             "actor": pd.Series([a for _, a, _ in ordered], dtype="str"),
                             "sentence": pd.Series([s for _, _, s in ordered], dtype="int64")})
    return found, mentions


# --- title, modifier, appositive ----------------------------------------------------------------


def _parsed(article_id: str, text: str, matcher: _Matcher) -> _Article:
    """An article tokenised, with its actor mentions and the labels next to names."""
    tok = _tokens(text)
    art = _Article(article_id, text, tok, matcher.mentions(text, tok), _title_case_lines(text),
                   [s for s, _ in sentence_spans(text)])
    _named_labels(art)
    return art


def _token_index(tok: _Tokens, pos: int) -> int:
    """Index of the first token starting at or after pos."""
    return bisect_left(tok.starts, pos)


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
# Words after a name that make the name an attribute of something else (Trump administration,
# Comey memos, Trump aide): the words before the name then describe that, not the actor.
_ATTRIBUTIVE = frozenset("""
administration campaign era memo memos team family regime government presidency organization
foundation doctrine dynasty camp loyalist loyalists voters base policy policies supporters allies
officials associates aides advisers critics fans years style visit trip summit meeting meetings
rally rallies tweets tweet speech remarks tenure agenda plan plans deal probe investigation case
""".split())


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
_PREPOSITIONS = frozenset("of at for with in from on to".split())


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
    span = _np_label(art, first, last, first_prep)
    if span is None:
        return None
    s, e = tok.starts[span[0]], tok.ends[span[1]]
    return _Label(m.actor, _norm_label(text[s:e]), "appositive", s, e)


# --- profiles and descriptors -------------------------------------------------------------------


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


def _profiles(parsed: Iterable[_Article], actors: pd.DataFrame) -> dict[str, _Profile]:
    profiles: dict[str, _Profile] = defaultdict(_Profile)
    for art in parsed:
        for lb in art.labels:
            cues, roles = _cues_and_roles(art.text[lb.start:lb.end])
            p = profiles[lb.actor]
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
_GENERIC_OWNERS = frozenset({"country", "nation", "regime", "government", "state", "party", "administration"})
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


def _descriptors(art: _Article, profiles: dict[str, _Profile]) -> list[tuple[int, str]]:
    """Find determined role NPs with no name after them and resolve them (rules in the module
    docstring). Returns (start, actor) of each resolved descriptor, for mention_sentences."""
    tok, text = art.tok, art.text
    taken = sorted((lb.start, lb.end) for lb in art.labels)
    mention_starts = [m.start for m in art.mentions]
    out: list[tuple[int, str]] = []
    openers = {k for k, (key, p) in enumerate(zip(tok.keys, tok.possessive)) if p or key in _DETERMINERS}
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
        cues |= pp_cues
        actor = _resolve(art, profiles, mention_starts, tok.starts[start_det], cues, roles[-1])
        if actor is None or any(lb.actor == actor and lb.start <= s < lb.end for lb in art.labels):
            continue
        label_s = tok.starts[_label_start(tok, s_tok, head)]
        art.labels.append(_Label(actor, _norm_label(text[label_s:e]), "descriptor", label_s, e))
        out.append((tok.starts[start_det], actor))
    return out


def _descriptor_at(art: _Article, k: int, mention_starts: list[int]) -> tuple[int, int, int, set[str]] | None:
    """(determiner token, first label-candidate token, head token, cues from an 'of Place' tail)
    of a descriptor starting at token k, or None."""
    tok, text = art.tok, art.text
    n = len(tok.words)
    key, w = tok.keys[k], tok.words[k]
    det = key in _DETERMINERS and _is_word(w)
    poss = tok.possessive[k] and _is_cap(w) and key not in _GENERIC_OWNERS
    # a headline may open with a descriptor and no determiner ('North Korean Leader Says ...')
    bare = not (det or poss) and _is_cap(w) and _in_spans(art.headlines, tok.starts[k]) and (
        k == 0 or not _joined(text, tok.ends[k - 1], tok.starts[k]))
    if not (det or poss or bare):
        return None
    if poss and _in_sorted(mention_starts, tok.starts[k]):
        return None  # Xi's top adviser: someone else
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


def _overlaps(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    i = bisect_left(spans, (s, -1))
    for j in (i - 1, i):
        if 0 <= j < len(spans) and spans[j][0] < e and s < spans[j][1]:
            return True
    return False


def _resolve(art: _Article, profiles: dict[str, _Profile], mention_starts: list[int], pos: int,
             cues: set[str], role: str) -> str | None:
    """The actor a descriptor refers to (rules in the module docstring)."""
    before = art.mentions[:bisect_left(mention_starts, pos)]
    recency: dict[str, int] = {}
    for rank, m in enumerate(reversed(before)):
        recency.setdefault(m.actor, rank)
    if cues:
        def fits(actor: str) -> bool:
            p = profiles.get(actor)
            return p is not None and all(c in p.cues for c in cues) and (role in p.roles or role in _GENERIC_HEADS)

        matching = [a for a in recency if fits(a)]
        if matching:
            return min(matching, key=lambda a: recency[a])
        for m in art.mentions[len(before):]:
            if fits(m.actor):
                return m.actor
        return None
    for table in ("bare_roles", "roles"):
        weights = {a: getattr(profiles[a], table)[role] for a in recency if a in profiles}
        weights = {a: w for a, w in weights.items() if w > 0}
        if weights:
            return max(weights, key=lambda a: (weights[a], -recency[a], a))
    return None


# --- predicates ---------------------------------------------------------------------------------

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
    """Predicate nominals and quoted epithets (rules in the module docstring)."""
    text = art.text
    if not art.mentions:
        return
    starts = [m.start for m in art.mentions]
    by_start = {m.start: m for m in art.mentions}
    taken = sorted((lb.start, lb.end) for lb in art.labels)
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
        np = _epithet_np(text, c.end())
        if np:
            s, e = np
            found.append(_Label(mention.actor, _norm_label(text[s:e]), "predicate", s, e))
    for lb in found:
        if not _overlaps(taken, lb.start, lb.end):
            art.labels.append(lb)
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


def _epithet_np(text: str, q: int) -> tuple[int, int] | None:
    """Span of an epithet NP at q: a short quotation's inside, or ≤ 4 bare words ending in a role,
    an epithet or an agent noun."""
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
        if _role(key) or (_AGENT_ENDING.search(key) and len(key) > 4 and not _ADJECTIVE_ENDING.search(key)):
            last = w
        elif _role(key.rstrip("s")) or key.endswith("'s"):
            break
    if last is None:
        return None
    return q, q + last.end()
