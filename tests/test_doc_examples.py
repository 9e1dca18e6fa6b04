"""Every `$ roa-evidence ...` example in README.md and docs/ runs against the shipped
evidence base and prints what the page shows, so the docs cannot drift.

An example is a `$ roa-evidence ...` line in a fenced block and the lines after it up
to the next `$ ` line or the end of the block. A `$ cat FILE` block before it gives a
file the example reads (a draft). `| head -N` keeps the first N lines. Examples that
run on another evidence base or database (a generated one, a server, the tests'
made-up one) are listed in ELSEWHERE with the reason, and not run.

Refresh the shown outputs after a deliberate change with:
python tests/test_doc_examples.py
"""

from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from roa_evidence.cli import app

REPO = Path(__file__).resolve().parents[1]
PAGES = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
SKIPPED_PAGES = {"reference.md": "generated from --help and checked by test_readme.py"}
SHIPPED = REPO / "data"

# (page, command) -> why it is not run here
ELSEWHERE = {
    ("scale.md", "--data data load"): "loads into a PostgreSQL server",
    ("scale.md", "--data data claims --route IM --topic bioavailability"): "a PostgreSQL server",
    ("scale.md", "--data /tmp/demo load"): "a generated 2,000-claim base (bench/generate.py)",
    ("retractions.md", "retractions import retraction_watch.csv"): "the tests' made-up base",
    ("retractions.md", "--data ev --db sqlite:///db.sqlite load --force"): "a made-up base",
    ("retractions.md", "retractions diff"): "the tests' made-up base, after an import",
    ("troubleshooting.md", "--data my-evidence load"): "a broken evidence base of the page's",
    ("README.md", "check draft.md"): "a draft the page does not show (docs/check.md's is run)",
    ("check.md", "check draft.md --fix"): "a draft the page does not show",
    ("own-base.md", "--data psilocybin claims --route orl"): "the page's own new base",
    ("own-base.md", "--data psilocybin claims --route IM"): "the page's own new base",
}


@dataclass
class Example:
    page: str
    line: int  # of the `$ roa-evidence` line
    command: str  # after `roa-evidence `, with any `| head -N`
    shown: list[str]
    files: dict[str, str]  # files a `$ cat FILE` before it shows

    @property
    def id(self) -> str:
        return f"{self.page}:{self.line}"


def examples(page: Path) -> Iterator[Example]:
    lines = page.read_text(encoding="utf-8").splitlines()
    in_block = False
    current: Example | None = None
    files: dict[str, str] = {}
    cat: tuple[str, list[str]] | None = None
    for number, line in enumerate(lines, 1):
        if line.startswith("```"):
            if current is not None:
                yield current
            if cat is not None:
                files[cat[0]] = "\n".join(cat[1]) + "\n"
            in_block, current, cat = not in_block, None, None
            continue
        if not in_block:
            continue
        if line.startswith("$ "):
            if current is not None:
                yield current
            if cat is not None:
                files[cat[0]] = "\n".join(cat[1]) + "\n"
            current, cat = None, None
            if line.startswith("$ roa-evidence "):
                command = line.removeprefix("$ roa-evidence ")
                current = Example(page.name, number, command, [], dict(files))
            elif line.startswith("$ cat "):
                cat = (line.removeprefix("$ cat ").strip(), [])
        elif current is not None:
            current.shown.append(line)
        elif cat is not None:
            cat[1].append(line)


def all_examples() -> list[Example]:
    return [
        example for page in PAGES if page.name not in SKIPPED_PAGES for example in examples(page)
    ]


def run(example: Example, db_url: str, cwd: Path) -> list[str]:
    """The example's output as a user would see it in a terminal of the page's width
    (an example that shows no output: its exit code, which must be 0)."""
    command, _, head = example.command.partition(" | head -")
    for name, text in example.files.items():
        (cwd / name).write_text(text, encoding="utf-8")
    if not (cwd / "data").exists():
        (cwd / "data").symlink_to(SHIPPED)  # `--data ./data`: a clone's copy
    width = max([100, *(len(line) for line in example.shown)])
    env = {
        "ROA_EVIDENCE_DB": db_url,
        "ROA_EVIDENCE_DATA": str(SHIPPED),
        "COLUMNS": str(width),
        "NO_COLOR": "1",
    }
    before = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, shlex.split(command), env=env, prog_name="roa-evidence")
    finally:
        os.chdir(before)
    if not example.shown:
        return [] if result.exit_code == 0 else [f"exit {result.exit_code}", result.output]
    out = [line.rstrip() for line in result.output.splitlines()]
    return out[: int(head)] if head else out


def _runnable() -> list[Example]:
    return [e for e in all_examples() if (e.page, e.command) not in ELSEWHERE]


@pytest.mark.parametrize("example", _runnable(), ids=lambda e: e.id)
def test_the_example_prints_what_the_page_shows(
    example: Example, shipped_db: str, tmp_path: Path
) -> None:
    shown = [line.rstrip() for line in example.shown]
    assert run(example, shipped_db, tmp_path) == shown, (
        f"{example.id}: `roa-evidence {example.command}` prints otherwise; if that is "
        "intended, refresh the page with `python tests/test_doc_examples.py`"
    )


def test_every_example_is_found_and_the_exceptions_exist() -> None:
    found = all_examples()
    assert len(found) >= 15, [e.id for e in found]
    commands = {(e.page, e.command) for e in found}
    assert set(ELSEWHERE) <= commands, set(ELSEWHERE) - commands


def refresh() -> None:
    """Rewrite every runnable example's shown output with what it prints now."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'shipped.sqlite'}"
        CliRunner().invoke(app, ["--data", str(SHIPPED), "--db", url, "load"])
        by_page: dict[str, list[Example]] = {}
        for example in _runnable():
            by_page.setdefault(example.page, []).append(example)
        for page in PAGES:
            todo = by_page.get(page.name, [])
            if not todo:
                continue
            lines = page.read_text(encoding="utf-8").splitlines()
            for example in sorted(todo, key=lambda e: e.line, reverse=True):
                if not example.shown:
                    continue  # a command shown without its output
                work = Path(tmp) / f"cwd-{example.page}-{example.line}"
                work.mkdir()
                new = run(example, url, work)
                start = example.line
                lines[start : start + len(example.shown)] = new
            page.write_text("\n".join(lines) + "\n", encoding="utf-8")
            print(f"refreshed {page.relative_to(REPO)}", file=sys.stderr)


if __name__ == "__main__":
    refresh()
