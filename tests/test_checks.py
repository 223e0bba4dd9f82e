"""actlib.checks: friendly exercise checks that name the first failing input and never show a traceback."""

import math
import sys

import numpy as np
import pytest

import actlib
from actlib.checks import (
    CheckResult,
    check_derivative,
    check_function,
    check_stable,
    check_value,
    check_vectorised,
)
from actlib.numerics import naive


def relu(x):
    return np.maximum(x, 0)


def stable_softplus(x):
    return np.maximum(x, 0) + np.log1p(np.exp(-np.abs(x)))


def one_line(capsys):
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and "Traceback" not in out
    return out.strip()


# --------------------------------------------------------------------------
# check_function
# --------------------------------------------------------------------------
def test_a_correct_function_passes_and_says_so(capsys):
    result = check_function(relu, "relu")
    assert isinstance(result, CheckResult) and result and result.passed and result.first_failure is None
    assert one_line(capsys) == result.message
    assert result.message.startswith("✅ passed") and "actlib.relu" in result.message


def test_an_off_by_sign_function_fails_at_the_first_failing_input(capsys):
    result = check_function(lambda x: np.maximum(-x, 0), "relu", hint="relu keeps the positive inputs")
    assert not result and not result.passed
    assert one_line(capsys) == result.message
    # easy inputs come first: 0 agrees, so x = 1 is the first that fails
    assert result.message.startswith("❌ not yet: at x = 1 expected 1, got 0")
    assert result.message.endswith("(hint: relu keeps the positive inputs)")
    assert (result.first_failure.x, result.first_failure.expected, result.first_failure.got) == (1.0, 1.0, 0.0)


def test_given_inputs_and_params_are_used():
    leaky = lambda x, alpha=0.01: np.where(x > 0, x, alpha * x)  # noqa: E731
    assert check_function(leaky, "leaky_relu", params={"alpha": 0.2})
    # params reach both sides, so the student's own default never decides
    assert check_function(leaky, "leaky_relu", x=[3.0, -2.0, 5.0], params={"alpha": 0.2}, atol=0, rtol=0)
    bad = check_function(lambda x, alpha=0.01: np.where(x > 0, x, 0.01 * x), "leaky_relu", x=[3.0, -2.0], params={"alpha": 0.2})
    assert "at x = -2, alpha = 0.2 expected -0.4, got -0.02" in bad.message
    assert check_function(lambda x: x ** 3, lambda x: x * x * x)  # any callable as the reference


@pytest.mark.parametrize(
    "student, words",
    [
        (lambda x: max(x, 0), ["ValueError", "np.where"]),
        (lambda x: math.exp(x), ["TypeError", "np.exp"]),
        (lambda x: undefined_name(x), ["NameError", "run the cells above"]),  # noqa: F821
        (lambda x: None, ["returned None", "forget `return`"]),
        (lambda x: x.sum(), ["returned shape ()", "same shape"]),
    ],
)
def test_errors_in_student_code_are_one_friendly_line(capsys, student, words):
    result = check_function(student, "relu")
    message = one_line(capsys)
    assert not result and message.startswith("❌ not yet")
    assert all(w in message for w in words), message


def test_the_nbgrader_stub_gets_its_own_hint(capsys):
    def stub(x):
        raise NotImplementedError()

    result = check_function(stub, "relu")
    assert "raised NotImplementedError" in result.message and "replace `raise NotImplementedError()`" in result.message
    assert result.first_failure.error == "NotImplementedError"


def test_a_missing_parameter_is_explained():
    result = check_function(lambda x: np.where(x > 0, x, 0.01 * x), "leaky_relu", params={"alpha": 0.1})
    assert "unexpected keyword argument 'alpha'" in result.message and "def f(x, alpha=0.01)" in result.message


