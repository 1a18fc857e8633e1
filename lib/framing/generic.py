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
    2. Per article and frame, the features (``FEATURES``): log(1 + matches) of each codebook
       question (and of the testimony indicator), the share of sentences with any match,
       log(1 + matches) in the lead (headline and first two sentences) and log(1 + sentences). A
       long article mentions money somewhere almost always; the model weighs that against length.
    3. A logistic model per frame on those features (weights held >= 0 but for length, so more
       matches never lower a score) gives the 0..1 ``score``; ``present`` is score >= the
       frame's threshold. Coefficients and thresholds were fitted offline on the Narrative Frames
       Corpus dev sample (climate coverage, 222 articles) by ``python -m bench frames --fit`` and
       are stored here as numbers; the threshold is chosen by a cross-validation grouped by
       outlet. ``bench/frames.py`` reports nested cross-validation with whole outlets held out,
       a half of the outlets never fitted on, and articles of other topics. They are numbers,
       not words: nothing of the tuning topic is in the patterns.
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
VERSION = 2          # bump when the indicators, features or coefficients change (the store re-analyses)
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
        ("how individuals and groups are affected", (
            "affected", "affecting", "hardest hit", "hit hard", "hard-hit", "displaced", "evacuat*", "homeless*",
            "lost everything", "left behind", "forced to", "struggling to", "cannot afford", "can't afford",
            "daily life", "daily lives", "everyday life", "way of life", "locals", "local people", "people living",
            "those living", "who live", "who lives", "ordinary", "patients", "parents", "children", "kids",
            "students", "farmers", "homeowners", "shopkeepers", "pensioners", "elderly")),
        ("the private or personal lives of the actors", (
            "married", "marriage", "divorc*", "his wife", "her husband", "his children", "her children",
            "his son", "her son", "his daughter", "her daughter", "personal life", "private life", "diagnosed",
            "illness", "hospital*", "hometown", "home town", "retired", "his late", "her late", "passed away",
            "girlfriend", "boyfriend", "friends", "friendship", "birthday")),
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
            "morally", "the right to", "deserve*", "owe", "owes", "we should", "we need to", "we cannot",
            "we can't", "let us", "everyone should", "people should", "each of us", "all of us", "it is time",
            "it's time", "shouldn't", "should not", "must not")),
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
        ("the problem requires urgent action", (
            "must act", "take action", "taking action", "urgent*", "urge*", "urging", "immediate*",
            "call* for", "calling for", "demand*", "commit*", "pledg*", "promis*", "vow*", "need to", "needs to",
            "must", "should", "require*", "action", "act now", "step up", "lead the way", "before it is too late",
            "too late", "time is running out")),
        ("an individual, group or government is responsible", (
            "responsib*", "accountab*", "to blame", "fault", "caused by", "because of", "due to", "result of",
            "driven by", "fuelled by", "fueled by", "contributed to", "contributing to", "failed to",
            "failure to", "failing to", "in charge", "liable", "liability")),
    ],
}
# Personal testimony: first-person words inside someone's quoted words (lib.text's voice).
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|i've|i'd|me|my|mine|we|we're|we've|us|our)\b")
_QUOTED_VOICES = frozenset({"quoted", "mixed"})
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})

# Amounts of money ($5, € 30) have no word boundary before them: an extra alternative of the
# costs question.
_EXTRA = {("economic", 1): r"[$€£¥]\s?\d"}
# frame -> one pattern per codebook question, in INDICATORS order. A question is matched on its own
# (not one pattern per frame) because which questions an article answers is the model's evidence.
# frame -> one pattern per codebook question, in INDICATORS order (which questions an article
# answers is the model's evidence), and one pattern of all the frame's words for the scan: one
# scan per frame, each match then told to the first question whose pattern matches it whole
# (a third of the time of one scan per question).
_QUESTIONS = {frame: [_pattern(words, _EXTRA.get((frame, q))) for q, (_, words) in enumerate(INDICATORS[frame])]
              for frame in FRAMES}
_PATTERNS = {frame: _pattern([w for _, words in INDICATORS[frame] for w in words],
                             "|".join(x for (f, _), x in _EXTRA.items() if f == frame) or None)
             for frame in FRAMES}
