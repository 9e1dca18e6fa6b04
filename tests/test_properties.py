"""Property-based tests: random evidence bases, random corruptions, and grading's monotony.

- A generated evidence base loads with exactly the content it was written with,
  and survives a round trip through `export --format bib`.
- A randomly corrupted valid file either loads (and round-trips) or is refused
  with clean `path:line: message` lines and exit 2, leaving the database alone.
- Grading never crashes, and is monotonic: adding a supporting double-blind RCT
  with no quality flags never lowers a certainty; adding a rating-down flag never
  raises one.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from roa_evidence import vocab
from roa_evidence.cli import app
from roa_evidence.grading import ClaimEvidence, Effect, Link, Study, Value, grade

# Generated bases and hundreds of generated claims: the full suite and CI run them.
pytestmark = pytest.mark.slow

FIXTURE = Path(__file__).parent / "fixtures" / "small"
SETTINGS = settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _cli(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), env={"NO_COLOR": "1"})


# -- generated evidence bases ---------------------------------------------------------

KEY = st.from_regex(r"[a-z][a-z0-9]{2,12}", fullmatch=True)
SLUG = st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True)
# Words a person types in titles and statements: any letters (accents, Greek, CJK),
# digits and plain punctuation. LaTeX specials ({}\$%&#~ and "--") are decoded for
# display by design, so they are left to the corruption test.
WORD = st.text(
    st.characters(categories=("L", "N"), exclude_characters="\x00"), min_size=1, max_size=8
)
PUNCT = st.sampled_from(["", ".", ",", ":", "?", "!", "(a)", "'s", "%", "/"])
SENTENCE = st.lists(st.tuples(WORD, PUNCT).map("".join), min_size=1, max_size=8).map(" ".join)
SUBSET = st.lists


@st.composite
def works(draw: st.DrawFn) -> list[dict[str, Any]]:
    keys = draw(st.lists(KEY, min_size=1, max_size=6, unique=True))
    found = []
    for key in keys:
        found.append(
            {
                "key": key,
                "title": draw(SENTENCE).replace("%", " percent"),  # % starts a BibTeX comment
                "design": draw(st.sampled_from(vocab.DESIGNS)),
                "n": draw(st.none() | st.integers(1, 100_000)),
                "blinding": draw(st.none() | st.sampled_from(vocab.BLINDING)),
                "routes": draw(st.lists(st.sampled_from(vocab.ROUTES), unique=True, max_size=3)),
                "quality": draw(
                    st.lists(st.sampled_from(vocab.QUALITY_FLAGS), unique=True, max_size=3)
                ),
                "condition": draw(st.none() | st.sampled_from(vocab.CONDITIONS)),
            }
        )
    return found


@st.composite
def evidence_bases(draw: st.DrawFn) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    bib = draw(works())
    keys = [w["key"] for w in bib]
    documents = draw(st.lists(st.sampled_from(keys), unique=True, max_size=2))
    claims = []
    for claim_id in draw(st.lists(SLUG, unique=True, max_size=6)):
        claim: dict[str, Any] = {
            "id": claim_id,
            "statement": draw(SENTENCE),
            "routes": draw(
                st.lists(st.sampled_from(vocab.ROUTES), unique=True, min_size=1, max_size=3)
            ),
            "topic": draw(st.sampled_from(vocab.TOPICS)),
            "condition": draw(st.sampled_from(vocab.CONDITIONS)),
        }
        if documents:
            claim["asserted_by"] = [
                {"document": doc, "quote": draw(SENTENCE)}
                for doc in draw(st.lists(st.sampled_from(documents), unique=True, max_size=2))
            ]
        links = []
        for source in draw(st.lists(st.sampled_from(keys), unique=True, max_size=4)):
            link: dict[str, Any] = {
                "source": source,
                "stance": draw(st.sampled_from(vocab.STANCES)),
            }
            # a link's n is an arm of its study: never above the study's n (a load error)
            study_n = next(w["n"] for w in bib if w["key"] == source)
            n = draw(st.none() | st.integers(1, study_n or 5000))
            if n is not None:
                link["n"] = n
            links.append(link)
        claim["evidence"] = links
        claims.append(claim)
    return bib, {"version": 1, "documents": documents, "claims": claims}


def _write_bib(entries: list[dict[str, Any]]) -> str:
    out = []
    for work in entries:
        fields = {"title": work["title"], "design": work["design"]}
        for name in ("n", "blinding", "condition"):
            if work[name] is not None:
                fields[name] = str(work[name])
        for name in ("routes", "quality"):
            if work[name]:
                fields[name] = ", ".join(work[name])
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items())
        out.append(f"@article{{{work['key']},\n{body}\n}}\n")
    return "\n".join(out)


def _write_base(folder: Path, bib: list[dict[str, Any]], claims: dict[str, Any]) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    (folder / "studies.bib").write_text(_write_bib(bib), encoding="utf-8")
    (folder / "claims.yaml").write_text(
        yaml.safe_dump(claims, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )


def _loaded(data: Path, db: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    url = f"sqlite:///{db}"
    result = _cli("--data", str(data), "--db", url, "load", "--force")
    assert result.exit_code == 0, result.stderr
    claims = _cli("--data", str(data), "--db", url, "claims", "--format", "json")
    sources = _cli("--data", str(data), "--db", url, "sources", "--format", "json")
    assert claims.exit_code == 0 and sources.exit_code == 0, claims.stderr + sources.stderr
    return json.loads(claims.stdout), json.loads(sources.stdout)


def _round_trip(data: Path, db: Path, tmp: Path) -> None:
    """Exported BibTeX with its appraisal, loaded again with the same claims, gives the same
    database."""
    claims, works_before = _loaded(data, db)
    exported = _cli(
        "--data",
        str(data),
        "--db",
        f"sqlite:///{db}",
        "export",
        "--what",
        "sources",
        "--format",
        "bib",
        "--with-appraisal",
    )
    assert exported.exit_code == 0, exported.stderr
    again = tmp / "again"
    if again.exists():
        shutil.rmtree(again)
    again.mkdir()
    (again / "studies.bib").write_text(exported.stdout, encoding="utf-8")
    shutil.copy(data / "claims.yaml", again / "claims.yaml")
    claims_after, works_after = _loaded(again, tmp / "again.sqlite")
    assert claims_after == claims
    assert works_after == works_before


@SETTINGS
@given(base=evidence_bases())
def test_a_generated_evidence_base_loads_as_written(
    base: tuple[list[dict[str, Any]], dict[str, Any]], tmp_path: Path
) -> None:
    bib, spec = base
    data = tmp_path / "data"
    _write_base(data, bib, spec)
    claims, sources = _loaded(data, tmp_path / "evidence.sqlite")

    assert [w["key"] for w in sources] == [w["key"] for w in bib]
    for written, got in zip(bib, sources, strict=True):
        assert got["title"] == written["title"].strip()
        assert (got["design"], got["n"], got["blinding"], got["condition"]) == (
            written["design"],
            written["n"],
            written["blinding"],
            written["condition"],
        )
        assert sorted(got["routes"]) == sorted(written["routes"])
        assert sorted(got["quality"]) == sorted(written["quality"])

    assert sorted(c["id"] for c in claims) == sorted(c["id"] for c in spec["claims"])
    by_id = {c["id"]: c for c in claims}
    for written in spec["claims"]:
        got = by_id[written["id"]]
        assert got["statement"] == written["statement"].strip()
        assert sorted(got["routes"]) == sorted(written["routes"])
        assert (got["topic"], got["condition"]) == (written["topic"], written["condition"])
        assert [(a["document"], a["quote"]) for a in got["asserted_by"]] == [
            (a["document"], a["quote"].strip()) for a in written.get("asserted_by", [])
        ]
        assert sorted((e["source"], e["stance"]) for e in got["evidence"]) == sorted(
            (e["source"], e["stance"]) for e in written["evidence"]
        )
        assert got["certainty"] in vocab.CERTAINTIES
    _round_trip(data, tmp_path / "evidence.sqlite", tmp_path)


# -- random corruptions of valid files ------------------------------------------------

NOISE = st.lists(
    st.sampled_from([*"{}@,=\t:\"'[]-&*!%#\\\n ~|>", "\x00", "é", "\ufeff", "  ", "- ", ": "]),
    min_size=1,
    max_size=6,
).map("".join)
PROBLEM_LINE = re.compile(r"^(warning: )?\S.*?(\.bib|\.yaml)(:\d+)?: \S")


@st.composite
def corruptions(draw: st.DrawFn) -> tuple[str, list[tuple[str, int, int, str]]]:
    name = draw(st.sampled_from(["studies.bib", "claims.yaml"]))
    size = len((FIXTURE / name).read_text(encoding="utf-8"))
    edits = []
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["insert", "delete", "replace", "truncate", "duplicate"]))
        start = draw(st.integers(0, size - 1))
        end = min(size, start + draw(st.integers(0, 40)))
        edits.append((kind, start, end, draw(NOISE)))
    return name, edits


def _corrupt(text: str, edits: list[tuple[str, int, int, str]]) -> str:
    for kind, start, end, noise in edits:
        start, end = min(start, len(text)), min(end, len(text))
        if kind == "insert":
            text = text[:start] + noise + text[start:]
        elif kind == "delete":
            text = text[:start] + text[end:]
        elif kind == "replace":
            text = text[:start] + noise + text[end:]
        elif kind == "truncate":
            text = text[:start]
        else:
            text = text[:end] + text[start:end] + text[end:]
    return text


@pytest.fixture(scope="module")
def good_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("good")
    db = folder / "db" / "evidence.sqlite"
    db.parent.mkdir()
    # the examples edit this very folder, as a curator edits theirs (a database refuses
    # another folder's evidence base)
    shutil.copytree(FIXTURE, folder / "data")
    result = _cli("--data", str(folder / "data"), "--db", f"sqlite:///{db}", "load")
    assert result.exit_code == 0, result.stderr
    return db


@SETTINGS
@given(corruption=corruptions())
def test_a_corrupted_file_loads_or_is_refused_cleanly(
    corruption: tuple[str, list[tuple[str, int, int, str]]], tmp_path: Path, good_db: Path
) -> None:
    name, edits = corruption
    data = good_db.parent.parent / "data"
    if data.exists():
        shutil.rmtree(data)
    shutil.copytree(FIXTURE, data)
    original = (data / name).read_text(encoding="utf-8")
    corrupted = _corrupt(original, edits)
    assume(corrupted != original)
    (data / name).write_text(corrupted, encoding="utf-8")
    db = tmp_path / "db" / "evidence.sqlite"
    if db.parent.exists():
        shutil.rmtree(db.parent)
    shutil.copytree(good_db.parent, db.parent)
    before = {p.name: p.read_bytes() for p in db.parent.iterdir()}

    result = _cli("--data", str(data), "--db", f"sqlite:///{db}", "load")
    assert result.exit_code in (0, 2), result.stderr
    assert "Error: unexpected" not in result.stderr, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    if result.exit_code == 2:
        *problems, last = result.stderr.splitlines()
        assert last.startswith("Error: "), result.stderr
        assert problems, result.stderr
        for line in problems:
            assert PROBLEM_LINE.match(line), line
        assert {p.name: p.read_bytes() for p in db.parent.iterdir()} == before
    else:
        _round_trip(data, db, tmp_path)


# -- grading: never crashes, monotonic ------------------------------------------------


LEVEL = vocab.LEVEL_OF_CERTAINTY
ROUTE_SETS = st.frozensets(st.sampled_from(vocab.ROUTES), min_size=1, max_size=3)


@st.composite
def studies(draw: st.DrawFn) -> Study:
    return Study(
        key=draw(KEY),
        design=draw(st.none() | st.sampled_from(vocab.DESIGNS)),
        n=draw(st.none() | st.integers(1, 2000)),
        blinding=draw(st.none() | st.sampled_from(vocab.BLINDING)),
        routes=draw(st.frozensets(st.sampled_from(vocab.ROUTES), max_size=3)),
        condition=draw(st.none() | st.sampled_from(vocab.CONDITIONS)),
        quality=draw(st.frozensets(st.sampled_from(vocab.QUALITY_FLAGS), max_size=3)),
    )


@st.composite
def values(draw: st.DrawFn) -> Value:
    low = draw(st.floats(0, 100))
    return Value(
        estimate=draw(st.none() | st.floats(0, 100)),
        low=low,
        high=low + draw(st.floats(0, 50)),
        unit=draw(st.sampled_from([None, "%"])),
    )


@st.composite
def effects(draw: st.DrawFn) -> Effect:
    measure = draw(st.sampled_from(vocab.EFFECT_MEASURES))
    ratio = measure in {"RR", "OR", "HR"}
    low = draw(st.floats(0.05, 5)) if ratio else draw(st.floats(-5, 5))
    high = low + draw(st.floats(0, 5))
    estimate = (low + high) / 2
    return Effect(
        measure=measure,
        estimate=estimate,
        low=low,
        high=high,
        n=draw(st.none() | st.integers(1, 5000)),
        events=draw(st.none() | st.integers(0, 1000)),
    )


@st.composite
def links(draw: st.DrawFn) -> Link:
    return Link(
        study=draw(studies()),
        stance=draw(st.sampled_from(vocab.STANCES)),
        n=draw(st.none() | st.integers(1, 2000)),
        value=draw(st.none() | values()),
        indirect=draw(st.frozensets(st.sampled_from(vocab.INDIRECTNESS), max_size=2)),
        flags=draw(st.frozensets(st.sampled_from(vocab.LINK_FLAGS), max_size=2)),
        effect=draw(st.none() | effects()),
    )


@st.composite
def claims(draw: st.DrawFn) -> ClaimEvidence:
    drawn = draw(st.lists(links(), max_size=5))
    # one key, one study: as in studies.bib, links citing the same key share its appraisal
    by_key = {link.study.key: link.study for link in drawn}
    return ClaimEvidence(
        routes=draw(ROUTE_SETS),
        condition=draw(st.sampled_from(vocab.CONDITIONS)),
        links=tuple(replace(link, study=by_key[link.study.key]) for link in drawn),
        disputed=draw(st.booleans()),
        pooled_effect=draw(st.none() | effects()),
    )


@settings(max_examples=200, deadline=None, derandomize=True)
@given(claim=claims())
def test_grading_never_crashes(claim: ClaimEvidence) -> None:
    result = grade(claim)
    assert result.certainty in vocab.CERTAINTIES
    assert result.status in vocab.STATUSES
    assert result.steps and result.steps[0].domain == "start"


@settings(max_examples=200, deadline=None, derandomize=True)
@given(claim=claims(), n=st.integers(1, 2000), key=KEY)
def test_adding_a_clean_double_blind_rct_never_lowers_certainty(
    claim: ClaimEvidence, n: int, key: str
) -> None:
    # Only where every supporting size is known. With a body nobody sized, imprecision
    # "cannot be judged" (at most one level down); the first reported size is then what
    # it is judged on, and a tiny one may lower it. The other order is the invariant kept
    # (tests/test_invariants.py: an unsized study never raises certainty): both cannot hold.
    assume(all(link.participants is not None for link in claim.links if link.stance == "supports"))
    rct = Study(
        key=f"new{key}",
        design="rct",
        n=n,
        blinding="double-blind",
        routes=frozenset(claim.routes),
        condition=claim.condition,
    )
    better = replace(claim, links=(*claim.links, Link(study=rct, stance="supports")))
    before, after = grade(claim), grade(better)
    assert LEVEL[after.certainty] >= LEVEL[before.certainty], (before.steps, after.steps)


RATING_DOWN_QUALITY = (
    "not-randomized",
    "no-control",
    "stopped-early",
    "high-attrition",
    "industry-funded",
)


def draw_link(claim: ClaimEvidence, data: st.DataObject) -> tuple[int, Link]:
    """One of the claim's links, drawn, with its index; a claim without links is skipped."""
    assume(claim.links)
    index = data.draw(st.integers(0, len(claim.links) - 1))
    return index, claim.links[index]


