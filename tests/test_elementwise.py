"""Elementwise activations: derivatives, conventions, IEEE behaviour and every metadata claim."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import special
from scipy.optimize import minimize_scalar

import actlib
from actlib.constants import SELU_ALPHA, SELU_SCALE
from actlib.reference import REFERENCE as REFERENCE_FORMS
from actlib.reference import ctx as REFERENCE_CTX

NAMES = actlib.names(kind="elementwise", aliases=False)

RNG = np.random.default_rng(20261123)


def edge_and_random_points():
    pts = np.concatenate([
        RNG.normal(0, 1, 200), RNG.normal(0, 8, 200), np.linspace(-12, 12, 97),
        [1e-6, -1e-6, 0.37, -1.2784645, -0.75, 2.5, -2.5, 5.9, 6.1, 15.0, -15.0, 30.0, -30.0],
    ])
    return pts


@pytest.mark.parametrize("name", NAMES)
def test_derivative_matches_central_finite_differences(name):
    act = actlib.get(name)
    x = edge_and_random_points()
    h = 1e-6 * np.maximum(1, np.abs(x))
    near_kink = np.zeros_like(x, dtype=bool)
    for k in act.kinks():
        near_kink |= np.abs(x - k) < 2 * h
    x, h = x[~near_kink], h[~near_kink]
    fd = (act(x + h) - act(x - h)) / (2 * h)
    np.testing.assert_allclose(act.derivative(x), fd, rtol=1e-6, atol=1e-8, err_msg=name)


@pytest.mark.parametrize(
    "name,params",
    [("leaky_relu", {"alpha": 0.3}), ("prelu", {"alpha": -0.5}), ("elu", {"alpha": 2.0}), ("celu", {"alpha": 0.4}),
     ("softplus", {"beta": 3.0}), ("silu", {"beta": 0.7}), ("hard_tanh", {"min_val": -0.5, "max_val": 2.0}),
     ("gelu", {"approximate": True})],
)
def test_derivative_with_parameters_matches_finite_differences(name, params):
    act = actlib.get(name)
    x = edge_and_random_points()
    kinks = np.array(act.kinks(**params) or (np.inf,))
    x = x[np.min(np.abs(x[:, None] - kinks), axis=1) > 1e-4]
    h = 1e-6 * np.maximum(1, np.abs(x))
    fd = (act(x + h, **params) - act(x - h, **params)) / (2 * h)
    np.testing.assert_allclose(act.derivative(x, **params), fd, rtol=1e-6, atol=1e-8)


def test_prelu_alpha_gradient():
    x = RNG.normal(size=(4, 3, 2, 2))
    alpha = np.array([0.1, 0.2, -0.3]).reshape(3, 1, 1)
    h = 1e-6
    fd = (actlib.prelu(x, alpha + h) - actlib.prelu(x, alpha - h)) / (2 * h)
    np.testing.assert_allclose(actlib.prelu.param_vjp(x, np.ones_like(x), alpha)["alpha"], fd.sum(axis=(0, 2, 3), keepdims=True)[0], atol=1e-8)
    x0 = np.array([0.0, -2.0, 3.0])
    assert [actlib.prelu.param_vjp(x0, np.eye(3)[i], 0.25)["alpha"] for i in range(3)] == [0.0, -2.0, 0.0]
    # Same dtype rules and IEEE limits as every activation: d(alpha x)/d alpha = x.
    one = np.ones(1, dtype=np.float32)
    grads = [actlib.prelu.param_vjp(np.array([v], dtype=np.float32), one)["alpha"] for v in (-np.inf, np.inf, np.nan)]
    assert grads[0] == -np.inf and grads[1] == 0 and np.isnan(grads[2])
    np.testing.assert_array_equal(actlib.prelu(x, alpha)[:, 2], np.where(x[:, 2] > 0, x[:, 2], -0.3 * x[:, 2]))


@pytest.mark.parametrize(
    "name,x,expected",
    [
        ("relu", 0.0, 0.0), ("leaky_relu", 0.0, 0.01), ("prelu", 0.0, 0.25), ("elu", 0.0, 1.0),
        ("selu", 0.0, SELU_SCALE * SELU_ALPHA), ("relu6", 0.0, 0.0), ("relu6", 6.0, 0.0),
        ("hard_tanh", -1.0, 0.0), ("hard_tanh", 1.0, 0.0), ("hard_sigmoid", -3.0, 0.0), ("hard_sigmoid", 3.0, 0.0),
        ("hard_swish", -3.0, 0.0), ("hard_swish", 3.0, 1.0), ("binary_step", 0.0, 0.0), ("celu", 0.0, 1.0),
    ],
)
def test_derivative_at_a_kink_takes_the_documented_side(name, x, expected):
    assert actlib.get(name).derivative(x) == pytest.approx(expected, rel=1e-15)


def test_elu_kink_takes_the_left_value_for_any_alpha():
    assert actlib.elu.derivative(0.0, alpha=0.5) == 0.5
    assert actlib.binary_step(0.0) == 1.0 and actlib.binary_step(-1e-300) == 0.0


# -- IEEE: infinities give the limits, NaN stays NaN, finite never warns ----
def expected_limits(name):
    """((f(-inf), f(inf)), (f'(-inf), f'(inf))) from the 50-digit reference at x = -+1e300; huge means infinite."""
    from actlib.reference import REFERENCE

    def limit(fn, x):
        v = float(fn(REFERENCE_CTX.mpf(x)))
        return math.copysign(math.inf, v) if abs(v) > 1e200 else v

    return tuple(tuple(limit(fn, x) for x in (-1e300, 1e300)) for fn in REFERENCE[name])


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_non_finite_input_follows_the_limits(name, dtype):
    act = actlib.get(name)
    x = np.array([-np.inf, np.inf, np.nan, 1.0], dtype=dtype)
    (f_lo, f_hi), (d_lo, d_hi) = expected_limits(name)
    y, d = act(x), act.derivative(x)
    np.testing.assert_allclose(y[:2].astype(float), [f_lo, f_hi], rtol=1e-3)
    np.testing.assert_allclose(d[:2].astype(float), [d_lo, d_hi], rtol=1e-3)
    assert np.isnan(y[2]) and np.isnan(d[2])
    assert y[3] == act(dtype(1.0)) and d[3] == act.derivative(dtype(1.0))
    # The limit is what the function approaches, not just a stored number.
    big = 1e30 if dtype != np.float16 else 6e4
    with np.errstate(over="ignore"):
        approach = act(np.array([-big, big], dtype=dtype)).astype(float)
    for lim, val in zip((f_lo, f_hi), approach):
        if np.isinf(lim):
            assert np.sign(val) == np.sign(lim) and abs(val) >= 1e-3 * big
        else:
            assert abs(val - lim) < 1e-3 * max(1, abs(lim))


# Every kernel, including the ones that skip the scan for non-finite input
# (handles_nonfinite), at defaults and at parameters that move the limits.
NONFINITE_CASES = [(name, {}) for name in NAMES] + [
    ("leaky_relu", {"alpha": 0.0}), ("leaky_relu", {"alpha": 1.0}), ("prelu", {"alpha": -0.5}), ("prelu", {"alpha": 2.0}),
    ("elu", {"alpha": 0.0}), ("elu", {"alpha": 1.5}), ("elu", {"alpha": 2.5}), ("celu", {"alpha": 1e-3}), ("celu", {"alpha": 3.0}),
    ("softplus", {"beta": 1e-3}), ("softplus", {"beta": 50.0}), ("silu", {"beta": 0.5}), ("silu", {"beta": 50.0}),
    ("hard_tanh", {"min_val": -2.0, "max_val": 3.0}), ("gelu", {"approximate": True}),
]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("name,params", NONFINITE_CASES, ids=[f"{n}{p or ''}" for n, p in NONFINITE_CASES])
def test_every_kernel_gives_the_declared_limits_and_keeps_nan(name, params, dtype):
    """Forward, derivative and value_and_derivative, on one block and on many, without a warning."""
    act = actlib.get(name)
    full = {**act.params, **params}
    limits = [act._limits(**full), act._grad_limits(**full)]
    short = np.array([-np.inf, np.inf, np.nan, 0.5], dtype=dtype)
    finite = [act(np.array([0.5], dtype=dtype), **params)[0], act.derivative(np.array([0.5], dtype=dtype), **params)[0]]
    for x in (short, np.resize(short, 100_003)):  # 100_003 elements: many blocks, each with all four kinds
        both = act.value_and_derivative(x, **params)
        for k, y in ((0, act(x, **params)), (1, act.derivative(x, **params)), (0, both[0]), (1, both[1])):
            y = y.reshape(-1, 4) if y.size % 4 == 0 else y[: y.size // 4 * 4].reshape(-1, 4)
            np.testing.assert_allclose(y[:, :2].astype(float), np.broadcast_to(np.array(limits[k], dtype=float), y[:, :2].shape),
                                       rtol=4 * np.finfo(dtype).eps)
            assert np.isnan(y[:, 2]).all()
            assert (y[:, 3] == finite[k]).all()


finite64 = st.floats(allow_nan=False, allow_infinity=False, width=64)
finite32 = st.floats(allow_nan=False, allow_infinity=False, width=32)


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=150, deadline=None)
@given(x=st.lists(finite64, min_size=1, max_size=8), x32=st.lists(finite32, min_size=1, max_size=8))
def test_finite_input_never_warns_or_gives_nan(name, x, x32):
    act = actlib.get(name)
    for arr in (np.array(x), np.array(x32, dtype=np.float32)):
        with np.errstate(all="raise", under="ignore"):
            y, d = act(arr), act.derivative(arr)
        assert not np.isnan(y).any() and not np.isnan(d).any()
        # inf only where the exact value itself overflows the dtype (SELU just below the largest float)
        infinite = arr[~np.isfinite(y)]
        exact = [abs(float(REFERENCE_FORMS[name][0](REFERENCE_CTX.mpf(float(v))))) for v in infinite]
        assert all(e > float(np.finfo(arr.dtype).max) for e in exact), (infinite, exact)
        assert np.isfinite(d).all()


@pytest.mark.parametrize(
    "name,x",
    [("sigmoid", -800.0), ("softplus", 800.0), ("gelu", -40.0), ("mish", -1000.0), ("tanh", 30.0),
     ("silu", -710.0), ("log_sigmoid", -800.0), ("softplus", -800.0), ("celu", -1e308), ("arctan", 1e300)],
)
def test_classic_overflow_points_are_exact_enough(name, x):
    from actlib.reference import exact

    act = actlib.get(name)
    for fn, derivative in ((act, False), (act.derivative, True)):
        got = fn(x)
        want = exact(name, [x], derivative=derivative)[0]
        assert np.isfinite(got)
        assert got == pytest.approx(want, rel=1e-14, abs=1e-300)


# -- agreement with scipy ----------------------------------------------------
def test_sigmoid_and_log_sigmoid_agree_with_scipy():
    x = np.concatenate([np.linspace(-50, 50, 1001), [-700.0, 700.0]])
    np.testing.assert_allclose(actlib.sigmoid(x), special.expit(x), rtol=1e-15)
    np.testing.assert_allclose(actlib.log_sigmoid(x), special.log_expit(x), rtol=1e-15)
    np.testing.assert_allclose(actlib.gelu(x), x * special.ndtr(x), rtol=1e-15)


# -- metadata claims ---------------------------------------------------------
@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=200, deadline=None)
@given(a=st.floats(-1e6, 1e6), b=st.floats(-1e6, 1e6))
def test_monotonic_claim_holds_for_pairs(name, a, b):
    act = actlib.get(name)
    if act.monotonic:
        lo, hi = min(a, b), max(a, b)
        assert act(lo) <= act(hi)


@pytest.mark.parametrize("name", NAMES)
def test_monotonic_claim_is_tight(name):
    act = actlib.get(name)
    x = np.linspace(-6, 6, 12001)
    decreasing = np.any(np.diff(act(x)) < 0)
    assert decreasing != act.monotonic
    assert (act.derivative(x).min() >= 0) == act.monotonic


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=200, deadline=None)
@given(x=finite64)
def test_output_lies_in_output_range(name, x):
    act = actlib.get(name)
    lo, hi = act.output_range
    with np.errstate(over="ignore"):
        y = float(act(x))
    slack = 4 * np.spacing(max([abs(b) for b in (lo, hi) if np.isfinite(b)] + [1.0]))
    assert lo - slack <= y <= hi + slack or (np.isinf(y) and np.isinf(hi))


@pytest.mark.parametrize("name", NAMES)
def test_output_range_is_tight(name):
    act = actlib.get(name)
    lo, hi = act.output_range
    x = np.concatenate([np.linspace(-50, 50, 200001), [-1e300, 1e300]])
    with np.errstate(over="ignore"):
        y = act(x)
    # The interior minimum of the non-monotonic ones (SiLU, GELU, ...), found precisely.
    interior = minimize_scalar(lambda t: float(act(t)), bounds=(-5, 5), method="bounded", options={"xatol": 1e-12}).fun
    for bound, extreme in ((lo, min(y.min(), interior)), (hi, y.max())):
        if np.isinf(bound):
            assert np.isinf(extreme) or abs(extreme) > 1e295  # unbounded side really is unbounded
        else:
            assert abs(extreme - bound) < 1e-9 * max(1, abs(bound))  # bound is attained or approached


def _gaussian_mean(fn):
    x = np.linspace(-12, 12, 240001)
    w = np.exp(-x * x / 2) / math.sqrt(2 * math.pi)
    return np.trapezoid(fn(x) * w, x)


@pytest.mark.parametrize("name", NAMES)
def test_zero_centered_claim_is_the_mean_under_standard_normal_input(name):
    """zero_centered: E[f(Z)] = 0 for Z ~ N(0, 1): zero-mean input stays zero-mean."""
    act = actlib.get(name)
    mean = _gaussian_mean(act)
    if act.zero_centered:
        assert abs(mean) < 1e-6
    else:
        assert abs(mean) > 1e-3


@pytest.mark.parametrize("name", NAMES)
def test_smooth_claim_is_continuous_differentiability(name):
    """smooth: f and f' are continuous everywhere (C^1)."""
    act = actlib.get(name)
    centres = np.concatenate([np.linspace(-8, 8, 1601), act.kinks()])
    d = 1e-9
    jump_f = np.abs(act(centres + d) - act(centres - d)).max()
    jump_df = np.abs(act.derivative(centres + d) - act.derivative(centres - d)).max()
    if act.smooth:
        assert jump_f < 1e-6 and jump_df < 1e-6
    else:
        assert max(jump_f, jump_df) > 1e-3


