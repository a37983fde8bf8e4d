"""Recordings override cue by cue; stale or missing ones fall back with ONE warning; bad voices exit 2."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from la_render.lecture.build import parse_captions
from tests.narration import media

pytestmark = pytest.mark.render
FIRST, SECOND = "talk.create.1", "talk.fadein.1"
FIRST_TEXT = "3 words in one square."  # the shipped lesson has three words
TONE_SECONDS = 2.6  # longer than any engine takes to say FIRST_TEXT (flite: 1.5 s)


def _tone(path: Path, seconds: float = TONE_SECONDS) -> None:
    """A 440 Hz 'recording' (any rate and format the author's recorder gives: here 44.1 kHz FLAC)."""
    source = f"sine=frequency=440:duration={seconds}"
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", source, "-ar", "44100", str(path)],
                   check=True)


def _windows(out: Path) -> list[tuple[float, float, str]]:
    return parse_captions((out / "preview" / "talk.srt").read_text(encoding="utf-8"))


def _warnings(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("warning:")]


def test_a_recording_replaces_its_cue_and_the_rest_fall_back_with_one_warning(talk, tmp_path) -> None:
    recordings = tmp_path / "voice"
    recordings.mkdir()
    _tone(recordings / f"{FIRST}.flac")
    (recordings / f"{FIRST}.txt").write_text(FIRST_TEXT + "\n")
    out = tmp_path / "renders"
    code, text = talk.render(out, "--voice", str(recordings), "--fallback-voice", "flite")
    assert code == 0, text
    warnings = _warnings(text)
    assert len(warnings) == 1 and SECOND in warnings[0] and FIRST not in warnings[0], warnings
    first = _windows(out)[0]
    assert first[1] - first[0] == pytest.approx(TONE_SECONDS, abs=0.05)  # the recording's length, not flite's
    cues = json.loads((out / "manifest.json").read_text())["scenes"]["talk"]["outputs"]["preview/mp4"]
    assert [c["source"] for c in cues["narration"]["cues"]] == ["recording", "flite"]


def test_a_recording_made_for_other_words_is_not_played(talk, tmp_path) -> None:
    recordings = tmp_path / "voice"
    recordings.mkdir()
    _tone(recordings / f"{FIRST}.wav")
    (recordings / f"{FIRST}.txt").write_text("4 words in one square.\n")  # the data said 4 back then
    out = tmp_path / "renders"
    code, text = talk.render(out, "--voice", str(recordings), "--fallback-voice", "flite")
    assert code == 0, text
    warnings = _warnings(text)
    assert len(warnings) == 1 and FIRST in warnings[0] and SECOND in warnings[0], warnings
    first = _windows(out)[0]
    assert abs((first[1] - first[0]) - TONE_SECONDS) > 0.1


def _untouched(talk, out: Path, *voice: str) -> str:
    before = (out / "manifest.json").read_bytes()
    mp4 = (out / "preview" / "talk.mp4").read_bytes()
    code, text = talk.render(out, "--force", *voice)
    assert code == 2, text
    assert (out / "manifest.json").read_bytes() == before
    assert (out / "preview" / "talk.mp4").read_bytes() == mp4
    return text


@pytest.fixture(scope="module")
def silent(talk, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("silent")
    code, text = talk.render(out)
    assert code == 0, text
    assert media.audio_streams(out / "preview" / "talk.mp4") == []  # the default is silent
    return out


def test_an_unknown_voice_is_one_line_and_exit_2(talk, silent, capsys) -> None:
    _untouched(talk, silent, "--voice", "klingon")
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "unknown voice 'klingon'" in err[0]


def test_a_missing_recordings_folder_is_one_line_and_exit_2(talk, silent, tmp_path, capsys) -> None:
    _untouched(talk, silent, "--voice", str(tmp_path / "nowhere"))
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no such folder of recordings" in err[0]


def test_a_broken_recording_is_one_line_and_exit_2(talk, silent, tmp_path, capsys) -> None:
    folder = tmp_path / "voice"
    folder.mkdir()
    (folder / f"{FIRST}.wav").write_bytes(b"RIFF\x00\x00not really a wave file")
    _untouched(talk, silent, "--voice", str(folder))
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and f"{FIRST}.wav" in err[0] and "not readable audio" in err[0]


def test_a_missing_piper_model_is_one_line_and_exit_2(talk, silent, tmp_path, capsys) -> None:
    _untouched(talk, silent, "--voice", f"piper:{tmp_path / 'nobody.onnx'}")
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "nobody.onnx" in err[0] and ".onnx.json" in err[0]
