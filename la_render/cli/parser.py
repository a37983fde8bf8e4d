"""The `la-render` argument parser: every command's options, declared once."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import NoReturn

from la_render.formats import FORMATS
from la_render.narration.script import SCRIPT_DIR
from la_render.pipeline.inputs import UsageError
from la_render.pipeline.presets import DEFAULT_PRESET, PRESETS

DEFAULT_OUT = Path("renders")


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line (and exit code 2), not usage + error."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a number >= 1, got {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="la-render", description="Render the lesson's scenes, figures and page.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--data", metavar="PATH", help="lesson file (default: the shipped one)")
        p.add_argument("--out", metavar="DIR", type=Path, default=DEFAULT_OUT,
                       help="output folder (default: renders/)")

    def dask_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--dask", metavar="ADDRESS",
                       help="run the jobs on a Dask cluster: a scheduler address (tcp://host:8786; it must "
                            "see --out at the same path) or 'local' for --jobs local worker processes")

    def rendering(p: argparse.ArgumentParser) -> None:
        common(p)
        p.add_argument("slugs", nargs="*", metavar="SLUG", help="scenes to render (default: all)")
        p.add_argument("--quality", default=DEFAULT_PRESET, choices=list(PRESETS),
                       help=f"quality preset (default: {DEFAULT_PRESET})")
        p.add_argument("--format", dest="formats", metavar="LIST",
                       help=f"comma list of {','.join(FORMATS)} (default: the preset's)")
        p.add_argument("--jobs", type=_positive_int, default=os.cpu_count() or 1,
                       help="parallel workers (default: number of cores)")
        p.add_argument("--force", action="store_true", help="re-render even when up to date")
        p.add_argument("--gif-budget", type=_positive_int, default=500, metavar="KB",
                       help="GIF size budget in KB (default: 500)")
        p.add_argument("--wait", action="store_true", help="wait for another run's lock instead of failing")
        p.add_argument("--no-figures", action="store_true", help="do not refresh the static figures")
        p.add_argument("--no-page", action="store_true", help="do not rebuild renders/index.html")
        add_voice_options(p, "none; auto for --quality lecture")
        dask_option(p)

    p_list = sub.add_parser("list", help="the catalogue and the state of every output")
    common(p_list)
    p_list.add_argument("--quality", action="append", choices=list(PRESETS),
                        help="only these presets (repeatable; default: all)")

    p_render = sub.add_parser("render", help="render what is stale")
    rendering(p_render)
    p_render.add_argument("--dry-run", action="store_true", help="print the plan and why; render nothing")

    p_watch = sub.add_parser("watch", help="re-render when a scene, la_core or the lesson file changes")
    rendering(p_watch)
    p_watch.add_argument("--interval", type=float, default=0.5, help="polling interval in seconds")
    p_watch.add_argument("--debounce", type=float, default=0.6, help="quiet time before rendering")

    p_clean = sub.add_parser("clean", help="remove outputs not in the manifest and stale temporaries")
    p_clean.add_argument("--out", metavar="DIR", type=Path, default=DEFAULT_OUT)
    p_clean.add_argument("--dry-run", action="store_true", help="list what would be removed")
    p_clean.add_argument("--wait", action="store_true")

    for name, text in (("figures", "draw the static figures"), ("page", "rebuild renders/index.html"),
                       ("lecture", "render what the lecture cut needs (lecture preset), then join it")):
        p = sub.add_parser(name, help=text)
        common(p)
        p.add_argument("--wait", action="store_true")
        if name == "lecture":
            p.add_argument("--jobs", type=_positive_int, default=os.cpu_count() or 1,
                           help="parallel workers for the scene renders (default: number of cores)")
            p.add_argument("--no-render", action="store_true",
                           help="only join: use the lecture renders already in the manifest")
            p.add_argument("--no-quiz", action="store_true",
                           help="leave the lesson's quiz out of the cut (a quicker cut to check the scenes)")
            add_voice_options(p, "auto")
            dask_option(p)

    p_script = sub.add_parser("script", help="the narration script: a text file per scene and script.json")
    p_script.add_argument("slugs", nargs="*", metavar="SLUG",
                          help="scenes (default: all, plus the lecture cards)")
    p_script.add_argument("--data", metavar="PATH", help="lesson file (default: the shipped one)")
    p_script.add_argument("--out", metavar="DIR", type=Path, default=DEFAULT_OUT / SCRIPT_DIR,
                          help="where to write it (default: renders/script/)")
    p_script.add_argument("--stamp", metavar="DIR", type=Path,
                          help="recordings folder: write <cue id>.txt (today's text) by each new recording")
    p_script.add_argument("--jobs", type=_positive_int, default=min(2, os.cpu_count() or 1),
                          help="scenes collected in parallel (default: 2, or 1 on one core)")
    return parser



def add_voice_options(parser: argparse.ArgumentParser, default: str) -> None:
    parser.add_argument("--voice", metavar="VOICE", default=None,
                        help="narration: none, auto (the best installed), piper, piper:MODEL.onnx, "
                             f"espeak-ng, flite, or a folder of recordings (default: {default})")
    parser.add_argument("--fallback-voice", metavar="VOICE", default=None,
                        help="with a folder of recordings: the voice for cues not (or no longer) recorded "
                             "(default: the best installed)")
