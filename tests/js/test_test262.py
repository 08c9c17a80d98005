"""test262, fast subset: bundling + minifying with assetpipe never changes what a test does.

A few hundred tests of test262's ``test/language`` (``bench/test262/ci_subset.txt``, chosen
from many folders by ``bench/test262/subset.py``) run in Node as written, as ES modules, then
again after ``assetpipe build`` bundled and minified them (the runner of
``python -m bench.test262``, which does all 24k tests and esbuild too). A test that passes as
written and fails after the build is a bug; one that fails as written (an older Node) is
skipped. Tests broken by known bugs are ``xfail(strict=True)``: when a fix lands they pass,
and the marker must go.

The tests come from ``tests/js/data/test262-subset.tar.xz`` (those of the list, their imports
and harness files, with test262's BSD LICENSE; remade by ``python -m bench.test262.subset``),
or from the full tarball named by ``$ASSETPIPE_TEST262``.
"""

from __future__ import annotations

import os

import pytest

from bench.test262 import subset
from bench.test262.corpus import ENV_VAR, find_tarball
from bench.test262.node import describe, passed
from bench.test262.run import Options, run

from ..conftest import require_tool

pytestmark = pytest.mark.slow  # the test262 corpus, run in Node

PATHS = subset.load()

# Why assetpipe changes a test today (the README's Conformance section lists them). Strict
# xfail: when a fix lands the test passes, fails as an unexpected pass, and its line goes.
# Changes that esbuild makes too (its count is the anchor: see the README).
NAME = "esbuild too: renaming changes fn.name / a class's name (NamedEvaluation)"
IMPORT_ASSIGN = (
    "esbuild too (it refuses the build): assigning to an import does not throw a TypeError"
)
NAMESPACE = "esbuild too: a module namespace object is not exotic (property attributes, TDZ)"

KNOWN: dict[str, str] = {
    "language/expressions/arrow-function/dstr/ary-ptrn-elem-id-init-fn-name-arrow.js": NAME,
    "language/statements/class/dstr/gen-meth-static-ary-ptrn-elem-id-init-fn-name-gen.js": NAME,
    "language/expressions/class/dstr/async-gen-meth-dflt-obj-ptrn-id-init-fn-name-fn.js": NAME,
    "language/statements/for-of/dstr/let-obj-ptrn-id-init-fn-name-cover.js": NAME,
    "language/statements/for-of/dstr/var-obj-ptrn-id-init-fn-name-arrow.js": NAME,
    "language/statements/generators/dstr/ary-ptrn-elem-id-init-fn-name-cover.js": NAME,
    "language/statements/generators/dstr/dflt-ary-ptrn-elem-id-init-fn-name-fn.js": NAME,
    "language/expressions/function/dstr/obj-ptrn-id-init-fn-name-fn.js": NAME,
    "language/statements/const/fn-name-fn.js": NAME,
    "language/expressions/optional-chaining/member-expression.js": NAME,
    "language/module-code/eval-export-dflt-cls-anon.js": NAME,
    "language/module-code/instn-iee-bndng-fun.js": IMPORT_ASSIGN,
    "language/module-code/namespace/internals/get-own-property-str-found-init.js": NAMESPACE,
    "language/module-code/namespace/internals/object-hasOwnProperty-binding-uninit.js": NAMESPACE,
}


def _params():
    for path in PATHS:
        marks = [pytest.mark.xfail(strict=True, reason=KNOWN[path])] if path in KNOWN else []
        yield pytest.param(path, marks=marks, id=path.removeprefix("language/"))


@pytest.fixture(scope="module")
def outcome(tmp_path_factory):
    tarball = find_tarball() if os.environ.get(ENV_VAR) else subset.PACK
    if tarball is None or not tarball.is_file():
        message = f"the test262 tarball is missing: ${ENV_VAR} or {subset.PACK}"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " (required when CI=true)")
        pytest.skip(message)
    require_tool("node")
    selected = set(PATHS)
    options = Options(
        jobs=2,
        esbuild=False,
        use_cache=False,
        work=tmp_path_factory.mktemp("test262"),
        tarball=tarball,
        select=selected.__contains__,
    )
    result = run(options)
    found = {t.path for t in result.tests}
    missing = sorted(selected - found)
    assert not missing, f"not in the tarball: {missing[:5]}"
    return result


def test_subset_is_diverse():
    folders = {"/".join(p.split("/")[:2]) for p in PATHS}
    assert len(PATHS) >= 250, len(PATHS)
    assert len(folders) >= 20, sorted(folders)


@pytest.mark.parametrize("path", list(_params()))
def test_assetpipe_keeps_the_outcome(outcome, path):
    test = next(t for t in outcome.tests if t.path == path)
    if not test.applicable:
        pytest.skip(f"not applicable to a module bundler: {test.kind} ({test.reason})")
    runs = outcome.runs[path]
    if not passed(test.meta, runs["written"]):
        node = outcome.versions["node"]
        pytest.skip(f"fails in Node {node} as written: {describe(test.meta, runs['written'])}")
    after = runs["assetpipe"]
    assert passed(test.meta, after), (
        f"{path} passes in Node as written, but not after assetpipe build: "
        f"{describe(test.meta, after)}"
    )
