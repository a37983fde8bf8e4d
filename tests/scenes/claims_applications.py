"""Numbers and claims of the `vector_search` and `conditioning` scenes, computed with plain numpy
and scipy from the lesson's arrays (independent of la_core and the narrative modules); `claims`
calls these for those two slugs."""

from __future__ import annotations

import re

import numpy as np
import scipy.linalg

from la_core import Lesson

SITUATIONS = ("full rank", "rank-deficient", "rank 1", "ill-conditioned")


def _search(lesson: Lesson) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray, int]:
    names = list(lesson.search_documents)
    docs = np.array([np.asarray(v, dtype=float) for v in lesson.search_documents.values()])
    query = np.asarray(lesson.search_query, dtype=float)
    scores = docs @ query
    lengths = np.linalg.norm(docs, axis=1)
    return names, scores, lengths, scores / (lengths * np.linalg.norm(query)), lesson.search_k


def _top(values: np.ndarray, names: list[str], k: int) -> list[str]:
    return [names[i] for i in np.argsort(-values, kind="stable")[:k]]


def _ridge(a: np.ndarray, y: np.ndarray, alpha: float) -> np.ndarray:
    return scipy.linalg.solve(a.T @ a + alpha * np.eye(a.shape[1]), a.T @ y)


def _solved(lesson: Lesson) -> dict:
    m = {s: np.asarray(v, dtype=float) for s, v in lesson.situation_matrices.items()}
    y, alpha = np.asarray(lesson.fit_targets, dtype=float), lesson.ridge_alpha
    deficient, nearly, one = m["rank-deficient"], m["ill-conditioned"], m["rank 1"]
    shortest = scipy.linalg.pinv(deficient) @ y
    null = scipy.linalg.null_space(deficient)[:, 0]
    other = shortest + null * np.sign(null[np.argmax(np.abs(null))])
    u, _, _ = np.linalg.svd(nearly, full_matrices=False)
    weakest = u[:, -1] * np.sign(u[np.argmax(np.abs(u[:, -1])), -1])
    moved_y = y + lesson.nudge_share * np.linalg.norm(y) * weakest
    plain = [np.linalg.lstsq(nearly, t, rcond=None)[0] for t in (y, moved_y)]
    ridged = [_ridge(nearly, t, alpha) for t in (y, moved_y)]
    base = int(np.argmax(np.linalg.norm(one, axis=0) > 0))
    column = one[:, base]
    multiples = [float(one[:, j] @ column / (column @ column)) for j in range(one.shape[1])]
    return {
        "m": m, "y": y, "best": np.linalg.lstsq(m["full rank"], y, rcond=None)[0],
        "pair": (shortest, other),
        "fits": [float(np.linalg.norm(deficient @ w - y)) for w in (shortest, other)],
        "pick": _ridge(deficient, y, alpha), "plain": plain, "ridged": ridged,
        "nudge": float(np.linalg.norm(moved_y - y)), "moved": float(np.linalg.norm(plain[1] - plain[0])),
        "ridge_moved": float(np.linalg.norm(ridged[1] - ridged[0])), "base": base, "multiples": multiples,
    }


def application_numbers(lesson: Lesson, slug: str) -> list[float]:
    """Every number a sentence of these scenes may state for this lesson."""
    values: list[float] = []
    if slug == "vector_search":
        names, scores, lengths, cosines, k = _search(lesson)
        values += [len(names), k, len(lesson.search_query), *scores, *lengths, *cosines]
    if slug == "conditioning":
        s = _solved(lesson)
        for matrix in s["m"].values():
            rank = np.linalg.matrix_rank(matrix)
            values += [rank, min(matrix.shape), *matrix.ravel()]
            if rank == min(matrix.shape):
                values.append(float(np.linalg.cond(matrix)))
        values += [3.0, 1.0, *s["y"], *s["best"], *s["pair"][0], *s["pair"][1], *s["fits"], *s["pick"],
                   *s["plain"][0], *s["plain"][1], *s["ridged"][0], *s["ridged"][1], s["nudge"], s["moved"],
                   s["ridge_moved"], *s["multiples"], *range(1, s["m"]["rank 1"].shape[1] + 1),
                   100 * lesson.nudge_share, lesson.ridge_alpha]
    return [float(v) for v in values]


