"""The images stage on real photographs: formats, widths, orientation, alpha, colour, metadata,
the cache, and what a build does with a broken image."""

from __future__ import annotations

import hashlib
import io
import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageCms, ImageOps, ImageStat

from assetpipe.cache import Cache
from assetpipe.images.variants import ImageOptions, process_images, widths_for

from .conftest import ROOT, run_cli

PHOTOS = ROOT / "site_src/img/photos"


def _run(paths: dict[str, bytes], cache: Cache | None = None, **options):
    sets, files, failures = process_images(
        sorted(paths.items()),
        ImageOptions(**{"jobs": 1, **options}),
        cache or Cache(None),
        "assets",
    )
    return sets, {f.source: f.data for f in files}, failures


def _open(data: bytes) -> Image.Image:
    im = Image.open(io.BytesIO(data))
    im.load()
    return im


def _difference(a: Image.Image, b: Image.Image) -> float:
    """Mean absolute difference of two images' pixels (0-255), after resizing b to a."""
    a = a.convert("RGB").resize((64, 64))
    b = b.convert("RGB").resize((64, 64))
    diff = ImageStat.Stat(
        Image.frombytes(
            "RGB", a.size, bytes(abs(x - y) for x, y in zip(a.tobytes(), b.tobytes(), strict=True))
        )
    )
    return sum(diff.mean) / 3


def test_widths_are_the_configured_ones_below_the_image_never_upscaled():
    assert widths_for(2400, (480, 960, 1440, 1920)) == [480, 960, 1440, 1920]
    assert widths_for(1200, (480, 960, 1440, 1920)) == [480, 960, 1200]
    assert widths_for(1000, (480, 960, 1440, 1920)) == [480, 1000]  # 960 would save little
    assert widths_for(300, (480, 960)) == [300]


def test_every_width_in_every_format_decodes_at_its_width():
    data = (PHOTOS / "marigold-blossom.jpg").read_bytes()  # 2400 x 1500
    sets, files, failures = _run({"p.jpg": data})
    assert failures == []
    image = sets["p.jpg"]
    assert (image.width, image.height) == (2400, 1500)
    seen = set()
    for variant in image.variants:
        im = _open(files[variant.key])
        assert (
            im.format
            == {"image/avif": "AVIF", "image/webp": "WEBP", "image/jpeg": "JPEG"}[variant.mime]
        )
        assert im.size == (variant.width, variant.height)
        assert abs(im.height / im.width - 1500 / 2400) < 0.01
        seen.add((variant.mime, variant.width))
    for mime in ("image/avif", "image/webp", "image/jpeg"):
        assert {w for m, w in seen if m == mime} == {480, 960, 1440, 1920}
    # the main file is the largest fallback; the modern ones are much smaller
    assert _open(files["p.jpg"]).width == 1920
    assert len(files["p.jpg#1920.avif"]) < len(files["p.jpg"]) / 2
    assert len(files["p.jpg#1920.webp"]) < len(files["p.jpg"])
    # and still the same picture
    source = _open(data)
    for key in ("p.jpg", "p.jpg#960.avif", "p.jpg#960.webp"):
        assert _difference(source, _open(files[key])) < 4, key


def test_exif_orientation_is_applied():
    data = (PHOTOS / "raindrops-on-leaf.jpg").read_bytes()
    source = _open(data)
    assert source.size == (1200, 900) and source.getexif().get(274) == 6  # stored sideways
    upright = ImageOps.exif_transpose(source)
    sets, files, _ = _run({"r.jpg": data})
    image = sets["r.jpg"]
    assert (image.width, image.height) == (900, 1200)  # as displayed
    for variant in image.variants:
        im = _open(files[variant.key])
        assert im.height > im.width
        assert im.getexif().get(274) in (None, 1)
        assert _difference(upright, im) < 4
        assert _difference(source.rotate(90, expand=True), im) > 10  # not the other way round


