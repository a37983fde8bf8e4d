"""A lesson file written before a section existed keeps working (issue 18): the first release's
sections alone render every scene, each newer section borrowed from the shipped lesson with one
warning line; a borrowed section that cannot fit the author's data is refused, named, with the
advice to add it."""

from __future__ import annotations

import tomllib
from importlib import resources

import numpy as np
import pytest

from la_core import LessonDataError, load_lesson, parse_lesson
from la_core.lesson.borrow import BORROWABLE

FIRST_RELEASE = ("vectors", "dot_product", "projection", "independence", "transform", "random",
                 "attention", "lora")
SHIPPED = resources.files("la_core").joinpath("lesson.toml").read_text(encoding="utf-8")


def first_release_text(text: str = SHIPPED) -> str:
    """The shipped lesson cut before [search]: the first release's eight sections only."""
    return text[: text.index("[search]")]


def test_the_cut_file_holds_exactly_the_first_release_sections() -> None:
    assert tuple(tomllib.loads(first_release_text())) == FIRST_RELEASE


def test_a_first_release_file_borrows_every_newer_section_with_one_warning_each() -> None:
    lesson, shipped = parse_lesson(first_release_text(), "old.toml"), load_lesson()
    newer = tuple(name for name in tomllib.loads(SHIPPED) if name not in FIRST_RELEASE)
    assert newer and set(newer) <= set(BORROWABLE)
    assert lesson.borrowed == newer
    assert len(lesson.warnings) == len(newer)
    for name, line in zip(newer, lesson.warnings, strict=True):
        assert line.startswith(f"old.toml: [{name}]: missing section") and "\n" not in line
    assert np.array_equal(lesson.search_query, shipped.search_query)
    for name in newer:  # the borrowed data is in the cache key exactly as the shipped one's
        assert lesson.digest((name,)) == shipped.digest((name,))
    assert shipped.warnings == () and shipped.borrowed == ()


def test_a_file_with_its_own_sections_borrows_nothing() -> None:
    own = SHIPPED.replace("k = 2", "k = 3")
    lesson = parse_lesson(own, "own.toml")
    assert lesson.borrowed == () and lesson.search_k == 3


def test_a_first_release_section_is_still_required() -> None:
    text = first_release_text()
    start, end = text.index("[lora]"), len(text)
    with pytest.raises(LessonDataError, match=r"^cut\.toml: \[lora\]: missing section$"):
        parse_lesson(text[:start] + text[end:], "cut.toml")


def test_a_borrowed_section_that_cannot_fit_is_refused_by_name() -> None:
    """3-number words beside the shipped 4-number documents: [search] is named, not a key the
    author never wrote, and the advice is to add the section."""
    text = first_release_text()
    for old, new in (("[0.9, 0.8, 0.1, 0.7]", "[0.9, 0.8, 0.1]"), ("[0.9, 0.2, 0.1, 0.8]", "[0.9, 0.2, 0.1]"),
                     ("[0.1, 0.1, 0.9, 0.2]", "[0.1, 0.1, 0.9]"),
                     ("[[1.0, 0.0, 0.0, 0.0],\n     [0.0, 1.0, 0.0, 0.0]]",
                      "[[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]")):
        assert old in text
        text = text.replace(old, new)
    with pytest.raises(LessonDataError) as caught:
        parse_lesson(text, "three.toml")
    error = caught.value
    assert (error.file, error.key) == ("three.toml", "[search]")
    assert error.reason.startswith("missing section") and "add a [search] section" in error.reason
    assert "expected 3 numbers" in error.reason
