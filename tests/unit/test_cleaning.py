import os
import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.load.cleaning import REASONS, Cleaned, Removal, clean_article
from lib.load.inference import first_line_headline
from tests.conftest import HANG_GUARD_SECONDS

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"
FUZZ_EXAMPLES = int(os.environ.get("FRAMESCOPE_FUZZ_EXAMPLES", 200))
WORD = re.compile(r"\w+")


def seed(number: str) -> str:
    """A seed's body as the loader passes it: the ` date …` header of seeds 000/001 removed."""
    text = next(SEEDS.glob(f"{number}_*.txt")).read_text(encoding="utf-8")
    return text.split("\n", 1)[1] if text.lstrip().startswith("date ") else text


def clean_seed(number: str) -> Cleaned:
    text = seed(number)
    headline = first_line_headline(text)
    return clean_article(text, title=headline.title if headline else None,
                         headline_line=headline.line if headline else None)


def reasons(cleaned: Cleaned) -> list[str]:
    return [r.reason for r in cleaned.removed]


def removed_as(cleaned: Cleaned, reason: str) -> list[str]:
    return [r.text for r in cleaned.removed if r.reason == reason]


# --- the seeds -------------------------------------------------------------------------------------

def test_seed_000_loses_every_photo_credit_and_the_captions_before_them():
    cleaned = clean_seed("000")
    assert "Shutterstock" not in cleaned.text
    assert removed_as(cleaned, "credit") == ["Xinhua / Shutterstock"] + [
        "Mikhail Metzel / Spoutnik / Kremlin / Pool / Epa-Efe / Shutterstock"] * 3
    assert removed_as(cleaned, "caption") == [
        "Chinese President Xi Jinping and Russian President Vladimir Putin signed their “strategic "
        "partnership” on Thursday.",
        "The partnership occurs one day after the Chinese autocrat has made a hit on the Trump "
        "administration, according to reports.",
    ]


def test_seed_000_keeps_one_copy_of_each_repeated_gallery_sentence():
    cleaned = clean_seed("000")
    assert [t[:30] for t in removed_as(cleaned, "repeated")] == [
        "The heads of state met in Mosc", "XI is in Moscow until Friday f"]
    assert cleaned.text.count("The heads of state met in Moscow") == 1
    assert cleaned.text.count("XI is in Moscow until Friday") == 1


def test_seed_000_keeps_its_opening_sentence_and_its_quotes():
    cleaned = clean_seed("000")
    assert cleaned.text.startswith("Chinese President Xi Jinping and Russian President Vladimir Putin "
                                   "signed a “strategic partnership” – one day after the Chinese autocrat")
    assert "“Eighty years ago, the justice forces in the world" in cleaned.text
    assert cleaned.text.endswith("“the historical trend towards the ultimate and inevitable Chinese "
                                 "The reunification is unstoppable.”")
    assert set(reasons(cleaned)) == {"caption", "credit", "repeated"}


def test_seed_004_loses_marker_headline_placeholder_captions_and_read_more():
    cleaned = clean_seed("004")
    assert reasons(cleaned) == ["scraper-marker", "headline", "headline", "placeholder", "caption",
                                "repeated", "placeholder"]
    assert removed_as(cleaned, "scraper-marker") == ["<-- test --!>"]
    assert removed_as(cleaned, "placeholder") == ["news image", "Read More"]
    assert cleaned.text.startswith("Russian President Vladimir Putin met Chinese leader Xi Jinping in "
                                   "Beijing, calling their ties “unprecedented”")
    assert "REUTERS" not in cleaned.text and "Best Reviews" not in cleaned.text
    assert cleaned.text.endswith("even as global tensions rise.")


def test_seed_004_keeps_its_subheads_and_body():
    cleaned = clean_seed("004")
    for subhead in ["Xi praises resilience of partnership", "SCO Summit and western criticism",
                    "North Korea joins", "Beijing’s balancing act", "Global attention on parade"]:
        assert f"\n\n{subhead}\n\n" in cleaned.text
    assert "“We were always together then, and we remain together now.”" in cleaned.text


