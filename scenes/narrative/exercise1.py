"""Exercise 1 in words: three toy 3-D words, their cosines, and the pairs the reading names.

"Similar", "different", "unrelated" and "opposed" are la_core's `similarity_reading` of each cosine, so the
closest pair is called similar only when its cosine reads so, and the farthest pair different
only when its cosine does not read similar.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from la_core import Lesson, cosine_similarity, similarity_reading
from scenes.narrative import listing
from scenes.narrative.speech import said
from scenes.style import fmt


@dataclass(frozen=True)
class Toy:
    a: str
    b: str
    cosine: float
    reading: str


@dataclass(frozen=True)
class Story:
    names: tuple[str, ...]
    pairs: tuple[Toy, ...]  # (0, 1), (0, 2), (1, 2)

    @property
    def closest(self) -> Toy:
        return max(self.pairs, key=lambda p: p.cosine)

    @property
    def farthest(self) -> Toy:
        """The least alike of the other two pairs (with three equal cosines, still another pair)."""
        return min((p for p in self.pairs if p is not self.closest), key=lambda p: p.cosine)


def story(lesson: Lesson) -> Story:
    words = lesson.exercise1
    pairs = tuple(Toy(a, b, cos, similarity_reading(cos))
                  for a, b in combinations(words, 2)
                  for cos in (cosine_similarity(words[a], words[b]),))
    return Story(tuple(words), pairs)


def pair_line(toy: Toy) -> str:
    """One read-out row: the pair, its cosine and the reading."""
    return f"{toy.a} and {toy.b}:  cos {fmt(toy.cosine)}  →  {toy.reading}"


def intro_caption(tale: Story) -> str:
    return (f"Exercise 1: three toy words of three numbers each, {tale.names[0]}, {tale.names[1]} "
            f"and {tale.names[2]}; each number is a coordinate on x, y and z.")


def axes_narration(tale: Story) -> str:
    return ("The ticks on each axis are the words' own numbers, so you can read every coordinate straight "
            "off the picture.")


def cosines_caption(tale: Story) -> str:
    return "The cosine of every pair: one divided by both lengths, direction only."


def closest_line(tale: Story) -> str:
    toy = tale.closest
    if toy.reading == "similar":
        return f"Similar: {toy.a} and {toy.b} (cos {fmt(toy.cosine)})"
    return f"No similar pair: the closest, {toy.a} and {toy.b}, read {toy.reading} (cos {fmt(toy.cosine)})"


def farthest_line(tale: Story) -> str:
    toy = tale.farthest
    if toy.reading == "similar":
        return f"All pairs similar, even {toy.a} and {toy.b} (cos {fmt(toy.cosine)})"
    also = "" if toy.reading == "different" else f", {toy.reading}"
    return f"Different: {toy.a} and {toy.b} (cos {fmt(toy.cosine)}{also})"


def closest_narration(tale: Story) -> str:
    toy = tale.closest
    cosine = said(toy.cosine)
    if toy.reading == "similar":
        return (f"The closest pair is {toy.a} and {toy.b}, with a cosine of {cosine}. That reads as "
                "similar: their arrows point almost the same way.")
    return (f"The closest pair is {toy.a} and {toy.b}, with a cosine of {cosine}. Even that reads as "
            f"{toy.reading}, so no pair here is similar.")


_APART = {"different": "their arrows point different ways",
          "unrelated": "their arrows are close to a right angle",
          "opposed": "their arrows point opposite ways"}


def farthest_narration(tale: Story) -> str:
    toy = tale.farthest
    cosine = said(toy.cosine)
    if toy.reading == "similar":
        return (f"The farthest pair, {toy.a} and {toy.b}, still has a cosine of {cosine}: it reads as "
                "similar too, so no pair here is different.")
    return (f"The farthest pair is {toy.a} and {toy.b}, with a cosine of {cosine}. That reads as "
            f"{toy.reading}: {_APART[toy.reading]}.")


def say_title() -> str:
    return "Make three toy words, guess which of them are alike, then check the guess with the cosine."


def say_words(tale: Story) -> str:
    return (f"Here are three toy words of three numbers each: {listing(list(tale.names))}. Each number is "
            "a coordinate, on x, y and z.")


def say_arrows() -> str:
    return ("Each word becomes an arrow from the origin to its three numbers. The dashed lines drop from "
            "each tip to the axes, so you can read its coordinates.")


def say_cosines() -> str:
    return ("Now the cosine of every pair: the dot product divided by both lengths, so only the directions "
            "count.")


def alt(lesson: Lesson) -> str:
    tale = story(lesson)
    words = ", ".join(f"{name} ({', '.join(fmt(v) for v in lesson.exercise1[name])})" for name in tale.names)
    cosines = "; ".join(f"{p.a} and {p.b} {fmt(p.cosine)}, {p.reading}" for p in tale.pairs)
    return (f"Exercise 1: three toy 3-D words drawn as arrows on x, y and z axes whose ticks are their "
            f"own numbers: {words}. Their cosines: {cosines}. {closest_line(tale)}; "
            f"{farthest_line(tale)[0].lower()}{farthest_line(tale)[1:]}.")
