"""The one way la-render runs ffmpeg, ffprobe and the other encoders: quiet, single-threaded,
bit-exact, and failing with one error type (`EncodeError`) that names the file and the tail of
the tool's stderr. Every stage (formats, narration, lecture) runs its tools through here.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

#: ffmpeg/ffprobe binaries (Debian packages; `make setup` installs them).
FFMPEG = "ffmpeg"
FFPROBE = "ffprobe"

#: One thread everywhere: byte-identical output does not depend on the machine, and the
#: pipeline already runs one job per core.
THREADS = 1

#: No metadata, bit-exact muxers and encoders: identical input gives identical bytes.
BITEXACT_OUTPUT = ("-map_metadata", "-1", "-fflags", "+bitexact", "-flags:v", "+bitexact")


class EncodeError(RuntimeError):
    """An external encoder failed; the message names the file and the tail of its stderr."""


@dataclass(frozen=True)
class MediaInfo:
    width: int
    height: int
    fps: float
    frames: int
    duration: float


def run_tool(args: Sequence[str], subject: Path, what: str, stdin: bytes | None = None
             ) -> subprocess.CompletedProcess[bytes]:
    """Run a tool; on failure raise EncodeError naming `subject` and the stderr tail."""
    try:
        done = subprocess.run(list(args), input=stdin, capture_output=True, check=False)
    except FileNotFoundError as error:
        raise EncodeError(f"{what} {subject}: {args[0]} is not installed ({error})") from error
    if done.returncode != 0:
        tail = "\n".join(done.stderr.decode(errors="replace").strip().splitlines()[-12:])
        raise EncodeError(f"{what} {subject} failed (exit {done.returncode}):\n{tail}")
    return done


def run_ffmpeg(*args: str, subject: Path, what: str) -> None:
    """ffmpeg quiet, overwriting, single-threaded (byte-identical output); EncodeError on failure."""
    run_tool(ffmpeg_args(*args), subject, what)


def require_file(source: Path) -> Path:
    source = Path(source)
    if not source.is_file():
        raise EncodeError(f"source {source} does not exist")
    return source


def parse_rate(text: str | None) -> float:
    if not text or text in {"0/0", "0"}:
        return 0.0
    return float(Fraction(text))


def probe(path: Path) -> MediaInfo:
    """Size, frame rate, frame count and duration of the first video stream of `path`."""
    path = require_file(path)
    done = run_tool(
        [FFPROBE, "-v", "error", "-select_streams", "v:0", "-count_packets",
         "-show_entries", "stream=width,height,r_frame_rate,avg_frame_rate,nb_read_packets,duration",
         "-show_entries", "format=duration", "-of", "json", str(path)],
        path,
        "probing",
    )
    data = json.loads(done.stdout)
    if not data.get("streams"):
        raise EncodeError(f"probing {path}: no video stream")
    stream = data["streams"][0]
    duration = float(stream.get("duration") or data.get("format", {}).get("duration") or 0.0)
    fps = parse_rate(stream.get("avg_frame_rate")) or parse_rate(stream.get("r_frame_rate"))
    return MediaInfo(
        width=int(stream["width"]),
        height=int(stream["height"]),
        fps=round(fps, 6),
        frames=int(stream.get("nb_read_packets") or 0),
        duration=round(duration, 6),
    )


def ffmpeg_args(*args: str, quiet: bool = True) -> list[str]:
    """The ffmpeg command line la-render always uses: overwriting, single-threaded; `quiet` prints
    errors only (measuring filters such as loudnorm print their results at the default level)."""
    level = ["-loglevel", "error"] if quiet else ["-nostats"]
    return [FFMPEG, "-nostdin", "-hide_banner", *level, "-y", "-threads", str(THREADS),
            "-filter_threads", str(THREADS), *args]


def even(value: float) -> int:
    """The nearest even size of at least 2 (the encoders want even widths and heights)."""
    return max(2, round(value / 2) * 2)
