"""The fast subset of test262 that CI runs (``tests/js/test_test262.py``): a fixed list.

``ci_subset.txt`` (beside this file) lists a few hundred test paths, chosen once from the
tests that pass in Node as written: a handful from each of many folders (:data:`SPEC`),
evenly spread over each folder's sorted tests, so that classes, templates, loops,
destructuring, async code, generators, modules, ASI, labels, scoping, ``arguments``, direct
``eval``, computed names, optional chaining, literals and the rest are all exercised.

Remake it (after a full run of ``python -m bench.test262``, whose cache says which tests pass
as written) with ``python -m bench.test262.subset``; the list only changes when ``SPEC`` or
the tarball does. The same command (or ``--pack`` alone, for the list as it is) packs those
tests, the files they import, the harness files they include, test262's LICENSE and
INTERPRETING.md into ``tests/js/data/test262-subset.tar.xz`` (about 60 KB), so that CI runs the
subset without the full tarball.
"""

from __future__ import annotations

import io
import sys
import tarfile
from pathlib import Path

LIST = Path(__file__).resolve().parent / "ci_subset.txt"
PACK = Path(__file__).resolve().parents[2] / "tests" / "js" / "data" / "test262-subset.tar.xz"

# (folder prefix, how many tests): prefixes are matched in order, a test counts for the first
SPEC: tuple[tuple[str, int], ...] = (
    ("language/statements/class/subclass", 4),
    ("language/statements/class/elements", 5),
    ("language/statements/class", 9),
    ("language/expressions/class/elements", 4),
    ("language/expressions/class", 7),
    ("language/expressions/template-literal", 5),
    ("language/expressions/tagged-template", 5),
    ("language/statements/for-of", 7),
    ("language/statements/for-in", 2),
    ("language/statements/for", 2),
    ("language/destructuring", 2),
    ("language/expressions/assignment/dstr", 5),
    ("language/statements/variable/dstr", 2),
    ("language/statements/async-function", 4),
    ("language/expressions/async-arrow-function", 3),
    ("language/expressions/await", 2),
    ("language/statements/async-generator", 4),
    ("language/expressions/async-generator", 2),
    ("language/statements/generators", 4),
    ("language/expressions/generators", 3),
    ("language/expressions/yield", 2),
    ("language/module-code/top-level-await", 4),
    ("language/module-code/namespace", 2),
    ("language/module-code", 10),
    ("language/import", 2),
    ("language/export", 2),
    ("language/expressions/dynamic-import", 4),
    ("language/asi", 9),
    ("language/statements/labeled", 3),
    ("language/statements/break", 2),
    ("language/statements/continue", 2),
    ("language/block-scope", 6),
    ("language/arguments-object", 6),
    ("language/eval-code/direct", 7),
    ("language/eval-code/indirect", 2),
    ("language/computed-property-names", 5),
    ("language/expressions/optional-chaining", 5),
    ("language/expressions/coalesce", 2),
    ("language/expressions/logical-assignment", 2),
    ("language/expressions/object/method-definition", 3),
    ("language/expressions/object", 4),
    ("language/expressions/arrow-function", 4),
    ("language/expressions/function", 2),
    ("language/statements/function", 3),
    ("language/function-code", 3),
    ("language/rest-parameters", 2),
    ("language/expressions/super", 2),
    ("language/expressions/new.target", 2),
    ("language/expressions/call", 2),
    ("language/expressions/new", 1),
    ("language/expressions/typeof", 1),
    ("language/expressions/delete", 1),
    ("language/expressions/void", 1),
    ("language/expressions/comma", 1),
    ("language/expressions/conditional", 2),
    ("language/expressions/exponentiation", 2),
    ("language/expressions/compound-assignment", 2),
    ("language/expressions/unary-minus", 1),
    ("language/expressions/addition", 1),
    ("language/expressions/instanceof", 1),
    ("language/expressions/in", 1),
    ("language/statements/switch", 2),
    ("language/statements/try", 3),
    ("language/statements/throw", 1),
    ("language/statements/if", 1),
    ("language/statements/while", 1),
    ("language/statements/do-while", 1),
    ("language/statements/let", 2),
    ("language/statements/const", 2),
    ("language/statements/variable", 1),
    ("language/statements/block", 1),
    ("language/statements/return", 1),
    ("language/statements/empty", 1),
    ("language/statementList", 2),
    ("language/literals/regexp", 3),
    ("language/literals/numeric", 2),
    ("language/literals/string", 2),
    ("language/literals/bigint", 1),
    ("language/comments", 2),
    ("language/white-space", 2),
    ("language/line-terminators", 2),
    ("language/identifiers", 2),
    ("language/identifier-resolution", 2),
    ("language/keywords", 1),
    ("language/reserved-words", 1),
    ("language/future-reserved-words", 1),
    ("language/global-code", 2),
    ("language/directive-prologue", 2),
    ("language/types", 2),
    ("language/punctuators", 1),
    ("language/source-text", 1),
)


