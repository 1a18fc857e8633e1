"""Bytes to text: BOMs, UTF-8, UTF-16, cp1252/latin-1, and repair of double-encoded UTF-8."""
from __future__ import annotations

import codecs
from dataclasses import dataclass

import ftfy

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Text files have few control characters; binaries have many. Tab, LF, CR and FF are fine.
_CONTROL = frozenset(range(32)) - {9, 10, 12, 13}
_BINARY_MAGIC = {
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"\x1f\x8b": "a gzip-compressed file",
    b"BZh": "a bzip2-compressed file",
    b"\xfd7zXZ\x00": "an xz-compressed file",
    b"7z\xbc\xaf\x27\x1c": "a 7-Zip archive",
    b"Rar!": "a RAR archive",
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x7fELF": "an executable program",
    b"SQLite format 3": "an SQLite database",
    b"PAR1": "a Parquet file",
}


class DecodeError(ValueError):
    """The bytes are not text in any encoding we accept; the message is for the analyst."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str          # what we decoded with, e.g. 'utf-8', 'utf-16', 'cp1252'
    notes: tuple[str, ...]  # plain-language repairs made, e.g. 'repaired double-encoded UTF-8'


def decode(raw: bytes, *, repair: bool = True) -> Decoded:
    """Decode a file's bytes, repairing what can be repaired.

    Order: a byte-order mark decides; else strict UTF-8; else UTF-8 with a few bad bytes replaced
    when the file is clearly UTF-8; else cp1252 (latin-1 for its five undefined bytes). Mojibake
    (UTF-8 read as cp1252 and saved again, e.g. ``IsnÃ¢â‚¬â„¢t``) is repaired with ftfy's
    ``fix_encoding`` only: its ``fix_text`` would also straighten curly quotes, which carry voice.
    With ``repair=False`` mojibake is left for the caller to repair field by field: an export of
    thousands of articles is repaired per article, far cheaper than ftfy over the whole file.
    Raises DecodeError for binary content.
    """
    _reject_binary(raw)
    text, encoding, notes = _decode_bytes(raw)
    if _control_ratio(text) > 0.01:
        raise DecodeError("the file looks binary: it contains many control characters")
    text, repaired = _repair_mojibake(text) if repair else (text, False)
    if repaired:
        notes = (*notes, "repaired double-encoded UTF-8 (mojibake)")
    return Decoded(text=text.replace("\x00", ""), encoding=encoding, notes=notes)


def repair_mojibake(text: str) -> str:
    """Repair double-encoded UTF-8 in a string that came from a structured file (CSV/JSON)."""
    return _repair_mojibake(text)[0]


def _reject_binary(raw: bytes) -> None:
    for magic, what in _BINARY_MAGIC.items():
        if raw.startswith(magic):
            raise DecodeError(f"this is {what}, not text; extract the articles first")
    head = raw[:8192]
    if b"\x00" in head and not any(raw.startswith(bom) for bom, _ in _BOMS):
        if not _looks_like_bomless_utf16(head):
            raise DecodeError("the file looks binary: it contains NUL bytes")


def _looks_like_bomless_utf16(head: bytes) -> bool:
    # UTF-16 without a BOM: every other byte is NUL for ASCII-heavy text.
    even, odd = head[0::2], head[1::2]
    return (even.count(0) > 0.4 * len(even)) != (odd.count(0) > 0.4 * len(odd))


def _decode_bytes(raw: bytes) -> tuple[str, str, tuple[str, ...]]:
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(codec), codec.replace("-sig", ""), ()
            except UnicodeDecodeError as exc:
                raise DecodeError(f"the file starts with a {codec} byte-order mark but is not valid {codec}") from exc
    if b"\x00" in raw[:8192]:
        codec = "utf-16-le" if raw[1:2] == b"\x00" else "utf-16-be"
        try:
            return raw.decode(codec), codec, ("UTF-16 without a byte-order mark",)
        except UnicodeDecodeError as exc:
            raise DecodeError("the file looks binary: it contains NUL bytes") from exc
    try:
        return raw.decode("utf-8"), "utf-8", ()
    except UnicodeDecodeError:
        pass
    lenient = raw.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    multibyte = sum(1 for ch in lenient if ord(ch) > 127) - bad
    if multibyte > 0 and bad <= max(3, multibyte // 4):
        return lenient, "utf-8", (f"{bad} invalid UTF-8 byte sequence(s) replaced with �",)
    return _decode_cp1252(raw), "cp1252", ()


def _decode_cp1252(raw: bytes) -> str:
    # cp1252 leaves 0x81, 0x8D, 0x8F, 0x90, 0x9D undefined; latin-1 maps them to C1 controls.
    return "".join(
        chunk.decode("cp1252", errors="strict") if ok else chunk.decode("latin-1")
        for chunk, ok in _cp1252_chunks(raw)
    )


def _cp1252_chunks(raw: bytes):
    undefined = {0x81, 0x8D, 0x8F, 0x90, 0x9D}
    start = 0
    for i, byte in enumerate(raw):
        if byte in undefined:
            if start < i:
                yield raw[start:i], True
            yield raw[i:i + 1], False
            start = i + 1
    if start < len(raw):
        yield raw[start:], True


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    return sum(1 for ch in sample if ord(ch) in _CONTROL) / len(sample)


def _repair_mojibake(text: str) -> tuple[str, bool]:
    # Cheap guard first: ftfy is slow-ish and mojibake always contains one of these lead chars.
    if not any(marker in text for marker in ("Ã", "Â", "â€", "Ă", "ÔÇ")):
        return text, False
    fixed = ftfy.fix_encoding(text)
    return fixed, fixed != text
