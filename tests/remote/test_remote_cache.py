"""`[cache] remote`: a shared cache in S3 (moto over HTTP, through a recording proxy) behind
each build's own local cache, as CI runners that start empty use it."""

from __future__ import annotations

import io
import json

import pytest
from PIL import Image

import assetpipe
from assetpipe.images import variants

from ..conftest import run_cli, tree_bytes, write_files
from ..deploy.conftest import CREDENTIALS


def _png(color: tuple[int, int, int], size=(900, 600)) -> bytes:
    image = Image.new("RGB", size, color)
    for x in range(0, size[0], 7):  # some detail, so encodes are not trivial
        image.putpixel((x, (x * 3) % size[1]), (255 - color[0], 40, 90))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


SITE = {
    "index.html": '<!doctype html><title>x</title><img src="a.png" alt="a" width="900" '
    'height="600"><img src="b.png" alt="b" width="900" height="600">'
    '<script type="module" src="app.js"></script>',
    "app.js": 'import {n} from "./util.js";\ndocument.title = n();\n',
    "util.js": "export const n = () => 'ok';\n",
    "a.png": _png((200, 40, 40)),
    "b.png": _png((40, 160, 60)),
}


@pytest.fixture
def encodes(monkeypatch):
    """How many images were encoded (in this process: `images.jobs = 1`)."""
    count = []
    real = variants.encode

    def counting(data, specs):
        count.append(len(specs))
        return real(data, specs)

    monkeypatch.setattr(variants, "encode", counting)
    return count


def _build(tmp_path, name, src, proxy, bucket, **keys):
    overrides = {
        "build.src": str(src),
        "build.out": str(tmp_path / f"out-{name}"),
        "build.cache_dir": str(tmp_path / f"cache-{name}"),  # each runner starts empty
        "images.jobs": 1,
        "cache.remote": f"s3://{bucket}/assetpipe-cache",
        "cache.endpoint_url": proxy.url,
    }
    overrides.update(keys)
    config, _ = assetpipe.load_config(cwd=tmp_path, overrides=overrides)
    result = assetpipe.build(config)
    return tmp_path / f"out-{name}", result


def _remote_keys(client, bucket):
    pages = client.get_paginator("list_objects_v2").paginate(Bucket=bucket)
    return sorted(o["Key"] for page in pages for o in page.get("Contents", ()))


def test_a_second_runner_encodes_nothing_and_builds_the_same_bytes(tmp_path, s3, proxy, encodes):
    client, bucket = s3
    src = write_files(tmp_path / "src", SITE)
    first, result = _build(tmp_path, "a", src, proxy, bucket)
    assert sum(encodes) > 0 and not result.warnings
    stored = _remote_keys(client, bucket)
    # one object per image, holding all its variants
    assert sum(k.startswith("assetpipe-cache/images/") for k in stored) == 2
    assert any(k.startswith("assetpipe-cache/js-analysis/") for k in stored)
    encodes.clear()
    proxy.reset()
    second, result = _build(tmp_path, "b", src, proxy, bucket)
    assert encodes == [] and not result.warnings
    assert tree_bytes(second) == tree_bytes(first)
    assert proxy.writes() == []  # nothing new to upload
    gets = [r.path for r in proxy.requests if r.method == "GET"]
    images = [k for k in stored if "/images/" in k]
    packs = [k for k in stored if "/packs/js-analysis/" in k]
    assert packs  # module analyses: one pack per batch of the module graph...
    assert len(gets) == len(images) + len(packs)  # ...so one request per batch, not per module
    assert not [g for g in gets if "/js-analysis/" in g and "/packs/" not in g]


