"""The rules of chapters/TEMPLATE.md, as functions: each takes a chapter and returns what breaks its rule.

``tests/test_chapter_lint.py`` runs every rule on every chapter notebook
(``chapters/**/NN_*.ipynb``) and on ``templates/chapter_skeleton.ipynb``,
and shows that each rule can fail. A chapter's activation is the actlib
name in its file name (``03_relu`` → ``relu``); the skeleton's is the
placeholder ``NAME``, whose exercise checks are not looked up.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = "NAME"

SECTIONS = [
    "Intuition and where it is used",
    "Definition",
    "Derivative, step by step",
    "Properties",
    "Function and derivative",
    "Explore it",
    "Numerics: naive, where it breaks, stable",
    "In a network",
    "Common misconceptions",
    "Pitfalls and when to use it",
    "Exercises",
    "History and references",
    "Summary",
]
"""The level-2 headings of an activation chapter, in order (``Explore it`` for parametric activations only)."""

LADDER = {"Recall": 0, "Derive": 1, "Code": 2, "Predict": 3, "Break": 3, "Choose": 4}
"""The exercise rungs by the first word of an exercise's title: recall → derive → code → predict or break → choose."""
RUNG_NAMES = ["recall", "derive", "code", "predict or break", "choose"]

_FIGURE_CALL = re.compile(r"actlib\.plotting\.(plot_\w+|gallery\w*)\(|actlib\.widgets\.static_explorer\(|\bplt\.|\.savefig\(")
_FIGURE_MIME = ("image/png", "image/svg+xml", "image/jpeg")
_CHECK_LINE = re.compile(r'^actlib\.checks\.exercise\(\s*"([^"]+)"\s*(,.*)?\)\s*$')
_REF = re.compile(r"\{(?:ref|numref)\}`(?:[^`<]*<)?([^`<>]+)>?`")
_CITE = re.compile(r"\{cite(?::[a-z]+)?\}`[^`]+`")
_NUMBERED_PROSE = re.compile(r"^\s{0,3}\(?\d+\)\s")
_FORBIDDEN_WORDS = re.compile(r"source[ -]articles?|seed[ -]articles?|\bseeds?\b", re.IGNORECASE)
_FORBIDDEN_IN_CODE = re.compile(r"source[ -]articles?|seed[ -]articles?", re.IGNORECASE)


def _source(cell) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def _tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def _nbgrader(cell) -> dict:
    return dict(cell.get("metadata", {}).get("nbgrader", {}))


def _prose_lines(text: str):
    """The lines of a markdown cell that are prose: not inside a code block or display math (directives are prose)."""
    fence, math = None, False
    for line in text.splitlines():
        stripped = line.strip()
        if fence:
            if stripped.startswith(fence):
                fence = None
            continue
        m = re.match(r"^(`{3,}|~{3,})(.*)$", stripped)
        if m and not m.group(2).strip().startswith("{"):
            fence = m.group(1)
            continue
        if math:
            math = not stripped.endswith("$$")
            continue
        if stripped.startswith("$$"):
            math = len(stripped) == 2 or not stripped.endswith("$$")  # a one-line $$...$$ opens nothing
            continue
        if re.match(r"^(`{3,}|:{3,})", stripped):  # a directive's fence: its body is prose
            continue
        yield line


@dataclass
class Exercise:
    label: str
    title: str
    cell: int
    section: str | None
    cells: list[int] = field(default_factory=list)  # the cells after the directive, up to the next exercise or section

    @property
    def rung(self) -> int | None:
        first = re.split(r"[\s:]", self.title.strip(), maxsplit=1)[0] if self.title.strip() else ""
        return LADDER.get(first)


