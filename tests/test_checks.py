"""actlib.checks: the building blocks of the exercise checks (the named checks: test_exercise_answers.py)."""

import math
import sys
from fractions import Fraction

import numpy as np
import pytest

import actlib
from actlib.checks import (
    TAILS,
    CheckFailed,
    CheckResult,
    FunctionCheck,
    answer_digest,
    check_answer,
    check_derivative,
    check_function,
    check_stable,
    check_value,
    check_vectorised,
    kinks_of,
)
from actlib.numerics import naive


def relu(x):
    return np.maximum(x, 0.0)


def stable_sigmoid(x):
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def stable_softplus(x):
    return np.maximum(x, 0) + np.log1p(np.exp(-np.abs(x)))


def one_line(capsys):
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and "Traceback" not in out
    return out.strip()


# --------------------------------------------------------------------------
# what a message says
# --------------------------------------------------------------------------
def test_a_pass_states_what_was_checked_and_no_value(capsys):
    result = check_function(relu, "relu")
    assert isinstance(result, CheckResult) and result and result.passed and result.first_failure is None
    assert one_line(capsys) == result.message
    assert result.message == ("✅ passed: values on 123 ordinary inputs, the kink and either side, NaN, ±inf, "
                              "any shape (0-d, empty, 2-D, 3-D) without a Python loop and input left unchanged")


def test_a_failure_names_the_input_and_what_came_back_never_the_expected_value(capsys):
    result = check_function(lambda x: 1 / (1 + np.exp(x)), "sigmoid", hint="σ(x) = 1 / (1 + e^(−x))")
    assert not result and one_line(capsys) == result.message
    # easy inputs come first: 0 agrees, so x = 1 is the first that fails
    assert result.message.startswith("❌ not yet: at x = 1 your function returned 0.268941, which is not the exact value (122 of 123")
    assert result.message.endswith("(hint: σ(x) = 1 / (1 + e^(−x)))")
    assert "0.731" not in result.message and "relative" not in result.message  # σ(1) is never shown, nor a hint of its size
    float32 = check_function(lambda x: 1 / (1 + np.exp(-x.astype(np.float32))).astype(float), "sigmoid")
    assert "a relative error of 4e-08 (at most 1e-09 is allowed" in float32.message  # digits lost: that is the lesson
    assert (result.first_failure.x, result.first_failure.got) == (1.0, pytest.approx(0.268941, rel=1e-5))


def test_the_step_function_is_not_a_sigmoid(capsys):
    result = check_function(lambda x: (x >= 0).astype(float), "sigmoid", tails=TAILS)
    assert not result and result.message.startswith("❌ not yet: at x = 0 your function returned 1, which is not the exact value")
    assert "0.5" not in result.message


def test_a_sign_error_is_named(capsys):
    result = check_function(lambda x: -np.tanh(x), "tanh")
    assert "at x = 1 your function returned -0.761594, which has the wrong sign" in result.message


def test_params_reach_both_sides_so_the_learners_default_never_decides():
    leaky = lambda x, alpha=0.01: np.where(x > 0, x, alpha * x)  # noqa: E731
    assert check_function(leaky, "leaky_relu", params={"alpha": 0.2})
    bad = check_function(lambda x, alpha=0.01: np.where(x > 0, x, 0.01 * x), "leaky_relu", params={"alpha": 0.2})
    assert not bad and bad.first_failure.x == -1.0


@pytest.mark.parametrize(
    "student, words",
    [
        (lambda x: (_ for _ in ()).throw(NotImplementedError()), "replace `raise NotImplementedError()`"),
        (lambda x: x if x > 0 else 0 * x, "on arrays use np.where"),
        (lambda x: math.exp(x), "use np.exp, np.log, np.tanh on arrays"),
        (lambda x: undefined_name * x, "run the cells above first"),  # noqa: F821
    ],
)
def test_errors_in_learner_code_are_one_friendly_line(capsys, student, words):
    result = check_function(student, "relu")
    assert not result and one_line(capsys) == result.message and words in result.message and "raised" in result.message


def test_a_missing_parameter_is_explained():
    result = check_function(lambda x: np.where(x > 0, x, 0.01 * x), "leaky_relu", params={"alpha": 0.2})
    assert "unexpected keyword argument" in result.message and "def f(x, alpha=0.01)" in result.message