_QUESTION_OF: dict[tuple[str, str], int] = {}  # (frame, matched text) -> question index, filled as met


def _question(frame: str, found: str) -> int:
    key = (frame, found)
    if key not in _QUESTION_OF:
        _QUESTION_OF[key] = next((q for q, pattern in enumerate(_QUESTIONS[frame]) if pattern.fullmatch(found)), 0)
    return _QUESTION_OF[key]
TESTIMONY = "personal testimony: first-person words inside a quotation"  # human interest's extra indicator
LEAD = 3  # the headline and the first two sentences: where a story states its angle

# Per frame: log(1 + matches) of each codebook question (and of the testimony indicator for human
# interest), the share of sentences with any match, log(1 + matches in the lead) and log(1 +
# sentences). All but the last are held >= 0 in the fit: more indicator matches never lower a score.
FEATURES: dict[str, tuple[str, ...]] = {
    frame: tuple(f"log_hits_q{q + 1}" for q in range(len(INDICATORS[frame])))
    + (("log_testimony",) if frame == "human_interest" else ())
    + ("sentence_share", "log_lead_hits", "log_sentences")
    for frame in FRAMES}

# Fitted by ``python -m bench frames --fit`` (logistic regression, see the module docstring):
# frame -> (intercept, coefficients of FEATURES[frame], threshold on the score).
MODEL: dict[str, tuple[float, tuple[float, ...], float]] = {
    "conflict": (-2.4323, (0.6950, 0.7525, 0.5618, 0.0000, 0.0000, 0.0000, 0.4602), 0.242),
    "economic": (-4.6346, (0.0000, 1.9154, 0.3830, 0.0000, 0.2749, 0.2316), 0.428),
    "human_interest": (-3.2490, (0.4888, 0.6482, 1.1396, 0.9873, 0.0000, 0.0000, 0.0530, 0.4983), 0.769),
    "moral": (-2.1097, (1.2993, 1.9461, 1.2088, 0.0593, 0.1259, 0.1203), 0.819),
    "resolution": (-1.2473, (0.8006, 0.0000, 0.6920, 0.0000, 0.5105, 0.0000, -0.3983), 0.413),
}

