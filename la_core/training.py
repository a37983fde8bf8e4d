"""Training is the search for W (Step 4): gradient descent on the squared error of a linear layer.

The layer maps each word x_i to W x_i; the loss is the mean over the words of |W x_i - t_i|^2 for
targets t_i. Its gradient is (2/n) (W X^T - T^T) X, and a step moves W against it by `rate`.
Started from W = 0 every step stays in the span of the words, so the steps end at the shortest
least-squares W: the one numpy.linalg.lstsq returns. The loss is a quadratic bowl whose
steepest curvature is the largest eigenvalue of (2/n) X^T X; a rate of 2 over that or more
overshoots further at every step, and the steps diverge.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from la_core._checks import as_matrix, whole_number
from la_core.errors import LinAlgInputError
from la_core.rank import least_squares

#: W is printed to two decimals beside lstsq's: the steps have arrived when they end this close.
ARRIVED = 0.005

def _data(X: ArrayLike, T: ArrayLike, op: str) -> tuple[np.ndarray, np.ndarray]:
    inputs, targets = as_matrix(X, op, "X"), as_matrix(T, op, "T")
    if inputs.shape[0] != targets.shape[0]:
        raise LinAlgInputError(f"{op}: X has {inputs.shape[0]} rows (inputs), T has {targets.shape[0]} "
                               "(targets): one target per input")
    return inputs, targets


def _weights(W: ArrayLike, X: np.ndarray, T: np.ndarray, op: str) -> np.ndarray:
    weights = as_matrix(W, op, "W")
    if weights.shape != (T.shape[1], X.shape[1]):
        raise LinAlgInputError(f"{op}: W {weights.shape} should be {(T.shape[1], X.shape[1])} "
                               "(outputs × inputs)")
    return weights


def mse_loss(W: ArrayLike, X: ArrayLike, T: ArrayLike) -> float:
    """Mean over the inputs (rows of X) of the squared distance from W x to its target."""
    inputs, targets = _data(X, T, "mse_loss")
    weights = _weights(W, inputs, targets, "mse_loss")
    return float(np.mean(np.sum((inputs @ weights.T - targets) ** 2, axis=1)))


def mse_gradient(W: ArrayLike, X: ArrayLike, T: ArrayLike) -> np.ndarray:
    """d loss / d W = (2/n) (W X^T - T^T) X: which way each entry of W makes the loss grow."""
    inputs, targets = _data(X, T, "mse_gradient")
    weights = _weights(W, inputs, targets, "mse_gradient")
    return 2.0 / inputs.shape[0] * (inputs @ weights.T - targets).T @ inputs


def steepest_curvature(X: ArrayLike) -> float:
    """The largest eigenvalue of (2/n) X^T X: how sharply the loss bowl curves at its steepest."""
    inputs = as_matrix(X, "steepest_curvature", "X")
    return float(np.linalg.eigvalsh(2.0 / inputs.shape[0] * inputs.T @ inputs)[-1])


def divergence_rate(X: ArrayLike) -> float:
    """The learning rate from which gradient descent on these inputs diverges (2 / curvature)."""
    return 2.0 / steepest_curvature(X)


def least_squares_weights(X: ArrayLike, T: ArrayLike) -> np.ndarray:
    """The shortest W minimising the loss, one output row at a time (numpy.linalg.lstsq)."""
    inputs, targets = _data(X, T, "least_squares_weights")
    return np.stack([least_squares(inputs, targets[:, row]) for row in range(targets.shape[1])])


@dataclass(frozen=True)
class TrainingRun:
    """W and the loss before the first step and after every step (index = steps taken)."""

    weights: np.ndarray  # (steps + 1, outputs, inputs)
    losses: np.ndarray  # (steps + 1,)

    def outputs(self, X: ArrayLike, step: int) -> np.ndarray:
        """Every input's output W x after `step` steps, one row per input."""
        return as_matrix(X, "TrainingRun.outputs", "X") @ self.weights[step].T


def gradient_descent(X: ArrayLike, T: ArrayLike, rate: float, steps: int,
                     start: ArrayLike | None = None) -> TrainingRun:
    """`steps` steps W <- W - rate * gradient from `start` (default: W = 0)."""
    inputs, targets = _data(X, T, "gradient_descent")
    steps = whole_number(steps, "gradient_descent", "steps")
    if not (np.isfinite(rate) and rate > 0):
        raise LinAlgInputError(f"gradient_descent: rate must be a positive number, got {rate!r}")
    weights = (np.zeros((targets.shape[1], inputs.shape[1])) if start is None
               else _weights(start, inputs, targets, "gradient_descent").astype(float))
    history, losses = [weights], [mse_loss(weights, inputs, targets)]
    for _ in range(steps):
        weights = weights - rate * mse_gradient(weights, inputs, targets)
        history.append(weights)
        losses.append(mse_loss(weights, inputs, targets))
    return TrainingRun(np.stack(history), np.array(losses))