def test_seed_003_loses_only_its_trailing_unrelated_headline():
    cleaned = clean_seed("003")
    cohen = "Michael Cohen Is Accused Of Telling Lies During Trump Hush-Money Trial"
    assert cleaned.removed == (Removal("trailing-headline", cohen),)
    assert cleaned.text == seed("003").removesuffix("\n" + cohen)


def test_seed_001_loses_nothing():
    cleaned = clean_seed("001")
    assert cleaned.removed == ()
    assert cleaned.text == seed("001").strip()


def test_seed_002_loses_its_headline_only_when_told_it_is_one():
    assert clean_article(seed("002")).removed == ()
    cleaned = clean_seed("002")
    assert cleaned.removed == (
        Removal("headline", "Beijing and Moscow showcase deepening ties amid rising global tensions"),)
    assert cleaned.text.startswith("Chinese President Xi Jinping and Russian President")
    assert "\nChallenging U.S. Influence\n" in cleaned.text


@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
def test_everything_removed_from_a_seed_is_text_of_the_raw_seed(number):
    raw = " ".join(seed(number).split())
    for removal in clean_seed(number).removed:
        assert removal.reason in REASONS
        assert removal.text and " ".join(removal.text.split()) in raw


# --- captions and credits ---------------------------------------------------------------------------

def test_caption_lines_are_removed_but_kept_in_the_raw_text():
    raw = ("The leaders met on Tuesday.\n\n"
           "Xi and Putin walk in Beijing, China September 2, 2025. Sputnik/Alexander Kazakov/Pool via REUTERS\n\n"
           "They talked for hours.")
    cleaned = clean_article(raw)
    assert cleaned.text == "The leaders met on Tuesday.\n\nThey talked for hours."
    assert cleaned.removed == (Removal("caption", raw.split("\n\n")[1]),)
    assert "Sputnik/Alexander Kazakov/Pool via REUTERS" in raw


def test_a_caption_repeated_with_an_extra_via_reuters_is_a_repeat():
    line = "Xi and Putin walk in Beijing, China September 2, 2025. Sputnik/Alexander Kazakov/Pool via REUTERS"
    cleaned = clean_article(f"{line}\n{line}(via REUTERS)\n\nThe talks began.")
    assert reasons(cleaned) == ["caption", "repeated"]
    assert cleaned.text == "The talks began."


@pytest.mark.parametrize("credit", [
    "Harry Dempster/Express/Getty Images",
    "Xinhua / Shutterstock",
    "Mikhail Metzel / Spoutnik / Kremlin / Pool / Epa-Efe / Shutterstock",
    "Sputnik/Alexander Kazakov/Pool via REUTERS",
    "(via REUTERS)",
    "(Photo by Jane Doe/Getty Images)",
    "(AP Photo/Evan Vucci)",
    "Photo: Andrew Harnik/AP",
    "Credit: Phil Roeder",
    "REUTERS/Tingshu Wang",
])
def test_credit_lines_are_removed_as_credits(credit):
    cleaned = clean_article(f"The talks began on Tuesday.\n\n{credit}\n\nThey ended on Friday.")
    assert cleaned.removed == (Removal("credit", credit),)
    assert cleaned.text == "The talks began on Tuesday.\n\nThey ended on Friday."


