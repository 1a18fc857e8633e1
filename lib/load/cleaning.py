"""Article bodies without the junk scrapers leave in them, and a record of everything removed.

``clean_article`` never edits the words it keeps: it drops whole lines, sentences or credit
strings, removes zero-width characters and normalises whitespace. The raw text stays with the
caller; ``Cleaned.removed`` says what went and why, so a page can show it.

A line that only credits other reporters ("The Wire Agency contributed to this report.",
"Contributing: …", "Reporting by …") leaves the clean text as a ``credit``: it is not the story's
words, and keyphrases and sentiment would count it. It stays in ``removed`` (a clue to syndication).
Furniture that no rule here knows is learnt from the corpus itself when one outlet prints it under
many articles (``lib.load.repeats``); the analyst can keep such a line (``boilerplate.csv``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from lib.load import inference
from lib.text import headline
from lib.text.stopwords import STOPWORDS

__all__ = ["REASONS", "Cleaned", "Removal", "clean_article"]

REASONS = ("scraper-marker", "headline", "placeholder", "caption", "credit", "repeated",
           "boilerplate", "trailing-headline")


@dataclass(frozen=True)
class Removal:
    reason: str   # one of REASONS
    text: str     # exactly what was removed (stripped)


@dataclass(frozen=True)
class Cleaned:
    text: str
    removed: tuple[Removal, ...]


# --- patterns, compiled once -----------------------------------------------------------------------
# Every repetition below is bounded so that no pattern does more than constant work per position of
# a 300 KB line without punctuation.

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_LINE_BREAKS = re.compile("\r\n?|[\u2028\u2029]")
_SPACES = re.compile(r"[ \t]{2,}")
_WORD = re.compile(r"\w+")

# Whole lines left where a picture or a link used to be.
_PLACEHOLDER_LINE = re.compile(
    r"(?:news\s+)?(?:image|images|photo|photos|picture|pictures|video|videos|gallery)"
    r"|read\s+more(?:\s*\.{3}|…)?|more\s+on\s+this(?:\s*\.{3}|…)?"
    r"|(?:hide|show|toggle)\s+caption|caption|previous(?:\s+next)?|next|prev"
    r"|image\s+copyright(?:\s+[^\n]{1,60})?|image\s+caption|enlarge\s+this\s+image"
    r"|loading(?:\s*\.{3}|…)?|close|replay|more\s+videos|(?:watch|listen)\s*:?|play\s+video"
    r"|click\s+to\s+(?:expand|enlarge)|slideshow\s+\(\d{1,3}\s+images?\)"
    r"|(?:(?:next|prev(?:ious)?)\s+)?image\s+\d{1,3}\s+of\s+\d{1,3}",
    re.I)

# Whole lines of ads, newsletter sign-ups, share bars and publisher notices.
_BOILERPLATE_LINE = re.compile(
    r"advertisement\s*:?(?:\s+continue\s+reading\s+the\s+main\s+story)?|ad|story\s+continued\s+below"
    r"|continue\s+reading\s+the\s+main\s+story"
    r"|(?:newsletter\s+)?sign\s+up\s+for\s+(?:our\s+|the\s+)?daily\s+(?:opinion\s+)?newsletters?"
    r"(?:\s+manage\s+newsletters)?"
    r"|click\s+(?:here\s+)?to\s+get\s+the\s+(?:\w+\s+){1,3}app"
    r"|(?:copyright\s*)?(?:©|\(c\))\s*(?:copyright\s*)?\d{4}[^\n]{0,150}"
    r"|\[/?pullquote\]|read\s+more\s*:[^\n]{0,200}|more\s*:[^\n]{0,200}"
    r"|(?:-\s*)?follow\s+(?:us\s+)?(?:the\s+\w+\s+)?(?:on\s+twitter\s*:?\s*)?@\w{1,30}\.?"
    r"|(?:join|follow)\s+us\s+on\s+(?:twitter|facebook)[^\n]{0,80}"
    r"|follow\s+\w+\s+opinion[^\n]{0,80}|join\s+us\s+on\s+facebook\.com/\w+\.?"
    r"|follow\s+(?:(?:(?-i:[A-Z@])\S{0,30}|and|&)\s+){1,6}on\s+(?:twitter|facebook|instagram)\b[^\n]{0,80}"
    r"|copyright\s+(?:©\s*)?\d{4}\b[^\n]{0,150}|all\s+rights\s+reserved\.?"
    r"|share\s+this(?:\s+article)?\s*:?[^\n]{0,60}|this\s+article\s+is\s+more\s+than\s+\d+\s+\w+\s+old"
    r"|content\s+created\s+by\s+the\s+(?:\w+\s+){1,4}news\s+foundation[^\n]*"
    r"|the\s+opinions\s+expressed\s+by\s+columnists\s+are\s+their\s+own[^\n]{0,200}"
    r"|\[?editor[’']s\s+note:\s+as\s+a\s+public\s+service,\s+all\s+our\s+coronavirus\s+coverage"
    r"\s+is\s+free\.\s+no\s+paywall\.\]?"
    r"|something\s+to\s+consider\s+if\s+you\s+enjoyed\s+this\s+article[^\n]*"
    r"|interested\s+in\s+[^\n?]{1,80}\?\s+add\s+[^\n]{1,80}\s+as\s+an\s+interest[^\n]*"
    r"|can[’']t\s+see\s+the\s+video\?\s+click\s+here\.?|support\s+\w+[’']s\s+(?:\w+\s+)?journalism"
    r"|(?:just\s+watched|must\s+watch)\s[^\n]*"
    r"|this\s+is\s+a\s+rush\s+transcript\.[^\n]{0,80}"
    r"|\w+\s+transcripts\s+are\s+created\s+on\s+a\s+rush\s+deadline[^\n]*"
    r"|got\s+a\s+tip\s+from\s+the\s+right\s+or\s+left\?[^\n]{0,80}"
    r"|advertisement\s+thanks\s+for\s+watching!?(?:\s+visit\s+website)?"
    r"|every\s+day\s+at\s+\w+,\s+we\s+aim\s[^\n]*"
    r"|(?:facebook|twitter|pinterest|linkedin|reddit|whatsapp|email|e-mail|print|comments?|tweet|share"
    r"|youtube)(?:\s+(?:facebook|twitter|pinterest|linkedin|reddit|whatsapp|email|e-mail|print"
    r"|comments?|tweet|post|share)){0,6}",
    re.I)

# Sign-up prompts worded differently by every outlet, recognised by their key phrases.
_NEWSLETTER = re.compile(
    r"sign\s+up\b[^\n]{0,80}?\bnewsletters?\b|\bnewsletters?\b[^\n]{0,40}?\bsign\s+up\b"
    r"|by\s+signing\s+up,?\s+you\s+agree|(?:delivered\s+to|in)\s+your\s+inbox\b|sign\s+up\s+to\s+receive"
    r"|subscribe\s+to\s+(?:the|our)\b[^\n]{0,60}?\bnewsletter",
    re.I)
_NEWSLETTER_MAX_WORDS = 120

# Sign-offs every outlet writes in its own words but in the same few shapes: who else reported
# ("Jane Roe in Paris contributed to this report.", "Contributing: Jane Roe", "Reporting by Jane Roe;
# Editing by John Doe"), a share link ("Read or Share this story: https://…"), a call to subscribe
# to a channel, a relative time stamp ("7 years ago") and a live blog's "Updated at 10:50 p.m. --".
_CONTRIBUTED = re.compile(
    r"[^\n]{1,300}?\bcontribut(?:ed|es|ing)\b(?:\s+(?:additional\s+)?reporting)?"
    r"(?:\s+(?:to|for)\s+(?:this|the)\s+(?:reports?|story|article|piece|coverage|post))?"
    r"(?:\s+(?:from|in)\s+[^\n.]{1,60})?[.!]?", re.I)
_CREDIT_OPENER = re.compile(
    r"(?:contributing(?:\s+(?:writers?|reporters?|editors?))?\s*:|(?:additional\s+)?reporting\s+by\s"
    r"|(?:written|edited|compiled)\s+by\s)[^\n]{1,300}", re.I)
_REPORTED_FROM = re.compile(r"[^\n]{1,120}?\breported(?:\s+and\s+wrote)?\s+from\s+[^\n.]{1,60}\.?", re.I)
_CONTRIBUTOR_MAX_WORDS = 80
_REPORTING_BY = re.compile(r"(?i)(?:additional\s+)?reporting\s+by\s")
_REPORTING_BY_MAX_WORDS = 8
_LEADING_MARKS = re.compile(r"^[^\w(\[]+")                  # dashes and bullets of any kind
_INITIALS = re.compile(r"(?:^|\s)(?:[A-Z]\.){1,3}(?:\s+[A-Z]\.){0,2}$")  # ends in "S.A.", "J. R."
_CONTRIBUTED_MARK = re.compile(r"(?i)\b(?:contribut(?:ed|es|ing)\s+(?:additional\s+)?(?:reporting|to\s+(?:this|the))"
                               r"|contributing\s*:|reporting\s+by\s)")
_SIGN_OFF_LINE = re.compile(
    r"(?:read|share|read\s+or\s+share)\b[^\n:]{0,40}:\s*(?:https?://|www\.)\S{1,200}"
    r"|subscribe\s+(?:to|on)\s+[^\n]{0,40}?\b(?:channel|podcasts?|feed|show)\b[^\n]{0,60}"
    # a link to another story in brackets: "(Also on the Courier: …)", "(Related: …)", "[See also: …]"
    r"|[(\[]\s*(?:(?:also|more)\s+(?:on|from|at)\s+[^\n:()]{1,40}|related|see\s+also|read\s+more)\s*:[^\n]{1,200}[)\]]"
    # a label alone on its line: "ANALYSIS/OPINION:"
    r"|(?-i:[A-Z][A-Z'’/&-]*(?:\s+[A-Z][A-Z'’/&-]*){0,3})\s*:"
    r"|\d{1,3}\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago",
    re.I)
_SIGN_OFF_MAX_WORDS = 25
# A publisher's notice opening a reprint: "COPYRIGHT 2020, THE DAILY COURIER. ALL RIGHTS RESERVED. …".
_LEADING_COPYRIGHT = re.compile(
    r"(?:©\s*)?copyright\s+(?:©\s*)?\d{4}\b[^.\n]{0,80}\.(?:\s*all\s+rights\s+reserved\.)?"
    r"(?:\s*reprinted\s+(?:with|by)\s+permission\.)?\s*", re.I)
# A shouted call to action anywhere in a line, even glued to the next sentence by a scraper
# ("CLICK HERE TO GET THE COURIER APPThe mayor said …"): up to its last capitalised word.
_CLICK_HERE = re.compile(r"CLICK HERE(?:[ ]+[A-Z0-9'’&.-]{1,30}(?![a-z])){1,12}[ ]*")
# A live blog's stamp before each entry's heading: the stamp goes, the heading stays.
_UPDATE_STAMP = re.compile(
    r"(?:last\s+)?(?:updated|posted)(?:\s+(?:at|on))?\s+\d{1,2}(?:[:.]\d{2})?\s*[ap]\.?\s?m\.?"
    r"(?:\s+(?-i:[A-Z]{2,4})\b)?\.?\s*(?:(?:--|[-–—:|])\s*)?", re.I)

# Page scripts pasted into the text ("…}}catch(e){}})(document);").
_CODE = re.compile(r"\}\s*catch\s*\(|\bfunction\s*\(|\)\s*\{[^\n]{0,40}[;}]|/\*\s*\]\]>")
# A copyright notice closing a paragraph ("…e-mail address is …. Copyright © 2017 The Washington Post
# Writers Group").
_TRAILING_COPYRIGHT = re.compile(
    r"(?:Copyright\s*)?©\s*\d{4}\b[^\n©]{0,120}$|Copyright\s+\d{4}\s[^\n]{0,120}$")
_PIPE_CAPTION_MAX_WORDS = 60

# Lines that are a caption or credit from their first words: BBC "Image caption …", NPR "Hide caption
# … Previous Next Credit", CNN galleries ("… Hide Caption 3 of 12 …"), NPR "toggle caption Credit".
_CAPTION_START = re.compile(
    r"(?:image\s+copyright\s[^\n]{0,80}?\s)?image\s+caption\s+\S|hide\s+caption\s+\S|file\s+photo\s*:",
    re.I)
# A player's notice, then the label, on a short line: "Media playback is unsupported … Media caption How …".
_NOTICE_CAPTION = re.compile(r"[^\n]{0,80}?\b(?:Image|Media|Video)\s+caption\s+[A-Z\"“‘']")
_NOTICE_CAPTION_MAX_WORDS = 60
_GALLERY = re.compile(r"hide\s+caption\s+\d{1,4}\s+of\s+\d{1,4}", re.I)
# NPR slideshows pasted after the intro: from "Hide caption" to the end of the line is captions.
_INLINE_CAPTION = re.compile(r"\s(?:Hide|Show|Toggle)\s+caption\s", re.I)
_CREDIT_START = re.compile(r"enlarge\s+this\s+image\s+\S|toggle\s+caption\s+\S", re.I)

# Tweet embeds: the picture link, t.co links and the "— Name (@handle) May 5, 2016" signature.
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?"
_TWEET_REMNANT = re.compile(
    # whole tokens only ("gifhttps://t.co/x" goes entirely), so no word is cut in two
    r"(?<!\S)[^\s/]{0,60}?(?:pic\.twitter\.com|https?://t\.co)/\w{1,40}(?!\w)"
    rf"|[—–-]{{1,2}}[ \t]*[^—–\n()]{{1,60}}\(@\w{{1,30}}\)[ \t]+{_MONTH}[ \t]+\d{{1,2}},[ \t]+\d{{4}}"
    r"(?:[ \t]+\w{1,20})?[ \t]*$")
_TWEET_HINT = re.compile(r"pic\.twitter\.com/|\(@\w{1,30}\)[ \t]+" + _MONTH + r"[ \t]+\d{1,2},[ \t]+\d{4}")

# Photo credits. The last element of a slash chain names the agency ("Harry Dempster/Express/Getty
# Images", "Xinhua / Shutterstock", "Sputnik/Alexander Kazakov/Pool via REUTERS"); Reuters and AP
# also write the agency first ("REUTERS/Tingshu Wang", "AP Photo/Evan Vucci").
_AGENCY = (r"(?:Shutterstock|Getty\s+Images|Getty|AP(?:\s+Images)?|AFP|Reuters|REUTERS|EPA(?:-EFE)?"
           r"|Epa-Efe|EFE|Bloomberg|NPR|Pool|POOL|Sipa(?:\s+USA)?|ZUMA(?:\s+(?:Wire|Press))?"
           r"|Zuma\s+Wire|REX|Rex|Corbis|Alamy|Redux|Polaris|Xinhua|XINHUA|TASS|Sputnik|Kremlin|dpa"
           r"|DPA|Anadolu(?:\s+Agency)?|AAP|ANP|Handout|HANDOUT|Imago|UPI|PA(?:\s+(?:Images|Wire))?"
           r"|NurPhoto|SCNG|Flickr|KCNA|Newscom|Abaca(?:press)?|MCT|TNS|Splash\s+News)")
# Only spellings that cannot open a poll name ("a Reuters/Ipsos poll", "an AP/NORC survey").
_AGENCY_FIRST = r"(?:REUTERS|AP[ ]Photo|AFP[ ]Photo|XINHUA|Getty[ ]Images)"
# A name word may end in a period only as an initial or abbreviation ("J.", "Jr.", "D.C."), so a
# chain never reaches back across a sentence end ("…Press Service. Mikhail Metzel / …").
_NAME_WORD = r"(?:[A-Z]\w{0,2}\.(?:[A-Z]\.)?|[A-Z][\w'’&-]{0,30})"
# Numbers and a parenthesised part may follow the first word: "WSVN Ch. 7", "WANA (West Asia News Agency)".
_NAME = (rf"{_NAME_WORD}(?:[ ](?:{_NAME_WORD}|de|da|di|del|van|von|der|la|le|bin|al|y"
         r"|\d{1,4}(?:st|nd|rd|th)?|\([^()\n]{1,40}\))){0,6}")
_FILE_SUFFIX = r"(?:,[ ]?(?:FILE|File))?"  # ABC News: "Stephanie Keith/Reuters, FILE"
_SLASH = r"[ ]?/[ ]?"
# Each kind of credit with the plain substrings a line must contain for it to be worth a search
# (most lines contain none, and the slash-chain pattern is the costly one).
_CREDIT_KINDS = (
    # parenthesised: "(AP Photo/Evan Vucci)", "(Photo by …)", "(Photo: Time)", "(via REUTERS)",
    # "(Saul Loeb/Pool via Reuters)", "(Getty Images)"
    (("(",), re.compile(
        r"(?P<paren>\((?i:(?:(?:AP|AFP|Reuters|Pool|File|Getty|Staff)\s+)?(?:Photos?|Photograph|Picture|Image"
        r"|Credit|Courtesy)\b(?:\s+(?:by|credit|of))?)\s*[:/]?\s*[^()\n]{1,120}\)"
        rf"|\((?:[^()\n]{{1,100}}?{_SLASH}|[^()\n]{{0,100}}?\bvia\s+){_AGENCY}\)"
        r"|\((?:Getty\s+Images|Shutterstock)\))")),
    # agency-first chains, and a bare "Getty Images" after a caption
    (("REUTERS/", "REUTERS /", " Photo/", " Photo /", "XINHUA/", "Images/"), re.compile(
        rf"(?P<chain>{_AGENCY_FIRST}{_SLASH}{_NAME}(?:{_SLASH}{_NAME}){{0,3}}{_FILE_SUFFIX})")),
    (("Getty Images", "Shutterstock"), re.compile(r"(?P<chain>(?:Getty[ ]Images|Shutterstock)\b)")),
    # labelled, running to the end of the line: "Photograph: Brian Cahn/ZUMA Wire/REX/Shutterstock"
    ((":", "hoto by", "HOTO BY"), re.compile(
        r"(?P<label>(?i:(?:(?:Featured?|File)\s+)?(?:Photo\s+|Image\s+)?(?:Photographer|Photograph|Photo"
        r"|Image|Picture|Credit)(?:\s+credit)?)\s*:\s*[^\n]{1,120}$"
        r"|(?:Pool\s+)?(?i:photo)\s+(?i:by)\s+[A-Z][^\n]{1,100}$)")),
    # Politico's "… | AP Photo"
    (("|",), re.compile(
        r"(?P<pipe>\|\s*(?:AP|Getty|Reuters|REUTERS|AFP|Bloomberg|EPA)(?i:\s+(?:Photos?|Images?))?"
        r"(?:\s*[/,]\s*[A-Z][\w.'’-]{0,30}(?:[ ][A-Z][\w.'’-]{0,30}){0,3})?\b)")),
)
# Agency-last chains ("Harry Dempster/Express/Getty Images") are searched only around a "/AGENCY" or
# "via AGENCY" hit: scanning every capitalised word of a long line for a chain is the costly part.
_AGENCY_HIT = re.compile(rf"(?:/[ ]?|[ ]via[ ])(?:via[ ]+)?{_AGENCY}\b")
_CHAIN = re.compile(
    rf"(?P<chain>{_NAME}(?:{_SLASH}{_NAME}){{0,7}}"
    rf"(?:{_SLASH}(?:via[ ]+)?{_AGENCY}|[ ]+via[ ]+{_AGENCY})\b{_FILE_SUFFIX})")
_CHAIN_REACH = 300             # characters a chain may extend before or after its agency hit
_LABEL_MAX_WORDS = 14
_CAPTION_MAX_WORDS = 100       # a line ending in a credit and longer than this is body text
_INLINE_CAPTION_MAX_WORDS = 60

# Sentence ends: . ! ? … plus closing quotes, before whitespace and a capital, digit or quote.
_SENTENCE_END = re.compile(r"[.!?…]{1,3}[\"”’'»)\]]{0,3}(?=\s{1,20}[\"“‘'«(\[]{0,2}[A-Z0-9])")
_ABBREVIATIONS = inference.ABBREVIATIONS
_CLOSERS = "\"”’'»)]"
_MIN_REPEAT_WORDS = 5

# The trailing unrelated headline ("Michael Cohen Is Accused Of Telling Lies During Trump …"): a
# Title Case line (lib.text.headline) whose words the article does not use.
_HEADLINE_MIN_WORDS, _HEADLINE_MAX_WORDS = 5, 20
# Sign-offs that look like Title Case but credit the reporting ("Contributing: Doug Stanglin, …").
_ATTRIBUTION = re.compile(r"(?:[—–-]\s*)?(?:contributing|additional\s+reporting|with\s+assistance"
                          r"|reporting\s+by|written\s+by|edited\s+by|compiled\s+by)\b", re.I)
_LINK = re.compile(r"https?://|www\.|@\w")  # a handle or link: a sign-off, not a headline
_BYLINE = re.compile(r"^[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){1,3}, ")   # "Kyle Smith, National Review"


# --- the public function ---------------------------------------------------------------------------

def clean_article(text: str, *, title: str | None = None, headline_line: str | None = None) -> Cleaned:
    """The article body without scraper junk, and what was removed.

    Returns ``Cleaned(text, removed)``: ``text`` has paragraphs separated by one blank line (lines
    inside a paragraph kept, trailing spaces, zero-width characters and BOMs dropped, curly quotes
    untouched); ``removed`` lists each removed piece in order as ``Removal(reason, text)`` with a
    reason from ``REASONS``. ``headline_line`` (the first line when inference recognised it as
    the headline) is removed, as is any line equal to ``title`` apart from case, punctuation, a
    scraper marker or a site suffix.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    state = _State(_title_keys(title, headline_line), _marker_free(headline_line))
    text = _LINE_BREAKS.sub("\n", _INVISIBLE.sub("", text))
    paragraphs: list[list[str]] = [[]]
    for raw in text.split("\n"):
        if not raw.strip():
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        line = _clean_line(raw.strip(), state)
        if line:
            paragraphs[-1].append(line)
    paragraphs = [p for p in paragraphs if p]
    _drop_trailing_headline(paragraphs, state)
    _drop_trailing_credit(paragraphs, state)
    return Cleaned("\n\n".join("\n".join(p) for p in paragraphs), tuple(state.removed))


