"""The lecture cut: the whole lesson as one MP4 with chapters and captions, from the scene renders.

A title card opens it; each scene follows in lesson order after a short card naming its lesson
step. Cards are encoded by `formats.video.encode_mp4`, the same encoder as the scenes, so their H.264
parameters match and the concat demuxer joins everything without re-encoding (stream copy).
A scene whose parameters differ (another size or rate, or another encoder setting) is first
normalised to the lecture's size and rate and re-encoded; the entry records which ones were.
Chapters go into the MP4 (ffmetadata) and into chapters.vtt; the scenes' captions are shifted
to where each scene starts. Same inputs give byte-identical files.

Narrated (a voice other than none): each card reads its text aloud ("Step 3 — ...") and lasts
at least its speech plus a pause; the scenes bring their own narration (their MP4s' AAC). The
video is still joined by stream copy; the sound is rebuilt as one track on the cut's clock (each
scene's audio decoded and placed where its video starts, the cards' speech where theirs do),
normalised once (two-pass loudnorm) and encoded once, so there is no AAC priming gap or drift
at the joins and the chapters and captions stay on the same clock as the words.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from la_render.common import ffmpeg
from la_render.formats import transcript
from la_render.formats.captions import write_captions
from la_render.formats.video import encode_mp4
from la_render.lecture.cards import Segment, make_card, write_concat_list
from la_render.lecture.text import (
    LESSON_SUBTITLE,
    LESSON_TITLE,
    TITLE_TEXT,
    Cue,
    LectureError,
    chapters_vtt,
    ffmetadata,
    parse_captions,
    scene_cards,
)
from la_render.narration.choice import NO_VOICE, VoiceChoice
from scenes import style

LECTURE_DIR = "lecture"
LECTURE_NAME = "lesson"
TITLE_SECONDS = 3.0
CARD_SECONDS = 2.0
VIDEO_PRESETS = ("lecture", "web")  # the scene MP4 used: the lecture render, else the web one





# ---------------------------------------------------------------- probing and signatures


def _ffprobe_stream(path: Path) -> dict[str, Any]:
    done = ffmpeg.run_tool(
        [ffmpeg.FFPROBE, "-v", "error", "-select_streams", "v:0", "-show_entries",
         "stream=codec_name,profile,level,width,height,pix_fmt,r_frame_rate,time_base,has_b_frames,"
         "refs,color_space,color_transfer,color_primaries,color_range,sample_aspect_ratio",
         "-of", "json", str(path)],
        path, "probing",
    )
    streams = json.loads(done.stdout).get("streams") or []
    if not streams:
        raise LectureError(f"probing {path}: no video stream")
    return streams[0]


def _avcc(path: Path) -> bytes:
    """The H.264 decoder configuration (avcC box: SPS and PPS) of an MP4, or b"" if none."""
    with path.open("rb") as handle:
        while header := handle.read(8):
            if len(header) < 8:
                break
            size, kind = int.from_bytes(header[:4], "big"), header[4:]
            body_size = size - 8
            if size == 1:
                body_size = int.from_bytes(handle.read(8), "big") - 16
            if kind == b"moov":
                moov = handle.read(body_size)
                at = moov.find(b"avcC")
                if at < 4:
                    return b""
                length = int.from_bytes(moov[at - 4 : at], "big")
                return moov[at + 4 : at - 4 + length]
            if size == 0:
                break
            handle.seek(body_size, os.SEEK_CUR)
    return b""


def signature(path: Path) -> str:
    """What must match for stream-copy concatenation: codec parameters and SPS/PPS."""
    stream = _ffprobe_stream(path)
    return json.dumps(stream, sort_keys=True) + _avcc(path).hex()


# ---------------------------------------------------------------- cards and normalising


def normalise(source: Path, dest: Path, *, width: int, height: int, fps: float, work: Path,
              sar: str = "0") -> None:
    """Re-encode a clip at the lecture's size and rate (letterboxed on the background colour)."""
    lossless = work / f"{dest.stem}.mov"
    background = style.BACKGROUND.lstrip("#")
    ffmpeg.run_ffmpeg(
        "-i", str(source), "-map", "0:v:0", "-an", "-vf",
        f"scale={width}:{height}:force_original_aspect_ratio=decrease,"
        f"pad={width}:{height}:(ow-iw)/2:(oh-ih)/2:color=0x{background},fps={fps:g},setsar={sar},format=rgb24",
        "-c:v", "png", "-f", "mov", str(lossless), subject=source, what="normalising")
    encode_mp4(lossless, dest)
    lossless.unlink()


