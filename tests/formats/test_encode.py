"""The encoders, checked against independent decoders (Pillow, PyAV, ffprobe, raw MP4 boxes).

Sources are small synthetic lossless clips made with ffmpeg's lavfi (fast), plus one tiny manim
render to check that `lossless_render_config` really yields a lossless RGB MOV.
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
from PIL import Image

from la_render.common import ffmpeg as ffmpeg_run
from la_render.formats import captions as captions_format
from la_render.formats import gif as gif_format
from la_render.formats import poster as poster_format
from la_render.formats import video as video_format
from la_render.pipeline import intermediate as intermediate

pytestmark = pytest.mark.skipif(not gif_format.tools_available(), reason="ffmpeg/gifsicle not installed")

CLIP_SECONDS = 2
CLIP_FPS = 25


def _lossless_clip(dest: Path, lavfi: str) -> Path:
    """A PNG-coded rgb24 MOV from a lavfi source, lossless like the worker's intermediate."""
    subprocess.run(
        ["ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", lavfi, "-c:v", "png",
         "-pix_fmt", "rgb24", str(dest)],
        check=True,
    )
    return dest


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """2 s at 25 fps, 320x180, every frame different (a moving pattern and a frame counter)."""
    folder = tmp_path_factory.mktemp("clip")
    return _lossless_clip(folder / "clip.mov",
                          f"testsrc2=size=320x180:rate={CLIP_FPS}:duration={CLIP_SECONDS}")