def test_a_corrupt_object_is_a_miss_and_is_reported(tmp_path, s3, proxy, encodes):
    client, bucket = s3
    src = write_files(tmp_path / "src", SITE)
    first, _ = _build(tmp_path, "a", src, proxy, bucket)
    images = [k for k in _remote_keys(client, bucket) if "/images/" in k]
    body = client.get_object(Bucket=bucket, Key=images[0])["Body"].read()
    client.put_object(Bucket=bucket, Key=images[0], Body=body[:-10])  # truncated
    client.put_object(Bucket=bucket, Key=images[1], Body=b"not an entry")
    made = sum(encodes)
    encodes.clear()
    second, result = _build(tmp_path, "b", src, proxy, bucket)
    assert sum(encodes) == made  # the two images of the bad objects, encoded again
    assert tree_bytes(second) == tree_bytes(first)
    (warned,) = [w for w in result.warnings if w.code == "cache-remote"]
    assert "2 objects did not match their SHA-256" in warned.message
    assert images[0] in warned.message


def test_read_only_uses_the_remote_and_writes_nothing(tmp_path, s3, proxy, encodes):
    client, bucket = s3
    src = write_files(tmp_path / "src", SITE)
    _build(tmp_path, "a", src, proxy, bucket, **{"cache.mode": "read-only"})
    assert _remote_keys(client, bucket) == [] and proxy.writes() == []
    _build(tmp_path, "b", src, proxy, bucket)  # a read-write runner fills it
    encodes.clear()
    proxy.reset()
    _, result = _build(tmp_path, "c", src, proxy, bucket, **{"cache.mode": "read-only"})
    assert encodes == [] and proxy.writes() == [] and not result.warnings


def test_off_makes_no_request(tmp_path, s3, proxy):
    _, bucket = s3
    src = write_files(tmp_path / "src", SITE)
    _build(tmp_path, "a", src, proxy, bucket, **{"cache.mode": "off"})
    assert proxy.requests == []


def test_a_denied_or_unreachable_remote_is_one_warning_and_a_local_build(
    tmp_path, s3, proxy, encodes
):
    src = write_files(tmp_path / "src", SITE)
    plain, _ = _build(tmp_path, "plain", src, proxy, "no-such-bucket", **{"cache.mode": "off"})
    denied, result = _build(tmp_path, "denied", src, proxy, "no-such-bucket")
    (warned,) = result.warnings
    assert warned.code == "cache-remote" and "NoSuchBucket" in warned.message
    assert "building with the local cache only" in warned.message
    assert tree_bytes(denied) == tree_bytes(plain)
    proxy.fault = lambda request, before: 403  # access denied, as S3 answers it
    _, result = _build(tmp_path, "forbidden", src, proxy, s3[1])
    assert [w.code for w in result.warnings] == ["cache-remote"]
    closed = {"cache.endpoint_url": "http://127.0.0.1:9"}  # nothing listens there
    unreachable, result = _build(tmp_path, "unreachable", src, proxy, s3[1], **closed)
    assert [w.code for w in result.warnings] == ["cache-remote"]
    assert tree_bytes(unreachable) == tree_bytes(plain)


