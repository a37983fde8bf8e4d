"""la_core.vectors against hand-checked lesson values, numpy/scipy references and properties."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from scipy.spatial import distance

import la_core
from la_core.errors import LinAlgInputError
from la_core.vectors import SIMILAR_FROM, UNRELATED_WITHIN
from tests.core.strategies import gaussian_matrices, vector_pairs, vectors

# The lesson's toy embeddings, copied from lesson.md (not from la_core) so the checks are independent.
KING = [0.9, 0.8, 0.1, 0.7]
QUEEN = [0.9, 0.2, 0.1, 0.8]
APPLE = [0.1, 0.1, 0.9, 0.2]


def big_enough(*vs: np.ndarray) -> bool:
    """True when every vector is clearly non-zero (its direction is well defined)."""
    return all(math.hypot(*v) > 1e-6 for v in vs)


# ---------------------------------------------------------------- lesson values, worked by hand


def test_norm_of_king_is_sqrt_of_its_squares() -> None:
    # 0.81 + 0.64 + 0.01 + 0.49 = 1.95
    assert la_core.norm(KING) == pytest.approx(math.sqrt(1.95), rel=1e-12)
    assert la_core.norm(KING) == pytest.approx(1.3964, abs=5e-5)


def test_cosine_king_queen_is_0_900() -> None:
    # king·queen = 1.54, |king|² = 1.95, |queen|² = 1.50
    assert la_core.cosine_similarity(KING, QUEEN) == pytest.approx(1.54 / math.sqrt(1.95 * 1.50), rel=1e-12)
    assert round(la_core.cosine_similarity(KING, QUEEN), 3) == 0.900


def test_cosine_king_apple_is_0_307() -> None:
    # king·apple = 0.40, |apple|² = 0.87
    assert la_core.cosine_similarity(KING, APPLE) == pytest.approx(0.40 / math.sqrt(1.95 * 0.87), rel=1e-12)
    assert round(la_core.cosine_similarity(KING, APPLE), 3) == 0.307


def test_dot_of_lesson_words_by_hand() -> None:
    assert la_core.dot(KING, QUEEN) == pytest.approx(1.54)
    assert la_core.dot(KING, APPLE) == pytest.approx(0.40)


def test_similarity_reading_follows_the_lessons_words() -> None:
    """The lesson's own readings: king·queen (0.900) "high -> similar", king·apple (0.307) "low ->
    different", "≈ 0" unrelated, "negative" opposed; and 0.39 (issue 17's least-alike pair) is no
    different in kind from 0.307."""
    assert la_core.similarity_reading(la_core.cosine_similarity(KING, QUEEN)) == "similar"
    assert la_core.similarity_reading(la_core.cosine_similarity(KING, APPLE)) == "different"
    assert la_core.similarity_reading(0.39) == "different"
    assert la_core.similarity_reading(0.0) == "unrelated"
    assert la_core.similarity_reading(0.01) == "unrelated"
    assert la_core.similarity_reading(-0.01) == "unrelated"
    assert la_core.similarity_reading(-0.9) == "opposed"
    assert la_core.similarity_reading(-0.5) == "opposed"
    assert la_core.similarity_reading(1.0) == "similar"
    assert la_core.similarity_reading(-1.0) == "opposed"


def test_similarity_reading_thresholds_are_the_documented_bands() -> None:
    """Each band's ends, as documented next to READING_BANDS: low ends included except unrelated's."""
    assert la_core.similarity_reading(SIMILAR_FROM) == "similar"
    assert la_core.similarity_reading(np.nextafter(SIMILAR_FROM, 0)) == "different"
    assert la_core.similarity_reading(UNRELATED_WITHIN) == "different"
    assert la_core.similarity_reading(np.nextafter(UNRELATED_WITHIN, 0)) == "unrelated"
    assert la_core.similarity_reading(np.nextafter(-UNRELATED_WITHIN, 0)) == "unrelated"
    assert la_core.similarity_reading(-UNRELATED_WITHIN) == "opposed"
    for name, low, high in la_core.READING_BANDS:
        assert la_core.similarity_reading((low + high) / 2) == name


def test_the_bands_cover_minus_one_to_one_without_gaps() -> None:
    bands = la_core.READING_BANDS
    assert bands[0][1] == -1.0 and bands[-1][2] == 1.0
    assert all(a[2] == b[1] for a, b in itertools.pairwise(bands))
    assert la_core.READINGS == ("opposed", "unrelated", "different", "similar")


@given(st.floats(-1, 1), st.floats(-1, 1))
def test_similarity_reading_is_monotone(low: float, high: float) -> None:
    """A higher cosine never reads as less similar."""
    order = {"opposed": 0, "unrelated": 1, "different": 2, "similar": 3}
    low, high = min(low, high), max(low, high)
    assert order[la_core.similarity_reading(low)] <= order[la_core.similarity_reading(high)]


# ---------------------------------------------------------------- norms, dots, cosines


@given(vectors(5))
def test_norm_matches_hypot(v: np.ndarray) -> None:
    assert la_core.norm(v) == pytest.approx(math.hypot(*v), rel=1e-12, abs=1e-300)


@given(vector_pairs())
def test_dot_matches_fsum(pair: tuple[np.ndarray, np.ndarray]) -> None:
    a, b = pair
    reference = math.fsum(x * y for x, y in zip(a, b, strict=True))
    tolerance = 1e-9 * math.hypot(*a) * math.hypot(*b)
    assert la_core.dot(a, b) == pytest.approx(reference, rel=1e-9, abs=tolerance)


@given(vectors(4))
def test_normalize_gives_a_unit_vector_in_the_same_direction(v: np.ndarray) -> None:
    assume(big_enough(v))
    unit = la_core.normalize(v)
    assert math.hypot(*unit) == pytest.approx(1.0, rel=1e-12)
    np.testing.assert_allclose(unit * math.hypot(*v), v, rtol=1e-12, atol=1e-12 * math.hypot(*v))


@given(gaussian_matrices())
def test_normalize_rows_matches_row_by_row_division(X: np.ndarray) -> None:
    expected = np.array([row / math.hypot(*row) for row in X])
    np.testing.assert_allclose(la_core.normalize_rows(X), expected, rtol=1e-12)


@given(vector_pairs())
def test_cosine_matches_scipy_and_stays_in_range(pair: tuple[np.ndarray, np.ndarray]) -> None:
    a, b = pair
    assume(big_enough(a, b))
    cos = la_core.cosine_similarity(a, b)
    assert isinstance(cos, float)
    assert -1.0 <= cos <= 1.0
    assert cos == pytest.approx(1.0 - distance.cosine(a, b), abs=1e-9)


@given(vector_pairs(), st.floats(1e-3, 1e3), st.floats(1e-3, 1e3))
def test_cosine_ignores_positive_scaling(pair: tuple[np.ndarray, np.ndarray], s: float, t: float) -> None:
    a, b = pair
    assume(big_enough(a, b))
    assert la_core.cosine_similarity(s * a, t * b) == pytest.approx(la_core.cosine_similarity(a, b), abs=1e-9)


@given(vectors(3), st.floats(1e-3, 1e3))
def test_cosine_of_a_vector_with_itself_is_exactly_clipped_to_one(v: np.ndarray, s: float) -> None:
    assume(big_enough(v))
    cos = la_core.cosine_similarity(v, s * v)
    assert cos <= 1.0
    assert cos == pytest.approx(1.0, abs=1e-12)
    assert la_core.cosine_similarity(v, -s * v) >= -1.0


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize("scale", [1e200, 1e-200])
def test_direction_functions_work_for_huge_and_tiny_finite_vectors(scale: float) -> None:
    """Finite non-zero vectors have a direction whatever their magnitude."""
    a, b = scale * np.array([1.0, 1.0]), scale * np.array([1.0, 2.0])
    assert la_core.norm(a) == pytest.approx(scale * math.sqrt(2))
    np.testing.assert_allclose(la_core.normalize(a), [math.sqrt(0.5)] * 2)
    assert la_core.cosine_similarity(a, b) == pytest.approx(3 / math.sqrt(10))


@given(gaussian_matrices())
def test_cosine_matrix_matches_scipy_cdist(X: np.ndarray) -> None:
    result = la_core.cosine_matrix(X)
    np.testing.assert_allclose(result, 1.0 - distance.cdist(X, X, "cosine"), atol=1e-12)
    np.testing.assert_allclose(np.diag(result), 1.0, atol=1e-12)
    assert np.all(np.abs(result) <= 1.0)
    np.testing.assert_array_equal(result, result.T)


def test_cosine_matrix_of_lesson_words() -> None:
    result = la_core.cosine_matrix([KING, QUEEN, APPLE])
    assert result[0, 1] == pytest.approx(1.54 / math.sqrt(1.95 * 1.50))
    assert result[0, 2] == pytest.approx(0.40 / math.sqrt(1.95 * 0.87))


# ---------------------------------------------------------------- angles and projections


def test_angle_between_known_angles() -> None:
    assert la_core.angle_between([1, 0], [0, 3], degrees=True) == pytest.approx(90.0)
    assert la_core.angle_between([1, 0], [1, 1]) == pytest.approx(math.pi / 4)
    assert la_core.angle_between([2, 0], [-1, 0], degrees=True) == pytest.approx(180.0)
    assert la_core.angle_between([1, 2, 3], [2, 4, 6]) == pytest.approx(0.0, abs=1e-7)


@given(vector_pairs())
def test_angle_between_matches_arccos_of_scipy_cosine(pair: tuple[np.ndarray, np.ndarray]) -> None:
    a, b = pair
    assume(big_enough(a, b))
    expected = math.acos(min(1.0, max(-1.0, 1.0 - distance.cosine(a, b))))
    assert la_core.angle_between(a, b) == pytest.approx(expected, abs=1e-6)
    assert la_core.angle_between(a, b, degrees=True) == pytest.approx(math.degrees(expected), abs=1e-4)


def test_projections_by_hand() -> None:
    assert la_core.scalar_projection([3, 4], [1, 0]) == pytest.approx(3.0)
    assert la_core.scalar_projection([3, 4], [0, 2]) == pytest.approx(4.0)
    assert la_core.scalar_projection([3, 4], [0, -5]) == pytest.approx(-4.0)
    np.testing.assert_allclose(la_core.vector_projection([2, 3], [1, 1]), [2.5, 2.5])
    np.testing.assert_allclose(la_core.vector_projection([2, 3], [4, 0]), [2.0, 0.0])


@given(vector_pairs(min_len=2))
def test_projection_residual_is_orthogonal_to_onto(pair: tuple[np.ndarray, np.ndarray]) -> None:
    a, onto = pair
    assume(big_enough(onto))
    shadow = la_core.vector_projection(a, onto)
    residual = a - shadow
    scale = math.hypot(*a) * math.hypot(*onto) + 1e-300
    assert abs(float(residual @ onto)) <= 1e-9 * scale
    # the shadow lies on the line through `onto` and has the scalar projection as signed length
    if big_enough(shadow):
        assert abs(la_core.cosine_similarity(shadow, onto)) == pytest.approx(1.0)
    assert la_core.scalar_projection(a, onto) == pytest.approx(
        float(shadow @ onto) / math.hypot(*onto), abs=1e-9 * math.hypot(*a) + 1e-12
    )


@given(vector_pairs(min_len=2))
def test_scalar_projection_is_length_times_cosine(pair: tuple[np.ndarray, np.ndarray]) -> None:
    a, onto = pair
    assume(big_enough(a, onto))
    expected = math.hypot(*a) * (1.0 - distance.cosine(a, onto))
    assert la_core.scalar_projection(a, onto) == pytest.approx(expected, abs=1e-9 * math.hypot(*a))


# ---------------------------------------------------------------- plane coordinates


def test_plane_coordinates_by_hand() -> None:
    a2, b2 = la_core.plane_coordinates([1, 0, 0], [1, 1, 0])
    np.testing.assert_allclose(a2, [1, 0])
    np.testing.assert_allclose(b2, [1, 1])
    a2, b2 = la_core.plane_coordinates([0, 0, 2], [0, -3, 0])
    np.testing.assert_allclose(a2, [2, 0])
    np.testing.assert_allclose(b2, [0, 3], atol=1e-15)


@given(vector_pairs(min_len=2))
def test_plane_coordinates_preserve_lengths_and_angle(pair: tuple[np.ndarray, np.ndarray]) -> None:
    a, b = pair
    assume(big_enough(a, b))
    a2, b2 = la_core.plane_coordinates(a, b)
    assert a2.shape == b2.shape == (2,)
    assert a2[1] == 0.0 and a2[0] > 0.0, "a lies along +x"
    assert b2[1] >= 0.0, "b lies in the upper half plane"
    len_a, len_b = math.hypot(*a), math.hypot(*b)
    assert math.hypot(*a2) == pytest.approx(len_a, rel=1e-12)
    assert math.hypot(*b2) == pytest.approx(len_b, rel=1e-9)
    # same angle <=> same dot product for the same lengths
    assert float(a2 @ b2) == pytest.approx(float(a @ b), abs=1e-9 * len_a * len_b)


def test_plane_coordinates_of_king_and_queen_keep_the_lesson_angle() -> None:
    a2, b2 = la_core.plane_coordinates(KING, QUEEN)
    cos = float(a2 @ b2) / (math.hypot(*a2) * math.hypot(*b2))
    assert cos == pytest.approx(1.54 / math.sqrt(1.95 * 1.50), rel=1e-12)


# ---------------------------------------------------------------- PCA


def reference_pca(X: np.ndarray, k: int, center: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(coords, ratios, eigenvalues) from an eigendecomposition of the (uncentred) scatter matrix."""
    data = X - X.mean(axis=0) if center else X
    eigenvalues, eigenvectors = np.linalg.eigh(data.T @ data)
    order = np.argsort(eigenvalues)[::-1]
    eigenvalues, eigenvectors = eigenvalues[order], eigenvectors[:, order]
    return data @ eigenvectors[:, :k], eigenvalues[:k] / eigenvalues.sum(), eigenvalues


