"""Generic news frames per article: conflict, economic, human interest, moral, resolution.

Word choice is one layer of framing; the generic news frame is the next (Semetko & Valkenburg
2000): does a story present its issue as a conflict between sides, by its economic consequences,
through a person's story, in moral terms, or by who solves it and how? The five frames are those
of Frermann et al. (ACL 2023), whose "resolution" is Semetko & Valkenburg's "responsibility".

Method
    1. Indicators. Each frame has a few indicator patterns, one per question of the codebook
       (``INDICATORS``: frame -> (question, example words, pattern)). They are written from the
       questions, not from any corpus's topic: "does one party reproach another?" becomes accuse,
       blame, slam, criticise...; "is there a mention of the costs involved?" becomes cost, price,
       $ amounts, billion, taxpayers... Patterns are matched on each sentence (``lib.text``
       sentences), lower-cased; the quotation layer adds one indicator: first-person words
       (I, my, we, our) inside a quoted sentence are a personal testimony (human interest).
    2. Per article and frame: how many indicator matches (``hits``) and how many sentences. A long
       article mentions money somewhere almost always; the model below weighs that against length.
    3. A logistic model per frame on three features (matches per sentence, log 1 + matches,
       log 1 + sentences; the first two with weights held >= 0, so more matches never lower a
       score) gives the 0..1 ``score``; ``present`` is score >= the frame's threshold. Coefficients and thresholds were fitted on the tuning half of the
       Narrative Frames Corpus dev sample (climate coverage, outlets split into halves) by
       ``python -m bench frames --fit``, and checked on the outlets held out of tuning and on
       articles of other topics (``bench/frames.py``). They are numbers, not words: nothing of
       the tuning topic is in the patterns.
    4. Evidence: the sentences with the most matches of a frame (up to ``EVIDENCE`` per frame),
       ties to the earlier sentence.
"""
from __future__ import annotations

import math
import re
from bisect import bisect_right

import numpy as np
import pandas as pd

from lib.frames import empty, require
from lib.framing.shares import wilson

FRAMES = ("conflict", "economic", "human_interest", "moral", "resolution")
LABELS = {"conflict": "Conflict", "economic": "Economic", "human_interest": "Human interest",
          "moral": "Moral", "resolution": "Resolution"}
VERSION = 1          # bump when the indicators, features or coefficients change (the store re-analyses)
EVIDENCE = 3         # evidence sentences kept per article and frame


def _pattern(words, extra: str | None = None) -> re.Pattern:
    """One pattern matching any of ``words`` as whole words (``*``: any word ending; a space: any
    whitespace), plus ``extra``. Alternatives are grouped by their first letter: at each word
    start only those are tried, which makes the scan ~5× faster than one flat alternation."""
    by_first: dict[str, list[str]] = {}
    for word in sorted(set(words)):
        body = re.escape(word[1:]).replace(r"\*", r"\w*").replace(r"\ ", r"\s+")
        by_first.setdefault(re.escape(word[0]), []).append(body)
    branches = [first + "(?:" + "|".join(rests) + ")" for first, rests in sorted(by_first.items())]
    source = r"\b(?:" + "|".join(branches) + r")\b"
    return re.compile(source + (f"|{extra}" if extra else ""))