# --- one line at a time ----------------------------------------------------------------------------

class _State:
    """What earlier lines left behind: removals so far and the sentences already seen."""

    def __init__(self, title_keys: frozenset[str], headline_line: str | None):
        self.title_keys = title_keys
        self.headline_line = headline_line
        self.removed: list[Removal] = []
        self.seen: set[str] = set()            # keys of kept sentences of >= 5 words
        self.captions: set[str] = set()        # keys of removed captions

    def remove(self, reason: str, text: str) -> None:
        """Record a removal; returns None so a line handler can ``return state.remove(...)``."""
        if text.strip():
            self.removed.append(Removal(reason, text.strip()))


def _clean_line(line: str, state: _State) -> str | None:
    if "--" in line or "<!" in line:
        line = _drop_markers(line, state)
        if not line:
            return None
    if state.headline_line is not None and " ".join(line.split()) == state.headline_line:
        state.headline_line = None   # only the first occurrence is "the headline line"
        return state.remove("headline", line)
    if state.title_keys and _is_title(line, state.title_keys):
        return state.remove("headline", line)
    if _PLACEHOLDER_LINE.fullmatch(line):
        return state.remove("placeholder", line)
    if not any(c.isalnum() for c in line):   # "___", "* * *", "•••": a rule between parts, no text
        return state.remove("boilerplate", line)
    if _BOILERPLATE_LINE.fullmatch(line):
        return state.remove("boilerplate", line)
    if _SIGN_OFF_LINE.fullmatch(line) and len(line.split()) <= _SIGN_OFF_MAX_WORDS:
        return state.remove("boilerplate", line)
    if _is_contributor_line(line):
        return state.remove("credit", line)
    if "CLICK HERE" in line:
        for match in _CLICK_HERE.finditer(line):
            state.remove("boilerplate", match.group())
        line = _SPACES.sub(" ", _CLICK_HERE.sub(" ", line)).strip()
        if not line:
            return None
    for prefix in (_UPDATE_STAMP, _LEADING_COPYRIGHT):
        if (line[:1] in "UuPpLlCc©") and (match := prefix.match(line)):
            state.remove("boilerplate", match.group())
            line = line[match.end():]
            if not line:
                return None
    # Plain substring tests first: they are much cheaper than the searches they guard.
    lower = line.lower()
    if (("sign" in lower or "inbox" in lower or "subscri" in lower) and _NEWSLETTER.search(line)
            and len(line.split()) <= _NEWSLETTER_MAX_WORDS):
        return state.remove("boilerplate", line)
    if ("{" in line or "/*" in line) and _CODE.search(line):
        return state.remove("boilerplate", line)
    if (("©" in line or "copyright" in lower) and (match := _TRAILING_COPYRIGHT.search(line))
            and _after_sentence(line, match.start())):
        state.remove("boilerplate", match.group())
        line = line[:match.start()].rstrip()
        if not line:
            return None
    if (_CAPTION_START.match(line) or ("aption" in lower and _GALLERY.search(line))
            or (_NOTICE_CAPTION.match(line) and len(line.split()) <= _NOTICE_CAPTION_MAX_WORDS)):
        return state.remove("caption", line)
    if _CREDIT_START.match(line):
        return state.remove("credit", line)
    if "aption" in lower and (match := _INLINE_CAPTION.search(line)):
        state.remove("caption", line[match.start():])
        line = line[:match.start()].rstrip()
    if ("twitter" in lower or "(@" in line) and _TWEET_HINT.search(line):
        line = _drop_tweet_remnants(line, state)
        if not line:
            return None
    return _drop_credits_and_repeats(line, state)


