"""The deploy record as it is stored in the bucket: its JSON layout, the history it keeps, the
latest deploy and a deploy's time, a record from before `pending_purge` and `in_progress`, and
one of another version. (Round trips and damaged records: test_plan.py.)"""

from __future__ import annotations

import json

import pytest

from assetpipe.deployment.record import (
    HISTORY,
    RECORD_PATH,
    DeployEntry,
    LiveFile,
    Record,
    RecordError,
    dumps,
    loads,
)

RECORD = Record(
    files={
        "index.html": LiveFile("b" * 64, "h2", False, 7),
        "assets/app-Hx81AbCd.js": LiveFile("a" * 64, "h1", True, 6),
    },
    deploys=(DeployEntry(6, "d6", 1_764_000_000), DeployEntry(7, "d7", 1_764_100_000)),
    pending_purge=("/index.html", "/"),
    in_progress=8,
)


def test_the_stored_json():
    assert RECORD_PATH == ".assetpipe/deploy.json"
    data = dumps(RECORD)
    assert data.endswith(b"}\n")
    assert json.loads(data) == {
        "version": 1,
        "deploys": [
            {"seq": 6, "id": "d6", "time": 1_764_000_000},
            {"seq": 7, "id": "d7", "time": 1_764_100_000},
        ],
        "files": {
            "assets/app-Hx81AbCd.js": {
                "sha256": "a" * 64,
                "headers": "h1",
                "immutable": True,
                "used": 6,
            },
            "index.html": {"sha256": "b" * 64, "headers": "h2", "immutable": False, "used": 7},
        },
        "pending_purge": ["/index.html", "/"],
        "in_progress": 8,
    }
    # one file a line (a diff of two records is a diff of the files that changed)
    assert (
        b'\n "index.html": {"sha256": "'
        + b"b" * 64
        + b'", "headers": "h2", "immutable": false, "used": 7}\n'
        in data
    )
    # files sorted by path whatever order they were added in: the same record, the same bytes
    assert list(json.loads(data)["files"]) == ["assets/app-Hx81AbCd.js", "index.html"]
    assert list(json.loads(data)) == ["version", "deploys", "files", "pending_purge", "in_progress"]


def test_the_latest_deploy_and_a_deploys_time():
    assert RECORD.seq == 7
    assert Record().seq == 0
    assert RECORD.time_of(6) == 1_764_000_000
    assert RECORD.time_of(5) is None


def test_only_the_last_deploys_are_remembered():
    deploys = tuple(DeployEntry(i, f"d{i}", i * 60) for i in range(1, HISTORY + 21))
    kept = loads(dumps(Record(deploys=deploys))).deploys
    assert len(kept) == HISTORY == 100
    assert kept[0].seq == 21 and kept[-1].seq == HISTORY + 20


def test_a_record_without_pending_purge_or_in_progress_loads():
    data = b'{"version": 1, "deploys": [{"seq": 3, "id": "x", "time": 9}], "files": {}}'
    assert loads(data) == Record(deploys=(DeployEntry(3, "x", 9),))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'{"version": 2, "deploys": [], "files": {}}', "unknown deploy record version 2"),
        (b'{"deploys": [], "files": {}}', "unknown deploy record version None"),
        (b"[]", "the deploy record is not valid"),
        (b"not json", "the deploy record is not valid"),
        (b'{"version": 1, "deploys": []}', "the deploy record is not valid: 'files'"),
    ],
)
def test_a_record_that_cannot_be_used(data: bytes, message: str):
    with pytest.raises(RecordError) as caught:
        loads(data)
    assert str(caught.value).startswith(message)
