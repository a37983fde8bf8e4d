"""Every scene's narration (shipped lesson): named beats, spoken sentences that state only what
numpy computes, and more said than the captions show. Edited lessons: test_words_follow_data."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from la_core import load_lesson
from scenes.catalog import CATALOG, get
from scenes.narrative.bridges import POST_QUIZ, PRE_QUIZ, bridge
from tests.scenes.claims import claim_problems
from tests.scenes.conftest import default_run
from tests.scenes.harness import collect_cues
from tests.scenes.spoken import (
    animation_names,
    beat_problems,
    narration_problems,
    ratio_problem,
    spoken_problems,
)
from tests.scenes.sweep_lessons import SWEEP, sweep_lesson

SCENES = [pytest.param(entry.slug, marks=pytest.mark.xdist_group(entry.slug)) for entry in CATALOG]


@pytest.mark.render
@pytest.mark.parametrize("slug", SCENES)
def test_every_beat_is_named_and_spoken(slug: str) -> None:
    cues = default_run(slug).cues
    assert cues, f"{slug} has no cues"
    assert not (problems := narration_problems(cues)), "\n".join(problems)


@pytest.mark.render
@pytest.mark.parametrize("slug", SCENES)
def test_narration_states_what_numpy_computes(slug: str) -> None:
    lesson = load_lesson()
    problems = [f"{cue.beat}.{cue.position} {cue.text!r}: {p}"
                for cue in default_run(slug).cues for p in claim_problems(cue.text, lesson, slug)]
    assert not problems, "\n".join(problems)


def _cue(beat: str, text: str, caption: str | None = None, position: int = 1) -> SimpleNamespace:
    return SimpleNamespace(beat=beat, position=position, text=text, caption=caption or text)


def test_the_checks_can_fail() -> None:
    """Each check catches what it is for: class-name beats, symbols, fragments, a thin narration."""
    assert {"fadein", "updatefromalphafunc", "write", "growarrow", "transformfromcopy"} <= animation_names()
    assert beat_problems([_cue("fadein", "Some words here.")])
    assert beat_problems([_cue("update_from_alpha_func", "Some words here.")])
    assert beat_problems([_cue("shadow", "A."), _cue("shadow", "B.")])  # the same id twice
    assert not beat_problems([_cue("shadow", "A."), _cue("shadow", "B.", position=2)])
    assert spoken_problems("The dot product a·b is large.")
    assert spoken_problems("Divide by √d.")
    assert spoken_problems("Step 3 — Rank: how many directions are real?.")
    assert spoken_problems("now turn queen and watch the readout")
    assert not spoken_problems("The dot product of king and queen is 1.54.")
    assert ratio_problem([_cue("a", "One two three four five.", "One two three four.")])
    assert ratio_problem([_cue("a", "One two three four five six.", "One two three four.")]) is None


#: The scenes that had bridges when they were written (issue 19): each must keep one.
BRIDGED = ("ladder", "vectors", "dot_product", "vector_search", "rank", "conditioning", "linear_transform",
           "linear_layer", "matmul", "attention", "lora")


@pytest.mark.parametrize("name", ["shipped", *SWEEP])
def test_every_scene_has_a_spoken_bridge_into_it(name: str) -> None:
    lesson = load_lesson() if name == "shipped" else sweep_lesson(name)
    for entry in CATALOG:
        said = bridge(entry.slug, lesson)
        if said is None and entry.slug not in BRIDGED:
            continue  # a scene added after issue 19 gets its bridge with its narration
        assert said, f"no bridge into {entry.slug}"
        assert not spoken_problems(said), spoken_problems(said)
        assert not claim_problems(said, lesson, entry.slug), said
    for said in (PRE_QUIZ, POST_QUIZ):
        assert not spoken_problems(said)
    assert bridge("no_such_scene", lesson) is None


@pytest.mark.render
@pytest.mark.parametrize("slug", SCENES)
def test_collecting_without_animating_gives_the_same_script(slug: str) -> None:
    """`collect_only` skips every animation: the cues must still be exactly those of a full run."""
    fast = collect_cues(get(slug).load())
    full = default_run(slug).cues
    assert [(c.beat, c.position, c.text, c.caption) for c in fast] == \
        [(c.beat, c.position, c.text, c.caption) for c in full]