def _is_contributor_line(line: str) -> bool:
    """Whether every sentence of ``line`` credits other reporters ("Jane Roe in Paris contributed
    to this report.", "Contributing: …", "Reporting by …", "Jane Roe reported from Kyiv." beside
    one of those). No quotation marks: a quoted "contributed" is someone's words."""
    if (not _CONTRIBUTED_MARK.search(line) or any(q in line for q in '"“”')
            or len(line.split()) > _CONTRIBUTOR_MAX_WORDS):
        return False
    body = _LEADING_MARKS.sub("", line)
    if _CREDIT_OPENER.fullmatch(body):
        # "Reporting by …" also opens prose ("Reporting by the Times showed …"): a credit names
        # its editors too, or lists names by semicolons, or is a few words
        return not _REPORTING_BY.match(body) or ";" in body or "editing by" in body.lower() \
            or len(body.split()) <= _REPORTING_BY_MAX_WORDS
    parts: list[str] = []
    for a, b in _sentences(body, 0, len(body)):
        part = body[a:b].strip()
        if parts and _INITIALS.search(parts[-1]):   # "… and S.A. Miller …" split after the initials
            parts[-1] = f"{parts[-1]} {part}"
        else:
            parts.append(part)
    credits = [bool(_CONTRIBUTED.fullmatch(p) or _CREDIT_OPENER.fullmatch(p)) for p in parts]
    return any(credits) and all(c or _REPORTED_FROM.fullmatch(p) for c, p in zip(credits, parts))


