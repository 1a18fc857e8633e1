"""Hostile corpus folders: every bad file is reported in plain words and the good file beside it still
loads. Each case goes through ``corpus.load``, the way the dashboard and ``scan`` read a folder."""
import csv
import gzip
import io
import json
import os
import shutil
import random
import stat
import tempfile
import threading
import tracemalloc
import traceback
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib import analyse, text
from lib.load import corpus, files
from lib.__main__ import scan_objects

FUZZ_EXAMPLES = int(os.environ.get("FRAMESCOPE_FUZZ_EXAMPLES", 60))
GOOD_NAME = "good.txt"
GOOD = ("The harbour council met on Tuesday to argue about the new bridge, and the mayor said the "
        "budget would hold until the spring.")
ARTICLE = ("Fishermen in the northern port said on Friday that the winter catch was the smallest in a "
           "decade, and the regional minister promised a review of the quotas.")
WORDS = "harbour council budget minister talks trade river market school winter fishermen bridge".split()


def with_good(folder: Path) -> Path:
    (folder / GOOD_NAME).write_text(GOOD, encoding="utf-8")
    return folder


def load_beside_good(folder: Path) -> pd.DataFrame:
    """The folder's records by file name, after checking that the good file loaded untouched."""
    loaded = corpus.load(folder)
    records = loaded.with_text(loaded.records)
    good = records[records["file"] == GOOD_NAME]
    assert list(good["status"]) == ["loaded"] and good["text"].iloc[0] == GOOD
    return records.set_index("file")


def one(records: pd.DataFrame, name: str) -> pd.Series:
    rows = records.loc[[name]]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def printable(name: str) -> str:
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


# --- contents ------------------------------------------------------------------------------------

MOJIBAKE = "The minister said it isn’t over and the ‘talks’ go on.".encode("utf-8").decode("cp1252").encode("utf-8")

CONTENTS = {
    # id: (file name, bytes, status, words the message must contain, words the clean text must contain)
    "binary-as-txt": ("photo.txt", random.Random(8).randbytes(6000), "error", "binary", None),
    "png-as-txt": ("image.txt", b"\x89PNG\r\n\x1a\n" + random.Random(9).randbytes(500), "error", "PNG image", None),
    "empty": ("empty.txt", b"", "error", "empty file", None),
    "whitespace-only": ("blank.txt", b" \n\t\r\n \xc2\xa0\n", "error", "only whitespace", None),
    "invalid-utf8-inside": ("bad bytes.txt", "Zürich’s café owners said “no”. ".encode() + b"\xff\xfe"
                            + " Naïve résumés were filed on Monday.".encode(), "loaded", "invalid UTF-8",
                            "Zürich’s café owners said “no”."),
    "utf16-bom": ("wide.txt", ("Zürich: " + ARTICLE).encode("utf-16"), "loaded", "", "Zürich: Fishermen"),
    "utf16-no-bom": ("wide-le.txt", ("Bern " + ARTICLE).encode("utf-16-le"), "loaded", "UTF-16", "Bern Fishermen"),
    "cp1252": ("windows.txt", ("Zürich’s “quota” row. " + ARTICLE).encode("cp1252"), "loaded", "",
               "Zürich’s “quota” row."),
    "mojibake": ("mangled.txt", MOJIBAKE, "loaded", "mojibake", "isn’t over and the ‘talks’"),
    "gzip-as-txt": ("news.txt", gzip.compress(ARTICLE.encode()), "error", "gzip", None),
    "zip-as-json": ("export.json", b"PK\x03\x04" + random.Random(3).randbytes(300), "error", "ZIP", None),
    "csv-no-text-column": ("table.csv", b"date,note\n2025-01-02,a note\n", "error", "no text column", None),
    "csv-header-only": ("header.csv", b"title,text\n", "error", "holds no articles", None),
    "csv-unclosed-quote": ("open.csv", f'title,text\nOne,"{ARTICLE}\n'.encode(), "loaded", "", "Fishermen"),
    "json-truncated": ("cut.json", b'[{"text": "The talks', "error", "not valid JSON", None),
    "json-trailing-comma": ("comma.json", b'[{"text": "x"},]', "error", "not valid JSON", None),
    "json-scalar": ("number.json", b"42", "error", "holds no articles", None),
    "json-nested-100k": ("deep.json", b"[" * 100_000 + b"]" * 100_000, "error", "nested too deeply", None),
    "markdown-only-markup": ("rule.md", b"---\n***\n___\n", "error", "", None),
    "html-without-text": ("empty.html", b"<html><head><title>t</title></head><body></body></html>", "error",
                          "no article text", None),
    "odt-without-content": ("memo.odt", b"PK\x03\x04" + bytes(40), "error", "not a readable OpenDocument", None),
    "gz-that-is-not-gzip": ("export.jsonl.gz", ARTICLE.encode(), "error", "not a readable gzip file", None),
    "tar-gz-truncated": ("news.tar.gz", gzip.compress(b"x" * 600)[:30], "error", "not a readable", None),
    "gzip-bomb": ("zeros.txt.gz", gzip.compress(b"0" * 30_000_000), "error", "gzip bomb", None),
    "xml-no-feed": ("sitemap.xml", b'<?xml version="1.0"?><urlset><url><loc>x</loc></url></urlset>', "error",
                    "not an RSS or Atom feed", None),
    "feed-with-entities": ("bomb.rss", b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]>'
                           b"<rss><channel><item><description>&b;</description></item></channel></rss>", "error",
                           "declares XML entities", None),
    "feed-without-items": ("empty.rss", b'<rss version="2.0"><channel><title>t</title></channel></rss>', "error",
                           "no items", None),
}


