"""Answers for the checks of chapters/activations/15_glu.ipynb (see ``__init__``)."""

import numpy as np
import scipy.special

import actlib

CHAPTER = "chapters/activations/15_glu.ipynb"


def _halves(x):
    x = np.asarray(x, dtype=float)
    return x[..., : x.shape[-1] // 2], x[..., x.shape[-1] // 2 :]


def _sigmoid(b):
    e = np.exp(-np.abs(b))
    return np.where(b >= 0, 1 / (1 + e), e / (1 + e))


def _phi(b):
    return scipy.special.ndtr(b)


GATES = {
    "glu": lambda b: _sigmoid(b),
    "swiglu": lambda b: b * _sigmoid(b),
    "geglu": lambda b: b * _phi(b),
}


def _model(gate):
    def f(x):
        a, b = _halves(x)
        return a * GATES[gate](b)

    return f


def _naive(gate):
    forms = {
        "glu": lambda b: 1 / (1 + np.exp(-b)),
        "swiglu": lambda b: b / (1 + np.exp(-b)),
        "geglu": lambda b: 0.5 * b * (1 + scipy.special.erf(b / np.sqrt(2))),
    }

    def f(x):
        a, b = _halves(x)
        return a * forms[gate](b)

    return f


def _cut_off(gate):
    edge = -5.0 if gate == "geglu" else -30.0  # GELU(b) is below the smallest normal float already from b = -38

    def f(x):
        a, b = _halves(x)
        return a * np.where(b < edge, 0.0, GATES[gate](np.maximum(b, edge)))

    return f


def _float32(gate):
    return lambda x: _model(gate)(np.asarray(x, dtype=np.float32)).astype(np.float64)


def _swapped(gate):
    def f(x):
        a, b = _halves(x)
        return b * GATES[gate](a)

    return f


def _sign(gate):
    def f(x):
        a, b = _halves(x)
        return a * GATES[gate](-b)

    return f


def _nan_to_num(gate):
    return lambda x: np.nan_to_num(_model(gate)(x))


def _in_place(gate):
    def f(x):
        n = x.shape[-1] // 2
        x[..., :n] *= GATES[gate](x[..., n:])
        return x[..., :n]

    return f


def _whole(gate):
    return lambda x: np.asarray(x, dtype=float) * GATES[gate](np.asarray(x, dtype=float))


def _rows_loop(gate):
    def f(x):
        x = np.asarray(x, dtype=float)
        rows = [_model(gate)(r) for r in x.reshape(-1, x.shape[-1])]
        return np.array(rows, dtype=float).reshape(x.shape[:-1] + (x.shape[-1] // 2,))

    return f


def _wrong(gate):
    return {
        "naive form": (_naive(gate), "relative error" if gate == "geglu" else "warned"),
        "tail cut off (below -30, -5 for GELU)": (_cut_off(gate), "exactly 0"),
        "float32 loses digits": (_float32(gate), "relative error"),
        "halves swapped (gate first)": (_swapped(gate), "not the exact value"),
        "sign error in the gate": (_sign(gate), "not the exact value" if gate == "glu" else "wrong sign"),
        "np.nan_to_num hides NaN": (_nan_to_num(gate), "NaN must stay NaN"),
        "gates the whole input (no split)": (_whole(gate), "shape"),
        "integer output": (lambda x: _model(gate)(x).astype(int), "integers"),
        "returns a list": (lambda x: _model(gate)(x).tolist(), "list"),
        "changes its input in place": (_in_place(gate), "in place"),
        "loops over the rows": (_rows_loop(gate), "loops over the elements"),
        "np.vectorize": (np.vectorize(_model(gate), signature="(n)->(m)"), "np.vectorize"),
    }


WRONG = {
    "glu-recall": {
        "GLU at b = 0 as a": ((2, 0, 0.5), "is not GLU"),
        "SwiGLU as a sigmoid gate": ((1, 1, 0.5), "is not SwiGLU"),
        "dGLU/da as the gate's slope": ((1, 0, 0.25), "is not ∂GLU/∂a"),
        "dGLU/da as 1": ((1, 0, 1), "is not ∂GLU/∂a"),
        "placeholders": ((..., ..., ...), "no answer"),
    },
    "glu-code:glu": {
        **_wrong("glu"),
        "SwiGLU instead of GLU": (_model("swiglu"), "not the exact value"),
    },
    "glu-code:swiglu": {
        **_wrong("swiglu"),
        "GLU instead of SwiGLU": (_model("glu"), "not the exact value"),
    },
    "glu-code:geglu": {
        **_wrong("geglu"),
        "the tanh approximation of GELU": (lambda x: actlib.geglu(x, approximate=True), "relative error"),
    },
    "glu-predict": {
        "two matrices, like ReLU": ((4718592, 2048), "is not the weights"),
        "one matrix": ((2359296, 2048), "is not the weights"),
        "the width unchanged": ((7077888, 3072), "is not the hidden width"),
        "half the width": ((7077888, 1536), "is not the hidden width"),
        "width as a fraction": ((7077888, 2 / 3), "is not the hidden width"),
        "placeholders": ((..., ...), "no answer"),
    },
    "glu-choose": {
        "ReLU for a new LLM": (("relu", "sigmoid", "residual"), "is not the three choices"),
        "SiLU as a (0, 1) gate": (("swiglu", "silu", "residual"), "is not the three choices"),
        "He initialisation instead of residual blocks": (("swiglu", "sigmoid", "he"), "is not the three choices"),
        "placeholder": (..., "no answer"),
    },
}

RIGHT = {
    "glu-recall": {
        "numbers": (1, 0, 0.5),
        "floats and numpy": (1.0, -0.0, np.float64(0.5)),
    },
    "glu-code:glu": {
        "model solution": _model("glu"),
        "actlib.glu": actlib.glu,
        "scipy.special.expit": lambda x: _halves(x)[0] * scipy.special.expit(_halves(x)[1]),
        "np.split": lambda x: (lambda a, b: a * scipy.special.expit(b))(*np.split(np.asarray(x, dtype=float), 2, axis=-1)),
    },
    "glu-code:swiglu": {
        "model solution": _model("swiglu"),
        "actlib.swiglu": actlib.swiglu,
        "a times actlib.silu": lambda x: _halves(x)[0] * actlib.silu(_halves(x)[1]),
    },
    "glu-code:geglu": {
        "model solution": _model("geglu"),
        "actlib.geglu": actlib.geglu,
        "erfc form": lambda x: (lambda a, b: a * b * scipy.special.erfc(-b / np.sqrt(2)) / 2)(*_halves(x)),
    },
    "glu-predict": {
        "ints": (7077888, 2048),
        "expressions": (3 * 768 * 3072, 2 * 4 * 768 // 3),
        "floats": (7077888.0, 2048.0),
    },
    "glu-choose": {
        "tuple": ("swiglu", "sigmoid", "residual"),
        "list, other case": ["SwiGLU", "Sigmoid", "Residual"],
    },
}
