"""The static figures show la_core's numbers, are byte-identical run to run, and look as reviewed.

Data checks read the numbers back out of the matplotlib artists (heatmap arrays, bar heights,
line data) and compare them with plain numpy written here, independently of la_core.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PathCollection
from matplotlib.image import AxesImage
from matplotlib.lines import Line2D
from matplotlib.quiver import Quiver
from matplotlib.testing.compare import compare_images
from PIL import Image

from la_core import load_lesson, parse_lesson
from la_core.lesson import DEFAULT_LESSON_NAME
from la_render import figures
from scenes import style

REFERENCE_DIR = Path(__file__).parent / "reference"
TOLERANCE = 3.0  # RMS on 0..255; freetype differences stay below, layout changes do not

EDITED_LESSON = """
[vectors]
cat  = [1.0, 0.0, 0.5]
dog  = [0.9, 0.1, 0.6]
car  = [0.0, 1.0, -0.2]
boat = [-0.3, 0.8, 0.0]
[dot_product]
a = "cat"
b = "dog"
contrast = "car"
[projection]
W = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]
[independence]
v1 = [1, 2, 0]
v2 = [0, 1, 1]
v3 = [1, 3, 1]
unreachable = [0, 0, 1]
[transform]
matrix = [[1.0, 0.0], [0.0, 1.0]]
x = [1.0, 1.0]
flatten = [[1.0, 1.0], [1.0, 1.0]]
[random]
seed = 3
a_shape = [2, 3]
b_shape = [3, 2]
qk_shape = [3, 4]
[attention]
queries = ["cat", "car"]
keys = ["dog", "boat", "cat"]
[lora]
d = 4
k = 4
r = 1
seed = 1
layer_d = 1024
layer_k = 512
layer_ranks = [2, 8, 64]
[search]
query = [1.0, 0.1, 0.4]
k = 1
[search.documents]
kennel = [0.9, 0.2, 0.5]
road = [0.1, 1.0, 0.0]
catalogue = [2.5, 1.5, 1.5]
[conditioning]
full = [[1.0, 0.0, 0.0], [0.0, 2.0, 0.0], [0.0, 0.0, 3.0], [1.0, 1.0, 1.0]]
deficient = [[1.0, 1.0, 0.0], [1.0, 1.0, 0.0], [0.0, 0.0, 1.0], [2.0, 2.0, 1.0]]
rank_one = [[1.0, 1.0, 1.0], [2.0, 2.0, 2.0], [0.0, 0.0, 0.0], [1.0, 1.0, 1.0]]
nearly = [[1.0, 1.0, 0.0], [1.0, 1.00001, 0.0], [0.0, 0.0, 1.0], [2.0, 2.0, 1.0]]
y = [1.0, 2.0, 3.0, 4.0]
nudge = 0.02
alpha = 0.05
[training]
targets = [[1.0, 0.5], [0.8, -0.5]]
rate = 0.8
steps = 600
"""


@pytest.fixture(scope="module")
def lesson():
    return load_lesson()


@pytest.fixture(scope="module")
def edited():
    return parse_lesson(EDITED_LESSON, "edited.toml")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, lesson):
    renders = tmp_path_factory.mktemp("renders")
    return renders, figures.render_figures(lesson, renders / "figures")


# ---------------------------------------------------------------- independent references


def unit_rows(matrix: np.ndarray) -> np.ndarray:
    return matrix / np.sqrt((matrix**2).sum(axis=1, keepdims=True))


def uncentred_pca(matrix: np.ndarray) -> tuple[np.ndarray, float]:
    """Top-2 subspace through the origin via the eigenvectors of XᵀX; sign: largest loading > 0."""
    eigenvalues, eigenvectors = np.linalg.eigh(matrix.T @ matrix)
    order = np.argsort(eigenvalues)[::-1][:2]
    directions = eigenvectors[:, order].T
    for row in directions:
        if row[np.argmax(np.abs(row))] < 0:
            row *= -1
    share = eigenvalues[order].sum() / (matrix**2).sum()
    return matrix @ directions.T, float(share)


def row_softmax(scores: np.ndarray) -> np.ndarray:
    exps = np.exp(scores - scores.max(axis=1, keepdims=True))
    return exps / exps.sum(axis=1, keepdims=True)


def artists(fig, kind, gid=None):
    found = [a for ax in fig.axes for a in ax.get_children() if isinstance(a, kind)]
    return [a for a in found if gid is None or a.get_gid() == gid]


def texts(fig) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.texts]


# ---------------------------------------------------------------- data inside the figures


@pytest.mark.parametrize("which", ["lesson", "edited"])
def test_pca_map_arrows_are_the_uncentred_projection(which, request):
    data = request.getfixturevalue(which)
    fig = figures.build_figure("pca_map", data)
    (arrows,) = artists(fig, Quiver, "pca-arrows")
    expected, share = uncentred_pca(np.array(data.word_matrix))
    np.testing.assert_allclose(np.column_stack([arrows.U, arrows.V]), expected, atol=1e-9)
    np.testing.assert_allclose(arrows.X, 0.0)
    np.testing.assert_allclose(arrows.Y, 0.0)
    names = list(data.word_names)
    labels = {a.get_gid(): a for a in fig.axes[0].texts if (a.get_gid() or "").startswith("pca-label-")}
    assert sorted(labels) == sorted(f"pca-label-{n}" for n in names)
    for name in names:
        assert labels[f"pca-label-{name}"].get_text() == name
        assert labels[f"pca-label-{name}"].get_color() == style.WORD_COLORS[names.index(name)]
    (shown,) = re.findall(r"keeps ([\d.]+)%", fig.axes[0].get_title())
    decimals = len(shown.partition(".")[2])
    assert abs(float(shown) - 100 * share) <= 0.5 * 10**-decimals + 1e-9
    assert (float(shown) == 100) == np.isclose(share, 1.0, rtol=0, atol=1e-12)  # never rounded up to all


@pytest.mark.parametrize("which", ["lesson", "edited"])
def test_layer_map_arrows_are_w_x_plus_b_for_every_word(which, request):
    data = request.getfixturevalue(which)
    fig = figures.build_figure("layer_map", data)
    (arrows,) = artists(fig, Quiver, "layer-arrows")
    W, b = np.array(data.W), np.array(data.b)
    expected = np.array([W @ np.array(data.words[name]) + b for name in data.word_names])
    np.testing.assert_allclose(np.column_stack([arrows.U, arrows.V]), expected, atol=1e-9)
    labels = sorted(a.get_text() for a in fig.axes[0].texts if (a.get_gid() or "").startswith("layer-label-"))
    assert labels == sorted(data.word_names)
    alt = figures.alt_layer_map(data)
    for name, (y1, y2) in zip(data.word_names, expected, strict=True):
        assert f"{name} at ({y1:.2f}, {y2:.2f})".replace("-", "\u2212") in alt


@pytest.mark.parametrize("which", ["lesson", "edited"])
def test_cosine_matrix_image_is_the_pairwise_cosines(which, request):
    data = request.getfixturevalue(which)
    fig = figures.build_figure("cosine_matrix", data)
    (image,) = artists(fig, AxesImage, "cosine-image")
    unit = unit_rows(np.array(data.word_matrix))
    expected = unit @ unit.T
    np.testing.assert_allclose(np.asarray(image.get_array()), expected, atol=1e-12)
    assert image.get_clim() == (-1.0, 1.0)
    assert image.get_cmap().name == "viridis"
    shown = [t for t in texts(fig) if re.fullmatch(r"−?\d\.\d\d", t)]
    assert shown == [f"{v:.2f}".replace("-", "−") for v in expected.ravel()]
    assert len(fig.axes) == 2, "a colour bar"
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == list(data.word_names)


def test_cosine_bands_curve_bands_and_pairs(lesson):
    fig = figures.build_figure("cosine_bands", lesson)
    (curve,) = artists(fig, Line2D, "cosine-curve")
    x, y = curve.get_data()
    np.testing.assert_allclose(y, np.cos(np.radians(x)))
    assert x.min() == 0 and x.max() == 180
    # the lesson's four words at la-render's documented thresholds, restated here
    for name, (low, high) in {"similar": (0.7, 1.0), "different": (0.15, 0.7), "unrelated": (-0.15, 0.15),
                              "opposed": (-1.0, -0.15)}.items():
        patches = [p for p in fig.axes[0].patches if p.get_gid() == f"band-{name}"]
        assert len(patches) == 1
        band = patches[0]
        np.testing.assert_allclose([band.get_y(), band.get_y() + band.get_height()], [low, high])
    title = fig.get_suptitle()
    assert "la-render's thresholds" in title and "the lesson's words" in title, title
    (points,) = artists(fig, PathCollection, "word-pairs")
    words = np.array(lesson.word_matrix)
    unit = unit_rows(words)
    expected = []
    for i in range(len(words)):
        for j in range(i + 1, len(words)):
            cos = float(unit[i] @ unit[j])
            expected.append((np.degrees(np.arccos(cos)), cos))
    np.testing.assert_allclose(points.get_offsets(), expected, atol=1e-9)


@pytest.mark.parametrize("which", ["lesson", "edited"])
def test_singular_value_bars_and_rank(which, request):
    data = request.getfixturevalue(which)
    fig = figures.build_figure("singular_values", data)
    deficient = np.array(data.V, dtype=float)
    full = deficient.copy()
    full[-1] = data.unreachable
    for index, matrix in enumerate([deficient, full]):
        bars = [p for p in fig.axes[index].patches if p.get_gid() == f"singular-bars-{index}"]
        heights = [bar.get_height() for bar in bars]
        np.testing.assert_allclose(heights, np.linalg.svd(matrix, compute_uv=False), atol=1e-12)
        rank = int(np.linalg.matrix_rank(matrix))
        title = fig.axes[index].get_title()
        assert ("full rank" in title) == (rank == min(matrix.shape))
        if rank < min(matrix.shape):
            assert f"rank {rank} of {min(matrix.shape)}" in title
            assert f"rank {rank}" in [t.get_text() for t in fig.axes[index].texts]


@pytest.mark.parametrize("which", ["lesson", "edited"])
def test_attention_heatmaps_are_scores_and_softmax(which, request):
    data = request.getfixturevalue(which)
    Q = np.array([data.words[t] for t in data.query_tokens])
    K = np.array([data.words[t] for t in data.key_tokens])
    fig = figures.build_figure("attention", data)
    (scores,) = artists(fig, AxesImage, "attention-scores")
    (weights,) = artists(fig, AxesImage, "attention-weights")
    np.testing.assert_allclose(np.asarray(scores.get_array()), Q @ K.T, atol=1e-12)
    np.testing.assert_allclose(np.asarray(weights.get_array()), row_softmax(Q @ K.T / np.sqrt(Q.shape[1])),
                               atol=1e-12)
    assert weights.get_clim() == (0.0, 1.0)
    heatmap_axes = [ax for ax in fig.axes if ax.images]
    assert len(fig.axes) == 4, "two heatmaps, each with a colour bar"
    for ax in heatmap_axes:
        assert [t.get_text() for t in ax.get_xticklabels()] == list(data.key_tokens)
        assert [t.get_text() for t in ax.get_yticklabels()] == list(data.query_tokens)


@pytest.mark.parametrize("which", ["lesson", "edited"])
def test_lora_lines_are_the_parameter_counts(which, request):
    data = request.getfixturevalue(which)
    fig = figures.build_figure("lora_counts", data)
    (full,) = artists(fig, Line2D, "lora-full")
    (low,) = artists(fig, Line2D, "lora-low-rank")
    ranks = np.array(data.layer_ranks)
    d, k = data.layer_d, data.layer_k
    np.testing.assert_array_equal(full.get_xdata(), ranks)
    np.testing.assert_array_equal(full.get_ydata(), np.full(len(ranks), d * k))
    np.testing.assert_array_equal(low.get_ydata(), ranks * (d + k))
    assert fig.axes[0].get_yscale() == "log"


# ---------------------------------------------------------------- files and manifest entries


def test_manifest_entries_describe_the_files(rendered):
    renders, entries = rendered
    assert list(entries) == ["pca_map", "cosine_matrix", "cosine_bands", "unit_circle", "search_ranking",
                             "dedup", "singular_values", "condition_numbers", "layer_map", "attention",
                             "model_chain", "lora_counts", "compression"]
    for order, (name, entry) in enumerate(entries.items()):
        assert entry["name"] == name and entry["order"] == order
        assert entry["title"] and len(entry["alt"]) > 40
        png, svg = entry["outputs"]["png"], entry["outputs"]["svg"]
        assert png["path"] == f"figures/{name}.png" and svg["path"] == f"figures/{name}.svg"
        for output in (png, svg):
            data = (renders / output["path"]).read_bytes()
            assert output["bytes"] == len(data)
            assert output["sha256"] == hashlib.sha256(data).hexdigest()
            assert len(output["cache_key"]) == 64
        with Image.open(renders / png["path"]) as image:
            assert image.size == (png["width"], png["height"]) == (1600, 1000)
            assert "Software" not in image.info
        assert (svg["width"], svg["height"]) == (800, 500)
    assert list((renders / ".tmp").iterdir()) == [], "no temporaries left behind"


def test_svg_carries_no_date_but_title_and_description(rendered):
    renders, entries = rendered
    text = (renders / entries["attention"]["outputs"]["svg"]["path"]).read_text()
    assert "<dc:date>" not in text
    assert "Attention scores and weights" in text


def test_same_data_gives_byte_identical_files(rendered, tmp_path):
    """A second render in a fresh process (no shared matplotlib state) writes the same bytes."""
    renders, entries = rendered
    script = ("import sys; from pathlib import Path; from la_core import load_lesson; "
              "from la_render.figures import render_figures; "
              "render_figures(load_lesson(), Path(sys.argv[1]))")
    subprocess.run([sys.executable, "-c", script, str(tmp_path / "figures")], check=True, timeout=120,
                   cwd=Path(__file__).resolve().parents[2])
    for entry in entries.values():
        for output in entry["outputs"].values():
            first = (renders / output["path"]).read_bytes()
            second = (tmp_path / output["path"]).read_bytes()
            assert first == second, f"{output['path']} differs between two renders"


def test_changed_data_changes_the_cache_key(lesson, edited):
    assert figures.figures_cache_key(lesson) == figures.figures_cache_key(load_lesson())
    assert figures.figures_cache_key(lesson) != figures.figures_cache_key(edited)


def test_unknown_figure_name_is_refused(lesson, tmp_path):
    with pytest.raises(KeyError, match="pca_map"):
        figures.render_figures(lesson, tmp_path / "figures", names=["nope"])


# ---------------------------------------------------------------- image comparison


@pytest.mark.parametrize("name", figures.figure_names())
def test_figure_matches_its_reference_image(rendered, name):
    renders, entries = rendered
    reference = REFERENCE_DIR / f"{name}.png"
    assert reference.exists(), f"run scripts/update_figure_references.py ({DEFAULT_LESSON_NAME})"
    result = compare_images(str(reference), str(renders / entries[name]["outputs"]["png"]["path"]),
                            tol=TOLERANCE)
    assert result is None, result


def test_image_comparison_catches_a_different_figure(rendered, tmp_path):
    """The tolerance is tight enough to tell figures apart (so the test above can fail)."""
    renders, entries = rendered
    actual = tmp_path / "pca_map.png"
    actual.write_bytes((renders / entries["cosine_bands"]["outputs"]["png"]["path"]).read_bytes())
    assert compare_images(str(REFERENCE_DIR / "pca_map.png"), str(actual), tol=TOLERANCE) is not None


# ---------------------------------------------------------------- edited data stays readable

CROWDED_WORDS = """
man   = [0.8, 0.9, 0.2, 0.1]
woman = [0.8, 0.3, 0.2, 0.9]
anti  = [-0.9, -0.7, 0.0, -0.8]
"""


def crowded_lesson():
    """The shipped lesson plus three words, two of them close to king and queen; six keys."""
    text = (Path(figures.__file__).parents[2] / "la_core" / DEFAULT_LESSON_NAME).read_text(encoding="utf-8")
    text = text.replace("apple = [0.1, 0.1, 0.9, 0.2]\n", "apple = [0.1, 0.1, 0.9, 0.2]" + CROWDED_WORDS, 1)
    text = text.replace('keys = ["king", "queen", "apple"]',
                        'keys = ["king", "queen", "apple", "man", "woman", "anti"]', 1)
    return parse_lesson(text, "crowded.toml")


def boxes(fig, texts_) -> list:
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    return [t.get_window_extent(renderer) for t in texts_ if t.get_text()]


def assert_apart(extents) -> None:
    for i, a in enumerate(extents):
        for b in extents[i + 1:]:
            assert not a.overlaps(b), (a, b)


def test_labels_of_several_close_words_do_not_overlap():
    lesson = crowded_lesson()
    fig = figures.build_figure("pca_map", lesson)
    labels = [t for t in fig.axes[0].texts if (t.get_gid() or "").startswith("pca-label-")]
    assert len(labels) == 6
    assert_apart(boxes(fig, labels))


def test_many_keys_stack_the_heatmaps_and_keep_labels_and_numbers_apart():
    lesson = crowded_lesson()
    fig = figures.build_figure("attention", lesson)
    top, bottom = [ax for ax in fig.axes if ax.images]
    assert top.get_position().y0 > bottom.get_position().y1, "stacked, scores above weights"
    for ax in (top, bottom):
        assert [t.get_text() for t in ax.get_xticklabels()] == list(lesson.key_tokens)
        assert_apart(boxes(fig, ax.get_xticklabels()))
        assert_apart(boxes(fig, ax.texts))  # the cell values


def test_many_pairs_are_numbered_on_the_curve_and_listed_in_angle_order():
    lesson = crowded_lesson()
    fig = figures.build_figure("cosine_bands", lesson)
    curve_ax, listing = fig.axes
    rows = sorted((t for t in listing.texts if (t.get_gid() or "").startswith("pair-")),
                  key=lambda t: int(t.get_gid().split("-")[1]))
    unit = unit_rows(np.array(lesson.word_matrix))
    names = list(lesson.word_names)
    expected = sorted(
        (float(np.degrees(np.arccos(np.clip(unit[i] @ unit[j], -1, 1)))), f"{names[i]}·{names[j]}")
        for i in range(len(names)) for j in range(i + 1, len(names))
    )
    assert len(rows) == len(expected) == 15
    for number, (row, (angle, pair)) in enumerate(zip(rows, expected, strict=True), start=1):
        assert row.get_text().split() [:3] == [str(number), pair, f"{angle:.0f}°"]
    assert_apart(boxes(fig, rows))
    assert_apart(boxes(fig, curve_ax.texts))
