"""The starter apps of `npm create vite` (JavaScript and TypeScript, with JSX and decorators),
taken from the create-vite package on npm with their dependencies installed from npm, built as
a user builds them (`assetpipe build` in the app's folder) and used in headless Chromium: the
page renders, its imported images load, and the counter counts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .browser import LivePage, serve
from .conftest import npm_install, run_cli
from .js.test_typescript import ts_tools  # noqa: F401 (the fixture)
from .outputcheck import broken_references

pytestmark = pytest.mark.slow  # npm installs, the CLI

# template -> where its counter button is (Lit's is in the element's shadow root)
LIT = "document.querySelector('my-element')?.shadowRoot?.querySelector('button.counter')"
STARTERS = {
    "vanilla": "document.querySelector('#counter')",
    "preact": "document.querySelector('button.counter')",  # JSX with class=, Preact's runtime
    "lit": LIT,
    "react": "document.querySelector('button.counter')",
    "vanilla-ts": "document.querySelector('#counter')",
    "preact-ts": "document.querySelector('button.counter')",
    "lit-ts": LIT,
    "react-ts": "document.querySelector('button.counter')",
    # lit-ts moved to standard decorators, as Lit recommends for new code: no
    # experimentalDecorators, and `accessor` on the reactive property
    "lit-ts-standard": LIT,
}


@pytest.mark.parametrize("template", STARTERS)
def test_starter_builds_into_a_working_page(template: str, ts_tools: Path, tmp_path: Path):  # noqa: F811
    app = tmp_path / "app"
    shutil.copytree(
        ts_tools / "create-vite" / f"template-{template.removesuffix('-standard')}", app
    )
    if template == "lit-ts-standard":
        config = (app / "tsconfig.json").read_text()
        config = config.replace('"experimentalDecorators": true,', "")
        (app / "tsconfig.json").write_text(config.replace('"useDefineForClassFields": false,', ""))
        element = app / "src" / "my-element.ts"
        source = element.read_text()
        assert "  count = 0" in source
        element.write_text(source.replace("  count = 0", "  accessor count = 0"))
    npm_install(app, (), omit_dev=True)  # its dependencies, from its package.json
    out = tmp_path / "dist"
    result = run_cli(
        "build", "--src", ".", "--out", str(out), "--cache-dir", str(tmp_path / "c"), cwd=app
    )
    assert result.returncode == 0, result.stderr
    assert not [p for p in out.rglob("*") if p.suffix in (".ts", ".tsx", ".jsx")]
    assert broken_references(out) == []
    button = STARTERS[template]
    with serve(out) as url:
        page = LivePage(url + "index.html")
        try:
            page.wait_until(f"{button}?.textContent.includes('Count is 0')")
            page.evaluate(f"{button}.click()")
            page.evaluate(f"{button}.click()")
            page.wait_until(f"{button}.textContent.includes('Count is 2')")
            images = "document.querySelector('my-element')?.shadowRoot ?? document"
            if template.startswith("lit"):  # the element really is Lit's, with its property
                assert page.evaluate(
                    "customElements.get('my-element').elementProperties"
                    ".get('count').type === Number"
                )
            loaded = page.evaluate(
                f"Promise.all([...({images}).querySelectorAll('img')].map(i => i.decode()"
                ".then(() => i.naturalWidth, () => 0)))"
            )
            assert loaded and all(w > 0 for w in loaded), loaded
        finally:
            page.close()


# the starters whose components need their framework's own compiler: the file, and why
UNSUPPORTED = {
    "vue": ("src/main.js", "Vue single-file components"),
    "vue-ts": ("src/main.ts", "Vue single-file components"),
    "svelte": ("src/main.js", "Svelte components"),
    "svelte-ts": ("src/main.ts", "Svelte components"),
    "solid": ("src/index.jsx", "babel-preset-solid"),
    "solid-ts": ("src/index.tsx", "babel-preset-solid"),
    "qwik": ("src/main.jsx", "Qwik optimizer"),
    "qwik-ts": ("src/main.tsx", "Qwik optimizer"),
}


TSCONFIG_BASES = {"vue-ts": "@vue/tsconfig", "svelte-ts": "@tsconfig/svelte"}


@pytest.mark.parametrize("template", sorted(UNSUPPORTED))
def test_a_starter_outside_the_supported_set_says_what_it_cannot_compile(
    template: str,
    ts_tools: Path,  # noqa: F811
    tmp_path: Path,
):
    app = tmp_path / "app"
    shutil.copytree(ts_tools / "create-vite" / f"template-{template}", app)
    if template in TSCONFIG_BASES:  # what its tsconfig.json extends (a devDependency)
        npm_install(app, (TSCONFIG_BASES[template],))
    out = tmp_path / "dist"
    result = run_cli("build", "--src", ".", "--out", str(out), cwd=app)
    assert result.returncode == 1
    path, why = UNSUPPORTED[template]
    lines = [line for line in result.stderr.splitlines() if "unsupported-language" in line]
    assert lines and lines[0].startswith(path + ":"), result.stderr
    assert why in lines[0]
    assert "Traceback" not in result.stderr and not out.exists()
