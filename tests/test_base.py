"""The shared Activation type: public API, dtype rules, shapes, argument errors, registry."""

import inspect
import warnings

import numpy as np
import pytest

import actlib

ELEMENTWISE = actlib.names(kind="elementwise", aliases=False)
VECTOR = actlib.names(kind="vector", aliases=False)
ALL = actlib.names(aliases=False)
SPEC_NAMES = [
    "identity", "linear", "binary_step", "sigmoid", "hard_sigmoid", "tanh", "hard_tanh", "arctan", "softsign",
    "relu", "relu6", "leaky_relu", "prelu", "elu", "selu", "celu", "softplus", "silu", "swish", "hard_swish",
    "gelu", "mish", "log_sigmoid", "softmax", "log_softmax", "maxout", "glu", "swiglu", "geglu",
]


def call(name, x, **kw):
    act = actlib.get(name)
    if name == "maxout":
        kw.setdefault("pieces", 2)
    return act(x, **kw)


# -- registry --------------------------------------------------------------
def test_every_specified_name_is_a_module_attribute_and_gettable():
    for name in SPEC_NAMES:
        assert getattr(actlib, name) is actlib.get(name)
    assert set(SPEC_NAMES) <= set(actlib.names())  # the promised names; a new activation needs no entry here


def test_aliases_are_the_same_object():
    assert actlib.linear is actlib.identity and actlib.swish is actlib.silu
    assert actlib.get("swish").name == "silu"
    assert "swish" not in actlib.names(aliases=False)


def test_unknown_name_is_a_clear_error():
    with pytest.raises(KeyError, match="unknown activation 'relu7'"):
        actlib.get("relu7")
    with pytest.raises(ValueError, match="known: identity"):
        actlib.get("relu7")


@pytest.mark.parametrize("name", ALL)
def test_metadata_is_complete(name):
    act = actlib.get(name)
    assert act.name == name and isinstance(act.params, dict)
    assert act.formula and act.derivative_formula and act.__doc__
    lo, hi = act.output_range
    assert lo < hi
    for claim in ("monotonic", "zero_centered", "smooth", "bounded_above", "bounded_below"):
        assert isinstance(getattr(act, claim), bool)
    params = list(inspect.signature(act).parameters)
    assert params[0] == "x" and params[1:] == list(act.params)


@pytest.mark.parametrize("name", ALL)
def test_bounded_claims_hold_at_huge_inputs(name):
    """bounded_above / bounded_below: the output stays finite-sized however large the input (here +-1e300)."""
    act = actlib.get(name)
    v = 1e300
    probes = [np.array([v, -v])] if act.kind == "elementwise" else [
        np.array(p) for p in ([v, v], [v, -v], [-v, v], [-v, -v], [v, 0.0], [0.0, v], [-v, 0.0], [0.0, -v])
    ]
    kw = {"pieces": 2} if name == "maxout" else {}
    with np.errstate(over="ignore", invalid="ignore"):
        out = np.concatenate([np.ravel(act(p, **kw)) for p in probes])
    out = out[~np.isnan(out)]
    assert act.bounded_above == bool(out.max() < 1e200), name
    assert act.bounded_below == bool(out.min() > -1e200), name


def test_params_hold_the_pytorch_defaults():
    assert actlib.leaky_relu.params == {"alpha": 0.01}
    assert actlib.elu.params == {"alpha": 1.0} and actlib.celu.params == {"alpha": 1.0}
    assert actlib.softplus.params == {"beta": 1.0} and actlib.silu.params == {"beta": 1.0}
    assert actlib.hard_tanh.params == {"min_val": -1.0, "max_val": 1.0}
    assert actlib.gelu.params == {"approximate": False}
    assert actlib.prelu.params == {"alpha": 0.25}
    assert actlib.softmax.params == {"axis": -1}
    assert actlib.maxout.params == {"pieces": None, "axis": -1}


def test_range_prints_as_an_interval():
    assert str(actlib.relu.output_range) == "[0, ∞)"
    assert str(actlib.sigmoid.output_range) == "(0, 1)"
    assert actlib.sigmoid.output_range == (0.0, 1.0)
    assert actlib.tanh.output_range.latex() == "(-1, 1)"


# -- dtype rules -----------------------------------------------------------
@pytest.mark.parametrize("name", ALL)
@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_float_dtype_in_is_dtype_out(name, dtype):
    x = np.linspace(-3, 3, 8, dtype=dtype).reshape(2, 4)
    assert call(name, x).dtype == dtype
    act = actlib.get(name)
    if act.kind == "elementwise":
        assert act.derivative(x).dtype == dtype
    else:
        y = call(name, x)
        kw = {"pieces": 2} if name == "maxout" else {}
        assert act.vjp(x, np.ones_like(y), **kw).dtype == dtype


@pytest.mark.parametrize("name", ALL)
@pytest.mark.parametrize("x", [[[1, -2], [3, 4]], np.array([[1, -2], [3, 4]], dtype=np.int32), np.array([[True, False], [True, True]])])
def test_ints_bools_and_lists_become_float64(name, x):
    y = call(name, x)
    assert y.dtype == np.float64 and y.shape[0] == 2


