"""Workload ``deploy``: a built site of 1,000 files (41 MB) to S3 (moto on loopback), with
``assetpipe deploy`` and with ``aws s3 sync``, cold (an empty bucket) and with nothing changed.

The issue: "Measured here against moto on loopback with 1,000 files (41 MB): ``aws s3 sync``
took 9.4 s cold and 1.8 s with nothing changed; plain boto3 put_object in 16 threads 8.1 s
cold. Goal: a cold deploy at most 0.8x ``aws s3 sync``'s time, and a no-change deploy at most
0.2x its time with zero writes."

- ``assetpipe``: ``python -m assetpipe deploy --out SITE --bucket B --endpoint-url URL --config
  deploy.toml --json`` onto a new, empty bucket each round (``deploy.toml``: path-style
  addressing; everything else default: 16 uploads in flight).
- ``assetpipe-nochange``: the same onto one bucket that an untimed deploy filled at setup.
- ``aws`` (anchor): ``aws --endpoint-url URL s3 sync SITE s3://B/ --exclude '.assetpipe/*'
  --no-progress`` (AWS CLI v1 from PyPI, in its own virtualenv; its defaults: 10 requests in
  flight, no Cache-Control), a new, empty bucket each round.
- ``aws-nochange``: the same onto one bucket that an untimed sync filled at setup.
  ``assetpipe-nochange``'s ``ratio`` is against it (``baseline``); every other ratio is
  against ``aws`` (cold).
- ``boto3-16threads``: ``bench/scripts/deploy_boto3.py``: one ``put_object`` per file in 16
  threads, no listing; a reference for what the wire and the server allow.

Requests are counted from the server's own log (one line per request, see ``_deploy.py``) in
a window from just before a run starts to just after it ended, so every contender is counted
the same way, retries included; assetpipe's own count (``--json``'s ``requests``) is reported
beside it as ``tool_requests``. Checks (untimed, in a child process): the bucket holds exactly
the site's files (plus assetpipe's deploy record), each with the size and MD5 (ETag) of the
file; assetpipe's objects have the manifest's Content-Type and ``immutable`` caching exactly on
hashed files (a sample of 20); a cold run PUT every file; a no-change run wrote nothing.
"""

from __future__ import annotations

import importlib.metadata
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from bench.harness import (
    REPO_DIR,
    CheckFailed,
    Command,
    Contender,
    Context,
    Figures,
    RunDirs,
    cached,
    run_untimed,
    workload,
)
from bench.tools import assetpipe_argv, ensure_venv_tool, venv_version
from bench.workloads._deploy import (
    CREDENTIALS,
    RECORD,
    MotoServer,
    SiteSpec,
    expected_objects,
    generate_site,
    s3_tool,
)

SPEC = SiteSpec()
VERSION = f"{SPEC} generator-v1"  # bump to regenerate the cached site after changing _deploy.py
AWSCLI = "awscli>=1.40,<2"
THREADS = "16"
HEADER_SAMPLE = "20"
COLD_GOAL = 0.8
NOCHANGE_GOAL = 0.2
# the timed process writes its stdout to OUT/stdout (the harness discards stdout otherwise)
STDOUT_TO_FILE = 'mkdir -p "$0" && exec "$@" > "$0/stdout"'


def assetpipe_reported(stdout: str) -> Figures:
    """assetpipe's own count of its requests and uploads, from ``deploy --json``."""
    try:
        data = json.loads(stdout)
    except ValueError:
        data = None
    if isinstance(data, dict) and data.get("ok") is False:
        raise CheckFailed(f"deploy --json says it failed: {data.get('diagnostics')}")
    if not isinstance(data, dict) or not {"ok", "requests", "uploaded"} <= data.keys():
        raise CheckFailed(f"deploy --json printed no result: {stdout[:300]!r}")
    return {"tool_requests": data["requests"], "tool_uploads": data["uploaded"]}


def aws_reported(stdout: str) -> Figures:
    """The AWS CLI prints one ``upload: SRC to DEST`` line per file it sent."""
    return {"tool_uploads": sum(line.startswith("upload:") for line in stdout.splitlines())}


