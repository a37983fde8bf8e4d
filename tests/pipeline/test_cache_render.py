"""The cache re-renders exactly what changed (scene source, lesson section, damaged output)."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from la_render.cli import main
from la_render.pipeline.manifest import load_manifest
from tests.pipeline import fakes
from tests.pipeline.checks import assert_consistent, identities, rerendered

pytestmark = pytest.mark.render

BOTH = ("alpha", "beta")


def test_cache_skips_and_rerenders_only_what_changed(project, tmp_path: Path) -> None:
    code, _ = project.render(BOTH)
    assert code == 0
    manifest = assert_consistent(project.out)
    assert {out for record in manifest["scenes"].values() for out in record["outputs"]} == {
        "preview/mp4", "preview/png"}
    first = identities(project.out)
    assert set(first) == {"preview/alpha.mp4", "preview/alpha.png", "preview/beta.mp4", "preview/beta.png"}

    code, stdout = project.render(BOTH)
    assert code == 0
    assert "0 rendered" in stdout
    assert identities(project.out) == first

    # Editing one scene's source re-renders that scene only.
    scene = project.package / "alpha.py"
    scene.write_text(scene.read_text() + "\n# an edit\n")
    listing = io.StringIO()
    assert main(["list", "--out", str(project.out), "--quality", "preview"], catalog=fakes.catalog(BOTH),
                stdout=listing) == 0
    rows = {line.split()[1]: line for line in listing.getvalue().splitlines() if line.startswith("│ ")
            and line.split()[1] in BOTH}
    assert "stale (scene code)" in rows["alpha"] and "up to date" in rows["beta"], listing.getvalue()
    code, _ = project.render(BOTH)
    assert code == 0
    second = identities(project.out)
    assert rerendered(first, second) == {"alpha"}

    # Editing the [lora] section re-renders only the scene that reads it (beta).
    lesson = tmp_path / "edited.toml"
    text = fakes.DEFAULT_LESSON.read_text(encoding="utf-8")
    lesson.write_text(text, encoding="utf-8")
    code, stdout = project.render(BOTH, "--data", str(lesson))
    assert (code, rerendered(second, identities(project.out))) == (0, set()), "same data, other file"
    lesson.write_text(fakes.edit_section(text, "lora", "seed", "7"), encoding="utf-8")
    code, _ = project.render(BOTH, "--data", str(lesson))
    third = identities(project.out)
    assert (code, rerendered(second, third)) == (0, {"beta"})

    # ... and editing [vectors] (a fourth word) only the one that reads [vectors] (alpha), whose
    # manifest alt text now describes the data rendered.
    assert load_manifest(project.out)["scenes"]["alpha"]["alt"] == "A fake scene of 3 words"
    four_words = "[0.2, 0.1, 0.9, 0.2]\npear = [0.3, 0.2, 0.4, 0.1]"
    edited = fakes.edit_section(lesson.read_text(), "vectors", "apple", four_words)
    lesson.write_text(edited, encoding="utf-8")
    code, _ = project.render(BOTH, "--data", str(lesson))
    fourth = identities(project.out)
    assert (code, rerendered(third, fourth)) == (0, {"alpha"})
    assert load_manifest(project.out)["scenes"]["alpha"]["alt"] == "A fake scene of 4 words"

    # A damaged or deleted output is rendered again even though its key matches.
    (project.out / "preview" / "alpha.png").write_bytes(b"not a png")
    (project.out / "preview" / "beta.mp4").unlink()
    code, _ = project.render(BOTH, "--data", str(lesson))
    assert code == 0
    assert rerendered(fourth, identities(project.out)) == {"alpha", "beta"}
    assert_consistent(project.out)

    # The no-op run does not import manim (a fresh interpreter, the fake catalogue from the env).
    args = fakes.render_args(project.out, "--data", str(lesson), *BOTH)
    probe = (
        "import sys, io\n"
        "from la_render.cli import main\n"
        f"code = main({args!r}, stdout=io.StringIO())\n"
        "print(code, 'manim' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], env=fakes.cli_env(project.root), cwd=project.root,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.stdout.split() == ["0", "False"], result.stderr


def test_an_over_budget_gif_brings_a_webm_for_the_page(project) -> None:
    """A GIF over its budget is kept and marked, and a WebM is made for the page's looping video."""
    code, _ = project.render(("slow",), "--format", "gif", "--gif-budget", "1")
    assert code == 0
    manifest = assert_consistent(project.out)
    outputs = manifest["scenes"]["slow"]["outputs"]
    assert outputs["preview/gif"]["over_budget"] is True, outputs["preview/gif"]
    webm = project.out / outputs["preview/webm"]["path"]
    assert webm.read_bytes()[:4] == b"\x1a\x45\xdf\xa3"  # the EBML magic of a WebM file
    code, stdout = project.render(("slow",), "--format", "gif", "--gif-budget", "1")
    assert code == 0 and "0 rendered" in stdout
