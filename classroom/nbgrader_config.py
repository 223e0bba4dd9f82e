# nbgrader's configuration for the course folder. `python -m classroom ...`
# loads it (with the folder as CourseDirectory.root), then the course
# folder's own nbgrader_config.py if you keep the course folder elsewhere
# (--root); the plain `nbgrader` command run inside this folder reads it too.
c = get_config()  # noqa: F821 (provided by nbgrader's config loader)

c.CourseDirectory.course_id = "activation-functions"

# The stubs nbgrader puts where a solution was (its defaults, stated here so
# the tests and the teacher guide can rely on them).
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# The autograder's kernel: a chapter runs in well under 20 s, so a minute per
# cell only catches an endless loop. Minimal tracebacks make a failing check
# read as its one friendly line ("CheckFailed: ❌ not yet: ...")
# in the autograded notebook and the feedback, not a page of frames.
c.Execute.timeout = 60
c.Execute.extra_arguments = ["--HistoryManager.hist_file=:memory:", "--InteractiveShell.xmode=Minimal"]

# What one submission's kernel may use (python -m classroom autograde; see
# classroom/sandbox.py): it runs as this unprivileged user, created when the
# grader runs as root, with these OS limits.
c.Sandbox.user = "classroom-grader"
c.Sandbox.cpu_seconds = 300
c.Sandbox.memory_bytes = 4 * 2**30
c.Sandbox.file_bytes = 64 * 2**20
# Every output is cut to this many characters in the graded notebook and the feedback.
c.TruncateOutput.max_chars = 20_000

# Late work: nbgrader compares each submission's timestamp.txt with the due
# date (`python -m classroom release --due ...`) and records how late it is.
# "none" only records it; "zero" gives a late notebook 0 points.
c.LateSubmissionPlugin.penalty_method = "none"

# `nbgrader zip_collect 03_relu` (run in this folder) files the submissions of
# a bulk download from downloaded/03_relu/archive/ (git-ignored). This pattern
# matches Canvas's file names, <login>_<user id>_<submission id>_<file name>
# with "_late" after the login for late work, and keeps a browser's renaming
# ("03_relu (1).ipynb", "03_relu-1.ipynb") from hiding a submission. For
# another platform, write a pattern with the groups student_id and file_id.
c.FileNameCollectorPlugin.named_regexp = (
    r"^.*/(?P<student_id>[^_/]+)_(?:late_)?\d+_\d+_(?P<file_id>\d\d_[a-z_]+?)(?:-\d+| \(\d+\))?\.ipynb$")
