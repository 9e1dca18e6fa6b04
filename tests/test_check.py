"""`check`: a writer's draft against the tracked claims, through the real CLI and library."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import FIXTURES, SHIPPED_DATA, Run
from roa_evidence.draftcheck import PROBLEM_KINDS, routes_named, split_sentences
from roa_evidence.draftcheck.hedging import hedge, overclaim, reword
from roa_evidence.draftcheck.numbers import quantities
from roa_evidence.draftcheck.polarity import opposite

CORPUS = FIXTURES / "drafts" / "corpus.yaml"

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
\emph{bad trips} than IV \citet{patients2024}.
Intramuscular ketamine is faster than everything else.
\begin{equation} x = 3 > 2 \end{equation}
\end{document}
"""


def _json(run: Run, path: Path, *args: str, data: Path | None = None) -> dict[str, Any]:
    result = run("check", str(path), "--format", "json", *args, data=data)
    assert result.exit_code in (0, 1), result.stderr
    report = json.loads(result.stdout)
    assert isinstance(report, dict)
    return report


def _draft(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _kinds(finding: dict[str, Any]) -> list[str]:
    return [p["kind"] for p in finding["problems"]]


# --------------------------------------------------------------------------
# The three broken examples of the new-user trial, on the shipped evidence base


def test_a_dropped_not_is_opposite_never_ok(run: Run, tmp_path: Path) -> None:
    draft = _draft(tmp_path, "t.md", "The IM depression study was double-blind.\n")
    [finding] = _json(run, draft, data=SHIPPED_DATA)["findings"]
    assert finding["claim"] == "im-study-not-double-blind"
    assert finding["verdict"] == "opposite"
    assert _kinds(finding) == ["opposite"]
    assert "drops a negation" in finding["problems"][0]["detail"]
    assert finding["suggested_keys"] == []  # the claim's sources do not back the opposite


def test_a_wrong_number_is_mismatch_and_a_percent_ends_a_sentence(run: Run, tmp_path: Path) -> None:
    text = "IM ketamine has a bioavailability of 39 %. IV ketamine has 100 % bioavailability.\n"
    findings = _json(run, _draft(tmp_path, "d.txt", text), data=SHIPPED_DATA)["findings"]
    assert [(f["line"], f["col"], f["claim"]) for f in findings] == [
        (1, 1, "im-bioavailability-93"),
        (1, 44, "iv-bioavailability-100"),
    ]
    first, second = findings
    assert first["verdict"] == "mismatch"
    mismatch = next(p for p in first["problems"] if p["kind"] == "mismatch")
    assert mismatch["detail"].startswith("39 % is not what the claim or its sources say")
    assert "93 % (the claim)" in mismatch["detail"]
    assert mismatch["suggestion"].startswith("the known values are the claim: 93 %")
    assert second["problems"] == [] and second["verdict"] == second["status"]


def test_a_source_against_the_sentence_is_cited_against(run: Run, tmp_path: Path) -> None:
    draft = _draft(tmp_path, "r.md", "IM causes less vomiting than IV [@roback2006randomized].\n")
    [finding] = _json(run, draft, data=SHIPPED_DATA)["findings"]
    # (it also ranks IM above IV on how well each is tolerated: the opposite of IV's claim,
    # which the verdict names first)
    assert finding["verdict"] in {"cited-against", "opposite"}
    against = next(p for p in finding["problems"] if p["kind"] == "cited-against")
    assert "roback2006randomized" in against["detail"] and "26.3 %" in against["detail"]


# --------------------------------------------------------------------------
# The labelled corpus


def _tally(corpus: list[dict[str, Any]], findings: list[dict[str, Any]]) -> dict[str, list[int]]:
    got: dict[int, set[str]] = {}
    for finding in findings:
        got.setdefault(finding["line"], set()).update(_kinds(finding))
    tally = {kind: [0, 0, 0] for kind in PROBLEM_KINDS}  # tp, fp, fn
    for index, sentence in enumerate(corpus):
        expected, found = set(sentence["problems"]), got.get(2 * index + 1, set())
        for kind in PROBLEM_KINDS:
            if kind in found:
                tally[kind][0 if kind in expected else 1] += 1
            elif kind in expected:
                tally[kind][2] += 1
    return tally


def test_the_labelled_corpus_meets_the_precision_and_recall_bar(run: Run, tmp_path: Path) -> None:
    corpus = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))["sentences"]
    assert len(corpus) >= 80
    draft = _draft(tmp_path, "corpus.md", "\n\n".join(s["text"] for s in corpus) + "\n")
    report = _json(run, draft, data=SHIPPED_DATA)
    assert report["sentences"] == len(corpus)
    tally = _tally(corpus, report["findings"])
    for kind in ("opposite", "mismatch", "cited-against", "overclaim"):
        tp, fp, fn = tally[kind]
        assert tp + fn >= 10, f"too few {kind} sentences labelled"
        assert tp / (tp + fp) >= 0.9, (kind, tally[kind])
        assert tp / (tp + fn) >= 0.9, (kind, tally[kind])
    # and sentences labelled clean (true, hedged, unrelated) get none of the four
    clean = {2 * i + 1 for i, s in enumerate(corpus) if not s["problems"]}
    flagged = [
        f["sentence"]
        for f in report["findings"]
        if f["line"] in clean
        and {"opposite", "mismatch", "cited-against", "overclaim"} & set(_kinds(f))
    ]
    assert len(flagged) <= len(clean) // 10, flagged