def test_strict_mode_raises_assertion_error_with_the_same_message(capsys):
    assert check_function(relu, "relu", strict=True).passed
    capsys.readouterr()
    with pytest.raises(AssertionError) as info:
        check_function(lambda x: -x, "relu", strict=True)
    assert str(info.value) == one_line(capsys)
    assert str(info.value).startswith("❌ not yet: at x = 1")


def test_result_shows_nothing_more_in_a_notebook(capsys):
    from IPython.core.formatters import DisplayFormatter

    result = check_function(relu, "relu")
    assert one_line(capsys).startswith("✅ passed")
    # As a cell's last expression, Jupyter asks IPython's formatter for the
    # result's representations: none, so the printed line is the whole output.
    assert DisplayFormatter().format(result) == ({}, {})
    assert capsys.readouterr().out == ""


def test_vector_activations_are_checked_row_by_row():
    assert check_function(naive.softmax, "softmax")
    result = check_function(lambda x: np.exp(x) / np.exp(x).sum(), "softmax")
    assert not result and "at x = [0, 0, 0, 0] expected [0.25, 0.25, 0.25, 0.25]" in result.message
    assert "of 5 rows differ" in result.message


def test_check_function_ignores_overflow_warnings_but_compares_values():
    assert check_function(naive.sigmoid, "sigmoid")  # right values; warnings are check_stable's business
    result = check_function(naive.log_sigmoid, "log_sigmoid", x=[0.0, -800.0])
    assert "at x = -800 expected -800, got -inf" in result.message


# --------------------------------------------------------------------------
# check_derivative
# --------------------------------------------------------------------------
def test_check_derivative_accepts_either_one_sided_value_at_a_kink():
    assert check_derivative(lambda x: (x > 0).astype(float), "relu")
    assert check_derivative(lambda x: (x >= 0).astype(float), "relu")
    assert check_derivative(actlib.hard_swish.derivative, "hard_swish")
    result = check_derivative(lambda x: (x > 0) * 2.0, "relu")
    assert not result and result.message.startswith("❌ not yet: at x = 1 expected 1, got 2")


def test_check_derivative_of_a_smooth_activation_and_with_params():
    assert check_derivative(naive.sigmoid_derivative, "sigmoid")
    assert not check_derivative(lambda x: naive.sigmoid(x) * (1 + naive.sigmoid(x)), "sigmoid")
    assert check_derivative(lambda x, beta=1.0: actlib.softplus.derivative(x, beta=beta), "softplus", params={"beta": 2.0})
    with pytest.raises(ValueError, match="elementwise"):
        check_derivative(naive.softmax, "softmax")


# --------------------------------------------------------------------------
# check_stable
# --------------------------------------------------------------------------
def test_a_warning_raising_naive_softplus_fails_check_stable(capsys):
    result = check_stable(naive.softplus, "softplus", hint="use log1p(exp(-|x|))")
    message = one_line(capsys)
    assert not result and message == result.message
    assert message.startswith("❌ not yet: at x = 710 your function warned “overflow encountered in exp”")
    assert result.first_failure.x == 710.0 and "overflow" in result.first_failure.warning
    assert message.endswith("(hint: use log1p(exp(-|x|)))")


def test_a_stable_softplus_passes_check_stable():
    result = check_stable(stable_softplus, "softplus")
    assert result and "stable" in result.message


def test_check_stable_catches_wrong_but_silent_results():
    def silenced(x):  # hides the overflow instead of avoiding it
        with np.errstate(all="ignore"):
            return np.nan_to_num(naive.softplus(x), posinf=0.0)

    result = check_stable(silenced, "softplus")
    assert not result and "at x = 710 expected 710, got 0" in result.message


def test_check_stable_for_softmax_rows_and_naive_sigmoid():
    result = check_stable(naive.softmax, "softmax")
    assert not result and "at x = [1000, 1001, 1002, 1003]" in result.message
    assert check_stable(lambda x: actlib.softmax(x), "softmax")
    result = check_stable(naive.sigmoid, "sigmoid")
    assert not result and "at x = -710" in result.message


