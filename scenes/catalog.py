"""The scene catalogue: what each scene is, which lesson step it shows, and its alt text.

This module imports neither manim nor la_core, so `la-render list` and the cache can read it
cheaply. Alt texts are functions of the lesson (`scenes.narrative.<slug>.alt`, imported when
asked for), so the manifest and the page describe the data actually rendered.
`sections` names the lesson-file sections a scene reads: the pipeline keys
each scene's cache on just those, so editing [lora] re-renders only the LoRA scene.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from la_core import Lesson


@dataclass(frozen=True)
class SceneEntry:
    slug: str
    module: str  # importable module, e.g. "scenes.vectors"
    class_name: str
    title: str
    step: str  # the lesson step it illustrates
    sections: tuple[str, ...]  # lesson-file sections it reads
    three_d: bool = False
    narrative: str = ""  # module with `alt(lesson)`; default scenes.narrative.<slug>

    @property
    def path(self) -> str:
        """The module's file, relative to the project root (for `manim FILE CLASS`)."""
        return self.module.replace(".", "/") + ".py"

    def alt(self, lesson: Lesson) -> str:
        """One or two sentences for a screen-reader user, true of this lesson's data."""
        module = importlib.import_module(self.narrative or f"scenes.narrative.{self.slug}")
        return module.alt(lesson)

    def load(self) -> type:
        """Import the scene class (this imports manim)."""
        return getattr(importlib.import_module(self.module), self.class_name)


CATALOG: tuple[SceneEntry, ...] = (
    SceneEntry(
        slug="ladder",
        module="scenes.ladder",
        class_name="ConceptLadder",
        title="From a single number to a layer",
        step="The concept",
        sections=("vectors", "projection"),
    ),
    SceneEntry(
        slug="vectors",
        module="scenes.vectors",
        class_name="VectorsAreMeaning",
        title="Vectors are meaning",
        step="Step 1 — Vectors are meaning",
        sections=("vectors",),
        three_d=True,
    ),
    SceneEntry(
        slug="dot_product",
        module="scenes.dot_product",
        class_name="DotProduct",
        title="The dot product is similarity",
        step="Step 2 — The dot product is similarity",
        sections=("vectors", "dot_product"),
    ),
    SceneEntry(slug="normalize", module="scenes.normalize", class_name="Normalize",
               title="Normalize: cosine is direction only",
               step="Step 2 — cosine similarity (exercise 4: normalize a batch to unit length)",
               sections=("vectors", "dot_product"), three_d=True),
    SceneEntry(
        slug="vector_search",
        module="scenes.vector_search",
        class_name="VectorSearch",
        title="Vector search: score every document",
        step="Step 2 — The dot product is similarity (vector search, RAG, recommenders)",
        sections=("search",),
    ),
    SceneEntry(  # issue 18
        slug="embeddings",
        module="scenes.embeddings",
        class_name="Embeddings",
        title="Images and users are vectors too",
        step="Step 1 — Vectors are meaning: the table, and Step 2's recommenders",
        sections=("vectors", "search", "embeddings"),
    ),
    SceneEntry(
        slug="rank",
        module="scenes.rank",
        class_name="RankScene",
        title="Rank: how many directions are real",
        step="Step 3 — Linear independence: how many directions are real?",
        sections=("independence",),
        three_d=True,
    ),
    SceneEntry(
        slug="conditioning",
        module="scenes.conditioning",
        class_name="ConditioningScene",
        title="What rank means for your weights",
        step="Step 3 — Linear independence: the diagnosis table",
        sections=("conditioning",),
    ),
    SceneEntry(
        slug="linear_transform",
        module="scenes.linear_transform",
        class_name="LinearTransform",
        title="Matrix × vector is a transformation",
        step="Step 4 — Matrix × vector is a transformation",
        sections=("transform",),
    ),
    SceneEntry(
        slug="linear_layer",
        module="scenes.linear_layer",
        class_name="LinearLayer",
        title="A linear layer: y = W x + b",
        step="Step 4 — Matrix × vector is a transformation",
        sections=("vectors", "projection"),
    ),
    SceneEntry(  # issue 18
        slug="training",
        module="scenes.training",
        class_name="TrainingScene",
        title="Training is the search for W",
        step="Step 4 — Matrix × vector is a transformation (training is the search for W)",
        sections=("vectors", "training"),
    ),
    SceneEntry(
        slug="matmul",
        module="scenes.matmul",
        class_name="MatrixMultiply",
        title="Matrix × matrix is many dot products",
        step="Step 5 — Matrix × matrix is many dot products at once",
        sections=("random", "vectors", "dot_product", "projection"),  # the shapes table's instances
    ),
    SceneEntry(
        slug="attention",
        module="scenes.attention",
        class_name="AttentionScene",
        title="This is attention",
        step="Step 6 — This is attention",
        sections=("vectors", "attention"),
    ),
    SceneEntry(slug="model", module="scenes.model", class_name="ModelChainScene",
               title="Inside the model: ids to attention",
               step="The problem and Step 6 — tokens become vectors, a layer, attention",
               sections=("vectors", "projection", "attention")),
    SceneEntry(
        slug="lora",
        module="scenes.lora",
        class_name="LowRankLoRA",
        title="Low rank: why LoRA is cheap",
        step="Where each idea shows up — rank and LoRA fine-tuning",
        sections=("lora",),
    ),
    SceneEntry(  # issue 18
        slug="exercise1",
        module="scenes.exercise1",
        class_name="ExerciseOne",
        title="Exercise 1: check your intuition",
        step="Exercises — 1. Three toy 3-D words and their cosines",
        sections=("exercise1",),
        three_d=True,
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
