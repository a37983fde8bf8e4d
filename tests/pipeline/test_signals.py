"""`kill PID` (SIGTERM) or a closed terminal (SIGHUP) reach the parent alone: la-render stops its
workers itself, removes their temporaries, keeps the manifest valid and releases the lock."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.pipeline import fakes
from tests.pipeline.checks import assert_consistent, wait_for


def _group_members(group: int) -> list[int]:
    """Processes still in the process group `group` (read from /proc, zombies left out)."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            members.append(int(entry.name))
    return members


@pytest.mark.parametrize(("signum", "extra"), [
    (signal.SIGTERM, ("--jobs", "2")),
    (signal.SIGHUP, ("--jobs", "1")),
    (signal.SIGTERM, ("--jobs", "1", "--dask", "local")),
], ids=["sigterm", "sighup", "sigterm-dask"])
def test_a_signal_to_the_parent_alone_stops_every_process_and_leaves_the_tree_valid(project, signum, extra):
    assert project.render(("alpha",))[0] == 0  # an earlier render that must stay intact
    before = assert_consistent(project.out)
    command = [sys.executable, "-m", "la_render", *fakes.render_args(project.out, *extra), "slow", "beta"]
    process = subprocess.Popen(command, cwd=project.root, env=fakes.cli_env(project.root),
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    try:
        wait_for(lambda: any((project.out / ".tmp").glob("preview-slow-*/progress.json")), 120,
                  "the slow job to start rendering")
        time.sleep(0.5)
        process.send_signal(signum)  # the parent only, as `kill PID` does
        _, stderr = process.communicate(timeout=60)
        assert process.returncode == 128 + signum, stderr
        assert "interrupted" in stderr
        wait_for(lambda: not _group_members(process.pid), 15, "every worker to exit")
    finally:
        if _group_members(process.pid):
            os.killpg(process.pid, signal.SIGKILL)
    after = assert_consistent(project.out)["scenes"]
    assert after["alpha"] == before["scenes"]["alpha"], "the earlier render is intact"
    assert "slow" not in after, "the stopped job is not recorded"
    assert not (project.out / ".lock").exists(), "the lock is released"
    tmp = project.out / ".tmp"
    assert not tmp.exists() or not list(tmp.iterdir()), "no temporaries are left behind"