def _drop_markers(line: str, state: _State) -> str | None:
    found = False
    for match in inference.SCRAPER_MARKER.finditer(line):
        state.remove("scraper-marker", match.group())
        found = True
    if not found:
        return line
    # A space in place of each marker so the words either side never fuse.
    return _SPACES.sub(" ", inference.SCRAPER_MARKER.sub(" ", line)).strip() or None


def _drop_tweet_remnants(line: str, state: _State) -> str | None:
    """The tweet's own words stay (they are a quotation); the links and signature go. A line left
    with fewer than 3 words was only an embed and goes entirely."""
    rest = _SPACES.sub(" ", _TWEET_REMNANT.sub(" ", line)).strip()
    if len(_WORD.findall(rest)) < 3:
        state.remove("boilerplate", line)
        return None
    for match in _TWEET_REMNANT.finditer(line):
        state.remove("boilerplate", match.group())
    return rest


def _drop_credits_and_repeats(line: str, state: _State) -> str | None:
    credits = _credits(line)
    if credits and not _outside(line, credits):
        for m in credits:
            state.remove("credit", m.group())
        return None
    if credits and (not line[credits[-1].end():].strip(" .") and len(line.split()) <= _CAPTION_MAX_WORDS
                    or credits[-1].lastgroup == "pipe" and len(line.split()) <= _PIPE_CAPTION_MAX_WORDS):
        # A line that ends in a credit is a caption (Politico puts a related headline after its
        # "| AP Photo"); the same caption twice (seed 004 adds "(via REUTERS)" to its copy) is a
        # repeat.
        key = _key(_outside(line, credits))
        reason = "repeated" if key in state.captions or key in state.seen else "caption"
        state.captions.add(key)
        return state.remove(reason, line)
    return _drop_sentences(line, credits, state)


