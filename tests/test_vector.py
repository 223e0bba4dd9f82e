"""Vector-valued activations: softmax, log-softmax, maxout, GLU family."""

import numpy as np
import pytest
from scipy import special

import actlib
from actlib.reference import ctx

RNG = np.random.default_rng(7)
VECTOR = actlib.names(kind="vector", aliases=False)
KW = {"maxout": {"pieces": 3}}


def fd_vjp(fn, x, g, h=1e-6, **kw):
    """Gradient of sum(g * fn(x)) by central differences, one coordinate at a time."""
    grad = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        e = np.zeros_like(x)
        e[idx] = h
        grad[idx] = np.sum(g * (fn(x + e, **kw) - fn(x - e, **kw))) / (2 * h)
    return grad


@pytest.mark.parametrize("name", VECTOR)
@pytest.mark.parametrize("axis", [-1, 0, 1])
def test_vjp_matches_finite_differences(name, axis):
    act = actlib.get(name)
    x = RNG.normal(0, 2, (6, 6, 6))
    kw = {**KW.get(name, {}), "axis": axis}
    y = act(x, **kw)
    g = RNG.normal(size=y.shape)
    np.testing.assert_allclose(act.vjp(x, g, **kw), fd_vjp(act, x, g, **kw), rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("name", ["softmax", "log_softmax"])
@pytest.mark.parametrize("axis", [-1, 0, 1])
def test_jacobian_shape_entries_and_consistency_with_vjp(name, axis):
    act = actlib.get(name)
    x = RNG.normal(0, 3, (2, 3, 4))
    n = x.shape[axis]
    jac = act.jacobian(x, axis=axis)
    assert jac.shape == x.shape + (n,)
    h = 1e-6
    ax = axis % x.ndim
    for j in range(n):
        e = np.zeros_like(x)
        np.moveaxis(e, ax, -1)[..., j] = h
        column = (act(x + e, axis=axis) - act(x - e, axis=axis)) / (2 * h)
        np.testing.assert_allclose(jac[..., j], column, rtol=1e-6, atol=1e-8)
    g = RNG.normal(size=x.shape)
    via_jac = np.einsum("...ij,...i->...j", np.moveaxis(jac, ax, -2), np.moveaxis(g, ax, -1))
    np.testing.assert_allclose(np.moveaxis(via_jac, -1, ax), act.vjp(x, g, axis=axis), rtol=1e-12, atol=1e-14)


def test_softmax_and_log_softmax_agree_with_scipy_on_batches():
    x = RNG.normal(0, 10, (4, 5, 6))
    for axis in (0, 1, 2, -1):
        np.testing.assert_allclose(actlib.softmax(x, axis=axis), special.softmax(x, axis=axis), rtol=1e-13, atol=1e-300)
        # scipy forms log(sum(exp)) directly and loses digits of entries near 0; actlib uses log1p.
        np.testing.assert_allclose(actlib.log_softmax(x, axis=axis), special.log_softmax(x, axis=axis), rtol=1e-12, atol=1e-15)


def test_softmax_normalises_each_slice_with_its_own_maximum():
    # One global maximum (a classic bug) would underflow the second row to 0/0.
    x = np.array([[1000.0, 0.0], [-1000.0, -999.0]])
    p = actlib.softmax(x)
    np.testing.assert_allclose(p.sum(axis=-1), 1.0)
    np.testing.assert_allclose(p[1], special.expit([-1.0, 1.0]), rtol=1e-15)
    np.testing.assert_allclose(actlib.softmax(x, axis=0).sum(axis=0), 1.0)


@pytest.mark.parametrize("top", [1e20, 1e300, np.finfo(np.float64).max])
def test_softmax_with_a_huge_maximum_puts_all_mass_on_it(top):
    # Past 1e20, m - 1e4 rounds to m: a clip at m - 1e4 made every entry tie (0.25 each).
    x = np.array([top, 0.0, 0.0, 2.0])
    np.testing.assert_array_equal(actlib.softmax(x), [1.0, 0.0, 0.0, 0.0])
    y = actlib.log_softmax(x)
    assert y[0] == 0.0 and y[1] == -top and y[3] == -top + 2.0


def test_log_softmax_keeps_tiny_terms():
    y = actlib.log_softmax(np.array([0.0, -100.0]))
    assert y[0] == pytest.approx(-np.exp(-100.0), rel=1e-15)  # log(softmax) would give 0
    assert np.isfinite(actlib.log_softmax(np.array([0.0, -1e4]))).all()


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("name", ["softmax", "log_softmax"])
def test_accuracy_against_mpmath(name, dtype):
    """Backward stable: |err| <= 4 ulp + 4 eps * sum_j |x_j dy_i/dx_j|."""
    eps = float(np.finfo(dtype).eps)
    cases = [RNG.normal(0, s, 5) for s in (0.1, 1, 10, 100, 1000)] + [np.array([0.0, -100.0, -700.0]), np.array([1e4, -1e4, 1e4 - 1])]
    for x in cases:
        x = x.astype(dtype)
        y = getattr(actlib, name)(x)
        xs = [ctx.mpf(float(v)) for v in x]
        m = max(xs)
        top = xs.index(m)
        rest = ctx.fsum(ctx.exp(v - m) for j, v in enumerate(xs) if j != top)  # 1 + rest, without rounding away rest
        total = 1 + rest
        for i, yi in enumerate(y):
            p_i = ctx.exp(xs[i] - m) / total
            exact = (xs[i] - m - ctx.log1p(rest)) if name == "log_softmax" else p_i
            p = [ctx.exp(v - m) / total for v in xs]
            if name == "softmax":
                sens = sum(abs(xs[j] * p_i * ((1 if i == j else 0) - p[j])) for j in range(len(xs)))
            else:
                sens = sum(abs(xs[j] * ((1 if i == j else 0) - p[j])) for j in range(len(xs)))
            ulp = float(np.spacing(np.abs(dtype(float(exact)))))
            err = float(abs(ctx.mpf(float(yi)) - exact))
            assert err <= 4 * ulp + 4 * eps * float(sens) or (abs(float(exact)) < np.finfo(dtype).tiny and err < np.finfo(dtype).tiny), (x, i)


@pytest.mark.parametrize(
    "x,expected",
    [
        ([np.inf, 0.0, 1.0], [1.0, 0.0, 0.0]),
        ([np.inf, np.inf, 0.0], [0.5, 0.5, 0.0]),
        ([-np.inf, 0.0, 0.0], [0.0, 0.5, 0.5]),
        ([-np.inf, -np.inf], [np.nan, np.nan]),
        ([np.nan, 0.0], [np.nan, np.nan]),
    ],
)
def test_softmax_non_finite_input_follows_the_limits(x, expected):
    x = np.array([x, [0.0] * len(x)])  # the second, finite row is unaffected
    p = actlib.softmax(x)
    np.testing.assert_array_equal(p[0], expected)
    np.testing.assert_allclose(p[1], 1 / x.shape[1])
    with np.errstate(divide="ignore"):
        np.testing.assert_array_equal(actlib.log_softmax(x)[0], np.log(expected))


def test_maxout_groups_consecutive_pieces_and_routes_gradient_to_first_winner():
    x = np.array([[1.0, 5.0, 5.0, -1.0, 0.0, -2.0]])
    np.testing.assert_array_equal(actlib.maxout(x, pieces=3), [[5.0, 0.0]])
    np.testing.assert_array_equal(actlib.maxout.vjp(x, np.array([[2.0, 3.0]]), pieces=3), [[0.0, 2.0, 0.0, 0.0, 3.0, 0.0]])
    xt = x.T
    np.testing.assert_array_equal(actlib.maxout(xt, 2, axis=0), [[5.0], [5.0], [0.0]])
    # ReLU is maxout of (0, x).
    z = RNG.normal(size=10)
    np.testing.assert_array_equal(actlib.maxout(np.stack([np.zeros(10), z], axis=-1), 2)[:, 0], actlib.relu(z))


def test_glu_family_values():
    x = RNG.normal(size=(3, 8))
    a, b = x[:, :4], x[:, 4:]
    np.testing.assert_allclose(actlib.glu(x), a * special.expit(b), rtol=1e-15)
    np.testing.assert_allclose(actlib.swiglu(x), a * b * special.expit(b), rtol=1e-14)
    np.testing.assert_allclose(actlib.geglu(x), a * b * special.ndtr(b), rtol=1e-14)
    np.testing.assert_allclose(actlib.geglu(x, approximate=True), a * actlib.gelu(b, approximate=True), rtol=1e-15)
    np.testing.assert_allclose(actlib.glu(x.T, axis=0), actlib.glu(x).T)


def test_vector_functions_never_warn_on_finite_extremes():
    x = np.array([[1e308, -1e308, 0.0, 5e-324], [-800.0, 800.0, -1e4, 1e4]])
    with np.errstate(all="raise", under="ignore"):
        for name in VECTOR:
            act = actlib.get(name)
            kw = {"pieces": 2} if name == "maxout" else {}
            y = act(x, **kw)
            assert not np.isnan(y).any()
            assert not np.isnan(act.vjp(x, np.ones_like(y), **kw)).any()


# -- metadata claims ---------------------------------------------------------
def test_range_claims():
    x = RNG.normal(0, 50, (200, 7))
    p = actlib.softmax(x)
    assert p.min() >= 0 and p.max() <= 1 and actlib.softmax.output_range == (0, 1)
    assert actlib.log_softmax(x).max() <= 0 and actlib.log_softmax.output_range[1] == 0
    for name in ("maxout", "glu", "swiglu", "geglu"):
        act = actlib.get(name)
        assert not act.bounded_above and not act.bounded_below
        big = act(np.array([1e300, -1e300, 1e300, 1e300]), **({"pieces": 2} if name == "maxout" else {}))
        assert np.max(np.abs(big)) > 1e299


def test_monotonic_claims():
    x = RNG.normal(0, 2, (50, 6))
    for name in ("softmax", "log_softmax"):  # each output rises with its own input
        diag = np.diagonal(actlib.get(name).jacobian(x), axis1=-2, axis2=-1)
        assert actlib.get(name).monotonic and diag.min() >= 0
    assert actlib.maxout.monotonic and actlib.maxout.vjp(x, np.ones((50, 2)), pieces=3).min() >= 0
    for name in ("glu", "swiglu", "geglu"):  # the gate can push the output down
        act = actlib.get(name)
        assert not act.monotonic and act.vjp(x, np.ones((50, 3))).min() < 0


def test_zero_centered_claims():
    x = RNG.normal(size=(100000, 4))
    for name in ("glu", "swiglu", "geglu"):  # odd in the value half: mean exactly zero
        act = actlib.get(name)
        flipped = np.concatenate([-x[:, :2], x[:, 2:]], axis=1)
        np.testing.assert_allclose(act(flipped), -act(x))
        assert act.zero_centered
    assert not actlib.maxout.zero_centered and actlib.maxout(x, pieces=2).mean() > 0.5  # E max(Z1, Z2) = 1/sqrt(pi)
    assert not actlib.softmax.zero_centered and actlib.softmax(x).mean() == pytest.approx(0.25)
    assert not actlib.log_softmax.zero_centered and actlib.log_softmax(x).mean() < -1


def test_smooth_claims():
    # maxout's gradient jumps where two pieces tie; softmax's does not.
    d = 1e-9
    left = actlib.maxout.vjp(np.array([1.0 - d, 1.0]), np.ones(1), pieces=2)
    right = actlib.maxout.vjp(np.array([1.0 + d, 1.0]), np.ones(1), pieces=2)
    assert not actlib.maxout.smooth and np.abs(left - right).max() == 1
    for name in ("softmax", "log_softmax", "glu", "swiglu", "geglu"):
        act = actlib.get(name)
        x = RNG.normal(size=(20, 4))
        jump = np.abs(act.vjp(x + d, np.ones_like(act(x))) - act.vjp(x - d, np.ones_like(act(x)))).max()
        assert act.smooth and jump < 1e-6


@pytest.mark.parametrize("name", ["softmax", "log_softmax", "maxout", "glu", "swiglu", "geglu"])
def test_vjp_of_an_empty_batch_is_an_empty_gradient(name):
    """A batch of no rows gives a gradient of no rows (maxout's reshape once inferred a size from -1 and raised)."""
    act = getattr(actlib, name)
    kw = {"pieces": 2} if name == "maxout" else {}
    x = np.zeros((0, 4))
    out = act(x, **kw)
    assert out.shape[0] == 0
    assert act.vjp(x, np.zeros(out.shape), **kw).shape == (0, 4)
