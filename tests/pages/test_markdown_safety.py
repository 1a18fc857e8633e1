from ui.widgets import plain


def test_file_names_and_queries_cannot_become_links_or_images_in_markdown():
    hostile = "![x](http://evil.test/a.png) [click](javascript:alert(1)) **bold** <b>"
    escaped = plain(hostile)
    assert "![" not in escaped and "](" not in escaped and "**" not in escaped and "<b>" not in escaped
    assert escaped.replace("\\", "") == hostile  # nothing is lost, only made inert
