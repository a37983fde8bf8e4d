"""The MP4 and WebM formats: H.264 for players and the lecture, VP9 for the page's fallback.

A narrated MP4 gets its sound from la_render.narration (the speech placed at its cues, loudness
normalised) and a Markdown transcript beside it.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from la_render.common.ffmpeg import BITEXACT_OUTPUT, THREADS, MediaInfo, probe, require_file, run_ffmpeg
from la_render.formats.base import Format, FormatJob, media_info
from la_render.formats.transcript import write_scene_markdown

MP4_CRF = 18
WEBM_CRF = 32

_EVEN_RGB_TO_BT709 = (
    "scale=trunc(iw/2)*2:trunc(ih/2)*2:flags=bicubic:out_color_matrix=bt709:out_range=tv,"
    "format=yuv420p"
)
_BT709_TAGS = ("-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709",
               "-color_range", "tv")


def encode_mp4(source: Path, dest: Path) -> MediaInfo:
    """H.264 High, yuv420p (even size), BT.709 tagged, moov first (+faststart) for streaming."""
    source = require_file(source)
    run_ffmpeg("-i", str(source), "-map", "0:v:0", "-an", "-vf", _EVEN_RGB_TO_BT709,
            "-c:v", "libx264", "-preset", "medium", "-tune", "animation", "-crf", str(MP4_CRF),
            "-x264-params", f"threads={THREADS}:lookahead-threads=1", *_BT709_TAGS,
            *BITEXACT_OUTPUT, "-movflags", "+faststart", "-f", "mp4", str(dest),
            subject=source, what="encoding MP4 from")
    return probe(dest)


def encode_webm(source: Path, dest: Path) -> MediaInfo:
    """VP9 (constant quality), yuv420p, for the page's video fallback."""
    source = require_file(source)
    run_ffmpeg("-i", str(source), "-map", "0:v:0", "-an", "-vf", _EVEN_RGB_TO_BT709,
            "-c:v", "libvpx-vp9", "-crf", str(WEBM_CRF), "-b:v", "0", "-deadline", "good",
            "-cpu-used", "4", "-row-mt", "0", "-tile-columns", "0", "-frame-parallel", "0",
            *_BT709_TAGS, *BITEXACT_OUTPUT, "-f", "webm", str(dest),
            subject=source, what="encoding WebM from")
    return probe(dest)


def narrated_mp4(spec: Any, movie: Path, dest: Path, spoken: Any) -> Any:
    """The MP4 with the narration muxed in (video encoded as always, then stream-copied)."""
    from la_render.narration import audio as narration_audio
    from la_render.narration import narrator as narration

    narrator, starts = spoken
    video = dest.with_name(dest.stem + ".video.mp4")
    info = encode_mp4(movie, video)
    started = time.perf_counter()
    extra = narration_audio.narrated_mp4(video, dest, narration.placed(narrator.plans, starts),
                                         info.frames / info.fps)
    video.unlink()
    extra["narration"] = {"voice": spec.voice, "cues": narration.timings(narrator.plans, starts),
                          "seconds": round(narrator.seconds + time.perf_counter() - started, 3)}
    return info, extra


def write_mp4(job: FormatJob) -> None:
    """The MP4; narrated, with its sound muxed in and a Markdown transcript beside it."""
    dest = job.dest("mp4")
    if job.spoken is None:
        job.add("mp4", "mp4", dest, media_info(encode_mp4(job.movie, dest)))
        return
    info, extra = narrated_mp4(job.spec, job.movie, dest, job.spoken)
    job.add("mp4", "mp4", dest, {**media_info(info), **extra})
    job.add("mp4", "md", write_scene_markdown(job.out, job.spec.slug, extra), {})  # its transcript


def write_webm(job: FormatJob) -> None:
    dest = job.dest("webm")
    job.add("webm", "webm", dest, media_info(encode_webm(job.movie, dest)))


FORMATS = {"mp4": Format("mp4", ("mp4",), write_mp4), "webm": Format("webm", ("webm",), write_webm)}