class Chapter:
    """A chapter notebook, read once, with what the rules look at."""

    def __init__(self, path: Path, name: str | None = None, nb: dict | None = None):
        self.path = Path(path)
        self.nb = nb if nb is not None else json.loads(self.path.read_text())
        self.cells = self.nb["cells"]
        self.name = name or re.sub(r"^\d+_", "", self.path.stem)
        self.is_activation = self.path.parent.name == "activations" or self.name == PLACEHOLDER

    @cached_property
    def activation(self):
        """The actlib activation of the chapter, or None (the skeleton, or a chapter about several)."""
        import actlib

        try:
            return actlib.get(self.name)
        except (KeyError, ValueError):
            return None

    @cached_property
    def parametric(self) -> bool | None:
        act = self.activation
        return None if act is None else bool([p for p in act.params if p != "axis"])

    @cached_property
    def section_of(self) -> list[str | None]:
        """The level-2 section each cell is in (None before the first)."""
        current, out = None, []
        for cell in self.cells:
            if cell["cell_type"] == "markdown":
                for line in _prose_lines(_source(cell)):
                    m = re.match(r"^##\s+(.*?)\s*$", line)
                    if m and not line.startswith("###"):
                        current = m.group(1)
            out.append(current)
        return out

    @cached_property
    def headings(self) -> list[tuple[int, str, int]]:
        """(level, text, cell index) of every heading in a markdown cell."""
        found = []
        for i, cell in enumerate(self.cells):
            if cell["cell_type"] == "markdown":
                for line in _prose_lines(_source(cell)):
                    m = re.match(r"^(#{1,6})\s+(.*?)\s*$", line)
                    if m:
                        found.append((len(m.group(1)), m.group(2), i))
        return found

    @cached_property
    def exercises(self) -> list[Exercise]:
        found = []
        for i, cell in enumerate(self.cells):
            if cell["cell_type"] != "markdown":
                continue
            text = _source(cell)
            m = re.search(r"^(?:`{3,}|:{3,})\{exercise\}[ \t]*(.*)$", text, re.MULTILINE)
            if m:
                label = re.search(r"^:label:\s*(\S+)", text, re.MULTILINE)
                found.append(Exercise(label.group(1) if label else "", m.group(1), i, self.section_of[i]))
        for k, ex in enumerate(found):
            end = found[k + 1].cell if k + 1 < len(found) else len(self.cells)
            ex.cells = [j for j in range(ex.cell + 1, end) if self.section_of[j] == ex.section]
        return found

    def code_in(self, section: str) -> str:
        return "\n".join(_source(c) for c, s in zip(self.cells, self.section_of) if s == section and c["cell_type"] == "code")

    def markdown_in(self, section: str) -> str:
        return "\n".join(_source(c) for c, s in zip(self.cells, self.section_of) if s == section and c["cell_type"] == "markdown")

    def is_check_cell(self, cell) -> bool:
        g = _nbgrader(cell)
        return cell["cell_type"] == "code" and g.get("grade") is True and g.get("solution") is False


# --------------------------------------------------------------------------
# the rules
# --------------------------------------------------------------------------
def sections(ch: Chapter) -> list[str]:
    """Level-2 headings exactly as the template lists them, in order; what each section must hold."""
    if not ch.is_activation:
        return []
    problems = []
    got = [text for level, text, _ in ch.headings if level == 2]
    want = [s for s in SECTIONS if s != "Explore it" or ch.parametric is not False]
    if ch.parametric is None and "Explore it" not in got:
        want.remove("Explore it")
    if got != want:
        problems.append(f"level-2 headings are {got}, the template's are {want}")
    titles = [(i, text) for level, text, i in ch.headings if level == 1]
    if not titles:
        problems.append("no `# <Name>` title")
    code = {s: ch.code_in(s) for s in SECTIONS}
    if "actlib.tables.properties_table(" not in code["Properties"]:
        problems.append("Properties: no actlib.tables.properties_table(...) call")
    fig = code["Function and derivative"]
    vector = ch.activation is not None and ch.activation.kind == "vector"
    if ch.parametric is False and not vector:
        if "actlib.widgets.static_explorer(" not in fig or "plot_activation(" in fig:
            problems.append("Function and derivative: a parameterless activation has one figure, the kernel-free explorer "
                            "(static_explorer), and no separate plot_activation")
    elif ch.parametric and not re.search(r"actlib\.plotting\.plot_(activation|vector)\(", fig):
        problems.append("Function and derivative: no actlib.plotting.plot_activation(...) (or plot_vector) call")
    if "Explore it" in got and "actlib.widgets.static_explorer(" not in code["Explore it"]:
        problems.append("Explore it: no kernel-free explorer (actlib.widgets.static_explorer) over the parameter")
    if vector and "plot_vector(" not in fig:
        problems.append("Function and derivative: a vector-valued activation is drawn with actlib.plotting.plot_vector")
    for section, needle in (("Numerics: naive, where it breaks, stable", "actlib.numerics"),
                            ("Numerics: naive, where it breaks, stable", "actlib.reference"),
                            ("In a network", "actlib.experiments")):
        if needle not in code[section]:
            problems.append(f"{section}: no code uses {needle}")
    if not _CITE.search(ch.markdown_in("History and references")):
        problems.append("History and references: no {cite:p}`key` citation")
    return problems


