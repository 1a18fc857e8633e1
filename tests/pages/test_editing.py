"""Two analysts editing the same file at once: the later save is refused, then merged or reloaded."""
import pytest

from tests.pages.conftest import edit


@pytest.fixture
def two(app):
    """Two sessions, A and B, with the same page open."""
    return lambda page: (app(page), app(page))


def refused(at) -> bool:
    return any("changed by someone else since you opened it" in w.value for w in at.warning)


# --- sources.csv (Corpus page) ---------------------------------------------------------------

def test_a_metadata_save_over_a_colleagues_newer_save_is_refused_and_merging_keeps_both(two, seed_dir):
    a, b = two("corpus")
    files = list(a.data_editor[0].value["file"])
    edit(a, "metadata_editor", edited={0: {"outlet": "Harbour Post"}}).button(key="save_metadata").click().run()
    assert any(f"Saved 1 change to {seed_dir / 'sources.csv'}" in s.value for s in a.success)

    edit(b, "metadata_editor", edited={1: {"outlet": "Lighthouse News"}}).button(key="save_metadata").click().run()
    assert refused(b)
    sources = (seed_dir / "sources.csv").read_text()
    assert f"{files[0]},,Harbour Post" in sources and "Lighthouse News" not in sources

    b.button(key="metadata_editor_merge").click().run()
    sources = (seed_dir / "sources.csv").read_text()
    assert f"{files[0]},,Harbour Post" in sources and f"{files[1]},,Lighthouse News" in sources
    assert not refused(b) and any("Merged your edits" in s.value for s in b.success)
    assert not b.exception


def test_reloading_after_a_refused_metadata_save_shows_the_colleagues_change_and_drops_mine(two, seed_dir):
    a, b = two("corpus")
    first = a.data_editor[0].value["file"].iloc[0]
    edit(a, "metadata_editor", edited={0: {"outlet": "Harbour Post"}}).button(key="save_metadata").click().run()
    edit(b, "metadata_editor", edited={0: {"outlet": "Lighthouse News"}}).button(key="save_metadata").click().run()
    assert refused(b)

    b.button(key="metadata_editor_reload").click().run()
    assert first not in set(b.data_editor[0].value["file"])  # it has an outlet now: no longer missing one
    b.radio(key="edit_missing").set_value("any").run()
    shown = b.data_editor[0].value.set_index("file")
    assert shown.loc[first, "outlet"] == "Harbour Post"
    assert "Lighthouse News" not in (seed_dir / "sources.csv").read_text()
    assert not refused(b) and not b.exception


# --- framing.csv (Framing page) --------------------------------------------------------------

def test_a_lexicon_save_over_a_colleagues_newer_save_is_refused_and_merging_keeps_both(two, seed_dir):
    a, b = two("framing")
    variants = a.data_editor[0].value["variants"].iloc[0]
    edit(a, "lexicon_editor", edited={0: {"variants": variants + "; harbour war"}})
    a.button(key="save_lexicon").click().run()
    assert "harbour war" in (seed_dir / "framing.csv").read_text()

    edit(b, "lexicon_editor", added=[{"group": "Harbours", "term": "port", "variants": "lighthouse port"}])
    b.button(key="save_lexicon").click().run()
    assert refused(b)
    assert "lighthouse port" not in (seed_dir / "framing.csv").read_text()

    b.button(key="lexicon_editor_merge").click().run()
    saved = (seed_dir / "framing.csv").read_text()
    assert "harbour war" in saved and "Harbours,port,lighthouse port" in saved
    assert not refused(b) and not b.exception


def test_reloading_after_a_refused_lexicon_save_shows_the_colleagues_lexicon(two, seed_dir):
    a, b = two("framing")
    variants = a.data_editor[0].value["variants"].iloc[0]
    edit(a, "lexicon_editor", edited={0: {"variants": variants + "; harbour war"}})
    a.button(key="save_lexicon").click().run()
    edit(b, "lexicon_editor", edited={0: {"variants": variants + "; lighthouse war"}})
    b.button(key="save_lexicon").click().run()
    assert refused(b)

    b.button(key="lexicon_editor_reload").click().run()
    assert b.data_editor[0].value["variants"].iloc[0] == variants + "; harbour war"
    assert "lighthouse war" not in (seed_dir / "framing.csv").read_text()
    assert not refused(b) and not b.exception


# --- actors.csv and stories.csv ----------------------------------------------------------------

def test_two_analysts_adding_aliases_keep_both_after_a_merge(two, seed_dir):
    a, b = two("actors")
    edit(a, "actors_editor", added=[{"actor": "Xi Jinping", "alias": "the Chinese leader"}])
    a.button(key="save_actors").click().run()
    edit(b, "actors_editor", added=[{"actor": "Vladimir Putin", "alias": "the Kremlin chief"}])
    b.button(key="save_actors").click().run()
    assert refused(b)
    b.button(key="actors_editor_merge").click().run()
    saved = (seed_dir / "actors.csv").read_text()
    assert "Xi Jinping,the Chinese leader" in saved and "Vladimir Putin,the Kremlin chief" in saved


def test_a_story_fix_saved_after_a_colleagues_fix_keeps_both(two, seed_dir):
    a, b = two("stories")
    a.text_input(key="story_name").input("Harbour summit").run()
    a.button(key="save_story").click().run()
    edit(b, "story_overrides", added=[{"action": "rename", "story": "s-none", "name": "Lighthouse"}])
    b.button(key="save_story_overrides").click().run()
    assert refused(b)
    b.button(key="story_overrides_merge").click().run()
    saved = (seed_dir / "stories.csv").read_text()
    assert "Harbour summit" in saved and "Lighthouse" in saved
