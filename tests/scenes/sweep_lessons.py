"""Edited lessons for the words-follow-the-data sweep: other words, names, counts, shapes and signs.

Each lesson replaces the shipped words (king, queen and apple are gone, so any sentence still
naming them is wrong) and edits most other sections too, so every scene sees data it was not
written for: an opposed pair, a dot product of exactly 0, no similar pair at all, a full-rank and
a rank-1 span, a singular and a flipping matrix, a 1-row A and a 1-long inner size, other query
and key lists, a LoRA r that saves nothing; other documents and queries for the search (a long
document that wins on the dot product only, rankings that agree, ties, negative scores, k from 1
to 3) and other examples of the diagnosis table (4 features, 4 samples, other nudges and alphas).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from la_core import Lesson, load_lesson, parse_lesson
from tests.scenes.sweep_newer import NEWER, newer_names

DEFAULT_NAMES = ("king", "queen", "apple")
DEFAULT_DOCUMENTS = ("palace", "throne", "almanac", "orchard", "cider")
#: The shipped [conditioning] examples: full, deficient, rank_one, nearly (3×3), y, nudge, alpha.
SHIPPED_CONDITIONING = (
    [[2.0, 1.0, 0.0], [1.0, 3.0, 1.0], [0.0, 1.0, 2.0]],
    [[1.0, 0.0, 2.0], [0.0, 1.0, 1.0], [1.0, 1.0, 3.0]],
    [[1.0, 2.0, -1.0], [2.0, 4.0, -2.0], [0.5, 1.0, -0.5]],
    [[1.0, 0.0, 1.0], [0.0, 1.0, 1.0], [1.0, 1.0, 2.0001]],
    [1.0, 2.0, 3.0], 0.01, 0.01,
)


@dataclass(frozen=True)
class Edit:
    """One edited lesson, section by section (None keeps the shipped values)."""

    words: dict[str, list[float]]
    dot: tuple[str, str, str]
    queries: list[str]
    keys: list[str]
    span: tuple[list[float], list[float], list[float], list[float]] = (
        [1, 0, 0], [0, 1, 0], [2, 1, 0], [0, 0, 1])
    matrix: list[list[float]] = field(default_factory=lambda: [[1.5, -0.5], [0.5, 1.0]])
    x: list[float] = field(default_factory=lambda: [1.0, 1.5])
    flatten: list[list[float]] = field(default_factory=lambda: [[1.0, 0.5], [0.5, 0.25]])
    random: tuple[int, list[int], list[int]] = (0, [2, 3], [3, 4])
    lora: tuple[int, int, int, int] = (8, 6, 2, 0)  # d, k, r, seed
    layer: tuple[int, int, list[int]] = (4096, 4096, [1, 2, 4, 8, 16, 32, 64, 128])
    #: [search]: the query, the documents (name -> vector of the words' length) and k; None: the
    #: first word as the query, every word a document (doc1, doc2, ...), k = 1.
    search: tuple[list[float], dict[str, list[float]], int] | None = None
    conditioning: tuple = SHIPPED_CONDITIONING
    #: [projection]: W (2 rows of the words' length; None: the first two coordinates) and a bias.
    weights: list[list[float]] | None = None
    bias: list[float] | None = None

    def toml(self) -> str:
        dim = len(next(iter(self.words.values())))
        projection = self.weights or [[1.0 if i == j else 0.0 for j in range(dim)] for i in range(2)]
        bias = f"\nb = {self.bias}" if self.bias is not None else ""
        seed, a_shape, b_shape = self.random
        d, k, r, lora_seed = self.lora
        layer_d, layer_k, ranks = self.layer
        words = "\n".join(f"{name} = {values}" for name, values in self.words.items())
        v1, v2, v3, target = self.span
        query, documents, top = self.search or (
            next(iter(self.words.values())), {f"doc{i + 1}": v for i, v in enumerate(self.words.values())}, 1)
        docs = "\n".join(f"{name} = {values}" for name, values in documents.items())
        full, deficient, rank_one, nearly, y, nudge, alpha = self.conditioning
        return f"""
