"""The deploy plan, a pure function: order, change detection, headers, purge paths, pruning."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assetpipe.deployment.plan import (
    IMMUTABLE_CACHE,
    REVALIDATE_CACHE,
    PlanOptions,
    cdn_paths,
    headers_for,
    plan,
)
from assetpipe.deployment.record import DeployEntry, LiveFile, Record, RecordError, dumps, loads

DAY = 86400


def _manifest(files: dict[str, tuple[str, bool]]) -> dict:
    """{path: (content, immutable)} as a build manifest's outputs."""
    types = {
        ".html": "text/html; charset=utf-8",
        ".css": "text/css; charset=utf-8",
        ".js": "text/javascript; charset=utf-8",
        ".txt": "text/plain; charset=utf-8",
        ".png": "image/png",
    }
    return {
        "outputs": {
            path: {
                "size": len(content),
                "sha256": f"sha-{content}",
                "content_type": types[path[path.rfind(".") :]],
                "immutable": immutable,
            }
            for path, (content, immutable) in files.items()
        }
    }


V1 = _manifest(
    {
        "index.html": ("home-1", False),
        "blog/index.html": ("blog-1", False),
        "robots.txt": ("robots", False),
        "assets/app-A1.js": ("app-1", True),
        "assets/site-S1.css": ("css-1", True),
        "assets/logo-L1.png": ("logo", True),
    }
)
V2 = _manifest(
    {
        "index.html": ("home-2", False),
        "blog/index.html": ("blog-1", False),
        "robots.txt": ("robots", False),
        "assets/app-A2.js": ("app-2", True),
        "assets/site-S1.css": ("css-1", True),
        "assets/logo-L1.png": ("logo", True),
    }
)


def test_a_first_deploy_uploads_assets_then_other_files_then_pages():
    p = plan(V1, None, None, PlanOptions(prefix="www/"), now=1000)
    assert [(u.phase, u.path) for u in p.uploads] == [
        ("assets", "assets/app-A1.js"),
        ("assets", "assets/logo-L1.png"),
        ("assets", "assets/site-S1.css"),
        ("files", "robots.txt"),
        ("pages", "blog/index.html"),
        ("pages", "index.html"),
    ]
    assert all(u.key == "www/" + u.path and u.reason == "new" for u in p.uploads)
    assert p.write_record and p.record.seq == 1 and set(p.record.files) == set(V1["outputs"])


def test_headers_follow_the_contract_and_the_globs():
    assert (
        headers_for(
            "assets/a-X.js", "text/javascript; charset=utf-8", True, PlanOptions()
        ).cache_control
        == IMMUTABLE_CACHE
    )
    assert (
        headers_for("index.html", "text/html; charset=utf-8", False, PlanOptions()).cache_control
        == REVALIDATE_CACHE
    )
    options = PlanOptions(
        cache_control=(("sw.js", "no-cache"), ("blog/*.html", "public, max-age=60")),
        content_type=(("*.data", "application/octet-stream"),),
        precompress=True,
    )
    assert headers_for("sw.js", "text/javascript", False, options).cache_control == "no-cache"
    assert headers_for("blog/a.html", "text/html", False, options).cache_control.endswith("=60")
    assert headers_for("about.html", "text/html", False, options).cache_control == REVALIDATE_CACHE
    assert headers_for("x/y.data", "application/x", True, options).content_type == (
        "application/octet-stream"
    )
    assert headers_for("a.css", "text/css; charset=utf-8", True, options).encoding == "gzip"
    assert headers_for("a.png", "image/png", True, options).encoding is None
    assert headers_for("a.svg", "image/svg+xml", True, options).encoding == "gzip"


def test_an_unchanged_build_changes_nothing_and_writes_no_record():
    first = plan(V1, None, None, PlanOptions(), now=1000)
    again = plan(V1, first.record, None, PlanOptions(), now=2000)
    assert again.uploads == () and again.deletions == () and again.purge == ()
    assert not again.write_record and again.unchanged == len(V1["outputs"])


def test_only_what_changed_is_uploaded_and_purged():
    first = plan(V1, None, None, PlanOptions(cdn=True), now=1000)
    assert first.record.pending_purge  # until the executor has purged them ...
    purged = replace(first.record, pending_purge=())  # ... which it then records
    second = plan(V2, purged, None, PlanOptions(cdn=True), now=2000)
    assert [(u.path, u.reason) for u in second.uploads] == [
        ("assets/app-A2.js", "new"),
        ("index.html", "changed"),
    ]
    assert second.purge == ("/", "/index.html")  # hashed files are never purged
    assert second.deletions == ()  # app-A1.js is kept: open pages still load it
    assert second.record.files["assets/app-A1.js"].used == 1
    assert second.record.pending_purge == ("/", "/index.html")


