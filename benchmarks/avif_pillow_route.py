"""Weigh the Pillow route for the animated AVIF against ffmpeg + `isobmff.loop_forever` (issue 17).

Pillow's AVIF plugin encodes through libavif, which writes the track header Chromium reads as
"loop forever" (version 1, 64-bit indefinite duration) by itself; but libavif stamps the current
time in mvhd/tkhd/mdhd (two encodes differ in 6 places), so bytes would need a box edit anyway.
This script encodes the same resampled frames both ways (ffmpeg at two crf levels; Pillow with
4:4:4, full range, speed 6, libaom, tune-content=screen at three qualities) and prints bytes and
fidelity measured exactly as the pipeline's quality search does (`avif.fidelity`).

Run: `.venv/bin/python benchmarks/avif_pillow_route.py SOURCE.mp4 [START_S DURATION_S]`
(measured 2026-12-05 on 8 s of a preview `dot_product`: ffmpeg crf 30 45.9 KB / 48.34 dB,
crf 38 34.0 KB / 47.01 dB; Pillow quality 60 38.1 KB / 46.78 dB, 70 45.6 KB / 47.21 dB, 80
57.3 KB / 47.56 dB: the ffmpeg route is smaller at higher fidelity, so it stays).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import av

from la_render.formats import avif, isobmff


def main(argv: list[str]) -> int:
    source = Path(argv[0])
    start, duration = (argv[1], argv[2]) if len(argv) >= 3 else ("4", "8")
    with tempfile.TemporaryDirectory(prefix="avif-route-") as folder:
        tmp = Path(folder)
        cut, frames = tmp / "cut.mp4", tmp / "frames.mov"
        subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-ss", start, "-t", duration, "-i",
                        str(source), "-c:v", "libx264", "-crf", "0", str(cut)], check=True)
        avif.resample(cut, frames, width=640, fps=12.5)
        rows = []
        for crf in (30, 38):
            out = tmp / f"ffmpeg{crf}.avif"
            avif.encode_sequence(frames, out, crf=crf)
            out.write_bytes(isobmff.loop_forever(out.read_bytes()))
            rows.append((f"ffmpeg crf {crf}", out.stat().st_size, *avif.fidelity(out, frames)))
        with av.open(str(frames)) as container:
            images = [frame.to_image() for frame in container.decode(video=0)]
        for quality in (60, 70, 80):
            out = tmp / f"pillow{quality}.avif"
            images[0].save(out, save_all=True, append_images=images[1:], duration=80, loop=0,
                           quality=quality, subsampling="4:4:4", speed=avif.AVIF_CPU_USED, codec="aom",
                           range="full", max_threads=1, advanced={"tune-content": "screen"})
            rows.append((f"Pillow quality {quality}", out.stat().st_size, *avif.fidelity(out, frames)))
    for name, size, psnr, ssim in rows:
        print(f"{name:20s} {size / 1000:8.1f} KB  PSNR {psnr:6.2f} dB  SSIM {ssim:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
