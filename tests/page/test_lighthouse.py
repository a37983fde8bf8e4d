"""Lighthouse (npm `lighthouse`, pinned in the Makefile) audits the gallery page in Debian's Chromium.

One page load, default mobile settings. The first animation's GIF is noise over Lighthouse's
100 KiB line, so "use video formats for animated content" would fire if the browser fetched it;
the test also checks that it fetched the AVIF instead. The JSON report is kept in tmp_path.
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from la_render.page.build import build_page
from tests.page.synthetic import build_renders, needs_ffmpeg
from tests.page.test_page_browser import CHROMIUM, QuietHandler

ROOT = Path(__file__).resolve().parents[2]
LIGHTHOUSE = ROOT / ".tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
THRESHOLDS = {"accessibility": 1.0, "best-practices": 0.95, "performance": 0.90}
HEAVY_GIF_BYTES = 100 * 1024  # Lighthouse flags animated GIFs over 100 KiB

_required = os.environ.get("LA_RENDER_REQUIRE_LIGHTHOUSE") == "1"  # `make test` sets it
pytestmark = [
    needs_ffmpeg,
    pytest.mark.skipif(not CHROMIUM.exists() and not _required, reason="Debian's chromium is missing"),
    pytest.mark.skipif(not LIGHTHOUSE.exists() and not _required,
                       reason="lighthouse is not installed (`make test` installs it into .tools/)"),
]


@pytest.fixture
def heavy_site(tmp_path) -> Iterator[tuple[str, Path]]:
    renders = tmp_path / "renders"
    renders.mkdir()
    build_page(build_renders(renders, heavy_gif=True), renders)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(renders)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/index.html", renders
    finally:
        server.shutdown()
        server.server_close()


def _run_lighthouse(url: str, report: Path) -> dict:
    flags = "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-component-update"
    done = subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
         "--only-categories=accessibility,best-practices,performance", f"--chrome-flags={flags}"],
        env={**os.environ, "CHROME_PATH": str(CHROMIUM)}, capture_output=True, text=True, timeout=240,
        check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(report.read_text(encoding="utf-8"))


def test_lighthouse_scores_and_no_heavy_gif(heavy_site, tmp_path):
    url, renders = heavy_site
    assert (renders / "web/vectors.gif").stat().st_size > HEAVY_GIF_BYTES  # the audit could fire
    result = _run_lighthouse(url, tmp_path / "lighthouse.json")
    scores = {name: result["categories"][name]["score"] for name in THRESHOLDS}
    print(f"\nLighthouse {result['lighthouseVersion']}: "
          + ", ".join(f"{name} {round(score * 100)}" for name, score in scores.items())
          + f" (JSON: {tmp_path / 'lighthouse.json'})")
    failing = {name: [audit_id for audit_id, audit in result["audits"].items()
                      if audit.get("score") is not None and audit["score"] < 1
                      and audit.get("scoreDisplayMode") in {"binary", "numeric", "metricSavings"}]
               for name, score in scores.items() if score < THRESHOLDS[name]}
    assert all(scores[name] >= THRESHOLDS[name] for name in THRESHOLDS), (scores, failing)

    animated = result["audits"]["efficient-animated-content"]
    assert animated["score"] in (None, 1) and not (animated.get("details") or {}).get("items"), animated
    fetched = [item["url"] for item in result["audits"]["network-requests"]["details"]["items"]]
    assert any(u.endswith("/web/vectors.avif") for u in fetched), fetched
    assert not any(u.endswith("/web/vectors.gif") for u in fetched), fetched