# --------------------------------------------------------------------------
# The contract and output formats, on the small test evidence base


def test_json_contract_one_finding_per_sentence(run: Run, tmp_path: Path) -> None:
    report = _json(run, _draft(tmp_path, "draft.md", MARKDOWN))
    assert report["kind"] == "markdown" and report["sentences"] == 5
    found = {(f["line"], f["col"]): f for f in report["findings"]}
    assert sorted(found) == [(6, 1), (7, 1), (9, 1), (11, 1), (12, 1)]
    for finding in report["findings"]:
        assert {"line", "col", "sentence", "claim", "verdict", "problems"} <= set(finding)
    assert found[6, 1]["claim"] == "im-as-effective-as-iv"
    assert found[6, 1]["keys"] == ["docalpha"]
    assert found[6, 1]["how"] == "citation+text"
    assert found[7, 1]["claim"] == "iv-efficacy" and found[7, 1]["keys"] == ["big2020trial"]
    assert found[9, 1]["claim"] == "im-bad-trips" and found[9, 1]["how"] == "text"
    assert found[11, 1] == {
        "line": 11,
        "col": 1,
        "sentence": "We also think the weather matters.",
        "claim": None,
        "verdict": "no-claim",
        "problems": [],
        "keys": [],
    }
    assert found[12, 1]["verdict"] == "unsourced"


def test_latex_citation_forms_and_columns(run: Run, tmp_path: Path) -> None:
    report = _json(run, _draft(tmp_path, "draft.tex", LATEX))
    assert report["kind"] == "latex"
    found = {f["line"]: f for f in report["findings"]}
    assert sorted(found) == [6, 7, 8, 10]  # not the section title, comment or equation
    assert found[6]["keys"] == ["docalpha"] and found[6]["claim"] == "im-as-effective-as-iv"
    assert found[7]["keys"] == ["big2020trial", "smith2014open"]
    assert found[8]["col"] == 43 and found[8]["keys"] == ["patients2024"]
    assert found[8]["sentence"] == (
        r"Patients report that IM gives more \emph{bad trips} than IV \citet{patients2024}."
    )
    assert found[10]["verdict"] == "unsourced"


def test_text_format_is_one_linter_line_per_finding(run: Run, tmp_path: Path) -> None:
    draft = _draft(tmp_path, "draft.md", MARKDOWN)
    result = run("check", str(draft), "--format", "text")
    assert result.exit_code == 0, result.stderr
    *lines, summary = result.stdout.splitlines()
    assert len(lines) == 4  # the no-claim sentence is not a finding worth a line
    for line in lines:
        assert re.match(rf"{re.escape(str(draft))}:\d+:\d+: [a-z-]+: \S", line), line
    assert lines[0].startswith(f"{draft}:6:1: overclaim: im-as-effective-as-iv (")
    assert f"{draft}:12:1: unsourced: a number or comparison" in lines[3]
    assert summary.startswith("5 sentences checked: ")


def test_standard_input(evidence_dir: Path, db_url: str) -> None:
    from typer.testing import CliRunner

    from roa_evidence.cli import app

    text = "IM causes less vomiting than IV [@jones2006kids].\n"
    args = ["--data", str(evidence_dir), "--db", db_url, "check", "-", "--format", "json"]
    result = CliRunner().invoke(app, args, input=text, env={"NO_COLOR": "1"})
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["path"] == "<stdin>"
    assert report["findings"][0]["claim"] == "im-vomiting-minimal"
    assert report["findings"][0]["verdict"] == "cited-against"


