"""The rule tests/conftest.py marks slow tests by: what a test calls, itself or through the
helpers of the test packages, decides whether `pytest -m "not slow"` runs it.

The sample tests are compiled from text, and the rule's class reached as `conftest.<name>`,
so that these tests, which only inspect them, are not themselves marked slow."""

from __future__ import annotations

from . import browser, conftest

SAMPLES = """
import subprocess
import sys

PHOTO = ROOT / "site_src/img/photos/rocket-launch.jpg"


def unit():
    return write_files(ROOT / "x", {})


def runs_the_cli():
    return run_cli("--version", cwd=ROOT)


def through_a_helper():
    return runs_the_cli()


def needs_node():
    return require_tool("node")


def runs_python():
    return subprocess.run([sys.executable, "-c", "pass"], check=True)


def reads_a_demo_photo():
    return PHOTO.read_bytes()


def builds_the_demo_site():
    return ROOT / "site_src"


class Page:
    def load(self):
        return needs_node()
"""


def samples() -> dict:
    namespace = {**vars(conftest), "__name__": "tests.samples"}
    exec(compile(SAMPLES, "<samples>", "exec"), namespace)
    return namespace


def test_a_unit_test_is_fast():
    assert not conftest._SlowCalls().reaches(samples()["unit"])


def test_programs_are_slow_whether_called_directly_or_through_helpers():
    calls, found = conftest._SlowCalls(), samples()
    for name in ["runs_the_cli", "through_a_helper", "needs_node", "runs_python", "Page"]:
        assert calls.reaches(found[name]), name


def test_the_demo_site_and_its_photographs_are_slow():
    calls, found = conftest._SlowCalls(), samples()
    assert calls.reaches(found["reads_a_demo_photo"])
    assert calls.reaches(found["builds_the_demo_site"])


def test_the_browser_helpers_are_known_slow_by_name():
    # (a helper imported inside a test function is known by its name)
    calls = conftest._SlowCalls()
    assert calls.reaches(vars(browser)["dump_dom"]) and "dump_dom" in calls.names
    assert not calls.reaches(vars(browser)["serve"])
