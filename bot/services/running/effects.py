"""Carrying out what the dialogue engine decided, inside the caller's transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.dialogue import calls, campaign, money, takeover
from bot.dialogue.wording import describe_when
from bot.dialogue.turn import Turn
from bot.dialogue.types import (
    AddToRequest,
    AdminCommand,
    AnswerOffer,
    Broadcast,
    CancelHelpRequest,
    ChangeCalls,
    ChangeStanding,
    ConfirmReceipt,
    CreateHelpRequest,
    Effect,
    FindServices,
    FlagDanger,
    ForgetMe,
    GiveBackTask,
    GiveConsent,
    LeaveVolunteering,
    LogCall,
    ManageConcern,
    MarkTaskDone,
    RaiseConcern,
    RecordFeedback,
    RecordRequestFor,
    RegisterVolunteer,
    RememberFirstName,
    Reply,
    ReportNoCall,
    SetCallPlan,
    SetLanguage,
    SetPaymentMethod,
    SetVolunteerPaused,
    ShowMyDetails,
    StartCall,
    State,
    UpdateVolunteer,
    WithdrawConsent,
)
from bot.services.help_requests import intake
from bot.services.help_requests.adding import add_to_request
from bot.services.people import consent, my_details, privacy
from bot.services.shared import audit
from bot.services.shared.describe import helped_by
from bot.services.safeguarding import takeover as talking_through_the_hub
from bot.services.help_requests.cancelling import BY_RESIDENT, cancel_request
from bot.services.coordinating.admin import AdminService
from bot.services.calls.checkins import CheckInService
from bot.services.safeguarding.concerns import ConcernService
from bot.services.community.directory import DirectoryService
from bot.services.help_requests.give_back import give_back
from bot.services.shared.identities import InvalidPhoneNumber, grant_role, normalise_phone
from bot.services.sending.notify import Notifier
from bot.services.help_requests.offers import OfferService
from bot.services.community.partners import PartnerService
from bot.services.help_requests.receipts import ReceiptService, ask_how_to_pay
from bot.services.help_requests import standing as standing_requests
from bot.services.help_requests.standing import StandingService
from bot.services.help_requests.volunteer_time import note_minutes
from models import (
    HelpCategory,
    HelpRequest,
    Person,
    RequestStatus,
    Role,
    VettingStatus,
    VolunteerProfile,
)


@dataclass(frozen=True)
class Services:
    """The services effects are carried out by."""

    offers: OfferService
    concerns: ConcernService
    admin: AdminService
    checkins: CheckInService
    directory: DirectoryService
    partners: PartnerService
    receipts: ReceiptService
    # Standing requests ("shopping every Friday"); None where a hub is built without them.
    standing: StandingService | None = None


def apply_effects(
    session: Session,
    person: Person,
    effects: list[Effect],
    channel: str,
    now: datetime,
    services: Services,
) -> tuple[list[Reply], State | None]:
    """Carry out the effects. Returns replies whose words depend on the outcome, and the
    state the sender's conversation moves to when an outcome decides it (else None)."""
    offers, concerns, checkins = services.offers, services.concerns, services.checkins
    replies: list[Reply] = []
    follow_up: State | None = None
    for effect in effects:
        match effect:
            case RememberFirstName(first_name=name):
                person.first_name = name
            case SetLanguage(language=language):
                person.language = language
                audit.record(session, "person.language", now, actor_id=person.id,
                             channel=channel, subject=f"person:{person.id}", language=language)
            case CreateHelpRequest():
                request = create_help_request(session, person, effect, channel, now)
                if services.admin.campaigns is not None:  # asked for after a check-up
                    services.admin.campaigns.link_request(session, person, request)
                if effect.repeats_every_days:
                    standing_requests.start(session, request, effect.repeats_every_days, now)
                offers.start_matching(session, request, now)
                replies += services.directory.suggest_alongside(session, request, person, now)
                if request.category in money.PAID_FOR:
                    if follow_up is not None and follow_up.flow == money.PAYMENT_FLOW:
                        # Shopping and a prescription in one message: one question for both.
                        follow_up.data.setdefault("also", []).append(request.reference)
                    else:
                        follow_up = ask_how_to_pay(person, request.reference,
                                                   request.category, replies)
            case ChangeStanding(standing_id=standing_id, action=action, on=on):
                if services.standing is not None:
                    replies += services.standing.change(session, person, standing_id, action,
                                                        on, channel, now)
            case AddToRequest(reference=reference, text=words):
                add_to_request(session, person, reference, words, channel, now, offers.notifier)
            case SetPaymentMethod(reference=reference, method=method):
                services.receipts.set_payment_method(session, person, reference, method, channel,
                                                     now)
            case ConfirmReceipt(reference=reference, agreed=agreed):
                services.receipts.confirm(session, person, reference, agreed, channel, now)
            case FindServices(kinds=kinds, place=place, district=district):
                found, state = services.directory.answer_question(session, person, kinds, place,
                                                                  district)
                replies += found
                follow_up = state or follow_up
            case CancelHelpRequest(reference=reference):
                replies += cancel_help_request(session, person, reference, channel, now,
                                               offers.notifier)
            case RegisterVolunteer():
                register_volunteer(session, person, effect, channel, now)
            case SetVolunteerPaused(paused=paused):
                set_paused(session, person, paused, channel, now)
            case LeaveVolunteering():
                leave_volunteering(session, person, channel, now)
            case AnswerOffer(reference=reference, accept=accept) if reference.startswith("N-"):
                replies += services.partners.answer(session, person, reference, accept, now,
                                                    channel)
            case AnswerOffer(reference=reference, accept=accept):
                replies += offers.answer(session, person, reference, accept, now, channel)
                if accept:
                    follow_up = ask_for_call_plan(session, person, reference, replies) or follow_up
            case SetCallPlan(reference=reference, call=call):
                replies += checkins.plan(session, person, reference, call, now)
            case LogCall(outcome=outcome, note=note, retry_on=day, retry_minute=minute,
                         minutes=minutes):
                retry_at = None if day is None or minute is None else checkins.at_local(day, minute)
                replies += checkins.log(session, person, outcome, note, retry_at, channel, now,
                                        minutes=minutes)
            case StartCall():
                replies += checkins.start_masked_call(session, person, now)
            case ReportNoCall():
                replies += checkins.resident_says_nobody_called(session, person, channel, now)
            case ChangeCalls(action="end", reference=reference):
                if reference is not None and person.has_role(Role.COORDINATOR) \
                        and checkins.schedule_of(session, person, reference) is None:
                    replies += checkins.end_by_coordinator(session, person, reference, channel,
                                                           now)
                else:
                    replies += checkins.end(session, person, channel, now, reference)
            case ChangeCalls(action="pause", until=until):
                replies += checkins.pause(session, person, until, channel, now)
            case GiveBackTask(reference=reference):
                replies += give_back(session, person, reference, now, channel, offers)
            case MarkTaskDone(reference=reference, receipt_pence=pence, note=note,
                              minutes=minutes):
                # Regular calls are not a one-off task: DONE logs today's call.
                logged = checkins.log_task_done(session, person, reference, note, channel, now)
                if logged is not None:
                    replies += logged
                    continue
                done = offers.mark_done(session, person, reference, now, channel,
                                        receipts=services.receipts, receipt_pence=pence)
                noted = note_minutes(session, person, reference, minutes, now, channel)
                if noted and done:  # one message: the thanks, and the time kept
                    done[0] = Reply(f"{done[0].text} {noted}", done[0].choices)
                replies += done
            case RaiseConcern(text=worry, urgent=urgent, reference=reference):
                concerns.raise_concern(session, person, worry, urgent, reference, channel, now)
                checkins.note_concern(session, person, worry, now)
            case FlagDanger(text=words, kind=kind):
                concerns.flag_danger(session, person, words, kind, channel, now)
            case ManageConcern(action=action, number=number, note=note):
                if person.has_role(Role.COORDINATOR):
                    replies += concerns.manage(session, person, action, number, note, channel, now)
            case AdminCommand(command=command, arguments=arguments):
                if person.has_role(Role.COORDINATOR):
                    replies += services.admin.run(session, person, command, arguments, channel,
                                                  now)
            case RecordRequestFor():  # NEW: bot/services/help_requests/intake.py
                if person.has_role(Role.COORDINATOR):
                    replies += intake.record_from_chat(session, person, effect, channel, now,
                                                       services.admin)
            case Broadcast(areas=areas, skill=skill, text=words, send=send):
                if person.has_role(Role.COORDINATOR):
                    counted = services.admin.broadcast(session, person, areas, skill, words,
                                                       send, channel, now)
                    replies += counted
                    if not send and not counted[0].choices:
                        follow_up = State()  # nobody to send it to: nothing to confirm
            case RecordFeedback(reference=reference, text=feedback):
                record_feedback(session, person, reference, feedback, channel, now)
            case ForgetMe():
                privacy.erase_person(session, person.id, now, person.id, channel, offers=offers)
            case WithdrawConsent():
                replies += consent.withdraw_consent(session, person, channel, now, offers)
            case GiveConsent():
                replies += consent.give_consent(session, person, channel, now, offers)
            case ShowMyDetails():
                replies += my_details.show(session, person, offers.notifier)
            case UpdateVolunteer():
                replies += my_details.update_volunteer(session, person, effect, channel, now,
                                                       offers.notifier)
            case campaign.CheckUpAnswered():
                if services.admin.campaigns is not None:
                    services.admin.campaigns.record_reply(session, person, effect, channel, now)
            case takeover.ForwardToCoordinator():
                talking_through_the_hub.forward(session, person, effect, offers.notifier, now)
            case takeover.HandBack():
                talking_through_the_hub.timed_out(session, effect, person, offers.notifier, now,
                                                  channel)
            case _:
                raise TypeError(f"no handler for effect {effect!r}")
    return replies, follow_up