def test_a_changed_header_setting_reuploads_the_files_it_covers():
    first = plan(V1, None, None, PlanOptions(), now=1000)
    options = PlanOptions(cache_control=(("robots.txt", "public, max-age=86400"),))
    second = plan(V1, first.record, None, options, now=2000)
    assert [(u.path, u.reason) for u in second.uploads] == [("robots.txt", "headers")]


def test_without_a_record_the_buckets_digests_decide():
    options = PlanOptions()
    digest = headers_for("index.html", "text/html; charset=utf-8", False, options).digest()
    remote = {"index.html": ("sha-home-1", digest), "robots.txt": ("sha-old", "x")}
    p = plan(V1, None, remote, options, now=1000)
    assert "index.html" not in {u.path for u in p.uploads}
    assert ("robots.txt", "changed") in {(u.path, u.reason) for u in p.uploads}
    assert p.write_record


def test_cdn_paths_of_index_pages_and_under_a_base():
    assert cdn_paths("index.html") == ["/index.html", "/"]
    assert cdn_paths("blog/index.html") == ["/blog/index.html", "/blog/", "/blog"]
    assert cdn_paths("a b.html") == ["/a%20b.html"]
    assert cdn_paths("index.html", "/docs/") == ["/docs/index.html", "/docs/", "/docs"]


def test_old_assets_are_pruned_only_after_the_retention_and_within_max_deletes():
    options = PlanOptions(retain_days=7, retain_deploys=2, max_deletes=10)
    r1 = plan(V1, None, None, options, now=0).record
    r2 = plan(V2, r1, None, options, now=1 * DAY).record  # app-A1 retired at day 1
    v3 = _manifest({"index.html": ("home-3", False), "assets/app-A3.js": ("app-3", True)})
    p3 = plan(v3, r2, None, options, now=2 * DAY)
    # the pages that went away are deleted now; hashed files wait
    assert {(x.path, x.reason) for x in p3.deletions} == {
        ("blog/index.html", "removed"),
        ("robots.txt", "removed"),
    }
    r3 = p3.settled  # (what the deploy writes once it has pruned)
    p4 = plan(_manifest({"index.html": ("home-4", False)}), r3, None, options, now=3 * DAY)
    assert {x.path for x in p4.deletions} == set()  # app-A1: unused for 2 days only
    p5 = plan(_manifest({"index.html": ("home-5", False)}), p4.settled, None, options, now=9 * DAY)
    # unused by the last two deploys and for 8 days: app-A1 (retired at day 1); css, logo and
    # app-A2 were last used by deploy 2 and retired at day 2: 7 days
    assert {x.path for x in p5.deletions} == {
        "assets/app-A1.js",
        "assets/app-A2.js",
        "assets/site-S1.css",
        "assets/logo-L1.png",
    }
    assert "assets/app-A3.js" not in {x.path for x in p5.deletions}  # used by deploy 3
    capped = plan(
        _manifest({"index.html": ("home-5", False)}),
        p4.settled,
        None,
        PlanOptions(retain_days=7, retain_deploys=2, max_deletes=1),
        now=9 * DAY,
    )
    assert len(capped.deletions) == 1 and len(capped.deferred) == 3
    assert set(capped.deferred) <= set(capped.record.files)  # still known, deleted later
    forced = plan(
        _manifest({"index.html": ("home-5", False)}),
        p4.settled,
        None,
        PlanOptions(retain_days=7, retain_deploys=2, max_deletes=1, force=True),
        now=9 * DAY,
    )
    assert len(forced.deletions) == 4


def test_the_deploy_id_is_the_same_for_a_retried_deploy():
    r1 = plan(V1, None, None, PlanOptions(), now=0).record
    assert (
        plan(V2, r1, None, PlanOptions(), now=5).deploy_id
        == plan(V2, r1, None, PlanOptions(), now=99).deploy_id
    )
    assert (
        plan(V1, r1, None, PlanOptions(), now=5).deploy_id
        != plan(V2, r1, None, PlanOptions(), now=5).deploy_id
    )


