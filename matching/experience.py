"""Shared lived experience: TF-IDF cosine between a volunteer's story and a resident's words.

Short texts make plain TF-IDF brittle, so three things make it meaningful:

* theme tokens (see `themes.py`) join different words for the same experience;
* the vocabulary and document frequencies come from all volunteers' texts, so
  a word most volunteers use ("help", "happy") weighs little and a rare shared
  experience weighs a lot; the resident's words count as one more document
  ("fit on the volunteers' texts plus the query"), so words no volunteer used
  still dilute the query as they should;
* sublinear term frequency, so repeating a word does not dominate;
* theme tokens weigh `THEME_WEIGHT` times an ordinary word: they name the
  experience itself, the other words are context ("husband", "mum").

The index stores each distinct text once (most volunteers share the empty
text, and imported data repeats itself) as an l2-normalised row of a sparse
matrix kept column-wise: a column is the postings list of one term. A query
touches only its own few terms, so scoring thousands of candidates costs a
handful of binary searches instead of a sparse matrix product.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer
from sklearn.preprocessing import normalize

from matching.themes import THEME_PREFIX, replace_themes, theme_of_token

NO_TEXT = -1
THEME_WEIGHT = 2.0
_WORD = re.compile(r"\b\w\w+\b")


def experience_tokens(text: str) -> list[str]:
    """The terms TF-IDF sees: theme tokens plus content words, stop words dropped."""
    return [
        word
        for word in _WORD.findall(replace_themes(text))
        if word not in ENGLISH_STOP_WORDS and not word.isdigit()
    ]


@dataclass(frozen=True)
class ExperienceMatch:
    """Similarities of some candidates' texts to one query, and which terms they share."""

    similarity: np.ndarray  # one cosine in [0, 1] per candidate, in the order asked
    terms: tuple[str, ...]  # the query's terms the index knows
    term_hits: np.ndarray  # bool, len(terms) x candidates: candidate's text has the term
    term_contributions: np.ndarray  # float, same shape: each term's share of the cosine

    def shared_terms(self, candidate: int) -> tuple[str, ...]:
        """Terms this candidate shares with the query, biggest contribution first."""
        if not self.terms:
            return ()
        contributions = self.term_contributions[:, candidate]
        order = np.argsort(-contributions, kind="stable")
        return tuple(self.terms[i] for i in order if self.term_hits[i, candidate])

    def shared_themes(self, candidate: int) -> tuple[str, ...]:
        themes = (theme_of_token(term) for term in self.shared_terms(candidate))
        return tuple(theme for theme in themes if theme is not None)


