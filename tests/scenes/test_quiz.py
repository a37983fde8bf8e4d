"""The lesson's quiz, answered from the data: each answer checked against numpy, for the shipped
lesson and every sweep lesson (other shapes, a full-rank and a rank-1 span, other tokens)."""

from __future__ import annotations

import re

import numpy as np
import pytest

from la_core import Lesson, load_lesson
from scenes.narrative.quiz import LETTERS, post_lesson, pre_lesson, questions
from scenes.narrative.speech import spoken
from tests.scenes.claims import names_in
from tests.scenes.spoken import spoken_problems
from tests.scenes.sweep_lessons import ALL_NAMES, SWEEP, own_names, sweep_lesson

LESSONS = ["shipped", *SWEEP]


def _lesson(name: str) -> Lesson:
    return load_lesson() if name == "shipped" else sweep_lesson(name)


def _heard(value: float) -> str:
    """A number as the narration says it, written independently of scenes.narrative.speech."""
    text = f"{abs(value):.2f}".rstrip("0").rstrip(".")
    return ("minus " if value < 0 and text != "0" else "") + text


def _cosine(lesson: Lesson, a: str, b: str) -> float:
    u, v = (np.asarray(lesson.words[n], dtype=float) for n in (a, b))
    return float(u @ v / (np.linalg.norm(u) * np.linalg.norm(v)))


@pytest.mark.parametrize("name", LESSONS)
def test_the_questions_are_the_pages_two_and_five(name: str) -> None:
    lesson = _lesson(name)
    assert [q.id for q in pre_lesson(lesson)] == ["quiz.pre.1", "quiz.pre.2"]
    assert [q.id for q in post_lesson(lesson)] == [f"quiz.post.{n}" for n in range(1, 6)]
    foreign = ALL_NAMES - own_names(lesson)
    for q in questions(lesson):
        assert 0 <= q.answer < len(q.choices) <= len(LETTERS)
        assert q.answer_spoken.startswith(f"The answer is {LETTERS[q.answer]}.")
        for letter, choice in zip(LETTERS, q.choices, strict=False):  # every choice read with its letter
            assert f"{letter}: {spoken(choice, sentence=False)}." in q.spoken
        for text in (q.spoken, q.answer_spoken):
            assert not spoken_problems(text), spoken_problems(text)
            assert not names_in(text, foreign), (text, names_in(text, foreign))


@pytest.mark.parametrize("name", LESSONS)
def test_the_answers_follow_numpy(name: str) -> None:
    lesson = _lesson(name)
    pre, post = pre_lesson(lesson), post_lesson(lesson)
    cos = _cosine(lesson, lesson.dot_a, lesson.dot_b)
    assert f"a cosine of {_heard(cos)}" in pre[1].answer_spoken
    assert f"a cosine of {_heard(cos)}" in post[1].answer_spoken

    shape = (np.zeros(lesson.a_shape) @ np.zeros(lesson.b_shape)).shape
    assert post[0].choices[post[0].answer] == "(m × n)"  # written as the question writes shapes
    assert "C: m by n." in post[0].spoken
    assert post[0].answer_spoken.endswith(f"so A times B is {shape[0]} by {shape[1]}.")

    q = np.stack([lesson.words[t] for t in lesson.query_tokens])
    k = np.stack([lesson.words[t] for t in lesson.key_tokens])
    rows, columns = (q @ k.T).shape
    assert f"the score grid is {rows} by {columns}." in post[2].answer_spoken

    vectors = np.stack([np.asarray(v, dtype=float) for v in lesson.span_vectors.values()])
    rank = int(np.linalg.matrix_rank(vectors))
    assert post[3].choices[post[3].answer] == ("Yes" if rank == len(vectors) else "No")
    assert f"rank is {rank}" in post[3].answer_spoken

    d, kk, r = lesson.layer_d, lesson.layer_k, lesson.layer_ranks[len(lesson.layer_ranks) // 2]
    share = 100 * r * (d + kk) / (d * kk)
    assert f"rank {r} factors train" in post[4].answer_spoken
    assert f"{_heard(share)} percent" in post[4].answer_spoken


def test_a_dependent_vector_is_built_from_the_others() -> None:
    """The shipped span: v3 = 2 v1 + 1 v2 (numpy's least squares), said as such."""
    lesson = load_lesson()
    vectors = np.stack([np.asarray(v, dtype=float) for v in lesson.span_vectors.values()])
    mix = np.linalg.lstsq(vectors[:2].T, vectors[2], rcond=None)[0]
    said = post_lesson(lesson)[3].answer_spoken
    match = re.search(r"v3 is (\S+) times v1 plus (\S+) times v2", said)
    assert match, said
    assert [float(g) for g in match.groups()] == pytest.approx(mix, abs=0.005)