# frame -> [(codebook question, words)]. A * is any word ending; phrases match across any whitespace.
INDICATORS: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "conflict": [
        ("disagreement between parties", (
            "disagree*", "dispute*", "clash*", "feud*", "rift*", "at odds", "divided", "divisive", "division over",
            "controvers*", "contentious", "opposition", "oppose", "opposes", "opposed", "opposing", "opponent*",
            "rival*", "adversar*", "standoff", "showdown", "confront*", "tension*", "infighting", "fight over",
            "fighting over", "battle over", "battle with", "war of words", "pushback", "push back", "pushed back",
            "backlash", "resist*", "defy", "defied", "defiance", "protest*", "boycott*", "walked out", "veto*",
            "lawsuit*", "sued", "sues", "suing", "challenge in court", "court challenge", "debate*", "argued",
            "argues", "argument*", "counter", "countered", "counters", "rebut*", "refute*", "denied", "denies", "reject*", "dismiss*",
            "partisan", "polariz*", "polaris*", "split over", "squabbl*", "spat", "row over", "fury")),
        ("reproach of one party by another", (
            "accus*", "blame*", "blaming", "criticis*", "criticiz*", "critic", "critics", "criticism*", "slam*",
            "blast*", "lambast*", "condemn*", "denounc*", "rebuk*", "attack on", "attacked", "attacking", "attacks on",
            "lash* out", "hit out", "hit back", "hits back", "fired back", "ridicul*", "mock*", "scorn*", "derid*",
            "decry", "decried", "decries", "hypocri*", "smear*", "insult*", "assail*", "berat*", "chastis*", "scold*", "fault* for",
            "took aim", "takes aim", "went after", "ripped", "rips", "torched", "skewer*", "bash*", "disparag*")),
        ("two sides or more of the issue", (
            "both sides", "two sides", "other side", "either side", "on one side", "the other hand", "critics say",
            "supporters", "proponents", "detractors", "skeptic*", "sceptic*", "versus", "vs",
            "democrats and republicans", "republicans and democrats", "left and right",
            "liberals", "conservatives", "opposition party", "ruling party", "enemies", "enemy")),
        ("winners and losers", (
            "winners and losers", "winner*", "loser*", "defeat*", "victory", "prevail*", "upper hand",
            "concession*", "compromise*")),
    ],
    "economic": [
        ("financial losses or gains", (
            "profit*", "loss", "losses", "revenue*", "earnings", "income*", "wage*", "salar*", "pay rise",
            "paycheck*", "savings", "wealth*", "poverty", "poorer", "richer", "bankrupt*", "debt*", "deficit*",
            "stock market", "stocks", "shares fell", "shares rose", "investor*", "dividend*", "lucrative",
            "financial*", "financially", "fiscal", "money", "cash", "funds", "fundraising")),
        ("costs and expense", (
            "cost", "costs", "costing", "costly", "price*", "pricing", "expens*", "afford*", "cheap*", "bill for",
            "spend*", "spent", "budget*", "tax", "taxes", "taxed", "taxation", "taxpayer*", "tariff*", "subsid*",
            "fees", "fee", "premium*", "insurance", "funding", "fund", "funded", "invest*", "billion*", "million*",
            "trillion*", "dollar*", "euro*", "per cent of gdp", "gdp")),
        ("economic consequences: jobs, growth, markets", (
            "econom*", "jobs", "job", "employ*", "unemploy*", "workers", "workforce", "layoff*", "laid off",
            "hiring", "industr*", "business*", "compan*", "corporat*", "market*", "trade", "exports", "imports",
            "recession", "inflation", "growth", "manufactur*", "consumer*", "competitiv*", "commercial*",
            "livelihood*")),
    ],
    "human_interest": [
        ("a human example, a person's story", (
            "year-old", "years old", "aged", "grew up", "growing up", "childhood", "his family", "her family",
            "their family", "my family", "families", "mother", "father", "mom", "dad", "son", "daughter*",
            "husband", "wife", "grandmother", "grandfather", "grandchild*", "grandson", "granddaughter",
            "sister", "brother", "baby", "babies", "toddler*", "teenager*", "his home", "her home", "their home*",
            "neighbo*", "residents", "villagers", "survivor*", "victim*", "lost their", "lost his", "lost her", "their homes", "forced to flee", "community members", "ordinary people", "people who", "people like", "personal*", "remember*", "recall*",
            "her life", "his life", "their lives", "lives were", "life savings", "funeral", "wedding", "born")),
        ("emotions: outrage, empathy, sympathy, compassion", (
            "afraid", "fear*", "scared", "terrif*", "heartbreak*", "heartbroken", "devastat*", "grief", "griev*",
            "mourn*", "tears", "tearful*", "cried", "crying", "weep*", "wept", "anguish*", "suffer*", "desperat*",
            "worried", "worry", "anxious", "anxiety", "lonely", "loneliness", "loved ones", "tragic*",
            "tragedy", "tragedies", "horror", "horrif*", "trauma*", "emotional*", "sad", "sadness", "joy*",
            "proud", "pride", "hope*", "hoping", "dream*", "struggl*", "sympath*", "compassion*", "empath*",
            "pain", "painful", "shock*", "upset", "angry", "anger", "frustrat*")),
    ],
    "moral": [
        ("morality and ethics", (
            "moral*", "immoral*", "amoral", "ethical*", "unethical*", "conscience", "virtue*", "virtuous", "sin",
            "sins", "sinful", "evil", "wicked*", "righteous*", "shame*", "ashamed", "disgrace*", "decency",
            "indecent", "dignity", "integrity", "honest*", "dishonest*", "justice", "injustice*", "unjust",
            "fairness", "unfair*", "fair share", "greed*", "selfish*", "betray*", "hypocri*", "duty", "duties",
            "obligation*", "responsibility to", "the right thing", "wrong", "wrongdoing", "our values", "family values", "values of", "principle*",
            "human rights", "humanity", "inhumane", "future generations", "our children", "stewardship",
            "crime against", "crimes against", "lied", "liar*", "deceit*", "decept*")),
        ("God and religious tenets", (
            "god", "god's", "lord", "church*", "pope", "vatican", "faith*", "religio*", "pray*", "bible*",
            "biblical", "scripture*", "christian*", "christianity", "catholic*", "evangelical*", "muslim*",
            "islam*", "jewish", "judaism", "rabbi*", "imam*", "pastor*", "priest*", "bishop*", "clergy",
            "sacred", "holy", "spiritual*", "worship*", "sermon*", "apocalyp*", "heaven", "hell",
            "blessing*", "sinner*")),
        ("how one should behave", (
            "we must", "you should", "you must", "ought to", "we have a moral",
            "should be ashamed", "must stop", "have a duty", "has a duty", "it is wrong", "it's wrong",
            "morally", "the right to", "deserve*", "owe", "owes")),
    ],
    "resolution": [
        ("solutions to the problem", (
            "solution*", "solve*", "solving", "resolve*", "resolution*", "fix", "fixes", "fixing", "remed*",
            "address the", "addressing the", "tackl*", "combat*", "curb*", "reduc*", "prevent*",
            "mitigat*", "adapt*", "alternative*", "innovat*", "way forward", "answer to", "plan", "plans",
            "proposal*", "propos*", "strateg*", "initiative*", "program*", "scheme*", "reform*", "measures",
            "steps to", "step to", "efforts to", "effort to", "in order to", "aim* to", "goal*", "target*")),
        ("government able to alleviate the problem", (
            "policy", "policies", "legislat*", "lawmaker*", "bill", "bills", "new law", "law", "laws", "regulat*",
            "ban", "bans", "banned", "banning", "mandate*", "executive order", "government*", "treaty", "accord",
            "agreement*", "deal", "pact", "summit", "negotiat*", "enact*", "pass the", "passed the", "vote*",
            "voted", "implement*", "enforce*", "introduc*", "signed", "signing", "sign the", "approv*")),
        ("who is responsible, urgent action", (
            "responsib*", "accountab*", "must act", "take action", "taking action", "urgent*", "urge*", "urging",
            "call* for", "calling for", "demand*", "commit*", "pledg*", "promis*", "vow*", "need to", "needs to",
            "must", "should", "require*", "action", "act now", "step up", "lead the way")),
    ],
}
# Personal testimony: first-person words inside someone's quoted words (lib.text's voice).
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|i've|i'd|me|my|mine|we|we're|we've|us|our)\b")
_QUOTED_VOICES = frozenset({"quoted", "mixed"})
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})

