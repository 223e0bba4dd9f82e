"""The glossary defines the course's jargon: exactly the agreed terms, each once, with a definition.

Chapters link these terms with {term}`...`; the strict build fails on a link
to a term the glossary lacks, and this test fails when a term is dropped,
renamed or added without updating ``TERMS`` (the chapters' authors rely on
the list).
"""

import re

from booktools import REPO

GLOSSARY = REPO / "reference" / "glossary.md"
TERMS = {
    "activation function", "pre-activation", "logit", "saturation", "vanishing gradient",
    "exploding gradient", "dead unit", "subgradient", "kink", "ulp", "relative error",
    "cancellation", "overflow", "underflow", "binary cross-entropy", "cross-entropy",
    "Xavier initialisation", "He initialisation", "LeCun initialisation", "Jacobian", "VJP",
    "backpropagation", "zero-centred", "monotonic", "piecewise linear", "mini-batch", "epoch",
    "learning rate", "SGD with momentum", "Adam", "rounding", "machine epsilon", "spectral norm",
}
ALIASES = {"BCE": "binary cross-entropy", "Glorot initialisation": "Xavier initialisation",
           "Kaiming initialisation": "He initialisation"}


def glossary_entries() -> list[tuple[list[str], str]]:
    """``(names, definition)`` per entry of the page's one glossary directive."""
    text = GLOSSARY.read_text(encoding="utf-8")
    body = re.search(r":::\{glossary\}\n(.*?)\n:::", text, re.S).group(1)
    entries, names, definition = [], [], []
    for line in body.splitlines():
        if line and not line[0].isspace():
            if definition:
                entries.append((names, " ".join(definition)))
                names, definition = [], []
            names.append(line.strip())
        elif line.strip():
            definition.append(line.strip())
    entries.append((names, " ".join(definition)))
    return entries


def test_the_glossary_defines_exactly_the_agreed_terms_once():
    names = [n for ns, _ in glossary_entries() for n in ns]
    assert len(names) == len(set(names)), "a term is defined twice"
    assert set(names) == TERMS | set(ALIASES)


def test_each_alias_shares_its_terms_definition():
    for names, _ in glossary_entries():
        for alias in set(names) & set(ALIASES):
            assert ALIASES[alias] in names, alias


def test_every_definition_is_a_short_text():
    for names, definition in glossary_entries():
        assert 40 <= len(definition) <= 700, (names, len(definition))


def test_initialisations_state_one_variance_each():
    # One fact everywhere: He 2/n_in (normal), LeCun 1/n_in, Xavier 2/(n_in + n_out).
    defs = {ns[0]: d for ns, d in glossary_entries()}
    assert "2 / n_\\text{in}" in defs["He initialisation"] and "normal" in defs["He initialisation"]
    assert "1 / n_\\text{in}" in defs["LeCun initialisation"]
    assert "2 / (n_\\text{in} + n_\\text{out})" in defs["Xavier initialisation"]


def test_the_numbers_the_definitions_state():
    # ulp, overflow, underflow and relative error quote float64 facts: each is checked here.
    import numpy as np

    defs = {ns[0]: d for ns, d in glossary_entries()}
    assert "2^{-52} \\approx 2.2 \\times 10^{-16}" in defs["ulp"]
    assert np.spacing(1.0) == 2.0**-52 and f"{2.0**-52:.1e}" == "2.2e-16"
    assert "from $x = 709.79$ up" in defs["overflow"] and "from $x = -745.14$ down" in defs["underflow"]
    with np.errstate(over="ignore", under="ignore"):
        assert np.isinf(np.exp(709.79)) and np.isfinite(np.exp(709.78))
        assert np.exp(-745.14) == 0.0 and np.exp(-745.13) > 0.0
    assert "$10^{-30}$ returned for $10^{-26}$" in defs["relative error"]
    assert abs(1e-30 - 1e-26) < 1e-25 and abs(1e-30 - 1e-26) / 1e-26 > 0.999
