"""Answers for the checks of chapters/practice/05_capstone.ipynb (see ``__init__``)."""

import numpy as np

CHAPTER = "chapters/practice/05_capstone.ipynb"


def _in_place(y):
    y[y < 0] = 0.0
    y[y > 1] = 1.0
    return 0.0


def _clip(y):
    return float(np.mean((y - np.clip(y, 0, 1)) ** 2))


WRONG = {
    "capstone-recall": {
        "sigmoid output for regression": (("sigmoid", "mse", "softmax"), "is not the output activation of the diabetes"),
        "relu output for regression": (("relu", "mse", "softmax"), "is not the output activation of the diabetes"),
        "cross-entropy for regression": (("identity", "cross-entropy", "softmax"), "is not the loss"),
        "sigmoid for ten classes": (("identity", "mse", "sigmoid"), "is not the output activation of the digits"),
        "placeholders": ((..., ..., ...), "no answer"),
    },
    "capstone-floor": {
        "predicts 0 everywhere: mean(y**2)": (lambda y: float(np.mean(y**2)), "not the lowest mean squared error"),
        "only the targets below 0": (lambda y: float(np.mean(np.minimum(y, 0) ** 2)), "not the lowest mean squared error"),
        "only the targets above 1": (lambda y: float(np.mean(np.maximum(y - 1, 0) ** 2)), "not the lowest mean squared error"),
        "a sum, not a mean": (lambda y: float(np.sum((y - np.clip(y, 0, 1)) ** 2)), "not the lowest mean squared error"),
        "the root of it (RMSE)": (lambda y: float(np.sqrt(np.mean((y - np.clip(y, 0, 1)) ** 2))), "not the lowest mean squared error"),
        "tanh's range (-1, 1)": (lambda y: float(np.mean((y - np.clip(y, -1, 1)) ** 2)), "not the lowest mean squared error"),
        "the mean over the misses only": (lambda y: float(np.mean(((y - np.clip(y, 0, 1)) ** 2)[(y < 0) | (y > 1)])) if np.any((y < 0) | (y > 1)) else 0.0,
                                          "not the lowest mean squared error"),
        "absolute misses": (lambda y: float(np.mean(np.abs(y - np.clip(y, 0, 1)))), "not the lowest mean squared error"),
        "changes y in place": (_in_place, "in place"),
        "the squared misses, not their mean": (lambda y: (y - np.clip(y, 0, 1)) ** 2, "not one number"),
        "a list": (lambda y: [_clip(y)], "not one number"),
        "no return": (lambda y: None, "returned None"),
        "the value, not the function": (0.5, "not a function"),
    },
    "capstone-predict": {
        "step stays at chance": (("no", "no"), "binary_step"),
        "the hidden weights learn": (("yes", "yes"), "hidden weights"),
        "placeholders": ((..., ...), "no answer"),
    },
    "capstone-choose": {
        "sigmoid for an unbounded target": (("sigmoid", "b"), "is not the two choices"),
        "relu for an unbounded target": (("relu", "b"), "is not the two choices"),
        "the higher mean inside the noise": (("identity", "a"), "is not the two choices"),
        "one answer": ("identity", "is not the two choices"),
        "placeholder": (..., "no answer"),
    },
}

RIGHT = {
    "capstone-recall": {
        "names": ("identity", "mse", "softmax"),
        "other spellings": ("Linear", "Mean squared error", "SOFTMAX"),
    },
    "capstone-floor": {
        "model solution: clip": _clip,
        "minimum and maximum": lambda y: float(np.mean(np.minimum(y, 0) ** 2 + np.maximum(y - 1, 0) ** 2)),
        "np.where, a numpy float": lambda y: np.mean(np.where(y < 0, y, np.where(y > 1, y - 1, 0.0)) ** 2),
        "a 0-d array": lambda y: np.asarray(np.mean((y - np.clip(y, 0, 1)) ** 2)),
    },
    "capstone-predict": {
        "yes, no": ("yes", "no"),
        "other case": ("Yes", "NO"),
    },
    "capstone-choose": {
        "tuple": ("identity", "b"),
        "list, other spelling": ["Linear", "B"],
    },
}
