"""Answers for the checks of chapters/practice/04_choosing.ipynb (see ``__init__``)."""

import numpy as np

import actlib

CHAPTER = "chapters/practice/04_choosing.ipynb"


def _naive(z, y):
    p = 1 / (1 + np.exp(-z))
    return -y * np.log(p) - (1 - y) * np.log(1 - p)


def _in_place(z, y):
    z *= 1 - 2 * y
    return np.logaddexp(0, z)


def _stable_where(z, y):
    return np.maximum(z, 0) - y * z + np.log1p(np.exp(-np.abs(z)))


WRONG = {
    "choosing-recall": {
        "softmax for two classes": (("softmax", "softmax", "identity"), "two classes"),
        "tanh for two classes": (("tanh", "softmax", "identity"), "two classes"),
        "sigmoid for exclusive classes": (("sigmoid", "sigmoid", "identity"), "exclusive classes"),
        "sigmoid for a regression": (("sigmoid", "softmax", "sigmoid"), "regression"),
        "relu for a regression": (("sigmoid", "softmax", "relu"), "regression"),
        "placeholders": ((..., ..., ...), "no answer"),
    },
    "choosing-bce": {
        "naive: log of the sigmoid": (_naive, "warned"),
        "probabilities clipped to [1e-7, 1 - 1e-7]": (
            lambda z, y: -y * np.log(np.clip(1 / (1 + np.exp(-np.clip(z, -500, 500))), 1e-7, 1 - 1e-7))
            - (1 - y) * np.log(np.clip(1 - 1 / (1 + np.exp(-np.clip(z, -500, 500))), 1e-7, 1 - 1e-7)), "relative error"),
        "softplus(z) - y z loses digits": (lambda z, y: np.logaddexp(0, z) - y * z, "relative error"),
        "sign error: softplus((2y - 1) z)": (lambda z, y: np.logaddexp(0, (2 * y - 1) * z), "z = 0.5"),
        "the mean, not one loss per sample": (lambda z, y: np.mean(np.logaddexp(0, (1 - 2 * y) * z)), "not a float array"),
        "np.exp overflows in a np.where branch": (lambda z, y: np.where(np.abs(z) < 700, np.log1p(np.exp((1 - 2 * y) * z)),
                                                                        np.maximum((1 - 2 * y) * z, 0)), "warned"),
        "a list": (lambda z, y: np.logaddexp(0, (1 - 2 * y) * z).tolist(), "not a float array"),
        "changes z in place": (_in_place, "in place"),
        "np.vectorize": (np.vectorize(lambda z, y: float(np.logaddexp(0, (1 - 2 * y) * z))), "np.vectorize"),
        "the value, not the function": (0.0, "not a function"),
    },
    "choosing-predict": {
        "the sigmoid keeps its gradient": (("no", "no"), "the sigmoid at depth 30"),
        "tanh vanishes too": (("yes", "yes"), "tanh at depth 30"),
        "placeholders": ((..., ...), "no answer"),
    },
    "choosing-choose": {
        "sigmoid hidden layers": (("sigmoid", "sigmoid", "softmax", "identity"), "is not the four choices"),
        "softmax for independent labels": (("relu", "softmax", "softmax", "identity"), "is not the four choices"),
        "sigmoid for exclusive classes": (("relu", "sigmoid", "sigmoid", "identity"), "is not the four choices"),
        "relu for a temperature": (("relu", "sigmoid", "softmax", "relu"), "is not the four choices"),
        "three answers": (("relu", "sigmoid", "softmax"), "is not the four choices"),
        "placeholder": (..., "no answer"),
    },
}

RIGHT = {
    "choosing-recall": {
        "names": ("sigmoid", "softmax", "identity"),
        "other spelling": ("Sigmoid", "SOFTMAX", "linear"),
    },
    "choosing-bce": {
        "model solution: np.logaddexp": lambda z, y: np.logaddexp(0.0, (1 - 2 * y) * z),
        "actlib.softplus": lambda z, y: actlib.softplus((1 - 2 * y) * z),
        "max(z, 0) - y z + log1p(exp(-|z|))": _stable_where,
    },
    "choosing-predict": {
        "yes, no": ("yes", "no"),
        "other case": ("YES", "No"),
    },
    "choosing-choose": {
        "tuple": ("relu", "sigmoid", "softmax", "identity"),
        "list, other spelling": ["ReLU", "Sigmoid", "softmax", "linear"],
    },
}
