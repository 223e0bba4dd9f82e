"""Answers for the checks of chapters/activations/09_softplus.ipynb (see ``__init__``)."""

import numpy as np

import actlib

CHAPTER = "chapters/activations/09_softplus.ipynb"


def _softplus(x, beta=1.0):
    x = np.asarray(x, dtype=float)
    return np.maximum(x, 0.0) + np.log1p(np.exp(-beta * np.abs(x))) / beta


def _by_logaddexp(x, beta=1.0):
    return np.logaddexp(0.0, beta * np.asarray(x, dtype=float)) / beta


def _in_place(x, beta=1.0):
    x[...] = _softplus(x, beta)
    return x


def _scalar(x, beta=1.0):
    return x + np.log1p(np.exp(-beta * x)) / beta if x > 0 else np.log1p(np.exp(beta * x)) / beta


WRONG = {
    "softplus-recall": {
        "softplus(0) = 0, as ReLU": ((0.0, 0.5, np.log(2) / 4), "is not softplus(0)"),
        "softplus'(0) = 1": ((np.log(2), 1.0, np.log(2) / 4), "is not softplus′(0)"),
        "softplus'(0) = 1/4, the sigmoid's slope": ((np.log(2), 0.25, np.log(2) / 4), "is not softplus′(0)"),
        "gap log 2, beta ignored": ((np.log(2), 0.5, np.log(2)), "is not the largest gap"),
        "gap 4 log 2, beta multiplies": ((np.log(2), 0.5, 4 * np.log(2)), "is not the largest gap"),
        "log10 instead of log": ((np.log10(2), 0.5, np.log(2) / 4), "is not softplus(0)"),
        "placeholders": ((..., ..., ...), "no answer"),
    },
    "softplus-stable": {
        "naive log(1 + exp(beta x)) / beta overflows": (lambda x, beta=1.0: np.log(1 + np.exp(beta * x)) / beta, "warned"),
        "naive log1p(exp(beta x)) / beta overflows": (lambda x, beta=1.0: np.log1p(np.exp(beta * x)) / beta, "warned"),
        "log instead of log1p loses digits in the left tail": (
            lambda x, beta=1.0: np.maximum(x, 0.0) + np.log(1 + np.exp(-beta * np.abs(x))) / beta, "relative error"),
        "cut off to 0 below -15": (lambda x, beta=1.0: np.where(x < -15, 0.0, _softplus(x, beta)), "exactly 0"),
        "float32 loses digits": (lambda x, beta=1.0: _softplus(x, beta).astype(np.float32).astype(float), "relative error"),
        "np.nan_to_num turns NaN into 0": (lambda x, beta=1.0: np.nan_to_num(_softplus(x, beta), posinf=np.inf), "NaN must stay NaN"),
        "beta forgotten": (lambda x, beta=1.0: _softplus(x), "at x = 0"),
        "no division by beta": (lambda x, beta=1.0: beta * _softplus(x, beta), "at x = 0"),
        "ReLU instead": (lambda x, beta=1.0: np.maximum(np.asarray(x, dtype=float), 0.0), "at x = 0"),
        "sign error in the exponent": (lambda x, beta=1.0: _softplus(-np.asarray(x, dtype=float), beta), "at x = 1"),
        "integer output": (lambda x, beta=1.0: _softplus(x, beta).astype(int), "integers"),
        "changes its input in place": (_in_place, "in place"),
        "if on an array": (_scalar, "truth value"),
        "np.vectorize": (np.vectorize(_scalar), "np.vectorize"),
    },
    "softplus-predict": {
        "float32 and float64 swapped": ((709.783, 88.7228, "no"), "float32 x"),
        "the largest float32 itself": ((3.40282e38, 709.783, "no"), "float32 x"),
        "PyTorch's threshold 20": ((20.0, 20.0, "no"), "float32 x"),
        "float64 from log(1e308)": ((88.7228, np.log(1e308), "no"), "float64 x"),
        "the shortcut changes float32 results": ((88.7228, 709.783, "yes"), "whether returning x"),
        "placeholders": ((..., ..., ...), "no answer"),
    },
    "softplus-choose": {
        "ReLU for a standard deviation": (("relu", 100, "relu"), "is not the three choices"),
        "exp for a standard deviation": (("exp", 100, "relu"), "is not the three choices"),
        "beta = 50 is close enough": (("softplus", 50, "relu"), "is not the three choices"),
        "beta = 10": (("softplus", 10, "relu"), "is not the three choices"),
        "softplus for hidden layers": (("softplus", 100, "softplus"), "is not the three choices"),
        "two answers": (("softplus", 100), "is not the three choices"),
        "placeholder": (..., "no answer"),
    },
}

RIGHT = {
    "softplus-recall": {
        "floats": (np.log(2), 0.5, np.log(2) / 4),
        "six digits": (0.693147, 1 / 2, 0.173287),
        "numpy": (np.log1p(np.float64(1)), np.float32(0.5), np.log(np.float64(2)) / 4),
    },
    "softplus-stable": {
        "model solution": _softplus,
        "np.logaddexp": _by_logaddexp,
        "actlib.softplus": actlib.softplus,
    },
    "softplus-predict": {
        "six digits": (88.7228, 709.783, "no"),
        "from numpy": (float(np.log(np.finfo(np.float32).max)), float(np.log(np.finfo(np.float64).max)), "No"),
    },
    "softplus-choose": {
        "tuple": ("softplus", 100, "relu"),
        "list, other case": ["Softplus", 100.0, "ReLU"],
    },
}
