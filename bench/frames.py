"""Generic news frames (``lib.framing.generic``) against the Narrative Frames Corpus annotations.

Protocol
    The dev sample (``../shared/corpora/narrative_frames``, 222 climate articles, five frames
    annotated per article by trained coders: Frermann et al., ACL 2023) is read through
    ``lib.load.corpus`` as the dashboard reads it, split into sentences by ``lib.text``, and its
    outlets are split into two halves of about equal size (outlet names normalised: lower case,
    letters and digits only, so ``The Huffington Post`` is ``thehuffingtonpost``; the largest
    outlets are dealt alternately to the smaller half). No outlet is in both halves. Indicator
    words were written from the codebook questions, never from corpus articles; feature variants
    were compared on the tuning half's cross-validation only.

    Scopes (rows per frame: precision, recall, F1; and macro-F1 over the five frames):

    * ``tuning``: the tuning half alone, nested 5-fold cross-validation by outlet, REPEATS times
      with other random deals of outlets to folds (mean, and ± the spread over repeats);
    * ``held-out``: everything fitted on the tuning half, scored once on the other outlets. This
      half was looked at for the first version and again for the second: a check, no longer clean;
    * ``all``: every article, nested cross-validation by outlet (as ``tuning``): the estimate for
      the shipped model, which is fitted on all articles. "Nested": each outer fold's model and
      threshold are chosen without the fold's outlets, the threshold by an inner grouped
      cross-validation there; no outlet is ever in a fold's training and test part.

    Methods, all in the same run:

    * ``majority``: each frame present in every article when the training part has it in most,
      else in none;
    * ``keywords``: a frame is present when its name-word (conflict, economy/cost, personal
      story, moral, solution...) appears at all: the naive keyword-count baseline;
    * ``rule``: the shipped indicators alone, present when the share of sentences with a match
      reaches a threshold chosen per frame in the training part (no model);
    * ``3-feature``: the first version's model (matches per sentence, log matches, log sentences)
      on the same indicators: what the question-level features add;
    * ``model``: the shipped features and logistic model (``fit``).

    Other topic: ``bench/data/frames_other_topic.json`` holds frames judged by hand (one reader,
    the codebook questions) for 20 articles of Article-Bias-Prediction and BASIL (ids only, no
    text); the model's agreement with them is printed.

    Speed: ``score_frames`` on every sentence of the corpus, per article (sentences already split,
    as in the per-article map), and with ``lib.text.sentences`` included.

Run: ``python -m bench frames`` (``--fit``: print the MODEL fitted on all articles, to paste into lib/framing/generic.py).
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
PENALTIES = (1.0,)   # L2 penalties tried inside each fit, chosen by inner CV (a grid 0.3..10 did no better)
REPEATS = 5   # nested cross-validation repeats, each with another random deal of outlets to folds
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


def feature_table(sentences: pd.DataFrame, ids) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """(x, compact): frame -> (articles × FEATURES[frame]) matrix, and frame -> (articles × 3)
    matrix of the first version's features (matches per sentence, log 1 + matches, log 1 +
    sentences: the ablation without question-level evidence), rows in the order of ``ids``."""
    rows: dict[str, dict[str, tuple]] = {frame: {} for frame in FRAMES}
    small: dict[str, dict[str, tuple]] = {frame: {} for frame in FRAMES}
    for article_id, part in sentences.groupby("article_id", sort=False):
        part = part.sort_values("sentence")
        questions = generic.question_hits(part["text"].tolist(), part["voice"].tolist())
        values = generic.features(questions)
        n = len(part)
        for frame in FRAMES:
            rows[frame][article_id] = values[frame]
            total = sum(sum(row) for row in questions[frame])
            small[frame][article_id] = (total / n, np.log1p(total), np.log1p(n))
    x = {frame: np.array([rows[frame].get(i, (0.0,) * len(generic.FEATURES[frame])) for i in ids], dtype=float)
         for frame in FRAMES}
    compact = {frame: np.array([small[frame].get(i, (0.0,) * 3) for i in ids], dtype=float) for frame in FRAMES}
    return x, compact


# --- models ----------------------------------------------------------------------------------

def fit(x: np.ndarray, y: np.ndarray, groups: np.ndarray) -> tuple[float, tuple[float, ...], float]:
    """(intercept, coefficients, threshold): a logistic regression on all of x (classes weighted
    to balance, an L2 penalty chosen from PENALTIES), with the coefficients of every column but
    the last (log sentences) held at zero or above: more indicator matches never lower a score.
    Without that bound correlated features took opposite signs, and a short article dense with
    indicators scored lower than a long one with few. The penalty and the threshold are those
    with the best F1 over out-of-fold scores of a grouped cross-validation inside x (x's outlets
    only; ties to the stronger penalty): a rare frame with a dozen positives gets a flatter model."""
    from sklearn.model_selection import GroupKFold

    splits = list(GroupKFold(n_splits=min(FOLDS, len(set(groups)))).split(x, y, groups))
    best = None
    for penalty in sorted(PENALTIES, reverse=True):
        oof = np.zeros(len(y))
        for train, test in splits:
            if len(set(y[train])) < 2:
                oof[test] = y[train].mean()
                continue
            intercept, weights = _logistic(x[train], y[train], penalty)
            oof[test] = 1 / (1 + np.exp(-(intercept + x[test] @ weights)))
        threshold = best_threshold(oof, y)
        score = f1(oof >= threshold, y)
        if best is None or score > best[0] + 1e-9:
            best = (score, penalty, threshold)
    _, penalty, threshold = best
    intercept, weights = _logistic(x, y, penalty)
    return float(intercept), tuple(float(w) for w in weights), threshold


def _logistic(x: np.ndarray, y: np.ndarray, penalty: float = 1.0) -> tuple[float, np.ndarray]:
    from scipy.optimize import minimize

    y = y.astype(float)
    positive = max(y.sum(), 1.0)
    weight = np.where(y > 0, len(y) / (2 * positive), len(y) / (2 * max(len(y) - positive, 1.0)))

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        z = theta[0] + x @ theta[1:]
        p = 1 / (1 + np.exp(-z))
        value = np.sum(weight * (np.logaddexp(0, z) - y * z)) + 0.5 * penalty * theta[1:] @ theta[1:]
        residual = weight * (p - y)
        return value, np.r_[residual.sum(), x.T @ residual + penalty * theta[1:]]

    bounds = [(None, None)] + [(0, None)] * (x.shape[1] - 1) + [(None, None)]
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


def group_folds(groups: np.ndarray, k: int, seed: int) -> list[np.ndarray]:
    """k test folds of whole outlets: outlets in a random order (``seed``), largest first, each to
    the fold with the fewest articles so far. Returns each fold's row indices."""
    rng = np.random.default_rng(seed)
    names, sizes = np.unique(groups, return_counts=True)
    order = rng.permutation(len(names))
    order = order[np.argsort(-sizes[order], kind="stable")]
    count, members = np.zeros(k), [[] for _ in range(k)]
    for i in order:
        fold = int(np.argmin(count + rng.random(k) * 1e-6))
        members[fold].append(names[i])
        count[fold] += sizes[i]
    return [np.flatnonzero(np.isin(groups, m)) for m in members]