@settings(max_examples=200, deadline=None, derandomize=True)
@given(claim=claims(), data=st.data())
def test_adding_a_rating_down_flag_never_raises_certainty(
    claim: ClaimEvidence, data: st.DataObject
) -> None:
    index, link = draw_link(claim, data)
    kind = data.draw(st.sampled_from(["quality", "open-label", "indirect", "publication-bias"]))
    if kind == "quality":
        flag = data.draw(st.sampled_from(RATING_DOWN_QUALITY))
        worse = replace(link, study=replace(link.study, quality=link.study.quality | {flag}))
    elif kind == "open-label":
        worse = replace(link, study=replace(link.study, blinding="open-label"))
    elif kind == "indirect":
        facet = data.draw(st.sampled_from(vocab.INDIRECTNESS))
        worse = replace(link, indirect=link.indirect | {facet})
    else:
        worse = replace(link, flags=link.flags | {"publication-bias"})
    # the same study may back several links: flag it everywhere, as studies.bib would
    flagged = tuple(
        worse
        if i == index
        else (replace(other, study=worse.study) if other.study == link.study else other)
        for i, other in enumerate(claim.links)
    )
    before, after = grade(claim), grade(replace(claim, links=flagged))
    assert LEVEL[after.certainty] <= LEVEL[before.certainty], (before.steps, after.steps)


