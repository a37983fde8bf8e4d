"""Animated AVIF beside every GIF: same size and rate, a fraction of the bytes, as faithful.

Browsers that take AVIF get it through the page's `<picture>`; the GIF stays for everything else
(Markdown, an LMS, a chat message). The AVIF is encoded from the lossless intermediate, not from
the GIF or the lossy MP4: the intermediate is resampled exactly as the GIF is (12.5 fps, `area`
scaler to 640 wide, rgb24, but without `mpdecimate`, which measured no smaller here), then
libaom-av1 encodes it in 4:4:4 (4:2:0 smears thin coloured strokes), 8 bits full range (see
_RGB_TO_YUV444), tuned for screen content. ffmpeg 5.1 cannot mark the file as looping, so `isobmff.loop_forever` adds the edit list
and rewrites the track header as libavif writes it (version 1, indefinite 64-bit duration), which
Chromium reads as "repeat forever" (a 32-bit one it reads as finite).

Settings measured on the lesson's scenes (benchmarks/avif_bench.py, `dot_product` at crf 30):
* 10 bits measured 170 KB / 51.5 dB against 8 bits' 175 KB / 48.0 dB with ffmpeg's decoder, but
  read back a level dark everywhere through libavif (the browsers' decoder), so 8-bit full range;
* `tune-content=screen` (palette and intra block copy): 145 KB / 52.5 dB against 170 KB / 51.5;
* frames with near-duplicates merged (the GIF's `mpdecimate`): 147 KB / 50.3 dB, so not used;
* `cpu-used` 6 is libaom's fastest "good" setting (8 gave the same bytes), `row-mt` with one
  thread keeps the bytes identical from run to run and machine to machine.

Quality search: crf from AVIF_CRF_STEPS, best first, until the file fits the budget; a fit that
falls below the fidelity floor (PSNR >= 45 dB or SSIM >= 0.995 against the resampled lossless
frames) is refused for the last attempt that met it, marked over budget: fidelity wins.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from la_render.common.ffmpeg import (
    BITEXACT_OUTPUT,
    FFMPEG,
    THREADS,
    EncodeError,
    MediaInfo,
    even,
    probe,
    require_file,
    run_ffmpeg,
    run_tool,
)
from la_render.common.io import atomic_write_bytes
from la_render.common.sizes import human_bytes, kb_to_bytes
from la_render.formats import isobmff
from la_render.formats.base import DOWNSCALER, Format, FormatJob, media_info

AVIF_BUDGET_KB = 200
AVIF_MIN_PSNR = 45.0
AVIF_MIN_SSIM = 0.995
#: constant-quality levels tried, best first (libaom's crf: 0 best, 63 worst).
AVIF_CRF_STEPS = (26, 30, 34, 38, 42, 46, 50)
AVIF_PIXEL_FORMAT = "yuv444p"
AVIF_CPU_USED = 6
AVIF_AOM_PARAMS = "tune-content=screen"
AVIF_ENCODER = "libaom-av1"


@dataclass(frozen=True)
class AvifResult:
    info: MediaInfo
    crf: int
    bytes: int
    #: pooled PSNR (dB, RGB) and SSIM (ffmpeg's, mean of R, G, B) against the lossless frames.
    psnr: float
    ssim: float
    over_budget: bool
    budget_kb: int

    @property
    def meets_floor(self) -> bool:
        return meets_floor(self.psnr, self.ssim)


@dataclass(frozen=True)
class _Attempt:
    crf: int
    path: Path
    bytes: int
    psnr: float
    ssim: float


def meets_floor(psnr: float, ssim: float) -> bool:
    """Faithful enough to replace the GIF: PSNR >= 45 dB or SSIM >= 0.995."""
    return psnr >= AVIF_MIN_PSNR or ssim >= AVIF_MIN_SSIM


def encoder_available() -> bool:
    """Whether this ffmpeg has libaom's AV1 encoder (Debian's does)."""
    if shutil.which(FFMPEG) is None:
        return False
    done = run_tool([FFMPEG, "-hide_banner", "-encoders"], Path(FFMPEG), "listing encoders of")
    return AVIF_ENCODER in done.stdout.decode(errors="replace")


def resample(source: Path, dest: Path, *, width: int, fps: float) -> None:
    """The frames the AVIF shows, losslessly: the GIF's rate and scaler, every frame kept."""
    chain = f"fps={fps:g},scale={width}:-2:flags={DOWNSCALER},format=rgb24"
    run_ffmpeg("-i", str(source), "-map", "0:v:0", "-vf", chain, "-c:v", "qtrle", "-f", "mov", str(dest),
               subject=source, what="resampling for AVIF")


#: RGB to full-range BT.601 YUV (JPEG's), tagged with sRGB primaries and transfer. Measured
#: near-lossless (crf 0) with Pillow's libavif, the browsers' decoder: 8-bit full range is off by
#: at most 1 level (mean 0.005); limited range up to 7; 10 and 12 bits read back about one level
#: dark everywhere (mean 1.0, with swscale or zscale), which ffmpeg's own decoder hides.
_RGB_TO_YUV444 = f"scale=out_color_matrix=bt470bg:out_range=pc,format={AVIF_PIXEL_FORMAT}"
_SRGB_TAGS = ("-colorspace", "bt470bg", "-color_primaries", "bt709", "-color_trc", "iec61966-2-1",
              "-color_range", "pc")


