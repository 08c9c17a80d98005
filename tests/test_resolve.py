from __future__ import annotations

from assetpipe.pipeline.locate import Resolved, Unresolved, resolve
from assetpipe.pipeline.values import SourceTree

TREE = SourceTree(
    root="/site",
    display_root="site",
    files=frozenset(
        {
            "index.html",
            "blog/post.html",
            "img/a.png",
            "img/My Photo.jpg",
            "js/app.js",
            "js/util.mjs",
            "js/lib/index.js",
            "css/main.css",
            "img/logo.png",
        }
    ),
    pages=("blog/post.html", "index.html"),
    public_set=frozenset({"robots.txt", "img/logo.png"}),
    public_dir="public",
)


def test_external_and_non_asset_urls_are_left_alone():
    for url in [
        "https://x.example/a.png",
        "//cdn.example/a.js",
        "data:image/png;base64,xx",
        "#top",
        "mailto:a@b.c",
        "",
        "?page=2",
        "blog/",
        "blog/post.html",
        "/",
    ]:
        assert resolve(url, "index.html", TREE) is None, url


def test_relative_and_root_absolute():
    assert resolve("../img/a.png", "blog/post.html", TREE) == Resolved("img/a.png", False, 12)
    assert resolve("/img/a.png", "blog/post.html", TREE) == Resolved("img/a.png", False, 10)
    assert resolve("./img/./x/../a.png", "index.html", TREE).target == "img/a.png"


def test_query_and_fragment_are_split_off():
    r = resolve("img/a.png?v=2#frag", "index.html", TREE)
    assert r.target == "img/a.png" and "img/a.png?v=2#frag"[r.split :] == "?v=2#frag"


def test_percent_escapes_are_decoded():
    assert resolve("img/My%20Photo.jpg", "index.html", TREE).target == "img/My Photo.jpg"


def test_public_wins_for_root_absolute_urls():
    assert resolve("/img/logo.png", "index.html", TREE) == Resolved("img/logo.png", True, 13)
    assert resolve("/robots.txt", "index.html", TREE).public
    assert resolve("public/robots.txt", "index.html", TREE) == Resolved("robots.txt", True, 17)


def test_module_specifiers_may_leave_out_extensions():
    assert resolve("./app", "js/x.js", TREE, module=True).target == "js/app.js"
    assert resolve("./util", "js/x.js", TREE, module=True).target == "js/util.mjs"
    assert resolve("./lib", "js/x.js", TREE, module=True).target == "js/lib/index.js"
    assert isinstance(resolve("./app", "js/x.js", TREE), Unresolved)  # not for plain URLs


def test_bare_specifiers_need_the_bundler():
    r = resolve("preact", "js/app.js", TREE, module=True)
    assert isinstance(r, Unresolved) and r.code == "bare-import"


def test_missing_files_explain_themselves():
    r = resolve("img/b.png", "index.html", TREE)
    assert r.code == "missing-file" and "site/img/b.png" in r.notes[0]
    assert "did you mean 'img/a.png'" in r.notes[1]
    r = resolve("IMG/A.PNG", "index.html", TREE)
    assert "case-sensitive" in r.notes[1]


def test_urls_may_not_leave_the_source_folder():
    assert resolve("../../etc/passwd", "blog/post.html", TREE).code == "outside-source"
