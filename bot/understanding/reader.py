"""`read(text, context) -> Reading`: the one place a message's words are understood.

A short pipeline: clean the text; the model's chances for what it is for, which kinds of
help, and danger; exact rules where exactness matters (postcodes, references, YES/NO,
dates); names with their roles. Pure: the model is package data, trained or loaded once.
"""

from __future__ import annotations

import math
import re
from functools import cached_property

from bot.understanding import danger as danger_words
from bot.understanding import names, parsing, reports
from bot.understanding.language import language_of
from bot.understanding.corpus import KINDS
from bot.understanding.danger import Danger
from bot.understanding.model import Prediction, shared_model
from bot.understanding.reading import Context, Intent, Reading, When
from bot.understanding.text import clean, fold, has_letters_or_digits

# A kind of help is read as asked for from this chance up...
KIND_THRESHOLD = 0.5
# ...or from its own, where cross-validation on the training part found one that reads the
# whole set of kinds right more often (a second kind is rarer than the first, so some kinds
# need less evidence). Set with the model; see docs/understanding.md.
KIND_THRESHOLDS: dict[str, float] = {
    "shopping": 0.45, "prescription": 0.25, "befriending": 0.45, "dog_walking": 0.4,
    "transport": 0.55, "other": 0.55,
}  # Re-tuned on the round-8 training part (5 folds, 17,408 messages): all fields 0.853 -> 0.855.
# A second kind read below this chance is taken only where its words are in the message: the
# kinds' models are separate, and "I need my dog walked, RM16 2XU" read prescription 0.4
# beside dog walking 1.0. Out of fold on the round-8 training part: all fields 0.8557 ->
# 0.8558 (without the words: 0.8553; at 0.5 with them 0.8552).
SECOND_KIND_LEAST = 0.4
# ...and when a request names none that clearly, the likeliest from this chance up.
# (Lower read better on the training part's out-of-fold chances, but made "proszę o pomoc"
# a request for "other" help: someone who only says they need help is asked with what.)
KIND_FALLBACK = 0.2
# Danger from the model alone, from this chance up: low, because recall comes first
# (set on the training part's out-of-fold chances; see docs/understanding.md).
DANGER_THRESHOLD = 0.13
# A second vote: the intent model, which learnt first messages only, reading the message as
# an emergency. The two models err on different messages, so either saying so catches more
# cries for help at no more false alarms (out-of-fold on the training part: recall 0.956 ->
# 0.964, false alarms 0.053 -> 0.052, with the threshold above moved from 0.1).
EMERGENCY_INTENT_VOTE = 0.4
# ...only for a message of FEW_WORDS or more, and not where the danger model all but rules
# danger out: the intent model learnt first messages, and a volunteer's "no answer again"
# or a resident's "no one called me yesterday" (about their regular call) read to it like
# "mum's not answering". Out-of-fold on the round-5 training part (11,119 messages): recall
# 0.963 -> 0.965 and false alarms 0.056 -> 0.055 against the rules before the vote.
EMERGENCY_VOTE_LEAST_DANGER = 0.03
# A short first message carries little for the model to go on: it must be surer ("Got
# nothing left to live for." is short too, so not much surer). An answer to the hub's own
# question ("evenings, once he's settled") surer still. Plain words count at any length.
DANGER_THRESHOLD_FEW_WORDS = 0.3
DANGER_THRESHOLD_ANSWERING = 0.5
# Plain words ("carbon monoxide", "had a stroke", "smell gas") are danger unless
# the model, weighing the whole message, all but rules it out: below this chance they were
# a false alarm far more often than a cry for help (cross-validated on the training part).
PLAIN_WORDS_FLOOR = 0.02
# ...but not for a message too short to hold a figure of speech ("intruder", "help ive
# fallen"), and never for words of suicide: "I wish I was dead" read 0.02 to the model,
# and a needless Samaritans number costs far less than a missed one.
FEWEST_WORDS_FOR_VETO = 4
NEVER_VETOED = frozenset({danger_words.SUICIDE})
FEW_WORDS = 6
# Messages this long or longer are never a plain YES or NO, whatever their first word.
LONGEST_YES_NO = 6
# A message of fewer words ("nie", "Albert", "12 Castle Road") is an answer, not a story:
# it is danger only when it says so plainly ("help fallen"), or, as a first message, when
# the model is all but sure ("GAS SMELL", "Chest pain!!").
FEWEST_WORDS_FOR_MODEL_DANGER = 3
SHORT_FIRST_MESSAGE_DANGER = 0.9
# ...and for the kinds model alone to say that a short message asks for help.
FEWEST_WORDS_FOR_MODEL_KIND = 3
# ...and only where the intent model gives asking some chance: the kinds model learnt from
# requests only, so "the cat sat on the mat" read as pet care (0.73) with a request at under
# 0.02. Out of fold on the round-8 training part: all fields 0.8548 -> 0.8557 (0.05: 0.8556;
# none of the kinds model's say at all: 0.8559, within a few messages).
LEAST_REQUEST_FOR_MODEL_KIND = 0.1
# A short message naming a kind of help ("zakupy, jestem Jan", "shopping") reads much like
# an answer; when a kind is clear and a request is still this likely, it is a request.
# (0.5 since the intent model weighs rare intents up: a status question or a complaint that
# names the shopping now keeps its own reading unless a request is as likely; cross-validated.)
REQUEST_FROM_KINDS = 0.5
UNCERTAIN_INTENTS = ("other", "question", "greeting")
# ...and a request as likely as an unsure first reading, within this, with a kind clear:
# chosen when "check on my mum" read status 0.29, request 0.27, befriending 0.83 (held-out and
# the training part's folds: 2 messages in 3,884 read worse, within their noise).
REQUEST_TIE = 0.05
# Below this, the likeliest intent is a guess: the exact words may still decide.
SURE = 0.55
SHORT_ANSWER_WORDS = 6
# "dog walking today, I'm Lydia": asking and offering read alike. Signing someone up as a
# volunteer when they asked for help is the worse mistake, so an offer must be clear.
SURE_OFFER = 0.6
REQUEST_OVER_UNSURE_OFFER = 0.25
# A volunteer at the door ("no answer", "parked outside"): danger from the model from this
# chance (volunteer_danger_from). On round 13's volunteers on the job (463 messages, read as a
# volunteer's): 0.4 to 0.6 read alike, 0.7 missed more; see docs/understanding.md.
AT_THE_DOOR_DANGER = 0.6
# A volunteer's report on a task or a call ("DONE 30 min, she told me about her sister in
# Leeds"): danger from the model from this chance. Round 15's relatives writing about
# someone ("she told me...") raised that report to abuse at 0.59. Of the corpus's 23 reports,
# the 6 in danger the model reads at 0.96 or more, the one ordinary at 0.70; plain words
# still count ("done but she's collapsed on the floor").
REPORT_DANGER = 0.8
# "Help somebody is kicking my front door", "can u send sum1 theres a fire in the bin chute":
# help asked for beside danger to life is mostly the emergency itself, not "something else"
# asked for. That kind alone, beside danger other than welfare, is kept only from this
# chance up (out of fold on round 15's training part: all fields 0.8537 -> 0.8544, kind
# the same; always dropped, 0.8545 but kind 0.895 -> 0.892: "change my locks" is asked).
OTHER_BESIDE_DANGER = 0.9


