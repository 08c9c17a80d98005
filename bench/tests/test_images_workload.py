"""Tests of the image workloads' helpers (no npm, no Chromium, no assetpipe build)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from bench.harness import CheckFailed, Context
from bench.workloads._images import (
    VariantChecks,
    display_size,
    image_figures,
    make_plan,
    plan_widths,
    planned_files,
    referenced_images,
    tree_digest,
)

Image = pytest.importorskip("PIL.Image")
pytest.importorskip("skimage.metrics")


def photo(path: Path, size: tuple[int, int], orientation: int = 1) -> Path:
    """A smooth gradient JPEG (SSIM-friendly), with an EXIF orientation when asked."""
    width, height = size
    im = Image.linear_gradient("L").resize(size).convert("RGB")
    im.paste((200, 60, 30), (width // 4, height // 4, width // 2, height // 2))
    exif = Image.Exif()
    if orientation != 1:
        exif[0x0112] = orientation
    im.save(path, "JPEG", quality=95, exif=exif.tobytes())
    return path


def test_widths_are_capped_at_the_image_never_upscaled() -> None:
    assert plan_widths(2400, (480, 960)) == [480, 960]
    assert plan_widths(600, (480, 960)) == [480, 600]
    assert plan_widths(400, (480, 960)) == [400]


def test_plan_uses_the_displayed_width(tmp_path: Path) -> None:
    upright = photo(tmp_path / "a.jpg", (200, 100))
    turned = photo(tmp_path / "b.jpg", (200, 100), orientation=6)  # shown 100 wide
    assert display_size(turned) == (100, 200)
    plan = make_plan([upright, turned], (64, 160), ("webp", "avif"))
    assert [p["widths"] for p in plan["photos"]] == [[64, 160], [64, 100]]
    assert sorted(planned_files(plan)) == [
        "a-160.avif",
        "a-160.webp",
        "a-64.avif",
        "a-64.webp",
        "b-100.avif",
        "b-100.webp",
        "b-64.avif",
        "b-64.webp",
    ]


def write_outputs(plan: dict, out: Path, rotate: bool = False) -> None:
    """What a correct encoder writes for ``plan`` (``rotate``: one that ignores EXIF)."""
    from PIL import ImageOps

    out.mkdir()
    formats = {"webp": "WEBP", "avif": "AVIF"}
    for name, (entry, width, fmt) in planned_files(plan).items():
        with Image.open(entry["src"]) as im:
            im = im if rotate else ImageOps.exif_transpose(im)
            height = round(im.height * width / im.width)
            im.resize((width, height), Image.LANCZOS).save(out / name, formats[fmt], quality=90)


def checks_for(tmp_path: Path, orientation: int = 1) -> tuple[VariantChecks, dict, Context]:
    source = photo(tmp_path / "p.jpg", (120, 80), orientation)
    plan = make_plan([source], (48, 96), ("webp", "avif"))
    ctx = Context("images", tmp_path)
    return VariantChecks(ctx, plan), plan, ctx


def test_variant_check_scores_good_outputs_and_fills_the_info_line(tmp_path: Path) -> None:
    checks, plan, ctx = checks_for(tmp_path)
    write_outputs(plan, tmp_path / "a")
    figures = checks.check("assetpipe")(tmp_path / "a")
    assert figures["files"] == 4
    assert figures["bytes"] == figures["webp_bytes"] + figures["avif_bytes"] > 0
    assert 0.9 < figures["ssim_min"] <= figures["ssim"] <= 1
    assert figures["rgb_error"] < 8
    checks.check("sharp")(tmp_path / "a")
    assert ctx.info["bytes/assetpipe"] == "sharp 1.000"
    assert ctx.info["ssim"].startswith("assetpipe 0.9")


def test_variant_check_fails_missing_wrong_size_and_unrotated_files(tmp_path: Path) -> None:
    checks, plan, _ = checks_for(tmp_path, orientation=6)
    write_outputs(plan, tmp_path / "unrotated", rotate=True)
    with pytest.raises(CheckFailed, match="want 48x72"):
        checks.figures(tmp_path / "unrotated")

    write_outputs(plan, tmp_path / "missing")
    (tmp_path / "missing" / "p-48.avif").unlink()
    with pytest.raises(CheckFailed, match=r"missing \['p-48.avif'\]"):
        checks.figures(tmp_path / "missing")

    write_outputs(plan, tmp_path / "png")
    buffer = io.BytesIO()
    Image.open(tmp_path / "png" / "p-48.webp").save(buffer, "PNG")
    (tmp_path / "png" / "p-48.webp").write_bytes(buffer.getvalue())
    with pytest.raises(CheckFailed, match="p-48.webp: is PNG, not WEBP"):
        checks.figures(tmp_path / "png")


def test_variant_check_fails_another_picture(tmp_path: Path) -> None:
    checks, plan, _ = checks_for(tmp_path)
    write_outputs(plan, tmp_path / "out")
    for name in ("p-96.webp", "p-48.webp"):
        with Image.open(tmp_path / "out" / name) as im:
            flipped = im.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
        flipped.save(tmp_path / "out" / name, "WEBP", quality=90)
    with pytest.raises(CheckFailed, match="p-48.webp: SSIM"):
        checks.figures(tmp_path / "out")


def report(**changes: object) -> dict:
    base = {
        "viewport": [1280, 757, 1],
        "initial": [["/a-960.avif", 1000, "link"], ["/bg.svg", 10, "css"]],
        "all": [
            ["/a-960.avif", 1000, "link"],
            ["/bg.svg", 10, "css"],
            ["/b-480.avif", 300, "img"],
            ["/logo.png", 5000, "other"],
        ],
        "inView": ["/a-960.avif"],
        "images": [["/a-960.avif", True, 960, 546], ["/b-480.avif", True, 480, 266]],
    }
    return base | changes


def test_image_figures_count_page_images_and_keep_icons_apart() -> None:
    assert image_figures(report()) == {
        "image_requests": 3,
        "image_bytes": 1310,
        "raster_bytes": 1300,
        "initial_bytes": 1010,
        "in_view_bytes": 1000,
        "unused_bytes": 0,
        "avif_requests": 2,
        "icon_bytes": 5000,
    }


def test_image_figures_find_unused_downloads_and_refuse_bad_loads() -> None:
    preload_miss = report(all=[*report()["all"], ["/a-1440.avif", 2000, "link"]])
    assert image_figures(preload_miss)["unused_bytes"] == 2000
    with pytest.raises(CheckFailed, match="not 1280"):
        image_figures(report(viewport=[800, 600, 1]))
    with pytest.raises(CheckFailed, match="did not load"):
        image_figures(report(images=[["/a-960.avif", False, 0, 546]]))


def test_referenced_images_and_tree_digest(tmp_path: Path) -> None:
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "a.jpg").write_bytes(b"a")
    page = tmp_path / "index.html"
    page.write_text('<img src="img/a.jpg" alt=""><picture><img alt="" src="img/a.jpg"></picture>')
    assert referenced_images(page) == [(tmp_path / "img" / "a.jpg").resolve()]
    before = tree_digest(tmp_path)
    assert tree_digest(tmp_path) == before
    (tmp_path / "img" / "a.jpg").write_bytes(b"b")
    assert tree_digest(tmp_path) != before
