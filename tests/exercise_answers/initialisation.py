"""Answers for the checks of chapters/practice/03_initialisation.ipynb (see ``__init__``)."""

import math

import numpy as np

import actlib

PREFIX = "initialisation"  # the labels' short chapter name
CHAPTER = "chapters/practice/03_initialisation.ipynb"


def _model(init, n_in, n_out):
    return math.sqrt({"he": 2 / n_in, "lecun": 1 / n_in, "xavier": 2 / (n_in + n_out)}[init])


def _with(**wrong):
    """The model solution with some initialisations' variances replaced."""
    def f(init, n_in, n_out):
        if init in wrong:
            return math.sqrt(wrong[init](n_in, n_out))
        return _model(init, n_in, n_out)
    return f


WRONG = {
    "initialisation-recall": {
        "standard deviations, not variances": ((math.sqrt(2 / 256), math.sqrt(1 / 256), math.sqrt(2 / 384)), "is not the He variance"),
        "He with 1/n_in (swapped with LeCun)": ((1 / 256, 2 / 256, 2 / 384), "is not the He variance"),
        "LeCun with 2/n_in": ((2 / 256, 2 / 256, 2 / 384), "is not the LeCun variance"),
        "Xavier with 1/(n_in + n_out)": ((2 / 256, 1 / 256, 1 / 384), "is not the Xavier variance"),
        "Xavier with 2/n_in": ((2 / 256, 1 / 256, 2 / 256), "is not the Xavier variance"),
        "Xavier's uniform bound": ((2 / 256, 1 / 256, math.sqrt(6 / 384)), "is not the Xavier variance"),
        "Xavier with n_out only": ((2 / 256, 1 / 256, 1 / 128), "is not the Xavier variance"),
        "placeholders": ((..., ..., ...), "no answer"),
    },
    "initialisation-std": {
        "variances, not standard deviations": (lambda init, n_in, n_out: _model(init, n_in, n_out) ** 2, "that is the variance"),
        "He with n_out": (_with(he=lambda i, o: 2 / o), "not the standard deviation of he"),
        "He and LeCun swapped": (_with(he=lambda i, o: 1 / i, lecun=lambda i, o: 2 / i), "not the standard deviation of he"),
        "LeCun with n_out": (_with(lecun=lambda i, o: 1 / o), "not the standard deviation of lecun"),
        "Xavier with 1/(n_in + n_out)": (_with(xavier=lambda i, o: 1 / (i + o)), "averages n_in and n_out"),
        "Xavier's uniform bound, not its std": (lambda init, n_in, n_out: math.sqrt(6 / (n_in + n_out)) if init == "xavier"
                                                else _model(init, n_in, n_out), "averages n_in and n_out"),
        "Xavier as 1/n_in (right for square layers only)": (_with(xavier=lambda i, o: 1 / i), "n_in = 784, n_out = 256"),
        "Xavier with the geometric mean": (_with(xavier=lambda i, o: 1 / math.sqrt(i * o)), "averages n_in and n_out"),
        "a sign error": (lambda init, n_in, n_out: -_model(init, n_in, n_out), "not the standard deviation"),
        "an integer division": (lambda init, n_in, n_out: math.sqrt({"he": 2 // n_in, "lecun": 1 // n_in,
                                                                     "xavier": 2 // (n_in + n_out)}[init]), "not the standard deviation"),
        "returns the variance name": (lambda init, n_in, n_out: f"2/{n_in}", "not one number"),
        "returns None": (lambda init, n_in, n_out: None, "not one number"),
        "an array of weights": (lambda init, n_in, n_out: np.random.default_rng(0).normal(0, _model(init, n_in, n_out), (n_in, n_out)),
                                "not one number"),
        "no init argument": (lambda n_in, n_out: math.sqrt(2 / n_in), "raised TypeError"),
        "the value, not the function": (0.125, "not a function"),
    },
    "initialisation-predict": {
        "the variance ratio, not the rms": (0.5 ** 19, "is not the predicted ratio"),
        "twenty steps instead of nineteen": (2 ** -10, "is not the predicted ratio"),
        "the measured ratio": (0.000384 / 0.694, "is not the predicted ratio"),
        "He's ratio": (1.0, "is not the predicted ratio"),
        "the inverse": (2 ** 9.5, "is not the predicted ratio"),
        "placeholder": (..., "no answer"),
    },
    "initialisation-choose": {
        "He for SELU": (("he", "he", "xavier"), "is not the three choices"),
        "Xavier for GELU": (("lecun", "xavier", "xavier"), "is not the three choices"),
        "He for tanh": (("lecun", "he", "he"), "is not the three choices"),
        "LeCun for tanh": (("lecun", "he", "lecun"), "is not the three choices"),
        "two answers": (("lecun", "he"), "is not the three choices"),
        "placeholder": (..., "no answer"),
    },
}

RIGHT = {
    "initialisation-recall": {
        "floats": (2 / 256, 1 / 256, 2 / 384),
        "rounded to six digits": (0.0078125, 0.00390625, 0.00520833),
        "from actlib": tuple(actlib.nn.init_std(i, 256, 128) ** 2 for i in ("he", "lecun", "xavier")),
    },
    "initialisation-std": {
        "model solution": _model,
        "numpy": lambda init, n_in, n_out: np.sqrt({"he": 2.0, "lecun": 1.0}.get(init, 0) / n_in if init != "xavier"
                                                   else 2.0 / (n_in + n_out)),
        "gain form": lambda init, n_in, n_out: {"he": math.sqrt(2), "lecun": 1.0, "xavier": 1.0}[init]
                                                / math.sqrt(n_in if init != "xavier" else (n_in + n_out) / 2),
        "actlib": actlib.nn.init_std,
    },
    "initialisation-predict": {
        "2 ** -9.5": 2 ** -9.5,
        "a power of 1/sqrt(2)": (1 / math.sqrt(2)) ** 19,
        "numpy": np.sqrt(0.5) ** 19,
    },
    "initialisation-choose": {
        "tuple": ("lecun", "he", "xavier"),
        "list, other case": ["LeCun", "He", "Xavier"],
    },
}
