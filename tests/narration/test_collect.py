"""Collecting a script with placeholder formulas leaves no placeholder behind for a later render
in the same process (a test worker renders scenes after the script tests)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from la_render.narration.collect import placeholder_tex

WIDTH = "from manim import DecimalNumber, tempconfig\nwith tempconfig({{'media_dir': {media!r}}}):\n" \
        "    print(DecimalNumber(8.56).width)"


@pytest.mark.render
def test_a_number_first_drawn_as_a_placeholder_is_real_afterwards(tmp_path) -> None:
    from manim import DecimalNumber, tempconfig

    with tempconfig({"media_dir": str(tmp_path / "media"), "verbosity": "ERROR"}):
        with placeholder_tex(tmp_path / "placeholders"):
            boxed = DecimalNumber(8.56).width  # its digits meet manim's digit cache as boxes
        after = DecimalNumber(8.56).width
    fresh = float(subprocess.run([sys.executable, "-c", WIDTH.format(media=str(tmp_path / "fresh"))],
                                 capture_output=True, text=True, check=True).stdout.split()[-1])
    assert abs(after - fresh) < 1e-6, (after, fresh)
    assert abs(boxed - fresh) > 1e-3  # (the placeholder really is another size: the test can fail)