# Amounts of money ($5, € 30) have no word boundary before them.
_EXTRA = {"economic": r"[$€£¥]\s?\d"}
_PATTERNS = {frame: _pattern([w for _, words in INDICATORS[frame] for w in words], _EXTRA.get(frame))
             for frame in FRAMES}

# Fitted by ``python -m bench frames --fit`` (logistic regression, see the module docstring):
# frame -> (intercept, coefficients of FEATURES, threshold on the score).
FEATURES = ("hits_per_sentence", "log_hits", "log_sentences")
MODEL: dict[str, tuple[float, tuple[float, float, float], float]] = {
    "conflict": (-2.3216, (0.0000, 0.9005, 0.4064), 0.310),
    "economic": (-4.0063, (0.2989, 1.6849, -0.0095), 0.600),
    "human_interest": (-4.3309, (0.0000, 0.9815, 0.8475), 0.737),
    "moral": (-1.2237, (0.0000, 1.3888, 0.0665), 0.657),
    "resolution": (-3.2373, (0.8914, 0.7206, 0.1875), 0.355),
}

# What bench/frames.py measured for this MODEL (update both together). Per frame (precision,
# recall, F1) on the held-out outlets; macro-F1s and the keyword baseline's in the same run.
VALIDATION = {
    "measured": "2026-12-02",
    "corpus": ("Narrative Frames Corpus dev sample (Frermann et al., ACL 2023; climate coverage, trained "
               "coders' labels): 111 articles of 15 outlets for tuning, 111 of 16 other outlets held out"),
    "held_out": {"conflict": (0.69, 0.87, 0.77), "economic": (0.66, 0.75, 0.70),
                 "human_interest": (0.44, 0.31, 0.36), "moral": (0.50, 0.69, 0.58),
                 "resolution": (0.57, 0.88, 0.69)},
    "macro_f1_held_out": 0.620,
    "macro_f1_tuning_cv": 0.509,         # leave-outlets-out 5-fold cross-validation on the tuning half
    "keyword_baseline_held_out": 0.538,  # a frame present when its name-word occurs at all
    "majority_held_out": 0.153,
    # bench/data/frames_other_topic.json: 20 short US-politics articles (BASIL, Article-Bias-Prediction)
    "other_topic": ("On 20 short articles of other topics (US politics; BASIL and Article-Bias-Prediction) judged "
                    "by hand, 84% of the 100 frame decisions agreed (conflict F1 0.84); there the economic and "
                    "resolution frames were found in only a third of the articles judged to have them."),
}

