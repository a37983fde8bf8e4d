"""The narration's sound: speech pieces placed on the video's clock, normalised, muxed as AAC.

The track is assembled here from the cue timings rather than with manim's `add_sound`: the
samples land exactly where the captions say (a piece starts at round(t * 48000)), every piece
gets a 5 ms raised-cosine fade in and out (no clicks where speech starts or stops), and the
whole track is normalised once with ffmpeg `loudnorm` in two passes (measure, then a linear gain
to -16 LUFS integrated with a true peak under -1 dBTP) before one AAC encode. The video stream
is copied, never re-encoded. Same samples in, same bytes out (bit-exact flags, one thread).
"""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from la_render.common.ffmpeg import ffmpeg_args, run_tool
from la_render.narration.narrator import Piece
from la_render.narration.voices import RATE

TARGET_LUFS = -16.0
#: Asked of loudnorm; the AAC encode can overshoot the PCM peak by a few tenths of a dB.
TARGET_TRUE_PEAK = -2.0
TARGET_LRA = 11.0
FADE = 0.005
#: ffmpeg's native AAC encoder at 128 kb/s mono pushed the narrated lecture's true peak from
#: -1.8 to +0.4 dBTP (a plosive in matmul); 96k: -0.6, 144k: -1.5, 160k and 192k: -1.7. So 160k,
#: and every encode is measured afterwards (`encode_checked`): still over MAX_TRUE_PEAK, the
#: track is turned down by the excess and encoded once more.
AAC_BITRATE = "160k"
MAX_TRUE_PEAK = -1.0
PEAK_MARGIN = 0.3  # dB below MAX_TRUE_PEAK that a re-encode aims for
PEAK_TRIES = 4


