"""Every user-facing text: complete, well-formed, and short enough for two SMS."""

import re
import shutil

import pytest
from babel import Locale
from babel.messages.pofile import read_po

from bot.dialogue import catalogue as catalogues
from bot.dialogue.catalogue import (
    SUPPORTED_LANGUAGES,
    catalogue,
    placeholders,
    plurals,
    po_path,
    read_language,
)
from bot.dialogue.render import as_plain_text
from bot.dialogue.types import Choice, Reply
from bot.dialogue.wording import HELPED_RELATIONS

TWO_SMS_SEGMENTS = 306
GSM7 = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà^{}\\[~]|€"
)
# Long but realistic values for every placeholder, so the length check is honest.
SAMPLE_VALUES = {
    "hub": "Thurrock Community Hub", "name": "Christopher", "helped_name": "Margaret",
    "writer": "Christopher",
    "words": "my curtain rail has come down and I can't reach to put it back",
    "reference": "R-7Q4KX",
    "postcode": "RM17 6SL", "district": "RM17", "areas": "RM17, RM16",
    "category": "transport to an appointment",
    "when": "as soon as possible", "status": "looking for a volunteer", "km": "12.5",
    "miles": "7.5", "vetting": "pending checks",
    "skills": "shopping, prescription collection and a friendly phone call",
    "availability": "weekday mornings, weekend evenings", "radius": "7.5 miles",
    # A one-message sign-up said back: its longest usual form.
    "noted": "shopping, prescription collection and a friendly phone call; weekday mornings, "
             "weekend evenings; within 7.5 miles of RM17 6SL",
    "lines": "R-7Q4K shopping (tomorrow): looking for a volunteer",
    "wording": catalogue("en")["consent_wording"],
    "first_name": "Christopher", "area": "Orsett Road, RM17", "distance": "12.5 km away",
    "reasons": "Why you: 0.8 km away; has lived experience of dementia; helped Betty before. ",
    "contact": "Address: 112 Long Lane Close, RM17 6SL. Phone: +447700900123.",
    "address": "112 Long Lane Close, RM17 6SL", "phone": "+447700900123",
    "place": "112 Long Lane Close, RM17 6SL",
    # MY DETAILS: a volunteer's standing, and the whole of what is held said back.
    "standing": "pending checks", "languages": "English, Polish, Punjabi",
    # A request no volunteer could take, raised with the coordinators.
    "waited": "59 min",
    "held": "Volunteering: shopping, dog walking; free weekday evenings; within 7.5 miles of "
            "RM17 6SL; languages: English, Polish; checks: ID check; pending checks.",
    "volunteer": "Christopher",
    "number": "1234", "action": "RESOLVE", "coordinator": "Christopher",
    "raiser": "Christopher", "raiser_phone": "+447700900123", "resident": "Christopher",
    "resident_phone": "+447700900124", "task": "task R-7Q4KX (transport to an appointment)",
    # An alert shows at most 120 characters of the concern.
    "text": "x" * 121, "added": "x" * 160 + "...", "urgent": "URGENT ", "age": "59 min",
    "who": "Christopher", "options": "+447700900123, +447700900124", "example": "APPROVE Julia ID DBS",
    "checks": "ID, DBS, training", "date": "24 Nov 2026", "withdrawn": " 12 open offers withdrawn.",
    "count": "12", "state": "no volunteer (not matched yet)", "command": "ASSIGN",
    "rules": "hasn't the checks it needs; lives too far away; is at their weekly limit",
    "skill": " for transport to an appointment", "paused": " (paused)",
    "today_requests": "123", "today_done": "123", "week_requests": "1234",
    "by_kind": "12 shopping trips, 9 prescription collections, 7 friendly phone calls",
    "by_status": "12 with a volunteer, 9 done, 3 waiting", "median": "59 min",
    "active": "1234", "pending": "123", "concerns": "12",
    "reason": "no approved volunteer with shopping within 10 km", "details": " \"my shopping\"",
    "created": "24 Nov 10:00", "history": "24 Nov 10:00 asked by sms",
    "day": "Wednesday", "start": "10:30am", "end": "12:30pm", "time": "10:30pm",
    "preference": "weekday mornings, not Mondays", "other": "Christopher",
    "note": "he likes to talk about football, ring after lunch", "until": "Wed 24 Dec",
    "calls_done": "123", "calls_missed": "12", "calls_no_answer": "12",
    "volunteer_phone": "+447700900125", "where": "RM17, RM16, SS17",
    "what": "prescription collection", "requests": "12", "tasks": "12",
    "calls": "12 calls",  # given.tasks_and_calls: "1 task and 12 calls"
    # A sign-in link as DASHBOARD makes it, at its longest usual length.
    "link": "https://hub.example.org/dashboard/signin?token=" + "x" * 84 + "." + "y" * 43,
    "minutes": "15", "lead": "90 minutes",
    # Dates and free time as wording.describe_when and describe_slots put them.
    "weekday": "Wed", "day_number": "25", "month": "Nov", "which_days": "Mon/Wed/Fri/Sat",
    "part": "afternoons",
    # Signposting, partners and shopping money.
    "districts": "RM17 RM16 RM18 RM19 RM20 SS17", "kind": "pharmacy that delivers",
    "kinds": "shop that delivers and pharmacy that delivers", "way": "cash on delivery, against the receipt",
    "amount": "£123.45", "days": "2", "awaiting_receipts": "12 receipts awaiting the resident",
    "disputed": "3", "needs": "4",
    "partner": "Thurrock Care Home for the Elderly", "needed": "12", "filled": "11",
    "needed_volunteers": "12 volunteers", "offered_to": "9 volunteers",
    "how_often": ", weekly, Tuesday afternoons", "dates": " from 1 Dec to 28 Feb",
    "about": "chat and play cards with residents over tea",
    "names": "Christopher, Christopher, Christopher",
    # WITHDRAW CONSENT's summary, at its longest: two requests cancelled, offers stop.
    "done": "2 open requests cancelled: R-7Q4KX, R-8Z2PX. You'll get no more offers. ",
    "references": "R-7Q4KX, R-8Z2PX",
    "resume": "Text RESUME when you'd like offers again. ",
    # SHOW's history and FIND by name.
    "channel": "the dashboard", "roles": "volunteer, resident, coordinator",
    # What came instead of words (Telegram), as the thanks names it.
    "thing": "voice message",
    # Figures (the Statistics page and the report): counts in words, changes, periods.
    "figure": "1234 volunteers helped someone", "change": "down 100%", "percent": "100",
    "done_count": "1234", "closed": "1234", "still_open": "1234", "p90": "12 h 59 min",
    "joined": "1234 volunteers joined", "helped": "1234 volunteers helped someone",
    "available": "1234", "resting": "1234", "made": "1234 check-in calls made",
    "unanswered": "1234", "missed": "1234", "escalated": "1234",
    "raised": "1234 concerns raised", "urgent_count": "1234", "year": "2026",
    "month_name": "September", "first": "30 Sep 2026", "last": "31 Dec 2026",
    "period": "30 Sep 2026 to 31 Dec 2026, so far",
    # Talking through the hub: whom a coordinator's message went to, in SHOW's history.
    "to": "the resident",
    # NEW: a request recorded for someone else, read back; news passed on for them.
    "summary": "shopping for Joan Smith, +441375123456, 12 Orsett Road, RM17 6SL, tomorrow; "
               "referred by Sue at Thurrock discharge team (07700 900555)",
    "source": "the person themselves", "referrer": "Sue at Thurrock discharge team (07700 900555)",
    "news": "Good news: Julia will help with your shopping tomorrow.",
    "news_to": "Sue at Thurrock discharge team",
    # Check-up campaigns: the coordinator's own words at their longest (100 characters, with
    # the space before them), progress counts, a place on the list and a call's outcome.
    "own": " With the cold snap this week we are checking on everyone on our list. All of "
           "our volunteers are ready.",
    "member": "1234", "sent": "1234", "delivered": "1234", "replied": "1234", "fine": "1234",
    "ring": "1234", "outcome": "no answer (still on the list)", "value": "+44 1375 652 802 ext 12",
    # Standing requests and the time volunteers give, at their longest usual forms.
    "every": "every other Wednesday", "next": "Wed 25 Nov",
    "hours": "12 hours 45 minutes", "month_tasks": "12 tasks", "all_tasks": "1234 tasks",
    "all_hours": "1234 hours 45 minutes", "neighbours": "12 neighbours",
    "volunteers": "123 volunteers",
    "most": "Christopher: 12 tasks (12 hours 45 minutes), Christopher: 12 tasks (12 hours 45 "
            "minutes), Christopher: 12 tasks (12 hours 45 minutes)",
}
LIST_KEYS = {"status_list", "cancel_which", "v_tasks", "offer_which", "concern_list",
             "admin_show", "admin_queue", "admin_find", "admin_directory", "admin_partners",
             "admin_needs", "directory_found", "directory_alongside", "admin_find_people",
             "campaign.admin_calls", "campaign.import_skipped", "campaign.import_warned"}  # grow with the list itself
