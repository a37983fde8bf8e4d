"""A narrated render of a short scene, measured with ffmpeg's own filters (silencedetect, ebur128)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from la_render.lecture.build import parse_captions
from tests.narration import media

TOLERANCE = 0.15  # seconds the speech may sit outside its caption window (issue 12)
PAUSE = 0.4  # scenes/base.py SPEECH_PAUSE, restated: the beat lasts past its words by this much
pytestmark = pytest.mark.render


@pytest.fixture(scope="module")
def narrated(talk, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("narrated")
    code, text = talk.render(out, "--voice", "espeak-ng")
    assert code == 0, text
    assert "narration: espeak-ng" in text
    return out


def _captions(out: Path) -> list[tuple[float, float, str]]:
    return parse_captions((out / "preview" / "talk.srt").read_text(encoding="utf-8"))


def test_one_aac_48k_audio_stream(narrated) -> None:
    streams = media.audio_streams(narrated / "preview" / "talk.mp4")
    assert len(streams) == 1
    assert (streams[0]["codec_name"], streams[0]["sample_rate"]) == ("aac", "48000")


def test_speech_lies_inside_its_caption_windows(narrated) -> None:
    captions = _captions(narrated)
    sound = media.speech_intervals(narrated / "preview" / "talk.mp4")
    assert len(captions) >= 3  # the long narration needs two caption cues, the short one one
    assert sound, "silencedetect found no speech"
    for start, end in sound:
        assert any(c0 - TOLERANCE <= start and end <= c1 + TOLERANCE for c0, c1, _ in captions), (start, end)
    for c0, c1, text in captions:  # every caption is spoken, and starts with its words
        inside = [s for s, e in sound if c0 - TOLERANCE <= s <= c1]
        assert inside and abs(inside[0] - c0) <= TOLERANCE, (c0, c1, text, sound)


def test_the_picture_waits_for_the_words(narrated) -> None:
    captions = _captions(narrated)
    total = media.duration(narrated / "preview" / "talk.mp4")
    assert total >= captions[-1][1] + PAUSE - 0.1  # the scene is 1.2 s of animation; speech is longer
    assert total > 4.0
    # the second beat starts only after the first one's speech and pause
    first_end = captions[0][1]
    assert captions[1][0] >= first_end + PAUSE - 1 / 15 - 1e-3


def test_caption_lines_and_reading_rate(narrated) -> None:
    for start, end, text in _captions(narrated):
        lines = text.split("\n")
        assert len(lines) <= 2 and all(len(line) <= 42 for line in lines), text
        assert len(text.replace("\n", " ")) / (end - start) <= 20.0 + 1e-6, (start, end, text)


def test_loudness_and_true_peak(narrated) -> None:
    integrated, peak = media.loudness(narrated / "preview" / "talk.mp4")
    assert abs(integrated - (-16.0)) <= 1.0, integrated
    assert peak <= -1.0, peak


def test_manifest_records_the_narration(narrated) -> None:
    manifest = json.loads((narrated / "manifest.json").read_text())
    record = manifest["scenes"]["talk"]["outputs"]["preview/mp4"]
    assert [cue["id"] for cue in record["narration"]["cues"]] == ["talk.create.1", "talk.fadein.1"]
    assert "narration" in record["key_parts"]


def test_same_inputs_give_the_same_bytes(talk, narrated, tmp_path) -> None:
    code, text = talk.render(tmp_path, "--voice", "espeak-ng")
    assert code == 0, text
    for name in ("talk.mp4", "talk.srt", "talk.vtt"):
        assert (tmp_path / "preview" / name).read_bytes() == (narrated / "preview" / name).read_bytes(), name


def test_a_transcript_beside_the_video_and_on_the_page(narrated) -> None:
    from la_render.page.build import render_page

    text = (narrated / "preview" / "talk.md").read_text(encoding="utf-8")
    captions = _captions(narrated)
    assert "- [0:00](talk.mp4#t=0.00) 3 words in one square." in text
    second = next(c for c in captions if c[2].startswith("A circle appears"))[0]  # where it is said
    assert f"(talk.mp4#t={second:.2f}) A circle appears beside the square" in text
    manifest = json.loads((narrated / "manifest.json").read_text())
    outputs = manifest["scenes"]["talk"]["outputs"]
    outputs["web/mp4"] = outputs.pop("preview/mp4")  # the page shows web and lecture videos
    page = render_page(manifest)
    assert '<details class="transcript">' in page
    assert f'href="preview/talk.mp4#t={second:.2f}"' in page
