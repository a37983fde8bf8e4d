"""The animated AVIF, checked with decoders and parsers that are not the encoder's own.

Frames are decoded with Pillow (libavif), the reference frames with PyAV and a numpy box filter,
the loop flag is read from the ISOBMFF boxes by a walk written here, and the quality search is
driven through a table of fake sizes and fidelities.
"""

from __future__ import annotations

import hashlib
import json
import struct
import subprocess
from pathlib import Path

import av
import numpy as np
import pytest
from PIL import Image, features

from la_render.common import ffmpeg as ffmpeg_run
from la_render.formats import avif, isobmff
from la_render.formats import gif as gif_format

pytestmark = [
    pytest.mark.skipif(not gif_format.tools_available(), reason="ffmpeg/gifsicle not installed"),
    pytest.mark.skipif(not avif.encoder_available(), reason="ffmpeg has no libaom-av1"),
]
needs_pillow_avif = pytest.mark.skipif(not features.check("avif"), reason="Pillow without AVIF")


def _scene_like_frames(count: int = 25) -> list[np.ndarray]:
    """Flat colours and thin strokes on a dark ground, moving: what the lesson's scenes look like."""
    frames = []
    for index in range(count):
        frame = np.full((180, 320, 3), (15, 18, 23), np.uint8)
        frame[60:64, 20 + 8 * index: 120 + 8 * index] = (240, 180, 40)  # a moving bar
        frame[100:140, 200:204] = (80, 160, 230)  # a thin still stroke
        frame[20:30, 10 + 4 * index: 30 + 4 * index] = (220, 80, 60)
        frames.append(frame)
    return frames


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[np.ndarray]]:
    """1 s at 25 fps, 320x180, as a lossless PNG-in-MOV like the worker's intermediate."""
    frames = _scene_like_frames()
    dest = tmp_path_factory.mktemp("avif") / "clip.mov"
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24",
                    "-s", "320x180", "-r", "25", "-i", "-", "-c:v", "png", "-pix_fmt", "rgb24", str(dest)],
                   input=b"".join(f.tobytes() for f in frames), check=True)
    return dest, frames


@pytest.fixture(scope="module")
def encoded(clip, tmp_path_factory) -> tuple[Path, avif.AvifResult]:
    dest = tmp_path_factory.mktemp("out") / "clip.avif"
    return dest, avif.encode_avif(clip[0], dest, width=160, fps=12.5)


# -- an independent reading of the boxes --------------------------------------------------------
def _box_payloads(data: bytes, path: list[bytes]) -> bytes | None:
    """Payload of the first box at `path`, walking 32-bit box headers (ffmpeg writes no others)."""
    start, end = 0, len(data)
    for depth, kind in enumerate(path):
        while start + 8 <= end:
            size, name = struct.unpack(">I4s", data[start:start + 8])
            if name == kind:
                start, end = start + 8, start + size
                break
            start += size
        else:
            return None
        if depth + 1 == len(path):
            return data[start:end]
    return None


def _tkhd_duration(tkhd: bytes) -> bytes:
    """ISO/IEC 14496-12 §8.3.2: version and flags (4 bytes), creation and modification times
    (4 + 4, or 8 + 8 in version 1), track_ID (4), reserved (4), then the duration (4 or 8)."""
    return tkhd[20:24] if tkhd[0] == 0 else tkhd[28:36]


def _loops_forever(data: bytes) -> bool:
    """HEIF 7.2.3.1: an `elst` with flags & 1 and a track duration of all ones repeats forever;
    as libavif writes it, a version-1 `tkhd` with a 64-bit duration (a 32-bit all-ones duration
    reads as finite in Chromium)."""
    elst = _box_payloads(data, [b"moov", b"trak", b"edts", b"elst"])
    tkhd = _box_payloads(data, [b"moov", b"trak", b"tkhd"])
    if elst is None or tkhd is None:
        return False
    flags = int.from_bytes(elst[1:4], "big")
    count, segment = struct.unpack(">II", elst[4:12])
    duration = _tkhd_duration(tkhd)
    return bool(flags & 1) and count == 1 and segment > 0 and tkhd[0] == 1 and duration == b"\xff" * 8


def test_avif_loops_forever_which_ffmpeg_alone_does_not(clip, encoded, tmp_path):
    dest, _ = encoded
    assert _loops_forever(dest.read_bytes())
    once = tmp_path / "once.avif"
    avif.encode_sequence(clip[0], once, crf=40)  # ffmpeg 5.1's muxer on its own
    assert not _loops_forever(once.read_bytes())
    assert isobmff.repetition(once.read_bytes()) == "once"


