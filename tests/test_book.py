"""The book builds strictly, completely and offline.

One strict build (warnings are errors, every cross-reference checked) into a
temporary directory, never the repository's ``_build``; the tests below read
its output. The build is a module-scoped fixture: ``--dist loadfile`` keeps
this file on one xdist worker, so the book is built once per test run.
"""

import re
from pathlib import Path

import pytest
import yaml

import actlib
from booktools import REPO, build_book, toc, toc_files

# Pages whose notebooks embed ipywidgets state load the widget manager from a
# CDN by design (myst-nb adds it); every other page must work offline.
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
EXTERNAL_SCRIPT = re.compile(r"<script\b[^>]*\bsrc=[\"']?((?:https?:)?//[^\"'\s>]+)", re.IGNORECASE)


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    return build_book(tmp_path_factory.mktemp("book"))


def pages(html: Path) -> dict[Path, str]:
    return {p: p.read_text(encoding="utf-8") for p in html.rglob("*.html") if "_static" not in p.parts}


def test_build_succeeds_without_a_single_warning(book):
    proc, html = book
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output[-5000:]
    assert "WARNING" not in output, "\n".join(line for line in output.splitlines() if "WARNING" in line)
    assert (html / "index.html").exists()


def test_every_page_in_the_toc_is_built(book):
    _, html = book
    files = toc_files(toc())
    assert {"intro", "reference/api"} <= set(files)
    missing = [f for f in files if not (html / Path(f).with_suffix(".html")).exists()]
    assert not missing, f"no HTML for: {missing}"


def test_thebe_config_is_declared_at_most_once_per_page(book):
    # Twice is a SyntaxError in the browser ('THEBE_JS_URL' has already been declared).
    _, html = book
    repeated = {p.relative_to(html).as_posix(): n for p, text in pages(html).items() if (n := text.count("const THEBE_JS_URL")) > 1}
    assert not repeated


def test_pages_without_widgets_load_no_script_from_the_network(book):
    _, html = book
    offenders = {
        p.relative_to(html).as_posix(): EXTERNAL_SCRIPT.findall(text)
        for p, text in pages(html).items()
        if WIDGET_STATE not in text and EXTERNAL_SCRIPT.search(text)
    }
    assert not offenders


def test_mathjax_is_served_from_the_book(book):
    _, html = book
    intro = (html / "intro.html").read_text(encoding="utf-8")
    src = re.search(r"<script[^>]*src=\"([^\"]*mathjax[^\"]*)\"", intro, re.IGNORECASE)
    assert src and not re.match(r"(https?:)?//", src.group(1)), "MathJax must not come from a CDN"
    assert (html / src.group(1).split("?")[0]).is_file()


def test_api_page_documents_every_activation_once(book):
    _, html = book
    api = (html / "reference" / "api.html").read_text(encoding="utf-8")
    for name in actlib.names(aliases=False):
        assert api.count(f'id="actlib.{name}"') == 1, name
        if actlib.get(name).kind == "elementwise":
            assert f'id="actlib.{name}.derivative"' in api, name
    for alias in set(actlib.names()) - set(actlib.names(aliases=False)):
        # named in the text (its activation's "Also called" row), never a second object
        assert f'id="actlib.{alias}"' not in api and f'<span class="pre">{alias}</span>' in api, alias
    for func in ("get", "names"):
        assert f'id="actlib.{func}"' in api
    # Formulas reach the page as MathJax input, not as escaped text.
    assert r"\[\sigma(x) = \frac{1}{1 + e^{-x}}\]" in api


def test_api_page_documents_the_network_and_the_experiments(book):
    import actlib.experiments
    import actlib.nn

    _, html = book
    api = (html / "reference" / "api.html").read_text(encoding="utf-8")
    for module in (actlib.nn, actlib.experiments):
        for name in module.__all__:
            assert f'id="{module.__name__}.{name}"' in api, f"{module.__name__}.{name}"
    for member in ("weights", "biases", "activation_params", "predict", "loss_and_grads", "fit", "forward", "backward"):
        assert f'id="actlib.nn.MLP.{member}"' in api, member


def test_intro_summary_table_links_every_activation(book):
    _, html = book
    intro = (html / "intro.html").read_text(encoding="utf-8")
    for name in actlib.names(aliases=False):
        assert f'href="reference/api.html#actlib.{name}"' in intro, name


