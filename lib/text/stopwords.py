"""The one stop-word list, in layers, for every measure that leaves words out.

``FUNCTION_WORDS``: English grammar words (articles, pronouns, prepositions, auxiliaries). A
framing variant made of one of these would match almost every sentence (``lib.framing`` refuses
it); nothing topical or stylistic is in it, so "said" against "claimed" stays a framing choice.

``STOPWORDS``: those, more function words, contractions (with a straight apostrophe; "it's",
"he's", "let's" lose their "'s" and meet "it", "he", "let"), and four kinds of news-speak that
differ between outlets by house style rather than by framing: the neutral reporting verbs (said,
says, say, told, according), courtesy titles (the New York Times writes "Mr. Biden" on second
reference, most outlets do not), "a.m."/"p.m.", and "also". Loaded reporting verbs ("claimed",
"insisted", "admitted") are deliberately *not* stopwords: choosing them is framing. Nor are "new"
(New York), "first" (first lady), "white", "house" or number words other than "one": they head
useful bigrams. Used by distinctive terms, story labels and omissions, and cleaning's comparison
of a trailing headline with the article.

All lower case; compare with ``word.casefold()`` after folding ’ to '.
"""
from __future__ import annotations

import importlib.util
from functools import cache

FUNCTION_WORDS: frozenset[str] = frozenset("""
a about above after again against all also am an and any are as at be been before being below
between both but by can could did do does doing down during each few for from further had has have
having he her here hers herself him himself his how i if in into is it its itself just me more most
my myself no nor not now of off on once only or other our ours ourselves out over own same she
should so some such than that the their theirs them themselves then there these they this those
through to too under until up us very was we were what when where which while who whom why will with
would you your yours yourself
""".split())

_MORE_FUNCTION_WORDS = frozenset("""
across almost along already although always among another anyone anything around because cannot done
either else even ever every everyone everything however least less let many may might much must
neither nobody none nothing often one onto others otherwise ought per perhaps quite rather shall
since someone something still though thus toward towards unless upon via well whatever whenever
whether whoever whose within without yet yourselves
""".split())

_CONTRACTIONS = frozenset("""
aren't can't couldn't didn't doesn't don't hadn't hasn't haven't he'd he'll i'd i'll i'm i've isn't
it'll mustn't shan't she'd she'll shouldn't that'll there'll they'd they'll they're they've wasn't
we'd we'll we're we've weren't who'd who'll won't wouldn't you'd you'll you're you've
""".split())

_NEWS_SPEAK = frozenset("said says say saying told according mr mrs ms a.m p.m".split())

STOPWORDS: frozenset[str] = FUNCTION_WORDS | _MORE_FUNCTION_WORDS | _CONTRACTIONS | _NEWS_SPEAK


@cache
def scikit_learn_english() -> frozenset[str]:
    """scikit-learn's English stopword list (318 words; story vectors and labels use it), read
    from its module file without importing scikit-learn (whose package import pulls in SciPy's
    statistics: about a second)."""
    spec = importlib.util.find_spec("sklearn")  # finds the package without running it
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("scikit-learn is not installed")
    location = f"{list(spec.submodule_search_locations)[0]}/feature_extraction/_stop_words.py"
    words = importlib.util.spec_from_file_location("_framescope_scikit_learn_stop_words", location)
    module = importlib.util.module_from_spec(words)
    words.loader.exec_module(module)
    return frozenset(module.ENGLISH_STOP_WORDS)
