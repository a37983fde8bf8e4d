"""The scene catalogue: what each scene is, which lesson step it shows, and its alt text.

This module imports neither manim nor la_core's heavy paths, so `la-render list` and the cache can
read it cheaply. `sections` names the lesson-file sections a scene reads: the pipeline keys
each scene's cache on just those, so editing [lora] re-renders only the LoRA scene.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass


@dataclass(frozen=True)
class SceneEntry:
    slug: str
    module: str  # importable module, e.g. "scenes.vectors"
    class_name: str
    title: str
    step: str  # the lesson step it illustrates
    alt: str  # one or two sentences for a screen-reader user
    sections: tuple[str, ...]  # lesson-file sections it reads
    three_d: bool = False

    @property
    def path(self) -> str:
        """The module's file, relative to the project root (for `manim FILE CLASS`)."""
        return self.module.replace(".", "/") + ".py"

    def load(self) -> type:
        """Import the scene class (this imports manim)."""
        return getattr(importlib.import_module(self.module), self.class_name)


CATALOG: tuple[SceneEntry, ...] = (
    SceneEntry(
        slug="vectors",
        module="scenes.vectors",
        class_name="VectorsAreMeaning",
        title="Vectors are meaning",
        step="Step 1 — Vectors are meaning",
        alt=(
            "The word vectors king, queen and apple appear as columns of four numbers, then as "
            "arrows in a 2-D projection: king and queen point almost the same way, apple points "
            "elsewhere."
        ),
        sections=("vectors",),
    ),
    SceneEntry(
        slug="dot_product",
        module="scenes.dot_product",
        class_name="DotProduct",
        title="The dot product is similarity",
        step="Step 2 — The dot product is similarity",
        alt=(
            "Two word vectors drawn at their true angle; the shadow of one on the other is the "
            "dot product. Rotating one vector takes the cosine from similar through unrelated to "
            "opposed; stretching it changes the dot product but not the cosine. It ends with "
            "king·queen (similar) beside king·apple (unrelated), with their dot products and cosines."
        ),
        sections=("vectors", "dot_product"),
    ),
    SceneEntry(
        slug="rank",
        module="scenes.rank",
        class_name="RankScene",
        title="Rank: how many directions are real",
        step="Step 3 — Linear independence: how many directions are real?",
        alt=(
            "In 3-D, v1 and v2 span a flat plane and v3 = 2·v1 + v2 lies inside it, so [0, 0, 1] "
            "is out of reach. The matrix with rows v1, v2, v3 flattens a cube onto a plane spanned "
            "by its columns; one singular value falls to zero and the rank is 2."
        ),
        sections=("independence",),
        three_d=True,
    ),
    SceneEntry(
        slug="linear_transform",
        module="scenes.linear_transform",
        class_name="LinearTransform",
        title="Matrix × vector is a transformation",
        step="Step 4 — Matrix × vector is a transformation",
        alt=(
            "A grid is transformed by a 2×2 matrix: the basis arrows land on the matrix's "
            "columns, a vector x is carried to its image, and the unit square's area scales by "
            "the determinant. A rank-1 matrix then flattens the plane onto a line, and the scene "
            "returns to the first matrix's picture with both matrices' numbers."
        ),
        sections=("transform",),
    ),
    SceneEntry(
        slug="matmul",
        module="scenes.matmul",
        class_name="MatrixMultiply",
        title="Matrix × matrix is many dot products",
        step="Step 5 — Matrix × matrix is many dot products at once",
        alt=(
            "Each cell of C = A·B is filled in turn: a row of A is dotted with a column of B, the "
            "products are summed, and the shapes (2×3)(3×4) give a 2×4 result as the inner 3s "
            "cancel."
        ),
        sections=("random",),
    ),
    SceneEntry(
        slug="attention",
        module="scenes.attention",
        class_name="AttentionScene",
        title="This is attention",
        step="Step 6 — This is attention",
        alt=(
            "The tokens king, queen and apple become rows of Q and K; the score grid Q·Kᵀ fills "
            "cell by cell, turns into a heatmap, and is scaled and softmaxed so each row sums to "
            "1: row i is how much token i attends to each token. A causal-masked version beside it "
            "shows each token attending only to itself and earlier tokens."
        ),
        sections=("vectors", "attention"),
    ),
    SceneEntry(
        slug="lora",
        module="scenes.lora",
        class_name="LowRankLoRA",
        title="Low rank: why LoRA is cheap",
        step="Where each idea shows up — rank and LoRA fine-tuning",
        alt=(
            "A weight update ΔW drawn as a heatmap equals a tall thin B times a short wide A; "
            "counting parameters shows the factors are far smaller, and only r singular values "
            "of ΔW are non-zero."
        ),
        sections=("lora",),
    ),
)

_BY_SLUG = {entry.slug: entry for entry in CATALOG}


def slugs() -> tuple[str, ...]:
    """All scene slugs in lesson order."""
    return tuple(entry.slug for entry in CATALOG)


def get(slug: str) -> SceneEntry:
    """The entry for `slug`; KeyError names the known slugs."""
    try:
        return _BY_SLUG[slug]
    except KeyError:
        raise KeyError(f"unknown scene {slug!r} (known: {', '.join(_BY_SLUG)})") from None