def nested(x: np.ndarray, y: np.ndarray, groups: np.ndarray, seed: int, *, rule: bool = False) -> np.ndarray:
    """Out-of-fold decisions of one repeat of nested cross-validation: each outer fold's model and
    threshold (``rule``: the threshold on the first column alone) are chosen on the other outlets,
    the threshold by an inner grouped cross-validation there; the fold's outlets are never seen."""
    out = np.zeros(len(y), dtype=bool)
    for test in group_folds(groups, FOLDS, seed):
        train = np.setdiff1d(np.arange(len(y)), test)
        if rule:
            out[test] = x[test, 0] >= best_threshold(x[train, 0], y[train])
        else:
            out[test] = predict(fit(x[train], y[train], groups[train]), x[test])
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

def evaluate(limit: int | None = None, *, show_fit: bool = False, held_out: bool = True,
             repeats: int = REPEATS) -> list[Row]:
    read_in = read("narrative_frames", limit)
    if read_in is None:
        return []
    articles, sentences = read_in
    articles["half"] = halves(articles)
    x, compact = feature_table(sentences, articles["id"])
    lowered = [t.lower() for t in articles["text"]]
    tune = (articles["half"] == "tuning").to_numpy()
    groups = articles["group"].to_numpy()
    scopes = {"tuning": tune, "held-out": ~tune, "all": np.ones(len(tune), bool)} if held_out else {"tuning": tune}
    methods = ("majority", "keywords", "rule", "3-feature", "model")
    # scope -> method -> frame -> [(P, R, F1) per repeat]
    scores = {s: {m: {f: [] for f in FRAMES} for m in methods} for s in scopes}
    gold_count = {s: {} for s in scopes}
    fitted, shipped_check = {}, {}
    for frame in FRAMES:
        y = articles[frame].to_numpy(dtype=bool)
        keyword = np.array([bool(KEYWORDS[frame].search(t)) for t in lowered])
        rule_x = x[frame][:, [generic.FEATURES[frame].index("sentence_share")]]
        fitted[frame] = fit(x[frame], y, groups)   # what ships: all 222 articles
        shipped_check[frame] = predict(generic.MODEL[frame], x[frame])
        for scope, mask in scopes.items():
            gy, gg = y[mask], groups[mask]
            gold_count[scope][frame] = int(gy.sum())
            if scope == "held-out":  # chosen on the tuning half, scored once on the held-out half
                base = y[tune].mean() >= 0.5
                runs = {"majority": [np.full(mask.sum(), base)], "keywords": [keyword[mask]],
                        "rule": [rule_x[mask, 0] >= best_threshold(rule_x[tune, 0], y[tune])],
                        "3-feature": [predict(fit(compact[frame][tune], y[tune], groups[tune]), compact[frame][mask])],
                        "model": [predict(fit(x[frame][tune], y[tune], groups[tune]), x[frame][mask])]}
            else:
                runs = {"majority": [], "keywords": [keyword[mask]], "rule": [], "3-feature": [], "model": []}
                for seed in range(repeats):
                    folds = group_folds(gg, FOLDS, seed)
                    majority = np.zeros(mask.sum(), bool)
                    for test in folds:
                        majority[test] = np.delete(gy, test).mean() >= 0.5
                    runs["majority"].append(majority)
                    runs["rule"].append(nested(rule_x[mask], gy, gg, seed, rule=True))
                    runs["3-feature"].append(nested(compact[frame][mask], gy, gg, seed))
                    runs["model"].append(nested(x[frame][mask], gy, gg, seed))
            for m in methods:
                scores[scope][m][frame] = [prf(decided, gy) for decided in runs[m]]
    return _report(scopes, methods, scores, gold_count, repeats, fitted, show_fit, articles, sentences,
                   shipped_check)


