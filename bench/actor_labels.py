"""Actor labels against NewsWCL50's coded mentions, and their speed on Article-Bias-Prediction.

Protocol (NewsWCL50, the 25 articles of events 0–4 that ship with their annotations)
    Actors are what ``actors.find_actors`` finds in those 25 articles with its defaults; labels are
    ``actors.labels`` on the raw texts (the annotation offsets point into them). Nothing here is
    tuned on the annotations: they are only read to score.

    Mapping codes to actors. An annotated person mention (code type ACTOR or ACTOR-I) names one
    of our actors when its phrase contains one of that actor's alias names (the alias without
    titles or 's, whole words, case-insensitive) and no other actor's. A code (``PRK\\Kim``,
    ``USA\\Trump``) maps to the actor that most of its name-bearing mentions name, when that is
    at least half of them; codes that gather several people (``USA\\USA-I``, ``...-Misc``) are
    mapped mention by mention, and their mentions without a name are left out.

    Gold labels (recall). A mapped mention whose phrase still has words once the actor's name
    words, honorifics (Mr., Mrs., Ms., Dr.), determiners and possessive pronouns (the, a, its,
    his, ...) and punctuation are removed: ``North Korean dictator Kim Jong Un`` (named),
    ``the North Korean leader`` (nameless), but not ``Mr. Kim``. It is found when ``labels()``
    has a row in the same article, for the same actor, whose span overlaps the mention's span.
    Recall is given overall, for named and nameless mentions, and for singular nameless ones
    (plural phrases such as ``the two leaders`` are out of the method's scope by design).

    Precision. Every ``labels()`` row of an actor that is annotated in that article (some mapped
    mention there) is scored; rows of actors the annotators did not code there are counted
    apart (unscored), since NewsWCL50 codes only each event's main concepts. A row is correct
    when its span overlaps an annotated mention mapped to the same actor (strict); lenient also
    accepts overlapping an annotation of any code that ends right before a mention of that actor
    (the annotators often code a title apart from the name: ``CIA Director`` as COUNTRY USA
    before ``Mike Pompeo``) or a PROPERTY annotation (a framing phrase) whose target concept is
    that actor. Overlapping a mention of a different actor counts as "wrong actor".

    Precision here is a lower bound: NewsWCL50 does not code every mention of its concepts
    (many ``the president`` or ``the CIA director`` go uncoded), and some codes are noisy
    (``the FBI director`` coded as Trump). ``--errors`` lists every unmatched label and every
    missed gold mention for reading by eye.

    Baseline, measured in the same run: the capitalised words (up to 3) right before each alias
    occurrence, as a title label. The ratio column of the precision, recall and F1 rows is ours
    / baseline. Rows per kind give precision by the kind of our label, and how many gold
    mentions each kind of label found.

Speed: ``find_actors`` + ``labels`` + ``mention_sentences`` on the first 500 articles of the
Article-Bias-Prediction dev sample, in ms per article, against ``lib.text.sentences`` on the same
articles (ratio = its time / ours; below 1 means our work costs more than sentence splitting).

Cross-check: the same scoring on events 0–2 (what the rules were tuned on) and on events 3–4
(not looked at while tuning), each split read on its own (``SPLITS``; skipped with --limit).
``--against REF`` prints the same split tables for ``lib/`` as of a git commit (the code before
a change, as a baseline in the same run).

Run: ``python -m bench.actor_labels [--limit N] [--errors]`` (``--limit``: the first N articles
of each corpus; 500 for the speed part when not given).
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict

import pandas as pd

from pathlib import Path

from bench.common import Row, corpus_path, print_table, timer
from lib import actors as actors_module
from lib.actors.mentions import _alias_core as alias_core
from lib import text as text_module

_PERSON_CODES = {"ACTOR", "ACTOR-I"}
_DROP_WORDS = frozenset("""
mr mrs ms dr miss the a an this that these those its his her their our my your
""".split())
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def _read_jsonl(path) -> pd.DataFrame:
    with open(path, encoding="utf-8") as f:
        return pd.DataFrame([json.loads(line) for line in f if line.strip()])


def _name_patterns(actors: pd.DataFrame) -> dict[str, list[re.Pattern]]:
    """Per actor: whole-word, case-insensitive patterns of its alias names."""
    out: dict[str, list[re.Pattern]] = defaultdict(list)
    seen = set()
    for actor, alias in zip(actors["actor"], actors["alias"]):
        core = alias_core(alias)
        key = (actor, core.lower())
        if not core or key in seen:
            continue
        seen.add(key)
        words = [re.escape(w) for w in re.split(r"[\s-]+", core)]
        out[actor].append(re.compile(r"(?<![\w])" + r"[\s-]+".join(words) + r"(?![\w])", re.IGNORECASE))
    return out


def _named(phrase: str, patterns: dict[str, list[re.Pattern]]) -> str | None:
    hits = {actor for actor, pats in patterns.items() if any(p.search(phrase) for p in pats)}
    return hits.pop() if len(hits) == 1 else None


def _name_words(actor: str, actors: pd.DataFrame) -> set[str]:
    words = set()
    for alias in actors.loc[actors["actor"] == actor, "alias"]:
        for w in re.split(r"[\s-]+", alias_core(alias)):
            words.add(w.lower().replace("’", "'"))
    return words


def _descriptor_words(phrase: str, name_words: set[str]) -> tuple[list[str], bool]:
    """Words of the phrase that are not the name, honorifics or determiners; and whether the
    phrase contains the name."""
    rest, named = [], False
    for w in _WORD.findall(phrase.replace("’", "'")):
        key = re.sub(r"'s$", "", w.lower()).rstrip(".")
        parts = set(re.split(r"-", key))
        if key in name_words or parts <= name_words:
            named = True
            continue
        if key in _DROP_WORDS or not key or re.fullmatch(r"[a-z]", key):
            continue  # determiners, honorifics, middle initials
        rest.append(key)
    return rest, named


def map_annotations(annotations: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Person mentions with a char span, each with the actor it maps to (or None)."""
    patterns = _name_patterns(actors)
    person = annotations[annotations["code_type"].isin(_PERSON_CODES) & annotations["char_start"].notna()].copy()
    person["named_actor"] = [_named(p, patterns) for p in person["mention_plain"]]
    code_actor: dict[str, str] = {}
    for code, group in person.groupby("code_name"):
        if re.search(r"-(?:I|Misc)$", code):
            continue
        votes = Counter(a for a in group["named_actor"] if a)
        named_total = int(group["named_actor"].notna().sum())
        if votes and votes.most_common(1)[0][1] * 2 >= named_total:
            code_actor[code] = votes.most_common(1)[0][0]
    person["actor"] = [code_actor.get(code, named) for code, named in zip(person["code_name"], person["named_actor"])]
    person.attrs["code_actor"] = code_actor
    return person


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def score(found: pd.DataFrame, mapped: pd.DataFrame, annotations: pd.DataFrame, actors: pd.DataFrame) -> dict:
    """Recall over gold descriptors and precision over labels (see the module docstring)."""
    mapped = mapped[mapped["actor"].notna()]
    spans: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for r in mapped.itertuples():
        spans[(r.article_id, r.actor)].append((int(r.char_start), int(r.char_end)))
    other: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for r in mapped.itertuples():
        other[r.article_id].append((int(r.char_start), int(r.char_end), r.actor))

    # lenient (1): annotators often code a title apart from the name it belongs to ("CIA Director"
    # as COUNTRY USA right before "Mike Pompeo"): any annotation ending right before a mention of
    # the actor counts as that actor's.
    starts_of = defaultdict(set)
    for r in mapped.itertuples():
        starts_of[(r.article_id, r.actor)].add(int(r.char_start))
    props: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for r in annotations[annotations["char_start"].notna()].itertuples():
        end = int(r.char_end)
        for actor in {a for (art, a) in starts_of if art == r.article_id}:
            if any(0 < s - end <= 2 for s in starts_of[(r.article_id, actor)]):
                props[(r.article_id, actor)].append((int(r.char_start), end))
    # lenient (2): PROPERTY phrases whose target concept is the actor (via the codes' last names)
    code_actor = mapped.attrs.get("code_actor", {})
    last_name_actor = {code.split("\\")[-1].lower(): actor for code, actor in code_actor.items()}
    prop_rows = annotations[(annotations["code_type"] == "PROPERTY") & annotations["char_start"].notna()]
    for r in prop_rows.itertuples():
        for target in str(r.target_concept or "").split(";"):
            actor = last_name_actor.get(target.strip().lower())
            if actor:
                props[(r.article_id, actor)].append((int(r.char_start), int(r.char_end)))

    labels_by = defaultdict(list)
    for r in found.itertuples():
        labels_by[(r.article_id, r.actor)].append((r.start, r.end, r.kind))

    gold = []
    words_cache: dict[str, set[str]] = {}
    for r in mapped.itertuples():
        if r.actor not in words_cache:
            words_cache[r.actor] = _name_words(r.actor, actors)
        rest, named = _descriptor_words(r.mention_plain, words_cache[r.actor])
        if not rest:
            continue
        plural = rest[-1].endswith("s") and not rest[-1].endswith(("ss", "'s", "us"))
        hit = [k for s, e, k in labels_by[(r.article_id, r.actor)]
               if _overlap(s, e, int(r.char_start), int(r.char_end))]
        gold.append({"type": "named" if named else "nameless", "plural": plural, "found": bool(hit),
                     "kind": hit[0] if hit else None,
                     "phrase": r.mention_plain, "article_id": r.article_id, "actor": r.actor})
    gold = pd.DataFrame(gold)

    annotated = {(a, act) for (a, act) in spans}
    rows = []
    for r in found.itertuples():
        if (r.article_id, r.actor) not in annotated:
            rows.append({"kind": r.kind, "scored": False, "strict": False, "lenient": False, "wrong": False,
                         "label": r.label, "article_id": r.article_id, "actor": r.actor})
            continue
        strict = any(_overlap(r.start, r.end, s, e) for s, e in spans[(r.article_id, r.actor)])
        lenient = strict or any(_overlap(r.start, r.end, s, e) for s, e in props[(r.article_id, r.actor)])
        wrong = not strict and any(_overlap(r.start, r.end, s, e) and a != r.actor
                                   for s, e, a in other[r.article_id])
        rows.append({"kind": r.kind, "scored": True, "strict": strict, "lenient": lenient, "wrong": wrong,
                     "label": r.label, "article_id": r.article_id, "actor": r.actor})
    predicted = pd.DataFrame(rows, columns=["kind", "scored", "strict", "lenient", "wrong", "label",
                                            "article_id", "actor"])
    return {"gold": gold, "predicted": predicted}