CHOICES_FOR = {"ask_consent": 2, "ask_consent_again": 2, "v_ask_code": 2, "cancel_confirm": 2,
               "forget_confirm": 2, "consent_withdraw_confirm": 2,
               "v_leave_confirm": 2, "ask_payment": 4, "receipt_confirm": 2,
               "receipt_confirm_again": 2, "standing_end_confirm": 2, "need_offer": 2, "welcome": 6, "ask_category": 6}


def rendered(key: str, template: str, language: str = "en") -> str:
    body = template.format(**{name: SAMPLE_VALUES[name] for name in placeholders(template)})
    words = catalogue(language)
    choices = ()
    if CHOICES_FOR.get(key) == 2:
        choices = (Choice("YES", words["choice.yes"]), Choice("NO", words["choice.no"]))
    elif CHOICES_FOR.get(key) == 6:
        choices = tuple(Choice(str(n), words[f"category.{c}"]) for n, c in enumerate(
            ("shopping", "prescription", "befriending", "dog_walking", "transport", "other"), 1))
    return as_plain_text(Reply(body, choices), language)


OTHER_LANGUAGES = [language for language in SUPPORTED_LANGUAGES if language != "en"]


def texts(language: str) -> dict[str, str]:
    """Every text of a language by a name: messages by key, plural forms as key[n]."""
    found = dict(catalogue(language))
    for key, forms in plurals(language).items():
        found.update({f"{key}[{n}]": form for n, form in enumerate(forms)})
    return found


