"""Plain data the dialogue engine reads and returns. No I/O, no libraries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from bot.understanding.reading import CallTime


@dataclass(frozen=True)
class Choice:
    """One option offered with a reply: a button on Telegram, a keyword on SMS."""

    value: str  # what comes back when chosen, and the word an SMS user types
    label: str


@dataclass(frozen=True)
class Attachment:
    """A file sent with a reply, on a channel that carries files (a CSV on Telegram)."""

    filename: str
    media_type: str
    content: bytes


@dataclass(frozen=True)
class Reply:
    text: str
    choices: tuple[Choice, ...] = ()
    attachment: Attachment | None = None


@dataclass(frozen=True)
class KnownPostcode:
    """Where a postcode in the message is, as the service looked it up."""

    postcode: str  # normalised, "RM17 6SL"
    latitude: float
    longitude: float
    precision: str  # "postcode", or "district" when only the outward code is known


@dataclass(frozen=True)
class RememberedPlace:
    """Where a returning resident asked for help last time, to offer back for a YES."""

    postcode: str
    latitude: float
    longitude: float
    address: str | None = None  # "12 Orsett Road", when a visit needed it


@dataclass(frozen=True)
class RequestSummary:
    reference: str
    category: str
    status: str
    when_text: str | None = None
    # Only for a volunteer's own open task: who and where, to find them again. When the
    # writer asked for someone else, the helped person's name and relation to the writer
    # (whose phone it is); wording.who_is_helped says them.
    first_name: str = ""
    address: str = ""
    phone: str = ""
    helped_name: str | None = None
    helped_relation: str | None = None
    # Shopping or a prescription paid in cash or by the resident's card: DONE asks the amount.
    needs_receipt: bool = False
    # Only for a resident's own request: who took it, and whether regular calls go on.
    volunteer: str = ""
    calls: bool = False


@dataclass(frozen=True)
class OfferSummary:
    """A task offered to a volunteer, with only what they need to decide."""

    reference: str
    category: str
    when_text: str | None
    first_name: str
    area: str  # street or postcode district, never the house
    distance_km: float | None = None


@dataclass(frozen=True)
class PlaceSummary:
    """A place a volunteer took on a partner's need (a care home's befriending rota)."""

    reference: str
    category: str
    partner: str
    postcode: str
    how_often: str
    contact: str  # the partner's contact: first name and phone
    until: date | None = None


@dataclass(frozen=True)
class GivenTime:
    """A volunteer's tasks done and check-in calls logged done, and the minutes they said
    those took: this month, and in all."""

    month_tasks: int = 0
    month_minutes: int = 0
    all_tasks: int = 0
    all_minutes: int = 0
    month_calls: int = 0
    all_calls: int = 0


@dataclass(frozen=True)
class VolunteerSummary:
    vetting_status: str
    paused: bool
    tasks: tuple[RequestSummary, ...] = ()
    offers: tuple[OfferSummary, ...] = ()
    places: tuple[PlaceSummary, ...] = ()
    given: GivenTime = field(default_factory=GivenTime)


@dataclass(frozen=True)
class StandingSummary:
    """A resident's help wanted again and again ("shopping every Friday")."""

    standing_id: int
    category: str
    every_days: int  # 7 or 14
    weekday: int  # 0 = Monday
    status: str  # active, paused
    next_on: date | None = None  # the next day help comes, made or still to be made


@dataclass(frozen=True)
class PersonContext:
    """What the engine may know about the sender, read by the service first."""

    first_name: str | None = None
    language: str = "en"
    roles: frozenset[str] = frozenset()
    open_requests: tuple[RequestSummary, ...] = ()
    volunteer: VolunteerSummary | None = None
    hub_name: str = "Neighbourly"
    # The reference a request created by this message will carry.
    next_reference: str = "R-0000"
    # More for a message that asks for several kinds of help at once (one request each).
    spare_references: tuple[str, ...] = ()
    # Regular check-in calls: the person has a schedule (as caller or called);
    # a volunteer's call that has come due and is not yet logged, by the resident's name.
    has_calls: bool = False
    call_pending_with: str | None = None
    # They texted WITHDRAW CONSENT and have not given it again.
    consent_withdrawn: bool = False
    # Whether anyone coordinates this hub: STATUS never promises one who isn't there.
    coordinated: bool = True
    # A returning resident's last address: offered back rather than asked again.
    remembered_place: RememberedPlace | None = None
    # Help they have asked for again and again, not ended.
    standing: tuple[StandingSummary, ...] = ()