def read(text: str, context: Context | None = None) -> Reading:
    context = context or Context()
    said = clean(text)
    if not has_letters_or_digits(said):
        return Reading(said, context.language, (), ())
    prediction = shared_model().predict(said)
    intents = decide_intents(prediction, fold(said))
    kinds, guessed = decide_kinds(intents[0].name, prediction, said)
    # A cancel is first only with words of one (CUES): naming the kind it takes back does not
    # make it a request ("no shopping next week").
    if not kinds and intents[0].name != "cancel" and (
            intents[0].name in UNCERTAIN_INTENTS or intents[0].confidence < SURE):
        # A kind of help named outright, as a short answer ("zakupy", "dog walking"): the
        # exact words decide where the model, reading so few, is unsure.
        named = parsing.find_category(said) or parsing.misspelt_kind(said)
        if (not named and intents[0].name in UNCERTAIN_INTENTS
                and len(said.split()) >= FEWEST_WORDS_FOR_MODEL_KIND
                and prediction.chance_of("request") >= LEAST_REQUEST_FOR_MODEL_KIND):
            # ...or in other words the kinds model knows: a few words
            # that say what is needed and nothing else are asking for it. Not one or two
            # words: the kinds model learnt from requests only, so it names a kind for
            # anything ("maybe" reads as befriending) and must have a phrase to go on.
            likeliest = max(KINDS, key=prediction.kinds.__getitem__)
            sure_from = KIND_THRESHOLDS.get(likeliest, KIND_THRESHOLD)
            named = likeliest if prediction.kinds[likeliest] >= sure_from else None
        if named and named != "other" and len(said.split()) <= SHORT_ANSWER_WORDS:
            kinds, guessed = (named,), False
            intents = (Intent("request", max(intents[0].confidence, 0.5)),
                       *(i for i in intents if i.name != "request"))
    found_danger = decide_danger(said, prediction, answering=bool(context.step),
                                 least_from_model=volunteer_danger_from(said, context))
    if found_danger is not None and kinds:
        kinds = asked_beside_danger(found_danger, prediction, kinds)
        guessed = guessed and bool(kinds)
    return Reading(
        text=said,
        language=language_of(said),
        intents=intents,
        kinds=kinds,
        kinds_guessed=guessed,
        kind_confidence=tuple((kind, prediction.kinds[kind]) for kind in KINDS),
        danger=found_danger,
        postcodes=tuple(parsing.find_postcodes(said)),
        references=tuple(reference for reference in (parsing.find_reference(said),
                                                      parsing.find_need_reference(said))
                         if reference),
        urgent=parsing.is_urgent(said) or found_danger is not None,
        yes_no=parsing.parse_yes_no(said) if len(said.split()) < LONGEST_YES_NO else None,
        slots=SlotsFromWords(said, context),
    )


