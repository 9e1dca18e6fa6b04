"""`check`: a writer's draft against the tracked claims, through the real CLI and library."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Run
from roa_evidence.draftcheck import routes_named, split_sentences

MARKDOWN = """\
---
title: A draft (front matter is not prose: 100 % ignored)
---
# IM versus IV

IM ketamine is as effective as IV ketamine for depression [@docalpha].
A large trial found that IV ketamine relieves depression
within a day [see @big2020trial, p. 3].
Patients say IM ketamine gives more bad trips than IV.

We also think the weather matters.
About 40 % of patients preferred the clinic by the sea.

```python
ratio = 3 > 2  # code is not prose
```
"""

LATEX = r"""\documentclass{article}
\usepackage{natbib}
\begin{document}
\section{Routes compared in 2025}
% IM treatment costs less than IV treatment.  (a comment: not checked)
IM ketamine is as effective as IV ketamine for depression~\cite{docalpha}.
A large trial found that IV ketamine relieves depression within a day
\citep[p.~3]{big2020trial,smith2014open}. Patients report that IM gives more
\emph{bad trips} than IV.
Intramuscular ketamine is faster than everything else.
\begin{equation} x = 3 > 2 \end{equation}
\end{document}
"""


def _check(run: Run, tmp_path: Path, name: str, text: str, *args: str) -> dict[str, object]:
    draft = tmp_path / name
    draft.write_text(text, encoding="utf-8")
    result = run("check", str(draft), "--format", "json", *args)
    assert result.exit_code in (0, 1), result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


def _by_line(data: dict[str, object]) -> dict[int, dict[str, object]]:
    findings = data["findings"]
    assert isinstance(findings, list)
    return {f["line"]: f for f in findings}


def test_markdown_flags_weak_and_contested_and_passes_strong(run: Run, tmp_path: Path) -> None:
    data = _check(run, tmp_path, "draft.md", MARKDOWN)
    assert data["kind"] == "markdown"
    found = _by_line(data)
    assert sorted(found) == [6, 7, 9, 12]
    assert found[6]["claim"] == "im-as-effective-as-iv"
    assert found[6]["verdict"] == "contested"
    assert found[6]["how"] == "citation+text"
    assert found[6]["keys"] == ["docalpha"]
    assert found[6]["sure"] == "sure"
    assert found[7]["claim"] == "iv-efficacy"  # the citation spans two lines
    assert found[7]["verdict"] == "ok"
    assert found[7]["status"] == "strong" and found[7]["certainty"] == "moderate"
    assert found[7]["keys"] == ["big2020trial"]
    assert found[9]["claim"] == "im-bad-trips"  # by text alone, no citation
    assert found[9]["verdict"] == "weak" and found[9]["how"] == "text"
    assert found[12] == {
        "line": 12,
        "sentence": "About 40 % of patients preferred the clinic by the sea.",
        "verdict": "unsourced",
        "keys": [],
    }
    assert data["counts"] == {"ok": 1, "weak": 1, "contested": 1, "unsourced": 1}


def test_latex_citation_forms(run: Run, tmp_path: Path) -> None:
    data = _check(run, tmp_path, "draft.tex", LATEX)
    assert data["kind"] == "latex"
    found = _by_line(data)
    assert sorted(found) == [6, 7, 8, 10]  # not the section title, comment or equation
    assert found[6]["claim"] == "im-as-effective-as-iv" and found[6]["keys"] == ["docalpha"]
    assert found[6]["verdict"] == "contested"
    assert found[7]["claim"] == "iv-efficacy"
    assert found[7]["keys"] == ["big2020trial", "smith2014open"]
    assert found[7]["verdict"] == "ok"
    assert found[8]["claim"] == "im-bad-trips" and found[8]["verdict"] == "weak"
    assert found[8]["sentence"] == r"Patients report that IM gives more \emph{bad trips} than IV."
    assert found[10]["verdict"] == "unsourced"


def test_table_output_is_file_line_first(run: Run, tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(MARKDOWN, encoding="utf-8")
    result = run("check", str(draft))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == (
        f"{draft}:6: contested im-as-effective-as-iv (certainty very low, "
        "status contested; match sure: citation+text 100)"
    )
    assert lines[1] == "    IM ketamine is as effective as IV ketamine for depression [@docalpha]."
    assert f"{draft}:12: no claim found: unsourced?" in lines
    assert lines[-1] == "5 sentences checked: 1 ok, 1 weak, 1 contested, 1 unsourced?."


@pytest.mark.parametrize(
    ("fail_on", "code"),
    [
        ([], 0),
        (["--fail-on", "weak"], 1),
        (["--fail-on", "contested"], 1),
        (["--fail-on", "unsupported"], 0),
        (["--fail-on", "unsupported,weak"], 1),
        (["--fail-on", "unsourced"], 1),
    ],
)
def test_fail_on_exits_1_for_writers_ci(
    run: Run, tmp_path: Path, fail_on: list[str], code: int
) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(MARKDOWN, encoding="utf-8")
    result = run("check", str(draft), *fail_on)
    assert result.exit_code == code, result.stderr


def test_a_strong_only_draft_passes(run: Run, tmp_path: Path) -> None:
    draft = tmp_path / "good.md"
    draft.write_text(
        "IV ketamine relieves depression within a day [@big2020trial].\nWe thank the patients.\n",
        encoding="utf-8",
    )
    result = run("check", str(draft), "--fail-on", "weak,contested,unsupported,unsourced")
    assert result.exit_code == 0, result.stdout
    assert result.stdout.splitlines()[-1] == "2 sentences checked: 1 ok."


def test_unsupported_claim_and_unknown_key(run: Run, tmp_path: Path) -> None:
    data = _check(
        run,
        tmp_path,
        "notes.txt",
        "IM treatment costs less than IV treatment.\nThis is shown elsewhere [@nobody2020].\n",
        "--fail-on",
        "unsupported",
    )
    found = _by_line(data)
    assert found[1]["claim"] == "im-cheaper" and found[1]["verdict"] == "unsupported"
    assert found[2]["unknown_keys"] == ["nobody2020"]
    assert data["kind"] == "text"


def test_bad_input_is_one_sentence_and_exit_2(run: Run, tmp_path: Path) -> None:
    result = run("check", str(tmp_path / "missing.md"))
    assert result.exit_code == 2
    assert result.stderr == f"Error: no draft '{tmp_path / 'missing.md'}'\n"
    draft = tmp_path / "draft.md"
    draft.write_text("Text.\n", encoding="utf-8")
    result = run("check", str(draft), "--fail-on", "weakk")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: unknown --fail-on 'weakk'; did you mean 'weak'?")
    draft.write_bytes(b"\xff\xfe bad")
    result = run("check", str(draft))
    assert result.exit_code == 2
    assert "is not UTF-8 text" in result.stderr


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("One. Two words here.", "text", [(1, "One."), (1, "Two words here.")]),
        (
            "See e.g. Smith et al. 2014 for this.\nNext one.",
            "text",
            [(1, "See e.g. Smith et al. 2014 for this."), (2, "Next one.")],
        ),
        (
            "Dose 0.5 mg/kg. Then\n\nnew paragraph",
            "text",
            [(1, "Dose 0.5 mg/kg."), (1, "Then"), (3, "new paragraph")],
        ),
        (
            "# Title 2\n\n- item one\n- item two [@k]\n",
            "markdown",
            [(3, "item one"), (4, "item two")],
        ),
        (
            "Use `IV > IM` here and [a link](https://x.org/a.b) too.",
            "markdown",
            [(1, "Use here and a link too.")],
        ),
        (
            "a 50\\% rise~\\citep{k} in \\textbf{\\emph{IM}} use.",
            "latex",
            [(1, "a 50% rise in IM use.")],
        ),
    ],
)
def test_split_sentences(text: str, kind: str, expected: list[tuple[int, str]]) -> None:
    assert [(s.line, s.text) for s in split_sentences(text, kind)] == expected


def test_routes_named() -> None:
    assert routes_named("Given intramuscularly or by IV infusion, not orally") == {
        "IM",
        "IV",
        "oral",
    }
    assert routes_named("in the clinic, iv) and nasal spray") == {"IN"}
