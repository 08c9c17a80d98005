"""Shorter spellings of single tokens in minified output: numbers with exactly the same value,
single-quoted strings in double quotes when no longer, and the literals `!0`, `!1`, `void 0`;
every token that cannot be written shorter (or must stay as written) is kept."""

from __future__ import annotations

import pytest

from assetpipe.js.shorten import LITERALS, number, string


@pytest.mark.parametrize(
    ("raw", "short"),
    [
        (b"0.5", b".5"),
        (b"4.0", b"4"),
        (b"5.", b"5"),
        (b"0.0", b"0"),
        (b"1000", b"1e3"),
        (b"1000000", b"1e6"),
        (b"0.001", b".001"),
        (b"0.0001", b"1e-4"),
        (b"0.00001234", b"1.234e-5"),
        (b"1.5e10", b"15e9"),
        (b"0.1e1", b"1"),
        (b"123456789012345678901234567890", b"1.2345678901234568e29"),  # the same double
    ],
)
def test_numbers_get_their_shortest_spelling(raw: bytes, short: bytes):
    assert number(raw) == short
    assert float(short) == float(raw)


@pytest.mark.parametrize(
    "raw",
    [
        b"0",
        b"100",  # 1e2 is no shorter
        b"12300",
        b".5",
        b"1e3",
        b"2e-7",
        b"0x10",  # hex, octal, binary and legacy octal literals are kept
        b"0o17",
        b"0b101",
        b"017",
        b"1_000",  # separators
        b"10n",  # BigInt
        b"1e400",  # Infinity
        b"",
        b"abc",
    ],
)
def test_numbers_kept_as_written(raw: bytes):
    assert number(raw) is None


@pytest.mark.parametrize(
    ("raw", "short"),
    [
        (b"'a'", b'"a"'),
        (b"''", b'""'),
        (b"'it\\'s'", b'"it\'s"'),  # \' needs no escape in double quotes
        (b"'\\n\\u00e9'", b'"\\n\\u00e9"'),  # other escapes kept as written
    ],
)
def test_strings_move_to_double_quotes(raw: bytes, short: bytes):
    assert string(raw) == short


@pytest.mark.parametrize("raw", [b"'a\"b'", b"'say \"hi\"'", b'"x"', b"`t`", b"'"])
def test_strings_kept_as_written(raw: bytes):
    assert string(raw) is None


def test_literals():
    assert LITERALS == {b"true": b"!0", b"false": b"!1", b"undefined": b"void 0"}