def _rct(key: str, n: int) -> Link:
    return Link(
        study=Study(
            key=key,
            design="rct",
            n=n,
            blinding="double-blind",
            routes=frozenset({"IV"}),
            condition="pain",
        ),
        stance="supports",
    )


def test_a_tiny_rct_beside_a_single_precise_effect_does_not_lower_certainty() -> None:
    # one RCT with an effect: imprecision from the effect; a second, 5-patient RCT
    # switches to the sample-size rule. Both see a total n below 50: -2 either way.
    first = replace(_rct("a", 20), effect=Effect("SMD", 0.3, 0.1, 0.45, n=20))
    claim = ClaimEvidence(routes=frozenset({"IV"}), condition="pain", links=(first,))
    assert grade(claim).certainty == "low"
    assert grade(replace(claim, links=(first, _rct("b", 5)))).certainty == "low"


def test_a_small_clean_rct_does_not_raise_the_weight_of_biased_studies() -> None:
    # once weighted by the mean n of the others, a study without n could let a small
    # clean study push the share held by flagged studies over one half.
    unreported = Link(study=Study(key="a", design="meta-analysis"), stance="supports")
    flagged = Link(
        study=Study(key="b", design="meta-analysis", quality=frozenset({"no-control"})),
        stance="supports",
        n=4,
    )
    claim = ClaimEvidence(routes=frozenset({"IV"}), condition="any", links=(unreported, flagged))
    before = grade(claim).certainty
    after = grade(replace(claim, links=(unreported, flagged, _rct("c", 1)))).certainty
    assert LEVEL[after] >= LEVEL[before]
