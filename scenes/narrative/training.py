"""Step 4's "training is the search for W" in words: targets, the steps, the falling loss, and the
least-squares W the steps end at, all computed by la_core (`gradient_descent`,
`least_squares_weights`, `divergence_rate`) from the lesson's [vectors] and [training].

Whether the outputs reach their targets is read from the run: with more words than numbers per
word (or words built from the others) no W fits every target, and the words say so.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from la_core import Lesson, TrainingRun, divergence_rate, gradient_descent, least_squares_weights
from la_core.training import ARRIVED
from scenes.narrative import count_word
from scenes.narrative.speech import spoken
from scenes.style import fmt

LOSS_DECIMALS = 3
#: An output within this of its target is drawn and said to be on it (half the last printed digit).
ON_TARGET = 0.005


@dataclass(frozen=True)
class Story:
    names: tuple[str, ...]
    inputs: np.ndarray  # (n, d) the trained words
    targets: np.ndarray  # (n, 2)
    rate: float
    steps: int
    run: TrainingRun
    best: np.ndarray  # lstsq's W
    limit: float  # the rate from which the steps diverge

    @property
    def final(self) -> np.ndarray:
        return self.run.weights[-1]

    @property
    def outputs(self) -> np.ndarray:
        return self.run.outputs(self.inputs, self.steps)

    @property
    def reached(self) -> bool:
        """Does every output end on its target?"""
        return bool(np.max(np.abs(self.outputs - self.targets)) < ON_TARGET)

    @property
    def arrived(self) -> bool:
        """Do the steps end on lstsq's W (to the two decimals it is printed with)?"""
        return self.agree < ARRIVED

    @property
    def agree(self) -> float:
        """The largest difference between the trained W and lstsq's."""
        return float(np.max(np.abs(self.final - self.best)))


def story(lesson: Lesson) -> Story:
    data = lesson.training
    names = data.words(lesson.word_names)
    inputs = np.stack([lesson.words[name] for name in names])
    return Story(names, inputs, data.targets, data.rate, data.steps,
                 gradient_descent(inputs, data.targets, data.rate, data.steps),
                 least_squares_weights(inputs, data.targets), divergence_rate(inputs))


def loss_text(value: float) -> str:
    return fmt(value, LOSS_DECIMALS)


def rate_text(rate: float) -> str:
    """The learning rate as written in the lesson file (0.5, not 0.50)."""
    return f"{rate:g}"


def say_title() -> str:
    return "Here is that search on the lesson's words, one gradient step at a time."


def targets_caption(tale: Story) -> str:
    return (f"Each of {count_word(len(tale.names))} words gets a target: where the layer's "
            "2-D output should land.")


def targets_narration(tale: Story) -> str:
    return spoken("Training starts from examples: for each word, a target, the point in the plane where "
            f"the layer's output should land. Here there are {count_word(len(tale.names))} of them.")


def start_caption(tale: Story) -> str:
    loss = loss_text(tale.run.losses[0])
    return f"W starts at zero: every output sits at the origin, and the loss is {loss}."


def start_narration(tale: Story) -> str:
    return spoken("The weights start at zero, so every word's output sits at the origin. The loss, the mean "
            f"squared distance from each output to its target, is {loss_text(tale.run.losses[0])}.")


def step_caption(tale: Story) -> str:
    return (f"One step: W moves against the gradient of the loss, times the learning rate "
            f"{rate_text(tale.rate)}; the loss falls to {loss_text(tale.run.losses[1])}.")


def steps_caption(tale: Story) -> str:
    return (f"Step after step, {tale.steps} in all, the outputs move toward their targets and the "
            "loss falls.")


def end_caption(tale: Story) -> str:
    loss = loss_text(tale.run.losses[-1])
    if tale.reached:
        return f"After {tale.steps} steps every output is on its target: the loss is {loss}."
    return (f"After {tale.steps} steps the loss stops at {loss}: no W puts every output on its target, "
            "so the steps settle on the best fit.")


def lstsq_caption(tale: Story) -> str:
    if tale.arrived:
        return "numpy's least-squares W, np.linalg.lstsq: the same numbers to two decimals."
    return (f"numpy's least-squares W, np.linalg.lstsq: after {tale.steps} steps W is still "
            f"{fmt(tale.agree)} away; more steps close the gap.")


def lstsq_narration(tale: Story) -> str:
    if tale.arrived:
        return spoken("Now solve the same problem in one line with numpy's least squares. It gives the same "
                      "matrix, to two decimals: starting from zero, the gradient steps find the shortest W "
                      "that fits best. Training really is the search for W.")
    return spoken(f"Now solve the same problem in one line with numpy's least squares. After {tale.steps} "
                  f"steps the trained W is still {fmt(tale.agree)} away from it in its largest entry: with "
                  "these words the search is slow, and more steps would close the gap. Training really "
                  "is the search for W.")


def alt(lesson: Lesson) -> str:
    tale = story(lesson)
    targets = ", ".join(f"{name} to ({fmt(t[0])}, {fmt(t[1])})"
                        for name, t in zip(tale.names, tale.targets, strict=True))
    ending = ("every output lands on its target" if tale.reached
              else f"no W fits every target, and the loss settles at {loss_text(tale.run.losses[-1])}")
    return (f"Training is the search for W: the layer should send {targets}. W starts at zero and "
            f"{tale.steps} gradient steps at learning rate {rate_text(tale.rate)} "
            f"move every output toward its target while the loss falls from "
            f"{loss_text(tale.run.losses[0])} to {loss_text(tale.run.losses[-1])}; {ending}. "
            + ("The trained W equals numpy's least-squares W to two decimals." if tale.arrived else
               f"The trained W is still {fmt(tale.agree)} from numpy's least-squares W."))
