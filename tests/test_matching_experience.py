"""Lived-experience similarity: themes join different words for the same experience."""

from __future__ import annotations

import numpy as np
import pytest

from matching import ExperienceIndex, experience_similarities, experience_tokens
from matching.experience import NO_TEXT
from matching.themes import replace_themes


@pytest.mark.parametrize(
    ("words", "theme"),
    [
        ("My mum had Alzheimer's", "theme_dementia"),
        ("my husband has dementia", "theme_dementia"),
        ("Alzheimer\u2019s runs in the family", "theme_dementia"),
        ("I lost my wife in March", "theme_bereavement"),
        ("recently widowed", "theme_bereavement"),
        ("I cared for my dad", "theme_caring"),
        ("I looked after my brother", "theme_caring"),
        ("full-time carer", "theme_caring"),
        ("hard of hearing", "theme_hearing_loss"),
        ("unsteady on my feet after a fall", "theme_mobility"),
        ("very lonely", "theme_loneliness"),
        ("I have anxiety", "theme_mental_health"),
        ("finished chemo last year", "theme_cancer"),
    ],
)
def test_related_words_map_to_one_theme(words, theme):
    assert theme in experience_tokens(words)


def test_stop_words_go_and_content_words_stay():
    assert experience_tokens("I am a retired teacher and I love gardening") == [
        "retired", "teacher", "love", "gardening",
    ]
    assert replace_themes("LOST MY PARTNER") == " theme_bereavement "


def test_alzheimers_and_dementia_are_similar_while_unrelated_stories_are_not():
    texts = ["My mum had Alzheimer's, I cared for her", "Retired postman, love football", ""]

    similarity = experience_similarities(texts, "My husband has dementia, I'm not coping")

    assert similarity[0] > 0.3
    assert similarity[1] == 0.0
    assert similarity[2] == 0.0


def test_similarity_is_a_cosine_between_zero_and_one():
    texts = ["widowed", "widowed", "lost my husband, widowed, grief"]

    similarity = experience_similarities(texts, "widowed")

    assert similarity[0] == pytest.approx(similarity[1])
    assert np.all((similarity >= 0) & (similarity <= 1))
    assert experience_similarities(texts, "")[0] == 0.0


def test_a_word_every_volunteer_uses_counts_for_less_than_a_rare_shared_experience():
    texts = ["happy to help, dementia", "happy to help, cancer"] + ["happy to help"] * 8

    similarity = experience_similarities(texts, "happy to get help with my dementia")

    assert similarity[0] > similarity[1] > 0
    assert similarity[0] > 2 * similarity[2]


def test_the_words_of_the_query_no_volunteer_used_still_dilute_it():
    texts = ["dementia"]

    focused = experience_similarities(texts, "dementia")[0]
    rambling = experience_similarities(texts, "dementia, bins, weather, neighbours, parking")[0]

    assert focused == pytest.approx(1.0)
    assert rambling < focused


def test_shared_themes_are_reported_for_each_candidate():
    index = ExperienceIndex()
    ids = [index.add_text(t) for t in ["My mum had Alzheimer's, I cared for her", "love dogs"]]
    index.fit()

    match = index.similarity(np.array(ids), "caring for my husband who has dementia")

    assert set(match.shared_themes(0)) == {"dementia", "caring"}
    assert match.shared_themes(1) == ()


def test_identical_texts_are_stored_once_and_blank_ones_not_at_all():
    index = ExperienceIndex()

    first, second = index.add_text("widowed"), index.add_text("  widowed ")
    blank, stop_words_only = index.add_text("   "), index.add_text("and the of")

    assert first == second
    assert blank == NO_TEXT and stop_words_only == NO_TEXT


def test_in_a_small_hub_a_newcomers_words_count_from_their_first_match():
    index = ExperienceIndex()
    base = [index.add_text(f"volunteer number {i} likes dogs") for i in range(5)]
    index.fit()

    late = index.add_text("I have dementia in the family")

    assert index.similarity(np.array(base + [late]), "dementia").similarity[-1] > 0.3
    assert index.is_fitted


def test_in_a_large_corpus_late_texts_are_scored_and_eventually_refitted():
    index = ExperienceIndex(refit_minimum=3, small_corpus=0)
    base = [index.add_text(f"volunteer number {i} likes dogs") for i in range(5)]
    index.fit()

    late = index.add_text("I have dementia in the family")
    match = index.similarity(np.array(base + [late]), "dementia")
    assert index.is_fitted is False
    assert match.similarity[-1] == 0.0  # "dementia" was not in the vocabulary yet
    for i in range(3):  # the fourth text since the fit passes refit_minimum=3
        index.add_text(f"new text {i} about dementia")

    assert index.is_fitted
    assert index.similarity(np.array([late]), "dementia").similarity[0] > 0.3


def test_an_unfitted_text_scores_like_it_would_after_a_refit_when_its_words_are_known():
    index = ExperienceIndex(small_corpus=0)
    ids = [index.add_text(t) for t in ["dementia and caring", "cancer", "dogs and cats"]]
    index.fit()

    late = index.add_text("caring for someone with cancer")
    before = index.similarity(np.array([late]), "cancer").similarity[0]
    index.fit()
    after = index.similarity(np.array([late]), "cancer").similarity[0]

    assert before == pytest.approx(after, rel=0.25)
    assert ids[0] != late


def test_removing_a_volunteer_releases_their_text_from_the_counts():
    index = ExperienceIndex()
    kept = index.add_text("dementia")
    gone = index.add_text("cancer")
    index.remove_text(gone)
    index.fit()

    assert index.text(gone) == "cancer"
    assert index.similarity(np.array([kept]), "dementia").similarity[0] == pytest.approx(1.0)
