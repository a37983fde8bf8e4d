"""Step 4's layer in words: y = W x + b for the lesson's W, bias and word vectors."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from la_core import Lesson, linear_layer, result_shape
from scenes.narrative import listing, vector_text
from scenes.narrative.speech import said, said_all
from scenes.style import fmt


@dataclass(frozen=True)
class Layer:
    """What the layer does: the word carried row by row, and every word's output."""

    name: str  # the word computed row by row (the lesson's y = W @ king: the first word)
    x: np.ndarray
    wx: np.ndarray  # W x, before the bias
    y: np.ndarray  # W x + b
    shape: tuple[int, int]  # W's (outputs, inputs)
    outputs: dict[str, np.ndarray]  # every word's W x + b

    @property
    def has_bias(self) -> bool:
        return bool(np.any(self.y != self.wx))


def layer(lesson: Lesson) -> Layer:
    """la_core's linear_layer applied to the first word and to every word of the lesson."""
    name = lesson.word_names[0]
    x = lesson.words[name]
    outputs = {word: linear_layer(lesson.W, vector, lesson.b) for word, vector in lesson.words.items()}
    (rows,) = result_shape(lesson.W.shape, x.shape)  # (m × k) @ (k) -> (m)
    inputs = lesson.W.shape[1]
    return Layer(name, x, linear_layer(lesson.W, x), outputs[name], (rows, inputs), outputs)


def intro_caption(step: Layer) -> str:
    rows, inputs = step.shape
    return f"A linear layer: y = W x + b. W is {rows}×{inputs}: it takes {inputs}-D vectors to {rows}-D."


def shapes_caption(step: Layer) -> str:
    rows, inputs = step.shape
    return f"The shapes: ({rows}×{inputs})·({inputs}) → ({rows}), one output per row of W."


def row_caption(step: Layer, i: int) -> str:
    """Output i: one row of W dotted with the word (plus that row's bias, when there is one)."""
    if not step.has_bias:
        return f"Row {i + 1} of W dotted with {step.name}: {fmt(float(step.wx[i]))}."
    return (f"Row {i + 1} of W dotted with {step.name} is {fmt(float(step.wx[i]))}; "
            f"plus its bias, y{i + 1} = {fmt(float(step.y[i]))}.")


def bias_caption(step: Layer, b: np.ndarray) -> str:
    if not step.has_bias:
        return "Here b is 0, as in the lesson's code: y = W x."
    return f"Add the bias b = {vector_text(b)}: y = {vector_text(step.y)}."


def every_word_caption(step: Layer) -> str:
    rows, inputs = step.shape
    return f"Every word goes through the same W: {inputs} numbers in, {rows} out."


def alt(lesson: Lesson) -> str:
    step = layer(lesson)
    rows, inputs = step.shape
    bias = (f" plus the bias b = {vector_text(lesson.b)}" if step.has_bias else "")
    return (
        f"The linear layer y = W x + b with a {rows}×{inputs} matrix W: {step.name}'s {inputs} numbers are "
        f"dotted with each row of W{bias}, giving y = {vector_text(step.y)}, shapes ({rows}×{inputs})·"
        f"({inputs}) → ({rows}). Every word, {listing(lesson.word_names)}, is carried from {inputs} numbers "
        f"to a point in the plane; training is the search for W, and the weights are the model."
    )


# ---------------------------------------------------------------- narration (what the voice says)


def say_intro() -> str:
    return "Here it is as an equation: y equals W times x, plus a bias, b."


def say_equation(step: Layer) -> str:
    rows, inputs = step.shape
    return (f"W has {rows} rows and {inputs} columns, so it takes a vector of {inputs} numbers, here "
            f"{step.name}, and gives back {rows} numbers. The bias b adds one number to each output.")


def say_shapes(step: Layer) -> str:
    rows, inputs = step.shape
    return (f"The shapes must line up: {rows} by {inputs}, times a list of {inputs}, gives a list of "
            f"{rows}. One output for each row of W.")


def say_row(step: Layer, i: int) -> str:
    """Output i as a dot product; the first time, why that matters."""
    text = (f"Output {i + 1} is row {i + 1} of W dotted with {step.name}: multiply entry by entry and add, "
            f"and you get {said(float(step.wx[i]))}.")
    if step.has_bias:
        text += f" Add that row's bias, and output {i + 1} is {said(float(step.y[i]))}."
    if i == 0:
        text += " Every output of a layer is one dot product."
    return text


def say_bias(step: Layer, b: np.ndarray) -> str:
    if not step.has_bias:
        return "Here the bias is zero, as in the lesson's code, so y is simply W times x."
    return (f"The bias, {said_all(b)}, shifts the outputs by a fixed amount, whatever the input. So y is "
            f"{said_all(step.y)}.")


def say_every_word(lesson: Lesson, step: Layer) -> str:
    rows, inputs = step.shape
    return (f"Every word goes through the same W: {inputs} numbers in, {rows} out. Here are "
            f"{listing(lesson.word_names)} after the layer, each now a point in the plane.")


def say_training() -> str:
    return ("Nobody writes these numbers by hand. Training adjusts them, a little at a time, until the "
            "layer's outputs are useful.")


def say_model() -> str:
    return ("And that flips how you see models: the matrices are the model. When you download the "
            "weights, you download a stack of transformations like this one.")
