"""The checks of chapters/foundations/01_why_nonlinearity.ipynb (labels ``nonlinearity-...``)."""

from __future__ import annotations

import numpy as np

from .._feedback import Failure, _fail, _finish, _fmt, _raised
from ..checks import Answer, register, register_answers

register_answers("nonlinearity-recall", {
    "n_layers_equivalent": Answer("sha256:b2f2799a895b72767021cb0ec2df356d16fd35086b8a7fdc9a689115e9fefb7b",
                                  "the number of layers five stacked linear layers collapse to",
                                  hint="multiply the affine maps out (Stacked linear layers collapse)"),
    "best_linear_xor": Answer("sha256:c7216d58e50637c5ea8712f64f5e3493c6cd243f9327f1b7b8e7fd9e26ee1da3",
                              "the best fraction of the four XOR points one straight line classifies right",
                              hint="a fraction between 0 and 1; try every way a line can cut the four corners"),
    "rank_bound": Answer("sha256:fdce441a908b62eba6e1b3187bcef2f6ae8284f40bc93c5b1601dfa44b3fa94f",
                         "the largest possible rank of the collapsed matrix of a [8, 2, 8] linear network",
                         hint="the rank of a product is at most the rank of each factor"),
})

register_answers("nonlinearity-predict", {
    "solves_xor": Answer("sha256:e8be44f46af69a2f07c4afeb6b6ed6db1c90bc356f5b406aa823275dead0e6ce",
                         "the five predictions (identity, affine, square, relu, abs)",
                         hint="a hidden unit must bend; XOR is 1 exactly where |x1 − x2| is 1"),
})

register_answers("nonlinearity-choose", {
    "choices": Answer("sha256:c2ee3aafb68aa83be25eba38873da2b931c3efacc125a01815388edc795838d6",
                      "the three choices (a) to (c)",
                      hint="which layers need a bend, which output needs an unbounded range, and what extra linear "
                           "layers add (Stacked linear layers collapse)"),
})


def _networks():
    """Lists of ``(W, b)`` layers in actlib.nn's row convention (``a W + b``): one layer, a bottleneck, deep and wide."""
    rng = np.random.default_rng(1993)
    nets = []
    for sizes in ([3, 2], [4, 5, 3], [2, 6, 6, 6, 1], [8, 2, 8], [5, 7, 4, 3, 6, 2]):
        weights = [rng.standard_normal((a, b)) for a, b in zip(sizes[:-1], sizes[1:])]
        biases = [rng.standard_normal(b) for b in sizes[1:]]
        nets.append((weights, biases))
    return nets


def _true_collapse(weights, biases):
    W, b = weights[0], biases[0]
    for Wl, bl in zip(weights[1:], biases[1:]):
        W, b = W @ Wl, b @ Wl + bl
    return W, b


def _close(got, want) -> bool:
    """Equal up to the rounding of a few matrix products: relative to the matrix's own scale, since it holds no tiny tail."""
    return got.shape == want.shape and bool(np.all(np.abs(got - want) <= 1e-9 * (1 + np.abs(want).max())))


@register("nonlinearity-collapse", "collapse", "collapse(weights, biases) on five networks, (W, b) in the row convention", function=True)
def _collapse(collapse, strict=False):
    """A learner's ``collapse(weights, biases)`` must return the one ``(W, b)`` with ``a W + b`` equal to the linear network."""
    __tracebackhide__ = True
    for weights, biases in _networks():
        sizes = [weights[0].shape[0]] + [w.shape[1] for w in weights]
        where = f"on the linear network {sizes}"
        saved = [w.copy() for w in weights] + [b.copy() for b in biases]
        try:
            with np.errstate(all="raise"):
                out = collapse(list(weights), list(biases))
        except Exception as exc:  # noqa: BLE001  (the learner's code: any error is a failure to report)
            return _raised(where, exc, strict)
        if any(not np.array_equal(a, b) for a, b in zip(saved, weights + biases)):
            return _fail(f"{where} your function changed a weight or bias in place",
                         "build new arrays: W = W @ Wl makes a new matrix, W @= Wl and W += ... change the old one",
                         Failure(), strict)
        if not isinstance(out, tuple) or len(out) != 2:
            got = _fmt(out) if out is None or np.ndim(out) == 0 and not isinstance(out, dict) else f"a {type(out).__name__}"
            return _fail(f"{where} your function returned {got}, not a pair (W, b)", "end with `return W, b`",
                         Failure(got=out), strict)
        W, b = (np.asarray(v) if isinstance(v, np.ndarray) else v for v in out)
        if not isinstance(W, np.ndarray) or not isinstance(b, np.ndarray) or W.dtype.kind != "f" or b.dtype.kind != "f":
            kinds = " and ".join(type(v).__name__ if not isinstance(v, np.ndarray) else f"{v.dtype} array" for v in out)
            return _fail(f"{where} your function returned {kinds}, not two float numpy arrays", None,
                         Failure(got=out), strict)
        want_W, want_b = _true_collapse(weights, biases)
        if W.shape != want_W.shape:
            hint = ("the layers act on row vectors, a W_1 W_2 …: multiply in the order of the layers"
                    if W.shape == want_W.T.shape else "W maps the network's inputs to its outputs")
            return _fail(f"{where} W has shape {W.shape}, not (inputs, outputs) of the whole network", hint,
                         Failure(got=W.shape), strict)
        if b.shape != want_b.shape:
            return _fail(f"{where} b has shape {b.shape}, not (outputs,)", "b is one vector, the network's output for a = 0",
                         Failure(got=b.shape), strict)
        if not _close(W, want_W):
            return _fail(f"{where} W is not the product of the layers' weights",
                         "a W_1 W_2 … W_L: the layers act on row vectors, in order", Failure(got=W), strict)
        if not _close(b, want_b):
            return _fail(f"{where} W is right but b is not",
                         "each bias passes through every later layer's weights: b ← b W_l + b_l", Failure(got=b), strict)
    return _finish(True, "✅ passed: collapse on five linear networks (one layer, a bottleneck, deep, ragged widths): "
                   "W and b to rounding, float arrays, the layers left unchanged", None, strict)
