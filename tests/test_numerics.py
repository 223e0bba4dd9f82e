"""actlib.numerics: ulp errors and the naive forms the stability lessons show failing."""

import numpy as np
import pytest

import actlib
from actlib.numerics import NAIVE, naive, overflow_threshold, ulp, ulp_error


def test_ulp_and_ulp_error():
    assert ulp(1.0) == np.finfo(np.float64).eps
    assert ulp(1.0, np.float32) == np.finfo(np.float32).eps
    assert ulp(0.0) == np.finfo(np.float64).smallest_subnormal
    assert ulp_error(np.nextafter(1.0, 2.0), 1.0) == 1.0
    assert ulp_error(np.float32(1.0), 1.0 + 2**-24) == 0.5
    assert ulp_error(np.inf, np.inf) == 0 and ulp_error(np.nan, 1.0) == np.inf


def test_overflow_thresholds():
    assert overflow_threshold() == pytest.approx(709.78, abs=0.01)
    assert overflow_threshold(np.float32) == pytest.approx(88.72, abs=0.01)


def test_every_elementwise_activation_has_a_naive_form_that_agrees_in_the_middle():
    assert set(NAIVE) == set(actlib.names(kind="elementwise", aliases=False))
    x = np.linspace(-5, 5, 101)
    for name, (fwd, der) in NAIVE.items():
        act = actlib.get(name)
        np.testing.assert_allclose(fwd(x), act(x), rtol=1e-12, atol=1e-15, err_msg=name)
        kinkless = x[np.abs(x) % 3 > 1e-9]
        np.testing.assert_allclose(der(kinkless), act.derivative(kinkless), rtol=1e-10, atol=1e-15, err_msg=name)


@pytest.mark.parametrize(
    "fn,x,symptom",
    [
        (naive.softplus, 800.0, "inf"),
        (naive.sigmoid, -800.0, "warns"),
        (naive.tanh_derivative, 30.0, "zero"),
        (naive.sigmoid_derivative, 40.0, "zero"),
        (naive.tanh, 800.0, "nan"),
        (naive.log_sigmoid, -800.0, "inf"),
        (naive.softmax, np.array([1000.0, 0.0]), "nan"),
    ],
)
def test_naive_forms_break_where_the_lessons_say(fn, x, symptom):
    with np.errstate(all="raise"):
        try:
            y = fn(x)
            warned = False
        except FloatingPointError:
            warned = True
    with np.errstate(all="ignore"):
        y = np.asarray(fn(x))
    if symptom == "warns":
        assert warned
    elif symptom == "inf":
        assert np.isinf(y).any()
    elif symptom == "zero":
        assert np.all(y == 0)
    else:
        assert np.isnan(y).any()


def test_scalar_relu_and_python_loop_show_the_scalar_pitfalls():
    x = np.array([[-1.0, 2.0], [0.5, -3.0]])
    np.testing.assert_array_equal(naive.python_loop(naive.relu_scalar, x), actlib.relu(x))
    assert naive.relu_derivative_scalar(float("nan")) is None  # the if-chain has no branch for NaN
    assert naive.relu_derivative_scalar(0.0) == 0 and naive.relu_derivative_scalar(2.0) == 1
    assert np.isnan(actlib.relu.derivative(np.nan))


def test_ulp_errors_measure_the_naive_form_and_actlib_in_each_dtype():
    from actlib.numerics import ulp_errors

    x, naive_err, stable_err = ulp_errors("softplus", np.float32, [-200.0, -50.0, 0.0, 1.0, 100.0, 1e30, np.inf])
    # rounded to float32; inf dropped, and -200, whose exact value e^-200 is below float32's smallest normal number
    np.testing.assert_array_equal(x, [-50.0, 0.0, 1.0, 100.0, float(np.float32(1e30))])
    # log(1 + e^x): 1 + e^-50 rounds to 1, so 0 for a tiny exact value (every digit lost); e^100 overflows float32
    assert naive_err[0] > 2**22 and naive_err[3] == np.inf and naive_err[4] == np.inf
    assert np.all(stable_err <= 1)
    x64, naive64, _ = ulp_errors("sigmoid", np.float64, [50.0], derivative=True)
    assert 2.0**52 <= naive64[0] < 2.0**53  # sigma(50)(1 - sigma(50)) = 0: a relative error of 1
    with pytest.raises(ValueError, match="argument 'name'"):
        ulp_errors("softmax", np.float64, [0.0])
