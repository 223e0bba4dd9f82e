"""actlib against PyTorch: every value, derivative, VJP and Jacobian, with torch autograd as the reference.

PyTorch is optional: without it the whole module is skipped. Float64 results
are compared with float64 torch tensors, float32 with float32.

Tolerances. actlib evaluates float32 in float64 and rounds once; torch's
kernels are within a few ulps where they are well conditioned, so the base
test is ``|actlib - torch| <= 4 eps |torch| + atol``. The absolute part is

* for values, ``1024 * tiny``: torch's float32 kernels flush results (and
  factors such as sigmoid(-90)) below the normal range to zero;
* for derivatives, ``4 eps``: torch's backward formulas compute
  ``1 - sigmoid``, ``1 - tanh^2``, ``1 + erf``, ``1/(1+|x|) - |x|/(1+|x|)^2``,
  each with an absolute error of an ulp of 1 (a relative error of 100 %
  once the true value is below eps). Every derivative here is bounded by 1.76,
  so absolute agreement to a few ulps of 1 is the meaningful test there.

Where actlib is deliberately more exact than torch, the wider bound is in
``EXTRA_ATOL`` with the reason; nothing is skipped. At the kinks the
conventions must agree to one ulp (``test_conventions_at_kinks``).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import actlib
from torch_map import TORCH, TORCH_VECTOR

torch = pytest.importorskip("torch")
F = torch.nn.functional

DTYPES = [np.float32, np.float64]
TORCH_DTYPE = {np.float32: torch.float32, np.float64: torch.float64}
ELEMENTWISE = actlib.names(kind="elementwise", aliases=False)
VECTOR = actlib.names(kind="vector", aliases=False)
SEED = 20261124


# --------------------------------------------------------------------------
# The torch counterpart of every activation (tests/torch_map.py), at actlib's defaults
# --------------------------------------------------------------------------
def torch_form(name):
    """``TORCH[name]`` with the parameters not given taken from actlib's signature."""
    act = actlib.get(name)
    return lambda t, **p: TORCH[name](t, **{**act.params, **p})


def torch_vector_form(name):
    """``TORCH_VECTOR[name](t, dim, **params)`` with actlib's defaults (``axis`` is ``dim``)."""
    defaults = {k: v for k, v in actlib.get(name).params.items() if k != "axis"}
    return lambda t, dim, **p: TORCH_VECTOR[name](t, dim, **{**defaults, **p})


# Non-default parameters checked on top of the defaults.
EXTRA_PARAMS = {
    "leaky_relu": [{"alpha": 0.2}],
    "prelu": [{"alpha": 0.1}, {"alpha": -0.5}],
    "elu": [{"alpha": 0.5}, {"alpha": 2.0}],
    "celu": [{"alpha": 0.5}],
    "softplus": [{"beta": 2.0}, {"beta": 0.5}],
    "silu": [{"beta": 0.5}, {"beta": 2.0}],
    "hard_tanh": [{"min_val": -2.0, "max_val": 3.0}],
    "gelu": [{"approximate": True}],
}
VECTOR_PARAMS = {"maxout": [{"pieces": 2}, {"pieces": 3}], "geglu": [{}, {"approximate": True}]}

def _case_id(name, params):
    return name + "".join(f"-{k}={v}" for k, v in params.items())


CASES = [
    pytest.param(name, params, id=_case_id(name, params))
    for name in ELEMENTWISE
    for params in [{}] + EXTRA_PARAMS.get(name, [])
]
KINK_CASES = [c for c in CASES if actlib.get(c.values[0]).kinks(**c.values[1])]


# --------------------------------------------------------------------------
# Documented widenings: where torch's formula is less exact than actlib's
# --------------------------------------------------------------------------
def _softplus_threshold(x, eps, p, derivative):
    # torch returns x itself (derivative 1) once beta x > 20; the exact
    # values differ by log1p(e^{-beta x})/beta < e^{-20}/beta (derivative:
    # sigma(-beta x) < e^{-20}), about 2e-9: below float32's eps, not float64's.
    beta = p.get("beta", 1.0)
    return np.where(beta * x > 20, math.exp(-20) / (1.0 if derivative else beta), 0.0)


def _one_minus_sigmoid_times_x(x, eps, p, derivative):
    # torch's SiLU and Mish backward multiply x by (1 - sigmoid(x)) or
    # (1 - tanh^2(softplus x)), which carry an absolute error of an ulp of 1;
    # once they round to 0 (x > ~40) the term vanishes.
    return 2 * eps * np.minimum(np.abs(x), 64.0) if derivative else 0.0


def _hard_sigmoid_float_constant(x, eps, p, derivative):
    # torch's hardsigmoid_backward uses the float32 constant 1/6 also for
    # float64 tensors: 0.1666666716337204 instead of 0.16666666666666666.
    return abs(float(np.float32(1 / 6)) - 1 / 6) if derivative and eps < 1e-10 else 0.0


