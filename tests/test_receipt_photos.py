"""Photos of receipts: kept with the task they belong to, shown to coordinators (SHOW and the
dashboard, the picture itself to a signed-in coordinator only), given back on a subject
access request and gone on erasure or the retention purge. Channels fetch the pictures
(tests/test_whatsapp.py, tests/test_telegram.py); here the fetched photo is handed over as
they hand it to the screen."""

from __future__ import annotations

import base64
from itertools import count

from sqlalchemy import select
from test_dashboard import carol, client, sign_in  # noqa: F401
from test_offers import say
from test_privacy import person_of, traces_of
from test_receipts import lydias_shopping

from bot.services.running.conversations import IncomingMessage
from bot.services.people.privacy import erase_person, purge_expired_personal_data
from bot.services.running.receipt_photos import (
    FetchedPhoto,
    expects_receipt_photo_from,
    receipt_photo_screen,
)
from bot.services.people.subject_access import subject_access_report
from models import AuditEvent, HelpRequest, ReceiptPhoto

RECEIPT = FetchedPhoto("image/jpeg", b"\xff\xd8\xff\xe0 tesco express marmalade 2.40")
message_ids = count(1)


def send_photo(hub, phone: str, photo: FetchedPhoto | None = RECEIPT, caption: str = ""):
    """A photo as the SMS-less channels hand one over: words (or none) and the screen."""
    return hub.conversations.receive(IncomingMessage(
        channel="whatsapp", identity_kind="phone", address=phone,
        channel_message_id=f"MMphoto{next(message_ids)}", text=caption or "shared photo",
        received_at=hub.clock()), receipt_photo_screen(photo, with_words=bool(caption)))


def photos(hub) -> list[ReceiptPhoto]:
    with hub.session_factory() as session:
        return list(session.scalars(select(ReceiptPhoto).order_by(ReceiptPhoto.id)))


def test_only_a_volunteer_with_a_task_that_spends_money_is_asked_for_photos(hub):
    assert not expects_receipt_photo_from(hub.session_factory, "phone", "+447700900111",
                                          hub.clock())
    julia, _ = lydias_shopping(hub)
    assert expects_receipt_photo_from(hub.session_factory, "phone", julia, hub.clock())
    assert not expects_receipt_photo_from(hub.session_factory, "phone", "+447700900902",
                                          hub.clock())  # Lydia, the resident
    reply = send_photo(hub, "+447700900902").replies[0].body
    assert "Thank you for the photo" in reply and photos(hub) == []


def test_before_done_the_photo_is_kept_and_the_volunteer_told_how_to_finish(hub):
    julia, reference = lydias_shopping(hub)
    reply = send_photo(hub, julia).replies[0].body
    assert reply == (f"Thank you, we've kept the photo of the receipt for {reference}. When "
                     f"you've finished, text DONE {reference} and the amount, e.g. DONE "
                     f"{reference} 23.40.")
    [photo] = photos(hub)
    assert (photo.content, photo.content_type) == (RECEIPT.content, "image/jpeg")
    # Then DONE with the amount goes on as ever.
    said = " ".join(r.body for r in say(hub, julia, f"DONE {reference} £2.40").replies)
    assert "Noted: £2.40" in said


def test_after_done_the_amount_is_still_asked_and_a_caption_gives_it(hub):
    julia, reference = lydias_shopping(hub)
    assert "What did the receipt come to?" in say(hub, julia, f"DONE {reference}"
                                                  ).replies[0].body
    assert send_photo(hub, julia, photo=None).replies[0].body.startswith(
        "Sorry, we couldn't keep that photo")
    assert "What did it come to?" in send_photo(hub, julia).replies[0].body
    # A second photo with the amount under it: kept, and the amount read as typed words.
    said = " ".join(r.body for r in send_photo(hub, julia, caption="2.40").replies)
    assert "Noted: £2.40" in said
    with hub.session_factory() as session:
        assert session.scalar(select(HelpRequest.receipt_pence)) == 240
    assert len(photos(hub)) == 2
    # Done and paid: one more photo is simply thanked for.
    assert send_photo(hub, julia).replies[0].body == (
        f"Thank you, we've kept the photo of the receipt for {reference}.")


async def test_the_dashboard_links_each_photo_and_serves_it_to_a_signed_in_coordinator(
        hub, carol, client):  # noqa: F811
    julia, reference = lydias_shopping(hub)
    send_photo(hub, julia)
    assert "Receipt photos: 1, to see on the dashboard." in say(
        hub, carol, f"SHOW {reference}").replies[0].body
    path = f"/dashboard/receipts/{photos(hub)[0].id}"
    outsider = await client.get(path)
    assert outsider.status_code == 303 and outsider.headers["location"].endswith(
        "/dashboard/signin-help")
    await sign_in(client, hub)
    page = await client.get(f"/dashboard/requests/{reference}")
    assert f'href="{path}"' in page.text and "Photos of the receipt" in page.text
    shown = await client.get(path)
    assert shown.status_code == 200 and shown.content == RECEIPT.content
    assert shown.headers["content-type"] == "image/jpeg"
    assert shown.headers["cache-control"] == "no-store"
    assert (await client.get("/dashboard/receipts/999999")).status_code == 404
    with hub.session_factory() as session:
        assert session.scalar(select(AuditEvent.channel).where(
            AuditEvent.action == "receipt.photo_viewed")) == "dashboard"
    client.cookies.clear()  # signed out, the same link serves nothing
    assert (await client.get(path)).status_code == 303


def test_subject_access_gives_the_photo_to_the_resident_and_to_the_volunteer(hub):
    julia, reference = lydias_shopping(hub)
    send_photo(hub, julia)
    for phone, sent_by_them in (("+447700900902", False), (julia, True)):
        with hub.session_factory() as session:
            report = subject_access_report(session, person_of(hub, phone), hub.clock())
        [photo] = report["receipt_photos"]
        assert photo["reference"] == reference and photo["sent_by_them"] is sent_by_them
        assert base64.b64decode(photo["content_base64"]) == RECEIPT.content


def test_erasing_the_resident_deletes_the_photo_of_their_shopping(hub):
    julia, _ = lydias_shopping(hub)
    send_photo(hub, julia)
    assert traces_of(hub, ["marmalade"]) != []
    with hub.session_factory.begin() as session:
        erase_person(session, person_of(hub, "+447700900902"), hub.clock(), None, None)
    assert photos(hub) == [] and traces_of(hub, ["marmalade"]) == []


def test_erasing_the_volunteer_deletes_the_photos_they_sent(hub):
    julia, _ = lydias_shopping(hub)
    send_photo(hub, julia)
    with hub.session_factory.begin() as session:
        erase_person(session, person_of(hub, julia), hub.clock(), None, None)
    assert photos(hub) == []


def test_the_retention_purge_deletes_the_photos_of_old_requests(hub, clock):
    julia, reference = lydias_shopping(hub)
    send_photo(hub, julia)
    say(hub, julia, f"DONE {reference} £2.40")
    clock.advance(days=400)
    with hub.session_factory.begin() as session:
        assert purge_expired_personal_data(session, clock(), 365) == 1
    assert photos(hub) == []
