"""The backward interface: ``vjp`` (gradient with respect to x) and ``param_vjp`` (with respect to parameters).

Checked against central finite differences, against mpmath where the closed
form is written for stability, and against torch autograd when torch is
installed.
"""

import math

import numpy as np
import pytest

import actlib
from actlib import reference
from actlib._base import PARAM_KINDS

ELEMENTWISE = actlib.names(kind="elementwise", aliases=False)
ALL = actlib.names(aliases=False)
RNG_SEED = 20261129
DTYPES = [np.float16, np.float32, np.float64]


def continuous_params(act) -> set:
    """The parameters that can have a gradient, by their declared kind."""
    return {k for k, spec in act._param_specs.items() if PARAM_KINDS[spec.kind].continuous}


# Every activation with a continuous parameter at its defaults, and some other values.
PARAM_CASES = [(n, {}) for n in ALL if continuous_params(actlib.get(n))] + [
    ("leaky_relu", {"alpha": 0.3}), ("prelu", {"alpha": -0.5}), ("elu", {"alpha": 2.0}),
    ("celu", {"alpha": 0.4}), ("celu", {"alpha": 3.0}), ("softplus", {"beta": 3.0}), ("softplus", {"beta": 0.2}),
    ("silu", {"beta": 0.7}), ("hard_tanh", {"min_val": -0.5, "max_val": 2.0}),
]


def _points(n=300, seed=RNG_SEED):
    rng = np.random.default_rng(seed)
    return np.concatenate([rng.normal(0, 1, n), rng.normal(0, 6, n), [-40.0, -12.0, 12.0, 40.0]])


def _away_from_kinks(x, kinks, h):
    keep = np.ones(x.shape, bool)
    for k in kinks:
        keep &= np.abs(x - k) > 4 * h
    return x[keep]


def _kinks(name, params):
    return actlib.get(name).kinks(**params)


# -- vjp ---------------------------------------------------------------------
@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: d.__name__)
@pytest.mark.parametrize("name", ELEMENTWISE)
def test_elementwise_vjp_is_g_times_the_derivative(name, dtype):
    act = actlib.get(name)
    x = _points().astype(dtype).reshape(-1, 4)
    g = np.random.default_rng(1).normal(size=x.shape).astype(dtype)
    got = act.vjp(x, g)
    assert got.dtype == dtype and got.shape == x.shape
    # g times actlib's own derivative in x's dtype (its accuracy is test_accuracy's
    # business): the product adds one rounding, nothing more.
    want = g.astype(np.float64) * act.derivative(x).astype(np.float64)
    eps = float(np.finfo(dtype).eps)
    np.testing.assert_allclose(got.astype(np.float64), want, rtol=2 * eps, atol=float(np.finfo(dtype).tiny))


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_vjp_matches_central_finite_differences(name):
    act = actlib.get(name)
    h = 1e-6
    x = _away_from_kinks(_points(), _kinks(name, {}), h)
    g = np.random.default_rng(2).normal(size=x.shape)
    # d/dx_i sum(g * f(x)) = g_i f'(x_i): one difference quotient per element.
    fd = g * (act(x + h) - act(x - h)) / (2 * h)
    np.testing.assert_allclose(act.vjp(x, g), fd, rtol=1e-6, atol=1e-9)


def test_vjp_of_a_scalar_is_a_scalar_and_non_finite_input_follows_ieee():
    assert actlib.relu.vjp(2.0, 3.0) == 3.0 and np.ndim(actlib.relu.vjp(2.0, 3.0)) == 0
    x = np.array([-np.inf, np.inf, np.nan, 1.0])
    got = actlib.sigmoid.vjp(x, np.array([1.0, np.inf, 1.0, np.nan]))
    assert got[0] == 0 and np.isnan(got[1]) and np.isnan(got[2]) and np.isnan(got[3])  # inf * 0 is NaN


@pytest.mark.parametrize("name", ALL)
def test_bad_g_is_a_clear_error(name):
    act = actlib.get(name)
    kw = {"pieces": 2} if name == "maxout" else {}
    x = np.ones((3, 4))
    for method in (act.vjp, act.param_vjp):
        with pytest.raises(ValueError, match=r"actlib\.\w+: argument 'g' must have the output's shape"):
            method(x, np.ones((4, 3)), **kw)
        with pytest.raises(TypeError, match="argument 'g'"):
            method(x, np.full(np.shape(act(x, **kw)), "a"), **kw)


# -- param_vjp -----------------------------------------------------------------
@pytest.mark.parametrize("name", ALL)
def test_param_vjp_covers_exactly_the_continuous_parameters(name):
    act = actlib.get(name)
    kw = {"pieces": 2} if name == "maxout" else {}
    x = np.linspace(-2, 2, 8).reshape(2, 4)
    grads = act.param_vjp(x, np.ones(np.shape(act(x, **kw))), **kw)
    assert set(grads) == continuous_params(act), f"{name}: declare param_grads for every continuous parameter"
    for k, v in grads.items():
        assert type(v) is float, f"{name}: the gradient of the scalar {k} must be a Python float"


