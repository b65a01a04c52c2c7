"""Shopping money: how a resident pays, the receipt a volunteer reports, and the
resident's YES or NO to the amount. Volunteers never handle bank details here.

Three small conversations:
- the resident, just after a shopping or prescription request is saved, says how they'll pay;
- the volunteer, marking such a task DONE, gives the receipt's amount;
- the resident is asked whether that amount is right (the service starts this one).
"""

from __future__ import annotations

import re

from bot.understanding import parsing, polish
from bot.dialogue.turn import Turn
from bot.dialogue.types import (
    AddToRequest,
    Choice,
    ConfirmReceipt,
    Inbound,
    MarkTaskDone,
    RequestSummary,
    SetPaymentMethod,
    State,
)

PAYMENT_FLOW = "payment"
AMOUNT_FLOW = "receipt_amount"
CHECK_FLOW = "receipt_check"
PAID_FOR = frozenset({"shopping", "prescription"})
# Nothing to pay comes last, after "another way": the numbers 1-4 keep meaning what the
# question has always shown, so an answer to a question sent before it was added (or read
# off the residents' card) is still read as the way it named.
METHODS = ("shop_by_phone", "prepaid_card", "cash", "other", "nothing_to_pay")
METHOD_WORDS = {
    "shop_by_phone": ("shop takes payment", "pay the shop", "by phone", "over the phone",
                      "pay by phone", "phone payment", "phone"),
    "prepaid_card": ("prepaid card", "pre-paid card", "prepaid", "pre-paid"),
    "cash": ("cash", "cash on delivery", "when it arrives", "on delivery"),
    "other": ("other", "another way", "something else", "not sure", "don't know", "dont know"),
}
# The same ways as Polish speakers put them, folded ("gotówką" and "gotowka" alike).
POLISH_METHOD_WORDS = {
    "shop_by_phone": polish.words("przez telefon", "telefonicznie", "sklep przyjmie płatność",
                                  "zapłacę sklepowi"),
    "prepaid_card": polish.words("kart* przedpłacon*", "przedpłacon*", "prepaid"),
    "cash": polish.words("gotówk*", "przy dostawie", "przy odbiorze"),
    "other": polish.words("inny sposób", "innym sposobem", "inaczej", "coś innego"),
}
# Free (an exemption, a prepayment certificate) or paid already, in English and Polish,
# folded (polish.fold: no diacritics, so "płacę" and "place" both match); a "*" matches the
# start of a word ("zapłacon*": zapłacone, zapłacona). Read before the ways above, since
# "already paid by phone" leaves nothing to pay.
NOTHING_TO_PAY_WORDS = polish.words(
    "nothing to pay", "nothing to be paid", "nothing to pay for", "no charge", "free of charge",
    "exempt", "exemption", "exemption certificate", "prepayment", "pre-payment", "ppc",
    "already paid", "paid already", "already been paid", "been paid", "paid for already",
    "paid in advance", "paid online", "it's paid", "its paid", "all paid",
    "don't pay", "dont pay", "doesn't pay", "doesnt pay", "don't have to pay",
    "dont have to pay", "doesn't have to pay", "no need to pay", "don't need to pay",
    "dont need to pay", "never pay", "food bank parcel", "foodbank parcel", "food parcel",
    "za darmo", "darmow*", "bezpłatn*", "gratis", "nic nie płac*", "nie płacę", "nie płaci",
    "nie muszę płacić", "nie trzeba płacić", "nic do zapłaty", "nic do zapłacenia",
    "zapłacon*", "opłacon*", "już zapłaci*", "zwolnion* z opłat*", "zwolnienie z opłat*",
    "nic nie kosztuj*", "bez opłat*", "bez płacenia")
# Prescriptions are free in England from 60: an age is a way of saying so only for one.
FREE_PRESCRIPTION_AGE = re.compile(r" (?:over|ponad|powyzej|po) (?:60|sixty)(?:-?(?:s|tce|tka))? "
                                   r"(?!pounds?|quid|gbp|zl|funt)")