def ask_for_call_plan(session: Session, volunteer: Person, reference: str,
                      replies: list[Reply]) -> State | None:
    """A befriending task just won: ask when the volunteer will ring, in the same reply."""
    request = session.scalar(select(HelpRequest).where(
        HelpRequest.reference == reference, HelpRequest.assigned_volunteer_id == volunteer.id,
        HelpRequest.category == HelpCategory.BEFRIENDING))
    if request is None:
        return None
    turn = Turn.hub_asks(volunteer.language)
    resident = session.get(Person, request.resident_id)
    state = calls.ask_for_plan(turn, reference, helped_by(request, resident, turn.t),
                               describe_when(request.needed_when_text, volunteer.language)
                               or turn.t("when.any_time"))
    replies.extend(turn.replies)
    return state


def record_feedback(session: Session, person: Person, reference: str, feedback: str,
                    channel: str, now: datetime) -> None:
    request = session.scalar(select(HelpRequest).where(
        HelpRequest.reference == reference, HelpRequest.resident_id == person.id))
    if request is None:
        return
    request.feedback = feedback
    request.feedback_at = now
    audit.record(session, "request.feedback", now, actor_id=person.id, channel=channel,
                 subject=reference)


def number_given(typed: str | None) -> str | None:
    """The number to ring someone written for on, in the form phones dial; as typed when it
    is no number phonenumbers knows, so the volunteer still has what was given."""
    if not typed:
        return None
    try:
        return normalise_phone(typed)
    except InvalidPhoneNumber:
        return typed[:32]


