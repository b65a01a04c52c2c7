"""Who sent a message, as the conversation service reads it: plain rows first, ORM on demand."""

from datetime import datetime, timezone

import pytest
from sqlalchemy.exc import IntegrityError

from bot.services.running.senders import INSERT_IDENTITY, find_or_create_sender, find_sender
from bot.services.shared.unit_of_work import UnitOfWork
from models import ContactIdentity, Person, PersonRole, VolunteerProfile

WITHDRAWN = datetime(2026, 11, 2, 9, 30, tzinfo=timezone.utc)


def add_person(hub, *, roles=(), profile=None, **fields) -> int:
    with hub.session_factory.begin() as session:
        person = Person(**fields)
        person.identities.append(ContactIdentity(kind="phone", address="+447700900321"))
        person.identities.append(ContactIdentity(kind="telegram", address="5550321"))
        person.roles.extend(PersonRole(role=role) for role in roles)
        person.volunteer_profile = profile
        session.add(person)
        session.flush()
        return person.id


def test_someone_with_several_roles_and_a_profile_is_read_in_full(hub):
    person_id = add_person(hub, first_name="Łucja", language="pl",
                           consent_withdrawn_at=WITHDRAWN,
                           roles=("resident", "volunteer", "coordinator"),
                           profile=VolunteerProfile(vetting_status="approved", paused=True))
    with UnitOfWork(hub.session_factory) as uow:
        sender = find_sender(uow.session, "telegram", "5550321")
    assert sender.person_id == person_id
    assert (sender.first_name, sender.language) == ("Łucja", "pl")
    assert sender.consent_withdrawn_at == WITHDRAWN
    assert sender.roles == {"resident", "volunteer", "coordinator"}
    assert sender.has_role("coordinator") and not sender.has_role("partner")
    assert (sender.volunteer.vetting_status, sender.volunteer.paused,
            sender.volunteer.left) == ("approved", True, False)
    assert sender.opted_out_at is None


def test_someone_without_roles_or_profile_has_neither(hub):
    add_person(hub, first_name="Albert")
    with UnitOfWork(hub.session_factory) as uow:
        sender = find_sender(uow.session, "phone", "+447700900321")
        assert sender.roles == frozenset() and sender.volunteer is None
        assert find_sender(uow.session, "phone", "+447700900999") is None


def test_someone_new_is_created_once_in_their_language(hub):
    with UnitOfWork(hub.session_factory) as uow:
        sender = find_or_create_sender(uow.session, "telegram", "777", language="pl")
        again = find_or_create_sender(uow.session, "telegram", "777")
        uow.commit()
    assert again.person_id == sender.person_id and again.identity_id == sender.identity_id
    assert (sender.language, again.language) == ("pl", "pl")
    with UnitOfWork(hub.session_factory) as uow:
        assert find_or_create_sender(uow.session, "phone", "+447700900888").language == "en"
        # A first message racing another from the same new sender would insert the
        # identity again: refused, so the conversation service retries and finds it.
        with pytest.raises(IntegrityError):
            uow.session.execute(INSERT_IDENTITY, {"person_id": sender.person_id,
                                                  "kind": "telegram", "address": "777"})


def test_a_change_through_the_orm_person_is_kept_and_its_language_wins(hub):
    add_person(hub, first_name="Albert")
    with UnitOfWork(hub.session_factory) as uow:
        sender = find_sender(uow.session, "phone", "+447700900321")
        assert sender.current_language() == "en"
        sender.person(uow.session).language = "pl"
        # Held by the sender, so not lost if nothing else refers to it.
        assert sender.person(uow.session) is sender.person(uow.session)
        assert sender.current_language() == "pl"
        assert sender.identity(uow.session).address == "+447700900321"
        uow.commit()
    with UnitOfWork(hub.session_factory) as uow:
        assert find_sender(uow.session, "phone", "+447700900321").language == "pl"