def _gelu_cancellation(x, eps, p, derivative):
    # torch evaluates x/2 (1 + erf(x/sqrt2)) and x/2 (1 + tanh z): for x < 0,
    # 1 + erf and 1 + tanh cancel and keep an absolute error of an ulp or two
    # of 1, times |x|/2 (actlib: x ndtr(x) and x sigmoid(2z), exact to an ulp).
    # The tanh form's backward adds (x/2)(1 - tanh^2 z) sqrt(2/pi)(1 + 0.134 x^2),
    # whose 1 - tanh^2 z has the same absolute error; the erf form's backward
    # stays within the base 4 eps. Past |x| = 64 torch is exactly 0 or 1 again.
    # torch's vectorised float32 erf differs by CPU (AVX2 vs AVX-512 paths): on
    # some machines 1 + erf is off by two ulps of 1, hence 2 eps |x| (1.9 seen).
    ax = np.minimum(np.abs(x), 64.0)
    if not derivative:
        return 2 * eps * ax
    return eps * ax * (1 + 0.134 * ax**2) if p.get("approximate") else 0.0


EXTRA_ATOL = {
    "softplus": _softplus_threshold,
    "silu": _one_minus_sigmoid_times_x,
    "mish": _one_minus_sigmoid_times_x,
    "hard_sigmoid": _hard_sigmoid_float_constant,
    "gelu": _gelu_cancellation,
}


# Points where torch's derivative is NaN for finite x although the true one is
# finite; there actlib is compared with torch at the same-signed x = +-1000,
# where torch has already reached the limit (0 or 1). torch's tanh-GELU
# backward multiplies (1 - tanh^2 z) = 0 by x^2 = inf once x^2 overflows
# (|x| > 1.8e19 in float32, 1.3e154 in float64).
TORCH_NAN_DERIVATIVE = {
    "gelu": lambda x, p: (np.abs(x) > math.sqrt(np.finfo(x.dtype).max)) & bool(p.get("approximate")),
}


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------
def grid(dtype) -> np.ndarray:
    """Seeded test points: a line, normals at several scales, the kinks and their neighbours, large magnitudes."""
    rng = np.random.default_rng(SEED)
    kinks = np.array([0.0, -0.0, 1.0, -1.0, 2.0, -2.0, 3.0, -3.0, 6.0], dtype=dtype)
    large = [1e3, -1e3, 1e30, -1e30] + ([1e300, -1e300] if dtype == np.float64 else [3e38, -3e38])
    parts = [
        np.linspace(-20, 20, 801),
        *(rng.normal(0, s, 400) for s in (0.01, 1.0, 5.0, 40.0)),
        kinks,
        np.nextafter(kinks, np.array(np.inf, dtype)),
        np.nextafter(kinks, np.array(-np.inf, dtype)),
        large,
    ]
    return np.concatenate([np.asarray(p, dtype=dtype) for p in parts])


def torch_value(fn, x, **params):
    with torch.no_grad():
        return fn(torch.from_numpy(x.copy()), **params).numpy()


def torch_grad(fn, x, **params):
    """d/dx of fn by torch autograd: torch.autograd.grad of y with grad_outputs = ones."""
    t = torch.from_numpy(x.copy()).requires_grad_()
    y = fn(t, **params)
    (g,) = torch.autograd.grad(y, t, torch.ones_like(y))
    return g.numpy()


def torch_derivative(name, x, **params):
    try:
        return torch_grad(torch_form(name), x, **params)
    except RuntimeError as exc:
        # torch.heaviside has no derivative ("not implemented"); torch's other
        # step functions (sign, floor, round) define it as 0 everywhere,
        # their jump included. That is the convention compared against.
        if name != "binary_step" or "not implemented" not in str(exc):
            raise
        return torch_grad(lambda t: (torch.sign(t) + 1) / 2, x)


def assert_agree(actual, expected, x, rtol, atol, what):
    """|actual - expected| <= rtol |expected| + atol (atol may vary per point); NaN only where both are.

    ``x`` holds the input point of each element (elementwise tests) or is None.
    """
    actual, expected = np.asarray(actual), np.asarray(expected)
    assert actual.dtype == expected.dtype, f"{what}: dtype {actual.dtype} vs torch {expected.dtype}"
    assert actual.shape == expected.shape, f"{what}: shape {actual.shape} vs torch {expected.shape}"
    a, e = actual.astype(np.float64), expected.astype(np.float64)
    with np.errstate(invalid="ignore", over="ignore"):
        ok = (a == e) | (np.abs(a - e) <= rtol * np.abs(e) + atol)
    ok |= np.isnan(a) & np.isnan(e)
    if not ok.all():
        bad = np.flatnonzero(~ok.ravel())
        av, ev = a.ravel(), e.ravel()
        where = [f"x={v!r}" for v in np.ravel(x)] if x is not None else [f"flat index {i}" for i in range(a.size)]
        rows = "\n".join(f"  {where[i]}: actlib={av[i]!r} torch={ev[i]!r}" for i in bad[:8])
        raise AssertionError(f"{what}: {bad.size} of {a.size} points disagree\n{rows}")