@pytest.mark.parametrize(
    "student, words",
    [
        (lambda x: x > 0, "returned booleans (True/False), not numbers (hint: turn a condition into numbers"),
        (lambda x: np.maximum(x, 0).astype(int), "returned integers (dtype int64), not floats"),
        (lambda x: [max(v, 0.0) for v in x], "returned a Python list, not a numpy array"),
        (lambda x: None, "returned None (hint: did you forget `return`?)"),
        (lambda x: np.maximum(x, 0)[:3], "for an input of shape (123,) your function returned shape (3,)"),
        (lambda x: "relu", "returned str 'relu', not a numpy array"),
    ],
)
def test_a_wrong_type_gets_a_clear_line_before_any_value(capsys, student, words):
    result = check_function(student, "relu")
    assert not result and words in result.message, result.message
    assert "negative" not in result.message  # no value hint for a type problem


def test_calling_the_function_instead_of_passing_it_is_explained():
    assert "is not a function: give the function itself" in check_function(relu(np.ones(3)), "relu").message


def test_a_change_to_the_input_is_caught(capsys):
    def in_place(x):
        x[x < 0] = 0
        return x

    result = check_function(in_place, "relu")
    assert not result and "changed its input array in place" in result.message and "x.copy()" in result.message


def test_np_vectorize_gets_its_own_line_whether_passed_or_wrapped():
    vec = np.vectorize(lambda v: max(v, 0.0))
    for fn in (vec, lambda x: vec(x)):
        result = check_function(fn, "relu")
        assert not result and "np.vectorize calls your Python code once per element" in result.message


def test_a_python_loop_fails():
    result = check_function(lambda x: np.array([max(v, 0.0) for v in np.ravel(x)]).reshape(np.shape(x)), "relu")
    assert not result and "loops over the elements in Python" in result.message


def test_a_strict_failure_is_raised_once_and_not_printed(capsys):
    with pytest.raises(CheckFailed) as info:
        check_function(lambda x: np.maximum(-x, 0), "relu", strict=True)
    assert isinstance(info.value, AssertionError)
    assert capsys.readouterr().out == ""
    assert str(info.value).startswith("❌ not yet: at x = 1")
    assert info.value._render_traceback_() == [f"CheckFailed: {info.value}"]  # what Jupyter shows: one line
    assert check_function(relu, "relu", strict=True)  # a strict pass prints and returns
    assert capsys.readouterr().out.startswith("✅ passed")


def test_the_result_shows_nothing_more_in_a_notebook(capsys):
    from IPython.core.formatters import DisplayFormatter

    result = check_function(relu, "relu")
    assert one_line(capsys).startswith("✅ passed")
    # As a cell's last expression, Jupyter asks IPython's formatter for the
    # result's representations: none, so the printed line is the whole output.
    assert DisplayFormatter().format(result) == ({}, {})
    assert capsys.readouterr().out == ""


# --------------------------------------------------------------------------
# kinks, tails, NaN, infinities
# --------------------------------------------------------------------------
def test_the_derivative_at_a_kink_follows_the_chapters_convention():
    assert check_derivative(lambda x: (x > 0).astype(float), "relu", nan=False)
    wrong = check_derivative(lambda x: (x >= 0).astype(float), "relu", nan=False)
    assert wrong.message.startswith("❌ not yet: at the kink 0, at x = 0, your derivative returned 1")
    assert "the chapter states which side it takes" in wrong.message
    shifted = check_derivative(lambda x: (x > 1e-12).astype(float), "relu", nan=False)
    assert "just right of the kink 0" in shifted.message and "check the inequality" in shifted.message


def test_kinks_come_from_the_activation():
    assert kinks_of(actlib.relu, {}) == (0.0,)
    assert kinks_of(actlib.hard_tanh, {"min_val": -2.0, "max_val": 3.0}) == (-2.0, 3.0)
    assert kinks_of(actlib.sigmoid, {}) == ()


def test_tails_are_judged_by_relative_error_not_an_absolute_tolerance():
    # off by 1e-20 absolutely where σ is about 1e-22: a 1e-12 absolute tolerance would pass it
    nudged = lambda x: stable_sigmoid(x) + np.where(x < -45, 1e-20, 0.0)  # noqa: E731
    result = check_stable(nudged, "sigmoid")
    assert not result and "at x = -100 your function returned 1e-20, which is not the exact value" in result.message


