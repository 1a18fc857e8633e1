import datetime as dt
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.load.inference import (Headline, TextDate, dateline_outlet, first_line_headline, split_site_suffix,
                                strong_text_date, text_date)

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"
FUZZ_EXAMPLES = int(os.environ.get("FRAMESCOPE_FUZZ_EXAMPLES", 200))


def seed(number: str, *, drop_date_header: bool = True) -> str:
    """A seed file's text; seeds 000 and 001 start with a ` date …` header the loader strips first."""
    text = next(SEEDS.glob(f"{number}_*.txt")).read_text(encoding="utf-8")
    if drop_date_header and text.lstrip().startswith("date "):
        text = text.split("\n", 1)[1]
    return text


# --- first_line_headline -------------------------------------------------------------------------

def test_seed_004_headline_loses_its_scraper_marker_and_site_suffix():
    headline = first_line_headline(seed("004"))
    assert headline == Headline(
        title="Vladimir Putin hails eternal unity with Xi Jinping: ‘We were always together then, "
              "and we remain together now’",
        site="Best Reviews By Consumers",
        line=seed("004").split("\n")[0],
    )


def test_seed_002_first_line_is_a_headline_without_a_site():
    headline = first_line_headline(seed("002"))
    assert headline.title == "Beijing and Moscow showcase deepening ties amid rising global tensions"
    assert headline.site is None
    assert headline.line == headline.title


@pytest.mark.parametrize("number", ["000", "001", "003"])
def test_seeds_that_open_with_a_paragraph_have_no_headline(number):
    assert first_line_headline(seed(number)) is None


def test_headline_line_is_returned_exactly_as_it_appeared():
    text = "\n\n  Senate passes the budget bill  \nThe Senate voted on Friday."
    assert first_line_headline(text).line == "  Senate passes the budget bill  "
    assert first_line_headline(text).title == "Senate passes the budget bill"


@pytest.mark.parametrize("line", [
    "The Senate passed the bill on Friday.",            # a sentence
    "He said: “We were together then.”",                # a quoted sentence ends with a period
    "Officials said the following:",                    # a lead-in
    "By Jane Doe and John Roe",                         # a byline
    "Two words",                                        # too short
    " ".join(["word"] * 30).capitalize(),               # too long
    "the senate passes the bill",                       # starts in lower case
    # a lead sentence glued to a headline, a newsletter call, a lead after its outlet tag, a tweet
    "The ferry ran late on Monday again. Five things to know about the ferry",
    "**Want the Courier first in your inbox? Sign up here.**",
    "(Wire) Could the ferry really run on time next year, and what would the council have to pay",
    "BREAKING: the mayor resigns, says @harbourcourier",
])
def test_lines_that_do_not_read_as_headlines_are_not_headlines(line):
    assert first_line_headline(f"{line}\nMore text follows here.") is None


@pytest.mark.parametrize("line", [
    "Ferry Late Again? Residents Have Had Enough",        # a question, then more: a headline's style
    "Gov. Roe signs the ferry bill into law",            # an abbreviation is no sentence end
    "Roe vs. Lind is the race to watch in Lakeside",
    "Harbour govt. Approves New Ferry Rules",
    "Stocks Fall, Oil Rises and Gold Slips",             # Title Case words in a list, not a byline
    "(LEAD) Ferry sinks off the Lakeside coast",         # a label before a short headline
])
def test_headlines_with_inner_punctuation_are_headlines(line):
    assert first_line_headline(f"{line}\nMore text follows here.").title == line


def test_headline_ending_in_a_closing_quote_after_a_letter_is_a_headline():
    headline = first_line_headline("Putin hails ‘eternal unity’\nBody text.")
    assert headline.title == "Putin hails ‘eternal unity’"


def test_a_lone_line_is_not_a_headline_because_nothing_follows_it():
    assert first_line_headline("Beijing and Moscow showcase deepening ties\n\n") is None
    assert first_line_headline("") is None


# --- split_site_suffix ----------------------------------------------------------------------------

