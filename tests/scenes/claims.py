"""Check sentences against the lesson: names it has, numbers numpy computes, claims that hold.

Everything expected is computed here with plain numpy from the lesson's arrays (not with la_core
or the scenes' narrative modules), so a sentence the scenes get wrong cannot agree with itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import combinations

import numpy as np

from la_core import Lesson
from tests.scenes.claims_applications import application_claims, application_numbers
from tests.scenes.claims_issue18 import issue18_claims, issue18_numbers
from tests.scenes.harness import read_numbers

#: The readings of a cosine, restated here from the lesson's words, not imported from la_core:
#: "similar" for clearly high (king·queen 0.900), "different" for low but positive (king·apple
#: 0.307; 0.39 is no different in kind), "unrelated" for ≈ 0, "opposed" for negative. The
#: thresholds are la-render's documented ones (la_core.vectors.SIMILAR_FROM, UNRELATED_WITHIN).
SIMILAR_FROM = 0.7
UNRELATED_WITHIN = 0.15
READINGS = ("similar", "different", "unrelated", "opposed")
#: Counts written as words, before the nouns the scenes count.
COUNTED = re.compile(r"\b(one|two|three|four|five|six|seven)\s+(?=(?:singular|tokens?|vectors?|words?)\b)",
                     re.IGNORECASE)
WORD_NUMBERS = {w: n for n, w in enumerate(("zero", "one", "two", "three", "four", "five", "six", "seven"))}
#: Phrases whose numbers hold for every valid lesson (2-D views, a 2×2 matrix, weights summing to 1...).
UNIVERSAL = re.compile(
    r"\b[23]-D\b|2×2|768–4096|between 768 and 4096|\b(?:the|any) two vectors\b|sums? to 1\b|area 1\b|"
    r"keys 1 to i|row i|\(i, j\)|"
    r"(?:=|is|are|becomes|stays|at|both at|area|areas?|weight) 0\b|√d|\b1 to i\b",
    re.IGNORECASE,
)
#: A number as printed; a hyphen after a letter ("rank-16") is not a minus sign.
NUMBER = re.compile(r"(?<![A-Za-z_^\d.])[-\u2212]?\d+(?:,\d{3})*(?:\.\d+)?")
SENTENCE = re.compile(r"[A-Za-z]{3,}.*[A-Za-z]{3,}")


def is_sentence(text: str) -> bool:
    """On-screen text with words in it (not a lone number, name or formula)."""
    return bool(SENTENCE.search(text)) and "\\" not in text and len(text.split()) >= 3


def reading(cos: float) -> str:
    if cos >= SIMILAR_FROM:
        return "similar"
    if cos >= UNRELATED_WITHIN:
        return "different"
    return "unrelated" if cos > -UNRELATED_WITHIN else "opposed"


# The restated bands must read the lesson's own examples as the lesson does.
assert [reading(c) for c in (0.900, 0.307, 0.39, 0.0, -0.9)] == [
    "similar", "different", "different", "unrelated", "opposed"]


def cosine(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


def names_in(text: str, names: Iterable[str]) -> list[str]:
    """The names mentioned in `text`, as whole words, in order of first mention."""
    found = []
    for name in names:
        if match := re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            found.append((match.start(), name))
    return [name for _, name in sorted(found)]


def numbers_of(text: str) -> list[tuple[float, int]]:
    """(value, decimals shown) of every number in a sentence, counts in words included; the
    narration's "minus 0.3" is −0.3."""
    text = UNIVERSAL.sub(" ", re.sub(r"\bminus (?=\d)", "-", text))
    found = [(float(WORD_NUMBERS[w.lower()]), 0) for w in COUNTED.findall(text)]
    for token in NUMBER.findall(re.sub(r"[A-Za-z_]\d+", " ", text)):
        decimals = len(token.split(".")[1]) if "." in token else 0
        found.extend((value, decimals) for value in read_numbers(token))
    return found


