"""Accuracy of every elementwise activation and derivative against the mpmath reference.

The bound is backward stability: |computed - exact| <= 4 ulp(exact) + 4 eps |x g'(x)|,
with g the function evaluated (f for values, f' for derivatives). Two further
allowances only: an exact value below the smallest normal number accepts
any error below that number, and near the zero of f' (SiLU, GELU, Mish) an
absolute error of 4 eps is accepted within 0.5 of the root.
"""

import numpy as np
import pytest

import actlib
from actlib.numerics import naive
from actlib.reference import DERIVATIVE_ROOTS, REFERENCE, accuracy_grid as grid, ctx, sensitivity

DTYPES = [np.float32, np.float64]


CASES = [(name, {}) for name in REFERENCE] + [
    ("gelu", {"approximate": True}),
    ("softplus", {"beta": 2.0}),
    ("softplus", {"beta": 0.5}),
    ("silu", {"beta": 1.5}),
    ("elu", {"alpha": 0.5}),
    ("celu", {"alpha": 2.0}),
    ("leaky_relu", {"alpha": 0.2}),
    ("hard_tanh", {"min_val": -2.0, "max_val": 3.0}),
]


def ulp_of(value: float, dtype) -> float:
    """Gap between |value| (rounded to dtype) and the next float up; at the largest float, the gap below it."""
    with np.errstate(over="ignore"):
        v = np.abs(np.array(value, dtype=np.float64)).astype(dtype)
    v = np.minimum(v, np.nextafter(np.finfo(dtype).max, 0, dtype=dtype))
    return float(np.spacing(v))


def violations(name, params, dtype, derivative, shared=False):
    """Return the points that break the bound, with their error in ulps and the allowance.

    ``shared``: take the value or derivative from ``value_and_derivative``.
    """
    act = actlib.get(name)
    fn = act.derivative if derivative else act
    if shared:
        fn = lambda x, **p: act.value_and_derivative(x, **p)[1 if derivative else 0]  # noqa: E731
    x = grid(dtype)
    y = np.asarray(fn(x, **params))
    assert y.dtype == dtype
    ref = REFERENCE[name][1 if derivative else 0]
    eps = float(np.finfo(dtype).eps)
    tiny = float(np.finfo(dtype).tiny)
    root = DERIVATIVE_ROOTS.get(name) if derivative and not params else None
    bad = []
    for xi, yi in zip(x.tolist(), y.tolist()):
        exact = ref(ctx.mpf(xi), **params)
        err = float(abs(ctx.mpf(yi) - exact))
        ex = float(exact)
        ulp = ulp_of(ex, dtype)
        if err <= 4 * ulp:
            continue
        if abs(ex) > float(np.finfo(dtype).max) and yi == np.copysign(np.inf, ex):
            continue  # the exact value overflows the dtype: IEEE rounds it to inf
        if abs(ex) < tiny and err < tiny:
            continue
        if root is not None and abs(xi - root) <= 0.5 and err <= 4 * eps:
            continue
        allowance = 4 * ulp + 4 * eps * sensitivity(name, xi, derivative, **params)
        if err > allowance:
            bad.append((xi, yi, ex, err / ulp, allowance / ulp))
    return bad


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
@pytest.mark.parametrize("derivative", [False, True], ids=["value", "derivative"])
@pytest.mark.parametrize("name,params", CASES, ids=[f"{n}{p or ''}" for n, p in CASES])
def test_backward_stable_against_mpmath(name, params, derivative, dtype):
    bad = violations(name, params, dtype, derivative)
    assert not bad, f"{len(bad)} points out of bound; first (x, got, exact, err ulp, allowed ulp): {bad[:3]}"


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
@pytest.mark.parametrize("derivative", [False, True], ids=["value", "derivative"])
@pytest.mark.parametrize("name,params", CASES, ids=[f"{n}{p or ''}" for n, p in CASES])
def test_value_and_derivative_backward_stable_against_mpmath(name, params, derivative, dtype):
    """The shared path (one exponential for both) meets the same bound as the separate calls."""
    bad = violations(name, params, dtype, derivative, shared=True)
    assert not bad, f"{len(bad)} points out of bound; first (x, got, exact, err ulp, allowed ulp): {bad[:3]}"


@pytest.mark.parametrize(
    "naive_form,name,x",
    [
        (naive.tanh_derivative, "tanh", 30.0),
        (naive.softplus, "softplus", 800.0),
        (naive.sigmoid_derivative, "sigmoid", 40.0),
        (naive.gelu_tanh, "gelu_tanh", -10.0),
    ],
)
def test_the_bound_rejects_naive_forms(naive_form, name, x):
    """The criterion has teeth: the textbook forms fail it where the stable ones pass."""
    derivative = name in ("tanh", "sigmoid")
    params = {"approximate": True} if name == "gelu_tanh" else {}
    name = "gelu" if name == "gelu_tanh" else name
    with np.errstate(all="ignore"):
        naive_value = float(naive_form(np.float64(x)))
    exact = REFERENCE[name][1 if derivative else 0](ctx.mpf(x), **params)
    err = float(abs(ctx.mpf(naive_value) - exact)) if np.isfinite(naive_value) else np.inf
    ulp = ulp_of(float(exact), np.float64)
    eps = float(np.finfo(np.float64).eps)
    assert err > 4 * ulp + 4 * eps * sensitivity(name, x, derivative, **params)
    fn = actlib.get(name).derivative if derivative else actlib.get(name)
    assert float(abs(ctx.mpf(float(fn(x, **params))) - exact)) <= 4 * ulp + 4 * eps * sensitivity(name, x, derivative, **params)