@pytest.mark.parametrize("name, data, status, message, clean", CONTENTS.values(), ids=CONTENTS.keys())
def test_a_hostile_file_is_reported_and_the_good_file_still_loads(tmp_path, name, data, status, message, clean):
    (with_good(tmp_path) / name).write_bytes(data)
    row = one(load_beside_good(tmp_path), name)
    assert row["status"] == status, row["message"]
    if status == "loaded":
        assert clean in row["text"] and "\x00" not in row["text"]
    else:
        assert row["message"].strip()
    assert message in row["message"]


def test_jsonl_bad_lines_are_reported_by_line_and_every_good_line_loads(tmp_path):
    lines = [json.dumps({"text": ARTICLE, "outlet": "Coast Post"}), "{not json", "",
             json.dumps(["a", "list"]), json.dumps({"title": "no text"}), "[" * 50_000,
             json.dumps({"text": GOOD.replace("bridge", "tunnel"), "outlet": "Inland Daily"})]
    (with_good(tmp_path) / "feed.jsonl").write_text("\n".join(lines), encoding="utf-8")
    rows = load_beside_good(tmp_path).loc[["feed.jsonl"]].set_index("row")
    assert list(rows.index) == [1, 2, 4, 5, 6, 7]
    assert list(rows.loc[[1, 7], "outlet"]) == ["Coast Post", "Inland Daily"]
    assert (rows.loc[[1, 7], "status"] == "loaded").all()
    assert "line 2 is not valid JSON" in rows.loc[2, "message"]
    assert rows.loc[4, "message"] == "item 4 is not an object"
    assert rows.loc[5, "message"] == "row 5 has no text"
    assert "nested too deeply" in rows.loc[6, "message"]


@pytest.mark.parametrize("name, data", [
    ("articles.7z", b"7z\xbc\xaf\x27\x1c" + bytes(64)), ("articles.rar", b"Rar!\x1a\x07\x00" + bytes(64)),
], ids=["7z", "rar"])
def test_archives_framescope_cannot_open_are_skipped_as_unsupported_with_a_message(tmp_path, name, data):
    (with_good(tmp_path) / name).write_bytes(data)
    records = load_beside_good(tmp_path)
    row = one(records, name)
    assert row["status"] == "skipped" and "not supported" in row["message"]


# --- size and shape ------------------------------------------------------------------------------