def test_avif_is_av1_444_at_the_gif_size_and_rate(clip, encoded, tmp_path):
    dest, result = encoded
    stream = json.loads(subprocess.run(
        ["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
         "stream=codec_name,pix_fmt,width,height", "-of", "json", str(dest)],
        check=True, capture_output=True).stdout)["streams"][0]
    assert stream["codec_name"] == "av1" and stream["pix_fmt"].startswith("yuv444p")
    gif = gif_format.encode_gif(clip[0], tmp_path / "clip.gif", width=160, fps=12.5)
    assert (stream["width"], stream["height"]) == (gif.info.width, gif.info.height) == (160, 90)
    assert (result.info.width, result.info.height, result.info.frames) == (160, 90, 13)
    assert result.info.fps == 12.5 and result.bytes == dest.stat().st_size


@needs_pillow_avif
def test_avif_frames_match_the_lossless_frames(clip, encoded):
    """Pillow decodes every frame; each is close to a 2x2 box average of every other source frame."""
    dest, result = encoded
    source = clip[1]
    image = Image.open(dest)
    assert image.n_frames == 13
    squared = []
    for index in range(image.n_frames):
        image.seek(index)
        ours = np.asarray(image.convert("RGB"), np.float64)
        assert image.info["duration"] == 80  # 12.5 fps
        full = source[2 * index].astype(np.float64)
        reference = full.reshape(90, 2, 160, 2, 3).mean(axis=(1, 3))
        squared.append(np.mean((ours - reference) ** 2))
    psnr = 10 * np.log10(255**2 / np.mean(squared))
    assert psnr >= avif.AVIF_MIN_PSNR
    assert abs(psnr - result.psnr) < 1.5, (psnr, result.psnr)  # the encoder measures what we measure
    assert result.meets_floor and not result.over_budget


def test_avif_is_byte_identical_across_two_encodes(clip, encoded, tmp_path):
    again = tmp_path / "again.avif"
    avif.encode_avif(clip[0], again, width=160, fps=12.5)
    assert hashlib.sha256(again.read_bytes()).digest() == hashlib.sha256(encoded[0].read_bytes()).digest()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["again.avif"]  # no temporaries left


# -- the quality search, on a table ---------------------------------------------------------------
def _fake_search(monkeypatch, table: dict[int, tuple[int, float, float]]) -> list[int]:
    tried: list[int] = []

    def fake_encode(frames: Path, dest: Path, *, crf: int) -> None:
        tried.append(crf)
        dest.write_bytes(b"x" * table[crf][0])

    monkeypatch.setattr(avif, "encode_sequence", fake_encode)
    monkeypatch.setattr(avif, "fidelity", lambda path, frames: table[int(path.name.split("crf")[1][:2])][1:])
    monkeypatch.setattr(isobmff, "loop_forever", lambda data: data)
    return tried


TABLE = {26: (400_000, 55.0, 0.9998), 30: (250_000, 52.0, 0.9995), 34: (190_000, 49.0, 0.9990),
         38: (150_000, 46.0, 0.9960), 42: (120_000, 44.0, 0.9940), 46: (90_000, 42.0, 0.990),
         50: (80_000, 40.0, 0.985)}


@pytest.mark.parametrize(("budget_kb", "want_crf", "want_tried", "over"), [
    (500, 26, [26], False),  # the best rung fits
    (200, 34, [26, 30, 34], False),  # 190 000 bytes: the first that fits 200 KB (KB = 1000 bytes)
    (130, 38, [26, 30, 34, 38, 42], True),  # 42 fits but is below the floor: 38, over budget
])
def test_avif_search_takes_the_best_fit_above_the_floor(clip, tmp_path, monkeypatch, budget_kb, want_crf,
                                                         want_tried, over):
    tried = _fake_search(monkeypatch, TABLE)
    result = avif.encode_avif(clip[0], tmp_path / "out.avif", width=160, budget_kb=budget_kb)
    assert tried == want_tried
    assert (result.crf, result.over_budget) == (want_crf, over)
    assert result.bytes == TABLE[want_crf][0] == (tmp_path / "out.avif").stat().st_size
    assert (result.psnr, result.ssim) == TABLE[want_crf][1:]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.avif"]
    warnings = avif.avif_warnings("clip", result)
    assert bool(warnings) == over and all("over the" in w for w in warnings)


