"""The `training` scene: W starts at zero and gradient steps end at numpy's least-squares W, shown
beside lstsq's; the targets, the rate and the loss are on screen; edits to [training] are followed.

Expected values come from plain numpy (np.linalg.lstsq and a gradient loop written here)."""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest

from la_core import load_lesson
from scenes.training import TrainingScene
from tests.scenes.claims_issue18 import _fit, issue18_claims
from tests.scenes.conftest import default_run
from tests.scenes.harness import among, edit_lesson, run_scene

pytestmark = pytest.mark.xdist_group("training")

#: Other targets, a larger rate and fewer steps (the loader's advice: 61 or more).
EDITS = {"[[1.0, 0.5],    # king": "[[0.5, 1.0],    # king",
         "[0.8, -0.5],   # queen": "[-0.5, 0.5],   # queen",
         "rate = 0.5": "rate = 0.8", "steps = 120": "steps = 70"}


@cache
def edited_run():
    return run_scene(TrainingScene, lesson=edit_lesson(EDITS))


def test_the_trained_w_is_shown_beside_lstsqs_and_they_agree() -> None:
    lesson, result = load_lesson(), default_run("training")
    _, targets, best, losses = _fit(lesson)
    shown = result.final_numbers
    for value in best.ravel():  # W after the steps and lstsq's W: both on screen, both this value
        assert sum(abs(n - value) <= 0.005 + 1e-9 for n in shown) >= 2, value
    for value in [*targets.ravel(), losses[-1]]:
        assert among(value, shown) or among(value, shown, 3), value
    assert result.shows(losses[0], 3) and lesson.training.steps in shown
    assert any("np.linalg.lstsq" in c for _, _, c in result.captions)


def test_w_starts_at_zero_and_the_loss_falls() -> None:
    result = default_run("training")
    lesson = load_lesson()
    _, _, _, losses = _fit(lesson)
    assert losses[0] > losses[1] > losses[2]
    start = next(c for _, _, c in result.captions if c.startswith("W starts at zero"))
    assert f"{losses[0]:.3f}" in start
    assert not result.problems, "\n".join(result.problems[:10])


def test_an_edited_training_is_followed() -> None:
    lesson, result = edit_lesson(EDITS), edited_run()
    assert not result.problems, "\n".join(result.problems[:10])
    _, targets, best, _ = _fit(lesson)
    assert np.allclose(targets[0], [0.5, 1.0])
    for value in best.ravel():
        assert among(value, result.final_numbers), value
    assert any("rate 0.8" in c for _, _, c in result.captions)
    assert any("70 steps" in c for _, _, c in result.captions)
    old = np.linalg.lstsq(*(_fit(load_lesson())[:2]), rcond=None)[0].T
    assert not all(among(v, result.final_numbers) for v in old.ravel())


def test_the_claims_check_can_fail() -> None:
    """A sentence saying every output reaches its target is caught when no W fits them all."""
    fig = "apple = [0.1, 0.1, 0.9, 0.2]\nfig = [0.9, 0.8, 0.1, 0.7]"  # king's numbers, another target
    lesson = edit_lesson({"apple = [0.1, 0.1, 0.9, 0.2]": fig,
                          "           [-0.8, 0.2]]   # apple": "           [-0.8, 0.2],   # apple\n"
                                                               "           [-1.0, -1.0]]",
                          "steps = 120": "steps = 110"})
    said = "After 110 steps every output is on its target: the loss is 0.000."
    assert issue18_claims(said, lesson, "training")
    assert not issue18_claims(said, load_lesson(), "training")
