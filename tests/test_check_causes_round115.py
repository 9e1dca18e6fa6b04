"""`check` on the general causes behind the misses of rounds 115-124, read in the
twenty-first pass (docs/check.md). Through the CLI on a real draft and the shipped base, in
sentences worded apart from the rounds'. Each case names the rule that finds it."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Run, check_one, found_test, problem_kinds

# A past pass's cases: the README's test command and CI run them, the inner loop does not.
pytestmark = pytest.mark.slow

FOUND_WITH_PROBLEM = [
    pytest.param(
        "Patients were enrolled at many sites across three countries [@chilukuri2014acute].",
        "im-study-local-hospital-india",
        "opposite",
        id="a_rare_topic_only_one_of_the_cited_works_claims_has_finds_it",
    ),
    pytest.param(
        "Anyone who has tried both will tell you the drip gives deeper, longer relief than the "
        "spray.",
        "iv-more-relief-than-in",
        "overclaim",
        id="anyone_who_tried_both_will_tell_you_asserts_it",
    ),
    pytest.param(
        "Ketamine acts on NMDA receptors in the brain, whatever the route [@orhurhu2019ketamine].",
        "nmda-receptor-target",
        "cited-against",
        id="a_work_on_one_claim_cited_for_another_its_wording_finds",
    ),
    pytest.param(
        "A nasal spray may do no better than a squirt of salt water for low mood.",
        "in-may-be-effective-depression",
        "opposite",
        id="no_better_than_a_measure_of_a_dummy_is_not_effective",
    ),
    pytest.param(
        "A crossover study of roughly 60 adults suggests the spray may help depression "
        "[@lapidus2014randomized].",
        "in-may-be-effective-depression",
        "mismatch",
        id="a_count_above_the_cited_works_n_is_no_arm_of_a_pooled_analysis",
    ),
    pytest.param(
        "A crossover study of roughly 60 adults suggests the spray may help depression "
        "[@lapidus2014randomized].",
        "in-may-be-effective-depression",
        "cited-against",
        id="a_count_above_the_cited_works_n_is_against_it",
    ),
]

FOUND_WITHOUT_PROBLEM = [
    pytest.param(
        "Recruitment took place at one hospital [@chilukuri2014acute].",
        "im-study-local-hospital-india",
        "opposite",
        id="the_cited_works_setting_said_as_it_is",
    ),
    pytest.param(
        "In the emergency department, 208 children were randomised and IM ketamine may have "
        "caused more vomiting [@roback2006randomized].",
        "im-minimal-vomiting",
        "cited-against",
        id="the_whole_trial_of_a_link_counting_an_arm_is_its_count_too",
    ),
    pytest.param(
        "That meta-analysis pooled nine trials and about 900 patients in all "
        "[@kishimoto2016single].",
        "iv-target-rate-shown-to-work",
        "overclaim",
        id="a_wrong_count_of_a_studys_participants_asserts_no_finding",
    ),
    pytest.param(
        "Readers who have used both routes generally say the drip brings deeper, longer relief "
        "than the spray.",
        "iv-more-relief-than-in",
        "overclaim",
        id="what_patients_who_tried_both_say_is_what_patients_report",
    ),
    pytest.param(
        "Patients who tried both tell us the drip gives deeper relief than the spray.",
        "iv-more-relief-than-in",
        "opposite",
        id="deeper_relief_than_ranks_the_routes_on_their_effect",
    ),
]

test_the_claim_is_found_and_the_problem_read_right = found_test(
    FOUND_WITH_PROBLEM, FOUND_WITHOUT_PROBLEM
)


@pytest.mark.parametrize(
    "sentence",
    [
        "Our reader Maria, 47, started ketamine for her depression last year.",
        "My neighbour Tom (63) asked his doctor about ketamine for his low mood.",
        "Under regulations 4 and 5, a clinic must record every dose of ketamine it gives.",
        "Slide 3 – what patients ask us about ketamine shots.",
        "I spent a week reading about ketamine drips before my first session.",
        "By the next morning after my ketamine drip, the fog had lifted.",
    ],
    ids=[
        "an_age_after_a_name",
        "an_age_in_brackets",
        "numbered_regulations",
        "a_slide_number",
        "a_week_of_a_story",
        "the_next_morning",
    ],
)
def test_an_age_a_numbered_part_or_a_storys_time_is_no_unsourced_number(
    shipped: Run, tmp_path: Path, sentence: str
) -> None:
    assert "unsourced" not in problem_kinds(check_one(shipped, tmp_path, sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "According to Maria, 70 of her patients preferred the ketamine shot.",
        "Ketamine lozenges get about a fifth of the dose into the blood.",
    ],
    ids=["a_number_after_a_name_that_is_no_age", "a_share_said_with_a"],
)
def test_a_figure_is_still_read(shipped: Run, tmp_path: Path, sentence: str) -> None:
    assert "unsourced" in problem_kinds(check_one(shipped, tmp_path, sentence))


def test_a_storys_time_is_not_listed_as_unchecked(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(shipped, tmp_path, "I spent a week reading about ketamine drips.")
    assert "not_checked" not in finding, finding
    assert finding["verdict"] == "no-claim", finding


def test_a_count_of_a_cited_works_participants_is_checked_when_no_claim_is_found(
    shipped: Run, tmp_path: Path
) -> None:
    finding = check_one(
        shipped, tmp_path, "That trial enrolled around 40 patients [@lapidus2014randomized]."
    )
    assert finding["claim"] is None, finding
    # (the count is a mismatch too, since the twenty-seventh pass)
    problem = next(p for p in finding["problems"] if p["kind"] == "cited-against")
    assert "lapidus2014randomized counts n 18, not 40 patients" in problem["detail"], finding
    assert {p["kind"] for p in finding["problems"]} == {"cited-against", "mismatch"}, finding
