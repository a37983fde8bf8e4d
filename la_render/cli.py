"""The `la-render` command (placeholder until the pipeline lands)."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    print("la-render: the render pipeline is not built yet; nothing to render.", file=sys.stderr)
    return 0
