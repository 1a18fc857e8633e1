"""lib.text.headline: the one rule every package uses to tell a headline from prose."""
from lib.text import headline


def test_a_title_case_headline_is_one_and_a_sentence_packed_with_names_is_not():
    assert headline.is_title_case("Michael Cohen Is Accused Of Telling Lies During Hush-Money Trial")
    assert not headline.is_title_case("President Joe Biden met Senator Mitch McConnell on Tuesday.")


def test_a_headline_may_end_in_a_period_when_it_capitalises_its_small_words():
    assert headline.is_title_case("Trump Met With North Korean Leader In Singapore.")
    assert not headline.is_title_case("Trump met with the North Korean leader in Singapore.")


def test_two_capitalised_words_are_a_name_not_a_headline():
    assert not headline.is_title_case("Vladimir Putin")


def test_title_case_lines_gives_the_offsets_of_each_headline_line():
    text = "Xi Meets Putin In Moscow\nThe two leaders met on Thursday.\nWhat Comes Next For The Pact\n"
    spans = headline.title_case_lines(text)
    assert [text[a:b] for a, b in spans] == ["Xi Meets Putin In Moscow", "What Comes Next For The Pact"]


def test_a_first_line_in_sentence_case_reads_as_a_headline_but_a_byline_or_a_sentence_does_not():
    assert headline.reads_as_headline("Putin and Xi pledge a new era of ties")
    assert not headline.reads_as_headline("By Jane Doe and John Roe")
    assert not headline.reads_as_headline("Putin and Xi pledged a new era of ties on Thursday.")
    assert headline.reads_as_headline("Trump: ‘I will not back down’")