def _param_fd(act, x, g, params, k, h):
    up = {**act.params, **params, k: params.get(k, act.params[k]) + h}
    down = {**act.params, **params, k: params.get(k, act.params[k]) - h}
    return float(np.sum(g * (act(x, **up) - act(x, **down)))) / (2 * h)


@pytest.mark.parametrize("name,params", PARAM_CASES, ids=lambda v: str(v))
def test_param_vjp_matches_central_finite_differences(name, params):
    act = actlib.get(name)
    h = 1e-6
    # Away from the kinks in x and, for hard_tanh, from where x crosses a bound.
    x = _away_from_kinks(_points(), _kinks(name, params), 1e-4)
    g = np.random.default_rng(3).normal(size=x.shape)
    grads = act.param_vjp(x, g, **params)
    for k, got in grads.items():
        fd = _param_fd(act, x, g, params, k, h)
        assert got == pytest.approx(fd, rel=1e-6, abs=1e-8), (name, k)


def test_hard_tanh_partials_sum_to_one():
    """Shifting x, min_val and max_val together shifts f: the three partials sum to 1, kinks included."""
    x = np.array([-3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0])
    for i in range(x.size):
        g = np.zeros_like(x)
        g[i] = 1
        p = actlib.hard_tanh.param_vjp(x, g)
        assert actlib.hard_tanh.vjp(x, g)[i] + p["min_val"] + p["max_val"] == 1.0


def _mp_param_derivative(name, k, x, params):
    f = reference.REFERENCE[name][0]
    base = {**actlib.get(name).params, **params}
    ctx = reference.ctx
    with ctx.workdps(600):  # f(x) - f(x + h) must keep e^-700-sized differences
        return ctx.diff(lambda t: f(ctx.mpf(x), **{**base, k: t}), ctx.mpf(base[k]))


@pytest.mark.parametrize(
    "name,params,k",
    [("softplus", {}, "beta"), ("softplus", {"beta": 4.0}, "beta"), ("celu", {}, "alpha"),
     ("celu", {"alpha": 0.3}, "alpha"), ("silu", {}, "beta"), ("elu", {}, "alpha"), ("leaky_relu", {}, "alpha")],
)
def test_param_gradient_is_accurate_against_mpmath(name, params, k):
    """Relative error in the tails and near 0, where a textbook closed form cancels."""
    x = np.array([-700.0, -40.0, -5.0, -1.0, -0.3, -1e-3, -1e-6, -1e-9, 1e-9, 1e-3, 0.7, 5.0, 30.0, 60.0, 700.0])
    act = actlib.get(name)
    for xi in x:
        want = _mp_param_derivative(name, k, xi, params)
        got = act.param_vjp(np.array([xi]), np.array([1.0]), **params)[k]
        if abs(want) < np.finfo(np.float64).tiny:  # the exact gradient underflows
            assert abs(got) < np.finfo(np.float64).tiny, (name, xi, got)
            continue
        assert abs((got - want) / want) < 8 * np.finfo(np.float64).eps, (name, xi, got, float(want))


def test_prelu_per_channel_alpha_gradient_has_alpha_shape():
    rng = np.random.default_rng(4)
    x = rng.normal(size=(4, 3, 2, 2))
    g = rng.normal(size=x.shape)
    alpha = np.array([0.1, 0.2, -0.3]).reshape(3, 1, 1)
    got = actlib.prelu.param_vjp(x, g, alpha)["alpha"]
    assert got.shape == (3, 1, 1) and got.dtype == np.float64
    np.testing.assert_allclose(got.ravel(), (g * np.minimum(x, 0)).sum(axis=(0, 2, 3)), rtol=1e-14)
    h = 1e-6
    for c in range(3):
        e = np.zeros_like(alpha)
        e[c] = h
        fd = np.sum(g * (actlib.prelu(x, alpha + e) - actlib.prelu(x, alpha - e))) / (2 * h)
        assert got[c, 0, 0] == pytest.approx(fd, rel=1e-7)
    # A float32 batch with a float32 slope: the gradient is float32 too.
    got32 = actlib.prelu.param_vjp(x.astype(np.float32), g.astype(np.float32), alpha.astype(np.float32))["alpha"]
    assert got32.dtype == np.float32 and got32.shape == (3, 1, 1)
    # A slope broadcast along the last axis only: (2,) against (..., 2).
    got_w = actlib.prelu.param_vjp(x, g, np.array([0.1, 0.2]))["alpha"]
    np.testing.assert_allclose(got_w, (g * np.minimum(x, 0)).reshape(-1, 2).sum(axis=0), rtol=1e-14)