SCORE_COLUMNS = {f"frame_{f}_score": "float64" for f in FRAMES}  # 0..1 per frame
PRESENT_COLUMNS = {f"frame_{f}": "bool" for f in FRAMES}        # score >= the frame's threshold
_ARTICLE_COLUMNS = {"article_id": "str", **SCORE_COLUMNS, **PRESENT_COLUMNS}
_EVIDENCE_COLUMNS = {"article_id": "str", "frame": "str", "sentence": "int64", "hits": "int64"}
_SHARE_COLUMNS = {"group": "str", "frame": "str", "articles": "int64", "present": "int64", "share": "float64",
                  "ci_low": "float64", "ci_high": "float64", "mean_score": "float64"}


# ---------------------------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------------------------

def sentence_hits(texts: list[str], voices: list[str] | None = None) -> dict[str, list[int]]:
    """Indicator matches per sentence for each frame: frame -> one count per sentence of ``texts``
    (one article's sentences, in order; ``voices`` their lib.text voices, for the quoted
    first-person indicator of human interest)."""
    if not texts:
        return {frame: [] for frame in FRAMES}
    folded = [t.translate(_APOSTROPHES).lower() for t in texts]
    joined = "\n".join(folded)
    starts, at = [], 0
    for sentence in folded:
        starts.append(at)
        at += len(sentence) + 1
    out = {}
    for frame in FRAMES:
        counts = [0] * len(texts)
        for match in _PATTERNS[frame].finditer(joined):
            counts[bisect_right(starts, match.start()) - 1] += 1
        out[frame] = counts
    if voices is not None:
        hi = out["human_interest"]
        for i, (sentence, voice) in enumerate(zip(folded, voices)):
            if voice in _QUOTED_VOICES and _FIRST_PERSON.search(sentence):
                hi[i] += 1
    return out


def features(hits: dict[str, list[int]]) -> dict[str, tuple[float, float, float]]:
    """The model's FEATURES per frame from ``sentence_hits``' counts of one article: matches per
    sentence, log(1 + matches), log(1 + sentences)."""
    n = len(next(iter(hits.values()), []))
    length = math.log1p(n)
    return {frame: (sum(counts) / n if n else 0.0, math.log1p(sum(counts)), length)
            for frame, counts in hits.items()}


def _score(frame: str, values: tuple[float, ...], model=None) -> float:
    intercept, weights, _ = (model or MODEL)[frame]
    z = intercept + sum(w * v for w, v in zip(weights, values))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def score_article(texts: list[str], voices: list[str] | None = None, *, model=None) -> tuple[dict, dict]:
    """One article's sentences (texts, voices) -> ({frame: (score 0..1, present)},
    {frame: [(sentence index, hits), ...]} evidence, most hits first, at most ``EVIDENCE``)."""
    hits = sentence_hits(texts, voices)
    model = model or MODEL
    scored, evidence = {}, {}
    for frame, values in features(hits).items():
        if not texts:
            scored[frame] = (0.0, False)
        else:
            score = _score(frame, values, model)
            scored[frame] = (score, score >= model[frame][2])
        ranked = sorted((i for i, c in enumerate(hits[frame]) if c), key=lambda i: (-hits[frame][i], i))
        evidence[frame] = [(i, hits[frame][i]) for i in ranked[:EVIDENCE]]
    return scored, evidence