def baseline_labels(articles: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Naive: the capitalised words (≤ 3) right before each alias occurrence, as a title."""
    patterns = []
    for actor, alias in zip(actors["actor"], actors["alias"]):
        core = alias_core(alias)
        if core:
            patterns.append((len(core), core, actor))
    patterns.sort(key=lambda p: (-p[0], p[1]))
    alts = "|".join(re.escape(c) for _, c, _ in patterns)
    actor_of = {c: a for _, c, a in reversed(patterns)}
    regex = re.compile(rf"(?<![\w'’-])(?:{alts})(?![\w-])")
    before = re.compile(r"((?:[A-Z][\w.'’-]*\s){1,3})$")
    rows = []
    for article_id, body in zip(articles["id"], articles["text"]):
        for m in regex.finditer(body):
            b = before.search(body[max(0, m.start() - 60):m.start()])
            if not b:
                continue
            s = m.start() - len(b.group(1))
            e = m.start() - 1
            rows.append({"article_id": article_id, "actor": actor_of[m.group()], "label": body[s:e].lower(),
                         "kind": "title", "start": s, "end": e})
    return pd.DataFrame(rows, columns=["article_id", "actor", "label", "kind", "start", "end"])


def _prf(result: dict) -> tuple[float, float, float, int, int, int]:
    gold, predicted = result["gold"], result["predicted"]
    scored = predicted[predicted["scored"]]
    p = scored["strict"].mean() if len(scored) else float("nan")
    r = gold["found"].mean() if len(gold) else float("nan")
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f, len(scored), len(gold), int(gold["found"].sum()) if len(gold) else 0


def evaluate(limit: int | None = None) -> list[Row] | None:
    folder = corpus_path("newswcl50")
    if folder is None:
        return None
    articles = _read_jsonl(folder / "articles.jsonl")
    annotations = _read_jsonl(folder / "annotations.jsonl")
    if limit:
        articles = articles.head(limit)
        annotations = annotations[annotations["article_id"].isin(set(articles["id"]))]
    return _evaluate(articles, annotations)


# The cross-check: rules were tuned on events 0–2 only; events 3–4 are reported as unseen.
SPLITS = {"tuned: events 0-2": {"0", "1", "2"}, "cross-check: events 3-4": {"3", "4"}}


def evaluate_splits() -> list[tuple[str, list[Row]]]:
    """``_evaluate`` on each event split of ``SPLITS`` on its own (actors found in that split's
    articles only, as a user loading just those articles would see them)."""
    folder = corpus_path("newswcl50")
    if folder is None:
        return []
    articles = _read_jsonl(folder / "articles.jsonl")
    annotations = _read_jsonl(folder / "annotations.jsonl")
    out = []
    for name, events in SPLITS.items():
        part = articles[articles["id"].str.split("_").str[0].isin(events)]
        ann = annotations[annotations["article_id"].isin(set(part["id"]))]
        out.append((name, _evaluate(part.reset_index(drop=True), ann)))
    return out


def _evaluate(articles: pd.DataFrame, annotations: pd.DataFrame) -> list[Row]:
    found_actors = actors_module.find_actors(articles)
    found = actors_module.labels(articles, found_actors)
    mapped = map_annotations(annotations, found_actors)
    ours = score(found, mapped, annotations, found_actors)
    base = score(baseline_labels(articles, found_actors), mapped, annotations, found_actors)
    p, r, f, n_pred, n_gold, n_found = _prf(ours)
    bp, br, bf, *_ = _prf(base)
    gold, predicted = ours["gold"], ours["predicted"]
    scored = predicted[predicted["scored"]]
    rows = [
        Row("actors found / person codes mapped", len(found_actors["actor"].unique()), "actors",
            note=f"{len(mapped.attrs['code_actor'])} codes mapped to them"),
        Row("precision (strict)", p, "share", ratio=p / bp if bp else None,
            note=f"{int(scored['strict'].sum())} of {n_pred} scored labels; baseline {bp:.3f}"),
        Row("precision (lenient: + titles coded apart, PROPERTY phrases)",
            scored["lenient"].mean() if n_pred else float("nan"), "share",
            note=f"{int(scored['lenient'].sum())} of {n_pred}"),
        Row("recall", r, "share", ratio=r / br if br else None,
            note=f"{n_found} of {n_gold} gold descriptors; baseline {br:.3f}"),
        Row("F1", f, "", ratio=f / bf if bf else None, note=f"baseline {bf:.3f}"),
        Row("labels on a wrong actor", int(scored["wrong"].sum()), "labels",
            note=f"of {n_pred} scored; {int((~predicted['scored']).sum())} unscored (actor not coded there)"),
    ]
    for kind in actors_module.KINDS:
        part = scored[scored["kind"] == kind]
        if len(part):
            rows.append(Row(f"precision, {kind}", part["strict"].mean(), "share",
                            note=f"{int(part['strict'].sum())} of {len(part)}; lenient {part['lenient'].mean():.3f}"))
    for gold_type in ("named", "nameless"):
        part = gold[gold["type"] == gold_type]
        if len(part):
            rows.append(Row(f"recall, {gold_type} gold mentions", part["found"].mean(), "share",
                            note=f"{int(part['found'].sum())} of {len(part)}"))
    singular = gold[(gold["type"] == "nameless") & ~gold["plural"]]
    if len(singular):
        rows.append(Row("recall, nameless singular gold mentions", singular["found"].mean(), "share",
                        note=f"{int(singular['found'].sum())} of {len(singular)}"))
    for kind in actors_module.KINDS:
        n = int((gold["kind"] == kind).sum())
        if n:
            rows.append(Row(f"gold descriptors found by {kind} labels", n, "mentions"))
    return rows


def speed(limit: int | None = None) -> list[Row] | None:
    folder = corpus_path("article_bias_prediction")
    if folder is None:
        return None
    n = limit or 500
    records = []
    with open(folder / "articles.jsonl", encoding="utf-8") as f:
        for line in f:
            if len(records) >= n:
                break
            rec = json.loads(line)
            records.append({"id": rec["id"], "text": rec["text"] or ""})
    articles = pd.DataFrame(records)
    with timer() as base_t:
        text_module.sentences(articles)
    with timer() as find_t:
        found_actors = actors_module.find_actors(articles)
    with timer() as labels_t:
        found = actors_module.labels(articles, found_actors)
    with timer() as mentions_t:
        mentions = actors_module.mention_sentences(articles, found_actors)
    per = 1000 / len(articles)
    ours = find_t() + labels_t() + mentions_t()
    return [
        Row("lib.text.sentences (baseline)", base_t() * per, "ms/article", note=f"{len(articles)} ABP articles"),
        Row("find_actors", find_t() * per, "ms/article", ratio=base_t() / find_t(),
            note=f"{found_actors['actor'].nunique()} actors"),
        Row("labels", labels_t() * per, "ms/article", ratio=base_t() / labels_t(), note=f"{len(found)} labels"),
        Row("mention_sentences", mentions_t() * per, "ms/article", ratio=base_t() / mentions_t(),
            note=f"{len(mentions)} actor-sentence pairs"),
        Row("all three", ours * per, "ms/article", ratio=base_t() / ours),
    ]


_SPLIT_ROWS = ("precision (strict)", "recall", "F1", "recall, nameless singular gold mentions")


def run(limit: int | None = None) -> list[Row]:
    """The whole-set table, the tuned / cross-check split figures (not with --limit), then speed."""
    rows = evaluate(limit) or []
    if rows and not limit:
        rows += [Row(f"{split}: {r.name}", r.value, r.unit, r.ratio, r.note)
                 for split, split_rows in evaluate_splits() for r in split_rows if r.name in _SPLIT_ROWS]
    rows += speed(limit) or []
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.actor_labels")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--errors", action="store_true", help="also list missed gold and wrong labels")
    parser.add_argument("--against", default=None, metavar="GIT_REF",
                        help="also print the split tables for lib/ as of this commit (a baseline in the same run)")
    parser.add_argument("--events", default=None,
                        help="with --errors: only these events, comma-separated (e.g. 0,1,2: the tuning split)")
    args = parser.parse_args()
    print_table("Actor labels: NewsWCL50 precision/recall, speed on Article-Bias-Prediction", run(args.limit))
    if not args.limit:
        for name, rows in evaluate_splits():
            print_table(f"Actor labels, NewsWCL50 {name} (every row)", rows)
    if args.against:
        print(f"\n=== the same splits with lib/ as of {args.against} ===")
        print(_splits_at(args.against), end="")
    if args.errors:
        _print_errors(args.limit, set(args.events.split(",")) if args.events else None)


def _splits_at(ref: str) -> str:
    """The split tables printed by this bench for ``lib/`` as of git ``ref``: that lib is
    extracted to a temporary folder put first on the path of a child Python (this bench and the
    corpora stay the current ones)."""
    root = Path(__file__).resolve().parents[1]
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "-C", str(root), "archive", ref, "lib"], check=True, capture_output=True)
        subprocess.run(["tar", "-x", "-C", tmp], input=archive.stdout, check=True)
        code = ("import sys; sys.path.insert(0, sys.argv[1])\n"
                "from bench.actor_labels import evaluate_splits\nfrom bench.common import print_table\n"
                "for name, rows in evaluate_splits(): print_table(f'Actor labels, NewsWCL50 {name}', rows)\n")
        done = subprocess.run([sys.executable, "-c", code, tmp], cwd=root, check=True, capture_output=True, text=True)
    return done.stdout


def _print_errors(limit: int | None, events: set[str] | None = None) -> None:
    folder = corpus_path("newswcl50")
    if folder is None:
        return
    articles = _read_jsonl(folder / "articles.jsonl")
    annotations = _read_jsonl(folder / "annotations.jsonl")
    if limit:
        articles = articles.head(limit)
    if events:
        articles = articles[articles["id"].str.split("_").str[0].isin(events)].reset_index(drop=True)
        annotations = annotations[annotations["article_id"].isin(set(articles["id"]))]
    found_actors = actors_module.find_actors(articles)
    result = score(actors_module.labels(articles, found_actors), map_annotations(annotations, found_actors),
                   annotations, found_actors)
    with pd.option_context("display.width", 200, "display.max_rows", 1000, "display.max_colwidth", 70):
        gold = result["gold"]
        missed = gold[~gold["found"]][["article_id", "actor", "type", "phrase"]]
        print("\nmissed gold descriptors\n", missed.to_string())
        predicted = result["predicted"]
        print("\nscored labels not in the annotations\n",
              predicted[predicted["scored"] & ~predicted["strict"]][["article_id", "actor", "kind", "label", "wrong"]]
              .to_string())


if __name__ == "__main__":
    main()