def test_the_record_round_trips():
    p = plan(
        V2,
        plan(V1, None, None, PlanOptions(cdn=True), now=0).record,
        None,
        PlanOptions(cdn=True),
        now=5,
    )
    assert loads(dumps(p.record)) == p.record
    assert loads(dumps(Record())) == Record()


@pytest.mark.parametrize(
    "data",
    [
        b"[" * 100_000 + b"]" * 100_000,  # deeper than the JSON parser recurses
        b'{"version": 1, "deploys": [{"seq": 1e400, "id": "x", "time": 0}], "files": {}}',
        b'{"version": 1, "deploys": [], "files": {"a": {"sha256": "x", "headers": "y",'
        b' "immutable": true, "used": 1e400}}}',
        b'{"version": 1, "deploys": [], "files": [], "in_progress": "soon"}',
    ],
    ids=["nested", "huge-seq", "huge-used", "bad-in-progress"],
)
def test_a_damaged_record_is_a_clear_error(data: bytes):
    with pytest.raises(RecordError, match="the deploy record is not valid"):
        loads(data)


def test_without_a_cdn_nothing_is_to_purge():
    first = plan(V1, None, None, PlanOptions(), now=1000)
    assert first.purge == () and first.record.pending_purge == ()
    assert plan(V2, first.settled, None, PlanOptions(), now=2000).purge == ()


def _site(keys: int, changed: frozenset[int] = frozenset()) -> dict:
    """A build of `keys` outputs: every tenth a page (`s{i}/index.html`), the others hashed
    assets (`assets/a{i}-{hash}.js`); a changed page has other bytes, a changed asset another
    hashed name."""
    outputs = {}
    for i in range(keys):
        version = 2 if i in changed else 1
        if i % 10 == 0:
            path, kind, immutable = f"s{i}/index.html", "text/html; charset=utf-8", False
        else:
            path, kind, immutable = f"assets/a{i}-v{version}.js", "text/javascript", True
        outputs[path] = {
            "size": 100 + i % 7,
            "sha256": f"{i:08d}-{version}",
            "content_type": kind,
            "immutable": immutable,
        }
    return {"outputs": outputs}


@pytest.mark.slow  # about 3 s
def test_a_deploy_of_100000_keys_plans_exactly_what_changed():
    from assetpipe.deployment.cdn.cloudfront import invalidation_batches

    keys = 100_000
    options = PlanOptions(cdn=True, prefix="www/")
    built = _site(keys)
    digests = {
        immutable: headers_for("x", kind, immutable, options).digest()
        for kind, immutable in (("text/html; charset=utf-8", False), ("text/javascript", True))
    }
    # what the first deploy of that build recorded, stored and read back
    live = Record(
        {
            path: LiveFile(e["sha256"], digests[e["immutable"]], e["immutable"], 1)
            for path, e in built["outputs"].items()
        },
        (DeployEntry(1, "first", 1000),),
    )
    stored = dumps(live)
    assert loads(stored) == live  # the record of 100,000 keys round-trips
    changed = frozenset(i for i in range(keys) if i % 200 in (0, 5))  # 500 pages, 500 assets
    assert len(changed) == 1000
    second = plan(_site(keys, changed), loads(stored), None, options, now=2000)
    pages = sorted(f"s{i}/index.html" for i in changed if i % 10 == 0)
    assets = sorted(f"assets/a{i}-v2.js" for i in changed if i % 10)
    assert [(u.path, u.reason) for u in second.uploads] == [
        *((a, "new") for a in assets),  # hashed assets first, then the pages
        *((p, "changed") for p in pages),
    ]
    assert all(u.key == "www/" + u.path for u in second.uploads)
    assert second.counts == {"assets": 500, "files": 0, "pages": 500}
    assert second.unchanged == keys - 1000
    assert second.purge == tuple(sorted(p for page in pages for p in cdn_paths(page)))
    assert len(second.purge) == 1500 and "/s200/" in second.purge and "/s200" in second.purge
    assert invalidation_batches(list(second.purge)) == [["/*"]]  # CloudFront: one request
    # the replaced assets stay (open pages load them) until retained long enough
    assert second.deletions == () and second.deferred == ()
    assert len(second.record.files) == keys + 500
    assert second.record.files["assets/a5-v1.js"].used == 1
    assert second.record.files["assets/a5-v2.js"].used == 2
    assert second.intent is not None and second.intent.in_progress == 2
    assert second.intent.files["s0/index.html"].sha256 == ""  # about to change: unknown
