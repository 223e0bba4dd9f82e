"""Answers for the checks of chapters/practice/02_dying_relu.ipynb (see ``__init__``)."""

import numpy as np

import actlib

PREFIX = "dying"  # the labels' short chapter name
CHAPTER = "chapters/practice/02_dying_relu.ipynb"


def _in_place(X, W):
    X -= X.max()  # shifts the learner's data
    return -(X @ W).max(axis=0)


def _loop(X, W):
    out = []
    for j in range(W.shape[1]):
        out.append(-max(float(row @ W[:, j]) for row in X))
    return np.array(out)


WRONG = {
    "dying-recall": {
        "a dead unit's gradient is small, not zero": ((1e-8, 0.01, 0.0), "is not the gradient of a dead unit"),
        "no answer for the gradient": ((..., 0.01, 0.0), "no answer"),
        "Keras's default 0.3": ((0.0, 0.3, 0.0), "is not leaky ReLU's slope"),
        "the slope is 1 below 0": ((0.0, 1.0, 0.0), "is not leaky ReLU's slope"),
        "ELU's slope tends to alpha": ((0.0, 0.01, 1.0), "is not the limit of ELU′"),
        "ELU's slope tends to -1 (its value)": ((0.0, 0.01, -1.0), "is not the limit of ELU′"),
        "placeholders": ((..., ..., ...), "no answer"),
    },
    "dying-threshold": {
        "sign error: +max": (lambda X, W: (X @ W).max(axis=0), "alive on some rows"),
        "-min instead of -max": (lambda X, W: -(X @ W).min(axis=0), "alive on some rows"),
        "-mean": (lambda X, W: -(X @ W).mean(axis=0), "alive on some rows"),
        "a safety margin below the threshold": (lambda X, W: -(X @ W).max(axis=0) - 1.0, "the largest such bias is wanted"),
        "max over units, not rows": (lambda X, W: -(X @ W).max(axis=1), "one bias per unit"),
        "one number for the layer": (lambda X, W: -(X @ W).max(), "one bias per unit"),
        "max |z| kills, but is not the largest": (lambda X, W: -np.abs(X @ W).max(axis=0), "the largest such bias is wanted"),
        "max of the inputs first": (lambda X, W: -(X.max(axis=0) @ W), "your bias for unit"),
        "changes X in place": (_in_place, "in place"),
        "returns None": (lambda X, W: None, "returned None"),
        "text": (lambda X, W: ["-1"] * W.shape[1], "your bias for unit"),
        "the biases themselves, not the function": (np.zeros(3), "not a function"),
    },
    "dying-break": {
        "the first rate that kills any unit": (0.01, "fewer than a quarter"),
        "the rate of the ReLU chapter": (0.1, "fewer than a quarter"),
        "just below": (0.15, "fewer than a quarter"),
        "one step too far": (0.3, "already dead"),
        "the rate that kills everything": (0.5, "already dead"),
        "off the grid": (0.25, "not one of the learning rates"),
        "the number of dead units": (59, "not one of the learning rates"),
        "text": ("0.2", "not one number"),
        "a list": ([0.2], "not one number"),
        "placeholder": (..., "no lr yet"),
    },
    "dying-choose": {
        "leaky ReLU first": (("leaky_relu", "no", "yes"), "is not the three choices"),
        "more epochs": (("more epochs", "no", "yes"), "is not the three choices"),
        "the first layer revives": (("lower learning rate", "yes", "yes"), "is not the three choices"),
        "no layer revives": (("lower learning rate", "no", "no"), "is not the three choices"),
        "swapped": (("lower learning rate", "yes", "no"), "is not the three choices"),
        "two answers": (("lower learning rate", "no"), "is not the three choices"),
        "placeholder": (..., "no answer"),
    },
}

RIGHT = {
    "dying-recall": {
        "floats": (0.0, 0.01, 0.0),
        "ints, -0 and numpy": (0, np.float64(0.01), -0.0),
        "from actlib": (0.0, actlib.leaky_relu.params["alpha"], 0),
    },
    "dying-threshold": {
        "model solution": lambda X, W: -(X @ W).max(axis=0),
        "np.max with axis": lambda X, W: -np.max(X @ W, axis=0),
        "einsum": lambda X, W: -np.einsum("ik,kj->ij", X, W).max(axis=0),
        "a loop over units": _loop,
        "a list": lambda X, W: list(-(X @ W).max(axis=0)),
    },
    "dying-break": {
        "float": 0.2,
        "numpy": np.float64(0.2),
        "from the grid": float(np.array([0.01, 0.02, 0.05, 0.1, 0.15, 0.2])[-1]),
    },
    "dying-choose": {
        "tuple": ("lower learning rate", "no", "yes"),
        "list, other case": ["Lower learning rate", "NO", "Yes"],
    },
}
