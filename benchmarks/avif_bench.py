"""AVIF benchmark: each scene's web AVIF against its web GIF, bytes, fidelity and encode time.

For each catalogue scene: render the `web` lossless intermediate (1280x720 at 25 fps, reused
from gif_bench's media folder while the scene is unchanged), encode the GIF and the AVIF from it
exactly as the pipeline does (640 wide, 12.5 fps, budgets 500 KB and 200 KB), and compare both
frame by frame with the intermediate scaled by the encoders' scaler: PSNR (pooled MSE, RGB) and
SSIM (luma, 7x7 windows), the same measure for both. The AVIF is decoded with Pillow's libavif,
the decoder family browsers use, not with the ffmpeg that made it.

Targets (issue 13): AVIF <= 0.4x its GIF, at equal or better fidelity (PSNR or SSIM at least the
GIF's), so a modern browser downloads <= 0.4x the GIF total.

Run: `.venv/bin/python benchmarks/avif_bench.py [SLUG ...] [--media DIR]`
Writes benchmarks/results/avif_bench.json and prints a table.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import gif_bench  # noqa: E402
from la_render.common.sizes import BYTES_PER_KB  # noqa: E402
from la_render.formats import avif  # noqa: E402
from la_render.formats import gif as gif_format  # noqa: E402
from scenes import catalog  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "avif_bench.json"
TARGET_RATIO = 0.4


@dataclass
class Measure:
    bytes: int
    frames: int
    psnr: float
    ssim: float
    seconds_encode: float


@dataclass
class SceneResult:
    slug: str
    gif: Measure
    avif: Measure
    ratio: float
    crf: int
    meets_targets: bool


def avif_frames(path: Path) -> Iterator[np.ndarray]:
    """RGB frames of an animated AVIF, decoded by Pillow (libavif)."""
    image = Image.open(path)
    for index in range(image.n_frames):
        image.seek(index)
        yield np.asarray(image.convert("RGB"))


def compare(ours: Iterator[np.ndarray], reference: Iterator[np.ndarray]) -> tuple[int, float, float]:
    """(frames, pooled PSNR, mean SSIM on every 4th frame) of two frame streams."""
    squared, count, ssims = 0.0, 0, []
    for index, (a, b) in enumerate(zip(ours, reference, strict=False)):
        squared += float(np.mean((a.astype(np.int32) - b.astype(np.int32)) ** 2))
        count += 1
        if index % 4 == 0:
            ssims.append(gif_bench.ssim(a, b))
    if count == 0:
        raise RuntimeError("no frames decoded")
    return count, round(gif_bench.psnr_from_mse(squared / count), 2), round(float(np.mean(ssims)), 5)


def lossless(entry: catalog.SceneEntry, media_root: Path, reuse: bool) -> Path:
    """The web intermediate; with `reuse`, a kept one even if the scene changed since."""
    size, fps = gif_bench.WEB_SIZE, gif_bench.WEB_FPS
    kept = gif_bench._find(media_root / entry.slug / f"lossless_{size[0]}x{size[1]}_{fps:g}",
                           f"{entry.class_name}.mov")
    if reuse and kept is not None:
        return kept
    return gif_bench.render_lossless(entry, size, fps, media_root)


def bench_scene(slug: str, media_root: Path = gif_bench.MEDIA, reuse: bool = False) -> SceneResult:
    entry = catalog.get(slug)
    source = lossless(entry, media_root, reuse)
    folder = media_root / slug
    gif_path, avif_path = folder / f"{slug}.web.gif", folder / f"{slug}.web.avif"

    start = time.perf_counter()
    gif = gif_format.encode_gif(source, gif_path, width=gif_bench.GIF_WIDTH, fps=gif_bench.GIF_FPS,
                            budget_kb=gif_bench.BUDGET_KB)
    gif_seconds = time.perf_counter() - start
    start = time.perf_counter()
    clip = avif.encode_avif(source, avif_path, width=gif_bench.GIF_WIDTH, fps=gif_bench.GIF_FPS)
    avif_seconds = time.perf_counter() - start

    width, height = gif.info.width, gif.info.height

    def reference() -> Iterator[np.ndarray]:
        return gif_bench.frames(source, width, height, gif_bench.GIF_FPS, scale=True)

    gif_frames = gif_bench.frames(gif_path, width, height, gif_bench.GIF_FPS)
    g = Measure(gif_path.stat().st_size, *compare(gif_frames, reference()), round(gif_seconds, 1))
    a = Measure(avif_path.stat().st_size, *compare(avif_frames(avif_path), reference()),
                round(avif_seconds, 1))
    ratio = a.bytes / g.bytes
    faithful = a.psnr >= g.psnr or a.ssim >= g.ssim
    return SceneResult(slug, g, a, round(ratio, 3), clip.crf, bool(ratio <= TARGET_RATIO and faithful))


def print_table(results: list[SceneResult]) -> None:
    print("| scene | GIF KB | AVIF KB | ratio | PSNR dB GIF / AVIF | SSIM GIF / AVIF | AVIF crf "
          "| encode s GIF / AVIF | meets targets |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in results:
        print(f"| `{r.slug}` | {r.gif.bytes / BYTES_PER_KB:.0f} | {r.avif.bytes / BYTES_PER_KB:.0f} | "
              f"{r.ratio:.2f} | {r.gif.psnr:.1f} / {r.avif.psnr:.1f} | "
              f"{r.gif.ssim:.4f} / {r.avif.ssim:.4f} | "
              f"{r.crf} | {r.gif.seconds_encode:.0f} / {r.avif.seconds_encode:.0f} | "
              f"{'yes' if r.meets_targets else 'no'} |")
    gif_total = sum(r.gif.bytes for r in results)
    avif_total = sum(r.avif.bytes for r in results)
    if gif_total:
        print(f"\ntotal: GIF {gif_total / BYTES_PER_KB:.0f} KB, AVIF {avif_total / BYTES_PER_KB:.0f} KB "
              f"({avif_total / gif_total:.2f}x)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("slugs", nargs="*", help="scenes (default: every scene)")
    parser.add_argument("--media", type=Path, default=gif_bench.MEDIA, help="where renders are kept")
    parser.add_argument("--reuse", action="store_true", help="use kept renders even if a scene changed")
    args = parser.parse_args(argv)
    known = gif_bench.available_slugs()
    unknown = [slug for slug in args.slugs if slug not in known]
    if unknown:
        print(f"avif_bench: unknown scene {unknown[0]!r} (expected one of: {', '.join(known)})",
              file=sys.stderr)
        return 2
    results = []
    for slug in args.slugs or known:
        results.append(bench_scene(slug, args.media, args.reuse))
        print(f"{slug}: {asdict(results[-1])}", file=sys.stderr, flush=True)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps([asdict(r) for r in results], indent=2) + "\n", encoding="utf-8")
    print_table(results)
    return 0 if all(r.meets_targets for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
