"""Numbers and claims of the `embeddings`, `training` and `exercise1` scenes, computed with plain
numpy from the lesson's arrays (independent of la_core and the narrative modules); `claims` calls
these for those slugs."""

from __future__ import annotations

import re
from itertools import combinations

import numpy as np

from la_core import Lesson

SIMILAR_FROM, UNRELATED_WITHIN = 0.7, 0.15  # la_core's reading bands, restated (as in claims)


def _cos(a: np.ndarray, b: np.ndarray) -> float:
    a, b = np.asarray(a, dtype=float).ravel(), np.asarray(b, dtype=float).ravel()
    return float(a @ b / np.linalg.norm(a) / np.linalg.norm(b))


def _reading(cos: float) -> str:
    if cos >= SIMILAR_FROM:
        return "similar"
    if cos >= UNRELATED_WITHIN:
        return "different"
    return "unrelated" if cos > -UNRELATED_WITHIN else "opposed"


def _fit(lesson: Lesson) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[float]]:
    """Inputs, targets, numpy's least-squares W and the losses at steps 0, 1 and the last."""
    targets = np.asarray(lesson.training.targets, dtype=float)
    inputs = np.stack([np.asarray(v, dtype=float) for v in lesson.words.values()])[: len(targets)]
    best = np.linalg.lstsq(inputs, targets, rcond=None)[0].T
    rate, n = lesson.training.rate, len(inputs)
    w, losses = np.zeros_like(best), []
    for _ in range(lesson.training.steps + 1):
        losses.append(float(np.mean(np.sum((inputs @ w.T - targets) ** 2, axis=1))))
        w = w - rate * 2 / n * (inputs @ w.T - targets).T @ inputs
    return inputs, targets, best, [losses[0], losses[1], losses[-1]]


def issue18_numbers(lesson: Lesson, slug: str) -> list[float]:
    values: list[float] = []
    if slug == "exercise1":
        toys = {n: np.asarray(v, dtype=float) for n, v in lesson.exercise1.items()}
        values += [1.0, 3.0, *np.concatenate(list(toys.values()))]
        values += [_cos(toys[a], toys[b]) for a, b in combinations(toys, 2)]
    if slug == "training":
        _, targets, _, losses = _fit(lesson)
        values += [2.0, len(targets), lesson.training.rate, lesson.training.steps, *targets.ravel(), *losses]
    if slug == "embeddings":
        data = lesson.embeddings
        rows, columns = np.asarray(data.image).shape
        items = np.stack([np.asarray(v, dtype=float) for v in data.items.values()])
        values += [rows, columns, rows * columns, 1.0, len(data.features), len(data.items)]
        values += [_cos(data.image, data.near), _cos(data.image, data.other), _cos(data.user, data.neighbour)]
        values += [*items @ np.asarray(data.user), *items @ np.asarray(data.neighbour)]
        values += [*np.asarray(data.user), *np.asarray(data.neighbour), *items.ravel()]
        values += [len(next(iter(lesson.words.values()))), len(lesson.words), len(lesson.search_documents)]
    return values


def issue18_claims(text: str, lesson: Lesson, slug: str) -> list[str]:
    problems: list[str] = []
    if slug == "exercise1":
        toys = {n: np.asarray(v, dtype=float) for n, v in lesson.exercise1.items()}
        cosines = {frozenset(p): _cos(toys[p[0]], toys[p[1]]) for p in combinations(toys, 2)}
        if found := re.search(r"Similar: (\S+) and (\S+?)\b", text):
            truth = _reading(cosines[frozenset(found.groups())])
            if truth != "similar":
                problems.append(f"calls {found.groups()} similar; their cosine reads {truth}")
        found = re.search(r"Different: (\S+) and (\S+?)\b", text)
        if found and _reading(cosines[frozenset(found.groups())]) == "similar":
            problems.append(f"calls {found.groups()} different; their cosine reads similar")
        if "No similar pair" in text and max(cosines.values()) >= SIMILAR_FROM:
            problems.append("says no pair reads similar, but one does")
        if "All pairs similar" in text and min(cosines.values()) < SIMILAR_FROM:
            problems.append("says every pair reads similar, but one does not")
    if slug == "training":
        inputs, targets, best, _ = _fit(lesson)
        exact = bool(np.max(np.abs(inputs @ best.T - targets)) < 0.005)
        if "every output is on its target" in text or "lands on its target" in text:
            problems += [] if exact else ["says every output reaches its target, but no W fits them all"]
        if "no W puts every output" in text or "no W fits every target" in text:
            problems += ["says no W fits every target, but one does"] if exact else []
    if slug == "embeddings":
        data = lesson.embeddings
        items = list(data.items)
        scores = np.stack([np.asarray(v, dtype=float) for v in data.items.values()]) @ np.asarray(data.user)
        if found := re.search(r"Recommended: (\S+)|so (\S+) is recommended", text):
            said = found.group(1) or found.group(2)
            if said != items[int(np.argmax(scores))]:
                problems.append(f"recommends {said}, numpy's top score is {items[int(np.argmax(scores))]}")
        near = _cos(data.user, data.neighbour) >= SIMILAR_FROM
        if re.search(r"\bnot nearby\b", text) and near:
            problems.append("says the second user is not nearby, but their cosine reads similar")
        elif re.search(r"(?<!not )\bnearby\b", text) and "not nearby" not in text and not near:
            problems.append("says the second user is nearby, but their cosine does not read similar")
    return problems