@pytest.mark.parametrize("caption", [
    "President Trump speaks in the East Room, June 17, 2020, in Washington. (AP Photo/Alex Brandon)",
    "Dr Fauci listens to President Trump speak at the White House. Photograph: Kevin Lamarque/Reuters",
    "Hillary Clinton speaks at a rally in San Bernardino, Calif., June 3, 2016. (Mike Blake/Reuters)",
    "Image copyright Getty Images Image caption Shoppers queue outside a pharmacy in the rain",
    "Hide caption The minister arrives at the summit in 2009. Previous Next Jane Doe/Example/Getty Images",
    "Senators leave the chamber on Friday. | AP Photo",
])
def test_lines_ending_in_a_credit_are_removed_as_captions(caption):
    cleaned = clean_article(f"The vote was close.\n\n{caption}\n\nThe bill now goes to the House.")
    assert cleaned.removed == (Removal("caption", caption),)


def test_an_inline_credit_takes_the_sentence_before_it_with_it():
    raw = ("The talks lasted four hours. Xi and Putin shake hands in Moscow. Xinhua / Shutterstock "
           "Both sides called the meeting fruitful.")
    cleaned = clean_article(raw)
    assert cleaned.text == "The talks lasted four hours. Both sides called the meeting fruitful."
    assert cleaned.removed == (Removal("caption", "Xi and Putin shake hands in Moscow."),
                               Removal("credit", "Xinhua / Shutterstock"))


@pytest.mark.parametrize("text", [
    "A Reuters/Ipsos survey showed most voters still undecided.",
    "An NBC/AP survey released on Monday showed a close contest.",
    "WASHINGTON (AP) — The Senate voted 51-49 on Friday, Reuters reported.",
    "Getty Images said on Monday it would license the photos.",
    "The president (pictured, right) declined to comment on the photo.",
    "Credit card debt rose for the third month in a row, the Fed said.",
])
def test_running_text_that_mentions_agencies_is_kept(text):
    assert clean_article(text) == Cleaned(text, ())


# --- boilerplate and placeholders --------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "Advertisement",
    "ADVERTISEMENT",
    "Advertisement Continue reading the main story",
    "Story Continued Below",
    "Sign up for Daily Newsletters Manage Newsletters",
    "CLICK HERE TO GET THE FOX NEWS APP",
    "Copyright © 2019 The Washington Times, LLC. Click here for reprint permission.",
    "[pullquote]",
    "Read more: How the Budget Deal Came Together in One Long Night",
    "pic.twitter.com/AbC123xyZ9 — Example Account (@example) May 1, 2020",
    "Get our morning briefing delivered to your inbox. By signing up, you agree to the terms",
])
def test_boilerplate_lines_are_removed_as_boilerplate(line):
    cleaned = clean_article(f"The Senate voted on Friday.\n\n{line}\n\nThe bill passed 51-49.")
    assert cleaned.removed == (Removal("boilerplate", line),)
    assert cleaned.text == "The Senate voted on Friday.\n\nThe bill passed 51-49."


@pytest.mark.parametrize("line", ["news image", "Read More", "Hide caption", "Previous Next",
                                  "Image copyright Getty Images", "Image caption", "Photo", "Video"])
def test_placeholder_lines_are_removed_as_placeholders(line):
    cleaned = clean_article(f"The Senate voted on Friday.\n{line}\nThe bill passed 51-49.")
    assert cleaned.removed == (Removal("placeholder", line),)
    assert cleaned.text == "The Senate voted on Friday.\nThe bill passed 51-49."


def test_a_tweet_embed_keeps_the_tweet_but_loses_its_links_and_signature():
    tweet = ("We are reading the new filing now and will share more soon. pic.twitter.com/AbC123xyZ9 "
             "— Example Reporter (@exreporter) May 1, 2020")
    cleaned = clean_article(tweet)
    assert cleaned.text == "We are reading the new filing now and will share more soon."
    assert removed_as(cleaned, "boilerplate") == ["pic.twitter.com/AbC123xyZ9",
                                                  "— Example Reporter (@exreporter) May 1, 2020"]


def test_read_more_inside_a_sentence_is_kept():
    text = "Read more about the plan in the report, officials said."
    assert clean_article(text).text == text


