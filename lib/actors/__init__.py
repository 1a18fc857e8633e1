"""Who is in the news and how each outlet labels them: the actors (people a corpus names often,
with their aliases), the labels attached to their mentions (titles, modifiers, appositives,
descriptors, predicates) and the tone of the sentences that mention them.

Pure-Python heuristics on capitalisation, punctuation and small lists of general English news
words (roles, modifiers, countries and their demonyms); no tagger, NER model or corpus-specific
phrase list. Offsets are character indices into an article's text, end exclusive.

    people = actors.find_actors(articles)                # actor, alias, articles
    found, mentions = actors.analyse(articles, people)   # = labels(...), mention_sentences(...)
    actors.by_outlet(found, articles)                    # labels per outlet

Modules, each with its rules in its docstring: ``words`` (the word lists), ``tokens`` (tokens and
small word tests), ``names`` (``find_actors``), ``mentions`` (alias matching and the parsed
article), ``titles``, ``descriptors`` and ``predicates`` (the label kinds), ``labels`` (``labels``,
``mention_sentences``, ``analyse``, ``by_outlet``), ``tone`` (tone per actor, article and outlet;
imported on its own, as it needs lib.analyse), ``table`` (the analyst's ``actors.csv``) and
``mapped`` (the same tables as a per-article map and a corpus reduce from stored rows). Names
with a leading underscore are private to the package: its modules share them.
"""
from lib.actors.labels import KINDS, analyse, by_outlet, labels, mention_sentences
from lib.actors.names import find_actors

__all__ = ["KINDS", "analyse", "by_outlet", "find_actors", "labels", "mention_sentences"]
