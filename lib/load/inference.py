"""Metadata clues read from an article's own text: a first-line headline (and the site name in its
suffix), the outlet in a wire dateline, and the first full calendar date.

Pure functions on ``str``; every function returns ``None`` rather than guessing when the clue is
not there.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from lib.text import headline

__all__ = ["Headline", "SCRAPER_MARKER", "dateline_outlet", "first_line_headline",
           "split_site_suffix", "text_date"]


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
    if not headline.reads_as_headline(candidate):
        return None
    title, site = split_site_suffix(candidate)
    return Headline(title=title, site=site, line=line)


def split_site_suffix(line: str) -> tuple[str, str | None]:
    """``(title, site)`` for a headline line: the site name after its last `` – ``/`` — ``/`` | ``/
    `` - `` separator, or ``(line, None)`` when there is no plausible one.

    Only the last separator is used, and only when the suffix is 1–6 words that look like a name
    (capitalised words, no sentence punctuation, not a section label such as "Analysis") and at
    least 3 words come before it.
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

_MONTH_NAMES = ("Jan(?:uary|\\.)?|Feb(?:ruary|\\.)?|Mar(?:ch|\\.)?|Apr(?:il|\\.)?|May|June?|July?|"
                "Aug(?:ust|\\.)?|Sept?(?:ember|\\.)?|Oct(?:ober|\\.)?|Nov(?:ember|\\.)?|Dec(?:ember|\\.)?")
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
        if match["y3"]:
            year, month, day = int(match["y3"]), int(match["m3"]), int(match["d3"])
        else:
            name = (match["m1"] or match["m2"]).rstrip(".").lower()
            year, day = int(match["y1"] or match["y2"]), int(match["d1"] or match["d2"])
            month = _MONTHS[name]
        if not _MIN_YEAR <= year <= _MAX_YEAR:
            continue
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    return None
