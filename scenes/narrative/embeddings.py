"""Step 1's table beyond words in words: an image unrolled and compared by cosine, a user's
preferences dotted with every item, a second user compared by cosine; and one line per row of
the lesson's table tying back to the words ([vectors]) and the documents ([search]).

Readings ("similar", "different", "unrelated", "opposed") are la_core's `similarity_reading`;
"nearby" is said of the second user only when that cosine reads similar.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from la_core import Lesson, cosine_similarity, image_cosine, recommend, similarity_reading, unroll
from la_core.search import SearchResult
from scenes.narrative import count_word, listing
from scenes.narrative.speech import said, spoken
from scenes.narrative.vector_search import places
from scenes.style import fmt

ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth")


@dataclass(frozen=True)
class Story:
    pixels: np.ndarray  # the image unrolled
    shape: tuple[int, int]
    near_cos: float
    other_cos: float
    items: tuple[str, ...]
    features: tuple[str, ...]
    mine: SearchResult  # the user's scores
    theirs: SearchResult  # the second user's
    users_cos: float
    words: tuple[str, ...]
    dim: int
    documents: tuple[str, ...]

    @property
    def decimals(self) -> int:
        """Decimals that write every pixel as stored (1 or 2)."""
        return places(self.pixels)

    @property
    def nearby(self) -> bool:
        return similarity_reading(self.users_cos) == "similar"

    @property
    def pick(self) -> str:
        return self.items[self.mine.top[0]]

    @property
    def their_pick(self) -> str:
        return self.items[self.theirs.top[0]]

    def my_place(self, item: str) -> int:
        """Where `item` ranks for the user (0 = top)."""
        return list(self.mine.order).index(self.items.index(item))


def story(lesson: Lesson) -> Story:
    data = lesson.embeddings
    items = data.item_matrix
    return Story(
        pixels=unroll(data.image), shape=data.image.shape, near_cos=image_cosine(data.image, data.near),
        other_cos=image_cosine(data.image, data.other), items=tuple(data.items), features=data.features,
        mine=recommend(data.user, items), theirs=recommend(data.neighbour, items),
        users_cos=cosine_similarity(data.user, data.neighbour), words=lesson.word_names,
        dim=len(lesson.words[lesson.word_names[0]]), documents=tuple(lesson.search_documents),
    )


def reading(cos: float) -> str:
    return similarity_reading(cos)


def unroll_caption(tale: Story) -> str:
    rows, columns = tale.shape
    return (f"A {rows}×{columns} greyscale image, read row by row, is one vector of "
            f"{rows * columns} numbers.")


def unroll_narration(tale: Story) -> str:
    rows, columns = tale.shape
    return spoken(f"An image is a grid of pixel values, from zero for black to one for white. Read row by "
            f"row, this {rows} by {columns} picture becomes one vector of {rows * columns} numbers.")


def image_line(cos: float) -> str:
    return f"cos {fmt(cos)}: {reading(cos)}"


def compare_caption(tale: Story) -> str:
    return (f"Compared by cosine: the near copy scores {fmt(tale.near_cos)} ({reading(tale.near_cos)}), "
            f"the other picture {fmt(tale.other_cos)} ({reading(tale.other_cos)}).")


def compare_narration(tale: Story) -> str:
    return (f"Now compare it by cosine with a near copy and with a different picture, just as we compare "
            f"words. The near copy scores {said(tale.near_cos)}, which reads as {reading(tale.near_cos)}; "
            f"the other picture scores {said(tale.other_cos)}, which reads as {reading(tale.other_cos)}.")


def say_title() -> str:
    return ("The lesson's table lists four kinds of things that become vectors. Words and documents we "
            "have seen; here are the other two, an image and a user.")


def say_user(tale: Story) -> str:
    return (f"Now a recommender. A user is a vector of how much they like {listing(tale.features)}, and "
            f"every item is a vector on the same {count_word(len(tale.features))} features.")


def say_scores(tale: Story) -> str:
    best = tale.mine.top[0]
    return (f"Dot the user with every item, one score each: the higher the score, the better the item "
            f"fits their taste. {tale.pick.capitalize()} scores highest, {said(tale.mine.scores[best])}.")


def say_ranked(tale: Story) -> str:
    return (f"Sorted, highest score first, that is the order a recommender would show them in, with "
            f"{tale.pick} at the top.")


def neighbour_narration(tale: Story) -> str:
    """The second user, said in full sentences (the same three cases as the caption)."""
    cos = said(tale.users_cos)
    if not tale.nearby:
        return (f"A second user has a cosine of {cos} with the first, which reads as "
                f"{reading(tale.users_cos)}. They are not nearby, so their picks say little about the "
                "first user.")
    if tale.their_pick == tale.pick:
        return (f"A second user, whose cosine with the first is {cos}, picked {tale.their_pick} too. "
                "Users whose vectors point the same way like the same things.")
    place = ORDINALS[tale.my_place(tale.their_pick)]
    return (f"A second user, whose cosine with the first is {cos}, picked {tale.their_pick}. For the first "
            f"user, {tale.their_pick} ranks {place}: a nearby user's favourite is a good recommendation.")


def say_table() -> str:
    return ("So every row of the lesson's table is the same idea: a word, a document, an image or a user "
            "becomes a vector, and vectors compare by the dot product.")


def user_caption(tale: Story) -> str:
    return (f"A user is a vector of preferences over {listing(tale.features)}; each item is a vector "
            "on the same features.")


def scores_caption(tale: Story) -> str:
    best = tale.mine.top[0]
    return (f"The user dotted with every item: one score each, {tale.pick} highest with "
            f"{fmt(tale.mine.scores[best])}.")


def recommended_line(tale: Story) -> str:
    return f"Recommended: {tale.pick}"


def neighbour_line(tale: Story) -> str:
    word = "nearby" if tale.nearby else "not nearby"
    return f"second user: cos {fmt(tale.users_cos)} with the user, {reading(tale.users_cos)}: {word}"


def neighbour_caption(tale: Story) -> str:
    cos = fmt(tale.users_cos)
    place = tale.my_place(tale.their_pick)
    if not tale.nearby:
        return (f"A second user, cos {cos} with the first: {reading(tale.users_cos)}, not nearby, so "
                "their picks say little about the first user.")
    if tale.their_pick == tale.pick:
        return (f"A second user nearby (cos {cos}) picks {tale.their_pick} too: recommendations from "
                "nearby users agree.")
    return (f"A second user nearby (cos {cos}) picks {tale.their_pick}; for the first user it ranks "
            f"{ORDINALS[place]}: a recommendation from a nearby user.")


def table_lines(tale: Story) -> tuple[str, str, str, str]:
    """One line per row of the lesson's table, tied back to the scenes that drew it."""
    rows, columns = tale.shape
    words = listing(tale.words) if len(tale.words) <= 3 else ", ".join(tale.words[:3]) + ", …"
    return (
        f"A word → a vector of {tale.dim} numbers ({words}): "
        "placed near related words",
        f"A document → one embedding vector ({count_word(len(tale.documents))} in vector search): "
        "found by its score",
        f"An image → {rows * columns} pixel values: compared by cosine "
        f"({fmt(tale.near_cos)} for the near copy)",
        f"A user → {count_word(len(tale.features))} preferences: recommended {tale.pick}",
    )


def alt(lesson: Lesson) -> str:
    tale = story(lesson)
    rows, columns = tale.shape
    scores = ", ".join(f"{tale.items[i]} {fmt(tale.mine.scores[i])}" for i in tale.mine.order)
    return (f"Step 1's table beyond words: a {rows}×{columns} greyscale image unrolls row by row into a "
            f"vector of {rows * columns} numbers; a near copy scores cosine {fmt(tale.near_cos)} "
            f"({reading(tale.near_cos)}) and a different picture {fmt(tale.other_cos)} "
            f"({reading(tale.other_cos)}). A user's preferences over {listing(tale.features)} dotted with "
            f"every item rank them {scores}, so {tale.pick} is recommended. {neighbour_caption(tale)} "
            f"Words and documents are vectors the same way.")
