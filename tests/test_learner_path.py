"""A learner's path through one chapter, in JupyterLab, in a real browser, offline.

The learner's copy of the ReLU chapter (``student/…/03_relu.ipynb``: what
Binder, Colab and the book's download button open) is copied to a temporary
folder and opened in JupyterLab, which Debian's Chromium drives through
Playwright. Every request to anything but the local Jupyter server is
aborted. The test then does what a learner does:

1. runs every cell, one at a time, top to bottom (Shift+Enter, waiting for
   each to finish: a kernel aborts queued cells after an error, so Run All
   would stop at the first blank exercise);
2. checks that the only errors are the unanswered exercises' own: a blank
   answer cell raises its ``NotImplementedError`` stub, and the check cell
   below it prints its one friendly ``CheckFailed`` line. Any other error
   output, anywhere, fails;
3. moves the live explorer's first slider with the keyboard and sees its
   figure change;
4. types the model solution into the code exercise, runs it and its check,
   and sees the check pass.

The last view goes to ``SCREENSHOTS/learner-path.png`` (as in
``tests/test_browser.py``). Like ``tests/test_browser.py`` it needs Playwright and ``/usr/bin/chromium``
(and JupyterLab, pinned in requirements-browser.txt): without them it skips
locally and fails in CI (``CI`` set).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from booktools import REPO
from test_browser import CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS, _unavailable

CHAPTER = Path("chapters/activations/03_relu.ipynb")
LEARNER_COPY = REPO / "student" / CHAPTER
CODE_EXERCISE = "relu-code"  # its answer cell is <id>-answer, its checks <id>-...-check
SERVER_START_S = 60
CELL_TIMEOUT_MS = 20_000
TOKEN = "learner-path-test"

# JupyterLab settings for the run: every cell in the DOM (no windowing, so
# cell i of the page is cell i of the notebook), and no news or update checks
# (they would fetch from the network).
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false", "checkForUpdates": False},
}

# The error an unanswered exercise shows, by nbgrader role of its cell.
EXPECTED_ERROR = {"answer": "NotImplementedError", "check": "CheckFailed"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _role(cell: dict) -> str | None:
    """'answer' for an nbgrader solution code cell, 'check' for a graded test cell, else None."""
    meta = cell.get("metadata", {}).get("nbgrader", {})
    if cell["cell_type"] != "code" or not meta:
        return None
    return "answer" if meta.get("solution") else "check" if meta.get("grade") else None


def _model_solution(grade_id: str) -> str:
    """The chapter's own model solution for the answer cell ``grade_id``, markers and stubs removed."""
    sys.path.insert(0, str(REPO / "_ext"))
    try:
        from solution_markers import clean_source
    finally:
        sys.path.pop(0)
    author = json.loads((REPO / CHAPTER).read_text(encoding="utf-8"))
    cell = next(c for c in author["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == grade_id)
    return clean_source("".join(cell["source"]), solution=True)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on a temporary copy of the learner's copy: (base URL, notebook name, cells)."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _unavailable("Playwright is not installed (pip install -r requirements-browser.txt)")
    if not os.access(CHROMIUM, os.X_OK):
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    if shutil.which("jupyter-lab", path=str(Path(sys.executable).parent)) is None:
        _unavailable("JupyterLab is not installed (pip install -r requirements-browser.txt)")

    root = tmp_path_factory.mktemp("learner")
    work, home = root / "work", root / "home"
    work.mkdir()
    shutil.copyfile(LEARNER_COPY, work / CHAPTER.name)
    settings = home / "lab-settings"
    for name, values in LAB_SETTINGS.items():
        (settings / name).parent.mkdir(parents=True, exist_ok=True)
        (settings / name).write_text(json.dumps(values), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
               JUPYTER_CONFIG_DIR=str(home / "config"), JUPYTER_RUNTIME_DIR=str(home / "runtime"),
               IPYTHONDIR=str(home / "ipython"), MPLBACKEND="module://matplotlib_inline.backend_inline")
    port = _free_port()
    cmd = [str(Path(sys.executable).parent / "jupyter-lab"), "--no-browser", f"--ServerApp.port={port}",
           "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={work}",
           f"--LabApp.user_settings_dir={settings}", f"--LabApp.workspaces_dir={home / 'workspaces'}",
           "--LabApp.news_url=", "--ServerApp.port_retries=0",
           "--allow-root"]  # CI runs as root
    log = (root / "server.log").open("w")
    server = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=work)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START_S
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=2)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("JupyterLab did not start:\n" + (root / "server.log").read_text()[-3000:])
                time.sleep(0.5)
        cells = json.loads(LEARNER_COPY.read_text(encoding="utf-8"))["cells"]
        yield base, CHAPTER.name, cells
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def _wait_for_kernel(page, base: str) -> None:
    """Until the notebook's kernel has started and the page shows it idle (a cell run earlier is lost)."""
    deadline = time.monotonic() + SERVER_START_S
    while True:
        sessions = json.load(urllib.request.urlopen(f"{base}/api/sessions?token={TOKEN}", timeout=5))
        if any(s.get("kernel", {}).get("execution_state") == "idle" for s in sessions):
            break
        if time.monotonic() > deadline:
            pytest.fail(f"the notebook's kernel did not start: {sessions}")
        time.sleep(0.5)
    page.wait_for_selector('.jp-Notebook-ExecutionIndicator[data-status="idle"]', timeout=CELL_TIMEOUT_MS)


