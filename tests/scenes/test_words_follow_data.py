"""Every word follows the data: each scene rendered with eight edited lessons (last frame only).

For each lesson of `sweep_lessons.SWEEP` and each catalogued scene, the captions, the on-screen
sentences and the catalogue's alt text must
- name only words of that lesson (the shipped king, queen and apple are gone from every edit,
  and so are the other sweep lessons' words),
- state only numbers numpy computes for that lesson (`claims.allowed_numbers`),
- contradict nothing: a pair called similar, unrelated or opposed reads so by its cosine, a rank
  is the rank, a saving is a saving (`claims.claim_problems`);
and the scene's title is the catalogue's. The expected values come from numpy in `claims`.
"""

from __future__ import annotations

import pytest

from la_render import figures
from scenes.catalog import CATALOG
from tests.scenes.claims import claim_problems, is_sentence, names_in, reading_problems
from tests.scenes.harness import run_scene
from tests.scenes.sweep_lessons import ALL_NAMES, SWEEP, own_names, sweep_lesson

CASES = [
    pytest.param(name, entry.slug, id=f"{name}-{entry.slug}", marks=pytest.mark.xdist_group(f"sweep-{name}"))
    for name in SWEEP for entry in CATALOG
]


@pytest.mark.render
@pytest.mark.parametrize(("lesson_name", "slug"), CASES)
def test_every_sentence_is_true_of_the_edited_lesson(lesson_name: str, slug: str) -> None:
    entry = next(e for e in CATALOG if e.slug == slug)
    lesson = sweep_lesson(lesson_name)
    result = run_scene(entry.load(), lesson=lesson, audit=False)
    captions = [text for _, _, text in result.captions]
    sentences = {"alt": [entry.alt(lesson)], "caption": captions,
                 "on screen": sorted(t for t in result.texts if is_sentence(t))}
    foreign = ALL_NAMES - own_names(lesson)
    problems = []
    for kind, texts in sentences.items():
        for text in texts:
            problems += [f"{kind} {text!r}: {p}" for p in claim_problems(text, lesson, slug)]
    for text in [*result.texts, *captions, entry.alt(lesson)]:
        if named := names_in(text, foreign):
            problems.append(f"{text!r} names {named}, not words of this lesson")
    assert entry.title in result.texts, f"the title on screen is not the catalogue's {entry.title!r}"
    assert captions, "no captions"
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lesson_name", SWEEP)
def test_figure_alt_texts_are_true_of_the_edited_lesson(lesson_name: str) -> None:
    """The figures' alt texts too: only this lesson's words, and no reading its cosines deny."""
    lesson = sweep_lesson(lesson_name)
    foreign = ALL_NAMES - own_names(lesson)
    problems = []
    for spec in figures.FIGURES:
        text = spec.alt(lesson)
        problems += [f"{spec.name} {text!r}: {p}" for p in reading_problems(text, lesson)]
        if named := names_in(text, foreign):
            problems.append(f"{spec.name} {text!r} names {named}, not words of this lesson")
        if "e+" in text:
            problems.append(f"{spec.name} {text!r} prints a number in exponent notation")
    assert not problems, "\n".join(problems)
