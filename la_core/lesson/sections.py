"""The data of the sections issue 18 added ([embeddings], [training], [exercise1]) as the `Lesson`
holds it; `newer` reads and checks them. Plain dataclasses, no lesson imports (model uses them)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class EmbeddingsData:
    """Step 1's table beyond words: three greyscale images and a user among items."""

    image: np.ndarray  # a grid of pixel values from 0 (black) to 1 (white)
    near: np.ndarray  # a near copy of image
    other: np.ndarray  # a different picture
    features: tuple[str, ...]  # what each preference number measures
    user: np.ndarray
    neighbour: np.ndarray  # a second user
    items: Mapping[str, np.ndarray]

    @property
    def item_matrix(self) -> np.ndarray:
        return np.stack(list(self.items.values()))


@dataclass(frozen=True)
class TrainingData:
    """Targets for the layer's 2-D outputs (one row per word, in [vectors] order), the learning
    rate and the number of steps."""

    targets: np.ndarray  # (n, 2): the targets of the first n words
    rate: float
    steps: int

    def words(self, names: tuple[str, ...]) -> tuple[str, ...]:
        """The words trained: the first n of the lesson's, one per target."""
        return names[: len(self.targets)]
