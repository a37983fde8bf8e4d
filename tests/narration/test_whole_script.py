"""The whole lesson's script, collected as `la-render script` collects it (no frames, no LaTeX):
every scene, the cards and the quiz, read end to end as a listener hears them."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from la_core import load_lesson
from la_render.lecture.text import card_texts, quiz_texts
from la_render.narration.script import write_script
from scenes.catalog import CATALOG
from tests.scenes.spoken import spoken_problems

MIN_WORDS = 5  # shorter sentences ("Now back to M.") may come back


def _sentences(text: str) -> list[str]:
    plain = (re.sub(r"[^a-z0-9 ]", "", s.lower()).strip() for s in re.split(r"(?<=[.?!])\s+", text))
    return [s for s in plain if len(s.split()) >= MIN_WORDS]


@pytest.fixture(scope="module")
def script(tmp_path_factory):
    lesson = load_lesson()
    out = tmp_path_factory.mktemp("script")
    return write_script(list(CATALOG), lesson, out, cards=card_texts(CATALOG, lesson),
                        quiz=quiz_texts(lesson))


@pytest.mark.render
def test_every_scene_card_and_question_is_in_the_script(script) -> None:
    assert list(script["scenes"]) == [entry.slug for entry in CATALOG]
    ids = [cue["id"] for section in (*script["scenes"].values(), script["lecture"], script["quiz"])
           for cue in section["cues"]]
    assert len(ids) == len(set(ids))
    assert {f"quiz.pre.{n}" for n in (1, 2)} | {f"quiz.post.{n}" for n in range(1, 6)} <= set(ids)
    for section in (*script["scenes"].values(), script["lecture"], script["quiz"]):
        for cue in section["cues"]:
            assert not spoken_problems(cue["text"]), (cue["id"], cue["text"])


@pytest.mark.render
def test_no_sentence_is_said_twice_in_the_lecture(script) -> None:
    """Read end to end, the lecture once said 'Training is the search for the weight matrix W' three
    times in a row (a scene's last cue, the next card, that scene's first cue)."""
    said = defaultdict(list)
    for section in (script["lecture"], *script["scenes"].values(), script["quiz"]):
        for cue in section["cues"]:
            for sentence in _sentences(cue["text"]):
                said[sentence].append(cue["id"])
    repeated = {sentence: where for sentence, where in said.items() if len(where) > 1}
    assert not repeated, repeated
