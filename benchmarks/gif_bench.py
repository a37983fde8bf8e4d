"""GIF benchmark: our encoder vs manim's own `--format gif`, bytes and fidelity, per scene.

For each catalogue scene whose module exists:
  * render the `web` lossless intermediate (1280x720 at 25 fps, PNG-coded MOV) and encode our
    web GIF from it exactly as the pipeline does (640 wide, 12.5 fps, 500 KB budget);
  * render manim's GIF with `manim --format gif` at the GIF's size and rate (640x360, 12.5 fps)
    and a lossless render at that same size and rate as its reference;
  * decode each GIF with ffmpeg and compare it, frame by frame at 12.5 fps, against lossless
    frames of the same size: PSNR (pooled MSE over all frames, RGB) and SSIM (luma, 7x7 windows).

The reference for our GIF is the 720p intermediate scaled with the encoder's own scaler, so the
numbers measure the GIF's loss (palette, lossy compression), not the resize. Renders are kept in
the media folder and reused while the scene file is older, so re-tuning the encoder is quick.

Run: `.venv/bin/python benchmarks/gif_bench.py [SLUG ...] [--scenes a,b] [--jobs 2] [--media DIR]`
Writes benchmarks/results/gif_bench.json and prints a table.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from la_render.common import ffmpeg as ffmpeg_run  # noqa: E402
from la_render.common.sizes import BYTES_PER_KB, kb_to_bytes  # noqa: E402
from la_render.formats import gif as gif_format  # noqa: E402
from la_render.pipeline import intermediate as intermediate  # noqa: E402
from scenes import catalog  # noqa: E402

MEDIA = Path("/tmp/encode/media")
RESULTS = ROOT / "benchmarks" / "results" / "gif_bench.json"
WEB_SIZE = (1280, 720)  # the `web` preset's render size and rate (docs: interfaces.md)
WEB_FPS = 25
GIF_WIDTH = 640
GIF_FPS = 12.5
BUDGET_KB = 500
TARGET_RATIO = 0.3
TARGET_PSNR = 45.0

_RENDER_SNIPPET = """
import sys
from manim import tempconfig
from la_render.pipeline.intermediate import lossless_render_config
from scenes import catalog
slug, media = sys.argv[1], sys.argv[2]
width, height, fps = int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
settings = {"media_dir": media, "pixel_width": width, "pixel_height": height, "frame_rate": fps,
            "verbosity": "WARNING", "progress_bar": "none", "disable_caching": True,
            **lossless_render_config()}
with tempconfig(settings):
    catalog.get(slug).load()().render()
"""


@dataclass
class GifMeasure:
    bytes: int
    frames: int
    psnr: float
    psnr_min_frame: float
    ssim: float


@dataclass
class SceneResult:
    slug: str
    duration: float
    ours: GifMeasure
    manim: GifMeasure
    ratio: float
    colors: int
    lossy: int | None
    width: int
    over_budget: bool
    seconds_encode: float
    meets_targets: bool


# -- rendering -------------------------------------------------------------------------------
def _fresh(path: Path | None, entry: catalog.SceneEntry) -> bool:
    """A kept render is reusable while newer than the scene file and the shared scene code."""
    if path is None or not path.exists():
        return False
    sources = [ROOT / entry.path, ROOT / "scenes" / "base.py", ROOT / "scenes" / "style.py"]
    return all(path.stat().st_mtime > src.stat().st_mtime for src in sources if src.exists())


def _find(media: Path, pattern: str) -> Path | None:
    found = [p for p in media.rglob(pattern) if "partial_movie_files" not in p.parts]
    return max(found, key=lambda p: p.stat().st_mtime) if found else None


def _run(args: list[str]) -> None:
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{done.stderr[-3000:]}")


def render_lossless(entry: catalog.SceneEntry, size: tuple[int, int], fps: float,
                    media_root: Path = MEDIA) -> Path:
    """The scene's lossless intermediate at `size` and `fps` (rendered as the worker does)."""
    media = media_root / entry.slug / f"lossless_{size[0]}x{size[1]}_{fps:g}"
    kept = _find(media, f"{entry.class_name}.mov")
    if _fresh(kept, entry):
        return kept
    _run([sys.executable, "-c", _RENDER_SNIPPET, entry.slug, str(media), str(size[0]), str(size[1]),
          str(fps)])
    return intermediate.find_rendered_movie(media, entry.class_name)


