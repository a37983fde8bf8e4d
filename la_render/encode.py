"""Encoders: a lossless manim intermediate in, small deterministic web outputs out.

The worker renders each scene once as a lossless MOV (QuickTime RLE, rgb24; keeps `wait` timing);
everything else (GIF, MP4, WebM, poster) is derived from that file with the ffmpeg binary, so
one render feeds every format. Every function writes only `dest`, and identical input gives
byte-identical output: metadata is stripped, muxers and encoders run with `+bitexact`, and all
thread counts are fixed.

GIF settings were tuned on the lesson's scenes (see benchmarks/gif_bench.py): one global palette
(`stats_mode=full`, measured better than `diff` here), no dithering (flat colours stay flat, so
`gifsicle -O3` can shrink unchanged regions to nothing), only changed rectangles re-quantised.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from pathlib import Path
from typing import Any

from la_render.sizes import kb_to_bytes

#: ffmpeg/ffprobe/gifsicle binaries (Debian packages; `make setup` installs them).
FFMPEG = "ffmpeg"
FFPROBE = "ffprobe"
GIFSICLE = "gifsicle"

#: One thread everywhere: byte-identical output does not depend on the machine, and the
#: pipeline already runs one job per core.
THREADS = 1

#: Budget step-down. The issue's order (64 -> 32 colours -> --lossy=30 -> smaller width) first-fit
#: took a poor setting when a better one also fitted, so the encoder searches instead: at each
#: width, for each colour count (most first) the least --lossy that fits; among those it keeps the
#: one closest to the frames (pooled PSNR), and it stops at the first colour count that fits
#: without --lossy (fewer colours only lose). Measured on the lesson's scenes (gif_bench):
#: * 256 and 128 colours: 64 cannot reach 45 dB on the heatmap scenes (lora: 64 c 38.6 dB,
#:   256 c 44.8 dB; attention: 128 c 45.3 dB, 256 c 48.6 dB);
#: * --lossy 10 and 20 between none and 30: attention at 256 c: none 529 KB 48.6 dB, 20 484 KB
#:   47.7 dB, 30 475 KB 47.0 dB; 128 c none 462 KB 45.5 dB. First-fit would take the 128 c one;
#:   on the scene before its tweaks first-fit fell through to 32 colours, 37.6 dB.
#: * palettegen reserve_transparent=0 (one more colour): attention 256 c 773 vs 772 KB, 48.14 dB
#:   either way; 128 c +0.08 dB. Not worth a setting.
GIF_COLOR_STEPS = (256, 128, 64, 32)
GIF_LOSSY_STEPS: tuple[int | None, ...] = (None, 10, 20, 30)
GIF_STEPS: tuple[tuple[int, int | None], ...] = tuple(
    (colors, lossy) for colors in GIF_COLOR_STEPS for lossy in GIF_LOSSY_STEPS
)
#: Widths tried, as fractions of the requested width, when nothing fits at the full width (a
#: width is searched only if its most reduced setting fits, so hopeless widths cost one encode).
GIF_WIDTH_STEPS = (0.75, 0.5)
#: Frames that barely differ from the last kept one (ease-in/out tails: sub-pixel motion) are
#: replaced by it (`mpdecimate` then `fps` again, so holds and the loop length stay exact and
#: gifsicle merges the copies into one longer delay). Measured on `dot_product`: 569 -> 507 KB,
#: PSNR 46.6 -> 46.8 dB.
GIF_DECIMATE = "mpdecimate"
#: palettegen statistics. The issue asked for "diff" (count only pixels that change); measured
#: with the whole ladder on all seven scenes (gif_bench --stats-mode), "full" (every pixel of
#: every frame) gives higher PSNR on every scene at the same size: lora 44.8 -> 49.7 dB (its
#: heatmap cells stay on screen, so "diff" barely counts them), rank 49.8 -> 52.6, vectors
#: 51.7 -> 54.0, dot_product 44.7 -> 45.0; worst-frame PSNR is within 1.2 dB either way.
GIF_STATS_MODE = "full"
#: GIF delays are whole centiseconds and browsers clamp delays under 2 cs: allowed rates.
GIF_FPS_ALLOWED = (12.5, 25.0, 50.0)

#: Scaler for the GIF downscale. Measured on `vectors` (64 colours, 640 wide from 1280x720):
#: area 229 KB / 47.4 dB, bilinear 254 KB / 45.6 dB, bicubic 280 KB / 45.8 dB, lanczos
#: 298 KB / 45.4 dB. Area averaging (a box filter at 2:1) makes no ringing, so edges need fewer
#: in-between colours and the palette fits them better.
GIF_SCALER = "area"

MP4_CRF = 18
WEBM_CRF = 32

# manim 0.22 writes `format: mov` with libx264/yuv420p unless `video_codec` and `pixel_format`
# override it (manim/_config/video_encoder.py). QuickTime RLE in rgb24 is lossless like PNG
# (same framemd5 of the decoded frames, checked on a test scene) and suits flat-colour animation:
# the pipeline helper measured 5.3 MB instead of 18 MB and 3x faster decoding on `vectors`.
_LOSSLESS_CONFIG: dict[str, Any] = {
    "format": "mov",
    "video_codec": "qtrle",
    "pixel_format": "rgb24",
    "transparent": False,
}

_BITEXACT_OUTPUT = ("-map_metadata", "-1", "-fflags", "+bitexact", "-flags:v", "+bitexact")


class EncodeError(RuntimeError):
    """An external encoder failed; the message names the file and the tail of its stderr."""


@dataclass(frozen=True)
class MediaInfo:
    width: int
    height: int
    fps: float
    frames: int
    duration: float


@dataclass(frozen=True)
class GifResult:
    info: MediaInfo
    colors: int
    lossy: int | None
    width: int
    fps: float
    over_budget: bool
    bytes: int
    #: Pooled PSNR (dB) against the resampled frames, when the search measured it.
    psnr: float | None = None


# -- the lossless intermediate ---------------------------------------------------------------
def lossless_render_config() -> dict[str, Any]:
    """Extra manim `tempconfig` keys that make the rendered movie a lossless intermediate."""
    return dict(_LOSSLESS_CONFIG)


def find_rendered_movie(media_dir: Path, scene_name: str) -> Path:
    """The combined movie manim wrote for `scene_name` under `media_dir` (not a partial file).

    manim puts it at `videos/[<module>/]<quality>/<Scene>.mov`; the module part depends on how
    the scene was started, so search rather than rebuild manim's path template.
    """
    videos = Path(media_dir) / "videos"
    found = sorted(
        path
        for path in videos.rglob(f"{scene_name}.mov")
        if "partial_movie_files" not in path.parts
    )
    if not found:
        raise FileNotFoundError(f"no rendered movie {scene_name}.mov under {videos}")
    if len(found) > 1:
        found.sort(key=lambda path: path.stat().st_mtime_ns)
    return found[-1]


# -- running tools ---------------------------------------------------------------------------
def run_tool(args: Sequence[str], subject: Path, what: str) -> subprocess.CompletedProcess[bytes]:
    """Run a tool; on failure raise EncodeError naming `subject` and the stderr tail."""
    try:
        done = subprocess.run(list(args), capture_output=True, check=False)
    except FileNotFoundError as error:
        raise EncodeError(f"{what} {subject}: {args[0]} is not installed ({error})") from error
    if done.returncode != 0:
        tail = "\n".join(done.stderr.decode(errors="replace").strip().splitlines()[-12:])
        raise EncodeError(f"{what} {subject} failed (exit {done.returncode}):\n{tail}")
    return done


def run_ffmpeg(*args: str, subject: Path, what: str) -> None:
    """ffmpeg quiet, overwriting, single-threaded (byte-identical output); EncodeError on failure."""
    run_tool(
        [FFMPEG, "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-threads", str(THREADS),
         "-filter_threads", str(THREADS), *args],
        subject,
        what,
    )


def _require_file(source: Path) -> Path:
    source = Path(source)
    if not source.is_file():
        raise EncodeError(f"source {source} does not exist")
    return source


def _parse_rate(text: str | None) -> float:
    if not text or text in {"0/0", "0"}:
        return 0.0
    return float(Fraction(text))


def probe(path: Path) -> MediaInfo:
    """Size, frame rate, frame count and duration of the first video stream of `path`."""
    path = _require_file(path)
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
    fps = _parse_rate(stream.get("avg_frame_rate")) or _parse_rate(stream.get("r_frame_rate"))
    return MediaInfo(
        width=int(stream["width"]),
        height=int(stream["height"]),
        fps=round(fps, 6),
        frames=int(stream.get("nb_read_packets") or 0),
        duration=round(duration, 6),
    )


# -- GIF -------------------------------------------------------------------------------------
def _even(value: float) -> int:
    return max(2, round(value / 2) * 2)


def _resample(source: Path, dest: Path, *, width: int, fps: float) -> None:
    """Time-resampled, scaled, near-stills-frozen frames as a small lossless MOV (one per width).

    The colour steps then re-read these instead of decoding the full-size intermediate again.
    """
    chain = f"fps={fps:g},scale={width}:-2:flags={GIF_SCALER},{GIF_DECIMATE},fps={fps:g},format=rgb24"
    run_ffmpeg("-i", str(source), "-map", "0:v:0", "-vf", chain, "-c:v", "qtrle", "-f", "mov", str(dest),
            subject=source, what="resampling for GIF")


def _palette_gif(frames: Path, dest: Path, *, colors: int) -> None:
    """One global palette (GIF_STATS_MODE), applied without dithering, to changed rectangles only."""
    graph = (
        f"[0:v]split[a][b];[a]palettegen=max_colors={colors}:stats_mode={GIF_STATS_MODE}[p];"
        "[b][p]paletteuse=dither=none:diff_mode=rectangle[out]"
    )
    run_ffmpeg("-i", str(frames), "-filter_complex", graph, "-map", "[out]", *_BITEXACT_OUTPUT,
            "-loop", "0", "-f", "gif", str(dest), subject=frames, what="encoding GIF from")


def _optimise_gif(raw: Path, dest: Path, lossy: int | None) -> None:
    args = [GIFSICLE, "-O3", "--loopcount=forever", "--no-comments", "--no-names", "--no-extensions"]
    if lossy is not None:
        args.append(f"--lossy={lossy}")
    run_tool([*args, str(raw), "-o", str(dest)], raw, "optimising GIF")


_PSNR_AVERAGE = re.compile(r"PSNR .*average:(inf|[0-9.]+)")


def _gif_psnr(gif: Path, frames: Path, fps: float) -> float:
    """Pooled PSNR (dB, RGB) of `gif` against the frames it was made from, both at `fps`."""
    graph = f"[0:v]fps={fps:g},format=rgb24[a];[1:v]fps={fps:g},format=rgb24[b];[a][b]psnr=shortest=1"
    done = run_tool([FFMPEG, "-nostdin", "-hide_banner", "-nostats", "-loglevel", "info",
                 "-threads", str(THREADS), "-filter_threads", str(THREADS), "-i", str(gif), "-i", str(frames),
                 "-lavfi", graph, "-f", "null", "-"], gif, "measuring GIF")
    found = _PSNR_AVERAGE.findall(done.stderr.decode(errors="replace"))
    if not found:
        raise EncodeError(f"measuring GIF {gif}: ffmpeg printed no PSNR")
    return float(found[-1])


@dataclass(frozen=True)
class _Attempt:
    colors: int
    lossy: int | None
    width: int
    path: Path
    bytes: int
    psnr: float | None = None


class _GifSearch:
    """The budget search for one GIF; every attempt is a temporary file next to `dest`."""

    def __init__(self, source: Path, dest: Path, fps: float, budget: int) -> None:
        self.source, self.dest, self.fps, self.budget = source, dest, fps, budget
        self.frames = dest.with_name(dest.name + ".frames.mov")
        self.temporaries: list[Path] = [self.frames]
        self.last: _Attempt | None = None

    def attempt(self, colors: int, lossy: int | None, width: int) -> _Attempt:
        raw = self.dest.with_name(f"{self.dest.name}.{width}w{colors}c.raw.gif")
        if not raw.exists():
            _palette_gif(self.frames, raw, colors=colors)
            self.temporaries.append(raw)
        path = self.dest.with_name(f"{self.dest.name}.{width}w{colors}c{lossy or 0}l.gif")
        _optimise_gif(raw, path, lossy)
        self.temporaries.append(path)
        self.last = _Attempt(colors, lossy, width, path, path.stat().st_size)
        return self.last

    def fits(self, attempt: _Attempt) -> bool:
        return attempt.bytes <= self.budget

    def at_width(self, width: int) -> _Attempt | None:
        """The closest-to-the-frames setting that fits at `width`, or None."""
        _resample(self.source, self.frames, width=width, fps=self.fps)
        first = self.attempt(GIF_COLOR_STEPS[0], GIF_LOSSY_STEPS[0], width)
        if self.fits(first):
            return replace(first, psnr=_gif_psnr(first.path, self.frames, self.fps))
        if not self.fits(self.attempt(GIF_COLOR_STEPS[-1], GIF_LOSSY_STEPS[-1], width)):
            return None  # even the most reduced setting is over: nothing at this width fits
        fitting: list[_Attempt] = []
        for colors in GIF_COLOR_STEPS:
            for lossy in GIF_LOSSY_STEPS:
                if (colors, lossy) == (GIF_COLOR_STEPS[0], GIF_LOSSY_STEPS[0]):
                    continue  # tried first, over budget
                found = self.attempt(colors, lossy, width)
                if self.fits(found):
                    fitting.append(replace(found, psnr=_gif_psnr(found.path, self.frames, self.fps)))
                    break
            if fitting and fitting[-1].colors == colors and fitting[-1].lossy is None:
                break  # fits without --lossy: fewer colours can only be further from the frames
        return max(fitting, key=lambda a: (a.psnr, -a.bytes))

    def cleanup(self) -> None:
        for path in self.temporaries:
            path.unlink(missing_ok=True)


def encode_gif(source: Path, dest: Path, *, width: int = 640, fps: float = 12.5,
               budget_kb: int = 500) -> GifResult:
    """A looping GIF of `source`: the setting closest to the frames that fits the budget.

    Settings are searched as GIF_STEPS explains (colours, gifsicle --lossy), then at smaller
    widths. Over budget at every width: the most reduced attempt (smallest width, fewest colours,
    most lossy) is kept and `over_budget` is set, so the page can embed the video instead.
    """
    source = _require_file(source)
    dest = Path(dest)
    if float(fps) not in GIF_FPS_ALLOWED:
        raise ValueError(f"GIF fps must be one of {GIF_FPS_ALLOWED} (whole-centisecond delays), got {fps}")
    search = _GifSearch(source, dest, float(fps), kb_to_bytes(budget_kb))
    full = _even(width)
    try:
        for attempt_width in [full, *(_even(full * step) for step in GIF_WIDTH_STEPS)]:
            chosen = search.at_width(attempt_width)
            if chosen is not None:
                break
        else:
            assert search.last is not None
            chosen = search.last
        chosen.path.replace(dest)
    finally:
        search.cleanup()
    info = probe(dest)
    return GifResult(
        info=MediaInfo(info.width, info.height, float(fps), info.frames, info.duration),
        colors=chosen.colors,
        lossy=chosen.lossy,
        width=chosen.width,
        fps=float(fps),
        over_budget=chosen.bytes > search.budget,
        bytes=chosen.bytes,
        psnr=chosen.psnr,
    )


# -- video and poster ------------------------------------------------------------------------
_EVEN_RGB_TO_BT709 = (
    "scale=trunc(iw/2)*2:trunc(ih/2)*2:flags=bicubic:out_color_matrix=bt709:out_range=tv,"
    "format=yuv420p"
)
_BT709_TAGS = ("-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709",
               "-color_range", "tv")


def encode_mp4(source: Path, dest: Path) -> MediaInfo:
    """H.264 High, yuv420p (even size), BT.709 tagged, moov first (+faststart) for streaming."""
    source = _require_file(source)
    run_ffmpeg("-i", str(source), "-map", "0:v:0", "-an", "-vf", _EVEN_RGB_TO_BT709,
            "-c:v", "libx264", "-preset", "medium", "-tune", "animation", "-crf", str(MP4_CRF),
            "-x264-params", f"threads={THREADS}:lookahead-threads=1", *_BT709_TAGS,
            *_BITEXACT_OUTPUT, "-movflags", "+faststart", "-f", "mp4", str(dest),
            subject=source, what="encoding MP4 from")
    return probe(dest)


def encode_webm(source: Path, dest: Path) -> MediaInfo:
    """VP9 (constant quality), yuv420p, for the page's video fallback."""
    source = _require_file(source)
    run_ffmpeg("-i", str(source), "-map", "0:v:0", "-an", "-vf", _EVEN_RGB_TO_BT709,
            "-c:v", "libvpx-vp9", "-crf", str(WEBM_CRF), "-b:v", "0", "-deadline", "good",
            "-cpu-used", "4", "-row-mt", "0", "-tile-columns", "0", "-frame-parallel", "0",
            *_BT709_TAGS, *_BITEXACT_OUTPUT, "-f", "webm", str(dest),
            subject=source, what="encoding WebM from")
    return probe(dest)