class ExperienceIndex:
    """Distinct texts with reference counts, their TF-IDF vectors, and cosine queries."""

    def __init__(
        self, *, refit_share: float = 0.05, refit_minimum: int = 256, small_corpus: int = 1_000
    ) -> None:
        self._text_ids: dict[str, int] = {}
        self._texts: list[str] = []
        self._uses: list[int] = []  # how many volunteers hold each text right now
        # Texts added since the last fit are weighted with the old vocabulary
        # and scored one by one; past a share of the fitted corpus we refit.
        self._refit_share = refit_share
        self._refit_minimum = refit_minimum
        # A small hub refits before answering whenever a new text is waiting
        # (milliseconds), so a newcomer's words count from their first match.
        self._small_corpus = small_corpus
        self._fitted_count = 0
        self._vocabulary: dict[str, int] = {}
        self._idf = np.empty(0)
        self._documents = 0
        self._document_frequency = np.empty(0)
        self._postings = sparse.csc_matrix((0, 0))
        self._unfitted_vectors: dict[int, dict[int, float]] = {}

    # ----- texts in and out ------------------------------------------------

    def add_text(self, text: str) -> int:
        """Count one more volunteer holding `text`; returns its id (NO_TEXT for a blank one)."""
        text = text.strip()
        if not text or not experience_tokens(text):
            return NO_TEXT
        text_id = self._text_ids.get(text)
        if text_id is None:
            text_id = len(self._texts)
            self._text_ids[text] = text_id
            self._texts.append(text)
            self._uses.append(0)
            if self._fitted_count:
                self._unfitted_vectors[text_id] = self._weigh(Counter(experience_tokens(text)))
        self._uses[text_id] += 1
        if self._fitted_count and len(self._unfitted_vectors) > max(
            self._refit_minimum, self._refit_share * self._fitted_count
        ):
            self.fit()
        return text_id

    def add_texts(self, texts: Iterable[str], uses: Iterable[int]) -> np.ndarray:
        """Bulk `add_text` without refitting on the way: ids in the order given."""
        fitted, self._fitted_count = self._fitted_count, 0  # no incremental vectors
        ids = []
        for text, count in zip(texts, uses, strict=True):
            text_id = self.add_text(text) if count > 0 else NO_TEXT
            if text_id != NO_TEXT:
                self._uses[text_id] += count - 1
            ids.append(text_id)
        self._fitted_count = fitted
        if fitted:
            self.fit()
        return np.asarray(ids, dtype=np.int32)

    def remove_text(self, text_id: int) -> None:
        if text_id != NO_TEXT:
            self._uses[text_id] -= 1

    def text(self, text_id: int) -> str:
        return "" if text_id == NO_TEXT else self._texts[text_id]

    # ----- fitting ---------------------------------------------------------

    def fit(self) -> None:
        """Vocabulary, document frequencies and vectors from the texts volunteers hold now."""
        uses = np.asarray(self._uses, dtype=np.float64)
        self._fitted_count = len(self._texts)
        self._unfitted_vectors = {}
        if not self._texts:
            self._vocabulary, self._idf = {}, np.empty(0)
            self._documents, self._document_frequency = 0, np.empty(0)
            self._postings = sparse.csc_matrix((0, 0))
            return
        vectoriser = CountVectorizer(analyzer=experience_tokens, dtype=np.float64)
        counts = vectoriser.fit_transform(self._texts).tocsr()
        # A text held by five volunteers is five documents.
        presence = counts.copy()
        presence.data[:] = 1.0
        self._document_frequency = np.asarray(presence.T @ uses).ravel()
        self._documents = float(uses.sum())
        self._vocabulary = {term: int(column) for term, column in vectoriser.vocabulary_.items()}
        self._idf = _smooth_idf(self._documents, self._document_frequency)
        for term, column in self._vocabulary.items():
            self._idf[column] *= _term_weight(term)
        counts.data = 1.0 + np.log(counts.data)
        weighted = normalize(sparse.csr_matrix(counts @ sparse.diags(self._idf)), norm="l2")
        self._postings = sparse.csc_matrix(weighted)
        self._postings.sort_indices()

    @property
    def is_fitted(self) -> bool:
        return self._fitted_count == len(self._texts)

    # ----- queries ---------------------------------------------------------

    def similarity(self, text_ids: np.ndarray, query: str) -> ExperienceMatch:
        """Cosine between each text id (NO_TEXT scores 0) and the query."""
        unfitted_waiting = self._fitted_count < len(self._texts)
        if unfitted_waiting and (self._fitted_count == 0 or len(self._texts) <= self._small_corpus):
            self.fit()
        text_ids = np.asarray(text_ids, dtype=np.int64)
        terms, weights = self._query_vector(query)
        similarity = np.zeros(text_ids.size)
        hits = np.zeros((len(terms), text_ids.size), dtype=bool)
        contributions = np.zeros((len(terms), text_ids.size))
        for row, (term, weight) in enumerate(zip(terms, weights)):
            column = self._vocabulary[term]
            start, end = self._postings.indptr[column], self._postings.indptr[column + 1]
            holders = self._postings.indices[start:end]
            values = self._postings.data[start:end]
            if holders.size == 0:
                continue
            where = np.minimum(np.searchsorted(holders, text_ids), holders.size - 1)
            hit = holders[where] == text_ids
            hits[row] = hit
            contributions[row, hit] = values[where[hit]] * weight
        # Texts added since the last fit: a few, scored one by one.
        if self._unfitted_vectors:
            for position in np.flatnonzero(text_ids >= self._fitted_count):
                vector = self._unfitted_vectors[int(text_ids[position])]
                for row, term in enumerate(terms):
                    value = vector.get(self._vocabulary[term], 0.0)
                    hits[row, position] = value > 0
                    contributions[row, position] = value * weights[row]
        if terms:
            similarity = np.clip(contributions.sum(axis=0), 0.0, 1.0)
        return ExperienceMatch(similarity, tuple(terms), hits, contributions)

    def _query_vector(self, query: str) -> tuple[list[str], list[float]]:
        """The query's known terms and their weights, normalised over all its terms."""
        counts = Counter(experience_tokens(query))
        if not counts:
            return [], []
        # The query is one more document: every term in it has one more holder.
        documents = self._documents + 1
        squared_norm = 0.0
        known_terms, known_weights = [], []
        for term, count in sorted(counts.items()):
            column = self._vocabulary.get(term)
            frequency = (0.0 if column is None else self._document_frequency[column]) + 1.0
            idf = math.log((1.0 + documents) / (1.0 + frequency)) + 1.0
            weight = (1.0 + math.log(count)) * idf * _term_weight(term)
            squared_norm += weight * weight
            if column is not None:
                known_terms.append(term)
                known_weights.append(weight)
        norm = math.sqrt(squared_norm)
        return known_terms, [weight / norm for weight in known_weights]

    def _weigh(self, counts: Counter) -> dict[int, float]:
        """A new text's vector under the current vocabulary (unknown words count in its norm)."""
        weights: dict[int, float] = {}
        squared_norm = 0.0
        for term, count in counts.items():
            column = self._vocabulary.get(term)
            frequency = 0.0 if column is None else self._document_frequency[column]
            idf = float(_smooth_idf(self._documents, frequency))
            weight = (1.0 + math.log(count)) * idf * _term_weight(term)
            squared_norm += weight * weight
            if column is not None:
                weights[column] = weight
        norm = math.sqrt(squared_norm) or 1.0
        return {column: weight / norm for column, weight in weights.items()}


def experience_similarities(volunteer_texts: Sequence[str], circumstances: str) -> np.ndarray:
    """Cosine of each volunteer's text with the resident's words, fitted on just these texts.

    A convenience for small lists and for explaining a score; the engine keeps
    one `ExperienceIndex` over all its volunteers instead.
    """
    index = ExperienceIndex()
    ids = [index.add_text(text) for text in volunteer_texts]
    index.fit()
    return index.similarity(np.asarray(ids), circumstances).similarity


def _term_weight(term: str) -> float:
    return THEME_WEIGHT if term.startswith(THEME_PREFIX) else 1.0


def _smooth_idf(documents: float, frequency):
    """scikit-learn's smoothed idf: ln((1 + n) / (1 + df)) + 1, so no term weighs zero."""
    return np.log((1.0 + documents) / (1.0 + np.asarray(frequency, dtype=np.float64))) + 1.0
