"""`check` on the general causes behind the false alarms and misses of rounds 185-188, read in
the twenty-eighth pass (docs/check.md). Through the CLI on a real draft and the shipped base,
in sentences worded apart from the rounds'; a reading alone (a hedge, a plan, a number that
is no finding) through the function that reads it. Each case names the rule that finds it."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Run, check_one, found_test, hearsay_test, reviewed_test
from roa_evidence.draftcheck import framing, unchecked

FOUND_WITH_PROBLEM = [
    # lay words for vomiting, and for a dose that cannot be stopped
    pytest.param(
        "Kids rarely get sick to their stomach after the jab.",
        "im-minimal-vomiting",
        "overclaim",
        id="sick_to_their_stomach_is_vomiting",
    ),
    pytest.param(
        "Children seldom puke after a shot of ketamine.",
        "im-minimal-vomiting",
        "overclaim",
        id="puking_is_vomiting",
    ),
    pytest.param(
        "There's no undoing a jab once it has been given.",
        "non-iv-cannot-be-stopped",
        "overclaim",
        id="no_undoing_a_jab_is_no_stopping_it",
    ),
    pytest.param(
        "You can't switch off a shot once it's in your arm.",
        "non-iv-cannot-be-stopped",
        "overclaim",
        id="a_shot_that_cannot_be_switched_off_cannot_be_stopped",
    ),
    pytest.param(
        "Once the jab is in, there is no way to stop it working.",
        "non-iv-cannot-be-stopped",
        "overclaim",
        id="no_way_to_stop_it_working_is_read_whole_not_as_an_effect_that_faded",
    ),
]

test_each_cause_is_read = found_test(FOUND_WITH_PROBLEM, [])

test_what_is_passed_on = hearsay_test(
    [
        "Among the members who have tried several routes, most report that the drip gave "
        "the best relief.",
        "By patients' accounts, the spray can work out cheaper than the drip.",
        "People who have done both keep telling me the drip gives longer relief than the spray.",
        "Side effects for me were mild and gone by the evening.",
        "The 84 % figure for a swallowed dose is on every site, and no source I could "
        "find gives it.",
        # a claim passed on and answered with the evidence (`hedging.answers_a_claim`)
        "The brochure says a shot delivers about 93 % of the dose to the blood, but I could not "
        "trace that figure to any human study.",
        "A figure of a quarter to a half is usually quoted for the spray, but a more recent "
        "study measured far less.",
    ],
    asserted=[
        "The brochure says a shot delivers about 93 % of the dose to the blood, and patients "
        "love it.",
        "A shot delivers about 93 % of the dose to the blood, but the drip delivers all of it.",
        "Most studies report that a shot acts within minutes.",
        "A shot has no first-pass loss, so about 93 % of it reaches the blood.",
        # (a second reader's: a doubt of something else than a figure hedges nothing)
        "IM ketamine is as effective as IV for depression, and the worry that it isn't has no "
        "real basis.",
        "The IM protocol is copied from anaesthesia, and IM ketamine takes effect in 1-2 minutes.",
        # (a second reader's: an assertion with a reason, a conclusion "for me", studies
        # reporting, an endorsement no study disputes, "States" as a place)
        "As my colleague said, IM ketamine takes effect within 1-2 minutes, since a small study "
        "clocked it.",
        "In the United States, IM ketamine is cheaper than IV, since it needs far less staff time.",
        "The key finding for me was that IM ketamine is as effective as IV for depression.",
        "Of the six trials we reviewed, most report that IM ketamine is as effective as IV.",
        "IV is the gold standard of ketamine therapy, and no study I could find says otherwise.",
        # a clinician's experience asserts (rounds 15-133 label it so)
        "In my experience the spray works within minutes.",
    ],
)

test_what_is_denied_or_passed_over = reviewed_test(
    [
        # a claim quoted and struck out, with the evidence against it cited: a denial
        (
            "'Only an infusion lets you control the rate' has to go, because pumps ran "
            "ketamine under the skin for days [@hardy2012randomized].",
            None,
            "cited-against",
        ),
        # a multiple-choice question's wrong option is not what the writer asserts
        (
            "Distractor B, that the nasal spray has no antidepressant effect, ignores the "
            "pooled trials [@an2021intranasal].",
            None,
            "opposite",
        ),
        (
            "Distractor B, that the nasal spray has no antidepressant effect, ignores the "
            "pooled trials [@an2021intranasal].",
            None,
            "cited-against",
        ),
        # a figure passed on and answered by the work cited: the work is the answer's
        (
            "The share usually quoted for a spray is a quarter to a half, but a more recent "
            "study measured far less [@pharmacotherapy2022intranasal].",
            None,
            "cited-against",
        ),
        # ...one called odd on the spot, with the evidence cited against it
        (
            "He maintains that only a drip lets anyone control the pace, an odd claim given "
            "that pumps have run ketamine under the skin for days [@hardy2012randomized].",
            None,
            "cited-against",
        ),
        # ...and someone's line that "is also wrong"
        (
            "Their line that only one injection study of depression exists is also wrong: a "
            "double-blind pilot gave five patients the jab [@loo2016placebo].",
            None,
            "overclaim",
        ),
        # a contrast with a subject of its own is a clause apart: its "not" is its own
        (
            "Many clinicians reportedly call the drip the gold standard, but popularity is not "
            "evidence.",
            None,
            "opposite",
        ),
        # ...while "but it is not" still denies the clause before it
        ("The drip is reportedly the gold standard, but it is not.", "opposite", None),
        # a list of routes repeats no claim about one or two of them (`listing`)...
        (
            "Ketamine can be given into a vein, into a muscle, as a nasal spray or as a lozenge.",
            None,
            "overclaim",
        ),
        # ...while one route ranked against the others still does
        (
            "HOST: Despite the attention infusions get, the drip has been studied less than the "
            "spray or the shot.",
            "opposite",
            None,
        ),
        # a work on another condition (a pain review) cited for a claim on depression, in a
        # sentence naming no condition: the claim's condition is the sentence's
        (
            "People who have had both say the drip helps them more, and for longer, than the "
            "spray [@orhurhu2019ketamine].",
            "cited-against",
            None,
        ),
        # ...nor does "should go home" in a view held
        (
            "Clinics hold the view that IV patients should go home with someone, as effects "
            "linger after treatment.",
            None,
            "opposite",
        ),
        # a study's blinding said of the work cited, as the base records it: that work, not
        # the claim about another study (`described`)
        (
            "Loo and colleagues gave ketamine into a vein, a muscle and under the skin, "
            "double-blind, to a handful of patients each [@loo2016placebo].",
            None,
            "opposite",
        ),
        # ...also where only its count would find the claim ("five" against the 18 of
        # another study's claim: `valued.by_value` asks the same question)
        (
            "A small double-blind trial gave the jab to five patients [@loo2016placebo].",
            None,
            "mismatch",
        ),
        # ...while a design the cited work does not have is still held against it
        (
            "That trial was open-label, so nobody was blind to the route [@orhurhu2019ketamine].",
            "cited-against",
            None,
        ),
        # (a second reader's: a figure of the writer's own after the answer is still held to
        # the work cited; a study described as the claim's, or with unclear blinding, is the
        # claim's)
        (
            "Some claim the spray is unreliable, but a small study found intranasal "
            "bioavailability is 25-50 % [@pharmacotherapy2022intranasal].",
            "cited-against",
            None,
        ),
        ("The IM depression study was double-blind [@malinovsky1996ketamine].", "opposite", None),
        (
            "The IM depression study was not double-blind [@roback2006randomized].",
            "cited-against",
            None,
        ),
        # ...while "must go" said of something else denies nothing
        (
            "'Only an infusion lets you control the rate', the leaflet says, and the old pumps "
            "must go.",
            "overclaim",
            None,
        ),
    ]
)


@pytest.mark.parametrize(
    ("sentence", "plans"),
    [
        (
            "We ask the panel to fund infusion for people whose depression has not lifted.",
            True,
        ),
        ("We urge the board to approve the spray for outpatients.", True),
        ("We ask because the infusion works fast for depression.", False),
        # a request with its reason asserts the reason
        (
            "We ask the panel to fund the spray, because intranasal ketamine is cheaper than a drip.",
            False,
        ),
    ],
)
def test_a_request_states_no_finding(sentence: str, plans: bool) -> None:
    assert bool(framing.PLANS.search(sentence)) is plans


@pytest.mark.parametrize(
    ("sentence", "unsourced"),
    [
        ("Scenario 3B: a nasal spray for depression in a day unit.", False),
        ("On the infusions I feel more like myself than I have in years.", False),
        # a story's time, a class year
        ("It has been two months since Dad started ketamine sprays for his depression.", False),
        ("Dr. Okafor ('09) first gave ketamine by injection as a junior doctor.", False),
        # (a second reader's: a dated fact, and a ranking whose only "than" is "other than")
        ("It has been five years since esketamine spray was approved for depression.", True),
        ("Every route other than the drip leaves patients more nauseous.", True),
        ("It has been shown that a spray costs 40 % less than the drip.", True),
        # the same shapes stating a finding are still unsourced
        ("Scenario planning shows a nasal spray costs 40 % less than a drip.", True),
        ("The drip works better than the spray does for most people.", True),
        ("Patients on the drip felt better than they had on oral ketamine.", True),
    ],
)
def test_numbering_and_a_person_against_their_past_are_no_finding(
    sentence: str, unsourced: bool
) -> None:
    assert unchecked.unsourced(sentence) is unsourced


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        ("Lecture 2: the speed of an injection into the thigh.", True),
        ("Week 3: nasal sprays, the liver and first-pass loss.", True),
        ("Agenda Item 6: request to add ketamine by spray for depression.", True),
        # a verb after the label: a finding, numbered
        ("Session 4: a spray reaches the blood within minutes.", False),
        ("Slide 9: nearly all of the people in those trials got it by drip.", False),
        ("Slide 2: the benefit held for about a fortnight.", False),
        # a figure, a ranking or a likeness in a note is a finding
        ("Topic 1: IV as the gold standard of ketamine therapy.", False),
        ("Case 2: IM ketamine cheaper than IV for the patient.", False),
        # no number: "Background:" is no numbered part
        ("Background: the speed of an injection into the thigh.", False),
    ],
)
def test_a_numbered_parts_title_asserts_nothing(sentence: str, title: bool) -> None:
    assert framing.titles(sentence) is title


@pytest.mark.parametrize(
    ("sentence", "open_question"),
    [
        ("So whether a jab is gentler on the stomach than a drip remains very uncertain.", True),
        ("Whether raising the oral dose makes up for the liver's share is unclear.", True),
        # "whether" that is no question left open
        (
            "IV ketamine does not act on NMDA receptors, whether given fast or slow, and what it "
            "does act on is unclear.",
            False,
        ),
        ("The drip is gentler, whether or not it is given slowly.", False),
    ],
)
def test_whether_x_remains_uncertain_takes_no_side(sentence: str, open_question: bool) -> None:
    assert bool(framing.OPEN_QUESTION.search(sentence)) is open_question


def test_a_plan_listing_routes_is_shown_its_claim(shipped: Run, tmp_path: Path) -> None:
    """A list of routes matches no claim (`listing`), but a piece of writing saying what it
    will compare is a plan: shown the claim it is about, stating no finding."""
    finding = check_one(
        shipped,
        tmp_path,
        "This guide compares intravenous and intramuscular ketamine for depression, with a note "
        "on nasal sprays.",
    )
    assert finding["claim"] is not None
    assert not finding["problems"]
