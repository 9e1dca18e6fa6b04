"""`check` on the general causes behind the false alarms and misses of rounds 189-196, and of
rounds 165-188 that weights learned without them let through, read in the twenty-ninth pass
(docs/check.md). In sentences worded apart from the rounds'; a reading alone (a hedge, a
label's number, a reply's label) through the function that reads it, a finding through the
CLI on a real draft and the shipped base."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Run, check_one, found_test, hearsay_test, reviewed_test
from roa_evidence.draftcheck import framing, parts, reading, unchecked
from roa_evidence.draftcheck.routes import routes_meant

FOUND_WITH_PROBLEM = [
    # a drip that cannot be stopped partway is one that cannot be shut off
    pytest.param(
        "Once the bag is hung, a drip can't be halted partway.",
        "iv-instant-shut-off",
        "opposite",
        id="a_drip_not_stopped_partway_is_not_shut_off",
    ),
    # a receptor named for a lay reader
    pytest.param(
        "Staff say the medicine acts by turning on what are known as NMDA receptors.",
        "nmda-receptor-target",
        "opposite",
        id="turning_on_what_are_known_as_nmda_receptors_stimulates_them",
    ),
    # a concentration in words, and a swallowed dose said to be well absorbed
    pytest.param(
        "Sprays at the clinic come in strengths of 10 to 15 mg per millilitre.",
        "in-concentration-50-200",
        "mismatch",
        id="mg_per_millilitre_is_a_concentration",
    ),
    pytest.param(
        "A tablet gets into your blood just fine, with barely any lost to the liver.",
        "oral-bioavailability-low",
        "opposite",
        id="into_the_blood_just_fine_is_well_absorbed",
    ),
    pytest.param(
        "Honestly, the liver hardly touches an oral dose.",
        "oral-bioavailability-low",
        "opposite",
        id="the_liver_hardly_touching_a_dose_is_no_first_pass",
    ),
    # what the drug does at a receptor is the receptor claim's, though glutamate is named
    pytest.param(
        "Put simply, ketamine is an NMDA agonist, and that is why glutamate activity climbs.",
        "nmda-receptor-target",
        "opposite",
        id="an_nmda_agonist_is_the_receptor_claims_though_glutamate_is_named",
    ),
    # a dose said to be known, against the claim that there is no way to know it
    pytest.param(
        "A clinic spray delivers a reliable, known dose each time.",
        "in-dose-unknown",
        "opposite",
        id="a_known_dose_is_a_way_to_know_it",
    ),
    # "just like with a tablet": a route brought in as a likeness, not a subject
    pytest.param(
        "Even on a drip, the dose is broken down by the liver first, just like with a tablet.",
        "iv-no-first-pass",
        "opposite",
        id="just_like_with_a_tablet_is_a_likeness",
    ),
]

FOUND_WITHOUT_PROBLEM = [
    # a drip's running time, in a prescriber's words and a patient's
    pytest.param(
        "Our protocol is 0.5 mg/kg by drip over 45 min.",
        "iv-infusion-over-40-60-min",
        "mismatch",
        id="mg_per_kg_by_drip_over_45_min_is_the_infusion_time",
    ),
    pytest.param(
        "The medicine is running in over roughly fifty minutes.",
        "iv-infusion-over-40-60-min",
        "mismatch",
        id="running_in_over_fifty_minutes_is_infused_over_them",
    ),
]
FOUND_WITHOUT_PROBLEM += [
    pytest.param(
        "In the early trials ketamine was infused at 0.5 mg/kg over 45 minutes.",
        "iv-infusion-over-40-60-min",
        "overclaim",
        id="infused_at_a_dose_over_45_minutes_is_the_infusion_time",
    ),
    pytest.param(
        "Usual protocol: 0.5 mg/kg IV over 50 minutes.",
        "iv-infusion-over-40-60-min",
        "overclaim",
        id="a_dose_iv_over_50_minutes_is_the_infusion_time",
    ),
    pytest.param(
        "The medicine is dripped into a vein gradually, over about 45 minutes.",
        "iv-infusion-over-40-60-min",
        "overclaim",
        id="dripped_into_a_vein_over_45_minutes_is_the_infusion_time",
    ),
    # available to the body: bioavailable, which says nothing of the brain
    pytest.param(
        "Put into a vein, every last milligram is available to the body.",
        "iv-bioavailability-100",
        "overclaim",
        id="available_to_the_body_is_bioavailable",
    ),
]
FOUND_WITH_PROBLEM.append(
    pytest.param(
        "The usual order is 0.5 mg/kg on the pump over 5 min.",
        "iv-infusion-over-40-60-min",
        "mismatch",
        id="mg_per_kg_on_the_pump_over_5_min_is_not_the_infusion_time",
    )
)

test_each_cause_is_read = found_test(FOUND_WITH_PROBLEM, FOUND_WITHOUT_PROBLEM)


@pytest.mark.parametrize(
    ("text", "routes"),
    [
        # one article for two lay nouns
        ("a nasal spray or tablet dose", {"IN", "oral"}),
        ("a drip or capsule", {"IV", "oral"}),
        ("the spray or pill form", {"IN", "oral"}),
        # (a second reader's: "and" joins things, not choices; a noun going on is no route)
        ("a drip and muscle relaxants", {"IV"}),
        ("a nasal spray and drink in your system", {"IN"}),
        # a noun that is no route's, and a route's noun without a route before it
        ("a nasal spray or saline", {"IN"}),
        ("food or tablet", set()),
    ],
)
def test_a_shared_article_names_both_routes(text: str, routes: set[str]) -> None:
    assert routes_meant(text) == routes


test_what_is_passed_on = hearsay_test(
    [
        # those who had it, describing it; the people just named, reporting
        "Patients of ours who had the injection describe a frightening, dreamlike trip.",
        "Several of my clients go to a nasal clinic, and they report that the spray feels gentler.",
        "The spray, from what our members say, wears off within the hour.",
        "She reports the jab worked within a few minutes.",
        "Patients do tell me the spray makes them dizzy.",
        # the writer's own hearsay, from no one named (a hedge, but no source: `unsourced`)
        "My psychiatrist offers the spray at home, and I gather a few others allow that too.",
        # a claim passed on and answered by what happened, or found to have no source
        "I felt dizzy all evening, even though the brochure said that rarely happens with a spray.",
        "The flyer states that absorption from a jab is 93 %, a figure the regulator found had "
        "no published source.",
        "The website said that a shot reaches the blood in seconds, a claim the clinic "
        "could not back up.",
        "Clinics quote a 20 % figure for tablets, but that number does not appear in the "
        "studies we checked.",
        "Staff quoted a spray bioavailability of 45 %, though no published human study could "
        "be found for it.",
    ],
    asserted=[
        "He reports to the clinical director that IM ketamine acts within minutes.",
        "They found that IM ketamine acts within minutes.",
        "In the trial, patients who had the injection reported less nausea.",
        "Even though the drip costs more, it gives the most relief.",
        # (a second reader's: research reported, the writer's own clause, "gather" as collect)
        "Dr Chilukuri ran the trial, and she reports that IM ketamine is as effective as IV "
        "ketamine for depression.",
        "From what the data say, oral ketamine has low bioavailability.",
        "Although the leaflet says otherwise, IM ketamine can cause tachycardia in some cases.",
        "Patients in a small randomized crossover trial report that IV ketamine takes effect "
        "faster than IM ketamine.",
        "I've heard both sides of the argument, and IV ketamine gives rapid relief of depression.",
        "As I gather more data in my own clinic, IM ketamine gives rapid relief of depression.",
        "The figure of 93 % is well established, a claim the evidence supports.",
    ],
)

test_what_is_not_negated = reviewed_test(
    [
        # not told of it: what she was not told stands
        (
            "The patient had not been warned that IM ketamine can cause intense side effects.",
            None,
            "opposite",
        ),
        ("IM ketamine does not cause intense side effects.", "opposite", None),
        # (a second reader's: "not told of any case" says none happened)
        (
            "In five years of giving IM ketamine, we have not been told of any case of "
            "tachycardia.",
            "opposite",
            None,
        ),
        # (a second reader's: "used IM rather than a drip" names the route given)
        (
            "The trial used IM injection rather than a drip, and IM ketamine gave effective, "
            "rapid relief of depression.",
            None,
            "opposite",
        ),
        # (a second reader's: shares of two routes are two facts)
        (
            "Oral ketamine has a bioavailability of about 16 %, and intranasal about 84 %.",
            "mismatch",
            None,
        ),
        (
            "The nasal trial compared the spray with a drip [@lapidus2014randomized].",
            "opposite",
            None,
        ),
        # a share and the rest of it, both stated: one fact from two sides; the claim's
        # share turned round alone stays a mismatch
        (
            "The 84 % lost from a tablet to the liver is just 100 minus the 16 % that gets "
            "through.",
            None,
            "mismatch",
        ),
        ("About 84 % of a swallowed dose reaches the blood.", "mismatch", None),
        # a second trial is not the tracked one
        (
            "A separate small study later gave the jab to a few patients under double-blind "
            "conditions.",
            None,
            "opposite",
        ),
    ]
)


@pytest.mark.parametrize(
    ("sentence", "unsourced"),
    [
        # a label's number: a call, a panel, a committee's question, a bulletin
        ("Call 2, Riverside Clinic, spoke with the pharmacist about the nasal program.", False),
        ("Q45 Chair: Welcome to the committee's session on ketamine services.", False),
        ("Panel 4, title card: the drip, the jab and the spray side by side.", False),
        ("Patient Safety Bulletin 7: ketamine by injection and by drip.", False),
        # "double-locked" doubles nothing
        ("Ketamine for the ward is kept in a double-locked cupboard by the drip stands.", False),
        # a figure is still a figure, and a doubling still ranks
        ("About 16, Or so the nurses counted, felt sick after the spray.", True),
        ("A shot of ketamine doubles the blood level that a spray gives.", True),
        ("Call 2 found the spray worked in 40 % of patients.", True),
        ("Approximately 30, Dr Lee says, felt sick after the IM injection.", True),
    ],
)
def test_a_labels_number_is_no_finding(sentence: str, unsourced: bool) -> None:
    assert unchecked.unsourced(sentence) is unsourced


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        ("Staff response: our standard drip runs for forty minutes.", "Staff response: "),
        ("Comment (Ward 3): I was sick after the jab.", "Comment (Ward 3): "),
        ("Clinic reply: the spray is not offered here.", "Clinic reply: "),
        # a bare "Response:" may head a finding
        ("Response: higher by drip than by spray.", ""),
        ("Response rates: about a third by spray.", ""),
        ("Treatment response: higher by drip than by spray.", ""),
    ],
)
def test_a_replys_label_is_who_speaks(sentence: str, label: str) -> None:
    assert reading.speaker(sentence) == label


@pytest.mark.parametrize(
    ("sentence", "open_question"),
    [
        ("There is no good evidence either way on whether a jab slows breathing.", True),
        ("Little data as to whether the spray raises blood pressure.", True),
        ("A jab does not slow breathing, and there is little evidence it raises pressure.", False),
    ],
)
def test_no_evidence_whether_x_takes_no_side(sentence: str, open_question: bool) -> None:
    assert bool(framing.OPEN_QUESTION.search(sentence)) is open_question


@pytest.mark.parametrize(
    "sentence",
    [
        "The nasal trial used saline as its control, not an IV infusion [@lapidus2014randomized].",
        "Lapidus used saline, not IV ketamine, as the comparator [@lapidus2014randomized].",
    ],
)
def test_what_a_trial_was_not_compared_with_restates_the_claim(
    shipped: Run, tmp_path: Path, sentence: str
) -> None:
    finding = check_one(shipped, tmp_path, sentence)
    assert (finding["claim"], finding["verdict"]) == ("in-no-head-to-head-vs-iv", "confirmed")


def test_hearsay_from_no_one_hedges_but_is_no_source() -> None:
    """ "I gather" hedges as "apparently" does: a figure so stated is still unsourced."""
    assert unchecked.unsourced("From what I gather, a lozenge works half as fast as the spray.")


@pytest.mark.parametrize(
    ("sentence", "efficacy"),
    [
        # help with a task is no effect
        ("The nurse helped set up the drip and the spray station.", False),
        ("Your doctor will help you decide between a drip and a shot.", False),
        ("Staff can help with the paperwork for the nasal spray.", False),
        # ...help with an illness is
        ("The jab helped my depression within a day.", True),
        ("A spray helps most patients who try it.", True),
    ],
)
def test_help_with_a_task_is_no_effect(sentence: str, efficacy: bool) -> None:
    assert ("efficacy" in parts.read_parts(sentence).topics) is efficacy


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        # the tracked study, named after "a second trial"
        (
            "A second trial, Chilukuri et al. 2014, was a randomized trial comparing IV and IM "
            "ketamine for depression.",
            "chilukuri-randomized-trial",
        ),
        # a drip brought in for contrast is not the subject that cannot be stopped
        (
            "Unlike a drip the spray dose can't be stopped once it is up your nose.",
            "non-iv-cannot-be-stopped",
        ),
        # an outcome's heading is no speaker
        (
            "Antidepressant response: greater and longer-lasting with IV than with intranasal "
            "ketamine.",
            "iv-more-relief-than-in",
        ),
    ],
)
def test_a_second_readers_sentences_keep_their_claim(
    shipped: Run, tmp_path: Path, sentence: str, claim: str
) -> None:
    assert check_one(shipped, tmp_path, sentence)["claim"] == claim


def test_the_rest_of_a_share_is_a_quantity_the_claim_vouches_for(
    shipped: Run, tmp_path: Path
) -> None:
    """Not a mismatch, and not a figure "not in the claim" either: one reading of what the
    known values vouch for (`figures.vouched`) serves both."""
    finding = check_one(
        shipped,
        tmp_path,
        "The 84 % lost from a tablet to the liver is just 100 minus the 16 % that gets through.",
    )
    assert finding["claim"] == "oral-first-pass-84"
    assert finding["parts"]["quantity"] == "agrees"
