"""Online geocoding of a typed address: real geopy to a local Nominatim double, cached, rate-limited."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from itertools import count, pairwise

import pytest
from geopy.exc import GeopyError
from sqlalchemy import func, select

from bot.app import build_hub
from bot.services.running.conversations import IncomingMessage
from bot.services.shared.geocoding import AddressFinder, address_query, nominatim
from bot.settings import SettingsError
from doubles.nominatim import FakeNominatim
from fakes import FakePostcodeLocator
from models import GeocodedAddress, HelpRequest

ORSETT_ROAD = (51.4788, 0.3240, "RM17 5DS")
message_ids = count()


@pytest.fixture
def nominatim_double():
    with FakeNominatim({"12 orsett road, grays": ORSETT_ROAD}) as double:
        yield double


@pytest.fixture
def geocoding_hub(settings, clock, nominatim_double):
    configured = settings.with_changes(geocoder="nominatim", nominatim_url=nominatim_double.url,
                                       hub_contact="01375 000000")
    hub = build_hub(configured, clock=clock, locate_postcode=FakePostcodeLocator())
    hub.conversations._find_address.min_interval = 0  # the double has no usage policy
    yield hub
    hub.close()


def say(hub, phone, text):
    return hub.conversations.receive(IncomingMessage(
        channel="sms", identity_kind="phone", address=phone,
        channel_message_id=f"GEO{next(message_ids)}", text=text, received_at=hub.clock()))


def test_an_address_instead_of_a_postcode_is_found_online_and_remembered(geocoding_hub,
                                                                        nominatim_double):
    for phone in ("+447700900301", "+447700900302"):
        say(geocoding_hub, phone, "can someone get my shopping? I'm Albert")
        reply = say(geocoding_hub, phone, "12 Orsett Road, Grays").replies[0].body
        assert "When do you need it" in reply  # the street came with it: not asked again
        say(geocoding_hub, phone, "tomorrow")
        say(geocoding_hub, phone, "yes")
    with geocoding_hub.session_factory() as session:
        requests = session.scalars(select(HelpRequest)).all()
        assert [(r.postcode, r.latitude, r.address_line) for r in requests] == [
            ("RM17 5DS", 51.4788, "12 Orsett Road, Grays")] * 2
        assert session.scalar(select(func.count()).select_from(GeocodedAddress)) == 1
    assert len(nominatim_double.calls) == 1  # the second resident's address came from the cache
    call = nominatim_double.calls[0]
    assert call["countrycodes"] == "gb" and call["addressdetails"] == "1"
    assert "Neighbourly" in call["user_agent"] and "01375 000000" in call["user_agent"]


def test_an_unknown_address_gets_the_postcode_example_and_is_not_asked_again(
        geocoding_hub, nominatim_double):
    say(geocoding_hub, "+447700900303", "shopping please, I'm Albert")
    for _ in range(2):
        reply = say(geocoding_hub, "+447700900303", "the house by the river").replies[0].body
        assert "RM17 6SL" in reply
    assert len(nominatim_double.calls) == 1


def test_an_unreachable_geocoder_falls_back_to_asking_for_the_postcode(geocoding_hub,
                                                                      nominatim_double):
    nominatim_double.failing = True
    say(geocoding_hub, "+447700900304", "shopping please, I'm Albert")
    assert "RM17 6SL" in say(geocoding_hub, "+447700900304", "12 Orsett Road, Grays").replies[0].body
    with geocoding_hub.session_factory() as session:  # a failure is not remembered as a miss
        assert session.scalar(select(func.count()).select_from(GeocodedAddress)) == 0


def test_an_address_found_online_is_forgotten_with_the_person_who_typed_it(geocoding_hub,
                                                                          clock):
    from bot.services.people.privacy import erase_person

    say(geocoding_hub, "+447700900306", "can someone get my shopping? I'm Albert")
    say(geocoding_hub, "+447700900306", "12 Orsett Road, Grays")
    with geocoding_hub.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(GeocodedAddress)) == 1
    for text in ("tomorrow", "yes"):
        say(geocoding_hub, "+447700900306", text)
    with geocoding_hub.session_factory.begin() as session:
        resident_id = session.scalar(select(HelpRequest.resident_id))
        erase_person(session, resident_id, clock(), None, "cli")
    with geocoding_hub.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(GeocodedAddress)) == 0


def test_off_by_default_nothing_is_looked_up(hub):
    say(hub, "+447700900305", "shopping please, I'm Albert")
    assert "RM17 6SL" in say(hub, "+447700900305", "12 Orsett Road, Grays").replies[0].body


def test_lookups_are_spaced_at_least_a_second_apart_by_default(nominatim_double):
    finder = AddressFinder(nominatim(nominatim_double.url, "test-agent"))

    assert finder.min_interval == 1.0  # Nominatim's usage policy


def test_lookups_from_several_threads_queue_for_the_interval(nominatim_double):
    # A short interval keeps the test quick; the spacing is what is checked.
    finder = AddressFinder(nominatim(nominatim_double.url, "test-agent"), min_interval=0.3)
    queries = ["12 orsett road, grays", "somewhere else entirely", "the third place"]
    with ThreadPoolExecutor(max_workers=3) as pool:
        list(pool.map(finder._ask, queries))

    arrivals = sorted(nominatim_double.arrived_at)
    assert sorted(call["q"] for call in nominatim_double.calls) == sorted(queries)
    gaps = [later - earlier for earlier, later in pairwise(arrivals)]
    assert all(gap >= 0.3 - 0.02 for gap in gaps), gaps  # 20 ms for the network's jitter


def test_a_failing_geocoder_is_asked_once_not_retried(nominatim_double):
    nominatim_double.failing = True
    finder = AddressFinder(nominatim(nominatim_double.url, "test-agent"), min_interval=0)

    with pytest.raises(GeopyError):
        finder._ask("12 orsett road, grays")
    assert len(nominatim_double.calls) == 1


@pytest.mark.parametrize("text, query", [
    ("12  Orsett Road,  GRAYS", "12 orsett road, grays"),
    ("yes", None), ("RM17", None), ("12 34", None)])
def test_only_text_that_could_be_an_address_is_looked_up(text, query):
    assert address_query(text) == query


def test_an_unknown_geocoder_setting_is_refused(settings):
    with pytest.raises(SettingsError, match="nominatim"):
        settings.with_changes(geocoder="google")
