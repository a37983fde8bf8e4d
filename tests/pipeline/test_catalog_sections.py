"""Each scene reads only the lesson sections its catalogue entry names.

The cache keys a scene's data on `Lesson.digest(entry.sections)`; a scene reading a section its
entry leaves out would not re-render when that section is edited. This reads the scene sources
(and the project modules they import) for `lesson.<attribute>` and maps each attribute to the
lesson-file sections it comes from (from the Lesson fields in la_core/lesson/model.py).
"""

from __future__ import annotations

import re

import pytest

from la_render.pipeline import cache
from scenes.catalog import CATALOG

SECTIONS_OF = {
    "words": {"vectors"}, "word_names": {"vectors"}, "word_matrix": {"vectors"},
    "dot_a": {"dot_product"}, "dot_b": {"dot_product"}, "dot_contrast": {"dot_product"},
    "W": {"projection"}, "b": {"projection"},
    "span_vectors": {"independence"}, "unreachable": {"independence"}, "V": {"independence"},
    "matrix": {"transform"}, "x": {"transform"}, "flatten": {"transform"},
    "seed": {"random"}, "a_shape": {"random"}, "b_shape": {"random"}, "qk_shape": {"random"},
    "matmul_operands": {"random"}, "exercise_qk": {"random"},
    "query_tokens": {"attention"}, "key_tokens": {"attention"},
    "Q": {"attention", "vectors"}, "K": {"attention", "vectors"},
    "lora_d": {"lora"}, "lora_k": {"lora"}, "lora_r": {"lora"}, "lora_seed": {"lora"},
    "layer_d": {"lora"}, "layer_k": {"lora"}, "layer_ranks": {"lora"},
    "search_query": {"search"}, "search_documents": {"search"}, "search_k": {"search"},
    "document_matrix": {"search"},
    "situation_matrices": {"conditioning"}, "fit_targets": {"conditioning"}, "nudge_share": {"conditioning"},
    "ridge_alpha": {"conditioning"},
    "embeddings": {"embeddings"}, "training": {"training"}, "exercise1": {"exercise1"},  # issue 18
    "source": set(),  # the file's name, only for naming it in an error: not drawn, not keyed
}
ATTRIBUTE = re.compile(r"\blesson\.([A-Za-z_]\w*)")


def _present(entry) -> bool:
    try:
        cache.module_file(entry.module)
    except ModuleNotFoundError:
        return False
    return True


@pytest.mark.parametrize("entry", CATALOG, ids=lambda entry: entry.slug)
def test_scene_reads_only_the_sections_its_entry_names(entry) -> None:
    if not _present(entry):
        pytest.skip(f"{entry.path} is not written yet")
    used: dict[str, set[str]] = {}
    for path in cache.local_sources(entry.module).values():
        for attribute in ATTRIBUTE.findall(path.read_text(encoding="utf-8")):
            assert attribute in SECTIONS_OF, (
                f"{path.name} reads lesson.{attribute}: map it to its sections here (or, for "
                "lesson.data/digest, the scene needs every section)")
            used[attribute] = SECTIONS_OF[attribute]
    needed = set().union(*used.values()) if used else set()
    missing = needed - set(entry.sections)
    assert not missing, f"{entry.slug} reads {sorted(missing)} (via {sorted(used)}), lists {entry.sections}"


@pytest.mark.parametrize(("edit", "readers"), [
    (("W = [[1.0, 0.0, 0.0, 0.0],", "W = [[0.5, 0.5, 0.0, 0.0],"),
     {"ladder", "linear_layer", "matmul", "model"}),  # matmul's shapes table: W @ a
    (("qk_shape = [5, 8]", "qk_shape = [4, 6]"), {"matmul"}),
    (("k = 2\n", "k = 3\n"), {"vector_search", "embeddings"}),  # embeddings ties back to the documents
    (("almanac = [1.6, 1.5, 1.4, 1.2]", "almanac = [1.6, 1.5, 1.4, 1.3]"), {"vector_search", "embeddings"}),
    (("alpha = 0.01", "alpha = 0.1"), {"conditioning"}),
    (("rate = 0.5", "rate = 0.6"), {"training"}),
    (("brick  = [0.1, 0.1, 0.9]", "brick  = [0.1, 0.2, 0.9]"), {"exercise1"}),
    (("[1.0, 1.0, 2.0001]]", "[1.0, 1.0, 2.00002]]"), {"conditioning"}),
])
def test_an_edit_changes_the_data_key_of_exactly_the_scenes_that_read_it(edit, readers) -> None:
    """Editing [projection] re-renders the scenes that draw W and nothing else (their data digest is
    their cache key's data part); editing exercise 3's shape re-renders matmul only."""
    from la_core import load_lesson, parse_lesson
    from tests.scenes.harness import lesson_text

    old, new = edit
    text = lesson_text()
    assert text.count(old) == 1
    before, after = load_lesson(), parse_lesson(text.replace(old, new), "edited.toml")
    changed = {e.slug for e in CATALOG if before.digest(tuple(e.sections)) != after.digest(tuple(e.sections))}
    assert changed == readers