def test_a_50_mb_text_file_is_reported_as_too_large_without_being_read(tmp_path, monkeypatch):
    with open(with_good(tmp_path) / "huge.txt", "wb") as handle:
        line = (" ".join(WORDS) + ".\n").encode()
        for _ in range(50_000_000 // len(line) + 1):
            handle.write(line)
    opened = []
    real = files.read_bytes
    monkeypatch.setattr(files, "read_bytes", lambda entry: opened.append(entry.rel) or real(entry))
    row = one(load_beside_good(tmp_path), "huge.txt")
    assert row["status"] == "error"
    assert row["message"] == "too large: 50.0 MB (the limit for .txt files is 5 MB)"
    assert opened == [GOOD_NAME]


@pytest.mark.parametrize("name, size, message", [
    ("article.md", files.MAX_ARTICLE_BYTES + 1, "too large: 5.0 MB (the limit for .md files is 5 MB)"),
    ("export.csv", 600_000_000, "too large: 600.0 MB (the limit for .csv files is 500 MB)"),
    ("export.jsonl", files.MAX_EXPORT_BYTES + 1, "too large: 500.0 MB (the limit for .jsonl files is 500 MB)"),
])
def test_a_file_over_its_limit_is_refused_with_the_limit_the_readme_states(tmp_path, name, size, message):
    with open(with_good(tmp_path) / name, "wb") as handle:
        handle.truncate(size)  # sparse: the size on paper, nothing on disk
    row = one(load_beside_good(tmp_path), name)
    assert (row["status"], row["message"]) == ("error", message)


def test_the_readme_states_the_limits_and_every_supported_format():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("**Limits and everything else.**"):]
    section = " ".join(section[:section.index("\n## ")].split())
    assert f"up to {files.MAX_ARTICLE_BYTES / 1e6:.0f} MB" in section
    assert f"up to {files.MAX_EXPORT_BYTES / 1e6:.0f} MB" in section
    assert all(f"`{suffix}`" in section for suffix in files.SUPPORTED_SUFFIXES)
    for outcome in ("empty", "binary", "compressed", "named pipes", "outside the corpus folder", "skipped"):
        assert outcome in section


