"""Issue 18's sections for the sweep lessons ([training], [embeddings], [exercise1]), appended to
`sweep_lessons.SWEEP`'s text by lesson name. A lesson that leaves a section out borrows the
shipped one ("nothing similar" borrows all three, so the sweep covers borrowing too).

They vary what the words must follow: more targets than numbers per word (no exact fit), two
targets, tiny and large learning rates; a 3×3, a 2×5 and a 4×4 image with two-decimal pixels,
four features, a second user who is not nearby (and one who is opposed), a nearby user with the
same pick; toy words with no similar pair, with every pair similar, and with negative numbers.
"""

from __future__ import annotations

import tomllib

NEWER: dict[str, str] = {
    "animals": """
[training]
targets = [[1.0, 0.5], [0.8, -0.5], [-0.8, 0.2], [0.3, 0.9]]
rate = 0.84
steps = 400

[embeddings]
image = [[0.0, 1.0, 0.0], [1.0, 1.0, 1.0], [0.0, 1.0, 0.0]]
near = [[0.1, 0.9, 0.0], [1.0, 0.8, 1.0], [0.0, 1.0, 0.2]]
other = [[1.0, 0.0, 1.0], [0.0, 0.0, 0.0], [1.0, 0.0, 1.0]]
features = ["speed", "size", "noise", "cost"]
user = [0.9, 0.1, 0.2, 0.1]
neighbour = [0.1, 0.2, 0.9, 0.8]

[embeddings.items]
scooter = [0.8, 0.1, 0.3, 0.2]
tram = [0.3, 0.9, 0.6, 0.4]
ferry = [0.1, 0.8, 0.2, 0.9]

[exercise1]
ruby = [1.0, 0.0, 0.0]
jade = [0.0, 1.0, 0.0]
cobalt = [0.0, 0.0, 1.0]
""",
    "opposed in 3-D": """
[training]
targets = [[-1.0, 0.5], [0.5, 1.0]]
rate = 0.86
steps = 200
""",
    "a right angle": """
[training]
targets = [[0.6, -0.4], [-0.3, 0.9]]
rate = 0.4
steps = 40
""",
    "one row, five tokens": """
[training]
targets = [[1.0, 0.5], [0.8, -0.5], [-0.8, 0.2]]
rate = 1.1
steps = 700

[embeddings]
image = [[0.25, 0.5, 0.75, 1.0], [0.0, 0.25, 0.5, 0.75], [0.0, 0.0, 0.25, 0.5], [0.0, 0.0, 0.0, 0.25]]
near = [[0.3, 0.5, 0.7, 1.0], [0.0, 0.2, 0.5, 0.8], [0.0, 0.1, 0.25, 0.5], [0.0, 0.0, 0.05, 0.3]]
other = [[0.25, 0.0, 0.0, 0.0], [0.5, 0.25, 0.0, 0.0], [0.75, 0.5, 0.25, 0.0], [1.0, 0.75, 0.5, 0.25]]
features = ["tempo", "volume"]
user = [0.9, 0.3]
neighbour = [0.8, 0.4]

[embeddings.items]
polka = [0.9, 0.8]
lullaby = [0.1, 0.1]
waltz = [0.6, 0.3]
blues = [0.3, 0.5]
""",
    "rank 1, singular M": """
[training]
targets = [[1.0, 0.5], [0.8, -0.5], [-0.8, 0.2], [0.3, 0.9]]
rate = 1.3
steps = 40

[exercise1]
oak = [1.0, 1.0, 1.0]
elm = [0.9, 1.0, 1.1]
ash = [1.2, 0.8, 1.0]
""",
    "inner size 1": """
[training]
targets = [[2.0, -1.0], [1.5, 0.5], [-0.5, 2.0]]
rate = 0.95
steps = 350
""",
    "negative numbers": """
[training]
targets = [[-1.0, 0.5], [0.5, 1.0]]
rate = 0.015
steps = 260

[embeddings]
image = [[1.0, 0.0, 1.0, 0.0, 1.0], [0.0, 1.0, 0.0, 1.0, 0.0]]
near = [[0.9, 0.0, 1.0, 0.1, 1.0], [0.0, 1.0, 0.1, 0.9, 0.0]]
other = [[0.0, 1.0, 0.0, 1.0, 0.0], [1.0, 0.0, 1.0, 0.0, 1.0]]
features = ["sweet", "sour", "salty"]
user = [-1.0, 2.0, 0.5]
neighbour = [1.0, -2.0, -0.5]

[embeddings.items]
lemon = [-0.5, 3.0, 0.0]
candy = [3.0, -1.0, 0.0]
pretzel = [0.0, 0.5, 2.5]
olive = [-1.0, 1.0, 2.0]
toffee = [2.5, -0.5, 1.0]

[exercise1]
hot = [0.9, 0.2, -0.5]
cold = [-0.8, -0.1, 0.6]
warm = [0.6, 0.5, -0.1]
""",
}


def newer_names() -> set[str]:
    """Every item and toy-word name the sections above use (features are ordinary words such as
    "size", which other scenes' sentences may well say)."""
    names: set[str] = set()
    for text in NEWER.values():
        data = tomllib.loads(text)
        names |= set(data.get("exercise1", {}))
        embeddings = data.get("embeddings", {})
        names |= set(embeddings.get("items", {}))
    return names
