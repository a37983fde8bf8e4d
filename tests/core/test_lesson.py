"""la_core.lesson: the shipped lesson data, immutability, the digest, and every validation error.

Error tests edit a copy of the shipped lesson.toml text, so each checks one mistake in an otherwise
valid file; each message must name the file, the key and the reason.
"""

from __future__ import annotations

import dataclasses
import re
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

import la_core
from la_core import LessonDataError, load_lesson, parse_lesson

DEFAULT_TEXT = resources.files("la_core").joinpath("lesson.toml").read_text(encoding="utf-8")
FILE = "lesson.toml"


def edited(old: str, new: str, text: str = DEFAULT_TEXT) -> str:
    """The lesson text with `old` (which must occur exactly once) replaced by `new`."""
    assert text.count(old) == 1, f"the shipped lesson.toml no longer contains {old!r} exactly once"
    return text.replace(old, new)


def without_section(name: str) -> str:
    """The lesson text with section [name] (header, comments and keys) removed."""
    pattern = re.compile(rf"^\[{re.escape(name)}\]\n.*?(?=^\[|\Z)", re.MULTILINE | re.DOTALL)
    assert pattern.search(DEFAULT_TEXT), f"no [{name}] section in the shipped lesson.toml"
    return pattern.sub("", DEFAULT_TEXT)


def parse_error(text: str) -> LessonDataError:
    with pytest.raises(LessonDataError) as caught:
        parse_lesson(text, FILE)
    return caught.value


# ---------------------------------------------------------------- the shipped lesson


def test_default_lesson_holds_the_lessons_numbers() -> None:
    """Values copied from lesson.md, so a wrong number in lesson.toml fails here."""
    lesson = load_lesson()
    assert isinstance(lesson, la_core.Lesson)
    assert lesson.source == "la_core/lesson.toml"
    assert lesson.word_names == ("king", "queen", "apple")
    np.testing.assert_array_equal(lesson.words["king"], [0.9, 0.8, 0.1, 0.7])
    np.testing.assert_array_equal(lesson.words["queen"], [0.9, 0.2, 0.1, 0.8])
    np.testing.assert_array_equal(lesson.words["apple"], [0.1, 0.1, 0.9, 0.2])
    np.testing.assert_array_equal(lesson.W, [[1, 0, 0, 0], [0, 1, 0, 0]])
    np.testing.assert_array_equal(lesson.V, [[1, 0, 0], [0, 1, 0], [2, 1, 0]])
    np.testing.assert_array_equal(lesson.unreachable, [0, 0, 1])
    assert (lesson.dot_a, lesson.dot_b, lesson.dot_contrast) == ("king", "queen", "apple")
    assert lesson.query_tokens == lesson.key_tokens == ("king", "queen", "apple")
    np.testing.assert_array_equal(lesson.Q, lesson.K)  # K = Q.copy() in the lesson
    assert (lesson.a_shape, lesson.b_shape, lesson.qk_shape) == ((2, 3), (3, 4), (5, 8))
    assert lesson.matrix.shape == lesson.flatten.shape == (2, 2) and lesson.x.shape == (2,)
    assert np.linalg.matrix_rank(lesson.flatten) == 1
    assert np.linalg.matrix_rank(lesson.V) == 2


def test_lesson_seeded_matrices_have_the_lessons_shapes() -> None:
    lesson = load_lesson()
    A, B = lesson.matmul_operands()
    assert A.shape == (2, 3) and B.shape == (3, 4) and (A @ B).shape == (2, 4)
    Q, K = lesson.exercise_qk()
    assert Q.shape == K.shape == (5, 8) and not np.array_equal(Q, K)
    np.testing.assert_array_equal(lesson.matmul_operands()[0], A)  # reproducible


def test_lora_sizes_are_consistent() -> None:
    lesson = load_lesson()
    assert lesson.lora_r <= min(lesson.lora_d, lesson.lora_k)
    assert max(lesson.layer_ranks) <= min(lesson.layer_d, lesson.layer_k)
    B, A = la_core.lora_factors(lesson.lora_d, lesson.lora_k, lesson.lora_r, lesson.lora_seed)
    assert (B @ A).shape == (lesson.lora_d, lesson.lora_k)


def test_lesson_arrays_are_read_only() -> None:
    lesson = load_lesson()
    arrays = [lesson.W, lesson.unreachable, lesson.matrix, lesson.x, lesson.flatten,
              *lesson.words.values(), *lesson.span_vectors.values()]
    for array in arrays:
        with pytest.raises(ValueError, match="read-only"):
            array[0] = 99.0


def test_lesson_is_frozen() -> None:
    lesson = load_lesson()
    with pytest.raises(dataclasses.FrozenInstanceError):
        lesson.seed = 1  # type: ignore[misc]
    with pytest.raises(TypeError):
        lesson.words["pear"] = np.zeros(4)  # type: ignore[index]
    with pytest.raises(TypeError):
        lesson.data["extra"] = {}  # type: ignore[index]


