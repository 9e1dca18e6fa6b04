"""`check` on the general causes behind blind rounds 19 and 20's misses
(tests/fixtures/drafts/paraphrase-heldout-19.yaml, -20.yaml): a trial's size in any words,
"one" as a pronoun, "open-label" against "not double-blind", and "rather than with a drip".
Through the CLI on a real draft and the shipped base, in sentences worded apart from the
corpora."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import GREEN, Run, check_one, problem_kinds
from roa_evidence.draftcheck import numbers

# A past pass's cases: the README's test command and CI run them, the inner loop does not.
pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "sentence",
    [
        "Eighteen adults had the intramuscular shot in that study.",
        "The jab went to eighteen adults in all.",
    ],
)
def test_a_trials_size_points_to_the_claim_that_states_it(
    shipped: Run, tmp_path: Path, sentence: str
) -> None:
    finding = check_one(shipped, tmp_path, sentence)
    assert finding["claim"] == "im-study-18-subjects", finding
    assert not problem_kinds(finding), finding["problems"]


def test_a_size_on_another_route_is_not_that_trials(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(shipped, tmp_path, "Eighteen patients had IV ketamine at our unit.")
    assert finding["claim"] != "im-study-18-subjects", finding


def test_one_as_a_pronoun_counts_nobody(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(shipped, tmp_path, "That is one my students raise every single year.")
    assert "unsourced" not in problem_kinds(finding), finding
    assert numbers.quantities("one of the patients was sick") == []


def test_hundreds_in_words_are_read() -> None:
    [found] = numbers.quantities("Three hundred patients were treated at the clinic.")
    assert (found.low, found.dimension) == (300.0, "participants")


def test_open_label_repeats_not_double_blind(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(shipped, tmp_path, "The Chilukuri study was an open-label one.")
    assert finding["claim"] == "im-study-not-double-blind", finding
    assert "opposite" not in problem_kinds(finding), finding["problems"]
    assert finding["parts"].get("design") == "agrees", finding["parts"]
    denied = check_one(shipped, tmp_path, "The Chilukuri study was not open-label.")
    assert "opposite" in problem_kinds(denied), denied


def test_open_label_without_blinding_is_one_denial(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped, tmp_path, "The Chilukuri team ran an open-label trial without any blinding."
    )
    assert "opposite" not in problem_kinds(finding), finding


def test_rather_than_a_route_denies_the_comparison_with_it(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "The Lapidus trial set the nasal spray against saline rather than against an "
        "infusion [@lapidus2014randomized].",
    )
    assert finding["claim"] == "in-no-head-to-head-vs-iv", finding
    assert not {"opposite", "cited-against"} & problem_kinds(finding), finding["problems"]
    compared = check_one(
        shipped,
        tmp_path,
        "The Lapidus trial set the nasal spray against an infusion [@lapidus2014randomized].",
    )
    assert "opposite" in problem_kinds(compared), compared


@pytest.mark.parametrize(
    "sentence",
    [
        "In truth ketamine activates the NMDA receptor.",
        "Ketamine turns the NMDA receptors on, and that is how it works.",
    ],
)
def test_a_receptor_stimulated_is_not_antagonised(
    shipped: Run, tmp_path: Path, sentence: str
) -> None:
    finding = check_one(shipped, tmp_path, sentence)
    assert finding["claim"] == "nmda-receptor-target", finding
    assert "opposite" in problem_kinds(finding), finding["problems"]


def test_a_receptor_blocked_is_antagonised(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(shipped, tmp_path, "Ketamine inhibits the NMDA receptor.")
    assert finding["claim"] == "nmda-receptor-target", finding
    assert "opposite" not in problem_kinds(finding), finding["problems"]


def test_who_was_blinded_says_the_design(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped, tmp_path, "As for Chilukuri, the patients and the assessors were blinded."
    )
    assert finding["claim"] == "im-study-not-double-blind", finding
    assert "opposite" in problem_kinds(finding), finding["problems"]


@pytest.mark.parametrize(
    ("text", "share"),
    [
        ("roughly one-fifth of the dose", 20.0),
        ("about four fifths of the dose", 80.0),
        ("nearly three-quarters of the patients", 75.0),
        ("pain fell by just about a third", 100 / 3),
        ("a tenth of the spray", 10.0),
    ],
)
def test_fractions_in_words_are_shares(text: str, share: float) -> None:
    assert [(q.low, q.dimension) for q in numbers.quantities(text)] == [(share, "percent")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Reportedly, three-quarters of an IM dose ends up in the blood.",
        # found in review, trying the checker as a writer: "about a third" had gone unread
        "IM bioavailability is about a third.",
        "The bioavailability of IM ketamine is one-third.",
    ],
)
def test_a_share_in_words_is_compared_with_the_claims(
    shipped: Run, tmp_path: Path, sentence: str
) -> None:
    finding = check_one(shipped, tmp_path, sentence)
    assert finding["claim"] == "im-bioavailability-93", finding
    assert "mismatch" in problem_kinds(finding), finding["problems"]


def test_a_range_of_fractions_is_one_share() -> None:
    found = numbers.quantities("a bioavailability of a quarter to a half of the dose")
    assert [(q.low, q.high) for q in found] == [(25.0, 50.0)]


def test_decades_are_a_time(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "IV ketamine has reportedly been studied for depression for five decades.",
    )
    assert finding["claim"] == "iv-studied-almost-20-years", finding
    assert "mismatch" in problem_kinds(finding), finding["problems"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Patient groups report that some Australian clinics give IM ketamine for depression.",
        "Patients tell us that IV ketamine gives more relief than a nasal spray.",
    ],
)
def test_what_patients_or_their_groups_report_is_attributed(
    shipped: Run, tmp_path: Path, sentence: str
) -> None:
    finding = check_one(shipped, tmp_path, sentence)
    assert finding["claim"] is not None, finding
    assert "overclaim" not in problem_kinds(finding), finding["problems"]


def test_a_value_stated_exactly_picks_its_claim_over_a_near_one(
    shipped: Run, tmp_path: Path
) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "IM bioavailability is said to be around 93 %, so not much is lost compared with IV.",
    )
    assert finding["claim"] == "im-bioavailability-93", finding
    # "so not much is lost" is a clause of its own: no negation of the 93 %
    assert "opposite" not in problem_kinds(finding), finding["problems"]


def test_the_view_that_x_is_incorrect_denies_x(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "The belief that IM ketamine has been studied in just one trial is mistaken.",
    )
    assert finding["claim"] == "im-study-virtually-nonexistent", finding
    assert "overclaim" not in problem_kinds(finding), finding["problems"]


def test_a_ranking_of_routes_is_no_paraphrase_of_a_claim_ranking_none(
    shipped: Run, tmp_path: Path
) -> None:
    finding = check_one(shipped, tmp_path, "Some say that suppositories work better than pills.")
    assert finding["claim"] is None, finding
    superlative = check_one(
        shipped,
        tmp_path,
        "Ketamine through a drip has had more research than any other route.",
    )
    assert superlative["claim"] == "iv-most-researched-route", superlative


def test_an_infusion_run_over_a_time_is_about_how_long(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "Those early studies ran each infusion over some forty minutes [@zarate2006randomized].",
    )
    assert finding["claim"] == "iv-infusion-over-40-60-min", finding
    assert "overclaim" not in problem_kinds(finding), finding["problems"]


def test_a_rate_measured_is_not_the_claims_word_for_it(shipped: Run, tmp_path: Path) -> None:
    """ "40 % vomited" against "minimal vomiting" (no value of its own, contradicted by a
    source's 26.3 %): a wrong number, but no assertion of "minimal"."""
    finding = check_one(
        shipped,
        tmp_path,
        "After IM ketamine, about 45 % of the children were sick on the way home.",
    )
    assert finding["claim"] == "im-minimal-vomiting", finding
    assert "mismatch" in problem_kinds(finding) and "overclaim" not in problem_kinds(finding)


def test_a_conversion_formula_is_what_the_claim_denies(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "A standard formula converts a nasal dose into an IV dose.",
    )
    assert finding["claim"] == "routes-not-interchangeable", finding
    assert "opposite" in problem_kinds(finding), finding["problems"]


def test_no_better_than_saline_is_not_effective(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "In the nasal trial, the drug did no better than the saline spray "
        "[@lapidus2014randomized].",
    )
    assert finding["claim"] == "in-may-be-effective-depression", finding
    assert {"opposite", "cited-against"} <= problem_kinds(finding), finding["problems"]


def test_a_rate_that_cannot_be_changed_cannot_be_adjusted(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "With intravenous ketamine the rate of an infusion cannot be altered once it starts.",
    )
    assert finding["claim"] == "iv-precise-dosing-close-monitoring", finding
    assert "opposite" in problem_kinds(finding), finding["problems"]


def test_what_comes_after_rather_than_is_set_aside(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped, tmp_path, "Ketamine works on the dopamine system rather than on NMDA receptors."
    )
    assert finding["claim"] == "nmda-receptor-target", finding
    assert "opposite" in problem_kinds(finding), finding["problems"]
    kept = check_one(
        shipped, tmp_path, "Ketamine blocks NMDA receptors rather than working on dopamine."
    )
    assert "opposite" not in problem_kinds(kept), kept


def test_an_attributed_comparison_is_not_unsourced(shipped: Run, tmp_path: Path) -> None:
    said = "Patients report that a lozenge under the tongue acts faster than a drip."
    assert "unsourced" not in problem_kinds(check_one(shipped, tmp_path, said))
    stated = "A lozenge under the tongue acts faster than a drip."
    assert "unsourced" in problem_kinds(check_one(shipped, tmp_path, stated))


def test_patients_who_feel_better_are_no_hedge(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped, tmp_path, "About three in four of our patients feel better after the course."
    )
    assert "unsourced" in problem_kinds(finding), finding


def test_effects_gone_within_a_time_are_not_a_failure(shipped: Run, tmp_path: Path) -> None:
    """ "gone within an hour" says how long effects last: it is no "not sustained" against a
    claim that they last 30-60 minutes."""
    finding = check_one(shipped, tmp_path, "IM ketamine's effects are gone within an hour.")
    assert "opposite" not in problem_kinds(finding), finding


def test_often_is_no_ranking_that_keeps_a_clause_from_being_read(
    shipped: Run, tmp_path: Path
) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "IM bioavailability is often given as about 93 %, but we found no human study behind "
        "it, so it is very uncertain.",
    )
    assert finding["claim"] == "im-bioavailability-93", finding
    assert "opposite" not in problem_kinds(finding), finding["problems"]


