"""Filters by the evidence behind a claim (`claims --design/--min-n/--since/--verified-only`)
and by what a work is about (`sources --route/--condition`), checked against the JSON
records of every claim and work on the shipped evidence base."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from conftest import SHIPPED_DATA
from roa_evidence.cli import app


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('filters') / 'e.sqlite'}"


def _invoke(db: str, *args: str) -> Result:
    full = ["--data", str(SHIPPED_DATA), "--db", db, *args]
    return CliRunner().invoke(app, full, env={"NO_COLOR": "1", "COLUMNS": "200"})


def _json(db: str, *args: str) -> Any:
    result = _invoke(db, *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _expected(claims: list[dict[str, Any]], **wanted: Any) -> list[str]:
    """The ids of the claims with one linked source meeting every condition at once."""

    def meets(link: dict[str, Any]) -> bool:
        if "designs" in wanted and link["design"] not in wanted["designs"]:
            return False
        if "min_n" in wanted and (link["n"] is None or link["n"] < wanted["min_n"]):
            return False
        if "since" in wanted and (link["year"] is None or link["year"] < wanted["since"]):
            return False
        return not wanted.get("verified") or link["verification"] == "verified"

    return [c["id"] for c in claims if any(meets(link) for link in c["evidence"])]


@pytest.mark.parametrize(
    ("args", "wanted"),
    [
        (("--design", "rct"), {"designs": {"rct"}}),
        (("--design", "randomized,crossover"), {"designs": {"rct", "crossover-rct"}}),
        (("--min-n", "20"), {"min_n": 20}),
        (("--since", "2019"), {"since": 2019}),
        (("--verified-only",), {"verified": True}),
        (("--design", "rct", "--min-n", "20"), {"designs": {"rct"}, "min_n": 20}),
        (("--since", "2010", "--verified-only"), {"since": 2010, "verified": True}),
    ],
)
def test_claims_filtered_by_their_evidence(
    shipped: str, args: tuple[str, ...], wanted: dict[str, Any]
) -> None:
    every = _json(shipped, "claims")
    found = [c["id"] for c in _json(shipped, "claims", *args)]
    expected = _expected(every, **wanted)
    assert found == expected
    assert 0 < len(found) < len(every)  # the filter narrows, and something is left


def test_rcts_about_im_with_n_of_20_or_more(shipped: str) -> None:
    """The trial's researcher question, without jq."""
    found = _json(shipped, "claims", "--route", "IM", "--design", "rct", "--min-n", "20")
    assert found
    for claim in found:
        assert "IM" in claim["routes"]
        assert any(e["design"] == "rct" and (e["n"] or 0) >= 20 for e in claim["evidence"])


def test_the_export_takes_the_same_filters(shipped: str) -> None:
    claims = [c["id"] for c in _json(shipped, "claims", "--design", "rct", "--since", "2014")]
    result = _invoke(shipped, "export", "-f", "csv", "-w", "claims", "--design", "rct")
    exported = _invoke(shipped, "export", "-f", "json", "--design", "rct", "--since", "2014")
    assert result.exit_code == 0 and exported.exit_code == 0
    assert [c["id"] for c in json.loads(exported.stdout)["claims"]] == claims


def test_a_bad_design_or_year_is_one_sentence(shipped: str) -> None:
    bad = _invoke(shipped, "claims", "--design", "rtc")
    assert bad.exit_code == 2 and "did you mean 'rct'" in bad.output
    year = _invoke(shipped, "claims", "--since", "twenty")
    assert year.exit_code == 2 and "Traceback" not in year.output


@pytest.mark.parametrize("route", ["IM", "IN"])
def test_sources_by_route(shipped: str, route: str) -> None:
    works = _json(shipped, "sources")
    claims = _json(shipped, "claims", "--route", route)
    cited = {e["source"] for c in claims for e in c["evidence"]}
    cited |= {a["document"] for c in claims for a in c["asserted_by"] + c["disputed_by"]}
    expected = [w["key"] for w in works if route in w["routes"] or w["key"] in cited]
    found = [w["key"] for w in _json(shipped, "sources", "--route", route)]
    assert found == expected and 0 < len(found) < len(works)


def test_sources_by_condition(shipped: str) -> None:
    works = _json(shipped, "sources")
    claims = _json(shipped, "claims", "--condition", "sedation")
    cited = {e["source"] for c in claims for e in c["evidence"]}
    cited |= {a["document"] for c in claims for a in c["asserted_by"] + c["disputed_by"]}
    expected = [w["key"] for w in works if w["condition"] == "sedation" or w["key"] in cited]
    found = [w["key"] for w in _json(shipped, "sources", "--condition", "sedation")]
    assert found == expected and 0 < len(found) < len(works)
    typo = _invoke(shipped, "sources", "--route", "IMM")
    assert typo.exit_code == 2 and "did you mean 'IM'" in typo.output
