"""Sections a lesson file may leave out because only newer scenes read them.

A lesson file written before [search] (or a later section) existed must keep working: each such
missing section is borrowed from the shipped lesson, with one warning line naming it. The first
release's sections (vectors ... lora) stay required. When the shipped section cannot fit the
author's data (4-number documents beside 3-number words), the refusal names the section and
says to add it, rather than pointing at a key the author never wrote.
"""

from __future__ import annotations

import copy
import re
import tomllib
from functools import cache
from importlib import resources
from typing import Any

from la_core.errors import LessonDataError
from la_core.lesson.model import DEFAULT_LESSON_NAME

#: Sections only scenes newer than the first release read, in the order they were added.
BORROWABLE = ("search", "conditioning", "embeddings", "training", "exercise1")
_SECTION = re.compile(r"\[([A-Za-z0-9_]+)")


@cache
def _shipped() -> dict[str, Any]:
    text = resources.files("la_core").joinpath(DEFAULT_LESSON_NAME).read_text(encoding="utf-8")
    return tomllib.loads(text)


def borrow(data: dict[str, Any]) -> tuple[str, ...]:
    """Fill every missing borrowable section of `data` in place from the shipped lesson; return
    the names borrowed."""
    missing = tuple(name for name in BORROWABLE if name not in data and name in _shipped())
    for name in missing:
        data[name] = copy.deepcopy(_shipped()[name])
    return missing


def refusal(error: LessonDataError, borrowed: tuple[str, ...]) -> LessonDataError:
    """`error` as the author should read it: a borrowed section that does not fit is named, with
    the advice to add one; any other error is returned unchanged."""
    found = _SECTION.match(error.key)
    if not found or found.group(1) not in borrowed:
        return error
    name = found.group(1)
    return LessonDataError(error.file, f"[{name}]",
                           f"missing section, and the shipped lesson's [{name}] does not fit this one "
                           f"({error.key}: {error.reason}); add a [{name}] section")