def create_help_request(
    session: Session, person: Person, effect: CreateHelpRequest, channel: str, now: datetime
) -> HelpRequest:
    grant_role(person, Role.RESIDENT)
    request = HelpRequest(
        reference=effect.reference,
        resident_id=person.id,
        category=effect.category,
        details=effect.details,
        postcode=effect.postcode,
        latitude=effect.latitude,
        longitude=effect.longitude,
        address_line=effect.address_line,
        needed_on=effect.needed_on,
        needed_when_text=effect.needed_when_text,
        resident_age_band=effect.resident_age_band,
        urgency=effect.urgency,
        consent_given=effect.consent_given,
        consent_wording=effect.consent_wording,
        consent_at=now,
        helped_name=effect.helped_name,
        helped_relation=effect.helped_relation,
        phone_to_ring=number_given(effect.phone_to_ring),
        channel=channel,
        status=RequestStatus.NEW,
        created_at=now,
    )
    session.add(request)
    session.flush()
    audit.record(session, "request.created", now, actor_id=person.id, channel=channel,
                 subject=effect.reference, category=effect.category,
                 consent=effect.consent_given)
    if effect.consent_given:  # YES to the consent question ends an earlier withdrawal
        consent.consent_given_again(session, person, channel, now, how=effect.reference)
    return request