def extract_poster(source: Path, dest: Path) -> MediaInfo:
    """The last frame as an RGB PNG (what the animation settles on, so the best still)."""
    source = _require_file(source)
    info = probe(source)
    run_ffmpeg("-i", str(source), "-map", "0:v:0", "-vf", f"select=eq(n\\,{info.frames - 1})",
            "-fps_mode", "passthrough", "-frames:v", "1", "-pix_fmt", "rgb24", *_BITEXACT_OUTPUT,
            "-f", "image2", "-c:v", "png", str(dest), subject=source, what="extracting poster from")
    if not Path(dest).is_file():
        raise EncodeError(f"extracting poster from {source}: no frame {info.frames - 1} decoded")
    return MediaInfo(info.width, info.height, info.fps, 1, 0.0)


# -- captions --------------------------------------------------------------------------------
def _timestamp(seconds: float, separator: str) -> str:
    millis = max(0, round(seconds * 1000))
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{separator}{millis:03d}"


def _cue_text(text: str) -> str:
    """Caption text without blank lines (a blank line ends a cue in both formats)."""
    return "\n".join(line for line in text.strip().splitlines() if line.strip())


def write_captions(captions: list[tuple[float, float, str]], srt: Path, vtt: Path) -> None:
    """SubRip for players and a WebVTT copy for the page's `<track>` (browsers need VTT)."""
    cues = sorted((float(start), float(end), _cue_text(text)) for start, end, text in captions)
    srt_blocks = [
        f"{index}\n{_timestamp(start, ',')} --> {_timestamp(end, ',')}\n{text}\n"
        for index, (start, end, text) in enumerate(cues, start=1)
    ]
    vtt_blocks = [
        f"{_timestamp(start, '.')} --> {_timestamp(end, '.')}\n{text}\n" for start, end, text in cues
    ]
    Path(srt).write_text("\n".join(srt_blocks), encoding="utf-8", newline="\n")
    Path(vtt).write_text("\n".join(["WEBVTT\n", *vtt_blocks]), encoding="utf-8", newline="\n")


def tools_available() -> bool:
    """Whether ffmpeg, ffprobe and gifsicle are on PATH (tests skip without them)."""
    return all(shutil.which(tool) for tool in (FFMPEG, FFPROBE, GIFSICLE))
