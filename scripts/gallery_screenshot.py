"""Screenshot the gallery page for the README (docs/gallery.png), in Debian's headless Chromium.

Run after `make render`: `.venv/bin/python scripts/gallery_screenshot.py [RENDERS] [OUT]`.
Waits a few seconds so the first GIF has drawn its vectors rather than its opening frame.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
VIEWPORT = {"width": 880, "height": 1120}
SETTLE_MS = 6000


def screenshot(renders: Path, out: Path) -> None:
    page_file = (renders / "index.html").resolve()
    if not page_file.is_file():
        raise SystemExit(f"{page_file}: no gallery page; run `make render` first")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport=VIEWPORT)
        page.goto(page_file.as_uri())
        page.wait_for_timeout(SETTLE_MS)
        page.screenshot(path=str(out))
        browser.close()


if __name__ == "__main__":
    renders = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "renders"
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "docs" / "gallery.png"
    screenshot(renders, out)
    print(f"wrote {out}")
