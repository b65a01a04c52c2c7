"""The database schema: SQLAlchemy 2 declarative models, no behaviour beyond bookkeeping."""

from models.base import Base, UtcDateTime, utc_now
from models.campaigns import (
    CallResult,
    Campaign,
    CampaignMember,
    CampaignStatus,
    CheckUpReply,
)
from models.checkins import (
    CallOutcome,
    CallSchedule,
    CheckInCall,
    Frequency,
    ScheduleStatus,
)
from models.concerns import Concern, ConcernSource, ConcernStatus
from models.messages import (
    AuditEvent,
    ConversationState,
    InboundMessage,
    OutboundAttachment,
    OutboundLane,
    OutboundMessage,
    OutboundStatus,
)
from models.offers import Offer, OfferStatus
from models.people import (
    ContactIdentity,
    IdentityKind,
    Person,
    PersonRole,
    Role,
    VettingStatus,
    VolunteerProfile,
)
from models.partners import (
    DirectoryEntry,
    NeedOffer,
    NeedOfferStatus,
    NeedStatus,
    Partner,
    PartnerNeed,
    ServiceKind,
    ServiceSuggestion,
)
from models.places import GeocodedAddress
from models.standing import StandingRequest, StandingStatus, VolunteerThanks
from models.requests import (
    OPEN_STATUSES,
    HelpCategory,
    HelpRequest,
    PaymentMethod,
    ReceiptPhoto,
    ReceiptStatus,
    RequestStatus,
)

__all__ = [
    "CallResult",
    "Campaign",
    "CampaignMember",
    "CampaignStatus",
    "CheckUpReply",
    "DirectoryEntry",
    "NeedOffer",
    "NeedOfferStatus",
    "NeedStatus",
    "Partner",
    "PartnerNeed",
    "PaymentMethod",
    "ReceiptPhoto",
    "ReceiptStatus",
    "ServiceKind",
    "ServiceSuggestion",
    "AuditEvent",
    "Base",
    "CallOutcome",
    "CallSchedule",
    "CheckInCall",
    "Frequency",
    "ScheduleStatus",
    "Concern",
    "ConcernSource",
    "ConcernStatus",
    "ContactIdentity",
    "ConversationState",
    "GeocodedAddress",
    "HelpCategory",
    "HelpRequest",
    "IdentityKind",
    "InboundMessage",
    "OPEN_STATUSES",
    "Offer",
    "OfferStatus",
    "OutboundAttachment",
    "OutboundMessage",
    "OutboundLane",
    "OutboundStatus",
    "Person",
    "PersonRole",
    "RequestStatus",
    "StandingRequest",
    "StandingStatus",
    "VolunteerThanks",
    "Role",
    "UtcDateTime",
    "VettingStatus",
    "VolunteerProfile",
    "utc_now",
]
