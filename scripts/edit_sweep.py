"""Run plausible lesson edits through every scene's layout audit, and print what breaks.

The scene tests check the shipped lesson and one edit per scene; an author will try more (more
words, names inside other names, -I, a quarter turn, larger LoRA shapes). This renders each
scene's last frame for each edit (the harness skips animation frames: a few seconds each) and
lists overlapping text, text off screen and crashes. It found the bugs fixed in session 2.

Run: `.venv/bin/python scripts/edit_sweep.py [SLUG ...]` (a few minutes for all of them).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scenes import catalog  # noqa: E402
from tests.scenes.harness import edit_lesson, run_scene  # noqa: E402

APPLE = "apple = [0.1, 0.1, 0.9, 0.2]"
MORE_WORDS = {APPLE: APPLE + "\nman   = [0.8, 0.9, 0.2, 0.1]\nwoman = [0.8, 0.3, 0.2, 0.9]"
                              "\nanti  = [-0.9, -0.7, 0.0, -0.8]"}
MATRIX = "matrix = [[1.5, -0.5],\n          [0.5, 1.0]]"


def matrix(first_row: str, second_row: str) -> dict[str, str]:
    return {MATRIX: f"matrix = [{first_row},\n          {second_row}]"}


EDITS: list[tuple[str, str, dict[str, str]]] = [
    ("vectors", "three more words, one inside another", MORE_WORDS),
    ("vectors", "a long king", {"king  = [0.9, 0.8, 0.1, 0.7]": "king  = [5.0, 4.0, -3.0, 2.0]"}),
    ("dot_product", "an opposed pair", {**MORE_WORDS, 'b = "queen"': 'b = "anti"'}),
    ("rank", "slanted vectors", {"v1 = [1, 0, 0]": "v1 = [2, 1, 0]", "v3 = [2, 1, 0]": "v3 = [-1, 3, 0]"}),
    ("rank", "full rank", {"v3 = [2, 1, 0]": "v3 = [1, 1, 1]"}),
    ("linear_transform", "-I", matrix("[-1.0, 0.0]", "[0.0, -1.0]")),
    ("linear_transform", "a quarter turn", matrix("[0.0, -1.0]", "[1.0, 0.0]")),
    ("linear_transform", "a mixed matrix", matrix("[0.5, -2.0]", "[-1.0, -1.2]")),
    ("linear_transform", "2I", matrix("[2.0, 0.0]", "[0.0, 2.0]")),
    ("matmul", "larger shapes",
     {"a_shape = [2, 3]": "a_shape = [5, 6]", "b_shape = [3, 4]": "b_shape = [6, 5]"}),
    ("attention", "five keys", {
        **MORE_WORDS,
        'queries = ["king", "queen", "apple"]': 'queries = ["king", "queen", "man"]',
        'keys = ["king", "queen", "apple"]': 'keys = ["king", "queen", "apple", "man", "anti"]',
    }),
    ("lora", "d = k = 16, r = 4", {"d = 8": "d = 16", "k = 6": "k = 16", "r = 2": "r = 4"}),
    ("vector_search", "six long-named documents, k = 5, large negative entries", {
        "cider   = [0.2, 0.1, 0.8, 0.3]":
            "cider   = [0.2, 0.1, 0.8, 0.3]\nencyclopedia = [-95.5, 88.0, -70.25, 99.0]",
        "almanac = [1.6, 1.5, 1.4, 1.2]": "chronicle-xl = [1.6, 1.5, 1.4, 1.2]", "k = 2": "k = 5",
    }),
    ("vector_search", "k = 1, an opposed query",
     {"query = [0.9, 0.2, 0.1, 0.8]": "query = [-0.9, -0.2, -0.1, -0.8]", "k = 2": "k = 1"}),
    ("conditioning", "large entries, 5 decimals", {
        "full      = [[2.0, 1.0, 0.0],": "full      = [[-99.5, 1.0, 0.0],",
        "[1.0, 1.0, 2.0001]]": "[1.0, 1.0, 2.00001]]", "y = [1.0, 2.0, 3.0]": "y = [-90.0, 2.5, 33.0]",
    }),
]


def main(slugs: list[str]) -> int:
    broken = 0
    for slug, what, edits in EDITS:
        if slugs and slug not in slugs:
            continue
        try:
            result = run_scene(catalog.get(slug).load(), lesson=edit_lesson(edits))
        except Exception as exc:  # a crash is a finding, not the end of the sweep
            print(f"{slug:<17} {what:<38} CRASH {type(exc).__name__}: {str(exc)[:200]}", flush=True)
            broken += 1
            continue
        print(f"{slug:<17} {what:<38} {len(result.problems)} problems", flush=True)
        for problem in result.problems[:3]:
            print(f"    {problem[:220]}")
        broken += bool(result.problems)
    return 1 if broken else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