def application_claims(text: str, lesson: Lesson, slug: str) -> list[str]:
    """Claims particular to these scenes, each checked against numpy."""
    if slug == "vector_search":
        return _search_claims(text, lesson)
    if slug == "conditioning":
        return _conditioning_claims(text, lesson)
    return []


def _named(text: str, names: list[str]) -> list[str]:
    found = [(m.start(), n) for n in names if (m := re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", text))]
    return [n for _, n in sorted(found)]


def _search_claims(text: str, lesson: Lesson) -> list[str]:
    problems = []
    names, scores, lengths, cosines, k = _search(lesson)
    by_dot, by_cos = _top(scores, names, k), _top(cosines, names, k)
    for phrase, truth in (("by dot product:", by_dot), ("by cosine:", by_cos),  # captions, then narration
                          ("By the dot product, that means", by_dot), ("By cosine, that means", by_cos)):
        if phrase in text:
            said = _named(text.split(phrase, 1)[1].split(";")[0].split(". ")[0], names)
            if said != truth:
                problems.append(f"says {phrase} {said}; numpy returns {truth}")
    if match := re.search(r"(\S+) wins on dot product, loses on cosine", text):
        name = match.group(1)
        if name not in by_dot or name in by_cos:
            problems.append(f"says {name} wins on dot product, loses on cosine; top {k}: {by_dot}, {by_cos}")
        elif "long" in text and not all(lengths[names.index(name)] > lengths[names.index(n)] for n in by_cos):
            problems.append(f"calls {name} long, but a document cosine returns is as long")
    if "return the same documents" in text and by_dot != by_cos:
        problems.append(f"says cosine returns the same documents: {by_dot} vs {by_cos}")
    if "in another order" in text and (set(by_dot) != set(by_cos) or by_dot == by_cos):
        problems.append(f"says the same documents in another order: {by_dot} vs {by_cos}")
    if (match := re.search(r"(\S+) leads with", text)) and match.group(1) != by_dot[0]:
        problems.append(f"says {match.group(1)} leads; numpy's highest score is {by_dot[0]}")
    return problems


def _conditioning_claims(text: str, lesson: Lesson) -> list[str]:
    problems = []
    s = _solved(lesson)
    for name, said, top in re.findall(r"(Full rank|Rank-deficient) \((\d+) of (\d+)\)", text):
        matrix = s["m"]["full rank" if name == "Full rank" else "rank-deficient"]
        if (int(said), int(top)) != (np.linalg.matrix_rank(matrix), min(matrix.shape)):
            problems.append(f"says {name} has rank {said} of {top}")
    if "fit equally well" in text and abs(s["fits"][0] - s["fits"][1]) > 1e-6:
        problems.append(f"says two weights fit equally well, misfits {s['fits']}")
    if "both fit exactly" in text and max(s["fits"]) >= 0.005:
        problems.append(f"says both fit exactly, misfit {s['fits'][0]:.3f}")
    if "swing" in text and not s["moved"] >= 10 * s["nudge"]:
        problems.append(f"says the weights swing, but they move {s['moved']:.3g} for {s['nudge']:.3g}")
    if "moves only" in text and not s["ridge_moved"] <= 0.1 * s["moved"]:
        problems.append("says ridge moves only a little, but it does not calm the swing")
    if "still moves" in text and s["ridge_moved"] <= 0.1 * s["moved"]:
        problems.append("says ridge still moves, but it calms the swing")
    for j, multiple, base in re.findall(r"column (\d+) = ([−\-]?\d+\.\d+) × column (\d+)", text):
        one = s["m"]["rank 1"]
        value = float(multiple.replace("−", "-"))
        if not np.allclose(one[:, int(j) - 1], value * one[:, int(base) - 1], atol=0.006 * np.abs(one).max()):
            problems.append(f"says column {j} = {multiple} × column {base}, not so in numpy")
    return problems