# "not free", "isn't exempt", "nie jest za darmo", "don't have a prepayment certificate":
# these words up to three before the phrase undo it ("no" only right before: "no, it's free").
NEGATIONS = frozenset({"not", "isn't", "isnt", "aren't", "arent", "wasn't", "wasnt", "never",
                       "don't", "dont", "doesn't", "doesnt", "haven't", "havent", "hasn't",
                       "hasnt", "without", "nie"})
# Saying there is no money to pay with is "cannot pay": the coordinators are told, to arrange
# how it is paid, and it is never read as nothing to pay.
NO_MONEY_WORDS = polish.words("nothing to pay with", "have no money", "i've no money",
                              "ive no money", "got no money", "no money to pay", "no money left",
                              "no money till", "no money until", "can't pay", "cant pay",
                              "cannot pay", "can't afford", "cant afford", "skint",
                              "nie mam pieniędzy", "nie mam kasy", "brak pieniędzy",
                              "nie mam czym", "nie stać mnie", "nie stac mnie")
# A message that wonders or asks is not an answer that there is nothing to pay either.
UNSURE_WORDS = polish.words("not sure", "don't know", "dont know", "no idea", "whether",
                            "nie wiem", "czy") + NO_MONEY_WORDS
# "Free" alone is also about time ("I'm free tomorrow") and delivery ("free delivery").
FREE_AS_TIME_BEFORE = frozenset({"i'm", "im", "i", "am", "we're", "were", "we", "you're",
                                 "you", "she's", "he's", "be"})
FREE_AS_TIME_AFTER = frozenset({"tomorrow", "today", "tonight", "on", "at", "after", "from",
                                "until", "till", "this", "next", "all", "any", "most", "now",
                                "later", "in", "delivery", "time", "mornings", "afternoons",
                                "evenings", "weekends"})
NO_RECEIPT_WORDS = {"none", "nothing", "no receipt", "0", "£0", "0.00", "paid by phone",
                    "shop paid", "paid the shop", "no money"}
AMOUNT_PATTERN = re.compile(r"£\s?(\d{1,4})(?:\.(\d{1,2}))?\b|\b(\d{1,4})\.(\d{2})\b|"
                            r"\b(\d{1,4})(?:\.(\d))?\s?(?:pounds?|quid|gbp)\b")
PLAIN_NUMBER = re.compile(r"^\s*£?\s?(\d{1,4})(?:\.(\d{1,2}))?\s*$")


def parse_payment_method(text: str, category: str | None = None) -> str | None:
    """A number from the question, or words naming a way; the category asked about (when
    known) lets an age say a prescription is free."""
    answer = parsing.clean(text).lower().strip(" .!")
    if answer.isdigit() and 1 <= int(answer) <= len(METHODS):
        return METHODS[int(answer) - 1]
    if says_nothing_to_pay(text, category):
        return "nothing_to_pay"
    words = parsing.words_of(text)
    for method, phrases in METHOD_WORDS.items():
        if any(parsing.contains_phrase(words, p) for p in phrases):
            return method
    folded = polish.fold(text)
    return next((method for method, phrases in POLISH_METHOD_WORDS.items()
                 if polish.has_any(folded, phrases)), None)


def says_nothing_to_pay(text: str, category: str | None = None) -> bool:
    """Whether the answer says it is free or paid already, not merely wondering about it."""
    folded = polish.fold(text)
    if "?" in text or polish.has_any(folded, UNSURE_WORDS):
        return False
    if category == "prescription" and FREE_PRESCRIPTION_AGE.search(folded) and "£" not in text:
        return True
    return any(not negated(folded, start) for start in phrase_starts(folded)) or any(
        not negated(folded, start) and not free_means_time(folded, start)
        for start in word_starts(folded, "free"))


