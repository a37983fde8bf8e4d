"""Regenerate the committed reference images of the static figures (tests/figures/reference/).

Run after an intended change to a figure's look, look at every PNG, then commit them:
    .venv/bin/python scripts/update_figure_references.py
The image-comparison test then checks every later render against these within a tolerance.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from la_core import load_lesson  # noqa: E402
from la_render.figures import render_figures  # noqa: E402

REFERENCE_DIR = ROOT / "tests" / "figures" / "reference"


def main() -> int:
    REFERENCE_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="figure-references-") as tmp:
        entries = render_figures(load_lesson(), Path(tmp) / "figures")
        for name, entry in entries.items():
            source = Path(tmp) / entry["outputs"]["png"]["path"]
            shutil.copyfile(source, REFERENCE_DIR / f"{name}.png")
            print(f"wrote {(REFERENCE_DIR / f'{name}.png').relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