def test_the_command_line_flag_and_variable_never_print_a_credential(tmp_path, s3, proxy):
    client, bucket = s3
    src = write_files(tmp_path / "src", SITE)
    (tmp_path / "assetpipe.toml").write_text(f'[cache]\nendpoint_url = "{proxy.url}"\n')
    env = {**CREDENTIALS, "ASSETPIPE_CACHE_REMOTE": f"s3://{bucket}/from-env/"}
    args = ("build", "--src", str(src), "--out", str(tmp_path / "o"), "--json")
    result = run_cli(*args, cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert any(k.startswith("from-env/images/") for k in _remote_keys(client, bucket))
    flag = ("--cache-remote", f"s3://{bucket}/from-flag/")
    result = run_cli(*args, "--cache-dir", str(tmp_path / "c2"), *flag, cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert any(k.startswith("from-flag/images/") for k in _remote_keys(client, bucket))
    denied = run_cli(
        *args,
        "--cache-dir",
        str(tmp_path / "c3"),
        "--cache-remote",
        "s3://no-such-bucket/x/",
        cwd=tmp_path,
        env=env,
    )
    assert denied.returncode == 0
    assert "warning[cache-remote]" in denied.stderr or "cache-remote" in denied.stdout
    for out in (result.stdout, result.stderr, denied.stdout, denied.stderr):
        assert CREDENTIALS["AWS_SECRET_ACCESS_KEY"] not in out
        assert CREDENTIALS["AWS_ACCESS_KEY_ID"] not in out
    assert json.loads(result.stdout)["ok"] is True


MANY = {
    **{k: v for k, v in SITE.items() if not k.endswith(".png") and k != "index.html"},
    "index.html": "<!doctype html><title>x</title>"
    + "".join(f'<img src="p{i}.png" alt="" width="900" height="600">' for i in range(6))
    + '<script type="module" src="app.js"></script>',
    **{f"p{i}.png": _png((30 * i, 200 - 20 * i, 90)) for i in range(6)},
}


def test_shards_share_the_encoding_and_a_final_build_only_assembles(tmp_path, s3, proxy, encodes):
    _, bucket = s3
    src = write_files(tmp_path / "src", MANY)
    one, _ = _build(tmp_path, "one", src, proxy, "unused", **{"cache.mode": "off"})
    total = sum(encodes)
    encodes.clear()
    results = []
    for shard in (1, 2, 3):
        config, _ = assetpipe.load_config(
            cwd=tmp_path,
            overrides={
                "build.src": str(src),
                "build.cache_dir": str(tmp_path / f"cache-shard{shard}"),
                "images.jobs": 1,
                "cache.remote": f"s3://{bucket}/assetpipe-cache",
                "cache.endpoint_url": proxy.url,
            },
        )
        results.append(assetpipe.build_shard(config, shard, 3))
    assert [r.total_images for r in results] == [6, 6, 6]
    assert sum(r.images for r in results) == 6  # each image in exactly one shard
    assert sum(r.encoded for r in results) == sum(encodes) == total  # nothing twice
    assert all(r.images < 6 for r in results)  # (the split is not all in one)
    assert not (tmp_path / "dist").exists()  # a shard writes no output
    encodes.clear()
    final, result = _build(tmp_path, "final", src, proxy, bucket)
    assert encodes == [] and not result.warnings
    assert tree_bytes(final) == tree_bytes(one)


def test_shard_usage_errors(tmp_path, s3, proxy):
    _, bucket = s3
    src = write_files(tmp_path / "src", SITE)
    for bad in ("3/2", "0/2", "1/0", "a/b", "1-2"):
        result = run_cli("build", "--src", str(src), "--shard", bad, cwd=tmp_path)
        assert result.returncode == 2 and "--shard" in result.stderr, bad
    result = run_cli("build", "--src", str(src), "--shard", "1/2", cwd=tmp_path)
    assert result.returncode == 1
    assert "error[shard]: a shard's work reaches the final build only through a remote cache" in (
        result.stderr
    )
    remote = ("--cache-remote", f"s3://{bucket}/c/", "--cache-dir", str(tmp_path / "c"))
    env = {**CREDENTIALS, "AWS_ENDPOINT_URL_S3": proxy.url}  # (the SDK's own variable)
    result = run_cli("build", "--src", str(src), "--shard", "1/2", *remote, cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("shard 1/2: ")
    assert not (tmp_path / "dist").exists()


def test_the_mode_variable_makes_a_runner_read_only(tmp_path, s3, proxy):
    client, bucket = s3
    src = write_files(tmp_path / "src", SITE)
    (tmp_path / "assetpipe.toml").write_text(f'[cache]\nendpoint_url = "{proxy.url}"\n')
    env = {
        **CREDENTIALS,
        "ASSETPIPE_CACHE_REMOTE": f"s3://{bucket}/c/",
        "ASSETPIPE_CACHE_MODE": "read-only",
    }
    result = run_cli(
        "build", "--src", str(src), "--out", str(tmp_path / "o"), cwd=tmp_path, env=env
    )
    assert result.returncode == 0, result.stderr
    assert _remote_keys(client, bucket) == []
    result = run_cli(
        "build",
        "--src",
        str(src),
        "--out",
        str(tmp_path / "o"),
        "--cache-mode",
        "read-write",
        "--cache-dir",
        str(tmp_path / "c2"),
        cwd=tmp_path,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert _remote_keys(client, bucket) != []  # the flag wins over the variable


def test_a_batch_that_differs_or_a_bad_pack_falls_back_to_single_entries(
    tmp_path, s3, proxy, encodes
):
    client, bucket = s3
    src = write_files(tmp_path / "src", SITE)
    first, _ = _build(tmp_path, "a", src, proxy, bucket)
    for key in _remote_keys(client, bucket):
        if "/packs/" in key:
            client.put_object(Bucket=bucket, Key=key, Body=b"APC1" + b"0" * 40)  # damaged
    proxy.reset()
    second, result = _build(tmp_path, "b", src, proxy, bucket)
    assert tree_bytes(second) == tree_bytes(first)
    gets = [r.path for r in proxy.requests if r.method == "GET"]
    assert [g for g in gets if "/js-analysis/" in g and "/packs/" not in g]  # one by one
    (warned,) = [w for w in result.warnings if w.code == "cache-remote"]
    assert "did not match their SHA-256" in warned.message and "/packs/" in warned.message
    # the damaged packs were written again: a third runner gets each batch in one request
    proxy.reset()
    _, result = _build(tmp_path, "c", src, proxy, bucket)
    gets = [r.path for r in proxy.requests if r.method == "GET"]
    assert not [g for g in gets if "/js-analysis/" in g and "/packs/" not in g]
    assert not result.warnings


def test_entries_go_up_and_come_down_a_few_at_a_time(tmp_path, s3, proxy, encodes, monkeypatch):
    """Bounded memory: with the held-bytes limit at one byte and one entry per fetch, every
    encode is uploaded as soon as it is made, and a second runner still encodes nothing and
    writes the same bytes."""
    from assetpipe import cache as cache_module

    monkeypatch.setattr(cache_module, "HELD_BYTES", 1)
    monkeypatch.setattr(cache_module, "FETCH_BATCH", 1)
    client, bucket = s3
    src = write_files(tmp_path / "src", SITE)
    first, _ = _build(tmp_path, "a", src, proxy, bucket)
    made = sum(encodes)
    stored = _remote_keys(client, bucket)
    assert made > 0 and sum(k.startswith("assetpipe-cache/images/") for k in stored) == 2
    second, result = _build(tmp_path, "b", src, proxy, bucket)
    assert sum(encodes) == made and not result.warnings  # nothing encoded again
    assert tree_bytes(first) == tree_bytes(second)


def test_css_and_critical_css_travel_as_one_pack_per_set_of_stylesheets(
    tmp_path, s3, proxy, monkeypatch
):
    """A second runner gets the stylesheet's minification and every page's critical CSS in
    one request and computes neither; a changed page misses only its own entry."""
    from assetpipe.css import inline, minify

    rules = "".join(f".c{i}{{color:#{i:06x};margin:{i}px}}" for i in range(300))
    pages = {
        f"p{n}.html": '<!doctype html><link rel="stylesheet" href="s.css"><body>'
        + "".join(f'<p class="c{i}">{i}</p>' for i in range(n, 300, 11))
        for n in range(3)
    }
    src = write_files(tmp_path / "src", {"s.css": rules, **pages})
    selected, minified = [], []
    real_page, real_process = inline.Styles._page, minify._process
    monkeypatch.setattr(inline.Styles, "_page", lambda *a: selected.append(1) or real_page(*a))
    monkeypatch.setattr(
        minify, "_process", lambda *a, **k: minified.append(1) or real_process(*a, **k)
    )
    client, bucket = s3
    first, _ = _build(tmp_path, "a", src, proxy, bucket)
    assert len(selected) == 3 and minified
    (pack,) = [k for k in _remote_keys(client, bucket) if "/packs/styles/" in k]
    selected.clear(), minified.clear(), proxy.reset()
    second, result = _build(tmp_path, "b", src, proxy, bucket)
    assert selected == [] and minified == [] and not result.warnings
    assert tree_bytes(second) == tree_bytes(first)
    assert [r.path for r in proxy.requests if "/packs/styles/" in r.path] == [f"/{bucket}/{pack}"]
    assert proxy.writes() == []  # the pack had everything
    (src / "p1.html").write_text(pages["p1.html"] + "<p class=c299>new</p>")
    _build(tmp_path, "c", src, proxy, bucket)
    assert len(selected) == 1  # the changed page only


def test_a_changed_module_misses_only_its_own_entry_in_its_batchs_pack(tmp_path, s3, proxy):
    """A batch's pack is named by the files it is made of, not by their contents: after a
    change to one module, a runner gets the others from the pack and fetches (and analyses)
    that one alone; then the pack is written again, whole."""
    client, bucket = s3
    modules = {f"m{i}.js": f"export const v{i} = () => {i};\n" for i in range(6)}
    app = "".join(f'import {{v{i}}} from "./m{i}.js";\n' for i in range(6))
    app += "document.title = String(" + " + ".join(f"v{i}()" for i in range(6)) + ");\n"
    files = {
        "index.html": SITE["index.html"].split("<img")[0]
        + '<script type="module" src="app.js"></script>',
        "app.js": app,
        **modules,
    }
    src = write_files(tmp_path / "src", files)
    _build(tmp_path, "a", src, proxy, bucket)
    (src / "m3.js").write_text("export const v3 = () => 33;\n")
    proxy.reset()
    _build(tmp_path, "b", src, proxy, bucket)
    gets = [r.path for r in proxy.requests if r.method == "GET"]
    singles = [g for g in gets if "/js-analysis/" in g and "/packs/" not in g]
    assert len(singles) == 1  # m3.js's new analysis (a miss), and no other module's
    assert len([g for g in gets if "/packs/js-analysis/" in g]) >= 2  # (a pack per level)
    proxy.reset()
    _build(tmp_path, "c", src, proxy, bucket)
    gets = [r.path for r in proxy.requests if r.method == "GET"]
    assert not [g for g in gets if "/js-analysis/" in g and "/packs/" not in g]  # whole again


def test_a_changed_option_reencodes_only_the_variants_it_changes(tmp_path, s3, proxy, encodes):
    """An image's variants are one object, named by the image's bytes: a runner with another
    AVIF quality takes the WebP and fallback variants from it, encodes the AVIF ones, and
    writes the object again with both; one request per image either way."""
    client, bucket = s3
    src = write_files(tmp_path / "src", SITE)
    _build(tmp_path, "a", src, proxy, bucket)
    cold = sum(encodes)
    encodes.clear()
    proxy.reset()
    _build(tmp_path, "b", src, proxy, bucket, **{"images.avif_quality": 40})
    gets = [r.path for r in proxy.requests if r.method == "GET" and "/images/" in r.path]
    assert len(gets) == 2 and 0 < sum(encodes) < cold  # the AVIF variants only
    encodes.clear()
    _build(tmp_path, "c", src, proxy, bucket, **{"images.avif_quality": 40})
    _build(tmp_path, "d", src, proxy, bucket)
    assert encodes == []  # each object now holds both qualities


def test_a_missing_object_is_a_miss_encoded_again_and_put_back(tmp_path, s3, proxy, encodes):
    """An object gone from the remote (expired by a lifecycle rule, deleted by hand): the
    runner encodes that image's variants again, silently, and puts the object back."""
    client, bucket = s3
    src = write_files(tmp_path / "src", SITE)
    first, _ = _build(tmp_path, "a", src, proxy, bucket)
    per_image = sum(encodes) // 2
    images = [k for k in _remote_keys(client, bucket) if "/images/" in k]
    client.delete_object(Bucket=bucket, Key=images[0])
    encodes.clear()
    second, result = _build(tmp_path, "b", src, proxy, bucket)
    assert sum(encodes) == per_image and not result.warnings  # that image's variants only
    assert tree_bytes(second) == tree_bytes(first)
    assert images[0] in _remote_keys(client, bucket)  # put back
