"""The gallery page in a real browser: Debian's headless Chromium driven by Playwright.

The test serves a renders/ folder of tiny synthetic media on 127.0.0.1, loads index.html and
checks what a reader would notice: an image that does not decode, a video with nothing it can
play, an image without alt text, a console error. A screenshot is saved under tmp_path.
"""

from __future__ import annotations

import contextlib
import functools
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from la_render.page import build_page
from tests.page.synthetic import build_renders, needs_ffmpeg

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = [
    needs_ffmpeg,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is missing (make test adds it)"),
]


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass

    def handle(self):
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # cancelled media requests
            super().handle()


@pytest.fixture
def served(tmp_path) -> Iterator[tuple[str, Path]]:
    renders = tmp_path / "renders"
    renders.mkdir()
    build_page(build_renders(renders), renders)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(renders)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/index.html", renders
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def browser_page():
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            yield page
        finally:
            browser.close()


IMAGES_DECODED = """() => [...document.images].every(img => img.complete && img.naturalWidth > 0)"""

VIDEOS_SETTLED = """() => [...document.querySelectorAll("video")]
    .every(v => v.error !== null || v.readyState >= 1)"""

VIDEO_REPORT = """() => [...document.querySelectorAll("video")].map(v => ({
    src: v.currentSrc,
    error: v.error && v.error.code,
    readyState: v.readyState,
    playable: [...v.querySelectorAll("source")].filter(s => v.canPlayType(s.type) !== "").length,
    captions: [...v.querySelectorAll("track[kind=captions]")].map(t => t.track.mode),
    cues: [...v.textTracks].filter(t => t.kind === "captions").map(t => t.cues ? t.cues.length : -1),
}))"""


def test_page_in_chromium(served, browser_page, tmp_path):
    url, _ = served
    errors: list[str] = []
    browser_page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    browser_page.on("pageerror", lambda exc: errors.append(str(exc)))
    failed: list[str] = []
    browser_page.on("requestfailed", lambda r: failed.append(r.url) if not r.url.endswith((".mp4", ".webm"))
                    else None)

    browser_page.goto(url, wait_until="load")
    browser_page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
    for image in browser_page.locator("img").all():  # lazy images load once they come into view
        image.scroll_into_view_if_needed()
    browser_page.wait_for_function(IMAGES_DECODED, timeout=15_000)
    browser_page.wait_for_function(VIDEOS_SETTLED, timeout=15_000)
    # captions tracks load their cues when shown
    browser_page.wait_for_function(
        "() => [...document.querySelectorAll('track[kind=captions]')].every(t => t.readyState === 2)",
        timeout=15_000,
    )

    images = browser_page.evaluate("() => [...document.images].map(i => [i.getAttribute('src'), i.alt])")
    assert len(images) == 3  # two GIFs in budget (the over-budget one plays as video), one figure
    assert all(alt.strip() for _, alt in images), images

    videos = browser_page.evaluate(VIDEO_REPORT)
    assert len(videos) == 4  # the lecture, rank's looping animation, vectors (lecture) and rank (web)
    for video in videos:
        assert video["error"] is None, video
        assert video["playable"] >= 1, video
        assert video["src"], video
        assert video["readyState"] >= 1, video
    captioned = [v for v in videos if v["captions"]]
    assert len(captioned) == 3 and all(v["cues"] == [1] for v in captioned), captioned

    assert errors == [], errors
    assert failed == [], failed

    shot = tmp_path / "page.png"
    browser_page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    keep = Path("/tmp/figures")  # for a person to look at after a local run
    if keep.is_dir():
        shutil.copyfile(shot, keep / "page-screenshot.png")
