"""Every word follows the data: each scene rendered with eight edited lessons (last frame only).

For each lesson of `sweep_lessons.SWEEP` and each catalogued scene, the captions, the narration
(what the voice says), the on-screen sentences and the catalogue's alt text must
- name only words of that lesson (the shipped king, queen and apple are gone from every edit,
  and so are the other sweep lessons' words),
- state only numbers numpy computes for that lesson (`claims.allowed_numbers`),
- contradict nothing: a pair called similar, different, unrelated or opposed reads so by its cosine, a rank
  is the rank, a saving is a saving (`claims.claim_problems`);
and the scene's title is the catalogue's; the narration keeps its named beats, its spoken style
and its 1.5× more words than the captions (`spoken`). The expected values come from numpy in `claims`.
"""

from __future__ import annotations

import pytest

from la_core import load_lesson
from la_render import figures
from scenes.catalog import CATALOG
from tests.scenes.claims import claim_problems, is_sentence, names_in, reading_problems
from tests.scenes.harness import run_scene
from tests.scenes.spoken import narration_problems
from tests.scenes.sweep_lessons import ALL_NAMES, SWEEP, own_names, sweep_lesson


def _edits_scene(name: str, entry) -> bool:
    """True when the sweep lesson changes what the scene reads: a lesson whose sections for this
    scene equal the shipped ones renders the shipped scene, which the scene's own tests cover."""
    sections = tuple(entry.sections)
    return sweep_lesson(name).digest(sections) != load_lesson().digest(sections)


#: Lessons per scene: all eight are swept, each scene by five of those that change its data (rotated
#: by the scene's position, so every lesson meets most scenes), to keep the suite's time budget.
PER_SCENE = 5


def _cases() -> list:
    names, cases = list(SWEEP), []
    for position, entry in enumerate(CATALOG):
        rotated = names[position % len(names):] + names[: position % len(names)]
        chosen = [name for name in rotated if _edits_scene(name, entry)][:PER_SCENE]
        cases += [pytest.param(name, entry.slug, id=f"{name}-{entry.slug}",
                               marks=pytest.mark.xdist_group(f"sweep-{name}")) for name in chosen]
    return cases


CASES = _cases()


def test_the_sweep_edits_every_scene_at_least_twice() -> None:
    """Skipping unchanged data must still leave each scene swept by two edited lessons or more, and
    every one of the eight lessons in use."""
    swept = [slug for _, slug in (case.values for case in CASES)]
    assert {name for name, _ in (case.values for case in CASES)} == set(SWEEP)
    counts = {entry.slug: swept.count(entry.slug) for entry in CATALOG}
    assert min(counts.values()) >= 2, counts


@pytest.mark.render
@pytest.mark.parametrize(("lesson_name", "slug"), CASES)
def test_every_sentence_is_true_of_the_edited_lesson(lesson_name: str, slug: str) -> None:
    entry = next(e for e in CATALOG if e.slug == slug)
    lesson = sweep_lesson(lesson_name)
    result = run_scene(entry.load(), lesson=lesson, audit=False)
    captions = [text for _, _, text in result.captions]
    narration = [cue.text for cue in result.cues]
    sentences = {"alt": [entry.alt(lesson)], "caption": captions, "narration": narration,
                 "on screen": sorted(t for t in result.texts if is_sentence(t))}
    foreign = ALL_NAMES - own_names(lesson)
    problems = []
    for kind, texts in sentences.items():
        for text in texts:
            problems += [f"{kind} {text!r}: {p}" for p in claim_problems(text, lesson, slug)]
    problems += [f"narration: {p}" for p in narration_problems(result.cues)]
    for text in [*result.texts, *captions, *narration, entry.alt(lesson)]:
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