def test_a_claim_in_the_first_clause_is_found_past_a_consequence(
    shipped: Run, tmp_path: Path
) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "IV has been studied for depression for about 35 years, so it is the safer choice.",
    )
    assert finding["claim"] == "iv-studied-almost-20-years", finding
    assert "mismatch" in problem_kinds(finding), finding["problems"]
    assert finding["clause"].startswith("IV has been studied"), finding


def test_a_claim_found_in_one_clause_is_flipped_only_there(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "Reportedly, IM is simpler to give, since no cannula has to be kept in.",
    )
    assert "opposite" not in problem_kinds(finding), finding


def test_a_comparison_off_the_subject_is_not_unsourced(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(shipped, tmp_path, "The waiting room was more crowded than I had expected.")
    assert "unsourced" not in problem_kinds(finding), finding
    about = check_one(shipped, tmp_path, "A lozenge under the tongue acts faster than a drip.")
    assert "unsourced" in problem_kinds(about), about


def test_even_if_it_wears_off_concedes_and_does_not_flip(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "An IV infusion probably relieves depression quickly, even if the effect fades.",
    )
    assert finding["claim"] == "iv-effective-rapid-depression", finding
    assert "opposite" not in problem_kinds(finding), finding["problems"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Ketamine is an NMDA receptor antagonist that ultimately activates AMPA receptors.",
        "Given IV or IM, ketamine blocks NMDA receptors and switches on AMPA receptors.",
    ],
)
def test_another_receptor_stimulated_reverses_nothing(
    shipped: Run, tmp_path: Path, sentence: str
) -> None:
    assert "opposite" not in problem_kinds(check_one(shipped, tmp_path, sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "We gave IM ketamine rather than an infusion, and IM bioavailability of about 93 % "
        "made the dose easy.",
        "The idea that IV ketamine acts within seconds is widely taught, and the old chart "
        "that said otherwise was wrong.",
        "The Chilukuri study was open-label, and nobody was blinded.",
        "The Chilukuri study was open-label, not double-blind.",
    ],
)
def test_what_a_reversal_reaches_ends_with_its_clause(
    shipped: Run, tmp_path: Path, sentence: str
) -> None:
    assert "opposite" not in problem_kinds(check_one(shipped, tmp_path, sentence))


