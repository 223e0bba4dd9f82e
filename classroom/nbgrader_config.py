# nbgrader's configuration for the course folder. `python -m classroom ...`
# loads it (with the folder as CourseDirectory.root); so does the plain
# `nbgrader` command run inside this folder.
c = get_config()  # noqa: F821 (provided by nbgrader's config loader)

c.CourseDirectory.course_id = "activation-functions"

# The stubs nbgrader puts where a solution was (its defaults, stated here so
# the tests and the teacher guide can rely on them).
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# The autograder's kernel: a chapter runs in well under 20 s, so a minute per
# cell only catches an endless loop. Minimal tracebacks make a failing check
# read as its one friendly line ("CheckFailed: ❌ not yet: at x = ...")
# in the autograded notebook and the feedback, not a page of frames.
c.Execute.timeout = 60
c.Execute.extra_arguments = ["--HistoryManager.hist_file=:memory:", "--InteractiveShell.xmode=Minimal"]
