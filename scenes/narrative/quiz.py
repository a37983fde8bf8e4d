"""The lesson's questions, asked in the lecture and answered from the lesson's own numbers.

The page asks two questions before the lesson (the pre-lesson check) and five after it (the
post-lesson quiz). Each becomes a card: the question, its choices, a pause to think, then the
answer, which is computed here with la_core from the lesson file (A @ B's shape with
`result_shape`, v1, v2, v3's rank with `matrix_rank`, ...), so an edited lesson gets answers true
of its data. Pure: no manim; the lecture draws the cards and speaks `spoken` then `answer_spoken`.
"""

from __future__ import annotations

from dataclasses import dataclass

from la_core import Lesson, dependency, matrix_rank, norm, result_shape
from scenes.narrative import count_word, listing
from scenes.narrative.lora import lora_counts
from scenes.narrative.pairs import pair
from scenes.narrative.speech import by, said, spoken

LETTERS = "ABCD"


@dataclass(frozen=True)
class Question:
    """One quiz card: what is shown, what is said, and the answer (from the data)."""

    id: str  # "quiz.pre.1", "quiz.post.3": the cue id of the question (the answer adds ".answer")
    prompt: str  # as the card shows it
    choices: tuple[str, ...]
    answer: int  # index into choices
    spoken: str  # the question and its choices, as the voice reads them
    answer_spoken: str  # the answer and why, from the lesson's numbers

    @property
    def answer_id(self) -> str:
        """The answer's cue id: quiz.pre_answer.1 for quiz.pre.1 (<slug>.<beat>.<n>, like every cue)."""
        slug, kind, number = self.id.split(".")
        return f"{slug}.{kind}_answer.{number}"

    @property
    def answer_text(self) -> str:
        return f"{LETTERS[self.answer]}: {self.choices[self.answer]}"


def _question(ident: str, prompt: str, said_prompt: str, choices: tuple[str, ...], answer: int,
              answer_spoken: str) -> Question:
    read = " ".join(f"{LETTERS[n]}: {spoken(choice, sentence=False)}." for n, choice in enumerate(choices))
    return Question(ident, prompt, choices, answer, f"{said_prompt} {read}",
                    f"The answer is {LETTERS[answer]}. {answer_spoken}")


def pre_lesson(lesson: Lesson) -> tuple[Question, ...]:
    """The page's pre-lesson check (2 questions), answered with this lesson's words."""
    name = lesson.word_names[0]
    dim = len(lesson.words[name])
    first = pair(lesson, lesson.dot_a, lesson.dot_b)
    return (
        _question(
            "quiz.pre.1", "A word embedding is best described as…",
            "A word embedding is best described as what?",
            ("a dictionary definition, stored as text", "a list of numbers: a point, or direction, in space",
             "a single number that ranks the word", "the word's position in the vocabulary"), 1,
            f"An embedding is a vector. In this lesson, {name} is a list of {dim} numbers, a point in "
            f"{dim}-dimensional space; a real model uses between 768 and 4096 numbers.",
        ),
        _question(
            "quiz.pre.2", "The dot product of two vectors roughly tells you…",
            "The dot product of two vectors roughly tells you what?",
            ("how much they point the same way", "how far apart their tips are",
             "how many entries they have", "which one is longer"), 0,
            f"It measures how aligned they are. Here, {first.a} and {first.b} have a dot product of "
            f"{said(first.dot)} and a cosine of {said(first.cosine)}, which reads as {first.reading}.",
        ),
    )


