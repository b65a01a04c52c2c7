"""English: the complete catalogue every other language is checked against.

Templates use str.format placeholders. Keep each reply within two SMS
segments (306 GSM-7 characters) once its choices are added; a test checks.
"""


def plural_form(count: int) -> str:
    """English counts: "1 request", "0 requests", "2 requests" (catalogue.counted)."""
    return "one" if count == 1 else "many"


MESSAGES = {
    # Kinds of help, as people see them.
    "category.shopping": "Shopping",
    "category.prescription": "Prescription collection",
    "category.befriending": "A friendly phone call",
    "category.dog_walking": "Dog walking",
    "category.transport": "Transport to an appointment",
    "category.other": "Something else",
    # Request states, as the resident sees them.
    "status.new": "waiting for a volunteer",
    "status.new_coordinated": "no volunteer yet; a coordinator is looking into it",
    "status.matching": "looking for a volunteer",
    "status.offered": "asking volunteers",
    "status.assigned": "volunteer found",
    "status.done": "done",
    "status.cancelled": "cancelled",
    "status.expired": "expired",
    "status.assigned_to": "{volunteer} is helping",
    "status.calls": "ongoing: regular calls with {volunteer}",
    "status.new_uncoordinated": "no volunteer free yet; we're still looking",
    "vetting.pending": "pending checks",
    "vetting.approved": "approved",
    "vetting.suspended": "suspended",
    "choice.yes": "Yes",
    "choice.no": "No",
    "choice.skip": "Skip",
    "choice.accept": "Accept",
    "choice.decline": "Decline",
    "choice.reply_yes_no": "Reply YES or NO",
    "choice.reply_one_of": "Reply with one of:",
    "when.any_time": "any time",
    "when.regular_calls": "regular calls",
    # Anywhere in a conversation.
    "welcome": (
        "Hello, this is {hub}: local volunteers helping neighbours. "
        "What do you need help with? Tell us in your own words or pick a number. "
        "To volunteer, text VOLUNTEER."
    ),
    # SMS keywords (bot/services/opt_out.py): STOP, START and HELP stay English
    # words in every language, as carriers and Twilio know them.
    "sms.stopped": "You won't get any more texts from {hub}. Text START to hear from us again.",
    "sms.stopped_requests_open": (
        "You won't get any more texts from {hub}. Your request stays open.{coordinator} Only "
        "wanted to cancel it? Text START, then CANCEL {reference}."
    ),
    "sms.coordinator_will_ring": " A coordinator will ring you about it.",
    "resident_stopped_texts_volunteer": (
        "{name} ({reference}) has stopped our texts, so a coordinator will contact them by "
        "phone. Carry on as agreed unless a coordinator tells you otherwise."
    ),
    "resident_stopped_texts_alert": (
        "CANNOT TEXT: {name} ({phone}) stopped our texts with requests still open. Please "
        "ring them:\n{lines}"
    ),
    "resident_stopped_texts_line": "{reference} {category}: {status}",
    "sms.started": "Welcome back to {hub}: you'll get our texts again. Text HELP for help.",
    "sms.contact": "To talk to a person: {contact}.",
    "help": (
        "This is {hub}. Tell us what you need, e.g. 'shopping tomorrow, RM17 6SL'. "
        "Text STATUS to see your requests, CANCEL REQUEST to cancel one, START AGAIN to begin "
        "again, VOLUNTEER to help others. A coordinator reads every request. In an emergency call 999. "
        "Po polsku? Napisz JEZYK PL."
    ),
    "give_back_which": "Which task can't you do? Reply e.g. GIVE BACK {reference}.",
    "give_back_confirm": (
        "Give {reference} ({category} for {name}) back? We'll tell {name} and find someone "
        "else."
    ),
    "give_back_kept": "OK, {reference} stays yours. Thank you!",
    "give_back_done": (
        "Thank you for letting us know. {reference} has gone to other volunteers and {name} "
        "has been told. Please don't go."
    ),
    "give_back_calls_done": (
        "Thank you for letting us know. The calls with {name} are on hold and a coordinator "
        "will find them a new caller."
    ),
    "calls_given_back_alert": (
        "CALLS {reference}: {volunteer} can no longer ring {resident} ({phone}); the calls are "
        "on hold. Reply HANDOVER {reference} and a volunteer's name."
    ),
    "volunteer_help": (
        "This is {hub}. Volunteers: MY TASKS, MY HOURS, GIVE BACK and the reference (if you can't do "
        "one), PAUSE, RESUME, LEAVE, or CONCERN if you're worried about someone. "
        "Residents can tell us what they need. Text START AGAIN to begin again. "
        "In an emergency call 999. Po polsku? Napisz JEZYK PL."
    ),
    "day.0": "Monday", "day.1": "Tuesday", "day.2": "Wednesday", "day.3": "Thursday",
    "day.4": "Friday", "day.5": "Saturday", "day.6": "Sunday",
    "calls.daily": "every day between {start} and {end}",
    "calls.weekly": "every {day} between {start} and {end}",
    "calls.fortnightly": "every other {day} between {start} and {end}",
    "calls_ask_when": (
        "When will you ring {name}? They said: {preference}. Reply with a day and time, "
        "e.g. Tuesdays 2pm, or every day 10am."
    ),
    "calls_ask_when_again": "Sorry, I need a day and a time, e.g. Tuesdays 2pm, Friday mornings or every day 10am.",
    "calls_planned": (
        "Thank you. You'll ring {name} on {phone} {when}. We'll remind you {lead} before. "
        "Afterwards text DONE, NO ANSWER or RESCHEDULE and a time."
    ),
    "calls_planned_resident": "Hello {name}, {volunteer} will ring you {when}. If nobody calls, just text us 'no one called'.",
    "call_reminder": (
        "Reminder: please ring {name} on {phone} between {start} and {end}. Afterwards text "
        "DONE (add a note if you like), NO ANSWER, or RESCHEDULE and a time."
    ),
    "call_reminder_voice": (
        "Reminder: please ring {name} between {start} and {end}. Text CALL and we'll connect "
        "you; neither of you sees the other's number."
    ),
    "calls_planned_voice": (
        "Thank you. You'll ring {name} {when}. We'll remind you {lead} before; text CALL then "
        "and we'll connect you, numbers hidden."
    ),
    "choice.call": "Call now",
    # How long before a call the reminder comes (NEIGHBOURLY_CALL_REMINDER_MINUTES).
    "lead.hour": "an hour",
    "lead.hours": "{count} hours",
    "lead.minutes": "{count} minutes",
    "call_how_did_it_go": "How did your call with {name} go? Text DONE, NO ANSWER or RESCHEDULE and a time. Worried? Text CONCERN.",
    "calls_ring_directly": "Please ring {name} yourself on {phone}. Afterwards text DONE, NO ANSWER or RESCHEDULE and a time.",
    "calls_connecting": "We're ringing you now and will connect you to {name}. Neither of you sees the other's number. We'll log the call for you.",
    "call_logged": "Thank you for ringing {name}. It's logged.",
    "log_call_confirm": "Shall I log today's call with {name} as done?",
    "task_done_confirm": "Shall I mark {reference} ({category} for {name}) as done?",
    "task_news_kept": "OK, nothing is logged. Text MY TASKS to see your tasks.",
    "call_already_logged": (
        "Today's call with {name} is already logged, thank you. To stop the regular calls, "
        "text END CALLS."
    ),
    "call_none_pending": "There's no call waiting to be logged just now. To stop the regular calls, text END CALLS.",
    "call_try_again": "Thank you. Please try {name} again at about {time}; we'll remind you.",
    "call_no_answer_noted": "Thank you, noted. We'll let you know if a coordinator needs to check on {name}.",
    "call_no_answer_alerted": "Thank you. A coordinator has been told so they can check {name} is all right.",
    "call_reschedule_when": "When will you ring instead? e.g. RESCHEDULE tomorrow 3pm",
    "call_rescheduled": "Thank you. Your call with {name} is moved to {when}; we'll remind you.",
    "no_call_sorry": "Sorry nobody rang. We've told a coordinator, who will look into it today. If you need help now, call 111, or 999 in an emergency.",
    "no_call_no_schedule": "Sorry, I can't find regular calls for you. Tell us what you need in your own words, e.g. 'a friendly phone call'.",
    "call_back_alert": (
        "CALL BACK: {name} ({phone}) rang the hub at {time} and nobody could answer."
        "{requests} Please ring them back."
    ),
    "call_back_requests": " Open: {references}.",
    "calls_alert_missed": (
        "CALLS MISSED {reference}: {resident} ({resident_phone}) has not been reached by "
        "{volunteer} ({volunteer_phone}). Recent: {history}"
    ),
    "calls_alert_not_called": (
        "NO CALL {reference}: {resident} ({resident_phone}) says nobody rang. Volunteer "
        "{volunteer} ({volunteer_phone}). Recent: {history}"
    ),
    "calls_review": "Hello {name}, it's been six weeks of calls with {other}. Happy to carry on? Nothing to do if so; text END CALLS to stop.",
    "calls_none": "You don't have regular calls at the moment.",
    "calls_ended": "Your regular calls with {other} have ended. Thank you. We'll let them know kindly.",
    "calls_ended_other": "Hello {name}, the regular calls with {other} have come to an end. Thank you both. Text us any time if you'd like calls again.",
    "calls_ended_by_you": "The regular calls for {reference} have ended; both have been told kindly.",
    "calls_end_confirm": (
        "End the regular calls for good? Reply YES or NO. (For a break instead, text PAUSE "
        "CALLS and a date.)"
    ),
    "calls_kept": "OK, the regular calls carry on.",
    "calls_carry_on": (
        "The regular calls carry on ({when}). When they should stop for good, text END CALLS "
        "{reference}."
    ),
    "calls_ended_alert": "CALLS ENDED {reference}: {who} ended the regular calls with {other}.",
    "a_coordinator": "a coordinator",
    "calls_pause_until": "Until when? e.g. PAUSE CALLS until 12/12",
    "calls_paused": "Calls are paused until {until}. They'll start again after that.",
    "calls_paused_other": "Hello {name}, {other} has paused your regular calls until {until}. They'll start again after that.",
    "coordinator_help": (
        "Coordinator commands: QUEUE, SHOW R-7Q4K, ASSIGN R-7Q4K Julia, APPROVE Julia ID DBS "
        "TRAINING, SUSPEND Julia reason, FIND Julia or RM17 shopping, STATS, HANDOVER R-7Q4K Julia "
        "note, END CALLS R-7Q4K, BROADCAST RM17 shopping: text, ERASE number, CONCERNS, ACK C-12, "
        "DASHBOARD, EXPORT requests/volunteers/calls"
    ),
    "coordinator_help_more": (
        "Signposting and partners: DIRECTORY (or DIRECTORY RM17), DIRECTORY ADD, DIRECTORY "
        "REMOVE D-3, PARTNER ADD, PARTNERS, NEED, NEEDS, NEED OFFER N-3KD9, NEED CLOSE "
        "N-3KD9. Shopping money: SETTLE R-7Q4K. DIRECTORY ADD, PARTNER ADD and NEED alone show "
        "how."
    ),
    "coordinator_help_cases": (
        "Cases: NEW (a request for someone who rang), NOTE R-7Q4K text, CHANGE R-7Q4K when "
        "friday, CANCEL R-7Q4K reason, CLOSE R-7Q4K reason, REOPEN R-7Q4K, URGENT R-7Q4K, "
        "WEEKLY R-7Q4K PAUSE/RESUME/END. "
        "Talking: TEXT R-7Q4K words, TAKE R-7Q4K, then > words, RELEASE."
    ),
    "admin_dashboard_off": "The dashboard is not set up on this hub.",
    "admin_dashboard_link": "Your link to the dashboard, for you alone: {link}\nIt works once, within {minutes} minutes.",
    "export.requests": "requests",
    "export.volunteers": "volunteers",
    "export.calls": "check-in calls",
    "admin_export_how": "What should I export? Reply EXPORT REQUESTS, EXPORT VOLUNTEERS or EXPORT CALLS.",
    "admin_export_file": "Here are the {what}: {count} row(s) as a CSV file. It holds personal details, so keep it safe and delete it when you're done.",
    "admin_export_link": "The {what} CSV, for you alone: {link}\nWorks once, within {minutes} minutes; keep it safe.",
    "admin_export_no_dashboard": "Sorry, I can't send the {what} file by text, and this hub has no dashboard to download it from. Text EXPORT from Telegram to get the file there, or ask whoever runs the hub.",
    "admin_queue": "Waiting, oldest first:\n{lines}",
    "admin_queue_line": "{reference} {category}, {district}, {age}: {state}",
    "admin_queue_empty": "Nothing waiting. Every open request has a volunteer.",
    "admin_state_unmatched": "no volunteer ({reason})",
    "admin_state_offered": "{count} offer(s) unanswered",
    "admin_state_overdue": "overdue with {volunteer}",
    "admin_which_request": "Which request? e.g. {command} R-7Q4K",
    "admin_unknown_request": "I can't find a request {reference}.",
    # A coordinator's actions on one request (bot/services/case_actions.py).
    "case_reason_needed": "Please say why, e.g. {command} {reference} she found a neighbour to help",
    "case_not_open": "{reference} is {status}, so that can't be done now. REOPEN {reference} opens it again.",
    "case_already_open": "{reference} is still open ({status}).",
    "case_cancelled": "{reference} is cancelled; the resident is told.",
    "case_volunteer_told": " {name}, who had it, is told.",
    "case_closed": "{reference} is closed as done.",
    "case_note_how": "What is the note? e.g. NOTE {reference} spoke to her daughter, all well",
    "case_noted": "Note added to {reference}.",
    "case_change_how": "What changes? e.g. CHANGE {reference} when friday, CHANGE {reference} address 14 Orsett Road, CHANGE {reference} kind prescription",
    "case_change_unread.address": "Which address? e.g. CHANGE {reference} address 14 Orsett Road RM17 6SL",
    "case_change_unread.when": "I couldn't read when. e.g. CHANGE {reference} when friday morning",
    "case_change_unread.kind": "Which kind of help? shopping, prescription, phone call, dog walking, transport or something else",
    "case_changed": "{reference} changed: {change}.",
    "case_reopened": "{reference} is open again; looking for a volunteer.",
    "case_marked_urgent": "{reference} is marked urgent.",
    "case_already_urgent": "{reference} is already urgent.",
    # NEW: a request a coordinator records for someone else (bot/dialogue/intake.py).
    "intake_ask.name": "A new request for someone else (CANCEL to stop). What is their name?",
    "intake_ask.phone": "What is {name}'s phone number? A landline will do.",
    "intake_ask.address": "What is {name}'s address, with the postcode? e.g. 12 Orsett Road RM17 6SL",
    "intake_ask.kind": "What help does {name} need?",
    "intake_ask.when": "When is it needed? e.g. tomorrow, Friday morning, any time",
    "intake_ask.source": "Who asked for it? The person themselves, or who referred them and how to reach them, e.g. Sue at Thurrock discharge team 07700 900555",
    "intake_again.name": "Sorry, I didn't get the name. What is the person's name?",
    "intake_again.phone": "Sorry, I didn't get a phone number. What is their number? A landline will do.",
    "intake_again.address": "Please give the address with its postcode, e.g. 12 Orsett Road RM17 6SL",
    "intake_again.kind": "Sorry, which kind of help? shopping, prescription, phone call, dog walking, transport or something else",
    "intake_again.when": "Sorry, when is it needed? e.g. tomorrow, Friday morning, any time",
    "intake_again.source": "Who asked for it? e.g. the person, her daughter Ann 07700 900444, or Sue at the GP surgery 01375 100200",
    "intake_summary": "{category} for {name}, {phone}, {address}, {when}",
    "intake_summary_referred": "; referred by {referrer}",
    "intake_summary_source": "; asked by {source}",
    "intake_source.self": "the person themselves",
    "intake_source.family": "family",
    "intake_source.partner": "a partner organisation",
    "intake_source.coordinator": "a coordinator",
    "intake_confirm": "New request: {summary}. Did {name} agree on the phone that we pass their details to a volunteer? YES to record it, NO to stop.",
    "intake_confirm_again": "Did {name} agree that we pass their details to a volunteer? YES or NO",
    "intake_no_consent": "Nothing recorded: without {name}'s agreement no volunteer can be given their details.",
    "intake_dropped": "The new request is dropped; nothing was recorded.",
    "intake_consent_wording": "Agreed on the phone, as recorded by {coordinator}: their details may go to a vetted volunteer for this request.",
    "intake_recorded": "{reference} recorded for {name}; looking for a volunteer now. SHOW {reference} to follow it.",
    "intake_landline": " No mobile: the volunteer will ring {phone}, and news goes to {news_to}.",
    "intake_news_to_coordinators": "the coordinators",
    "intake_bad_phone": "That phone number doesn't look right, so nothing was recorded. Please start again with NEW.",
    "intake_bad_source": "Please say who asked for it.",
    "intake_form.name": "Please give the person's name.",
    "intake_form.phone": "Please give the person's phone number (a landline will do).",
    "intake_form.address": "Please give the person's address.",
    "intake_form.postcode": "Please give a full postcode, e.g. RM17 6SL.",
    "intake_form.kind": "Please choose the kind of help.",
    "intake_form.when": "I couldn't read when it is needed, e.g. tomorrow, Friday morning, any time.",
    "intake_form.consent": "Nothing recorded: please confirm the person agreed on the phone that we pass their details to a volunteer.",
    "admin_show": "{reference} {category}, {status}. {resident} ({phone}), {address}. When: {when}.{details}\n{history}",
    # SHOW's history (bot/services/request_history.py): one line each, with its time.
    "history.on": "on {day} at {time}",
    "history.at": "at {time}",
    "history.and": "and",
    "history.someone": "someone",
    "history.the_resident": "the resident",
    "channel.sms": "SMS",
    "channel.telegram": "Telegram",
    "channel.console": "the console",
    "channel.voice": "phone",
    "channel.dashboard": "the dashboard",
    "history.asked": "Asked by {channel} {when}",
    "history.offered": "Offered to {names} {when}",
    "history.offered_again": "Offered again, to {names} {when}",
    "history.why": "Why {name}: {reasons}",
    "history.accepted": "{names} accepted {when}",
    "history.declined": "{names} said no {when}",
    "history.expired": "No answer from {names}; offer closed {when}",
    "history.withdrawn": "Offer to {names} withdrawn {when}",
    "history.request.cancelled": "Cancelled {when}",
    "history.request.cancelled.resident": "Cancelled by the resident {when}",
    "history.request.cancelled.consent": "Cancelled {when}: the resident withdrew consent",
    "history.request.cancelled.erased": "Cancelled {when}: the resident's details were erased",
    "history.request.cancelled.coordinator": "Cancelled by {who} {when}: {reason}",
    "history.request.done": "Marked done by {who} {when}",
    "history.request.assigned_by_coordinator": "Given to {volunteer} by {who} {when}",
    "history.request.given_back": "Given back by {who} {when}",
    "history.request.unmatched": "No volunteer found {when}: {reason}",
    "history.request.waiting": "Waiting its turn {when}: many requests came in at once",
    "history.request.unmatched_alerted": "Raised with the coordinators {when}: no volunteer",
    "history.request.resident_unreachable": "The resident stopped our texts {when}",
    "history.request.volunteer_suspended": "Back to matching {when}: the volunteer was suspended",
    "history.request.volunteer_erased": "Back to matching {when}: the volunteer's details were erased",
    "history.request.feedback": "The resident said how it went {when}",
    "history.request.payment_method": "The resident chose how to pay {when}",
    "history.request.signposted": "Local services suggested to the resident {when}",
    "history.request.closed": "Closed as done by {who} {when}: {reason}",
    "history.request.noted": "Note by {who} {when}: {text}",
    "history.request.changed": "Changed by {who} {when}: {change}",
    "history.request.reopened": "Reopened by {who} {when}",
    "history.request.marked_urgent": "Marked urgent by {who} {when}",
    "history.request.taken_by_phone": "Taken by phone by {who} {when}; the person agreed to share their details",
    "history.request.referred": "Referral from {text} recorded by {who} {when}; the person agreed to share their details",
    "history.receipt.reported": "{who} reported the receipt, {amount}, {when}",
    "history.receipt.confirmed": "The resident confirmed the receipt {when}",
    "history.receipt.disputed": "The resident disputed the receipt {when}",
    "history.receipt.unanswered": "Nobody confirmed the receipt in time; flagged {when}",
    "history.receipt.settled": "Receipt settled by {who} {when}",
    "history.calls.planned": "Regular calls planned by {who} {when}",
    "history.calls.paused": "Calls paused until {until} {when}",
    "history.calls.ended": "Calls ended by {who} {when}",
    "history.calls.handed_over": "Calls handed to {volunteer} by {who} {when}",
    "history.calls.escalated": "Calls raised with the coordinators {when}",
    "history.call.done": "{who} made a call {when}",
    "history.call.no_answer": "{who} rang, no answer, {when}",
    "history.call.rescheduled": "{who} moved a call {when}",
    "history.call.concern": "{who} made a call and raised a concern {when}",
    "history.call.not_called": "The resident said nobody rang {when}",
    "history.call.masked_started": "{who} rang through the hub {when}",
    "history.other": "{what} {when}",
    "history.waiting": "Waiting: {reason}",
    "history.cannot_text": "Cannot text: the resident stopped our texts. Contact them by phone.",
    "history.paying": "Paying: {way}",
    "history.receipt": "Receipt {amount}: {state}",
    "history.feedback": "Feedback: \"{text}\"",
    "receipt_state.awaiting": "waiting for the resident to confirm",
    "receipt_state.confirmed": "confirmed",
    "receipt_state.disputed": "disputed",
    "receipt_state.unanswered": "not confirmed in time",
    "receipt_state.settled": "settled",
    "admin_which_volunteer": "Which volunteer? Give their first name or number, e.g. {example}",
    "admin_unknown_volunteer": "I can't find a volunteer {who}.",
    "admin_ambiguous_volunteer": "Several volunteers are called {who}: {options}. Use their number.",
    "admin_checks_needed": "Which checks are done? e.g. APPROVE {name} ID DBS TRAINING (an ID check is always needed).",
    "admin_approved": "{name} is approved with {checks}, checked {date}. They will get offers now.",
    "admin_suspended": "{name} is suspended and gets no more offers.{withdrawn}",
    "admin_withdrawn": " {count} open offer(s) withdrawn.",
    "volunteer_approved": "Good news, {name}: your checks are done and you're ready to help. We'll text you when someone near you needs you.",
    "volunteer_suspended": "Hello {name}. Your volunteering is on hold for now; a coordinator will be in touch.",
    "volunteer_suspended_tasks": "Please don't go ahead with {references}, and don't visit or call about them: they are being passed to someone else.",
    "admin_tasks_returned": " Offered to other volunteers: {references}.",
    "admin_places_given_back": " Places on partners' needs given back (the partners are told; others are being asked): {references}.",
    "admin_calls_held": " Regular calls on hold until you hand them to someone: {references} (reply HANDOVER {example} and a volunteer's name).",
    "calls_on_hold": "Hello {name}, {volunteer} can't make your regular calls for now. A coordinator will find you a new caller soon and let you know.",
    "admin_assign_not_open": "{reference} is {status}: it can't be assigned now.",
    "admin_assign_breaks_rules": "{name} does not fit {reference}: {rules}. To assign anyway, reply ASSIGN {reference} {name} OVERRIDE.",
    "admin_handover_breaks_rules": "{name} does not fit {reference}: {rules}. To hand the calls over anyway, reply HANDOVER {reference} {name} OVERRIDE.",
    "admin_assigned": "{reference} is now {name}'s ({reasons}). They and the resident have been told.",
    "rule.skill": "doesn't offer this kind of help",
    "rule.approved": "isn't approved",
    "rule.not_paused": "is paused",
    "rule.checks": "hasn't the checks it needs",
    "rule.within_reach": "lives too far away",
    "rule.language": "shares no language with the resident",
    "rule.available": "isn't free then",
    "rule.capacity": "is at their weekly limit",
    "rule.not_excluded": "was offered it already",
    "admin_handover_no_calls": "{reference} has no regular calls to hand over.",
    "admin_handed_over": "{reference}'s calls are now {name}'s. Everyone has been told.",
    "calls_handed_to_you": (
        "A coordinator has asked you to take over calls with {name} ({phone}), {when}. "
        "Recent calls: {history}. Note: {note}"
    ),
    "calls_handed_on": "Hello {name}, a coordinator has passed your calls with {other} to another volunteer. Thank you for every one of them.",
    "calls_new_caller": "Hello {name}, from now on {volunteer} will ring you, {when}.",
    "broadcast_how": "To message volunteers: BROADCAST, the districts and skill if any, a colon, then the message. e.g. BROADCAST RM17 shopping: can anyone help Saturday?",
    "broadcast_preview": "This goes to {count} volunteer(s) ({where}; {what}): \"{text}\" Send it? YES or NO",
    "broadcast_nobody": "No active volunteer matches ({where}; {what}), so there is nothing to send.",
    "broadcast_confirm_again": "Please reply YES to send the message or NO to drop it.",
    "broadcast_cancelled": "Not sent.",
    "broadcast_sent": "Sending to {count} volunteer(s) now. Thank you.",
    "broadcast_message": "From {hub}: {text}",
    "broadcast_everywhere": "all areas",
    "broadcast_any_skill": "any skill",
    "admin_erase_how": "To erase someone's data give their number, e.g. ERASE 07700 900123",
    "admin_erase_confirm": "This removes {who}'s personal data from every record, for good. To go ahead, reply ERASE {who} CONFIRM",
    "admin_erase_self": "You can't erase yourself from the chat; ask whoever runs the hub to use neighbourly erase.",
    "admin_unknown_person": "I can't find anyone with the number {who}.",
    "admin_erased": "Done: {who} is erased. {requests} open request(s) cancelled, {tasks} task(s) passed on.",
    "admin_find_where": "Whom or near where? e.g. FIND Julia, FIND 07700 900123 or FIND RM17 6SL shopping",
    "admin_find_nobody": "I can't find anyone called {who}. FIND takes a first name, a phone number or a postcode.",
    "admin_find_people": "Found for {who}:\n{lines}",
    "admin_find_person": "{name} ({roles}) {phone}, {district}{about}",
    "admin_find_tasks": "open tasks: {references}",
    "admin_find_no_tasks": "no open tasks",
    "admin_find_requests": "open requests: {references}",
    "admin_and_more": "...and {count} more",
    "role.volunteer": "volunteer",
    "role.resident": "resident",
    "role.coordinator": "coordinator",
    "standing.available": "available",
    "standing.paused": "paused",
    "standing.pending": "awaiting checks",
    "standing.suspended": "suspended",
    "standing.left": "left",
    "admin_find_none": "No approved volunteer within {km} km of {postcode}{skill}.",
    "admin_find": "Volunteers near {postcode}{skill}:\n{lines}",
    "admin_find_line": "{name} {phone}, {km} km, {skills}{paused}",
    "admin_stats": (
        "Today: {today_requests} new, {today_done} done. Week: {week_requests} ({by_kind}); "
        "{by_status}. Median to match: {median}. Volunteers: {active} active, {pending} "
        "awaiting checks. Calls: {calls_done} done, {calls_no_answer} no answer, "
        "{calls_missed} missed. Concerns open: {concerns}."
    ),
    "concern_ask": (
        "Tell us what worries you, in your own words. A coordinator will see it straight away. "
        "If someone is in danger now, call 999 first."
    ),
    "concern_received": (
        "Thank you. Your concern has gone to the coordinators now, and one will contact you. "
        "You did the right thing telling us."
    ),
    "concern_received_urgent": (
        "If anyone is in danger or badly hurt, call 999 now. Your concern has gone to the "
        "coordinators as URGENT and they will contact you as soon as they can."
    ),
    "danger_advice": (
        "If you are in danger or hurt, please call 999 now. We have told a coordinator about "
        "your message. For urgent medical help that is not an emergency, call 111."
    ),
    # Danger by kind (bot/understanding/danger.py): the numbers are the UK's; a hub may change them.
    "danger_advice.medical": (
        "Please call 999 now for an ambulance. If you can, unlock the door and keep the phone "
        "near you. We have told a coordinator about your message."
    ),
    "danger_advice.suicide": (
        "Thank you for telling us. If you might act on these thoughts now, call 999. "
        "Samaritans will listen any time, free: call 116 123. We have told a coordinator, "
        "who will contact you."
    ),
    "danger_advice.abuse": (
        "If you are in danger now, call 999 (if you can't speak, press 55 when asked). The "
        "National Domestic Abuse Helpline is free, any time: 0808 2000 247. We have told a "
        "coordinator."
    ),
    "danger_advice.fire_gas": (
        "Get everyone out now and call 999. If you smell gas: no switches or flames, open the "
        "windows, and call the gas emergency line free on 0800 111 999. We have told a "
        "coordinator."
    ),
    "danger_advice.welfare": (
        "We have told a coordinator, who will contact you today. If you feel unwell or are in "
        "danger, call 999; for urgent medical advice call 111."
    ),
    "concern_alert": (
        "CONCERN C-{number} from {raiser} ({raiser_phone}) about {resident} ({resident_phone}), "
        "{task}: \"{text}\" Reply ACK C-{number} to take it."
    ),
    "concern_alert_urgent": (
        "URGENT CONCERN C-{number} from {raiser} ({raiser_phone}) about {resident} "
        "({resident_phone}), {task}: \"{text}\" Reply ACK C-{number} to take it."
    ),
    "concern_task": "task {reference} ({category})",
    "concern_no_task": "no task",
    "concern_list": "Open concerns:\n{lines}\nReply ACK C-number or RESOLVE C-number and a note.",
    "concern_line": "C-{number} {urgent}{status}, {age} ago: {text}",
    "concern_line_urgent": "URGENT ",
    "urgent_mark": "URGENT ",
    "unmatched_alert": (
        "{urgent}NO VOLUNTEER {reference}: {category} for {name} ({phone}) in {district}, "
        "waiting {waited}: {reason}. Ring them, or ASSIGN {reference} and a volunteer's name."
    ),
    "unmatched_resident": (
        "We haven't found a volunteer for your {category} ({reference}) yet. A coordinator is "
        "looking into it and will be in touch."
    ),
    "unmatched_resident_no_coordinator": (
        "We haven't found a volunteer free for your {category} ({reference}) yet. We're still "
        "looking and will text you when someone can help."
    ),
    "concern_none": "No open concerns. Thank you.",
    "concern_which": "Which concern? e.g. {action} C-12",
    "concern_unknown": "I can't find an open concern C-{number}.",
    "concern_acknowledged": "C-{number} is yours, thank you. Reply RESOLVE C-{number} and a note when it is settled.",
    "concern_taken_up": "Thank you for raising your concern. {coordinator}, a coordinator, is looking into it now.",
    "concern_resolved": "C-{number} is resolved and your note is kept. Thank you.",
    "concern_needs_note": "Please add a short note on what was done, e.g. RESOLVE C-{number} spoke to her daughter, all well.",
    "empty_message": "Sorry, that message was empty.",
    "not_understood": "Sorry, I didn't understand that.",
    # A message with no words in it (Telegram): what the hub can read instead.
    "unreadable": (
        "Thank you for the {thing}, but I can only read written words. Please type what "
        "you'd like to say, in your own words, or text HELP."
    ),
    "unreadable.photo": "photo",
    "unreadable.sticker": "sticker",
    "unreadable.voice": "voice message",
    "unreadable.video": "video",
    "unreadable.document": "file",
    "unreadable_location": (
        "Thank you for the location. I only use one when I ask for your postcode. Please "
        "type what you'd like to say, in your own words, or text HELP."
    ),
    "unreadable_other": (
        "Sorry, I couldn't read that message: I can only read written words. Please type "
        "what you'd like to say, in your own words, or text HELP."
    ),
    "glad_to_help": "Of course, we're here to help.",
    "stuck_hint": "If you're stuck, text START AGAIN to begin again, or HELP.",
    "closing": "You're welcome. Text us any time you need a hand.",
    "restarted": "OK, let's start again.",
    "flow_stopped": (
        "OK, I've stopped that and nothing was saved. Tell us what you need any time, "
        "or text VOLUNTEER to help."
    ),
    # Resident: asking for help.
    "ask_category": (
        "What do you need help with? Tell us in your own words or pick a number."
    ),
    "ask_duplicate": (
        "You already have a request for {category} ({reference}) that we're working on. "
        "Is this another one as well?"
    ),
    "duplicate_kept": "OK, we'll keep just {reference}. Text STATUS any time to see how it's going.",
    "ask_category_check": "Is it {category} you need? Reply YES, or tell us in a few words.",
    "ask_details": "Please tell us in a few words what you need help with.",
    "ask_name": "Thank you. What is your first name?",
    "ask_name_again": "Sorry, I didn't catch your name. Please send just your first name, e.g. Albert.",
    "ask_postcode": "Thanks, {name}. What is your postcode? e.g. RM17 6SL",
    "ask_same_place": "Thanks, {name}. Same address as before, {place}?",
    "postcode_invalid": "Sorry, that doesn't look like a UK postcode. Please send it like this: RM17 6SL",
    "postcode_unknown": (
        "Sorry, we couldn't find {postcode}. Please check it and send it again, e.g. RM17 6SL"
    ),
    "postcode_district": (
        "We couldn't find {postcode} exactly, so we'll use the {district} area for now."
    ),
    "ask_address": (
        "What is your house number and street? Only the volunteer who takes the task will see it."
    ),
    "ask_address_again": "Please send your house number and street, e.g. 12 Orsett Road.",
    "ask_address_why": (
        "We ask so the volunteer who takes it can find your door; others see only your street. "
        "Please send your house number and street, or text START AGAIN to stop."
    ),
    "address_check": "{address}: is that right?",
    "address_check_again": "Please send your house number and street again, e.g. 12 Orsett Road.",
    "ask_name_why": (
        "So the volunteer knows who they're helping. Please send just your first name, e.g. "
        "Albert."
    ),
    "ask_call_when_again": (
        "Sorry, I didn't catch when suits you. Please say e.g. weekday mornings, Tuesday "
        "afternoons, or any time."
    ),
    "ask_age": (
        "So we can find someone you'll get on with, roughly how old are you? e.g. 78 or 70s. "
        "Reply SKIP if you'd rather not say."
    ),
    "ask_age_again": "Sorry, I didn't catch that. Please send your age, e.g. 78 or 70s, or SKIP.",
    "ask_call_when": "When suits you for a call? e.g. weekday mornings, Tuesday afternoons, or any time.",
    "ask_when": "When do you need it? e.g. today, tomorrow, Friday, or any time",
    "ask_when_again": (
        "Sorry, I didn't understand when. Please say e.g. today, tomorrow, Friday, 25/12 or any time."
    ),
    "consent_wording": (
        "To arrange this we tell a few nearby volunteers your first name and street (not the "
        "house number). The one who agrees to help gets your address and phone number. "
        "Nobody else sees them."
    ),
    "consent_wording_calls": (
        "To arrange this we tell a few nearby volunteers your first name and area. The one who "
        "agrees to ring you gets your phone number. Nobody else sees it."
    ),
    "ask_consent": "{wording} Is that OK?",
    "ask_consent_again": (
        "Please reply YES if we may share your details with volunteers like this, or NO if "
        "you'd rather a coordinator calls you instead."
    ),
    "request_saved": (
        "Thank you, {name}. Your request {reference} is saved: {category}, {when}. We'll text you "
        "as soon as a volunteer is found. Text STATUS to check, or CANCEL {reference} to cancel."
    ),
    "request_saved_also": "We've also noted {category} as {reference}.",
    "request_saved_no_consent": (
        "That's fine, {name}. Your request {reference} goes to a coordinator, who will call you "
        "to arrange help; no volunteer sees your details. Text STATUS to check."
    ),
    # Resident: STATUS and CANCEL.
    "status_none": "You have no open requests. Tell us what you need any time.",
    "status_list": "Your requests:\n{lines}",
    "status_and_more": (
        "Your requests:\n{lines}\nWe'll text you with any news. To ask for something else, "
        "tell us what; CANCEL REQUEST cancels one."
    ),
    "status_line": "{reference} {category} ({when}): {status}",
    "cancel_which": "Which request should I cancel? Reply CANCEL and its reference:\n{lines}",
    "cancel_confirm": "Cancel {reference} ({category})?",
    "cancelled": "Done: {reference} is cancelled. Thank you for letting us know.",
    "cancelled_volunteer_told": (
        "Done: {reference} is cancelled. We've told {volunteer}, so nobody will come for it. "
        "Thank you for letting us know."
    ),
    "cancelled_calls_ended": (
        "Done: {reference} is cancelled and the regular calls with {volunteer} have stopped. "
        "We've told {volunteer}. Thank you for letting us know."
    ),
    "cancel_kept": "OK, {reference} stays open.",
    "cancel_unknown": "I can't find an open request {reference}. Text STATUS to see yours.",
    "nothing_to_cancel": "You have no open requests to cancel. Tell us what you need any time.",
    "forget_confirm": (
        "Do you want {hub} to delete everything we hold about you: your name, number, "
        "address, requests and messages? Any open request will be cancelled. This can't be undone."
    ),
    "forgotten": (
        "Done: your details have been deleted. Thank you for being part of our community. "
        "If you ever need help again, just text us. In an emergency call 999."
    ),
    "forget_kept": "OK, nothing has been deleted.",
    "consent_withdraw_confirm": (
        "Withdraw your consent? We'll stop using your details: open requests are cancelled "
        "and volunteers get no offers. We keep only the records we must, until our time "
        "limit or until you text FORGET ME. You can text GIVE CONSENT any time."
    ),
    "consent_withdrawn": (
        "Done: your consent is withdrawn. {done}We keep only the records we must until our "
        "time limit; text FORGET ME to delete them now, or GIVE CONSENT if you change your mind."
    ),
    "consent_requests_cancelled": "{count} open request(s) cancelled: {references}.",
    "consent_no_offers": "You'll get no more offers.",
    "consent_tasks_kept": "Tasks you've taken stay yours; tell us if you can't do them.",
    "consent_kept": "OK, nothing has changed.",
    "consent_already_withdrawn": (
        "Your consent is already withdrawn. Text GIVE CONSENT if we may use your details "
        "again, or FORGET ME to delete them."
    ),
    "consent_not_withdrawn": (
        "Your consent stands, so there's nothing to change. To withdraw it, text WITHDRAW CONSENT."
    ),
    "consent_given_again": (
        "Thank you: your consent is recorded again. {resume}Tell us what you need any time."
    ),
    "consent_resume_when_ready": "Text RESUME when you'd like offers again.",
    "consent_resume_blocked": (
        "You withdrew consent, so we can't send you offers. Text GIVE CONSENT first, then RESUME."
    ),
    "task_cancelled_consent": (
        "{reference} ({category}) is cancelled: the person withdrew consent to sharing their "
        "details. Please don't visit or call them about it. Thank you for your help."
    ),
    "task_cancelled_erased": (
        "{reference} ({category}) is cancelled: the person asked us to delete their details. "
        "Please don't visit or call them about it. Thank you for your help."
    ),
    "task_cancelled_resident": (
        "{name} has cancelled {reference} ({category}): it isn't needed any more, so please "
        "don't go. Thank you for being ready to help."
    ),
    "task_cancelled_resident_calls": (
        "{name} has cancelled {reference}: the regular calls have stopped, so please don't ring "
        "again. Thank you for every call."
    ),
    "task_cancelled_coordinator": (
        "A coordinator has cancelled {reference} ({category}) for {name}: {reason}. Please don't "
        "go. Thank you for being ready to help."
    ),
    "task_cancelled_coordinator_calls": (
        "A coordinator has cancelled {reference} for {name}: {reason}. The regular calls have "
        "stopped, so please don't ring again. Thank you for every call."
    ),
    "request_cancelled_by_coordinator": (
        "Your request {reference} ({category}) has been cancelled by a coordinator: {reason}. "
        "If you still need help, just text us."
    ),
    "task_changed": (
        "A coordinator has changed {reference}: it is now {change}. Reply HELP if that no "
        "longer suits you."
    ),
    "news_for_referrer": "About {name} ({reference}), whom you referred to us: {news}",
    "news_for_coordinator": "For {name} ({reference}), who has no mobile: please ring {phone} and tell them: {news}",
    "volunteer_withdrawn": (
        "Sorry, the volunteer for your {category} can no longer help. We're looking for "
        "someone else and will let you know."
    ),
    # Volunteer sign-up.
    "v_confirm": (
        "Thank you! Would you like to sign up as a volunteer? Reply YES, or NO if it's help "
        "you need yourself."
    ),
    "v_confirm_no": "No problem. What do you need help with? Tell us in your own words or pick a number.",
    "v_noted": "Thank you, {name}. We've noted: {noted}.",
    "v_noted_radius": "within {radius} of {postcode}",
    "v_intro": (
        "Thank you for offering to help! A few quick questions (text START AGAIN to stop). "
        "What is your first name?"
    ),
    "v_ask_postcode": (
        "Thanks, {name}. What is your postcode? We use it to offer tasks near you, e.g. RM17 6SL"
    ),
    "v_ask_radius": "How far are you happy to travel? e.g. 2 miles or 3 km",
    "v_ask_radius_again": "Sorry, please give a distance like 2 miles or 3 km.",
    "v_ask_skills": "What can you help with? Send all the numbers that apply, e.g. 1 3 4",
    "v_ask_skills_again": "Sorry, please send the numbers of what you can do, e.g. 1 3 4, or ALL.",
    "v_ask_availability": "When are you usually free? e.g. weekday evenings, Sat mornings, or any time",
    "v_ask_availability_again": (
        "Sorry, I didn't understand. Please say e.g. weekday evenings, Mon and Wed mornings, "
        "weekends, or any time."
    ),
    "v_ask_languages": "Which languages do you speak? e.g. English, Polish. Or SKIP.",
    "v_ask_languages_again": "Sorry, I don't know that language. Please name it, e.g. Polish, or SKIP.",
    "v_ask_age": (
        "Which age band are you in? It helps us pair people of similar ages. "
        "Send your age or a band, or SKIP."
    ),
    "v_ask_age_again": "Please send your age (e.g. 67), a band like 65-74, or SKIP.",
    "v_ask_experience": (
        "Anything you've lived through that could help you support someone? e.g. 'I cared for my "
        "mum who had dementia'. A few words, or SKIP."
    ),
    "v_ask_code": (
        "Last step, our volunteer code: be kind and reliable, keep people's details private, never "
        "take bank cards or PINs, and tell us at once if you're worried about someone. Do you agree?"
    ),
    "v_ask_code_again": "Please reply YES if you agree to the volunteer code, or NO.",
    "v_code_declined": (
        "No problem. We can only send tasks to volunteers who agree to the code, so nothing was "
        "saved. Text VOLUNTEER if you change your mind."
    ),
    "v_registered": (
        "Thank you, {name}! You're signed up for {skills}, {availability}, within {radius}. "
        "Next a coordinator checks your ID (and DBS for some tasks), then we'll send you offers. "
        "Text PAUSE, RESUME, MY TASKS or LEAVE any time."
    ),
    "my_details": "What we hold about you: {name}, {phone}.",
    "my_details_no_name": "no name yet",
    "my_details_volunteering": (
        "Volunteering: {skills}; free {availability}; within {radius} of {postcode}; "
        "languages: {languages}; checks: {checks}; {standing}."
    ),
    "my_details_none": "none given",
    "my_details_no_checks": "none yet",
    "my_details_address": "Last address: {place}.",
    "my_details_how": "To have it all deleted, text FORGET ME.",
    "my_details_how_volunteer": (
        "To change something, text UPDATE and the change, e.g. UPDATE weekday evenings, "
        "UPDATE RM17 6SL, UPDATE up to 3 miles, UPDATE shopping and dog walking."
    ),
    "v_standing_paused": "offers paused",
    "v_update_what": (
        "What has changed? e.g. weekday evenings, RM17 6SL, up to 3 miles, or shopping and "
        "dog walking. Text MY DETAILS to see what we hold."
    ),
    "v_update_nothing": (
        "Sorry, I couldn't tell what to change, so nothing is changed. Text MY DETAILS to see "
        "what we hold, then UPDATE and the change, e.g. UPDATE weekday evenings."
    ),
    "v_update_not_volunteer": "You're not signed up to volunteer. Text VOLUNTEER to sign up.",
    "v_updated": "Updated, thank you. {held}",
    "v_already": (
        "You're already signed up as a volunteer ({vetting}). Text MY TASKS, PAUSE, RESUME or LEAVE."
    ),
    "v_paused": "You're paused: no offers until you text RESUME. Thank you for all you do.",
    "v_resumed": "Welcome back! You'll get offers again.",
    "v_no_tasks": "You have no tasks at the moment. We'll text you when there's one near you.",
    "v_tasks": "Your tasks:\n{lines}",
    "v_task_line": "{reference} {category} for {first_name} ({when}). {contact}",
    "v_place_line": "{reference} {category} at {partner}, {postcode} ({when}). Contact: {contact}.",
    "v_leave_confirm": "Are you sure you want to stop volunteering? You won't get any more offers.",
    "v_left": "You've left the volunteer list. Thank you so much for your help. Text VOLUNTEER to come back.",
    "v_leave_kept": "Glad you're staying!",
    # Offers to volunteers: only what they need to decide.
    "offer": (
        "Can you help? {first_name} needs {category}, {when}, in {area} ({distance}). "
        "{reasons}Reply YES {reference} to take it or NO {reference} to pass."
    ),
    # The offer's {distance}: a number tells no one's postcode only from half a kilometre.
    "offer_distance": "{km} km away",
    "offer_very_close": "very close",
    "offer_distance_unknown": "distance not known",
    "offer_reasons": "Why you: {reasons}. ",
    "offer_line": "{reference} {category} ({when}) in {area}",
    "offer_which": "You have more than one offer. Reply YES or NO with the reference, e.g. YES {reference}:\n{lines}",
    "v_offers_waiting": (
        "Waiting for your answer:\n{lines}\nReply YES {reference} to take it or NO "
        "{reference} to pass."
    ),
    "v_not_understood_tasks": (
        "Sorry, I didn't understand. Text MY TASKS to see your tasks, DONE {reference} when "
        "one is done, GIVE BACK {reference} if you can't do it, or HELP."
    ),
    "v_not_understood": (
        "Sorry, I didn't understand. We'll text you when someone near you needs help. Text "
        "HELP for what you can send, or tell us in your own words if you need help yourself."
    ),
    "offer_unknown": "I can't find an open offer {reference}. It may have been taken already.",
    "offer_won": (
        "Thank you! {reference} is yours: {category} for {first_name}, {when}. {contact} "
        "Text DONE {reference} when it's done, or CONCERN if you're worried about them."
    ),
    "offer_won_calls": (
        "Thank you! {reference} is yours: regular friendly calls with {first_name}, {when}. "
        "{contact} After each call text DONE (add a note if you like); to stop the calls for "
        "good, END CALLS {reference}. Worried about them? Text CONCERN."
    ),
    "task_assigned": (
        "A coordinator has given you {reference}: {category} for {first_name}, {when}. {contact} "
        "Text DONE {reference} when it's done, or CONCERN if you're worried about them."
    ),
    "task_assigned_calls": (
        "A coordinator has given you {reference}: regular friendly calls with {first_name}, "
        "{when}. {contact} After each call text DONE; to stop the calls for good, END CALLS "
        "{reference}. Worried about them? Text CONCERN."
    ),
    "phone_masked": "kept private (text CALL to be connected)",
    "offer_contact": "Address: {address}. Phone: {phone}.",
    "offer_contact_phone": "Phone: {phone}.",
    "offer_cancelled": "Thank you! {reference} has been cancelled: it isn't needed any more, so nothing to do.",
    "offer_taken": "Thank you! Another volunteer has already taken {reference}, so nothing to do.",
    "offer_already_yours": "{reference} is already yours, thank you. Text MY TASKS to see it again.",
    "offer_declined": "No problem, thank you for letting us know.",
    "offer_expired": "The offer for {reference} has closed; we've asked someone else. Thank you.",
    "resident_matched": (
        "Good news, {name}: {volunteer} will help with {category}, {when}. STATUS shows where "
        "things stand; if plans change, text CANCEL REQUEST."
    ),
    "task_done_thanks": "Thank you for helping {first_name}! {reference} is marked done.",
    "feedback_thanks": (
        "Thank you for telling us. If you need help again, just text us any time."
    ),
    "resident_done": (
        "{volunteer} has marked {category} as done. How did it go? Reply with a few words; "
        "it helps us."
    ),
    "done_which": "Which task is done? Reply DONE and its reference, e.g. DONE {reference}.",
    "task_unknown": "I can't find a task {reference} of yours.",
    # Choosing a language: LANG / JĘZYK at any point (bot/dialogue/languages.py).
    "language_name": "English",  # this language in its own words, on its LANG button
    "language_which": "Which language would you like us to write in?",
    "language_set": "OK, we'll write to you in English from now on. Text LANG to change it.",
    # Offered when a message looks written in this language but the person has another set.
    "language_offer": "Would you like us to write in English? Text LANG EN.",
    # When help is needed, as parsing.find_when stores it (shown by wording.describe_when).
    "when.asap": "as soon as possible",
    "when.today": "today",
    "when.tomorrow": "tomorrow",
    "when.this_week": "this week",
    "when.next_week": "next week",
    "when.date": "{weekday} {day_number} {month}",
    "day_short.0": "Mon", "day_short.1": "Tue", "day_short.2": "Wed", "day_short.3": "Thu",
    "day_short.4": "Fri", "day_short.5": "Sat", "day_short.6": "Sun",
    "month.1": "Jan", "month.2": "Feb", "month.3": "Mar", "month.4": "Apr", "month.5": "May",
    "month.6": "Jun", "month.7": "Jul", "month.8": "Aug", "month.9": "Sep", "month.10": "Oct",
    "month.11": "Nov", "month.12": "Dec",
    # A volunteer's free time (wording.describe_slots): "weekday evenings, Sat mornings".
    "slots.phrase": "{which_days} {part}",
    "slots.every_morning": "every morning",
    "slots.every_afternoon": "every afternoon",
    "slots.every_evening": "every evening",
    "slots.weekday": "weekday",
    "slots.weekend": "weekend",
    "slots.morning": "mornings",
    "slots.afternoon": "afternoons",
    "slots.evening": "evenings",
    "phone_via_hub": "via the hub",
    "radius_km": "{km} km",
    "radius_miles": "{miles} miles",
    "and": "and",
    # Shopping money.
    "payment.shop_by_phone": "The shop takes payment by phone",
    "payment.prepaid_card": "Prepaid card",
    "payment.cash": "Cash on delivery, against the receipt",
    "payment.other": "Another way",
    "ask_payment": (
        "How will you pay for the {category}? Reply with a number. Please never give a "
        "volunteer your bank or card details."
    ),
    "payment_noted": "Thank you, noted: {way}. The volunteer will keep the receipt for you.",
    "payment_line": "Payment: {way}.",
    "receipt_ask": (
        "Thank you! What did the receipt come to? Reply with the amount, e.g. 23.40, or NONE "
        "if {name} paid the shop directly."
    ),
    "receipt_ask_again": "Sorry, I need the amount on the receipt, e.g. 23.40, or NONE.",
    "receipt_photo": (
        "Thank you, but I can't keep pictures of receipts. Please type the amount on it, "
        "e.g. 23.40, or NONE if nothing was spent."
    ),
    "receipt_noted": "Noted: {amount}. We've asked {name} to confirm it; please give them the receipt.",
    "receipt_confirm": (
        "Hello {name}, {volunteer} has done your {category} ({reference}) and the receipt "
        "shows {amount}. Is that right?"
    ),
    "receipt_confirm_again": "Please reply YES if {amount} is right, or NO if it isn't.",
    "receipt_confirmed": "Thank you. How did it go with {volunteer}? Reply with a few words; it helps us.",
    "receipt_disputed": (
        "Thank you for telling us. A coordinator will be in touch soon to sort it out; please "
        "don't pay anything more until they have."
    ),
    "receipt_alert_disputed": (
        "RECEIPT {reference}: {resident} ({resident_phone}) says the {amount} spent by "
        "{volunteer} ({volunteer_phone}) is not right. Sort it out, then SETTLE {reference}."
    ),
    "receipt_alert_unanswered": (
        "RECEIPT {reference}: {resident} ({resident_phone}) has not confirmed the {amount} "
        "spent by {volunteer} ({volunteer_phone}) in {days} days. Check, then SETTLE {reference}."
    ),
    "admin_settled": "{reference}: the receipt of {amount} is marked settled.",
    "admin_settle_nothing": "{reference} has no receipt waiting to be settled.",
    "admin_stats_money": (
        "Shopping money: {awaiting} receipt(s) awaiting the resident, {disputed} disputed or "
        "unanswered; {amount} outstanding. Partner needs open: {needs}."
    ),
    # The directory of local services.
    "kind.shop": "shop that delivers",
    "kind.pharmacy": "pharmacy that delivers",
    "kind.food_bank": "food bank",
    "kind.befriending": "befriending or carers' charity",
    "kind.mental_health": "listening line",
    "kind.other": "local service",
    "directory_pays_by_phone": "takes payment by phone",
    "directory_ask_postcode": "Which postcode are you in? Send it like this: RM17 6SL",
    "directory_found": "Near {district}:\n{lines}\nIf you'd like a volunteer instead, tell us what you need.",
    "directory_none": (
        "Sorry, we don't know of a {kinds} serving {district} yet. A volunteer may be able to "
        "help: tell us what you need."
    ),
    "directory_alongside": "While we find a volunteer, these could help too:\n{lines}",
    "admin_directory": "Directory{where}:\n{lines}",
    "admin_directory_empty": "No directory entries{where} yet. DIRECTORY ADD to add one.",
    "admin_directory_how": (
        "To add: DIRECTORY ADD name | kind | areas | phone | hours | notes, e.g. DIRECTORY ADD "
        "Tesco Grays | shop | RM17 RM16 | 0345 677 9000 | 8am-10pm | takes payment by phone. "
        "Kinds: shop, pharmacy, food bank, befriending, mental health, other."
    ),
    "admin_directory_added": "Added {number}: {name}, {kind}, serving {districts}.",
    "admin_directory_removed": "Removed {number}: {name}.",
    "admin_directory_unknown": "There's no directory entry {number}. DIRECTORY lists them.",
    # Partner organisations and their needs.
    "admin_partner_how": (
        "To add a partner: PARTNER ADD name | kind | contact name and phone, e.g. PARTNER ADD "
        "Thurrock Care Home | care home | Sue 07700 900777. To remove one: PARTNER REMOVE name."
    ),
    "admin_partner_removed": "{name} is no longer a partner. They had no needs still open.",
    "admin_partner_removed_needs": (
        "{name} is no longer a partner. Their needs {needs} are closed; {count} volunteer(s) told."
    ),
    "admin_partner_added": "Partner {name} added; {contact} is their contact. NEED posts what they need.",
    "admin_partner_exists": "{name} is already a partner; their contact is now {contact}.",
    "admin_partners": "Partners:\n{lines}",
    "admin_partners_empty": "No partners yet. PARTNER ADD to add one.",
    "admin_unknown_partner": "I don't know a partner called {name}. PARTNERS lists them.",
    "admin_need_how": (
        "To post a need: NEED partner | kind of help | how many | postcode | how often | "
        "dates | checks | what they'll do, e.g. NEED Thurrock Care Home | befriending | 3 | "
        "RM17 6SL | weekly | 1/12 to 28/2 | dbs training | chat with residents"
    ),
    "admin_need_offered_more": "{reference} for {partner} ({filled} of {needed} filled): offered to {offered} more: {names}.",
    "admin_need_posted": "{reference} posted for {partner}: {needed} volunteer(s) for {category}. Offered to {offered}: {names}.",
    "admin_need_nobody": (
        "{reference} posted for {partner}, but nobody near {district} has the skill and checks "
        "({checks}) yet. NEEDS shows it; it is offered again when you post NEED OFFER {reference}."
    ),
    "admin_needs": "Open needs:\n{lines}",
    "admin_needs_empty": "No open partner needs.",
    "admin_need_unknown": "There's no open need {reference}. NEEDS lists them.",
    "admin_need_which": "Which need? e.g. {example} (NEEDS lists them).",
    "admin_need_closed": "{reference} for {partner} is closed ({filled} of {needed} places were filled); {count} volunteer(s) told.",
    # Kinds of help as a partner's need names them: in person, at their place.
    "need_kind.shopping": "shopping",
    "need_kind.prescription": "collecting prescriptions",
    "need_kind.befriending": "befriending",
    "need_kind.dog_walking": "dog walking",
    "need_kind.transport": "driving people to appointments",
    "need_kind.other": "helping out",
    "check.id": "ID check",
    "check.dbs_enhanced": "enhanced DBS",
    "check.befriending_training": "training",
    "no_checks": "ID check",
    # A volunteer's check with an expiry date, told to coordinators once, 30 days ahead.
    "check_expiring": (
        "CHECK: {volunteer}'s {checks} runs out on {date}, in {days} days. Ask them "
        "({volunteer_phone}) to renew it, then send {example}. After {date} they get no offers "
        "that need it."
    ),
    "check_expired": (
        "CHECK: {volunteer}'s {checks} ran out on {date}, so they get no offers that need it. "
        "Ask them ({volunteer_phone}) to renew it, then send {example}."
    ),
    "need_offer": (
        "{partner} needs {needed} volunteers for {category} near {district}{how_often}{dates}: "
        "{about}. Needs {checks}. Reply YES {reference} or NO {reference}."
    ),
    "need_dates": " from {start} to {end}",
    "need_accepted": (
        "Thank you, you're in for {partner} ({reference}). Their contact is {contact} on {phone}; "
        "they know you're coming. {filled} of {needed} places filled."
    ),
    "need_full_now": "All {needed} places for {partner} ({reference}) are filled now. Thank you!",
    "need_closed_offer": "Thank you for offering! {partner} doesn't need volunteers for {reference} any more, so nothing to do.",
    "need_closed_place": "{partner}'s need {reference} has ended, so you needn't go any more. Thank you so much for your help!",
    "need_full": (
        "Thank you for offering! {partner}'s need {reference} is full now, so nothing to do. "
        "We'll be in touch about the next one."
    ),
    "need_unknown": "I can't find {reference} among the needs offered to you.",
    "need_already_yours": "You already have a place for {reference}. Thank you!",
    "need_place_given_back": "Hello {name}, {volunteer} can no longer come for {reference}. We're asking other volunteers and will tell you who is coming.",
    "need_contact_told": (
        "Hello {name}, {volunteer} ({phone}) is coming to help with {category} ({reference}). "
        "{filled} of {needed} places filled."
    ),
    # Figures: the dashboard's Statistics page, `neighbourly report` and STATS. A count with
    # its noun has three forms, chosen by catalogue.counted: .one, .few and .many. English
    # uses .one and .many; .few is there (the same as .many) because Polish needs it.
    "figures.kind.shopping.one": "{count} shopping trip",
    "figures.kind.shopping.few": "{count} shopping trips",
    "figures.kind.shopping.many": "{count} shopping trips",
    "figures.kind.prescription.one": "{count} prescription collection",
    "figures.kind.prescription.few": "{count} prescription collections",
    "figures.kind.prescription.many": "{count} prescription collections",
    "figures.kind.befriending.one": "{count} friendly phone call",
    "figures.kind.befriending.few": "{count} friendly phone calls",
    "figures.kind.befriending.many": "{count} friendly phone calls",
    "figures.kind.dog_walking.one": "{count} dog walk",
    "figures.kind.dog_walking.few": "{count} dog walks",
    "figures.kind.dog_walking.many": "{count} dog walks",
    "figures.kind.transport.one": "{count} lift to an appointment",
    "figures.kind.transport.few": "{count} lifts to appointments",
    "figures.kind.transport.many": "{count} lifts to appointments",
    "figures.kind.other.one": "{count} other request",
    "figures.kind.other.few": "{count} other requests",
    "figures.kind.other.many": "{count} other requests",
    "figures.requests.one": "{count} request",
    "figures.requests.few": "{count} requests",
    "figures.requests.many": "{count} requests",
    "figures.volunteers_joined.one": "{count} volunteer joined",
    "figures.volunteers_joined.few": "{count} volunteers joined",
    "figures.volunteers_joined.many": "{count} volunteers joined",
    "figures.volunteers_helped.one": "{count} volunteer helped someone",
    "figures.volunteers_helped.few": "{count} volunteers helped someone",
    "figures.volunteers_helped.many": "{count} volunteers helped someone",
    "figures.calls_made.one": "{count} check-in call made",
    "figures.calls_made.few": "{count} check-in calls made",
    "figures.calls_made.many": "{count} check-in calls made",
    "figures.concerns_raised.one": "{count} concern raised",
    "figures.concerns_raised.few": "{count} concerns raised",
    "figures.concerns_raised.many": "{count} concerns raised",
    "figures.days.one": "{count} day",
    "figures.days.few": "{count} days",
    "figures.days.many": "{count} days",
    "figures.minutes": "{count} min",
    "figures.hours": "{count} h",
    "figures.hours_minutes": "{count} h {minutes} min",
    # The change from the period before, after a count: "412 requests, up 18%".
    "figures.change.up": "up {percent}%",
    "figures.change.down": "down {percent}%",
    "figures.change.same": "no change",
    "figures.change.from_none": "up from none",
    # The figures in plain words, a line each.
    "figures.brief.requests": "{figure}, {change}; {percent}% had a volunteer within a day.",
    "figures.brief.requests_none": "No requests.",
    "figures.brief.kinds": "By kind: {kinds}.",
    "figures.brief.outcomes": "Done: {done_count}; cancelled or expired: {closed}; still open: {still_open}.",
    "figures.brief.waits": "Half had a volunteer within {median}, nine in ten within {p90}.",
    "figures.brief.volunteers": "{joined}, {change}; {helped}.",
    "figures.brief.standing": "On {date}: {available} available, {resting} paused, {pending} awaiting checks.",
    "figures.brief.calls": (
        "{made}, {change}; no answer: {unanswered}; missed: {missed}; raised with a "
        "coordinator: {escalated}."
    ),
    "figures.brief.calls_none": "No check-in calls were due.",
    "figures.brief.concerns": "{raised}, {change}; urgent: {urgent_count}.",
    "figures.brief.acknowledged": "Half were acknowledged within {median}, nine in ten within {p90}.",
    "figures.brief.concerns_none": "No concerns raised.",
    # Periods and dates.
    "figures.date": "{day_number} {month} {year}",
    "figures.day_month": "{day_number} {month}",
    "figures.period.month": "{month_name} {year}",
    "figures.period.days": "{first} to {last}",
    "figures.period.so_far": "{period}, so far",
    "figures.week": "{first} to {last}",
    "figures.month_name.1": "January", "figures.month_name.2": "February",
    "figures.month_name.3": "March", "figures.month_name.4": "April",
    "figures.month_name.5": "May", "figures.month_name.6": "June",
    "figures.month_name.7": "July", "figures.month_name.8": "August",
    "figures.month_name.9": "September", "figures.month_name.10": "October",
    "figures.month_name.11": "November", "figures.month_name.12": "December",
    # Charts and their tables.
    "figures.heading.period": "Figures for {period}",
    "figures.heading.glance": "Today and this week",
    "figures.heading.brief": "In brief",
    "figures.heading.key_figures": "Key figures",
    "figures.heading.requests": "Requests per day, by kind",
    "figures.heading.waits": "Time from request to a volunteer, by week",
    "figures.heading.districts": "Requests and volunteers by postcode district",
    "figures.heading.volunteers": "Volunteers joining and helping, by week",
    "figures.heading.standing": "Volunteers on {date}",
    "figures.heading.calls": "Check-in calls, by week",
    "figures.heading.concerns": "Concerns raised, by week",
    "figures.heading.acknowledged": "Time to acknowledge a concern, by week",
    "figures.chart_note": "Bar chart. The table beside it gives the same figures.",
    "figures.nothing": "Nothing to show for this period.",
    "figures.column.day": "Day",
    "figures.column.week": "Week",
    "figures.column.district": "District",
    "figures.column.total": "Total",
    "figures.column.matched": "Had a volunteer",
    "figures.column.median": "Median",
    "figures.column.p90": "9 in 10 within",
    "figures.column.requests": "Requests made",
    "figures.column.open": "Open now",
    "figures.column.available": "Volunteers available now",
    "figures.column.joined": "Joined",
    "figures.column.helped": "Helped someone",
    "figures.column.left": "Left",
    "figures.column.made": "Made",
    "figures.column.no_answer": "No answer",
    "figures.column.missed": "Missed",
    "figures.column.escalated": "Raised with a coordinator",
    "figures.column.raised": "Raised",
    "figures.column.urgent": "Urgent",
    "figures.column.acknowledged": "Acknowledged",
    "figures.column.volunteers": "Volunteers",
    "figures.column.figure": "Figure",
    "figures.column.change": "Change",
    "figures.row.available": "Available",
    "figures.row.paused": "Paused",
    "figures.row.pending": "Awaiting checks",
    "figures.row.requests": "Requests",
    "figures.row.within_day": "Had a volunteer within a day",
    "figures.row.median_wait": "Median time to a volunteer",
    "figures.row.done": "Done",
    "figures.row.joined": "Volunteers joined",
    "figures.row.helped": "Volunteers who helped someone",
    "figures.row.calls_made": "Check-in calls made",
    "figures.row.calls_missed": "Check-in calls missed",
    "figures.row.concerns": "Concerns raised",
    "figures.row.median_ack": "Median time to acknowledge a concern",
    # The report a committee reads (`neighbourly report`, and the dashboard's download).
    "figures.report.title": "{hub}: figures for {period}",
    "figures.report.made": (
        "Made on {date} from the hub's records. Counts only: no one's name, phone number or "
        "address is in this report."
    ),
    "figures.report.compared": "Changes are from {period}.",
    "figures.report.how_counted": (
        "Requests count on the day they were made; within a day means within 24 hours. A "
        "volunteer helped someone by taking a task or making a check-in call. A missed call "
        "was not logged in its time, or the resident said nobody rang."
    ),
    # The dashboard's Statistics page: choosing the period.
    "figures.form.legend": "Period",
    "figures.form.week": "This week",
    "figures.form.four_weeks": "Last 4 weeks",
    "figures.form.month": "A month",
    "figures.form.dates": "Dates",
    "figures.form.custom": "From",
    "figures.form.to": "to",
    "figures.form.show": "Show",
    "figures.form.unreadable": (
        "That period could not be read, so this shows the last 4 weeks. Pick a month, or "
        "dates up to a year apart."
    ),
    "figures.download.report": "Download the report for this period (a page to print)",
    "figures.download.csv": "Download the figures (CSV)",
    # Talking through the hub (bot/services/takeover.py): TEXT, TAKE, RELEASE, "> message".
    "takeover.from_hub": "{hub}: {text}",
    "takeover.taken": (
        "{coordinator} from {hub} is reading your messages now and will reply to you in "
        "person. In an emergency, call 999."
    ),
    "takeover.hub_again": (
        "{hub} is answering your messages itself again. Send HELP or MENU to see what you "
        "can do."
    ),
    "takeover.forward": "FROM {name} ({who}): {text}",
    "takeover.forward_danger": (
        "FROM {name} ({who}), DANGER WORDS - they were given the emergency advice and an "
        "urgent concern is raised: {text}"
    ),
    "takeover.admin_taken": (
        "You now hold the conversation with {who}: the hub won't answer them itself. Their "
        "messages come to you. Reply with TEXT {reference} and your words, or > and your words while "
        "you hold only this one. RELEASE when done; it goes back to the hub after {minutes} "
        "min without a word from you."
    ),
    "takeover.admin_already_yours": "You already hold the conversation with {who}. RELEASE when done.",
    "takeover.admin_held_by": "{coordinator} holds the conversation with {who} now. Ask them to RELEASE it first.",
    "takeover.admin_released": "Released: the hub answers {who} again, and they've been told.",
    "takeover.admin_none_held": (
        "You hold no conversation. TAKE R-7Q4K to hold one, or TEXT R-7Q4K and your words to "
        "send one message."
    ),
    "takeover.admin_which": "You hold several conversations: {held}. Name one: TEXT R-7Q4K ... or RELEASE R-7Q4K.",
    "takeover.admin_not_held": "You don't hold the conversation with {who}.",
    "takeover.admin_not_yourself": "That's your own number: you can't take your own conversation.",
    "takeover.admin_text_how": "What should the message say? For example: TEXT R-7Q4K Julia is on her way.",
    "takeover.admin_sent": "Sent to {who}, as the hub.",
    "takeover.admin_unreachable": "{who} can't be texted now (they sent STOP, or have no phone or Telegram with us).",
    "takeover.admin_whom": (
        "Whom? {command} R-7Q4K for the person who asked, {command} VOLUNTEER R-7Q4K for "
        "its volunteer, or {command} 07700 900123."
    ),
    "takeover.admin_nobody": "Nobody to reach for {reference}: no volunteer has it, or their details were erased.",
    "takeover.admin_timed_out": "The conversation with {who} went back to the hub: no word from you in time.",
    "takeover.admin_opted_out": "{who} sent STOP: the hub may not text them now, so their conversation is released.",
    "history.hub.texted": "{who} texted {to} through the hub {when}: {text}",
    "history.conversation.taken": "{who} took over the conversation with {to} {when}",
    "history.conversation.released": "Conversation with {to} back with the hub {when}",
    # Check-up campaigns (bot/services/campaigns.py, bot/dialogue/campaign.py): the check-up,
    # the answers to it, and CAMPAIGN in the coordinators' chat.
    "campaign.check_up": (
        "Hello {name}, this is {hub} checking you're all right.{own} Reply 1 for help with "
        "shopping, 2 prescriptions, 3 someone to talk to, or OK if you're fine."
    ),
    "campaign.fine": "Thank you, {name}. We're glad you're all right. If you ever need a hand, just text us.",
    "campaign.ask_again": (
        "Sorry, I didn't quite follow. Reply 1 for help with shopping, 2 prescriptions, 3 "
        "someone to talk to, or OK if you're fine. Or tell us in your own words."
    ),
    "campaign.will_ring": "Thank you, {name}. Someone from the hub will ring you soon to talk it through.",
    "campaign.sorry": "Sorry to hear that, {name}. We're here to help.",
    "campaign.help_coming": "Thank you, {name}. Let's get you some help.",
    "campaign.admin_none": "No check-up campaigns yet. Import a list on the dashboard's Campaigns page.",
    "campaign.admin_how": (
        "CAMPAIGN shows each campaign, CAMPAIGN 3 one of them. CAMPAIGN START 3: your own short "
        "words. CAMPAIGN CALLS 3: who to ring. After a call: CAMPAIGN RANG 17 FINE (or HELP, NO "
        "ANSWER, WRONG NUMBER) and a note."
    ),
    "campaign.admin_unknown": "There is no campaign {number}. CAMPAIGN lists them.",
    "campaign.admin_progress": (
        "Campaign {number}, {name} ({status}): {count} people. Texted {sent}, delivered "
        "{delivered}, replied {replied}, fine {fine}, need help {needs}, to ring {ring}. "
        "CAMPAIGN CALLS {number} for the call list."
    ),
    "campaign.admin_started": (
        "Campaign {number} started. Check-ups to send: {count}, at the provider's pace. To "
        "ring now: {ring}. CAMPAIGN {number} shows how it goes."
    ),
    "campaign.admin_already_started": "Campaign {number} has already started. CAMPAIGN {number} shows how it goes.",
    "campaign.admin_own_too_long": (
        "Please keep your own words to {count} characters: they go inside the check-up text, "
        "which must stay short."
    ),
    "campaign.admin_calls": (
        "To ring for campaign {number}:\n{lines}\nAfter each call: CAMPAIGN RANG, the number "
        "before their name, then FINE, HELP, NO ANSWER or WRONG NUMBER."
    ),
    "campaign.admin_call_line": "{member}. {name} {phone}: {reason}",
    "campaign.admin_calls_more": "...and {count} more on the dashboard's Campaigns page",
    "campaign.admin_calls_none": "Nobody to ring for campaign {number} just now.",
    "campaign.admin_rang_how": (
        "How did the call go? e.g. CAMPAIGN RANG 17 FINE, or HELP, NO ANSWER or WRONG NUMBER, "
        "with a note if you like."
    ),
    "campaign.admin_rang_unknown": "Nobody on a campaign's list has the number {member}. CAMPAIGN CALLS shows them.",
    "campaign.admin_rang": "Noted: {name}, {outcome}.",
    "campaign.admin_rang_help": "Noted: {name} needs help. Record what they need with NEW, as for anyone who rings.",
    "campaign.status.imported": "not started",
    "campaign.status.running": "texting",
    "campaign.status.finished": "all texted",
    "campaign.reason.landline": "landline",
    "campaign.reason.no_reply": "no reply",
    "campaign.reason.unclear": "replied, but not clearly",
    "campaign.reason.not_delivered": "text not delivered",
    "campaign.reason.opted_out": "stopped our texts",
    "campaign.reason.no_answer": "no answer last time",
    "campaign.outcome.fine": "fine",
    "campaign.outcome.needs_help": "needs help",
    "campaign.outcome.no_answer": "no answer (still on the list)",
    "campaign.outcome.wrong_number": "wrong number",
    "campaign.import_no_name": "Please give the list a name, e.g. Shielding list December.",
    "campaign.import_no_basis": (
        "Please record the legal basis or information-sharing agreement for this list before "
        "importing it."
    ),
    "campaign.import_no_header": (
        "The file's first line must name the columns: name, phone, postcode (and notes if you "
        "like)."
    ),
    "campaign.import_nobody": (
        "Nobody in that file could be read. Each line needs a name, a phone number and a "
        "postcode."
    ),
    "campaign.imported": "Campaign {number}, {name}: {count} people imported. Start it when you're ready.",
    "campaign.import_skipped": " Not imported: {lines}.",
    "campaign.import_warned": " Please check: {lines}.",
    "campaign.line.name": "line {number} has no name",
    "campaign.line.phone": "line {number}: {value} is not a phone number",
    "campaign.line.twice": "line {number}: {value} is on the list already",
    "campaign.line.postcode": "line {number}: postcode {value} not found (asked again if they need help)",
    # Standing requests ("shopping every Friday"): bot/dialogue/standing.py, services/standing.py.
    "every.weekly.0": "every Monday", "every.weekly.1": "every Tuesday",
    "every.weekly.2": "every Wednesday", "every.weekly.3": "every Thursday",
    "every.weekly.4": "every Friday", "every.weekly.5": "every Saturday",
    "every.weekly.6": "every Sunday",
    "every.fortnightly.0": "every other Monday", "every.fortnightly.1": "every other Tuesday",
    "every.fortnightly.2": "every other Wednesday", "every.fortnightly.3": "every other Thursday",
    "every.fortnightly.4": "every other Friday", "every.fortnightly.5": "every other Saturday",
    "every.fortnightly.6": "every other Sunday",
    "request_saved_standing": (
        "We'll arrange {category} {every}, the same volunteer where we can. To miss one, "
        "tell us, e.g. 'not needed this week'. To stop it, 'stop the weekly {category}'."
    ),
    "standing_line": "{category} {every} (next: {next})",
    "standing_line_paused": "{category} {every}: paused by a coordinator",
    "standing_which": "Which one do you mean? Tell us its kind, e.g. 'no shopping this week':\n{lines}",
    "standing_end_confirm": "Stop {category} {every} for good? Reply YES to stop it or NO to keep it.",
    "standing_kept": "All right, your {category} carries on as before.",
    "standing_ended": "Done: no more {category} {every}. Text us any time you need help again.",
    "standing_ended_with_task": (
        "Done: no more {category} {every}. {references} is cancelled too and your volunteer "
        "has been told. Text us any time you need help again."
    ),
    "standing_skipped": (
        "All right: no {category} on {date}. It carries on {every} after that; your "
        "volunteer has been told if they had it."
    ),
    "standing_gone": "That regular help has already ended. Tell us what you need and we'll help.",
    "standing_offer_reason": "you helped {name} last time",
    "standing_described": "{every}, {status}, next: {next}",
    "standing_status.active": "going on",
    "standing_status.paused": "paused",
    "standing_status.ended": "ended",
    "case_weekly_how": (
        "Say what to do with the regular help: WEEKLY {reference} START (or FORTNIGHTLY), "
        "PAUSE, RESUME, SKIP (the next time) or END."
    ),
    "case_weekly_already": "{reference} is already regular help: {every}.",
    "case_weekly_not_for_calls": (
        "{reference} is a friendly phone call: its regular calls are arranged with the caller, "
        "not with WEEKLY."
    ),
    "case_weekly_started": "{reference} is now regular help: {every}.",
    "case_weekly_none": "{reference} is not regular help. WEEKLY {reference} START makes it so.",
    "case_weekly_done": "Done. {reference}'s regular help: {every}.",
    "admin_show_standing": "Regular help: {every}",
    "admin_show_time": "Time the volunteer gave: {hours}",
    "history.standing.started": "Made regular help {when}: a task is made ahead for each time",
    "history.standing.task_made": "Made {when} as the next time of regular help",
    "history.request.time_given": "{who} logged the time it took {when}",
    # The time volunteers give: bot/dialogue/given_time.py, services/volunteer_time.py.
    # (".few" only for languages that count that way: Polish.)
    "given.hours.one": "{count} hour", "given.hours.few": "{count} hours",
    "given.hours.many": "{count} hours",
    "given.minutes.one": "{count} minute", "given.minutes.few": "{count} minutes",
    "given.minutes.many": "{count} minutes",
    "given.tasks.one": "{count} task", "given.tasks.few": "{count} tasks",
    "given.tasks.many": "{count} tasks",
    "given.neighbours.one": "{count} neighbour", "given.neighbours.few": "{count} neighbours",
    "given.neighbours.many": "{count} neighbours",
    "given_noted": "{time} noted: thank you for your time.",
    "given_unsaid": "time not said",
    "given_none": (
        "No tasks done yet. When you finish one, text DONE and the time it took, "
        "e.g. DONE R-7Q4K 45 min."
    ),
    "given_hours": (
        "This month: {month_tasks}, {hours}. Since you joined: {all_tasks}, {all_hours}. "
        "Thank you! Add the time to DONE, e.g. DONE R-7Q4K 45 min."
    ),
    "given_line": "This month: {month_tasks}, {hours}. MY HOURS for more.",
    "admin_stats_time": "Volunteers this month: {tasks} tasks by {count}, {hours} given. Most: {most}",
    "admin_stats_time_person": "{name} {tasks} ({hours})",
    "monthly_thanks": (
        "Thank you, {name}: last month you helped {neighbours} over {hours}. "
        "It makes a real difference."
    ),
    "monthly_thanks_no_time": (
        "Thank you, {name}: last month you helped {neighbours}. It makes a real difference."
    ),
}