def test_param_gradients_at_infinite_input_follow_the_limits():
    x = np.array([-np.inf, np.inf, np.nan])
    g = np.array([1.0, 0.0, 0.0])
    assert actlib.prelu.param_vjp(x[:2], g[:2])["alpha"] == -np.inf  # d(alpha x)/d alpha = x
    assert actlib.elu.param_vjp(x[:2], g[:2])["alpha"] == -1.0
    assert actlib.celu.param_vjp(x[:2], g[:2])["alpha"] == -1.0
    assert math.isnan(actlib.softplus.param_vjp(x, g)["beta"])  # NaN input anywhere: NaN


# -- torch autograd ------------------------------------------------------------
def _torch_param_fns():
    """Torch forms whose parameters are tensors, so autograd differentiates them too (F.leaky_relu's slope is not)."""
    torch = pytest.importorskip("torch")
    return torch, {
        "leaky_relu": lambda t, alpha: torch.where(t > 0, t, alpha * t),
        "prelu": lambda t, alpha: torch.where(t > 0, t, alpha * t),
        # The exponential sees min(t, 0): torch.where's unused branch would
        # otherwise overflow and turn the gradient into 0 * inf = NaN.
        "elu": lambda t, alpha: torch.where(t > 0, t, alpha * torch.expm1(t.clamp(max=0))),
        "celu": lambda t, alpha: torch.where(t > 0, t, alpha * torch.expm1(t.clamp(max=0) / alpha)),
        "softplus": lambda t, beta: torch.logaddexp(torch.zeros_like(t), beta * t) / beta,
        "silu": lambda t, beta: t * torch.sigmoid(beta * t),
        "hard_tanh": lambda t, min_val, max_val: torch.clamp(t, min=min_val, max=max_val),
    }


@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=lambda d: d.__name__)
@pytest.mark.parametrize("name,params", PARAM_CASES, ids=lambda v: str(v))
def test_vjp_and_param_vjp_match_torch_autograd(name, params, dtype):
    torch, fns = _torch_param_fns()
    act = actlib.get(name)
    assert name in fns, f"add a torch form of {name} with tensor parameters to _torch_param_fns"
    x = _away_from_kinks(_points(seed=5), _kinks(name, params), 1e-3).astype(dtype)
    g = np.random.default_rng(6).normal(size=x.shape).astype(dtype)
    full = {**act.params, **params}
    t = torch.from_numpy(x.copy()).requires_grad_()
    tp = {k: torch.tensor(v, dtype=t.dtype, requires_grad=True) for k, v in full.items()}
    y = fns[name](t, **tp)
    y.backward(torch.from_numpy(g))
    eps = float(np.finfo(dtype).eps)
    np.testing.assert_allclose(act.vjp(x, g, **params), t.grad.numpy(), rtol=8 * eps, atol=8 * eps)
    grads = act.param_vjp(x, g, **params)
    # Every partial here keeps one sign, so the gradient for |g| is sum |g * partial|.
    scales = act.param_vjp(x, np.abs(g), **params)
    for k, got in grads.items():
        # A sum over ~600 products in a different order: a few ulps of sum |g * partial|.
        assert abs(got - tp[k].grad.item()) <= 64 * eps * abs(scales[k]), (k, got, tp[k].grad.item())


@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=lambda d: d.__name__)
def test_per_channel_prelu_matches_torch(dtype):
    torch, _ = _torch_param_fns()
    F = torch.nn.functional
    rng = np.random.default_rng(7)
    x = rng.normal(0, 3, (4, 3, 5, 6)).astype(dtype)
    x[:, :, 0, 0] = 0.0  # the kink: d/dx = alpha, d/dalpha = 0 in both
    alpha = np.array([0.25, -0.5, 1.5], dtype=dtype).reshape(3, 1, 1)
    g = rng.normal(size=x.shape).astype(dtype)
    t = torch.from_numpy(x.copy()).requires_grad_()
    w = torch.tensor(alpha.ravel(), requires_grad=True)
    F.prelu(t, w).backward(torch.from_numpy(g))
    eps = float(np.finfo(dtype).eps)
    np.testing.assert_allclose(actlib.prelu.vjp(x, g, alpha), t.grad.numpy(), rtol=2 * eps, atol=0)
    got = actlib.prelu.param_vjp(x, g, alpha)["alpha"]
    assert got.shape == (3, 1, 1) and got.dtype == dtype
    scale = np.abs(g * x).astype(np.float64).sum(axis=(0, 2, 3))
    np.testing.assert_array_less(np.abs(got.ravel() - w.grad.numpy()), 8 * eps * scale)