def test_scraper_markers_are_removed_without_fusing_the_words_around_them():
    cleaned = clean_article("The talks<!-- ad slot -->began on Tuesday.")
    assert cleaned.text == "The talks began on Tuesday."
    assert cleaned.removed == (Removal("scraper-marker", "<!-- ad slot -->"),)


# --- headlines ---------------------------------------------------------------------------------------

def test_a_line_equal_to_the_title_is_removed_whatever_its_case_punctuation_or_site_suffix():
    raw = ("SENATE PASSES BUDGET BILL!\n\nThe Senate voted on Friday.\n\n"
           "Senate passes budget bill – The Daily Planet\n\nThe bill now goes to the House.")
    cleaned = clean_article(raw, title="Senate passes budget bill")
    assert cleaned.text == "The Senate voted on Friday.\n\nThe bill now goes to the House."
    assert reasons(cleaned) == ["headline", "headline"]


def test_the_headline_line_is_removed_only_once():
    raw = "Senate passes bill\nThe Senate voted on Friday.\nSenate passes bill"
    cleaned = clean_article(raw, headline_line="Senate passes bill")
    assert cleaned.text == "The Senate voted on Friday."


# --- repeats ----------------------------------------------------------------------------------------

def test_repeated_sentences_are_removed_case_and_punctuation_insensitively():
    raw = ("The bill passed the Senate on Friday. Democrats objected.\n\n"
           "THE BILL PASSED THE SENATE ON FRIDAY! It now goes to the House.")
    cleaned = clean_article(raw)
    assert cleaned.text == ("The bill passed the Senate on Friday. Democrats objected.\n\n"
                            "It now goes to the House.")
    assert cleaned.removed == (Removal("repeated", "THE BILL PASSED THE SENATE ON FRIDAY!"),)


def test_short_repeated_lines_such_as_subheads_are_kept():
    raw = "What happens next\nThe vote is on Monday.\n\nWhat happens next\nNobody knows."
    assert clean_article(raw).removed == ()


# --- trailing headline ------------------------------------------------------------------------------

BODY = ("Xi Jinping and Vladimir Putin met in Beijing on Thursday, affirming a deepening partnership "
        "between China and Russia while condemning what they called aggressive actions by the "
        "United States. The leaders signed a joint statement on energy, security and trade.\n")


def test_a_trailing_title_case_headline_about_something_else_is_removed():
    cleaned = clean_article(BODY + "Michael Cohen Is Accused Of Telling Lies During Trump Hush-Money Trial")
    assert reasons(cleaned) == ["trailing-headline"]
    assert cleaned.text == BODY.strip()


@pytest.mark.parametrize("last", [
    "Xi And Putin Sign Joint Statement On Energy Partnership",   # the same story
    "Michael Cohen was accused of lying during the trial.",      # a sentence
])
def test_a_trailing_line_that_belongs_to_the_article_is_kept(last):
    assert clean_article(BODY + last).removed == ()


# --- sign-offs: other reporters credited, share links, subscribe calls, stamps -------------------------

@pytest.mark.parametrize("line", [
    "The Associated Press contributed to this report.",
    "Contributing: Doug Stanglin, David Jackson",
    "Contributing: Ann Roe, The (Lakeside, Ruritania) Courier; the Wire Agency",
    "-- Ann Roe, Bo Lind and Cy Marsh contributed to this report.",
    "• Staff writer Ann Roe contributed to this report.",
    "Harbour Post's Ann Roe, Bo Lind and the Wire Agency contributed to this report.",
    "Ann Roe reported from Lakeside. Bo Lind in Port Vale contributed to this report.",
    "Reporting by Ann Roe; Editing by Bo Lind",
    "Reporting by Ann Roe in Port Vale",
    "Ann Roe contributed reporting from Port Vale.",
    "⦁ J.R. Roe, reporting in Lakeside, contributed to this report.",
    "Ann Roe and J.R. Lind contributed to this report.",
])
def test_lines_crediting_other_reporters_are_removed_as_credits(line):
    cleaned = clean_article(BODY + line)
    assert cleaned.text == BODY.strip() and cleaned.removed == (Removal("credit", line),)