@pytest.mark.parametrize(
    ("fail_on", "code"),
    [
        ([], 0),
        (["--fail-on", "overclaim"], 1),
        (["--fail-on", "contested"], 1),
        (["--fail-on", "opposite"], 0),
        (["--fail-on", "mismatch,unsourced"], 1),
        (["--fail-on", "unknown-key"], 0),
        (["--fail-on", "strong"], 1),
        (["--fail-on", "contradicted", "--fail-on", "refuted"], 0),
    ],
)
def test_fail_on_takes_problem_kinds_and_statuses(
    run: Run, tmp_path: Path, fail_on: list[str], code: int
) -> None:
    result = run("check", str(_draft(tmp_path, "draft.md", MARKDOWN)), *fail_on)
    assert result.exit_code == code, result.stdout + result.stderr


def test_suggestions_keys_for_uncited_and_a_rewording(run: Run, tmp_path: Path) -> None:
    shown = run("show", "im-as-effective-as-iv-depression", "--format", "json", data=SHIPPED_DATA)
    claim = json.loads(shown.stdout)
    supporting = [e["source"] for e in claim["evidence"] if e["stance"] == "supports"]
    assert supporting, "the shipped claim has supporting evidence"
    draft = _draft(tmp_path, "s.md", "IM ketamine is as effective as IV ketamine for depression.\n")
    [finding] = _json(run, draft, data=SHIPPED_DATA)["findings"]
    assert finding["suggested_keys"] == supporting
    assert claim["certainty"] == "very_low"  # so the wording must be "very uncertain"
    over = next(p for p in finding["problems"] if p["kind"] == "overclaim")
    assert over["suggestion"] == (
        "It is very uncertain whether IM ketamine is as effective as IV ketamine for depression."
    )


def test_flipping_a_contradicted_claim_agrees_with_the_evidence(run: Run, tmp_path: Path) -> None:
    # since issue 21 a technical fact checked against Hardy's record: refuted
    shown = run("show", "iv-only-route-rate-controlled", "--format", "json", data=SHIPPED_DATA)
    assert json.loads(shown.stdout)["status"] == "refuted"
    text = "IV infusion is not the only route whose rate of delivery can be controlled.\n"
    [finding] = _json(run, _draft(tmp_path, "c.md", text), data=SHIPPED_DATA)["findings"]
    assert finding["claim"] == "iv-only-route-rate-controlled"
    assert finding["problems"] == [] and finding["verdict"] == "refuted"
    text = "IV infusion is the only route whose rate of delivery can be controlled.\n"
    [finding] = _json(run, _draft(tmp_path, "d.md", text), data=SHIPPED_DATA)["findings"]
    assert _kinds(finding) == ["overclaim"]
    assert "refuted: it may not be stated as fact" in finding["problems"][0]["detail"]


# --------------------------------------------------------------------------
# Bad input: one sentence, exit 2


