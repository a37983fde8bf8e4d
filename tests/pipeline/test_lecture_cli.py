"""`la-render lecture` renders the lecture preset it needs, then joins the cut."""

from __future__ import annotations

import io

from la_render.cli import main
from la_render.common.ffmpeg import probe
from tests.pipeline import fakes
from tests.pipeline.checks import read_manifest


def test_lecture_renders_missing_scene_videos_then_joins_them(project) -> None:
    out = project.out
    stdout = io.StringIO()
    # --no-quiz: the quiz's cards, spoken by piper, have their own test (tests/lecture); here the
    # neural voice reads the title and one card only
    code = main(["lecture", "--out", str(out), "--jobs", "1", "--no-quiz"], catalog=fakes.catalog(("alpha",)),
                stdout=stdout)
    assert code == 0, stdout.getvalue()
    manifest = read_manifest(out)
    scene_mp4 = manifest["scenes"]["alpha"]["outputs"]["lecture/mp4"]
    assert (scene_mp4["width"], scene_mp4["height"]) == (1920, 1080)
    assert "lecture/vtt" in manifest["scenes"]["alpha"]["outputs"]
    cut = probe(out / manifest["lecture"]["path"])
    assert cut.duration > probe(out / scene_mp4["path"]).duration  # title cards come first

    again = io.StringIO()
    assert main(["lecture", "--out", str(out), "--jobs", "1", "--no-quiz"], catalog=fakes.catalog(("alpha",)),
                stdout=again) == 0
    assert "0 rendered" in again.getvalue()  # the scene renders were reused