def test_lesson_data_tables_are_immutable_too() -> None:
    lesson = load_lesson()
    before = lesson.digest()
    with pytest.raises(TypeError):
        lesson.data["vectors"]["king"][0] = 5.0  # type: ignore[index]
    assert lesson.digest() == before


# ---------------------------------------------------------------- the digest


def test_digest_is_stable_across_loads_file_names_and_comments() -> None:
    first = load_lesson().digest()
    assert re.fullmatch(r"[0-9a-f]{64}", first)
    assert load_lesson().digest() == first
    assert parse_lesson(DEFAULT_TEXT, "elsewhere.toml").digest() == first
    assert parse_lesson("# a new comment\n" + DEFAULT_TEXT.replace(" = ", "   =   "), FILE).digest() == first


def test_digest_ignores_the_order_of_named_keys() -> None:
    """Keys of [lora] are named fields: listing them in another order changes nothing."""
    reordered = parse_lesson(edited("d = 8\nk = 6\n", "k = 6\nd = 8\n"), FILE)
    assert reordered.digest() == load_lesson().digest()



@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("queen = [0.9, 0.2, 0.1, 0.8]\napple = [0.1, 0.1, 0.9, 0.2]",
         "apple = [0.1, 0.1, 0.9, 0.2]\nqueen = [0.9, 0.2, 0.1, 0.8]"),
        ("v1 = [1, 0, 0]\nv2 = [0, 1, 0]", "v2 = [0, 1, 0]\nv1 = [1, 0, 0]"),
    ],
    ids=["words", "v1 v2"],
)
def test_digest_changes_when_an_ordered_section_is_reordered(old: str, new: str) -> None:
    """Order matters there: word_matrix and V stack their rows in file order."""
    original, swapped = load_lesson(), parse_lesson(edited(old, new), FILE)
    assert swapped.word_names != original.word_names or not np.array_equal(swapped.V, original.V)
    assert swapped.digest() != original.digest()


def test_digest_changes_when_a_number_changes() -> None:
    changed = parse_lesson(edited("king  = [0.9, 0.8", "king  = [0.91, 0.8"), FILE)
    assert changed.digest() != load_lesson().digest()
    assert changed.digest(("vectors",)) != load_lesson().digest(("vectors",))


def test_section_digest_ignores_other_sections() -> None:
    changed = parse_lesson(edited("layer_d = 4096", "layer_d = 2048"), FILE)
    assert changed.digest(("vectors",)) == load_lesson().digest(("vectors",))
    assert changed.digest(("lora",)) != load_lesson().digest(("lora",))


# ---------------------------------------------------------------- validation errors


FINITE = "expected a finite number, got"
WORD = "expected the name of a word vector (king, queen, apple), got"
CASES = [
    # (id, old text, new text, key the message must name, reason it must give)
    ("missing key", 'contrast = "apple"\n', "", "[dot_product].contrast", "missing key"),
    ("non-number", "king  = [0.9, 0.8,", 'king  = [0.9, "0.8",', "[vectors].king[1]", "expected a number"),
    ("boolean", "seed = 0\na_shape", "seed = true\na_shape", "[random].seed", "expected a whole number"),
    ("nan", "queen = [0.9, 0.2,", "queen = [0.9, nan,", "[vectors].queen[1]", f"{FINITE} nan"),
    ("inf", "W = [[1.0, 0.0,", "W = [[inf, 0.0,", "[projection].W[0][0]", f"{FINITE} inf"),
    ("-inf", "x = [1.0, 1.5]", "x = [1.0, -inf]", "[transform].x[1]", f"{FINITE} -inf"),
    ("ragged", "[0.5, 1.0]]\nx", "[0.5]]\nx", "[transform].matrix",
     "ragged matrix: rows have lengths [2, 1]"),
    ("short word", "apple = [0.1, 0.1, 0.9, 0.2]", "apple = [0.1, 0.1, 0.9]", "[vectors].apple",
     "expected 4 numbers like the other word vectors, got 3"),
    ("long v", "v2 = [0, 1, 0]", "v2 = [0, 1, 0, 0]", "[independence].v2",
     "expected 3 numbers like the other vectors of [independence], got 4"),
    ("W columns", "W = [[1.0, 0.0, 0.0, 0.0],\n     [0.0, 1.0, 0.0, 0.0]]",
     "W = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]",
     "[projection].W", "expected 4 columns to match the 4-D word vectors, got 3"),
    ("not square", "flatten = [[1.0, 0.5],\n           [0.5, 0.25]]", "flatten = [[1.0, 0.5, 0.0]]",
     "[transform].flatten", "expected a 2×2 matrix, got 1×3"),
    ("unknown key", "layer_d = 4096", "layer_d = 4096\nlayer_dd = 1", "[lora].layer_dd", "unknown key"),
    ("unknown word a", 'a = "king"', 'a = "kng"', "[dot_product].a", f"{WORD} 'kng'"),
    ("unknown word query", 'queries = ["king", "queen", "apple"]', 'queries = ["king", "quen", "apple"]',
     "[attention].queries[1]", f"{WORD} 'quen'"),
    ("unknown word key", 'keys = ["king", "queen", "apple"]', 'keys = ["king", "queen", "pear"]',
     "[attention].keys[2]", f"{WORD} 'pear'"),
    ("shapes", "b_shape = [3, 4]", "b_shape = [4, 4]", "[random].b_shape", "inner dimensions 3 and 4 differ"),
    ("negative seed", "seed = 0\na_shape", "seed = -1\na_shape", "[random].seed",
     "expected a whole number >= 0"),
    ("lora rank", "r = 2\n", "r = 7\n", "[lora].r", "expected r <= min(d, k) = 6, got 7"),
    ("layer ranks", "128]", "8192]", "[lora].layer_ranks", "ranks must be <= min(layer_d, layer_k) = 4096"),
    ("empty vector", "unreachable = [0, 0, 1]", "unreachable = []", "[independence].unreachable",
     "expected a non-empty list of numbers"),
]