def tolerances(name, params, dtype, x, derivative):
    eps, tiny = float(np.finfo(dtype).eps), float(np.finfo(dtype).tiny)
    atol = 4 * eps if derivative else 1024 * tiny
    extra = EXTRA_ATOL.get(name)
    if extra is not None:
        atol = atol + extra(x.astype(np.float64), eps, params, derivative)
    return 4 * eps, atol


# --------------------------------------------------------------------------
# Coverage of the map itself: tests/test_registry.py
# --------------------------------------------------------------------------
def test_extra_parameters_name_elementwise_activations():
    assert set(EXTRA_PARAMS) <= set(ELEMENTWISE)


# --------------------------------------------------------------------------
# Elementwise values and derivatives
# --------------------------------------------------------------------------
@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: d.__name__)
@pytest.mark.parametrize("name,params", CASES)
def test_values_match_torch(name, params, dtype):
    x = grid(dtype)
    rtol, atol = tolerances(name, params, dtype, x, derivative=False)
    expected = torch_value(torch_form(name), x, **params)
    assert_agree(actlib.get(name)(x, **params), expected, x, rtol, atol, f"{name}{params} {dtype.__name__}")


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: d.__name__)
@pytest.mark.parametrize("name,params", CASES)
def test_derivative_matches_torch_autograd(name, params, dtype):
    x = grid(dtype)
    rtol, atol = tolerances(name, params, dtype, x, derivative=True)
    expected = torch_derivative(name, x, **params)
    torch_nan = TORCH_NAN_DERIVATIVE.get(name, lambda x, p: np.zeros(x.shape, bool))(x, params)
    if torch_nan.any():
        assert np.isnan(expected[torch_nan]).all(), "torch no longer returns NaN there: drop TORCH_NAN_DERIVATIVE"
        expected[torch_nan] = torch_derivative(name, np.copysign(1e3, x[torch_nan]).astype(dtype), **params)
    assert_agree(actlib.get(name).derivative(x, **params), expected, x, rtol, atol, f"{name}'{params} {dtype.__name__}")


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: d.__name__)
@pytest.mark.parametrize("name,params", KINK_CASES)
def test_conventions_at_kinks(name, params, dtype):
    """Value and one-sided derivative exactly at each kink, to one ulp.

    Hardswish' follows torch releases with the fix of pytorch/pytorch#147801:
    0 at x = -3 and 1 at x = 3 (older torch gave -0.5 and 1.5).
    """
    x = np.array(actlib.get(name).kinks(**params), dtype=dtype)
    act = actlib.get(name)
    for what, got, ref in (
        ("value", act(x, **params), torch_value(torch_form(name), x, **params)),
        ("derivative", act.derivative(x, **params), torch_derivative(name, x, **params)),
    ):
        ulp = np.spacing(np.abs(ref))
        assert_agree(got, ref, x, 0.0, ulp, f"{name}{params} {what} at kinks, {dtype.__name__}")


# --------------------------------------------------------------------------
# PReLU with a per-channel slope, and its gradient with respect to the slope
# --------------------------------------------------------------------------
@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: d.__name__)
@pytest.mark.parametrize("per_channel", [True, False], ids=["alpha(C,1,1)", "scalar-alpha"])
def test_prelu_slope_and_its_gradient_match_torch(per_channel, dtype):
    rng = np.random.default_rng(SEED + 1)
    x = (rng.normal(0, 3, (4, 3, 5, 6))).astype(dtype)
    x[:, :, 0, 0] = 0.0  # the kink: d/dx = alpha, d/dalpha = 0
    x[0, :, 1, 1] = [1e30, -1e30, -1e3]
    alpha = np.array([0.25, -0.5, 1.5]).reshape(3, 1, 1) if per_channel else 0.1
    g = rng.normal(size=x.shape).astype(dtype)
    eps = float(np.finfo(dtype).eps)

    t = torch.from_numpy(x.copy()).requires_grad_()
    w = torch.tensor(np.ravel(alpha), dtype=TORCH_DTYPE[dtype], requires_grad=True)
    y = F.prelu(t, w)
    y.backward(torch.from_numpy(g))

    a = np.asarray(alpha, dtype=dtype) if per_channel else alpha
    assert_agree(actlib.prelu(x, alpha=a), y.detach().numpy(), x, 0.0, 0.0, "prelu value")
    assert_agree(g * actlib.prelu.derivative(x, alpha=a), t.grad.numpy(), x, 0.0, 0.0, "prelu d/dx")
    ga = actlib.prelu.param_vjp(x, g, alpha=a)["alpha"]
    ga = np.asarray(ga, dtype=dtype).reshape(1 if not per_channel else 3)
    # A sum of 360 products: the order of summation differs from torch's.
    scale = np.abs(g * x).sum(axis=(0, 2, 3) if per_channel else None)
    assert_agree(ga, w.grad.numpy(), None, 0.0, 8 * eps * scale, "prelu d/dalpha summed")