def _outputs(page, index: int) -> dict:
    """Cell ``index``'s prompt, its error/stderr texts and its other output text."""
    return page.evaluate(
        """i => {
          const cell = document.querySelectorAll('.jp-Notebook .jp-Cell')[i];
          const prompt = cell.querySelector('.jp-InputPrompt');
          const errors = Array.from(cell.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'))
            .map(e => e.textContent);
          const text = Array.from(cell.querySelectorAll('.jp-OutputArea-output')).map(e => e.textContent).join('\\n');
          return {prompt: prompt ? prompt.textContent.trim() : '', errors: errors, text: text};
        }""",
        index,
    )


PROMPT_JS = "i => { const p = document.querySelectorAll('.jp-Notebook .jp-Cell')[i].querySelector('.jp-InputPrompt'); return p ? p.textContent.trim() : ''; }"


def _run(page, index: int, code: bool) -> None:
    """Select cell ``index`` in command mode, press Shift+Enter, and wait until a code cell has run.

    A code cell has run when its prompt shows a new execution count ("[7]:"):
    "[*]:" while queued or running. A key press that came before the kernel
    was ready leaves the prompt as it was; the learner presses again.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    before = page.evaluate(PROMPT_JS, index)
    for attempt in range(3):
        page.locator(".jp-Notebook .jp-Cell").nth(index).locator(".jp-InputPrompt").click()
        page.keyboard.press("Escape")
        page.keyboard.press("Shift+Enter")
        if not code:
            return
        try:
            page.wait_for_function(f"([i, before]) => ({PROMPT_JS})(i) !== before", arg=[index, before], timeout=5_000)
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
    page.wait_for_function(f"i => /^\\[\\d+\\]:?$/.test(({PROMPT_JS})(i))", arg=index, timeout=CELL_TIMEOUT_MS)


def _shown_images(page, index: int) -> list[str]:
    return page.evaluate(
        "i => Array.from(document.querySelectorAll('.jp-Notebook .jp-Cell')[i].querySelectorAll('.jp-OutputArea img'))"
        ".map(m => m.src)", index)


def test_a_learner_runs_the_chapter_moves_the_explorer_and_passes_an_exercise(lab):
    from playwright.sync_api import sync_playwright

    base, name, cells = lab
    roles = [_role(c) for c in cells]
    ids = [c["metadata"].get("nbgrader", {}).get("grade_id", "") for c in cells]
    explorer = next(i for i, c in enumerate(cells) if "actlib.widgets.explore(" in "".join(c["source"]))
    answer = ids.index(f"{CODE_EXERCISE}-answer")
    # Its checks: the graded cells named after the exercise (one per function, or one for all).
    checks = [i for i, g in enumerate(ids) if roles[i] == "check" and g.startswith(f"{CODE_EXERCISE}-")]
    assert checks, f"no check cell for {CODE_EXERCISE}"
    external = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 1000}, service_workers="block")
            context.route(re.compile(rf"^(?!{re.escape(base)}/)"),
                          lambda r: (external.append(r.request.url), r.abort("blockedbyclient")))
            page = context.new_page()
            page.goto(f"{base}/lab/tree/{name}?token={TOKEN}", wait_until="domcontentloaded")
            # The notebook renders its cells progressively: wait for all of them.
            page.wait_for_function("n => document.querySelectorAll('.jp-Notebook .jp-Cell').length === n",
                                   arg=len(cells), timeout=CELL_TIMEOUT_MS)
            _wait_for_kernel(page, base)

            # 1-2. Every cell, top to bottom; errors only where an exercise is still blank.
            unexpected = {}
            for i, cell in enumerate(cells):
                _run(page, i, cell["cell_type"] == "code")
                out = _outputs(page, i)
                expected = EXPECTED_ERROR.get(roles[i])
                wrong = [e for e in out["errors"] if not expected or expected not in e]
                if wrong:
                    unexpected[i] = wrong
            assert not unexpected, f"error output outside the blank exercises: {unexpected}"
            for role, error in EXPECTED_ERROR.items():
                shown = [i for i, r in enumerate(roles) if r == role and any(error in e for e in _outputs(page, i)["errors"])]
                assert shown, f"no {role} cell shows {error}: the blank exercises should"
            for check in checks:  # a blank answer fails its check once, in one friendly line
                failing = _outputs(page, check)["errors"]
                assert len(failing) == 1 and "Traceback" not in failing[0], failing

            # 3. The live explorer: move its first slider, see its figure change.
            before = _shown_images(page, explorer)
            assert before, "the live explorer shows no figure"
            handle = page.locator(".jp-Notebook .jp-Cell").nth(explorer).locator(".noUi-handle").first
            handle.focus()
            for _ in range(4):
                handle.press("ArrowRight")
            page.wait_for_function(
                """([i, before]) => { const now = Array.from(document.querySelectorAll('.jp-Notebook .jp-Cell')[i]
                                        .querySelectorAll('.jp-OutputArea img')).map(m => m.src);
                                      return now.length && now.some((s, k) => s !== before[k]); }""",
                arg=[explorer, before], timeout=CELL_TIMEOUT_MS)

            # 4. Type the model solution into the code exercise; its check passes.
            editor = page.locator(".jp-Notebook .jp-Cell").nth(answer).locator(".cm-content")
            editor.click()
            page.keyboard.press("Control+a")
            page.keyboard.press("Delete")
            page.keyboard.insert_text(_model_solution(f"{CODE_EXERCISE}-answer"))
            page.keyboard.press("Escape")
            _run(page, answer, True)
            assert not _outputs(page, answer)["errors"], _outputs(page, answer)
            for check in checks:
                _run(page, check, True)
                passed = _outputs(page, check)
                assert not passed["errors"] and "✅" in passed["text"], passed
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / "learner-path.png"), full_page=False)
        finally:
            browser.close()
    assert not external, f"JupyterLab reached for the network: {external[:5]}"