@st.composite
def pca_problems(draw: st.DrawFn) -> tuple[np.ndarray, int, bool]:
    """Data with distinct column scales (so principal directions are well separated), k and centring."""
    seed = draw(st.integers(0, 2**32 - 1))
    n, d = draw(st.integers(2, 8)), draw(st.integers(1, 5))
    k = draw(st.integers(1, min(n, d)))
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, d)) * np.geomspace(8, 1, d) + rng.standard_normal(d)
    return X, k, draw(st.booleans())


@given(pca_problems())
def test_pca_project_matches_eigendecomposition_up_to_sign(problem: tuple[np.ndarray, int, bool]) -> None:
    X, k, center = problem
    expected, expected_ratios, eigenvalues = reference_pca(X, k, center)
    # directions are only defined when the top k+1 eigenvalues are well separated
    top = eigenvalues[: k + 1]
    assume(np.all(-np.diff(top) > 1e-3 * eigenvalues[0]))
    coords, ratios = la_core.pca_project(X, k=k, center=center)
    assert coords.shape == (len(X), k)
    np.testing.assert_allclose(ratios, expected_ratios, atol=1e-9)
    assert np.all(ratios >= 0) and ratios.sum() <= 1.0 + 1e-12
    assert np.all(np.diff(ratios) <= 1e-12), "largest share first"
    for column in range(k):
        got, want = coords[:, column], expected[:, column]
        sign = 1.0 if got @ want >= 0 else -1.0
        np.testing.assert_allclose(got, sign * want, atol=1e-7 * (1 + np.abs(want).max()))