# --------------------------------------------------------------------------
# Vector activations: values, VJP with a random upstream, full Jacobian
# --------------------------------------------------------------------------
def _vector_cases():
    shapes = [(4, 6), (3, 6, 4)]
    for name in VECTOR:
        for params in VECTOR_PARAMS.get(name, [{}]):
            for shape in shapes:
                for axis in sorted({*range(len(shape)), -1, -2}):
                    n = shape[axis]
                    if name in ("glu", "swiglu", "geglu") and n % 2:
                        continue
                    if name == "maxout" and n % params["pieces"]:
                        continue
                    yield pytest.param(name, params, shape, axis, id=f"{_case_id(name, params)}-{shape}-axis{axis}")


VECTOR_CASES = list(_vector_cases())


def _vector_input(shape, dtype, seed):
    return (np.random.default_rng(seed).normal(0, 3, shape)).astype(dtype)


def _vector_tol(dtype):
    # Sums over an axis of up to 6 terms in different orders: a few ulps of
    # the largest term (upstream g ~ N(0, 1), values ~ 1 .. 10).
    eps = float(np.finfo(dtype).eps)
    return 16 * eps, 16 * eps


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: d.__name__)
@pytest.mark.parametrize("name,params,shape,axis", VECTOR_CASES)
def test_vector_value_and_vjp_match_torch(name, params, shape, axis, dtype):
    x = _vector_input(shape, dtype, SEED + 2)
    act = actlib.get(name)
    rtol, atol = _vector_tol(dtype)
    t = torch.from_numpy(x.copy()).requires_grad_()
    y = torch_vector_form(name)(t, axis, **params)
    value = act(x, axis=axis, **params)
    assert_agree(value, y.detach().numpy(), None, rtol, atol, f"{name} value")
    g = np.random.default_rng(SEED + 3).normal(size=value.shape).astype(dtype)
    (expected,) = torch.autograd.grad(y, t, torch.from_numpy(g))
    assert_agree(act.vjp(x, g, axis=axis, **params), expected.numpy(), None, rtol, atol, f"{name} vjp")


JACOBIAN_CASES = [c for c in VECTOR_CASES if actlib.get(c.values[0]).has_jacobian]


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: d.__name__)
@pytest.mark.parametrize("name,params,shape,axis", JACOBIAN_CASES)
def test_jacobian_matches_torch_functional_jacobian(name, params, shape, axis, dtype):
    x = _vector_input(shape, dtype, SEED + 4)
    full = torch.autograd.functional.jacobian(lambda t: torch_vector_form(name)(t, axis, **params), torch.from_numpy(x.copy()))
    full = full.numpy()  # shape x.shape + x.shape: [out index, in index]
    nd, n = x.ndim, x.shape[axis]
    idx = np.indices(x.shape + (n,))  # [..., i, ..., j]: output at idx[:nd], input with axis -> j
    out_idx = tuple(idx[:nd])
    in_idx = list(idx[:nd])
    in_idx[axis] = idx[nd]
    expected = full[out_idx + tuple(in_idx)]
    # Entries between different slices are zero in torch's full Jacobian.
    assert np.count_nonzero(full) <= expected.size
    rtol, atol = _vector_tol(dtype)
    assert_agree(actlib.get(name).jacobian(x, axis=axis, **params), expected, None, rtol, atol, f"{name} jacobian")


def test_leaky_relu_and_prelu_defaults_are_pytorchs():
    """The defaults the leaky-ReLU chapter tabulates for actlib and PyTorch (nn.LeakyReLU, F.leaky_relu, nn.PReLU)."""
    import inspect

    assert torch.nn.LeakyReLU().negative_slope == actlib.leaky_relu.params["alpha"] == 0.01
    assert inspect.signature(F.leaky_relu).parameters["negative_slope"].default == 0.01
    assert torch.nn.PReLU().weight.shape == (1,)  # one slope shared by every channel unless num_parameters is given
    assert torch.nn.PReLU().weight.detach().item() == actlib.prelu.params["alpha"] == 0.25
