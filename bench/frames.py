"""Generic news frames (``lib.framing.generic``) against the Narrative Frames Corpus annotations.

Protocol
    The dev sample (``../shared/corpora/narrative_frames``, 222 climate articles, five frames
    annotated per article by trained coders: Frermann et al., ACL 2023) is read through
    ``lib.load.corpus`` as the dashboard reads it, split into sentences by ``lib.text``, and its
    outlets are split into two halves of about equal size (outlet names normalised: lower case,
    letters and digits only, so ``The Huffington Post`` is ``thehuffingtonpost``; the largest
    outlets are dealt alternately to the smaller half). The **tuning** half is the only one the
    indicators were inspected and the model fitted on; the **held-out** half was scored once the
    indicators and features were fixed. No outlet is in both halves.

    Rows, per frame (precision, recall, F1) and macro-F1 over the five frames:

    * ``majority``: each frame present in every article when the tuning half has it in most,
      else in none;
    * ``keywords``: a frame is present when its name-word (conflict, economy/cost, personal
      story, moral, solution...) appears at all: the naive keyword-count baseline;
    * ``indicators``: the shipped indicator patterns alone, present when the matches per sentence
      reach a threshold chosen per frame (a rule, no model; on the tuning half cross-validated as
      the model is, on the held-out half the threshold chosen on the whole tuning half);
    * ``model``: the shipped indicators and the logistic model, on the tuning half by
      leave-outlets-out 5-fold cross-validation (grouped by outlet: no outlet in both the fold's
      training and test part), and on the held-out half as shipped (fitted on the whole tuning half).

    Other topic: ``bench/data/frames_other_topic.json`` holds frames judged by hand (one reader,
    the codebook questions) for 20 articles of Article-Bias-Prediction and BASIL (ids only, no
    text); the model's agreement with them is printed.

    Speed: ``score_frames`` on every sentence of the corpus, per article (sentences already split,
    as in the per-article map), and with ``lib.text.sentences`` included.

Run: ``python -m bench frames`` (``--fit``: print the fitted MODEL to paste into lib/framing/generic.py).
"""
from __future__ import annotations

import argparse
import json
import re
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from bench.common import ROOT, Row, corpus_path, print_table
from lib import text
from lib.framing import generic
from lib.load import corpus as corpus_module

FRAMES = generic.FRAMES
OTHER_TOPIC = ROOT / "bench" / "data" / "frames_other_topic.json"
FOLDS = 5
# The naive baseline: does the frame's own name-word occur at all?
KEYWORDS = {
    "conflict": re.compile(r"\b(?:conflict\w*|disagree\w*|fight\w*|oppos\w*)\b"),
    "economic": re.compile(r"\b(?:econom\w*|cost\w*|money|jobs?)\b"),
    "human_interest": re.compile(r"\b(?:personal\w*|family|families|emotion\w*|feel\w*)\b"),
    "moral": re.compile(r"\b(?:moral\w*|ethic\w*|god|religio\w*)\b"),
    "resolution": re.compile(r"\b(?:solution\w*|solve\w*|policy|policies|responsib\w*)\b"),
}


# --- data ------------------------------------------------------------------------------------

def read(name: str, limit: int | None = None, *, keep=None) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """(articles, sentences) of a shared corpus as the dashboard reads it: articles has id,
    outlet, group (normalised outlet), source_id (the corpus's id) and, when annotated, the gold
    frames as booleans; sentences is lib.text.sentences' frame."""
    folder = corpus_path(name)
    if folder is None:
        return None
    records = [json.loads(line) for line in (folder / "articles.jsonl").open(encoding="utf-8")]
    if keep is not None:
        records = [r for r in records if r["id"] in keep]
    records = records[:limit] if limit else records
    with tempfile.TemporaryDirectory() as tmp:
        fields = ("id", "outlet", "date", "title", "text")
        lines = (json.dumps({f: r.get(f) for f in fields}, ensure_ascii=False) + "\n" for r in records)
        (Path(tmp) / f"{name}.jsonl").write_text("".join(lines), encoding="utf-8")
        loaded = corpus_module.load(Path(tmp), cache=Path(tmp) / "cache")
        articles = loaded.articles[loaded.articles["status"] == "loaded"].copy()
        articles["text"] = loaded.texts.of(articles["id"])
    by_row = {i + 1: r for i, r in enumerate(records)}
    articles["source_id"] = [by_row[row]["id"] for row in articles["row"]]
    articles["group"] = [re.sub(r"[^a-z0-9]", "", str(by_row[row]["outlet"]).lower()) for row in articles["row"]]
    for frame in FRAMES:
        if all("frames" in r for r in records):
            articles[frame] = [bool(by_row[row]["frames"][frame]) for row in articles["row"]]
    articles = articles.drop_duplicates("id").reset_index(drop=True)
    return articles, text.sentences(articles[["id", "text"]])