@pytest.mark.parametrize(("old", "new", "key", "reason"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_value_names_file_key_and_reason(old: str, new: str, key: str, reason: str) -> None:
    error = parse_error(edited(old, new))
    assert (error.file, error.key) == (FILE, key)
    assert reason in error.reason
    assert str(error).startswith(f"{FILE}: {key}: ")
    assert reason in str(error)


def test_a_wrong_length_word_vector_gives_the_documented_message_for_the_last_word() -> None:
    error = parse_error(edited("apple = [0.1, 0.1, 0.9, 0.2]", "apple = [0.1, 0.1, 0.9]"))
    assert str(error) == "lesson.toml: [vectors].apple: expected 4 numbers like the other word vectors, got 3"


def test_a_short_first_word_vector_is_the_one_blamed() -> None:
    error = parse_error(edited("king  = [0.9, 0.8, 0.1, 0.7]", "king  = [0.9, 0.8, 0.1]"))
    assert str(error) == "lesson.toml: [vectors].king: expected 4 numbers like the other word vectors, got 3"


def test_a_typo_in_a_key_is_not_ignored() -> None:
    """`contrat` for `contrast`: the section is refused and the message names it."""
    error = parse_error(edited('contrast = "apple"', 'contrat = "apple"'))
    assert error.key.startswith("[dot_product].")
    assert "contrast" in str(error) or "contrat" in str(error)


def test_a_missing_section_is_named() -> None:
    error = parse_error(without_section("lora"))
    assert str(error) == "lesson.toml: [lora]: missing section"


def test_an_unknown_section_is_named() -> None:
    error = parse_error(DEFAULT_TEXT + "\n[extras]\nanswer = 42\n")
    assert error.key == "[extras]"
    assert "unknown section" in error.reason and "vectors" in error.reason


def test_a_section_that_is_not_a_table_is_refused() -> None:
    error = parse_error(without_section("lora").replace("[vectors]", 'lora = "cheap"\n\n[vectors]', 1))
    assert error.key == "[lora]" and "expected a table" in error.reason


def test_non_toml_text_is_refused() -> None:
    error = parse_error("king = [0.9, 0.8\nthis is not toml\n")
    assert str(error).startswith(f"{FILE}: not valid TOML")


# ---------------------------------------------------------------- files on disk


def test_an_edited_copy_on_disk_loads_and_names_its_path(tmp_path: Path) -> None:
    path = tmp_path / "my_lesson.toml"
    path.write_text(edited("king  = [0.9, 0.8", "king  = [0.5, 0.8"), encoding="utf-8")
    lesson = load_lesson(path)
    assert lesson.source == str(path)
    assert lesson.words["king"][0] == 0.5
    assert load_lesson(str(path)).words["king"][0] == 0.5


def test_a_bad_file_on_disk_names_its_path_key_and_reason(tmp_path: Path) -> None:
    path = tmp_path / "lesson.toml"
    path.write_text(edited("king  = [0.9, 0.8", "king  = [0.9, nan"), encoding="utf-8")
    with pytest.raises(LessonDataError) as caught:
        load_lesson(path)
    assert str(caught.value) == f"{path}: [vectors].king[1]: expected a finite number, got nan"


@pytest.mark.parametrize(
    ("write", "reason"),
    [
        (lambda p: p.write_text("[vectors\nking = 1\n", encoding="utf-8"), "not valid TOML"),
        (lambda p: p.write_bytes(b"\xff\xfe\x00k\x00i\x00n\x00g"), "not a UTF-8 text file"),
        (lambda p: None, "file not found"),
        (lambda p: p.mkdir(), "is a directory"),
    ],
    ids=["not toml", "binary", "missing", "directory"],
)
def test_unusable_files_are_named_with_the_reason(tmp_path: Path, write: object, reason: str) -> None:
    path = tmp_path / "lesson.toml"
    write(path)  # type: ignore[operator]
    with pytest.raises(LessonDataError) as caught:
        load_lesson(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert reason in str(caught.value)
    assert isinstance(caught.value, ValueError)
