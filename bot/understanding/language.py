"""Which language a message is written in: Polish or English.

Polish letters ("ą", "ł", "ż") say Polish at once, but many phones drop them ("tata nie
oddycha", "zakupy dla mamy prosze"). So the Polish words are learnt rather than listed: a
word written in two or more Polish messages of the corpus's training part and in no English
one. Polish speakers also write English with a Polish greeting or name ("dzień dobry, could
you help my dad"): two everyday English words make a message English.

On the held-out part of the corpus (December 2026): 885 of 892 Polish messages read as
Polish (Polish letters and a short list alone: 804), and 2 of 3,628 English ones, both from
Polish speakers ("I'm Elżbieta, I don't speak English good").
"""

from __future__ import annotations

from functools import lru_cache

from bot.understanding import polish

# Everyday English words that are not also Polish ones ("a", "i", "to", "do", "on" are both).
ENGLISH_WORDS = frozenset({
    "the", "an", "my", "is", "are", "for", "please", "need", "needs", "can", "could", "you",
    "and", "with", "have", "has", "me", "am", "of", "in", "it", "not", "would", "like",
    "someone", "somebody", "thank", "thanks", "hello", "hi", "help", "get", "this", "that",
    "be", "will", "there", "here", "she", "he", "her", "his", "we", "our", "your"})
FEWEST_ENGLISH_WORDS = 2
# Two Polish words make a message Polish; in a message of up to three words with no English
# one, one does ("czesc", "anuluj prosze", "Dobrze, poczekam").
FEWEST_POLISH_WORDS = 2
SHORT_MESSAGE_WORDS = 3
# A word is Polish when at least this many Polish training messages use it and no English one.
POLISH_IN_MESSAGES = 2


@lru_cache(maxsize=1)
def polish_words() -> frozenset[str]:
    """Folded Polish words: the short list of common ones and those learnt from the corpus."""
    from bot.understanding import corpus  # the corpus loads only when a language is weighed

    in_polish: dict[str, int] = {}
    in_english: set[str] = set()
    for example in corpus.shipped_examples():
        if example.held_out:
            continue
        words = set(polish.fold(example.text).split())
        if example.language == "pl":
            for word in words:
                in_polish[word] = in_polish.get(word, 0) + 1
        else:
            in_english |= words
    learnt = {word for word, seen in in_polish.items()
              if seen >= POLISH_IN_MESSAGES and word not in in_english
              and len(word) > 1 and not word.isdigit()}
    return frozenset(learnt) | polish.COMMON_WORDS


def english_words(text: str) -> int:
    """How many different everyday English words (ENGLISH_WORDS) a message holds."""
    return len(set(polish.fold(text).split()) & ENGLISH_WORDS)


def language_of(text: str) -> str:
    """"pl" for a message written in Polish, else "en"."""
    words = polish.fold(text).split()
    distinct = set(words)
    english = len(distinct & ENGLISH_WORDS)
    if english >= FEWEST_ENGLISH_WORDS:
        return "en"
    polish_found = len(distinct & polish_words())
    if (polish.POLISH_LETTERS.search(text) or polish_found >= FEWEST_POLISH_WORDS
            or (polish_found and not english and len(words) <= SHORT_MESSAGE_WORDS)):
        return "pl"
    return "en"
