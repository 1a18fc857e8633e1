"""Articles' text as units of analysis: sentence spans with character offsets, quotation spans
and the voice (narrative, quoted, scare, mixed) each span is written in, the sentences frame,
the one headline rule and the one stop-word list.

    from lib import text
    text.sentences(articles)      # article_id, sentence, start, end, text, voice, quoted_chars
"""
from lib.text.quotes import SCARE_MAX_WORDS, Quote, quotes, voice
from lib.text.sentences import QUOTED_SHARE, VOICES, sentences
from lib.text.spans import MAX_SENTENCE_CHARS, sentence_spans

__all__ = ["MAX_SENTENCE_CHARS", "QUOTED_SHARE", "SCARE_MAX_WORDS", "VOICES", "Quote", "quotes",
           "sentence_spans", "sentences", "voice"]