# ---------------------------------------------------------------- choosing the inputs


def _scene_inputs(manifest: dict[str, Any], renders: Path) -> list[tuple[dict, dict, dict | None]]:
    """(scene, mp4 record, captions record) per scene in lesson order; error if one has no MP4."""
    scenes = sorted(manifest.get("scenes", {}).values(), key=lambda s: (s.get("order", 1_000_000), s["slug"]))
    chosen, missing = [], []
    for scene in scenes:
        outputs = scene.get("outputs", {})
        preset = next((p for p in VIDEO_PRESETS if f"{p}/mp4" in outputs), None)
        if preset is None or not (renders / outputs[f"{preset}/mp4"]["path"]).is_file():
            missing.append(scene["slug"])
            continue
        candidates = [f"{preset}/srt", f"{preset}/vtt"]  # SRT first: its text is not entity-escaped
        candidates += [f"{p}/{ext}" for p in VIDEO_PRESETS for ext in ("srt", "vtt")]
        captions = next((outputs[k] for k in candidates if k in outputs), None)
        chosen.append((scene, outputs[f"{preset}/mp4"], captions))
    if missing:
        raise LectureError(
            f"no MP4 for scene(s) {', '.join(missing)}: render them first "
            "(la-render render --preset lecture)"
        )
    if not chosen:
        raise LectureError("no scenes in the manifest: render them first "
                           "(la-render lecture, or la-render render --quality lecture)")
    return chosen


CARD_LEAD = 0.3  # silence before a card's speech (seconds)


def lecture_cache_key(manifest: dict[str, Any], title_seconds: float, card_seconds: float,
                      voice_key: str = "", lesson: Any = None, quiz: bool = True) -> str:
    """sha256 over the lecture's code (la_render/lecture/ and what it imports), the chosen inputs'
    hashes and the card settings."""
    from la_render.pipeline.cache import lecture_code_digest

    digest = hashlib.sha256(lecture_code_digest().encode())
    for scene in sorted(manifest.get("scenes", {}).values(), key=lambda s: (s.get("order", 0), s["slug"])):
        digest.update(json.dumps([scene["slug"], scene.get("title"), scene.get("step"), scene.get("order")],
                                 ensure_ascii=False).encode())
        for key in sorted(scene.get("outputs", {})):
            if key.split("/")[0] in VIDEO_PRESETS and key.split("/")[1] in ("mp4", "vtt", "srt"):
                digest.update(f"{key}={scene['outputs'][key].get('sha256')}".encode())
    digest.update(f"{title_seconds}:{card_seconds}:{style.BACKGROUND}:{style.FOREGROUND}".encode())
    if voice_key:
        digest.update(f"voice:{voice_key}".encode())
    if lesson is not None:  # the quiz's answers and the bridges read the whole lesson
        digest.update(f"lesson:{lesson.digest()}:quiz={quiz}".encode())
    return digest.hexdigest()


def _intact(entry: dict[str, Any], renders: Path) -> bool:
    paths = [entry.get(k) for k in ("path", "srt", "vtt", "chapters_vtt")]
    if not all(paths) or not all((renders / p).is_file() for p in paths):
        return False
    return hashlib.sha256((renders / entry["path"]).read_bytes()).hexdigest() == entry.get("sha256")


# ---------------------------------------------------------------- the cut


