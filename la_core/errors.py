"""The errors la_core raises, so callers can tell bad input from bugs."""

from __future__ import annotations


class LinAlgInputError(ValueError):
    """Bad input to a la_core function: names the operation, the shapes or values, and why."""


class LessonDataError(ValueError):
    """A lesson file that cannot be used: names the file, the key and the reason."""

    def __init__(self, file: str, key: str, reason: str) -> None:
        self.file = file
        self.key = key
        self.reason = reason
        where = f"{file}: {key}: " if key else f"{file}: "
        super().__init__(where + reason)