def tags(ch: Chapter) -> list[str]:
    """The setup cell and live explorers are tagged remove-cell; check cells hide-input; the book's explorer is not removed."""
    problems = []
    first = ch.cells[0] if ch.cells else None
    if first is None or first["cell_type"] != "code" or "remove-cell" not in _tags(first):
        problems.append("the first cell is not the setup code cell tagged remove-cell")
    elif "import actlib" not in _source(first) or "use_style()" not in _source(first):
        problems.append("the setup cell does not import actlib and call actlib.plotting.use_style()")
    for i, cell in enumerate(ch.cells):
        src, t = _source(cell), _tags(cell)
        if cell["cell_type"] != "code":
            continue
        if "actlib.widgets.explore(" in src and not {"remove-cell", "nbval-ignore-output"} <= set(t):
            problems.append(f"cell {i}: the live explorer needs the tags remove-cell and nbval-ignore-output")
        if "static_explorer(" in src and "remove-cell" in t:
            problems.append(f"cell {i}: the kernel-free explorer is the book's figure: do not remove it")
        if ch.is_check_cell(cell) and "hide-input" not in t:
            problems.append(f"cell {i}: a check cell is tagged hide-input")
    return problems


def captions(ch: Chapter) -> list[str]:
    """Every cell in the book whose output is a figure has a caption in its metadata (mystnb.figure.caption)."""
    problems = []
    for i, cell in enumerate(ch.cells):
        if cell["cell_type"] != "code" or "remove-cell" in _tags(cell) or "remove-output" in _tags(cell):
            continue
        outputs = cell.get("outputs", [])
        image = any(m in o.get("data", {}) for o in outputs for m in _FIGURE_MIME)
        html_figure = any("<img" in "".join(o.get("data", {}).get("text/html", "")) for o in outputs)
        if image or html_figure or _FIGURE_CALL.search(_source(cell)):
            caption = cell.get("metadata", {}).get("mystnb", {}).get("figure", {}).get("caption", "")
            if not str(caption).strip():
                problems.append(f"cell {i}: a figure without a caption (metadata mystnb.figure.caption)")
    return problems


def prose(ch: Chapter) -> list[str]:
    """No prose line starting "1)"; no "source article" or "seed" anywhere; numbers in significant digits, not np.round."""
    problems = []
    for i, cell in enumerate(ch.cells):
        src = _source(cell)
        if cell["cell_type"] == "markdown":
            for line in _prose_lines(src):
                if _NUMBERED_PROSE.match(line):
                    problems.append(f"cell {i}: a prose line starts like a numbered list item: {line.strip()[:60]!r}")
            for m in _FORBIDDEN_WORDS.finditer(src):
                problems.append(f"cell {i}: mentions {m.group(0)!r}")
        elif cell["cell_type"] == "code":
            comments = "\n".join(re.findall(r"#.*$", src, re.MULTILINE))
            for m in _FORBIDDEN_IN_CODE.finditer(comments):
                problems.append(f"cell {i}: mentions {m.group(0)!r}")
            if re.search(r"\bnp\.round\(|\bnp\.around\(|\.round\(\s*\d", src):
                problems.append(f"cell {i}: rounds to decimals; print significant digits (f\"{{v:.4g}}\")")
    return problems