def test_a_50_mb_export_is_read_and_reported_in_plain_words(tmp_path):
    row_bytes = b"2025-01-02," + " ".join(WORDS).encode() + b"\n"
    with open(with_good(tmp_path) / "big.csv", "wb") as handle:
        handle.write(b"date,note\n")
        handle.write(row_bytes * (50_000_000 // len(row_bytes)))
    row = one(load_beside_good(tmp_path), "big.csv")
    assert row["status"] == "error" and row["message"].startswith("no text column")


def test_a_small_export_is_read_without_reserving_the_export_limit_in_memory(tmp_path):
    (tmp_path / "small.csv").write_text(f"title,text\nOne,{ARTICLE}\n")
    [entry] = files.walk(tmp_path)
    tracemalloc.start()
    try:
        data = files.read_bytes(entry)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert data == (tmp_path / "small.csv").read_bytes()
    assert peak < 1_000_000  # bytes; asking read() for the 512 MB limit reserved all of it


def test_a_300_kb_line_without_punctuation_loads_and_is_analysed_in_capped_sentences(tmp_path):
    picker = random.Random(5)
    body = " ".join(picker.choice(WORDS) for _ in range(45_000))
    assert len(body) > 300_000 and "\n" not in body
    (with_good(tmp_path) / "run-on.txt").write_text(body)
    row = one(load_beside_good(tmp_path), "run-on.txt")
    assert row["status"] == "loaded" and row["words"] == 45_000
    found = text.sentences(pd.DataFrame({"id": [row["id"]], "text": [row["text"]]}))
    assert found["text"].str.len().max() <= text.MAX_SENTENCE_CHARS
    assert found["text"].str.split().str.len().sum() == 45_000
    result = analyse.analyse_chunk([(row["id"], row["text"])])
    assert result["articles"]["sentences"] == [len(found)]
    assert result["articles"]["keywords"][0] > 0


def test_sixty_nested_folders_are_walked_and_the_deepest_file_loads(tmp_path):
    deepest = with_good(tmp_path).joinpath(*[f"level {i}" for i in range(60)])
    deepest.mkdir(parents=True)
    (deepest / "bottom.txt").write_text(ARTICLE)
    rel = "/".join(f"level {i}" for i in range(60)) + "/bottom.txt"
    row = one(load_beside_good(tmp_path), rel)
    assert row["status"] == "loaded" and row["text"] == ARTICLE


NAMES = ["with spaces.txt", "[brackets] (and parens).txt", "accents éüñ ø.txt", "cafe\u0301 decomposed.txt",
         "new\nline.txt", "tab\tand\rreturn.txt", "-leading dash.txt", "emoji 📰.txt", "semi;colon,comma.txt",
         "quote\"s 'n' `tick`.txt", "<img src=x onerror=alert(1)>.txt", "ends with a dot..txt", "UPPER.TXT",
         "x" * 200 + ".txt"]


@pytest.mark.parametrize("name", NAMES, ids=range(len(NAMES)))
def test_odd_but_valid_file_names_load_under_their_own_name(tmp_path, name):
    (with_good(tmp_path) / name).write_text(ARTICLE)
    records = load_beside_good(tmp_path)
    row = one(records, name)
    assert row["status"] == "loaded" and row["text"] == ARTICLE
    json.dumps(scan_objects(records.reset_index()), ensure_ascii=False).encode("utf-8")  # what scan --json prints


def test_a_file_name_that_is_not_utf8_is_reported_and_the_rest_still_loads(tmp_path):
    with_good(tmp_path)
    with open(os.path.join(os.fsencode(tmp_path), b"report \xff\xfe.txt"), "wb") as handle:
        handle.write(ARTICLE.encode())
    (tmp_path / "next.txt").write_text(ARTICLE.replace("winter", "summer"))
    with open(os.path.join(os.fsencode(tmp_path), b"odd.\x80"), "wb") as handle:
        handle.write(ARTICLE.encode())
    os.symlink(b"odd.\x80", os.path.join(os.fsencode(tmp_path), b"alias.txt"))
    records = load_beside_good(tmp_path)
    row = one(records, "report \ufffd\ufffd.txt")
    assert row["status"] == "error" and "not valid UTF-8" in row["message"] and "rename" in row["message"]
    assert one(records, "next.txt")["status"] == "loaded"
    assert one(records, "odd.\ufffd")["message"] == "the file name is not valid UTF-8; rename the file to read it"
    assert one(records, "alias.txt")["message"].startswith("'.\ufffd' files are not supported")  # a link to it
    json.dumps(scan_objects(records.reset_index()), ensure_ascii=False).encode("utf-8")


# --- special files and links -------------------------------------------------------------------

def test_a_named_pipe_does_not_block_loading(tmp_path):
    os.mkfifo(with_good(tmp_path) / "pipe.txt")
    outcome: dict = {}

    def load():
        try:
            outcome["records"] = load_beside_good(tmp_path)
        except BaseException as exc:  # reported below, on the test's thread
            outcome["error"] = exc

    worker = threading.Thread(target=load, daemon=True)
    worker.start()
    worker.join(timeout=60)  # a blocking open() on a FIFO without a writer never returns
    assert not worker.is_alive(), "loading blocked on a named pipe"
    assert "error" not in outcome, outcome.get("error")
    row = one(outcome["records"], "pipe.txt")
    assert row["status"] == "skipped" and "named pipe" in row["message"]


@pytest.mark.parametrize("where", ["outside", "inside"])
def test_a_link_to_a_device_is_never_opened(tmp_path, where):
    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    with_good(corpus_dir)
    if where == "outside":
        (corpus_dir / "null.txt").symlink_to("/dev/null")
        expected = "outside the corpus folder"
    else:
        if os.geteuid() != 0:
            pytest.skip("creating a device node needs root")
        os.mknod(corpus_dir / "zero-device", 0o600 | stat.S_IFCHR, os.makedev(1, 5))  # like /dev/zero
        (corpus_dir / "null.txt").symlink_to(corpus_dir / "zero-device")
        expected = "a device"
    row = one(load_beside_good(corpus_dir), "null.txt")
    assert row["status"] == "skipped" and expected in row["message"]


def test_a_link_pointing_outside_the_corpus_is_not_followed(tmp_path):
    secret = tmp_path / "private" / "diary.txt"
    secret.parent.mkdir()
    secret.write_text("Private notes about the neighbours that must never show up in the dashboard.")
    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    with_good(corpus_dir)
    (corpus_dir / "diary.txt").symlink_to(secret)
    (corpus_dir / "private").symlink_to(secret.parent)
    records = load_beside_good(corpus_dir)
    for name in ("diary.txt", "private"):
        row = one(records, name)
        assert row["status"] == "skipped" and "outside the corpus folder (not followed)" in row["message"]
    assert not records["text"].fillna("").str.contains("neighbours").any()


@pytest.mark.parametrize("name, target, message", [
    ("loop.txt", "loop.txt", "not followed"),
    ("dangling.txt", "gone.txt", "a broken link"),
    ("sub/back-up", "..", "a link to a folder inside the corpus"),
], ids=["loop", "dangling", "folder-cycle"])
def test_looping_dangling_and_cyclic_links_are_reported_not_followed(tmp_path, name, target, message):
    (with_good(tmp_path) / name).parent.mkdir(exist_ok=True)
    (tmp_path / name).symlink_to(target)
    row = one(load_beside_good(tmp_path), name)
    assert row["status"] == "skipped" and message in row["message"]


def test_an_unreadable_file_is_reported_and_the_rest_still_loads():
    # Root reads any file whatever its mode, so as root the load runs in a child that drops to
    # 'nobody'; the folder must then be somewhere 'nobody' may enter (pytest's tmp_path is not).
    folder = Path(tempfile.mkdtemp(prefix="framescope-unreadable-"))
    try:
        folder.chmod(0o755)
        with_good(folder)
        (folder / "locked.txt").write_text(ARTICLE)
        (folder / "locked.txt").chmod(0o000)
        rows = _load_as_nobody(folder) if os.geteuid() == 0 else _records_as_dicts(folder)
    finally:
        (folder / "locked.txt").chmod(0o600)
        for child in folder.iterdir():
            child.unlink()
        folder.rmdir()
    by_file = {row["file"]: row for row in rows}
    assert by_file[GOOD_NAME]["status"] == "loaded"
    assert by_file["locked.txt"]["status"] == "error"
    assert by_file["locked.txt"]["message"] == "cannot be read: Permission denied"


def _records_as_dicts(folder: Path) -> list[dict]:
    return corpus.load(folder).records[["file", "status", "message"]].to_dict("records")


def _load_as_nobody(folder: Path) -> list[dict]:
    with tempfile.TemporaryDirectory() as warm_up:  # imports all the child needs while it still may
        corpus.load(with_good(Path(warm_up)))
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never return into pytest
        os.close(reader)
        try:
            os.setgid(65534)
            os.setuid(65534)
            payload = json.dumps({"rows": _records_as_dicts(folder)})
        except PermissionError as exc:
            payload = json.dumps({"skip": f"cannot drop to user 'nobody': {exc}"})
        except BaseException:
            payload = json.dumps({"crash": traceback.format_exc()})
        with os.fdopen(writer, "w") as out:
            out.write(payload)
        os._exit(0)
    os.close(writer)
    with os.fdopen(reader) as incoming:
        answer = json.loads(incoming.read())
    os.waitpid(pid, 0)
    if "skip" in answer:
        pytest.skip(answer["skip"])
    assert "crash" not in answer, answer.get("crash")
    return answer["rows"]


def test_a_file_being_appended_to_while_loading_ends_loaded_or_reported(tmp_path):
    growing = with_good(tmp_path) / "live.txt"
    growing.write_text(ARTICLE + "\n")
    stop = threading.Event()

    def append():
        picker = random.Random(11)
        with open(growing, "a", encoding="utf-8") as handle:
            while not stop.is_set() and handle.tell() < 3_000_000:
                handle.write(" ".join(picker.choice(WORDS) for _ in range(12)) + " — “é” 📰.\n")
                handle.flush()

    writer = threading.Thread(target=append, daemon=True)
    writer.start()
    try:
        seen = [one(load_beside_good(tmp_path), "live.txt") for _ in range(8)]
    finally:
        stop.set()
        writer.join()
    for row in seen:
        assert row["status"] == "loaded" or (row["status"] == "error" and row["message"].strip()), row["message"]
    assert any(row["status"] == "loaded" and row["text"].startswith("Fishermen") for row in seen)


# --- fuzz ----------------------------------------------------------------------------------------

SUFFIXES = sorted(files.SUPPORTED_SUFFIXES) + [".TXT", ".Json", ".zip", ".gz", ".exe", ""]
MAGIC = st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"PK\x03\x04", b"\x1f\x8b", b"%PDF",
                         b"---\ntitle: x\n---\n", b"<html><body><p>", b"[{\"text\": ", b"text,title\n"])
