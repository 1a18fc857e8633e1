"""Coverage of stories by outlet: articles per story and outlet, and the blindspots.
"""
from __future__ import annotations

import pandas as pd

from lib.coverage import outlet_names
from lib.frames import empty as _empty
from lib.frames import require as _require


def coverage(assignments: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Articles per story and outlet, zeros included.

    Returns story, outlet, articles (count, ≥ 0), blindspot (True when the outlet published
    nothing on this story although it is in the corpus with other stories; never for '(unknown
    outlet)'). Every story × every outlet of the articles given; sorted by story, outlet.
    """
    _require(assignments, {"article_id", "story"}, "assignments")
    _require(articles, {"id", "outlet"}, "articles")
    columns = {"story": "str", "outlet": "str", "articles": "int64", "blindspot": "bool"}
    info = pd.DataFrame({"article_id": articles["id"].astype("str"), "outlet": outlet_names(articles)})
    merged = assignments[["article_id", "story"]].astype("str").merge(info, on="article_id", how="inner")
    if merged.empty:
        return _empty(columns)
    counts = merged.groupby(["story", "outlet"]).size()
    full = pd.MultiIndex.from_product([sorted(merged["story"].unique()), sorted(merged["outlet"].unique())],
                                      names=["story", "outlet"])
    out = counts.reindex(full, fill_value=0).rename("articles").reset_index()
    out["blindspot"] = (out["articles"] == 0) & (out["outlet"] != outlet_names(pd.DataFrame({"outlet": [None]}))[0])
    return out.astype(columns)