def _report(scopes, methods, scores, gold_count, repeats, fitted, show_fit, articles, sentences,
            shipped_check) -> list[Row]:
    n = {s: int(m.sum()) for s, m in scopes.items()}
    print(f"\nGeneric frames on narrative_frames ({n.get('all', n['tuning'])} articles). Scopes: tuning = the "
          f"tuning half ({n['tuning']}), nested 5-fold CV by outlet × {repeats} repeats; held-out = fitted on the "
          f"tuning half, scored once on the other outlets; all = every article, nested CV by outlet × {repeats}")
    print(f"{'scope':<9} {'frame':<15} {'gold':>5} " + " ".join(f"{m + ' P/R/F1':>20}" for m in methods))
    macro = {}
    for scope in scopes:
        for frame in FRAMES:
            cells = []
            for m in methods:
                p, r, f = np.mean(scores[scope][m][frame], axis=0)
                cells.append(f"{p:.2f}/{r:.2f}/{f:.2f}")
            print(f"{scope:<9} {frame:<15} {gold_count[scope][frame]:>5} " + " ".join(f"{c:>20}" for c in cells))
        cells = []
        for m in methods:
            per_repeat = np.mean([[run[2] for run in scores[scope][m][f]] for f in FRAMES], axis=0)
            macro[(scope, m)] = (float(per_repeat.mean()), float(per_repeat.std()))
            cells.append(f"{per_repeat.mean():.3f} ± {per_repeat.std():.3f}")
        print(f"{scope:<9} {'macro-F1':<15} {'':>5} " + " ".join(f"{c:>20}" for c in cells))
    rows: list[Row] = []
    for scope in scopes:
        base = max(macro[(scope, "majority")][0], macro[(scope, "keywords")][0])
        for frame in FRAMES:
            p, r, f = np.mean(scores[scope]["model"][frame], axis=0)
            kp, kr, kf = np.mean(scores[scope]["keywords"][frame], axis=0)
            rows.append(Row(f"{scope} {frame} F1", f, "F1", note=f"P {p:.2f} R {r:.2f}; keywords F1 {kf:.2f}"))
        value, spread = macro[(scope, "model")]
        rows.append(Row(f"{scope} macro-F1", value, "F1", ratio=value / base if base else None,
                        note=f"± {spread:.3f} over repeats; keywords {macro[(scope, 'keywords')][0]:.3f}, "
                             f"3-feature {macro[(scope, '3-feature')][0]:.3f}; ratio: against the better of "
                             "majority and keywords"))
    if "all" in scopes:
        gold = {f: articles[f].to_numpy(dtype=bool) for f in FRAMES}
        shipped = float(np.mean([prf(shipped_check[f], gold[f])[2] for f in FRAMES]))
        rows.append(Row("shipped MODEL on all articles (seen in fitting: not an estimate)", shipped, "F1"))
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
    parser.add_argument("--fit", action="store_true", help="print the MODEL fitted on all articles (what ships)")
    parser.add_argument("--tuning-only", action="store_true", help="show nothing of the held-out half (while tuning)")
    parser.add_argument("--repeats", type=int, default=REPEATS, help="nested cross-validation repeats")
    args = parser.parse_args()
    print_table("Generic news frames", evaluate(args.limit, show_fit=args.fit, held_out=not args.tuning_only, repeats=args.repeats))