def test_missing_folder_and_unknown_fail_on(run: Run, tmp_path: Path) -> None:
    result = run("check", str(tmp_path / "missing.md"))
    assert (result.exit_code, result.stderr) == (
        2,
        f"Error: no draft '{tmp_path}/missing.md': check the path and the file's name\n",
    )
    result = run("check", str(tmp_path))
    assert (result.exit_code, result.stderr) == (
        2,
        f"Error: '{tmp_path}' is a folder, not a draft file: give the draft itself (e.g. "
        f"{tmp_path}/draft.md)\n",
    )
    result = run("check", str(_draft(tmp_path, "d.md", "Text.\n")), "--fail-on", "overclam")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "Error: unknown --fail-on 'overclam'; did you mean 'overclaim'?"
    )


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        (b"", [], "is empty: there is nothing to check"),
        (b"  \n\n", [], "is empty: there is nothing to check"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", [], "is a binary file, not a draft"),
        (b"Caf\xe9 au lait.\n", [], "is not UTF-8 text (byte 3): save it as UTF-8"),
        (b"Caf\xe9 au lait.\n", ["--encoding", "klingon-8"], "unknown encoding 'klingon-8'"),
    ],
)
def test_bad_drafts_are_one_sentence_exit_2(
    run: Run, tmp_path: Path, content: bytes, args: list[str], message: str
) -> None:
    draft = tmp_path / "bad.md"
    draft.write_bytes(content)
    result = run("check", str(draft), *args)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_a_named_encoding_is_read(run: Run, tmp_path: Path) -> None:
    draft = tmp_path / "latin.md"
    draft.write_bytes("IM ketamine rarely causes vomiting, caf\xe9.\n".encode("latin-1"))
    result = run("check", str(draft), "--encoding", "latin-1", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["findings"][0]["sentence"].endswith("café.")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_draft(run: Run, tmp_path: Path) -> None:
    draft = _draft(tmp_path, "secret.md", "Text.\n")
    draft.chmod(0)
    try:
        result = run("check", str(draft))
    finally:
        draft.chmod(0o600)
    assert result.exit_code == 2
    assert result.stderr == f"Error: cannot read draft '{draft}': Permission denied\n"


@pytest.mark.slow
def test_a_10_mb_draft_is_checked(run: Run, tmp_path: Path) -> None:
    corpus = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))["sentences"]
    block = "\n\n".join(s["text"] for s in corpus) + "\n\n"
    draft = tmp_path / "big.md"
    with draft.open("w", encoding="utf-8") as out:
        written = 0
        while written < 10_000_000:
            written += out.write(block)
    result = run("check", str(draft), "--fail-on", "opposite", data=SHIPPED_DATA)
    assert result.exit_code == 1, result.stderr
    assert result.stdout.splitlines()[-1].startswith(f"{len(corpus) * (written // len(block))} ")


# --------------------------------------------------------------------------
# The parts, table-driven


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("One. Two words here.", "text", [(1, 1, "One."), (1, 6, "Two words here.")]),
        (
            "See e.g. Smith et al. 2014 for this.\nNext one.",
            "text",
            [(1, 1, "See e.g. Smith et al. 2014 for this."), (2, 1, "Next one.")],
        ),
        (
            "It was 93 %. It was 0.5 mg/kg. Then\n\nnew paragraph",
            "text",
            [
                (1, 1, "It was 93 %."),
                (1, 14, "It was 0.5 mg/kg."),
                (1, 32, "Then"),
                (3, 1, "new paragraph"),
            ],
        ),
        (
            "# Title 2\n\n- item one\n- item *two* [@k]\n",
            "markdown",
            [(3, 3, "item one"), (4, 3, "item two")],
        ),
        (
            "> Use `IV > IM` here and [a link](https://x.org/a.b) too.",
            "markdown",
            [(1, 3, "Use here and a link too.")],
        ),
        (
            "a 50\\% rise~\\citep{k} in \\textbf{\\emph{IM}} use.",
            "latex",
            [(1, 1, "a 50% rise in IM use.")],
        ),
    ],
)
def test_split_sentences(text: str, kind: str, expected: list[tuple[int, int, str]]) -> None:
    assert [(s.line, s.col, s.text) for s in split_sentences(text, kind)] == expected


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("A [@a; @b, p. 3].", ("a", "b")),
        ("As @smith2014 showed.", ("smith2014",)),
        ("A \\cite{a,b} and \\citep[p.~2]{c} and \\citet{d}.", ("a", "b", "c", "d")),
    ],
)
def test_citation_forms(text: str, keys: tuple[str, ...]) -> None:
    kind = "latex" if "\\" in text else "markdown"
    [sentence] = split_sentences(text, kind)
    assert sentence.keys == keys


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a bioavailability of 39 %.", [(39, 39, "percent")]),
        ("lasting 30-60 minutes, or two hours", [(30, 60, "time"), (120, 120, "time")]),
        ("between 2 and 4 h", [(120, 240, "time")]),
        ("0.5 mg/kg and 0.25-0.5 mg/kg", [(0.5, 0.5, "dose"), (0.25, 0.5, "dose")]),
        (
            "a single published study of 18 depressed subjects",
            [(1, 1, "studies"), (18, 18, "participants")],
        ),
        ("in 2014, three of them", []),
        ("vomiting in a quarter of children", [(25, 25, "percent")]),
    ],
)
def test_quantities(text: str, expected: list[tuple[float, float, str]]) -> None:
    assert [(q.low, q.high, q.dimension) for q in quantities(text)] == expected