@dataclass(frozen=True)
class Inbound:
    text: str
    channel: str
    received_at: datetime
    person: PersonContext = field(default_factory=PersonContext)
    # Postcodes found in `text`, looked up by the service: normalised -> place.
    # A syntactically valid postcode missing here is unknown to the hub.
    postcodes: dict[str, KnownPostcode] = field(default_factory=dict)
    # The whole message found as an address by online geocoding, when the hub
    # has it on and the message answers "what is your postcode?".
    place: KnownPostcode | None = None


@dataclass
class State:
    """Where a conversation stands. Serialised to the database as plain JSON."""

    flow: str = "idle"
    step: str = "start"
    data: dict[str, Any] = field(default_factory=dict)


# Effects: what the service must do once the engine has decided.


@dataclass(frozen=True)
class RememberFirstName:
    first_name: str


@dataclass(frozen=True)
class SetLanguage:
    """The person chose the language we write to them in (LANG PL, JĘZYK EN...)."""

    language: str  # a code from catalogue.SUPPORTED_LANGUAGES


@dataclass(frozen=True)
class CreateHelpRequest:
    reference: str
    category: str
    details: str
    first_name: str
    postcode: str
    latitude: float
    longitude: float
    address_line: str | None
    needed_on: date | None
    needed_when_text: str | None
    resident_age_band: str | None
    urgency: str
    consent_given: bool
    consent_wording: str
    # "Every Friday": a standing request, a task made each time (7 or 14 days apart).
    repeats_every_days: int | None = None
    # Written for someone else: their first name if given, and their relation to the
    # writer ("mum"; "someone" when not said). See HelpRequest.helped_name.
    helped_name: str | None = None
    helped_relation: str | None = None
    # The number to ring the person written for on, as typed ("01375 123456"); None for
    # the writer's own (a befriending call for someone else: resident.py asks it).
    phone_to_ring: str | None = None


@dataclass(frozen=True)
class ChangeStanding:
    """A resident's standing request: "skip" the time on or after `on` (today for None),
    or "end" it."""

    standing_id: int
    action: str
    on: date | None = None


@dataclass(frozen=True)
class AddToRequest:
    """More of what was asked for, said after the request was saved ("and a few tins"):
    added to its details, not made a second request."""

    reference: str
    text: str


@dataclass(frozen=True)
class RecordFeedback:
    """The resident's own words on how a finished task went."""

    reference: str
    text: str


@dataclass(frozen=True)
class CancelHelpRequest:
    reference: str


@dataclass(frozen=True)
class RegisterVolunteer:
    first_name: str
    postcode: str
    latitude: float
    longitude: float
    travel_radius_km: float
    skills: tuple[str, ...]
    availability: tuple[str, ...]
    languages: tuple[str, ...]
    age_band: str | None
    lived_experience: str | None


@dataclass(frozen=True)
class SetVolunteerPaused:
    paused: bool


@dataclass(frozen=True)
class LeaveVolunteering:
    pass


@dataclass(frozen=True)
class RaiseConcern:
    """A volunteer's worry about someone, for the coordinators at once."""

    text: str
    urgent: bool
    reference: str | None = None  # the task it is about, when they said


@dataclass(frozen=True)
class FlagDanger:
    """A message that suggests someone is in danger now: the coordinators are told."""

    text: str
    kind: str = "medical"  # understanding.danger: medical, suicide, abuse, fire_gas, welfare


@dataclass(frozen=True)
class ManageConcern:
    """A coordinator's CONCERNS (number None), ACK number or RESOLVE number note."""

    action: str  # "list", "ack" or "resolve"
    number: int | None = None
    note: str = ""


@dataclass(frozen=True)
class SetCallPlan:
    """The volunteer says when they will ring the resident of a befriending task
    (reference None: the volunteer's current calls, to change their time)."""

    reference: str | None
    call: CallTime


@dataclass(frozen=True)
class LogCall:
    """How a check-in call went: "done", "no_answer" or "rescheduled" (to a day and time)."""

    outcome: str
    note: str = ""
    retry_on: date | None = None
    retry_minute: int | None = None
    minutes: int | None = None  # the time a done call took, when said ("DONE 30 min")


