"""MY DETAILS and UPDATE: what the hub holds about someone, said back, and changed.

People should be able to see what we keep about them without asking a coordinator
(and correct it): a volunteer's area, skills, free time, languages and checks, a
resident's name and the address we would offer back next time.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot.dialogue.types import Reply, UpdateVolunteer
from bot.dialogue.wording import describe_slots
from bot.services.shared import audit
from bot.services.shared.describe import phone_of
from bot.services.sending.notify import Notifier
from bot.services.shared.remembered import remembered_place
from bot.understanding.parsing import LANGUAGE_NAMES
from models import Person, Role

MILES = 1.609344
# A language's name from its code, the first (plainest) name the reader knows it by.
LANGUAGE_OF = {}
for _name, _code in LANGUAGE_NAMES.items():
    LANGUAGE_OF.setdefault(_code, _name.title())


def show(session: Session, person: Person, notifier: Notifier) -> list[Reply]:
    say = notifier.speaker(person)
    held = [say("my_details", name=person.first_name or say("my_details_no_name"),
                phone=phone_of(session, person.id))]
    profile = person.volunteer_profile
    if person.has_role(Role.VOLUNTEER) and profile is not None:
        held.append(volunteering(profile, person, say))
    place = remembered_place(session, person.id) if person.has_role(Role.RESIDENT) else None
    if place is not None:
        held.append(say("my_details_address",
                        place=", ".join(p for p in (place.address, place.postcode) if p)))
    replies = [Reply(" ".join(held))]
    how = "my_details_how_volunteer" if person.has_role(Role.VOLUNTEER) else "my_details_how"
    return replies + [Reply(say(how))]


def volunteering(profile, person: Person, say) -> str:
    skills = [say(f"category.{skill}").lower() for skill in profile.skills]
    checks = [say(f"check.{name}") for name, on in (
        ("id", profile.id_checked_on), ("dbs_enhanced", profile.dbs_checked_on),
        ("befriending_training", profile.training_completed_on)) if on is not None]
    return say("my_details_volunteering",
               skills=", ".join(skills) or say("my_details_none"),
               availability=describe_slots(profile.availability, person.language)
               if profile.availability else say("my_details_none"),
               radius=say("radius_miles", miles=f"{profile.travel_radius_km / MILES:.3g}"),
               postcode=profile.postcode or "?",
               languages=", ".join(LANGUAGE_OF.get(code, code) for code in profile.languages)
               or say("my_details_none"),
               checks=", ".join(checks) or say("my_details_no_checks"),
               standing=say("v_standing_paused") if profile.paused
               else say(f"vetting.{profile.vetting_status}"))


def update_volunteer(session: Session, person: Person, change: UpdateVolunteer, channel: str,
                     now: datetime, notifier: Notifier) -> list[Reply]:
    """Change only what was named; say back everything, so a mistake is seen at once."""
    say = notifier.speaker(person)
    profile = person.volunteer_profile
    if profile is None or not person.has_role(Role.VOLUNTEER):
        return [Reply(say("v_update_not_volunteer"))]
    changed = []
    if change.first_name:
        person.first_name = change.first_name
        changed.append("name")
    if change.postcode is not None:
        profile.postcode, profile.latitude, profile.longitude = (
            change.postcode, change.latitude, change.longitude)
        changed.append("postcode")
    for field, value in (("travel_radius_km", change.travel_radius_km),
                         ("skills", change.skills), ("availability", change.availability),
                         ("languages", change.languages)):
        if value is not None:
            if change.adding and isinstance(value, tuple):
                held = list(getattr(profile, field) or ())
                value = tuple(held + [item for item in value if item not in held])
            setattr(profile, field, list(value) if isinstance(value, tuple) else value)
            changed.append(field)
    profile.updated_at = now
    audit.record(session, "volunteer.updated", now, actor_id=person.id, channel=channel,
                 subject=f"person:{person.id}", changed=changed)
    return [Reply(say("v_updated", held=volunteering(profile, person, say)))]

