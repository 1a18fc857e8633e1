"""Terms that distinguish one outlet from the others: Monroe, Colaresi & Quinn's "Fightin' Words".

    counts = distinctive.term_counts(articles)               # outlet, term, count
    distinctive.one_vs_rest(counts)                          # each outlet's most distinctive terms
    distinctive.log_odds(counts, group="A", rest={"B"})      # term, ..., delta, z

``terms`` tokenises text and counts each outlet's terms (with the stopword list), ``matrix``
counts them once per corpus per article (``article_terms``, stored with ``save_matrix`` and
``load_matrix``) so that any selection is counted without tokenising again
(``counts_from_terms``), ``log_odds`` scores terms by the log-odds ratio with an informative
Dirichlet prior.
"""
from lib.distinctive.log_odds import DEFAULT_PRIOR_SIZE, LOG_ODDS_COLUMNS, ONE_VS_REST_COLUMNS, log_odds, one_vs_rest
from lib.distinctive.matrix import (TermMatrix, article_terms, counts_from_terms, load_matrix, release_matrix,
                                    save_matrix)
from lib.distinctive.terms import COUNT_COLUMNS, STOPWORDS, TOKEN_PATTERN, term_counts

__all__ = ["COUNT_COLUMNS", "DEFAULT_PRIOR_SIZE", "LOG_ODDS_COLUMNS", "ONE_VS_REST_COLUMNS", "STOPWORDS",
           "TOKEN_PATTERN", "TermMatrix", "article_terms", "counts_from_terms", "load_matrix", "log_odds", "one_vs_rest",
           "release_matrix", "save_matrix", "term_counts"]
