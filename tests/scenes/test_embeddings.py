"""The `embeddings` scene: an image unrolled into its pixels and compared by cosine, a user dotted
with every item and the top one recommended, a second user by cosine, and one line per row of the
lesson's table; edits to [embeddings] are followed. Expected values come from plain numpy."""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest

from la_core import load_lesson
from scenes.embeddings import Embeddings
from tests.scenes.claims_issue18 import issue18_claims
from tests.scenes.conftest import default_run
from tests.scenes.harness import edit_lesson, run_scene

pytestmark = pytest.mark.xdist_group("embeddings")

#: A neighbour pointing away from the user, and a user who now prefers comedy.
EDITS = {"user = [0.9, 0.1, 0.4]": "user = [0.1, 0.9, 0.2]",
         "neighbour = [0.8, 0.2, 0.5]": "neighbour = [0.9, 0.0, 0.1]"}


@cache
def edited_run():
    return run_scene(Embeddings, lesson=edit_lesson(EDITS))


def cos(a, b) -> float:
    a, b = np.ravel(np.asarray(a, dtype=float)), np.ravel(np.asarray(b, dtype=float))
    return float(a @ b / np.linalg.norm(a) / np.linalg.norm(b))


def expected(lesson):
    data = lesson.embeddings
    items = np.stack([np.asarray(v, dtype=float) for v in data.items.values()])
    return data, items @ np.asarray(data.user), items @ np.asarray(data.neighbour), list(data.items)


def test_the_image_unrolls_and_compares_by_cosine() -> None:
    lesson, result = load_lesson(), default_run("embeddings")
    assert not result.problems, "\n".join(result.problems[:10])
    data = lesson.embeddings
    assert len(np.ravel(data.image)) == 16
    assert any("one vector of 16 numbers" in c for _, _, c in result.captions)
    for value in (cos(data.image, data.near), cos(data.image, data.other)):
        assert any(f"cos {value:.2f}" in t for t in result.texts), value


def test_the_user_is_dotted_with_every_item_and_the_top_one_recommended() -> None:
    lesson, result = load_lesson(), default_run("embeddings")
    data, mine, theirs, names = expected(lesson)
    for value in [*mine, *theirs]:
        assert result.shows(value), value
    assert f"Recommended: {names[int(np.argmax(mine))]}" in result.texts
    near = cos(data.user, data.neighbour)
    assert near >= 0.7 and any(f"cos {near:.2f}" in t and "nearby" in t for t in result.texts)
    final = " ".join(result.texts)
    for row in ("A word →", "A document →", "An image →", "A user →"):  # the lesson's table, tied back
        assert row in final
    assert f"a vector of {len(lesson.words['king'])} numbers (king, queen and apple)" in final


def test_an_edited_user_and_a_far_neighbour_are_followed() -> None:
    lesson, result = edit_lesson(EDITS), edited_run()
    assert not result.problems, "\n".join(result.problems[:10])
    data, mine, _, names = expected(lesson)
    assert f"Recommended: {names[int(np.argmax(mine))]}" in result.texts
    assert cos(data.user, data.neighbour) < 0.7
    assert any("not nearby" in c for _, _, c in result.captions)
    assert issue18_claims("A second user nearby (cos 0.10) picks heist too.", lesson, "embeddings")
