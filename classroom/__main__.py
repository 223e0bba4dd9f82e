"""python -m classroom {release,autograde,feedback,export,sync-install-cell,student-copies}: see the teacher guide."""

import argparse
from pathlib import Path

from . import ROOT, autograde, chapters, export, feedback, install_urls, release, repository_url, sync_install_cell


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m classroom", description=__doc__)
    parser.add_argument("--root", type=Path, default=ROOT, help="the nbgrader course folder (default: classroom/)")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("release", help="write student notebooks to ROOT/release/ (every chapter, or the ones named)")
    p.add_argument("chapters", nargs="*", help="e.g. 03_relu, relu or a notebook path; none = every chapter")
    for name, text in (("autograde", "autograde ROOT/submitted/<student>/ASSIGNMENT/"),
                       ("feedback", "HTML feedback for autograded submissions in ROOT/feedback/")):
        p = sub.add_parser(name, help=text)
        p.add_argument("assignment")
        p.add_argument("students", nargs="*", help="default: every student who submitted it")
    p = sub.add_parser("export", help="every grade as CSV")
    p.add_argument("--to", type=Path, default=Path("grades.csv"))
    p = sub.add_parser("sync-install-cell", help="point the chapters' Colab install line at _config.yml's repository url")
    p.add_argument("--check", action="store_true", help="change nothing; fail if a notebook differs from _config.yml")
    p = sub.add_parser("student-copies", help="write student/<chapter>.ipynb, the solution-free copies Binder, Colab and downloads open")
    p.add_argument("--check", action="store_true", help="change nothing; fail if a copy differs from its chapter")
    args = parser.parse_args(argv)

    if args.command == "release":
        for path in release(args.chapters, args.root):
            print(f"released {path}")
    elif args.command == "autograde":
        autograde(args.assignment, args.students, args.root)
    elif args.command == "feedback":
        for path in feedback(args.assignment, args.students, args.root):
            print(f"feedback {path}")
    elif args.command == "export":
        print(f"grades written to {export(args.to, args.root)}")
    elif args.command == "sync-install-cell":
        url = repository_url()
        if args.check:
            wrong = [p for p in chapters() if set(install_urls(p)) != {url}]
            for p in wrong:
                print(f"{p}: installs from {install_urls(p)}, _config.yml says {url}")
            return 1 if wrong else 0
        for path in sync_install_cell(url=url):
            print(f"updated {path}")
    elif args.command == "student-copies":
        from .student_copies import out_of_date, write_student_copies

        wrong = out_of_date() if args.check else write_student_copies()
        for path in wrong:
            print(f"{'out of date' if args.check else 'updated'}: {path}")
        return 1 if args.check and wrong else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
