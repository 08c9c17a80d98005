from __future__ import annotations

import re
from pathlib import Path

from assetpipe.pipeline.hashing import (
    PLACEHOLDER,
    PLACEHOLDER_BYTES,
    PLACEHOLDER_PREFIX,
    content_hash,
    hash_files,
    placeholder,
    shift_placeholders,
    strongly_connected,
)
from assetpipe.pipeline.values import Link, Rendered


def css(source: str, text: str, *targets: str) -> Rendered:
    return Rendered(
        source,
        f"assets/{source.split('.')[0]}-[hash].{source.split('.')[1]}",
        text,
        None,
        tuple(Link(t, "url") for t in targets),
    )


def build(*rendered: Rendered) -> dict[str, bytes]:
    outputs = hash_files(list(rendered), "/").outputs
    return {o.path: o.data for o in outputs}


def test_one_placeholder_definition_round_trips():
    for i in (0, 7, 12345):
        text = placeholder(i)
        assert text.startswith(PLACEHOLDER_PREFIX)
        assert int(PLACEHOLDER.fullmatch(text)[1]) == i
        assert int(PLACEHOLDER_BYTES.fullmatch(text.encode())[1]) == i
    assert shift_placeholders(f"a{placeholder(0)}b{placeholder(2)}", 3) == (
        f"a{placeholder(3)}b{placeholder(5)}"
    )
    # no module spells the pattern out again
    package = Path(__file__).parents[1] / "assetpipe"
    spelled = [
        p.relative_to(package).as_posix()
        for p in package.rglob("*.py")
        if re.search(re.escape(PLACEHOLDER_PREFIX) + r"[^\w]", p.read_text())
    ]
    assert spelled == ["pipeline/hashing.py"], spelled


def test_hash_is_eight_url_safe_characters():
    h = content_hash(b"x")
    assert len(h) == 8 and h.isalnum() and h == content_hash(b"x") != content_hash(b"y")


def test_references_are_substituted_bottom_up():
    out = build(
        Rendered(
            "index.html",
            "index.html",
            f'<link href="{placeholder(0)}">',
            None,
            (Link("a.css", "url"),),
        ),
        css("a.css", f"a{{b:url({placeholder(0)})}}", "b.png"),
        Rendered("b.png", "assets/b-[hash].png", None, b"PNG"),
    )
    png = next(p for p in out if p.endswith(".png"))
    a = next(p for p in out if p.endswith(".css"))
    assert out[a] == f"a{{b:url({png.split('/')[1]})}}".encode()
    assert out["index.html"] == f'<link href="/{a}">'.encode()
    assert png == f"assets/b-{content_hash(b'PNG')}.png"


def test_a_name_changes_exactly_when_the_bytes_do():
    def names(png: bytes, other: bytes):
        out = build(
            css("a.css", f"url({placeholder(0)})", "b.png"),
            css("c.css", "c{}"),
            Rendered("b.png", "assets/b-[hash].png", None, png),
            Rendered("o.png", "assets/o-[hash].png", None, other),
        )
        return {p.split("-")[0]: p for p in out}

    first = names(b"1", b"x")
    second = names(b"2", b"x")  # b.png changed: so must a.css (it names b.png)
    assert first["assets/b"] != second["assets/b"]
    assert first["assets/a"] != second["assets/a"]
    assert first["assets/c"] == second["assets/c"] and first["assets/o"] == second["assets/o"]
    assert names(b"1", b"x") == first


def test_a_cycle_between_a_stylesheet_and_an_svg():
    def run(svg_extra: str):
        return build(
            css("a.css", f"x{{background:url({placeholder(0)})}}", "i.svg"),
            Rendered(
                "i.svg",
                "assets/i-[hash].svg",
                f'<svg><style>@import "{placeholder(0)}";</style>{svg_extra}</svg>',
                None,
                (Link("a.css", "url"),),
            ),
        )

    out = run("")
    a = next(p for p in out if p.endswith(".css"))
    i = next(p for p in out if p.endswith(".svg"))
    assert out[a] == f"x{{background:url({i.split('/')[1]})}}".encode()
    assert out[i] == f'<svg><style>@import "{a.split("/")[1]}";</style></svg>'.encode()
    changed = run("<g/>")
    assert set(changed) & set(out) == set()  # both renamed: each names the other
    assert run("") == out  # and it is deterministic


def test_self_reference():
    out = build(css("s.svg", f'<svg><use href="{placeholder(0)}#a"/></svg>', "s.svg"))
    ((path, data),) = out.items()
    assert data == f'<svg><use href="{path.split("/")[1]}#a"/></svg>'.encode()


def test_module_links_get_a_dot_slash():
    out = build(
        Rendered(
            "a.js",
            "assets/a-[hash].js",
            f'import"{placeholder(0)}"',
            None,
            (Link("b.js", "module"),),
        ),
        Rendered("b.js", "assets/b-[hash].js", "export{}", None),
    )
    a = next(p for p in out if "/a-" in p)
    assert out[a].startswith(b'import"./b-')


def test_strongly_connected_components_come_leaves_first():
    edges = {"a": ["b"], "b": ["c"], "c": ["b", "d"], "d": []}
    components = strongly_connected(sorted(edges), edges.__getitem__)
    assert [sorted(c) for c in components] == [["d"], ["b", "c"], ["a"]]
