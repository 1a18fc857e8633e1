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


@pytest.fixture(params=["empty", "unusable"])
def articleless(request, tmp_path: Path) -> Path:
    """A corpus folder with no article: empty, or only files that cannot be read (binary, empty,
    an unsupported format). Its name is the case."""
    root = tmp_path / request.param
    root.mkdir()
    if request.param == "unusable":
        (root / "scan.txt").write_bytes(b"\x00\x01\x02\xff binary")
        (root / "blank.md").write_bytes(b"")
        (root / "memo.7z").write_bytes(b"7z\xbc\xaf\x27\x1c")  # a format Framescope does not read
    return root


def seed_text(prefix: str) -> str:
    """The text of the seed whose file name starts with ``prefix`` (e.g. '004')."""
    [path] = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory, monkeypatch):
    """Every test gets its own analysis store, never the project's .framescope-cache/."""
    monkeypatch.setenv("FRAMESCOPE_CACHE", str(tmp_path_factory.mktemp("cache")))
