"""render_bench: la-render's cold, no-op and one-scene rebuilds against plain `manim -ql`.

Runs, on the same machine in the same run, in a throw-away copy of the project (so editing a
scene for the "one scene changed" step never touches the working tree):

1. `la-render render --quality preview --jobs 2` cold (empty renders/, empty tex caches);
2. plain `manim -ql FILE CLASS` on each scene file one after another (own media folder);
3. the same `la-render` command again (a no-op rebuild);
4. again after `touch`-ing one scene file (mtime only: content keys say nothing changed);
5. again after editing one scene file (a comment appended: only that scene re-renders).

Prints a table with each time and the ratios, and writes JSON (default
benchmarks/results/render_bench.json). Usage:

    .venv/bin/python -m benchmarks.render_bench [--jobs 2] [--scenes vectors,matmul] [--json PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

PROJECT_ROOT = Path(__file__).resolve().parent.parent
COPIED = ("la_core", "scenes", "la_render")
DEFAULT_JSON = PROJECT_ROOT / "benchmarks" / "results" / "render_bench.json"
TARGET_COLD_RATIO = 0.6
TARGET_NOOP_SHARE = 0.03


def copy_project(dest: Path) -> Path:
    """A copy of the importable packages (scene edits in the benchmark stay in the copy)."""
    for name in COPIED:
        shutil.copytree(PROJECT_ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def timed_run(command: list[str], *, cwd: Path, env: dict[str, str]) -> tuple[float, int, str]:
    """(wall seconds, exit code, stderr tail) of one command."""
    seconds, code, err, _ = timed_run_output(command, cwd=cwd, env=env)
    return seconds, code, err


def timed_run_output(command: list[str], *, cwd: Path, env: dict[str, str]) -> tuple[float, int, str, str]:
    """(wall seconds, exit code, stderr tail, stdout) of one command."""
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    return time.perf_counter() - started, result.returncode, result.stderr[-2000:], result.stdout


def job_seconds(stdout: str) -> dict[str, float]:
    """Per-scene job times from la-render's non-terminal output ("slug (preset): rendered in 1.2 s")."""
    found = re.findall(r"^(\S+) \(\w+\): rendered in ([0-9.]+) s$", stdout, flags=re.MULTILINE)
    return {slug: float(seconds) for slug, seconds in found}


def available_scenes(project: Path, wanted: list[str] | None) -> list[Any]:
    sys.path.insert(0, str(project))
    from scenes.catalog import CATALOG

    entries = [entry for entry in CATALOG if (project / entry.path).is_file()]
    if wanted:
        entries = [entry for entry in entries if entry.slug in wanted]
    return entries


def run(jobs: int, wanted: list[str] | None, workdir: Path) -> dict[str, Any]:
    project = copy_project(workdir / "project")
    env = dict(os.environ, PYTHONPATH=str(project))
    entries = available_scenes(project, wanted)
    if not entries:
        raise SystemExit("render_bench: no scene files found")
    slugs = [entry.slug for entry in entries]
    ours = [sys.executable, "-m", "la_render", "render", "--quality", "preview", "--jobs", str(jobs),
            "--out", str(workdir / "renders"), "--no-figures", "--no-page", *slugs]
    manim = str(Path(sys.executable).with_name("manim"))
    steps: dict[str, Any] = {}
    load_before = os.getloadavg()

    seconds, code, err, out = timed_run_output(ours, cwd=project, env=env)
    steps["la-render cold"] = {"seconds": seconds, "exit": code, "stderr": err if code else "",
                               "job_seconds": job_seconds(out)}

    per_scene = {}
    for entry in entries:
        command = [manim, "-ql", "--media_dir", str(workdir / "manim_media"), entry.path, entry.class_name]
        seconds, code, err = timed_run(command, cwd=project, env=env)
        per_scene[entry.slug] = {"seconds": seconds, "exit": code, "stderr": err[-500:] if code else ""}
    steps["manim -ql, one after another"] = {
        "seconds": sum(s["seconds"] for s in per_scene.values()),
        "exit": max(s["exit"] for s in per_scene.values()), "per_scene": per_scene,
    }

    seconds, code, err = timed_run(ours, cwd=project, env=env)
    steps["la-render no-op"] = {"seconds": seconds, "exit": code, "stderr": err if code else ""}

    scene_file = project / entries[0].path
    os.utime(scene_file)
    seconds, code, err = timed_run(ours, cwd=project, env=env)
    steps[f"la-render after touch {entries[0].path}"] = {"seconds": seconds, "exit": code}

    with scene_file.open("a", encoding="utf-8") as handle:
        handle.write("\n# render_bench: an edit\n")
    seconds, code, err = timed_run(ours, cwd=project, env=env)
    steps[f"la-render after editing {entries[0].path}"] = {"seconds": seconds, "exit": code,
                                                           "stderr": err if code else ""}
    return {
        "benchmark": "render_bench",
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": {"cores": os.cpu_count(), "python": platform.python_version(),
                    "load_before": load_before, "load_after": os.getloadavg()},
        "jobs": jobs,
        "scenes": slugs,
        "steps": steps,
    }


def ratios(report: dict[str, Any]) -> dict[str, float]:
    steps = report["steps"]
    cold = steps["la-render cold"]["seconds"]
    plain = steps["manim -ql, one after another"]["seconds"]
    result = {"cold / manim": cold / plain}
    for name, step in steps.items():
        if name.startswith("la-render") and name != "la-render cold":
            result[f"{name.removeprefix('la-render ')} / cold"] = step["seconds"] / cold
    return result


def print_table(report: dict[str, Any], console: Console) -> None:
    steps = report["steps"]
    cold = steps["la-render cold"]["seconds"]
    plain = steps["manim -ql, one after another"]["seconds"]
    table = Table(title=f"render_bench: {len(report['scenes'])} scenes at preview, "
                        f"--jobs {report['jobs']}, {report['machine']['cores']} cores")
    for column in ("step", "seconds", "× manim", "× our cold", "exit"):
        table.add_column(column, justify="left" if column == "step" else "right")
    for name, step in steps.items():
        table.add_row(name, f"{step['seconds']:.2f}", f"{step['seconds'] / plain:.3f}",
                      f"{step['seconds'] / cold:.3f}", str(step["exit"]))
    console.print(table)
    rate = report["ratios"]
    console.print(f"cold / manim = {rate['cold / manim']:.2f} (target <= {TARGET_COLD_RATIO}); "
                  f"no-op / cold = {rate['no-op / cold']:.4f} (target < {TARGET_NOOP_SHARE})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="render_bench", description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--scenes", help="comma list of slugs (default: every scene file present)")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON)
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="render-bench-"))
    try:
        report = run(args.jobs, args.scenes.split(",") if args.scenes else None, workdir)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    report["ratios"] = ratios(report)
    report["command"] = "python -m benchmarks.render_bench " + " ".join(argv or sys.argv[1:])
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print_table(report, Console())
    print(f"wrote {args.json}")
    failed = [name for name, step in report["steps"].items() if step["exit"]]
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
