"""The `exercise1` scene: three toy 3-D words on axes ticked at their own numbers, every pair's
cosine, and the similar and the different pair named by the reading; edits are followed.

Expected values come from plain numpy here."""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pytest

from la_core import load_lesson
from scenes.exercise1 import ExerciseOne
from tests.scenes.claims_issue18 import issue18_claims
from tests.scenes.conftest import default_run
from tests.scenes.harness import among, edit_lesson, run_scene

pytestmark = pytest.mark.xdist_group("exercise1")

NOTHING_SIMILAR = {"tea    = [0.9, 0.7, 0.1]": "sky = [1.0, 0.0, 0.1]",
                   "coffee = [0.7, 0.9, 0.2]": "sea = [0.0, 1.0, -0.2]",
                   "brick  = [0.1, 0.1, 0.9]": "sand = [-0.1, 0.2, 1.0]"}


def cosines(lesson) -> dict[tuple[str, str], float]:
    toys = {n: np.asarray(v, dtype=float) for n, v in lesson.exercise1.items()}
    return {(a, b): float(toys[a] @ toys[b] / np.linalg.norm(toys[a]) / np.linalg.norm(toys[b]))
            for a, b in combinations(toys, 2)}


def test_ticks_are_the_words_numbers_and_every_cosine_is_read_out() -> None:
    lesson, result = load_lesson(), default_run("exercise1")
    assert not result.problems, "\n".join(result.problems[:10])
    for value in np.concatenate([np.asarray(v) for v in lesson.exercise1.values()]):
        assert among(value, result.final_numbers), value
    for (a, b), cos in cosines(lesson).items():
        assert any(t.startswith(f"{a} and {b}:") and f"cos {cos:.2f}" in t for t in result.texts), (a, b)


def test_the_similar_and_the_different_pair_are_named_by_their_cosines() -> None:
    lesson, result = load_lesson(), default_run("exercise1")
    pairs = cosines(lesson)
    closest, farthest = max(pairs, key=pairs.get), min(pairs, key=pairs.get)
    assert pairs[closest] >= 0.7 > pairs[farthest]  # the shipped words: one similar pair, one not
    assert f"Similar: {closest[0]} and {closest[1]}" in " ".join(result.texts)
    assert f"Different: {farthest[0]} and {farthest[1]}" in " ".join(result.texts)


def test_no_similar_pair_is_said_so() -> None:
    lesson = edit_lesson(NOTHING_SIMILAR)
    assert max(cosines(lesson).values()) < 0.7
    result = run_scene(ExerciseOne, lesson=lesson)
    assert not result.problems, "\n".join(result.problems[:10])
    assert any(t.startswith("No similar pair") for t in result.texts)
    assert not any(t.startswith("Similar:") for t in result.texts)
    for value in (1.0, -0.2, -0.1):
        assert among(value, result.final_numbers), value
    said = "Similar: sky and sea (cos 0.00)"
    assert issue18_claims(said, lesson, "exercise1"), "the claims check must catch a false 'similar'"
