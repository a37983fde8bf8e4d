"""renders/index.html: one self-contained gallery of every render, built from the manifest.

An author opens it to see each scene's animation, its captioned video and the static figures,
and copies an embed snippet (HTML or Markdown) from beside each. The page needs no network:
styles and the copy button's script are inline, media paths are relative to renders/. Every
piece of text from the manifest is HTML-escaped, so a title like "A<B" cannot break the page.
The output is deterministic (no dates), so an unchanged manifest gives an unchanged page.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from la_render.common.io import atomic_write_bytes
from la_render.common.sizes import human_bytes
from la_render.common.timecode import clock
from la_render.formats import transcript
from la_render.page import motion
from la_render.pipeline.manifest import TMP_DIR_NAME
from scenes import style

PAGE_NAME = "index.html"
PAGE_TITLE = "Linear Algebra, Intuitively — renders"
ANIMATION_PRESET = "web"
VIDEO_PRESETS = ("lecture", "web")  # the scene MP4: the lecture render where one exists


# ---------------------------------------------------------------- escaping


def esc(text: Any) -> str:
    """Text or attribute value, HTML-escaped (quotes included)."""
    return html.escape(str(text), quote=True)


def url(path: str) -> str:
    """A relative media path, percent-encoded then escaped for an attribute."""
    return esc(quote(str(path), safe="/._-~"))


def markdown_text(text: str) -> str:
    """Text safe inside Markdown's ![...] or [...]: one line, brackets and backslashes escaped, and
    &, <, > as entities (Markdown passes raw HTML through, and decodes entities back to text)."""
    flat = html.escape(" ".join(str(text).split()), quote=False)
    return flat.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def markdown_url(path: str) -> str:
    return quote(str(path), safe="/._-~")


# ---------------------------------------------------------------- reading the manifest


def _ordered(records: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    def position(record: dict[str, Any]) -> tuple[int, str]:
        return int(record.get("order", 1_000_000)), str(record.get("slug", record.get("name")))

    return sorted(records.values(), key=position)


def _output(scene: dict[str, Any], preset: str, ext: str) -> dict[str, Any] | None:
    return scene.get("outputs", {}).get(f"{preset}/{ext}")


def _size_attrs(record: dict[str, Any] | None) -> str:
    if not record or not record.get("width") or not record.get("height"):
        return ""
    return f' width="{int(record["width"])}" height="{int(record["height"])}"'


def _scene_video(scene: dict[str, Any]) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """(the MP4 to show with controls, the WebVTT captions for it)."""
    for preset in VIDEO_PRESETS:
        mp4 = _output(scene, preset, "mp4")
        if mp4:
            vtt = _output(scene, preset, "vtt") or next(
                (_output(scene, p, "vtt") for p in VIDEO_PRESETS if _output(scene, p, "vtt")), None)
            return mp4, vtt
    return None, None


def gif_weight(manifest: dict[str, Any]) -> tuple[int, int, int]:
    """(bytes, count) of the GIFs the page embeds, and how many play as video instead."""
    total = count = as_video = 0
    for scene in manifest.get("scenes", {}).values():
        gif = _output(scene, ANIMATION_PRESET, "gif")
        if not gif:
            continue
        if gif.get("over_budget"):
            as_video += 1
        else:
            total += int(gif.get("bytes", 0))
            count += 1
    return total, count, as_video


def modern_weight(manifest: dict[str, Any]) -> tuple[int, int]:
    """(bytes, AVIF count) a browser that takes AVIF downloads for the same embedded animations."""
    total = avifs = 0
    for scene in manifest.get("scenes", {}).values():
        gif = _output(scene, ANIMATION_PRESET, "gif")
        if not gif or gif.get("over_budget"):
            continue
        avif = _output(scene, ANIMATION_PRESET, "avif")
        total += int((avif or gif).get("bytes", 0))
        avifs += bool(avif)
    return total, avifs


def weight_line(manifest: dict[str, Any]) -> str:
    """The page weight as an author reads it: the GIFs, and what a modern browser fetches."""
    total, count, as_video = gif_weight(manifest)
    text = f"Page weight: {human_bytes(total)} of GIFs ({count} GIF{'s' if count != 1 else ''})"
    modern, avifs = modern_weight(manifest)
    if avifs:
        text += (f"; a browser that takes AVIF downloads {human_bytes(modern)} "
                 f"({avifs} AVIF{'s' if avifs != 1 else ''}, lazily, as they scroll into view)")
    if as_video:
        text += f"; {as_video} over-budget animation{'s play' if as_video != 1 else ' plays'} as video"
    return text + "."


# ---------------------------------------------------------------- pieces of the page


def _snippets(key: str, html_snippet: str, markdown_snippet: str) -> str:
    """The two copy-paste blocks (their text escaped for display)."""
    blocks = []
    for kind, text in (("HTML", html_snippet), ("Markdown", markdown_snippet)):
        if not text:
            continue
        block_id = f"embed-{key}-{kind.lower()}"
        blocks.append(
            f'<div class="snippet"><div class="snippet-head"><span>{kind}</span>'
            f'<button type="button" class="copy" data-target="{esc(block_id)}">Copy</button></div>'
            f'<pre><code id="{esc(block_id)}">{esc(text)}</code></pre></div>'
        )
    return '<div class="snippets">' + "".join(blocks) + "</div>"


def _animation(scene: dict[str, Any]) -> tuple[str, str, str]:
    """(markup shown, HTML snippet, Markdown snippet) of the scene's looping animation."""
    alt = scene.get("alt", "")
    gif = _output(scene, ANIMATION_PRESET, "gif")
    webm = _output(scene, ANIMATION_PRESET, "webm")
    mp4 = _output(scene, ANIMATION_PRESET, "mp4")
    poster = _output(scene, ANIMATION_PRESET, "png")
    title = scene.get("title", scene.get("slug", ""))
    if gif and not (gif.get("over_budget") and (webm or mp4)):
        avif = _output(scene, ANIMATION_PRESET, "avif")
        tag = motion.picture(url(gif["path"]), f'{_size_attrs(gif)} alt="{esc(alt)}" loading="lazy" '
                             'decoding="async"', avif_src=url(avif["path"]) if avif else None,
                             still_src=url(poster["path"]) if poster else None, title=title)
        return tag, tag, f"![{markdown_text(alt)}]({markdown_url(gif['path'])})"
    if webm or mp4:
        sizes = _size_attrs(gif or mp4 or webm)
        poster_attr = f' poster="{url(poster["path"])}"' if poster else ""
        sources = "".join(
            f'<source src="{url(r["path"])}" type="video/{kind}">'
            for kind, r in (("webm", webm), ("mp4", mp4)) if r
        )
        tag = motion.looping_video(
            f'<video autoplay loop muted playsinline{poster_attr}{sizes} aria-label="{esc(alt)}">'
            f"{sources}{esc(alt)}</video>", title)
        link = mp4 or webm
        markdown = (f"[![{markdown_text(alt)}]({markdown_url(poster['path'])})]({markdown_url(link['path'])})"
                    if poster else f"[{markdown_text(alt)}]({markdown_url(link['path'])})")
        return tag, tag, markdown
    if poster:
        tag = f'<img src="{url(poster["path"])}"{_size_attrs(poster)} alt="{esc(alt)}" loading="lazy">'
        return tag, tag, f"![{markdown_text(alt)}]({markdown_url(poster['path'])})"
    return '<p class="missing">No web render yet: run <code>la-render render</code>.</p>', "", ""


