"""Shopping money: the resident says how they'll pay, the volunteer gives the receipt's
amount when done, the resident confirms it, and a NO or silence reaches the coordinators."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot.services.running.scheduler import run_due_work
from models import HelpRequest, PaymentMethod, ReceiptStatus
from test_offers import add_volunteer, say, waiting_for

LYDIA = "+447700900902"


def lydias_shopping(hub, way: str = "3") -> tuple[str, str]:
    """Lydia asks for shopping and says how she'll pay; Julia takes it."""
    julia = add_volunteer(hub, "Julia", "RM17 5AA")
    for text in ("can someone get my shopping? I'm Lydia", "RM17 6SL", "3 Orsett Road",
                 "tomorrow"):
        say(hub, LYDIA, text)
    saved = [reply.body for reply in say(hub, LYDIA, "yes").replies]
    assert "How will you pay for the" in saved[-1]
    assert "never give a volunteer your bank or card details" in saved[-1]
    say(hub, LYDIA, way)
    task = say(hub, julia, "yes").replies[0].body
    with hub.session_factory() as session:
        reference = session.scalar(select(HelpRequest.reference))
    assert reference in task
    return julia, reference


def request_of(hub) -> HelpRequest:
    with hub.session_factory() as session:
        return session.scalars(select(HelpRequest)).one()


def test_the_way_of_paying_is_recorded_and_shown_to_the_volunteer(hub):
    julia, reference = lydias_shopping(hub, "cash when it arrives")
    assert request_of(hub).payment_method == PaymentMethod.CASH_ON_DELIVERY
    listed = say(hub, julia, "MY TASKS").replies[0].body
    assert reference in listed


def test_a_confirmed_receipt_then_asks_how_it_went(hub):
    julia, reference = lydias_shopping(hub)
    assert "What did the receipt come to?" in say(hub, julia, "DONE").replies[-1].body
    noted = say(hub, julia, "£23.40").replies[-1].body
    assert noted.startswith("Noted: £23.40")
    asked = waiting_for(hub, LYDIA)[-1]
    assert "Julia has done your shopping" in asked and "£23.40. Is that right?" in asked
    assert "How did it go with Julia?" in say(hub, LYDIA, "yes").replies[0].body
    assert "Thank you for telling us" in say(hub, LYDIA, "Julia was lovely").replies[0].body
    request = request_of(hub)
    assert (request.receipt_pence, request.receipt_status) == (2340, ReceiptStatus.CONFIRMED)
    assert request.feedback == "Julia was lovely"


def test_the_amount_can_come_with_done(hub):
    julia, reference = lydias_shopping(hub)
    say(hub, julia, f"DONE {reference} receipt was 12.05")
    assert request_of(hub).receipt_pence == 1205


def test_a_disputed_receipt_reaches_a_coordinator(hub, carol):
    julia, reference = lydias_shopping(hub)
    say(hub, julia, "done 23.40")
    assert "coordinator will be in touch" in say(hub, LYDIA, "no").replies[0].body
    alert = waiting_for(hub, carol)[-1]
    assert alert.startswith(f"RECEIPT {reference}: Lydia ({LYDIA}) says the £23.40 spent by "
                            f"Julia ({julia}) is not right")
    assert "£23.40 outstanding" in say(hub, carol, "STATS").replies[0].body
    assert "marked settled" in say(hub, carol, f"SETTLE {reference}").replies[0].body
    assert request_of(hub).receipt_status == ReceiptStatus.SETTLED
    assert "no receipt waiting" in say(hub, carol, f"SETTLE {reference}").replies[0].body


def test_no_answer_in_two_days_alerts_the_coordinators_once(hub, carol, clock):
    julia, reference = lydias_shopping(hub)
    say(hub, julia, "done £9.99")
    clock.advance(days=1)
    run_due_work(hub.session_factory, hub.offers, hub.concerns, clock(), receipts=hub.receipts)
    assert not any(body.startswith("RECEIPT") for body in waiting_for(hub, carol))
    clock.advance(days=1, minutes=1)
    for _ in range(2):
        run_due_work(hub.session_factory, hub.offers, hub.concerns, clock(), receipts=hub.receipts)
    alerts = [body for body in waiting_for(hub, carol) if body.startswith("RECEIPT")]
    assert len(alerts) == 1 and "has not confirmed the £9.99" in alerts[0]
    assert request_of(hub).receipt_status == ReceiptStatus.UNANSWERED


