"""Step 2's applications in words: which documents the search returns, by dot product and by
cosine, and whether a document made the dot product's top k on length alone."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from la_core import Lesson, norm, vector_search, won_on_length
from la_core.search import SearchResult
from scenes.narrative import listing, plural
from scenes.narrative import places as places  # moved to scenes.narrative; embeddings imports it from here
from scenes.narrative.speech import said
from scenes.style import fmt

COSINE_DECIMALS = 3  # cosines of near neighbours differ in the third decimal


@dataclass(frozen=True)
class Story:
    """The search as la_core ran it: both rankings, the lengths, what cosine changes."""

    names: tuple[str, ...]
    k: int
    dot: SearchResult
    cosine: SearchResult
    lengths: tuple[float, ...]
    on_length: tuple[int, ...]  # in the dot product's top k, not in cosine's

    def top_names(self, result: SearchResult) -> list[str]:
        return [self.names[i] for i in result.top]

    @property
    def same_top(self) -> bool:
        return set(self.dot.top) == set(self.cosine.top)

    @property
    def longest(self) -> int:
        return int(np.argmax(self.lengths))

    def longer_than_cosines_picks(self, index: int) -> bool:
        """Is this document longer than every document cosine returns?"""
        return all(self.lengths[index] > self.lengths[i] for i in self.cosine.top)


def story(lesson: Lesson) -> Story:
    docs, query, k = lesson.document_matrix, lesson.search_query, lesson.search_k
    return Story(
        names=tuple(lesson.search_documents), k=k,
        dot=vector_search(query, docs, k, "dot"), cosine=vector_search(query, docs, k, "cosine"),
        lengths=tuple(norm(d) for d in docs), on_length=won_on_length(query, docs, k),
    )


def intro_caption(lesson: Lesson, tale: Story) -> str:
    dim = len(lesson.search_query)
    return (f"A query and {plural(len(tale.names), 'stored document')}, each a vector of {dim} numbers "
            "like the words.")


def first_score_caption(tale: Story) -> str:
    first = tale.names[0]
    return f"The query dotted with {first}: multiply entry by entry and add, {fmt(tale.dot.scores[0])}."


def sorted_caption(tale: Story) -> str:
    best = tale.dot.order[0]
    return f"Sorted, highest score first: {tale.names[best]} leads with {fmt(tale.dot.scores[best])}."


def returned_caption(tale: Story) -> str:
    return f"Returned by dot product: {listing(tale.top_names(tale.dot))}."


def cosine_caption(tale: Story) -> str:
    return f"Returned by cosine: {listing(tale.top_names(tale.cosine))}."


def verdict(tale: Story) -> str:
    """The on-screen line under the table once both rankings are in."""
    if tale.on_length:
        index = tale.on_length[0]
        name = tale.names[index]
        why = (f": it is long (length {fmt(tale.lengths[index])}), not better aligned"
               if tale.longer_than_cosines_picks(index) else "")
        return f"{name} wins on dot product, loses on cosine{why}"
    if tale.dot.top != tale.cosine.top:
        return f"Cosine returns the same {plural(tale.k, 'document')} in another order"
    return "Here cosine and the dot product return the same documents"


def verdict_caption(tale: Story) -> str:
    line = verdict(tale)
    return f"So {line}." if tale.on_length else f"{line}."


def alt(lesson: Lesson) -> str:
    tale = story(lesson)
    scored = ", ".join(f"{tale.names[i]} {fmt(tale.dot.scores[i])}" for i in tale.dot.top)
    line = verdict(tale)
    clause = line if tale.on_length else line[0].lower() + line[1:]
    by_cosine = ", ".join(f"{tale.names[i]} {fmt(tale.cosine.scores[i], COSINE_DECIMALS)}"
                          for i in tale.cosine.top)
    return (
        f"A query vector is dotted with each of {plural(len(tale.names), 'stored document')} "
        f"({listing(tale.names)}); the scores fill a column and are sorted, and the top {tale.k} are "
        f"returned: {scored}. Ranked by cosine, which ignores length, the top {tale.k} are {by_cosine}; "
        f"{clause}. RAG retrieval and recommenders score the same way."
    )


# ---------------------------------------------------------------- narration (what the voice says)


def say_intro() -> str:
    return ("Now put the dot product to work. A search engine embeds your question as a vector and "
            "scores every stored document against it, with the same multiply and add.")


def say_documents(lesson: Lesson, tale: Story) -> str:
    dim = len(lesson.search_query)
    return (f"Here is a query, and {plural(len(tale.names), 'stored document')} to search, "
            f"each a vector of {dim} numbers, just like the words. Think of each row as one chunk of "
            "text, already embedded.")


def say_first_score(tale: Story) -> str:
    first = tale.names[0]
    return (f"Score the first one, {first}: multiply the query and {first} entry by entry, and add. "
            f"The score is {said(tale.dot.scores[0])}. The higher the score, the better the match.")


def say_others() -> str:
    return ("Every other document is scored the same way, one dot product each. In a real system that is "
            "a single matrix multiply over millions of rows.")


def say_sorted(tale: Story) -> str:
    best = tale.dot.order[0]
    return (f"Sort the documents by score, highest first: {tale.names[best]} leads with "
            f"{said(tale.dot.scores[best])}.")


def say_returned(tale: Story) -> str:
    return (f"A search returns a fixed number of results, here {tale.k}. By the dot product, that means "
            f"{listing(tale.top_names(tale.dot))}. That is all retrieval is: the highest scores win.")


def say_cosine_columns() -> str:
    return ("Now the cosine: divide each dot product by the query's length and the document's length. "
            "That takes size out of the score and keeps only direction.")


def say_cosine_sorted() -> str:
    return "Sort again, this time by cosine, highest first, and watch whether the winners change."


def say_cosine_returned(tale: Story) -> str:
    top = listing(tale.top_names(tale.cosine))
    if tale.on_length:
        return f"By cosine, the top {tale.k} are {top}: the winners changed."
    if tale.dot.top != tale.cosine.top:
        return f"By cosine, the top {tale.k} are {top}: the same documents, in another order."
    return f"By cosine, the top {tale.k} are {top}, just as before."


def say_verdict(tale: Story) -> str:
    """What the two rankings teach, in the words `verdict` checks against the data."""
    if tale.on_length:
        index = tale.on_length[0]
        name = tale.names[index]
        if tale.longer_than_cosines_picks(index):
            return (f"So {name} wins on dot product, loses on cosine. It is long, with a length of "
                    f"{said(tale.lengths[index])}, not better aligned: the raw dot product rewards size "
                    "as well as direction, and cosine does not.")
        return (f"So {name} wins on dot product, loses on cosine: the raw dot product mixes size into "
                "the score, and cosine keeps only direction.")
    if tale.dot.top != tale.cosine.top:
        return (f"Here cosine returns the same {plural(tale.k, 'document')} in another order: the "
                "lengths shift the ranking, but not which documents come back.")
    return ("Here cosine and the dot product return the same documents, so length did not change the "
            "answer this time. With other documents, it can.")


def say_uses() -> str:
    return ("The same multiply and add runs all over the modern stack. Retrieval for RAG returns the "
            "top-scoring chunks, and a recommender dots a user's vector against every item's vector. "
            "Different products, same dot product.")
