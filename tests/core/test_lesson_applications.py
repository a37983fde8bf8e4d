"""[search] and [conditioning]: read, and refused when degenerate, naming the file, key and reason."""

from __future__ import annotations

import pytest

from la_core import LessonDataError, load_lesson, parse_lesson
from tests.core.test_lesson import DEFAULT_TEXT, FILE, edited, without_section

ALMANAC = "almanac = [1.6, 1.5, 1.4, 1.2]"
NEARLY = "[1.0, 1.0, 2.0001]]"
CASES = [
    ("a 3-number query", {"query = [0.9, 0.2, 0.1, 0.8]": "query = [0.9, 0.2, 0.1]"}, "[search].query",
     "expected 4 numbers like the word vectors"),
    ("zero query", {"query = [0.9, 0.2, 0.1, 0.8]": "query = [0.0, 0.0, 0.0, 0.0]"}, "[search].query",
     "zero vector"),
    ("zero document", {ALMANAC: "almanac = [0.0, 0.0, 0.0, 0.0]"}, "[search.documents].almanac",
     "zero vector"),
    ("a short document", {ALMANAC: "almanac = [1.6, 1.5]"}, "[search.documents].almanac",
     "expected 4 numbers"),
    ("k of every document", {"k = 2": "k = 5"}, "[search].k", "ranks nothing out"),
    ("k above the documents", {"k = 2": "k = 9"}, "[search].k", "below the number of documents (5)"),
    ("k of 0", {"k = 2": "k = 0"}, "[search].k", ">= 1"),
    ("seven documents", {ALMANAC: ALMANAC + "\nd1 = [1.0, 0, 0, 0]\nd2 = [0, 1.0, 0, 0]"},
     "[search.documents]", "2 to 6 documents"),
    ("a document name with a space", {ALMANAC: '"big book" = [1.6, 1.5, 1.4, 1.2]'},
     '[search.documents].big book', "letters, digits or hyphens"),
    ("an unknown search key", {"k = 2": "k = 2\ntop = 3"}, "[search].top", "unknown key"),
    ("a full-rank 'rank-deficient'", {"[1.0, 1.0, 3.0]]": "[1.0, 1.0, 4.0]]"}, "[conditioning].deficient",
     "this one is full rank"),
    ("a well-conditioned 'nearly'", {NEARLY: "[1.0, 1.0, 2.5]]"}, "[conditioning].nearly",
     "needs a matrix that is ill-conditioned; this one is full rank"),
    ("a rank-2 'rank 1'", {"[0.5, 1.0, -0.5]]": "[0.5, 1.0, 0.5]]"}, "[conditioning].rank_one",
     "this one is rank-deficient (rank 2 of 3)"),
    ("a 2-row example", {"y = [1.0, 2.0, 3.0]": "y = [1.0, 2.0]"}, "[conditioning].y", "expected 3 numbers"),
    ("a zero y", {"y = [1.0, 2.0, 3.0]": "y = [0.0, 0.0, 0.0]"}, "[conditioning].y", "zero vector"),
    ("a 50 % nudge", {"nudge = 0.01": "nudge = 0.5"}, "[conditioning].nudge", "between 0.001 and 0.05"),
    ("no ridge", {"alpha = 0.01": "alpha = 0.0"}, "[conditioning].alpha", "above 0"),
]


@pytest.mark.parametrize(("what", "edits", "key", "reason"), CASES, ids=[c[0] for c in CASES])
def test_degenerate_data_is_refused(what: str, edits: dict[str, str], key: str, reason: str) -> None:
    text = DEFAULT_TEXT
    for old, new in edits.items():
        text = edited(old, new, text)
    with pytest.raises(LessonDataError) as caught:
        parse_lesson(text, FILE)
    error = caught.value
    assert (error.file, error.key) == (FILE, key), str(error)
    assert reason in error.reason, str(error)


def test_a_2x2_example_is_refused_for_the_rank_deficient_row() -> None:
    text = DEFAULT_TEXT
    for key in ("full", "deficient", "rank_one", "nearly"):
        start = text.index(f"\n{key} ")
        end = text.index("]]", start) + 2
        text = text[:start] + f"\n{key} = [[1.0, 0.0], [0.0, 1.0]]" + text[end:]
    text = text.replace("y = [1.0, 2.0, 3.0]", "y = [1.0, 2.0]")
    with pytest.raises(LessonDataError, match=r"\[conditioning\].full: expected 3 or 4 columns"):
        parse_lesson(text, FILE)


def test_the_new_sections_are_borrowed_when_missing() -> None:
    """Issue 18: a file without [search] or [conditioning] borrows the shipped ones (tests/core/
    test_lesson_borrow.py covers the warnings); an unknown section is still refused."""
    assert parse_lesson(without_section("conditioning"), FILE).borrowed == ("conditioning",)
    start, end = DEFAULT_TEXT.index("[search]"), DEFAULT_TEXT.index("[conditioning]")
    assert parse_lesson(DEFAULT_TEXT[:start] + DEFAULT_TEXT[end:], FILE).borrowed == ("search",)
    no_documents = DEFAULT_TEXT.replace("[search.documents]", "[unused]")
    with pytest.raises(LessonDataError, match=r"\[unused\]: unknown section"):
        parse_lesson(no_documents, FILE)


def test_documents_keep_file_order_and_the_digest_sees_it() -> None:
    lesson = load_lesson()
    assert list(lesson.search_documents) == ["palace", "throne", "almanac", "orchard", "cider"]
    swapped = edited("palace  = [0.8, 0.3, 0.1, 0.7]\n", "", DEFAULT_TEXT).replace(
        "cider   = [0.2, 0.1, 0.8, 0.3]", "cider   = [0.2, 0.1, 0.8, 0.3]\npalace  = [0.8, 0.3, 0.1, 0.7]")
    other = parse_lesson(swapped, FILE)
    assert list(other.search_documents)[-1] == "palace"
    assert other.digest(("search",)) != lesson.digest(("search",))
    assert other.digest(("conditioning",)) == lesson.digest(("conditioning",))
    assert lesson.document_matrix.shape == (5, 4)
