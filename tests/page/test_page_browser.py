"""The gallery page in a real browser: Debian's headless Chromium driven by Playwright.

The test serves a renders/ folder of tiny synthetic media on 127.0.0.1, loads index.html and
checks what a reader would notice: an image that does not decode, a video with nothing it can
play, an image without alt text, a console error. A screenshot is saved under tmp_path.
"""

from __future__ import annotations

import contextlib
import functools
import io
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from la_render.page.build import build_page
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
def browser():
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def browser_page(browser):
    return browser.new_page(viewport={"width": 1100, "height": 900})


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


# -- motion: the AVIF plays, pauses, and respects reduced motion ----------------------------------
VECTORS_IMG = "#scene-vectors img"



def _sample(page) -> np.ndarray:
    """The vectors animation's pixels as the reader sees them (a screenshot of its box).

    Not a canvas copy: Chromium's drawImage() of an animated AVIF always gives its first frame
    (the spec's "default image"), so a canvas cannot tell a moving AVIF from a still one.
    """
    return np.asarray(Image.open(io.BytesIO(page.locator(VECTORS_IMG).screenshot())).convert("RGB"))


def _ready(page, url: str) -> None:
    page.goto(url, wait_until="load")
    page.locator(VECTORS_IMG).scroll_into_view_if_needed()
    page.wait_for_function(f"() => {{ const i = document.querySelector('{VECTORS_IMG}');"
                           " return i.complete && i.naturalWidth > 0; }", timeout=15_000)


def _moving(page, gap_ms: int = 700) -> bool:
    """Whether two samples of the vectors animation `gap_ms` apart differ (its clip: 2 s, 12.5 fps)."""
    first = _sample(page)
    page.wait_for_timeout(gap_ms)
    return not np.array_equal(first, _sample(page))


def test_avif_decodes_animates_loops_and_pauses(served, browser_page):
    url, _ = served
    _ready(browser_page, url)
    assert browser_page.evaluate(f"() => document.querySelector('{VECTORS_IMG}').currentSrc").endswith(
        "/web/vectors.avif")
    assert _moving(browser_page), "the AVIF is not animating"
    browser_page.wait_for_timeout(2200)  # past the clip's end: it loops rather than stopping
    assert _moving(browser_page), "the AVIF stopped after one play"

    button = browser_page.get_by_role("button", name="Pause Vectors are meaning")
    assert button.is_visible() and button.get_attribute("aria-pressed") == "false"
    button.focus()
    browser_page.keyboard.press("Enter")  # keyboard reachable
    assert button.get_attribute("aria-pressed") == "true"
    browser_page.wait_for_function(f"() => document.querySelector('{VECTORS_IMG}').currentSrc"
                                   ".endsWith('/web/vectors.png')", timeout=5000)
    browser_page.wait_for_timeout(200)
    assert not _moving(browser_page), "paused, yet it moves"

    button.click()
    assert button.get_attribute("aria-pressed") == "false"
    browser_page.wait_for_function(f"() => document.querySelector('{VECTORS_IMG}').currentSrc"
                                   ".endsWith('/web/vectors.avif')", timeout=5000)
    browser_page.wait_for_timeout(300)
    assert _moving(browser_page), "play did not restore the animation"


def test_pause_all_pauses_every_animation_and_the_looping_video(served, browser_page):
    url, _ = served
    _ready(browser_page, url)
    pause_all = browser_page.get_by_role("button", name="Pause all animations")
    pause_all.click()
    assert pause_all.get_attribute("aria-pressed") == "true"
    states = browser_page.evaluate("() => [...document.querySelectorAll('[data-anim-toggle]')]"
                                   ".map(b => b.getAttribute('aria-pressed'))")
    assert states == ["true", "true"]
    assert browser_page.evaluate("() => [...document.querySelectorAll('[data-anim] video')]"
                                 ".every(v => v.paused)")


def test_reduced_motion_starts_paused_on_the_poster(served, browser):
    url, _ = served
    page = browser.new_page(viewport={"width": 1100, "height": 900}, reduced_motion="reduce")
    _ready(page, url)
    assert page.evaluate(f"() => document.querySelector('{VECTORS_IMG}').currentSrc").endswith(
        "/web/vectors.png")
    button = page.get_by_role("button", name="Pause Vectors are meaning")
    assert button.get_attribute("aria-pressed") == "true"
    assert not _moving(page)
    assert page.evaluate("() => [...document.querySelectorAll('[data-anim] video')].every(v => v.paused)")


def test_reduced_motion_without_script_still_gets_the_poster(served, browser):
    url, _ = served
    context = browser.new_context(java_script_enabled=False, reduced_motion="reduce")
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.locator(VECTORS_IMG).scroll_into_view_if_needed()
    page.wait_for_function(f"() => document.querySelector('{VECTORS_IMG}').complete", timeout=15_000)
    # JavaScript is off for the page, not for Playwright's own evaluate
    assert page.evaluate(f"() => document.querySelector('{VECTORS_IMG}').currentSrc").endswith(
        "/web/vectors.png")
    toggle = page.locator("#scene-vectors [data-anim-toggle]")
    assert toggle.count() == 1 and toggle.is_hidden()  # no dead button without the script
    context.close()


def test_gif_is_the_fallback_without_the_avif_source(served, browser_page):
    url, _ = served
    browser_page.goto(url, wait_until="load")
    browser_page.evaluate("() => document.querySelectorAll('source[type=\"image/avif\"]')"
                          ".forEach(s => s.remove())")
    browser_page.locator(VECTORS_IMG).scroll_into_view_if_needed()
    browser_page.wait_for_function(f"() => document.querySelector('{VECTORS_IMG}').currentSrc"
                                   ".endsWith('/web/vectors.gif')", timeout=5000)
    browser_page.wait_for_function(f"() => document.querySelector('{VECTORS_IMG}').naturalWidth > 0",
                                   timeout=15_000)
