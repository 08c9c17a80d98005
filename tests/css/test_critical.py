from __future__ import annotations

from assetpipe.css.critical import Page, Sheet, extract, render, safe_in_style, select

HTML = """<!doctype html><html><body>
<header class="top"><nav><a class="current" href="#">x</a></nav></header>
<main><article class="card"><h2>T</h2><p class="lead">p</p></article></main>
<div class="box" id="hero"></div></body></html>"""


def critical(css: str, **kw) -> str:
    return extract(Sheet(css), Page(HTML), **kw).text


def test_only_rules_matching_the_html_are_kept_in_order():
    css = ".card{a:1}.missing{b:2}h2{c:3}#hero{d:4}#nope{e:5}main>article{f:6}"
    assert critical(css) == ".card{a:1;}h2{c:3;}#hero{d:4;}main>article{f:6;}"


def test_pseudo_elements_match_their_element_and_states_are_as_at_first_paint():
    css = (
        "a:hover{x:1}.lead::first-line{y:2}.lead:after{w:0}.nope:hover{z:3}"
        "a:not(:focus){v:4}input:focus{u:5}"
    )
    # nothing is hovered or focused at first paint
    assert critical(css) == ".lead::first-line{y:2;}.lead:after{w:0;}a:not(:focus){v:4;}"
    # unless the page focuses an element itself
    page = Page(HTML.replace("<main>", "<main><input autofocus>"))
    assert "input:focus{u:5;}" in extract(Sheet(css), page).text


def test_groups_hold_only_what_matches_and_empty_groups_go():
    css = "@media (min-width:1px){.card{a:1}.nope{b:2}}@supports (display:grid){.nope{c:3}}"
    assert critical(css) == "@media (min-width:1px){.card{a:1;}}"


def test_nested_rules_are_matched_against_their_parents():
    css = ".card{a:1;& h2{b:2}& .missing{c:3}.top &{d:4}}.nope{& h2{e:5}}"
    assert critical(css) == ".card{a:1;& h2{b:2;}}"


def test_fonts_and_keyframes_follow_what_is_used_even_through_custom_properties():
    css = (
        "@font-face{font-family:Used;src:url(u.woff2)}@font-face{font-family:'Other';"
        "src:url(o.woff2)}@keyframes spin{to{x:1}}@keyframes idle{to{x:2}}"
        ":root{--font:Used, serif}.card{font-family:var(--font);animation:spin 1s}"
    )
    found = extract(Sheet(css), Page(HTML))
    assert "Used" in found.text and "Other" not in found.text
    assert "@keyframes spin" in found.text and "idle" not in found.text
    assert found.fonts == ("u.woff2",)


def test_layer_statements_and_unknown_at_rules_are_kept():
    css = '@layer a, b;@property --x{syntax:"*";inherits:false}.nope{a:1}'
    assert critical(css) == '@layer a, b;@property --x{syntax:"*";inherits:false}'


def test_include_and_exclude():
    css = "[aria-current]{a:1}.card{b:2}"
    assert critical(css, include=("aria-current",), exclude=(".card",)) == "[aria-current]{a:1;}"


def test_unreadable_selectors_are_kept_to_be_safe():
    assert critical(".card:unknown-pseudo(1){a:1}") == ".card:unknown-pseudo(1){a:1;}"


def test_style_element_cannot_be_closed_early():
    assert (
        safe_in_style('a::before{content:"</style><script>"}')
        == 'a::before{content:"<\\/style><script>"}'
    )
    assert safe_in_style("a{}") == "a{}"


def test_custom_properties_nothing_reads_are_left_out():
    css = (
        ":root{--ink:#222;--unused:1px;--chain:var(--ink);--also-unused:var(--unused);"
        "--kf:0.5;--font:Used}.card{color:var(--chain);animation:fade 1s}"
        "@keyframes fade{from{opacity:var(--kf)}}.nope{margin:var(--also-unused)}"
    )
    text = critical(css)
    assert ":root{--ink:#222;--chain:var(--ink);--kf:0.5;}" in text
    assert ".card{" in text and "@keyframes fade" in text


def test_custom_properties_a_container_query_names_stay():
    css = ":root{--theme:dark;--no:1}@container style(--theme: dark){.card{a:1}}"
    assert critical(css) == ":root{--theme:dark;}@container style(--theme: dark){.card{a:1;}}"


def test_a_rule_left_with_no_declarations_goes():
    assert critical(":root{--a:1}.card{b:2}") == ".card{b:2;}"


def test_custom_properties_the_page_or_another_stylesheet_reads_stay():
    page = Page(HTML.replace('<p class="lead">', '<p class="lead" style="margin:var(--gap)">'))
    tokens, main = Sheet(":root{--gap:4px;--ink:red;--no:0}"), Sheet(".card{color:var(--ink)}")
    found = render([select(tokens, page), select(main, page)], page.reads)
    assert found[0].text == ":root{--gap:4px;--ink:red;}"


def test_data_urls_too_large_for_a_page_and_print_rules_stay_external():
    big = "data:font/woff2;base64," + "A" * 5000
    css = (
        f"@font-face{{font-family:Big;src:url({big})}}.card{{font-family:Big;color:red}}"
        f".lead{{background:url({big})}}h2{{background:url(data:image/png;base64,AAAA)}}"
        "@media print{.card{color:black}}"
    )
    assert (
        critical(css)
        == ".card{font-family:Big;color:red;}h2{background:url(data:image/png;base64,AAAA);}"
    )


def test_rules_are_kept_by_the_position_of_the_first_element_they_match():
    page = Page(HTML)
    css = "footer{a:1}.box{b:2}nav a{c:3}.lead{d:4}"
    selection = select(Sheet(css), page)
    nav = page.position("nav a", "nav a", (frozenset(), frozenset(), frozenset({"nav", "a"})))
    assert nav < page.position(".lead", ".lead", (frozenset({"lead"}), frozenset(), frozenset()))
    (cut,) = render([selection], page.reads, cutoff=nav)
    assert cut.text == "nav a{c:3;}"  # .lead and .box come later in the page


def test_a_pages_critical_css_is_cached_and_a_warm_build_selects_nothing(tmp_path, monkeypatch):
    """Critical CSS is a cache entry (and so a remote one) keyed by the page's HTML, its
    stylesheets and the options: a warm build with a fresh process memo selects no rule, and
    writes the same page; a changed page selects again."""
    import assetpipe
    from assetpipe.css import inline

    from ..conftest import tree_bytes, write_files

    rules = "".join(f".c{i}{{color:#{i:06x};margin:{i}px}}" for i in range(300))
    body = "".join(f'<p class="c{i}">{i}</p>' for i in range(0, 300, 7))
    page = f'<!doctype html><link rel="stylesheet" href="s.css"><body>{body}'
    src = write_files(tmp_path / "src", {"s.css": rules, "index.html": page})
    calls = []
    real = inline.Styles._page
    monkeypatch.setattr(inline.Styles, "_page", lambda *a: calls.append(1) or real(*a))

    def run(name):
        overrides = {
            "build.src": str(src),
            "build.out": str(tmp_path / name),
            "build.cache_dir": str(tmp_path / "cache"),
        }
        config, _ = assetpipe.load_config(cwd=tmp_path, overrides=overrides)
        assetpipe.build(config)
        return tree_bytes(tmp_path / name)

    cold = run("a")
    assert calls == [1] and b"<style>" in cold["index.html"]
    assert run("b") == cold and calls == [1]  # from the cache
    (src / "index.html").write_text(page.replace('"c7"', '"c8"'))
    assert run("c")["index.html"] != cold["index.html"] and calls == [1, 1]
