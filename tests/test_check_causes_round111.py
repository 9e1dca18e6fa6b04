"""`check` on the general causes behind the false alarms of rounds 79-110, read again in
the twentieth pass (docs/check.md). Through the CLI on a real draft and the shipped base, in
sentences worded apart from the rounds'. Each case names the rule that finds it."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Run, check_one, found_test

# A past pass's cases: the README's test command and CI run them, the inner loop does not.
pytestmark = pytest.mark.slow

FOUND_WITH_PROBLEM = [
    pytest.param(
        "A shot into the thigh, which is easier for the nurse to give because nobody has to "
        "find a vein, is what our clinic prefers.",
        "im-simpler-to-administer",
        "overclaim",
        id="a_ranking_without_than_is_read_in_its_own_clause_not_its_reason",
    ),
    pytest.param(
        "Please don't worry if your blood pressure is taken often, since an infusion may push "
        "it up briefly.",
        "iv-transient-blood-pressure-rise",
        "overclaim",
        id="reassuring_the_reader_negates_nothing",
    ),
]

FOUND_WITH_PROBLEM += [
    pytest.param(
        "Nasal uptake reportedly lies between a quarter and a half "
        "[@pharmacotherapy2022intranasal].",
        "in-bioavailability-25-50",
        "cited-against",
        id="a_range_of_shares_ending_the_clause_is_read",
    ),
]

FOUND_WITHOUT_PROBLEM = [
    pytest.param(
        "A ketamine drip probably brings quick relief from depression, and we do not think its "
        "price should stand in the way.",
        "iv-effective-rapid-depression",
        "opposite",
        id="the_writers_own_clause_after_and_we_is_a_clause_apart",
    ),
    pytest.param(
        "Taken by mouth, only a small part of the drug may ever reach the circulation "
        "[@yanagihara2003plasma].",
        "oral-bioavailability-low",
        "overclaim",
        id="a_share_in_words_is_the_claim_without_a_figure_not_the_16_percent_one",
    ),
    pytest.param(
        "A shot into the thigh, which is easier for the nurse to give because nobody has to "
        "find a vein, is what our clinic prefers.",
        "im-simpler-to-administer",
        "opposite",
        id="a_negation_in_the_rankings_reason_does_not_flip_it",
    ),
    pytest.param(
        "That trial was not the only evidence on the jab: a placebo-controlled pilot also "
        "tested intramuscular ketamine in depression [@loo2016placebo].",
        "im-study-virtually-nonexistent",
        "overclaim",
        id="not_the_only_evidence_and_a_pilot_that_also_tested_it_count_several_studies",
    ),
    pytest.param(
        "Evidence on injections is sparse, though not a single study as often said: an "
        "open-label trial and a crossover pilot both gave it [@loo2016placebo].",
        "im-study-virtually-nonexistent",
        "overclaim",
        id="not_a_single_study_is_no_count_of_one",
    ),
    pytest.param(
        "Members of our support group say a jab peaks faster and harder than a drip.",
        "im-peaks-faster-than-iv",
        "overclaim",
        id="members_of_a_group_say_is_hearsay_passed_on",
    ),
    pytest.param(
        "It's reported that staff can stop a drip the moment something goes wrong.",
        "iv-instant-shut-off",
        "overclaim",
        id="its_reported_that_hedges_like_it_has_been_reported",
    ),
    pytest.param(
        "For adults whose illness has not improved on two antidepressants, a ketamine infusion "
        "probably brings relief within hours.",
        "iv-effective-rapid-depression",
        "opposite",
        id="whose_illness_has_not_improved_says_who_it_is_for",
    ),
    pytest.param(
        "Please don't buy ketamine from a dealer, as it has been reported that some street "
        "samples hold no ketamine at all.",
        "street-ketamine-zero-ketamine",
        "opposite",
        id="advice_not_to_buy_is_no_negation_of_its_reason",
    ),
    pytest.param(
        "A bioavailability of about 93 % is widely quoted for intramuscular ketamine.",
        "im-bioavailability-93",
        "overclaim",
        id="a_widely_quoted_figure_is_passed_on_not_vouched_for",
    ),
    pytest.param(
        "A poster in the waiting room keeps claiming that IM bioavailability is 93 %, a number "
        "no one has traced to a human study.",
        "im-bioavailability-93",
        "opposite",
        id="claiming_that_passes_the_figure_on_and_its_doubt_is_no_denial",
    ),
    pytest.param(
        "Only five patients got the jab in that pilot, too few to tell whether it works as well "
        "as an infusion [@loo2016placebo].",
        "im-as-effective-as-iv-depression",
        "overclaim",
        id="too_few_to_tell_whether_is_very_uncertain",
    ),
]

test_the_claim_is_found_and_the_problem_read_right = found_test(
    FOUND_WITH_PROBLEM, FOUND_WITHOUT_PROBLEM
)


@pytest.mark.parametrize(
    "sentence",
    [
        "Patients on the Indian study's injection arm reportedly described the experience as "
        "pleasant [@chilukuri2014acute].",
        "The Indian trial was small and tells us little about long courses of injections "
        "[@chilukuri2014acute].",
    ],
    ids=["an_aside_about_the_trial", "a_judgement_of_the_trial"],
)
def test_a_citation_worded_only_near_its_claim_never_vouches(
    shipped: Run, tmp_path: Path, sentence: str
) -> None:
    """The cited work bears on a confirmed claim, but the sentence says something else of it:
    it is shown as a loose match, with why, never as `confirmed`."""
    finding = check_one(shipped, tmp_path, sentence)
    assert finding["verdict"] == "loose-match", finding
    assert "cited, but worded only near it" in finding["loose"], finding


def test_what_viewers_often_tell_us_is_attributed_not_unsourced(
    shipped: Run, tmp_path: Path
) -> None:
    """A comparison passed on from an audience, with an adverb between them and the verb."""
    sentence = "Viewers often tell us an infusion feels gentler and more gradual than other routes."
    assert check_one(shipped, tmp_path, sentence)["verdict"] != "unsourced"


def test_a_route_ranked_against_a_dummy_ranks_no_routes(shipped: Run, tmp_path: Path) -> None:
    """ "Beat a salt-water spray" is a trial against placebo, not IV against the spray."""
    sentence = (
        "The spray beat a salt-water spray in a small crossover trial, so it might help "
        "[@lapidus2014randomized]."
    )
    finding = check_one(shipped, tmp_path, sentence)
    assert "opposite" not in {p["kind"] for p in finding["problems"]}, finding


def test_a_count_is_checked_against_the_cited_claim_that_counts(
    shipped: Run, tmp_path: Path
) -> None:
    """The sentence matches the claim about where the trial ran; its count of IM patients is
    another claim's on the same cited work, and wrong."""
    sentence = (
        "The Indian trial, run at one hospital, gave the muscle injection to only 10 people "
        "[@chilukuri2014acute]."
    )
    finding = check_one(shipped, tmp_path, sentence)
    mismatches = [p["detail"] for p in finding["problems"] if p["kind"] == "mismatch"]
    assert mismatches and "im-study-18-subjects" in mismatches[0], finding
    assert "cited-against" in {p["kind"] for p in finding["problems"]}, finding


def test_a_call_for_research_states_no_finding(shipped: Run, tmp_path: Path) -> None:
    """What is needed is not what was found: no flip of the claim it names, nothing unsourced."""
    sentence = (
        "Head-to-head studies with blinded raters are still needed before the spray can be "
        "ranked against a drip."
    )
    finding = check_one(shipped, tmp_path, sentence)
    assert not finding["problems"], finding
