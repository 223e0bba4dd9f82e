"""The capstone's full sweep: every elementwise activation on digits and on diabetes, five seeds each.

chapters/practice/05_capstone.ipynb runs a few activations to stay fast; this
script runs them all, with the same settings (``actlib.experiments.DATASETS``)
and prints three Markdown tables: digits (softmax output), diabetes (identity
output), and diabetes with the classic mistake of a sigmoid output. Times are
wall-clock seconds per training on this machine. Run from the repository root:
``python benchmarks/capstone.py [--seeds N]`` (a few minutes on two cores).
"""

from __future__ import annotations

import argparse

import actlib
from actlib import experiments


def markdown(table: experiments.Table) -> str:
    return table._repr_markdown_()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=5)
    args = parser.parse_args()
    names = actlib.names(kind="elementwise", aliases=False)
    seeds = range(args.seeds)
    for dataset, output in (("digits", None), ("diabetes", None), ("diabetes", "sigmoid")):
        table = experiments.compare_activations(names, seeds=seeds, dataset=dataset, output=output)
        print(markdown(table), end="\n\n", flush=True)


if __name__ == "__main__":
    main()
