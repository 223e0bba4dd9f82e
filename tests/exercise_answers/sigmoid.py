"""Answers for the checks of chapters/activations/01_sigmoid.ipynb (see ``__init__``)."""

import math
from fractions import Fraction

import numpy as np
from scipy import special

import actlib

CHAPTER = "chapters/activations/01_sigmoid.ipynb"


def _stable(x):
    x = np.asarray(x, dtype=float)
    e = np.exp(-np.abs(x))  # in (0, 1]: never overflows
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def _in_place(x):
    e = np.exp(-np.abs(x))
    x[...] = np.where(x >= 0, 1 / (1 + e), e / (1 + e))  # writes into the caller's array
    return x


def _log_in_place(x):
    t = np.log1p(np.exp(-np.abs(x)))
    np.minimum(x, 0, out=x)  # writes into the caller's array
    return x - t


def _masks_on_a_copy(x):
    x = np.array(x, dtype=float)
    out = np.empty_like(x)
    pos = x >= 0
    out[pos] = 1 / (1 + np.exp(-x[pos]))
    e = np.exp(x[~pos])
    out[~pos] = e / (1 + e)
    return out


def _both_branches(x):
    return np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))  # np.where computes both


WRONG = {
    "sigmoid-recall": {
        "sigma(0) = 1": ((1, 0.25, 0), "is not σ(0)"),
        "sigma'(0) = 0.5": ((0.5, 0.5, 0), "is not σ′(0)"),
        "slope at infinity = 1": ((0.5, 0.25, 1), "is not the limit"),
        "sigma'(100) instead of the limit": ((0.5, 0.25, 3.7e-44), "is not the limit"),
        "a number as text": (("0.5", 0.25, 0), "without quotes"),
        "placeholders": ((..., ..., ...), "no answer"),
    },
    "sigmoid-stable": {
        "naive 1/(1+exp(-x))": (actlib.numerics.naive.sigmoid, "warned"),
        "step function (x >= 0)": (lambda x: (x >= 0).astype(float), "at x = 0"),
        "sign error 1/(1+exp(x))": (lambda x: 1 / (1 + np.exp(np.clip(x, -700, 700))), "at x = 1"),
        "np.where computes both branches": (_both_branches, "warned"),
        "input clipped to [-30, 30]": (lambda x: _stable(np.clip(x, -30, 30)), "clip or cut off"),
        "tail truncated to 0 below -30": (lambda x: np.where(x < -30, 0.0, _stable(x)), "exactly 0"),
        "1 - sigmoid(-x) cancels for x < 0": (lambda x: np.where(x >= 0, _stable(x), 1 - _stable(-x)), "lose the digits"),
        "tanh form 0.5(1 + tanh(x/2)) cancels": (lambda x: 0.5 * (1 + np.tanh(x / 2)), "relative error"),
        "computed in float32": (lambda x: _stable(np.asarray(x, dtype=np.float32)).astype(float), "relative error"),
        "NaN turned into a number": (lambda x: _stable(np.nan_to_num(x)), "NaN must stay NaN"),
        "changes its input in place": (_in_place, "in place"),
        "math.exp on an array": (lambda x: 1 / (1 + math.exp(-x)), "math.exp"),
        "np.vectorize": (np.vectorize(lambda v: 1 / (1 + math.exp(-v)) if v >= 0 else math.exp(v) / (1 + math.exp(v))), "np.vectorize"),
        "returns a list": (lambda x: [float(v) for v in _stable(x)], "list"),
        "forgot return": (lambda x: None, "None"),
    },
    "sigmoid-log": {
        "np.minimum(x, 0)": (lambda x: np.minimum(x, 0), "at x = 0"),
        "log(1 + exp(-|x|)) instead of log1p": (lambda x: np.minimum(x, 0) - np.log(1 + np.exp(-np.abs(x))), "relative error"),
        "log of the naive sigmoid": (actlib.numerics.naive.log_sigmoid, "warned"),
        "log of a stable sigmoid": (lambda x: np.log(_stable(x)), ""),
        "np.where computes both branches": (lambda x: np.where(x < 0, x - np.log1p(np.exp(x)), -np.log1p(np.exp(-x))), "warned"),
        "sign error": (lambda x: -np.minimum(x, 0) - np.log1p(np.exp(-np.abs(x))), "at x = -1"),
        "tail truncated to 0 above 30": (lambda x: np.where(x > 30, 0.0, np.minimum(x, 0) - np.log1p(np.exp(-np.abs(x)))), "exactly 0"),
        "input clipped to [-30, 30]": (lambda x: np.log(_stable(np.clip(x, -30, 30))), "relative error"),
        "NaN turned into a number": (lambda x: np.minimum(np.nan_to_num(x), 0) - np.log1p(np.exp(-np.abs(np.nan_to_num(x)))), "NaN must stay NaN"),
        "integers out": (lambda x: np.minimum(x, 0).astype(int), "integers"),
        "changes its input in place": (_log_in_place, "in place"),
        "np.vectorize": (np.vectorize(lambda v: min(v, 0.0) - math.log1p(math.exp(-abs(v)))), "np.vectorize"),
    },
}

