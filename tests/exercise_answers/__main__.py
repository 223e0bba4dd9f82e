"""Print, per chapter, every wrong answer tried and how its check caught it (a Markdown table per chapter).

Run from the repository root: ``PYTHONPATH=$PWD:tests python -m exercise_answers``.
"""

import contextlib
import importlib
import io
import pkgutil

import actlib.checks

import exercise_answers


def main() -> None:
    actlib.checks.exercise_names()  # load the registry
    modules = [importlib.import_module(f"exercise_answers.{m.name}") for m in pkgutil.iter_modules(exercise_answers.__path__)]
    for mod in sorted((m for m in modules if hasattr(m, "CHAPTER")), key=lambda m: m.CHAPTER):
        print(f"\n### {mod.CHAPTER}\n\n| check | wrong answer | how it was caught |\n|---|---|---|")
        for name, answers in mod.WRONG.items():
            parts = len(actlib.checks.EXERCISES[name].parts)
            for why, (answer, _) in answers.items():
                with contextlib.redirect_stdout(io.StringIO()):
                    result = actlib.checks.exercise(name, *(answer if parts > 1 else (answer,)), strict=False)
                message = result.message.removeprefix("❌ not yet: ").replace("|", "\\|")
                print(f"| `{name}` | {why.replace('|', chr(92) + '|')} | {'ACCEPTED' if result else message} |")
        right = sum(len(v) for v in mod.RIGHT.values())
        print(f"\nRight answers accepted: {right} ({', '.join(f'`{n}` {len(v)}' for n, v in mod.RIGHT.items())}).")


if __name__ == "__main__":
    main()
