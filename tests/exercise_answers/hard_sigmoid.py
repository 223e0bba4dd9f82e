"""Answers for the checks of chapters/activations/06_hard_sigmoid.ipynb (see ``__init__``)."""

import numpy as np

import actlib

CHAPTER = "chapters/activations/06_hard_sigmoid.ipynb"


def _in_place_hard_sigmoid(x):
    x += 3
    np.clip(x, 0, 6, out=x)
    x /= 6
    return x


def _scalar_hard_sigmoid(x):
    return min(max((x + 3) / 6, 0.0), 1.0)


def _in_place_relu6_derivative(x):
    inside = (x > 0) & (x < 6)
    x[...] = inside
    return x


def _scalar_relu6_derivative(x):
    return 1.0 if 0 < x < 6 else 0.0


WRONG = {
    "hard_sigmoid-recall": {
        "slope 1/4, the sigmoid's": ((0.5, 0.25, 6, 0), "is not the hard sigmoid's slope"),
        "Keras 2's slope 0.2": ((0.5, 0.2, 6, 0), "is not the hard sigmoid's slope"),
        "ReLU6 capped at 1": ((0.5, 1 / 6, 1, 0), "is not the largest output of ReLU6"),
        "hard tanh slope 1 at the kink": ((0.5, 1 / 6, 6, 1), "is not the hard tanh's derivative"),
        "hard tanh slope 1/2 at the kink": ((0.5, 1 / 6, 6, 0.5), "is not the hard tanh's derivative"),
        "hard sigmoid 0 at 0": ((0.0, 1 / 6, 6, 0), "is not the hard sigmoid at 0"),
        "placeholders": ((..., ..., ..., ...), "no answer"),
    },
    "hard_sigmoid-code": {
        "Keras 2's 0.2x + 0.5": (lambda x: np.clip(0.2 * x + 0.5, 0.0, 1.0), "at x = 1"),
        "the sigmoid's slope 1/4": (lambda x: np.clip(0.25 * x + 0.5, 0.0, 1.0), "at x = 1"),
        "not divided by 6 (ReLU6 shifted)": (lambda x: np.clip(x + 3.0, 0.0, 6.0), "at x = 0"),
        "sign error": (lambda x: np.clip((3.0 - x) / 6, 0.0, 1.0), "at x = 1"),
        "np.where drops NaN": (lambda x: np.where(x > -3, np.where(x < 3, (x + 3) / 6, 1.0), 0.0), "NaN must stay NaN"),
        "no clip at the top": (lambda x: np.maximum(x + 3.0, 0.0) / 6, "at x = 3.1"),
        "x/6 + 1/2 cancels beside -3": (lambda x: np.clip(x / 6 + 0.5, 0.0, 1.0), "at x = -3"),
        "integer output": (lambda x: np.clip(x + 3, 0, 6).astype(int) // 6, "integers"),
        "changes its input in place": (_in_place_hard_sigmoid, "in place"),
        "if on an array": (_scalar_hard_sigmoid, "truth value"),
        "np.vectorize": (np.vectorize(_scalar_hard_sigmoid), "np.vectorize"),
    },
    "hard_sigmoid-relu6": {
        "slope 1 at both kinks": (lambda x: ((x >= 0) & (x <= 6)).astype(float), "at the kink"),
        "slope 1 at 0 only": (lambda x: ((x >= 0) & (x < 6)).astype(float), "at the kink"),
        "slope 1 at 6 only": (lambda x: ((x > 0) & (x <= 6)).astype(float), "at the kink"),
        "ReLU's derivative, no cap": (lambda x: (x > 0).astype(float), "at x = 6"),
        "sign error": (lambda x: -((x > 0) & (x < 6)).astype(float), "at x = 1"),
        "upper kink misplaced": (lambda x: ((x > 0) & (x < 6 - 1e-9)).astype(float), "just left of the kink"),
        "boolean output": (lambda x: (x > 0) & (x < 6), "booleans"),
        "integer output": (lambda x: np.where((x > 0) & (x < 6), 1, 0), "integers"),
        "changes its input in place": (_in_place_relu6_derivative, "in place"),
        "and on arrays": (lambda x: 1.0 if (x > 0 and x < 6) else 0.0, "truth value"),
        "np.vectorize": (np.vectorize(_scalar_relu6_derivative), "np.vectorize"),
    },
    "hard_sigmoid-predict": {
        "slope 1 at the kinks": ((0.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.0), "is not the gradient"),
        "all ones": ((1.0,) * 7, "is not the gradient"),
        "tanh's derivative": (tuple(actlib.tanh.derivative(np.array([-2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0]))), "is not the gradient"),
        "the outputs instead": ((-1.0, -1.0, -0.5, 0.0, 0.5, 1.0, 1.0), "is not the gradient"),
        "the count": (3, "is not the gradient"),
        "placeholder": (..., "no answer"),
    },
    "hard_sigmoid-choose": {
        "sigmoid for the gate": (("sigmoid", "relu6", "hard_tanh"), "is not the three choices"),
        "hard tanh for the gate": (("hard_tanh", "relu6", "hard_tanh"), "is not the three choices"),
        "ReLU for int8": (("hard_sigmoid", "relu", "hard_tanh"), "is not the three choices"),
        "ReLU6 to clip to [-1, 1]": (("hard_sigmoid", "relu6", "relu6"), "is not the three choices"),
        "two answers": (("hard_sigmoid", "relu6"), "is not the three choices"),
        "placeholder": (..., "no answer"),
    },
}

RIGHT = {
    "hard_sigmoid-recall": {
        "floats": (0.5, 1 / 6, 6.0, 0.0),
        "six digits, ints": (0.5, 0.166667, 6, 0),
        "numpy, -0": (np.float64(0.5), np.float64(1) / 6, np.int64(6), -0.0),
    },
    "hard_sigmoid-code": {
        "model solution": lambda x: np.clip(np.asarray(x, dtype=float) + 3, 0, 6) / 6,
        "minimum and maximum": lambda x: np.minimum(np.maximum(x + 3.0, 0.0), 6.0) / 6,
        "through actlib.relu6": lambda x: actlib.relu6(x + 3) / 6,
        "actlib.hard_sigmoid": actlib.hard_sigmoid,
    },
    "hard_sigmoid-relu6": {
        "model solution": lambda x: ((np.asarray(x) > 0) & (np.asarray(x) < 6)).astype(float),
        "np.where": lambda x: np.where((x > 0) & (x < 6), 1.0, 0.0),
        "product of steps": lambda x: np.heaviside(x, 0.0) * np.heaviside(6 - x, 0.0),
        "actlib.relu6.derivative": actlib.relu6.derivative,
    },
    "hard_sigmoid-predict": {
        "tuple": (0.0, 0.0, 1.0, 1.0, 1.0, 0.0, 0.0),
        "array": actlib.hard_tanh.vjp(np.array([-2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0]), np.ones(7)),
        "list of ints": [0, 0, 1, 1, 1, 0, 0],
    },
    "hard_sigmoid-choose": {
        "tuple": ("hard_sigmoid", "relu6", "hard_tanh"),
        "list, other case": ["Hard_Sigmoid", "ReLU6", "Hard_Tanh"],
    },
}