def test_paid_to_the_shop_by_phone_needs_no_receipt(hub):
    julia, reference = lydias_shopping(hub, "1")
    assert "marked done" in say(hub, julia, "DONE").replies[0].body
    assert "How did it go?" in waiting_for(hub, LYDIA)[-1]
    assert request_of(hub).receipt_status is None


@pytest.mark.parametrize("answer", ["about twenty quid", "dunno"])
def test_an_amount_that_cannot_be_read_is_asked_again(hub, answer):
    julia, _ = lydias_shopping(hub)
    say(hub, julia, "DONE")
    assert "I need the amount on the receipt" in say(hub, julia, answer).replies[0].body
    assert "Noted: £20.00" in say(hub, julia, "20").replies[-1].body


def test_a_resident_who_ignores_the_payment_question_carries_on(hub):
    add_volunteer(hub, "Julia", "RM17 5AA")
    for text in ("can someone get my shopping? I'm Lydia", "RM17 6SL", "3 Orsett Road",
                 "tomorrow", "yes"):
        say(hub, LYDIA, text)
    assert "R-" in say(hub, LYDIA, "STATUS").replies[0].body
    assert request_of(hub).payment_method is None


@pytest.mark.parametrize("text, pence", [("23,40", 2340), ("£1,234.50", 123450),
                                          ("DONE £23,40", 2340), ("12", 1200)])
def test_amounts_are_read_with_decimal_commas_and_thousands(text, pence):
    from bot.dialogue.money import parse_amount_answer

    assert parse_amount_answer(text) == pence


def test_words_about_paying_that_fit_no_way_count_as_another_way(hub):
    julia, _ = lydias_shopping(hub, "my daughter will pay you")
    assert request_of(hub).payment_method == PaymentMethod.OTHER


def test_something_else_while_a_receipt_waits_is_heard_and_the_receipt_keeps_waiting(hub):
    julia, _ = lydias_shopping(hub)
    say(hub, julia, "done 23.40")
    reply = say(hub, LYDIA, "can someone walk my dog on Friday please").replies[0].body
    assert "Is that right?" not in reply and "Please reply YES" not in reply
    assert request_of(hub).receipt_status == ReceiptStatus.AWAITING


def test_a_receipt_question_sent_mid_conversation_is_asked_again_when_it_ends(hub):
    julia, reference = lydias_shopping(hub)
    # Lydia starts asking for something else just before Julia reports the receipt.
    assert "same address as before" in " ".join(
        r.body for r in say(hub, LYDIA, "could someone walk my dog?").replies).lower()
    say(hub, julia, "DONE £23.40")
    assert "£23.40. Is that right?" in waiting_for(hub, LYDIA)[-1]
    # Her answers go to the request she is making (her "yes" is to the same address, not
    # to the receipt); the receipt is asked again at the end.
    for text in ("yes", "tomorrow"):
        assert not any("£23.40" in r.body for r in say(hub, LYDIA, text).replies)
    saved = [r.body for r in say(hub, LYDIA, "yes").replies]
    assert any("dog" in body.lower() for body in saved)
    assert "£23.40. Is that right?" in saved[-1]
    say(hub, LYDIA, "yes")
    with hub.session_factory() as session:
        first = session.scalar(select(HelpRequest).where(HelpRequest.reference == reference))
        assert first.receipt_status == ReceiptStatus.CONFIRMED
        assert session.scalar(select(func.count()).select_from(HelpRequest)) == 2


# Nothing to pay: a free prescription (over 60, an exemption, a prepayment certificate) or
# shopping paid already.

def lydias_prescription(hub, way: str | None = None,
                        asking: tuple[str, ...] = ("can someone collect my prescription? "
                                                   "I'm Lydia", "RM17 6SL", "3 Orsett Road",
                                                   "tomorrow", "yes")) -> tuple[str, str]:
    """Lydia asks for a prescription to be collected and answers how she'll pay; returns
    the question and the hub's answer to hers."""
    *_, saved = (say(hub, LYDIA, text) for text in asking)
    question = saved.replies[-1]
    answered = say(hub, LYDIA, way).replies[0].body if way is not None else ""
    return question, answered


def test_nothing_to_pay_is_offered_fifth_and_one_to_four_keep_their_ways(hub):
    question, answered = lydias_prescription(hub, "4")
    assert "How will you pay for the prescription" in question.body
    assert [(choice.value, choice.label) for choice in question.choices] == [
        ("1", "The shop takes payment by phone"), ("2", "Prepaid card"),
        ("3", "Cash on delivery, against the receipt"), ("4", "Another way"),
        ("5", "Nothing to pay (free or paid already)")]
    assert request_of(hub).payment_method == PaymentMethod.OTHER
    assert answered == "Thank you, noted: another way. The volunteer will keep the receipt for you."