def halves(articles: pd.DataFrame) -> pd.Series:
    """'tuning' or 'held-out' per article: whole outlets, largest first, each to the smaller half."""
    sizes = articles["group"].value_counts()
    order = sorted(sizes.index, key=lambda g: (-sizes[g], g))
    count = {"tuning": 0, "held-out": 0}
    side = {}
    for group in order:
        chosen = min(count, key=lambda s: (count[s], s == "held-out"))
        side[group] = chosen
        count[chosen] += sizes[group]
    return articles["group"].map(side)


def feature_table(sentences: pd.DataFrame, ids) -> dict[str, np.ndarray]:
    """frame -> (articles × FEATURES) matrix, rows in the order of ``ids``."""
    rows: dict[str, dict[str, tuple]] = {frame: {} for frame in FRAMES}
    for article_id, part in sentences.groupby("article_id", sort=False):
        part = part.sort_values("sentence")
        values = generic.features(generic.sentence_hits(part["text"].tolist(), part["voice"].tolist()))
        for frame in FRAMES:
            rows[frame][article_id] = values[frame]
    empty = (0.0,) * len(generic.FEATURES)
    return {frame: np.array([rows[frame].get(i, empty) for i in ids], dtype=float) for frame in FRAMES}


# --- models ----------------------------------------------------------------------------------

def fit(x: np.ndarray, y: np.ndarray, groups: np.ndarray) -> tuple[float, tuple[float, ...], float]:
    """(intercept, coefficients, threshold): a logistic regression on all of x (classes weighted
    to balance, an L2 penalty of 1, as scikit-learn's defaults), with the coefficients of the two
    indicator features held at zero or above: more indicator matches never lower a score. Without
    that bound the two correlated features took opposite signs, and a short article dense with
    indicators scored lower than a long one with few. The threshold maximises F1 over out-of-fold
    scores of a grouped cross-validation inside x."""
    from sklearn.model_selection import GroupKFold

    oof = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=min(FOLDS, len(set(groups)))).split(x, y, groups):
        if len(set(y[train])) < 2:
            oof[test] = y[train].mean()
            continue
        intercept, weights = _logistic(x[train], y[train])
        oof[test] = 1 / (1 + np.exp(-(intercept + x[test] @ weights)))
    threshold = best_threshold(oof, y)
    intercept, weights = _logistic(x, y)
    return float(intercept), tuple(float(w) for w in weights), threshold