@pytest.mark.parametrize("line, title, site", [
    ("Xi meets Putin in Moscow | BBC News", "Xi meets Putin in Moscow", "BBC News"),
    ("Xi meets Putin in Moscow - Reuters", "Xi meets Putin in Moscow", "Reuters"),
    ("Xi meets Putin in Moscow — The Times of India", "Xi meets Putin in Moscow", "The Times of India"),
    ("Xi meets Putin – a new era – Best Reviews By Consumers", "Xi meets Putin – a new era",
     "Best Reviews By Consumers"),                                           # the last separator only
    ("Harbour Voters Are — Truly — Done - The Harbour Courier", "Harbour Voters Are — Truly — Done",
     "The Harbour Courier"),                                                 # a pair, then the site
])
def test_site_suffix_is_split_off_the_last_separator(line, title, site):
    assert split_site_suffix(line) == (title, site)


@pytest.mark.parametrize("line", [
    "Putin – the analysis nobody wanted",      # lower-case tail is part of the headline
    "Xi meets Putin – Analysis",               # a section label, not a site
    "Xi, Putin – Together Again",             # only two words before the dash
    "Xi meets Putin in Moscow – Talks Went Well.",  # sentence punctuation
    "Xi meets Putin – One Two Three Four Five Six Seven",  # too long for a name
    "Trump Defends The Wall - And Claims Of Hypocrisy",        # a conjunction continues the headline
    "Harbour Voters Who Are — Truly — Done With The Election",  # the dash closes a pair in a Title Case line
])
def test_tails_that_are_not_site_names_stay_in_the_title(line):
    assert split_site_suffix(line) == (line, None)


# --- dateline_outlet --------------------------------------------------------------------------------

def test_seed_001_dateline_names_upi():
    assert dateline_outlet(seed("001")) == "UPI"


@pytest.mark.parametrize("number", ["000", "002", "003", "004"])
def test_seeds_without_a_dateline_have_no_dateline_outlet(number):
    assert dateline_outlet(seed(number)) is None


@pytest.mark.parametrize("text, outlet", [
    ("May 8 (UPI) – Chinese President Xi Jinping met", "UPI"),
    ("(Reuters) - Oil prices rose on Monday.", "Reuters"),
    ("WASHINGTON (AP) — The Senate voted on Friday.", "AP"),
    ("LONDON (CNN) -- Britain's prime minister said", "CNN"),
    ("(CNN)Former President Barack Obama said", "CNN"),
    ("KYIV, Ukraine (AP) — Russian drones struck", "AP"),
    ("BEIJING, May 8 (Reuters) - China said", "Reuters"),
    ("Xi meets Putin in Moscow\n\nMOSCOW (AP) — Xi arrived", "AP"),   # after a headline line
])
def test_dateline_outlet_is_returned_as_written(text, outlet):
    assert dateline_outlet(text) == outlet


def test_a_parenthesised_outlet_in_the_middle_of_a_sentence_is_not_a_dateline():
    assert dateline_outlet("Officials told reporters (UPI) – that talks went well.") is None
    assert dateline_outlet("Xi met Putin on Thursday, according to a report by (UPI) – in Moscow.") is None


def test_a_dateline_beyond_the_first_300_characters_is_ignored():
    text = "The talks went on for hours. " * 12 + "\nMOSCOW (AP) — Xi arrived."
    assert dateline_outlet(text) is None


# --- text_date ----------------------------------------------------------------------------------------

def test_seed_004_date_comes_from_its_photo_caption():
    assert text_date(seed("004")) == dt.date(2025, 9, 2)


def test_seed_003_mentions_only_a_month_and_year_so_has_no_date():
    assert text_date(seed("003")) is None


@pytest.mark.parametrize("text", [
    "Beijing, China September 2, 2025. Reuters",
    "on 2 September 2025 the leaders met",
    "Sept. 2, 2025",
    "published 2025-09-02",
    "September 2nd, 2025",
])
def test_full_dates_are_read_in_common_forms(text):
    assert text_date(text) == dt.date(2025, 9, 2)


