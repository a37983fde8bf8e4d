"""`python -m la_core [LESSON.toml]`: print what the lesson's vectors.py demo prints."""

from __future__ import annotations

import sys

import numpy as np

from la_core import LessonDataError, attention_scores, cosine_similarity, linear_layer, load_lesson, norm


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    try:
        lesson = load_lesson(args[0] if args else None)
    except LessonDataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    a, b, other = lesson.dot_a, lesson.dot_b, lesson.dot_contrast
    first = lesson.words[a]
    print(f"{a}.shape = {first.shape}")
    print(f"norm({a}) = {norm(first):.4f}")
    print(f"cosine_similarity({a}, {b}) = {cosine_similarity(first, lesson.words[b]):.3f}")
    print(f"cosine_similarity({a}, {other}) = {cosine_similarity(first, lesson.words[other]):.3f}")
    y = linear_layer(lesson.W, first)
    print(f"W @ {a} = {np.array2string(y, precision=2)}  shape {y.shape}")
    scores = attention_scores(lesson.Q, lesson.K)
    print(f"scores = Q @ K.T  shape {scores.shape}  (rows: {', '.join(lesson.query_tokens)})")
    print(np.array2string(np.round(scores, 2), precision=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