def objectives(ch: Chapter) -> list[str]:
    """3-5 learning objectives under the title, each naming an existing exercise by its label ({ref}`label`)."""
    if not ch.is_activation:
        return []
    titles = [i for level, _, i in ch.headings if level == 1]
    if not titles:
        return ["no title cell, so no learning objectives"]
    text = _source(ch.cells[titles[0]])
    if "**Learning objectives" not in text:
        return ["the title cell has no **Learning objectives**"]
    bullets = []
    for line in text.split("**Learning objectives", 1)[1].splitlines()[1:]:
        if re.match(r"^\s{0,3}([-*]|\d+\.)\s+", line):
            bullets.append(line)
        elif bullets and line.startswith("  ") and line.strip():
            bullets[-1] += " " + line.strip()  # an item's continuation line
        elif bullets or (line.strip() and not line.strip().startswith("<!--")):
            break  # the list ends at its first other line
    labels = {ex.label for ex in ch.exercises}
    problems = [] if 3 <= len(bullets) <= 5 else [f"{len(bullets)} learning objectives; the template asks for 3 to 5"]
    for b in bullets:
        named = _REF.findall(b)
        if not named:
            problems.append(f"objective without the exercise that assesses it: {b.strip()[:70]!r}")
        for label in named:
            if label not in labels:
                problems.append(f"objective names {label!r}, which is not an exercise label of this chapter")
    return problems


def exercises(ch: Chapter) -> list[str]:
    """Exercises in the Exercises section, labelled <name>-..., titled by rung, climbing every rung in order; solutions hidden."""
    problems = []
    rungs = []
    for ex in ch.exercises:
        if not ex.label:
            problems.append(f"cell {ex.cell}: an exercise without :label:")
        elif ch.is_activation and not ex.label.startswith(f"{ch.name}-"):
            problems.append(f"cell {ex.cell}: exercise label {ex.label!r} does not start with {ch.name + '-'!r}")
        if ch.is_activation and ex.section != "Exercises":
            problems.append(f"exercise {ex.label!r} is outside the Exercises section")
        if ex.rung is None:
            problems.append(f"exercise {ex.label!r}: its title {ex.title!r} does not start with a rung "
                            f"({', '.join(LADDER)})")
        else:
            rungs.append(ex.rung)
    if rungs != sorted(rungs):
        problems.append("the exercises do not climb recall → derive → code → predict or break → choose in order")
    if ch.is_activation:
        for k, rung in enumerate(RUNG_NAMES):
            if k not in rungs:
                problems.append(f"no {rung} exercise")
    for i, cell in enumerate(ch.cells):
        src = _source(cell)
        if cell["cell_type"] == "markdown" and re.search(r"\{solution(-start)?\}", src) and ":class: dropdown" not in src:
            problems.append(f"cell {i}: a solution that is not hidden in a dropdown (:class: dropdown)")
    return problems


def _answer_lists():
    """{check name: (wrong answers, right answers)} from tests/exercise_answers."""
    import exercise_answers

    lists = {}
    for m in pkgutil.iter_modules(exercise_answers.__path__):
        if m.name.startswith("_"):
            continue  # __main__: the report, not a chapter
        mod = importlib.import_module(f"exercise_answers.{m.name}")
        for name in set(mod.WRONG) | set(mod.RIGHT):
            lists[name] = (mod.WRONG.get(name, {}), mod.RIGHT.get(name, {}))
    return lists


