"""The 3-D views (vectors, rank) read at 640 px: the extended layout audit finds no overlapping
labels, no label away from its arrow and no view under its share of the frame, from every angle
of the camera swing, with the shipped lesson and with an edited one (five words in 4-D, two of
them 9.6° apart); and the audit itself fails on pictures that have those faults.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest
from manim import DOWN, RIGHT, Line, Polygon, Scene, Text, VGroup

from la_core import Lesson
from scenes.catalog import get
from tests.scenes.audit_views import MAX_LABEL_GAP, label_problems, view_problems
from tests.scenes.conftest import default_run
from tests.scenes.harness import RunResult, _screen_box, _visible_parts, audit_layout, edit_lesson, run_scene

pytestmark = pytest.mark.xdist_group("views3d")

SHIPPED_WORDS = "king  = [0.9, 0.8, 0.1, 0.7]\nqueen = [0.9, 0.2, 0.1, 0.8]\napple = [0.1, 0.1, 0.9, 0.2]"
#: bread and wheat 9.6° apart, river and lake 19° apart, all five spanning 4-D.
FIVE_WORDS = {"bread": [0.9, 0.8, 0.1, 0.1], "wheat": [0.8, 0.9, 0.25, 0.1], "river": [0.1, 0.2, 0.9, 0.6],
              "lake": [0.1, 0.1, 0.7, 0.9], "stone": [0.6, 0.1, 0.2, 0.9]}


#: The other sections name the new words.
NAME_EDITS = {
    'a = "king"\nb = "queen"\ncontrast = "apple"': 'a = "bread"\nb = "wheat"\ncontrast = "river"',
    'queries = ["king", "queen", "apple"]': 'queries = ["bread", "wheat", "river"]',
    'keys = ["king", "queen", "apple"]': 'keys = ["bread", "wheat", "river"]',
}


def five_words() -> Lesson:
    """The shipped lesson with five other words in 4-D (the words the other sections name too)."""
    words = "\n".join(f"{name} = {values}" for name, values in FIVE_WORDS.items())
    return edit_lesson({
        SHIPPED_WORDS: words,
        **NAME_EDITS,
    })


@cache
def edited_run(slug: str) -> RunResult:
    return run_scene(get(slug).load(), lesson=five_words())


def test_the_edited_words_are_as_described() -> None:
    words = np.array(list(FIVE_WORDS.values()))
    unit = words / np.linalg.norm(words, axis=1, keepdims=True)
    assert np.degrees(np.arccos(unit[0] @ unit[1])) == pytest.approx(9.6, abs=0.05)
    assert np.linalg.matrix_rank(words) == 4


@pytest.mark.render
@pytest.mark.parametrize("slug", ["vectors", "rank"])
def test_shipped_lesson_views_pass_the_audit(slug: str) -> None:
    problems = default_run(slug).problems
    assert not problems, "\n".join(problems[:20])


@pytest.mark.render
@pytest.mark.parametrize("slug", ["vectors", "rank"])
def test_edited_lesson_views_pass_the_audit(slug: str) -> None:
    result = edited_run(slug)
    assert not result.problems, "\n".join(result.problems[:20])
    if slug == "vectors":
        assert set(FIVE_WORDS) <= result.texts


# ------------------------------------------------------------- the audit can fail


class _Picture(Scene):
    """A bare 2-D scene to lay test pictures out in (never rendered)."""


def _audit(*mobjects) -> list[str]:
    scene = _Picture()
    scene.add(*mobjects)
    return audit_layout(scene, "test")


def _word(text: str, at: np.ndarray, names: np.ndarray) -> Text:
    word = Text(text, font_size=24).move_to(at)
    word.labels_point = names
    return word


def test_audit_fails_on_overlapping_labels() -> None:
    tip = np.array([1.0, 0.0, 0.0])
    problems = _audit(_word("bread", tip + 0.3 * RIGHT, tip), _word("wheat", tip + 0.35 * RIGHT, tip))
    assert any("overlaps" in p for p in problems), problems


def test_audit_fails_on_a_label_far_from_its_arrow() -> None:
    tip = np.array([1.0, 0.0, 0.0])
    far = _word("lake", tip + (MAX_LABEL_GAP + 1.0) * RIGHT, tip)
    assert any("from its arrow" in p for p in _audit(far))
    near = _word("lake", tip + 0.1 * RIGHT, tip)
    near.shift((near.get_left()[0] - tip[0] - 0.1) * -RIGHT)
    assert not _audit(near)


def test_audit_fails_on_a_label_nearer_another_arrow_unless_a_leader_joins_it() -> None:
    mine, other = np.array([0.0, 0.0, 0.0]), np.array([2.0, 0.0, 0.0])
    word = _word("stone", other + 0.4 * DOWN, mine)
    assert any("nearer the arrow" in p for p in _audit(word, _word("wheat", other + 1.5 * DOWN, other)))
    word.leader = Line(mine, word.get_left())
    assert not [p for p in _audit(word, word.leader) if "stone" in p]


def test_audit_fails_on_a_small_view_and_a_sliver() -> None:
    small = VGroup(Line([0, 0, 0], [1.5, 0.5, 0]))
    small.view_part = "arrows"
    assert any("of the frame's width" in p for p in _audit(small))
    sliver = Polygon([-4, -1, 0], [4, 1, 0], [4, 1.1, 0], [-4, -0.9, 0])
    sliver.view_part = "surface"
    assert any("a sliver" in p for p in _audit(sliver))
    wide = Polygon([-4, -2, 0], [4, -2, 0], [4, 2, 0], [-4, 2, 0])
    wide.view_part = "surface"
    assert not _audit(wide)


def test_view_and_label_checks_read_screen_boxes() -> None:
    """(The functions the harness calls, with its own projection: a direct call agrees.)"""
    scene = _Picture()
    word = _word("river", np.array([3.0, 0.0, 0.0]), np.zeros(3))
    scene.add(word)
    problems = label_problems(scene, "x", _visible_parts, lambda parts: _screen_box(scene, parts))
    assert problems and "river" in problems[0]
    assert view_problems(scene, "x", _visible_parts, lambda m: m.points) == []


@pytest.mark.render
def test_crowded_directions_get_leader_lines() -> None:
    """Seven words, four of them within a few degrees (bread, wheat, flour, rye): no spot beside
    every tip is clear, so some labels stand farther out, joined to their tips by leader lines;
    the audit passes from every angle of the swing."""
    crowded = dict(FIVE_WORDS, flour=[0.88, 0.78, 0.1, 0.14], rye=[0.85, 0.82, 0.12, 0.1])
    words = "\n".join(f"{name} = {values}" for name, values in crowded.items())
    lesson = edit_lesson({
        SHIPPED_WORDS: words,
        **NAME_EDITS,
    })
    captured = {}

    def keep(scene, _label: str) -> None:
        captured["scene"] = scene

    from scenes.base import LessonSceneMixin

    LessonSceneMixin.checkpoint_hooks.append(keep)
    try:
        result = run_scene(get("vectors").load(), lesson=lesson)
    finally:
        LessonSceneMixin.checkpoint_hooks.remove(keep)
    assert not result.problems, "\n".join(result.problems[:20])
    labels = [m for top in captured["scene"].mobjects for m in top.get_family()
              if getattr(m, "labels_point", None) is not None]
    assert {m.original_text for m in labels} == set(crowded)
    assert any(getattr(m, "leader", None) is not None for m in labels)


def test_the_pivot_camera_turns_the_view_in_place() -> None:
    """The view's centre stays where it is put on screen from every angle of a swing, and other
    points move as a plain rotation about it (numpy's rotation, perspective off)."""
    from scenes.space3d import PivotCamera

    camera = PivotCamera(exponential_projection=False)
    camera.set_focal_distance(1e9)  # no perspective: a plain rotation to compare with
    camera.pivot, camera.screen_at = np.array([1.0, 2.0, 0.5]), np.array([3.0, -1.0, 0.0])
    point = camera.pivot + np.array([0.7, -0.2, 0.4])
    for theta in np.radians([-80, -65, -50]):
        camera.set_theta(theta)
        camera.reset_rotation_matrix()
        np.testing.assert_allclose(camera.project_point(camera.pivot)[:2], camera.screen_at[:2], atol=1e-9)
        phi = camera.get_phi()
        turn = -theta - np.pi / 2
        about_z = np.array([[np.cos(turn), -np.sin(turn), 0], [np.sin(turn), np.cos(turn), 0], [0, 0, 1]])
        tilt = np.array([[1, 0, 0], [0, np.cos(-phi), -np.sin(-phi)], [0, np.sin(-phi), np.cos(-phi)]])
        expected = (tilt @ about_z @ (point - camera.pivot))[:2] + camera.screen_at[:2]
        np.testing.assert_allclose(camera.project_point(point)[:2], expected, atol=1e-6)
