"""Cards read as one clean line, the bridges and quiz are in the script, and the cut asks the quiz:
'Quiz' chapters, a visible countdown after each question, the answers in captions and transcript."""

from __future__ import annotations

import subprocess
from types import SimpleNamespace

import numpy as np
import pytest

from la_core import load_lesson
from la_render.lecture.build import build_lecture
from la_render.lecture.cards import frame_states, make_card, still_pieces
from la_render.lecture.quiz import PAUSE_SECONDS, POST_CHAPTER, PRE_CHAPTER, question_lines
from la_render.lecture.text import card_lines, card_texts, parse_captions, quiz_texts, spoken
from scenes.catalog import CATALOG
from scenes.narrative.quiz import post_lesson, pre_lesson
from tests.lecture.test_lecture import CARD_SECONDS, FPS, SCENES, TITLE_SECONDS, make_scene
from tests.page.synthetic import needs_ffmpeg
from tests.scenes.spoken import spoken_problems


def test_every_card_is_one_clean_line_said_as_a_sentence() -> None:
    lines = card_lines(list(CATALOG))
    assert len(lines) == len(CATALOG)
    for entry, line in zip(CATALOG, lines, strict=True):
        assert line in (entry.step, entry.title), line
        assert "?." not in line
    assert len(set(lines)) == len(lines), lines  # no card repeats another
    assert lines[0] == "From a single number to a layer"  # "The concept" is a section's name
    assert "Step 3 — Linear independence: how many directions are real?" in lines
    for ident, text in card_texts(CATALOG, load_lesson()):
        assert ident.startswith("lecture.") and "?." not in text
        assert not spoken_problems(text), (ident, spoken_problems(text))
    said = spoken("Step 3 — Rank: how many directions are real?")
    assert said == "Step 3. Rank: how many directions are real?"
    assert spoken("A linear layer: y = W x + b", "Next.") == "A linear layer: y equals W x plus b. Next."


def test_a_repeated_step_gives_way_to_the_title() -> None:
    entries = [SimpleNamespace(slug="a", step="Step 4 — M", title="First"),
               SimpleNamespace(slug="b", step="Step 4 — M", title="A layer"),
               SimpleNamespace(slug="c", step="Step 5 — N", title="Other")]
    assert card_lines(entries) == ["Step 4 — M", "A layer", "Step 5 — N"]


def test_a_step_named_earlier_or_a_section_gives_way_to_the_title() -> None:
    """A card is read aloud: "Step 1. Vectors are meaning: the table, and Step 2's recommenders"
    after Step 2 is a cross-reference, and "Where each idea shows up — ..." a section's name."""
    entries = [SimpleNamespace(slug="a", step="Step 1 — V", title="Vectors"),
               SimpleNamespace(slug="b", step="Step 2 — D", title="Dots"),
               SimpleNamespace(slug="c", step="Step 1 — V: the table, and Step 2's uses", title="Images"),
               SimpleNamespace(slug="d", step="Where each idea shows up — rank", title="LoRA")]
    assert card_lines(entries) == ["Step 1 — V", "Step 2 — D", "Images", "LoRA"]
    shipped = dict(zip((e.slug for e in CATALOG), card_lines(list(CATALOG)), strict=True))
    assert shipped["embeddings"] == "Images and users are vectors too"
    assert shipped["lora"] == "Low rank: why LoRA is cheap"


def test_the_script_lists_the_quiz_with_quiz_ids() -> None:
    said = dict(quiz_texts(load_lesson()))
    assert list(said)[:2] == ["quiz.intro.1", "quiz.pre.1"]
    assert {f"quiz.pre.{n}" for n in (1, 2)} | {f"quiz.post.{n}" for n in range(1, 6)} <= set(said)
    assert {f"quiz.post_answer.{n}" for n in range(1, 6)} <= set(said)
    for ident, text in said.items():
        assert not spoken_problems(text), (ident, text)


@pytest.fixture(scope="module")
def quizzed(tmp_path_factory):
    if needs_ffmpeg.args[0]:
        pytest.skip("ffmpeg is not installed")
    renders = tmp_path_factory.mktemp("renders")
    scenes = {}
    for order, (slug, step, caption, _) in enumerate(SCENES[:2]):
        outputs = make_scene(renders, slug, "lecture", (160, 90), caption)
        scenes[slug] = {"slug": slug, "title": slug, "step": step, "order": order, "outputs": outputs}
    manifest = {"schema_version": 1, "scenes": scenes}
    entry = build_lecture(manifest, renders, title_seconds=TITLE_SECONDS, card_seconds=CARD_SECONDS,
                          lesson=load_lesson())
    return renders, entry


def test_the_cut_asks_the_quiz_before_and_after_the_lesson(quizzed) -> None:
    renders, entry = quizzed
    titles = [c["title"] for c in entry["chapters"]]
    assert titles[1] == PRE_CHAPTER and titles[-1] == POST_CHAPTER
    assert titles[2:-1] == [step for _, step, _, _ in SCENES[:2]]
    cues = parse_captions((renders / entry["srt"]).read_text(encoding="utf-8"))
    assert (renders / entry["transcript"]).read_text(encoding="utf-8").count("## Quiz") == 2
    text = " ".join(line.replace("\n", " ") for _, line in entry["transcript_lines"])
    lesson = load_lesson()
    for question in (*pre_lesson(lesson), *post_lesson(lesson)):
        assert any(question.prompt.split()[0] in c[2] for c in cues)
        assert question.answer_spoken.split(". ")[1] in text  # the answer's reason, from the data
    pre_start, post_start = entry["chapters"][1]["start"], entry["chapters"][-1]["start"]
    assert post_start > entry["chapters"][-2]["start"] and pre_start < entry["chapters"][2]["start"]


