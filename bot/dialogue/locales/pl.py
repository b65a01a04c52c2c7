"""Polish: every key of the English catalogue, in the same order.

Plain, warm Polish, speaking to the person as "Ty" (capitalised, as in a letter)
and avoiding verbs that would guess their gender ("zapisaliśmy Cię", not
"zapisałeś się"). Keywords people type back are Polish and understood by
bot/dialogue/polish.py: TAK, NIE, POMIŃ, WSZYSTKO, STATUS, ANULUJ, OD NOWA,
WOLONTARIUSZ, MOJE ZADANIA, PRZERWA, WZNÓW, REZYGNUJĘ, OBAWY, GOTOWE, BRAK
ODPOWIEDZI, PRZEŁÓŻ, POŁĄCZ, KONIEC ROZMÓW, WSTRZYMAJ ROZMOWY, ZAPOMNIJ MNIE,
WYCOFUJĘ ZGODĘ, DAJĘ ZGODĘ, JĘZYK. Coordinators' commands stay in English
(QUEUE, ASSIGN, ACK...), as do words the services read in English (skills in
BROADCAST, kinds in DIRECTORY ADD).

Polish SMS go as UCS-2 (ą, ę, ł...): each reply stays within four segments
(268 characters) once its choices are added; tests/test_catalogue.py checks.
"""

# Times of day as Polish writes them: 14:00, not 2pm (wording.describe_clock).
CLOCK_HOURS = 24


def plural_form(count: int) -> str:
    """Polish counts (catalogue.counted): 1 prośba; 2-4 prośby, also 22-24, 102-104...;
    but 12-14 próśb, as 0, 5-21 and 25-31."""
    if count == 1:
        return "one"
    if count % 10 in (2, 3, 4) and count % 100 not in (12, 13, 14):
        return "few"
    return "many"