def english_for(name: str) -> str:
    """The English a language's text translates: a plural form is checked against English's
    last (its "other"), since languages have different numbers of forms."""
    key, _, form = name.partition("[")
    return plurals("en")[key][-1] if form else catalogue("en")[key]


def po_entries(language: str) -> list:
    with po_path(language).open("rb") as handle:
        return [message for message in read_po(handle, abort_invalid=True) if message.id]


def test_every_po_file_is_a_supported_language_and_each_loads_its_own():
    shipped = {entry.name.removesuffix(".po") for entry in catalogues._LOCALES.iterdir()
               if entry.name.endswith(".po")}
    assert shipped == set(SUPPORTED_LANGUAGES) and SUPPORTED_LANGUAGES[0] == "en"
    for language in SUPPORTED_LANGUAGES:
        with po_path(language).open("rb") as handle:
            assert str(read_po(handle).locale) == language, f"{language}.po's Language header"
    for language in OTHER_LANGUAGES:  # not English quietly standing in for it
        assert catalogue(language) is not catalogue("en")


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_every_language_has_every_key_and_no_other(language):
    for words in (catalogue, plurals):
        english, other = set(words("en")), set(words(language))
        assert not english - other, f"{language} lacks {sorted(english - other)}"
        assert not other - english, f"{language} has keys English lacks: {sorted(other - english)}"
    assert set(read_language(language).meta) == set(read_language("en").meta)
    assert read_language(language).meta["meta.clock_hours"] in ("12", "24")
    # Twilio's <Say> takes a language with its region ("pl-PL"), as its list of voices names them.
    assert re.fullmatch(r"[a-z]{2,3}-[A-Z]{2}",
                        read_language(language).meta["meta.spoken_language"])


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_every_entry_is_translated_and_none_is_left_fuzzy(language):
    # gettext treats both as untranslated: the person would quietly get English.
    left = [message.context for message in po_entries(language)
            if message.fuzzy or not all(message.string if message.pluralizable
                                        else (message.string,))]
    assert not left, f"{language}.po leaves these untranslated or fuzzy: {left}"


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_every_entry_shows_its_translator_the_english_it_translates(language):
    # msgid is the English as the translator saw it; when English changes, so must msgid
    # here, which tells the translator (and a platform) that the translation needs a look.
    english = {message.context: message.id for message in po_entries("en")}
    stale = [message.context for message in po_entries(language)
             if english.get(message.context) != message.id]
    assert not stale, f"{language}.po: msgid is not the current English for {stale}"
    for message in po_entries("en"):
        if not message.context.startswith(catalogues.META_PREFIX):
            assert message.string == message.id or (
                message.pluralizable and tuple(message.string) == message.id), message.context


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_every_language_uses_the_same_placeholders_as_english(language):
    differ = {name: (sorted(placeholders(template)), sorted(placeholders(english_for(name))))
              for name, template in texts(language).items()
              if placeholders(template) != placeholders(english_for(name))}
    assert not differ, f"{language} (its placeholders, English ones): {differ}"


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_every_counted_entry_has_each_form_its_plural_forms_header_counts(language):
    number = read_language(language).num_plurals
    short = {key: len(forms) for key, forms in plurals(language).items() if len(forms) != number}
    assert not short, f"{language} has {number} plural forms; these have other numbers: {short}"


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_plural_forms_header_agrees_with_the_cldr_rules_babel_knows(language):
    # Two counts share a msgstr[n] exactly when CLDR puts them in the same category.
    rule, cldr = read_language(language).plural_index, Locale.parse(language).plural_form
    pairs = {(rule(n), cldr(n)) for n in range(1001)}
    assert len({index for index, _ in pairs}) == len(pairs) == len({form for _, form in pairs})


