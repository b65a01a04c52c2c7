"""Reasons and rejections read as plain English."""

from __future__ import annotations

from matching import Candidate, Reason, Rejection, describe_reason, describe_rejection
from matching.reasons import format_km


def test_distances_read_naturally():
    assert describe_reason(Reason("distance", {"km": 0.8})) == "0.8 km away"
    assert describe_reason(Reason("distance", {"km": 3.0})) == "3 km away"
    assert describe_reason(Reason("distance", {"km": 12.46})) == "12 km away"
    assert describe_reason(Reason("same_area", {"km": 2.1})) == "lives in the same area (2.1 km away)"
    assert format_km(9.96) == "10 km"


def test_a_distance_under_half_a_kilometre_is_very_close_not_a_number_that_tells_the_postcode():
    assert describe_reason(Reason("distance", {"km": 0.0})) == "very close"
    assert describe_reason(Reason("distance", {"km": 0.4})) == "very close"
    assert describe_reason(Reason("distance", {"km": 0.5})) == "0.5 km away"
    assert describe_reason(Reason("same_area", {"km": 0.2})) == "lives in the same area (very close)"
    assert describe_reason(Reason("distance", {"km": 0.0}), "pl") == "bardzo blisko"
    assert describe_reason(Reason("same_area", {"km": 0.3}), "pl") == (
        "mieszka w tej samej okolicy (bardzo blisko)")


def test_shared_experience_quotes_the_matched_theme():
    assert describe_reason(Reason("shared_experience", {"themes": ("dementia",)})) == (
        "has lived experience of dementia"
    )
    assert describe_reason(Reason("shared_experience", {"themes": ("dementia", "caring")})) == (
        "has lived experience of dementia and caring for someone"
    )
    assert describe_reason(Reason("shared_experience", {"words": ("allotment",)})) == (
        "has written about similar things (\u201callotment\u201d)"
    )


def test_continuity_fairness_age_and_language_reasons():
    def words(code, **values):
        return describe_reason(Reason(code, values))

    assert words("helped_before", resident_first_name="Betty") == "helped Betty before"
    assert words("helped_before", resident_first_name="") == "helped this resident before"
    assert words("fewer_recent_tasks", recent_tasks=0) == "no tasks in the last 4 weeks"
    assert words("fewer_recent_tasks", recent_tasks=1) == "only 1 task in the last 4 weeks"
    assert describe_reason(Reason("similar_age", {"bands_apart": 0})) == "similar in age"
    assert describe_reason(Reason("speaks_language", {"language": "pl"})) == "speaks Polish"
    assert describe_reason(Reason("speaks_language", {"language": "xh"})) == (
        "speaks the language \u201cxh\u201d"
    )


def test_an_untranslated_language_falls_back_to_english():
    assert describe_reason(Reason("distance", {"km": 0.8}), lang="cy") == "0.8 km away"


def test_a_candidate_explains_itself_in_one_line():
    ian = Candidate(
        volunteer_id=7, score=0.71, distance_km=0.83,
        reasons=(Reason("distance", {"km": 0.8}), Reason("shared_experience", {"themes": ("bereavement",)}),
                 Reason("similar_age", {})),
    )

    assert ian.explain() == "0.8 km away · has lived experience of bereavement · similar in age"
    assert ian.explain(separator="; ") == "0.8 km away; has lived experience of bereavement; similar in age"
    assert Candidate(8, 0.5, 1.0, ()).explain() == ""


def test_why_nobody_matched_reads_as_one_sentence():
    assert describe_rejection(Rejection("none_nearby", {"category": "befriending", "within_km": 10.0})) == (
        "no approved volunteer with befriending within 10 km"
    )
    assert Rejection("out_of_reach", {"category": "transport", "nearest_km": 7.24}).describe() == (
        "no approved volunteer with transport travels this far: the nearest is 7.2 km away"
    )
    somali = Rejection("language", {"category": "dog_walking", "language": "so", "within_km": 5})
    assert somali.describe() == "no approved volunteer with dog walking within reach speaks Somali"
    assert Rejection("all_excluded", {"category": "shopping", "count": 1}).describe() == (
        "the only suitable approved volunteer with shopping has already been offered this request"
    )


def test_reasons_in_polish_with_decimal_commas_and_polish_plurals():
    assert describe_reason(Reason("same_area", {"km": 0.84}), "pl") == (
        "mieszka w tej samej okolicy (0,8 km stąd)")
    assert describe_reason(Reason("shared_experience", {"themes": ("dementia", "caring")}),
                           "pl") == "ma własne doświadczenie: demencja i opieka nad bliską osobą"
    assert [describe_reason(Reason("fewer_recent_tasks", {"recent_tasks": n}), "pl")
            for n in (0, 1, 3, 5, 12, 22)] == [
        "brak zadań w ostatnich 4 tygodniach", "tylko 1 zadanie w ostatnich 4 tygodniach",
        "tylko 3 zadania w ostatnich 4 tygodniach", "tylko 5 zadań w ostatnich 4 tygodniach",
        "tylko 12 zadań w ostatnich 4 tygodniach", "tylko 22 zadania w ostatnich 4 tygodniach"]
    assert describe_reason(Reason("speaks_language", {"language": "pa"}), "pl") == (
        "mówi: pendżabski")
    # A reason not yet written in Polish is said in English rather than lost.
    assert describe_reason(Reason("something_new", {}), "pl") == "something new"