# Solutions are shown clean (_ext/solution_markers.py): no nbgrader marker,
# stub or hidden test reaches a page, while the notebooks keep them.
NBGRADER_LEFTOVERS = re.compile(r"(BEGIN|END) (SOLUTION|HIDDEN TESTS)|NotImplementedError|YOUR (CODE|ANSWER) HERE|^\s*\w+(\s*,\s*\w+)*\s*=\s*\.\.\.\s*$", re.M)


def page_text(html_file: Path) -> str:
    """The visible text of a built page (tags dropped, entities decoded)."""
    import html as html_module

    return html_module.unescape(re.sub(r"<[^>]+>", "", html_file.read_text(encoding="utf-8")))


def test_solutions_show_without_nbgrader_markers_or_stubs(book):
    _, html = book
    chapters = [f for f in toc_files(toc()) if (REPO / f"{f}.ipynb").exists()]
    assert chapters
    leftovers = {}
    for chapter in chapters:
        notebook = (REPO / f"{chapter}.ipynb").read_text(encoding="utf-8")
        assert "BEGIN SOLUTION" in notebook, f"{chapter}: the notebook itself keeps nbgrader's markers"
        found = NBGRADER_LEFTOVERS.findall(page_text(html / f"{chapter}.html"))
        if found:
            leftovers[chapter] = found
    assert not leftovers


# Binder, Colab and the .ipynb download open the learner's copy (_ext/learner_copies.py).
def test_launch_and_download_buttons_open_the_learners_copy(book):
    _, html = book
    repo = yaml.safe_load((REPO / "_config.yml").read_text(encoding="utf-8"))["repository"]
    slug = repo["url"].rstrip("/").split("github.com/")[-1]
    chapters = [f for f in toc_files(toc()) if (REPO / f"{f}.ipynb").exists()]
    assert chapters
    for chapter in chapters:
        page = (html / f"{chapter}.html").read_text(encoding="utf-8")
        hrefs = set(re.findall(r'href="([^"]+)"', page))
        learner = f"student/{chapter}.ipynb"
        assert f"https://mybinder.org/v2/gh/{slug}/{repo['branch']}?urlpath=lab/tree/{learner}" in hrefs, chapter
        assert f"https://colab.research.google.com/github/{slug}/blob/{repo['branch']}/{learner}" in hrefs, chapter
        # No button opens the author's notebook any more.
        assert not [h for h in hrefs if h.endswith(f"{chapter}.ipynb") and not h.endswith(learner)], chapter
        downloads = [h for h in hrefs if h.endswith(".ipynb") and not h.startswith("http")]
        assert downloads, chapter
        for href in downloads:
            served = (html / chapter).parent / href
            assert served.resolve().read_bytes() == (REPO / learner).read_bytes(), href
        # Sphinx's copy of the page source is the learner's copy too: the site serves no solution.
        assert (html / "_sources" / f"{chapter}.ipynb").read_bytes() == (REPO / learner).read_bytes()


def _chapter_of():
    import importlib.util

    spec = importlib.util.spec_from_file_location("actlib_docs", REPO / "_ext" / "actlib_docs.py")
    docs = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(docs)
    return docs.chapter_of(REPO)


def test_each_activation_with_a_chapter_is_found_by_its_properties_table():
    chapters = _chapter_of()
    assert chapters["relu"] == "chapters/activations/03_relu"
    assert chapters["binary_step"] == chapters["identity"] == "chapters/activations/04_identity"  # a family chapter
    for name, doc in chapters.items():
        assert name in actlib.names(aliases=False) and (REPO / f"{doc}.ipynb").is_file() and doc in toc_files(toc()), name


def test_intro_summary_table_links_each_activation_to_its_chapter(book):
    _, html = book
    intro = (html / "intro.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr\b.*?</tr>", intro, re.S)
    for name in actlib.names(aliases=False):
        (row,) = [r for r in rows if f'href="reference/api.html#actlib.{name}"' in r]
        links = set(re.findall(r'href="(chapters/activations/[^"#]+)\.html"', row))
        doc = _chapter_of().get(name)
        assert links == ({doc} if doc else set()), (name, links)
