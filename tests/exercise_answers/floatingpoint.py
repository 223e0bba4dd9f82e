"""Answers for the checks of chapters/foundations/03_floating_point.ipynb (see ``__init__``)."""

import math

import numpy as np
from scipy import special

import actlib

CHAPTER = "chapters/foundations/03_floating_point.ipynb"
PREFIX = "floatingpoint"  # the labels' short chapter name


def _stable(x):
    x = np.asarray(x, dtype=float)
    return np.maximum(x, 0) + np.log1p(np.exp(-np.abs(x)))


def _in_place(x):
    t = np.log1p(np.exp(-np.abs(x)))
    np.maximum(x, 0, out=x)
    x += t
    return x


def _masks_on_a_copy(x):
    x = np.asarray(x, dtype=float)
    out = np.empty_like(x)
    big = x > 0
    out[big] = x[big] + np.log1p(np.exp(-x[big]))
    out[~big] = np.log1p(np.exp(x[~big]))  # NaN lands here: exp(NaN) is NaN
    return out


WRONG = {
    "floatingpoint-recall": {
        "float64's exponent": ((-52, 2.0**-42, 88.7228), "is not the exponent"),
        "the decimal digits": ((-7, 2.0**-42, 88.7228), "is not the exponent"),
        "ulp of 1": ((-23, 2.0**-52, 88.7228), "is not the ulp of 1024"),
        "ulp of 1024 in float32": ((-23, 2.0**-13, 88.7228), "is not the ulp of 1024"),
        "float64's limit": ((-23, 2.0**-42, 709.783), "is not the largest x"),
        "rounded to 88.7": ((-23, 2.0**-42, 88.7), "is not the largest x"),
        "placeholders": ((..., ..., ...), "no answer"),
    },
    "floatingpoint-softplus": {
        "naive log(1 + exp(x))": (actlib.numerics.naive.softplus, "warned"),
        "log(1 + exp(-|x|)) instead of log1p": (lambda x: np.maximum(x, 0) + np.log(1 + np.exp(-np.abs(x))), "relative error"),
        "np.where computes both branches": (lambda x: np.where(x > 30, x, np.log1p(np.exp(x))), "warned"),
        "tail cut off: 0 below -30": (lambda x: np.where(x < -30, 0.0, _stable(x)), "exactly 0"),
        "input clipped to [-30, 30]": (lambda x: np.log1p(np.exp(np.clip(x, -30, 30))), "clip or cut off"),
        "sign error": (lambda x: np.maximum(-x, 0) + np.log1p(np.exp(-np.abs(x))), "at x = 1"),
        "relu instead of softplus": (lambda x: np.maximum(np.asarray(x, dtype=float), 0.0), "at x = 0"),
        "NaN turned into a number": (lambda x: _stable(np.nan_to_num(x)), "NaN must stay NaN"),
        "changes its input in place": (_in_place, "in place"),
        "np.vectorize": (np.vectorize(lambda v: max(v, 0.0) + math.log1p(math.exp(-abs(v)))), "np.vectorize"),
        "returns a list": (lambda x: _stable(x).tolist(), "list"),
    },
    "floatingpoint-predict": {
        "inf over inf is 1": ((1.0, 0.0, True), "is not the naive tanh"),
        "the naive tanh overflows to inf": ((np.inf, 0.0, True), "is not the naive tanh"),
        "the slope is tiny but not 0": ((np.nan, 4.25e-18, True), "is not the naive σ(x)(1 − σ(x))"),
        "1 + 1e-8 is not 1": ((np.nan, 0.0, False), "whether"),
        "placeholders": ((..., ..., ...), "no answer"),
    },
    "floatingpoint-choose": {
        "the naive log-sigmoid": (("log(sigmoid(x))", "expm1(x)", "ulps"), "is not the three choices"),
        "exp(x) - 1": (("-softplus(-x)", "exp(x) - 1", "ulps"), "is not the three choices"),
        "absolute error": (("-softplus(-x)", "expm1(x)", "absolute"), "is not the three choices"),
        "two answers": (("-softplus(-x)", "expm1(x)"), "is not the three choices"),
        "placeholder": (..., "no answer"),
    },
}

RIGHT = {
    "floatingpoint-recall": {
        "numbers": (-23, 2.0**-42, 88.7228),
        "computed by numpy": (np.int64(-23), float(np.spacing(np.float64(1024))), np.log(np.finfo(np.float32).max)),
        "the float64 value of the limit": (-23.0, 2.2737367544323206e-13, math.log(float(np.finfo(np.float32).max))),
    },
    "floatingpoint-softplus": {
        "model solution": _stable,
        "np.logaddexp(0, x)": lambda x: np.logaddexp(0, x),
        "masks on a copy": _masks_on_a_copy,
        "-log_expit(-x)": lambda x: -special.log_expit(-np.asarray(x, dtype=float)),
        "actlib.softplus": actlib.softplus,
    },
    "floatingpoint-predict": {
        "nan, 0, True": (float("nan"), 0.0, True),
        "numpy values": (np.nan, np.float64(0), np.True_),
    },
    "floatingpoint-choose": {
        "tuple": ("-softplus(-x)", "expm1(x)", "ulps"),
        "list, other case and spaces": ["-Softplus(-x)", "EXPM1(x)", " ulps "],
    },
}