# Polish needs letters GSM-7 lacks (ą, ę, ł, ś...), so its texts go as UCS-2 SMS: 70
# characters alone, 67 a segment once split. Two such segments (134) hold less than half an
# English reply, and Polish runs about a fifth longer than English. Four (268) let a Polish
# reply say what its English one says, warmly and plainly, at twice the segments; we accept
# that cost for being understood, and no more. A text needing no UCS-2 character keeps the
# English budget of two GSM-7 segments.
FOUR_UCS2_SEGMENTS = 4 * 67


def sms_budget(text: str) -> int:
    return TWO_SMS_SEGMENTS if set(text) <= GSM7 else FOUR_UCS2_SEGMENTS


@pytest.mark.parametrize("language, key", [
    (language, key) for language in OTHER_LANGUAGES
    for key in sorted(set(texts(language)) - LIST_KEYS)])
def test_every_reply_in_another_language_fits_its_sms_budget(language, key):
    template = texts(language).get(key)
    if template is None or placeholders(template) != placeholders(english_for(key)):
        pytest.skip("missing or misshapen: the tests above say so")
    text = rendered(key, template, language)
    assert len(text) <= sms_budget(text), f"{language} {key} is {len(text)} characters:\n{text}"


@pytest.mark.parametrize("key", sorted(set(texts("en")) - LIST_KEYS))
def test_every_reply_fits_two_sms_segments(key):
    text = rendered(key, texts("en")[key])
    assert len(text) <= TWO_SMS_SEGMENTS, f"{key} is {len(text)} characters:\n{text}"


@pytest.mark.parametrize("key", sorted(texts("en")))
def test_english_texts_use_only_gsm7_characters_so_sms_segments_stay_long(key):
    text = rendered(key, texts("en")[key])
    odd = {ch for ch in text if ch not in GSM7}
    assert not odd, f"{key} has {odd}"