def phrase_starts(folded: str) -> list[int]:
    """Where each nothing-to-pay phrase begins in the folded words."""
    return [match.start()
            for match in polish.phrase_pattern(NOTHING_TO_PAY_WORDS).finditer(folded)]


def word_starts(folded: str, word: str) -> list[int]:
    return [match.start() for match in re.finditer(f" {word} ", folded)]


def negated(folded: str, start: int) -> bool:
    before = folded[:start].split()[-3:]
    return bool(NEGATIONS.intersection(before)) or before[-1:] == ["no"]


def free_means_time(folded: str, start: int) -> bool:
    before = folded[:start].split()[-1:]
    after = folded[start + len(" free "):].split()[:1]
    return bool(FREE_AS_TIME_BEFORE.intersection(before) or FREE_AS_TIME_AFTER.intersection(after)
                or parsing.names_free_time(folded))


def with_decimal_points(text: str) -> str:
    """ "£1,234.50" -> "£1234.50" and "23,40" (a decimal comma, as in Polish) -> "23.40"."""
    text = re.sub(r"(\d),(\d{3})\b", r"\1\2", text)
    return re.sub(r"(\d),(\d{1,2})\b", r"\1.\2", text)


def find_amount(text: str) -> int | None:
    """An amount of money in pence: "£23.40", "23,40 zł", "5 pounds"; None when there is none."""
    match = AMOUNT_PATTERN.search(with_decimal_points(parsing.clean(text).lower()))
    if match is None:
        return None
    groups = match.groups()
    pounds, pence = next((groups[i], groups[i + 1]) for i in (0, 2, 4) if groups[i] is not None)
    return int(pounds) * 100 + int((pence or "0").ljust(2, "0"))


def parse_amount_answer(text: str) -> int | None:
    """The answer to "what did the receipt come to?": an amount, a bare number, or none (0)."""
    if parsing.clean(text).lower().strip(" .!") in NO_RECEIPT_WORDS:
        return 0
    plain = PLAIN_NUMBER.match(with_decimal_points(parsing.clean(text)))
    if plain:
        return int(plain.group(1)) * 100 + int((plain.group(2) or "0").ljust(2, "0"))
    return find_amount(text)


def pounds(pence: int) -> str:
    return f"£{pence // 100}.{pence % 100:02d}"


# The resident: how will you pay?

def ask_payment(turn: Turn, reference: str, category: str) -> State:
    """How will they pay, naming what for: one message may have asked for shopping and a
    prescription, each with its own question."""
    turn.say("ask_payment", choices=payment_choices(turn), category=turn.category_name(category))
    return State(PAYMENT_FLOW, "ask", {"reference": reference, "category": category})


def payment_choices(turn: Turn) -> tuple[Choice, ...]:
    return tuple(Choice(str(number), turn.t(f"payment.{method}"))
                 for number, method in enumerate(METHODS, start=1))


def read_payment(state: State, inbound: Inbound, turn: Turn) -> State | None:
    """The resident's answer. Words about paying that fit none of the ways ("my daughter
    will pay", "by card") count as another way; more of the same help ("and some cat
    food") is added to the request and the question asked again; anything else goes on as
    a new conversation (the request is saved already; SHOW tells a coordinator how they pay)."""
    method = parse_payment_method(inbound.text, state.data.get("category"))
    if method is None and says_no_money(inbound.text):
        method = "cannot_pay"  # the coordinators are told (receipts.set_payment_method)
    elif method is None and is_about_paying(inbound.text):
        method = "other"
    if method is None and adds_to_the_request(state, turn):
        # "milk, bread and a few tins": what they want, not a second request. Added to the
        # one just saved, and the question asked again with a note that it was.
        turn.do(AddToRequest(state.data["reference"], turn.reading.text))
        turn.say_with_prefix("payment_added_to_request", "ask_payment",
                             choices=payment_choices(turn),
                             category=turn.category_name(state.data["category"]))
        return state
    if method is None:
        return None
    for reference in (state.data["reference"], *state.data.get("also", ())):
        turn.do(SetPaymentMethod(reference, method))
    if method == "nothing_to_pay":  # no receipt to keep: say what the volunteer will do
        turn.say("payment_noted_nothing_to_pay")
    elif method == "cannot_pay":
        turn.say("payment_noted_no_money")
    else:
        turn.say("payment_noted", way=turn.t(f"payment.{method}").lower())
    return State()


