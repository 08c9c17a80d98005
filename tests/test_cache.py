from __future__ import annotations

from pathlib import Path

from assetpipe.cache import DB_NAME, Cache


def test_round_trip_across_instances(tmp_path: Path):
    cache = Cache(tmp_path)
    key = Cache.key("css", "a{}")
    assert cache.get("css", key) is None
    cache.put("css", key, b"a{}")
    assert cache.get("css", key) == b"a{}"  # visible before the flush
    cache.close()
    again = Cache(tmp_path)
    assert again.get("css", key) == b"a{}" and again.hits == 1
    assert again.get("js", key) is None  # namespaces are separate


def test_keys_depend_on_every_part():
    assert Cache.key("a", "bc") != Cache.key("ab", "c")
    assert Cache.key("x", b"1") == Cache.key("x", "1")


def test_a_damaged_database_is_set_aside(tmp_path: Path):
    (tmp_path / DB_NAME).write_bytes(b"this is not a database" * 100)
    cache = Cache(tmp_path)
    cache.put("ns", "k", b"v")
    cache.close()
    assert Cache(tmp_path).get("ns", "k") == b"v"
    assert (tmp_path / "cache.damaged").exists()


def test_an_unusable_cache_folder_disables_the_cache(tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = Cache(blocker / "cache")
    assert cache.get("ns", "k") is None
    cache.put("ns", "k", b"v")
    cache.close()
    assert cache.disabled_reason and "cache disabled" in cache.disabled_reason


def test_no_cache_folder_means_no_cache():
    cache = Cache(None)
    cache.put("ns", "k", b"v")
    assert cache.get("ns", "k") is None


def test_new_entries_are_written_once_they_add_up_not_held_to_the_end(tmp_path: Path, monkeypatch):
    """A build of 100,000 images makes more encodes than memory holds: past `HELD_BYTES`,
    the buffer goes to the folder (where a second reader already finds it)."""
    from assetpipe import cache as cache_module

    monkeypatch.setattr(cache_module, "HELD_BYTES", 10)
    cache = Cache(tmp_path)
    cache.put("images", "a", b"12345")
    assert Cache(tmp_path).get("images", "a") is None  # (5 bytes: still held)
    cache.put("images", "b", b"678901")
    assert Cache(tmp_path).get("images", "a") == b"12345"  # (11 bytes: written)
    assert cache._pending == {} and cache.get("images", "b") == b"678901"
    cache.close()


def test_new_image_sets_go_to_the_remote_once_they_add_up(tmp_path: Path, monkeypatch):
    from assetpipe import cache as cache_module
    from assetpipe.remote_cache import RemoteCache

    class Bucket(dict):
        def get(self, key):
            return dict.get(self, key)

        def put(self, key, data, **headers):
            self[key] = data

    monkeypatch.setattr(cache_module, "HELD_BYTES", 10)
    bucket = Bucket()
    cache = Cache(tmp_path, RemoteCache("s3://b/p/", storage=bucket))
    cache.put("images", "a", b"12345")
    cache.put_set("images", "one", ["a"])  # (an image's variants: one object)
    assert not bucket
    cache.put_set("images", "two", ["b"], {"b": b"678901"})
    assert sorted(bucket) == ["p/images/one", "p/images/two"]  # before the cache closes
    cache.close()
    assert sorted(bucket) == ["p/images/one", "p/images/two"]  # (sent once)