def test_a_first_clause_naming_one_route_of_a_comparison_matches_none(
    shipped: Run, tmp_path: Path
) -> None:
    finding = check_one(shipped, tmp_path, "IV ketamine is the safer choice, so it stays first.")
    assert finding["claim"] is None, finding


def test_what_patients_found_is_a_result_not_an_attribution(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "In our clinic, most patients found relief within 20 minutes of a lozenge.",
    )
    assert "unsourced" in problem_kinds(finding), finding


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("one hundred and eighteen subjects", 118.0),
        ("two hundred fifty-five adults", 255.0),
        ("given on 3 occasions with patients", None),
    ],
)
def test_hundreds_and_their_parts_are_one_number(text: str, count: float | None) -> None:
    assert [q.low for q in numbers.quantities(text)] == ([count] if count else [])


def test_a_receptor_called_by_its_name_is_that_receptor(shipped: Run, tmp_path: Path) -> None:
    """Blind round 21's one green on a wrong sentence (the only sentence of that round read):
    "switches ON a receptor called NMDA" against the claim that ketamine antagonises it."""
    finding = check_one(
        shipped,
        tmp_path,
        "Ketamine turns on a receptor named NMDA, which starts brain growth [@yang2019molecular].",
    )
    assert finding["verdict"] not in GREEN, finding
    assert {"opposite", "cited-against"} <= problem_kinds(finding), finding["problems"]


def test_a_ranking_of_two_routes_is_not_a_claim_about_one(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped, tmp_path, "Held under the tongue, ketamine outperforms nasal spray for depression."
    )
    assert finding["claim"] is None, finding
    assert "unsourced" in problem_kinds(finding), finding["problems"]


def test_a_part_played_in_something_is_essential_to_it_or_not(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped, tmp_path, "A psychedelic trip plays no part in the therapeutic effect."
    )
    assert finding["claim"] == "psychedelic-effects-essential", finding
    assert "opposite" in problem_kinds(finding), finding["problems"]
    assert (
        check_one(shipped, tmp_path, "Coffee plays a central role in my mornings.")["claim"] is None
    )
