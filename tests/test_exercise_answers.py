"""Every exercise check rejects its wrong answers and accepts its right ones (tests/exercise_answers/)."""

import importlib
import pkgutil
from pathlib import Path

import pytest

import actlib.checks
from actlib.checks import CheckFailed, FunctionCheck, exercise

import exercise_answers

ROOT = Path(__file__).resolve().parent.parent
MODULES = [importlib.import_module(f"exercise_answers.{m.name}") for m in pkgutil.iter_modules(exercise_answers.__path__)
           if not m.name.startswith("_")]


def _args(name, answer):
    """The answers as ``exercise`` takes them: a tuple for a check of several parts."""
    return answer if len(actlib.checks.EXERCISES[name].parts) > 1 else (answer,)


def _cases(kind):
    actlib.checks.exercise_names()  # load the registry
    for module in MODULES:
        for name, answers in getattr(module, kind).items():
            for why, answer in answers.items():
                yield pytest.param(name, answer, id=f"{name}: {why}")


@pytest.mark.parametrize("name, wrong", list(_cases("WRONG")))
def test_the_check_rejects_a_wrong_answer_for_the_right_reason(capsys, name, wrong):
    answer, says = wrong
    result = exercise(name, *_args(name, answer), strict=False)
    out = capsys.readouterr().out
    assert not result, f"{name} accepted a wrong answer: {result.message}"
    assert out == result.message + "\n" and out.count("\n") == 1  # printed once, one line
    assert result.message.startswith("❌ not yet: ") and "Traceback" not in out
    assert says in result.message, result.message


@pytest.mark.parametrize("name, right", list(_cases("RIGHT")))
def test_the_check_accepts_a_right_answer(capsys, name, right):
    result = exercise(name, *_args(name, right), strict=False)
    assert result, f"{name} rejected a right answer: {result.message}"
    assert capsys.readouterr().out == result.message + "\n" and result.message.startswith("✅ passed: ")


@pytest.mark.parametrize("name, wrong", list(_cases("WRONG"))[:3] + list(_cases("WRONG"))[-3:])
def test_a_strict_failure_is_raised_once_not_printed(capsys, name, wrong):
    with pytest.raises(CheckFailed) as info:
        exercise(name, *_args(name, wrong[0]))
    assert capsys.readouterr().out == ""
    assert str(info.value).startswith("❌ not yet: ") and "\n" not in str(info.value)


def test_every_registered_check_has_wrong_and_right_answers_and_no_list_names_a_missing_check():
    registered = set(actlib.checks.exercise_names())
    for kind in ("WRONG", "RIGHT"):
        listed = [name for m in MODULES for name in getattr(m, kind)]
        assert len(listed) == len(set(listed)), f"a check appears in two {kind} lists"
        assert set(listed) == registered, f"{kind}: missing {registered - set(listed)}, unknown {set(listed) - registered}"


def test_every_function_check_tries_the_plausible_kinds_of_wrong_answer():
    """Per function check, wrong answers of every kind it is meant to catch, each rejected for that reason."""
    wrong = {name: answers for m in MODULES for name, answers in m.WRONG.items()}
    for name, ex in actlib.checks.EXERCISES.items():
        spec = ex.spec
        if spec is None:
            continue
        whys = " | ".join(wrong[name]).lower()
        says = " | ".join(s for _, s in wrong[name].values())
        needed = {"in place": "in place", "np.vectorize": "np.vectorize", "a wrong type": "integers|booleans|list|None"}
        if spec.tails:
            needed.update({"a naive form": None, "a tail cut off or clipped": "exactly 0|clip or cut off", "lost digits": "relative error"})
        if spec.nan:
            needed["NaN"] = "NaN must stay NaN"
        if spec.kinks and actlib.checks.kinks_of(actlib.get(spec.reference), spec.params) and spec.derivative:
            needed["the wrong side of a kink"] = "kink"
        for kind, phrase in needed.items():
            if phrase is None:
                assert "naive" in whys, f"{name}: no naive form among its wrong answers"
            else:
                assert any(p in says for p in phrase.split("|")), f"{name}: no wrong answer is rejected for {kind}"
        assert "sign" in whys, f"{name}: no sign error among its wrong answers"
        assert len(wrong[name]) >= 8, name


def test_each_module_names_its_chapter_notebook():
    for module in MODULES:
        assert (ROOT / module.CHAPTER).is_file(), module.CHAPTER
        chapter_checks = {name.split(":")[0].split("-")[0] for name in module.WRONG}
        # an activation chapter's labels start with its actlib name; a foundations or practice chapter names its PREFIX
        prefix = getattr(module, "PREFIX", Path(module.CHAPTER).stem.split("_", 1)[1])
        assert chapter_checks == {prefix}, module.__name__


def test_the_named_checks_come_from_one_place():
    spec = actlib.checks.EXERCISES["sigmoid-stable"]
    assert spec.label == "sigmoid-stable" and spec.parts == ("my_sigmoid",)
    assert actlib.checks.EXERCISES["relu-code:derivative"].label == "relu-code"
    with pytest.raises(ValueError, match="unknown exercise check 'sigmoid-nope'"):
        exercise("sigmoid-nope", abs)
    with pytest.raises(TypeError, match="takes 3 answer"):
        exercise("sigmoid-recall", 0.5)
    assert isinstance(FunctionCheck("relu"), FunctionCheck)
