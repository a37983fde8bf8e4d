"""The narration script, caption cutting, the speech cache, and what a voice change re-renders."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from la_render.narration import voices
from la_render.narration.narrator import caption_lines, split_caption
from tests.narration import scenes
from tests.pipeline.fakes import DEFAULT_LESSON

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz,.:;", min_size=1, max_size=14)


@settings(max_examples=200, deadline=None)
@given(st.lists(WORD, min_size=1, max_size=60))
def test_caption_cues_keep_every_word_within_two_lines_of_42(words) -> None:
    text = " ".join(words)
    chunks = split_caption(text)
    assert " ".join(chunks).split() == text.split()  # nothing lost, nothing reordered
    for chunk in chunks:
        lines = caption_lines(chunk).split("\n")
        assert len(lines) <= 2 and all(len(line) <= 42 for line in lines), lines


def test_a_short_caption_is_one_balanced_cue() -> None:
    assert split_caption("Matrix times matrix: many dot products at once.") == [
        "Matrix times matrix: many dot products at once."]
    assert caption_lines("Matrix times matrix: many dot products at once.") == (
        "Matrix times matrix: many\ndot products at once.")


def test_the_speech_cache_keys_on_text_and_voice(tmp_path) -> None:
    cache = voices.SpeechCache(tmp_path)
    espeak, flite = voices.engine("espeak-ng"), voices.engine("flite")
    assert len({cache.key(espeak, "one"), cache.key(espeak, "two"), cache.key(flite, "one")}) == 3
    first = cache.speak(espeak, "The same words.")
    (path,) = tmp_path.glob("*.f32")
    stamp = path.stat().st_mtime_ns
    again = cache.speak(espeak, "The same words.")
    assert path.stat().st_mtime_ns == stamp  # read, not synthesised again
    assert first.samples.tobytes() == again.samples.tobytes()
    assert first.samples.dtype == "<f4" and 0.5 < first.seconds < 3.0


@pytest.mark.render
def test_script_lists_stable_cue_ids_with_texts_from_the_data(talk, tmp_path) -> None:
    code, text = talk.run("script", "--out", str(tmp_path / "script"))
    assert code == 0, text
    index = json.loads((tmp_path / "script" / "script.json").read_text())
    cues = index["scenes"]["talk"]["cues"]
    assert [(c["id"], c["text"]) for c in cues] == [("talk.create.1", "3 words in one square."),
                                                   ("talk.fadein.1", scenes.LONG)]
    assert cues[1]["caption"] == "A circle."
    plain = (tmp_path / "script" / "talk.txt").read_text()
    assert "[talk.fadein.1]\n" + scenes.LONG in plain
    assert [c["id"] for c in index["lecture"]["cues"]] == ["lecture.title.1", "lecture.talk.1"]

    edited = tmp_path / "lesson.toml"  # a fourth word: the text follows the data, the ids stay
    apple = "apple = [0.1, 0.1, 0.9, 0.2]\n"
    edited.write_text(DEFAULT_LESSON.read_text().replace(apple, apple + "pear = [0.2, 0.1, 0.8, 0.3]\n"))
    code, text = talk.run("script", "talk", "--data", str(edited), "--out", str(tmp_path / "again"))
    assert code == 0, text
    again = json.loads((tmp_path / "again" / "script.json").read_text())["scenes"]["talk"]["cues"]
    assert [(c["id"], c["text"]) for c in again] == [("talk.create.1", "4 words in one square."),
                                                    ("talk.fadein.1", scenes.LONG)]


def _statuses(text: str) -> dict[str, str]:
    rows = re.findall(r"│ talk\s+│ (\S+)\s+│ ([a-z ]+?)\s+│", text)
    return dict(rows)


@pytest.mark.render
def test_a_voice_change_re_renders_the_narrated_outputs_only(talk, tmp_path) -> None:
    out = tmp_path / "renders"
    args = ("--format", "mp4,srt,png")
    assert talk.render(out, "--voice", "espeak-ng", *args)[0] == 0
    code, text = talk.render(out, "--voice", "espeak-ng", *args)
    assert code == 0 and set(_statuses(text).values()) == {"up to date"}, text
    code, text = talk.render(out, "--voice", "flite", *args)
    assert code == 0, text
    assert _statuses(text) == {"preview/talk.mp4": "rendered", "preview/talk.md": "rendered",  # + transcript
                               "preview/talk.srt": "rendered", "preview/talk.vtt": "rendered",
                               "preview/talk.png": "up to date"}, text
    code, text = talk.render(out, "--voice", "none", *args)  # silent again: its own key, re-rendered
    assert code == 0 and _statuses(text)["preview/talk.png"] == "up to date"
    manifest = json.loads((out / "manifest.json").read_text())
    assert "narration" not in manifest["scenes"]["talk"]["outputs"]["preview/mp4"]["key_parts"]



@pytest.mark.render
def test_stamp_marks_new_recordings_with_their_words_only(talk, tmp_path) -> None:
    folder = tmp_path / "voice"
    folder.mkdir()
    for ident in ("talk.create.1", "talk.fadein.1"):
        (folder / f"{ident}.wav").write_bytes(b"")  # --stamp reads only the names
    (folder / "talk.fadein.1.txt").write_text("words recorded earlier\n")
    code, text = talk.run("script", "talk", "--out", str(tmp_path / "script"), "--stamp", str(folder))
    assert code == 0, text
    assert (folder / "talk.create.1.txt").read_text() == "3 words in one square.\n"
    assert (folder / "talk.fadein.1.txt").read_text() == "words recorded earlier\n"  # never overwritten
    assert "stamped 1 recording(s)" in text


@pytest.mark.render
def test_clean_keeps_the_script_and_the_speech_cache(talk, tmp_path) -> None:
    out = tmp_path / "renders"
    assert talk.run("script", "talk", "--out", str(out / "script"))[0] == 0
    (out / ".speech").mkdir()
    (out / ".speech" / "cached.f32").write_bytes(b"\0\0\0\0")
    (out / "stray.txt").write_text("not in the manifest")
    code, text = talk.run("clean", "--out", str(out))
    assert code == 0, text
    assert not (out / "stray.txt").exists()  # clean still cleans
    assert (out / "script" / "talk.txt").is_file() and (out / "script" / "script.json").is_file()
    assert (out / ".speech" / "cached.f32").is_file()