def adds_to_the_request(state: State, turn: Turn) -> bool:
    """Whether a message answering how they'll pay asks for more of the same help: only that
    kind, for nobody else, with no new place and no danger."""
    reading = turn.reading
    return (reading.intent == "request" and reading.kinds == (state.data.get("category"),)
            and reading.danger is None and not reading.postcodes and reading.helped is None)


def cannot_pay_answer(state: State, text: str, turn: Turn) -> bool:
    """"I've no money" in answer to how they will pay: hardship, which the coordinators are
    told of as such (receipts.set_payment_method), not the danger the words alone can read
    as. Danger said in so many words still comes first."""
    danger = turn.reading.danger
    return (state.flow == PAYMENT_FLOW and says_no_money(text)
            and (danger is None or not danger.said_plainly))


def says_no_money(text: str) -> bool:
    return polish.has_any(polish.fold(text), NO_MONEY_WORDS)


def is_about_paying(text: str) -> bool:
    words = parsing.words_of(text)
    return parsing.find_category(text) in (None, "other") and any(
        parsing.contains_phrase(words, w) for w in ("pay", "paying", "paid", "will pay", "card",
                                                    "money", "cheque", "bank", "transfer"))


# The volunteer: DONE, and how much was spent.

def finish_task(task: RequestSummary, text: str, turn: Turn) -> State:
    """DONE for a task: with the receipt's amount when money changed hands, and the time it
    took when the volunteer says ("DONE R-7Q4K 45 min")."""
    minutes = turn.reading.minutes
    if not task.needs_receipt:
        turn.do(MarkTaskDone(task.reference, minutes=minutes))
        return State()
    amount = find_amount(text)
    if amount is None and parsing.contains_phrase(parsing.words_of(text), "no receipt"):
        amount = 0
    if amount is None:
        turn.say("receipt_ask", name=task.first_name or "the resident")
        return State(AMOUNT_FLOW, "ask", {"reference": task.reference,
                                          "name": task.first_name, "minutes": minutes})
    turn.do(MarkTaskDone(task.reference, receipt_pence=amount, minutes=minutes))
    return State()


def read_amount(state: State, inbound: Inbound, turn: Turn) -> State:
    amount = parse_amount_answer(inbound.text)
    if amount is None:
        turn.say("receipt_ask_again")
        return state
    # The time said with DONE, or with the amount ("£23.40, took an hour").
    minutes = state.data.get("minutes") or turn.reading.minutes
    turn.do(MarkTaskDone(state.data["reference"], receipt_pence=amount, minutes=minutes))
    return State()


# The resident: is that amount right?

def read_confirmation(state: State, inbound: Inbound, turn: Turn) -> State | None:
    answer = parsing.parse_yes_no(inbound.text)
    data = state.data
    if answer is None and len(parsing.words_of(inbound.text).split()) > 3:
        return None  # something else to say: the receipt waits (the coordinators hear in time)
    if answer is None:
        turn.say("receipt_confirm_again", choices=turn.yes_no(), amount=pounds(data["pence"]))
        return state
    turn.do(ConfirmReceipt(data["reference"], answer))
    if answer:
        turn.say("receipt_confirmed", volunteer=data.get("volunteer", ""))
        # Now the usual question about how it went.
        return State("feedback", "ask", {"reference": data["reference"]})
    turn.say("receipt_disputed")
    return State()