def test_every_placeholder_used_has_a_sample():
    for template in texts("en").values():
        assert placeholders(template) <= set(SAMPLE_VALUES)
        assert not re.search(r"\{[^}]*\s[^}]*\}", template)


def test_sms_choices_are_written_out_only_when_the_text_does_not_already_say_them():
    offer = "Can you help? Reply YES R-7Q4K to take it or NO R-7Q4K to pass."
    choices = (Choice("YES R-7Q4K", "Accept"), Choice("NO R-7Q4K", "Decline"))
    assert as_plain_text(Reply(offer, choices), "en") == offer
    question = "Do you agree?"  # "no" inside a word or in lower case does not count
    assert as_plain_text(Reply(question, (Choice("YES", "Yes"), Choice("NO", "No"))), "en") == (
        "Do you agree?\nReply YES or NO")
    ages = "Which age band are you in? Send your age or a band, or SKIP."
    written = as_plain_text(Reply(ages, (Choice("18-24", "18-24"), Choice("SKIP", "Skip"))), "en")
    assert written.endswith("18-24, SKIP")


# Counts with their nouns: "2 friendly phone calls", "5 próśb".

@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_every_counted_phrase_says_its_count_in_each_form(language):
    assert "figures.kind.befriending" in plurals(language)
    for key, forms in plurals(language).items():
        for n, form in enumerate(forms):
            assert "count" in placeholders(form), (key, n)


@pytest.mark.parametrize("count, form", [
    (0, "many"), (1, "one"), (2, "few"), (4, "few"), (5, "many"), (11, "many"), (12, "many"),
    (14, "many"), (21, "many"), (22, "few"), (24, "few"), (25, "many"), (101, "many"),
    (102, "few"), (112, "many"), (1004, "few")])
def test_polish_counts_take_one_few_or_many(count, form):
    from bot.dialogue.catalogue import plural_form

    assert plural_form("pl", count) == form
    assert plural_form("en", count) == ("one" if count == 1 else "other")


def test_a_count_reads_as_its_language_says_it():
    from bot.dialogue.catalogue import counted

    assert counted("en", "figures.kind.befriending", 1) == "1 friendly phone call"
    assert counted("en", "figures.kind.befriending", 2) == "2 friendly phone calls"
    assert [counted("pl", "figures.requests", n) for n in (1, 3, 5, 13, 23)] == [
        "1 prośba", "3 prośby", "5 próśb", "13 próśb", "23 prośby"]
    assert counted("xx", "figures.requests", 2) == "2 requests"  # unknown: English


def test_a_message_with_a_count_takes_the_form_its_count_needs():
    from bot.dialogue.catalogue import text

    assert text("en", "broadcast_sent", count=1) == "Sending to 1 volunteer now. Thank you."
    assert text("en", "broadcast_sent", count=3) == "Sending to 3 volunteers now. Thank you."
    assert [text("pl", "admin_state_offered", count=n) for n in (1, 2, 5, 22)] == [
        "1 oferta bez odpowiedzi", "2 oferty bez odpowiedzi", "5 ofert bez odpowiedzi",
        "22 oferty bez odpowiedzi"]


