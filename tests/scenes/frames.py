"""Our own last-frame comparison (manim's frames_comparison skips itself on Debian's cairo 1.16).

Each scene's last frame at 854×480 is compared with a committed reference PNG in
tests/scenes/reference/. Regenerate references after an intended visual change with:

    .venv/bin/python -m tests.scenes.frames [SLUG ...]
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

REFERENCE_DIR = Path(__file__).parent / "reference"
#: A pixel "differs" when any channel moves by more than this (anti-aliasing noise is smaller).
PIXEL_THRESHOLD = 40
#: The frame matches when at most this share of pixels differ...
MAX_DIFFERING_SHARE = 0.002
#: ...and the mean absolute difference stays below this (0–255 scale).
MAX_MEAN_DIFFERENCE = 1.0


@dataclass(frozen=True)
class FrameDiff:
    differing_share: float
    mean_difference: float
    same_size: bool

    @property
    def matches(self) -> bool:
        return (
            self.same_size
            and self.differing_share <= MAX_DIFFERING_SHARE
            and self.mean_difference <= MAX_MEAN_DIFFERENCE
        )

    def __str__(self) -> str:
        if not self.same_size:
            return "frame size differs from the reference"
        return (
            f"{self.differing_share:.3%} of pixels differ (limit {MAX_DIFFERING_SHARE:.1%}), "
            f"mean difference {self.mean_difference:.2f} (limit {MAX_MEAN_DIFFERENCE})"
        )


def rgb(frame: np.ndarray) -> np.ndarray:
    """Drop alpha; int16 so differences do not wrap."""
    return np.asarray(frame)[..., :3].astype(np.int16)


def compare(frame: np.ndarray, reference: np.ndarray) -> FrameDiff:
    """How far `frame` is from `reference` (both H×W×3 or ×4 uint8 arrays)."""
    a, b = rgb(frame), rgb(reference)
    if a.shape != b.shape:
        return FrameDiff(1.0, 255.0, same_size=False)
    difference = np.abs(a - b)
    differing = np.any(difference > PIXEL_THRESHOLD, axis=-1)
    return FrameDiff(float(differing.mean()), float(difference.mean()), same_size=True)


def reference_path(slug: str) -> Path:
    return REFERENCE_DIR / f"{slug}.png"


def load_reference(slug: str) -> np.ndarray:
    return np.asarray(Image.open(reference_path(slug)).convert("RGB"))


def save_reference(slug: str, frame: np.ndarray) -> Path:
    REFERENCE_DIR.mkdir(parents=True, exist_ok=True)
    path = reference_path(slug)
    Image.fromarray(np.asarray(frame)[..., :3].astype(np.uint8)).save(path, optimize=True)
    return path


def main(argv: list[str]) -> int:
    """Re-render the last frame of the named scenes (default: all) and store them as references."""
    from scenes.catalog import CATALOG, get
    from tests.scenes.harness import run_scene

    entries = [get(slug) for slug in argv] if argv else list(CATALOG)
    for entry in entries:
        result = run_scene(entry.load(), audit=False)
        print(f"{entry.slug}: wrote {save_reference(entry.slug, result.last_frame)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