def test_pca_project_of_points_on_a_line_keeps_all_variance_in_one_direction() -> None:
    t = np.array([-2.0, -1.0, 0.0, 1.0, 2.0])
    X = np.outer(t, [3.0, 4.0]) + np.array([1.0, 1.0])
    coords, ratios = la_core.pca_project(X, k=2)
    np.testing.assert_allclose(ratios, [1.0, 0.0], atol=1e-12)
    np.testing.assert_allclose(np.abs(coords[:, 0]), 5 * np.abs(t), atol=1e-12)
    np.testing.assert_allclose(coords[:, 1], 0.0, atol=1e-12)


def test_pca_project_signs_are_deterministic() -> None:
    """The documented sign rule: the projection of the data onto +e_x (its only direction) is kept."""
    X = np.array([[1.0, 0.0], [2.0, 0.0], [4.0, 0.0]])
    coords, _ = la_core.pca_project(X, k=1)
    np.testing.assert_allclose(coords[:, 0], X[:, 0] - X[:, 0].mean())
    coords, _ = la_core.pca_project(X, k=1, center=False)
    np.testing.assert_allclose(coords[:, 0], X[:, 0])


def test_pca_project_of_lesson_words_explains_less_than_everything() -> None:
    coords, ratios = la_core.pca_project([KING, QUEEN, APPLE], k=2)
    assert coords.shape == (3, 2)
    # three centred points span at most 2 directions: two components keep all the variance
    assert ratios.sum() == pytest.approx(1.0)
    # distances between the words survive exactly (nothing was lost)
    for i, j in [(0, 1), (0, 2), (1, 2)]:
        original = math.dist(np.array([KING, QUEEN, APPLE])[i], np.array([KING, QUEEN, APPLE])[j])
        assert math.dist(coords[i], coords[j]) == pytest.approx(original)