def _credits(line: str) -> list[re.Match]:
    """The photo credits in ``line``, in order and not overlapping. A candidate that fails the
    context test is retried one character later, so a chain that starts too early cannot hide the
    real credit."""
    found: list[re.Match] = []
    for hints, pattern in _CREDIT_KINDS:
        if not any(hint in line for hint in hints):
            continue
        pos = 0
        while (match := pattern.search(line, pos)) is not None:
            if _is_credit(line, match):
                found.append(match)
                pos = match.end()
            else:
                pos = match.start() + 1
    if "/" in line or " via " in line:
        found.extend(_chains(line))
    if len(found) < 2:
        return found
    found.sort(key=lambda m: (m.start(), -m.end()))
    merged = [found[0]]
    for match in found[1:]:
        if match.start() >= merged[-1].end():
            merged.append(match)
    return merged


def _chains(line: str) -> list[re.Match]:
    """Agency-last credit chains, each found in a bounded window around its agency, so the work per
    line stays linear even for 300 KB of capitalised words and slashes."""
    found: list[re.Match] = []
    done = 0   # the line is settled up to here
    for hit in _AGENCY_HIT.finditer(line):
        if hit.start() < done:
            continue
        start, end = max(done, hit.start() - _CHAIN_REACH), min(len(line), hit.end() + _CHAIN_REACH)
        while (match := _CHAIN.search(line, start, end)) is not None and match.start() <= hit.start():
            if _is_credit(line, match):
                found.append(match)
                done = match.end()
                break
            start = match.start() + 1
        done = max(done, hit.end())
    return found


