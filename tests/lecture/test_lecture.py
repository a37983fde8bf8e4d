"""The lecture cut, on tiny synthetic scene clips: order, chapters, shifted captions, stream copy."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from la_render.formats import captions as captions_format
from la_render.formats import video as video_format
from la_render.lecture.build import (
    LESSON_TITLE,
    LectureError,
    build_lecture,
    chapters_vtt,
    ffmetadata,
    parse_captions,
)
from tests.page.synthetic import ffmpeg, needs_ffmpeg

TITLE_SECONDS, CARD_SECONDS, CLIP_SECONDS, FPS = 0.5, 0.3, 1.0, 10
SCENES = [  # slug, step, caption, lecture render size (None: only a web render of another size)
    ("vectors", "Step 1 — Vectors are meaning", "Vectors caption", (64, 36)),
    ("dot_product", "Step 2 — The dot product", "Dot caption", (64, 36)),
    ("rank", "Step 3 — Rank", "Rank caption", None),
]


def ffprobe_json(*args: str) -> dict:
    done = subprocess.run(["ffprobe", "-v", "error", *args, "-of", "json"], capture_output=True, check=True)
    return json.loads(done.stdout)


def packet_hashes(path: Path) -> list[str]:
    """MD5 of every video packet, without decoding (equal lists mean the stream was copied)."""
    done = subprocess.run(["ffmpeg", "-v", "error", "-i", str(path), "-map", "0:v:0", "-c", "copy",
                           "-f", "framemd5", "-"], capture_output=True, check=True, text=True)
    return [line.rsplit(",", 1)[1].strip() for line in done.stdout.splitlines() if not line.startswith("#")]


def make_scene(renders: Path, slug: str, preset: str, size: tuple[int, int], caption: str) -> dict:
    lossless = renders / ".src" / f"{slug}.mov"
    lossless.parent.mkdir(parents=True, exist_ok=True)
    ffmpeg("-f", "lavfi", "-i", f"testsrc=size={size[0]}x{size[1]}:rate={FPS}:duration={CLIP_SECONDS}",
           "-vf", "setsar=0", "-c:v", "png", "-pix_fmt", "rgb24", str(lossless))  # no SAR, as manim writes
    folder = renders / preset
    folder.mkdir(parents=True, exist_ok=True)
    video_format.encode_mp4(lossless, folder / f"{slug}.mp4")
    captions_format.write_captions([(0.2, 0.8, caption)], folder / f"{slug}.srt", folder / f"{slug}.vtt")
    return {f"{preset}/{ext}": {"path": f"{preset}/{slug}.{ext}", "sha256": slug + ext}
            for ext in ("mp4", "srt", "vtt")}


@pytest.fixture(scope="module")
def lecture(tmp_path_factory):
    if needs_ffmpeg.args[0]:
        pytest.skip("ffmpeg is not installed")
    renders = tmp_path_factory.mktemp("renders")
    scenes = {}
    for order, (slug, step, caption, size) in reversed(list(enumerate(SCENES))):  # order field decides
        outputs = (make_scene(renders, slug, "lecture", size, caption) if size
                   else make_scene(renders, slug, "web", (48, 36), caption))
        scenes[slug] = {"slug": slug, "title": slug, "step": step, "order": order, "outputs": outputs}
    manifest = {"schema_version": 1, "scenes": scenes}
    entry = build_lecture(manifest, renders, title_seconds=TITLE_SECONDS, card_seconds=CARD_SECONDS)
    return renders, manifest, entry


def expected_starts() -> list[float]:
    """Chapter starts: the title card, then per scene its card (the chapter) and its clip."""
    starts, clock = [0.0], TITLE_SECONDS
    for _ in SCENES:
        starts.append(clock)
        clock += CARD_SECONDS + CLIP_SECONDS
    return starts


def test_one_movie_of_cards_and_scenes_in_lesson_order(lecture):
    renders, _, entry = lecture
    movie = renders / entry["path"]
    assert entry["path"] == "lecture/lesson.mp4" and movie.is_file()
    total = TITLE_SECONDS + len(SCENES) * (CARD_SECONDS + CLIP_SECONDS)
    stream = ffprobe_json("-select_streams", "v:0", "-count_packets", "-show_entries",
                          "stream=width,height,nb_read_packets", str(movie))["streams"][0]
    assert (stream["width"], stream["height"]) == (64, 36)
    assert int(stream["nb_read_packets"]) == round(total * FPS)
    assert entry["duration"] == pytest.approx(total, abs=1e-3)
    assert entry["scenes"] == ["vectors", "dot_product", "rank"]
    decoded = subprocess.run(["ffmpeg", "-v", "error", "-xerror", "-i", str(movie), "-f", "null", "-"],
                             capture_output=True, text=True, check=False)
    assert decoded.returncode == 0 and decoded.stderr == "", decoded.stderr


def test_chapters_in_the_mp4_and_in_webvtt(lecture):
    renders, _, entry = lecture
    titles = [LESSON_TITLE] + [step for _, step, _, _ in SCENES]
    chapters = ffprobe_json("-show_chapters", str(renders / entry["path"]))["chapters"]
    assert [c["tags"]["title"] for c in chapters] == titles
    assert [float(c["start_time"]) for c in chapters] == pytest.approx(expected_starts(), abs=1e-3)
    cues = parse_captions((renders / entry["chapters_vtt"]).read_text(encoding="utf-8"))
    assert [text for _, _, text in cues] == titles
    assert [start for start, _, _ in cues] == pytest.approx(expected_starts(), abs=1e-3)
    assert [c["title"] for c in entry["chapters"]] == titles


def test_captions_are_shifted_to_each_scene(lecture):
    renders, _, entry = lecture
    for name in ("vtt", "srt"):
        cues = parse_captions((renders / entry[name]).read_text(encoding="utf-8"))
        for (_, _, caption, _), chapter_start in zip(SCENES, expected_starts()[1:], strict=True):
            clip_start = chapter_start + CARD_SECONDS
            (cue,) = [c for c in cues if c[2] == caption]
            assert cue[:2] == pytest.approx((clip_start + 0.2, clip_start + 0.8), abs=1e-3)
        assert cues[0][2] == LESSON_TITLE


def test_matching_scenes_are_stream_copied_and_others_reencoded(lecture):
    renders, _, entry = lecture
    assert entry["reencoded"] == ["rank"]
    joined = packet_hashes(renders / entry["path"])
    clip_frames = round(CLIP_SECONDS * FPS)
    for index, (slug, *_rest, size) in enumerate(SCENES):
        first = round((expected_starts()[index + 1] + CARD_SECONDS) * FPS)
        segment = joined[first : first + clip_frames]
        source = packet_hashes(renders / ("lecture" if size else "web") / f"{slug}.mp4")
        assert (segment == source) == (size is not None), slug


def test_same_inputs_give_the_same_bytes_and_a_cached_rerun(lecture):
    renders, manifest, entry = lecture
    movie = renders / entry["path"]
    before = movie.read_bytes()
    again = build_lecture(manifest, renders, title_seconds=TITLE_SECONDS, card_seconds=CARD_SECONDS,
                          force=True)
    assert movie.read_bytes() == before
    assert again["sha256"] == entry["sha256"]
    stamp = movie.stat().st_mtime_ns
    cached = build_lecture({**manifest, "lecture": again}, renders, title_seconds=TITLE_SECONDS,
                           card_seconds=CARD_SECONDS)
    assert cached == again and movie.stat().st_mtime_ns == stamp
    assert list((renders / ".tmp").iterdir()) == []


def test_a_scene_without_an_mp4_is_named(tmp_path):
    manifest = {"scenes": {"vectors": {"slug": "vectors", "order": 0, "outputs": {}}}}
    with pytest.raises(LectureError, match="vectors"):
        build_lecture(manifest, tmp_path)


def test_parse_captions_reads_srt_and_vtt():
    srt = "1\n00:00:01,000 --> 00:00:02,500\nHello\nworld\n\n2\n00:01:00,250 --> 00:01:01,000\nBye\n"
    vtt = "WEBVTT\n\nNOTE a comment\n\n00:01.000 --> 00:02.500 align:start\nHello\nworld\n"
    assert parse_captions(srt) == [(1.0, 2.5, "Hello\nworld"), (60.25, 61.0, "Bye")]
    assert parse_captions(vtt) == [(1.0, 2.5, "Hello\nworld")]
    escaped = "WEBVTT\n\n00:01.000 --> 00:02.000\nQ &amp; K &lt; 1\n"
    assert parse_captions(escaped) == [(1.0, 2.0, "Q & K < 1")]
    assert parse_captions("1\n00:00:01,000 --> 00:00:02,000\nQ &amp; K\n") == [(1.0, 2.0, "Q &amp; K")]


def test_chapter_titles_are_escaped_in_webvtt():
    text = chapters_vtt([{"start": 0.0, "title": "A <b> & C"}], 1.0)
    assert "A &lt;b&gt; &amp; C" in text
    assert parse_captions(text) == [(0.0, 1.0, "A <b> & C")]


def test_ffmetadata_escapes_special_characters():
    text = ffmetadata([{"start": 0.0, "title": "a=b; #c \\ d"}], 2.0)
    assert "title=a\\=b\\; \\#c \\\\ d" in text
    assert "START=0\nEND=2000" in text


# ---------------------------------------------------------------- narrated (issue 12)

TONE = (0.3, 0.7)  # where each synthetic scene "speaks" (a 440 Hz tone), inside its caption 0.2-0.8


def _with_tone(mp4: Path) -> None:
    """Give a scene clip a sound track the way a narrated render has one (AAC, 48 kHz, mono)."""
    tone = f"sine=frequency=440:sample_rate=48000:duration={TONE[1] - TONE[0]}"
    silent = mp4.with_name(mp4.stem + ".silent.mp4")
    mp4.rename(silent)
    ffmpeg("-i", str(silent), "-f", "lavfi", "-i", tone, "-map", "0:v", "-map", "1:a", "-c:v", "copy",
           "-af", f"adelay={round(TONE[0] * 1000)},apad", "-t", str(CLIP_SECONDS), "-c:a", "aac",
           "-ar", "48000", "-ac", "1", str(mp4))
    silent.unlink()


@pytest.fixture(scope="module")
def narrated(tmp_path_factory):
    import shutil as _shutil

    from la_render.narration.choice import resolve_voice

    if needs_ffmpeg.args[0] or _shutil.which("espeak-ng") is None:
        pytest.skip("ffmpeg or espeak-ng is not installed")
    renders = tmp_path_factory.mktemp("narrated-renders")
    scenes = {}
    for order, (slug, step, caption, _) in enumerate(SCENES[:2]):
        outputs = make_scene(renders, slug, "lecture", (64, 36), caption)
        _with_tone(renders / "lecture" / f"{slug}.mp4")
        scenes[slug] = {"slug": slug, "title": slug, "step": step, "order": order, "outputs": outputs}
    manifest = {"schema_version": 1, "scenes": scenes}
    source_packets = {slug: packet_hashes(renders / "lecture" / f"{slug}.mp4") for slug in scenes}
    voice = resolve_voice("espeak-ng", "none")
    entry = build_lecture(manifest, renders, title_seconds=TITLE_SECONDS, card_seconds=CARD_SECONDS,
                          voice=voice)
    return renders, entry, source_packets


def test_narrated_cut_has_one_normalised_sound_track(narrated):
    from tests.narration import media

    renders, entry, _ = narrated
    movie = renders / entry["path"]
    streams = media.audio_streams(movie)
    assert [(s["codec_name"], s["sample_rate"]) for s in streams] == [("aac", "48000")]
    integrated, peak = media.loudness(movie)
    assert abs(integrated + 16.0) <= 1.0 and peak <= -1.0, (integrated, peak)
    assert entry["narration"]["voice"].startswith("espeak-ng")


def test_narrated_cut_keeps_sound_chapters_and_captions_on_one_clock(narrated):
    from tests.narration import media

    renders, entry, source_packets = narrated
    movie = renders / entry["path"]
    chapters = [float(c["start_time"]) for c in ffprobe_json("-show_chapters", str(movie))["chapters"]]
    cues = parse_captions((renders / entry["srt"]).read_text(encoding="utf-8"))
    sound = media.speech_intervals(movie)
    for start, end in sound:  # every sound (card speech, scene tones) is inside a caption window
        assert any(c0 - 0.15 <= start and end <= c1 + 0.15 for c0, c1, _ in cues), (start, end, cues)
    joined = packet_hashes(movie)
    for index, (slug, _, caption, _) in enumerate(SCENES[:2]):
        (cue,) = [c for c in cues if c[2] == caption]
        clip_start = cue[0] - 0.2  # the scene's caption sits 0.2 s into its clip
        tone = [s for s, _ in sound if abs(s - (clip_start + TONE[0])) <= 0.05]
        assert tone, (slug, clip_start, sound)  # the scene's own sound, where its picture is
        first = round(clip_start * FPS)
        assert joined[first : first + round(CLIP_SECONDS * FPS)] == source_packets[slug]  # stream copy
        assert chapters[index + 1] < clip_start  # its card (the chapter) comes first
    for chapter in chapters:  # each card speaks (and is captioned) 0.3 s after it starts
        assert any(abs(c0 - (chapter + 0.3)) <= 0.01 for c0, _, _ in cues), (chapter, cues)


def test_narrated_cut_has_a_transcript_with_chapters_and_timed_links(narrated):
    renders, entry, _ = narrated
    text = (renders / entry["transcript"]).read_text(encoding="utf-8")
    cues = parse_captions((renders / entry["srt"]).read_text(encoding="utf-8"))
    assert text.startswith(f"# {LESSON_TITLE}\n")
    for _, step, caption, _ in SCENES[:2]:
        assert f"\n## {step}\n" in text
        (start,) = [c[0] for c in cues if c[2] == caption]
        assert f"](lesson.mp4#t={start:.2f}) {caption}" in text
    assert text.index("## " + SCENES[0][1]) < text.index(SCENES[0][2]) < text.index("## " + SCENES[1][1])