RIGHT = {
    "sigmoid-recall": {
        "floats": (0.5, 0.25, 0.0),
        "fractions and ints": (Fraction(1, 2), Fraction(1, 4), 0),
        "numpy numbers and -0": (np.float64(0.5), np.float32(0.25), -0.0),
        "rounded at the 7th digit": (0.50000001, 0.2499999, 0),
    },
    "sigmoid-stable": {
        "model solution": _stable,
        "masks on a copy": _masks_on_a_copy,
        "scipy.special.expit": special.expit,
        "exp(-logaddexp(0, -x))": lambda x: np.exp(-np.logaddexp(0, -x)),
        "actlib.sigmoid": actlib.sigmoid,
    },
    "sigmoid-log": {
        "model solution": lambda x: np.minimum(x, 0) - np.log1p(np.exp(-np.abs(x))),
        "np.where on x, then log1p": lambda x: np.where(x < 0, x, 0.0) - np.log1p(np.exp(-np.abs(x))),
        "-logaddexp(0, -x)": lambda x: -np.logaddexp(0, -x),
        "scipy.special.log_expit": special.log_expit,
        "actlib.log_sigmoid": actlib.log_sigmoid,
    },
}

# Written by the sigmoid chapter (sigmoid-predict, sigmoid-choose).
WRONG["sigmoid-predict"] = {
    "log gives -inf, so the loss is -inf": ((-np.inf, -1), "is not the naive loss"),
    "NaN for the loss": ((np.nan, -1), "is not the naive loss"),
    "the exact loss, 800": ((800.0, -1), "is not the naive loss"),
    "a vanishing gradient, 0": ((np.inf, 0), "is not the BCE gradient"),
    "sign error, +1": ((np.inf, 1), "is not the BCE gradient"),
    "NaN, as backpropagating the naive loss gives": ((np.inf, np.nan), "is not the BCE gradient"),
    "the loss as text": (("inf", -1), "is text"),
    "placeholders": ((..., ...), "no answer"),
}
WRONG["sigmoid-choose"] = {
    "softmax for independent labels": (("softmax", "softmax", "linear", "sigmoid"), "is not the four output activations"),
    "sigmoid for a temperature": (("sigmoid", "softmax", "sigmoid", "sigmoid"), "is not the four output activations"),
    "softmax for one yes/no label": (("sigmoid", "softmax", "linear", "softmax"), "is not the four output activations"),
    "sigmoid for exclusive classes": (("sigmoid", "sigmoid", "linear", "sigmoid"), "is not the four output activations"),
    "a set: order matters here": ({"sigmoid", "softmax", "linear"}, "is not the four output activations"),
    "three answers": (("sigmoid", "softmax", "linear"), "is not the four output activations"),
}
RIGHT["sigmoid-predict"] = {
    "np.inf and -1": (np.inf, -1),
    "float('inf') and -1.0": (float("inf"), -1.0),
    "numpy scalars": (np.float64(np.inf), np.float64(-1.0)),
}
RIGHT["sigmoid-choose"] = {
    "tuple": ("sigmoid", "softmax", "linear", "sigmoid"),
    "list, other case and spaces": [" Sigmoid", "SOFTMAX", "linear ", "sigmoid"],
}
