"""Answers for the checks of chapters/activations/03_relu.ipynb (see ``__init__``)."""

import numpy as np

import actlib

CHAPTER = "chapters/activations/03_relu.ipynb"


def _in_place_relu(x):
    x[x < 0] = 0
    return x


def _in_place_derivative(x):
    x[x > 0] = 1
    x[x <= 0] = 0
    return x


def _on_a_copy(x):
    y = np.array(x, dtype=float)
    y[y < 0] = 0  # NaN < 0 is False: NaN stays
    return y


def _scalar_relu(x):
    if x > 0:
        return x
    return 0.0


def _scalar_derivative(x):
    if x <= 0:
        return 0.0
    return 1.0


def _relu_output(X, W, b):
    return actlib.relu(X @ W + b)


WRONG = {
    "relu-recall": {
        "ReLU'(0) = 1": ((0.5, 1), "is not ReLU′(0)"),
        "ReLU'(0) = 1/2": ((0.5, 0.5), "is not ReLU′(0)"),
        "a percentage": ((50, 0), "is not the fraction"),
        "a quarter": ((0.25, 0), "is not the fraction"),
        "placeholders": ((..., ...), "no answer"),
    },
    "relu-code:relu": {
        "np.where(x > 0, x, 0) drops NaN": (lambda x: np.where(x > 0, x, 0.0), "NaN must stay NaN"),
        "boolean output": (lambda x: x > 0, "booleans"),
        "integer output": (lambda x: np.maximum(x, 0).astype(int), "integers"),
        "sign error": (lambda x: np.maximum(-x, 0.0), "at x = 1"),
        "np.minimum": (lambda x: np.minimum(x, 0.0), "at x = 1"),
        "np.abs": (lambda x: np.abs(x), "at x = -1"),
        "1/2 (x + |x|) gives NaN at -inf": (lambda x: (x + np.abs(x)) / 2, "not the limit"),
        "x * (x > 0) gives NaN at -inf": (lambda x: x * (x > 0), "not the limit"),
        "changes its input in place": (_in_place_relu, "in place"),
        "if on an array": (_scalar_relu, "truth value"),
        "np.vectorize": (np.vectorize(lambda v: max(v, 0.0)), "np.vectorize"),
        "returns a list": (lambda x: [max(v, 0.0) for v in np.ravel(x)], "list"),
    },
    "relu-code:derivative": {
        "ReLU'(0) = 1": (lambda x: (x >= 0).astype(float), "at the kink"),
        "ReLU'(0) = 1/2": (lambda x: np.heaviside(x, 0.5), "at the kink"),
        "boolean output": (lambda x: x > 0, "booleans"),
        "integer output": (lambda x: np.where(x > 0, 1, 0), "integers"),
        "sign error": (lambda x: (x < 0).astype(float), "at x = 1"),
        "np.sign": (lambda x: np.sign(x), "at x = -1"),
        "threshold above 0": (lambda x: (x > 1e-12).astype(float), "just right of the kink"),
        "changes its input in place": (_in_place_derivative, "in place"),
        "if on an array": (_scalar_derivative, "truth value"),
        "np.vectorize": (np.vectorize(lambda v: 1.0 if v > 0 else 0.0), "np.vectorize"),
    },
    "relu-dead": {
        "hard-coded [1, 4, 6]": (lambda X, W, b: [1, 4, 6], "not the dead units"),
        "a mask, not indices": (lambda X, W, b: np.all(_relu_output(X, W, b) == 0, axis=0), "mask"),
        "over rows, not units": (lambda X, W, b: np.flatnonzero(np.all(_relu_output(X, W, b) == 0, axis=1)).tolist(), "not the dead units"),
        "any instead of all": (lambda X, W, b: np.flatnonzero(np.any(_relu_output(X, W, b) == 0, axis=0)).tolist(), "not the dead units"),
        "a small mean, not all zero": (lambda X, W, b: np.flatnonzero(_relu_output(X, W, b).mean(axis=0) < 0.01).tolist(), "not the dead units"),
        "first row only": (lambda X, W, b: np.flatnonzero(_relu_output(X, W, b)[0] == 0).tolist(), "not the dead units"),
        "reversed order": (lambda X, W, b: np.flatnonzero(np.all(_relu_output(X, W, b) == 0, axis=0))[::-1].tolist(), "not sorted"),
        "float indices": (lambda X, W, b: np.flatnonzero(np.all(_relu_output(X, W, b) == 0, axis=0)).astype(float), "integer"),
        "the count": (lambda X, W, b: int(np.all(_relu_output(X, W, b) == 0, axis=0).sum()), "not a list"),
        "the list itself, not the function": ([1, 4, 6], "not a function"),
    },
}

RIGHT = {
    "relu-recall": {
        "floats": (0.5, 0.0),
        "ints and -0": (1 / 2, -0.0),
        "numpy": (np.float64(0.5), np.int64(0)),
    },
    "relu-code:relu": {
        "model solution": lambda x: np.maximum(np.asarray(x, dtype=float), 0.0),
        "np.maximum with an int 0": lambda x: np.maximum(x, 0),
        "np.where(x < 0, 0, x) keeps NaN": lambda x: np.where(x < 0, 0.0, x),
        "np.clip": lambda x: np.clip(x, 0, None),
        "assign on a copy": _on_a_copy,
        "actlib.relu": actlib.relu,
    },
    "relu-code:derivative": {
        "model solution": lambda x: (np.asarray(x, dtype=float) > 0).astype(float),
        "np.where": lambda x: np.where(x > 0, 1.0, 0.0),
        "np.heaviside(x, 0)": lambda x: np.heaviside(x, 0.0),
        "actlib.relu.derivative": actlib.relu.derivative,
    },
    "relu-dead": {
        "model solution": lambda X, W, b: np.flatnonzero(np.all(_relu_output(X, W, b) == 0, axis=0)).tolist(),
        "an index array": lambda X, W, b: np.where(~(_relu_output(X, W, b) > 0).any(axis=0))[0],
        "pre-activations <= 0": lambda X, W, b: [j for j in range(W.shape[1]) if np.all((X @ W + b)[:, j] <= 0)],
        "a tuple": lambda X, W, b: tuple(np.flatnonzero((_relu_output(X, W, b) == 0).all(axis=0)).tolist()),
    },
}

# Written by the ReLU chapter (relu-choose).
WRONG["relu-choose"] = {
    "Xavier for ReLU": (("xavier", "leaky_relu", "linear"), "is not the three choices"),
    "LeCun for ReLU": (("lecun", "leaky_relu", "linear"), "is not the three choices"),
    "ReLU6 against dying units": (("he", "relu6", "linear"), "is not the three choices"),
    "sigmoid against dying units": (("he", "sigmoid", "linear"), "is not the three choices"),
    "ReLU output for a negative target": (("he", "leaky_relu", "relu"), "is not the three choices"),
    "two answers": (("he", "leaky_relu"), "is not the three choices"),
    "placeholder": (..., "no answer"),
}
RIGHT["relu-choose"] = {
    "tuple": ("he", "leaky_relu", "linear"),
    "list, other case": ["He", "Leaky_ReLU", "LINEAR"],
}
