from __future__ import annotations

import tinycss2

from assetpipe.css.selectors import for_matching, requirements, split_list


def simple(selector: str) -> list[str]:
    tokens = tinycss2.parse_component_value_list(selector)
    return [for_matching(s) for s in split_list(tokens)]


def test_states_and_pseudo_elements_are_dropped():
    assert simple("a:hover, p::before, .x:focus-visible") == ["a", "p", ".x"]
    assert simple("input::placeholder:hover") == ["input"]
    assert simple(":hover") == ["*"]
    assert simple("::selection") == ["*"]


def test_structural_pseudo_classes_stay_and_functions_are_cleaned():
    assert simple("li:nth-child(2n+1):first-child") == ["li:nth-child(2n+1):first-child"]
    assert simple(".card:has(a:hover)") == [".card:has(a)"]
    assert simple(":where(.a, .b:focus) > p") == ["*:is(.a, .b) > p"]
    assert simple("a:not(:hover)") == ["a"]
    assert simple(":root") == ["*:root"]


def test_combinators_and_nesting_markers_survive():
    assert simple("nav > ul + li ~ a") == ["nav > ul + li ~ a"]
    assert simple("& .title") == ["& .title"]


def test_requirements_come_from_outside_functional_pseudo_classes():
    tokens = split_list(tinycss2.parse_component_value_list("nav#main ul.list > li.item:is(.x)"))
    classes, ids, tags = requirements(tokens[0])
    assert classes == {"list", "item"} and ids == {"main"} and tags == {"nav", "ul", "li"}
    (only_pseudo,) = split_list(tinycss2.parse_component_value_list(":is(.a) :hover"))
    assert requirements(only_pseudo) == (frozenset(), frozenset(), frozenset())


def test_inside_not_a_state_is_judged_as_at_first_paint():
    # no element is hovered or focused at first paint: these match every `a`
    assert simple("nav a:not(:hover)") == ["nav a"]
    assert simple(".is-invalid-input:not(:focus)") == [".is-invalid-input"]
    assert simple("a:not(.x:focus-visible):not(.y)") == ["a:not(.y)"]
    # an alternative that needs a state leaves the list; the others stay
    assert simple("a:not(.x, :focus)") == ["a:not(.x)"]
    assert simple("a:not(:is(:hover, .x))") == ["a:not(*:is(.x))"]
    # twice negated: a state again, which first paint never has
    assert simple("a:not(:not(:hover))") == ["a:not(*)"]
    # outside :not() a state still counts as its element (kept, harmless)
    assert simple("a:is(:hover)") == ["a:is(*)"]
