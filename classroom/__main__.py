"""python -m classroom {release,roster,autograde,feedback,export,sync-install-cell,student-copies}: see the teacher guide."""

import argparse
from pathlib import Path

from . import (ROOT, autograde, chapters, export, feedback, import_roster, install_urls, release, repository_url,
               sync_install_cell)
from .gradebook import FORMATS


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m classroom", description=__doc__)
    parser.add_argument("--root", type=Path, default=ROOT, help="the nbgrader course folder (default: classroom/)")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("release", help="write student notebooks to ROOT/release/ (every chapter, or the ones named)")
    p.add_argument("chapters", nargs="*", help="e.g. 03_relu, relu or a notebook path; none = every chapter")
    p.add_argument("--pin", help="the course release students install (a tag or commit; default: this checkout's)")
    p.add_argument("--due", help='the due date, e.g. "2026-12-01 17:00 Europe/Berlin" (late work is measured against it)')
    p = sub.add_parser("roster", help="import the class (CSV: id,first_name,last_name,email) into the gradebook")
    p.add_argument("csv", type=Path)
    for name, text in (("autograde", "autograde ROOT/submitted/<student>/ASSIGNMENT/, each in a sandbox, and print a summary"),
                       ("feedback", "HTML feedback for autograded submissions in ROOT/feedback/")):
        p = sub.add_parser(name, help=text)
        p.add_argument("assignment")
        p.add_argument("students", nargs="*", help="default: every student who submitted it")
    p = sub.add_parser("export", help="every grade as CSV")
    p.add_argument("--to", type=Path, default=Path("grades.csv"))
    p.add_argument("--format", choices=FORMATS, default="cells",
                   help="cells: one column per graded cell (default); moodle: Moodle's grade import; nbgrader: nbgrader's")
    p.add_argument("--assignment", action="append", help="only this assignment (repeatable); default: all")
    p = sub.add_parser("sync-install-cell", help="point the chapters' Colab install line at _config.yml's repository url")
    p.add_argument("--check", action="store_true", help="change nothing; fail if a notebook differs from _config.yml")
    p = sub.add_parser("student-copies", help="write student/<chapter>.ipynb, the solution-free copies Binder, Colab and downloads open")
    p.add_argument("--check", action="store_true", help="change nothing; fail if a copy differs from its chapter")
    args = parser.parse_args(argv)

    if args.command == "release":
        for path in release(args.chapters, args.root, pin=args.pin, due=args.due):
            print(f"released {path}")
    elif args.command == "roster":
        print(f"{import_roster(args.csv, args.root)} students imported")
    elif args.command == "autograde":
        import os

        from .grading import summary

        if os.geteuid() != 0:
            print("note: not grading as root, so each kernel runs as you, with the CPU, memory and output limits "
                  "but without the grading user's file isolation (see the teacher guide)")
        print(summary(args.assignment, autograde(args.assignment, args.students, args.root)))
    elif args.command == "feedback":
        problems = []
        for path in feedback(args.assignment, args.students, args.root, problems):
            print(f"feedback {path}")
        for problem in problems:
            print(f"skipped {problem}")
    elif args.command == "export":
        print(f"grades written to {export(args.to, args.root, args.format, args.assignment)}")
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