@pytest.mark.parametrize("text", [
    "in February 2022 Russia invaded",   # month and year
    "on Tuesday (September 2) Putin",    # no year
    "on Tuesday the talks began",        # weekday
    "by 2025, he said",
])
def test_partial_dates_are_not_dates(text):
    assert text_date(text) is None


def test_impossible_dates_are_skipped_for_the_next_real_one():
    assert text_date("February 30, 2020 and then March 1, 2020") == dt.date(2020, 3, 1)


# --- robustness ---------------------------------------------------------------------------------------

FRAGMENTS = st.sampled_from([
    "<-- test --!> ", " – Best Reviews By Consumers", "(UPI) –", "WASHINGTON (AP) — ", "\n", "\n\n",
    "September 2, 2025", "Feb. 30, 2020", "2025-13-45", "‘quote’", "Headline Of Some Length", ". ", "(",
])


@settings(max_examples=FUZZ_EXAMPLES, deadline=None)
@given(st.lists(st.text() | FRAGMENTS, max_size=12).map("".join))
def test_fuzz_inference_never_raises_and_returns_the_declared_types(text):
    headline = first_line_headline(text)
    assert headline is None or (isinstance(headline, Headline) and headline.title and headline.line in text)
    outlet = dateline_outlet(text)
    assert outlet is None or outlet in text
    date = text_date(text)
    assert date is None or isinstance(date, dt.date)


# --- strong_text_date: dates only from strong clues -------------------------------------------------

@pytest.mark.parametrize("text, date, source", [
    ("Council Approves Bus Routes\nSPRINGFIELD, March 3, 2021 — The council voted to add routes.",
     dt.date(2021, 3, 3), "dateline"),
    ("RIVERTON, 4 May 2019 (Wire) - Farmers gathered at dawn.", dt.date(2019, 5, 4), "dateline"),
    ("Bakery Wins Prize\nPublished: June 5, 2020 3:45 PM\nThe bakery won.", dt.date(2020, 6, 5), "published-line"),
    ("Bakery Wins Prize\nUpdated on 2020-06-05\nThe bakery won.", dt.date(2020, 6, 5), "published-line"),
    ("date 2018-11-02\nThe bakery won the prize on Friday.", dt.date(2018, 11, 2), "scraper-header"),
    ("Bakery Wins Prize\nhttps://news.example.org/2016/07/09/bakery-wins\nThe bakery won.",
     dt.date(2016, 7, 9), "url"),
    ("Bakery Wins Prize\nTuesday, May 8, 2018\nThe bakery won.", dt.date(2018, 5, 8), "dateline"),
    ("Bakery Wins Prize\nFood • April 10, 2015 • Jane Doe\nThe bakery won.", dt.date(2015, 4, 10), "text"),
])
def test_strong_clues_give_the_date_and_say_which(text, date, source):
    assert strong_text_date(text) == TextDate(date, source)


def test_a_url_in_the_metadata_gives_its_date_path():
    assert strong_text_date("The bakery won.", "https://x.example/news/2019/02/28/bakery").source == "url"


@pytest.mark.parametrize("text", [
    # a file-photo caption and a photo credit
    "FILE - In this Jan. 4, 2020, file photo, the mayor speaks in Springfield.\nThe mayor resigned in 2021.",
    "The mayor speaks at a rally in Springfield, Ill., June 21, 2019. (Jane Roe/Wire)\nThe mayor resigned.",
    "The mayor speaks at a rally in Springfield, Ill., June 21, 2019.\nThe mayor resigned.",
    # history, far before the rest of the text, and past narrative
    "On January 8, 1964, the mayor declared war on potholes.\nIn 2019 the roads are still bad.",
    "It was June 30, 2009, and I was in the city.\nThe city has changed.",
    # a quotation
    "“We will never forget March 3, 2012,” the mayor said.\nShe spoke in 2019.",
    # a date deep in a prose sentence (mostly the story's day, not the article's)
    "The mayor, who took office after winning a close race against three rivals, said on the "
    "morning of May 2, 2019 that the roads would be fixed.\nMore text.",
    # a date heading a part of the story, after its first paragraph (an imagined future, a diary)
    "Nobody expects it. Still, here is how the mayor could win a third term.\n\nJan. 20, 2031\n\nThe votes came in.",
    # the dash line crediting a quoted epigraph
    "“Springfield Roads Worst In The State.”\n\n— Daily Planet, Dec. 10, 2019\n\nAnd oh, what potholes!",
])
def test_weak_or_misleading_dates_are_not_taken(text):
    assert strong_text_date(text) is None


