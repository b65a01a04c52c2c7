"""Phone numbers and who is talking."""

import pytest

from bot.services.shared.identities import (
    InvalidPhoneNumber,
    console_identity_for,
    mask_phone,
    normalise_phone,
)
from bot.services.shared.unit_of_work import UnitOfWork
from bot.services.people.coordinators import add_coordinator


@pytest.mark.parametrize("raw", ["07700 900123", "07700900123", "+44 7700 900123",
                                 "+447700900123", "(07700) 900-123"])
def test_uk_numbers_in_any_form_become_e164(raw):
    assert normalise_phone(raw) == "+447700900123"


@pytest.mark.parametrize("raw", ["123", "hello", "", "0770090012345678"])
def test_junk_is_not_a_phone_number(raw):
    with pytest.raises(InvalidPhoneNumber):
        normalise_phone(raw)


# The same rule whatever the first character: only ASCII digits and phone punctuation.
@pytest.mark.parametrize("raw", ["+1", "+abc", "+" + "7" * 100, "7" * 100,
                                 "+４４７７００９００１２３", "０７７００ ９００１２３",
                                 "+44 7700 FLOWER", "07700 900123 ext 5", "+447700900123\x00",
                                 "tel:+447700900123"])
def test_what_is_not_plainly_a_phone_number_is_refused(raw):
    with pytest.raises(InvalidPhoneNumber):
        normalise_phone(raw)


def test_spaces_of_any_kind_between_digits_are_fine():
    assert normalise_phone("07700\u00a0900123") == "+447700900123"  # as spreadsheets write it


def test_logs_never_see_a_whole_number():
    assert "900123" not in mask_phone("+447700900123")


def test_the_console_speaks_as_a_phone_a_known_name_or_a_new_name(hub):
    with UnitOfWork(hub.session_factory) as uow:
        add_coordinator(uow.session, "phone", "+447700900555", "Carol", hub.clock())
        uow.commit()
    with UnitOfWork(hub.session_factory) as uow:
        assert console_identity_for(uow.session, "07700 900123", "GB") == ("phone",
                                                                          "+447700900123")
        assert console_identity_for(uow.session, "carol", "GB") == ("phone", "+447700900555")
        assert console_identity_for(uow.session, "Somebody New", "GB") == ("console",
                                                                          "somebody new")