def _captioned_video(mp4: dict[str, Any], vtt: dict[str, Any] | None, label: str,
                     poster: dict[str, Any] | None = None, chapters: dict[str, Any] | None = None) -> str:
    poster_attr = f' poster="{url(poster["path"])}"' if poster else ""
    tracks = ""
    if vtt:
        tracks += (f'<track kind="captions" src="{url(vtt["path"])}" srclang="en" label="English" default>')
    if chapters:
        tracks += f'<track kind="chapters" src="{url(chapters["path"])}" srclang="en" label="Chapters">'
    return (f'<video controls preload="metadata" playsinline{poster_attr}{_size_attrs(mp4)} '
            f'aria-label="{esc(label)}"><source src="{url(mp4["path"])}" type="video/mp4">{tracks}'
            f"{esc(label)}</video>")


def _scene_section(scene: dict[str, Any]) -> str:
    slug = str(scene.get("slug", ""))
    title = scene.get("title", slug)
    shown, html_snippet, markdown_snippet = _animation(scene)
    parts = [
        f'<section class="item" id="scene-{esc(slug)}">',
        f'<h2>{esc(title)}</h2><p class="step">{esc(scene.get("step", ""))}</p>',
        f'<div class="media">{shown}</div>',
    ]
    if html_snippet:
        parts.append(_snippets(f"scene-{slug}", html_snippet, markdown_snippet))
    mp4, vtt = _scene_video(scene)
    if mp4:
        video = _captioned_video(mp4, vtt, f"{title} (video with captions)",
                                 _output(scene, mp4.get("preset", ANIMATION_PRESET), "png"))
        markdown = f"[{markdown_text(title)}]({markdown_url(mp4['path'])})"
        parts.append(
            f'<details class="video"><summary>Video with captions ({esc(mp4.get("preset", ""))}, '
            f'{human_bytes(int(mp4.get("bytes", 0)))})</summary><div class="media">{video}</div>'
            + _snippets(f"video-{slug}", video, markdown) + "</details>"
            + transcript.html_block(transcript.scene_lines(mp4), markdown_url(mp4["path"]))
        )
    parts.append("</section>")
    return "".join(parts)


