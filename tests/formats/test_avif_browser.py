"""The animated AVIF loops forever in a real browser: Debian's headless Chromium, via Playwright.

Chromium decodes AVIF with CrabbyAvif. A version-0 track header whose 32-bit duration is all ones
reads there as a finite duration (measured with Chromium 156: 167772 repetitions for a 2 s clip),
so `isobmff.loop_forever` writes the header as libavif does (version 1, 64-bit indefinite
duration). This test asks the browser itself: `ImageDecoder(...).tracks.selectedTrack
.repetitionCount` must be Infinity. (ImageDecoder needs a secure context: the file is read by a
page served on 127.0.0.1.)
"""

from __future__ import annotations

import base64
import contextlib
import functools
import subprocess
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from la_render.formats import avif, isobmff
from la_render.formats import gif as gif_format
from tests.formats.test_avif import _scene_like_frames
from tests.page.test_page_browser import CHROMIUM, CHROMIUM_ARGS

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = [
    pytest.mark.skipif(not gif_format.tools_available(), reason="ffmpeg/gifsicle not installed"),
    pytest.mark.skipif(not avif.encoder_available(), reason="ffmpeg has no libaom-av1"),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is missing (make test adds it)"),
]

#: Decode the bytes (base64) with the browser's ImageDecoder; report the selected track.
TRACK = """async (b64) => {
  const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
  const decoder = new ImageDecoder({data: bytes, type: "image/avif"});
  await decoder.tracks.ready;
  const track = decoder.tracks.selectedTrack;
  return {repetitions: String(track.repetitionCount), frames: track.frameCount, animated: track.animated};
}"""


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    (folder / "index.html").write_text("<!doctype html><title>avif</title>", encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    finally:
        server.shutdown()
        server.server_close()


def track_in_chromium(data: bytes, folder: Path) -> dict:
    with served(folder) as url, playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(url)
            return page.evaluate(TRACK, base64.b64encode(data).decode("ascii"))
        finally:
            browser.close()


def test_chromium_repeats_the_rendered_avif_forever(tmp_path):
    frames = _scene_like_frames()
    clip = tmp_path / "clip.mov"
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24",
                    "-s", "320x180", "-r", "25", "-i", "-", "-c:v", "png", "-pix_fmt", "rgb24", str(clip)],
                   input=b"".join(f.tobytes() for f in frames), check=True)
    dest = tmp_path / "clip.avif"
    avif.encode_avif(clip, dest, width=160, fps=12.5)
    data = dest.read_bytes()
    assert isobmff.repetition(data) == "forever"
    track = track_in_chromium(data, tmp_path)
    assert track["animated"] and track["frames"] == 13  # 1 s at 12.5 fps, rounded up
    assert track["repetitions"] == "Infinity", track