def _is_credit(line: str, match: re.Match) -> bool:
    """A parenthesised or pipe credit is unambiguous; a slash chain or a label must stand between
    sentences ("…on Thursday. Xinhua / Shutterstock It was…"), never inside one ("an NBC/AP poll")."""
    kind = match.lastgroup
    if match.end() < len(line) and (line[match.end() - 1] + line[match.end()]).isalnum():
        return False   # a window edge cut a word: removing the match would leave half of it
    if kind == "paren":
        return True
    if kind == "pipe":   # "| Getty Bernie's California endgame" but not The Hill's "| EPA rule would …"
        after = line[match.end():match.end() + 3].lstrip()
        return not after or not after[0].islower()
    if kind == "label" and len(match.group().split()) > _LABEL_MAX_WORDS:
        return False
    if not _after_sentence(line, match.start()):
        return False
    after = line[match.end():match.end() + 3].lstrip()
    return not after or not after[0].islower()


_LOOK_BACK = 40


def _after_sentence(line: str, index: int) -> bool:
    """Whether ``line[index:]`` starts a line or follows the end of a sentence (or a credit in
    parentheses). Looks back a bounded window so long lines stay linear."""
    before = line[max(0, index - _LOOK_BACK):index].rstrip()
    if not before:
        return True
    if before[-1] == ")":
        return True
    return _ends_like_sentence(before)


