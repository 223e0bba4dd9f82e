"""Answers for the checks of chapters/practice/01_vanishing_gradients.ipynb (see ``__init__``)."""

import numpy as np

PREFIX = "vanishing"  # the labels' short chapter name
CHAPTER = "chapters/practice/01_vanishing_gradients.ipynb"


def _in_place(weights, max_slope):
    out = []
    for W in weights:
        W *= max_slope  # scales the learner's copy of the network
        out.append(np.linalg.norm(W, 2))
    return out


WRONG = {
    "vanishing-recall": {
        "sigma'(0) = 1/2": ((0.5, 1.0, 10), "is not the largest value of σ′"),
        "tanh' at most 1/4 too": ((0.25, 0.25, 10), "is not the largest value of tanh′"),
        "tanh' at most 2": ((0.25, 2.0, 10), "is not the largest value of tanh′"),
        "log10(10^6) / log10(4) not rounded up": ((0.25, 1.0, 9.97), "is not the number of sigmoid units"),
        "rounded down": ((0.25, 1.0, 9), "is not the number of sigmoid units"),
        "six layers, one per decade": ((0.25, 1.0, 6), "is not the number of sigmoid units"),
        "twenty, from 1/2 per unit": ((0.25, 1.0, 20), "is not the number of sigmoid units"),
        "placeholders": ((..., ..., ...), "no answer"),
    },
    "vanishing-bound": {
        "Frobenius norm (np.linalg.norm(W))": (lambda ws, s: [s * np.linalg.norm(W) for W in ws], "not max_slope times its spectral norm"),
        "largest absolute entry": (lambda ws, s: [s * np.abs(W).max() for W in ws], "spectral norm"),
        "1-norm (largest column sum)": (lambda ws, s: [s * np.linalg.norm(W, 1) for W in ws], "spectral norm"),
        "inf-norm (largest row sum)": (lambda ws, s: [s * np.linalg.norm(W, np.inf) for W in ws], "spectral norm"),
        "smallest singular value": (lambda ws, s: [s * np.linalg.norm(W, -2) for W in ws], "spectral norm"),
        "spectral norm squared": (lambda ws, s: [s * np.linalg.norm(W, 2) ** 2 for W in ws], "spectral norm"),
        "max_slope forgotten": (lambda ws, s: [np.linalg.norm(W, 2) for W in ws], "spectral norm"),
        "divided by the slope (sign of the exponent)": (lambda ws, s: [np.linalg.norm(W, 2) / s for W in ws], "spectral norm"),
        "largest |eigenvalue|": (lambda ws, s: [s * np.abs(np.linalg.eigvals(W)).max() for W in ws], "spectral norm"),
        "largest eigenvalue of W^T W, no square root": (lambda ws, s: [s * np.linalg.eigvalsh(W.T @ W).max() for W in ws],
                                                         "spectral norm"),
        "product over the layers": (lambda ws, s: np.prod([s * np.linalg.norm(W, 2) for W in ws]), "one bound per weight matrix"),
        "the last layer only": (lambda ws, s: [s * np.linalg.norm(ws[-1], 2)], "one bound per weight matrix"),
        "changes the weights in place": (_in_place, "in place"),
        "returns None": (lambda ws, s: None, "returned None"),
        "text": (lambda ws, s: ["big"] * len(ws), "not numbers"),
        "the list itself, not the function": ([0.25, 1.0], "not a function"),
    },
    "vanishing-explode": {
        "the first gain that grows at all (above 1)": (1.4, "not more than 1000"),
        "above 10 (1.8)": (1.8, "not more than 1000"),
        "gain 2": (2.0, "not more than 1000"),
        "one step too far": (2.8, "already above 1000"),
        "the top of the grid": (3.0, "already above 1000"),
        "off the grid": (2.75, "not on the grid"),
        "the ratio instead of the gain": (1100.0, "not on the grid"),
        "text": ("2.7", "not one number"),
        "a list of gains": ([2.7, 2.8], "not one number"),
        "placeholder": (..., "no gain yet"),
    },
    "vanishing-choose": {
        "sigmoid for depth": (("sigmoid", "smaller weights", "he"), "is not the three choices"),
        "larger weights against explosion": (("tanh", "larger weights", "he"), "is not the three choices"),
        "more layers against explosion": (("tanh", "more layers", "he"), "is not the three choices"),
        "sigmoid against tiny ReLU gradients": (("tanh", "smaller weights", "sigmoid"), "is not the three choices"),
        "more epochs": (("tanh", "smaller weights", "more epochs"), "is not the three choices"),
        "two answers": (("tanh", "smaller weights"), "is not the three choices"),
        "placeholder": (..., "no answer"),
    },
}

RIGHT = {
    "vanishing-recall": {
        "floats": (0.25, 1.0, 10),
        "fractions and numpy": (1 / 4, np.float64(1), np.int64(10)),
        "a float count": (0.25, 1, 10.0),
    },
    "vanishing-bound": {
        "model solution": lambda ws, s: np.array([s * np.linalg.norm(W, 2) for W in ws]),
        "singular values": lambda ws, s: [s * np.linalg.svd(W, compute_uv=False).max() for W in ws],
        "square root of the largest eigenvalue of W^T W": lambda ws, s: tuple(s * np.sqrt(np.linalg.eigvalsh(W.T @ W).max())
                                                                              for W in ws),
        "scipy": lambda ws, s: [s * __import__("scipy.linalg").linalg.norm(W, 2) for W in ws],
    },
    "vanishing-explode": {
        "float": 2.7,
        "from the grid": float(np.linspace(1.0, 3.0, 21)[17]),
        "numpy": np.float64(2.7),
    },
    "vanishing-choose": {
        "tuple": ("tanh", "smaller weights", "he"),
        "list, other case and spaces": ["Tanh", "smaller  weights", "HE"],
    },
}
