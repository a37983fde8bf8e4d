"""The `dot_product` scene reads out la_core's numbers for the lesson pair at every step: as drawn,
turned to a right angle and past it, with a stretched, and in the closing king·queen vs
king·apple comparison; and it follows an edit to the lesson's vectors.

The readout is read off the screen like a viewer would: each number is paired with the maths
label on its row. Expected values are computed here with plain numpy.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import pytest
from manim import Arrow, DecimalNumber, SingleStringMathTex

from la_core import READINGS, Lesson, load_lesson, similarity_reading
from scenes import style
from scenes.base import LessonSceneMixin
from scenes.dot_product import STRETCH, TURN_TO_DEGREES, DotProduct
from tests.scenes.harness import RunResult, edit_lesson, numbers_in, run_scene, text_atoms

pytestmark = pytest.mark.xdist_group("dot_product")

OLD_QUEEN = "queen = [0.9, 0.2, 0.1, 0.8]"
NEW_QUEEN = "queen = [0.2, 1.2, 0.9, 0.3]"  # longer than king and at a wider angle
ROW_TOLERANCE = 0.15  # a number belongs to the label whose centre is this close in height


@dataclass(frozen=True)
class Reading:
    """One labelled number on screen: which quantity, its value and where it sits."""

    quantity: str
    value: float
    x: float
    decimals: int  # decimals shown


@dataclass
class Snapshot:
    label: str
    readings: list[Reading]
    texts: set[str]
    numbers: list[float]
    arrows: dict[str, list[np.ndarray]]  # colour (hex) -> on-screen arrow vectors, end minus start

    def values(self, quantity: str) -> list[float]:
        return [r.value for r in sorted(self.readings, key=lambda r: r.x) if r.quantity == quantity]

    def reading_words(self) -> set[str]:
        return {t for t in self.texts if t in set(READINGS)} | {
            t.removeprefix("reads as: ") for t in self.texts if t.startswith("reads as: ")
        }


def quantity_of(tex: str) -> str | None:
    """Which readout a maths label names."""
    if "cos" in tex:
        return "cos"
    if "shadow" in tex:
        return "shadow"
    if "|a|" in tex:
        return "lengths"
    if "cdot" in tex:
        return "dot"
    if "theta" in tex:
        return "theta"
    return None


def labelled_numbers(scene: LessonSceneMixin) -> list[Reading]:
    """Every DecimalNumber on screen paired with the maths label to its left on the same row."""
    atoms = text_atoms(scene)
    labels = [a for a in atoms if isinstance(a, SingleStringMathTex) and quantity_of(a.tex_string)]
    readings = []
    for shown in (a for a in atoms if isinstance(a, DecimalNumber)):
        row = [
            lab for lab in labels
            if abs(lab.get_center()[1] - shown.get_center()[1]) < ROW_TOLERANCE
            and lab.get_center()[0] < shown.get_center()[0]
        ]
        if row:
            nearest = max(row, key=lambda lab: lab.get_center()[0])
            readings.append(Reading(quantity_of(nearest.tex_string), float(shown.number), shown.get_x(),
                                    shown.num_decimal_places))
    return readings


def drawn_arrows(scene: LessonSceneMixin) -> dict[str, list[np.ndarray]]:
    arrows: dict[str, list[np.ndarray]] = {}
    for top in scene.mobjects:
        for mob in top.get_family():
            if isinstance(mob, Arrow) and mob.get_stroke_opacity() > 0.5:
                vector = (mob.get_end() - mob.get_start())[:2]
                arrows.setdefault(mob.get_color().to_hex().upper(), []).append(vector)
    return arrows


def recorded_run(lesson: Lesson | None) -> tuple[RunResult, list[Snapshot]]:
    """Run the scene through the harness, also keeping a snapshot of the screen at each checkpoint."""
    snapshots: list[Snapshot] = []

    def snapshot(scene: LessonSceneMixin, label: str) -> None:
        atoms = text_atoms(scene)
        texts = {getattr(a, "original_text", None) or getattr(a, "text", "") for a in atoms} - {""}
        numbers = [n for a in atoms for n in numbers_in(a)]
        snapshots.append(Snapshot(label, labelled_numbers(scene), texts, numbers, drawn_arrows(scene)))

    LessonSceneMixin.checkpoint_hooks.append(snapshot)
    try:
        result = run_scene(DotProduct, lesson=lesson)
    finally:
        LessonSceneMixin.checkpoint_hooks.remove(snapshot)
    return result, snapshots


def edited_lesson() -> Lesson:
    return edit_lesson({OLD_QUEEN: NEW_QUEEN})


@cache
def default_recorded() -> tuple[RunResult, list[Snapshot]]:
    return recorded_run(None)


@cache
def edited_recorded() -> tuple[RunResult, list[Snapshot]]:
    return recorded_run(edited_lesson())


def shown(value: float) -> float:
    """`value` as displayed at two decimals."""
    return round(value, 2) + 0.0


def same(a: float, b: float) -> bool:
    return abs(shown(a) - shown(b)) < 0.005


@dataclass(frozen=True)
class Pair:
    """The numbers a pair of vectors should show, computed with numpy."""

    dot: float
    lengths: float
    cos: float
    degrees: float
    shadow: float  # a's signed shadow on b

    @classmethod
    def of(cls, a: np.ndarray, b: np.ndarray) -> Pair:
        dot = float(a @ b)
        lengths = float(np.linalg.norm(a) * np.linalg.norm(b))
        cos = dot / lengths
        return cls(dot, lengths, cos, float(np.degrees(np.arccos(cos))), dot / float(np.linalg.norm(b)))

    @classmethod
    def turned(cls, a: np.ndarray, b: np.ndarray, degrees: float, stretch: float = 1.0) -> Pair:
        """The pair with b turned to `degrees` from a and a stretched by `stretch`."""
        length_a, length_b = stretch * float(np.linalg.norm(a)), float(np.linalg.norm(b))
        cos = float(np.cos(np.radians(degrees)))
        return cls(length_a * length_b * cos, length_a * length_b, cos, degrees, length_a * cos)


def panel_snapshots(snapshots: list[Snapshot]) -> list[Snapshot]:
    """Checkpoints where the live readout panel (all five rows) is on screen."""
    wanted = {"dot", "lengths", "cos", "theta", "shadow"}
    return [s for s in snapshots if {r.quantity for r in s.readings} == wanted]


def shows_pair(snap: Snapshot, pair: Pair) -> bool:
    expected = {"dot": pair.dot, "lengths": pair.lengths, "cos": pair.cos, "theta": pair.degrees,
                "shadow": pair.shadow}
    return all(len(snap.values(q)) == 1 and same(snap.values(q)[0], v) for q, v in expected.items())


def words(lesson: Lesson) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return (lesson.words[lesson.dot_a], lesson.words[lesson.dot_b], lesson.words[lesson.dot_contrast])


# ---------------------------------------------------------------- the shipped lesson


def test_intro_shows_both_four_d_vectors_and_their_dot_product() -> None:
    king, queen, _ = words(load_lesson())
    _, snapshots = default_recorded()
    intro = next(s for s in snapshots if any(same(n, float(king @ queen)) for n in s.numbers))
    for value in (*king, *queen):
        assert any(same(n, float(value)) for n in intro.numbers), value


def test_first_readout_is_king_queen_as_drawn() -> None:
    king, queen, _ = words(load_lesson())
    first = panel_snapshots(default_recorded()[1])[0]
    assert shows_pair(first, Pair.of(king, queen)), first.readings
    assert first.reading_words() == {"similar"}


def test_pair_is_drawn_at_its_true_angle_and_length_ratio_in_its_colours() -> None:
    lesson = load_lesson()
    king, queen, _ = words(lesson)
    first = panel_snapshots(default_recorded()[1])[0]
    (drawn_king,) = first.arrows[style.word_color(lesson.dot_a, lesson.word_names).upper()]
    (drawn_queen,) = first.arrows[style.word_color(lesson.dot_b, lesson.word_names).upper()]
    screen_cos = drawn_king @ drawn_queen / (np.linalg.norm(drawn_king) * np.linalg.norm(drawn_queen))
    assert screen_cos == pytest.approx(Pair.of(king, queen).cos, abs=1e-3)
    ratio = np.linalg.norm(drawn_king) / np.linalg.norm(drawn_queen)
    assert ratio == pytest.approx(np.linalg.norm(king) / np.linalg.norm(queen), rel=1e-3)


@pytest.mark.parametrize("degrees", TURN_TO_DEGREES)
def test_turning_b_reads_out_the_turned_pair(degrees: float) -> None:
    king, queen, _ = words(load_lesson())
    expected = Pair.turned(king, queen, degrees)
    matches = [s for s in panel_snapshots(default_recorded()[1]) if shows_pair(s, expected)]
    assert matches, f"no checkpoint shows b turned to {degrees}°"
    assert matches[0].reading_words() == {similarity_reading(shown(expected.cos))}


def test_the_turn_passes_through_positive_zero_and_negative() -> None:
    panels = panel_snapshots(default_recorded()[1])
    dots = [s.values("dot")[0] for s in panels]
    assert any(d > 0 for d in dots) and any(same(d, 0.0) for d in dots) and any(d < 0 for d in dots), dots
    seen = set().union(*(s.reading_words() for s in panels))
    assert seen == {"similar", "unrelated", "opposed"}


def test_the_reading_follows_the_cosine_shown_at_every_checkpoint() -> None:
    for snap in panel_snapshots(default_recorded()[1]):
        assert snap.reading_words() == {similarity_reading(snap.values("cos")[0])}, snap.label


def test_cosines_are_shown_at_the_lessons_three_decimals() -> None:
    """The lesson prints 0.900 and 0.307: every cosine on screen has three decimals."""
    snapshots = default_recorded()[1]
    cosines = [r for s in snapshots for r in s.readings if r.quantity == "cos"]
    assert cosines and {r.decimals for r in cosines} == {3}
    # the readout and the cards (the opening writes the pair's entries in the data's own decimals)
    shown = (*panel_snapshots(snapshots), snapshots[-1])
    others = [r for s in shown for r in s.readings if r.quantity != "cos"]
    assert others and {r.decimals for r in others} == {2}


def test_stretching_a_changes_the_dot_product_but_not_the_cosine() -> None:
    king, queen, _ = words(load_lesson())
    drawn = Pair.of(king, queen)
    stretched = Pair.turned(king, queen, drawn.degrees, stretch=STRETCH)
    assert not same(stretched.dot, drawn.dot)
    assert any(shows_pair(s, stretched) for s in panel_snapshots(default_recorded()[1]))


def test_final_frame_compares_queen_and_apple_side_by_side() -> None:
    king, queen, apple = words(load_lesson())
    close, far = Pair.of(king, queen), Pair.of(king, apple)
    last = default_recorded()[1][-1]
    assert [shown(v) for v in last.values("dot")] == [shown(close.dot), shown(far.dot)]
    assert [shown(v) for v in last.values("cos")] == [shown(close.cos), shown(far.cos)]
    assert last.reading_words() == {similarity_reading(close.cos), similarity_reading(far.cos)}
    assert last.reading_words() == {"similar", "different"}  # the lesson: "high/low -> similar/different"
    assert [shown(v) for v in last.values("theta")] == [shown(close.degrees), shown(far.degrees)]
    assert not last.values("lengths"), "the live panel must be gone from the poster"


def test_default_run_passes_the_layout_audit() -> None:
    result, _ = default_recorded()
    assert not result.problems, "\n".join(result.problems[:10])


# ---------------------------------------------------------------- an edited lesson


def test_edited_queen_changes_every_readout() -> None:
    old_king, old_queen, _ = words(load_lesson())
    king, queen, apple = words(edited_lesson())
    result, snapshots = edited_recorded()
    new, old = Pair.of(king, queen), Pair.of(old_king, old_queen)
    assert shows_pair(panel_snapshots(snapshots)[0], new)
    assert any(shows_pair(s, Pair.turned(king, queen, TURN_TO_DEGREES[1])) for s in snapshots)
    for stale in (old.dot, old.lengths, old.degrees, old.shadow):
        assert not result.shows(stale), f"old value {shown(stale)} still on screen"
    contrast = Pair.of(king, apple)
    assert [shown(v) for v in snapshots[-1].values("dot")] == [shown(new.dot), shown(contrast.dot)]


def test_edited_run_passes_the_layout_audit() -> None:
    result, _ = edited_recorded()
    assert not result.problems, "\n".join(result.problems[:10])


# ---------------------------------------------------------------- the terms, written out


def test_the_pair_is_multiplied_and_summed_term_by_term_before_the_total() -> None:
    """The lesson's own arithmetic: 0.9·0.9 + 0.8·0.2 + 0.1·0.1 + 0.7·0.8 = 0.81 + … = 1.54."""
    result, snapshots = default_recorded()
    captions = [text for _, _, text in result.captions]
    assert "0.9·0.9 + 0.8·0.2 + 0.1·0.1 + 0.7·0.8 = 0.81 + 0.16 + 0.01 + 0.56 = 1.54" in captions
    written = next(n for n, s in enumerate(snapshots) if all(any(same(v, p) for v in s.numbers)
                                                           for p in (0.81, 0.16, 0.01, 0.56)))
    assert not panel_snapshots(snapshots[:written]), "the terms come before the readout"
    assert any(same(v, 1.54) for v in snapshots[written + 2].numbers)


def test_an_edited_pair_writes_its_own_terms() -> None:
    king, queen, _ = words(edited_lesson())
    products = king * queen
    assert np.allclose(products, [0.18, 0.96, 0.09, 0.21])  # 0.9·0.2, 0.8·1.2, 0.1·0.9, 0.7·0.3
    captions = [text for _, _, text in edited_recorded()[0].captions]
    assert "0.9·0.2 + 0.8·1.2 + 0.1·0.9 + 0.7·0.3 = 0.18 + 0.96 + 0.09 + 0.21 = 1.44" in captions


def test_negative_entries_and_integers_keep_their_signs_and_decimals() -> None:
    """Brackets around a negative factor, a minus between products; the decimals the data has."""
    from scenes.narrative.dot_product import terms, terms_caption
    lesson = edit_lesson({"king  = [0.9, 0.8, 0.1, 0.7]": "king  = [1, -0.5, 0.25, 1]"})
    # 0.25·0.1 = 0.025 needs three decimals, so every product and the total get three
    assert terms_caption(terms(lesson)) == ("1.00·0.90 + (−0.50)·0.20 + 0.25·0.10 + 1.00·0.80 = "
                                            "0.900 − 0.100 + 0.025 + 0.800 = 1.625")
