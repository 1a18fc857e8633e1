"""Shared fixtures: the seed corpus copied into a temporary folder, so no test touches data/."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

# A hang guard, not a speed test: inputs built to make a quadratic or backtracking rule blow up
# finish in well under a second when the code is linear, and would take hours when it is not.
# Speed is measured by ``make bench``, never asserted here.
HANG_GUARD_SECONDS = 60

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = FIXTURES / "seeds"


@pytest.fixture
def seed_dir(tmp_path: Path) -> Path:
    """A fresh copy of the five seed articles."""
    target = tmp_path / "corpus"
    shutil.copytree(SEEDS, target)
    return target


def seed_text(prefix: str) -> str:
    """The text of the seed whose file name starts with ``prefix`` (e.g. '004')."""
    [path] = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory, monkeypatch):
    """Every test gets its own analysis store, never the project's .framescope-cache/."""
    monkeypatch.setenv("FRAMESCOPE_CACHE", str(tmp_path_factory.mktemp("cache")))