def test_metadata_is_stripped_and_gps_never_reaches_the_site():
    im = _open((PHOTOS / "coffee-cup.jpg").read_bytes())
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 12.5), 3: "W", 4: (0.0, 7.0, 39.0)}  # GPS
    buffer = io.BytesIO()
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><GPSLatitude>51,30.2N</GPSLatitude></x:xmpmeta>'
    im.save(buffer, "JPEG", exif=exif.tobytes(), xmp=xmp, comment=b"secret comment")
    data = buffer.getvalue()
    assert _open(data).getexif().get_ifd(0x8825)  # the source has a location
    sets, files, _ = _run({"c.jpg": data})
    for key, blob in files.items():
        out = _open(blob)
        assert not out.getexif(), key
        assert "xmp" not in out.info and "XML:com.adobe.xmp" not in out.info, key
        for secret in (b"CameraMaker", b"GPSLatitude", b"secret comment", b"51,30.2N"):
            assert secret not in blob, (key, secret)


def test_colour_profiles_are_converted_to_srgb():
    data = (PHOTOS / "orange-flower.jpg").read_bytes()  # tagged Adobe RGB (1998)
    source = _open(data)
    profile = ImageCms.ImageCmsProfile(io.BytesIO(source.info["icc_profile"]))
    assert "Adobe RGB" in ImageCms.getProfileDescription(profile)
    expected = ImageCms.profileToProfile(source, profile, ImageCms.createProfile("sRGB"))
    sets, files, _ = _run({"f.jpg": data})
    for key, blob in files.items():
        out = _open(blob)
        icc = out.info.get("icc_profile")
        if icc:  # tagged: it must be sRGB
            description = ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(io.BytesIO(icc)))
            assert "sRGB" in description, key
        # the pixels are the converted ones, not the Adobe RGB numbers shown as sRGB
        assert _difference(expected, out) < _difference(source, out) - 1, key


def test_alpha_is_kept():
    data = (ROOT / "site_src/img/logo.png").read_bytes()
    source = _open(data)
    assert source.mode == "RGBA"
    corner_alpha = source.getpixel((0, 0))[3]
    sets, files, _ = _run({"l.png": data})
    mimes = {v.mime for v in sets["l.png"].variants}
    assert {"image/png", "image/avif", "image/webp"} <= mimes
    for key, blob in files.items():
        out = _open(blob).convert("RGBA")
        assert abs(out.getpixel((0, 0))[3] - corner_alpha) < 8, key
        assert out.getchannel("A").getextrema()[0] < 16, key  # still transparent somewhere


def test_an_animated_gif_is_left_as_it_is():
    frames = [Image.new("RGB", (40, 30), c) for c in ("red", "green", "blue")]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    sets, files, failures = _run({"a.gif": buffer.getvalue()})
    assert failures == [] and sets == {}
    assert files == {"a.gif": buffer.getvalue()}


def test_a_modern_variant_not_smaller_than_the_fallback_is_not_made():
    buffer = io.BytesIO()
    Image.new("P", (4, 4)).save(buffer, "PNG")  # a few dozen bytes: no AVIF beats that
    sets, files, _ = _run({"t.png": buffer.getvalue()})
    mimes = [v.mime for v in sets["t.png"].variants]
    assert "image/png" in mimes and "image/avif" not in mimes
    for variant in sets["t.png"].variants:  # what is kept is smaller than the fallback
        assert variant.key == "t.png" or len(files[variant.key]) < len(files["t.png"])


def test_the_same_input_gives_the_same_bytes():
    data = {"r.jpg": (PHOTOS / "rocket-launch.jpg").read_bytes()}
    assert _run(data)[1] == _run(data, jobs=2)[1]


