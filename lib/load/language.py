"""Which language an article is in. VADER and YAKE are English-only, so non-English articles are
flagged (and later left out of English-only measures), never dropped."""
from __future__ import annotations

import re
from functools import lru_cache

# Below this many letters the guess is noise: such texts are called English (the corpus norm).
_MIN_LETTERS = 40
_MIN_CONFIDENCE = 0.9
_SAMPLE_CHARS = 1500  # plenty for a confident guess; langid's cost grows with the sample
_LETTER = re.compile(r"[^\W\d_]")


@lru_cache(maxsize=1)
def _identifier():
    # py3langid ships its model inside the package: nothing is fetched at run time.
    from py3langid import langid

    return langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE, norm_probs=True)


def detect(text: str) -> str:
    """ISO 639-1 code of the text's language ('en', 'fr', ...), 'en' when too short to tell or
    when the classifier is less than 90% sure. Reads the first 1,500 characters only."""
    sample = text[:_SAMPLE_CHARS]
    if len(_LETTER.findall(sample, 0, 400)) < _MIN_LETTERS and len(_LETTER.findall(sample)) < _MIN_LETTERS:
        return "en"
    language, confidence = _identifier().classify(sample)
    return language if confidence >= _MIN_CONFIDENCE else "en"
