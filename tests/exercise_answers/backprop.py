"""Answers for the checks of chapters/foundations/02_backpropagation.ipynb (see ``__init__``)."""

import numpy as np

CHAPTER = "chapters/foundations/02_backpropagation.ipynb"
PREFIX = "backprop"  # the labels' short chapter name


def _model(f, x, h):
    x = np.asarray(x, dtype=float)
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        step = np.zeros_like(x)
        step[i] = h
        grad[i] = (f(x + step) - f(x - step)) / (2 * h)
    return grad


def _restoring(f, x, h):  # perturbs x itself and puts each entry back
    grad = np.empty(x.shape)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        up = f(x)
        x[i] = old - h
        down = f(x)
        x[i] = old
        grad[i] = (up - down) / (2 * h)
    return grad


def _flat(f, x, h):
    flat = x.ravel()
    grad = np.array([(f((flat + h * e).reshape(x.shape)) - f((flat - h * e).reshape(x.shape))) / (2 * h)
                     for e in np.eye(flat.size)])
    return grad.reshape(x.shape)


def _forward(f, x, h):
    grad = np.zeros_like(x)
    fx = f(x)
    for i in np.ndindex(x.shape):
        step = np.zeros_like(x)
        step[i] = h
        grad[i] = (f(x + step) - fx) / h
    return grad


def _not_restoring(f, x, h):  # perturbs x in place and never puts it back
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        x[i] += h
        up = f(x)
        x[i] -= 2 * h
        down = f(x)
        grad[i] = (up - down) / (2 * h)
    return grad


def _all_at_once(f, x, h):
    return np.full(x.shape, (f(x + h) - f(x - h)) / (2 * h))


WRONG = {
    "backprop-recall": {
        "central is first order": ((1, 1, 1 / 3), "is not the order p of the central"),
        "forward is second order": ((2, 2, 1 / 3), "is not the order p of the forward"),
        "sqrt eps, the forward difference's step": ((2, 1, 1 / 2), "is not the exponent"),
        "a rounded third": ((2, 1, 0.33), "is not the exponent"),
        "eps itself": ((2, 1, 1), "is not the exponent"),
        "placeholders": ((..., ..., ...), "no answer"),
    },
    "backprop-gradcheck": {
        "forward differences": (_forward, "relative error"),
        "divides by h, not 2h": (lambda f, x, h: 2 * _model(f, x, h), "2h apart"),
        "sign error": (lambda f, x, h: -_model(f, x, h), "sign"),
        "ignores h, uses 1e-6": (lambda f, x, h: _model(f, x, 1e-6), "the step h you are given"),
        "perturbs every entry at once": (_all_at_once, "relative error"),
        "changes x in place": (_not_restoring, "changed x"),
        "returns a list": (lambda f, x, h: _model(f, x, h).tolist(), "not a float numpy array"),
        "flattens the result": (lambda f, x, h: _model(f, x, h).ravel(), "shape"),
        "integer gradient": (lambda f, x, h: _model(f, x, h).astype(int), "not a float numpy array"),
        "the gradient itself, not the function": (np.zeros(5), "not a function"),
    },
    "backprop-predict": {
        "smaller": (("smaller", 0.5), "is not the change"),
        "ReLU'(0) = 0, as actlib": (("larger", 0.0), "is not the central difference"),
        "ReLU'(0) = 1": (("larger", 1.0), "is not the central difference"),
        "placeholders": ((..., ...), "no answer"),
    },
    "backprop-choose": {
        "eps-sized steps": (("1e-15", "1e-7", "relative"), "is not the three choices"),
        "sqrt eps for both": (("1e-8", "1e-4", "relative"), "is not the three choices"),
        "the same h in float32": (("1e-5", "1e-5", "relative"), "is not the three choices"),
        "absolute error": (("1e-5", "1e-2", "absolute"), "is not the three choices"),
        "large steps": (("1e-1", "1e-1", "relative"), "is not the three choices"),
        "placeholder": (..., "no answer"),
    },
}

RIGHT = {
    "backprop-recall": {
        "ints and a fraction": (2, 1, 1 / 3),
        "floats": (2.0, 1.0, 1.0 / 3.0),
        "numpy": (np.int64(2), np.int64(1), np.float64(1) / 3),
    },
    "backprop-gradcheck": {
        "model solution": _model,
        "perturb and restore x": _restoring,
        "flat loop over unit vectors": _flat,
        "each half divided by 2h": lambda f, x, h: np.array(
            [f(x + h * e) / (2 * h) - f(x - h * e) / (2 * h) for e in np.eye(x.size).reshape((x.size, *x.shape))]
        ).reshape(x.shape),
    },
    "backprop-predict": {
        "text and float": ("larger", 0.5),
        "other case and a fraction": ("Larger", 1 / 2),
    },
    "backprop-choose": {
        "strings": ("1e-5", "1e-2", "relative"),
        "numbers": (1e-5, 1e-2, "Relative"),
    },
}