MESSAGES = {
    # Kinds of help, as people see them.
    "category.shopping": "Zakupy",
    "category.prescription": "Leki z apteki",
    "category.befriending": "Rozmowa telefoniczna",
    "category.dog_walking": "Spacer z psem",
    "category.transport": "Podwiezienie na wizytę",
    "category.other": "Coś innego",
    # Request states, as the resident sees them.
    "status.new": "czeka na wolontariusza",
    "status.new_coordinated": "jeszcze bez wolontariusza; zajmuje się tym koordynator",
    "status.matching": "szukamy wolontariusza",
    "status.offered": "pytamy wolontariuszy",
    "status.assigned": "wolontariusz znaleziony",
    "status.done": "zrobione",
    "status.cancelled": "anulowane",
    "status.expired": "wygasło",
    "status.assigned_to": "pomaga: {volunteer}",
    "status.calls": "trwa: regularne rozmowy ({volunteer})",
    "status.new_uncoordinated": "na razie brak wolnego wolontariusza; wciąż szukamy",
    "vetting.pending": "w trakcie sprawdzania",
    "vetting.approved": "zatwierdzone",
    "vetting.suspended": "zawieszone",
    "choice.yes": "Tak",
    "choice.no": "Nie",
    "choice.skip": "Pomiń",
    "choice.accept": "Przyjmuję",
    "choice.decline": "Odmawiam",
    "choice.reply_yes_no": "Odpowiedz TAK lub NIE",
    "choice.reply_one_of": "Odpowiedz jednym z:",
    "when.any_time": "w dowolnym terminie",
    "when.regular_calls": "regularne rozmowy",
    # Anywhere in a conversation.
    "welcome": (
        "Dzień dobry, tu {hub}: sąsiedzi dla sąsiadów. W czym możemy pomóc? Opisz to "
        "własnymi słowami lub wybierz numer. Chcesz pomagać? Napisz WOLONTARIUSZ."
    ),
    "sms.stopped": "Nie dostaniesz już SMS-ów od {hub}. Wyślij START, by znów je dostawać.",
    "sms.stopped_requests_open": (
        "Nie dostaniesz już SMS-ów od {hub}. Prośba pozostaje otwarta.{coordinator} Chodziło "
        "tylko o anulowanie? Wyślij START, a potem ANULUJ {reference}."
    ),
    "sms.coordinator_will_ring": " Zadzwoni w tej sprawie koordynator.",
    "resident_stopped_texts_volunteer": (
        "{name} ({reference}) wyłączył(a) nasze SMS-y, więc koordynator skontaktuje się "
        "telefonicznie. Rób dalej, jak ustalono, chyba że koordynator powie inaczej."
    ),
    "resident_stopped_texts_alert": (
        "BRAK SMS: {name} ({phone}) wyłączył(a) nasze SMS-y, a prośby są otwarte. Prosimy "
        "zadzwonić:\n{lines}"
    ),
    "resident_stopped_texts_line": "{reference} {category}: {status}",
    "sms.started": "Witaj ponownie w {hub}: znów dostaniesz nasze SMS-y. Wyślij POMOC po pomoc.",
    "sms.contact": "Rozmowa z człowiekiem: {contact}.",
    "help": (
        "Tu {hub}. Napisz, czego potrzebujesz, np. „zakupy jutro, RM17 6SL”. STATUS pokaże "
        "Twoje prośby, ANULUJ anuluje prośbę, OD NOWA zaczyna od początku, WOLONTARIUSZ – by "
        "pomagać, JĘZYK zmienia język. W nagłym wypadku dzwoń pod 999."
    ),
    "give_back_which": "Którego zadania nie możesz wykonać? Odpisz np. ODDAJ {reference}.",
    "give_back_confirm": (
        "Oddać {reference} ({category} – {name})? Powiemy {name} i znajdziemy kogoś innego."
    ),
    "give_back_kept": "Dobrze, {reference} zostaje Twoje. Dziękujemy!",
    "give_back_done": (
        "Dziękujemy za informację. {reference} przekazujemy innym wolontariuszom, a {name} już "
        "wie. Prosimy nie iść."
    ),
    "give_back_calls_done": (
        "Dziękujemy za informację. Rozmowy z {name} są wstrzymane, a koordynator znajdzie "
        "nową osobę do dzwonienia."
    ),
    "calls_given_back_alert": (
        "CALLS {reference}: {volunteer} nie może już dzwonić do {resident} ({phone}); rozmowy "
        "są wstrzymane. Odpisz HANDOVER {reference} i imię wolontariusza."
    ),
    "volunteer_help": (
        "Tu {hub}. Wolontariusze: MOJE ZADANIA, MOJE GODZINY, ODDAJ i numer (gdy nie dasz rady), PRZERWA, "
        "WZNÓW, REZYGNUJĘ, OBAWY (gdy martwisz się o kogoś). Mieszkańcy piszą, czego "
        "potrzebują. OD NOWA zaczyna od początku. W nagłym wypadku dzwoń pod 999."
    ),
    "day.0": "poniedziałek", "day.1": "wtorek", "day.2": "środa", "day.3": "czwartek",
    "day.4": "piątek", "day.5": "sobota", "day.6": "niedziela",
    "calls.daily": "codziennie w godz. {start}–{end}",
    "calls.weekly": "co tydzień ({day}) w godz. {start}–{end}",
    "calls.fortnightly": "co dwa tygodnie ({day}) w godz. {start}–{end}",
    "calls_ask_when": (
        "{name} woli: {preference}. Kiedy zadzwonisz? Podaj dzień i godzinę, np. wtorki o 14 "
        "albo codziennie o 10."
    ),
    "calls_ask_when_again": (
        "Przepraszam, potrzebuję dnia i godziny, np. wtorki o 14, piątki rano albo codziennie o 10."
    ),
    "calls_planned": (
        "Dziękujemy. Dzwonisz do: {name}, tel. {phone}, {when}. Przypomnimy {lead} wcześniej. "
        "Potem napisz GOTOWE, BRAK ODPOWIEDZI albo PRZEŁÓŻ i termin."
    ),
    "calls_planned_resident": (
        "Dzień dobry, {name}! {volunteer} zadzwoni do Ciebie {when}. Jeśli nikt nie zadzwoni, "
        "napisz nam po prostu „nikt nie zadzwonił”."
    ),
    "call_reminder": (
        "Przypomnienie: zadzwoń, proszę – {name}, tel. {phone}, w godz. {start}–{end}. Potem "
        "napisz GOTOWE (możesz dodać notatkę), BRAK ODPOWIEDZI albo PRZEŁÓŻ i termin."
    ),
    "call_reminder_voice": (
        "Przypomnienie: zadzwoń, proszę – {name}, w godz. {start}–{end}. Napisz POŁĄCZ, a "
        "połączymy Was; nikt nie zobaczy cudzego numeru."
    ),
    "lead.hour": "godzinę",
    "lead.hours": "{count} godz.",
    "lead.minutes": "{count} min",
    "calls_planned_voice": (
        "Dziękujemy. Dzwonisz do: {name}, {when}. Przypomnimy {lead} wcześniej; wtedy napisz "
        "POŁĄCZ, a połączymy Was z ukrytymi numerami."
    ),
    "choice.call": "Połącz teraz",
    "call_how_did_it_go": (
        "Jak poszła rozmowa ({name})? Napisz GOTOWE, BRAK ODPOWIEDZI albo PRZEŁÓŻ i termin. "
        "Martwisz się? Napisz OBAWY."
    ),
    "calls_ring_directly": (
        "Zadzwoń, proszę, bezpośrednio: {name}, tel. {phone}. Potem napisz GOTOWE, BRAK "
        "ODPOWIEDZI albo PRZEŁÓŻ i termin."
    ),
    "calls_connecting": (
        "Dzwonimy do Ciebie i połączymy Cię z: {name}. Nikt nie zobaczy cudzego numeru. "
        "Rozmowę zapiszemy za Ciebie."
    ),
    "call_logged": "Dziękujemy za rozmowę ({name}). Zapisane.",
    "log_call_confirm": "Czy zapisać dzisiejszą rozmowę ({name}) jako odbytą?",
    "task_done_confirm": "Czy oznaczyć {reference} ({category} – {name}) jako zrobione?",
    "task_news_kept": "Dobrze, nic nie zapisujemy. MOJE ZADANIA pokaże Twoje zadania.",
    "call_already_logged": (
        "Dzisiejsza rozmowa ({name}) jest już zapisana, dziękujemy. Aby zakończyć regularne "
        "rozmowy, napisz KONIEC ROZMÓW."
    ),
    "call_none_pending": (
        "Teraz nie ma rozmowy do zapisania. Aby zakończyć regularne rozmowy, napisz KONIEC ROZMÓW."
    ),
    "call_try_again": (
        "Dziękujemy. Spróbuj, proszę, zadzwonić jeszcze raz około {time} ({name}); przypomnimy Ci."
    ),
    "call_no_answer_noted": (
        "Dziękujemy, zapisane. Damy znać, gdyby koordynator miał sprawdzić, czy {name} ma się dobrze."
    ),
    "call_no_answer_alerted": "Dziękujemy. Koordynator już wie i sprawdzi, czy {name} ma się dobrze.",
    "call_reschedule_when": "Kiedy zadzwonisz zamiast tego? np. PRZEŁÓŻ jutro o 15",
    "call_rescheduled": "Dziękujemy. Rozmowa ({name}) przeniesiona na {when}; przypomnimy Ci.",
    "no_call_sorry": (
        "Przykro nam, że nikt nie zadzwonił. Koordynator już wie i zajmie się tym dziś. Jeśli "
        "potrzebujesz pomocy teraz, dzwoń pod 111, a w nagłym wypadku pod 999."
    ),
    "no_call_no_schedule": (
        "Przepraszam, nie widzę dla Ciebie regularnych rozmów. Napisz własnymi słowami, czego "
        "potrzebujesz, np. „przyjazna rozmowa telefoniczna”."
    ),
    "call_back_alert": (
        "ODDZWOŃ: {name} ({phone}) dzwonił(a) do nas o {time} i nikt nie odebrał."
        "{requests} Prosimy oddzwonić."
    ),
    "call_back_requests": " Otwarte: {references}.",
    "calls_alert_missed": (
        "NIEODBYTE ROZMOWY {reference}: {volunteer} ({volunteer_phone}) nie może się dodzwonić "
        "do: {resident} ({resident_phone}). Ostatnio: {history}"
    ),
    "calls_alert_not_called": (
        "BRAK TELEFONU {reference}: {resident} ({resident_phone}) mówi, że nikt nie zadzwonił. "
        "Wolontariusz: {volunteer} ({volunteer_phone}). Ostatnio: {history}"
    ),
    "calls_review": (
        "Dzień dobry, {name}! Minęło sześć tygodni rozmów z: {other}. Chcesz je kontynuować? "
        "Jeśli tak, nic nie musisz robić; aby zakończyć, napisz KONIEC ROZMÓW."
    ),
    "calls_none": "Nie masz teraz regularnych rozmów.",
    "calls_ended": (
        "Twoje regularne rozmowy z: {other} dobiegły końca. Dziękujemy. Delikatnie powiemy o tym "
        "drugiej osobie."
    ),
    "calls_ended_other": (
        "Dzień dobry, {name}! Regularne rozmowy z: {other} dobiegły końca. Dziękujemy Wam za nie. "
        "Napisz do nas, jeśli kiedyś zechcesz znów rozmawiać."
    ),
    "calls_ended_by_you": (
        "Regularne rozmowy {reference} zakończone; obie strony delikatnie o tym powiadomiono."
    ),
    "calls_end_confirm": (
        "Zakończyć regularne rozmowy na stałe? Odpowiedz TAK lub NIE. (Na przerwę napisz "
        "WSTRZYMAJ ROZMOWY i datę.)"
    ),
    "calls_kept": "Dobrze, regularne rozmowy trwają dalej.",
    "calls_carry_on": (
        "Regularne rozmowy trwają dalej ({when}). Gdy mają się skończyć na stałe, napisz KONIEC "
        "ROZMÓW {reference}."
    ),
    "calls_ended_alert": "KONIEC ROZMÓW {reference}: {who} zakończył(a) regularne rozmowy z: {other}.",
    "a_coordinator": "koordynator",
    "calls_pause_until": "Do kiedy? np. WSTRZYMAJ ROZMOWY do 12.12",
    "calls_paused": "Rozmowy wstrzymane do: {until}. Potem wrócą same.",
    "calls_paused_other": (
        "Dzień dobry, {name}! {other} wstrzymuje Wasze regularne rozmowy do: {until}. Potem "
        "wrócą same."
    ),
    "coordinator_help": (
        "Polecenia: QUEUE, SHOW R-7Q4K, ASSIGN R-7Q4K Julia, APPROVE Julia ID DBS TRAINING, "
        "SUSPEND Julia przyczyna, FIND Julia lub RM17 shopping, STATS, HANDOVER R-7Q4K Julia "
        "notatka, "
        "END CALLS R-7Q4K, BROADCAST RM17 shopping: tekst, ERASE numer, CONCERNS, ACK C-12, "
        "DASHBOARD, EXPORT requests/volunteers/calls"
    ),
    "coordinator_help_more": (
        "Katalog i partnerzy: DIRECTORY (lub DIRECTORY RM17), DIRECTORY ADD, DIRECTORY REMOVE "
        "D-3, PARTNER ADD, PARTNERS, NEED, NEEDS, NEED OFFER N-3KD9, NEED CLOSE N-3KD9. "
        "Pieniądze za zakupy: SETTLE R-7Q4K. Samo DIRECTORY ADD, PARTNER ADD lub NEED pokaże, "
        "jak ich użyć."
    ),
    "coordinator_help_cases": (
        "Sprawy: NEW (prośba za kogoś, kto zadzwonił), NOTE R-7Q4K tekst, CHANGE R-7Q4K when "
        "friday, CANCEL R-7Q4K powód, CLOSE R-7Q4K powód, REOPEN R-7Q4K, URGENT R-7Q4K, "
        "WEEKLY R-7Q4K PAUSE/RESUME/END. "
        "Rozmowa: TEXT R-7Q4K słowa, TAKE R-7Q4K, potem > słowa, RELEASE."
    ),
    "admin_dashboard_off": "Ten punkt nie ma skonfigurowanego panelu.",
    "admin_dashboard_link": (
        "Twój link do panelu, tylko dla Ciebie: {link}\nDziała raz, przez {minutes} min."
    ),
    "export.requests": "prośby",
    "export.volunteers": "wolontariusze",
    "export.calls": "rozmowy kontrolne",
    "admin_export_how": (
        "Co wyeksportować? Odpowiedz EXPORT REQUESTS, EXPORT VOLUNTEERS albo EXPORT CALLS."
    ),
    "admin_export_file": (
        "Oto {what}: plik CSV, wierszy: {count}. Zawiera dane osobowe – chroń go i usuń, gdy "
        "skończysz."
    ),
    "admin_export_link": (
        "Plik CSV ({what}), tylko dla Ciebie: {link}\nDziała raz, przez {minutes} min; chroń go."
    ),
    "admin_export_no_dashboard": (
        "Przepraszam, nie wyślę pliku ({what}) SMS-em, a ten punkt nie ma panelu do pobrania. "
        "Napisz EXPORT na Telegramie, by dostać tam plik, albo zapytaj osobę prowadzącą punkt."
    ),
    "admin_queue": "Czekają, od najstarszych:\n{lines}",
    "admin_queue_line": "{reference} {category}, {district}, {age}: {state}",
    "admin_queue_empty": "Nic nie czeka. Każda otwarta prośba ma wolontariusza.",
    "admin_state_unmatched": "brak wolontariusza ({reason})",
    "admin_state_offered": "oferty bez odpowiedzi: {count}",
    "admin_state_overdue": "po terminie u: {volunteer}",
    "admin_which_request": "Która prośba? np. {command} R-7Q4K",
    "admin_unknown_request": "Nie mogę znaleźć prośby {reference}.",
    # A coordinator's actions on one request (bot/services/case_actions.py).
    "case_reason_needed": "Podaj powód, np. {command} {reference} sąsiadka jej pomoże",
    "case_not_open": "{reference}: {status}, więc teraz się nie da. REOPEN {reference} otwiera ją znowu.",
    "case_already_open": "{reference} jest nadal otwarta ({status}).",
    "case_cancelled": "{reference} anulowana; mieszkaniec dostanie wiadomość.",
    "case_volunteer_told": " {name}, który ją miał, dostanie wiadomość.",
    "case_closed": "{reference} zamknięta jako zrobiona.",
    "case_note_how": "Jaka notatka? np. NOTE {reference} rozmawiałam z córką, wszystko dobrze",
    "case_noted": "Notatka dodana do {reference}.",
    "case_change_how": "Co zmienić? np. CHANGE {reference} when piątek, CHANGE {reference} address Orsett Road 14, CHANGE {reference} kind recepta",
    "case_change_unread.address": "Jaki adres? np. CHANGE {reference} address Orsett Road 14 RM17 6SL",
    "case_change_unread.when": "Nie rozumiem kiedy. np. CHANGE {reference} when piątek rano",
    "case_change_unread.kind": "Jaki rodzaj pomocy? zakupy, recepta, rozmowa, spacer z psem, transport albo coś innego",
    "case_changed": "{reference} zmieniona: {change}.",
    "case_reopened": "{reference} znowu otwarta; szukamy wolontariusza.",
    "case_marked_urgent": "{reference} oznaczona jako pilna.",
    "case_already_urgent": "{reference} już jest pilna.",
    # NEW: a request a coordinator records for someone else (bot/dialogue/intake.py).
    "intake_ask.name": "Nowa prośba dla kogoś innego (CANCEL, by przerwać). Jak ta osoba się nazywa?",
    "intake_ask.phone": "Jaki jest numer telefonu: {name}? Może być stacjonarny.",
    "intake_ask.address": "Jaki jest adres z kodem pocztowym ({name})? np. 12 Orsett Road RM17 6SL",
    "intake_ask.kind": "Jakiej pomocy potrzebuje {name}?",
    "intake_ask.when": "Kiedy? np. jutro, piątek rano, kiedykolwiek",
    "intake_ask.source": "Kto o to prosi? Sama osoba albo kto ją skierował i jak się z nim skontaktować, np. Sue z zespołu wypisów 07700 900555",
    "intake_again.name": "Przepraszam, nie rozumiem imienia. Jak ta osoba się nazywa?",
    "intake_again.phone": "Przepraszam, to nie numer telefonu. Jaki jest jej numer? Może być stacjonarny.",
    "intake_again.address": "Podaj adres z kodem pocztowym, np. 12 Orsett Road RM17 6SL",
    "intake_again.kind": "Przepraszam, jaki rodzaj pomocy? zakupy, recepta, rozmowa, spacer z psem, transport albo coś innego",
    "intake_again.when": "Przepraszam, kiedy? np. jutro, piątek rano, kiedykolwiek",
    "intake_again.source": "Kto o to prosi? np. sama osoba, córka Ann 07700 900444 albo Sue z przychodni 01375 100200",
    "intake_summary": "{category} dla: {name}, {phone}, {address}, {when}",
    "intake_summary_referred": "; skierowanie: {referrer}",
    "intake_summary_source": "; prosi: {source}",
    "intake_source.self": "sama osoba",
    "intake_source.family": "rodzina",
    "intake_source.partner": "organizacja partnerska",
    "intake_source.coordinator": "koordynator",
    "intake_confirm": "Nowa prośba: {summary}. Czy {name} zgodził(a) się przez telefon, by przekazać dane wolontariuszowi? YES, by zapisać, NO, by przerwać.",
    "intake_confirm_again": "Czy {name} zgodził(a) się, by przekazać dane wolontariuszowi? YES albo NO",
    "intake_no_consent": "Nic nie zapisano: bez zgody ({name}) nie możemy przekazać danych wolontariuszowi.",
    "intake_dropped": "Nowa prośba porzucona; nic nie zapisano.",
    "intake_consent_wording": "Zgoda wyrażona przez telefon, zapisana przez: {coordinator}: dane mogą trafić do sprawdzonego wolontariusza w tej sprawie.",
    "intake_recorded": "{reference} zapisana dla: {name}; szukamy wolontariusza. SHOW {reference}, by śledzić.",
    "intake_landline": " Brak komórki: wolontariusz zadzwoni pod {phone}, a wiadomości dostanie: {news_to}.",
    "intake_news_to_coordinators": "koordynatorzy",
    "intake_bad_phone": "Ten numer telefonu wygląda na błędny, więc nic nie zapisano. Zacznij od nowa: NEW.",
    "intake_bad_source": "Podaj, kto o to prosi.",
    "intake_form.name": "Podaj imię i nazwisko osoby.",
    "intake_form.phone": "Podaj numer telefonu osoby (może być stacjonarny).",
    "intake_form.address": "Podaj adres osoby.",
    "intake_form.postcode": "Podaj pełny kod pocztowy, np. RM17 6SL.",
    "intake_form.kind": "Wybierz rodzaj pomocy.",
    "intake_form.when": "Nie rozumiem, kiedy potrzebna jest pomoc, np. jutro, piątek rano, kiedykolwiek.",
    "intake_form.consent": "Nic nie zapisano: potwierdź, że osoba zgodziła się przez telefon na przekazanie danych wolontariuszowi.",
    "admin_show": (
        "{reference} {category}, {status}. {resident} ({phone}), {address}. Kiedy: {when}."
        "{details}\n{history}"
    ),
    # Historia w SHOW (bot/services/request_history.py): po linii na zdarzenie, z godziną.
    "history.on": "{day} o {time}",
    "history.at": "o {time}",
    "history.and": "i",
    "history.someone": "ktoś",
    "history.the_resident": "mieszkaniec",
    "channel.sms": "SMS",
    "channel.telegram": "Telegram",
    "channel.console": "konsolę",
    "channel.voice": "telefon",
    "channel.dashboard": "panel",
    "history.asked": "Zgłoszono przez {channel} {when}",
    "history.offered": "Zaproponowano: {names}, {when}",
    "history.offered_again": "Zaproponowano ponownie: {names}, {when}",
    "history.why": "Dlaczego {name}: {reasons}",
    "history.accepted": "Przyjęte przez: {names}, {when}",
    "history.declined": "Odmowa: {names}, {when}",
    "history.expired": "Bez odpowiedzi: {names}; oferta zamknięta {when}",
    "history.withdrawn": "Oferta wycofana: {names}, {when}",
    "history.request.cancelled": "Anulowano {when}",
    "history.request.cancelled.resident": "Anulowane przez mieszkańca {when}",
    "history.request.cancelled.consent": "Anulowano {when}: mieszkaniec wycofał zgodę",
    "history.request.cancelled.erased": "Anulowano {when}: dane mieszkańca usunięto",
    "history.request.cancelled.coordinator": "Anulowane przez: {who}, {when}: {reason}",
    "history.request.done": "Oznaczone jako zrobione przez: {who}, {when}",
    "history.request.assigned_by_coordinator": "Przydzielone: {volunteer} (przez: {who}), {when}",
    "history.request.given_back": "Oddane przez: {who}, {when}",
    "history.request.unmatched": "Nie znaleziono wolontariusza {when}: {reason}",
    "history.request.waiting": "Czeka na swoją kolej {when}: wiele próśb przyszło naraz",
    "history.request.unmatched_alerted": "Zgłoszone koordynatorom {when}: brak wolontariusza",
    "history.request.resident_unreachable": "Osoba wyłączyła nasze SMS-y {when}",
    "history.request.volunteer_suspended": "Znów szukamy {when}: wolontariusza zawieszono",
    "history.request.volunteer_erased": "Znów szukamy {when}: dane wolontariusza usunięto",
    "history.request.feedback": "Mieszkaniec ocenił pomoc {when}",
    "history.request.payment_method": "Mieszkaniec wybrał sposób płatności {when}",
    "history.request.signposted": "Mieszkaniec dostał adresy lokalnych usług {when}",
    "history.request.closed": "Zamknięte jako zrobione przez: {who}, {when}: {reason}",
    "history.request.noted": "Notatka (autor: {who}), {when}: {text}",
    "history.request.changed": "Zmienione przez: {who}, {when}: {change}",
    "history.request.reopened": "Otwarte znowu przez: {who}, {when}",
    "history.request.marked_urgent": "Oznaczone jako pilne przez: {who}, {when}",
    "history.request.taken_by_phone": "Przyjęte przez telefon przez: {who}, {when}; osoba zgodziła się na przekazanie danych",
    "history.request.referred": "Skierowanie od: {text}, zapisane przez: {who}, {when}; osoba zgodziła się na przekazanie danych",
    "history.receipt.reported": "Paragon zgłoszony przez: {who}, {amount}, {when}",
    "history.receipt.confirmed": "Mieszkaniec potwierdził paragon {when}",
    "history.receipt.disputed": "Mieszkaniec zakwestionował paragon {when}",
    "history.receipt.unanswered": "Nikt nie potwierdził paragonu na czas; zgłoszono {when}",
    "history.receipt.settled": "Paragon rozliczony przez: {who}, {when}",
    "history.calls.planned": "Regularne rozmowy zaplanowane przez: {who}, {when}",
    "history.calls.paused": "Rozmowy wstrzymane do: {until}, {when}",
    "history.calls.ended": "Rozmowy zakończone przez: {who}, {when}",
    "history.calls.handed_over": "Rozmowy przekazane: {volunteer} (przez: {who}), {when}",
    "history.calls.escalated": "Rozmowy zgłoszone koordynatorom {when}",
    "history.call.done": "Rozmowa odbyta ({who}) {when}",
    "history.call.no_answer": "Telefon bez odpowiedzi ({who}) {when}",
    "history.call.rescheduled": "Rozmowa przełożona ({who}) {when}",
    "history.call.concern": "Rozmowa z obawą zgłoszoną przez: {who}, {when}",
    "history.call.not_called": "Mieszkaniec mówi, że nikt nie zadzwonił, {when}",
    "history.call.masked_started": "Połączenie przez numer punktu ({who}) {when}",
    "history.other": "{what} {when}",
    "history.waiting": "Czeka: {reason}",
    "history.cannot_text": "Brak SMS: osoba wyłączyła nasze SMS-y. Kontakt telefoniczny.",
    "history.paying": "Płatność: {way}",
    "history.receipt": "Paragon {amount}: {state}",
    "history.feedback": "Opinia: \"{text}\"",
    "receipt_state.awaiting": "czeka na potwierdzenie mieszkańca",
    "receipt_state.confirmed": "potwierdzony",
    "receipt_state.disputed": "zakwestionowany",
    "receipt_state.unanswered": "niepotwierdzony na czas",
    "receipt_state.settled": "rozliczony",
    "admin_which_volunteer": "Który wolontariusz? Podaj imię lub numer, np. {example}",
    "admin_unknown_volunteer": "Nie mogę znaleźć wolontariusza: {who}.",
    "admin_ambiguous_volunteer": "Kilku wolontariuszy ma imię {who}: {options}. Użyj numeru.",
    "admin_checks_needed": (
        "Które sprawdzenia są zrobione? np. APPROVE {name} ID DBS TRAINING (sprawdzenie ID jest "
        "zawsze potrzebne)."
    ),
    "admin_approved": "{name}: zatwierdzono ({checks}), sprawdzono {date}. Od teraz dostaje oferty.",
    "admin_suspended": "{name}: zawieszono, bez kolejnych ofert.{withdrawn}",
    "admin_withdrawn": " Wycofane otwarte oferty: {count}.",
    "volunteer_approved": (
        "Dobra wiadomość, {name}: sprawdzenia zakończone i możesz już pomagać. Napiszemy, gdy "
        "ktoś w pobliżu będzie Cię potrzebować."
    ),
    "volunteer_suspended": (
        "Dzień dobry, {name}. Twój wolontariat jest na razie wstrzymany; koordynator się z Tobą "
        "skontaktuje."
    ),
    "admin_assign_not_open": "{reference} ma status: {status}; nie można jej teraz przydzielić.",
    "volunteer_suspended_tasks": (
        "Prosimy nie realizować {references} i nie odwiedzać ani nie dzwonić w tej sprawie: "
        "przekazujemy to komuś innemu."
    ),
    "admin_tasks_returned": " Zaproponowane innym wolontariuszom: {references}.",
    "admin_places_given_back": (
        " Miejsca u partnerów zwolnione (partnerzy wiedzą; pytamy innych): {references}."
    ),
    "admin_calls_held": (
        " Regularne rozmowy wstrzymane, dopóki ich komuś nie przekażesz: {references} "
        "(odpisz HANDOVER {example} i imię wolontariusza)."
    ),
    "calls_on_hold": (
        "Dzień dobry, {name}! {volunteer} nie może na razie do Ciebie dzwonić. Koordynator "
        "wkrótce znajdzie nową osobę i da Ci znać."
    ),
    "admin_handover_breaks_rules": (
        "{name} nie pasuje do {reference}: {rules}. Aby mimo to przekazać rozmowy, odpisz "
        "HANDOVER {reference} {name} OVERRIDE."
    ),
    "admin_assign_breaks_rules": (
        "{name} nie pasuje do {reference}: {rules}. Aby przydzielić mimo to, odpowiedz ASSIGN "
        "{reference} {name} OVERRIDE."
    ),
    "admin_assigned": "{reference} ma teraz: {name} ({reasons}). Obie strony już wiedzą.",
    "rule.skill": "nie oferuje takiej pomocy",
    "rule.approved": "brak zatwierdzenia",
    "rule.not_paused": "ma przerwę",
    "rule.checks": "brak wymaganych sprawdzeń",
    "rule.within_reach": "mieszka za daleko",
    "rule.language": "nie mówi językiem mieszkańca",
    "rule.available": "nie ma wtedy czasu",
    "rule.capacity": "wyczerpany tygodniowy limit",
    "rule.not_excluded": "oferta była już wysłana",
    "admin_handover_no_calls": "{reference} nie ma regularnych rozmów do przekazania.",
    "admin_handed_over": "Rozmowy {reference} prowadzi teraz: {name}. Wszyscy zostali powiadomieni.",
    "calls_handed_to_you": (
        "Koordynator prosi Cię o przejęcie rozmów: {name} ({phone}), {when}. Ostatnie rozmowy: "
        "{history}. Notatka: {note}"
    ),
    "calls_handed_on": (
        "Dzień dobry, {name}. Twoje rozmowy z: {other} przejmuje teraz inny wolontariusz. "
        "Dziękujemy za każdą z nich."
    ),
    "calls_new_caller": "Dzień dobry, {name}! Od teraz dzwonić będzie {volunteer}, {when}.",
    "broadcast_how": (
        "Aby napisać do wolontariuszy: BROADCAST, rejony i ewentualnie rodzaj pomocy, dwukropek, "
        "potem wiadomość, np. BROADCAST RM17 shopping: czy ktoś pomoże w sobotę?"
    ),
    "broadcast_preview": (
        "To trafi do wolontariuszy ({count}; {where}; {what}): „{text}” Wysłać? TAK lub NIE"
    ),
    "broadcast_nobody": (
        "Żaden aktywny wolontariusz nie pasuje ({where}; {what}), więc nie ma czego wysłać."
    ),
    "broadcast_confirm_again": "Odpowiedz TAK, aby wysłać wiadomość, albo NIE, aby z niej zrezygnować.",
    "broadcast_cancelled": "Nie wysłano.",
    "broadcast_sent": "Wysyłamy do wolontariuszy ({count}). Dziękujemy.",
    "broadcast_message": "Od {hub}: {text}",
    "broadcast_everywhere": "wszystkie rejony",
    "broadcast_any_skill": "dowolna pomoc",
    "admin_erase_how": "Aby usunąć czyjeś dane, podaj numer, np. ERASE 07700 900123",
    "admin_erase_confirm": (
        "To trwale usunie dane osobowe ({who}) ze wszystkich zapisów. Aby kontynuować, odpowiedz "
        "ERASE {who} CONFIRM"
    ),
    "admin_erase_self": (
        "Nie możesz usunąć siebie z czatu; poproś osobę prowadzącą punkt o neighbourly erase."
    ),
    "admin_unknown_person": "Nie znam nikogo z numerem {who}.",
    "admin_erased": (
        "Gotowe: {who} usunięto. Anulowane otwarte prośby: {requests}, przekazane zadania: {tasks}."
    ),
    "admin_find_where": (
        "Kogo lub gdzie? np. FIND Julia, FIND 07700 900123 albo FIND RM17 6SL shopping"
    ),
    "admin_find_nobody": (
        "Nie mogę znaleźć nikogo o imieniu {who}. FIND przyjmuje imię, numer telefonu lub kod "
        "pocztowy."
    ),
    "admin_find_people": "Znalezione dla {who}:\n{lines}",
    "admin_find_person": "{name} ({roles}) {phone}, {district}{about}",
    "admin_find_tasks": "otwarte zadania: {references}",
    "admin_find_no_tasks": "brak otwartych zadań",
    "admin_find_requests": "otwarte prośby: {references}",
    "admin_and_more": "...i jeszcze {count}",
    "role.volunteer": "wolontariusz",
    "role.resident": "mieszkaniec",
    "role.coordinator": "koordynator",
    "standing.available": "przyjmuje zadania",
    "standing.paused": "ma przerwę",
    "standing.pending": "czeka na sprawdzenie",
    "standing.suspended": "zawieszenie",
    "standing.left": "już nie pomaga",
    "admin_find_none": "Brak zatwierdzonych wolontariuszy do {km} km od {postcode}{skill}.",
    "admin_find": "Wolontariusze w pobliżu {postcode}{skill}:\n{lines}",
    "admin_find_line": "{name} {phone}, {km} km, {skills}{paused}",
    "admin_stats": (
        # Without diacritics, so it goes as GSM-7 and may run to 306 characters.
        "Dzisiaj: nowe {today_requests}, gotowe {today_done}. W tygodniu: {week_requests} "
        "({by_kind}); {by_status}. Mediana dopasowania: {median}. Wolontariusze: aktywni "
        "{active}, do sprawdzenia {pending}. Rozmowy: ok {calls_done}, bez odbioru "
        "{calls_no_answer}, nieodbyte {calls_missed}. Obawy: {concerns}."
    ),
    "concern_ask": (
        "Napisz własnymi słowami, co Cię niepokoi. Koordynator zobaczy to od razu. Jeśli ktoś "
        "jest teraz w niebezpieczeństwie, najpierw dzwoń pod 999."
    ),
    "concern_received": (
        "Dziękujemy. Twoje zgłoszenie trafiło już do koordynatorów i ktoś się z Tobą skontaktuje. "
        "Dobrze, że nam o tym mówisz."
    ),
    "concern_received_urgent": (
        "Jeśli ktoś jest w niebezpieczeństwie lub poważnie ranny, dzwoń teraz pod 999. Twoje "
        "zgłoszenie trafiło do koordynatorów jako PILNE; odezwą się jak najszybciej."
    ),
    "danger_advice": (
        "Jeśli grozi Ci niebezpieczeństwo lub coś Ci się stało, dzwoń teraz pod 999. "
        "Przekazaliśmy Twoją wiadomość koordynatorowi. W pilnej sprawie zdrowotnej, która nie "
        "jest nagłym wypadkiem, dzwoń pod 111."
    ),
    "concern_alert": (
        "OBAWY C-{number}: {raiser} ({raiser_phone}) o {resident} ({resident_phone}), {task}: "
        "„{text}” Przejmij: ACK C-{number}"
    ),
    "concern_alert_urgent": (
        "PILNE OBAWY C-{number}: {raiser} ({raiser_phone}) o {resident} ({resident_phone}), "
        "{task}: „{text}” Przejmij: ACK C-{number}"
    ),
    "concern_task": "zadanie {reference} ({category})",
    "concern_no_task": "bez zadania",
    "concern_list": (
        "Otwarte obawy:\n{lines}\nOdpowiedz ACK C-numer albo RESOLVE C-numer i notatkę."
    ),
    "concern_line": "C-{number} {urgent}{status}, {age} temu: {text}",
    "concern_line_urgent": "PILNE ",
    "urgent_mark": "PILNE ",
    "unmatched_alert": (
        "{urgent}BRAK WOLONTARIUSZA {reference}: {category} dla: {name} ({phone}), {district}, "
        "czeka {waited}: {reason}. Zadzwoń albo ASSIGN {reference} i imię wolontariusza."
    ),
    "unmatched_resident": (
        "Nie znaleźliśmy jeszcze wolontariusza ({category}, {reference}). Zajmuje się tym "
        "koordynator, który się odezwie."
    ),
    "unmatched_resident_no_coordinator": (
        "Nie znaleźliśmy jeszcze wolnego wolontariusza ({category}, {reference}). Wciąż "
        "szukamy i napiszemy, gdy ktoś będzie mógł pomóc."
    ),
    "concern_none": "Brak otwartych obaw. Dziękujemy.",
    "concern_which": "Które zgłoszenie? np. {action} C-12",
    "concern_unknown": "Nie mogę znaleźć otwartego zgłoszenia C-{number}.",
    "concern_acknowledged": (
        "C-{number} jest Twoje, dziękujemy. Gdy sprawa się wyjaśni, odpowiedz RESOLVE C-{number} "
        "i notatkę."
    ),
    "concern_taken_up": (
        "Dziękujemy za zgłoszenie. {coordinator} z zespołu koordynatorów już się tym zajmuje."
    ),
    "concern_resolved": "C-{number} rozwiązane, notatka zapisana. Dziękujemy.",
    "concern_needs_note": (
        "Dodaj, proszę, krótką notatkę, co zrobiono, np. RESOLVE C-{number} rozmowa z córką, "
        "wszystko dobrze."
    ),
    "empty_message": "Przepraszam, ta wiadomość była pusta.",
    "not_understood": "Przepraszam, nie rozumiem.",
    # A message with no words in it (Telegram): what the hub can read instead.
    "unreadable": (
        "Dziękuję za {thing}, ale umiem czytać tylko napisany tekst. Napisz, proszę, "
        "własnymi słowami, co chcesz przekazać, albo wyślij POMOC."
    ),
    "unreadable.photo": "zdjęcie",
    "unreadable.sticker": "naklejkę",
    "unreadable.voice": "wiadomość głosową",
    "unreadable.video": "film",
    "unreadable.document": "plik",
    "unreadable_location": (
        "Dziękuję za lokalizację. Korzystam z niej tylko wtedy, gdy pytam o kod pocztowy. "
        "Napisz, proszę, własnymi słowami, co chcesz przekazać, albo wyślij POMOC."
    ),
    "unreadable_other": (
        "Przepraszam, nie udało mi się odczytać tej wiadomości: umiem czytać tylko napisany "
        "tekst. Napisz, proszę, własnymi słowami, co chcesz przekazać, albo wyślij POMOC."
    ),
    "glad_to_help": "Oczywiście, chętnie pomożemy.",
    "stuck_hint": "Jeśli coś nie wychodzi, napisz OD NOWA, by zacząć od początku, albo POMOC.",
    "closing": "Nie ma za co. Napisz do nas, kiedy tylko będziesz potrzebować pomocy.",
    "restarted": "Dobrze, zacznijmy od nowa.",
    "flow_stopped": (
        "Dobrze, przerwane – nic nie zostało zapisane. Napisz, czego potrzebujesz, kiedy "
        "zechcesz, albo WOLONTARIUSZ, aby pomagać."
    ),
    # Resident: asking for help.
    "ask_category": "W czym możemy pomóc? Napisz własnymi słowami albo wybierz numer.",
    "danger_advice.medical": (
        "Dzwoń teraz pod 999 po karetkę. Jeśli możesz, otwórz drzwi i trzymaj telefon przy "
        "sobie. Przekazaliśmy wiadomość koordynatorowi."
    ),
    "danger_advice.suicide": (
        "Dziękujemy, że nam mówisz. Jeśli grozi Ci to teraz, dzwoń pod 999. Samaritans "
        "wysłuchają o każdej porze, za darmo: 116 123. Koordynator się z Tobą skontaktuje."
    ),
    "danger_advice.abuse": (
        "Jeśli grozi Ci niebezpieczeństwo, dzwoń pod 999 (jeśli nie możesz mówić, naciśnij 55). "
        "Telefon w sprawie przemocy domowej, za darmo: 0808 2000 247. Powiadomiliśmy "
        "koordynatora."
    ),
    "danger_advice.fire_gas": (
        "Wyjdźcie wszyscy z domu i dzwoń pod 999. Czujesz gaz? Nie używaj włączników ani ognia, "
        "otwórz okna, dzwoń pod 0800 111 999. Powiadomiliśmy koordynatora."
    ),
    "danger_advice.welfare": (
        "Powiadomiliśmy koordynatora, który odezwie się dziś. Jeśli źle się czujesz lub grozi "
        "Ci niebezpieczeństwo, dzwoń pod 999; porada medyczna: 111."
    ),
    "ask_address_why": (
        "Pytamy, żeby wolontariusz, który przyjmie zadanie, trafił do drzwi; inni widzą tylko "
        "ulicę. Wyślij numer domu i ulicę albo napisz OD NOWA."
    ),
    "address_check": "{address}: czy to się zgadza?",
    "address_check_again": "Wyślij, proszę, jeszcze raz numer domu i ulicę, np. 12 Orsett Road.",
    "ask_name_why": (
        "Żeby wolontariusz wiedział, komu pomaga. Wyślij, proszę, samo imię, np. Krystyna."
    ),
    "ask_call_when_again": (
        "Przepraszam, nie zrozumiałem, kiedy Ci pasuje. Napisz np. rano w dni powszednie, "
        "we wtorki po południu albo o każdej porze."
    ),
    "ask_duplicate": (
        "Masz już prośbę: {category} ({reference}), nad którą pracujemy. Czy to kolejna, "
        "osobna prośba?"
    ),
    "duplicate_kept": "Dobrze, zostaje tylko {reference}. STATUS pokaże, co się dzieje.",
    "ask_category_check": (
        "Czy chodzi o: {category}? Odpowiedz TAK albo napisz w kilku słowach, czego potrzebujesz."
    ),
    "ask_details": "Napisz, proszę, w kilku słowach, w czym potrzebujesz pomocy.",
    "ask_name": "Dziękujemy. Jak masz na imię?",
    "ask_name_again": (
        "Przepraszam, nie rozumiem imienia. Wyślij, proszę, samo imię, np. Krystyna."
    ),
    "ask_postcode": "Dziękujemy, {name}. Jaki jest Twój kod pocztowy? np. RM17 6SL",
    "ask_same_place": "Dziękujemy, {name}. Ten sam adres co poprzednio: {place}?",
    "postcode_invalid": (
        "Przepraszam, to nie wygląda na brytyjski kod pocztowy. Wyślij go, proszę, tak: RM17 6SL"
    ),
    "postcode_unknown": (
        "Przepraszam, nie znaleźliśmy kodu {postcode}. Sprawdź go, proszę, i wyślij jeszcze raz, "
        "np. RM17 6SL"
    ),
    "postcode_district": (
        "Nie znaleźliśmy dokładnie kodu {postcode}, więc na razie użyjemy rejonu {district}."
    ),
    "ask_address": (
        "Jaki jest numer domu i ulica? Zobaczy je tylko wolontariusz, który przyjmie zadanie."
    ),
    "ask_address_again": "Wyślij, proszę, numer domu i ulicę, np. 12 Orsett Road.",
    "ask_age": (
        "Żeby znaleźć kogoś, z kim dobrze Ci się porozmawia: ile masz mniej więcej lat? np. 78. "
        "Jeśli wolisz nie mówić, napisz POMIŃ."
    ),
    "ask_age_again": "Przepraszam, nie rozumiem. Podaj, proszę, wiek, np. 78, albo napisz POMIŃ.",
    "ask_call_when": (
        "Kiedy pasuje Ci rozmowa? np. w tygodniu rano, we wtorki po południu albo w dowolnym "
        "terminie."
    ),
    "ask_when": "Kiedy potrzebujesz pomocy? np. dziś, jutro, w piątek albo w dowolnym terminie",
    "ask_when_again": (
        "Przepraszam, nie rozumiem terminu. Napisz np. dziś, jutro, w piątek, 25.12 albo w "
        "dowolnym terminie."
    ),
    "consent_wording": (
        "Podamy kilku wolontariuszom w pobliżu Twoje imię i ulicę (bez numeru domu). Ten, "
        "kto zgodzi się pomóc, dostanie Twój adres i telefon. Nikt inny ich nie zobaczy."
    ),
    "consent_wording_calls": (
        "Podamy kilku wolontariuszom w pobliżu Twoje imię i okolicę. Ten, kto zgodzi się "
        "dzwonić, dostanie Twój numer telefonu. Nikt inny go nie zobaczy."
    ),
    "ask_consent": "{wording} Czy to w porządku?",
    "ask_consent_again": (
        "Odpowiedz TAK, jeśli możemy tak przekazać Twoje dane wolontariuszom, albo NIE, jeśli "
        "wolisz, żeby zadzwonił do Ciebie koordynator."
    ),
    "request_saved": (
        "Dziękujemy, {name}. Twoja prośba {reference} jest zapisana: {category}, {when}. "
        "Napiszemy, gdy tylko znajdzie się wolontariusz. STATUS – aby sprawdzić, "
        "ANULUJ {reference} – aby anulować."
    ),
    "request_saved_also": "Zapisaliśmy też: {category}, numer {reference}.",
    "request_saved_no_consent": (
        "Dobrze, {name}. Twoja prośba {reference} trafi do koordynatora, który zadzwoni, żeby "
        "ustalić pomoc; żaden wolontariusz nie zobaczy Twoich danych. STATUS – aby sprawdzić."
    ),
    # Resident: STATUS and CANCEL.
    "status_none": "Nie masz otwartych próśb. Napisz, czego potrzebujesz, kiedy zechcesz.",
    "status_list": "Twoje prośby:\n{lines}",
    "status_and_more": (
        "Twoje prośby:\n{lines}\nDamy znać, gdy coś się zmieni. Jeśli potrzebujesz czegoś "
        "innego, napisz czego; ANULUJ PROŚBĘ anuluje prośbę."
    ),
    "status_line": "{reference} {category} ({when}): {status}",
    "cancel_which": "Którą prośbę anulować? Odpowiedz ANULUJ i jej numer:\n{lines}",
    "cancel_confirm": "Anulować {reference} ({category})?",
    "cancelled": "Gotowe: {reference} anulowana. Dziękujemy, że dajesz znać.",
    "cancelled_volunteer_told": (
        "Gotowe: {reference} anulowana. Daliśmy znać wolontariuszowi ({volunteer}), więc nikt "
        "nie przyjdzie. Dziękujemy, że dajesz znać."
    ),
    "cancelled_calls_ended": (
        "Gotowe: {reference} anulowana, a regularne rozmowy ({volunteer}) zakończone. Daliśmy "
        "znać wolontariuszowi. Dziękujemy, że dajesz znać."
    ),
    "cancel_kept": "Dobrze, {reference} pozostaje otwarta.",
    "cancel_unknown": "Nie mogę znaleźć otwartej prośby {reference}. STATUS pokaże Twoje prośby.",
    "nothing_to_cancel": (
        "Nie masz otwartych próśb do anulowania. Napisz, czego potrzebujesz, kiedy zechcesz."
    ),
    "forget_confirm": (
        "Czy mamy usunąć wszystko, co {hub} o Tobie przechowuje: imię, numer, adres, prośby i "
        "wiadomości? Otwarte prośby zostaną anulowane. Tego nie da się cofnąć."
    ),
    "forgotten": (
        "Gotowe: Twoje dane zostały usunięte. Dziękujemy za bycie z nami. Jeśli znów będziesz "
        "potrzebować pomocy, po prostu napisz. W nagłym wypadku dzwoń pod 999."
    ),
    "forget_kept": "Dobrze, nic nie zostało usunięte.",
    "consent_withdraw_confirm": (
        "Wycofać zgodę? Przestaniemy używać Twoich danych: otwarte prośby anulujemy, a "
        "wolontariusze nie dostaną ofert. Zachowamy tylko to, co musimy, do upływu terminu albo "
        "do ZAPOMNIJ MNIE. DAJĘ ZGODĘ – w każdej chwili."
    ),
    "consent_withdrawn": (
        "Gotowe: zgoda wycofana. {done}Zachowujemy tylko to, co musimy, do upływu terminu; "
        "ZAPOMNIJ MNIE usunie to teraz, a DAJĘ ZGODĘ przywróci zgodę."
    ),
    "consent_requests_cancelled": "Anulowane otwarte prośby ({count}): {references}.",
    "consent_no_offers": "Nie dostaniesz więcej ofert.",
    "consent_tasks_kept": "Przyjęte zadania zostają Twoje; daj znać, jeśli nie dasz rady ich wykonać.",
    "consent_kept": "Dobrze, nic się nie zmieniło.",
    "consent_already_withdrawn": (
        "Twoja zgoda jest już wycofana. Napisz DAJĘ ZGODĘ, jeśli możemy znów używać Twoich "
        "danych, albo ZAPOMNIJ MNIE, aby je usunąć."
    ),
    "consent_not_withdrawn": (
        "Twoja zgoda obowiązuje, więc nie ma nic do zmiany. Aby ją wycofać, napisz WYCOFUJĘ ZGODĘ."
    ),
    "consent_given_again": (
        "Dziękujemy: Twoja zgoda znów jest zapisana. {resume}Napisz, czego potrzebujesz, kiedy "
        "zechcesz."
    ),
    "consent_resume_when_ready": "Napisz WZNÓW, gdy zechcesz znów dostawać oferty.",
    "consent_resume_blocked": (
        "Zgoda jest wycofana, więc nie możemy wysyłać Ci ofert. Najpierw napisz DAJĘ ZGODĘ, "
        "potem WZNÓW."
    ),
    "task_cancelled_consent": (
        "{reference} ({category}) anulowane: ta osoba wycofała zgodę na udostępnianie danych. "
        "Nie odwiedzaj jej ani nie dzwoń w tej sprawie. Dziękujemy za pomoc."
    ),
    "task_cancelled_erased": (
        "{reference} ({category}) anulowane: ta osoba poprosiła o usunięcie swoich danych. Nie "
        "odwiedzaj jej ani nie dzwoń w tej sprawie. Dziękujemy za pomoc."
    ),
    "task_cancelled_resident": (
        "{name} anulował(a) {reference} ({category}): pomoc nie jest już potrzebna, więc prosimy "
        "nie iść. Dziękujemy za gotowość do pomocy."
    ),
    "task_cancelled_resident_calls": (
        "{name} anulował(a) {reference}: regularne rozmowy są zakończone, prosimy już nie "
        "dzwonić. Dziękujemy za każdą rozmowę."
    ),
    "task_cancelled_coordinator": (
        "Koordynator anulował {reference} ({category}) dla: {name}. Powód: {reason}. Prosimy nie "
        "iść. Dziękujemy za gotowość do pomocy."
    ),
    "task_cancelled_coordinator_calls": (
        "Koordynator anulował {reference} dla: {name}. Powód: {reason}. Regularne rozmowy są "
        "zakończone, prosimy już nie dzwonić. Dziękujemy za każdą rozmowę."
    ),
    "request_cancelled_by_coordinator": (
        "Twoja prośba {reference} ({category}) została anulowana przez koordynatora. Powód: "
        "{reason}. Jeśli nadal potrzebujesz pomocy, napisz do nas."
    ),
    "task_changed": (
        "Koordynator zmienił {reference}: teraz {change}. Odpisz HELP, jeśli Ci to już nie "
        "pasuje."
    ),
    "news_for_referrer": "W sprawie: {name} ({reference}), którą nam Pan/Pani skierował(a): {news}",
    "news_for_coordinator": "Dla: {name} ({reference}), bez komórki: zadzwoń pod {phone} i przekaż: {news}",
    "volunteer_withdrawn": (
        "Przykro nam, wolontariusz do Twojej prośby ({category}) nie może już pomóc. Szukamy "
        "kogoś innego i damy znać."
    ),
    # Volunteer sign-up.
    "v_confirm": (
        "Dziękujemy! Czy chcesz zapisać się jako wolontariusz? Odpowiedz TAK albo NIE, jeśli to "
        "Ty potrzebujesz pomocy."
    ),
    "v_confirm_no": "Dobrze. W czym możemy pomóc? Opisz to własnymi słowami lub wybierz numer.",
    "v_noted": "Dziękujemy, {name}. Zapisaliśmy: {noted}.",
    "v_noted_radius": "do {radius} od {postcode}",
    "v_intro": (
        "Dziękujemy, że chcesz pomagać! Kilka krótkich pytań (OD NOWA – aby przerwać). "
        "Jak masz na imię?"
    ),
    "v_ask_postcode": (
        "Dziękujemy, {name}. Jaki jest Twój kod pocztowy? Dzięki niemu zaproponujemy zadania "
        "w pobliżu, np. RM17 6SL"
    ),
    "v_ask_radius": "Jak daleko możesz dojeżdżać? np. 3 km albo 2 mile",
    "v_ask_radius_again": "Przepraszam, podaj odległość, np. 3 km albo 2 mile.",
    "v_ask_skills": "W czym możesz pomóc? Wyślij wszystkie pasujące numery, np. 1 3 4",
    "v_ask_skills_again": (
        "Przepraszam, wyślij numery tego, w czym pomożesz, np. 1 3 4, albo WSZYSTKO."
    ),
    "v_ask_availability": (
        "Kiedy zwykle masz czas? np. w tygodniu wieczorem, w soboty rano albo zawsze"
    ),
    "v_ask_availability_again": (
        "Przepraszam, nie rozumiem. Napisz np. w tygodniu wieczorem, w poniedziałki i środy "
        "rano, w weekendy albo zawsze."
    ),
    "v_ask_languages": "Jakimi językami mówisz? np. polski, angielski. Albo POMIŃ.",
    "v_ask_languages_again": (
        "Przepraszam, nie znam tego języka. Napisz jego nazwę, np. polski, albo POMIŃ."
    ),
    "v_ask_age": (
        "W jakim jesteś przedziale wieku? Pomaga nam to łączyć osoby w podobnym wieku. Wyślij "
        "wiek albo przedział, albo POMIŃ."
    ),
    "v_ask_age_again": "Wyślij, proszę, wiek (np. 67), przedział, np. 65-74, albo POMIŃ.",
    "v_ask_experience": (
        "Czy masz doświadczenia życiowe, które pomogą Ci wspierać innych? np. „opiekowałam się "
        "mamą z demencją”. Kilka słów albo POMIŃ."
    ),
    "v_ask_code": (
        "Ostatni krok – nasz kodeks wolontariusza: życzliwość i słowność, dyskrecja co do "
        "cudzych danych, nigdy żadnych kart ani PIN-ów, a gdy martwisz się o kogoś – od razu nam "
        "powiedz. Zgadzasz się?"
    ),
    "v_ask_code_again": "Odpowiedz TAK, jeśli zgadzasz się na kodeks wolontariusza, albo NIE.",
    "v_code_declined": (
        "Nie ma problemu. Zadania wysyłamy tylko wolontariuszom, którzy przyjmują kodeks, więc "
        "nic nie zapisaliśmy. Napisz WOLONTARIUSZ, jeśli zmienisz zdanie."
    ),
    "v_registered": (
        "Dziękujemy, {name}! Pomoc: {skills}; {availability}; do {radius}. Koordynator sprawdzi "
        "dokument (czasem DBS), potem przyślemy oferty. Możesz pisać: PRZERWA, WZNÓW, MOJE "
        "ZADANIA, REZYGNUJĘ."
    ),
    "my_details": "Co o Tobie przechowujemy: {name}, {phone}.",
    "my_details_no_name": "bez imienia",
    "my_details_volunteering": (
        "Wolontariat: {skills}; wolny czas: {availability}; do {radius} od {postcode}; "
        "języki: {languages}; sprawdzenia: {checks}; {standing}."
    ),
    "my_details_none": "nie podano",
    "my_details_no_checks": "jeszcze brak",
    "my_details_address": "Ostatni adres: {place}.",
    "my_details_how": "Aby wszystko usunąć, napisz ZAPOMNIJ MNIE.",
    "my_details_how_volunteer": (
        "Aby coś zmienić, napisz UPDATE i zmianę, np. UPDATE wieczory w tygodniu, UPDATE "
        "RM17 6SL, UPDATE do 5 km, UPDATE zakupy i spacery z psem."
    ),
    "v_standing_paused": "oferty wstrzymane",
    "v_update_what": (
        "Co się zmieniło? np. wieczory w tygodniu, RM17 6SL, do 5 km albo zakupy i spacery z "
        "psem. MOJE DANE pokaże, co przechowujemy."
    ),
    "v_update_nothing": (
        "Przepraszamy, nie wiem, co zmienić, więc nic nie zmieniamy. MOJE DANE pokaże, co "
        "przechowujemy; potem UPDATE i zmiana, np. UPDATE wieczory w tygodniu."
    ),
    "v_update_not_volunteer": "Nie jesteś zapisany(-a) jako wolontariusz. Napisz WOLONTARIUSZ.",
    "v_updated": "Zaktualizowane, dziękujemy. {held}",
    "v_already": (
        "Masz już konto wolontariusza ({vetting}). Napisz MOJE ZADANIA, PRZERWA, WZNÓW albo "
        "REZYGNUJĘ."
    ),
    "v_paused": "Masz przerwę: żadnych ofert, dopóki nie napiszesz WZNÓW. Dziękujemy za wszystko.",
    "v_resumed": "Witaj z powrotem! Znów będziesz dostawać oferty.",
    "v_no_tasks": "Nie masz teraz zadań. Napiszemy, gdy pojawi się coś w pobliżu.",
    "v_tasks": "Twoje zadania:\n{lines}",
    "v_task_line": "{reference} {category} – {first_name} ({when}). {contact}",
    "v_place_line": "{reference} {category} – {partner}, {postcode} ({when}). Kontakt: {contact}.",
    "v_leave_confirm": "Na pewno chcesz zakończyć wolontariat? Nie dostaniesz już ofert.",
    "v_left": (
        "Nie ma Cię już na liście wolontariuszy. Bardzo dziękujemy za pomoc. Napisz "
        "WOLONTARIUSZ, aby wrócić."
    ),
    "v_leave_kept": "Cieszymy się, że zostajesz!",
    # Offers to volunteers: only what they need to decide.
    "offer": (
        "Możesz pomóc? {first_name} potrzebuje: {category}, {when}, {area} ({distance}). "
        "{reasons}Odpowiedz TAK {reference}, aby przyjąć, albo NIE {reference}, aby odmówić."
    ),
    # The offer's {distance}: a number tells no one's postcode only from half a kilometre.
    "offer_distance": "{km} km stąd",
    "offer_very_close": "bardzo blisko",
    "offer_distance_unknown": "odległość nieznana",
    "offer_reasons": "Dlaczego Ty: {reasons}. ",
    "offer_line": "{reference} {category} ({when}), {area}",
    "offer_which": (
        "Masz więcej niż jedną ofertę. Odpowiedz TAK albo NIE z numerem, np. TAK {reference}:\n"
        "{lines}"
    ),
    "v_offers_waiting": (
        "Czeka na Twoją odpowiedź:\n{lines}\nOdpisz TAK {reference}, by przyjąć, albo NIE "
        "{reference}, by odmówić."
    ),
    "v_not_understood_tasks": (
        "Przepraszam, nie rozumiem. MOJE ZADANIA pokaże Twoje zadania, GOTOWE {reference}, gdy "
        "skończysz, ODDAJ {reference}, gdy nie dasz rady, albo POMOC."
    ),
    "v_not_understood": (
        "Przepraszam, nie rozumiem. Napiszemy, gdy ktoś w pobliżu będzie potrzebować pomocy. "
        "POMOC pokaże, co możesz wysłać; jeśli sam(a) potrzebujesz pomocy, napisz, czego."
    ),
    "offer_unknown": "Nie mogę znaleźć otwartej oferty {reference}. Może jest już przyjęta.",
    "offer_won": (
        "Dziękujemy! {reference} jest Twoje: {category} – {first_name}, {when}. {contact} "
        "Napisz GOTOWE {reference} po wszystkim albo OBAWY, jeśli martwisz się o tę osobę."
    ),
    "offer_won_calls": (
        "Dziękujemy! {reference} jest Twoje: regularne rozmowy z: {first_name}, {when}. "
        "{contact} Po każdej rozmowie napisz GOTOWE; by je zakończyć, KONIEC ROZMÓW "
        "{reference}. Obawy? Napisz OBAWY."
    ),
    "task_assigned": (
        "Koordynator przydziela Ci {reference}: {category} – {first_name}, {when}. {contact} "
        "Napisz GOTOWE {reference} po wszystkim albo OBAWY, jeśli martwisz się o tę osobę."
    ),
    "task_assigned_calls": (
        "Koordynator przydzielił Ci {reference}: regularne rozmowy z: {first_name}, {when}. "
        "{contact} Po każdej rozmowie napisz GOTOWE; by je zakończyć, KONIEC ROZMÓW "
        "{reference}. Obawy? Napisz OBAWY."
    ),
    "phone_masked": "ukryty (napisz POŁĄCZ, by się połączyć)",
    "offer_contact": "Adres: {address}. Telefon: {phone}.",
    "offer_contact_phone": "Telefon: {phone}.",
    "offer_cancelled": "Dziękujemy! {reference} zostało anulowane: pomoc nie jest już potrzebna, nic nie trzeba robić.",
    "offer_taken": "Dziękujemy! Inny wolontariusz już przyjął {reference}, więc nic nie trzeba robić.",
    "offer_already_yours": "{reference} jest już Twoje, dziękujemy. MOJE ZADANIA pokaże je znowu.",
    "offer_declined": "Nie ma problemu, dziękujemy, że dajesz znać.",
    "offer_expired": "Oferta {reference} jest już zamknięta; poprosiliśmy kogoś innego. Dziękujemy.",
    "resident_matched": (
        "Dobra wiadomość, {name}: {volunteer} pomoże – {category}, {when}. STATUS pokaże, jak "
        "idą sprawy; jeśli plany się zmienią, napisz ANULUJ."
    ),
    "task_done_thanks": "Dziękujemy za pomoc ({first_name})! {reference} oznaczone jako zrobione.",
    "feedback_thanks": (
        "Dziękujemy, że nam o tym piszesz. Jeśli znów będziesz potrzebować pomocy, po prostu napisz."
    ),
    "resident_done": (
        "{volunteer} oznacza Twoją prośbę ({category}) jako zrobioną. Jak poszło? Odpisz kilka "
        "słów – to nam pomaga."
    ),
    "done_which": "Które zadanie jest zrobione? Odpowiedz GOTOWE i jego numer, np. GOTOWE {reference}.",
    "task_unknown": "Nie mogę znaleźć Twojego zadania {reference}.",
    # Choosing a language: LANG / JĘZYK at any point (bot/dialogue/languages.py).
    "language_name": "polski",
    "language_which": "W jakim języku mamy do Ciebie pisać?",
    "language_set": "Dobrze, od teraz piszemy do Ciebie po polsku. Napisz JĘZYK, aby to zmienić.",
    "language_offer": "Piszesz po polsku? Napisz JĘZYK PL, a będziemy odpowiadać po polsku.",
    # When help is needed, as parsing.find_when stores it (shown by wording.describe_when).
    "when.asap": "jak najszybciej",
    "when.today": "dziś",
    "when.tomorrow": "jutro",
    "when.this_week": "w tym tygodniu",
    "when.next_week": "w przyszłym tygodniu",
    "when.date": "{weekday} {day_number} {month}",
    "day_short.0": "pon.", "day_short.1": "wt.", "day_short.2": "śr.", "day_short.3": "czw.",
    "day_short.4": "pt.", "day_short.5": "sob.", "day_short.6": "niedz.",
    "month.1": "stycznia", "month.2": "lutego", "month.3": "marca", "month.4": "kwietnia",
    "month.5": "maja", "month.6": "czerwca", "month.7": "lipca", "month.8": "sierpnia",
    "month.9": "września", "month.10": "października", "month.11": "listopada",
    "month.12": "grudnia",
    # A volunteer's free time (wording.describe_slots): "wieczorem (dni powszednie), rano (sob.)".
    "slots.phrase": "{part} ({which_days})",
    "slots.every_morning": "codziennie rano",
    "slots.every_afternoon": "codziennie po południu",
    "slots.every_evening": "codziennie wieczorem",
    "slots.weekday": "dni powszednie",
    "slots.weekend": "weekendy",
    "slots.morning": "rano",
    "slots.afternoon": "po południu",
    "slots.evening": "wieczorem",
    "phone_via_hub": "przez nasz punkt",
    "radius_km": "{km} km",
    "radius_miles": "{miles} mil",
    "and": "i",
    # Shopping money.
    "payment.shop_by_phone": "Sklep przyjmie płatność przez telefon",
    "payment.prepaid_card": "Karta przedpłacona",
    "payment.cash": "Gotówka przy dostawie, za paragonem",
    "payment.other": "Inny sposób",
    "ask_payment": (
        "Jak zapłacisz ({category})? Odpowiedz numerem. Nigdy nie podawaj wolontariuszowi danych konta ani "
        "karty."
    ),
    "payment_noted": "Dziękujemy, zapisane: {way}. Wolontariusz zachowa dla Ciebie paragon.",
    "payment_line": "Płatność: {way}.",
    "receipt_ask": (
        "Dziękujemy! Na jaką kwotę jest paragon? Odpowiedz kwotą, np. 23.40, albo 0, jeśli "
        "{name} płaci sklepowi bezpośrednio."
    ),
    "receipt_ask_again": "Przepraszam, potrzebuję kwoty z paragonu, np. 23.40, albo 0.",
    "receipt_photo": (
        "Dziękuję, ale nie przechowujemy zdjęć paragonów. Wpisz, proszę, kwotę z paragonu, "
        "np. 23.40, albo 0, jeśli nic nie wydano."
    ),
    "receipt_noted": "Zapisane: {amount}. {name} potwierdzi kwotę; przekaż, proszę, paragon.",
    "receipt_confirm": (
        "Dzień dobry, {name}! {volunteer} kończy Twoją prośbę ({category}, {reference}), a "
        "paragon pokazuje {amount}. Czy to się zgadza?"
    ),
    "receipt_confirm_again": "Odpowiedz TAK, jeśli {amount} się zgadza, albo NIE, jeśli nie.",
    "receipt_confirmed": "Dziękujemy. Jak oceniasz pomoc ({volunteer})? Odpisz kilka słów – to nam pomaga.",
    "receipt_disputed": (
        "Dziękujemy, że nam mówisz. Koordynator wkrótce się odezwie, żeby to wyjaśnić; do tego "
        "czasu, proszę, nic więcej nie płać."
    ),
    "receipt_alert_disputed": (
        "PARAGON {reference}: {resident} ({resident_phone}) twierdzi, że kwota {amount} "
        "(wolontariusz: {volunteer}, {volunteer_phone}) się nie zgadza. Wyjaśnij, potem SETTLE "
        "{reference}."
    ),
    "receipt_alert_unanswered": (
        "PARAGON {reference}: {resident} ({resident_phone}) od {days} dni nie potwierdza kwoty "
        "{amount} (wolontariusz: {volunteer}, {volunteer_phone}). Sprawdź, potem SETTLE "
        "{reference}."
    ),
    "admin_settled": "{reference}: paragon na {amount} rozliczony.",
    "admin_settle_nothing": "{reference} nie ma paragonu do rozliczenia.",
    "admin_stats_money": (
        "Pieniądze za zakupy: paragony czekające na mieszkańca: {awaiting}, sporne lub bez "
        "odpowiedzi: {disputed}; do rozliczenia {amount}. Otwarte potrzeby partnerów: {needs}."
    ),
    # The directory of local services.
    "kind.shop": "sklep z dostawą",
    "kind.pharmacy": "apteka z dostawą",
    "kind.food_bank": "bank żywności",
    "kind.befriending": "organizacja wsparcia lub dla opiekunów",
    "kind.mental_health": "telefon zaufania",
    "kind.other": "lokalna usługa",
    "directory_pays_by_phone": "płatność przez telefon",
    "directory_ask_postcode": "Jaki jest Twój kod pocztowy? Wyślij go tak: RM17 6SL",
    "directory_found": (
        "W rejonie {district}:\n{lines}\nJeśli wolisz wolontariusza, napisz, czego potrzebujesz."
    ),
    "directory_none": (
        "Przepraszam, nie znamy jeszcze w rejonie {district} takiego miejsca: {kinds}. Może pomóc "
        "wolontariusz – napisz, czego potrzebujesz."
    ),
    "directory_alongside": "Zanim znajdziemy wolontariusza, to też może pomóc:\n{lines}",
    "admin_directory": "Katalog{where}:\n{lines}",
    "admin_directory_empty": "Brak wpisów w katalogu{where}. DIRECTORY ADD, aby dodać.",
    "admin_directory_how": (
        "Nowy wpis: DIRECTORY ADD nazwa | rodzaj | rejony | telefon | godziny | uwagi, np. "
        "DIRECTORY ADD Tesco Grays | shop | RM17 RM16 | 0345 677 9000 | 8am-10pm | takes payment "
        "by phone. Rodzaje: shop, pharmacy, food bank, befriending, mental health, other."
    ),
    "admin_directory_added": "Dodano {number}: {name}, {kind}, rejony: {districts}.",
    "admin_directory_removed": "Usunięto {number}: {name}.",
    "admin_directory_unknown": "Nie ma wpisu {number}. DIRECTORY pokaże listę.",
    # Partner organisations and their needs.
    "admin_partner_how": (
        "Aby dodać partnera: PARTNER ADD nazwa | rodzaj | osoba kontaktowa i telefon, np. "
        "PARTNER ADD Thurrock Care Home | care home | Sue 07700 900777. Aby usunąć: "
        "PARTNER REMOVE nazwa."
    ),
    "admin_partner_removed": "{name} nie jest już partnerem. Nie mieli otwartych potrzeb.",
    "admin_partner_removed_needs": (
        "{name} nie jest już partnerem. Ich potrzeby {needs} są zamknięte; powiadomieni "
        "wolontariusze: {count}."
    ),
    "admin_partner_added": "Dodano partnera {name}; kontakt: {contact}. NEED ogłasza, czego potrzebuje.",
    "admin_partner_exists": "{name} już jest partnerem; nowy kontakt: {contact}.",
    "admin_partners": "Partnerzy:\n{lines}",
    "admin_partners_empty": "Brak partnerów. PARTNER ADD, aby dodać.",
    "admin_unknown_partner": "Nie znam partnera {name}. PARTNERS pokaże listę.",
    "admin_need_how": (
        "Nowa potrzeba: NEED partner | rodzaj pomocy | liczba | kod | cykl | daty | sprawdzenia "
        "| zadania, np. NEED Thurrock Care Home | befriending | 3 | RM17 6SL | weekly | 1/12 to "
        "28/2 | dbs training | chat with residents"
    ),
    "admin_need_offered_more": (
        "{reference} dla {partner} (zajęte {filled} z {needed}): zaproponowano kolejnym "
        "{offered} osobom: {names}."
    ),
    "admin_need_posted": (
        "{reference} dla {partner}: wolontariusze ({needed}) – {category}. Zaproponowano "
        "{offered} osobom: {names}."
    ),
    "admin_need_nobody": (
        "{reference} dla {partner} ogłoszone, ale nikt w pobliżu {district} nie ma jeszcze "
        "umiejętności i sprawdzeń ({checks}). NEEDS to pokaże; ponowna oferta: NEED OFFER "
        "{reference}."
    ),
    "admin_needs": "Otwarte potrzeby:\n{lines}",
    "admin_needs_empty": "Brak otwartych potrzeb partnerów.",
    "admin_need_unknown": "Nie ma otwartej potrzeby {reference}. NEEDS pokaże listę.",
    "admin_need_which": "Która potrzeba? Np. {example} (NEEDS pokaże listę).",
    "admin_need_closed": (
        "{reference} ({partner}) zamknięte (zajęte miejsca: {filled} z {needed}); "
        "powiadomieni wolontariusze: {count}."
    ),
    # Kinds of help as a partner's need names them: in person, at their place.
    "need_kind.shopping": "zakupy",
    "need_kind.prescription": "odbiór leków",
    "need_kind.befriending": "rozmowy i towarzystwo",
    "need_kind.dog_walking": "spacery z psami",
    "need_kind.transport": "podwożenie na wizyty",
    "need_kind.other": "pomoc na miejscu",
    "check.id": "sprawdzenie tożsamości",
    "check.dbs_enhanced": "rozszerzone DBS",
    "check.befriending_training": "szkolenie",
    "no_checks": "sprawdzenie tożsamości",
    "check_expiring": (
        "SPRAWDZENIE: {volunteer} – {checks} wygasa {date}, za {days} dni. Poproś o odnowienie "
        "({volunteer_phone}), potem wyślij {example}. Po {date} nie dostanie ofert, które tego "
        "wymagają."
    ),
    "check_expired": (
        "SPRAWDZENIE: {volunteer} – {checks} wygasło {date}, więc nie dostaje ofert, które tego "
        "wymagają. Poproś o odnowienie ({volunteer_phone}), potem wyślij {example}."
    ),
    "need_offer": (
        "{partner} potrzebuje wolontariuszy ({needed}): {category}, rejon {district}"
        "{how_often}{dates}: {about}. Wymagane: {checks}. Odpowiedz TAK {reference} albo "
        "NIE {reference}."
    ),
    "need_dates": " od {start} do {end}",
    "need_accepted": (
        "Dziękujemy, jesteś na liście: {partner} ({reference}). Kontakt: {contact}, tel. {phone}; "
        "wiedzą, że przyjdziesz. Zajęte miejsca: {filled} z {needed}."
    ),
    "need_full_now": "{partner} ({reference}): wszystkie miejsca ({needed}) zajęte. Dziękujemy!",
    "need_closed_offer": (
        "Dziękujemy za zgłoszenie! {partner} nie potrzebuje już wolontariuszy ({reference}), "
        "więc nic nie trzeba robić."
    ),
    "need_closed_place": (
        "Potrzeba {reference} ({partner}) się zakończyła, więc nie trzeba już przychodzić. "
        "Bardzo dziękujemy za pomoc!"
    ),
    "need_full": (
        "Dziękujemy za zgłoszenie! {reference} ({partner}) ma już komplet, więc nic nie trzeba "
        "robić. Odezwiemy się przy następnej potrzebie."
    ),
    "need_unknown": "Nie mogę znaleźć {reference} wśród potrzeb, które Ci zaproponowaliśmy.",
    "need_already_yours": "Masz już miejsce w {reference}. Dziękujemy!",
    "need_place_given_back": (
        "Dzień dobry, {name}! {volunteer} nie może już przyjść ({reference}). Pytamy innych "
        "wolontariuszy i damy znać, kto przyjdzie."
    ),
    "need_contact_told": (
        "Dzień dobry, {name}! {volunteer} ({phone}) przyjdzie pomóc: {category} ({reference}). "
        "Zajęte miejsca: {filled} z {needed}."
    ),
    # Liczby: strona Statystyki w panelu, `neighbourly report` i STATS. Liczba z rzeczownikiem
    # ma trzy formy (catalogue.counted): .one (1), .few (2-4, ale nie 12-14), .many (reszta).
    "figures.kind.shopping.one": "{count} prośba o zakupy",
    "figures.kind.shopping.few": "{count} prośby o zakupy",
    "figures.kind.shopping.many": "{count} próśb o zakupy",
    "figures.kind.prescription.one": "{count} odbiór leków",
    "figures.kind.prescription.few": "{count} odbiory leków",
    "figures.kind.prescription.many": "{count} odbiorów leków",
    "figures.kind.befriending.one": "{count} rozmowa telefoniczna",
    "figures.kind.befriending.few": "{count} rozmowy telefoniczne",
    "figures.kind.befriending.many": "{count} rozmów telefonicznych",
    "figures.kind.dog_walking.one": "{count} spacer z psem",
    "figures.kind.dog_walking.few": "{count} spacery z psem",
    "figures.kind.dog_walking.many": "{count} spacerów z psem",
    "figures.kind.transport.one": "{count} podwiezienie na wizytę",
    "figures.kind.transport.few": "{count} podwiezienia na wizytę",
    "figures.kind.transport.many": "{count} podwiezień na wizytę",
    "figures.kind.other.one": "{count} inna prośba",
    "figures.kind.other.few": "{count} inne prośby",
    "figures.kind.other.many": "{count} innych próśb",
    "figures.requests.one": "{count} prośba",
    "figures.requests.few": "{count} prośby",
    "figures.requests.many": "{count} próśb",
    "figures.volunteers_joined.one": "{count} nowy wolontariusz",
    "figures.volunteers_joined.few": "{count} nowych wolontariuszy",
    "figures.volunteers_joined.many": "{count} nowych wolontariuszy",
    "figures.volunteers_helped.one": "{count} aktywny wolontariusz",
    "figures.volunteers_helped.few": "{count} aktywnych wolontariuszy",
    "figures.volunteers_helped.many": "{count} aktywnych wolontariuszy",
    "figures.calls_made.one": "{count} odbyta rozmowa",
    "figures.calls_made.few": "{count} odbyte rozmowy",
    "figures.calls_made.many": "{count} odbytych rozmów",
    "figures.concerns_raised.one": "{count} zgłoszona obawa",
    "figures.concerns_raised.few": "{count} zgłoszone obawy",
    "figures.concerns_raised.many": "{count} zgłoszonych obaw",
    "figures.days.one": "{count} dzień",
    "figures.days.few": "{count} dni",
    "figures.days.many": "{count} dni",
    "figures.minutes": "{count} min",
    "figures.hours": "{count} godz.",
    "figures.hours_minutes": "{count} godz. {minutes} min",
    "figures.change.up": "o {percent}% więcej",
    "figures.change.down": "o {percent}% mniej",
    "figures.change.same": "bez zmian",
    "figures.change.from_none": "wcześniej zero",
    "figures.brief.requests": "{figure}, {change}; {percent}% z nich dostało wolontariusza w ciągu doby.",
    "figures.brief.requests_none": "Brak próśb.",
    "figures.brief.kinds": "Według rodzaju: {kinds}.",
    "figures.brief.outcomes": (
        "Zrobione: {done_count}; anulowane lub wygasłe: {closed}; wciąż otwarte: {still_open}."
    ),
    "figures.brief.waits": (
        "Połowa dostała wolontariusza w ciągu {median}, dziewięć na dziesięć w ciągu {p90}."
    ),
    "figures.brief.volunteers": "{joined}, {change}; {helped}.",
    "figures.brief.standing": (
        "Stan na {date}: dostępni: {available}, z przerwą: {resting}, czekający na "
        "sprawdzenie: {pending}."
    ),
    "figures.brief.calls": (
        "{made}, {change}; bez odbioru: {unanswered}; nieodbyte: {missed}; przekazane "
        "koordynatorowi: {escalated}."
    ),
    "figures.brief.calls_none": "Nie było zaplanowanych rozmów.",
    "figures.brief.concerns": "{raised}, {change}; pilne: {urgent_count}.",
    "figures.brief.acknowledged": "Połowę przyjęto w ciągu {median}, dziewięć na dziesięć w ciągu {p90}.",
    "figures.brief.concerns_none": "Nie zgłoszono obaw.",
    "figures.date": "{day_number} {month} {year}",
    "figures.day_month": "{day_number} {month}",
    "figures.period.month": "{month_name} {year}",
    "figures.period.days": "od {first} do {last}",
    "figures.period.so_far": "{period}, do dziś",
    "figures.week": "{first} - {last}",
    "figures.month_name.1": "styczeń", "figures.month_name.2": "luty",
    "figures.month_name.3": "marzec", "figures.month_name.4": "kwiecień",
    "figures.month_name.5": "maj", "figures.month_name.6": "czerwiec",
    "figures.month_name.7": "lipiec", "figures.month_name.8": "sierpień",
    "figures.month_name.9": "wrzesień", "figures.month_name.10": "październik",
    "figures.month_name.11": "listopad", "figures.month_name.12": "grudzień",
    "figures.heading.period": "Liczby: {period}",
    "figures.heading.glance": "Dziś i w tym tygodniu",
    "figures.heading.brief": "W skrócie",
    "figures.heading.key_figures": "Najważniejsze liczby",
    "figures.heading.requests": "Prośby dziennie, według rodzaju",
    "figures.heading.waits": "Czas od prośby do znalezienia wolontariusza, tygodniowo",
    "figures.heading.districts": "Prośby i wolontariusze według rejonu (początku kodu pocztowego)",
    "figures.heading.volunteers": "Nowi i aktywni wolontariusze, tygodniowo",
    "figures.heading.standing": "Wolontariusze, stan na {date}",
    "figures.heading.calls": "Rozmowy kontrolne, tygodniowo",
    "figures.heading.concerns": "Zgłoszone obawy, tygodniowo",
    "figures.heading.acknowledged": "Czas do przyjęcia zgłoszonej obawy, tygodniowo",
    "figures.chart_note": "Wykres słupkowy. Te same liczby są w tabeli obok.",
    "figures.nothing": "Brak danych za ten okres.",
    "figures.column.day": "Dzień",
    "figures.column.week": "Tydzień",
    "figures.column.district": "Rejon",
    "figures.column.total": "Razem",
    "figures.column.matched": "Z wolontariuszem",
    "figures.column.median": "Mediana",
    "figures.column.p90": "9 na 10 w ciągu",
    "figures.column.requests": "Złożone prośby",
    "figures.column.open": "Otwarte teraz",
    "figures.column.available": "Dostępni wolontariusze teraz",
    "figures.column.joined": "Nowi",
    "figures.column.helped": "Aktywni",
    "figures.column.left": "Zrezygnowali",
    "figures.column.made": "Odbyte",
    "figures.column.no_answer": "Bez odbioru",
    "figures.column.missed": "Nieodbyte",
    "figures.column.escalated": "Przekazane koordynatorowi",
    "figures.column.raised": "Zgłoszone",
    "figures.column.urgent": "Pilne",
    "figures.column.acknowledged": "Przyjęte",
    "figures.column.volunteers": "Wolontariusze",
    "figures.column.figure": "Wskaźnik",
    "figures.column.change": "Zmiana",
    "figures.row.available": "Dostępni",
    "figures.row.paused": "Z przerwą",
    "figures.row.pending": "Czekają na sprawdzenie",
    "figures.row.requests": "Prośby",
    "figures.row.within_day": "Z wolontariuszem w ciągu doby",
    "figures.row.median_wait": "Mediana czasu do znalezienia wolontariusza",
    "figures.row.done": "Zrobione",
    "figures.row.joined": "Nowi wolontariusze",
    "figures.row.helped": "Aktywni wolontariusze",
    "figures.row.calls_made": "Odbyte rozmowy kontrolne",
    "figures.row.calls_missed": "Nieodbyte rozmowy kontrolne",
    "figures.row.concerns": "Zgłoszone obawy",
    "figures.row.median_ack": "Mediana czasu do przyjęcia obawy",
    "figures.report.title": "{hub}: liczby, {period}",
    "figures.report.made": (
        "Przygotowano {date} na podstawie danych centrum. Same liczby: w raporcie nie ma "
        "niczyjego imienia, numeru telefonu ani adresu."
    ),
    "figures.report.compared": "Zmiany w porównaniu z okresem: {period}.",
    "figures.report.how_counted": (
        "Prośby liczymy w dniu ich złożenia; w ciągu doby znaczy w ciągu 24 godzin. Aktywny "
        "wolontariusz przyjął zadanie lub odbył rozmowę kontrolną. Nieodbyta rozmowa nie "
        "została zapisana w swoim czasie albo mieszkaniec napisał, że nikt nie zadzwonił."
    ),
    "figures.form.legend": "Okres",
    "figures.form.week": "Ten tydzień",
    "figures.form.four_weeks": "Ostatnie 4 tygodnie",
    "figures.form.month": "Miesiąc",
    "figures.form.dates": "Daty",
    "figures.form.custom": "Od",
    "figures.form.to": "do",
    "figures.form.show": "Pokaż",
    "figures.form.unreadable": (
        "Nie udało się odczytać okresu, więc widać ostatnie 4 tygodnie. Wybierz miesiąc albo "
        "daty odległe najwyżej o rok."
    ),
    "figures.download.report": "Pobierz raport za ten okres (strona do wydruku)",
    "figures.download.csv": "Pobierz liczby (CSV)",
    # Rozmowa przez hub (bot/services/takeover.py): TEXT, TAKE, RELEASE, "> wiadomość".
    "takeover.from_hub": "{hub}: {text}",
    "takeover.taken": (
        "{coordinator} z {hub} czyta teraz Twoje wiadomości i odpowie Ci osobiście. "
        "W nagłym wypadku dzwoń pod 999."
    ),
    "takeover.hub_again": (
        "{hub} znów odpowiada na Twoje wiadomości sam. Wyślij HELP lub MENU, aby zobaczyć, "
        "co możesz zrobić."
    ),
    "takeover.forward": "OD {name} ({who}): {text}",
    "takeover.forward_danger": (
        "OD {name} ({who}), SŁOWA O ZAGROŻENIU - dostał(a) porady alarmowe, zgłoszono pilną "
        "obawę: {text}"
    ),
    "takeover.admin_taken": (
        "Prowadzisz teraz rozmowę z {who}: hub nie odpowiada sam. Wiadomości trafiają do "
        "Ciebie. Odpowiedz TEXT {reference} i treść albo > i treść, gdy prowadzisz tylko tę "
        "jedną. RELEASE na koniec; po {minutes} min bez Twojej odpowiedzi wraca do huba."
    ),
    "takeover.admin_already_yours": "Już prowadzisz rozmowę z {who}. RELEASE na koniec.",
    "takeover.admin_held_by": "Rozmowę z {who} prowadzi {coordinator}. Poproś o RELEASE.",
    "takeover.admin_released": "Zwolniono: hub znów odpowiada {who} i ta osoba o tym wie.",
    "takeover.admin_none_held": (
        "Nie prowadzisz żadnej rozmowy. TAKE R-7Q4K, aby ją przejąć, albo TEXT R-7Q4K i "
        "treść, aby wysłać jedną wiadomość."
    ),
    "takeover.admin_which": "Prowadzisz kilka rozmów: {held}. Wskaż jedną: TEXT R-7Q4K ... lub RELEASE R-7Q4K.",
    "takeover.admin_not_held": "Nie prowadzisz rozmowy z {who}.",
    "takeover.admin_not_yourself": "To Twój własny numer: nie możesz przejąć własnej rozmowy.",
    "takeover.admin_text_how": "Co napisać? Na przykład: TEXT R-7Q4K Julia już jedzie.",
    "takeover.admin_sent": "Wysłano do {who} w imieniu huba.",
    "takeover.admin_unreachable": "Nie można teraz pisać do {who} (wysłał(a) STOP albo nie ma u nas telefonu ani Telegramu).",
    "takeover.admin_whom": (
        "Do kogo? {command} R-7Q4K do osoby, która prosiła, {command} VOLUNTEER R-7Q4K do "
        "wolontariusza albo {command} 07700 900123."
    ),
    "takeover.admin_nobody": "Nie ma do kogo pisać w sprawie {reference}: brak wolontariusza albo dane usunięto.",
    "takeover.admin_timed_out": "Rozmowa z {who} wróciła do huba: brak Twojej odpowiedzi na czas.",
    "takeover.admin_opted_out": "{who} wysłał(a) STOP: hub nie może teraz pisać, więc rozmowa jest zwolniona.",
    "history.hub.texted": "{who} napisał(a) do {to} przez hub {when}: {text}",
    "history.conversation.taken": "{who} przejął(ęła) rozmowę z {to} {when}",
    "history.conversation.released": "Rozmowa z {to} wróciła do huba {when}",
    # Akcje sprawdzające (bot/services/campaigns.py, bot/dialogue/campaign.py).
    "campaign.check_up": (
        "Dzień dobry, {name}! Tu {hub}: czy wszystko w porządku?{own} Proszę odpisać: "
        "1 – pomoc z zakupami, 2 – leki, 3 – rozmowa, OK – wszystko dobrze."
    ),
    "campaign.fine": "Dziękujemy, {name}. Cieszymy się, że wszystko dobrze. Gdyby była potrzebna pomoc, wystarczy napisać.",
    "campaign.ask_again": (
        "Przepraszam, nie zrozumiałem. Proszę odpisać: 1 – pomoc z zakupami, 2 – leki, "
        "3 – rozmowa, OK – wszystko dobrze. Albo napisać własnymi słowami."
    ),
    "campaign.will_ring": "Dziękujemy, {name}. Wkrótce ktoś z nas zadzwoni, żeby porozmawiać.",
    "campaign.sorry": "Przykro nam, {name}. Chętnie pomożemy.",
    "campaign.help_coming": "Dziękujemy, {name}. Zaraz znajdziemy pomoc.",
    "campaign.admin_none": "Nie ma jeszcze akcji sprawdzających. Zaimportuj listę na stronie Campaigns w panelu.",
    "campaign.admin_how": (
        "CAMPAIGN pokazuje akcje, CAMPAIGN 3 jedną z nich. CAMPAIGN START 3: twoje krótkie "
        "słowa. CAMPAIGN CALLS 3: do kogo dzwonić. Po rozmowie: CAMPAIGN RANG 17 FINE (albo "
        "HELP, NO ANSWER, WRONG NUMBER) i notatka."
    ),
    "campaign.admin_unknown": "Nie ma akcji {number}. CAMPAIGN pokazuje listę.",
    "campaign.admin_progress": (
        "Akcja {number}, {name} ({status}): osób {count}. Wysłane {sent}, doręczone "
        "{delivered}, odpowiedzi {replied}, w porządku {fine}, potrzebna pomoc {needs}, "
        "do telefonu {ring}. CAMPAIGN CALLS {number}: lista telefonów."
    ),
    "campaign.admin_started": (
        "Akcja {number} ruszyła. Wiadomości do wysłania: {count}, w tempie dostawcy. Do "
        "telefonu teraz: {ring}. CAMPAIGN {number} pokazuje postęp."
    ),
    "campaign.admin_already_started": "Akcja {number} już trwa. CAMPAIGN {number} pokazuje postęp.",
    "campaign.admin_own_too_long": (
        "Własne słowa mogą mieć najwyżej {count} znaków: trafiają do krótkiej wiadomości."
    ),
    "campaign.admin_calls": (
        "Do telefonu, akcja {number}:\n{lines}\nPo rozmowie: CAMPAIGN RANG, numer przed "
        "nazwiskiem, potem FINE, HELP, NO ANSWER albo WRONG NUMBER."
    ),
    "campaign.admin_call_line": "{member}. {name} {phone}: {reason}",
    "campaign.admin_calls_more": "...i jeszcze {count} na stronie Campaigns w panelu",
    "campaign.admin_calls_none": "Na razie nie trzeba do nikogo dzwonić (akcja {number}).",
    "campaign.admin_rang_how": (
        "Jak poszła rozmowa? Np. CAMPAIGN RANG 17 FINE albo HELP, NO ANSWER, WRONG NUMBER, "
        "z notatką, jeśli chcesz."
    ),
    "campaign.admin_rang_unknown": "Na żadnej liście nie ma osoby numer {member}. CAMPAIGN CALLS pokazuje listę.",
    "campaign.admin_rang": "Zapisane: {name}, {outcome}.",
    "campaign.admin_rang_help": "Zapisane: {name} potrzebuje pomocy. Zapisz, czego potrzebuje, przez NEW, jak dla każdego, kto dzwoni.",
    "campaign.status.imported": "nierozpoczęta",
    "campaign.status.running": "wysyłanie",
    "campaign.status.finished": "wszystko wysłane",
    "campaign.reason.landline": "telefon stacjonarny",
    "campaign.reason.no_reply": "brak odpowiedzi",
    "campaign.reason.unclear": "odpowiedź niejasna",
    "campaign.reason.not_delivered": "wiadomość niedoręczona",
    "campaign.reason.opted_out": "zrezygnował(a) z SMS-ów",
    "campaign.reason.no_answer": "ostatnio nie odebrał(a)",
    "campaign.outcome.fine": "w porządku",
    "campaign.outcome.needs_help": "potrzebna pomoc",
    "campaign.outcome.no_answer": "nie odebrał(a) (zostaje na liście)",
    "campaign.outcome.wrong_number": "zły numer",
    "campaign.import_no_name": "Nadaj liście nazwę, np. Lista osób chronionych, grudzień.",
    "campaign.import_no_basis": (
        "Przed importem zapisz podstawę prawną albo umowę o udostępnianiu danych dla tej listy."
    ),
    "campaign.import_no_header": (
        "Pierwszy wiersz pliku musi nazywać kolumny: name, phone, postcode (i ewentualnie notes)."
    ),
    "campaign.import_nobody": (
        "Nie udało się odczytać nikogo z pliku. Każdy wiersz potrzebuje imienia, numeru "
        "telefonu i kodu pocztowego."
    ),
    "campaign.imported": "Akcja {number}, {name}: zaimportowano osób: {count}. Uruchom ją, gdy zechcesz.",
    "campaign.import_skipped": " Nie zaimportowano: {lines}.",
    "campaign.import_warned": " Do sprawdzenia: {lines}.",
    "campaign.line.name": "wiersz {number} nie ma imienia",
    "campaign.line.phone": "wiersz {number}: {value} to nie numer telefonu",
    "campaign.line.twice": "wiersz {number}: {value} już jest na liście",
    "campaign.line.postcode": "wiersz {number}: nie znaleziono kodu {value} (zapytamy ponownie, jeśli potrzebna pomoc)",
    # Standing requests ("shopping every Friday"): bot/dialogue/standing.py, services/standing.py.
    "every.weekly.0": "w każdy poniedziałek", "every.weekly.1": "w każdy wtorek",
    "every.weekly.2": "w każdą środę", "every.weekly.3": "w każdy czwartek",
    "every.weekly.4": "w każdy piątek", "every.weekly.5": "w każdą sobotę",
    "every.weekly.6": "w każdą niedzielę",
    "every.fortnightly.0": "co drugi poniedziałek", "every.fortnightly.1": "co drugi wtorek",
    "every.fortnightly.2": "co drugą środę", "every.fortnightly.3": "co drugi czwartek",
    "every.fortnightly.4": "co drugi piątek", "every.fortnightly.5": "co drugą sobotę",
    "every.fortnightly.6": "co drugą niedzielę",
    "request_saved_standing": (
        "Zorganizujemy pomoc ({category}) {every}, w miarę możliwości z tym samym "
        "wolontariuszem. Żeby raz ją opuścić, napisz np. „w tym tygodniu nie trzeba”. "
        "Żeby ją zakończyć: „nie potrzebuję już stałej pomocy”."
    ),
    "standing_line": "{category} {every} (następnym razem: {next})",
    "standing_line_paused": "{category} {every}: wstrzymane przez koordynatora",
    "standing_which": "O którą pomoc chodzi? Napisz, jaką, np. „w tym tygodniu bez zakupów”:\n{lines}",
    "standing_end_confirm": "Zakończyć na stałe: {category} {every}? Odpisz TAK, żeby zakończyć, albo NIE, żeby zostawić.",
    "standing_kept": "Dobrze, {category} – bez zmian, jak dotąd.",
    "standing_ended": "Gotowe: {category} {every} – koniec. Napisz, kiedy tylko znów będziesz potrzebować pomocy.",
    "standing_ended_with_task": (
        "Gotowe: {category} {every} – koniec. {references} też odwołane, wolontariusz wie. "
        "Napisz, kiedy tylko znów będziesz potrzebować pomocy."
    ),
    "standing_skipped": (
        "Dobrze: {date} bez tej pomocy ({category}). Potem dalej {every}; jeśli wolontariusz "
        "już to miał, wie o zmianie."
    ),
    "standing_gone": "Ta stała pomoc już się zakończyła. Napisz, czego potrzebujesz, a pomożemy.",
    "standing_offer_reason": "pomagałeś(-aś) {name} ostatnim razem",
    "standing_described": "{every}, {status}, następnym razem: {next}",
    "standing_status.active": "trwa",
    "standing_status.paused": "wstrzymana",
    "standing_status.ended": "zakończona",
    "case_weekly_how": (
        "Napisz, co zrobić ze stałą pomocą: WEEKLY {reference} START (albo FORTNIGHTLY), "
        "PAUSE, RESUME, SKIP (następny raz) albo END."
    ),
    "case_weekly_already": "{reference} to już stała pomoc: {every}.",
    "case_weekly_not_for_calls": (
        "{reference} to rozmowa telefoniczna: jej stałe terminy ustala się z dzwoniącym, "
        "nie przez WEEKLY."
    ),
    "case_weekly_started": "{reference} to teraz stała pomoc: {every}.",
    "case_weekly_none": "{reference} nie jest stałą pomocą. WEEKLY {reference} START to zmieni.",
    "case_weekly_done": "Gotowe. Stała pomoc {reference}: {every}.",
    "admin_show_standing": "Stała pomoc: {every}",
    "admin_show_time": "Czas wolontariusza: {hours}",
    "history.standing.started": "Ustalono stałą pomoc {when}: zadanie powstaje z wyprzedzeniem na każdy raz",
    "history.standing.task_made": "Utworzono {when} jako kolejny raz stałej pomocy",
    "history.request.time_given": "{who} podał(a) czas, jaki to zajęło, {when}",
    # The time volunteers give: bot/dialogue/given_time.py, services/volunteer_time.py.
    "given.hours.one": "{count} godzina", "given.hours.few": "{count} godziny",
    "given.hours.many": "{count} godzin",
    "given.minutes.one": "{count} minuta", "given.minutes.few": "{count} minuty",
    "given.minutes.many": "{count} minut",
    "given.tasks.one": "{count} zadanie", "given.tasks.few": "{count} zadania",
    "given.tasks.many": "{count} zadań",
    "given.neighbours.one": "{count} sąsiadowi", "given.neighbours.few": "{count} sąsiadom",
    "given.neighbours.many": "{count} sąsiadom",
    "given_noted": "Zapisaliśmy: {time}. Dziękujemy za Twój czas.",
    "given_unsaid": "czasu nie podano",
    "given_none": (
        "Nie masz jeszcze zakończonych zadań. Po zakończeniu napisz DONE i ile to trwało, "
        "np. DONE R-7Q4K 45 min."
    ),
    "given_hours": (
        "W tym miesiącu: {month_tasks}, {hours}. Od początku: {all_tasks}, {all_hours}. "
        "Dziękujemy! Czas dopisz do DONE, np. DONE R-7Q4K 45 min."
    ),
    "given_line": "W tym miesiącu: {month_tasks}, {hours}. Więcej: MY HOURS.",
    "admin_stats_time": "Wolontariusze w tym miesiącu: zadania: {tasks}, osoby: {count}, czas: {hours}. Najwięcej: {most}",
    "admin_stats_time_person": "{name} {tasks} ({hours})",
    "monthly_thanks": (
        "Dziękujemy, {name}: w zeszłym miesiącu pomogłeś(-aś) {neighbours}, poświęcając "
        "{hours}. To naprawdę ważne."
    ),
    "monthly_thanks_no_time": (
        "Dziękujemy, {name}: w zeszłym miesiącu pomogłeś(-aś) {neighbours}. To naprawdę ważne."
    ),
}
