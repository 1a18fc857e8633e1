import pandas as pd
import pytest

from lib.actors import table as actorlist
from lib.store.atomic import version


def save(folder, actors):
    """Save as an editor that has just read the file does."""
    return actorlist.save_actors(folder, actors, expected=version(folder / actorlist.ACTORS_FILE))


def test_the_actor_list_round_trips_through_actors_csv(tmp_path):
    actors = pd.DataFrame({"actor": ["Xi Jinping", "Xi Jinping"], "alias": ["Xi Jinping", "President Xi"]})
    save(tmp_path, actors)
    pd.testing.assert_frame_equal(actorlist.read_actors(tmp_path), actors)


def test_an_alias_given_to_two_actors_is_refused_and_nothing_written(tmp_path):
    bad = pd.DataFrame({"actor": ["Xi Jinping", "Li Qiang"], "alias": ["Premier", "premier"]})
    with pytest.raises(ValueError, match="belongs to two actors"):
        save(tmp_path, bad)
    assert not (tmp_path / "actors.csv").exists()


def test_a_missing_or_broken_file_means_no_list(tmp_path):
    assert actorlist.read_actors(tmp_path) is None
    (tmp_path / "actors.csv").write_text("name\nXi\n")
    assert actorlist.read_actors(tmp_path) is None


def test_merging_two_edits_of_the_list_keeps_the_aliases_each_added_and_drops_those_each_removed():
    def actors(*pairs):
        return pd.DataFrame(list(pairs), columns=["actor", "alias"])
    base = actors(("Xi Jinping", "Xi"), ("Xi Jinping", "President Xi"), ("Vladimir Putin", "Putin"))
    theirs = actors(("Xi Jinping", "Xi"), ("Vladimir Putin", "Putin"), ("Vladimir Putin", "the Kremlin chief"))
    mine = actors(("Xi Jinping", "Xi"), ("Xi Jinping", "President Xi"), ("Li Qiang", "Premier Li"))
    merged = actorlist.merge_actors(base, mine, theirs)
    assert merged.values.tolist() == [["Xi Jinping", "Xi"], ["Vladimir Putin", "the Kremlin chief"],
                                      ["Li Qiang", "Premier Li"]]
