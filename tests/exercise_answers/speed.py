"""Answers for the checks of chapters/practice/06_speed.ipynb (see ``__init__``)."""

import math

import numpy as np

import actlib

CHAPTER = "chapters/practice/06_speed.ipynb"


def _in_place(x):
    x /= 1 + np.abs(x)
    return x


def _limits(x, values):
    """``values`` with ±inf sent to softsign's limits ±1."""
    return np.where(np.isinf(x), np.sign(x), values)


def _scalar_softsign(v):
    return math.copysign(1.0, v) if math.isinf(v) else v / (1 + abs(v))


WRONG = {
    "speed-recall": {
        "np.vectorize is compiled": (("no", 1001, "min"), "whether np.vectorize"),
        "one call per element": (("yes", 1000, "min"), "the number of calls"),
        "the mean of the repeats": (("yes", 1001, "mean"), "the statistic"),
        "the maximum": (("yes", 1001, "max"), "the statistic"),
        "placeholders": ((..., ..., ...), "no answer"),
    },
    "speed-code": {
        "naive x / (1 + |x|): NaN at ±inf": (lambda x: x / (1 + np.abs(x)), "not the limit"),
        "np.vectorize of the scalar loop": (np.vectorize(_scalar_softsign), "np.vectorize"),
        "sign error": (lambda x: _limits(x, -x / (1 + np.abs(x))), "wrong sign"),
        "changes its input in place": (_in_place, "in place"),
        "integer output": (lambda x: _limits(x, x / (1 + np.abs(x))).astype(int), "integers"),
        "a list": (lambda x: _limits(x, x / (1 + np.abs(x))).tolist(), "list"),
        "tanh instead": (np.tanh, "not the exact value"),
        "x / (1 + x²)": (lambda x: _limits(x, x / (1 + x**2)), "not the exact value"),
        "np.nan_to_num sends NaN to 0": (lambda x: np.nan_to_num(_limits(x, x / (1 + np.abs(x)))), "NaN must stay NaN"),
        "np.clip(x, -1, 1)": (lambda x: np.clip(x, -1, 1), "not the exact value"),
        "1 − 1/(1 + |x|) loses digits near 0": (lambda x: np.sign(x) * (1 - 1 / (1 + np.abs(x))), "relative error"),
        "sign(x) / (1 + 1/|x|) divides by 0": (lambda x: np.sign(x) / (1 + 1 / np.abs(x)), "warned"),
        "np.divide(out=...) fails on a 0-d array": (
            lambda x: np.divide(x, 1 + np.abs(x), out=np.sign(x).astype(float), where=np.isfinite(x)), "shape ()"),
    },
    "speed-choose": {
        "np.vectorize in a training loop": (("np.vectorize", "actlib"), "is not the two choices"),
        "a list comprehension": (("list comprehension", "actlib"), "is not the two choices"),
        "the faster naive form": (("ufunc", "naive"), "is not the two choices"),
        "placeholder": (..., "no answer"),
    },
}

RIGHT = {
    "speed-recall": {
        "answers": ("yes", 1001, "min"),
        "other spellings": ("Yes", 1001.0, "minimum"),
    },
    "speed-code": {
        "model solution: np.where for ±inf": lambda x: np.where(np.isinf(x), np.sign(x), x / (1 + np.abs(x))),
        "actlib.softsign": actlib.softsign,
        "errstate around the division": lambda x: _limits(x, x / (1 + np.abs(x))),
    },
    "speed-choose": {
        "tuple": ("ufunc", "actlib"),
        "list, other case": ["UFunc", "ActLib"],
    },
}
