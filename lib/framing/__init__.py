"""Framing by word choice: which alternative wording each outlet uses for the same thing (a
contested-term set), and in whose voice (its own, or inside a quotation); and the generic news
frames of each article (conflict, economic, human interest, moral, resolution: ``generic``).

    lexicon = framing.read_lexicon(folder)[0]   # group, term, variants (framing.csv)
    found = framing.matches(articles, lexicon)  # one row per match, with offsets and voice
    framing.shares(found, articles)             # per outlet: each term's share of its group, 95% CI
    scored, evidence = framing.score_frames(sentences)   # per article: five frames, 0..1 and present
    framing.frame_shares(articles, by="outlet")          # per outlet (or story): share with each frame, 95% CI
    sets, counts = framing.candidate_sets(articles)      # contested-term sets found in the corpus itself
    framing.suggestions(articles, sets, counts)          # the best of them for these articles

``lexicon`` reads, validates, saves and merges the analyst's ``framing.csv`` (the shipped default is in
``data/``), ``matches`` finds its variants in articles, ``shares`` aggregates per outlet; ``generic``
scores the generic frames in the per-article map and aggregates them per outlet or story;
``suggest`` finds contested-term sets with no lexicon and ``suggested`` keeps what the analyst did
with them (added to the lexicon, dismissed).
"""
from lib.framing.lexicon import (COLUMNS, DEFAULT_FILE, LEXICON_FILE, PREVIOUS_FILE, default_lexicon,
                                 merge_lexicons, read_lexicon, save_lexicon, validate)
from lib.framing.generic import FRAMES, frame_shares, score_frames
from lib.framing.matches import PreviousMatches, matches, rematch
from lib.framing.suggest import candidate_sets, evidence, prerank, rank, suggestions
from lib.framing.suggested import DISMISSED_FILE, add_to_lexicon, dismiss, read_dismissed, without_known
from lib.framing.shares import VOICES, shares, usage, wilson

__all__ = ["DISMISSED_FILE", "add_to_lexicon", "candidate_sets", "dismiss", "evidence", "prerank", "rank", "read_dismissed",
           "suggestions", "without_known",
           "COLUMNS", "DEFAULT_FILE", "FRAMES", "LEXICON_FILE", "PREVIOUS_FILE", "VOICES", "PreviousMatches", "default_lexicon", "matches", "rematch",
           "merge_lexicons", "read_lexicon", "save_lexicon", "frame_shares", "score_frames", "shares", "usage", "validate", "wilson"]
