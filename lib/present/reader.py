"""One article as HTML: framing terms highlighted, quotations marked, sentence tone shaded, actor
labels underlined. Every piece of article text goes through ``html.escape``: articles are
untrusted, and this HTML is rendered as is."""
from __future__ import annotations

import html

import pandas as pd

GROUP_COLOURS = ("#F0E442", "#56B4E9", "#E69F00", "#CC79A7", "#009E73", "#D55E00", "#0072B2", "#999933")
STYLE = """<style>
.fs-article{font-size:1.05rem;line-height:1.9;max-width:52rem}
.fs-q{font-style:italic;border-bottom:1px dotted #555}
.fs-scare{font-style:italic;background:#eee}
.fs-term{padding:0 2px;border-radius:3px;font-weight:600;color:#000}
.fs-label{text-decoration:underline;text-decoration-thickness:2px;text-underline-offset:3px}
.fs-legend span{margin-right:1rem}
</style>"""


def render(body: str, *, sentences: pd.DataFrame | None = None, quotes: list | None = None,
           terms: pd.DataFrame | None = None, labels: pd.DataFrame | None = None,
           group_colours: dict[str, str] | None = None) -> str:
    """HTML for ``body`` (the clean text) with the given layers, all offsets into ``body``.

    sentences: start, end, compound (-1..1) — shaded green (positive) to red (negative);
    quotes: lib.text.Quote list — quoted speech italic and dotted, scare quotes greyed;
    terms: start, end, group, term — background in the group's colour, the term in the tooltip;
    labels: start, end, actor, label — underlined, the actor in the tooltip.
    """
    layers = _layers(sentences, quotes, terms, labels)
    cuts = sorted({0, len(body), *(p for layer in layers for s, e, _ in layer for p in (s, e) if 0 <= p <= len(body))})
    colours = group_colours or {}
    out = [STYLE, '<div class="fs-article">']
    for a, b in zip(cuts, cuts[1:]):
        piece = html.escape(body[a:b]).replace("\n", "<br>")
        out.append(_wrap(piece, [(layer_index, info) for layer_index, layer in enumerate(layers)
                                 for s, e, info in layer if s <= a and b <= e], colours))
    out.append("</div>")
    return "".join(out)


def _layers(sentences, quotes, terms, labels) -> list[list[tuple[int, int, dict]]]:
    def rows(frame, *fields):
        if frame is None or frame.empty:
            return []
        return [(int(r["start"]), int(r["end"]), {f: r[f] for f in fields}) for _, r in frame.iterrows()]

    quote_rows = [(q.start, q.end, {"kind": q.kind}) for q in (quotes or [])]
    return [rows(sentences, "compound"), quote_rows, rows(terms, "group", "term"), rows(labels, "actor", "label")]


def _wrap(piece: str, active: list[tuple[int, dict]], colours: dict[str, str]) -> str:
    for layer, info in active:
        if layer == 0:
            piece = f'<span style="background:{_tone_colour(info["compound"])}">{piece}</span>'
        elif layer == 1:
            css = "fs-q" if info["kind"] == "quoted" else "fs-scare"
            piece = f'<span class="{css}">{piece}</span>'
        elif layer == 2:
            colour = colours.get(info["group"], GROUP_COLOURS[0])
            tip = html.escape(f'{info["group"]}: {info["term"]}', quote=True)
            piece = f'<span class="fs-term" style="background:{colour}" title="{tip}">{piece}</span>'
        else:
            tip = html.escape(f'{info["actor"]}: {info["label"]}', quote=True)
            piece = f'<span class="fs-label" title="{tip}">{piece}</span>'
    return piece


def _tone_colour(compound: float) -> str:
    """Transparent for neutral, up to a light green/red for ±1."""
    if compound is None or compound != compound or abs(compound) < 0.05:
        return "transparent"
    alpha = min(0.35, 0.1 + 0.25 * abs(compound))
    return f"rgba(0,158,115,{alpha:.2f})" if compound > 0 else f"rgba(213,94,0,{alpha:.2f})"


def legend(group_colours: dict[str, str]) -> str:
    """A small legend line for the reader, escaped."""
    items = "".join(f'<span><span class="fs-term" style="background:{c}">{html.escape(g)}</span></span>'
                    for g, c in group_colours.items())
    return (STYLE + f'<div class="fs-legend">{items}<span class="fs-q">“quoted speech”</span>'
            '<span class="fs-scare">“scare quote”</span><span class="fs-label">actor label</span>'
            '<span style="background:rgba(0,158,115,.3)">positive sentence</span>'
            '<span style="background:rgba(213,94,0,.3)">negative sentence</span></div>')
