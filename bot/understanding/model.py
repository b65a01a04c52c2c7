"""The statistical half of the reader: what a message is for, which kinds of help it asks
for, and whether someone may be in danger.

Words vary ("shoping", "perscription", "my fridge is empty"), so these are learnt from the
labelled corpus rather than listed: character n-grams (which survive typos) and word pairs,
weighted by TF-IDF, feed linear classifiers. Training is deterministic (fixed seeds, a fixed
order) and takes a few seconds; the fitted model is kept in the cache folder, named by the
corpus's fingerprint and the scikit-learn version, so it is trained once per corpus.
"""

from __future__ import annotations

import logging
import math
import os
import pickle
import random
import re
import tempfile
import threading
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.understanding import corpus
from bot.understanding.corpus import KINDS, Example
from bot.understanding.corpus.answers import answer_examples
from bot.understanding.text import for_features

log = logging.getLogger(__name__)

# Bump when the features or classifiers change: the number is part of the cache's name.
MODEL_VERSION = 9
CACHE_DIR_ENV = "NEIGHBOURLY_CACHE_DIR"
# Where the model alone is cached, when it should not follow the postcode index's folder.
READER_CACHE_ENV = "NEIGHBOURLY_READER_CACHE_DIR"
SEED = 20261206
NO_DANGER = "none"
ANSWER = "answer"  # the intent of corpus/answers.py


@dataclass(frozen=True)
class Prediction:
    intents: tuple[tuple[str, float], ...]  # every intent, most likely first
    kinds: dict[str, float]  # the chance each kind of help is asked for
    danger: float  # the chance someone is in danger now
    danger_kinds: tuple[tuple[str, float], ...]  # which danger, most likely first

    def chance_of(self, intent: str) -> float:
        return next((chance for name, chance in self.intents if name == intent), 0.0)


class ReaderModel:
    """The fitted vectoriser and classifiers; `predict` is all a caller needs."""

    def __init__(self, examples: list[Example]) -> None:
        # scikit-learn loads only when a model is trained or read, not with the dialogue.
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.pipeline import FeatureUnion

        self.features = FeatureUnion([
            ("characters", TfidfVectorizer(analyzer="char", ngram_range=(2, 6),
                                           sublinear_tf=True, min_df=2, dtype=np.float32)),
            ("words", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True,
                                      token_pattern=r"[^\s]+", min_df=1, dtype=np.float32)),
        ])
        texts = [for_features(example.text) for example in examples]
        matrix = self.features.fit_transform(texts)
        # What a message is for is learnt from first messages: the short answers to the hub's
        # own questions are there to teach danger that "3 Castle Road" is not an emergency.
        with_intent = [i for i, example in enumerate(examples)
                       if example.intent and example.intent != ANSWER]
        # Requests are half of all first messages; unweighted, the intent model learnt that a
        # message naming shopping asks for it, even when it cancels, chases or complains about
        # it ("is anyone coming for my shopping?"). Weighting each intent by how rare it is made
        # every intent count alike (cross-validated on the training part: docs/understanding.md).
        self.intent = fit(matrix[with_intent], [examples[i].intent for i in with_intent], C=20,
                          class_weight="balanced")
        # Which kinds, given that help is asked for: learnt from requests only, so "I found my
        # tablets" (a cancel) does not teach that tablets are not a prescription.
        asking = [i for i, example in enumerate(examples) if example.kinds]
        self.kinds = {kind: fit(matrix[asking], [kind in examples[i].kinds for i in asking],
                                C=20) for kind in KINDS}
        # One classifier over "none" and the five kinds of danger: the kinds differ so much
        # (a fall, a plan, a threat, smoke) that telling each from "none" reads better than
        # one yes/no. The chance of danger is the chance it is not "none".
        self.danger = fit(matrix, [danger_label(example) for example in examples], C=20)
        self.fast = FastScorer(self)

    def __getstate__(self) -> dict:
        """Only the scorer is cached: the fitted scikit-learn objects (four times its size)
        are needed to train it and to check it, not to read."""
        return {"fast": self.fast}

    def predict(self, text: str) -> Prediction:
        return self.fast.predict(for_features(text))


_SPACES = re.compile(r"\s\s+")


def character_grams(text: str, shortest: int = 2, longest: int = 6) -> list[str]:
    """Runs of 2 to 6 characters, spaces included, as the "char" vectoriser makes them."""
    text = _SPACES.sub(" ", text.lower())
    return [text[i:i + n] for n in range(shortest, min(longest, len(text)) + 1)
            for i in range(len(text) - n + 1)]


