"""Independent measurements of a narrated file with ffmpeg's own filters (not la-render's code)."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

_NUMBER = r"(-?[0-9.]+|-?inf)"


def _stderr(*args: str) -> str:
    done = subprocess.run(["ffmpeg", "-nostdin", "-hide_banner", "-nostats", *args], capture_output=True,
                          text=True, check=True)
    return done.stderr


def audio_streams(path: Path) -> list[dict]:
    done = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "a", "-show_entries",
                           "stream=codec_name,sample_rate,channels,duration", "-of", "json", str(path)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout).get("streams", [])


def duration(path: Path) -> float:
    done = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0",
                           str(path)], capture_output=True, text=True, check=True)
    return float(done.stdout.strip())


def speech_intervals(path: Path, noise_db: float = -50.0, min_silence: float = 0.12
                     ) -> list[tuple[float, float]]:
    """Where sound is, from ffmpeg silencedetect (the complement of its silences)."""
    text = _stderr("-i", str(path), "-map", "0:a:0", "-af",
                   f"silencedetect=noise={noise_db}dB:d={min_silence}", "-f", "null", "-")
    starts = [float(v) for v in re.findall(r"silence_start: " + _NUMBER, text)]
    ends = [float(v) for v in re.findall(r"silence_end: " + _NUMBER, text)]
    total = duration(path)
    edges = sorted([(s, "start") for s in starts] + [(e, "end") for e in ends])
    sound, cursor, silent = [], 0.0, False
    for at, kind in edges:
        if kind == "start" and not silent:
            if at - cursor > 1e-3:
                sound.append((max(0.0, cursor), at))
            silent = True
        elif kind == "end":
            cursor, silent = at, False
    if not silent and total - cursor > 1e-3:
        sound.append((cursor, total))
    return sound


def loudness(path: Path) -> tuple[float, float]:
    """(integrated loudness in LUFS, true peak in dBTP) from ffmpeg's ebur128 filter."""
    text = _stderr("-i", str(path), "-map", "0:a:0", "-af", "ebur128=peak=true", "-f", "null", "-")
    summary = text[text.rfind("Summary:"):]
    integrated = float(re.search(r"I:\s+" + _NUMBER + " LUFS", summary).group(1))
    peak = float(re.search(r"True peak:\s+Peak:\s+" + _NUMBER, summary).group(1))
    return integrated, peak