def render_manim_gif(entry: catalog.SceneEntry, size: tuple[int, int], fps: float,
                     media_root: Path = MEDIA) -> Path:
    """manim's own GIF (`--format gif`) at the same size and rate as ours."""
    media = media_root / entry.slug / f"manim_gif_{size[0]}x{size[1]}_{fps:g}"
    kept = _find(media, f"{entry.class_name}*.gif")
    if _fresh(kept, entry):
        return kept
    _run([str(Path(sys.executable).with_name("manim")), "render", "--format", "gif",
          "-r", f"{size[0]},{size[1]}", "--fps", f"{fps:g}", "--media_dir", str(media),
          "--disable_caching", "--progress_bar", "none", "-v", "WARNING", entry.path, entry.class_name])
    found = _find(media, f"{entry.class_name}*.gif")
    if found is None:
        raise RuntimeError(f"manim wrote no GIF for {entry.slug} under {media}")
    return found


# -- decoding and metrics ----------------------------------------------------------------------
def frames(path: Path, width: int, height: int, fps: float, scale: bool = False) -> Iterator[np.ndarray]:
    """RGB frames of `path` resampled to a constant `fps` (GIFs merge still frames)."""
    chain = f"fps={fps:g}"
    if scale:
        chain += f",scale={width}:{height}:flags={gif_format.GIF_SCALER}"
    proc = subprocess.Popen(
        ["ffmpeg", "-v", "error", "-i", str(path), "-vf", chain, "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,  # closing the shorter stream early is expected (broken pipe)
    )
    size = width * height * 3
    assert proc.stdout is not None
    try:
        while True:
            buf = proc.stdout.read(size)
            if len(buf) < size:
                break
            yield np.frombuffer(buf, np.uint8).reshape(height, width, 3)
    finally:
        proc.stdout.close()
        proc.wait()


def _box_mean(image: np.ndarray, k: int) -> np.ndarray:
    """Mean over every k x k window (valid positions only), via an integral image."""
    integral = np.pad(image, ((1, 0), (1, 0))).cumsum(0).cumsum(1)
    total = integral[k:, k:] - integral[:-k, k:] - integral[k:, :-k] + integral[:-k, :-k]
    return total / (k * k)


def ssim(a: np.ndarray, b: np.ndarray, k: int = 7) -> float:
    """Mean SSIM of two RGB frames on BT.601 luma, uniform k x k windows (Wang et al. 2004)."""
    weights = np.array([0.299, 0.587, 0.114])
    x = a.astype(np.float64) @ weights
    y = b.astype(np.float64) @ weights
    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
    mx, my = _box_mean(x, k), _box_mean(y, k)
    vx = _box_mean(x * x, k) - mx * mx
    vy = _box_mean(y * y, k) - my * my
    cxy = _box_mean(x * y, k) - mx * my
    value = ((2 * mx * my + c1) * (2 * cxy + c2)) / ((mx * mx + my * my + c1) * (vx + vy + c2))
    return float(value.mean())


def psnr_from_mse(mse: float) -> float:
    return float("inf") if mse == 0 else 10 * np.log10(255.0**2 / mse)


def measure(gif: Path, reference: Path, width: int, height: int, scale_reference: bool) -> GifMeasure:
    """Compare a GIF with its lossless reference frame by frame."""
    squared, count, worst, ssims = 0.0, 0, float("inf"), []
    pairs = zip(frames(gif, width, height, GIF_FPS), frames(reference, width, height, GIF_FPS,
                                                            scale=scale_reference), strict=False)
    for index, (ours, ref) in enumerate(pairs):
        mse = float(np.mean((ours.astype(np.int32) - ref.astype(np.int32)) ** 2))
        squared += mse
        count += 1
        worst = min(worst, psnr_from_mse(mse))
        if index % 4 == 0:  # SSIM on every 4th frame keeps the benchmark quick
            ssims.append(ssim(ours, ref))
    if count == 0:
        raise RuntimeError(f"no frames decoded from {gif}")
    return GifMeasure(bytes=gif.stat().st_size, frames=count, psnr=round(psnr_from_mse(squared / count), 2),
                      psnr_min_frame=round(worst, 2), ssim=round(float(np.mean(ssims)), 5))


# -- one scene ---------------------------------------------------------------------------------
def bench_scene(slug: str, budget_kb: int = BUDGET_KB, stats_mode: str | None = None,
                media_root: Path = MEDIA) -> SceneResult:
    entry = catalog.get(slug)
    if stats_mode:
        gif_format.GIF_STATS_MODE = stats_mode
    gif_size = (GIF_WIDTH, GIF_WIDTH * WEB_SIZE[1] // WEB_SIZE[0])
    web_source = render_lossless(entry, WEB_SIZE, WEB_FPS, media_root)
    small_source = render_lossless(entry, gif_size, GIF_FPS, media_root)
    manim_gif = render_manim_gif(entry, gif_size, GIF_FPS, media_root)

    ours_path = media_root / slug / f"{slug}_{gif_format.GIF_STATS_MODE}.gif"
    start = time.perf_counter()
    result = gif_format.encode_gif(web_source, ours_path, width=GIF_WIDTH, fps=GIF_FPS, budget_kb=budget_kb)
    seconds = time.perf_counter() - start
    width, height = result.info.width, result.info.height

    ours = measure(ours_path, web_source, width, height, scale_reference=True)
    theirs = measure(manim_gif, small_source, gif_size[0], gif_size[1], scale_reference=False)
    ratio = ours.bytes / theirs.bytes
    meets = bool(ours.bytes <= kb_to_bytes(budget_kb) and ratio <= TARGET_RATIO and ours.psnr >= TARGET_PSNR)
    return SceneResult(slug=slug, duration=ffmpeg_run.probe(web_source).duration, ours=ours, manim=theirs,
                       ratio=round(ratio, 3), colors=result.colors, lossy=result.lossy, width=result.width,
                       over_budget=result.over_budget, seconds_encode=round(seconds, 2), meets_targets=meets)


def available_slugs() -> list[str]:
    """Catalogue scenes whose module file exists yet."""
    return [entry.slug for entry in catalog.CATALOG if (ROOT / entry.path).exists()]


def print_table(results: list[SceneResult]) -> None:
    head = (f"{'scene':<18}{'dur s':>6}{'ours KB':>9}{'manim KB':>10}{'ratio':>7}{'PSNR ours':>10}"
            f"{'manim':>7}{'SSIM ours':>10}{'manim':>8}  settings        ok")
    print(head)
    print("-" * len(head))
    for r in results:
        settings = f"{r.colors}c {r.width}w" + (f" lossy{r.lossy}" if r.lossy else "")
        ours_kb, manim_kb = r.ours.bytes / BYTES_PER_KB, r.manim.bytes / BYTES_PER_KB
        print(f"{r.slug:<18}{r.duration:>6.1f}{ours_kb:>9.0f}{manim_kb:>10.0f}"
              f"{r.ratio:>7.2f}{r.ours.psnr:>10.1f}{r.manim.psnr:>7.1f}{r.ours.ssim:>10.4f}"
              f"{r.manim.ssim:>8.4f}  {settings:<15} {'yes' if r.meets_targets else 'NO'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("slugs", nargs="*", help="scenes (default: every scene that exists)")
    parser.add_argument("--scenes", help="comma-separated scenes (added to SLUG ...)")
    parser.add_argument("--media", type=Path, default=MEDIA,
                        help=f"render folder, reused while fresh (default {MEDIA})")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("--budget", type=int, default=BUDGET_KB, help="GIF budget in KB")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--stats-mode", choices=("diff", "full", "single"), help="palettegen override")
    args = parser.parse_args(argv)
    slugs = [*args.slugs, *(args.scenes.split(",") if args.scenes else [])] or available_slugs()
    start = time.perf_counter()
    results, failures = [], {}
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        futures = {slug: pool.submit(bench_scene, slug, args.budget, args.stats_mode, args.media)
                   for slug in slugs}
        for slug, future in futures.items():
            try:
                results.append(future.result())
            except Exception as error:  # one broken scene must not hide the others' numbers
                failures[slug] = str(error)[-2000:]
    print_table(results)
    for slug, error in failures.items():
        print(f"{slug}: FAILED {error.splitlines()[-1] if error else ''}")
    report = {
        "command": "python benchmarks/gif_bench.py " + " ".join(argv if argv is not None else sys.argv[1:]),
        "settings": {"gif_width": GIF_WIDTH, "gif_fps": GIF_FPS, "budget_kb": args.budget,
                     "web_render": f"{WEB_SIZE[0]}x{WEB_SIZE[1]}@{WEB_FPS}", "scaler": gif_format.GIF_SCALER,
                     "stats_mode": args.stats_mode or gif_format.GIF_STATS_MODE,
                     "steps": [list(step) for step in gif_format.GIF_STEPS],
                     "decimate": gif_format.GIF_DECIMATE},
        "targets": {"max_kb": args.budget, "max_ratio_to_manim": TARGET_RATIO, "min_psnr_db": TARGET_PSNR},
        "all_meet_targets": not failures and all(r.meets_targets for r in results),
        "failures": failures,
        "seconds": round(time.perf_counter() - start, 1),
        "scenes": [asdict(r) for r in results],
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0 if report["all_meet_targets"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