def _independence(lesson: Lesson) -> tuple[str, str, int, str]:
    """(the question as shown, as said, the answer's index, why) for the [independence] vectors."""
    names = list(lesson.span_vectors)
    vectors = [lesson.span_vectors[n] for n in names]
    named = list(zip(names, vectors, strict=True))
    shown = ", ".join(f"{n} = [{', '.join(f'{v:g}' for v in vec)}]" for n, vec in named)
    heard = "; ".join(f"{n} is {listing([said(float(v)) for v in vec])}" for n, vec in named)
    rank = matrix_rank(lesson.V)
    count = count_word(len(names))
    prompt = f"{shown}. Are the {count} linearly independent?"
    spoken = f"Take {count} vectors: {heard}. Are the {count} linearly independent?"
    if rank == len(names):
        return prompt, spoken, 0, (f"Yes. Their rank is {rank}: each one adds a direction the others "
                                   "cannot reach.")
    found = dependency(lesson.V)
    why = ""
    if found is not None:
        index, coefficients = found
        others = [n for i, n in enumerate(names) if i != index]
        built = " plus ".join(f"{said(c)} times {n}" for c, n in zip(coefficients, others, strict=True))
        why = f" {names[index]} is {built}, so it adds no new direction."
    return prompt, spoken, 1, f"No.{why} Their rank is {rank}, not {len(names)}."


def post_lesson(lesson: Lesson) -> tuple[Question, ...]:
    """The page's post-lesson quiz (5 questions), answered from this lesson's numbers."""
    (m, k), (_, n) = lesson.a_shape, lesson.b_shape
    rows, columns = result_shape(lesson.a_shape, lesson.b_shape)
    first = pair(lesson, lesson.dot_a, lesson.dot_b)
    length_a, length_b = norm(lesson.words[first.a]), norm(lesson.words[first.b])
    queries, keys = len(lesson.query_tokens), len(lesson.key_tokens)
    prompt, spoken, answer, why = _independence(lesson)
    counts = lora_counts(lesson)
    layer = by(lesson.layer_d, lesson.layer_k)
    saving = (f"only {said(counts.layer_percent)} percent of its weights"
              if counts.layer_factored < counts.layer_full
              else f"{said(counts.layer_percent)} percent of its weights, so at that rank nothing is saved")
    return (
        _question(
            "quiz.post.1", "For A of shape (m × k) and B of shape (k × n), what shape is A @ B?",
            "For A of shape m by k, and B of shape k by n, what shape is A times B?",
            ("(k × k)", "(m × k)", "(m × n)", "(n × m)"), 2,
            f"It is m by n: the inner k's cancel. The lesson's A is {by(m, k)} and its B is {by(k, n)}, so A "
            f"times B is {by(rows, columns)}.",
        ),
        _question(
            "quiz.post.2", "Cosine similarity differs from the raw dot product because it…",
            "Cosine similarity differs from the raw dot product because it does what?",
            ("ignores length, and compares direction only", "is always larger",
             "only works in two dimensions",
             "counts the entries that match"), 0,
            f"It divides the dot product by both lengths. Here, {first.a} and {first.b} have a dot "
            "product of "
            f"{said(first.dot)}; divided by their lengths, {said(length_a)} and {said(length_b)}, that is a "
            f"cosine of {said(first.cosine)}.",
        ),
        _question(
            "quiz.post.3", "In attention, scores = Q @ K.T computes…",
            "In attention, scores equals Q times K transposed. What does it compute?",
            ("the sum of all the token vectors", "the dot product of every query with every key",
             "the softmax of each token", "the rank of Q"), 1,
            f"Every query against every key, in one matrix multiply: with {queries} queries and {keys} keys, "
            f"the score grid is {by(queries, keys)}.",
        ),
        _question("quiz.post.4", prompt, spoken, ("Yes", "No"), answer, why),
        _question(
            "quiz.post.5", "Why can LoRA fine-tune a huge weight matrix with so few parameters?",
            "Why can LoRA fine-tune a huge weight matrix with so few parameters?",
            ("it trains only the biases", "it skips the attention layers",
             "it stores the weights as integers",
             "it learns a low-rank update: two thin factors instead of the whole matrix"), 3,
            f"Because the update has low rank. For a {layer} layer, rank {counts.layer_rank} factors train "
            f"{saving}.",
        ),
    )


def questions(lesson: Lesson) -> tuple[Question, ...]:
    """All seven, in the order the lecture asks them."""
    return pre_lesson(lesson) + post_lesson(lesson)
