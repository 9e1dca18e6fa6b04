"""`check` on the general causes behind the misses of rounds 173-180, read in the
twenty-sixth pass (docs/check.md). Through the CLI on a real draft and the shipped base, in
sentences worded apart from the rounds'; a reading alone (a speaker's label, a condition)
through the function that reads it. Each case names the rule that finds it."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Run, check_one, found_test, hearsay_test, reviewed_test
from roa_evidence.draftcheck import parts
from roa_evidence.draftcheck.polarity import opposite
from roa_evidence.draftcheck.reading import speaker, split_sentences

FOUND_WITH_PROBLEM = [
    pytest.param(
        "Breathing is not touched by either route.",
        "no-respiratory-depression",
        "overclaim",
        id="either_route_is_the_subject_as_a_route_named_is",
    ),
    pytest.param(
        "kat_r_88: Whichever way it is given, breathing carries on untouched.",
        "no-respiratory-depression",
        "overclaim",
        id="a_forum_handle_is_a_speaker_label",
    ),
    pytest.param(
        "A jab in the arm can't be recalled once it is given, nor slowed.",
        "non-iv-cannot-be-stopped",
        "overclaim",
        id="a_dose_that_cannot_be_recalled_cannot_be_stopped",
    ),
    pytest.param(
        "A nasal spray reportedly gets some 80 % absorbed [@pharmacotherapy2022intranasal].",
        "in-bioavailability-25-50",
        "mismatch",
        id="a_share_no_source_gives_is_the_share_claims_mismatch",
    ),
    pytest.param(
        "DR. KHAN: Given as tablets, around 60 % of the dose reportedly gets into the blood "
        "[@chong2006bioavailability].",
        "oral-bioavailability-16",
        "cited-against",
        id="a_title_in_capitals_does_not_end_the_sentence",
    ),
    pytest.param(
        "The antidepressant effect of ketamine does not hinge on how fast it gets to the brain.",
        "rate-determines-antidepressant-effect",
        "opposite",
        id="a_claim_standing_20_ahead_of_the_next_is_the_paraphrase",
    ),
    pytest.param(
        "At the meeting Jo said the nasal spray does nothing for depression, and no one objected.",
        "in-may-be-effective-depression",
        "opposite",
        id="no_one_objecting_lets_what_was_said_stand",
    ),
    pytest.param(
        "It acts on the NMDA receptor in the brain, turning it on to calm things down.",
        "nmda-receptor-target",
        "opposite",
        id="acting_on_a_receptor_by_turning_it_on_is_an_agonist",
    ),
    pytest.param(
        "We did not offer the spray, as the evidence suggests it probably does nothing for "
        "depression [@an2021intranasal].",
        "in-may-be-effective-depression",
        "opposite",
        id="a_reason_after_comma_as_is_a_clause_of_its_own",
    ),
    pytest.param(
        "Believe it or not, the spray has far more research behind it than the drip.",
        "iv-most-researched-route",
        "opposite",
        id="more_research_behind_another_route_than_the_drip",
    ),
    pytest.param(
        "To be fair, infusions have been studied less than the jab.",
        "iv-most-researched-route",
        "opposite",
        id="the_drip_studied_less_than_another_route",
    ),
    pytest.param(
        "The shot has been studied much more than the drip, by most counts.",
        "iv-most-researched-route",
        "opposite",
        id="another_route_studied_much_more_than_the_drip",
    ),
    pytest.param(
        "Our protocol copies the early trials, which infused 0.5 mg/kg over 20 minutes "
        "[@zarate2006randomized].",
        "iv-infusion-over-40-60-min",
        "cited-against",
        id="a_time_the_cited_works_claim_knows_nothing_of_is_the_timed_claims",
    ),
    pytest.param(
        "And so the whole dose of ketamine gets to your brain.",
        "iv-entire-dose-reaches-brain",
        "overclaim",
        id="the_whole_dose_in_the_brain_is_the_topic_of_one_claim",
    ),
    pytest.param(
        "Oral bioavailability sits at about 45 % because of extensive first-pass metabolism "
        "[@yanagihara2003plasma].",
        "oral-bioavailability-16",
        "cited-against",
        id="a_share_no_source_gives_decides_against_the_words_of_the_qualitative_claim",
    ),
    pytest.param(
        "Jabs, believe it or not, have been studied more than drips.",
        "iv-most-researched-route",
        "opposite",
        id="studied_more_than_drips_plural",
    ),
    pytest.param(
        "The nasal spray has by now been studied every bit as thoroughly as infusions.",
        "iv-most-researched-route",
        "opposite",
        id="studied_as_thoroughly_as_the_drip",
    ),
    pytest.param(
        "Shots have drawn more research interest than the drip in recent years.",
        "iv-most-researched-route",
        "opposite",
        id="more_research_interest_than_the_drip",
    ),
]

FOUND_WITHOUT_PROBLEM = [
    pytest.param(
        "It has been argued that a dose in the muscle cannot be undone once it is given.",
        "non-iv-cannot-be-stopped",
        "overclaim",
        id="it_has_been_argued_passes_it_on",
    ),
]

test_each_cause_is_read = found_test(FOUND_WITH_PROBLEM, FOUND_WITHOUT_PROBLEM)

test_what_is_passed_on = hearsay_test(
    [
        "It has been argued that the spray is cheaper than a drip.",
        "It has been contended that IM works as well as IV.",
    ],
    ["I have argued that the spray is cheaper than a drip."],
)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("u/ember_and_ash: The spray", "u/ember_and_ash: "),
        ("Dr. Osei: The spray", "Dr. Osei: "),
        ("DR M LIN: The spray", "DR M LIN: "),
        ("nurse42: The spray", "nurse42: "),
        ("Note: The spray", ""),
        ("Figure 3.1: The spray", ""),
    ],
)
def test_speaker_labels_of_forums_and_titles(text: str, label: str) -> None:
    assert speaker(text) == label


def test_depressing_breathing_is_no_depression() -> None:
    assert not parts.read_parts("Ketamine does not depress respiration.").conditions
    assert parts.read_parts("Ketamine may help depressed patients.").conditions == {"depression"}


def test_a_title_in_capitals_is_no_sentence_end() -> None:
    found = [s.text for s in split_sentences("We met. DR. KHAN: We push it over ten minutes.")]
    assert found == ["We met.", "DR. KHAN: We push it over ten minutes."]


IV_BP = "IV ketamine may cause transient increases in blood pressure."
IV_TRANSPORT = (
    "After IV treatment patients sometimes need to arrange transport because of lingering effects."
)


def test_a_one_word_denial_is_said_of_the_words_just_before_it() -> None:
    """ "make driving unsafe" denies that driving is safe, not the lingering effects said
    earlier in its clause; "leaves blood pressure untouched" denies what it says of it."""
    sentence = "Lingering effects after a drip can make the drive home unsafe, so book a taxi."
    assert opposite(sentence, IV_TRANSPORT) is None
    assert opposite("An infusion leaves your blood pressure quite untouched.", IV_BP)


def test_swallowing_is_the_oral_route() -> None:
    assert parts.read_parts("If you swallow it, the liver takes most of it.").routes == {"oral"}


# (sentence, kind reported or None, kind not reported or None)
test_what_states_no_finding = reviewed_test(
    [
        # an app's numbered screen is numbering, not a figure
        (
            "Screen 3 - Pick the route you use: a drip, a jab or a spray, and we will do the rest.",
            None,
            "unsourced",
        ),
        # a dispute reported asserts neither side
        (
            "Doctors are split over whether a shot works as well as a drip for depression.",
            None,
            "overclaim",
        ),
    ]
)


def test_a_doubtful_flip_leaves_the_hedging_judged(shipped: Run, tmp_path: Path) -> None:
    """A flip read from negations alone ('well absorbed' read as 'not poorly absorbed'
    against 93 %) and set apart as doubtful does not spare the sentence its overclaim;
    where the flip is reported, the overclaim is not (a contrary is no assertion)."""
    sentence = (
        "Given as a jab, the drug is well absorbed, with about 93 % of it reaching the blood."
    )
    doubted = check_one(shipped, tmp_path, sentence, min_confidence="0.5")
    assert [p["kind"] for p in doubted["problems"]] == ["overclaim"]
    assert [p["kind"] for p in doubted["doubtful"]] == ["opposite"]
    reported = check_one(shipped, tmp_path, sentence)
    assert [p["kind"] for p in reported["problems"]] == ["opposite"]