CONTENT = st.one_of(
    st.binary(max_size=3000),
    st.tuples(MAGIC, st.binary(max_size=600)).map(b"".join),
    st.tuples(st.text(max_size=600), st.sampled_from(["utf-8", "utf-16", "utf-16-le", "cp1252", "latin-1"]))
    .map(lambda pair: pair[0].encode(pair[1], errors="ignore")),
    st.lists(st.sampled_from(WORDS + [".", "“", "”", "\n", "Ã©", "\x00", "\r\n", "—"]), max_size=300)
    .map(" ".join).map(str.encode),
)


def assert_every_record_is_loaded_or_explained(records: pd.DataFrame) -> None:
    assert set(records["status"]) <= set(corpus.STATUSES)
    for row in records.itertuples():
        if row.status in ("loaded", "duplicate"):
            assert isinstance(row.text, str) and row.text.strip() and len(row.id) == 16
        else:
            assert isinstance(row.message, str) and row.message.strip(), row
    json.dumps(scan_objects(records), ensure_ascii=False).encode("utf-8")


_FUZZ_FOLDER: list[Path] = []


def _fuzz_root() -> Path:
    # One folder for every example, emptied but for the good file between them: the good file is
    # read once, and the loader's per-process memory of files stays one folder's worth (a new
    # folder per example made each load slower than the last, over 10,000 examples).
    if not _FUZZ_FOLDER:
        _FUZZ_FOLDER.append(with_good(Path(tempfile.mkdtemp(prefix="framescope-fuzz-"))))
    root = _FUZZ_FOLDER[0]
    for child in os.listdir(os.fsencode(root)):
        if os.fsdecode(child) != GOOD_NAME:
            path = os.path.join(os.fsencode(root), child)
            shutil.rmtree(path) if os.path.isdir(path) and not os.path.islink(path) else os.unlink(path)
    return root