def _ends_like_sentence(text: str) -> bool:
    """Whether ``text`` ends with . ! ? or …, possibly followed by closing quotes or brackets."""
    return text.rstrip(_CLOSERS)[-1:] in (".", "!", "?", "…")


def _outside(line: str, matches: list[re.Match]) -> str:
    """The text of ``line`` outside ``matches``, pieces joined by one space."""
    pieces, start = [], 0
    for m in matches:
        pieces.append(line[start:m.start()])
        start = m.end()
    pieces.append(line[start:])
    text = " ".join(p.strip() for p in pieces if p.strip())
    return text if _WORD.search(text) else ""


def _drop_sentences(line: str, credits: list[re.Match], state: _State) -> str | None:
    """``line`` without its credits, the caption sentence before each credit, and sentences already
    seen earlier in the article; None when nothing is left."""
    kept: list[str] = []
    changed = bool(credits)
    start = 0
    for credit in [*credits, None]:
        end = credit.start() if credit else len(line)
        sentences = _sentences(line, start, end)
        for i, (s, e) in enumerate(sentences):
            sentence = line[s:e].strip()
            words = len(sentence.split())
            key = _key(sentence) if words >= _MIN_REPEAT_WORDS else ""
            is_caption = (credit is not None and i == len(sentences) - 1
                          and words <= _INLINE_CAPTION_MAX_WORDS and _after_sentence(line, credit.start()))
            if key and (key in state.seen or key in state.captions):
                state.remove("repeated", sentence)
                changed = True
            elif is_caption:
                if key:
                    state.captions.add(key)
                state.remove("caption", sentence)
                changed = True
            else:
                if key:
                    state.seen.add(key)
                kept.append(sentence)
        if credit is not None:
            state.remove("credit", credit.group())
            start = credit.end()
    if not changed:
        return line
    return " ".join(kept) if any(_WORD.search(k) for k in kept) else None