def test_a_truncated_tail_and_lost_digits_get_the_hint_that_fits():
    cut = check_stable(lambda x: np.where(np.abs(x) > 15, 0.0, actlib.tanh.derivative(x)), "tanh", derivative=True, tail_hint="TAIL")
    assert "returned exactly 0" in cut.message and "a cut-off" in cut.message and "TAIL" not in cut.message
    lost = check_stable(naive.tanh_derivative, "tanh", derivative=True, tail_hint="TAIL")
    assert "at x = 10" in lost.message and "relative error of 1e-08" in lost.message and "(hint: TAIL)" in lost.message
    clipped = check_stable(lambda x: stable_sigmoid(np.clip(x, -30, 30)), "sigmoid", tail_hint="TAIL")
    assert "clip or cut off" in clipped.message and "TAIL" not in clipped.message


def test_a_warning_on_a_large_input_fails_and_names_it(capsys):
    result = check_stable(naive.softplus, "softplus", warn_hint="WARN")
    assert not result and one_line(capsys) == result.message
    assert result.message == "❌ not yet: at x = 710 your function warned “overflow encountered in exp” (hint: WARN)"
    assert result.first_failure.warning == "overflow encountered in exp"
    assert check_stable(stable_softplus, "softplus")


def test_results_below_the_smallest_normal_float_may_be_flushed_to_zero():
    from scipy.special import expit  # returns 0 where σ(x) is subnormal

    assert expit(-710.0) == 0 and actlib.sigmoid(-710.0) > 0
    assert check_stable(expit, "sigmoid")


def test_nan_must_stay_nan_and_infinities_give_the_limits():
    dropped = check_function(lambda x: np.where(x > 0, x, 0.0), "relu")
    assert "at x = nan your function returned 0; NaN must stay NaN" in dropped.message
    half = check_function(lambda x: (x + np.abs(x)) / 2, "relu")
    assert "at x = -inf your function returned nan, which is not the limit" in half.message and "inf − inf" in half.message
    assert check_function(lambda x: np.where(x > 0, x, 0.0), "relu", nan=False)


def test_vector_activations_are_checked_row_by_row():
    def softmax(x):
        e = np.exp(x - np.max(x, axis=-1, keepdims=True))
        return e / e.sum(axis=-1, keepdims=True)

    assert check_function(softmax, "softmax", inf=False)
    whole = check_function(lambda x: np.exp(x) / np.exp(x).sum(), "softmax", inf=False)
    assert whole.message.startswith("❌ not yet: for the row x = [0, 0, 0, 0] your function returned [4.24816e-18")
    overflow = check_stable(lambda x: np.exp(x) / np.exp(x).sum(-1, keepdims=True), "softmax")
    assert "for the row x = [1000, 1001, 1002, 1003] your function warned" in overflow.message


def test_a_function_check_is_a_value():
    spec = FunctionCheck("relu", derivative=True, nan=False)
    assert spec.run(lambda x: (x > 0).astype(float)) and not spec.run(lambda x: (x >= 0).astype(float))
    with pytest.raises(ValueError, match="vector-valued"):
        FunctionCheck("softmax", derivative=True).run(abs)
    with pytest.raises(ValueError, match="a value check always runs"):
        FunctionCheck("relu", ordinary=())


def test_check_vectorised_checks_shapes_and_loops_only(capsys):
    assert check_vectorised(lambda x: np.where(x > 0, x, 0.0), "relu")  # NaN is not its business
    zero_d = check_vectorised(lambda x: np.maximum(np.atleast_1d(x), 0.0), "relu")
    assert "for an input of shape () your function returned shape (1,)" in zero_d.message


def test_the_loop_detector_gives_back_the_callers_tracer():
    def tracer(frame, event, arg):
        return None

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        check_vectorised(relu, "relu")
        assert sys.gettrace() is tracer
    finally:
        sys.settrace(previous)


# --------------------------------------------------------------------------
# answers by digest, and values computed by a hidden test
# --------------------------------------------------------------------------
def test_every_way_of_writing_an_answer_has_the_same_digest():
    assert answer_digest(0.25) == answer_digest(Fraction(1, 4)) == answer_digest(np.float32(0.25)) == answer_digest(0.2500000001)
    assert answer_digest(0) == answer_digest(-0.0) == answer_digest(np.int64(0)) == answer_digest(np.array(0.0))
    assert answer_digest((2, 2, -1)) == answer_digest([2.0, 2.0, -1.0]) == answer_digest(np.array([2, 2, -1]))
    assert answer_digest({"b", "a"}) == answer_digest({" A ", "B"}) != answer_digest(["a", "b"])
    assert answer_digest("Vanishing  gradients") == answer_digest(" vanishing gradients ")
    assert answer_digest(0.25) != answer_digest(0.2501) and answer_digest(True) != answer_digest(1)
    assert answer_digest(0.2501, digits=3) == answer_digest(0.25, digits=3)
    assert answer_digest(0.5).startswith("sha256:") and len(answer_digest(0.5)) == 7 + 64


