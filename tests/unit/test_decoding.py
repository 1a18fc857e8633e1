import pytest

from lib.load.decoding import DecodeError, decode

TEXT = "Xi’s “dear friend” in Zürich — naïve café"


def test_utf8_with_and_without_bom_decodes_the_same():
    assert decode(TEXT.encode("utf-8")).text == TEXT
    assert decode(b"\xef\xbb\xbf" + TEXT.encode("utf-8")).text == TEXT


def test_utf16_with_bom_is_read():
    decoded = decode(TEXT.encode("utf-16"))
    assert decoded.text == TEXT
    assert decoded.encoding == "utf-16"


def test_cp1252_is_read_with_accents_and_curly_quotes_intact():
    decoded = decode(TEXT.encode("cp1252"))
    assert decoded.text == TEXT
    assert decoded.encoding == "cp1252"


def test_double_encoded_utf8_is_repaired_and_the_repair_is_noted():
    mangled = "Isn’t it".encode("utf-8").decode("cp1252").encode("utf-8").decode("cp1252")
    assert mangled == "IsnÃ¢â‚¬â„¢t it"
    decoded = decode(mangled.encode("utf-8"))
    assert decoded.text == "Isn’t it"
    assert any("mojibake" in note for note in decoded.notes)


def test_a_few_invalid_bytes_inside_utf8_text_are_replaced_not_misread():
    raw = TEXT.encode("utf-8") + b" \xff broken " + TEXT.encode("utf-8")
    decoded = decode(raw)
    assert decoded.text.count("“dear friend”") == 2
    assert "\ufffd" in decoded.text
    assert any("invalid" in note for note in decoded.notes)


@pytest.mark.parametrize("raw, expected", [
    (b"PK\x03\x04rest-of-zip", "ZIP"),
    (b"\x1f\x8b\x08\x00gzip", "gzip"),
    (b"%PDF-1.7 ...", "PDF"),
    (b"\x00\x01\x02\x03" * 100, "binary"),
])
def test_binary_content_is_refused_with_a_plain_message(raw, expected):
    with pytest.raises(DecodeError, match=expected):
        decode(raw)


def test_plain_ascii_is_untouched():
    assert decode(b"plain text\n").text == "plain text\n"
