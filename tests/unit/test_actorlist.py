import pandas as pd
import pytest

from lib.actors import table as actorlist


def test_the_actor_list_round_trips_through_actors_csv(tmp_path):
    actors = pd.DataFrame({"actor": ["Xi Jinping", "Xi Jinping"], "alias": ["Xi Jinping", "President Xi"]})
    actorlist.save_actors(tmp_path, actors)
    pd.testing.assert_frame_equal(actorlist.read_actors(tmp_path), actors)


def test_an_alias_given_to_two_actors_is_refused_and_nothing_written(tmp_path):
    bad = pd.DataFrame({"actor": ["Xi Jinping", "Li Qiang"], "alias": ["Premier", "premier"]})
    with pytest.raises(ValueError, match="belongs to two actors"):
        actorlist.save_actors(tmp_path, bad)
    assert not (tmp_path / "actors.csv").exists()


def test_a_missing_or_broken_file_means_no_list(tmp_path):
    assert actorlist.read_actors(tmp_path) is None
    (tmp_path / "actors.csv").write_text("name\nXi\n")
    assert actorlist.read_actors(tmp_path) is None
