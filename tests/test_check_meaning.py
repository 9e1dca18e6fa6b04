"""`check` reads meaning: paraphrases, lay route words, numbers in words, never green on a
difference; Word drafts, --fix, and hostile drafts (issue 23; red-team G02d, G04a, G05, G07)."""

from __future__ import annotations

import json
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, SHIPPED_DATA, Run
from roa_evidence.draftcheck import routes_named
from roa_evidence.draftcheck.reading import citation_keys
from roa_evidence.draftcheck.routes import RouteWords, using

GREEN = {"confirmed", "strong"}


def _findings(run: Run, tmp_path: Path, text: str, name: str = "d.md") -> list[dict[str, Any]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = run("check", str(path), "--format", "json", data=SHIPPED_DATA)
    assert result.exit_code == 0, result.stderr
    return list(json.loads(result.stdout)["findings"])


def _kinds(finding: dict[str, Any]) -> set[str]:
    return {p["kind"] for p in finding["problems"]}


# The new user's probe sentences (new-user-trial-2.md, "The draft checker on paraphrase"):
# each with the problems reported at the default confidence, and those at least shown as
# "possibly" (the flip of "sustained for three days" is read, but the labelled rounds write
# "within a day" as a mismatch far more often than as an opposite, and the confidence has
# learned so: docs/check.md, twenty-fifth pass).
PROBES = [
    (
        "The antidepressant effect of a single IM dose disappeared within a day "
        "[@chilukuri2014acute].",
        "chilukuri-effect-sustained-3-days",
        {"mismatch"},
        {"opposite"},
    ),
    (
        "Giving ketamine into the muscle works just as well as an infusion for depressed patients.",
        "im-as-effective-as-iv-depression",
        {"overclaim"},
        set(),
    ),
    (
        "Intramuscular ketamine is safer than intravenous ketamine.",
        "iv-im-similar-safety",
        {"opposite"},
        set(),
    ),
]


@pytest.mark.parametrize(("sentence", "claim", "kinds", "possibly"), PROBES)
def test_the_new_users_probes_get_the_right_claim_and_problem(
    run: Run, tmp_path: Path, sentence: str, claim: str, kinds: set[str], possibly: set[str]
) -> None:
    [finding] = _findings(run, tmp_path, sentence + "\n")
    assert finding["claim"] == claim
    assert kinds <= _kinds(finding), finding["problems"]
    shown = _kinds(finding) | {p["kind"] for p in finding.get("doubtful", [])}
    assert possibly <= shown, finding.get("doubtful")
    assert finding["verdict"] not in GREEN


def test_within_a_day_against_three_days_is_named(run: Run, tmp_path: Path) -> None:
    [finding] = _findings(run, tmp_path, PROBES[0][0] + "\n")
    [mismatch] = [p for p in finding["problems"] if p["kind"] == "mismatch"]
    assert "a day" in mismatch["detail"] and "3 days" in mismatch["detail"]
    assert finding["parts"]["quantity"] == "differs"


def test_a_sentence_stating_a_comparison_its_claim_does_not_is_never_green(
    run: Run, tmp_path: Path
) -> None:
    text = (
        "In the Chilukuri trial, intravenous ketamine outperformed intramuscular ketamine "
        "[@chilukuri2014acute].\n"
    )
    [finding] = _findings(run, tmp_path, text)
    assert finding["verdict"] not in GREEN


@pytest.mark.parametrize(
    ("sentence", "claim", "kind"),
    [
        (
            "A drip takes effect faster than a shot in the muscle.",
            "iv-onset-faster-than-im",
            "overclaim",
        ),
        (
            "An injection into the muscle usually costs more than an IV drip.",
            "im-cheaper-than-iv",
            "opposite",
        ),
        (
            "Nasal spray ketamine is ineffective for depression.",
            "in-may-be-effective-depression",
            "opposite",
        ),
        (
            "Contrary to popular belief, ketamine does not act by blocking NMDA receptors.",
            "nmda-receptor-target",
            "opposite",
        ),
        (
            "Swallowed ketamine has a bioavailability of 0.45.",
            "oral-bioavailability-16",
            "mismatch",
        ),
        ("The infusion lasts around ninety minutes.", "iv-infusion-over-40-60-min", "mismatch"),
        (
            "Your drip can be switched off straight away if you feel unwell.",
            "iv-instant-shut-off",
            "overclaim",
        ),
    ],
)
def test_paraphrases_are_read_by_meaning(
    run: Run, tmp_path: Path, sentence: str, claim: str, kind: str
) -> None:
    [finding] = _findings(run, tmp_path, sentence + "\n")
    assert (finding["claim"], kind in _kinds(finding)) == (claim, True), finding


def test_not_checked_sentences_are_listed_and_counted(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "d.md"
    path.write_text("Sublingual ketamine lasts 45 minutes longer [@smith2099].\n", encoding="utf-8")
    result = run("check", str(path), data=SHIPPED_DATA)
    assert "not checked: no tracked claim" in result.stdout
    assert "1 not checked" in result.stdout.splitlines()[-1]
    failing = run("check", str(path), "--fail-on", "not-checked", data=SHIPPED_DATA)
    assert failing.exit_code == 1


def test_the_tuning_corpus_scores(run: Run, tmp_path: Path) -> None:
    """The paraphrase tuning set: what was tuned on must stay caught (a regression guard;
    held-out figures are in docs/check.md)."""
    sentences = yaml.safe_load((FIXTURES / "drafts" / "paraphrase-tuning.yaml").read_text())
    labelled = sentences["sentences"]
    text = "\n\n".join(s["text"] for s in labelled) + "\n"
    found: dict[int, set[str]] = {}
    for finding in _findings(run, tmp_path, text):
        found.setdefault(finding["line"], set()).update(_kinds(finding))
    kinds = ("opposite", "mismatch", "cited-against", "overclaim")
    hits = sum(
        len(set(s["problems"]) & found.get(2 * i + 1, set()) & set(kinds))
        for i, s in enumerate(labelled)
    )
    wanted = sum(len(set(s["problems"]) & set(kinds)) for s in labelled)
    assert hits / wanted >= 0.85


def test_lay_route_words_come_from_the_vocabulary() -> None:
    from roa_evidence import vocab

    assert routes_named("by injection or drip") == {"IM", "IV"}
    assert routes_named("an IV injection") == {"IV"}
    with using(RouteWords.build({"IV": ["a cannula"]})):
        assert routes_named("given through a cannula") == {"IV"}
        assert routes_named("a drip") == frozenset()
    assert routes_named("a drip") == {"IV"}
    shipped = vocab.active()
    with vocab.using(replace(shipped, lay={"IM": ("a jab in the arm",)})):
        assert routes_named("a jab in the arm") == {"IM"}
    with vocab.using(replace(shipped, lay={})):  # a base with no lay words: the shipped ones
        assert routes_named("a drip") == {"IV"}


def test_a_word_draft_is_checked_by_paragraph_and_sentence(run: Run, tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("A title")
    document.add_paragraph(
        "Our clinic is open. Intramuscular ketamine is safer than intravenous ketamine."
    )
    document.save(str(tmp_path / "d.docx"))
    result = run("check", str(tmp_path / "d.docx"), data=SHIPPED_DATA)
    assert f"{tmp_path / 'd.docx'}:2:2: opposite: iv-im-similar-safety" in result.stdout


def test_a_file_that_is_not_a_word_draft_is_refused(run: Run, tmp_path: Path) -> None:
    (tmp_path / "d.docx").write_text("not a zip")
    result = run("check", str(tmp_path / "d.docx"), data=SHIPPED_DATA)
    assert result.exit_code == 2 and "is not a Word .docx file" in result.stderr


def test_fix_prints_a_diff_or_writes_a_copy_never_the_draft(run: Run, tmp_path: Path) -> None:
    draft = tmp_path / "d.md"
    original = "IM ketamine can cause tachycardia [@ketalar_label].\n"
    draft.write_text(original, encoding="utf-8")
    diff = run("check", str(draft), "--fix", data=SHIPPED_DATA)
    [added] = [line for line in diff.stdout.splitlines() if line.startswith("+It")]
    assert added.startswith("+It is very uncertain whether IM ketamine can cause tachycardia")
    assert added.endswith(" [@ketalar_label].")  # the citation kept, before the stop
    assert f"-{original.strip()}" in diff.stdout
    refused = run("check", str(draft), "--fix", "-o", str(draft), data=SHIPPED_DATA)
    assert refused.exit_code == 2 and draft.read_text(encoding="utf-8") == original
    copy = tmp_path / "fixed.md"
    assert run("check", str(draft), "--fix", "-o", str(copy), data=SHIPPED_DATA).exit_code == 0
    assert copy.read_text(encoding="utf-8").startswith("It is very uncertain whether")


def test_a_transform_is_not_an_encoding(run: Run, tmp_path: Path) -> None:
    (tmp_path / "d.md").write_text("IM ketamine is cheap.\n")
    result = run("check", str(tmp_path / "d.md"), "--encoding", "rot13", data=SHIPPED_DATA)
    assert result.exit_code == 2 and "utf-8, utf-16, latin-1" in result.stderr
    assert "unexpected" not in result.stderr


@pytest.mark.parametrize(
    "body",
    ["{" * 50_000 + "x" + "}" * 50_000, "\\begin{itemize}\n" * 20_000],
)
def test_deep_latex_is_refused_with_its_line(run: Run, tmp_path: Path, body: str) -> None:
    (tmp_path / "d.tex").write_text("\\begin{document}\nIM is fine.\n" + body)
    result = run("check", str(tmp_path / "d.tex"), data=SHIPPED_DATA)
    assert result.exit_code == 2 and "nest more than" in result.stderr and "line " in result.stderr


def test_a_claim_deep_in_block_quotes_is_reported_not_checked(run: Run, tmp_path: Path) -> None:
    text = "Intro.\n\n" + ">" * 10_000 + " IM ketamine has 100 % bioavailability.\n"
    findings = _findings(run, tmp_path, text)
    [deep] = [f for f in findings if f.get("not_checked")]
    assert "block quotes" in deep["not_checked"] and "100 %" in deep["sentence"]


_ADVERSARIAL = st.sampled_from(
    [
        "[" + "@" * 200_000,
        "[" + "a@" * 100_000,
        "\\cite{" * 33_000,
        "\\" + "cite" * 50_000,
        "\\cite[" * 30_000,
        "[@k; " * 40_000,
    ]
)


@settings(max_examples=6, deadline=None)
@given(_ADVERSARIAL, st.text(max_size=50))
def test_citation_patterns_are_linear(hostile: str, noise: str) -> None:
    started = time.perf_counter()
    citation_keys(noise + hostile + noise)
    assert time.perf_counter() - started < 2.0  # quadratic took minutes at this size


def test_a_bases_own_lay_words_are_read(run: Run, tmp_path: Path) -> None:
    """`--data DIR` brings its vocabulary.yaml's lay words; the shipped ones are not used."""
    import shutil

    base = tmp_path / "base"
    shutil.copytree(SHIPPED_DATA, base)
    vocabulary = base / "vocabulary.yaml"
    text = vocabulary.read_text(encoding="utf-8")
    assert "lay: [a drip," in text
    vocabulary.write_text(
        text.replace("lay: [a drip,", "lay: [a cannula, a drip,"), encoding="utf-8"
    )
    draft = tmp_path / "d.md"
    draft.write_text("Ketamine through a cannula has 100 % bioavailability.\n", encoding="utf-8")
    result = run("check", str(draft), "--format", "json", data=base)
    assert result.exit_code == 0, result.stderr
    [finding] = json.loads(result.stdout)["findings"]
    assert finding["claim"] == "iv-bioavailability-100"


@pytest.mark.slow  # a long draft and forked workers
def test_a_long_draft_is_judged_in_forked_workers_as_in_one_process(
    shipped_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from roa_evidence import open_store
    from roa_evidence.draftcheck import check, checking
    from roa_evidence.query.queries import find_claims

    text = "\n\n".join(
        f"IM ketamine takes effect within {i} minutes [@chilukuri2014acute]. A drip is "
        f"safer than a shot in the muscle in group {i}. Oral ketamine has a bioavailability "
        f"of {i} %. IV ketamine is not effective for depression."  # repeated: judged once
        for i in range(100)
    )
    with open_store(SHIPPED_DATA, shipped_db) as conn:
        claims = find_claims(conn)
    monkeypatch.setattr(checking, "_CHUNK", 40)
    monkeypatch.setattr(checking, "_PARALLEL_FROM", 10**9)
    alone = check(text, claims, "markdown")
    monkeypatch.setattr(checking, "_PARALLEL_FROM", 50)
    monkeypatch.setattr(checking.os, "cpu_count", lambda: 2)
    from roa_evidence.load import workers

    pools: list[int] = []
    real_pool = workers.forked_pool
    monkeypatch.setattr(workers, "forked_pool", lambda n: pools.append(n) or real_pool(n))
    done: list[int] = []
    shared = check(text, claims, "markdown", progress=done.append)
    assert pools == [2] and shared == alone
    assert sum(done) == len(shared.findings) == 400 and len(done) > 2
    assert any(f.claim is not None for f in shared.findings)
