"""Wrong answers each exercise check must reject, and right answers it must accept, one module per chapter.

Each module names its notebook in ``CHAPTER`` and holds two dicts keyed by
the check's name in ``actlib.exercises`` (the name the notebook's check cell
passes to ``actlib.checks.exercise``):

- ``WRONG[name][why] = (answer, says)``: ``actlib.checks.exercise(name, *answer)``
  must fail, with ``says`` in its message (so it fails for the right reason
  and its hint does not point the wrong way);
- ``RIGHT[name][why] = answer``: the same call must pass.

``answer`` is the learner's function or value; a check with several parts
(recall answers) takes a tuple with one entry per part.
``tests/test_exercise_answers.py`` runs them all.
"""