class SlotsFromWords:
    """A message's slots, each found in its words the first time a step asks for it. Most
    messages are a STATUS, a YES or an answer to one question, and finding a writer's name
    or a date costs about as much as the rest of the reading together."""

    def __init__(self, said: str, context: Context) -> None:
        self.said = said
        self.context = context

    @cached_property
    def sender_name(self) -> str | None:
        return names.writer_name(self.said)

    @cached_property
    def helped(self) -> names.Helped | None:
        return names.helped_person(self.said)

    @cached_property
    def when(self) -> When | None:
        return read_when(self.said, self.context)

    @cached_property
    def reported(self) -> str | None:
        return reports.reported(self.said)

    @cached_property
    def repeats(self) -> int | None:
        return read_repeat(self.said, self.context)

    @cached_property
    def minutes(self) -> int | None:
        return parsing.find_duration(self.said)


# Taking back a request changes a conversation's course entirely, so the model may only
# say so where the words carry a sign of it ("cancel", "no need", "take me off"):
# "shopping tomorrow please" is never a cancel.
CUES = {
    "cancel": re.compile(
        r"\b(?:cancel\w*|no need|not need\w*|don'?t need|dont need|do not need|won'?t need|"
        r"wont need|no longer|don'?t (?:come|send|bother|worry)|do not (?:come|send)|stop\w*|"
        r"withdraw\w*|call\w* (?:it )?off|not (?:coming|required|wanted|needed)|sorted|"
        r"disregard|ignore|changed my mind|tak(?:e|ing) (?:me|us|myself|her|him|them) off|"
        r"(?:no|not (?:the|my|this|that)) (?:\w+ )?(?:shopping|shop|calls?|lifts?|walks?|"
        r"visits?|prescriptions?|tablets)|(?:not|no) to (?:come|ring|call|worry|bother)|"
        r"doesn'?t (?:want|need)|don'?t want|(?:won'?t|wont|no) be needing|forget (?:about )?it|"
        r"forget about|scratch|scrap|isn'?t needed|no more|any ?more|\w+ needed|decided against|"
        r"no worries|good for|(?:end|drop) my|anul\w*|odwo\w*|nie potrzeb\w*|"
        r"nie (?:sa|jest) potrzebn\w*|rezygn\w*|skresl\w*|nie przysyla\w*|nikogo nie|"
        r"nie trzeba|juz nie|nieaktualn\w*)\b"),
}