def test_avif_floor_is_psnr_or_ssim():
    assert avif.AVIF_BUDGET_KB == 200
    assert avif.meets_floor(45.0, 0.9) and avif.meets_floor(30.0, 0.995)
    assert not avif.meets_floor(44.99, 0.99499)


# -- bad input ----------------------------------------------------------------------------------
def test_a_missing_or_broken_source_is_a_clear_error(tmp_path):
    with pytest.raises(ffmpeg_run.EncodeError, match=r"missing\.mov"):
        avif.encode_avif(tmp_path / "missing.mov", tmp_path / "out.avif")
    broken = tmp_path / "broken.mov"
    broken.write_bytes(b"no movie here" * 10)
    with pytest.raises(ffmpeg_run.EncodeError, match=r"broken\.mov"):
        avif.encode_avif(broken, tmp_path / "out.avif")
    assert not (tmp_path / "out.avif").exists()


def _tkhd_fields(tkhd: bytes) -> tuple:
    """Every field of a track header's payload but its version and duration (ISO/IEC 14496-12)."""
    if tkhd[0] == 0:
        created, modified, track, _, _ = struct.unpack(">IIIII", tkhd[4:24])
        rest = tkhd[24:]
    else:
        created, modified, track, _, _ = struct.unpack(">QQIIQ", tkhd[4:36])
        rest = tkhd[36:]
    return tkhd[1:4], created, modified, track, rest


def test_the_track_header_is_rewritten_as_libavif_writes_it_keeping_every_other_field(clip, encoded,
                                                                                      tmp_path):
    """ffmpeg writes a version-0 tkhd; the looping file has version 1 with a 64-bit duration of all
    ones at payload + 28, and the same flags, times, track, matrix and size as before."""
    once = tmp_path / "once.avif"
    avif.encode_sequence(clip[0], once, crf=40)
    before = _box_payloads(once.read_bytes(), [b"moov", b"trak", b"tkhd"])
    after = _box_payloads(isobmff.loop_forever(once.read_bytes()), [b"moov", b"trak", b"tkhd"])
    assert before[0] == 0 and after[0] == 1
    assert len(after) == len(before) + 12
    assert after[28:36] == b"\xff" * 8
    assert _tkhd_fields(after) == _tkhd_fields(before)


def test_a_version_1_duration_is_read_at_payload_plus_28():
    """A hand-built version-1 tkhd: version/flags, two 64-bit times, track_ID, reserved, then the
    duration; `repetition` must read that field, not the 4 bytes before it."""
    def header(duration: bytes) -> bytes:
        body = b"\x01\x00\x00\x03" + struct.pack(">QQII", 1, 2, 1, 0) + duration + bytes(60)
        return struct.pack(">I4s", 8 + len(body), b"tkhd") + body

    forever, finite = header(b"\xff" * 8), header(b"\x00\x00\x00\x00\xff\xff\xff\xff")
    for tkhd, expected in ((forever, (36, 8)), (finite, (36, 8))):
        (box,) = isobmff.boxes(tkhd)
        assert isobmff._tkhd_duration_at(tkhd, box) == expected  # 8 (box header) + 28
    assert forever[36:44] == b"\xff" * 8 and finite[36:44] != b"\xff" * 8


def test_loop_forever_refuses_what_is_not_an_image_sequence():
    with pytest.raises(isobmff.BoxError, match="not an AVIF image sequence"):
        isobmff.loop_forever(struct.pack(">I4s", 16, b"ftyp") + b"avifmif1")


# -- through the pipeline -------------------------------------------------------------------------
def test_render_writes_the_avif_and_the_manifest_records_bytes_and_fidelity(project):
    code, _ = project.render(("alpha",), "--format", "avif")
    assert code == 0
    manifest = json.loads((project.out / "manifest.json").read_text())
    record = manifest["scenes"]["alpha"]["outputs"]["preview/avif"]
    path = project.out / record["path"]
    assert record["bytes"] == path.stat().st_size > 0
    assert record["avif"]["psnr"] >= avif.AVIF_MIN_PSNR or record["avif"]["ssim"] >= avif.AVIF_MIN_SSIM
    assert record["avif"]["crf"] in avif.AVIF_CRF_STEPS and record["over_budget"] is False
    assert _loops_forever(path.read_bytes())
    with av.open(str(path)) as container:  # PyAV (its own FFmpeg 8) decodes it too
        _still, sequence = container.streams.video  # FFmpeg 8 shows the primary item, then the track
        assert sum(1 for _ in container.decode(sequence)) == record["frames"]