@pytest.mark.parametrize("credit", ["The Wire Agency contributed to this report.",
                                    "Ann Roe reported from Lakeside. Bo Lind contributed to this report."])
def test_a_credit_glued_to_the_last_sentence_of_a_one_line_article_is_removed(credit):
    story = "The council voted on the ferry. Residents cheered the decision at length."
    cleaned = clean_article(f"{story} {credit}")
    assert cleaned.text == story and cleaned.removed == (Removal("credit", credit),)


def test_a_players_notice_with_its_caption_is_a_caption():
    line = "Video playback is not available here Media caption Why the ferry vote matters"
    cleaned = clean_article(BODY + line)
    assert cleaned.text == BODY.strip() and cleaned.removed == (Removal("caption", line),)
    prose = "The media caption contest was won by a local reporter, and the town cheered."
    assert clean_article(prose).text == prose


@pytest.mark.parametrize("text", [
    "The council voted on the ferry. Ann Roe contributed to the campaign.",
    "It warns of rising seas. More than 200 scientists from 60 countries contributed to the report.",
])
def test_a_last_sentence_about_contributing_stays(text):
    assert clean_article(text) == Cleaned(text, ())


@pytest.mark.parametrize("text", [
    "Ann Roe reported from Lakeside on the vote.",                       # a report, not a sign-off
    'She said: "Everyone contributed to this report."',                  # someone's words
    "The council said residents contributed to the report, which was published on Monday.",
    "Ann Roe contributed to the campaign. She later ran for mayor herself.",
    "Reporting by the Daily Courier showed last year that the agency had ignored the warnings.",
])
def test_sentences_about_contributing_are_kept(text):
    assert clean_article(text) == Cleaned(text, ())


@pytest.mark.parametrize("line", [
    "Read or Share this story: http://lnk.example/ferry1",
    "Share this story: https://lnk.example/ferry2",
    "Subscribe to our YouTube channel.",
    "Subscribe to our podcast at the Podcast Store.",
    "7 years ago",
    "3 hours ago",
    "(Also on the Courier: Mayor quits after ferry vote)",
    "[Related: Ferry fares rise again]",
    "Subscribe on the Podcast Store or any app for podcasts.",
    "ANALYSIS/OPINION:",
    "© Copyright 2031 The Wire Agency. All rights reserved. Not for resale in Ruritania.",
])
def test_share_links_subscribe_calls_and_stamps_are_boilerplate(line):
    cleaned = clean_article(BODY + line)
    assert cleaned.text == BODY.strip() and cleaned.removed == (Removal("boilerplate", line),)


def test_a_shouted_call_to_action_goes_even_glued_to_the_next_sentence():
    cleaned = clean_article("CLICK HERE TO GET THE COURIER APPThe mayor said the ferry would run. " + BODY)
    assert cleaned.text == "The mayor said the ferry would run. " + BODY.strip()
    assert cleaned.removed == (Removal("boilerplate", "CLICK HERE TO GET THE COURIER APP"),)


def test_a_live_blogs_update_stamp_goes_and_its_heading_stays():
    cleaned = clean_article("Updated at 10:50 p.m. -- The mayor concedes\n\nUpdated at 11 a.m. ET\n\n" + BODY)
    assert cleaned.text == "The mayor concedes\n\n" + BODY.strip()
    assert [r.text for r in cleaned.removed] == ["Updated at 10:50 p.m. --", "Updated at 11 a.m. ET"]


def test_a_reprints_leading_copyright_notice_goes_and_the_article_stays():
    cleaned = clean_article("COPYRIGHT 2031, THE DAILY COURIER. ALL RIGHTS RESERVED. REPRINTED WITH PERMISSION. " + BODY)
    assert cleaned.text == BODY.strip()
    assert reasons(cleaned) == ["boilerplate"]