def score_frames(sentences: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The five frames of each article from its sentences.

    ``sentences`` is ``lib.text.sentences``' frame (article_id, sentence, text, and voice when
    present), each article's sentences in order. Returns (articles, evidence):

    * articles: article_id, ``frame_<name>_score`` (0..1) and ``frame_<name>`` (bool: score >=
      the frame's threshold) for each name in FRAMES; one row per article with sentences.
    * evidence: article_id, frame (a FRAMES name), sentence (index in the article), hits
      (indicator matches in it, >= 1); the sentences that drove each frame's score, most hits
      first, at most ``EVIDENCE`` per article and frame.
    """
    require(sentences, {"article_id", "sentence", "text"}, "sentences")
    if sentences.empty:
        return empty(_ARTICLE_COLUMNS), empty(_EVIDENCE_COLUMNS)
    rows: dict[str, list] = {name: [] for name in _ARTICLE_COLUMNS}
    found: dict[str, list] = {name: [] for name in _EVIDENCE_COLUMNS}
    ordered = sentences.sort_values(["article_id", "sentence"], kind="stable")
    has_voice = "voice" in ordered.columns
    ids = ordered["article_id"].astype(str).to_numpy()
    texts = ordered["text"].astype(str).tolist()
    numbers = ordered["sentence"].astype("int64").tolist()
    voices = ordered["voice"].astype(str).tolist() if has_voice else None
    bounds = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1], True])
    for a, b in zip(bounds[:-1], bounds[1:]):
        scored, evidence = score_article(texts[a:b], voices[a:b] if has_voice else None)
        rows["article_id"].append(ids[a])
        for frame, (score, present) in scored.items():
            rows[f"frame_{frame}_score"].append(score)
            rows[f"frame_{frame}"].append(bool(present))
            for index, count in evidence[frame]:
                found["article_id"].append(ids[a])
                found["frame"].append(frame)
                found["sentence"].append(numbers[a + index])
                found["hits"].append(count)
    return pd.DataFrame(rows).astype(_ARTICLE_COLUMNS), pd.DataFrame(found).astype(_EVIDENCE_COLUMNS)


# ---------------------------------------------------------------------------------------------
# Aggregates
# ---------------------------------------------------------------------------------------------

def frame_shares(articles: pd.DataFrame, *, by: str = "outlet") -> pd.DataFrame:
    """Share of articles with each frame per group (outlet, story, or any column named ``by``).

    ``articles`` has ``id``, the column ``by`` and the ``frame_<name>`` / ``frame_<name>_score``
    columns of ``score_frames``. Returns group, frame (a FRAMES name), articles (N: articles of
    the group), present (articles with the frame), share (present / articles, 0..1), ci_low,
    ci_high (95% Wilson score interval, 0..1), mean_score (mean 0..1 score); one row per group ×
    frame, groups sorted, frames in FRAMES order. Articles whose group is missing are left out.
    """
    require(articles, {"id", by, *PRESENT_COLUMNS, *SCORE_COLUMNS}, "articles")
    known = articles.dropna(subset=[by]).drop_duplicates("id")
    if known.empty:
        return empty(_SHARE_COLUMNS)
    grouped = known.groupby(by, sort=True)
    out = []
    for frame in FRAMES:
        part = grouped.agg(articles=("id", "size"), present=(f"frame_{frame}", "sum"),
                           mean_score=(f"frame_{frame}_score", "mean")).reset_index()
        out.append(part.rename(columns={by: "group"}).assign(frame=frame))
    table = pd.concat(out, ignore_index=True).astype({"articles": "int64", "present": "int64"})
    table["share"] = table["present"] / table["articles"]
    bounds = [wilson(k, n) for k, n in zip(table["present"], table["articles"])]
    table["ci_low"] = [low for low, _ in bounds]
    table["ci_high"] = [high for _, high in bounds]
    table["group"] = table["group"].astype(str)
    table["frame"] = pd.Categorical(table["frame"], categories=FRAMES, ordered=True)
    table = table.sort_values(["group", "frame"], ignore_index=True).astype({"frame": "str"})
    return table[list(_SHARE_COLUMNS)].astype(_SHARE_COLUMNS)


def validation_text() -> str:
    """The validation figures in one paragraph, for method cards and the page."""
    v = VALIDATION
    per_frame = ", ".join(f"{LABELS[f].lower()} {v['held_out'][f][2]:.2f}" for f in FRAMES)
    text = (f"Measured {v['measured']} on the {v['corpus']}: macro-F1 {v['macro_f1_held_out']:.2f} on the held-out "
            f"outlets (per frame F1: {per_frame}), {v['macro_f1_tuning_cv']:.2f} by leave-outlets-out "
            f"cross-validation on the tuning half; a keyword baseline scores {v['keyword_baseline_held_out']:.2f} "
            f"and the majority class {v['majority_held_out']:.2f}.")
    if v["other_topic"]:
        text += " " + v["other_topic"]
    return text + (" Human interest and moral are rare (about 1 article in 9) and the least reliable: "
                   "read their evidence sentences before quoting a share.")
