"""Answers for the checks of chapters/activations/04_identity.ipynb (see ``__init__``)."""

from functools import reduce

import numpy as np

import actlib

CHAPTER = "chapters/activations/04_identity.ipynb"


def _collapse(weights, biases):
    W, b = weights[0], biases[0]
    for W_next, b_next in zip(weights[1:], biases[1:]):
        W, b = W @ W_next, b @ W_next + b_next
    return W, b


def _collapse_by_zero_input(weights, biases):
    """Read b off as the output for x = 0 and W off column by column, through actlib.nn-style layers."""
    n_in = weights[0].shape[0]
    run = lambda X: reduce(lambda a, wb: a @ wb[0] + wb[1], zip(weights, biases), X)  # noqa: E731
    b = run(np.zeros((1, n_in)))[0]
    return run(np.eye(n_in)) - b, b


def _collapse_with_multi_dot(weights, biases):
    W = np.linalg.multi_dot(weights) if len(weights) > 1 else weights[0]
    b = sum(bl @ (np.linalg.multi_dot(weights[i + 1:]) if len(weights) - i > 2 else (weights[-1] if i + 1 < len(weights) else np.eye(len(bl))))
            for i, bl in enumerate(biases))
    return W, b


def _collapse_in_place(weights, biases):
    for i in range(1, len(weights)):
        biases[i] += biases[i - 1] @ weights[i]
        weights[i] = weights[i - 1] @ weights[i]
    return weights[-1], biases[-1]


def _reversed_order(weights, biases):
    W = reduce(lambda A, B: B @ A, weights)  # W_L ... W_2 W_1: the column-vector habit
    return W, _collapse(weights, biases)[1]


def _in_place_step(x):
    x[x >= 0] = 1
    x[x < 0] = 0
    return x


def _scalar_step(x):
    return 1.0 if x >= 0 else 0.0


WRONG = {
    "identity-recall": {
        "identity slope 0": ((0.0, 0.0, 1), "is not the derivative of the identity"),
        "step slope infinite (the Dirac delta)": ((1.0, np.inf, 1), "is not the derivative of the binary step"),
        "step slope 1": ((1.0, 1.0, 1), "is not the derivative of the binary step"),
        "ten layers are worth ten": ((1.0, 0.0, 10), "is not the number of linear layers"),
        "ten layers are worth two": ((1.0, 0.0, 2), "is not the number of linear layers"),
        "placeholders": ((..., ..., ...), "no answer"),
    },
    "identity-collapse": {
        "product in reverse order": (_reversed_order, "not what the weights"),
        "biases ignored": (lambda ws, bs: (np.linalg.multi_dot(ws) if len(ws) > 1 else ws[0], np.zeros(ws[-1].shape[1])), "the bias is not"),
        "biases summed as they are": (lambda ws, bs: (_collapse(ws, bs)[0], bs[-1] + sum(b.sum() for b in bs[:-1])), "the bias is not"),
        "the last bias only": (lambda ws, bs: (_collapse(ws, bs)[0], bs[-1]), "the bias is not"),
        "the first layer only": (lambda ws, bs: (ws[0], bs[0]), "not what the weights"),
        "W transposed": (lambda ws, bs: (_collapse(ws, bs)[0].T, _collapse(ws, bs)[1]), "not what the weights"),
        "elementwise product of weights": (lambda ws, bs: (reduce(np.multiply, ws), _collapse(ws, bs)[1]), "not what the weights"),
        "changes the weights in place": (_collapse_in_place, "changed the weights"),
        "W only": (lambda ws, bs: _collapse(ws, bs)[0], "not a pair"),
        "nothing returned": (lambda ws, bs: None, "returned None"),
        "the list of weights itself": ([np.eye(2)], "not a function"),
    },
    "identity-step": {
        "step(0) = 0": (lambda x: (x > 0).astype(float), "at the kink"),
        "step(0) = 1/2": (lambda x: np.heaviside(x, 0.5), "at the kink"),
        "sign error": (lambda x: (x <= 0).astype(float), "at x = 1"),
        "np.sign": (lambda x: np.sign(x), "at x = -1"),
        "(x >= 0) sends NaN to 0": (lambda x: (x >= 0).astype(float), "NaN must stay NaN"),
        "np.where(x < 0, 0, 1) sends NaN to 1": (lambda x: np.where(x < 0, 0.0, 1.0), "NaN must stay NaN"),
        "adding 0 * x gives NaN at inf": (lambda x: (x >= 0) + 0.0 * x, "not the limit"),
        "boolean output": (lambda x: x >= 0, "booleans"),
        "integer output": (lambda x: np.heaviside(x, 1).astype(int), "integers"),
        "threshold slightly below 0": (lambda x: np.heaviside(x + 1e-12, 1.0), "just left of the kink"),
        "changes its input in place": (_in_place_step, "in place"),
        "if on an array": (_scalar_step, "truth value"),
        "np.vectorize": (np.vectorize(_scalar_step), "np.vectorize"),
    },
    "identity-predict": {
        "deep is better": (("better", 0.0), "is not the deep linear network's fit"),
        "deep is worse": (("worse", 0.0), "is not the deep linear network's fit"),
        "a huge gradient (delta)": (("same", np.inf), "is not the norm of the first layer's weight gradient"),
        "a gradient of 1": (("same", 1.0), "is not the norm of the first layer's weight gradient"),
        "placeholders": ((..., ...), "no answer"),
    },
    "identity-choose": {
        "ReLU output for a price": (("relu", "relu", "binary_step"), "is not the three choices"),
        "linear hidden layers": (("identity", "identity", "binary_step"), "is not the three choices"),
        "step hidden layers": (("identity", "binary_step", "binary_step"), "is not the three choices"),
        "ReLU for the perceptron": (("identity", "relu", "relu"), "is not the three choices"),
        "two answers": (("identity", "relu"), "is not the three choices"),
        "placeholder": (..., "no answer"),
    },
}

RIGHT = {
    "identity-recall": {
        "floats": (1.0, 0.0, 1.0),
        "ints": (1, 0, 1),
        "numpy and -0": (np.float64(1), -0.0, np.int64(1)),
    },
    "identity-collapse": {
        "model solution": _collapse,
        "output at 0 and at the unit vectors": _collapse_by_zero_input,
        "np.linalg.multi_dot": _collapse_with_multi_dot,
        "returns a list": lambda ws, bs: list(_collapse(ws, bs)),
    },
    "identity-step": {
        "np.heaviside(x, 1)": lambda x: np.heaviside(x, 1.0),
        "np.where with a NaN branch": lambda x: np.where(x >= 0, 1.0, np.where(x < 0, 0.0, np.nan)),
        "copy, then assign": lambda x: np.where(np.isnan(x), x, (np.asarray(x) >= 0).astype(float)),
        "actlib.binary_step": actlib.binary_step,
    },
    "identity-predict": {
        "text and float": ("same", 0.0),
        "other case, int": ("Same", 0),
    },
    "identity-choose": {
        "identity": ("identity", "relu", "binary_step"),
        "linear, other case": ["Linear", "ReLU", "Binary_Step"],
    },
}
