"""Stories: the articles about one event, across outlets, so that outlets are compared on the same news.

    from lib import stories       # imports SciPy's clustering (~0.2 s): import it where it is needed
    assigned = stories.group(articles)                                   # article_id, story, ...
    assigned = stories.apply_overrides(assigned, stories.read_overrides(folder))
    stories.describe(assigned, articles)                                 # one row per story, labelled

``grouping`` clusters articles into stories by text similarity and date proximity (first or
incremental runs), ``overrides`` reads, saves, merges and applies the analyst's fixes in ``stories.csv``,
``labels`` names and summarises each story (and gives it a short, date-first name for pickers),
``coverage`` counts each outlet's articles per story (blindspots: outlets that published in the
story's days but not on it), ``omissions`` finds what some outlets on a story mention and the others never do.
"""
from lib.stories.coverage import BLINDSPOT, COVERED, QUIET, UNATTRIBUTED, WINDOW_DAYS, coverage
from lib.stories.grouping import (DAY_DISCOUNT, LEDE_WEIGHT, LEDE_WORDS, MAX_DAYS, MAX_LINKAGE, THRESHOLD,
                                  UNDATED_MARGIN, UNDATED_WEIGHT, group)
from lib.stories.grouping import _days as _days  # bench/story_grouping.py measures the similarity space
from lib.stories.grouping import _Space as _Space
from lib.stories.grouping import _vectors as _vectors
from lib.stories.labels import OPTION_CHARS, describe, option_names, with_labels
from lib.stories.omissions import omissions
from lib.stories.overrides import (ACTIONS, OVERRIDE_COLUMNS, STORIES_FILE, apply_overrides, merge_overrides,
                                   override_status, read_overrides, save_overrides)

__all__ = ["ACTIONS", "BLINDSPOT", "COVERED", "OPTION_CHARS", "QUIET", "UNATTRIBUTED", "WINDOW_DAYS", "option_names",
           "with_labels", "DAY_DISCOUNT", "LEDE_WEIGHT", "LEDE_WORDS", "MAX_DAYS", "MAX_LINKAGE", "OVERRIDE_COLUMNS",
           "STORIES_FILE", "THRESHOLD", "UNDATED_MARGIN", "UNDATED_WEIGHT", "apply_overrides", "coverage", "describe", "group",
           "merge_overrides", "omissions", "override_status", "read_overrides", "save_overrides"]
