"""Shopping money: how a resident pays, the receipt a volunteer reports, and the
resident's YES or NO to the amount. Volunteers never handle bank details here.

Three small conversations:
- the resident, just after a shopping or prescription request is saved, says how they'll pay;
- the volunteer, marking such a task DONE, gives the receipt's amount;
- the resident is asked whether that amount is right (the service starts this one).
"""

from __future__ import annotations

import re

from bot.understanding import parsing
from bot.dialogue.turn import Turn
from bot.dialogue.types import (
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
METHODS = ("shop_by_phone", "prepaid_card", "cash", "other")
METHOD_WORDS = {
    "shop_by_phone": ("shop takes payment", "pay the shop", "by phone", "over the phone",
                      "pay by phone", "phone payment", "phone"),
    "prepaid_card": ("prepaid card", "pre-paid card", "prepaid", "pre-paid"),
    "cash": ("cash", "cash on delivery", "when it arrives", "on delivery"),
    "other": ("other", "another way", "something else", "not sure", "don't know", "dont know"),
}
NO_RECEIPT_WORDS = {"none", "nothing", "no receipt", "0", "£0", "0.00", "paid by phone",
                    "shop paid", "paid the shop", "no money"}
AMOUNT_PATTERN = re.compile(r"£\s?(\d{1,4})(?:\.(\d{1,2}))?\b|\b(\d{1,4})\.(\d{2})\b|"
                            r"\b(\d{1,4})(?:\.(\d))?\s?(?:pounds?|quid|gbp)\b")
PLAIN_NUMBER = re.compile(r"^\s*£?\s?(\d{1,4})(?:\.(\d{1,2}))?\s*$")


def parse_payment_method(text: str) -> str | None:
    answer = parsing.clean(text).lower().strip(" .!")
    if answer in ("1", "2", "3", "4"):
        return METHODS[int(answer) - 1]
    words = parsing.words_of(text)
    for method, phrases in METHOD_WORDS.items():
        if any(parsing.contains_phrase(words, p) for p in phrases):
            return method
    return None


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
    choices = tuple(Choice(str(number), turn.t(f"payment.{method}"))
                    for number, method in enumerate(METHODS, start=1))
    turn.say("ask_payment", choices=choices, category=turn.category_name(category))
    return State(PAYMENT_FLOW, "ask", {"reference": reference})


def read_payment(state: State, inbound: Inbound, turn: Turn) -> State | None:
    """The resident's answer. Words about paying that fit none of the ways ("my daughter
    will pay", "by card") count as another way; anything else goes on as a new
    conversation (the request is saved already; SHOW tells a coordinator how they pay)."""
    method = parse_payment_method(inbound.text)
    if method is None and is_about_paying(inbound.text):
        method = "other"
    if method is None:
        return None
    for reference in (state.data["reference"], *state.data.get("also", ())):
        turn.do(SetPaymentMethod(reference, method))
    turn.say("payment_noted", way=turn.t(f"payment.{method}").lower())
    return State()


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
