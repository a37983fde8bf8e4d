"""The narration track on its own: pieces land on their sample, and no piece starts or stops with a click."""

from __future__ import annotations

import numpy as np

from la_render.narration.audio import build_track
from la_render.narration.narrator import Piece

RATE = 48_000


def _piece(seconds: float, level: float = 0.8) -> Piece:
    """A constant level: the worst case for a click (an instant jump from silence to 0.8)."""
    return Piece("x", np.full(round(seconds * RATE), level, dtype=np.float32), 0.0, seconds)


def test_pieces_land_on_their_sample_and_the_rest_is_silent() -> None:
    track = build_track([(0.5, _piece(0.2)), (1.25, _piece(0.1, -0.5))], 2.0)
    assert len(track) == 2 * RATE
    loud = np.flatnonzero(np.abs(track) > 1e-6)
    assert loud[0] == round(0.5 * RATE) + 1 and loud[-1] == round(1.35 * RATE) - 2  # ramps start, end at 0
    assert not np.any(track[: int(0.5 * RATE)]) and not np.any(track[int(1.35 * RATE):])
    assert np.isclose(track[int(0.6 * RATE)], 0.8) and np.isclose(track[int(1.3 * RATE)], -0.5)


def test_no_clicks_where_speech_starts_or_stops() -> None:
    track = build_track([(0.1, _piece(0.3)), (0.45, _piece(0.3))], 1.0)
    jumps = np.abs(np.diff(track.astype(np.float64)))
    # a click would jump by 0.8 in one sample; a 5 ms raised-cosine ramp moves at most 0.8*pi/2/240
    assert jumps.max() < 0.8 * np.pi / 2 / 240 * 1.05


def test_a_recording_is_cut_at_its_pause_not_at_the_character_share() -> None:
    from la_render.narration.narrator import cut_recording

    # said: 1.0 s of sound, a pause from 1.0 to 1.3 s, 1.1 s of sound; the texts are equally long,
    # so the proportional cut would fall at 1.2 s, inside the pause but not at its quiet middle
    voice = np.zeros(round(2.4 * RATE), dtype=np.float32)
    voice[:RATE] = 0.5 * np.sin(np.arange(RATE) / 5)
    voice[round(1.3 * RATE):] = 0.5 * np.sin(np.arange(round(1.1 * RATE)) / 5)
    first, second = cut_recording(voice, ["a" * 40, "b" * 40])
    assert abs(len(first) / RATE - 1.03) < 0.01  # the sound, plus the 30 ms margin the trim keeps
    assert abs(len(second) / RATE - 1.13) < 0.01


def test_an_encode_whose_true_peak_overshoots_is_turned_down_once(tmp_path) -> None:
    import subprocess

    from la_render.narration.audio import aac_args, encode_checked
    from tests.narration import media

    raw, dest = tmp_path / "track.f32", tmp_path / "track.m4a"
    square = np.sign(np.sin(2 * np.pi * 1000 * np.arange(2 * RATE) / RATE)).astype("<f4") * np.float32(0.95)
    square.tofile(raw)  # a square wave's true peak is well above its samples (and AAC adds more)

    def encode() -> None:
        source = ["-f", "f32le", "-ar", str(RATE), "-ac", "1", "-i", str(raw)]
        subprocess.run(["ffmpeg", "-v", "error", "-y", *source, *aac_args(), str(dest)], check=True)

    gain = encode_checked(raw, dest, encode)
    assert gain < 0
    assert media.loudness(dest)[1] <= -1.0
