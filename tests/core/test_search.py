"""la_core.search against plain numpy: scores, cosine, ranking ties, top k, the lesson's almanac."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from la_core import LinAlgInputError, load_lesson
from la_core.search import cosine_scores, dot_scores, ranking, search, won_on_length
from tests.core.strategies import matrices, vectors


def test_dot_scores_are_the_matrix_vector_product() -> None:
    docs = np.array([[1.0, 2.0], [3.0, -1.0], [0.0, 0.5]])
    np.testing.assert_allclose(dot_scores([2.0, 1.0], docs), [4.0, 5.0, 0.5])


def test_cosine_scores_ignore_length() -> None:
    docs = np.array([[1.0, 1.0], [10.0, 10.0], [1.0, 0.0]])
    np.testing.assert_allclose(cosine_scores([1.0, 1.0], docs), [1.0, 1.0, 1 / np.sqrt(2)])


@given(st.integers(1, 6).flatmap(lambda d: st.tuples(vectors(d), matrices(4, d))))
def test_scores_match_numpy(pair: tuple[np.ndarray, np.ndarray]) -> None:
    query, docs = pair
    np.testing.assert_allclose(dot_scores(query, docs), [np.dot(d, query) for d in docs], rtol=1e-9,
                               atol=1e-6)
    if np.linalg.norm(query) > 1e-3 and np.all(np.linalg.norm(docs, axis=1) > 1e-3):
        expected = [np.dot(d, query) / (np.linalg.norm(d) * np.linalg.norm(query)) for d in docs]
        np.testing.assert_allclose(cosine_scores(query, docs), np.clip(expected, -1, 1), atol=1e-9)


def test_ranking_is_highest_first_and_ties_keep_stored_order() -> None:
    assert ranking([0.5, 2.0, 0.5, 3.0]).tolist() == [3, 1, 0, 2]


def test_search_returns_the_top_k() -> None:
    docs = np.array([[1.0, 0.0], [0.0, 1.0], [3.0, 3.0]])
    found = search([1.0, 0.2], docs, 2)
    assert found.top == (2, 0) and found.measure == "dot"
    assert search([1.0, 0.2], docs, 2, "cosine").top == (0, 2)


def test_the_lessons_long_document_wins_on_dot_product_and_loses_on_cosine() -> None:
    lesson = load_lesson()
    names = list(lesson.search_documents)
    docs, query = np.array(lesson.document_matrix), np.array(lesson.search_query)
    by_dot = [names[i] for i in np.argsort(-(docs @ query), kind="stable")[: lesson.search_k]]
    cosine = docs @ query / (np.linalg.norm(docs, axis=1) * np.linalg.norm(query))
    by_cosine = [names[i] for i in np.argsort(-cosine, kind="stable")[: lesson.search_k]]
    assert by_dot == ["almanac", "palace"] and by_cosine == ["palace", "throne"]
    assert [names[i] for i in won_on_length(query, docs, lesson.search_k)] == ["almanac"]
    longest = names[int(np.argmax(np.linalg.norm(docs, axis=1)))]
    assert longest == "almanac"


@pytest.mark.parametrize(("call", "message"), [
    (lambda: dot_scores([1.0, 2.0], [[1.0, 2.0, 3.0]]), "the query has 2"),
    (lambda: cosine_scores([0.0, 0.0], [[1.0, 2.0]]), "query is the zero vector"),
    (lambda: cosine_scores([1.0, 0.0], [[1.0, 2.0], [0.0, 0.0]]), "document 1 is the zero vector"),
    (lambda: search([1.0, 0.0], [[1.0, 2.0]], 2), "k=2 is more than the 1 documents"),
    (lambda: search([1.0, 0.0], [[1.0, 2.0]], 0), "k must be at least 1"),
    (lambda: search([1.0, 0.0], [[1.0, 2.0]], 1, "euclid"), "measure must be one of dot, cosine"),
])
def test_bad_input_is_named(call, message: str) -> None:
    with pytest.raises(LinAlgInputError, match=message):
        call()
