"""The JupyterLab workspaces: `make lab` (students) and `make lab-teacher`.

JupyterLab never opens the committed lessons in ``notebooks/``: running a
lesson there would rewrite the committed file when Lab autosaves, and a
student's answers would sit in the project's history. It opens a
git-ignored workspace instead (``workspace/student`` or ``workspace/teacher``)
that holds:

- ``lessons/``: a copy of every lesson, the student's copies
  (:func:`helpers.site.student.student_copy`: no solutions, cells to answer
  in) or the teacher's full ones; each copy is *trusted* (signed for this
  user, as ``jupyter trust`` does), so that its committed figures (SVG from
  matplotlib) show on first open, before anything is run;
- ``data/``: a read-only copy of the tables, the data package and the raw
  documents, for the file browser (the lessons themselves read ``data/`` of
  the project, :mod:`helpers.paths`);
- ``README.md``: what the folder is.

Making a workspace again keeps every lesson copy that exists (it may hold a
student's answers) and says which lessons have changed since their copy was
made; the data copy is always made afresh.

Why signing rather than a PNG beside every SVG: a PNG would double the size
of every figure in the committed notebooks and give nbval a second image to
compare byte for byte; a signature is kept outside the notebook, for the
copies only, and changes nothing that is committed.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path

import nbformat

from helpers.paths import DATA_DIR, NOTEBOOKS_DIR, PROJECT_ROOT

WORKSPACE_DIR: Path = PROJECT_ROOT / "workspace"
ROLES = ("student", "teacher")
SOURCE_KEY = "workspace_source_sha256"  # in a copy's metadata: the lesson it was made from

README = {
    "student": """# Your workspace

`lessons/` holds your copy of every lesson. Open one, read it, and answer in the cells marked
"Your answers" and "Your code": your work is saved here, in this folder, and nowhere else.

`data/` holds the tables and the source documents the lessons read (read-only: look, but do not change
them). `data/raw/` has the documents themselves, word for word.

To start again from a fresh copy of a lesson, rename or delete it, then run `make lab` again.
""",
    "teacher": """# Teacher's workspace

`lessons/` holds the full lessons, with the solutions and the answers to the checks. Run and change them
freely: these are copies. The committed lessons are in `notebooks/` (edit those, then `make notebooks`,
to change a lesson for everyone).

`data/` holds a read-only copy of the tables and the source documents.
""",
}


@dataclass(frozen=True)
class WorkspaceReport:
    """What making a workspace did."""

    folder: Path
    made: list[str]  # lesson copies written
    kept: list[str]  # copies that existed and were left as they are
    changed: list[str]  # kept copies whose lesson has changed since the copy was made


def lesson_paths(notebooks_dir: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The lessons (notebooks with lesson metadata), as the site renders them."""
    from helpers.site.builder import lesson_sources

    return lesson_sources(notebooks_dir)[0]


def lesson_copy(source: Path, role: str) -> nbformat.NotebookNode:
    """The copy of one lesson for ``role``: the student's copy, or the
    teacher's notebook as it is; its metadata records the lesson it came from."""
    from helpers.site.student import student_copy

    notebook = nbformat.read(source, as_version=4)
    copy = student_copy(notebook) if role == "student" else notebook
    copy.metadata[SOURCE_KEY] = hashlib.sha256(source.read_bytes()).hexdigest()
    return copy


def _writable(folder: Path) -> None:
    """Make a read-only copy removable again."""
    for path in [folder, *folder.rglob("*")]:
        if not path.is_symlink():
            path.chmod(path.stat().st_mode | stat.S_IWUSR)


def copy_data(target: Path, data_dir: Path = DATA_DIR) -> None:
    """A fresh read-only copy of the data folder at ``target``."""
    if target.exists():
        _writable(target)
        shutil.rmtree(target)
    shutil.copytree(data_dir, target, ignore=shutil.ignore_patterns(".*", "__pycache__"))
    for path in sorted(target.rglob("*"), reverse=True):  # files before their folders
        path.chmod(0o444 if path.is_file() else 0o555)
    target.chmod(0o555)


def make_workspace(role: str = "student", folder: Path | None = None, notebooks_dir: Path = NOTEBOOKS_DIR,
                   data_dir: Path = DATA_DIR) -> WorkspaceReport:
    """Make (or bring up to date) the workspace of ``role`` (see the module docstring)."""
    from nbformat.sign import NotebookNotary

    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}; use one of {ROLES}")
    folder = folder or WORKSPACE_DIR / role
    lessons = folder / "lessons"
    lessons.mkdir(parents=True, exist_ok=True)
    notary = NotebookNotary()
    made, kept, changed = [], [], []
    for source in lesson_paths(notebooks_dir):
        target = lessons / source.name
        if target.exists():
            kept.append(source.name)
            existing = nbformat.read(target, as_version=4)
            if existing.metadata.get(SOURCE_KEY) != hashlib.sha256(source.read_bytes()).hexdigest():
                changed.append(source.name)
            continue
        copy = lesson_copy(source, role)
        notary.sign(copy)  # trusted: its committed figures show before anything is run
        nbformat.write(copy, target)
        made.append(source.name)
    copy_data(folder / "data", data_dir)
    (folder / "README.md").write_text(README[role], encoding="utf-8")
    return WorkspaceReport(folder, made, kept, changed)


def main(argv: list[str] | None = None) -> int:
    """``python -m helpers.workspace student|teacher``: make the workspace and say what it did."""
    parser = argparse.ArgumentParser(prog="python -m helpers.workspace", description=__doc__.split("\n")[0])
    parser.add_argument("role", choices=ROLES)
    parser.add_argument("--folder", type=Path, help="where (default: workspace/<role>)")
    arguments = parser.parse_args(argv)
    report = make_workspace(arguments.role, arguments.folder)
    shown = os.path.relpath(report.folder, Path.cwd())
    print(f"Workspace {shown}: {len(report.made)} lesson copies made, {len(report.kept)} kept as they were.")
    for name in report.changed:
        print(f"  {name} has changed since your copy was made: to get the new version, rename or delete "
              f"{shown}/lessons/{name} and run this again.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