def test_check_stable_reports_exceptions_too():
    result = check_stable(lambda x: max(x, 0), "relu")
    assert not result and "ValueError" in result.message


# --------------------------------------------------------------------------
# check_value
# --------------------------------------------------------------------------
def test_check_value_numbers_text_and_sets_without_revealing_the_answer():
    assert check_value(0.25, 0.25, what="σ′(0)").message == "✅ passed: 0.25 is σ′(0)"
    wrong = check_value(0.5, 0.25, what="σ′(0)", hint="σ′ = σ(1 − σ)")
    assert not wrong and wrong.message == "❌ not yet: 0.5 is not σ′(0) (hint: σ′ = σ(1 − σ))"
    assert "0.25" not in wrong.message
    assert check_value(0.2500000001, 0.25)
    assert check_value([0.0, 1.0], np.array([0.0, 1.0])) and not check_value([0.0], [0.0, 1.0])
    assert check_value(" B ", "b") and not check_value("c", "b")
    assert check_value(["relu", "ELU"], {"elu", "relu"}) and not check_value({"relu"}, {"elu", "relu"})
    assert check_value(True, True) and not check_value(1, True) and not check_value("0.25", 0.25)


def test_check_value_with_no_answer_yet_and_strict():
    assert "no answer yet" in check_value(None, 1.0).message
    assert "no answer yet" in check_value(..., 1.0).message
    with pytest.raises(AssertionError, match="is not the right answer"):
        check_value(3, 4, strict=True)


# --------------------------------------------------------------------------
# check_vectorised
# --------------------------------------------------------------------------
def test_a_vectorised_function_passes_check_vectorised():
    result = check_vectorised(relu)
    assert result and "2-D, 3-D and empty" in result.message
    assert check_vectorised(naive.softmax, "softmax")


def test_python_loops_fail_check_vectorised():
    result = check_vectorised(lambda x: naive.python_loop(naive.relu_scalar, x))
    assert not result and "loops over the elements in Python" in result.message
    comprehension = lambda x: np.array([v if v > 0 else 0.0 for v in x.ravel()]).reshape(x.shape)  # noqa: E731
    assert not check_vectorised(comprehension)


def test_check_vectorised_names_the_shape_problem():
    def inplace(x):
        x[x < 0] = 0
        return x

    assert "changed its input array in place" in check_vectorised(inplace).message
    empty = check_vectorised(lambda x: x - x.max())
    assert "shape (0,)" in empty.message and "zero-size array" in empty.message
    first_row = check_vectorised(lambda x: np.maximum(np.atleast_2d(x)[0], 0))
    assert "for an input of shape (3, 4) your function returned shape (4,)" in first_row.message
    wrong_axis = check_vectorised(lambda x: np.exp(x) / np.exp(x).sum(), "softmax")
    assert not wrong_axis and "on a 2-D array" in wrong_axis.message


def test_check_vectorised_gives_back_the_callers_tracer():
    def tracer(frame, event, arg):
        return None

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        check_vectorised(relu)
        assert sys.gettrace() is tracer
    finally:
        sys.settrace(previous)


def test_a_strict_failure_shows_as_one_friendly_line_in_jupyter():
    from actlib.checks import CheckFailed
    from IPython.core.interactiveshell import InteractiveShell

    with pytest.raises(CheckFailed) as info:
        check_value(0.3, 0.25, what="sigma'(0)", strict=True)
    assert isinstance(info.value, AssertionError)  # what nbgrader and plain `assert` users expect
    assert info.value._render_traceback_() == ["CheckFailed: ❌ not yet: 0.3 is not sigma'(0)"]
    # IPython uses that method instead of printing the stack.
    shell = InteractiveShell.instance()
    shell.run_cell("import actlib.checks\nactlib.checks.check_value(1, 2, strict=True)")
    assert shell.last_execution_result.error_in_exec.__class__.__name__ == "CheckFailed"
