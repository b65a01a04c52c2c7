"""The time volunteers give: said back in words, and MY HOURS.

The minutes come from DONE ("DONE R-7Q4K 45 min", read by the reader as `Reading.minutes`)
and are counted by the service (bot/services/help_requests/volunteer_time.py); here they are only
said. A befriender's check-in calls logged done are counted beside tasks ("1 task and 4 calls"),
their minutes in the same hours; someone with no calls hears just their tasks, as always.
"""

from __future__ import annotations

from bot.dialogue.catalogue import counted, text
from bot.dialogue.turn import Turn
from bot.dialogue.types import Inbound, State


def describe_minutes(language: str, minutes: int) -> str:
    """"45 minutes", "1 hour", "9 hours", "1 hour 30 minutes": whole hours said as hours,
    and only the minutes beyond them as minutes."""
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(counted(language, "given.hours", hours))
    if rest or not hours:
        parts.append(counted(language, "given.minutes", rest))
    return " ".join(parts)


def describe_help(language: str, tasks: int, calls: int) -> str:
    """"2 tasks", "4 calls", "1 task and 4 calls": calls only when there were some, tasks
    when there were some or nothing else ("0 tasks" in a month not yet begun)."""
    if not calls:
        return counted(language, "given.tasks", tasks)
    if not tasks:
        return counted(language, "given.calls", calls)
    return text(language, "given.tasks_and_calls", tasks=counted(language, "given.tasks", tasks),
                calls=counted(language, "given.calls", calls))


def tell_hours(inbound: Inbound, turn: Turn) -> State:
    """MY HOURS: this month's tasks, calls and time, and all of it since they joined."""
    volunteer = inbound.person.volunteer
    given = volunteer.given
    if not (given.all_tasks or given.all_calls):
        turn.say("given_none")
        return State()
    turn.say("given_hours",
             month_tasks=describe_help(turn.language, given.month_tasks, given.month_calls),
             hours=describe_minutes(turn.language, given.month_minutes),
             all_tasks=describe_help(turn.language, given.all_tasks, given.all_calls),
             all_hours=describe_minutes(turn.language, given.all_minutes))
    return State()


def say_hours_line(inbound: Inbound, turn: Turn) -> None:
    """The same in one line after a volunteer's STATUS; nothing before their first task or
    call."""
    given = inbound.person.volunteer.given
    if given.all_tasks or given.all_calls:
        turn.say("given_line",
                 month_tasks=describe_help(turn.language, given.month_tasks, given.month_calls),
                 hours=describe_minutes(turn.language, given.month_minutes))