@dataclass(frozen=True)
class StartCall:
    """CALL: the volunteer asks the hub to connect them to the resident."""


@dataclass(frozen=True)
class ReportNoCall:
    """A resident says nobody rang."""


@dataclass(frozen=True)
class ChangeCalls:
    """END CALLS, or PAUSE CALLS until a date."""

    action: str  # "end" or "pause"
    until: date | None = None
    reference: str | None = None  # a coordinator ending someone else's calls


@dataclass(frozen=True)
class Broadcast:
    """A coordinator's message to volunteers by area and skill: counted first, sent on YES."""

    areas: tuple[str, ...]  # postcode districts ("RM17"); empty for everywhere
    skill: str | None
    text: str
    send: bool = False


@dataclass(frozen=True)
class AdminCommand:
    """A coordinator's command and the rest of their message, for the service to carry out."""

    command: str
    arguments: str


@dataclass(frozen=True)
class RecordRequestFor:
    """A coordinator records a request for someone who rang or was referred (NEW), the
    person's agreement given on the phone (bot/dialogue/intake.py)."""

    name: str
    phone: str  # as typed: a mobile or a landline
    postcode: str
    address_line: str
    category: str
    needed_on: date | None
    when_text: str | None
    source: str  # self, family, partner, coordinator
    referrer_name: str | None = None
    referrer_contact: str | None = None


@dataclass(frozen=True)
class AnswerOffer:
    """A volunteer's YES or NO to an offer; the service says who won it."""

    reference: str
    accept: bool


@dataclass(frozen=True)
class GiveBackTask:
    """A volunteer can't do a task they took after all: it goes to someone else."""

    reference: str


@dataclass(frozen=True)
class MarkTaskDone:
    reference: str
    # What the receipt came to, for shopping paid other than by phone; 0 for none.
    receipt_pence: int | None = None
    note: str = ""  # for regular calls: how today's call went, kept with it
    minutes: int | None = None  # the time it took, when the volunteer said ("45 min")


@dataclass(frozen=True)
class SetPaymentMethod:
    """How the resident will pay for their shopping or prescription."""

    reference: str
    method: str  # models.PaymentMethod value


@dataclass(frozen=True)
class ConfirmReceipt:
    """The resident's YES or NO to the amount the volunteer spent."""

    reference: str
    agreed: bool


@dataclass(frozen=True)
class FindServices:
    """A resident asks which local services could help; the service answers from the directory
    (near `place`, or where the hub last knew them to be)."""

    kinds: tuple[str, ...]
    place: KnownPostcode | None
    district: str | None = None  # "in RM17": only the district was named


@dataclass(frozen=True)
class ForgetMe:
    """The person confirmed FORGET ME: erase everything the hub holds about them."""


@dataclass(frozen=True)
class WithdrawConsent:
    """The person confirmed WITHDRAW CONSENT: stop using their details, short of erasing."""


@dataclass(frozen=True)
class GiveConsent:
    """GIVE CONSENT after a withdrawal: their details may be used again."""


@dataclass(frozen=True)
class ShowMyDetails:
    """MY DETAILS: what the hub holds about the sender, said back by the service."""


@dataclass(frozen=True)
class UpdateVolunteer:
    """UPDATE and a change: only what the words named is changed (None: as it was)."""

    first_name: str | None = None
    postcode: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    travel_radius_km: float | None = None
    skills: tuple[str, ...] | None = None
    availability: tuple[str, ...] | None = None
    languages: tuple[str, ...] | None = None
    # "I can do dog walking too": skills, times and languages named are added to those held.
    adding: bool = False


Effect = (
    RememberFirstName
    | SetLanguage
    | CreateHelpRequest
    | AddToRequest
    | CancelHelpRequest
    | RegisterVolunteer
    | SetVolunteerPaused
    | LeaveVolunteering
    | AnswerOffer
    | MarkTaskDone
    | GiveBackTask
    | ForgetMe
    | WithdrawConsent
    | GiveConsent
    | RecordFeedback
    | RaiseConcern
    | FlagDanger
    | ManageConcern
    | AdminCommand
    | RecordRequestFor
    | Broadcast
    | SetCallPlan
    | LogCall
    | ReportNoCall
    | StartCall
    | ChangeCalls
    | SetPaymentMethod
    | ConfirmReceipt
    | FindServices
    | ShowMyDetails
    | UpdateVolunteer
    | ChangeStanding
)