@pytest.mark.parametrize("answer", [
    "5", "its free she gets them free", "nothing to pay, I'm exempt",
    "I've got a prepayment certificate", "it's already paid for", "No, they're free",
    "she's over 60", "I get free prescriptions"])
def test_a_prescription_with_nothing_to_pay_is_noted_so(hub, answer):
    _, answered = lydias_prescription(hub, answer)
    assert request_of(hub).payment_method == PaymentMethod.NOTHING_TO_PAY
    assert answered.startswith("Thank you, noted: nothing to pay. The volunteer won't ask you "
                               "for money")
    assert "receipt" not in answered


@pytest.mark.parametrize("answer", [
    "nic nie płacę, mam za darmo", "nic nie place", "bezpłatnie", "już zapłacone",
    "jestem zwolniona z opłat", "jestem po 60-tce", "5"])
def test_a_polish_resident_with_nothing_to_pay_is_understood(hub, answer):
    question, answered = lydias_prescription(hub, answer, asking=(
        "JĘZYK PL", "czy ktoś może odebrać moją receptę z apteki? mam na imię Lydia",
        "RM17 6SL", "3 Orsett Road", "jutro", "tak"))
    assert question.body.startswith("Jak zapłacisz")
    assert question.choices[-1].label == "Nic do zapłaty (za darmo lub już zapłacone)"
    assert request_of(hub).payment_method == PaymentMethod.NOTHING_TO_PAY
    assert answered.startswith("Dziękujemy, zapisane: nic do zapłaty.")


@pytest.mark.parametrize("answer, method", [
    ("gotówką przy dostawie", PaymentMethod.CASH_ON_DELIVERY),
    ("zapłacę gotowka", PaymentMethod.CASH_ON_DELIVERY),
    ("przez telefon", PaymentMethod.SHOP_BY_PHONE),
    ("mam kartę przedpłaconą", PaymentMethod.PREPAID_CARD),
    ("inaczej, córka zapłaci", PaymentMethod.OTHER),
])
def test_a_polish_resident_names_the_other_ways_in_polish(hub, answer, method):
    lydias_prescription(hub, answer, asking=(
        "JĘZYK PL", "czy ktoś może odebrać moją receptę z apteki? mam na imię Lydia",
        "RM17 6SL", "3 Orsett Road", "jutro", "tak"))
    assert request_of(hub).payment_method == method


@pytest.mark.parametrize("answer, method", [
    ("it's not free, I'll pay cash", PaymentMethod.CASH_ON_DELIVERY),
    ("I'm not exempt, cash when it arrives", PaymentMethod.CASH_ON_DELIVERY),
    ("free delivery, so cash on delivery", PaymentMethod.CASH_ON_DELIVERY),
    ("I don't have a prepayment certificate, I'll pay another way", PaymentMethod.OTHER),
    ("I've nothing to pay with", PaymentMethod.CANNOT_PAY),  # hardship: for the coordinators
    ("not sure if it's free", PaymentMethod.OTHER),
    ("it'll be over 60 pounds, I'll pay cash", PaymentMethod.CASH_ON_DELIVERY),
    ("nie jest za darmo, zapłacę inaczej", PaymentMethod.OTHER),
    ("is it free?", None)])
def test_answers_that_only_mention_free_or_paying_are_not_read_as_nothing_to_pay(hub, answer,
                                                                                method):
    lydias_prescription(hub, answer)
    assert request_of(hub).payment_method == method


def test_no_money_to_pay_with_is_answered_kindly_and_the_coordinators_are_told(hub, carol):
    _, answered = lydias_prescription(hub, "i cant afford it this week")
    assert "a coordinator will be in touch about the cost" in answered
    assert "receipt" not in answered
    request = request_of(hub)
    assert request.payment_method == PaymentMethod.CANNOT_PAY
    alert = waiting_for(hub, carol)[-1]
    assert alert.startswith(f"CANNOT PAY {request.reference}: Lydia ({LYDIA}) says they cannot "
                            "pay for it.")
    shown = say(hub, carol, f"SHOW {request.reference}").replies[0].body
    assert "Paying: cannot pay (a coordinator arranges it)" in shown


def julias_task(hub, payment_answer: str) -> tuple[str, str]:
    """Julia takes Lydia's prescription after Lydia answered how she will pay."""
    julia = add_volunteer(hub, "Julia", "RM17 5AA", skills=("shopping", "prescription"))
    lydias_prescription(hub, payment_answer)
    return julia, say(hub, julia, "yes").replies[0].body