def word_grams(text: str) -> list[str]:
    """Words and pairs of words, as the "word" vectoriser with token pattern \\S+ makes them."""
    words = text.lower().split()
    return words + [" ".join(pair) for pair in zip(words, words[1:])]


# The analysers of the two feature blocks, in the order of ReaderModel.features.
GRAMS = (character_grams, word_grams)


class FastScorer:
    """The fitted model's arithmetic without scikit-learn's per-call checks, which cost more
    than the sums themselves for one short message: n-grams looked up in the vocabularies,
    TF-IDF weighted and normalised per block as the vectorisers do, and every classifier's
    weights stacked in one matrix, so a message costs one small product."""

    def __init__(self, model: ReaderModel) -> None:
        self.blocks = []
        offset = 0
        for (_, vectoriser), grams in zip(model.features.transformer_list, GRAMS):
            self.blocks.append((grams, dict(vectoriser.vocabulary_),
                                vectoriser.idf_.astype(np.float32), offset))
            offset += len(vectoriser.vocabulary_)
        self.heads = []  # (name, classes, first row, rows, "softmax" or "sigmoid")
        weights, biases = [], []
        named = [("intent", model.intent), ("danger", model.danger)]
        named += [(f"kind:{kind}", classifier) for kind, classifier in model.kinds.items()]
        for name, classifier in named:
            rows = classifier.coef_.shape[0]
            self.heads.append((name, tuple(str(c) for c in classifier.classes_), len(weights),
                               rows, "softmax" if rows > 1 else "sigmoid"))
            weights.extend(classifier.coef_)
            biases.extend(classifier.intercept_)
        self.weights = np.ascontiguousarray(np.array(weights, dtype=np.float32).T)
        self.biases = np.array(biases, dtype=np.float32)
        self.index_heads()

    def index_heads(self) -> None:
        """Where `predict` finds each head's rows: the two softmax heads by name, and the
        kinds' yes/no heads, which come last, one row each, as one run of rows."""
        self.softmax_heads = {name: (classes, first, rows)
                              for name, classes, first, rows, link in self.heads
                              if link == "softmax"}
        kind_heads = [(name, classes, first) for name, classes, first, _, link in self.heads
                      if link == "sigmoid"]
        if [first for _, _, first in kind_heads] != list(range(kind_heads[0][2],
                                                               len(self.biases))):
            raise ValueError("the kinds' heads are not the last rows, one each")
        if any(classes != ("False", "True") for _, classes, _ in kind_heads):
            raise ValueError("a kind's head is not a yes/no head")
        self.kind_names = tuple(name.removeprefix("kind:") for name, _, _ in kind_heads)
        self.kind_rows = (kind_heads[0][2], len(self.biases))

    def __setstate__(self, state: dict) -> None:
        # A scorer cached before the heads were indexed is indexed when it is read.
        self.__dict__.update(state)
        if "softmax_heads" not in state:
            self.index_heads()

    def features(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        indices, values = [], []
        for grams, vocabulary, idf, offset in self.blocks:
            # Counted in C, in the order first seen (the order the sums below are made in):
            # grams outside the vocabulary count under None, dropped.
            counts = Counter(map(vocabulary.get, grams(text)))
            counts.pop(None, None)
            if not counts:
                continue
            found = np.fromiter(counts, dtype=np.int64, count=len(counts))
            if len(counts) == counts.total():
                weighted = idf[found]  # each gram once: a sublinear tf of 1 + log 1 = 1
            else:
                weighted = idf[found] * (1.0 + np.log(
                    np.fromiter(counts.values(), dtype=np.float32, count=len(counts))))
            # The norm as np.linalg.norm takes it, without its checks of the arguments.
            weighted /= np.sqrt(weighted.dot(weighted)) or 1.0
            indices.append(found + offset)
            values.append(weighted)
        if not indices:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        return np.concatenate(indices), np.concatenate(values)

    def predict(self, text: str) -> Prediction:
        indices, values = self.features(text)
        # The product in numpy; the heads' few dozen chances in plain Python, where each
        # numpy call on arrays this small costs more in overhead than the sums themselves.
        scores = (values @ self.weights[indices] + self.biases).tolist()
        intents = self.softmax(scores, "intent")
        dangers = self.softmax(scores, "danger")
        first, last = self.kind_rows
        kinds = {name: 1.0 / (1.0 + math.exp(-score))
                 for name, score in zip(self.kind_names, scores[first:last])}
        return Prediction(intents, kinds, 1.0 - dict(dangers).get(NO_DANGER, 0.0),
                          tuple(pair for pair in dangers if pair[0] != NO_DANGER))

    def softmax(self, scores: list[float], head: str) -> tuple[tuple[str, float], ...]:
        """A softmax head's classes with their chances, most likely first (equal chances in
        the classes' own order)."""
        classes, first, rows = self.softmax_heads[head]
        part = scores[first:first + rows]
        largest = max(part)
        exps = [math.exp(score - largest) for score in part]
        total = sum(exps)
        chances = [value / total for value in exps]
        order = sorted(range(rows), key=chances.__getitem__, reverse=True)
        return tuple((classes[i], chances[i]) for i in order)


def danger_label(example: Example) -> str:
    if not example.danger:
        return NO_DANGER
    return example.danger_kind or "medical"  # a file without kinds: the commonest danger


def fit(matrix, labels: list, C: float, class_weight: str | None = None):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=C, max_iter=2000, random_state=SEED,
                              class_weight=class_weight).fit(matrix, labels)


