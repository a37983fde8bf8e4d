"""Fast unit tests of the pipeline pieces: presets, cache keys, lock, manifest, watch, clean."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from la_render.cli import main
from la_render.common import ffmpeg as ffmpeg_run
from la_render.formats import gif as gif_format
from la_render.pipeline import cache, manifest, watch
from la_render.pipeline.lock import LockHeldError, RenderLock
from la_render.pipeline.presets import PRESETS, parse_formats
from tests.pipeline import fakes

# ------------------------------------------------------------------ presets


def test_formats_keep_a_fixed_order_and_default_to_the_preset() -> None:
    web = PRESETS["web"]
    assert parse_formats(None, web) == ("gif", "avif", "mp4", "png", "srt")
    assert parse_formats(None, PRESETS["lecture"]) == ("mp4", "png", "srt")
    assert parse_formats(" srt, GIF ,mp4", web) == ("gif", "mp4", "srt")
    with pytest.raises(ValueError, match="'mov'"):
        parse_formats("mp4,mov", web)


def test_presets_match_the_design_table() -> None:
    table = {name: (p.width, p.height, p.fps) for name, p in PRESETS.items()}
    assert table == {"preview": (854, 480, 15), "web": (1280, 720, 25), "lecture": (1920, 1080, 60),
                     "4k": (3840, 2160, 60)}
    assert all(p.width % 2 == 0 and p.height % 2 == 0 for p in PRESETS.values())
    assert (PRESETS["web"].gif_width, PRESETS["web"].gif_fps) == (640, 12.5)


# ------------------------------------------------------------------ cache keys


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "src"
    monkeypatch.syspath_prepend(str(root))
    folder = fakes.write_package(root)
    cache.clear_caches()
    yield folder
    cache.clear_caches()


def test_scene_sources_follow_imports_of_project_modules_but_not_shared_or_third_party(package) -> None:
    sources = cache.local_sources("fakescenes.alpha")
    # `from fakescenes import common` runs the package's __init__ too; scenes.base is shared (own part).
    assert set(sources) == {"fakescenes.alpha", "fakescenes", "fakescenes.common"}
    assert set(cache.local_sources("fakescenes.beta")) == {"fakescenes.beta"}


def test_editing_a_helper_changes_only_the_scenes_that_import_it(package) -> None:
    alpha, beta = cache.scene_digest("fakescenes.alpha"), cache.scene_digest("fakescenes.beta")
    (package / "common.py").write_text("SIDE = 2.0\n")
    cache.clear_caches()
    assert cache.scene_digest("fakescenes.alpha") != alpha
    assert cache.scene_digest("fakescenes.beta") == beta


def test_key_parts_name_what_changed() -> None:
    from la_core import load_lesson

    lesson = load_lesson()
    web = PRESETS["web"]

    def parts(**change):
        kwargs = {"module": "scenes.catalog", "data_digest": lesson.digest(("lora",)), "preset": web,
                  "fmt": "gif", "options": cache.format_options("gif", gif_budget_kb=500)} | change
        return cache.output_key_parts(**kwargs)

    base = parts()
    assert base.key() == parts().key(), "deterministic"
    assert cache.changed_parts(base.as_dict(), parts(preset=PRESETS["preview"])) == ["settings"]
    assert cache.changed_parts(base.as_dict(), parts(options={"gif_budget_kb": 300})) == ["settings"]
    assert cache.changed_parts(base.as_dict(), parts(data_digest=lesson.digest(("vectors",)))) == ["data"]
    assert cache.changed_parts(None, base) == ["no record"]
    assert parts(fmt="mp4", options={}).key() != base.key()


def test_tool_versions_cover_the_contract() -> None:
    versions = cache.tool_versions()
    for name in ("manim", "numpy", "cairo", "pango", "latex", "tex_template", "ffmpeg", "gifsicle"):
        assert versions[name] not in ("", "missing"), name


# ------------------------------------------------------------------ lock


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_a_live_holder_blocks_and_a_dead_one_is_taken_over(tmp_path: Path) -> None:
    first = RenderLock(tmp_path, command="first")
    first.acquire()
    with pytest.raises(LockHeldError, match=f"pid {os.getpid()} \\(first"):
        RenderLock(tmp_path, command="second").acquire()
    first.release()
    assert not (tmp_path / ".lock").exists()

    (tmp_path / ".lock").write_text(json.dumps({"pid": _dead_pid(), "command": "crashed"}))
    with RenderLock(tmp_path, command="third"):
        assert json.loads((tmp_path / ".lock").read_text())["command"] == "third"
    assert not (tmp_path / ".lock").exists()


def test_a_recycled_pid_does_not_hold_the_lock(tmp_path: Path) -> None:
    (tmp_path / ".lock").write_text(json.dumps({"pid": os.getpid(), "start_time": "1", "command": "old"}))
    with RenderLock(tmp_path, command="new"):
        pass


def test_wait_takes_the_lock_once_it_is_released(tmp_path: Path) -> None:
    holder = RenderLock(tmp_path, command="holder")
    holder.acquire()
    timer = threading.Timer(0.5, holder.release)
    timer.start()
    started = time.monotonic()
    with RenderLock(tmp_path, command="waiter", wait=True, poll_seconds=0.05):
        waited = time.monotonic() - started
    timer.join()
    assert waited >= 0.4


# ------------------------------------------------------------------ manifest


def test_manifest_round_trips_and_leaves_no_temporary(tmp_path: Path) -> None:
    data = manifest.empty_manifest()
    data["scenes"]["x"] = {"slug": "x", "outputs": {"web/gif": {"path": "web/x.gif"}}}
    manifest.save_manifest(tmp_path, data)
    assert manifest.load_manifest(tmp_path) == data
    assert list((tmp_path / ".tmp").iterdir()) == []
    assert oct((tmp_path / "manifest.json").stat().st_mode & 0o444) == oct(0o444), "readable by all"


def test_a_broken_manifest_is_an_error_not_an_empty_one(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text("{not json")
    with pytest.raises(manifest.ManifestError, match="not valid JSON"):
        manifest.load_manifest(tmp_path)


# ------------------------------------------------------------------ clean


def test_clean_removes_unrecorded_outputs_and_temporaries_only(tmp_path: Path) -> None:
    out = tmp_path / "renders"
    lecture = ("lecture/lesson.mp4", "lecture/lesson.srt", "lecture/lesson.vtt", "lecture/chapters.vtt")
    for name in ("web/kept.gif", "web/stray.gif", "figures/fig.png", "old/gone.mp4", ".tmp/job-1/x.mov",
                 *lecture, "lecture/old.mp4"):
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_text(name)
    (out / "index.html").write_text("<html>")
    data = {"schema_version": 1, "scenes": {"kept": {"outputs": {"web/gif": {"path": "web/kept.gif"}}}},
            "figures": {"fig": {"outputs": {"png": {"path": "figures/fig.png"}}}},
            "lecture": {"path": lecture[0], "srt": lecture[1], "vtt": lecture[2], "chapters_vtt": lecture[3],
                        "chapters": [{"start": 0.0, "title": "Vectors"}]}}
    (out / "manifest.json").write_text(json.dumps(data))

    assert main(["clean", "--out", str(out), "--dry-run"], stdout=io.StringIO()) == 0
    assert (out / "web" / "stray.gif").exists()

    assert main(["clean", "--out", str(out)], stdout=io.StringIO()) == 0
    left = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert left == ["figures/fig.png", "index.html", *sorted(lecture), "manifest.json", "web/kept.gif"]
    assert not (out / "old").exists() and list((out / ".tmp").iterdir()) == []


# ------------------------------------------------------------------ watch


def test_a_burst_of_saves_is_debounced_into_one_change(tmp_path: Path) -> None:
    files = [tmp_path / "a.py", tmp_path / "b.py"]
    for path in files:
        path.write_text("0")
    before = watch.snapshot(files)

    def edit() -> None:
        for index in range(4):
            time.sleep(0.05)
            files[0].write_text(str(index) * (index + 2))

    editor = threading.Thread(target=edit)
    editor.start()
    result = watch.wait_for_change(lambda: files, before, interval=0.02, debounce=0.3)
    editor.join()
    assert result is not None
    state, changed = result
    assert changed == [str(files[0])]
    assert state == watch.snapshot(files), "returns only after the last save of the burst"


def test_watch_lists_scene_core_and_lesson_files(package: Path) -> None:
    listed = watch.watched_files([cache.LA_CORE_DIR], [package / "alpha.py", fakes.DEFAULT_LESSON])
    names = {path.name for path in listed}
    assert {"alpha.py", "lesson.toml", "vectors.py"} <= names


def _gif(*, over: bool, psnr: float | None, size: int = 480_000) -> gif_format.GifResult:
    info = ffmpeg_run.MediaInfo(640, 360, 12.5, 10, 1.0)
    return gif_format.GifResult(info=info, colors=64, lossy=20, width=640, fps=12.5, over_budget=over,
                            bytes=size, psnr=psnr)


def test_gif_warnings_name_over_budget_and_low_fidelity_gifs() -> None:
    from la_render.formats.gif import GIF_MIN_PSNR, gif_warnings

    assert gif_warnings("rank", _gif(over=False, psnr=GIF_MIN_PSNR + 0.1), 500) == []
    assert gif_warnings("rank", _gif(over=False, psnr=None), 500) == []
    [low] = gif_warnings("rank", _gif(over=False, psnr=43.21), 500)
    assert "rank.gif" in low and "43.2 dB" in low and "64 colours, --lossy 20" in low and "500 KB" in low
    [over] = gif_warnings("rank", _gif(over=True, psnr=30.0, size=612_000), 500)
    assert "rank.gif is 612 KB, over the 500 KB budget" in over and "video" in over