def _fade(samples: np.ndarray) -> np.ndarray:
    """The piece with raised-cosine edges (FADE seconds each) so it starts and ends at zero."""
    count = min(round(FADE * RATE), len(samples) // 2)
    if count == 0:
        return samples
    ramp = (0.5 - 0.5 * np.cos(np.linspace(0.0, np.pi, count, dtype=np.float64))).astype(np.float32)
    out = samples.astype(np.float32).copy()
    out[:count] *= ramp
    out[len(out) - count :] *= ramp[::-1]
    return out


def build_track(pieces: Sequence[tuple[float, Piece]], seconds: float) -> np.ndarray:
    """A silent track `seconds` long with each piece's speech placed at its start time."""
    track = np.zeros(round(seconds * RATE), dtype=np.float32)
    for at, piece in pieces:
        begin = round(at * RATE)
        chunk = _fade(piece.samples)[: max(0, len(track) - begin)]
        track[begin : begin + len(chunk)] += chunk
    return track


def _ffmpeg(args: Sequence[str], what: str) -> subprocess.CompletedProcess[bytes]:
    """ffmpeg at its default log level: the loudness and peak filters print what they measured."""
    return run_tool(ffmpeg_args(*args, quiet=False), Path(args[-1]), what)


def _raw_input(path: Path) -> list[str]:
    return ["-f", "f32le", "-ar", str(RATE), "-ac", "1", "-i", str(path)]


def _targets() -> str:
    return f"I={TARGET_LUFS:g}:TP={TARGET_TRUE_PEAK:g}:LRA={TARGET_LRA:g}"


#: Speech peaks run 15-17 dB above its loudness, more than -16 LUFS under -1 dBTP allows, and then
#: loudnorm falls back to dynamic (AGC) mode and misses its target (measured: -16.7 LUFS after AAC).
#: So such a track first gets a gain to the target and a peak limiter at this level (dBFS), and is
#: measured again: loudnorm's second pass is then a plain linear gain.
LIMIT_DBFS = TARGET_TRUE_PEAK - 0.5


def measure(raw: Path, pre: str = "") -> dict[str, str]:
    """loudnorm's first pass: the track's input loudness, true peak, LRA, threshold and offset."""
    chain = f"{pre}loudnorm={_targets()}:print_format=json"
    done = _ffmpeg([*_raw_input(raw), "-af", chain, "-f", "null", "-"], "measuring loudness")
    found = re.search(r"\{[^{}]*\"input_i\"[^{}]*\}", done.stderr.decode(errors="replace"))
    if not found:
        raise RuntimeError("measuring loudness: loudnorm printed no measurement")
    return json.loads(found.group(0))


def _limiter(measured: dict[str, str]) -> str:
    """Filters (ending in a comma) that bring the peaks within reach of a linear loudnorm, or ""."""
    loudness, peak = float(measured["input_i"]), float(measured["input_tp"])
    if peak - loudness <= TARGET_TRUE_PEAK - TARGET_LUFS - 0.5:
        return ""
    gain = TARGET_LUFS - loudness
    return (f"volume={gain:.2f}dB,alimiter=limit={10 ** (LIMIT_DBFS / 20):.4f}:level=false:latency=true:"
            "attack=5:release=50,")


def normalise(track: np.ndarray) -> np.ndarray:
    """The track at -16 LUFS integrated, true peak under -1 dBTP (two-pass linear loudnorm)."""
    if not np.any(track):
        return track
    with tempfile.TemporaryDirectory() as work:
        raw, out = Path(work) / "in.f32", Path(work) / "out.f32"
        track.astype("<f4").tofile(raw)
        m = measure(raw)
        pre = _limiter(m)
        if pre:
            m = measure(raw, pre)
        second = (f"{pre}loudnorm={_targets()}:measured_I={m['input_i']}:measured_TP={m['input_tp']}:"
                  f"measured_LRA={m['input_lra']}:measured_thresh={m['input_thresh']}:"
                  f"offset={m['target_offset']}:linear=true:print_format=none,aresample={RATE}")
        _ffmpeg([*_raw_input(raw), "-af", second, "-f", "f32le", "-ac", "1", "-ar", str(RATE), str(out)],
                "normalising loudness")
        result = np.fromfile(out, dtype="<f4")
    fitted = np.zeros_like(track)
    fitted[: min(len(track), len(result))] = result[: len(track)]
    return fitted


def true_peak(path: Path) -> float:
    """The true peak (dBTP) of a file's first audio stream, from ffmpeg's ebur128 filter."""
    done = _ffmpeg(["-i", str(path), "-map", "0:a:0", "-af", "ebur128=peak=true", "-f", "null", "-"],
                   f"measuring the true peak of {path}")
    text = done.stderr.decode(errors="replace")
    found = re.findall(r"True peak:\s+Peak:\s+(-?[0-9.]+|-inf)", text)
    return float(found[-1]) if found else float("-inf")


def encode_checked(raw: Path, dest: Path, encode: Any) -> float:
    """Run `encode()` (it reads `raw`, writes `dest`); re-run it turned down if the AAC peaks over.

    Returns the gain applied (dB, 0 or negative). The encoder's overshoot does not scale exactly
    with the level, so the peak is measured again after each try (at most PEAK_TRIES).
    """
    encode()
    total = 0.0
    for _ in range(PEAK_TRIES):
        peak = true_peak(dest)
        if peak <= MAX_TRUE_PEAK:
            break
        gain = MAX_TRUE_PEAK - PEAK_MARGIN - peak
        samples = np.fromfile(raw, dtype="<f4") * np.float32(10 ** (gain / 20))
        samples.astype("<f4").tofile(raw)
        encode()
        total += gain
    return total


def aac_args() -> list[str]:
    return ["-c:a", "aac", "-b:a", AAC_BITRATE, "-ar", str(RATE), "-ac", "1", "-flags:a", "+bitexact"]


def mux(video: Path, track: np.ndarray, dest: Path) -> None:
    """`dest`: the video stream of `video` copied, plus `track` as 48 kHz mono AAC."""
    with tempfile.TemporaryDirectory() as work:
        raw = Path(work) / "track.f32"
        track.astype("<f4").tofile(raw)
        args = ["-i", str(video), *_raw_input(raw), "-map", "0:v:0", "-map", "1:a:0", "-c:v", "copy",
                *aac_args(), "-map_metadata", "-1", "-fflags", "+bitexact", "-movflags", "+faststart",
                "-f", "mp4", str(dest)]
        encode_checked(raw, dest, lambda: _ffmpeg(args, f"adding narration to {video}"))


def narrated_mp4(video: Path, dest: Path, pieces: Sequence[tuple[float, Piece]], seconds: float) -> dict:
    """Mux the normalised narration into `video` as `dest`; what the manifest records about it."""
    track = normalise(build_track(pieces, seconds))
    mux(video, track, dest)
    return {"audio": {"codec": "aac", "rate": RATE, "channels": 1, "target_lufs": TARGET_LUFS}}