def fuzz_folder(entries: dict[str, bytes]) -> pd.DataFrame:
    """Load the fuzz folder holding the good file and ``entries`` (name -> bytes)."""
    root = _fuzz_root()
    try:
        for name, data in entries.items():
            with open(os.path.join(os.fsencode(root), os.fsencode(name)), "wb") as handle:
                handle.write(data)
        loaded = corpus.load(root)
        records = loaded.with_text(loaded.records)
    finally:
        _fuzz_root()
    good = records[records["file"] == GOOD_NAME]
    assert list(good["status"]) == ["loaded"]
    assert_every_record_is_loaded_or_explained(records)
    return records


@settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=CONTENT, suffix=st.sampled_from(SUFFIXES))
def test_fuzz_any_bytes_in_any_file_end_loaded_or_reported(data, suffix):
    records = fuzz_folder({"fuzz" + suffix: data})
    assert (records["file"] == "fuzz" + suffix).sum() >= 1


NAME_TEXT = st.text(st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)), min_size=1, max_size=40)
NAME_BYTES = st.binary(min_size=1, max_size=40).filter(lambda b: b"/" not in b and b"\x00" not in b).map(os.fsdecode)


@settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stem=st.one_of(NAME_TEXT, NAME_BYTES), suffix=st.sampled_from(SUFFIXES))
def test_fuzz_any_file_name_ends_loaded_or_reported_under_a_printable_name(stem, suffix):
    name = stem + suffix
    if name in (".", "..", GOOD_NAME) or len(os.fsencode(name)) > 255:
        return
    records = fuzz_folder({name: ARTICLE.encode()})
    mine = records[records["file"] == printable(name)]
    if name.startswith("."):  # hidden files are never articles: listed as skipped, or counted as litter
        assert (mine["status"] == "skipped").all() and len(mine) <= 1
    else:
        assert len(mine) == 1


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30) | st.sampled_from(WORDS),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.sampled_from(["text", "Body", "title", "source", "date", "url", "articles", "x"]) | st.text(max_size=8),
                      inner, max_size=5),
    max_leaves=25)
CELLS = st.text(max_size=40) | st.sampled_from(["text", "title", "outlet", "date", ARTICLE, ""])


def _csv_bytes(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode("utf-8")


@settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=JSON_VALUES, lines=st.lists(JSON_VALUES, max_size=6),
       rows=st.lists(st.lists(CELLS, max_size=5), max_size=6))
def test_fuzz_exports_of_any_shape_end_loaded_or_reported_row_by_row(value, lines, rows):
    records = fuzz_folder({"any.json": json.dumps(value).encode(),
                           "any.jsonl": "\n".join(json.dumps(line) for line in lines).encode(),
                           "any.csv": _csv_bytes(rows)})
    exports = records[records["file"] != GOOD_NAME]
    assert set(exports["file"]) == {"any.json", "any.jsonl", "any.csv"}
    rows_given = exports.dropna(subset=["row"])
    assert (rows_given["row"] >= 1).all()