def decide_intents(prediction: Prediction, folded: str = "") -> tuple[Intent, ...]:
    intents = [Intent(name, chance) for name, chance in prediction.intents]
    while intents[0].name in CUES and not CUES[intents[0].name].search(folded):
        intents.append(intents.pop(0))  # said without a sign of it: the next reading first
    request = next(i for i in intents if i.name == "request")
    unsure_offer = intents[0].name == "volunteer" and intents[0].confidence < SURE_OFFER \
        and request.confidence >= REQUEST_OVER_UNSURE_OFFER
    top = intents[0]
    # With a kind of help clearly named, help asked for wins over an unsure top reading when
    # it is likely enough, or when it is about as likely as that reading (not a cancel).
    kind_named = max(prediction.kinds.values()) >= KIND_THRESHOLD
    # "can I have another lift" read as an offer (volunteers say "can I" and "lift" often):
    # asking to have a kind of help is a request, whatever the model's surety.
    asks_to_have = (top.name == "volunteer" and kind_named
                    and parsing.ASKS_TO_HAVE.search(folded) is not None
                    and parsing.WORK_WORDS.search(folded) is None)
    request_likely = ((top.name in UNCERTAIN_INTENTS or top.confidence < SURE)
                      and request.confidence >= REQUEST_FROM_KINDS)
    request_as_likely = (top.confidence < SURE and top.name != "cancel"
                         and request.confidence >= top.confidence - REQUEST_TIE)
    if (kind_named and (request_likely or request_as_likely)) or unsure_offer or asks_to_have:
        intents.remove(request)
        intents.insert(0, request)
    return tuple(intents)


def decide_kinds(intent: str, prediction: Prediction,
                 said: str) -> tuple[tuple[str, ...], bool]:
    """The kinds of help asked for (only a request asks for any), and whether they are only
    the likeliest guess, for the dialogue to ask about rather than take."""
    if intent != "request":
        return (), False
    chosen = [kind for kind in KINDS
              if prediction.kinds[kind] >= KIND_THRESHOLDS.get(kind, KIND_THRESHOLD)]
    if len(chosen) > 1:
        surest = max(prediction.kinds[kind] for kind in chosen)
        named = parsing.parse_skills(said, menu_numbers=False)
        chosen = [kind for kind in chosen
                  if prediction.kinds[kind] >= min(surest, SECOND_KIND_LEAST) or kind in named]
    if chosen:
        return tuple(chosen), False
    likeliest = max(KINDS, key=prediction.kinds.__getitem__)
    if prediction.kinds[likeliest] < KIND_FALLBACK:
        return (), False  # help asked for, of no kind the reader can name
    if prediction.chance_of("request") < SURE:
        # Unsure that help is asked for at all, and of which kind: one guess on top of
        # another ("FOO R-7Q4K" as a prescription). Better to ask what is needed.
        return (), False
    if likeliest == "other" and len(said.split()) < FEW_WORDS:
        # A few words that only ask for help ("Dzień dobry, proszę o pomoc") leave "something
        # else" as the likeliest of nothing: asked what is needed, rather than taken as a job.
        # (No change on the held-out part or the training part's folds.)
        return (), False
    return (likeliest,), likeliest != "other"  # "something else" needs no asking about