def _figure_section(figure: dict[str, Any]) -> str:
    name = str(figure.get("name", ""))
    title, alt = figure.get("title", name), figure.get("alt", "")
    outputs = figure.get("outputs", {})
    png, svg = outputs.get("png"), outputs.get("svg")
    if not png and not svg:
        return ""
    shown_record = png or svg
    css_size = _size_attrs(svg) if svg else _size_attrs(
        {"width": png["width"] // 2, "height": png["height"] // 2} if png.get("width") else None)
    image = (f'<img src="{url(shown_record["path"])}"{css_size} alt="{esc(alt)}" loading="lazy" '
             'decoding="async">')
    links = " · ".join(f'<a href="{url(r["path"])}">{kind.upper()}</a>'
                       for kind, r in (("png", png), ("svg", svg)) if r)
    markdown = f"![{markdown_text(alt)}]({markdown_url((svg or png)['path'])})"
    return (f'<section class="item figure" id="figure-{esc(name)}"><h3>{esc(title)}</h3>'
            f'<div class="media">{image}</div><p class="links">{links}</p>'
            f"{_snippets(f'figure-{name}', image, markdown)}</section>")


def _lecture_section(lecture: dict[str, Any]) -> str:
    if not lecture or not lecture.get("path"):
        return ""
    mp4 = {**lecture, "path": lecture["path"]}
    vtt = {"path": lecture["vtt"]} if lecture.get("vtt") else None
    chapters = {"path": lecture["chapters_vtt"]} if lecture.get("chapters_vtt") else None
    video = _captioned_video(mp4, vtt, "The whole lesson as one lecture video", chapters=chapters)
    items = "".join(
        f'<li><span class="time">{clock(float(c.get("start", 0)))}</span> {esc(c.get("title", ""))}</li>'
        for c in lecture.get("chapters", [])
    )
    return (f'<section class="item lecture" id="lecture"><h2>The whole lesson</h2>'
            f'<div class="media">{video}</div>'
            + (f'<ol class="chapters">{items}</ol>' if items else "")
            + _snippets("lecture", video, f"[The whole lesson]({markdown_url(lecture['path'])})")
            + transcript.html_block(lecture.get("transcript_lines") or [], markdown_url(lecture["path"]))
            + "</section>")


# ---------------------------------------------------------------- the page

_CSS = f"""
:root {{ color-scheme: dark; }}
* {{ box-sizing: border-box; }}
body {{ margin: 0; background: {style.BACKGROUND}; color: {style.FOREGROUND};
  font-family: "{style.FONT}", system-ui, sans-serif; line-height: 1.5; }}
main {{ max-width: 60rem; margin: 0 auto; padding: 1.5rem 1rem 4rem; }}
h1 {{ margin: 0 0 .25rem; font-size: 1.8rem; }}
h2 {{ margin: 0; font-size: 1.35rem; }}
h3 {{ margin: 0 0 .5rem; font-size: 1.1rem; }}
a {{ color: {style.SKY_BLUE}; }}
.weight, .step, .links, .note {{ color: {style.MUTED}; margin: .25rem 0 .75rem; }}
.item {{ background: {style.PANEL}; border: 1px solid {style.GRID}; border-radius: 8px;
  padding: 1rem; margin: 1.25rem 0; }}
.media img, .media video {{ display: block; max-width: 100%; height: auto; border-radius: 4px;
  background: #000; }}
details.video {{ margin-top: .75rem; }}
summary {{ cursor: pointer; color: {style.SKY_BLUE}; }}
.snippets {{ display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: .5rem;
  margin-top: .75rem; }}
.snippet {{ min-width: 0; }}
.snippet-head {{ display: flex; justify-content: space-between; align-items: center;
  font-size: .85rem; color: {style.MUTED}; }}
pre {{ margin: .25rem 0 0; padding: .5rem; background: {style.BACKGROUND}; border: 1px solid {style.GRID};
  border-radius: 4px; overflow-x: auto; font-size: .8rem; white-space: pre-wrap; word-break: break-all; }}
button.copy {{ background: {style.GRID}; color: {style.FOREGROUND}; border: 0; border-radius: 4px;
  padding: .15rem .6rem; cursor: pointer; }}
.missing {{ color: {style.VERMILLION}; }}
.chapters {{ color: {style.MUTED}; }}
.time {{ font-variant-numeric: tabular-nums; color: {style.FOREGROUND}; }}
nav ol {{ columns: 2; color: {style.MUTED}; }}
[data-anim-toggle], [data-anim-all] {{ background: {style.BACKGROUND}; color: {style.FOREGROUND}; }}
.controls {{ margin: .5rem 0; }}
"""

_SCRIPT = """
document.addEventListener("click", (event) => {
  const button = event.target.closest("button.copy");
  if (!button) return;
  const code = document.getElementById(button.dataset.target);
  const done = () => {
    button.textContent = "Copied";
    setTimeout(() => { button.textContent = "Copy"; }, 1500);
  };
  const select = () => {
    const range = document.createRange();
    range.selectNodeContents(code);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(code.textContent).then(done, select);
  } else {
    select();
  }
});
"""


def _motion_snippet() -> str:
    """The controls' style and script, once per page, for authors who embed the animations."""
    return ('<details class="motion"><summary>Pause buttons for an embedding page (paste once)</summary>'
            + _snippets("motion", motion.script_snippet(), "") + "</details>")


def _contents(scenes: Iterable[dict[str, Any]], figures: Iterable[dict[str, Any]]) -> str:
    links = [f'<li><a href="#scene-{esc(s.get("slug", ""))}">{esc(s.get("title", ""))}</a></li>'
             for s in scenes]
    links += [f'<li><a href="#figure-{esc(f.get("name", ""))}">{esc(f.get("title", ""))}</a></li>'
              for f in figures]
    return f'<nav aria-label="Contents"><ol>{"".join(links)}</ol></nav>' if links else ""


def render_page(manifest: dict[str, Any]) -> str:
    """The whole page as text (no I/O, so tests can read it directly)."""
    scenes = _ordered(manifest.get("scenes", {}))
    figures = _ordered(manifest.get("figures", {}))
    body = [
        f"<header><h1>{esc(PAGE_TITLE)}</h1>",
        f'<p class="weight" id="page-weight">{esc(weight_line(manifest))}</p>',
        f'<p class="note">{esc(manifest.get("generator", "la-render"))} · embed snippets use paths '
        "relative to this folder.</p>",
        f'<div class="controls">{motion.pause_all_button()}</div>',
        _motion_snippet() if scenes else "",
        "</header>",
        _contents(scenes, figures),
        _lecture_section(manifest.get("lecture") or {}),
        "".join(_scene_section(scene) for scene in scenes),
    ]
    if figures:
        body.append('<h2 id="figures">Figures</h2>' + "".join(_figure_section(f) for f in figures))
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<link rel="icon" href="data:,">'
        f"<title>{esc(PAGE_TITLE)}</title><style>{_CSS}{motion.CSS}</style></head>"
        f"<body><main>{''.join(body)}</main><script>{_SCRIPT}{motion.SCRIPT}</script></body></html>\n"
    )


def build_page(manifest: dict[str, Any], renders_dir: Path) -> Path:
    """Write renders/index.html atomically (temp file under renders/.tmp/, then os.replace)."""
    renders_dir = Path(renders_dir)
    target = renders_dir / PAGE_NAME
    atomic_write_bytes(target, render_page(manifest).encode("utf-8"), renders_dir / TMP_DIR_NAME)
    return target
