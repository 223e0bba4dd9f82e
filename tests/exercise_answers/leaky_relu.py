"""Answers for the checks of chapters/activations/07_leaky_relu.ipynb (see ``__init__``)."""

import numpy as np

import actlib

CHAPTER = "chapters/activations/07_leaky_relu.ipynb"


def _in_place_leaky(x, alpha=0.01):
    x[x < 0] *= alpha
    return x


def _scalar_leaky(x, alpha=0.01):
    return x if x > 0 else alpha * x


def _in_place_grad(x, g):
    np.minimum(x, 0, out=x)
    return float((x * g).sum())


WRONG = {
    "leaky_relu-recall": {
        "slope 0 (ReLU's)": ((0.0, 0.3, -2.0), "is not leaky ReLU′(−2)"),
        "Keras's 0.3 for PyTorch": ((0.3, 0.3, -2.0), "is not leaky ReLU′(−2)"),
        "TensorFlow's 0.2 for the Keras layer": ((0.01, 0.2, -2.0), "is not the default slope of Keras's LeakyReLU layer"),
        "PyTorch's 0.01 for the Keras layer": ((0.01, 0.01, -2.0), "is not the default slope of Keras's LeakyReLU layer"),
        "d/dalpha is alpha": ((0.01, 0.3, 0.25), "is not ∂PReLU/∂α"),
        "d/dalpha sign error": ((0.01, 0.3, 2.0), "is not ∂PReLU/∂α"),
        "placeholders": ((..., ..., ...), "no answer"),
    },
    "leaky_relu-code": {
        "alpha ignored (0.01 hard-coded)": (lambda x, alpha=0.01: np.where(x > 0, x, 0.01 * x), "at x = -1"),
        "alpha on the positive side": (lambda x, alpha=0.01: np.where(x > 0, alpha * x, x), "at x = 1"),
        "ReLU": (lambda x, alpha=0.01: np.maximum(x, 0.0), "at x = -1"),
        "sign error": (lambda x, alpha=0.01: np.where(x > 0, -x, -alpha * x), "wrong sign"),
        "masks times x give NaN at inf": (lambda x, alpha=0.01: x * (x > 0) + alpha * x * (x <= 0), "not the limit"),
        "nested np.where sends NaN to 0": (lambda x, alpha=0.01: np.where(x > 0, x, alpha * np.where(x < 0, x, 0.0)), "NaN must stay NaN"),
        "integer output": (lambda x, alpha=0.01: np.where(x > 0, x, alpha * x).astype(int), "integers"),
        "changes its input in place": (_in_place_leaky, "in place"),
        "if on an array": (_scalar_leaky, "truth value"),
        "np.vectorize": (np.vectorize(_scalar_leaky), "np.vectorize"),
        "no alpha parameter": (lambda x: np.where(x > 0, x, 0.01 * x), "unexpected keyword argument"),
    },
    "leaky_relu-prelu": {
        "sum(g * x), the positive side too": (lambda x, g: float((g * x).sum()), "not the gradient"),
        "sum(g) over negative x, no x": (lambda x, g: float(g[x < 0].sum()), "not the gradient"),
        "the gradient with respect to x": (lambda x, g: float((g * np.where(x > 0, 1.0, 0.25)).sum()), "not the gradient"),
        "the mean, not the sum": (lambda x, g: float((g * np.minimum(x, 0)).mean()), "not the gradient"),
        "sign error": (lambda x, g: -float((g * np.minimum(x, 0)).sum()), "not the gradient"),
        "times alpha": (lambda x, g: 0.25 * float((g * np.minimum(x, 0)).sum()), "not the gradient"),
        "not summed": (lambda x, g: g * np.minimum(x, 0), "not one number"),
        "changes x in place": (_in_place_grad, "in place"),
        "a list": (lambda x, g: [float((g * np.minimum(x, 0)).sum())], "not one number"),
        "the value itself, not the function": (0.0, "not a function"),
    },
    "leaky_relu-predict": {
        "ReLU passes a gradient too": ((1.0, 1.0), "is not the ReLU unit's bias gradient"),
        "leaky passes alpha, not the sum": ((0.0, 0.01), "is not the leaky unit's bias gradient"),
        "leaky passes nothing": ((0.0, 0.0), "is not the leaky unit's bias gradient"),
        "leaky passes 100": ((0.0, 100.0), "is not the leaky unit's bias gradient"),
        "placeholders": ((..., ...), "no answer"),
    },
    "leaky_relu-choose": {
        "ReLU against dying units": (("relu", "prelu", "relu"), "is not the three choices"),
        "PReLU with no extra parameters": (("prelu", "prelu", "relu"), "is not the three choices"),
        "leaky for a learned slope": (("leaky_relu", "leaky_relu", "relu"), "is not the three choices"),
        "leaky for exact zeros": (("leaky_relu", "prelu", "leaky_relu"), "is not the three choices"),
        "two answers": (("leaky_relu", "prelu"), "is not the three choices"),
        "placeholder": (..., "no answer"),
    },
}

RIGHT = {
    "leaky_relu-recall": {
        "floats": (0.01, 0.3, -2.0),
        "numpy, int": (np.float64(0.01), np.float32(0.3), -2),
    },
    "leaky_relu-code": {
        "model solution": lambda x, alpha=0.01: np.where(x > 0, x, alpha * x),
        "max plus alpha min": lambda x, alpha=0.01: np.maximum(x, 0) + alpha * np.minimum(x, 0),
        "max(x, alpha x) for alpha <= 1": lambda x, alpha=0.01: np.maximum(x, alpha * x),
        "actlib.leaky_relu": actlib.leaky_relu,
    },
    "leaky_relu-prelu": {
        "model solution": lambda x, g: float((g * np.minimum(x, 0)).sum()),
        "np.where, a numpy float": lambda x, g: np.sum(np.where(x < 0, x, 0.0) * g),
        "np.vdot": lambda x, g: np.vdot(np.minimum(x, 0.0), g),
        "actlib.prelu.param_vjp": lambda x, g: actlib.prelu.param_vjp(x, g, alpha=0.25)["alpha"],
    },
    "leaky_relu-predict": {
        "floats": (0.0, 1.0),
        "ints, -0": (-0.0, 1),
    },
    "leaky_relu-choose": {
        "tuple": ("leaky_relu", "prelu", "relu"),
        "list, other case": ["Leaky_ReLU", "PReLU", "ReLU"],
    },
}
