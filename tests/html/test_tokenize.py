from __future__ import annotations

from assetpipe.html.tokenize import tokenize


def tags(text: str, **kw):
    return [(t.name, {a.name: a.value for a in t.attrs}) for t in tokenize(text, **kw)]


def test_attribute_quoting_forms_and_offsets():
    text = """<img src="a.png" alt='it"s' width=10 hidden data-x = "y">"""
    (tag,) = tokenize(text)
    assert tag.name == "img"
    assert [(a.name, a.value, a.quote) for a in tag.attrs] == [
        ("src", "a.png", '"'),
        ("alt", 'it"s', "'"),
        ("width", "10", ""),
        ("hidden", None, ""),
        ("data-x", "y", '"'),
    ]
    for a in tag.attrs:
        if a.value is not None:
            assert text[a.value_start : a.value_end] == a.value


def test_names_are_lowercased_and_first_duplicate_wins():
    (tag,) = tokenize('<IMG SRC="first.png" src="second.png">')
    assert tag.name == "img"
    assert tag.get("src") == "first.png"


def test_comments_doctype_and_bogus_comments_hide_tags():
    text = (
        '<!doctype html><!-- <img src="no1.png"> --><!--><img src="yes1.png">'
        '<!---><img src="yes2.png"><!-- x --!><img src="yes3.png"><? <img src="no2.png"> ?>'
        '<img src="yes4.png">'
    )
    assert [a["src"] for _, a in tags(text)] == ["yes1.png", "yes2.png", "yes3.png", "yes4.png"]


def test_raw_text_and_rcdata_elements_do_not_contain_tags():
    text = (
        '<script>document.write("<img src=no1.png>")</script>'
        '<style>a::before{content:"<img src=no2.png>"}</style>'
        '<textarea><img src="no3.png"></textarea><title><img src=no4.png></title>'
        '<img src="yes.png">'
    )
    result = tags(text)
    assert [n for n, _ in result] == ["script", "style", "textarea", "title", "img"]
    assert result[-1][1]["src"] == "yes.png"


def test_script_content_span_ends_at_its_end_tag_case_insensitively():
    text = '<script type="module">let a = "</scrip" + "t>";</SCRIPT ><p>'
    script, p = tokenize(text)
    start, end = script.content
    assert text[start:end] == 'let a = "</scrip" + "t>";'
    assert p.name == "p"


def test_noscript_markup_is_tokenized_for_script_less_browsers():
    assert [n for n, _ in tags('<noscript><img src="a.png"></noscript>')] == ["noscript", "img"]


def test_svg_cdata_and_self_closing_style():
    text = '<svg><style/><![CDATA[ <img src="no.png"> ]]><image href="a.png"/></svg><img src=b>'
    assert [n for n, _ in tags(text)] == ["svg", "style", "image", "img"]


def test_xml_mode_for_standalone_svg():
    text = '<?xml version="1.0"?><svg><![CDATA[<use href="no.svg"/>]]><use xlink:href="a.svg#i"/></svg>'
    assert tags(text, xml=True)[-1] == ("use", {"xlink:href": "a.svg#i"})


def test_end_of_file_inside_a_tag_drops_it():
    assert tags('<img src="a.png"><img src="b.png') == [("img", {"src": "a.png"})]


def test_lone_less_than_signs_are_text():
    assert tags("a < b <3 <img src=x> </ >") == [("img", {"src": "x"})]


def test_greater_than_inside_quoted_value():
    (tag,) = tokenize('<a title="x > y" href="z">')
    assert tag.get("href") == "z"


def test_a_tag_that_never_ends_is_read_in_linear_time():
    """Found by fuzzing: the tag pattern could split a name into attributes in exponentially
    many ways before giving up on a tag without `>` (15 s for a 40-character page)."""
    import signal

    def too_slow(*_):
        raise AssertionError("the tokenizer took over 10 s")

    signal.signal(signal.SIGALRM, too_slow)
    signal.alarm(10)
    try:
        page = "eméB[:<n\U000f0200Ä&#x2F;8ùìo¶\x1b\x10ꦆ=õ\r\x9e刌ø"
        assert list(tokenize(page)) == []
        assert list(tokenize("<a" + "b" * 50_000)) == []
        assert [t.name for t in tokenize("<a " + "b c " * 50_000 + ">")] == ["a"]
    finally:
        signal.alarm(0)