[vectors]
{words}

[dot_product]
a = "{self.dot[0]}"
b = "{self.dot[1]}"
contrast = "{self.dot[2]}"

[projection]
W = {projection}{bias}

[independence]
v1 = {v1}
v2 = {v2}
v3 = {v3}
unreachable = {target}

[transform]
matrix = {self.matrix}
x = {self.x}
flatten = {self.flatten}

[random]
seed = {seed}
a_shape = {a_shape}
b_shape = {b_shape}
qk_shape = [5, 8]

[attention]
queries = {self.queries}
keys = {self.keys}

[lora]
d = {d}
k = {k}
r = {r}
seed = {lora_seed}
layer_d = {layer_d}
layer_k = {layer_k}
layer_ranks = {ranks}

[search]
query = {query}
k = {top}

[search.documents]
{docs}

[conditioning]
full = {full}
deficient = {deficient}
rank_one = {rank_one}
nearly = {nearly}
y = {y}
nudge = {nudge}
alpha = {alpha}
""".replace("'", '"')


SWEEP: dict[str, Edit] = {
    "animals": Edit(
        words={"cat": [0.9, 0.7, 0.1, 0.2], "dog": [0.8, 0.8, 0.2, 0.1], "car": [0.1, 0.2, 0.9, 0.8],
               "truck": [0.2, 0.1, 0.8, 0.9]},
        dot=("cat", "dog", "truck"), queries=["cat", "dog", "car"], keys=["cat", "dog", "car"],
        random=(3, [3, 2], [2, 3]), lora=(6, 5, 1, 1),
        weights=[[0.5, 0.5, -0.5, -0.5], [0.25, -0.75, 0.5, 0.1]], bias=[0.3, -0.2],
        search=([0.9, 0.8, 0.1, 0.1], {"kitten": [0.8, 0.7, 0.1, 0.1], "puppy": [0.7, 0.9, 0.2, 0.1],
                "garage": [0.1, 0.2, 0.9, 0.9], "zoo-guide": [2.0, 1.8, 1.5, 1.5]}, 2),
        conditioning=([[2.0, 0.0, 0.0, 1.0], [0.0, 2.0, 0.0, 0.0], [0.0, 0.0, 2.0, 0.0],
                       [1.0, 0.0, 0.0, 2.0]],
                      [[1.0, 0.0, 0.0, 1.0], [0.0, 1.0, 0.0, 1.0], [0.0, 0.0, 1.0, 1.0],
                       [1.0, 1.0, 1.0, 3.0]],
                      [[1.0, -1.0, 2.0, 0.5], [2.0, -2.0, 4.0, 1.0], [1.0, -1.0, 2.0, 0.5],
                       [3.0, -3.0, 6.0, 1.5]],
                      [[1.0, 0.0, 0.0, 1.0], [0.0, 1.0, 0.0, 1.0], [0.0, 0.0, 1.0, 1.0],
                       [1.0, 1.0, 1.0, 3.0001]],
                      [2.0, 1.0, 1.0, 4.0], 0.02, 0.1),
    ),
    "opposed in 3-D": Edit(
        words={"sun": [1.0, 0.2, 0.1], "moon": [-0.9, -0.1, 0.2], "rain": [0.1, 0.9, 0.3]},
        dot=("sun", "moon", "rain"), queries=["sun", "moon"], keys=["sun", "moon", "rain"],
        matrix=[[0.0, 1.0], [1.0, 0.0]], x=[1.5, 0.5],
        search=([1.0, 0.2, 0.1], {"dawn": [0.9, 0.3, 0.1], "night": [-0.9, -0.1, 0.2],
                "storm": [0.1, 0.9, 0.3]}, 1),
    ),
    "a right angle": Edit(
        words={"kiwi": [1.0, 0.0, 0.0, 0.0, 0.0], "mango": [0.0, 1.0, 0.0, 0.0, 0.0],
               "lime": [0.7, 0.7, 0.1, 0.0, 0.0]},
        dot=("kiwi", "mango", "lime"), queries=["lime", "kiwi"], keys=["lime", "kiwi"],
        span=([1, 0, 0], [0, 1, 0], [1, 1, 1], [0, 0, 1]),
        search=([1.0, 0.0, 0.0, 0.0, 0.0], {"seed": [1.0, 0.0, 0.0, 0.0, 0.0],
                "leaf": [0.0, 1.0, 0.0, 0.0, 0.0], "juice": [0.7, 0.7, 0.1, 0.0, 0.0]}, 2),
    ),
    "nothing similar": Edit(
        words={"paris": [1.0, 0.0, 0.0, 0.0], "rome": [0.0, 1.0, 0.0, 0.0], "tokyo": [0.0, 0.0, 1.0, 0.0],
               "oslo": [0.0, 0.0, 0.0, 1.0]},
        dot=("paris", "rome", "tokyo"), queries=["paris", "rome", "tokyo", "oslo"], keys=["oslo", "rome"],
        lora=(4, 3, 3, 0), layer=(64, 32, [32]),
        search=([0.0, 0.0, 0.0, 1.0], {"louvre": [1.0, 0.0, 0.0, 0.0], "colosseum": [0.0, 1.0, 0.0, 0.0],
                "shrine": [0.0, 0.0, 1.0, 0.0], "fjord": [0.0, 0.0, 0.0, 1.0]}, 3),
    ),
    "one row, five tokens": Edit(
        words={"violin": [0.9, 0.1, 0.3, 0.2], "cello": [0.8, 0.2, 0.4, 0.1], "piano": [0.3, 0.9, 0.1, 0.2],
               "flute": [0.5, 0.5, 0.5, 0.5], "drum": [0.1, 0.2, 0.2, 0.9]},
        dot=("violin", "piano", "cello"), queries=["violin", "cello", "piano", "flute", "drum"],
        keys=["violin", "cello", "piano", "flute", "drum"],
        matrix=[[0.0, 1.0], [1.0, 0.0]], flatten=[[0.0, 1.0], [0.0, 2.0]], random=(5, [1, 5], [5, 1]),
        search=([0.9, 0.1, 0.3, 0.2], {"sonata": [0.8, 0.2, 0.4, 0.1], "anthem": [0.1, 0.2, 0.2, 0.9],
                "etude": [0.3, 0.9, 0.1, 0.2], "opera": [3.0, 2.5, 2.8, 2.6], "ballad": [0.5, 0.5, 0.5, 0.5],
                "requiem": [0.4, 0.1, 0.3, 0.2]}, 3),
    ),
    "rank 1, singular M": Edit(
        words={"lion": [0.9, 0.3, 0.2], "tiger": [0.8, 0.4, 0.3], "zebra": [0.2, 0.9, 0.1],
               "hippo": [0.1, 0.2, 0.9]},
        dot=("lion", "zebra", "tiger"), queries=["zebra", "hippo"], keys=["lion", "tiger", "zebra"],
        span=([1, 1, 0], [2, 2, 0], [-1, -1, 0], [0, 0, 1]), matrix=[[1.0, 2.0], [0.5, 1.0]],
        x=[0.5, 0.5], lora=(12, 10, 1, 3),
        search=([0.2, 0.9, 0.1], {"savanna": [0.8, 0.4, 0.3], "stripes": [0.1, 1.0, 0.1],
                "river": [0.1, 0.2, 0.9]}, 2),
        conditioning=([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0], [1.0, 1.0, 1.0]],
                      [[1.0, 1.0, 2.0], [1.0, -1.0, 0.0], [0.0, 1.0, 1.0], [2.0, 0.0, 2.0]],
                      [[0.0, 0.0, 0.0], [1.0, 3.0, 2.0], [2.0, 6.0, 4.0], [-1.0, -3.0, -2.0]],
                      [[1.0, 1.0, 2.0], [1.0, -1.0, 0.0], [0.0, 1.0, 1.0], [2.0, 0.0, 2.00002]],
                      [3.0, 1.0, 2.0, 4.0], 0.01, 0.05),
    ),
    "inner size 1": Edit(
        words={"fox": [0.5, 0.1, 0.3, 0.2, 0.9, 0.1], "owl": [0.4, 0.2, 0.3, 0.1, 0.8, 0.3],
               "bat": [0.1, 0.9, 0.1, 0.7, 0.1, 0.2], "eel": [0.2, 0.1, 0.9, 0.1, 0.1, 0.8]},
        dot=("owl", "bat", "fox"), queries=["fox"], keys=["fox", "owl", "bat"],
        random=(7, [3, 1], [1, 2]), lora=(5, 7, 2, 4),
        search=([0.5, 0.1, 0.3, 0.2, 0.9, 0.1], {"den": [0.4, 0.2, 0.3, 0.1, 0.8, 0.3],
                "cave": [0.1, 0.9, 0.1, 0.7, 0.1, 0.2], "pond": [0.2, 0.1, 0.9, 0.1, 0.1, 0.8]}, 1),
    ),
    "negative numbers": Edit(
        words={"alpha": [5.0, 4.0, -3.0, 2.0], "beta": [-4.0, -5.0, 3.0, -1.0],
               "gamma": [1.0, -1.0, 1.0, 1.0], "delta": [2.0, 2.0, 2.0, 2.0]},
        dot=("alpha", "gamma", "beta"), queries=["alpha", "beta", "gamma"], keys=["delta", "alpha"],
        matrix=[[-1.0, 0.0], [0.0, -1.0]], x=[-1.0, 0.5], flatten=[[0.5, 1.0], [0.25, 0.5]],
        span=([1, 2, 0], [0, 1, 1], [1, 4, 2], [1, 0, 0]),
        weights=[[-0.5, 0.25, 0.0, 1.0], [0.1, 0.2, 0.3, 0.4]], bias=[-1.0, 0.5],
        lora=(10, 10, 4, 2), layer=(1024, 512, [4, 8, 16]),
        search=([-1.0, 2.0, -3.0, 1.0], {"ascent": [5.0, 4.0, -3.0, 2.0], "descent": [-4.0, -5.0, 3.0, -1.0],
                "plateau": [1.0, 1.0, 1.0, 1.0]}, 2),
        conditioning=([[-2.0, 1.0, 0.0], [1.0, -2.0, 1.0], [0.0, 1.0, -2.0]],
                      [[-1.0, 2.0, 1.0], [3.0, 0.0, 3.0], [0.0, -1.0, -1.0]],
                      [[-2.0, 4.0, 1.0], [1.0, -2.0, -0.5], [-4.0, 8.0, 2.0]],
                      [[-1.0, 2.0, 1.0], [3.0, 0.0, 3.0], [0.0, -1.0, -0.9999]],
                      [-2.0, 1.0, -3.0], 0.005, 0.001),
    ),
}

def _issue18_names(lesson: Lesson) -> set[str]:
    """Toy words of [exercise1] and items of [embeddings]."""
    return set(lesson.exercise1) | set(lesson.embeddings.items)


#: Every name any sweep lesson uses, plus the shipped ones: a lesson's sentences may name only its own.
ALL_NAMES = (frozenset(DEFAULT_NAMES) | set(DEFAULT_DOCUMENTS)
             | {name for edit in SWEEP.values() for name in (*edit.words, *(edit.search or ([], {}))[1])}
             | newer_names() | _issue18_names(load_lesson()))


def own_names(lesson: Lesson) -> set[str]:
    """The names a lesson's sentences may use: its words and its documents (and issue 18's)."""
    return set(lesson.word_names) | set(lesson.search_documents) | _issue18_names(lesson)


def sweep_lesson(name: str) -> Lesson:
    return parse_lesson(SWEEP[name].toml() + NEWER.get(name, ""), f"{name.replace(' ', '_')}.toml")
