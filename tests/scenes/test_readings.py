"""The words `vectors` and `dot_product` use for a pair follow the lesson's readings (issue 17).

The lesson reads king·queen (0.900) "high -> similar" and king·apple (0.307) "low -> different";
a least-alike pair at 0.39 is no different in kind, so no sentence may call it similar. Each
sentence is checked with `claims.reading_problems`, whose bands are restated from the lesson's
text; the cosines are computed here with numpy. No rendering: these are the narrative modules'
sentences, which the scenes show as they are (the renders are checked by the words sweep).
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from la_core import Lesson, load_lesson
from scenes.narrative import dot_product, vectors
from scenes.narrative.pairs import pair
from tests.scenes.claims import names_in, reading_problems
from tests.scenes.harness import edit_lesson

WORDS = ("king  = [0.9, 0.8, 0.1, 0.7]\nqueen = [0.9, 0.2, 0.1, 0.8]\napple = [0.1, 0.1, 0.9, 0.2]")
DOT = 'a = "king"\nb = "queen"\ncontrast = "apple"'
TOKENS = '["king", "queen", "apple"]'


def five_words(words: str, dot: str) -> Lesson:
    return edit_lesson({WORDS: words, DOT: dot, f"queries = {TOKENS}": 'queries = ["bread", "toast"]',
                        f"keys = {TOKENS}": 'keys = ["bread", "toast"]'})


#: Five words whose least-alike pair (bread, river) has cosine 0.391 (issue 17's example).
APART = five_words("bread = [0.9, 0.7, 0.2, 0.3]\ntoast = [0.8, 0.7, 0.3, 0.3]\n"
                   "cake  = [0.7, 0.9, 0.1, 0.5]\nrice  = [0.6, 0.4, 0.5, 0.2]\n"
                   "river = [0.05, 0.15, 0.9, 0.9]",
                   'a = "bread"\nb = "toast"\ncontrast = "river"')
#: Five words all within 30° of each other: even the least alike read similar.
CLOSE = five_words("bread = [0.9, 0.7, 0.2, 0.3]\ntoast = [0.8, 0.7, 0.3, 0.3]\n"
                   "cake  = [0.8, 0.8, 0.2, 0.4]\nrice  = [0.9, 0.6, 0.3, 0.3]\nriver = [0.6, 0.8, 0.5, 0.6]",
                   'a = "bread"\nb = "toast"\ncontrast = "river"')


def cosine(lesson: Lesson, a: str, b: str) -> float:
    va, vb = (np.asarray(lesson.words[n], dtype=float) for n in (a, b))
    return float(va @ vb / (np.linalg.norm(va) * np.linalg.norm(vb)))


def sentences(lesson: Lesson) -> list[str]:
    (a, b), (_, c) = vectors.contrast_pairs(lesson)
    close, apart = pair(lesson, a, b), pair(lesson, a, c)
    return [vectors.closest_pair_caption(close), vectors.farthest_caption(apart), vectors.readout_line(close),
            vectors.readout_line(apart), vectors.alt(lesson), dot_product.contrast_caption(lesson),
            dot_product.alt(lesson)]


def test_the_default_lesson_reads_king_queen_similar_and_king_apple_different() -> None:
    lesson = load_lesson()
    said = " ".join(sentences(lesson))
    assert "king and queen point almost the same way: similar meaning." in said
    assert "apple points well away from king: different." in said
    assert "king and apple read as different" in said
    assert "(cosine 0.900, similar)" in said and "(cosine 0.307, different)" in said


def test_the_example_lessons_are_what_they_claim() -> None:
    words = APART.word_names
    pairs = [(a, b) for i, a in enumerate(words) for b in words[i + 1:]]
    assert min(pairs, key=lambda p: cosine(APART, *p)) == ("bread", "river")
    assert round(cosine(APART, "bread", "river"), 2) == 0.39
    assert min(pairs, key=lambda p: cosine(CLOSE, *p)) == ("bread", "river")
    assert min(cosine(CLOSE, *p) for p in pairs) > 0.9


@pytest.mark.parametrize("lesson", [load_lesson(), APART, CLOSE], ids=["default", "apart 0.39", "all close"])
def test_no_sentence_reads_a_pair_against_its_cosine(lesson: Lesson) -> None:
    problems = [f"{text!r}: {p}" for text in sentences(lesson) for p in reading_problems(text, lesson)]
    assert not problems, "\n".join(problems)


def test_a_least_alike_pair_at_0_39_is_never_called_similar() -> None:
    checked = 0
    for text in sentences(APART):
        for clause in re.split(r"[;.](?:\s|$)", text):
            if sorted(names_in(clause, APART.word_names)) == ["bread", "river"]:
                assert "similar" not in clause, text
                assert "different" in clause, text
                checked += 1
    assert checked >= 4  # the caption, the read-out, the alt text and dot_product's contrast


def test_a_least_alike_pair_that_reads_similar_is_said_so_without_contradiction() -> None:
    caption = vectors.farthest_caption(pair(CLOSE, "bread", "river"))
    assert caption == "Even river, the word least like bread, is similar to it."
    assert "even river, the word least like bread, is similar to it" in vectors.alt(CLOSE)