@pytest.mark.parametrize(
    ("sentence", "statement", "flipped"),
    [
        ("The study was blinded.", "The study was not blinded.", True),
        ("IM ketamine is faster than IV.", "IV ketamine is faster than IM.", True),
        ("IV ketamine is slower than IM.", "IV ketamine is faster than IM.", True),
        ("IM is less effective than IV.", "IM is as effective as IV.", True),
        ("IV and IM differ in efficacy.", "IV and IM do not differ in efficacy.", True),
        ("IV and IM are equally effective.", "IV and IM do not differ in efficacy.", False),
        ("There is no evidence that IM is as good as IV.", "IM is as good as IV.", False),
        ("IV ketamine is quicker than IM.", "IV ketamine is faster than IM.", False),
        ("We cannot say whether the study was blinded.", "The study was blinded.", False),
    ],
)
def test_opposite(sentence: str, statement: str, flipped: bool) -> None:
    assert (opposite(sentence, statement) is not None) is flipped


@pytest.mark.parametrize(
    ("text", "certainty", "status", "kind", "flagged"),
    [
        ("IM reduces pain.", "high", "strong", "finding", False),
        ("IM reduces pain.", "moderate", "strong", "finding", True),
        ("IM probably reduces pain.", "moderate", "strong", "finding", False),
        ("IM probably reduces pain.", "low", "weak", "finding", True),
        ("IM may reduce pain.", "low", "weak", "finding", False),
        ("IM may reduce pain.", "very_low", "weak", "finding", True),
        ("It is very uncertain whether IM reduces pain.", "very_low", "weak", "finding", False),
        ("IM may reduce pain.", "none", "unsupported", "finding", True),
        ("IM may reduce pain.", "moderate", "contradicted", "finding", True),
        ("The trial had 18 subjects.", None, "confirmed", "description", False),
        ("The trial had 18 subjects.", None, "unchecked", "description", False),
        ("The trial was randomised.", None, "refuted", "description", True),
        ("IV bioavailability is 100 %.", None, "confirmed", "definition", False),
    ],
)
def test_overclaim_follows_grade_wording(
    text: str, certainty: str | None, status: str, kind: str, flagged: bool
) -> None:
    assert (overclaim(text, certainty, status, kind) is not None) is flagged


@pytest.mark.parametrize(
    ("level", "certainty", "expected"),
    [
        (1, "moderate", "IM ketamine is probably as effective as IV."),
        (2, "low", "IM ketamine may be as effective as IV."),
        (3, "very_low", "It is very uncertain whether IM ketamine is as effective as IV."),
    ],
)
def test_reword(level: int, certainty: str, expected: str) -> None:
    reworded = reword("IM ketamine is as effective as IV.", level, certainty)
    assert reworded == expected
    assert hedge(reworded) >= level


def test_routes_named() -> None:
    assert routes_named("Given intramuscularly or by IV infusion, not orally") == {
        "IM",
        "IV",
        "oral",
    }
    assert routes_named("in the clinic, iv) and nasal spray") == {"IN"}


def test_a_wrong_number_of_participants_is_a_mismatch(tmp_path: Path) -> None:
    """How many took part is a known value too: the source's n."""
    from typer.testing import CliRunner

    from roa_evidence.cli import app

    draft = tmp_path / "draft.md"
    draft.write_text(
        "The Chilukuri trial randomised 40 patients.\nThe Chilukuri trial randomised 27 patients.\n"
    )
    result = CliRunner().invoke(
        app,
        [
            *("--data", str(SHIPPED_DATA), "--db", f"sqlite:///{tmp_path / 'e.sqlite'}"),
            *("check", str(draft), "--format", "json"),
        ],
        env={"NO_COLOR": "1"},
    )
    findings = json.loads(result.stdout)["findings"]
    assert [p["kind"] for p in findings[0]["problems"]] == ["mismatch"]
    assert "n 27 (chilukuri2014acute)" in findings[0]["problems"][0]["detail"]
    assert findings[1]["problems"] == []


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        (2, "Intranasal ketamine may be effective for depression."),
        (3, "It is very uncertain whether intranasal ketamine can be effective for depression."),
    ],
)
def test_a_hedged_statement_is_not_hedged_twice(level: int, expected: str) -> None:
    from roa_evidence.draftcheck.hedging import reword

    statement = "Intranasal ketamine may be effective for depression."
    assert reword(statement, level, "very_low" if level == 3 else "low", "weak") == expected