def test_counts_inside_coordinator_summaries_agree_with_their_number_in_each_language():
    """The phrases that replaced "receipt(s)", "volunteer(s)" and "open offer(s)"."""
    from bot.dialogue.catalogue import counted

    assert [counted("en", "admin_stats_awaiting", n) for n in (1, 2)] == [
        "1 receipt awaiting the resident", "2 receipts awaiting the resident"]
    assert [counted("pl", "admin_stats_awaiting", n) for n in (1, 3, 5, 22)] == [
        "1 paragon czeka na mieszkańca", "3 paragony czekają na mieszkańca",
        "5 paragonów czeka na mieszkańca", "22 paragony czekają na mieszkańca"]
    assert [counted("en", "admin_need_volunteers_needed", n) for n in (1, 3)] == [
        "1 volunteer", "3 volunteers"]
    assert [counted("pl", "admin_need_volunteers_needed", n) for n in (1, 3, 5)] == [
        "potrzeba 1 wolontariusza", "potrzeba 3 wolontariuszy", "potrzeba 5 wolontariuszy"]
    # Polish "offered to" is dative: one person is "osobie", any other number "osobom".
    assert [counted("pl", "admin_need_offered_to", n) for n in (1, 2, 5, 21)] == [
        "1 osobie", "2 osobom", "5 osobom", "21 osobom"]
    assert counted("en", "dashboard_suspended", 1, name="Julia") == (
        "Julia is suspended; 1 open offer withdrawn.")
    assert counted("en", "dashboard_suspended", 0, name="Julia") == (
        "Julia is suspended; 0 open offers withdrawn.")
    assert [counted("pl", "dashboard_suspended", n, name="Julia") for n in (1, 2, 5)] == [
        "Julia: zawieszono; wycofano 1 otwartą ofertę.",
        "Julia: zawieszono; wycofano 2 otwarte oferty.",
        "Julia: zawieszono; wycofano 5 otwartych ofert."]


def test_a_new_language_needs_only_its_po_file(tmp_path, monkeypatch):
    """What docs/guide-operators.md's "Adding a language" says: copy en.po, translate it,
    set Language and Plural-Forms; no Python. Romanian here, with its three forms."""
    for language in SUPPORTED_LANGUAGES:
        shutil.copy(po_path(language), tmp_path / f"{language}.po")
    english = po_path("en").read_text(encoding="utf-8")
    romanian = english.replace('"Language: en\\n"', '"Language: ro\\n"').replace(
        "nplurals=2; plural=(n != 1);",
        "nplurals=3; plural=(n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2);")
    romanian = romanian.replace('msgstr "Shopping"', 'msgstr "Cumpărături"').replace(
        'msgstr[0] "{count} request"\nmsgstr[1] "{count} requests"',
        'msgstr[0] "{count} cerere"\nmsgstr[1] "{count} cereri"\nmsgstr[2] "{count} de cereri"')
    romanian = romanian.replace('msgctxt "meta.clock_hours"\nmsgid "12"\nmsgstr "12"',
                                'msgctxt "meta.clock_hours"\nmsgid "12"\nmsgstr "24"')
    (tmp_path / "ro.po").write_text(romanian, encoding="utf-8")
    monkeypatch.setattr(catalogues, "_LOCALES", tmp_path)
    monkeypatch.setattr(catalogues, "SUPPORTED_LANGUAGES", catalogues._languages_shipped())
    monkeypatch.setattr(catalogues, "_loaded", {})

    assert catalogues.SUPPORTED_LANGUAGES == ("en", "pl", "ro")
    assert catalogues.text("ro", "category.shopping") == "Cumpărături"
    assert [catalogues.counted("ro", "figures.requests", n) for n in (1, 2, 19, 20, 101)] == [
        "1 cerere", "2 cereri", "19 cereri", "20 de cereri", "101 cereri"]
    assert catalogues.clock_hours("ro") == 24
    # A plural entry still in English's two forms takes its last one rather than failing.
    assert catalogues.counted("ro", "figures.days", 20) == "20 days"


def test_every_po_file_is_shipped_with_the_package():
    # CI and operators install with `pip install .`: a file not in package-data is missing there.
    import tomllib
    from fnmatch import fnmatch
    from pathlib import Path

    pyproject = Path(__file__).resolve().parents[1] / "pyproject.toml"
    shipped = tomllib.loads(pyproject.read_text(encoding="utf-8"))[
        "tool"]["setuptools"]["package-data"]["bot.dialogue.locales"]
    for language in SUPPORTED_LANGUAGES:
        assert any(fnmatch(f"{language}.po", pattern) for pattern in shipped), language


@pytest.mark.parametrize("language", ["en", "pl"])
def test_every_relation_of_someone_written_for_has_words(language):
    held = catalogue(language)
    assert {f"helped_relation.{relation}" for relation in HELPED_RELATIONS} <= held.keys()
