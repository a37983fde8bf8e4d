"""A scene's narration cues, collected without drawing: what `la-render script` writes.

The scene runs with `collect_only` (its plays and waits record their cue and animate nothing),
and every LaTeX formula it builds is a placeholder: boxes in the same SVG groups manim's MathTex
splits a formula into, so `tex[1]`, `get_part_by_tex` and layout calls work, but no `latex` or
`dvisvgm` process runs. Compiling the lesson's ~200 formulas took most of a cold script's time
(57 s of 77 s on one core); what is said never depends on a formula's glyphs
(tests/scenes/test_narration.py checks the cues equal a full run's, scene by scene).
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

_MARK = re.compile(r"\\special\{dvisvgm:raw (<g id='[^']*'>|</g>)\}")
_OPEN = re.compile(r"<g id='([^']*)'>")
_BOX_HEIGHT = 10.0  # placeholder units; manim scales a formula to its font size anyway
_CHAR_WIDTH = 6.0


def _box(x: float, width: float) -> str:
    return f"<path d='M {x:.1f} 0 h {width:.1f} v {_BOX_HEIGHT} h {-width:.1f} Z'/>"


def placeholder_svg(expression: str) -> str:
    """An SVG with the expression's group structure and one box per stretch of text, as wide as
    the text is long: enough for manim to split, colour and place the formula."""
    parts, x = [], 0.0
    for piece in _MARK.split(expression):
        opened = _OPEN.fullmatch(piece)
        if opened:
            parts.append(f"<g id='{opened.group(1)}'>")
        elif piece == "</g>":
            parts.append("</g>")
        elif piece.strip():
            width = _CHAR_WIDTH * max(1, len(re.sub(r"\\[a-zA-Z]+|[{}\s]", "x", piece).strip()) // 2)
            parts.append(_box(x, width))
            x += width
    width = max(x, _CHAR_WIDTH)
    body = "".join(parts) or _box(0.0, _CHAR_WIDTH)
    return (f"<svg xmlns='http://www.w3.org/2000/svg' width='{width:.1f}pt' height='{_BOX_HEIGHT}pt' "
            f"viewBox='0 0 {width:.1f} {_BOX_HEIGHT}'><g>{body}</g></svg>")


@contextlib.contextmanager
def placeholder_tex(folder: Path) -> Iterator[None]:
    """Within the block, MathTex and Tex get placeholder SVGs written to `folder` (no LaTeX).

    manim keeps two process-wide caches of what formulas look like: DecimalNumber's digits
    (`numbers.string_to_mob_map`) and parsed SVGs (`svg_mobject.SVG_HASH_TO_MOB_MAP`). The block
    gets empty ones of its own and the real ones come back after it, so a placeholder "1" never
    stands in for a real one in a later render in the same process (a test worker)."""
    from manim.mobject.svg import svg_mobject
    from manim.mobject.text import numbers, tex_mobject

    folder.mkdir(parents=True, exist_ok=True)
    caches = (numbers.string_to_mob_map, svg_mobject.SVG_HASH_TO_MOB_MAP)

    def svg_file(expression: str, environment: str | None = None, tex_template: Any = None) -> Path:
        key = hashlib.sha256(f"{environment}\0{expression}".encode()).hexdigest()[:16]
        path = folder / f"{key}.svg"
        if not path.exists():
            path.write_text(placeholder_svg(expression), encoding="utf-8")
        return path

    real = tex_mobject.tex_to_svg_file
    tex_mobject.tex_to_svg_file = svg_file
    numbers.string_to_mob_map, svg_mobject.SVG_HASH_TO_MOB_MAP = {}, {}
    try:
        yield
    finally:
        tex_mobject.tex_to_svg_file = real
        numbers.string_to_mob_map, svg_mobject.SVG_HASH_TO_MOB_MAP = caches


def collect_cues(scene_class: type, lesson: Any, media: Path, **settings: Any) -> list[Any]:
    """The scene's cues, in order, from a run that draws nothing and compiles no LaTeX."""
    from manim import tempconfig

    config = {"save_last_frame": False, "write_to_movie": False, "media_dir": str(media / "media"),
              "tex_dir": str(media / "tex"), "text_dir": str(media / "text"),
              "disable_caching": True, "verbosity": "ERROR", "progress_bar": "none",
              "pixel_width": 320, "pixel_height": 180, **settings}
    with tempconfig(config), placeholder_tex(media / "placeholder-tex"):
        scene = scene_class(lesson=lesson)
        scene.collect_only = True
        scene.render()
    return list(scene.cues)