def _logistic(x: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    from scipy.optimize import minimize

    y = y.astype(float)
    positive = max(y.sum(), 1.0)
    weight = np.where(y > 0, len(y) / (2 * positive), len(y) / (2 * max(len(y) - positive, 1.0)))

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        z = theta[0] + x @ theta[1:]
        p = 1 / (1 + np.exp(-z))
        value = np.sum(weight * (np.logaddexp(0, z) - y * z)) + 0.5 * theta[1:] @ theta[1:]
        residual = weight * (p - y)
        return value, np.r_[residual.sum(), x.T @ residual + theta[1:]]

    bounds = [(None, None), (0, None), (0, None)] + [(None, None)] * (x.shape[1] - 2)
    found = minimize(loss, np.zeros(x.shape[1] + 1), jac=True, method="L-BFGS-B", bounds=bounds)
    return float(found.x[0]), found.x[1:]


def best_threshold(scores: np.ndarray, y: np.ndarray) -> float:
    candidates = np.unique(np.round(scores, 3))
    best = max(candidates, key=lambda t: (f1(scores >= t, y), -abs(t - 0.5)))
    return float(best)


def predict(model: tuple, x: np.ndarray) -> np.ndarray:
    intercept, weights, threshold = model
    scores = 1 / (1 + np.exp(-(intercept + x @ np.array(weights))))
    return scores >= threshold


def cross_validated(x: np.ndarray, y: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Out-of-fold decisions: each fold's model (and threshold) fitted without the fold's outlets."""
    from sklearn.model_selection import GroupKFold

    out = np.zeros(len(y), dtype=bool)
    for train, test in GroupKFold(n_splits=FOLDS).split(x, y, groups):
        out[test] = predict(fit(x[train], y[train], groups[train]), x[test])
    return out


def cross_validated_rule(density: np.ndarray, y: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Out-of-fold decisions of the rule: each fold's threshold chosen without the fold's outlets."""
    from sklearn.model_selection import GroupKFold

    out = np.zeros(len(y), dtype=bool)
    for train, test in GroupKFold(n_splits=FOLDS).split(density, y, groups):
        out[test] = density[test] >= best_threshold(density[train], y[train])
    return out


def f1(predicted: np.ndarray, gold: np.ndarray) -> float:
    return prf(predicted, gold)[2]


def prf(predicted: np.ndarray, gold: np.ndarray) -> tuple[float, float, float]:
    predicted, gold = np.asarray(predicted, bool), np.asarray(gold, bool)
    tp = float((predicted & gold).sum())
    p = tp / predicted.sum() if predicted.sum() else 0.0
    r = tp / gold.sum() if gold.sum() else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# --- the run ---------------------------------------------------------------------------------

def evaluate(limit: int | None = None, *, show_fit: bool = False, held_out: bool = True) -> list[Row]:
    read_in = read("narrative_frames", limit)
    if read_in is None:
        return []
    articles, sentences = read_in
    articles["half"] = halves(articles)
    x = feature_table(sentences, articles["id"])
    lowered = [t.lower() for t in articles["text"]]
    tune = (articles["half"] == "tuning").to_numpy()
    held = ~tune
    groups = articles["group"].to_numpy()
    decisions: dict[tuple[str, str], dict[str, np.ndarray]] = {}
    fitted = {}
    for frame in FRAMES:
        y = articles[frame].to_numpy(dtype=bool)
        majority = y[tune].mean() >= 0.5
        keyword = np.array([bool(KEYWORDS[frame].search(t)) for t in lowered])
        density = x[frame][:, 0]
        rule_threshold = best_threshold(density[tune], y[tune])
        fitted[frame] = fit(x[frame][tune], y[tune], groups[tune])
        cv = cross_validated(x[frame][tune], y[tune], groups[tune])
        shipped = predict(generic.MODEL[frame], x[frame])
        for half, mask in (("tuning", tune), ("held-out", held)):
            d = decisions.setdefault((half, frame), {})
            d["majority"] = np.full(mask.sum(), majority)
            d["keywords"] = keyword[mask]
            d["indicators"] = (cross_validated_rule(density[tune], y[tune], groups[tune]) if half == "tuning"
                               else density[mask] >= rule_threshold)
            d["model"] = cv if half == "tuning" else predict(fitted[frame], x[frame][held])
            d["shipped"] = shipped[mask]
            d["gold"] = y[mask]
    methods = ("majority", "keywords", "indicators", "model", "shipped")
    print(f"\nGeneric frames on narrative_frames: tuning half {tune.sum()} articles "
          f"({len(set(groups[tune]))} outlets), held-out half {held.sum()} ({len(set(groups[held]))} outlets)")
    print(f"{'half':<9} {'frame':<15} {'gold':>5} " + " ".join(f"{m + ' P/R/F1':>20}" for m in methods))
    rows: list[Row] = []
    macro = {(half, m): [] for half in ("tuning", "held-out") for m in methods}
    shown = ("tuning", "held-out") if held_out else ("tuning",)
    for half in shown:
        for frame in FRAMES:
            d = decisions[(half, frame)]
            cells = []
            for m in methods:
                p, r, f = prf(d[m], d["gold"])
                macro[(half, m)].append(f)
                cells.append(f"{p:.2f}/{r:.2f}/{f:.2f}")
            print(f"{half:<9} {frame:<15} {int(d['gold'].sum()):>5} " + " ".join(f"{c:>20}" for c in cells))
        print(f"{half:<9} {'macro-F1':<15} {'':>5} "
              + " ".join(f"{np.mean(macro[(half, m)]):>20.3f}" for m in methods))
    for half in shown:
        base = max(np.mean(macro[(half, "majority")]), np.mean(macro[(half, "keywords")]))
        for frame_index, frame in enumerate(FRAMES):
            d = decisions[(half, frame)]
            key = "model" if half == "tuning" else "shipped"
            p, r, f = prf(d[key], d["gold"])
            rows.append(Row(f"{half} {frame} F1 ({'cv' if half == 'tuning' else 'shipped'})", f, "F1",
                            note=f"P {p:.2f} R {r:.2f}; keywords F1 {macro[(half, 'keywords')][frame_index]:.2f}"))
        value = np.mean(macro[(half, "model" if half == "tuning" else "shipped")])
        rows.append(Row(f"{half} macro-F1", value, "F1", ratio=value / base if base else None,
                        note="ratio: against the better of majority and keywords"))
    if show_fit:
        print("\nMODEL = {")
        for frame in FRAMES:
            intercept, weights, threshold = fitted[frame]
            print(f'    "{frame}": ({intercept:.4f}, ({", ".join(f"{w:.4f}" for w in weights)}), {threshold:.3f}),')
        print("}")
    rows.extend(_other_topic())
    rows.extend(_speed(articles, sentences))
    return rows


def _other_topic() -> list[Row]:
    if not OTHER_TOPIC.exists():
        return []
    judged = json.loads(OTHER_TOPIC.read_text(encoding="utf-8"))
    agree, total, per_frame = 0, 0, {f: [0, 0] for f in FRAMES}
    predicted_all, gold_all = {f: [] for f in FRAMES}, {f: [] for f in FRAMES}
    for name, items in judged["corpora"].items():
        keep = {item["id"] for item in items}
        read_in = read(name, keep=keep)
        if read_in is None:
            continue
        articles, sentences = read_in
        scored, _ = generic.score_frames(sentences)
        decided = articles[["id", "source_id"]].merge(scored, left_on="id", right_on="article_id")
        by_source = decided.set_index("source_id")
        for item in items:
            if item["id"] not in by_source.index:
                continue
            for frame in FRAMES:
                mine = bool(by_source.at[item["id"], f"frame_{frame}"])
                gold = bool(item["frames"][frame])
                predicted_all[frame].append(mine)
                gold_all[frame].append(gold)
                per_frame[frame][0] += mine == gold
                per_frame[frame][1] += 1
                agree += mine == gold
                total += 1
    if not total:
        return []
    # baseline: every frame absent but conflict, the majority decision of the tuning half
    majority = sum(int(g == (f == "conflict")) for f in FRAMES for g in gold_all[f])
    rows = [Row("other topic: agreement with hand judgement", agree / total, "share", ratio=agree / max(majority, 1),
                note=f"{total // len(FRAMES)} articles × 5 frames; majority-class agreement {majority / total:.2f}")]
    f1s = []
    for frame in FRAMES:
        p, r, f = prf(np.array(predicted_all[frame]), np.array(gold_all[frame]))
        f1s.append(f)
        rows.append(Row(f"other topic: {frame} F1", f, "F1",
                        note=f"P {p:.2f} R {r:.2f}; agreement {per_frame[frame][0]}/{per_frame[frame][1]}; "
                             f"judged present {sum(gold_all[frame])}"))
    rows.append(Row("other topic: macro-F1", float(np.mean(f1s)), "F1"))
    return rows


def _speed(articles: pd.DataFrame, sentences: pd.DataFrame) -> list[Row]:
    n = articles["id"].nunique()
    generic.score_frames(sentences.head(50))  # warm up
    best_score = min(_timed(lambda: generic.score_frames(sentences)) for _ in range(3))
    split = min(_timed(lambda: text.sentences(articles[["id", "text"]])) for _ in range(2))
    words = articles["words"].mean()
    return [Row("scoring: CPU ms per article (sentences given)", 1000 * best_score / n, "ms",
                note=f"{n} articles, {words:.0f} words each on average; best of 3"),
            Row("with sentence splitting (lib.text.sentences)", 1000 * (best_score + split) / n, "ms",
                ratio=best_score / (best_score + split), note="ratio: share of the time that is scoring")]


def _timed(call) -> float:
    # CPU time of this process: the development machines are shared, and wall time there
    # measures the neighbours' load as much as ours.
    start = time.process_time()
    call()
    return time.process_time() - start


def run(limit: int | None = None) -> list[Row]:
    return evaluate(limit)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m bench.frames")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--fit", action="store_true", help="print the MODEL fitted on the tuning half")
    parser.add_argument("--tuning-only", action="store_true", help="show nothing of the held-out half (while tuning)")
    args = parser.parse_args()
    print_table("Generic news frames", evaluate(args.limit, show_fit=args.fit, held_out=not args.tuning_only))