@workload(
    "deploy",
    "1,000 files (41 MB) to S3 (moto, loopback): assetpipe deploy vs aws s3 sync, "
    "cold and nothing changed",
)
def deploy(ctx: Context) -> list[Contender]:
    site = ctx.work / "site"
    seconds = cached(site, VERSION, lambda dest: generate_site(dest, SPEC))
    expected = expected_objects(site)
    expected_file = ctx.work / "expected.json"
    expected_file.write_text(json.dumps(expected))
    ctx.info.update(
        generated_s=round(seconds, 1) if seconds is not None else "cached",
        site_files=len(expected),
        site_mb=round(sum(int(e["size"]) for e in expected.values()) / 1e6, 1),
    )
    config = ctx.work / "deploy.toml"
    config.write_text('[deploy]\naddressing_style = "path"\n')
    aws_config = ctx.work / "aws-config"  # no profile of the user's: the CLI's defaults
    aws_config.write_text("[default]\n")
    env: dict[str, str | None] = {
        **CREDENTIALS,
        "AWS_CONFIG_FILE": str(aws_config),
        "AWS_SHARED_CREDENTIALS_FILE": str(ctx.work / "no-credentials-file"),
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_PROFILE": None,
        "AWS_ENDPOINT_URL": None,
        "AWS_ENDPOINT_URL_S3": None,
        "PYTHONPATH": str(REPO_DIR),
        "ASSETPIPE_CONFIG": None,
        "ASSETPIPE_ENV": None,
    }

    server = MotoServer(ctx.work / "moto.log")
    server.start()
    ctx.cleanups.append(server.stop)
    url = server.url
    ctx.info["server"] = (
        f"moto {importlib.metadata.version('moto')} (python -m moto.server, own process)"
    )
    ctx.info["goals"] = (
        f"assetpipe ratio <= {COLD_GOAL:g}; assetpipe-nochange ratio <= {NOCHANGE_GOAL:g} "
        "with 0 writes"
    )
    aws_exe: list[Path] = []

    def ensure_aws() -> None:
        if not aws_exe:
            aws_exe.append(ensure_venv_tool("awscli", AWSCLI, "aws"))
            ctx.info["awscli"] = venv_version("awscli", "awscli")

    def assetpipe(bucket: str) -> list[str]:
        return assetpipe_argv(
            "deploy",
            "--out",
            str(site),
            "--bucket",
            bucket,
            "--endpoint-url",
            url,
            "--config",
            str(config),
            "--json",
        )

    def aws(bucket: str) -> list[str]:
        return [
            str(aws_exe[0]),
            "--endpoint-url",
            url,
            "s3",
            "sync",
            str(site),
            f"s3://{bucket}/",
            "--exclude",
            ".assetpipe/*",
            "--no-progress",
        ]

    def boto3(bucket: str) -> list[str]:
        script = REPO_DIR / "bench" / "scripts" / "deploy_boto3.py"
        return [sys.executable, str(script), str(site), bucket, url, THREADS]

    def contender(
        name: str,
        argv: Callable[[str], list[str]],
        *,
        cold: bool,
        anchor: bool = False,
        baseline: str | None = None,
        prepare: Callable[[], None] | None = None,
        reported: Callable[[str], Figures] | None = None,
        extra: Sequence[str] = (),
        headers: bool = False,
    ) -> Contender:
        primed = f"primed-{name}"
        state: dict[str, object] = {}

        def wrap(bucket: str) -> Command:
            out = state.get("out") or ctx.work / "prime-out"
            return Command(["sh", "-c", STDOUT_TO_FILE, str(out), *argv(bucket)], ctx.work, env)

        def setup() -> None:
            if prepare is not None:
                prepare()
            if not cold:  # the bucket every round deploys onto again, filled by the tool
                s3_tool(url, "create", primed)
                run_untimed(wrap(primed))
                inspect(primed, drop=False)

        def inspect(bucket: str, *, drop: bool) -> None:
            args = ["inspect", bucket, str(expected_file)]
            for key in extra:
                args += ["--extra", key]
            if headers:
                args += ["--headers", HEADER_SAMPLE]
            if drop:
                args.append("--drop")
            answer = s3_tool(url, *args)
            if answer["problems"]:
                raise CheckFailed(f"s3://{bucket}: " + "; ".join(answer["problems"]))

        def command(dirs: RunDirs) -> Command:
            bucket = f"cold-{name}-{dirs.round}" if cold else primed
            if cold:
                s3_tool(url, "create", bucket)
            state.update(out=dirs.out, bucket=bucket)
            command = wrap(bucket)
            state.update(offset=server.mark(), cpu=server.cpu_seconds())
            return command

        def check(out: Path) -> Figures:
            bucket = str(state["bucket"])
            requests = server.requests_since(int(state["offset"]), bucket)  # type: ignore[arg-type]
            server_cpu = server.cpu_seconds() - float(state["cpu"])  # type: ignore[arg-type]
            figures = requests.figures()
            del figures["gets"], figures["heads"]
            figures["server_cpu_s"] = round(server_cpu, 2)
            if reported is not None:
                stdout = out / "stdout"
                figures.update(
                    reported(stdout.read_text(errors="replace"))
                    if stdout.is_file()
                    else reported("")
                )
            if cold:
                not_sent = set(expected) - requests.uploaded
                if not_sent:
                    raise CheckFailed(f"{len(not_sent)} files never PUT: {sorted(not_sent)[:3]}")
            elif requests.writes:
                raise CheckFailed(
                    f"{requests.writes:g} writes (PUT/POST/DELETE) with nothing changed: "
                    f"{dict(requests.methods)}"
                )
            inspect(bucket, drop=cold)
            return figures

        return Contender(
            name,
            command,
            anchor=anchor,
            setup=setup,
            check=check,
            baseline=baseline,
            rates=("uploads",),
        )

    record = (RECORD,)
    return [
        contender(
            "assetpipe", assetpipe, cold=True, reported=assetpipe_reported, extra=record,
            headers=True,
        ),
        contender(
            "assetpipe-nochange", assetpipe, cold=False, baseline="aws-nochange",
            reported=assetpipe_reported, extra=record, headers=True,
        ),
        contender("aws", aws, cold=True, anchor=True, prepare=ensure_aws, reported=aws_reported),
        contender("aws-nochange", aws, cold=False, prepare=ensure_aws, reported=aws_reported),
        contender("boto3-16threads", boto3, cold=True),
    ]  # fmt: skip