def _gray_frames(movie, *before_input: str, width: int = 160, height: int = 90, frames: int = 0
                 ) -> np.ndarray:
    """The movie's frames in grey (all, or the first `frames` after `before_input`, say a seek)."""
    count = ["-frames:v", str(frames)] if frames else []
    done = subprocess.run(["ffmpeg", "-v", "error", *before_input, "-i", str(movie), *count, "-f", "rawvideo",
                           "-pix_fmt", "gray", "-"], capture_output=True, check=True)
    return np.frombuffer(done.stdout, dtype=np.uint8).reshape(-1, height, width)


def _frame(movie, seconds: float) -> np.ndarray:
    return _gray_frames(movie, "-ss", f"{seconds:.3f}", frames=1)[0]


def test_a_countdown_is_seen_after_each_question(quizzed) -> None:
    """The first question's card: the bottom of the frame is blank while it is read, then shows the
    countdown, whose number changes from one second to the next."""
    renders, entry = quizzed
    movie = renders / entry["path"]
    cues = parse_captions((renders / entry["srt"]).read_text(encoding="utf-8"))
    first = pre_lesson(load_lesson())[0]
    pieces = [c for c in cues if c[2].replace("\n", " ") in first.spoken]
    asked = (pieces[0][0], pieces[-1][1])
    reading, counting, later = (_frame(movie, t) for t in (asked[0] + 0.2, asked[1] + 0.5, asked[1] + 1.5))
    bottom = slice(90 - round(0.16 * 90), 90)  # where the countdown is drawn, below the choices
    assert reading[bottom].max() - reading[bottom].min() < 10  # nothing drawn yet
    assert counting[bottom].max() - counting[bottom].min() > 60  # a number is drawn
    assert np.abs(counting[bottom].astype(int) - later[bottom].astype(int)).max() > 60  # 5 -> 4
    assert asked[1] + PAUSE_SECONDS <= entry["duration"]
    _ = FPS


def test_a_questions_choices_start_at_one_left_edge(tmp_path) -> None:
    """Centred line by line, "B   a list of numbers: ..." started left of "A   a dictionary ...":
    the letters must line up (measured in the drawn card, 640 wide as the page shows it)."""
    if needs_ffmpeg.args[0]:
        pytest.skip("ffmpeg is not installed")
    question = pre_lesson(load_lesson())[0]
    card = tmp_path / "card.mp4"
    make_card(card, question_lines(question), width=640, height=360, fps=25, seconds=1, work=tmp_path)
    frame = _gray_frames(card, width=640, height=360, frames=1)[0].astype(int)
    inked = np.abs(frame - frame[0, 0]) > 40
    rows = np.flatnonzero(inked.any(axis=1))
    bands = np.split(rows, np.flatnonzero(np.diff(rows) > 1) + 1)  # one band of rows per text line
    assert len(bands) == 1 + len(question.choices), len(bands)
    columns = [np.flatnonzero(inked[band].any(axis=0)) for band in bands]
    lefts = [int(inked_columns[0]) for inked_columns in columns]
    widths = [int(inked_columns[-1] - inked_columns[0]) for inked_columns in columns]
    assert max(lefts[1:]) - min(lefts[1:]) <= 2, lefts  # the letters A-D line up
    assert len(set(widths[1:])) > 1  # (the choices differ in width, so centring would not)


def test_a_still_is_encoded_a_second_at_a_time() -> None:
    """2.5 s at 4 fps with a countdown from 0.5 s to 2.0 s: 10 frames, t = 0, 0.25, ... 2.25."""
    states = frame_states(10, 4, (0.5, 2.0))
    assert states == [None, None, 2, 2, 1, 1, 1, 1, None, None]  # ceil(2.0 - t) while above 0
    assert still_pieces(states, 4) == [(None, 2), (2, 2), (1, 4), (None, 2)]
    assert still_pieces([None] * 10, 4) == [(None, 4), (None, 4), (None, 2)]
    assert frame_states(3, 4, None) == [None] * 3


def test_a_card_joined_from_stills_has_every_frame(tmp_path) -> None:
    """A 2.3 s card at 10 fps with a countdown from 0.8 s to 2.0 s: 23 frames, the count drawn only
    in its window, and its number changing at t = 1.0."""
    if needs_ffmpeg.args[0]:
        pytest.skip("ffmpeg is not installed")
    card = tmp_path / "card.mp4"
    lines = [("A question?", 0.08, "#ffffff")]
    make_card(card, lines, width=160, height=90, fps=10, seconds=2.3, work=tmp_path, countdown=(0.8, 2.0))
    frames = _gray_frames(card)
    assert len(frames) == 23
    bottom = slice(int(0.7 * 90), 90)
    spread = [int(f[bottom].max()) - int(f[bottom].min()) for f in frames]
    assert all(s < 10 for s in spread[:8]) and all(s > 60 for s in spread[8:20])
    assert all(s < 10 for s in spread[20:])  # t = 2.0 would say 0: the count is over
    assert np.abs(frames[9].astype(int) - frames[12].astype(int)).max() > 60  # 2 -> 1 at t = 1.0
