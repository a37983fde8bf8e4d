"""Byte sizes, one convention for the budget and for every size the author reads.

A kilobyte is 1000 bytes (SI, as browsers' network panels and `ls --si` count): a "500 KB"
GIF budget is then met under either reading of KB, and the size printed next to a GIF is the
number the budget is compared with.
"""

from __future__ import annotations

#: Bytes in the KB of `--gif-budget KB` and of every printed size.
BYTES_PER_KB = 1000


def kb_to_bytes(kilobytes: float) -> int:
    return int(kilobytes * BYTES_PER_KB)


def human_bytes(count: int) -> str:
    """Sizes as an author reads them: 512 B, 12.3 KB, 4.56 MB."""
    size = float(count)
    for unit in ("B", "KB", "MB"):
        if size < BYTES_PER_KB or unit == "MB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.3g} {unit}"
        size /= BYTES_PER_KB
    raise AssertionError("unreachable")