def _sentences(line: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the sentences in ``line[start:end]``; abbreviations and initials do not end one."""
    spans, begin = [], start
    for m in _SENTENCE_END.finditer(line, start, end):
        token = line[max(begin, m.start() - 12):m.start()].rsplit(None, 1)[-1:] or [""]
        word = token[0].lstrip("\"“‘'(").lower()
        if m.group()[0] == "." and (word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())):
            continue
        spans.append((begin, m.end()))
        begin = m.end()
    if line[begin:end].strip():
        spans.append((begin, end))
    return spans


def _key(text: str) -> str:
    """``text`` compared case-, punctuation- and whitespace-insensitively."""
    return " ".join(_WORD.findall(text.casefold()))


# --- headlines -------------------------------------------------------------------------------------

_TITLE_MAX_WORDS = 40


def _marker_free(line: str | None) -> str | None:
    if not isinstance(line, str) or not line.strip():
        return None
    return " ".join(inference.SCRAPER_MARKER.sub(" ", line).split()) or None


def _title_keys(title: str | None, headline_line: str | None) -> frozenset[str]:
    keys = set()
    for value in (title, headline_line):
        value = _marker_free(value)
        if value:
            keys.update((_key(value), _key(inference.split_site_suffix(value)[0])))
    keys.discard("")
    return frozenset(keys)


def _is_title(line: str, keys: frozenset[str]) -> bool:
    if len(line.split()) > _TITLE_MAX_WORDS:
        return False
    line = " ".join(line.split())
    return _key(line) in keys or _key(inference.split_site_suffix(line)[0]) in keys


def _drop_trailing_headline(paragraphs: list[list[str]], state: _State) -> None:
    """Remove the last line when it is a Title Case headline about something else (a related-story
    link, like seed 003's "Michael Cohen Is Accused Of Telling Lies During Trump Hush-Money Trial")."""
    if not paragraphs:
        return
    last = paragraphs[-1][-1]
    words = last.split()
    if (not _HEADLINE_MIN_WORDS <= len(words) <= _HEADLINE_MAX_WORDS
            or _BYLINE.match(last) or _LINK.search(last) or _ATTRIBUTION.match(last)):
        return
    if last.rstrip(_CLOSERS)[-1:] in ".!?…,:;" or not headline.is_title_case(last):
        return
    rest = [line for p in paragraphs for line in p][:-1]
    vocabulary = {w for line in rest for w in _content_words(line)}
    if len(vocabulary) < 20:
        return   # too little text to say what the article is about
    own = set(_content_words(last))
    if own and len(own & vocabulary) <= 0.2 * len(own):
        paragraphs[-1].pop()
        if not paragraphs[-1]:
            paragraphs.pop()
        state.remove("trailing-headline", last)


_GLUED_CREDIT = re.compile(r"(?i)\bcontribut(?:ed|es|ing)\s+(?:additional\s+)?(?:reporting\b|to\s+this\b)")


def _drop_trailing_credit(paragraphs: list[list[str]], state: _State) -> None:
    """Remove the credit sentences that end the text's last line ("… the pipeline was first
    proposed. The Wire Agency contributed to this report."): a scraper that joins a whole article
    into one line glues the sign-off to the story's last sentence, where no line rule sees it."""
    if not paragraphs:
        return
    last = paragraphs[-1][-1]
    spans = _sentences(last, 0, len(last))
    # the longest tail of sentences that together credit others ("Ann Roe reported from X." needs
    # the "contributed" beside it), leaving at least one sentence of the story
    cut = len(spans)
    for k in range(len(spans) - 1, 0, -1):
        tail = last[spans[k][0]:].strip()
        if len(tail.split()) > _CONTRIBUTOR_MAX_WORDS:
            break
        # "… contributed to this report": "contributed to the report" is as often the story's own
        if _is_contributor_line(tail) and _GLUED_CREDIT.search(tail):
            cut = k
    if cut < len(spans):
        state.remove("credit", last[spans[cut][0]:])
        paragraphs[-1][-1] = last[:spans[cut][0]].rstrip()


def _content_words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.casefold())
            if len(w) > 2 and w not in STOPWORDS and not w.isdigit()]
