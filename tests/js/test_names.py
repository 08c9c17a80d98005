"""Names in a chunk's shared scope: the short names minified builds give out (shortest first,
the most used first, never a reserved word or a name the chunk needs), and readable builds'
`name$N` for a collision."""

from __future__ import annotations

from itertools import islice

from assetpipe.js.names import FIRST_NAMES, RESERVED, minified, readable, short_names


def test_short_names_shortest_first():
    names = list(islice(short_names(), 54 + 64 + 3))
    assert names[:5] == ["e", "t", "n", "s", "o"]
    assert names[52:54] == ["_", "$"]
    assert names[54:57] == ["ee", "et", "en"]
    assert names[54 + 53 : 54 + 55] == ["e$", "e0"]  # digits only after the first character
    assert names[54 + 64] == "te"
    assert len(set(names)) == len(names)
    assert not any(n[0].isdigit() for n in names)
    assert len(FIRST_NAMES) == 54


def test_minified_gives_the_most_used_the_shortest_names():
    got = minified([("rare", 1), ("hot", 50), ("warm", 10), ("tie", 10)], set())
    assert got == {"hot": "e", "warm": "t", "tie": "n", "rare": "s"}  # ties keep their order


def test_minified_never_gives_out_reserved_words_or_names_in_use():
    got = minified([(i, 0) for i in range(200)], {"t", "window"})
    names = list(got.values())
    assert "t" not in names and names[:2] == ["e", "n"]
    assert len(set(names)) == 200
    assert not {"do", "if", "in"} & set(names)  # two-letter keywords are skipped
    assert all(n not in RESERVED for n in names)


def test_readable_keeps_names_and_numbers_collisions():
    wanted = [(1, "render"), (2, "render"), (3, "render"), (4, "state"), (5, "document")]
    got = readable(wanted, reserved={"document"})
    assert got == {1: "render", 2: "render$1", 3: "render$2", 4: "state", 5: "document$1"}


def test_readable_avoids_keywords_and_the_names_an_id_must_not_take():
    got = readable(
        [("a", "default"), ("b", "x"), ("c", "y")],
        reserved=set(),
        extra={"b": {"x", "x$1"}},
    )
    assert got == {"a": "default$1", "b": "x$2", "c": "y"}
    assert readable([("u", "undefined"), ("e", "eval")], set()) == {
        "u": "undefined$1",
        "e": "eval$1",
    }
