"""la_core: the tested numpy core of la-render. Every number a scene or figure shows comes from here.

Imports numpy only (never manim or matplotlib), so it is quick to import and easy to test.
"""

from la_core import attention, lesson, matrices, rank, search, vectors
from la_core.attention import (
    ModelChain,
    attention_scores,
    attention_weights,
    causal_mask,
    model_chain,
    softmax,
    token_ids,
)
from la_core.attention import attention as attend
from la_core.embeddings import image_cosine, recommend, unroll
from la_core.errors import LessonDataError, LinAlgInputError
from la_core.lesson import Lesson, load_lesson, parse_lesson
from la_core.matrices import (
    area_scale,
    basis_images,
    linear_layer,
    loops_difference,
    matmul_loops,
    matmul_steps,
    result_shape,
    seeded_matrices,
    transform,
)
from la_core.rank import (
    condition_number,
    dependency,
    diagnose,
    equally_good_weights,
    is_independent,
    least_squares,
    lora_factors,
    lora_parameter_count,
    low_rank_approx,
    nudged,
    null_space,
    residual,
    ridge_solve,
    singular_values,
    span_basis,
    weakest_direction,
)
from la_core.rank import rank as matrix_rank
from la_core.search import cosine_scores, dot_scores, ranking, won_on_length
from la_core.search import search as vector_search
from la_core.training import (
    TrainingRun,
    divergence_rate,
    gradient_descent,
    least_squares_weights,
    mse_gradient,
    mse_loss,
)
from la_core.uses import DEDUP_THRESHOLD, compression_errors, near_duplicate_groups
from la_core.vectors import (
    READING_BANDS,
    READINGS,
    angle_between,
    cosine_matrix,
    cosine_similarity,
    dot,
    dot_terms,
    norm,
    normalize,
    normalize_rows,
    pca_project,
    plane_coordinates,
    scalar_projection,
    similarity_reading,
    span_coordinates,
    vector_projection,
)

__all__ = [
    "READINGS", "READING_BANDS",
    "Lesson", "LessonDataError", "LinAlgInputError", "ModelChain", "angle_between", "area_scale", "attend",
    "attention", "attention_scores", "attention_weights", "basis_images", "causal_mask",
    "condition_number", "cosine_matrix", "cosine_scores", "cosine_similarity", "dependency",
    "diagnose", "dot", "dot_scores", "dot_terms", "equally_good_weights", "is_independent", "least_squares",
    "lesson", "linear_layer", "load_lesson", "loops_difference", "lora_factors", "lora_parameter_count",
    "low_rank_approx", "matmul_loops", "matmul_steps", "matrices", "matrix_rank", "model_chain", "norm",
    "normalize", "normalize_rows", "nudged", "null_space", "parse_lesson", "pca_project",
    "plane_coordinates", "rank", "ranking", "residual", "result_shape", "ridge_solve",
    "scalar_projection", "search", "seeded_matrices", "similarity_reading", "singular_values",
    "softmax", "span_basis", "span_coordinates", "token_ids", "transform", "vector_projection",
    "vector_search", "vectors", "weakest_direction", "won_on_length",
]
__all__ += [  # issue 18
    "DEDUP_THRESHOLD", "TrainingRun", "compression_errors", "divergence_rate", "gradient_descent",
    "image_cosine", "least_squares_weights", "mse_gradient", "mse_loss", "near_duplicate_groups",
    "recommend", "unroll",
]
