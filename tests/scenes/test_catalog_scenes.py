"""Every catalogued scene: renders, is captioned and paced, passes the layout audit, matches its
reference last frame, and follows edits to the lesson data."""

from __future__ import annotations

import numpy as np
import pytest

from la_core.lesson import load_lesson, parse_lesson
from scenes.catalog import CATALOG, get
from tests.scenes import frames
from tests.scenes.conftest import default_run
from tests.scenes.harness import run_scene

SLUGS = [entry.slug for entry in CATALOG]
# One xdist group per scene, so its cached run is shared by the tests that read it.
SCENES = [pytest.param(slug, marks=pytest.mark.xdist_group(slug)) for slug in SLUGS]
MIN_SECONDS, MAX_SECONDS = 15, 40


def test_catalogue_has_the_lesson_scenes_in_order_with_alt_text() -> None:
    assert SLUGS == ["ladder", "vectors", "dot_product", "normalize", "vector_search", "embeddings", "rank",
                     "conditioning", "linear_transform", "linear_layer", "training", "matmul", "attention",
                     "model", "lora", "exercise1"]
    lesson_sections = set(load_lesson().data)
    for entry in CATALOG:
        assert entry.title and entry.step and len(entry.alt(load_lesson()).split()) >= 12, entry.slug
        assert set(entry.sections) <= lesson_sections, entry.slug
        assert entry.load().__name__ == entry.class_name


@pytest.mark.parametrize("slug", SCENES)
def test_scene_passes_layout_audit(slug: str) -> None:
    result = default_run(slug)
    assert result.checkpoints > 3
    assert not result.problems, "\n".join(result.problems[:20])


@pytest.mark.parametrize("slug", SCENES)
def test_scene_is_paced_and_captioned(slug: str) -> None:
    result = default_run(slug)
    assert MIN_SECONDS <= result.duration <= MAX_SECONDS, f"{slug} lasts {result.duration:.1f} s"
    assert result.captions, f"{slug} has no captions"
    assert len(result.captions) >= 3
    for start, end, text in result.captions:
        assert end > start and text.strip(), (start, end, text)
    shown = sum(end - start for start, end, _ in result.captions)
    assert shown >= 0.9 * result.duration, f"{slug}: captions cover {shown:.1f} of {result.duration:.1f} s"
    starts = [start for start, _, _ in result.captions]
    assert starts == sorted(starts), f"{slug}: captions out of order"


@pytest.mark.parametrize("slug", SCENES)
def test_last_frame_matches_reference(slug: str) -> None:
    if not frames.reference_path(slug).exists():
        pytest.fail(f"no reference frame for {slug}: run `python -m tests.scenes.frames {slug}`")
    diff = frames.compare(default_run(slug).last_frame, frames.load_reference(slug))
    assert diff.matches, f"{slug}: {diff}"


@pytest.mark.xdist_group("linear_transform")
def test_frame_comparison_catches_a_changed_matrix() -> None:
    """The grid scene's last frame must no longer match once the lesson's matrix changes."""
    text = _default_text().replace(
        "matrix = [[1.5, -0.5],", "matrix = [[0.5, -1.5],"
    )
    edited = parse_lesson(text, "edited.toml")
    assert not np.allclose(edited.matrix, load_lesson().matrix)
    result = run_scene(get("linear_transform").load(), lesson=edited, audit=False)
    diff = frames.compare(result.last_frame, frames.load_reference("linear_transform"))
    assert not diff.matches, f"an edited matrix still matched the reference: {diff}"


def test_compare_tolerates_noise_but_not_changes() -> None:
    rng = np.random.default_rng(0)
    base = rng.integers(0, 256, size=(48, 64, 3), dtype=np.uint8)
    noisy = np.clip(base.astype(int) + rng.integers(-1, 2, size=base.shape), 0, 255).astype(np.uint8)
    assert frames.compare(noisy, base).matches
    changed = base.copy()
    changed[10:20, 10:30] = 255 - changed[10:20, 10:30]
    assert not frames.compare(changed, base).matches
    assert not frames.compare(base[:40], base).matches


def _default_text() -> str:
    from importlib import resources

    return resources.files("la_core").joinpath("lesson.toml").read_text(encoding="utf-8")