def test_a_volunteer_is_told_not_to_spend_their_own_money_when_the_resident_cannot_pay(hub):
    _, task = julias_task(hub, "sorry I cant afford it")
    assert "The resident cannot pay: do not spend your own money." in task
    assert "Payment:" not in task


def test_shopping_paid_already_is_nothing_to_pay_too(hub):
    lydias_shopping(hub, "it's a click and collect, already paid online")
    assert request_of(hub).payment_method == PaymentMethod.NOTHING_TO_PAY


def test_a_free_prescription_is_done_without_a_receipt_and_the_volunteer_is_told(hub):
    julia, task = julias_task(hub, "she gets them free, she's exempt")
    assert "Nothing to pay: free or paid already. If asked for money, ring the resident." in task
    assert "Payment:" not in task
    done = [reply.body for reply in say(hub, julia, "DONE").replies]
    assert "marked done" in done[0]
    assert not any("receipt" in body for body in done)
    assert "How did it go?" in waiting_for(hub, LYDIA)[-1]
    request = request_of(hub)
    assert (request.status, request.receipt_status, request.receipt_pence) == ("done", None, None)


def test_a_coordinator_sees_there_is_nothing_to_pay(hub, carol):
    lydias_prescription(hub, "I've got a prepayment certificate")
    shown = say(hub, carol, f"SHOW {request_of(hub).reference}").replies[0].body
    assert "Paying: nothing to pay (free or paid already)" in shown


async def test_the_dashboards_request_page_says_there_is_nothing_to_pay(hub, carol):
    from test_dashboard import client_for, sign_in

    lydias_prescription(hub, "nothing to pay, I'm exempt")
    async with client_for(hub) as client:
        await sign_in(client, hub, carol)
        page = (await client.get(f"/dashboard/requests/{request_of(hub).reference}")).text
    assert "Paying: nothing to pay (free or paid already)" in page


@pytest.mark.parametrize("answer", ["I have no money", "I've no money till Friday",
                                    "nie mam pieniędzy"])
def test_no_money_as_the_answer_to_how_they_will_pay_is_hardship_not_danger(hub, carol, answer):
    _, answered = lydias_prescription(hub, answer)
    assert "999" not in answered and "a coordinator will be in touch about the cost" in answered
    assert request_of(hub).payment_method == PaymentMethod.CANNOT_PAY
    assert waiting_for(hub, carol)[-1].startswith("CANNOT PAY")


def lydia_asked_how_she_will_pay(hub) -> str:
    """Lydia's shopping is saved and the hub asks how she'll pay; Julia is offered it."""
    julia = add_volunteer(hub, "Julia", "RM17 5AA")
    for text in ("can someone get my shopping? I'm Lydia", "RM17 6SL", "3 Orsett Road",
                 "tomorrow"):
        say(hub, LYDIA, text)
    assert "How will you pay for the" in say(hub, LYDIA, "yes").replies[-1].body
    return julia


def test_more_of_the_same_said_to_the_payment_question_is_added_to_the_request(hub):
    lydia_asked_how_she_will_pay(hub)
    again = say(hub, LYDIA, "milk, bread and a few tins of soup").replies[-1].body
    assert again.startswith("Thanks, I've added that to your request. How will you pay for "
                            "the shopping?")
    say(hub, LYDIA, "and some cat food please")
    say(hub, LYDIA, "and some cat food please")  # sent twice: added once
    assert "noted: cash on delivery" in say(hub, LYDIA, "cash").replies[0].body
    request = request_of(hub)  # one request, not a second
    assert request.details.endswith("; milk, bread and a few tins of soup; and some cat food "
                                    "please")
    assert request.payment_method == PaymentMethod.CASH_ON_DELIVERY


def test_a_volunteer_who_took_the_task_already_is_told_what_was_added(hub):
    julia = lydia_asked_how_she_will_pay(hub)
    reference = request_of(hub).reference
    assert reference in say(hub, julia, "yes").replies[0].body
    say(hub, LYDIA, "could they get a bag of potatoes as well please")
    assert waiting_for(hub, julia)[-1] == (
        f"Added to {reference} by the person you're helping: could they get a bag of "
        "potatoes as well please")


def test_another_kind_of_help_at_the_payment_question_is_not_added_to_the_shopping(hub):
    lydia_asked_how_she_will_pay(hub)
    said = say(hub, LYDIA, "could someone walk my dog on Saturday too").replies[-1].body
    assert "added that to your request" not in said
    assert "potatoes" not in request_of(hub).details and "dog" not in request_of(hub).details