# What bench/frames.py measured for this MODEL (update both together). Per frame (precision,
# recall, F1) on the held-out outlets; macro-F1s and the keyword baseline's in the same run.
VALIDATION = {
    "measured": "2026-12-02",
    "corpus": ("Narrative Frames Corpus dev sample (Frermann et al., ACL 2023; 222 climate articles of 31 outlets, "
               "trained coders' labels)"),
    # nested 5-fold cross-validation by outlet (no outlet in a fold's training and test part; the
    # threshold chosen inside the training part), 5 repeats with other deals of outlets to folds
    "nested_cv": {"conflict": (0.66, 0.93, 0.77), "economic": (0.59, 0.75, 0.66),
                  "human_interest": (0.48, 0.47, 0.47), "moral": (0.53, 0.42, 0.47),
                  "resolution": (0.57, 0.83, 0.67)},
    "macro_f1_nested_cv": 0.610,
    "macro_f1_nested_cv_sd": 0.013,
    "keyword_baseline_nested_cv": 0.486,  # a frame present when its name-word occurs at all
    "three_feature_nested_cv": 0.565,     # the first version's 3 features on the same indicators
    "majority_nested_cv": 0.163,
    # fitted on 111 articles of 15 outlets, scored once on the 111 of the 16 others
    "macro_f1_held_out": 0.656,
    "keyword_baseline_held_out": 0.538,
    # bench/data/frames_other_topic.json: 20 short US-politics articles (BASIL, Article-Bias-Prediction)
    "other_topic": ("On 20 short articles of other topics (US politics; BASIL and Article-Bias-Prediction) judged "
                    "by hand, 86% of the 100 frame decisions agreed (conflict F1 0.91); there the economic and "
                    "resolution frames were found in only a third or less of the articles judged to have them."),
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

def question_hits(texts: list[str], voices: list[str] | None = None) -> dict[str, list[list[int]]]:
    """Indicator matches per codebook question and sentence: frame -> one list per question of
    INDICATORS[frame] (for human interest, then one for the quoted first-person TESTIMONY
    indicator), each with one count per sentence of ``texts`` (one article's sentences, in order;
    ``voices`` their lib.text voices; without them the testimony counts are 0)."""
    folded = [t.translate(_APOSTROPHES).lower() for t in texts]
    joined = "\n".join(folded)
    starts, at = [], 0
    for sentence in folded:
        starts.append(at)
        at += len(sentence) + 1
    out: dict[str, list[list[int]]] = {}
    for frame in FRAMES:
        rows = [[0] * len(texts) for _ in INDICATORS[frame]]
        for match in _PATTERNS[frame].finditer(joined):
            rows[_question(frame, match.group())][bisect_right(starts, match.start()) - 1] += 1
        out[frame] = rows
    testimony = [0] * len(texts)
    if voices is not None:
        for i, (sentence, voice) in enumerate(zip(folded, voices)):
            if voice in _QUOTED_VOICES and _FIRST_PERSON.search(sentence):
                testimony[i] = 1
    out["human_interest"].append(testimony)
    return out


def sentence_hits(texts: list[str], voices: list[str] | None = None) -> dict[str, list[int]]:
    """Indicator matches per sentence for each frame: frame -> one count per sentence of ``texts``
    (``question_hits`` summed over the frame's questions)."""
    return {frame: [sum(column) for column in zip(*rows)] for frame, rows in question_hits(texts, voices).items()}


def features(questions: dict[str, list[list[int]]]) -> dict[str, tuple[float, ...]]:
    """The model's FEATURES[frame] per frame from ``question_hits``' counts of one article."""
    n = len(questions["conflict"][0]) if questions["conflict"] else 0
    length = math.log1p(n)
    out = {}
    for frame, rows in questions.items():
        per_sentence = [sum(column) for column in zip(*rows)]
        share = sum(1 for c in per_sentence if c) / n if n else 0.0
        out[frame] = (tuple(math.log1p(sum(row)) for row in rows)
                      + (share, math.log1p(sum(per_sentence[:LEAD])), length))
    return out


def _score(frame: str, values: tuple[float, ...], model=None) -> float:
    intercept, weights, _ = (model or MODEL)[frame]
    z = intercept + sum(w * v for w, v in zip(weights, values))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def score_article(texts: list[str], voices: list[str] | None = None, *, model=None) -> tuple[dict, dict]:
    """One article's sentences (texts, voices) -> ({frame: (score 0..1, present)},
    {frame: [(sentence index, hits), ...]} evidence, most hits first, at most ``EVIDENCE``)."""
    questions = question_hits(texts, voices)
    model = model or MODEL
    scored, evidence = {}, {}
    for frame, values in features(questions).items():
        if not texts:
            scored[frame] = (0.0, False)
        else:
            score = _score(frame, values, model)
            scored[frame] = (score, score >= model[frame][2])
        hits = [sum(column) for column in zip(*questions[frame])]
        ranked = sorted((i for i, c in enumerate(hits) if c), key=lambda i: (-hits[i], i))
        evidence[frame] = [(i, hits[i]) for i in ranked[:EVIDENCE]]
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
    per_frame = ", ".join(f"{LABELS[f].lower()} {v['nested_cv'][f][2]:.2f}" for f in FRAMES)
    text = (f"Measured {v['measured']} on the {v['corpus']}, by nested cross-validation with whole outlets held "
            f"out (the model and its thresholds fitted without the outlets scored): macro-F1 "
            f"{v['macro_f1_nested_cv']:.2f} ± {v['macro_f1_nested_cv_sd']:.2f} (per frame F1: {per_frame}); "
            f"a keyword baseline scores {v['keyword_baseline_nested_cv']:.2f} and the majority class "
            f"{v['majority_nested_cv']:.2f}. Fitted on half of the outlets and scored once on the other half: "
            f"{v['macro_f1_held_out']:.2f} (keywords {v['keyword_baseline_held_out']:.2f}).")
    if v["other_topic"]:
        text += " " + v["other_topic"]
    return text + (" Human interest and moral are rare (about 1 article in 9) and the least reliable: "
                   "read their evidence sentences before quoting a share.")
