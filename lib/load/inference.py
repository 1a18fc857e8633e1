"""Metadata clues read from an article's own text: a first-line headline (and the site name in its
suffix), the outlet in a wire dateline, and the article's date from strong clues only
(``strong_text_date``; ``text_date`` is the plain first full date).

Pure functions on ``str``; every function returns ``None`` rather than guessing when the clue is
not there.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from lib.text import headline

__all__ = ["Headline", "SCRAPER_MARKER", "TextDate", "dateline_outlet", "first_line_headline",
           "split_site_suffix", "strong_text_date", "text_date", "url_date"]


@dataclass(frozen=True)
class Headline:
    title: str            # the headline with any scraper marker and site suffix removed
    site: str | None      # the site name split off a ` – Site Name` suffix, else None
    line: str             # the first line exactly as it appeared (so cleaning can remove it)


# Scraper markers: well-formed HTML comments, the malformed `<-- test --!>` of seed 004, and stray
# halves of either (`<!–` is `<!--` after a typographic-dash filter). The bodies are bounded so an
# unclosed `<!--` costs O(n), not O(n²).
SCRAPER_MARKER = re.compile(r"<!--[^\n]{0,300}?-->|<--[^\n]{0,300}?--!?>|<!--|<!–|--!>|-->")

_MAX_SITE_WORDS = 6
_MIN_TITLE_WORDS = 3
_TERMINAL = ".!?…"
_SITE_SEPARATOR = re.compile(r"\s+[|–—-]\s+")
# Small words a site name may contain in lower case ("Best Reviews by Consumers", "Times of India").
_NAME_CONNECTORS = frozenset("a an and by de del des di du for in la le of on the to und van von &".split())
# Section labels that follow a dash in headlines but are not site names.
_NOT_SITES = frozenset({"analysis", "opinion", "video", "videos", "photos", "live", "live updates",
                        "explainer", "review", "update", "updated", "exclusive", "report", "editorial",
                        "interview", "transcript", "podcast", "watch", "breaking", "factbox", "timeline"})
# A suffix opening with a conjunction continues the headline ("Trump's wall - And Claims Of Hypocrisy").
_CONJUNCTIONS = frozenset("and but or nor so yet then as plus not".split())
_DOMAIN = re.compile(r"[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}", re.I)


def first_line_headline(text: str) -> Headline | None:
    """The first non-empty line of ``text`` as a ``Headline`` when it reads as one, else None.

    It reads as a headline when, after dropping scraper markers such as ``<-- test --!>``, it
    passes ``lib.text.headline.reads_as_headline`` and more text follows it. A ` – Site Name`
    suffix is split off into ``site`` (see ``split_site_suffix``).
    """
    if not isinstance(text, str):
        return None
    lines = text.split("\n")
    index = next((i for i, line in enumerate(lines) if line.strip()), None)
    if index is None or not any(line.strip() for line in lines[index + 1:]):
        return None
    line = lines[index].rstrip("\r")
    candidate = " ".join(SCRAPER_MARKER.sub(" ", line).split())
    following = next((line.strip() for line in lines[index + 1:] if line.strip()), "")
    # A question or exclamation is a headline's way too ("Did Freedom Win?"); only a full stop is not.
    bare = candidate[:-1] if candidate[-1:] in "?!" and candidate[-2:-1].isalnum() else candidate
    if not headline.reads_as_headline(bare) or _page_furniture(candidate) \
            or _continues(candidate, lines[index + 1] if index + 1 < len(lines) else "", following):
        return None
    title, site = split_site_suffix(candidate)
    return Headline(title=title, site=site, line=line)


_MONTH_NAMES = ("Jan(?:uary|\\.)?|Feb(?:ruary|\\.)?|Mar(?:ch|\\.)?|Apr(?:il|\\.)?|May|June?|July?|"
                "Aug(?:ust|\\.)?|Sept?(?:ember|\\.)?|Oct(?:ober|\\.)?|Nov(?:ember|\\.)?|Dec(?:ember|\\.)?")
_MONTH_WORD = _MONTH_NAMES
_WEEKDAY_WORD = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?"

# A caption, credit, timestamp or byline where a headline would be: "Image copyright AP",
# "Photo: …", "… / Shutterstock", "6 years ago", "Updated 3:45 PM", "Story highlights", "Posted by …".
_FURNITURE = re.compile(
    r"(?i:^\W*(?:image|photo(?:graph)?s?|picture|caption|credit|copyright|file|getty|enlarge|toggle)\b"
    r"|\bcaption\b|\|\s*\w+\s+photos?\b"
    r"|^\W*(?:share|listen|tweet|close|advertisement)\b\s+(?:this|to|all|article)"
    r"|\bcopyright\b|©|\b(?:photo|image|picture)\s*(?:credit)?\s*:|\(\s*(?:\w+\s+)?photo\b"
    r"|^\W*\d+\s+(?:second|minute|hour|day|week|month|year)s?\s+ago\b"
    r"|^\W*(?:(?:first\s+|last\s+)?(?:published|updated|posted|modified)|highlights|story\s+highlights"
    r"|written\s+by|posted\s+by|reported\s+by|author)\b"
    r"|\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)(?:\s|$))"
    r"|[A-Z][a-z]+/[A-Z]|\s/\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2}\s*$|^[\w.]+(?:\s+[\w.]+)?/[A-Z]\w+"  # credits
    r"|^(?:[A-Z][\w.'’-]+\s){1,2}[A-Z][\w'’-]+(?:\s+and\s+(?:[A-Z][\w.'’-]+\s){1,2}[A-Z][\w'’-]+)+$"  # names: a byline
    r"|[•|][^\n]*\b\d{4}\b"    # a "Section • May 8, 2019 • Jane Doe" stamp
    # "(Wire) Could the mayor really …": a lead sentence after its outlet tag (a headline's
    # "(LEAD) …" or "(VIDEO) …" label is followed by a short line)
    r"|^\(\s*[A-Z][\w.&' -]{0,30}\)(?:\s+\S+){15}"
    r"|(?<!\w)@\w{2,}|https?://|pic\.twitter\.com"  # a tweet or a link pasted where the headline was
)
# A sentence ended by a full stop inside the line, and more follows: a lead sentence glued to a
# headline ("The mayor quit on Monday. Five things to know"), or a newsletter's call ("… inbox?
# Sign up here."), not a headline. Not "X? Y" (a headline's own style) nor "Gov." or "vs.".
_INNER_SENTENCE = re.compile(r"(?<![\w.])([a-z]{2,})\.(?:[\"'’”*]*\s+[\"“‘'*]*[A-Z\d]|\s*\*\*$)")
_DATE_WORDS = re.compile(rf"(?i)^\W*(?:{_WEEKDAY_WORD}\W+)?(?:{_MONTH_WORD})\W+\d{{1,2}}\b")
# Words that cannot end a headline but often end a wrapped line of prose.
_OPEN_ENDINGS = frozenset("a an the and or but of to in on at for with from by as that which who whose "
                          "is are was were be been has have had will would could should its their his her "
                          "this these than into about over after before while when where if".split())
_MAX_SENTENCE_WORDS = 18   # a longer first line with no title case is the lead sentence


def _page_furniture(line: str) -> bool:
    return bool(_FURNITURE.search(line) or _DATE_WORDS.match(line) or _glued_sentence(line))


# Words written with a full stop that does not end a sentence (lower case, no dots inside):
# titles, months, "vs.", "govt.". Cleaning splits sentences by them too.
ABBREVIATIONS = frozenset(
    "mr mrs ms dr st sen rep gov gen lt col sgt capt prof jr sr u.s u.n u.k d.c jan feb mar apr aug "
    "sep sept oct nov dec no vs inc co corp ltd ave mt ft rev hon pres gop est approx sens reps govs "
    "gens atty govt dept incl assn univ intl natl admin mgmt misc".split())


def _glued_sentence(line: str) -> bool:
    """Whether a sentence ends with a full stop inside ``line`` and more follows."""
    return any(m.group(1) not in ABBREVIATIONS for m in _INNER_SENTENCE.finditer(line))


def _continues(line: str, next_raw: str, following: str) -> bool:
    """Whether ``line`` is the start of a sentence that runs on: the next line starts in lower case,
    the line ends on a word no headline ends on, or it is long prose followed straight by more."""
    last = line.split()[-1].strip("\"'’”)").lower() if line.split() else ""
    if last in _OPEN_ENDINGS:
        return True
    first = next((c for c in following if c.isalpha()), "")
    if first.islower() and not following.lower().startswith("by "):  # "by Jane Doe" is a byline
        return True
    # Hard-wrapped prose: no blank line between, and the first line is long and not Title Case.
    return bool(next_raw.strip()) and len(line.split()) > _MAX_SENTENCE_WORDS and not headline.is_title_case(line)


def split_site_suffix(line: str) -> tuple[str, str | None]:
    """``(title, site)`` for a headline line: the site name after its last `` – ``/`` — ``/`` | ``/
    `` - `` separator, or ``(line, None)`` when there is no plausible one.

    Only the last separator is used, and only when the suffix is 1–6 words that look like a name
    (capitalised words, no sentence punctuation, not a section label such as "Analysis"), at
    least 3 words come before it, and, in a Title Case headline, a dash does not close a pair
    opened earlier in the line (an even count of that dash: "Voters Who Are — Literally — Done
    With The Election"; "Xi meets Putin – a new era – Best Reviews By Consumers" keeps its site).
    """
    text = " ".join(line.split())
    last = None
    for last in _SITE_SEPARATOR.finditer(text):
        pass
    if last is None:
        return text, None
    head, site = text[:last.start()].strip(), text[last.end():].strip()
    if len(head.split()) < _MIN_TITLE_WORDS or not _looks_like_name(site):
        return text, None
    dash = last.group().strip()
    pairs = dash != "|" and sum(m.group().strip() == dash for m in _SITE_SEPARATOR.finditer(text)) % 2 == 0
    if pairs and headline.is_title_case(head):
        # it closes a pair, and a Title Case head leaves nothing to tell a site's name from the rest
        # of the headline: "Voters Who Are — Literally — Done With The Election"
        return text, None
    return head, site


def _looks_like_name(site: str) -> bool:
    words = site.split()
    if not 1 <= len(words) <= _MAX_SITE_WORDS or site[-1] in _TERMINAL + ",:;":
        return False
    if site.lower() in _NOT_SITES or words[0].lower() in _CONJUNCTIONS:
        return False
    if _DOMAIN.fullmatch(site):  # "news.com.au", "CNN.com"
        return True
    if not words[0][:1].isupper() and not words[0][:1].isdigit():
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _NAME_CONNECTORS for w in words)


# --- datelines ------------------------------------------------------------------------------------

_DATELINE_WINDOW = 300
# A dateline opens a line: optional place in capitals ("WASHINGTON", "KYIV, Ukraine"), optional
# date ("May 8"), then the outlet in parentheses and a dash, or `(CNN)` straight before the text.
_DATELINE = re.compile(
    r"(?m)^[ \t]*"
    r"(?:[A-Z][A-Z.'’-]+(?:[ \t]+[A-Z][A-Z.'’-]+){0,3}"                       # WASHINGTON
    r"(?:,[ \t]+[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,2})?,?[ \t]+)?"        # , Ukraine
    rf"(?:(?:{_MONTH_NAMES})[ \t]+\d{{1,2}}(?:,[ \t]+\d{{4}})?[ \t]*)?"
    r"\((?P<outlet>[A-Z][\w.&'’-]*(?:[ \t]+[A-Z&][\w.&'’-]*){0,3})\)"
    r"(?:[ \t]*(?:--|[–—-])|[ \t]*(?=[A-Z“\"‘']))"
)


def dateline_outlet(text: str) -> str | None:
    """The outlet named in a dateline near the start of the body, as written, else None.

    Recognises ``May 8 (UPI) –``, ``(Reuters) -``, ``WASHINGTON (AP) —``, ``LONDON (CNN) --`` and
    ``(CNN)Former …`` at the start of a line within the first 300 characters after an optional
    headline line. A parenthesised name in the middle of a sentence is not a dateline.
    """
    if not isinstance(text, str):
        return None
    body = text.lstrip()
    # The window starts after a headline line, but the headline line stays searchable: a lone
    # "WASHINGTON (AP) —" line would otherwise pass for a headline and hide the dateline.
    end = _DATELINE_WINDOW
    if first_line_headline(body) is not None:
        end += body.find("\n") + 1
    match = _DATELINE.search(body[:end])
    return match["outlet"] if match else None


# --- dates ------------------------------------------------------------------------------------------

_MONTHS = {name: number for number, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
     ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
     ("oct", "october"), ("nov", "november"), ("dec", "december")], start=1) for name in names}
_FULL_DATE = re.compile(
    rf"\b(?P<m1>{_MONTH_NAMES})[ \t]+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?[ \t]+(?P<y1>\d{{4}})\b"
    rf"|\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?(?P<m2>{_MONTH_NAMES}),?[ \t]+(?P<y2>\d{{4}})\b"
    r"|\b(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2})\b"
)
_MIN_YEAR, _MAX_YEAR = 1900, 2100


def text_date(text: str) -> dt.date | None:
    """The first explicit full calendar date in ``text``, else None.

    Reads ``September 2, 2025``, ``Sept. 2, 2025``, ``2 September 2025`` and ``2025-09-02``.
    A month and year alone ("February 2022"), a weekday, or an impossible date (Feb 30) is skipped.
    """
    if not isinstance(text, str):
        return None
    for match in _FULL_DATE.finditer(text):
        if (date := _to_date(match)) is not None:
            return date
    return None


# --- dates from strong clues ------------------------------------------------------------------------

@dataclass(frozen=True)
class TextDate:
    date: dt.date
    source: str   # 'scraper-header', 'published-line', 'dateline', 'url', 'text' (an opening line)


_OPENING_LINES = 2          # non-empty lines (a headline and the first paragraph) where a plain date counts
_OPENING_CHARS = 600        # ... and at most this far into the text
_HISTORY_YEARS = 1          # a date this many years before the latest year the text names is history
_HEADER_LINES = 12          # how far down a "Published …" or "date …" line is looked for
_SCRAPER_HEADER = re.compile(r"(?im)^[ \t]*date[ \t]*[:=]?[ \t]*(\d{4}-\d{2}-\d{2})\b")
_PUBLISHED = re.compile(r"(?i)^[ \t]*(?:first[ \t]+)?(?:published|updated|posted|last[ \t]+updated|last[ \t]+modified)"
                        r"\b(?:[ \t]+on)?[ \t]*:?")
_URL_DATE = re.compile(r"https?://[^\s/]+(?:/[^\s/]+)*?/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?:/|\b)")
# A dateline: optional place in capitals, then the full date, then a dash or "(Outlet) –".
_DATED_DATELINE = re.compile(
    r"^[ \t]*(?:[A-Z][A-Z.'’-]+(?:[ \t]+[A-Z][A-Z.'’-]+){0,3}(?:,[ \t]+[A-Z][\w.'’-]*){0,2},?[ \t]+)?"
    rf"(?:(?:{_MONTH_NAMES})[ \t]+\d{{1,2}},?[ \t]+\d{{4}}|\d{{1,2}}[ \t]+(?:{_MONTH_NAMES})[ \t]+\d{{4}})"
    r"[ \t]*(?:\([A-Z][\w.&'’ -]{0,30}\)[ \t]*)?(?:--|[–—-])")
# A line that is only a date (and maybe a weekday and a time): a page's date stamp.
_WEEKDAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?"
_TIME = r"(?:(?:at[ \t]+)?\d{1,2}[:.]\d{2}(?:[ \t]*(?:[ap]\.?m\.?|[AP]M))?(?:[ \t]+[A-Z]{2,4})?)"
_DATE_ONLY_LINE = re.compile(
    rf"(?i)^[ \t]*(?:{_WEEKDAY}[ \t]+)?(?:{_FULL_DATE.pattern})[ \t]*(?:[,|·-][ \t]*)?{_TIME}?[ \t]*$")
# Where a date in the opening lines is not the article's: a caption or photo credit, a file photo.
_CAPTION = re.compile(r"(?i)\bfile\b[^\n]{0,40}\bphoto\b|^[ \t]*FILE\b|\bphoto(?:graph)?s?\b|\bimage\b|\bcaption\b"
                      r"|\bpicture[ds]?\b|\bcredit\b|\bcopyright\b|©|\bpictured\b|pic\.twitter\.com|\(@\w+\)"
                      # photo credits: "(Jane Doe/Agency)", "AGENCY/Jane Doe", "Doe/Agency", "via AGENCY"
                      r"|\([^()\n]{1,60}/[^()\n]{1,60}\)|\b[A-Z]{2,}\s?/\s?[A-Z][a-z]|[a-z]/[A-Z]|\bvia\s+[A-Z]{2,}\b")
# A caption's shape: "…speaks in Miami, Fla., June 21, 2019." then a credit or the end of the line.
_CAPTION_END = re.compile(r"[ \t]*\.[ \t]*(?:\(|[A-Z]{2,}\b|$)")
_STAMP_WORDS = 12           # a line this short with a date is a stamp ("Politics • May 8, 2019 • Jane Doe")
_PUBLISHED_WORD = re.compile(r"(?i)\b(?:published|updated|posted)\b")
_SENTENCE_BREAK = re.compile(r"[a-z]{2}[.!?][\"'’”]?\s+[A-Z“\"‘']")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
# Past narrative: "On January 8, 1964, …", "In May 2, 2001 …", "Since …", "dated …", "born …".
_NARRATIVE_BEFORE = re.compile(r"(?i)(?:\b(?:on|in|since|until|till|before|after|from|by|dated|born|of|between|and"
                               r"|was|were|is|came|commemorating|marking|remembering)[ \t]+"
                               rf"(?:{_WEEKDAY}[ \t]+)?)$")


def _to_date(match: re.Match) -> dt.date | None:
    if match["y3"]:
        year, month, day = int(match["y3"]), int(match["m3"]), int(match["d3"])
    else:
        name = (match["m1"] or match["m2"]).rstrip(".").lower()
        year, day = int(match["y1"] or match["y2"]), int(match["d1"] or match["d2"])
        month = _MONTHS[name]
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def url_date(url: str) -> dt.date | None:
    """The date in a URL's ``/YYYY/MM/DD/`` path, else None."""
    match = _URL_DATE.search(url) if isinstance(url, str) else None
    if not match:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def strong_text_date(text: str, url: str | None = None) -> TextDate | None:
    """The article's date read from strong clues in its text, else None (a wrong date is worse
    than none: the story window and every timeline use it).

    In order: a ``date YYYY-MM-DD`` scraper header line, a ``Published``/``Updated``/``Posted``
    line (first 12 lines), a ``/YYYY/MM/DD/`` path in ``url`` or in a URL in the first 12 lines, a
    dateline with a full date (``WASHINGTON, May 8, 2019 —``) or a line that is only a date (not
    after a paragraph of the story, where it heads a part of it), then the first full date in
    the opening lines (2 non-empty lines, 600 characters) when its line is a short stamp (at
    most 12 words, "Food • April 10, 2015 • Jane Doe") or says "published", and it is not in a
    caption or credit, a quotation or the dash line crediting one, after a narrative word ("On
    January 8, 1964,", "It was …"), past the line's first sentence or more than a year before
    the latest year the text names (history). Thresholds were tuned on half of one development
    corpus (``bench/text_metadata.py``).
    """
    if not isinstance(text, str):
        return None
    lines = [line for line in text.split("\n") if line.strip()]
    head = lines[:_HEADER_LINES]
    for line in head[:3]:
        if (match := _SCRAPER_HEADER.match(line)) and (date := text_date(match[1])):
            return TextDate(date, "scraper-header")
    for line in head:
        if (match := _PUBLISHED.match(line)) and (date := text_date(line[match.end():][:80])):
            return TextDate(date, "published-line")
    for candidate in [url, *head]:
        if candidate and (date := url_date(candidate)) and (candidate is url or len(candidate.split()) <= 3):
            return TextDate(date, "url")
    latest = max((int(y) for y in _YEAR.findall(text)), default=None)
    opening, used = [], 0
    for line in lines:
        if len(opening) >= _OPENING_LINES or used >= _OPENING_CHARS:
            break
        opening.append(line[:_OPENING_CHARS - used])
        used += len(line) + 1
    for line in opening:
        if _DATED_DATELINE.match(line) or _DATE_ONLY_LINE.match(line):
            date = text_date(line)
            if date and not _is_history(date, latest):
                return TextDate(date, "dateline")
        if _is_prose(line):
            break  # a date line after a paragraph heads a part of the story ("Jan. 20, 2017"), not the article
    if (date := _corroborated_caption_date(head, latest)) is not None:
        return TextDate(date, "caption")
    for number, line in enumerate(opening):
        if _CAPTION.search(line):
            continue
        if _ATTRIBUTION.match(line) and number and opening[number - 1].rstrip()[-1:] in _CLOSING_QUOTES:
            return None  # "— Daily Planet, May 8, 2019" under a quoted epigraph: the quotation's date
        for match in _FULL_DATE.finditer(line):
            date = _to_date(match)
            if date is None:
                continue
            before = line[:match.start()]
            if len(line.split()) > _STAMP_WORDS and not _PUBLISHED_WORD.search(before):
                return None  # a date in prose is mostly the story's (the day before, history), not the article's
            if _SENTENCE_BREAK.search(before):
                return None  # past a paragraph's first sentence, dates are the story's, not the article's
            if _CAPTION_END.match(line, match.end()) and before.rstrip().endswith(","):
                return None  # a photo caption's "place, date." (its credit may have been cleaned off)
            if _inside_quotation(before) or _NARRATIVE_BEFORE.search(before) or _is_history(date, latest):
                return None  # the first date of the opening is not the article's: trust none after it
            return TextDate(date, "text")
        if _is_prose(line):
            return None  # a stamp comes before the story, not after its first paragraph
    return None


# "Tuesday (September 2)", "Tuesday, Sept. 2": a weekday right before a month and day with no year.
# News style names the weekday only for the current week, and the weekday must be the calendar's.
_WEEKDAY_MONTH_DAY = re.compile(
    rf"(?i)\b({_WEEKDAY})[ \t]+\(?({_MONTH_NAMES})[ \t]+(\d{{1,2}})\b(?![ \t]*,?[ \t]*(?:19|20)\d{{2}})")
_WEEKDAY_NUMBER = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_FILE_PHOTO = re.compile(r"(?i)\bfile\b")


def _corroborated_caption_date(head: list[str], latest: int | None) -> dt.date | None:
    """A photo caption's date (not a file photo's) when the article's own lines name the same day
    with its weekday ("… in Lakeside, Ruritania March 3, 2031. … via AGENCY" and "met … on
    Monday (March 3)", a Monday in 2031): two independent clues that agree, the second written
    within the week. A month and day without the weekday is not enough: reports written weeks
    later repeat the event's day ("said at the March 3 rally"). Else None."""
    captions = [line for line in head if _CAPTION.search(line)]
    prose = " ".join(line for line in head if not _CAPTION.search(line))[:_OPENING_CHARS * 3]
    for line in captions:
        if _FILE_PHOTO.search(line) or (date := text_date(line)) is None or _is_history(date, latest):
            continue
        for weekday, month, day in _WEEKDAY_MONTH_DAY.findall(prose):
            if (_MONTHS.get(month.rstrip(".").lower()) == date.month and int(day) == date.day
                    and _WEEKDAY_NUMBER[weekday[:3].lower()] == date.weekday()):
                return date
    return None


# A line that credits a quotation above it: "— Daily Planet, May 8, 2019", "-- Jane Doe".
_ATTRIBUTION = re.compile(r"^[ \t]*(?:--|[–—―-])[ \t]*\S")
_CLOSING_QUOTES = "\"”’'»"
_PROSE_WORDS = 30           # a line this long, or with two sentences, is a paragraph of the story


def _is_prose(line: str) -> bool:
    """A paragraph of the story: long, or two sentences ended by a full stop on a line longer
    than a stamp ("Who won? Here is what we know" is a headline)."""
    words = len(line.split())
    return words > _PROSE_WORDS or (words > _STAMP_WORDS and _glued_sentence(line))


def _is_history(date: dt.date, latest: int | None) -> bool:
    return latest is not None and date.year < latest - _HISTORY_YEARS


def _inside_quotation(before: str) -> bool:
    # An odd count of straight quotes, or more opening than closing curly quotes, before the date.
    straight = before.count('"')
    return straight % 2 == 1 or before.count("“") > before.count("”") or before.count("«") > before.count("»")