def test_float16_is_computed_in_float32():
    x = np.array([-12.0, 11.0], dtype=np.float16)  # e^12 overflows float16 (max 65504), not float32
    y = actlib.softplus(x)
    assert y.dtype == np.float16 and np.all(np.isfinite(y))
    assert actlib.sigmoid.derivative(np.float16(12.0)) > 0


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_scalars_and_shapes(name):
    act = actlib.get(name)
    y = act(0.5)
    assert isinstance(y, np.float64) and np.ndim(y) == 0
    assert isinstance(act(np.float32(0.5)), np.float32)
    assert isinstance(act.derivative(np.array(0.5)), np.float64)
    for shape in [(0,), (3, 0), (2, 3, 4)]:
        x = np.full(shape, 0.25)
        assert act(x).shape == shape and act.derivative(x).shape == shape


@pytest.mark.parametrize("name", ALL)
def test_input_is_never_modified_nor_returned(name):
    x = np.array([[-1e3, -1.0, 0.0, 2.0], [np.inf, -np.inf, np.nan, 1e-300]])
    before = x.copy()
    with np.errstate(invalid="ignore"):
        y = call(name, x)
    act = actlib.get(name)
    if act.kind == "elementwise":
        act.derivative(x)
    np.testing.assert_array_equal(x, before)
    assert not np.shares_memory(x, y)


# -- bad input -------------------------------------------------------------
@pytest.mark.parametrize("name", ALL)
@pytest.mark.parametrize(
    "bad,what",
    [
        (np.array([1 + 2j, 3j]), "complex"),
        (np.array([1.0, None], dtype=object), "object"),
        (np.array(["1", "2"]), "string"),
        ("relu", "string"),
    ],
)
def test_non_real_input_is_a_type_error_naming_function_and_argument(name, bad, what):
    with pytest.raises(TypeError, match=rf"actlib\.{name}: argument 'x' .*{what}"):
        call(name, bad)
    act = actlib.get(name)
    if act.kind == "elementwise":
        with pytest.raises(TypeError, match=rf"actlib\.{name}: argument 'x'"):
            act.derivative(bad)


@pytest.mark.parametrize(
    "fn,kwargs,exc,message",
    [
        (actlib.softplus, {"beta": 0.0}, ValueError, r"softplus: argument 'beta' must be > 0"),
        (actlib.softplus, {"beta": -1}, ValueError, r"softplus: argument 'beta' must be > 0"),
        (actlib.celu, {"alpha": 0.0}, ValueError, r"celu: argument 'alpha' must be > 0"),
        (actlib.hard_tanh, {"min_val": 1.0, "max_val": 1.0}, ValueError, r"hard_tanh: argument 'min_val' \(1.0\) must be less than 'max_val'"),
        (actlib.hard_tanh, {"min_val": 2, "max_val": -2}, ValueError, r"min_val"),
        (actlib.leaky_relu, {"alpha": -0.1}, ValueError, r"leaky_relu: argument 'alpha' must be >= 0"),
        (actlib.elu, {"alpha": float("nan")}, ValueError, r"elu: argument 'alpha' must be finite"),
        (actlib.silu, {"beta": "1"}, TypeError, r"silu: argument 'beta' must be a real number"),
        (actlib.gelu, {"approximate": "tanh"}, TypeError, r"gelu: argument 'approximate' must be True or False"),
        (actlib.relu, {"alpha": 1.0}, TypeError, r"relu: got an unexpected keyword argument 'alpha'"),
        (actlib.prelu, {"alpha": np.ones(3)}, ValueError, r"prelu: argument 'alpha' of shape \(3,\) must broadcast"),
        (actlib.maxout, {"pieces": 3}, ValueError, r"maxout: argument 'x' has size 4 along 'axis', which is not divisible by pieces=3"),
        (actlib.maxout, {"pieces": 0}, ValueError, r"maxout: argument 'pieces' must be a positive integer"),
        (actlib.maxout, {}, TypeError, r"maxout: missing"),
        (actlib.softmax, {"axis": 2}, ValueError, r"softmax: argument 'axis' is 2, out of range"),
        (actlib.softmax, {"axis": 1.0}, TypeError, r"softmax: argument 'axis' must be an integer"),
    ],
)
def test_bad_parameters_are_clear_errors(fn, kwargs, exc, message):
    with pytest.raises(exc, match=message):
        fn(np.zeros((2, 4)), **kwargs)


def test_glu_family_rejects_odd_sizes():
    for fn in (actlib.glu, actlib.swiglu, actlib.geglu):
        with pytest.raises(ValueError, match=rf"actlib\.{fn.name}: argument 'x' must have an even size along 'axis'.* got 5"):
            fn(np.zeros((2, 5)))
        with pytest.raises(ValueError, match="even size"):
            fn.vjp(np.zeros(3), np.zeros(1))


def test_vjp_checks_the_upstream_shape():
    with pytest.raises(ValueError, match=r"softmax: argument 'g' must have the output's shape \(2, 3\)"):
        actlib.softmax.vjp(np.zeros((2, 3)), np.zeros((3, 2)))


def test_vector_activations_refuse_elementwise_derivative_and_scalars():
    with pytest.raises(TypeError, match="softmax.vjp"):
        actlib.softmax.derivative(np.zeros(3))
    with pytest.raises(ValueError, match="at least one dimension"):
        actlib.softmax(1.0)


def test_parameters_may_be_positional_as_in_pytorch():
    x = np.array([-2.0, 2.0])
    np.testing.assert_array_equal(actlib.leaky_relu(x, 0.2), [-0.4, 2.0])
    np.testing.assert_array_equal(actlib.maxout(np.arange(6.0), 3), [2.0, 5.0])


def test_no_warning_leaks_from_a_call():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for name in ALL:
            call(name, np.array([[-1e308, -800.0, 0.0, 800.0], [1e308, 5e-324, -5e-324, 88.0]]))