def checks(ch: Chapter) -> list[str]:
    """Each automatic check cell is nothing but actlib.checks.exercise("<label>[:<part>]", ...) lines for its own exercise,
    registered in actlib.exercises, with wrong and right answers in tests/exercise_answers; every code and recall exercise has one."""
    import actlib.checks

    registered = set(actlib.checks.exercise_names())
    lists = _answer_lists()
    problems = []
    for ex in ch.exercises:
        check_cells = [j for j in ex.cells if ch.is_check_cell(ch.cells[j])]
        if ex.rung in (LADDER["Recall"], LADDER["Code"]) and not check_cells:
            problems.append(f"exercise {ex.label!r} has no automatic check cell")
        for j in check_cells:
            lines = [ln for ln in _source(ch.cells[j]).splitlines() if ln.strip() and not ln.strip().startswith("#")]
            if not lines:
                problems.append(f"cell {j}: an empty check cell")
            for line in lines:
                m = _CHECK_LINE.match(line.strip())
                if not m:
                    problems.append(f"cell {j}: a check cell holds only actlib.checks.exercise(\"...\", ...) lines, not {line.strip()[:60]!r}")
                    continue
                name = m.group(1)
                if name.split(":")[0] != ex.label:
                    problems.append(f"cell {j}: check {name!r} sits in exercise {ex.label!r}")
                if PLACEHOLDER in name:
                    continue  # the skeleton's placeholder: nothing to look up
                if name not in registered:
                    problems.append(f"cell {j}: check {name!r} is not defined in actlib/exercises.py")
                wrong, right = lists.get(name, ({}, {}))
                if not wrong or not right:
                    problems.append(f"cell {j}: check {name!r} has no WRONG and RIGHT answers in tests/exercise_answers")
    return problems


def nbgrader(ch: Chapter) -> list[str]:
    """Solution cells, check cells and written answers carry the nbgrader metadata the template gives; grade ids are unique."""
    problems, ids = [], []
    labels = [ex.label for ex in ch.exercises]
    for i, cell in enumerate(ch.cells):
        src, g = _source(cell), _nbgrader(cell)
        if g:
            ids.append(g.get("grade_id"))
            if g.get("schema_version") != 3:
                problems.append(f"cell {i}: nbgrader schema_version is not 3")
            if not any(str(g.get("grade_id", "")).startswith(label + "-") for label in labels):
                problems.append(f"cell {i}: grade_id {g.get('grade_id')!r} does not start with an exercise label")
        if cell["cell_type"] == "code" and "### BEGIN SOLUTION" in src:
            if not (g.get("solution") is True and g.get("grade") is False and str(g.get("grade_id", "")).endswith("-answer")):
                problems.append(f"cell {i}: a solution code cell needs nbgrader solution true, grade false, grade_id <label>-answer")
        if ch.is_check_cell(cell):
            if not (g.get("locked") is True and (g.get("points") or 0) > 0 and str(g.get("grade_id", "")).endswith("-check")):
                problems.append(f"cell {i}: a check cell needs nbgrader locked true, points > 0, grade_id <label>-check")
        if cell["cell_type"] == "code" and "actlib.checks.exercise(" in src and not ch.is_check_cell(cell):
            problems.append(f"cell {i}: calls actlib.checks.exercise but is not an nbgrader check cell (grade true, solution false)")
        if cell["cell_type"] == "markdown" and re.search(r"\{solution\}", src):
            if not (g.get("solution") is True and g.get("grade") is True and (g.get("points") or 0) > 0):
                problems.append(f"cell {i}: a written answer needs nbgrader grade true, solution true, points > 0")
    dupes = sorted({x for x in ids if ids.count(x) > 1}, key=str)
    if dupes:
        problems.append(f"grade ids used twice: {dupes}")
    return problems


RULES = {f.__name__: f for f in (sections, tags, captions, prose, objectives, exercises, checks, nbgrader)}
"""Every rule by name: ``RULES[name](chapter) -> list of problems``."""


def chapter_notebooks() -> list[Path]:
    """Every chapter notebook: chapters/**/NN_*.ipynb."""
    return sorted(p for p in (ROOT / "chapters").glob("**/[0-9][0-9]_*.ipynb") if ".ipynb_checkpoints" not in p.parts)