def build_lecture(manifest: dict[str, Any], renders_dir: Path, *, title_seconds: float = TITLE_SECONDS,
                  card_seconds: float = CARD_SECONDS, force: bool = False,
                  voice: VoiceChoice = NO_VOICE, lesson: Any = None, quiz: bool = True) -> dict[str, Any]:
    """Cut renders/lecture/lesson.mp4 (+ .srt, .vtt, chapters.vtt); return the manifest entry.

    With the lesson, the cut asks its quiz (la_render.lecture.quiz) after the title and before the
    end (unless `quiz` is False), and each card says the bridge into its scene. Skips the work when
    the recorded entry's
    cache key matches and its files are intact.
    """
    renders = Path(renders_dir)
    key = lecture_cache_key(manifest, title_seconds, card_seconds, voice.key, lesson, quiz)
    previous = manifest.get("lecture") or {}
    if not force and previous.get("cache_key") == key and _intact(previous, renders):
        return previous
    inputs = _scene_inputs(manifest, renders)
    reference = ffmpeg.probe(renders / inputs[0][1]["path"])
    # The cards copy the scenes' sample aspect ratio too: it is part of the SPS ("0" = unset).
    sar = _ffprobe_stream(renders / inputs[0][1]["path"]).get("sample_aspect_ratio", "0").replace(":", "/")
    size = {"width": reference.width, "height": reference.height, "fps": reference.fps, "sar": sar}

    tmp_root = renders / ".tmp"
    tmp_root.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="lecture-", dir=tmp_root))
    from la_render.lecture.audio import card_narrator

    narrator = card_narrator(voice, renders)
    try:
        segments = _segments(inputs, renders, work, size, title_seconds, card_seconds, narrator, lesson, quiz)
        card_signature = signature(segments[0].path)
        reencoded = []
        for index, segment in enumerate(segments[1:], start=1):
            if signature(segment.path) == card_signature:
                continue
            if not segment.slug:
                raise LectureError(f"title card {segment.path.name} has other H.264 parameters")
            fixed = work / f"normalised-{segment.slug}.mp4"
            normalise(segment.path, fixed, work=work, **size)
            if signature(fixed) != card_signature:
                raise LectureError(f"cannot match the cards' H.264 parameters for scene {segment.slug}")
            segments[index] = Segment(fixed, segment.title, segment.captions, segment.slug, segment.speech)
            reencoded.append(segment.slug)
        entry = _join(segments, renders, work, size, narrated=voice.narrated)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    entry.update({"cache_key": key, "scenes": [scene["slug"] for scene, _, _ in inputs],
                  "reencoded": reencoded, "stream_copy": True})
    if narrator is not None:
        entry["narration"] = {"voice": voice.description, "card_fallbacks": list(narrator.fallbacks)}
    return entry


def _card(dest: Path, lines: list[tuple[str, float, str]], ident: str, text: str, seconds: float,
          work: Path, size: dict, narrator: Any) -> Segment:
    """A card segment: silent with its text as the caption, or narrated (it waits for the words)."""
    from la_render.lecture.audio import card_speech

    chapter = lines[0][0]
    captions: tuple[Cue, ...] = ((0.0, seconds, chapter),)
    speech: tuple[Any, ...] = ()
    if narrator is not None:
        seconds, captions, speech = card_speech(narrator, ident, text, seconds, CARD_LEAD)
    make_card(dest, lines, seconds=seconds, work=work, **size)
    return Segment(dest, chapter, captions, None, speech)


def _segments(inputs: list[tuple[dict, dict, dict | None]], renders: Path, work: Path, size: dict,
              title_seconds: float, card_seconds: float, narrator: Any = None, lesson: Any = None,
              quiz: bool = True) -> list[Segment]:
    from la_render.lecture.quiz import quiz_segments

    lines = [(LESSON_TITLE, 0.08, style.FOREGROUND), (LESSON_SUBTITLE, 0.045, style.MUTED)]
    segments = [_card(work / "card-title.mp4", lines, "lecture.title.1", TITLE_TEXT, title_seconds, work,
                      size, narrator)]
    quizzing = lesson is not None and quiz
    if quizzing:
        segments += quiz_segments("pre", lesson, work, size, narrator, CARD_LEAD)
    cards = scene_cards([scene for scene, _, _ in inputs], lesson)
    for index, ((scene, mp4, captions_record), (line, said)) in enumerate(zip(inputs, cards, strict=True)):
        segments.append(_card(work / f"card-{index:02d}.mp4", [(line, 0.065, style.FOREGROUND)],
                              f"lecture.{scene['slug']}.1", said, card_seconds, work, size, narrator))
        captions = ()
        if captions_record and (renders / captions_record["path"]).is_file():
            captions = tuple(parse_captions((renders / captions_record["path"]).read_text(encoding="utf-8")))
        segments.append(Segment(renders / mp4["path"], "", captions, scene["slug"]))
    if quizzing:
        segments += quiz_segments("post", lesson, work, size, narrator, CARD_LEAD)
    return segments


