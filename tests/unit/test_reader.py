import pandas as pd

from lib.present import reader
from lib import text


def test_article_text_is_escaped_so_a_script_in_it_never_runs():
    body = 'Hello <script>alert(1)</script> and <img src=x onerror="alert(2)"> “quoted <b>”'
    out = reader.render(body, quotes=text.quotes(body),
                        terms=pd.DataFrame({"start": [0], "end": [5], "group": ['<i>g"'], "term": ["t"]}))
    assert "<script>" not in out and "<img" not in out and "<b>" not in out
    assert "&lt;script&gt;" in out and 'title="&lt;i&gt;g&quot;: t"' in out


def test_layers_nest_into_well_formed_spans():
    body = "The autocrat said “we are friends”."
    out = reader.render(body, sentences=pd.DataFrame({"start": [0], "end": [len(body)], "compound": [0.6]}),
                        quotes=text.quotes(body),
                        terms=pd.DataFrame({"start": [4], "end": [12], "group": ["leaders"], "term": ["autocrat"]}),
                        labels=pd.DataFrame({"start": [4], "end": [12], "actor": ["Xi"], "label": ["autocrat"]}),
                        group_colours={"leaders": "#F0E442"})
    assert out.count("<span") == out.count("</span>")
    assert 'background:#F0E442" title="leaders: autocrat"' in out and "fs-label" in out
    assert "rgba(0,158,115" in out  # positive sentence shading
    assert "fs-q" in out  # the quotation


def test_line_breaks_become_breaks_and_no_text_is_lost():
    body = "First line.\nSecond <line>."
    out = reader.render(body)
    assert "First line.<br>Second &lt;line&gt;." in out