def encode_sequence(frames: Path, dest: Path, *, crf: int) -> None:
    """One AV1 image sequence at `crf` (plays once: loop_forever comes after)."""
    run_ffmpeg("-i", str(frames), "-map", "0:v:0", "-an", "-vf", _RGB_TO_YUV444,
               "-c:v", AVIF_ENCODER, "-crf", str(crf), "-b:v", "0", "-cpu-used", str(AVIF_CPU_USED),
               "-row-mt", "1", "-aom-params", AVIF_AOM_PARAMS, *_SRGB_TAGS, *BITEXACT_OUTPUT,
               "-f", "avif", str(dest), subject=frames, what="encoding AVIF from")


_PSNR = re.compile(r"PSNR .*average:(inf|[0-9.]+)")
_SSIM = re.compile(r"SSIM .*All:([0-9.]+)")


def fidelity(encoded: Path, frames: Path) -> tuple[float, float]:
    """(pooled PSNR dB, SSIM) of `encoded` against `frames`, both compared in RGB."""
    graph = ("[0:v]format=gbrp,split[a][c];[1:v]format=gbrp,split[b][d];"
             "[a][b]psnr=shortest=1[p];[c][d]ssim=shortest=1[s]")
    done = run_tool([FFMPEG, "-nostdin", "-hide_banner", "-nostats", "-loglevel", "info",
                     "-threads", str(THREADS), "-filter_threads", str(THREADS), "-i", str(encoded),
                     "-i", str(frames), "-filter_complex", graph, "-map", "[p]", "-f", "null", "-",
                     "-map", "[s]", "-f", "null", "-"], encoded, "measuring AVIF")
    text = done.stderr.decode(errors="replace")
    psnr, ssim = _PSNR.findall(text), _SSIM.findall(text)
    if not psnr or not ssim:
        raise EncodeError(f"measuring AVIF {encoded}: ffmpeg printed no PSNR/SSIM")
    return float(psnr[-1]), float(ssim[-1])


class _Search:
    """The quality search for one AVIF; every attempt is a temporary file next to `dest`."""

    def __init__(self, source: Path, dest: Path, budget: int) -> None:
        self.source, self.dest, self.budget = source, dest, budget
        self.frames = dest.with_name(dest.name + ".frames.mov")
        self.temporaries: list[Path] = [self.frames]

    def attempt(self, crf: int) -> _Attempt:
        path = self.dest.with_name(f"{self.dest.name}.crf{crf}.avif")
        self.temporaries.append(path)
        encode_sequence(self.frames, path, crf=crf)
        psnr, ssim = fidelity(path, self.frames)
        return _Attempt(crf, path, path.stat().st_size, psnr, ssim)

    def best(self) -> _Attempt:
        """The first rung that fits; if that is below the floor, the last one above it."""
        faithful: _Attempt | None = None
        attempt: _Attempt | None = None
        for crf in AVIF_CRF_STEPS:
            attempt = self.attempt(crf)
            if not meets_floor(attempt.psnr, attempt.ssim):
                return faithful or attempt
            if attempt.bytes <= self.budget:
                return attempt
            faithful = attempt
        assert attempt is not None
        return attempt

    def cleanup(self) -> None:
        for path in self.temporaries:
            path.unlink(missing_ok=True)


def encode_avif(source: Path, dest: Path, *, width: int = 640, fps: float = 12.5,
                budget_kb: int = AVIF_BUDGET_KB) -> AvifResult:
    """A looping animated AVIF of `source`: the best quality that fits `budget_kb` above the floor."""
    source, dest = require_file(source), Path(dest)
    search = _Search(source, dest, kb_to_bytes(budget_kb))
    try:
        resample(source, search.frames, width=even(width), fps=float(fps))
        frames = probe(search.frames)
        chosen = search.best()
        looping = isobmff.loop_forever(chosen.path.read_bytes())
        atomic_write_bytes(dest, looping, durable=False)
    finally:
        search.cleanup()
    info = MediaInfo(frames.width, frames.height, float(fps), frames.frames, round(frames.frames / fps, 6))
    return AvifResult(info=info, crf=chosen.crf, bytes=dest.stat().st_size, psnr=round(chosen.psnr, 2),
                      ssim=round(chosen.ssim, 5), over_budget=dest.stat().st_size > search.budget,
                      budget_kb=budget_kb)


def avif_warnings(slug: str, result: AvifResult) -> list[str]:
    """What the author should hear: over the budget to stay faithful, or below the floor."""
    if not result.meets_floor:
        return [f"{slug}.avif is only {result.psnr:.1f} dB / SSIM {result.ssim:.4f} at crf {result.crf} "
                f"(floor {AVIF_MIN_PSNR:g} dB or {AVIF_MIN_SSIM}); fewer moving lines would keep it crisp"]
    if result.over_budget:
        return [f"{slug}.avif is {human_bytes(result.bytes)}, over the {result.budget_kb} KB budget: "
                f"smaller would fall below {AVIF_MIN_PSNR:g} dB and SSIM {AVIF_MIN_SSIM}"]
    return []


def write_avif(job: FormatJob) -> None:
    spec = job.spec
    dest = job.dest("avif")
    clip = encode_avif(job.movie, dest, width=spec.gif_width, fps=spec.gif_fps)
    job.add("avif", "avif", dest, {**media_info(clip.info), "over_budget": clip.over_budget,
                                   "avif": {"crf": clip.crf, "psnr": clip.psnr, "ssim": clip.ssim,
                                            "budget_kb": clip.budget_kb}})
    job.warnings += avif_warnings(spec.slug, clip)


def _encoder_check() -> str | None:
    if encoder_available():
        return None
    return (f"ffmpeg has no {AVIF_ENCODER} encoder (needed for --format avif): "
            "install Debian's ffmpeg, or leave avif out of --format")


FORMATS = {"avif": Format("avif", ("avif",), write_avif, check=_encoder_check)}