def test_kinks_follow_the_parameters():
    """The examples of the API reference and of ``kinks``'s docstring."""
    assert actlib.hard_tanh.kinks() == (-1.0, 1.0) and actlib.hard_tanh.kinks(max_val=2.0) == (-1.0, 2.0)
    assert actlib.relu.kinks() == (0.0,) and actlib.gelu.kinks() == ()
    assert actlib.elu.kinks() == () and actlib.elu.kinks(alpha=0.5) == (0.0,)  # C^1 only for alpha = 1


# --------------------------------------------------------------------------
# The shared value-and-derivative path and the blocked evaluation
# --------------------------------------------------------------------------
def _many_points(dtype):
    """More points than one evaluation block holds, with every edge: 0, ±inf, NaN, huge, tiny."""
    fi = np.finfo(dtype)
    edges = [0.0, -0.0, np.inf, -np.inf, np.nan, fi.max, -fi.max, fi.tiny, -fi.tiny, 1e-30, -745.0, 88.7, -3.0, 3.0, 6.0]
    x = np.concatenate([RNG.normal(0, 5, 70_000), np.geomspace(1e-8, 1e4, 500), -np.geomspace(1e-8, 1e4, 500), edges * 20])
    with np.errstate(over="ignore"):
        return RNG.permutation(x).astype(dtype)


