"""Failures, SIGKILL mid-render and concurrent runs leave renders/ valid; outputs are reproducible."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import Executor
from pathlib import Path

import pytest

from la_render.cli import main
from la_render.pipeline.lock import RenderLock
from la_render.pipeline.pool import default_executor
from tests.pipeline import fakes
from tests.pipeline.checks import assert_consistent, identities, read_manifest, sha256, wait_for

pytestmark = pytest.mark.render


def test_a_failing_job_keeps_earlier_outputs_and_the_manifest_and_exits_1(project) -> None:
    assert project.render(("alpha",))[0] == 0
    before = read_manifest(project.out)
    alpha_files = {name: sha256(project.out / name) for name in identities(project.out)}

    code, stdout = project.render(("alpha", "broken", "beta"), "--jobs", "1")

    assert code == 1
    manifest = assert_consistent(project.out)
    assert manifest["scenes"]["alpha"] == before["scenes"]["alpha"]
    assert {name: sha256(project.out / name) for name in alpha_files} == alpha_files
    assert "broken" not in manifest["scenes"]
    assert set(manifest["scenes"]["beta"]["outputs"]) == {"preview/mp4", "preview/png"}, "others finish"
    assert "failed" in stdout and "boom: [transform].x has a bug" in stdout, stdout
    assert not list((project.out / ".tmp").iterdir()), "temporaries of finished jobs are removed"


def _recorded(out: Path, slug: str) -> bool:
    try:
        return slug in json.loads((out / "manifest.json").read_text())["scenes"]
    except (OSError, ValueError):
        return False


def test_sigkill_mid_render_leaves_a_valid_manifest_and_no_partial_file(project) -> None:
    command = [sys.executable, "-m", "la_render", *fakes.render_args(project.out, "--jobs", "1"),
               "alpha", "slow", "beta"]
    process = subprocess.Popen(command, cwd=project.root, env=fakes.cli_env(project.root),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        wait_for(lambda: _recorded(project.out, "alpha"), 120, "the first job to be recorded")
        # Catalogue order: alpha, beta, slow. Then slow renders (its worker writes progress.json).
        wait_for(lambda: any((project.out / ".tmp").glob("preview-slow-*/progress.json")), 60,
                  "the slow job to start")
        time.sleep(0.5)
        os.killpg(process.pid, signal.SIGKILL)  # the parent and its workers, no clean-up at all
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    manifest = assert_consistent(project.out)
    assert "alpha" in manifest["scenes"] and "slow" not in manifest["scenes"]
    assert not (project.out / "preview" / "slow.mp4").exists()
    assert (project.out / ".lock").exists(), "the dead run's lock is left behind"

    # The next run takes over the stale lock, cleans the temporaries and finishes the job.
    result = fakes.run_cli(project.root, *fakes.render_args(project.out), "alpha", "slow", "beta")
    assert result.returncode == 0, result.stderr
    assert set(assert_consistent(project.out)["scenes"]) == {"alpha", "slow", "beta"}
    assert not list((project.out / ".tmp").iterdir())
    assert not (project.out / ".lock").exists()


def test_a_held_lock_makes_the_second_run_exit_2_naming_the_holder(project) -> None:
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        project.out.mkdir()
        (project.out / ".lock").write_text(json.dumps(
            {"pid": holder.pid, "command": "la-render render --quality web", "since": "now"}))
        result = fakes.run_cli(project.root, *fakes.render_args(project.out), "alpha")
        assert result.returncode == 2
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1
        assert str(holder.pid) in lines[0] and "la-render render --quality web" in lines[0]
        assert not (project.out / "preview").exists(), "nothing rendered"
    finally:
        holder.kill()
        holder.wait()
    # The holder is dead now: its lock is stale and is taken over.
    assert project.render(("alpha",))[0] == 0


def test_wait_blocks_until_the_holder_releases(project) -> None:
    lock = RenderLock(project.out, command="test holder")
    lock.acquire()
    process = subprocess.Popen(
        [sys.executable, "-m", "la_render", *fakes.render_args(project.out, "--wait"), "alpha"],
        cwd=project.root, env=fakes.cli_env(project.root), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True)
    try:
        time.sleep(3)
        assert process.poll() is None, "the second run waits while the lock is held"
        assert not (project.out / "preview").exists()
    finally:
        lock.release()
    _, stderr = process.communicate(timeout=180)
    assert process.returncode == 0, stderr
    assert_consistent(project.out)


def test_two_concurrent_runs_do_not_corrupt_renders(project) -> None:
    command = [sys.executable, "-m", "la_render", *fakes.render_args(project.out, "--wait", "--jobs", "1"),
               "alpha", "beta"]
    runs = [subprocess.Popen([*command, *extra], cwd=project.root, env=fakes.cli_env(project.root),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for extra in ([], ["--force"])]
    for run in runs:
        _, stderr = run.communicate(timeout=240)
        assert run.returncode == 0, stderr
    manifest = assert_consistent(project.out)
    assert set(manifest["scenes"]) == {"alpha", "beta"}


def test_outputs_are_byte_identical_across_two_forced_renders(project) -> None:
    every = "gif,mp4,webm,png,srt"
    assert project.render(("alpha",), "--format", every)[0] == 0
    first = {name: sha256(project.out / name) for name in identities(project.out)}
    assert set(first) == {f"preview/alpha.{ext}" for ext in ("gif", "mp4", "webm", "png", "srt", "vtt")}
    assert project.render(("alpha",), "--format", every, "--force")[0] == 0
    second = {name: sha256(project.out / name) for name in identities(project.out)}
    assert second == first
    assert "a square" in (project.out / "preview" / "alpha.vtt").read_text()


class CountingExecutor(Executor):
    """Any concurrent.futures.Executor will do (a cluster's, say): this one counts what it runs."""

    def __init__(self) -> None:
        self.inner = default_executor(1)
        self.submitted: list[str] = []

    def submit(self, fn, /, *args, **kwargs):
        self.submitted.append(args[0].slug)
        return self.inner.submit(fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self.inner.shutdown(wait=wait, cancel_futures=cancel_futures)


def test_jobs_run_on_an_injected_executor(project) -> None:
    executor = CountingExecutor()
    try:
        code = main(fakes.render_args(project.out), catalog=fakes.catalog(("alpha", "beta")),
                    executor=executor, stdout=io.StringIO())
        assert code == 0
        assert sorted(executor.submitted) == ["alpha", "beta"]
        assert main(fakes.render_args(project.out), catalog=fakes.catalog(("alpha", "beta")),
                    executor=executor, stdout=io.StringIO()) == 0
        assert len(executor.submitted) == 2, "up-to-date scenes are not submitted"
    finally:
        executor.shutdown()
    assert_consistent(project.out)


def test_a_dask_cluster_executor_runs_the_jobs(project) -> None:
    """The design's promise: Dask's `Client.get_executor()` replaces the local process pool.

    A local Dask cluster of two single-threaded worker processes (its processes, not a pool of
    ours: the job's sys.path travels in the JobSpec) renders both scenes; a re-run sends nothing.
    """
    from distributed import Client, LocalCluster, get_task_stream

    args = fakes.render_args(project.out)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        executor = client.get_executor()
        with get_task_stream(client) as first:
            assert main(args, catalog=fakes.catalog(("alpha", "beta")), executor=executor,
                        stdout=io.StringIO()) == 0
        with get_task_stream(client) as again:
            assert main(args, catalog=fakes.catalog(("alpha", "beta")), executor=executor,
                        stdout=io.StringIO()) == 0
        workers = set(cluster.scheduler_info["workers"])
    assert [task["key"].split("-")[0] for task in first.data] == ["render_job", "render_job"]
    assert {task["worker"] for task in first.data} <= workers
    assert again.data == [], "up-to-date scenes are not sent to the cluster"
    assert_consistent(project.out)
    manifest = json.loads((project.out / "manifest.json").read_text())
    assert set(manifest["scenes"]) == {"alpha", "beta"}


def test_dask_local_flag_renders_on_a_local_cluster(project) -> None:
    """`--dask local`: the same outputs as the local pool, byte for byte."""
    assert project.render(("alpha",), "--dask", "local", "--jobs", "1")[0] == 0
    on_dask = {name: sha256(project.out / name) for name in identities(project.out)}
    assert on_dask and all(name.startswith("preview/alpha.") for name in on_dask)
    assert project.render(("alpha",), "--force")[0] == 0
    assert {name: sha256(project.out / name) for name in identities(project.out)} == on_dask
    assert_consistent(project.out)


def test_unreachable_dask_scheduler_is_one_line_and_exit_2(project, capsys, monkeypatch) -> None:
    from la_render.pipeline import cluster

    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", 1)
    code, _ = project.render(("alpha",), "--dask", "tcp://127.0.0.1:9")
    lines = capsys.readouterr().err.strip().splitlines()
    assert (code, len(lines)) == (2, 1), lines
    assert "--dask tcp://127.0.0.1:9" in lines[0] and "cannot reach the scheduler" in lines[0]
    assert not project.out.exists()


def test_dask_scheduler_address_flag_renders_on_that_cluster(project) -> None:
    """`--dask tcp://...`: the CLI connects to a running scheduler and its workers render."""
    from distributed import Client, LocalCluster, get_task_stream

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as watcher, get_task_stream(watcher) as tasks:
        assert project.render(("alpha",), "--dask", cluster.scheduler_address)[0] == 0
    assert [task["key"].split("-")[0] for task in tasks.data] == ["render_job"]
    assert_consistent(project.out)
    assert (project.out / "preview" / "alpha.mp4").is_file()