# --- training data ---------------------------------------------------------------------

def training_examples(examples: list[Example]) -> list[Example]:
    """The training part of the corpus and the answers to the hub's own questions, each
    message also once with a typo or two, as people make them on a phone (deterministic:
    the same corpus gives the same copies)."""
    kept = [example for example in examples if not example.held_out]
    labelled = {example.text.strip().lower() for example in examples}
    kept += [answer for answer in answer_examples() if answer.text.lower() not in labelled]
    noisy = []
    for example in kept:
        chance = random.Random(f"{SEED}:{example.text}")
        noisy.append(Example(with_typos(example.text, chance), example.kinds, None, None,
                             example.danger, example.intent, example.danger_kind,
                             example.language, example.source, example.line))
    return kept + noisy


KEYBOARD_NEIGHBOURS = {
    "a": "qsz", "b": "vgn", "c": "xvd", "d": "sfe", "e": "wrd", "f": "dgr", "g": "fht",
    "h": "gjy", "i": "uok", "j": "hku", "k": "jli", "l": "ko", "m": "nj", "n": "bm",
    "o": "ipl", "p": "o", "q": "wa", "r": "etf", "s": "adw", "t": "ryg", "u": "yij",
    "v": "cb", "w": "qes", "x": "zc", "y": "tuh", "z": "xa",
}


def with_typos(text: str, chance: random.Random) -> str:
    """One to three slips of the thumb: a letter dropped, doubled, swapped or mistyped,
    and sometimes everything in lower case."""
    letters = list(text)
    for _ in range(chance.randint(1, 3)):
        positions = [i for i, ch in enumerate(letters) if ch.isalpha()]
        if len(positions) < 4:
            break
        i = chance.choice(positions)
        slip = chance.randrange(4)
        if slip == 0:
            del letters[i]
        elif slip == 1:
            letters.insert(i, letters[i])
        elif slip == 2 and i + 1 < len(letters):
            letters[i], letters[i + 1] = letters[i + 1], letters[i]
        else:
            near = KEYBOARD_NEIGHBOURS.get(letters[i].lower())
            if near:
                letters[i] = chance.choice(near)
    noisy = "".join(letters)
    return noisy.lower() if chance.random() < 0.3 else noisy


# --- loading, training once, caching -----------------------------------------------------

_LOADED: ReaderModel | None = None
_LOAD_LOCK = threading.Lock()


def cache_path() -> Path:
    import sklearn

    folder = (os.environ.get(READER_CACHE_ENV) or os.environ.get(CACHE_DIR_ENV)
              or str(Path.home() / ".cache" / "neighbourly"))
    name = f"reader-v{MODEL_VERSION}-{corpus.fingerprint()}-sklearn{sklearn.__version__}.pickle"
    return Path(folder) / name


def shared_model() -> ReaderModel:
    """The model every reading uses: from the cache, or trained now and cached."""
    global _LOADED
    if _LOADED is None:
        with _LOAD_LOCK:
            if _LOADED is None:
                _LOADED = load_or_train(cache_path())
    return _LOADED


def load_or_train(path: Path) -> ReaderModel:
    try:
        with open(path, "rb") as handle:
            model = pickle.load(handle)  # our own file, written below
        if isinstance(model, ReaderModel):
            return model
    except FileNotFoundError:
        pass
    except Exception as error:  # a cut-off or foreign file: train again
        log.warning("retraining the reader: its cache %s could not be read (%s)", path, error)
    model = train()
    save(model, path)
    return model


def train(examples: list[Example] | None = None) -> ReaderModel:
    examples = corpus.shipped_examples() if examples is None else examples
    return ReaderModel(training_examples(examples))


def save(model: ReaderModel, path: Path) -> None:
    """Written whole or not at all, so a reader never finds half a file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as handle:
            pickle.dump(model, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
    except OSError as error:
        log.warning("the reader is trained but could not be cached at %s (%s)", path, error)
