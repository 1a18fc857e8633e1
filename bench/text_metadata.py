"""Dates and titles read from bare text files: the loader's rules on main (baseline) vs this checkout.

Articles of ABP, BASIL, NewsWCL50 and narrative_frames (gold dates; titles but the last's) are given to the loader as bare
``.txt`` files twice: headline line + text, and text only. A guessed date is right when it is the
gold day; a first-line title is right when it equals the gold headline (case and spacing aside).
Cross-check: rules were tuned on ABP articles whose gold day is even; odd-day ABP, BASIL,
NewsWCL50 and narrative_frames are reported separately. The baseline is main's ``lib`` exported to a temporary folder
and run in a child process, so both rule sets see the same files in the same run.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.common import ROOT, Row, corpus_path

CORPORA = ("article_bias_prediction", "basil", "newswcl50", "narrative_frames")


def _norm(text: str | None) -> str:
    return " ".join(str(text or "").casefold().split())


def _samples(limit: int | None) -> list[dict]:
    out = []
    for name in CORPORA:
        path = corpus_path(name)
        if path is None:
            continue
        rows = [json.loads(line) for line in (path / "articles.jsonl").open(encoding="utf-8")]
        for row in rows[:limit] if limit else rows:
            title, text = (row.get("title") or "").strip(), (row.get("text") or "").strip()
            if not text:
                continue
            if title and text.startswith(title):
                text = text[len(title):].lstrip()
            gold = row.get("date") if row.get("date") not in (None, "None", "") else None
            group = name
            if name == "article_bias_prediction":
                group = "abp-even (tuned)" if gold and int(gold[8:10]) % 2 == 0 else "abp-odd"
            base = {"group": group, "gold_date": gold, "gold_title": title}
            if title:
                out.append({**base, "variant": "title+text", "text": f"{title}\n\n{text}"})
            out.append({**base, "variant": "text only", "text": text})
    return out


WORKER = r"""
import json, sys
from lib.load import corpus, files, formats
entry = files.Entry(path=None, rel="a.txt", size=0, mtime_ns=0, problem=None, status="candidate")
out = []
for text in json.load(sys.stdin):
    row = corpus._article(entry, formats.RawRecord(text=text), "txt", "utf-8", ())
    date = row.get("date")
    out.append([row.get("title"), date.isoformat() if date else None, row.get("date_source")])
json.dump(out, sys.stdout)
"""


def _infer(lib_root: Path, texts: list[str]) -> list[list]:
    env = {**os.environ, "PYTHONPATH": str(lib_root)}
    done = subprocess.run([sys.executable, "-c", WORKER], input=json.dumps(texts), capture_output=True,
                          text=True, env=env, cwd=lib_root, check=True)
    return json.loads(done.stdout)


def run(limit: int | None = None) -> list[Row]:
    samples = _samples(limit)
    if not samples:
        return []
    texts = [s["text"] for s in samples]
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", "main", "lib"], capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", tmp], input=archive.stdout, check=True)
        results = {"main": _infer(Path(tmp), texts), "new": _infer(ROOT, texts)}
    rows = []
    groups = sorted({s["group"] for s in samples})
    for rules, found in results.items():
        for group in groups:
            picked = [(s, f) for s, f in zip(samples, found) if s["group"] == group]
            dated = [(s, f) for s, f in picked if f[1] and s["gold_date"]]
            right = sum(f[1] == s["gold_date"][:10] for s, f in dated)
            rows.append(Row(f"{rules}: {group} dates guessed / right / wrong", len(dated), "guessed",
                            note=f"right {right}, wrong {len(dated) - right}, of {sum(bool(s['gold_date']) for s, _ in picked)} "
                                 f"with gold; precision {right / len(dated):.2f}" if dated else "none guessed"))
            for variant in ("title+text", "text only"):
                taken = [(s, f) for s, f in picked if s["variant"] == variant and f[0]]
                good = sum(_norm(f[0]) == _norm(s["gold_title"]) for s, f in taken)
                total = sum(s["variant"] == variant for s, _ in picked)
                rows.append(Row(f"{rules}: {group} {variant} titles taken / right", len(taken), "taken",
                                note=f"right {good} of {total} files"
                                     + (f"; {good / len(taken):.0%} real headlines" if taken else "")))
        for group in groups:  # both variants together: of the first lines taken, how many are headlines
            taken = [(s, f) for s, f in zip(samples, found) if s["group"] == group and f[0]]
            good = sum(_norm(f[0]) == _norm(s["gold_title"]) for s, f in taken)
            rows.append(Row(f"{rules}: {group} first-line titles real headlines", good / len(taken) if taken else 0.0,
                            "share", note=f"{good} of {len(taken)} taken (target ≥ 0.80)"))
    return rows


def examples(limit: int | None = None, n: int = 15) -> None:
    """Print wrong guesses of the new rules (for tuning: look only at the tuned group)."""
    samples = [s for s in _samples(limit) if s["group"] == "abp-even (tuned)"]
    found = _infer(ROOT, [s["text"] for s in samples])
    shown = 0
    for s, f in zip(samples, found):
        if f[1] and s["gold_date"] and f[1] != s["gold_date"][:10] and shown < n:
            shown += 1
            print("DATE", f[1], f[2], "gold", s["gold_date"], "|", s["text"][:300].replace("\n", " / "))
    shown = 0
    for s, f in zip(samples, found):
        if f[0] and _norm(f[0]) != _norm(s["gold_title"]) and shown < n:
            shown += 1
            print("TITLE", s["variant"], repr(f[0][:120]), "gold", repr(s["gold_title"][:80]))


if __name__ == "__main__":
    examples(int(sys.argv[1]) if len(sys.argv) > 1 else None)