def _join(segments: list[Segment], renders: Path, work: Path, size: dict, narrated: bool = False
          ) -> dict[str, Any]:
    """Concatenate (stream copy), add chapters, write captions; move everything into place."""
    starts, cues, chapters, clock = [], [], [], 0.0
    for segment in segments:
        info = ffmpeg.probe(segment.path)
        starts.append(clock)
        if segment.title:
            chapters.append({"start": round(clock, 3), "title": segment.title})
        cues += [(clock + start, clock + end, text) for start, end, text in segment.captions]
        clock += info.frames / info.fps if info.fps else info.duration
    total = clock

    listing = write_concat_list([s.path for s in segments], work / "segments.txt")
    metadata = work / "chapters.ffmeta"
    metadata.write_text(ffmetadata(chapters, total), encoding="utf-8")
    movie = work / f"{LECTURE_NAME}.mp4"
    sound_in: list[str] = []
    sound_out: list[str] = []
    if narrated:
        from la_render.lecture.audio import lecture_track

        sound_in, sound_out, raw = lecture_track(segments, starts, total, work)

    def join() -> None:
        # auto_convert 0: no h264_mp4toannexb, so the packets stay byte for byte those of the clips
        # (the SPS/PPS match, as signature() checked, so no in-band parameter sets are needed).
        ffmpeg.run_ffmpeg("-f", "concat", "-safe", "0", "-auto_convert", "0", "-i", str(listing),
                          "-f", "ffmetadata", "-i", str(metadata), *sound_in, "-map", "0:v:0", *sound_out,
                          "-map_metadata", "1", "-map_chapters", "1", "-c:v", "copy",
                          "-fflags", "+bitexact", "-movflags", "+faststart", "-f", "mp4", str(movie),
                          subject=listing, what="joining the lecture from")

    if narrated:
        from la_render.narration.audio import encode_checked

        encode_checked(raw, movie, join)  # the AAC's true peak, measured; re-joined quieter if over
    else:
        join()
    srt, vtt = work / f"{LECTURE_NAME}.srt", work / f"{LECTURE_NAME}.vtt"
    write_captions(cues, srt, vtt)
    chapter_file = work / "chapters.vtt"
    chapter_file.write_text(chapters_vtt(chapters, total), encoding="utf-8")
    lines = transcript.lecture_lines(cues, chapters)
    transcript_file = work / f"{LECTURE_NAME}.md"
    transcript_file.write_text(transcript.markdown(LESSON_TITLE, movie.name, lines), encoding="utf-8")

    out = renders / LECTURE_DIR
    out.mkdir(parents=True, exist_ok=True)
    for path in (srt, vtt, chapter_file, transcript_file, movie):  # the movie last: it marks the cut complete
        os.replace(path, out / path.name)
    info = ffmpeg.probe(out / movie.name)
    data = (out / movie.name).read_bytes()
    relative = f"{LECTURE_DIR}/{movie.name}"
    return {
        "path": relative, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest(),
        "width": info.width, "height": info.height, "fps": info.fps, "frames": info.frames,
        "duration": info.duration, "srt": f"{LECTURE_DIR}/{srt.name}", "vtt": f"{LECTURE_DIR}/{vtt.name}",
        "chapters_vtt": f"{LECTURE_DIR}/{chapter_file.name}", "chapters": chapters,
        "transcript": f"{LECTURE_DIR}/{transcript_file.name}",
        "transcript_lines": [[start, text] for start, text, _ in lines],
    }