def asked_beside_danger(found: Danger, prediction: Prediction,
                        kinds: tuple[str, ...]) -> tuple[str, ...]:
    """The help asked for in a message read as danger: "something else" beside danger to
    life, unless the kinds model is all but sure of it, is the emergency itself."""
    if (kinds == ("other",) and danger_words.to_life(found.kind)
            and prediction.kinds["other"] < OTHER_BESIDE_DANGER):
        return ()
    return kinds


def volunteer_danger_from(said: str, context: Context) -> float | None:
    """For a volunteer's words about the errand itself or a report on it, the model's chance
    from which danger is read (None for any other message). The model learnt first
    messages, where these read as a lost relative, a stalker or a fire ("cant find the
    house" read as fire at 0.79, "parked outside now" as abuse at 0.41, "she didn't answer
    the door" as suicide, "DONE 30 min, she told me about her sister" as abuse at 0.59).
    On the way or looking for the house, danger is said in plain words ("... and I can smell
    gas"); at the door with nobody answering, what they see counts too ("no answer and I
    can see her on the floor": 1.0; "I can hear her calling out": 0.69); a report on a task
    or a call is about someone else's ordinary day, and plain words still count ("done, but
    she's collapsed")."""
    if "volunteer" not in context.roles:
        return None
    errand = parsing.errand_said(said)
    if errand in ("no_answer", "arrived"):
        return AT_THE_DOOR_DANGER
    if errand in ("on_the_way", "looking_for_the_door"):
        return math.inf
    return REPORT_DANGER if parsing.starts_a_report(said) else None


def decide_danger(said: str, prediction: Prediction, answering: bool = False,
                  least_from_model: float | None = None) -> Danger | None:
    """Danger if it is said plainly, or the model thinks it likely enough for a message of
    this length (or from `least_from_model`, where that is given); its kind from the words
    where they name one, else from the model."""
    plain = danger_words.plainly_said(said)
    words = len(said.split())
    if plain and prediction.danger < DANGER_THRESHOLD and danger_words.told_as_past(said):
        plain = []
    if (plain and plain[0] not in NEVER_VETOED and words >= FEWEST_WORDS_FOR_VETO
            and prediction.danger < PLAIN_WORDS_FLOOR):
        plain = []
    if plain:
        return Danger(plain[0], max(prediction.danger, 0.99), True)
    if least_from_model is not None:
        likely = prediction.danger >= least_from_model
    elif words < FEWEST_WORDS_FOR_MODEL_DANGER:
        likely = not answering and prediction.danger >= SHORT_FIRST_MESSAGE_DANGER
    elif answering:
        likely = prediction.danger >= DANGER_THRESHOLD_ANSWERING
    else:
        threshold = DANGER_THRESHOLD_FEW_WORDS if words < FEW_WORDS else DANGER_THRESHOLD
        likely = prediction.danger >= threshold or (
            words >= FEW_WORDS and prediction.danger >= EMERGENCY_VOTE_LEAST_DANGER
            and prediction.chance_of("emergency") >= EMERGENCY_INTENT_VOTE)
    if not likely:
        return None
    return Danger(prediction.danger_kinds[0][0], prediction.danger, False)


def read_repeat(said: str, context: Context) -> int | None:
    """Days between times of help said to repeat, with a day or without ("my weekly shop")."""
    repeat = parsing.find_repeat(said, context.today)
    return repeat[0] if repeat else None


def read_when(said: str, context: Context) -> When | None:
    if context.today is None:
        return None
    found = parsing.find_when(said, context.today)
    repeat = parsing.find_repeat(said, context.today)
    if repeat is not None and repeat[1] is not None:
        # "Every Friday": the first of them, named by its day, as "Friday" alone is.
        every, weekday = repeat
        first = parsing.next_weekday(context.today, weekday)
        if found is not None and found[0] is not None and found[0].weekday() == weekday:
            first = found[0]  # "every Friday from the 18th"
        return When(first, first.strftime("%A"), every)
    return When(found[0], found[1]) if found else None