@pytest.mark.parametrize("text", [
    "Who won the debate? Here is what we know\nMay 8, 2019\nThe debate was long.",   # a headline, then the stamp
    "- Politics • May 8, 2019 • Jane Doe\nThe debate was long and the crowd cheered.",  # a bulleted stamp
])
def test_a_stamp_after_a_headline_or_behind_a_bullet_is_the_date(text):
    assert strong_text_date(text).date == dt.date(2019, 5, 8)


def test_a_date_beyond_the_opening_lines_is_not_taken():
    text = "Bakery Wins Prize\nThe bakery won.\nThe judges were pleased.\nCeremony on May 8, 2018."
    assert strong_text_date(text) is None


# --- first-line titles that are not headlines -------------------------------------------------------

@pytest.mark.parametrize("line", [
    "Story highlights",
    "Image copyright AP",
    "6 years ago",
    "Updated 3:45 PM ET, Tue May 8, 2018",
    "Photo: Jane Roe",
    "A crowd waits outside the courthouse / Shutterstock",
    "Enlarge this image toggle caption Jane Roe/Wire Jane Roe/Wire",
    "Jane Roe and John Doe",                                # a byline of names
    "SHARE THIS ARTICLE Share Tweet Post Email",
])
def test_captions_credits_timestamps_and_bylines_are_not_titles(line):
    assert first_line_headline(f"{line}\n\nThe council voted on Friday to add routes.") is None


@pytest.mark.parametrize("text", [
    "The council voted on Friday to add four bus routes to the\nnorthern suburbs, officials said.",
    "The council voted on Friday to add four bus routes\nto the northern suburbs, officials said.",
])
def test_a_lead_sentence_running_into_the_next_line_is_not_a_title(text):
    assert first_line_headline(text) is None


@pytest.mark.parametrize("line", [
    "Council Approves Four New Bus Routes",
    "Senate passes the budget bill after a long night",
    "Did the Council Just Save the Buses?",
])
def test_real_headlines_are_still_titles(line):
    assert first_line_headline(f"{line}\n\nThe council voted on Friday to add routes.").title == line


def test_a_caption_date_counts_when_the_article_names_the_same_day():
    text = ("Two leaders walk in the garden of the residence in Lakeside, Ruritania March 3, 2031. Jane Roe/Pool via AGENCY\n\n"
            "The two leaders met on Monday (March 3), praising relations between the two countries.")
    found = strong_text_date(text)
    assert found is not None and (found.date, found.source) == (dt.date(2031, 3, 3), "caption")


@pytest.mark.parametrize("prose", [
    "The two leaders met on March 3, praising relations.",               # no weekday: weeks later, reports repeat the day
    "The two leaders met on Tuesday (March 3), praising relations.",     # 3 March 2031 is a Monday
    "The leaders, who met at the March 3 rally, praised relations.",
])
def test_a_caption_date_needs_the_prose_to_name_that_day_with_its_weekday(prose):
    text = ("Two leaders walk in the garden of the residence in Lakeside, Ruritania March 3, 2031. Jane Roe/Pool via AGENCY\n\n"
            + prose)
    assert strong_text_date(text) is None


def test_a_file_photo_caption_date_never_counts_even_when_the_day_recurs():
    text = ("FILE - In this March 3, 2021, file photo, the mayor speaks in Lakeside. (AP Photo/Jane Roe)\n\n"
            "The mayor said on March 3 that the plan would go ahead.")
    assert strong_text_date(text) is None


def test_a_caption_date_alone_is_not_the_articles():
    text = ("The mayor speaks in Lakeside, Ruritania March 3, 2031. Jane Roe/Pool via AGENCY\n\n"
            "The mayor said the plan would go ahead next year.")
    assert strong_text_date(text) is None