@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["float32", "float64"])
@pytest.mark.parametrize("name", NAMES)
def test_value_and_derivative_agrees_with_the_separate_calls(name, dtype):
    act = actlib.get(name)
    x = _many_points(dtype).reshape(-1, 10)  # 2-d: the shape must come back
    value, derivative = act.value_and_derivative(x)
    for got, expected in ((value, act(x)), (derivative, act.derivative(x))):
        assert got.dtype == expected.dtype == dtype and got.shape == expected.shape == x.shape
        # The shared kernel may round in another order: a few ulps, never more.
        np.testing.assert_array_max_ulp(got, expected, maxulp=4)


@pytest.mark.parametrize("name", NAMES)
def test_value_and_derivative_of_a_scalar_and_an_empty_array(name):
    act = actlib.get(name)
    value, derivative = act.value_and_derivative(0.5)
    assert value == act(0.5) and np.ndim(value) == 0
    assert abs(derivative - act.derivative(0.5)) <= 4 * np.spacing(act.derivative(0.5))
    empty = act.value_and_derivative(np.zeros((0, 3), np.float32))
    assert [v.shape for v in empty] == [(0, 3), (0, 3)] and [v.dtype for v in empty] == [np.float32, np.float32]


@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["float32", "float64"])
@pytest.mark.parametrize("name", NAMES)
def test_blocked_evaluation_matches_element_by_element(name, dtype):
    """A long array is evaluated in blocks: each element must come out as when it is evaluated alone."""
    act = actlib.get(name)
    x = _many_points(dtype)
    picks = RNG.choice(x.size, 300, replace=False)
    for fn in (act, act.derivative):
        whole = fn(x)
        alone = np.array([fn(x[i : i + 1])[0] for i in picks])
        np.testing.assert_array_equal(whole[picks], alone)