@pytest.mark.parametrize("text", [
    "Also on Thursday, the Senate passed the budget.",
    "The mayor said: the ferry will run again in May.",
    "NOTE: the ferry will run again in May.",
])
def test_prose_that_opens_like_a_link_or_label_is_kept(text):
    assert clean_article(text) == Cleaned(text, ())


def test_a_long_paragraph_that_mentions_a_podcast_is_kept():
    text = ("Subscribe to our podcast, the mayor joked, before turning to the budget, which the council "
            "will debate next week after months of delay.")
    assert clean_article(text) == Cleaned(text, ())


# --- whitespace ---------------------------------------------------------------------------------------

def test_whitespace_is_normalised_and_curly_quotes_are_kept():
    raw = "\ufeff  First line  \r\nsame paragraph\u200b.\r\n\r\n\r\n\r\n“Second” paragraph’s text \t\n\n"
    assert clean_article(raw) == Cleaned("First line\nsame paragraph.\n\n“Second” paragraph’s text", ())


def test_empty_and_blank_text_give_empty_text():
    assert clean_article("") == Cleaned("", ())
    assert clean_article(" \n\n\t\r\n") == Cleaned("", ())


def test_text_that_is_not_a_string_is_refused():
    with pytest.raises(TypeError):
        clean_article(None)


# --- speed and robustness ------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "word " * 60_000,                                   # 300 KB, one line, no punctuation
    "A/B " * 60_000,                                    # slashes everywhere, as in credit chains
    "(" * 100_000 + "Photo: x",
    "<!--" * 50_000,
    "Xinhua / Shutterstock " * 10_000,
])
def test_pathological_input_is_cleaned_in_linear_time(text):
    start = time.perf_counter()
    clean_article(text)
    assert time.perf_counter() - start < HANG_GUARD_SECONDS


FRAGMENTS = st.sampled_from([
    "<-- test --!> ", "<!-- x -->", " Xinhua / Shutterstock ", "Sputnik/Alexander Kazakov/Pool via REUTERS",
    "(via REUTERS)", "Read More", "news image", "Advertisement", ". ", "\n", "\n\n", "\r\n", "\u200b",
    "The heads of state met in Moscow to discuss.", "Michael Cohen Is Accused Of Telling Lies",
    "pic.twitter.com/abc — Name (@handle) March 7, 2017", "Hide caption ", "(AP Photo/X Y)", "| AP Photo",
    "Copyright © 2019 The Washington Times", "“quoted”", "Photo: ",
])


@settings(max_examples=FUZZ_EXAMPLES, deadline=None)
@given(st.lists(st.text() | FRAGMENTS, max_size=16).map("".join),
       st.none() | st.text(max_size=40), st.none() | st.text(max_size=40))
def test_fuzz_cleaning_never_raises_and_never_invents_words(text, title, headline_line):
    cleaned = clean_article(text, title=title, headline_line=headline_line)
    raw_words = set(WORD.findall(text.replace("\u200b", "").replace("\ufeff", "")
                                 .replace("\u200c", "").replace("\u200d", "").replace("\u2060", "")))
    assert set(WORD.findall(cleaned.text)) <= raw_words
    assert "\n\n\n" not in cleaned.text and cleaned.text == cleaned.text.strip()
    assert all(r.reason in REASONS and r.text == r.text.strip() and r.text for r in cleaned.removed)


def test_a_line_of_symbols_only_is_a_rule_not_text():
    from lib.load.cleaning import clean_article

    cleaned = clean_article("First part of the story.\n\n___\n\n* * *\n\nSecond part, 2 days later.\n\n•••")
    assert cleaned.text == "First part of the story.\n\nSecond part, 2 days later."
    assert [r.text for r in cleaned.removed] == ["___", "* * *", "•••"]