def allowed_numbers(lesson: Lesson, slug: str) -> list[float]:
    """Every number a sentence of scene `slug` may state for this lesson, computed with numpy."""
    w = {name: np.asarray(v, dtype=float) for name, v in lesson.words.items()}
    values: list[float] = [float(len(w)), float(len(next(iter(w.values()))))]
    if slug in ("vectors", "dot_product"):
        for a, b in combinations(w, 2):
            cos = cosine(w[a], w[b])
            values += [cos, float(np.degrees(np.arccos(np.clip(cos, -1, 1)))), float(w[a] @ w[b])]
        values += [float(np.linalg.norm(v)) for v in w.values()]
        singular = np.linalg.svd(np.stack(list(w.values())), compute_uv=False)
        values += [100 * float(np.sum(singular[:k] ** 2) / np.sum(singular**2)) for k in (2, 3)]  # views kept
    if slug == "dot_product":  # the pair written out: its entries, the products (signed and after a minus)
        a, b = w[lesson.dot_a], w[lesson.dot_b]
        values += [*a, *b, *(a * b), *np.abs(a * b)]
    if slug == "rank":
        vectors = np.stack([np.asarray(v, dtype=float) for v in lesson.span_vectors.values()])
        rank = int(np.linalg.matrix_rank(vectors))
        values += [3.0, float(rank), float(3 - rank), *map(float, lesson.unreachable)]
        for index in range(3):  # any vector written as a mix of the other two (least squares)
            others = np.delete(vectors, index, axis=0)
            values += [float(c) for c in np.linalg.lstsq(others.T, vectors[index], rcond=None)[0]]
    if slug == "linear_transform":
        m, f, x = (np.asarray(a, dtype=float) for a in (lesson.matrix, lesson.flatten, lesson.x))
        det = float(np.linalg.det(m))
        values += [*m.ravel(), *x, *(m @ x), det, abs(det), float(np.linalg.matrix_rank(f))]
        if np.any(f[:, 0]):
            values.append(float(f[:, 0] @ f[:, 1] / (f[:, 0] @ f[:, 0])))
    if slug == "linear_layer":
        W, b = np.asarray(lesson.W, dtype=float), np.asarray(lesson.b, dtype=float)
        first = w[next(iter(w))]
        values += [*W.ravel(), *b, *first, *(W @ first), *(W @ first + b), *W.shape, 1.0, 2.0]  # rows 1, 2
    if slug == "ladder":
        words = np.stack(list(w.values()))
        W, b = np.asarray(lesson.W, dtype=float), np.asarray(lesson.b, dtype=float)
        values += [*words.ravel(), *(W @ words.T).ravel(), *(W @ words[0] + b), *W.shape]
    if slug == "matmul":
        values += [*map(float, lesson.a_shape), *map(float, lesson.b_shape)]
        values += range(1, max(*lesson.a_shape, *lesson.b_shape) + 1)  # "row 2 of A", "column 3 of B"
        rng = np.random.default_rng(lesson.seed)  # A and B at one decimal: the narration reads C's cells
        a, b = np.round(rng.random(lesson.a_shape), 1), np.round(rng.random(lesson.b_shape), 1)
        values += [*(a @ b).ravel()]
        rng = np.random.default_rng(lesson.seed)  # exercise 3: Q then K at qk_shape, one decimal
        q, k = np.round(rng.random(lesson.qk_shape), 1), np.round(rng.random(lesson.qk_shape), 1)
        values += [*map(float, lesson.qk_shape), float((q @ k.T).max()), *range(1, lesson.qk_shape[0] + 1)]
        first = np.random.default_rng(lesson.seed)  # exercise 2: plain loops against numpy's A @ B
        a, b = np.round(first.random(lesson.a_shape), 1), np.round(first.random(lesson.b_shape), 1)
        loops = [[sum(a[i][t] * b[t][j] for t in range(a.shape[1])) for j in range(b.shape[1])]
                 for i in range(a.shape[0])]
        gap = float(np.max(np.abs(np.array(loops) - a @ b)))
        values += [gap / 10 ** np.floor(np.log10(gap)) if gap else 0.0, 10.0, 2.0]  # 2.2 × 10⁻¹⁶, exercise 2
        values += [float(np.floor(np.log10(gap)))] if gap else []  # the exponent, said 'minus 16'
        pair = [np.asarray(lesson.words[n], dtype=float) for n in (lesson.dot_a, lesson.dot_b)]
        values += [float(pair[0] @ pair[1]), *np.asarray(lesson.W).shape]  # the shapes table's instances
    if slug == "attention":
        values += [float(len(lesson.query_tokens)), float(len(lesson.key_tokens)), float(lesson.Q.shape[1])]
        q = np.stack([w[t] for t in lesson.query_tokens])  # the narration reads scores and weights
        scores = q @ np.stack([w[t] for t in lesson.key_tokens]).T
        scaled = scores / np.sqrt(q.shape[1])
        weights = np.exp(scaled - scaled.max(axis=1, keepdims=True))
        values += [*scores.ravel(), *(weights / weights.sum(axis=1, keepdims=True)).ravel()]
    if slug == "normalize":  # lengths, Û Ûᵀ (the cosines) and "Step 2"
        x = np.stack(list(w.values()))
        unit = x / np.linalg.norm(x, axis=1, keepdims=True)
        values += [*np.linalg.norm(x, axis=1), *(unit @ unit.T).ravel(), 1.0, 2.0]
    if slug == "model":  # token ids, the shapes of the table, X, W, Q, K and the scores, √d_k
        names = list(w)
        values += [*(names.index(t) for t in lesson.query_tokens), len(lesson.query_tokens),
                   *np.asarray(lesson.W).shape, 1.0]
    if slug == "lora":
        d, k, r = lesson.lora_d, lesson.lora_k, lesson.lora_r
        middle = lesson.layer_ranks[len(lesson.layer_ranks) // 2]
        ld, lk = lesson.layer_d, lesson.layer_k
        values += [d, k, r, d * k, r * (d + k), ld, lk, middle, ld * lk, middle * (ld + lk),
                   100 * middle * (ld + lk) / (ld * lk)]
    values += application_numbers(lesson, slug) + issue18_numbers(lesson, slug)
    return [float(v) for v in values]


def claim_problems(text: str, lesson: Lesson, slug: str) -> list[str]:
    """What is wrong with one sentence of scene `slug` for this lesson (empty: nothing)."""
    problems = []
    allowed = allowed_numbers(lesson, slug)
    for value, decimals in numbers_of(text):
        if not any(abs(value - a) <= 0.5 * 10**-decimals + 1e-9 for a in allowed):
            problems.append(f"{value:g} is not a number of this lesson")
    return (problems + reading_problems(text, lesson) + _scene_claims(text, lesson, slug)
            + application_claims(text, lesson, slug) + issue18_claims(text, lesson, slug))


def reading_problems(text: str, lesson: Lesson) -> list[str]:
    """A clause naming two words and calling them similar, different, unrelated or opposed (the first such
    word after the names), or saying they point almost the same way, must agree with their cosine."""
    problems = []
    w = {name: np.asarray(v, dtype=float) for name, v in lesson.words.items()}
    for clause in re.split(r"[;.](?:\s|$)", text):
        named = names_in(clause, w)
        if len(set(named)) != 2:
            continue
        said = re.findall(rf"\b({'|'.join(READINGS)})\b", clause)
        if "point almost the same way" in clause:
            said.insert(0, "similar")
        truth = reading(cosine(w[named[0]], w[named[1]]))
        if said and said[0] != truth:
            problems.append(f"says {named[0]} and {named[1]} are {said[0]}; their cosine reads {truth}")
    return problems


def _scene_claims(text: str, lesson: Lesson, slug: str) -> list[str]:
    """Claims particular to one scene, each checked against numpy."""
    problems = []
    if slug == "dot_product":
        ab = float(np.asarray(lesson.words[lesson.dot_a]) @ np.asarray(lesson.words[lesson.dot_b]))
        if "dot product grows more negative" in text and not ab < 0:
            problems.append(f"says a·b grows more negative, but a·b = {ab:.2f}")
        elif "dot product grows" in text and "negative" not in text and not ab > 0:
            problems.append(f"says a·b grows, but a·b = {ab:.2f}")
        if "stays 0" in text and round(ab, 2) != 0:
            problems.append(f"says a·b stays 0, but a·b = {ab:.2f}")
    if slug == "rank":
        vectors = np.stack([np.asarray(v, dtype=float) for v in lesson.span_vectors.values()])
        rank = int(np.linalg.matrix_rank(vectors))
        reachable = int(np.linalg.matrix_rank(np.vstack([vectors, lesson.unreachable]))) == rank
        for said in re.findall(r"\brank (\d+)\b", text):
            if int(said) != rank:
                problems.append(f"says rank {said}, V has rank {rank}")
        situation = "full rank" if rank == 3 else "rank 1" if rank == 1 else "rank-deficient"
        for other in ("full rank", "rank-deficient", "ill-conditioned"):
            if other in text and other != situation:
                problems.append(f"says {other}, V is {situation}")
        if ("out of reach" in text or "No mix" in text) and reachable:
            problems.append("says the target is out of reach, but it is in the span")
        if re.search(r"\breachable\b|can reach it", text) and not reachable:
            problems.append("says the target is reachable, but it is not in the span")
    if slug == "linear_transform":
        m, f = np.asarray(lesson.matrix, dtype=float), np.asarray(lesson.flatten, dtype=float)
        det = float(np.linalg.det(m))
        if "evenly spaced" in text and abs(det) < 1e-9:
            problems.append("says M keeps lines evenly spaced, but M is singular")
        if "flipped" in text and det >= 0:
            problems.append(f"says M flips the square, but det M = {det:.2f}")
        for said in re.findall(r"\brank F is (\d+)|rank (\d+), every area", text):
            if int("".join(said)) != int(np.linalg.matrix_rank(f)):
                problems.append(f"says rank {''.join(said)} for F")
    if slug == "lora":
        d, k, r = lesson.lora_d, lesson.lora_k, lesson.lora_r
        if "instead of" in text and not r * (d + k) < d * k:
            problems.append("says the factors are fewer numbers, but they are not")
        if "save nothing" in text and r * (d + k) < d * k:
            problems.append("says the factors save nothing, but they do")
    if slug == "attention":
        same = lesson.query_tokens == lesson.key_tokens
        if "K equals Q" in text and not same:
            problems.append("says K equals Q, but the key tokens differ from the queries")
        if "itself and earlier tokens" in text and not same:
            problems.append("reads the causal mask as self-attention, but queries and keys differ")
    return problems