def test_check_answer_accepts_any_listed_digest_and_reveals_nothing(capsys):
    both = [answer_digest((2, 2, -1)), answer_digest((-2, -2, 1))]
    for right in ((2, 2, -1), (-2.0, -2.0, 1.0)):
        result = check_answer(right, both, what="(a, b, c)")
        assert result and result.message == "✅ passed: (a, b, c) (compared by digest to 6 significant digits)"
    wrong = check_answer((2, 2, 1), both, what="(a, b, c)", hint="σ(−y) = 1 − σ(y)")
    assert wrong.message == "❌ not yet: (2, 2, 1) is not (a, b, c) (hint: σ(−y) = 1 − σ(y))"


def test_check_answer_explains_the_form_of_an_answer():
    quarter = answer_digest(0.25)
    assert "is text; give the number without quotes" in check_answer("0.25", quarter, what="σ′(0)").message
    assert "no answer for σ′(0) yet" in check_answer(..., quarter, what="σ′(0)").message
    assert "is not a number, text, tuple, list or set" in check_answer({"a": 1}, quarter, what="σ′(0)").message
    choices = answer_digest({"sigmoid", "tanh"})
    assert "give a set" in check_answer(["tanh", "sigmoid"], choices, what="the bounded ones").message
    with pytest.raises(CheckFailed):
        check_answer(0.3, quarter, what="σ′(0)", strict=True)


def test_check_value_for_hidden_tests_never_states_the_expected_value(capsys):
    assert check_value(0.25, 0.25, what="σ′(0)").message == "✅ passed: σ′(0)"
    wrong = check_value(0.3, 0.25, what="σ′(0)")
    assert wrong.message == "❌ not yet: 0.3 is not σ′(0)" and "0.25" not in wrong.message
    assert not check_value(1e-300, 0.0, what="a zero")  # relative: 0 only equals 0
    assert "is text" in check_value("0.25", 0.25, what="σ′(0)").message
    assert check_value("B", "b", what="the choice") and check_value(["x", "y"], {"y", "x"}, what="the set")
    assert check_value([1, 4, 6], np.array([1, 4, 6]), what="the dead units")


def test_in_jupyter_a_strict_failure_shows_once_as_one_line_and_no_traceback(capsys):
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    shell.run_cell("import numpy as np, actlib.checks\nactlib.checks.exercise('relu-code:relu', lambda x: np.where(x > 0, x, 0.0))")
    assert type(shell.last_execution_result.error_in_exec).__name__ == "CheckFailed"
    out = capsys.readouterr().out
    assert out.count("❌") == 1 and "Traceback" not in out and "File " not in out
    assert out.startswith("CheckFailed: ❌ not yet: at x = nan your function returned 0; NaN must stay NaN") and out.count("\n") == 1


def test_a_function_check_refuses_a_value_with_one_shared_message():
    # register(..., function=True): the guard lives in one place for every custom function check.
    from actlib.checks import exercise, exercise_names

    names = [n for n in exercise_names() if n in {"relu-dead", "backprop-gradcheck", "dying-threshold", "vanishing-bound"}]
    assert len(names) == 4
    for name in names:
        result = exercise(name, 3.0, strict=False)
        assert not result and "is not a function" in result.message and "without calling it" in result.message


def _raises(exc):
    def learner(*args):
        raise exc
    return learner


@pytest.mark.parametrize(
    "label,exc,advice",
    [
        ("vanishing-bound", np.linalg.LinAlgError("Last 2 dimensions of the array must be square"), "eigenvalues need a square matrix"),
        ("identity-collapse", ValueError("matmul: Input operand 1 has a mismatch in its core dimension"), "order of the product"),
        ("dying-threshold", NotImplementedError(), "replace `raise NotImplementedError()`"),
        ("choosing-bce", ZeroDivisionError("division by zero"), None),
    ],
)
def test_a_learner_function_that_raises_gets_one_line_with_the_advice_that_fits(label, exc, advice):
    """Every check that runs a learner's function words an exception the same way (``_feedback._raised``)."""
    with pytest.raises(actlib.checks.CheckFailed) as failed:
        actlib.checks.exercise(label, _raises(exc))
    shown = str(failed.value)
    assert "your function raised " + type(exc).__name__ in shown
    assert not shown.startswith("❌ not yet:  ")  # no empty "where" left in front
    if advice:
        assert advice in shown
