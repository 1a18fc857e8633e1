"""Word lists the actor heuristics read (lower-case, dots removed): general English news
vocabulary, not any corpus's phrases. Roles and title abbreviations, honorifics (and their
genders), modifiers and adjective endings, function words, months and days, words that make a
capitalised run an organisation or a thing, speech verbs, name suffixes, irregular past tenses,
role prefixes, the nouns a name can be an attribute of, and places and nationalities mapped to
one key per country (``_PLACES``: Chinese, Beijing → china).
"""
from __future__ import annotations

import re

# Lists other packages read too live in lib.text.english; the actor modules import them from here.
from lib.text.english import IRREGULAR_VERBS as _IRREGULAR_VERBS  # noqa: F401
from lib.text.english import MONTHS_DAYS as _MONTHS_DAYS  # noqa: F401
from lib.text.english import ROLES as _ROLES  # noqa: F401

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
# Honorifics by gender: a surname takes those of its majority gender, and a surname after one
# of the other gender is someone else (Mrs. Obama is not Barack).
_MALE = frozenset({"mr"})
_FEMALE = frozenset({"mrs", "ms", "miss"})
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
# Full month names that are also people's names (Theresa May, April Ryan): a name word when
# they sit inside a run of name words and no date number follows them (names._runs).
_MONTHS = frozenset("january february march april may june july august september october november december".split())
# Date words before a month: 'in May Trump said' is a date, then a name.
_DATE_BEFORE = frozenset("in on since until till by from through during early mid late last next this of".split())
# Lower-case head nouns that make the capitalised run before them an organisation, treaty or
# programme ('Iran's Atomic Energy organization'); the capitalised heads are in _NOT_NAME.
_ORG_HEADS = frozenset("""
organization organisation agency agreement treaty accord act pact commission committee council
institute association foundation corporation company program programme authority ministry
department bureau office court union alliance coalition movement fund bank group party
""".split())
# Words of _NOT_NAME that start place names (West Virginia, New Mexico, Fort Worth): never the
# first word of a person's name, unlike the other common words there (Bill Clinton, Park Geun-hye).
_PLACE_FORMERS = frozenset("""
north south east west northern southern eastern western central new united saudi hong los san
santa las fort saint st mount lake port
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

# Words after a name that make the name an attribute of something else (Trump administration,
# Comey memos, Trump aide): the words before the name then describe that, not the actor.
_ATTRIBUTIVE = frozenset("""
administration campaign era memo memos team family regime government presidency organization
foundation doctrine dynasty camp loyalist loyalists voters base policy policies supporters allies
officials associates aides advisers critics fans years style visit trip summit meeting meetings
rally rallies tweets tweet speech remarks tenure agenda plan plans deal probe investigation case
""".split())
# Prepositions: where an appositive's tail begins, and where a bare epithet stops.
_PREPOSITIONS = frozenset("of at for with in from on to".split())
# Possessive owners that stand for the actor's own country or group ('the country's leader').
_GENERIC_OWNERS = frozenset({"country", "nation", "regime", "government", "state", "party", "administration"})