def test_span_coordinates_keep_lengths_and_angles_and_put_the_first_rows_on_the_axes() -> None:
    """Against numpy's QR: the Gram matrix (every dot product) is unchanged, row 0 lies on +x and
    row 1 in the upper x-y plane, and a dependent row adds no axis."""
    from la_core import span_coordinates

    X = np.array([[0.9, 0.8, 0.1, 0.7], [0.9, 0.2, 0.1, 0.8], [0.1, 0.1, 0.9, 0.2]])
    coords = span_coordinates(X)
    assert coords.shape == (3, 3)
    np.testing.assert_allclose(coords @ coords.T, X @ X.T, atol=1e-12)
    q, r = np.linalg.qr(X.T)
    signs = np.sign(np.diag(r))
    np.testing.assert_allclose(coords, (X @ q) * signs, atol=1e-12)
    assert coords[0, 1:] == pytest.approx([0.0, 0.0], abs=1e-12) and coords[0, 0] > 0
    assert coords[1, 2] == pytest.approx(0.0, abs=1e-12) and coords[1, 1] > 0
    dependent = np.vstack([X[:2], 2 * X[0] - X[1]])
    assert span_coordinates(dependent).shape == (3, 2)
    with pytest.raises(LinAlgInputError, match="span_coordinates"):
        span_coordinates(np.zeros((2, 3)))