@pytest.fixture(scope="module")
def odd_clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Odd width and height: H.264 in yuv420p needs them made even."""
    folder = tmp_path_factory.mktemp("odd")
    return _lossless_clip(folder / "odd.mov", "testsrc=size=161x91:rate=25:duration=1")


def _ffprobe_stream(path: Path) -> dict:
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
         "stream=codec_name,pix_fmt,width,height", "-of", "json", str(path)],
        check=True, capture_output=True,
    ).stdout
    return json.loads(out)["streams"][0]


def _gif_durations(path: Path) -> tuple[list[int], Image.Image]:
    image = Image.open(path)
    durations = []
    for index in range(image.n_frames):
        image.seek(index)
        durations.append(image.info["duration"])
    image.seek(0)
    return durations, image


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- GIF ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(("fps", "delay_ms"), [(12.5, 80), (25, 40)])
def test_gif_frame_delays_and_infinite_loop(clip: Path, tmp_path: Path, fps: float, delay_ms: int) -> None:
    gif = tmp_path / "out.gif"
    result = gif_format.encode_gif(clip, gif, width=160, fps=fps, budget_kb=500)
    durations, image = _gif_durations(gif)
    assert durations == [delay_ms] * int(CLIP_SECONDS * fps)  # every source frame differs
    assert image.info["loop"] == 0  # NETSCAPE loop count 0 = forever
    assert image.size == (160, 90)
    assert result.bytes == gif.stat().st_size
    assert (result.colors, result.lossy, result.width, result.over_budget) == (256, None, 160, False)


def _clip_from_frames(dest: Path, frames: list[np.ndarray], fps: int = 25) -> Path:
    height, width, _ = frames[0].shape
    subprocess.run(
        ["ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24",
         "-s", f"{width}x{height}", "-r", str(fps), "-i", "-", "-c:v", "png", "-pix_fmt", "rgb24", str(dest)],
        input=b"".join(frame.tobytes() for frame in frames),
        check=True,
    )
    return dest


def test_gif_keeps_holds_and_folds_near_identical_frames(tmp_path: Path) -> None:
    """1 s of a moving bar, then 1 s where only two pixels flicker: the GIF still lasts 2 s."""
    frames = []
    for index in range(50):
        frame = np.full((90, 160, 3), 30, np.uint8)
        frame[40:50, 10 + 2 * min(index, 25) : 20 + 2 * min(index, 25)] = (250, 200, 40)
        if index >= 26 and (index // 2) % 2:  # on every other 12.5 fps frame
            frame[5, 5:7] = 255  # a flicker too small to be worth a GIF frame
        frames.append(frame)
    source = _clip_from_frames(tmp_path / "bar.mov", frames)
    gif = tmp_path / "bar.gif"
    gif_format.encode_gif(source, gif, width=160, fps=12.5)
    durations, _ = _gif_durations(gif)
    assert sum(durations) == 2000
    assert durations[-1] >= 1000 - 80  # the flickering second is one still frame
    assert all(delay % 80 == 0 for delay in durations)


def test_gif_uses_at_most_the_recorded_palette_size(clip: Path, tmp_path: Path) -> None:
    gif = tmp_path / "out.gif"
    result = gif_format.encode_gif(clip, gif, width=160, budget_kb=1)  # forced down to 32 colours
    image = Image.open(gif)
    colours: set[tuple[int, ...]] = set()
    for index in range(image.n_frames):
        image.seek(index)
        colours.update(map(tuple, np.asarray(image.convert("RGB")).reshape(-1, 3)))
    assert result.colors == 32
    assert 8 < len(colours) <= 32


def test_gif_rejects_rates_without_whole_centisecond_delays(clip: Path, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="fps"):
        gif_format.encode_gif(clip, tmp_path / "out.gif", fps=60)


def test_gif_budget_steps_down_in_order_and_records_it(
    clip: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tried: list[tuple] = []
    resample, palette, optimise = gif_format._resample, gif_format._palette_gif, gif_format._optimise_gif

    def record_resample(source: Path, dest: Path, *, width: int, fps: float) -> None:
        tried.append(("width", width))
        resample(source, dest, width=width, fps=fps)

    def record_palette(frames: Path, dest: Path, *, colors: int) -> None:
        tried.append(("colours", colors))
        palette(frames, dest, colors=colors)

    def record_optimise(raw: Path, dest: Path, lossy: int | None) -> None:
        tried.append(("lossy", lossy))
        optimise(raw, dest, lossy)

    monkeypatch.setattr(gif_format, "_resample", record_resample)
    monkeypatch.setattr(gif_format, "_palette_gif", record_palette)
    monkeypatch.setattr(gif_format, "_optimise_gif", record_optimise)
    gif = tmp_path / "tiny.gif"
    result = gif_format.encode_gif(clip, gif, width=160, budget_kb=1)

    # Each width: the best setting (256 colours, no --lossy), then the most reduced one (32, 30);
    # neither fits 1 KB, so the width is given up without searching the settings between.
    per_width = [("colours", 256), ("lossy", None), ("colours", 32), ("lossy", 30)]
    assert tried == [("width", 160), *per_width, ("width", 120), *per_width, ("width", 80), *per_width]
    assert (result.colors, result.lossy, result.width, result.over_budget) == (32, 30, 80, True)
    assert Image.open(gif).size == (80, 46)  # kept, at the last (smallest) setting
    assert result.bytes == gif.stat().st_size > 1000
    assert sorted(path.name for path in tmp_path.iterdir()) == ["tiny.gif"]  # no temporaries left


def _fake_ladder(monkeypatch: pytest.MonkeyPatch, sizes: dict, psnrs: dict) -> list[tuple]:
    """Encoder steps replaced by a table: each (colours, lossy) writes `sizes[...]` bytes."""
    tried: list[tuple] = []
    colours_of: dict[Path, int] = {}

    def fake_palette(frames: Path, dest: Path, *, colors: int) -> None:
        colours_of[dest] = colors
        dest.write_bytes(b"raw")

    def fake_optimise(raw: Path, dest: Path, lossy: int | None) -> None:
        key = (colours_of[raw], lossy)
        tried.append(key)
        dest.write_bytes(b"x" * sizes.get(key, 5000))

    def fake_psnr(gif: Path, frames: Path, fps: float) -> float:
        return psnrs[next(key for key in sizes if sizes[key] == gif.stat().st_size)]

    monkeypatch.setattr(gif_format, "_resample", lambda source, dest, *, width, fps: dest.write_bytes(b"f"))
    monkeypatch.setattr(gif_format, "_palette_gif", fake_palette)
    monkeypatch.setattr(gif_format, "_optimise_gif", fake_optimise)
    monkeypatch.setattr(gif_format, "_gif_psnr", fake_psnr)
    monkeypatch.setattr(gif_format, "probe", lambda path: ffmpeg_run.MediaInfo(160, 90, 12.5, 1, 1.0))
    return tried


@pytest.mark.parametrize(("psnr_256_lossy20", "want"), [(47.0, (256, 20)), (45.0, (128, None))])
def test_gif_budget_keeps_the_fitting_setting_closest_to_the_frames(
    clip: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, psnr_256_lossy20: float, want: tuple
) -> None:
    """256 colours fit from --lossy=20, 128 without --lossy: the higher PSNR wins, and the
    search stops there (64 and 32 colours could only be further from the frames)."""
    sizes = {(256, None): 1500, (256, 10): 1100, (256, 20): 1000, (128, None): 990, (32, 30): 400}
    psnrs = {(256, 20): psnr_256_lossy20, (128, None): 46.0, (32, 30): 30.0}
    tried = _fake_ladder(monkeypatch, sizes, psnrs)
    result = gif_format.encode_gif(clip, tmp_path / "out.gif", width=160, budget_kb=1)
    assert tried == [(256, None), (32, 30), (256, 10), (256, 20), (128, None)]
    assert (result.colors, result.lossy, result.width, result.over_budget) == (*want, 160, False)
    assert result.bytes == sizes[want] == (tmp_path / "out.gif").stat().st_size
    assert result.psnr == psnrs[want]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out.gif"]


def test_gif_budget_measures_fidelity_of_a_real_search(clip: Path, tmp_path: Path) -> None:
    full = gif_format.encode_gif(clip, tmp_path / "full.gif", width=160, budget_kb=10_000)
    budget_kb = full.bytes // 1000
    fewer = gif_format.encode_gif(clip, tmp_path / "fewer.gif", width=160, budget_kb=budget_kb)
    assert full.bytes > budget_kb * 1000  # the full-colour GIF is over the smaller budget
    assert (full.colors, full.lossy) == (256, None)
    assert fewer.colors < 256 or fewer.lossy is not None or fewer.width < 160
    assert fewer.bytes <= budget_kb * 1000 and not fewer.over_budget
    assert full.psnr is not None and fewer.psnr is not None
    assert 20 < fewer.psnr <= full.psnr  # fewer colours or --lossy: never closer to the frames


# -- video, poster -----------------------------------------------------------------------------
def _top_level_boxes(path: Path) -> list[str]:
    """MP4 top-level box types in file order, read from the bytes."""
    data, boxes, offset = path.read_bytes(), [], 0
    while offset + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[offset:offset + 8])
        if size == 1:
            size = struct.unpack(">Q", data[offset + 8:offset + 16])[0]
        boxes.append(kind.decode("latin-1"))
        if size < 8:
            break
        offset += size
    return boxes


def test_mp4_is_h264_yuv420p_with_moov_first(odd_clip: Path, tmp_path: Path) -> None:
    mp4 = tmp_path / "out.mp4"
    info = video_format.encode_mp4(odd_clip, mp4)
    stream = _ffprobe_stream(mp4)
    assert (stream["codec_name"], stream["pix_fmt"]) == ("h264", "yuv420p")
    assert (stream["width"], stream["height"]) == (160, 90) == (info.width, info.height)
    boxes = _top_level_boxes(mp4)
    assert boxes.index("moov") < boxes.index("mdat")
    assert info.frames == 25 and info.fps == 25.0


def test_webm_is_vp9(clip: Path, tmp_path: Path) -> None:
    webm = tmp_path / "out.webm"
    info = video_format.encode_webm(clip, webm)
    assert _ffprobe_stream(webm)["codec_name"] == "vp9"
    assert (info.width, info.height, info.frames) == (320, 180, CLIP_SECONDS * CLIP_FPS)


def test_poster_is_the_last_frame(clip: Path, tmp_path: Path) -> None:
    poster = tmp_path / "poster.png"
    poster_format.extract_poster(clip, poster)
    with av.open(str(clip)) as container:
        decoded = [frame.to_ndarray(format="rgb24") for frame in container.decode(video=0)]
    ours = np.asarray(Image.open(poster).convert("RGB")).astype(int)
    assert ours.shape == decoded[-1].shape
    assert np.abs(ours - decoded[-1]).max() <= 1
    assert np.abs(ours - decoded[-2]).max() > 10  # it is that frame, not merely a similar one


def test_probe_reads_size_rate_frames_duration(clip: Path) -> None:
    assert ffmpeg_run.probe(clip) == ffmpeg_run.MediaInfo(320, 180, 25.0, 50, 2.0)


@pytest.mark.parametrize("kind", ["gif", "mp4", "webm", "png"])
def test_outputs_are_byte_identical_across_two_encodes(clip: Path, tmp_path: Path, kind: str) -> None:
    make = {"gif": lambda s, d: gif_format.encode_gif(s, d, width=160), "mp4": video_format.encode_mp4,
            "webm": video_format.encode_webm, "png": poster_format.extract_poster}[kind]
    first, second = tmp_path / f"a.{kind}", tmp_path / f"b.{kind}"
    make(clip, first)
    make(clip, second)
    assert _sha256(first) == _sha256(second)


# -- errors ------------------------------------------------------------------------------------
def test_a_failing_encode_names_the_file_and_shows_ffmpeg_stderr(tmp_path: Path) -> None:
    broken = tmp_path / "broken.mov"
    broken.write_bytes(b"not a movie at all" * 10)
    with pytest.raises(ffmpeg_run.EncodeError, match=r"broken\.mov") as caught:
        video_format.encode_mp4(broken, tmp_path / "out.mp4")
    assert "Invalid data" in str(caught.value)


def test_a_missing_source_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ffmpeg_run.EncodeError, match=r"missing\.mov"):
        gif_format.encode_gif(tmp_path / "missing.mov", tmp_path / "out.gif")


# -- captions ----------------------------------------------------------------------------------
def test_captions_write_srt_and_webvtt(tmp_path: Path) -> None:
    srt, vtt = tmp_path / "c.srt", tmp_path / "c.vtt"
    captions_format.write_captions([(61.25, 3725.0074, "second\n\ntwo lines"), (0.0, 1.5, "first")], srt, vtt)
    assert srt.read_text(encoding="utf-8") == (
        "1\n00:00:00,000 --> 00:00:01,500\nfirst\n\n"
        "2\n00:01:01,250 --> 01:02:05,007\nsecond\ntwo lines\n"
    )
    assert vtt.read_text(encoding="utf-8") == (
        "WEBVTT\n\n"
        "00:00:00.000 --> 00:00:01.500\nfirst\n\n"
        "00:01:01.250 --> 01:02:05.007\nsecond\ntwo lines\n"
    )


# -- the manim intermediate --------------------------------------------------------------------
@pytest.mark.render
def test_lossless_render_config_gives_a_lossless_rgb_mov_that_keeps_wait_timing(tmp_path: Path) -> None:
    manim = pytest.importorskip("manim")

    class Blink(manim.Scene):
        def construct(self) -> None:
            self.add(manim.Square(color="#ff8800", fill_opacity=1))
            self.wait(0.4)
            self.play(manim.FadeOut(self.mobjects[0]), run_time=0.2)
            self.wait(0.4)

    settings = {"media_dir": str(tmp_path / "media"), "pixel_width": 160, "pixel_height": 90,
                "frame_rate": 25, "verbosity": "ERROR", "progress_bar": "none",
                **intermediate.lossless_render_config()}
    with manim.tempconfig(settings):
        Blink().render()
    movie = intermediate.find_rendered_movie(tmp_path / "media", "Blink")
    assert "partial_movie_files" not in movie.parts
    stream = _ffprobe_stream(movie)
    assert stream["codec_name"] in {"png", "qtrle"} and stream["pix_fmt"] == "rgb24"  # lossless RGB
    assert ffmpeg_run.probe(movie).frames == 25  # 0.4 + 0.2 + 0.4 s at 25 fps
    with av.open(str(movie)) as container:
        first = next(container.decode(video=0)).to_ndarray(format="rgb24")
    assert tuple(first[45, 80]) == (0xFF, 0x88, 0x00)  # the square's fill, exactly


def test_budget_kb_is_a_thousand_bytes(clip: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A GIF of 1001 bytes is over a 1 KB budget (it would fit 1 KiB): "500 KB" holds either way."""
    _fake_ladder(monkeypatch, {(256, None): 1001, (32, 30): 1001}, {(256, None): 50.0, (32, 30): 50.0})
    result = gif_format.encode_gif(clip, tmp_path / "out.gif", width=160, budget_kb=1)
    assert result.over_budget and result.bytes == 1001
