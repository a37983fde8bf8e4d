"""Motion the reader controls: the markup, style and script of the page's looping animations.

WCAG 2.2 SC 2.2.2 (Pause, Stop, Hide) asks for a way to pause anything that moves for more than
five seconds, and readers who set `prefers-reduced-motion: reduce` should not get motion at all.
Each animation sits in a `[data-anim]` box with a pause button; the page has one "pause all".

* Without JavaScript: the `<picture>`'s first `<source>` is the poster for reduced-motion
  readers (a media query), so they get a still; everyone else gets the animation, and the
  buttons stay hidden (a button that does nothing would be worse than none).
* With the script: buttons appear; pausing turns that first source on (`media="all"`), so the
  browser shows the poster (the last frame); playing turns it off (`media="not all"`) and the
  AVIF or GIF plays again. A looping video is paused by reloading it without autoplay (its
  poster shows). Reduced motion starts every animation paused.

The script is self-contained, so an author pastes it once into a page of embedded animations.
"""

from __future__ import annotations

import html
from typing import Any

SCRIPT = """
(() => {
  const reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  const boxes = [...document.querySelectorAll("[data-anim]")];
  const all = document.querySelector("[data-anim-all]");
  const pressed = (button) => button.getAttribute("aria-pressed") === "true";
  const setPaused = (box, paused) => {
    const still = box.querySelector("source[data-still]");
    const video = box.querySelector("video");
    if (still) still.media = paused ? "all" : "not all";
    if (video && paused) { video.autoplay = false; video.load(); }
    if (video && !paused) { video.play().catch(() => {}); }
    box.querySelector("[data-anim-toggle]").setAttribute("aria-pressed", String(paused));
  };
  const syncAll = () => {
    if (all) all.setAttribute("aria-pressed", String(boxes.every(
      (box) => pressed(box.querySelector("[data-anim-toggle]")))));
  };
  for (const box of boxes) {
    const button = box.querySelector("[data-anim-toggle]");
    button.hidden = false;
    button.addEventListener("click", () => { setPaused(box, !pressed(button)); syncAll(); });
    setPaused(box, reduce);
  }
  if (all && boxes.length) {
    all.hidden = false;
    all.addEventListener("click", () => {
      const paused = !pressed(all);
      for (const box of boxes) setPaused(box, paused);
      syncAll();
    });
  }
  syncAll();
})();
"""

#: Style for the controls (the page adds its colours; an author's page may restyle them).
CSS = """
[data-anim] { position: relative; display: inline-block; max-width: 100%; }
[data-anim-toggle], [data-anim-all] { font: inherit; cursor: pointer; border-radius: 4px;
  padding: .3rem .8rem; border: 2px solid currentColor; }
[data-anim-toggle] { position: absolute; left: .5rem; bottom: .5rem; }
[data-anim-toggle]::before, [data-anim-all]::before { content: "\\275A\\275A\\00a0"; }
[data-anim-toggle][aria-pressed="true"]::before,
[data-anim-all][aria-pressed="true"]::before { content: "\\25B6\\00a0"; }
[data-anim-toggle]:focus-visible, [data-anim-all]:focus-visible { outline: 3px solid; outline-offset: 2px; }
"""


def _esc(text: Any) -> str:
    return html.escape(str(text), quote=True)


def toggle_button(title: str) -> str:
    """The pause/play button of one animation (hidden until the script runs)."""
    return (f'<button type="button" data-anim-toggle aria-pressed="false" '
            f'aria-label="Pause {_esc(title)}" hidden>Pause</button>')


def pause_all_button() -> str:
    return '<button type="button" data-anim-all aria-pressed="false" hidden>Pause all animations</button>'


def picture(gif_src: str, img_attrs: str, *, avif_src: str | None, still_src: str | None,
            title: str) -> str:
    """A `<picture>`: the still for reduced motion, then the AVIF, then the GIF `<img>`.

    Sources are attribute-ready (already escaped); `img_attrs` carries size, alt and loading.
    Without a still there is nothing to pause to, so the box gets no button.
    """
    sources = ""
    if still_src:
        sources += f'<source srcset="{still_src}" media="(prefers-reduced-motion: reduce)" data-still>'
    if avif_src:
        sources += f'<source srcset="{avif_src}" type="image/avif">'
    body = f'<picture>{sources}<img src="{gif_src}"{img_attrs}></picture>'
    if not still_src:
        return body
    return f"<div data-anim>{body}{toggle_button(title)}</div>"


def looping_video(video: str, title: str) -> str:
    """A looping muted video in a box with its pause button."""
    return f"<div data-anim>{video}{toggle_button(title)}</div>"


def script_snippet() -> str:
    """What an author pastes once into a page of embedded animations."""
    return f"<style>{CSS.strip()}</style>\n<script>{SCRIPT.rstrip()}\n</script>"
