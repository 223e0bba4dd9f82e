"""Answers for the checks of chapters/activations/02_tanh.ipynb (see ``__init__``)."""

import numpy as np
from scipy import special

import actlib

CHAPTER = "chapters/activations/02_tanh.ipynb"


def _stable(x):
    t = np.exp(-2 * np.abs(x))  # <= 1, so nothing overflows
    return 4 * t / (1 + t) ** 2


def _naive(x):
    return 1 - np.tanh(x) ** 2


def _in_place(x):
    np.abs(x, out=x)  # overwrites the caller's array
    t = np.exp(-2 * x)
    return 4 * t / (1 + t) ** 2


def _sech_squared_quietly(x):
    with np.errstate(over="ignore"):  # cosh overflows to inf past 710, and 1/inf**2 = 0 is then exact
        return 1 / np.cosh(x) ** 2


def _bisect():
    """The model answer to tanh-break, on this machine's numpy."""
    lo, hi = 1.0, 40.0
    while (mid := (lo + hi) / 2) not in (lo, hi):
        if _naive(mid) == 0:
            hi = mid
        else:
            lo = mid
    return hi


X_BREAK = _bisect()

WRONG = {
    "tanh-recall": {
        "tanh(0) = 1": ((1, 1, (2, 2, -1)), "is not tanh(0)"),
        "slope of the sigmoid": ((0, 0.25, (2, 2, -1)), "is not tanh′(0)"),
        "c with the wrong sign": ((0, 1, (2, 2, 1)), "is not (a, b, c)"),
        "b with the wrong sign": ((0, 1, (2, -2, -1)), "is not (a, b, c)"),
        "a = 1": ((0, 1, (1, 2, -1)), "is not (a, b, c)"),
        "unscaled input": ((0, 1, (2, 1, -1)), "is not (a, b, c)"),
        "a set, not a tuple": ((0, 1, {2, -1}), "is not (a, b, c)"),
        "a number as text": (("0", 1, (2, 2, -1)), "without quotes"),
        "placeholders": ((..., ..., ...), "no answer"),
    },
    "tanh-stable": {
        "naive 1 - tanh(x)**2": (_naive, "relative error"),
        "naive, 0 for |x| > 15": (lambda x: np.where(np.abs(x) > 15, 0.0, _naive(x)), "relative error"),
        "stable, but 0 for |x| > 15": (lambda x: np.where(np.abs(x) > 15, 0.0, _stable(x)), "exactly 0"),
        "input clipped to [-20, 20]": (lambda x: _stable(np.clip(x, -20, 20)), "clip or cut off"),
        "1/cosh(x)**2 overflows": (lambda x: 1 / np.cosh(x) ** 2, "warned"),
        "4/(e^x + e^-x)**2 overflows": (lambda x: 4 / (np.exp(x) + np.exp(-x)) ** 2, "warned"),
        "sign error tanh**2 - 1": (lambda x: np.tanh(x) ** 2 - 1, "wrong sign"),
        "the sigmoid's derivative": (lambda x: actlib.sigmoid(x) * actlib.sigmoid(-x), "not the exact value"),
        "chain rule once, 2 s(2x)(1 - s(2x))": (lambda x: 2 * actlib.sigmoid(2 * x) * actlib.sigmoid(-2 * x), "not the exact value"),
        "without the absolute value": (lambda x: 4 * np.exp(-2 * x) / (1 + np.exp(-2 * x)) ** 2, "warned"),
        "computed in float32": (lambda x: _stable(np.asarray(x, dtype=np.float32)).astype(float), "relative error"),
        "NaN turned into a number": (lambda x: _stable(np.nan_to_num(x)), "NaN must stay NaN"),
        "changes its input in place": (_in_place, "in place"),
        "np.vectorize": (np.vectorize(lambda v: float(_stable(v))), "np.vectorize"),
        "returns a list": (lambda x: _stable(x).tolist(), "list"),
    },
    "tanh-break": {
        "19.0": (19.0, "not the smallest"),
        "the upper end of the search": (40.0, "not the smallest"),
        "one float too low": (float(np.nextafter(X_BREAK, 0)), "not 0 yet"),
        "too small": (10.0, "not 0 yet"),
        "negative": (-X_BREAK, "not a positive"),
        "infinity": (float("inf"), "not a positive"),
        "as text": (str(X_BREAK), "not one number"),
        "in a list": ([X_BREAK], "not one number"),
        "placeholder": (..., "no x_break"),
    },
}

RIGHT = {
    "tanh-recall": {
        "floats": (0.0, 1.0, (2.0, 2.0, -1.0)),
        "the other identity": (0, 1, (-2, -2, 1)),
        "a list of ints": (0, 1, [2, 2, -1]),
        "numpy array and -0": (-0.0, np.float64(1), np.array([-2.0, -2.0, 1.0])),
    },
    "tanh-stable": {
        "model solution": _stable,
        "4 s(2x) s(-2x) with a stable sigmoid": lambda x: 4 * special.expit(2 * x) * special.expit(-2 * x),
        "1/cosh(x)**2 with overflow silenced": _sech_squared_quietly,
        "actlib.tanh.derivative": actlib.tanh.derivative,
    },
    "tanh-break": {
        "bisection": X_BREAK,
        "numpy float": np.float64(X_BREAK),
    },
}

# Written by the tanh chapter (tanh-choose).
WRONG["tanh-choose"] = {
    "sigmoid for the LSTM candidate": (("sigmoid", "tanh", "relu", "sigmoid"), "is not the four activations"),
    "sigmoid for [-1, 1] pixels": (("tanh", "sigmoid", "relu", "sigmoid"), "is not the four activations"),
    "tanh for deep hidden layers": (("tanh", "tanh", "tanh", "sigmoid"), "is not the four activations"),
    "tanh for a probability": (("tanh", "tanh", "relu", "tanh"), "is not the four activations"),
    "linear output for pixels": (("tanh", "linear", "relu", "sigmoid"), "is not the four activations"),
    "a set": ({"tanh", "relu", "sigmoid"}, "is not the four activations"),
}
RIGHT["tanh-choose"] = {
    "tuple": ("tanh", "tanh", "relu", "sigmoid"),
    "list, other case": ["TANH", "Tanh", "ReLU", "sigmoid"],
}
