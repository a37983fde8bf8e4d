"""The gallery page's markup: lesson order, the right element per render, escaping, snippets, weight."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from la_render.page import motion
from la_render.page.build import build_page, human_bytes, render_page
from tests.page.synthetic import EVIL_ALT, EVIL_STEP, EVIL_TITLE, build_renders, needs_ffmpeg


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text of the whole document, as the browser reads it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def find(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())]


def parse(text: str) -> Elements:
    parser = Elements()
    parser.feed(text)
    return parser


@pytest.fixture(scope="module")
def renders(tmp_path_factory) -> tuple[Path, dict]:
    if needs_ffmpeg.args[0]:
        pytest.skip("ffmpeg is not installed")
    root = tmp_path_factory.mktemp("renders")
    return root, build_renders(root)


@pytest.fixture(scope="module")
def page(renders) -> str:
    return render_page(renders[1])


def test_scenes_appear_in_lesson_order(page):
    sections = [a["id"] for a in parse(page).find("section") if a["id"].startswith("scene-")]
    assert sections == ["scene-vectors", "scene-dot_product", "scene-rank"]


def test_gif_in_budget_is_a_lazy_image_with_size_and_alt(page):
    (img,) = parse(page).find("img", src="web/vectors.gif")
    assert img["loading"] == "lazy"
    assert (img["width"], img["height"]) == ("64", "36")
    assert img["alt"] == "Word vectors as arrows."


def _picture_of(doc: Elements, gif: str) -> list[tuple[str, dict]]:
    """The tags of the <picture> whose <img> shows `gif`, from <picture> to that <img>."""
    index = next(i for i, (t, a) in enumerate(doc.tags) if t == "img" and a.get("src") == gif)
    start = max(i for i, (t, _) in enumerate(doc.tags[:index]) if t == "picture")
    return doc.tags[start:index + 1]


def test_animation_is_a_picture_still_for_reduced_motion_then_avif_then_the_gif(page):
    tags = _picture_of(parse(page), "web/vectors.gif")
    assert [t for t, _ in tags] == ["picture", "source", "source", "img"]
    still, avif = tags[1][1], tags[2][1]
    assert (still["srcset"], still["media"]) == ("web/vectors.png", "(prefers-reduced-motion: reduce)")
    assert "data-still" in still
    assert (avif["srcset"], avif["type"]) == ("web/vectors.avif", "image/avif")
    assert "media" not in avif
    # without an AVIF or a poster the picture is just the GIF
    assert [t for t, _ in _picture_of(parse(page), "web/dot_product.gif")] == ["picture", "img"]


def test_every_moving_thing_has_a_labelled_pause_button_and_the_page_a_pause_all(page):
    doc = parse(page)
    toggles = [a for a in doc.find("button") if "data-anim-toggle" in a]
    boxes = [a for a in doc.find("div") if "data-anim" in a]
    assert len(boxes) == len(toggles) == 2  # vectors' picture and rank's looping video
    assert {a["aria-label"] for a in toggles} == {"Pause Vectors are meaning", f"Pause {EVIL_TITLE}"}
    assert all(a["aria-pressed"] == "false" and "hidden" in a and a["type"] == "button" for a in toggles)
    (pause_all,) = [a for a in doc.find("button") if "data-anim-all" in a]
    assert pause_all["aria-pressed"] == "false" and "hidden" in pause_all  # shown by the script
    assert motion.SCRIPT in page


def test_readme_documents_the_paste_once_script_as_it_is():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert motion.script_snippet() in readme


def test_html_snippet_is_the_picture_and_markdown_stays_the_gif(page):
    text = "".join(parse(page).text)
    assert ('<picture><source srcset="web/vectors.png" media="(prefers-reduced-motion: reduce)" data-still>'
            '<source srcset="web/vectors.avif" type="image/avif"><img src="web/vectors.gif" width="64" '
            'height="36" alt="Word vectors as arrows." loading="lazy"') in text
    assert "![Word vectors as arrows.](web/vectors.gif)" in text


def test_gif_over_budget_becomes_a_looping_muted_video_with_poster(page):
    doc = parse(page)
    assert doc.find("img", src="web/rank.gif") == []
    (video,) = [a for a in doc.find("video") if a.get("poster") == "web/rank.png" and "controls" not in a]
    for flag in ("autoplay", "loop", "muted", "playsinline"):
        assert flag in video
    sources = [(t, a) for t, a in doc.tags if t == "source" and a.get("src", "").startswith("web/rank.")]
    assert [a["src"] for _, a in sources][:2] == ["web/rank.webm", "web/rank.mp4"]
    assert [a["type"] for _, a in sources][:2] == ["video/webm", "video/mp4"]


def test_scene_video_prefers_the_lecture_render_and_has_its_captions(page):
    doc = parse(page)
    tags = doc.tags
    index = next(i for i, (t, a) in enumerate(tags)
                 if t == "source" and a.get("src") == "lecture/vectors.mp4")
    video = next(a for t, a in reversed(tags[:index]) if t == "video")
    assert "controls" in video and "autoplay" not in video
    track = tags[index + 1]
    assert track[0] == "track"
    assert track[1]["kind"] == "captions" and track[1]["src"] == "lecture/vectors.vtt"
    assert doc.find("source", src="web/vectors.mp4") == []
    # without a lecture render the web MP4 is shown, with the web captions
    assert doc.find("track", kind="captions", src="web/rank.vtt")


def test_text_from_the_data_is_escaped(page):
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    doc = parse(page)
    assert len(doc.find("script")) == 1, "only the page's own copy-button script"
    assert EVIL_TITLE in "".join(doc.text), "the title reads back exactly as written"
    assert EVIL_STEP in "".join(doc.text)
    alts = [a["alt"] for a in doc.find("img")]
    assert "Arrows & labels" in alts
    labels = [a.get("aria-label") for a in doc.find("video")]
    assert EVIL_ALT in labels


def test_lecture_comes_first_with_captions_chapters_and_escaped_titles(page):
    doc = parse(page)
    ids = [a["id"] for a in doc.find("section")]
    assert ids[0] == "lecture"
    assert doc.find("source", src="lecture/lesson.mp4", type="video/mp4")
    assert doc.find("track", kind="captions", src="lecture/lesson.vtt")
    assert doc.find("track", kind="chapters", src="lecture/chapters.vtt")
    assert "0:01 " + EVIL_STEP in "".join(doc.text)
    assert "Title &lt;card&gt;" in page


def test_every_image_has_alt_text(page):
    images = parse(page).find("img")
    assert images and all(a.get("alt") for a in images)


def test_embed_snippets_in_html_and_markdown(page):
    doc = parse(page)
    text = "".join(doc.text)
    # the HTML snippet is shown as text: it reads back as the tag an author pastes
    assert '<img src="web/vectors.gif" width="64" height="36" alt="Word vectors as arrows."' in text
    assert "![Word vectors as arrows.](web/vectors.gif)" in text
    # Markdown cannot play video: the over-budget animation links its poster to the MP4
    # Markdown passes raw HTML through: data text goes in as entities, brackets backslashed
    escaped_alt = (EVIL_ALT.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                   .replace("[", "\\[").replace("]", "\\]"))
    assert f"[![{escaped_alt}](web/rank.png)](web/rank.mp4)" in text
    assert "![Arrows &amp; labels](figures/pca_map.svg)" in text
    motion_snippet = motion.script_snippet()
    assert text.count(motion_snippet) == 1, "the controls' script is offered once, as text"
    assert "<script>" not in text.replace(EVIL_TITLE, "").replace(EVIL_ALT, "").replace(motion_snippet, "")
    assert len(doc.find("button", **{"class": "copy"})) == len(doc.find("code"))


def test_page_weight_is_the_sum_of_the_embedded_gifs_and_what_a_modern_browser_fetches(renders, page):
    root, _ = renders
    embedded = [root / "web/vectors.gif", root / "web/dot_product.gif"]  # rank.gif is over budget
    total = sum(p.stat().st_size for p in embedded)
    modern = (root / "web/vectors.avif").stat().st_size + (root / "web/dot_product.gif").stat().st_size
    assert parse(page).find("p", id="page-weight")
    assert (f"Page weight: {human_bytes(total)} of GIFs (2 GIFs); a browser that takes AVIF downloads "
            f"{human_bytes(modern)} (1 AVIF, lazily, as they scroll into view); 1 over-budget animation "
            "plays as video.") in page


@pytest.mark.parametrize(("count", "text"), [(0, "0 B"), (999, "999 B"), (1500, "1.5 KB"),
                                             (499_999, "500 KB"), (5_000_000, "5 MB")])
def test_human_bytes(count, text):
    assert human_bytes(count) == text


def test_figures_are_listed_with_their_files(page):
    doc = parse(page)
    (img,) = doc.find("img", src="figures/pca_map.png")
    assert (img["width"], img["height"]) == ("80", "50")
    assert doc.find("a", href="figures/pca_map.svg")
    assert "Word vectors <on> a map" in "".join(doc.text)


def test_build_page_writes_atomically_and_deterministically(renders, tmp_path):
    _, manifest = renders
    first = build_page(manifest, tmp_path).read_bytes()
    second = build_page(manifest, tmp_path).read_bytes()
    assert first == second
    assert first.decode() == render_page(manifest)
    assert list((tmp_path / ".tmp").iterdir()) == []
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == ["index.html"]
    assert (tmp_path / "index.html").stat().st_mode & 0o044 == 0o044, "readable by a web server"


def test_empty_manifest_still_gives_a_page():
    text = render_page({"schema_version": 1, "scenes": {}, "figures": {}})
    assert "Page weight: 0 B of GIFs (0 GIFs)." in text