def cancel_help_request(
    session: Session, person: Person, reference: str, channel: str, now: datetime,
    notifier: Notifier,
) -> list[Reply]:
    """A resident's own cancel, confirmed: the volunteer is told and calls stop."""
    say = notifier.speaker(person)
    request = session.scalar(
        select(HelpRequest).where(
            HelpRequest.reference == reference, HelpRequest.resident_id == person.id
        )
    )
    cancelled = None if request is None else cancel_request(
        session, request, now, notifier, why=BY_RESIDENT, actor_id=person.id, channel=channel)
    if cancelled is None or cancelled.volunteer_told is None:
        # Already closed is cancelled too: cancelling twice is harmless.
        return [Reply(say("cancelled", reference=reference))]
    key = "cancelled_calls_ended" if cancelled.calls_ended else "cancelled_volunteer_told"
    return [Reply(say(key, reference=reference, volunteer=cancelled.volunteer_told))]


def register_volunteer(
    session: Session, person: Person, effect: RegisterVolunteer, channel: str, now: datetime
) -> None:
    person.first_name = effect.first_name
    grant_role(person, Role.VOLUNTEER)
    profile = person.volunteer_profile
    if profile is None:
        profile = VolunteerProfile(vetting_status=VettingStatus.PENDING, joined_at=now)
        person.volunteer_profile = profile
    profile.postcode = effect.postcode
    profile.latitude = effect.latitude
    profile.longitude = effect.longitude
    profile.travel_radius_km = effect.travel_radius_km
    profile.skills = list(effect.skills)
    profile.availability = list(effect.availability)
    profile.languages = list(effect.languages)
    profile.age_band = effect.age_band
    profile.lived_experience = effect.lived_experience
    profile.code_agreed_at = now
    profile.paused = False
    profile.left_at = None
    session.flush()
    audit.record(session, "volunteer.signed_up", now, actor_id=person.id, channel=channel,
                 subject=f"person:{person.id}")
    # Signing up again, code agreed, ends an earlier withdrawal of consent.
    consent.consent_given_again(session, person, channel, now, how="volunteer_signed_up")


def set_paused(session: Session, person: Person, paused: bool, channel: str, now: datetime) -> None:
    profile = person.volunteer_profile
    if profile is None:
        return
    profile.paused = paused
    audit.record(session, "volunteer.paused" if paused else "volunteer.resumed", now,
                 actor_id=person.id, channel=channel, subject=f"person:{person.id}")


def leave_volunteering(session: Session, person: Person, channel: str, now: datetime) -> None:
    profile = person.volunteer_profile
    if profile is not None:
        profile.left_at = now
        profile.paused = True
    for role in list(person.roles):
        if role.role == Role.VOLUNTEER:
            person.roles.remove(role)
    audit.record(session, "volunteer.left", now, actor_id=person.id, channel=channel,
                 subject=f"person:{person.id}")