# Tests added by name: one or two for each cause of a change found by the full run (see the
# KNOWN table of tests/js/test_test262.py and bench/README.md), so that CI notices a fix.
EXTRA: tuple[str, ...] = (
    "language/expressions/addition/S11.6.1_A2.4_T1.js",
    "language/expressions/object/dstr/meth-obj-ptrn-empty.js",
    "language/statements/try/S12.14_A18_T4.js",
    "language/statements/function/scope-paramsbody-var-open.js",
    "language/statements/try/scope-catch-block-lex-open.js",
    "language/identifiers/vals-eng-alpha-lower-via-escape-hex.js",
    "language/statements/for-of/head-lhs-async-escaped.js",
    "language/statements/class/elements/private-accessor-name/inst-private-escape-sequence-u6F.js",
    "language/expressions/object/__proto__-permitted-dup-shorthand.js",
    "language/statements/return/line-terminators.js",
    "language/statements/break/line-terminators.js",
    "language/literals/regexp/S7.8.5_A4.1.js",
    "language/statements/using/syntax/using-invalid-arraybindingpattern-does-not-break-element-access.js",
    "language/module-code/instn-star-props-circular.js",
    "language/expressions/dynamic-import/assignment-expression/cover-parenthesized-expr.js",
    "language/expressions/dynamic-import/import-attributes/2nd-param-non-object.js",
    "language/comments/multi-line-asi-line-feed.js",
    "language/expressions/template-literal/tv-null-character-escape-sequence.js",
    "language/statements/class/elements/syntax/valid/grammar-field-named-get-followed-by-generator-asi.js",
    "language/statements/for/head-init-async-of.js",
    "language/expressions/arrow-function/dstr/ary-ptrn-elem-id-init-fn-name-arrow.js",
    "language/module-code/eval-export-dflt-cls-anon.js",
    "language/module-code/instn-iee-bndng-fun.js",
    "language/module-code/namespace/internals/delete-exported-init.js",
    "language/expressions/class/elements/syntax/early-errors/grammar-privatename-error.js",
    "language/module-code/parse-err-export-dflt-var.js",
    "language/asi/S7.9_A4.js",
)


def load() -> list[str]:
    """The paths of the CI subset (``language/...``), in order."""
    lines = LIST.read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def choose(candidates: list[str]) -> list[str]:
    """Pick the subset from ``candidates`` (paths of tests that pass as written): the
    :data:`EXTRA` ones, then :data:`SPEC`'s."""
    per_prefix: dict[str, list[str]] = {prefix: [] for prefix, _ in SPEC}
    for path in sorted(candidates):
        for prefix, _ in SPEC:
            if path.startswith(prefix + "/"):
                per_prefix[prefix].append(path)
                break
    chosen = [path for path in EXTRA if path in candidates]
    for prefix, count in SPEC:
        pool = per_prefix[prefix]
        picks = (
            pool
            if len(pool) <= count
            else [pool[(2 * i + 1) * len(pool) // (2 * count)] for i in range(count)]
        )
        chosen.extend(p for p in picks if p not in chosen)
    return chosen


def pack(root: Path, paths: list[str], dest: Path = PACK) -> int:
    """Write the tests ``paths`` of the unpacked ``root`` (``t262``), their imports, the
    harness files they include, LICENSE and INTERPRETING.md into ``dest``, a tarball with the
    full one's layout, byte for byte the same for the same inputs. Returns the file count."""
    from bench.test262.corpus import load_tests

    selected = set(paths)
    names = {"LICENSE", "INTERPRETING.md"}
    for test in load_tests(root, select=selected.__contains__):
        names.add(f"test/{test.path}")
        names.update(f"test/{dep}" for dep in test.deps)
        names.update(f"harness/{h}" for h in test.harness if (root / "harness" / h).is_file())
    dest.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:xz", format=tarfile.PAX_FORMAT) as archive:
        for name in sorted(names):
            data = (root / name).read_bytes()
            info = tarfile.TarInfo(f"t262/{name}")
            info.size, info.mode, info.mtime = len(data), 0o644, 0
            archive.addfile(info, io.BytesIO(data))
    dest.write_bytes(buffer.getvalue())
    return len(names)


def main() -> int:
    from bench.test262.corpus import WORK, find_tarball, load_tests, unpack
    from bench.test262.node import node_version, passed
    from bench.test262.run import cache_keys, load_cache

    tarball = find_tarball()
    if tarball is None:
        print("error: test262 tarball not found", file=sys.stderr)
        return 2
    root = unpack(tarball)
    if sys.argv[1:] == ["--pack"]:  # the list as it is, packed again
        count = pack(root, load())
        print(f"{count} files packed into {PACK} ({PACK.stat().st_size:,} bytes)")
        return 0
    keys = cache_keys({"node": node_version(), "esbuild": None})
    cache = load_cache(WORK / "cache.jsonl")
    candidates = []
    for test in load_tests(root):
        run = cache.get(keys["written"] + test.digest)
        if test.applicable and run is not None and passed(test.meta, run):
            candidates.append(test.path)
    if not candidates:
        print("error: no cached runs: run `python -m bench.test262` first", file=sys.stderr)
        return 2
    chosen = choose(candidates)
    header = (
        "# The CI subset of test262 (tests/js/test_test262.py): made by\n"
        "# `python -m bench.test262.subset` from bench/test262/subset.py's SPEC. One path a line.\n"
    )
    LIST.write_text(header + "\n".join(chosen) + "\n")
    print(f"{len(chosen)} tests written to {LIST}")
    count = pack(root, chosen)
    print(f"{count} files packed into {PACK} ({PACK.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
