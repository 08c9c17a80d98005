"""Tests of the ``remote`` workloads' helpers: the photo-like JPEGs and the site that shows them,
the sizes from the environment, the wrapper that times a build, the notes made from the runs
and the memory fit (no moto server, no assetpipe build)."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench.harness import REGISTRY, Context
from bench.sitegen import photos
from bench.workloads import load_all
from bench.workloads.remote import (
    WRAPPER,
    Measured,
    RemoteRounds,
    digest_difference,
    digest_tree,
    fit_line,
    memory_formats,
    memory_notes,
    memory_points,
    sizes,
)

Image = pytest.importorskip("PIL.Image")


def test_a_photo_is_a_deterministic_400x300_jpeg_of_real_size() -> None:
    first = photos.render_photo(7)
    assert first == photos.render_photo(7)
    assert first != photos.render_photo(8)
    picture = Image.open(io.BytesIO(first))
    assert (picture.format, picture.size, picture.mode) == ("JPEG", (400, 300), "RGB")
    for index in range(6):
        assert 15_000 <= len(photos.render_photo(index)) <= 45_000
    # not flat: an encoder has work to do
    extrema = picture.convert("L").getextrema()
    assert extrema[1] - extrema[0] > 100


def test_the_pool_is_made_once_and_grows(tmp_path: Path) -> None:
    pool = tmp_path / "pool"
    assert photos.ensure_photos(pool, 3, jobs=1) == 3
    assert photos.ensure_photos(pool, 3, jobs=1) == 0
    assert photos.ensure_photos(pool, 4, jobs=1) == 1
    assert sorted(p.name for p in pool.glob("*.jpg")) == [photos.photo_name(i) for i in range(4)]
    assert (pool / "p00002.jpg").read_bytes() == photos.render_photo(2)
    (pool / ".version").write_text("older")
    assert photos.ensure_photos(pool, 2, jobs=1) == 2  # another version: emptied first
    assert not (pool / "p00003.jpg").exists()


def test_the_site_shows_each_photo_once_at_five_a_page(tmp_path: Path) -> None:
    pages, images = 4, 20
    pool, site = tmp_path / "pool", tmp_path / "site"
    photos.ensure_photos(pool, images, jobs=1)
    site.mkdir()
    photos.write_photo_site(site, pages, images, pool)
    html = sorted(site.rglob("*.html"))
    assert [p.relative_to(site).as_posix() for p in html] == [
        photos.page_path(p) for p in range(pages)
    ]
    shown = []
    texts = set()
    for page in html:
        text = page.read_text()
        tags = re.findall(r"<img [^>]*>", text)
        assert len(tags) == 5
        for tag in tags:
            assert 'width="400" height="300"' in tag and re.search(r'alt="[^"]+"', tag)
            shown.append(re.search(r'src="\.\./img/([^"]+)"', tag)[1])  # type: ignore[index]
        assert '<link rel="stylesheet" href="../css/site.css">' in text
        assert '<script type="module" src="../js/main.js"></script>' in text
        texts.add(re.sub(r"<[^>]+>", "", text))
    assert sorted(shown) == [photos.photo_name(i) for i in range(images)]
    assert len(texts) == pages  # the text differs from page to page
    assert 5_000 < len((site / "css" / "site.css").read_text()) < 12_000
    assert "./lib.js" in (site / "js" / "main.js").read_text()
    linked = site / "img" / "p00003.jpg"
    assert linked.read_bytes() == (pool / "p00003.jpg").read_bytes()
    assert photos.shown_photos(60, 150) == list(range(150))  # each twice over 60 pages
    assert photos.shown_photos(2, 100) == list(range(10))


def test_sizes_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("BENCH_REMOTE_PAGES", "BENCH_REMOTE_IMAGES", "BENCH_REMOTE_MEMORY_POINTS",
                 "BENCH_REMOTE_MEMORY_FORMATS"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)
    assert sizes() == (2000, 10000)
    assert memory_points() == [1000, 3000, 10000]
    assert memory_formats() == ["webp"]
    monkeypatch.setenv("BENCH_REMOTE_IMAGES", "150")
    assert sizes() == (30, 150)
    monkeypatch.setenv("BENCH_REMOTE_PAGES", "60")
    assert sizes() == (60, 150)
    monkeypatch.delenv("BENCH_REMOTE_IMAGES")
    assert sizes() == (60, 300)
    monkeypatch.setenv("BENCH_REMOTE_PAGES", "many")
    with pytest.raises(ValueError, match="BENCH_REMOTE_PAGES"):
        sizes()
    monkeypatch.setenv("BENCH_REMOTE_MEMORY_POINTS", "3000, 1000,10_000")
    assert memory_points() == [1000, 3000, 10000]
    monkeypatch.setenv("BENCH_REMOTE_MEMORY_FORMATS", "avif,webp")
    assert memory_formats() == ["avif", "webp"]
    monkeypatch.setenv("BENCH_REMOTE_MEMORY_FORMATS", "jpeg")
    with pytest.raises(ValueError):
        memory_formats()


def test_both_workloads_are_registered() -> None:
    load_all()
    assert {"remote", "remote-memory"} <= set(REGISTRY)


def test_the_wrapper_times_its_child_and_passes_its_exit_status(tmp_path: Path) -> None:
    record = tmp_path / "run.json"
    child = [sys.executable, "-c", "import sys; print('built'); sys.exit(3)"]
    done = subprocess.run([sys.executable, "-S", "-c", WRAPPER, str(record), *child], timeout=60)
    assert done.returncode == 3
    data = json.loads(record.read_text())
    assert set(data) == {"wall", "cpu", "rss_mb", "pss_mb"}
    assert data["wall"] > 0 and data["cpu"] > 0 and data["rss_mb"] > 1
    assert Path(f"{record}.stdout").read_text() == "built\n"


def run(name: str, wall: float, cpu: float, encoded: int, **extra: object) -> Measured:
    return Measured(name, wall, cpu, 100.0, 90.0, encoded, encoded, encoded, 0.5, **extra)  # type: ignore[arg-type]


def test_the_notes_give_the_ratios_and_the_checks(tmp_path: Path) -> None:
    ctx = Context("remote", tmp_path)
    rounds = RemoteRounds(ctx, shards=2, images=10_000)
    digest = {"a.html": "1", "img/x.avif": "2"}
    rounds.add(1, run("cold", 100.0, 180.0, 300, digest=dict(digest)))
    rounds.add(1, run("warm-remote", 10.0, 8.0, 0, digest=dict(digest)))
    rounds.add(1, run("shard-1of2", 55.0, 95.0, 150, reported=150))
    rounds.add(1, run("shard-2of2", 50.0, 94.0, 150, reported=150))
    rounds.add(1, run("assemble", 12.0, 9.0, 0, digest={"a.html": "1", "img/x.avif": "3"}))
    ratios = ctx.notes["ratios and goals"]
    assert "warm-remote / cold, wall: 0.100 (goal <= 0.15: met)" in ratios
    assert "189.00 / 180.00 = 1.050 (goal <= 1.10: met)" in ratios
    assert "assemble / cold, wall: 0.120" in ratios
    assert "(goal <= 1024 MB at 10,000 images: met)" in ratios
    checks = ctx.notes["checks"]
    assert "warm-remote encoded 0: yes" in checks
    assert "warm-remote's output byte-identical to cold's (2 files): yes" in checks
    assert "assemble's output byte-identical to cold's (2 files): NO: 1 with other bytes" in checks
    assert "shards' encodes add up to cold's: 300 vs 300: yes" in checks
    table = ctx.notes["runs (assetpipe's process tree alone, measured by the wrapper)"]
    assert "150 (says 150)" in table


def test_digests_and_their_differences(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text("x")
    (tmp_path / "b.txt").write_text("b")
    found = digest_tree(tmp_path)
    assert sorted(found) == ["a/x.txt", "b.txt"]
    other = {"a/x.txt": "0", "c.txt": found["b.txt"]}
    assert digest_difference(found, other) == (
        "1 only in the cold build's (b.txt); 1 only in this one's (c.txt); "
        "1 with other bytes (a/x.txt)"
    )


def test_the_memory_fit_extrapolates_a_line() -> None:
    assert fit_line([(1000, 100.0)]) is None
    a, b = fit_line([(1000, 150.0), (3000, 250.0), (10000, 600.0)])  # type: ignore[misc]
    assert a == pytest.approx(100.0) and b * 1000 == pytest.approx(50.0)
    by_point = {
        n: [Measured(f"cold-{n}", 1.0, 1.0, 100 + n / 20, 90 + n / 25, 2 * n, 0, 0, 0.0)]
        for n in (1000, 3000, 10000)
    }
    notes = memory_notes(by_point, ["webp"])
    assert "100 MB + 50.0 MB per 1,000 images; at 10,000: 600 MB; at 100,000: 5100 MB" in notes
    assert "not the defaults" in notes
    assert "measured 600 MB: met (with ['webp'] only)" in notes