def test_the_cache_encodes_each_variant_once_and_only_what_an_option_changes(tmp_path: Path):
    data = {
        "a.jpg": (PHOTOS / "rocket-launch.jpg").read_bytes(),  # 640 wide: 480 and 640
        "b.jpg": (PHOTOS / "astronaut-eileen-collins.jpg").read_bytes(),  # 512: only 512
    }
    counts = []

    def run(**options):
        cache = Cache(tmp_path / "cache")
        totals = []
        try:
            result = process_images(
                sorted(data.items()),
                ImageOptions(jobs=1, **options),
                cache,
                "assets",
                lambda done, total: totals.append(total),
            )
        finally:
            cache.close()
        counts.append(totals[-1] if totals else 0)
        return {f.source: f.data for f in result[1]}

    cold = run()
    assert counts[-1] == (2 + 1) * 3  # three widths in all, three formats each
    assert run() == cold and counts[-1] == 0  # warm: nothing encoded, same bytes
    changed = run(avif_quality=40)
    assert counts[-1] == 3  # only the AVIF variants
    assert {k for k in changed if changed[k] != cold.get(k)} <= {
        k for k in changed if k.endswith(".avif")
    }


@pytest.mark.parametrize(
    "broken, message",
    [
        ("truncated", "corrupt or truncated image"),
        ("garbage", "not an image"),
        ("bomb", "too large to decode safely"),
    ],
)
def test_a_broken_image_is_an_error_at_its_page_and_the_output_stays(
    tmp_path: Path, broken: str, message: str
):
    src = tmp_path / "src"
    (src / "img").mkdir(parents=True)
    shutil.copy(PHOTOS / "coffee-cup.jpg", src / "img/photo.jpg")
    (src / "index.html").write_text(
        '<!doctype html>\n<title>t</title>\n<p>A photo:\n  <img src="img/photo.jpg" alt="">\n'
    )
    out = tmp_path / "out"
    args = ("build", "--src", "src", "--out", "out", "--cache-dir", "cache")
    assert run_cli(*args, cwd=tmp_path).returncode == 0
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    photo = (PHOTOS / "coffee-cup.jpg").read_bytes()
    if broken == "truncated":
        (src / "img/photo.jpg").write_bytes(photo[: len(photo) // 3])
    elif broken == "garbage":
        (src / "img/photo.jpg").write_bytes(b"<html>not a photo</html>")
    else:
        Image.new("L", (20000, 10000)).save(src / "img/photo.jpg", "PNG")  # 200 Mpx
    result = run_cli(*args, cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "index.html:4:13: error[image]: cannot use the image img/photo.jpg" in result.stderr
    assert message in result.stderr
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before


def test_encodes_stay_on_disk_and_the_build_leaves_no_blob_folder(tmp_path: Path, site):
    """A site's encodes are kept as files (`Blob`s) rather than in memory; the output is
    hard-linked from them, and the result's outputs read from the output folder."""
    from assetpipe import build, load_config
    from assetpipe.pipeline.values import Blob

    photo = (PHOTOS / "coffee-cup.jpg").read_bytes()
    src = site({"index.html": '<img src="a.jpg" alt="">', "a.jpg": photo})
    out = tmp_path / "out"
    config, _ = load_config(
        overrides={
            "build.src": str(src),
            "build.out": str(out),
            "build.cache_dir": str(tmp_path / "c"),
        },
        cwd=str(tmp_path),
    )
    result = build(config)
    images = [o for o in result.outputs if o.path.endswith((".jpg", ".webp", ".avif"))]
    assert images and all(isinstance(o.data, Blob) for o in images)
    for o in images:
        assert o.data.path == str(out / o.path)
        assert o.data.read() == (out / o.path).read_bytes() and len(o.data) == o.data.size
    assert not [p.name for p in tmp_path.iterdir() if "assetpipe-blobs" in p.name]


def test_a_source_changed_during_the_build_is_an_error_not_a_wrong_cache_entry(tmp_path: Path):
    """Encodes read the file again in a worker: bytes other than those the cache keys were
    made from would file the new image's encodes under the old image's keys."""
    from assetpipe.images.encode import ImageError
    from assetpipe.images.variants import _load

    path = tmp_path / "a.jpg"
    path.write_bytes(b"first")
    digest = hashlib.sha256(b"first").hexdigest()
    assert _load(path, digest) == b"first"
    path.write_bytes(b"second")
    with pytest.raises(ImageError, match="changed during the build"):
        _load(path, digest)
