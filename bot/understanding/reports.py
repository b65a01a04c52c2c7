"""A volunteer telling us what they did, in their own words.

"I rang her early today, we had a lovely chat" and "dropped the shopping off, all
done" are reports, not requests: said by someone with tasks or calls, they are about
those. The signs are past tenses of ringing and of doing, in English and Polish
(folded, so "zadzwoniłam" is "zadzwonilam"); a request asks ("can someone ring me"),
a report tells.
"""

from __future__ import annotations

import re

from bot.understanding.text import fold

CALL = "call"
DONE = "done"

_WHO = r"(?:i|we|i'?ve|we'?ve|i have|we have|just|have|had|already|finally)"
CALL_SIGNS = re.compile(
    r"\b(?:" + _WHO + r"\s+(?:\w+\s+)?(?:rang|rung|called|phoned|spoke|spoken|talked|chatted|"
    r"caught up)\b|(?:had|have had) (?:a|our|another) (?:\w+ )?(?:chat|natter|talk|call|"
    r"catch ?up|conversation)|(?:just )?(?:off|got off) the phone|(?:spoke|talked|chatted) "
    r"(?:to|with)|been on the phone|"
    # Polish, folded: past tenses of ringing and talking.
    r"zadzwoni(?:lam|lem|lismy|lysmy)|dzwoni(?:lam|lem|lismy|lysmy)|"
    r"rozmawia(?:lam|lem|lismy|lysmy)|pogada(?:lam|lem|lismy|lysmy))\b")
DONE_SIGNS = re.compile(
    r"\b(?:" + _WHO + r"\s+(?:\w+\s+)?(?:dropped|delivered|took|taken|collected|picked|brought|"
    r"walked|did|done|finished|left|got (?:her|his|their|the)|posted|fetched|"
    r"popped)\b|all done|job done|done and dusted|(?:dropped|delivered|left) (?:it|them|the|"
    r"her|his|their)\b|(?:shopping|prescription|medication|meds|dog|parcel|bags?) "
    r"(?:(?:is|are|was|were|has been|have been) )?(?:dropped|delivered|done|collected|walked|"
    r"left)|"
    # Polish, folded: past tenses of doing, delivering, collecting, walking the dog.
    r"zrobi(?:lam|lem|lismy|lysmy)|dostarczy(?:lam|lem|lismy|lysmy)|"
    r"odebra(?:lam|lem|lismy|lysmy)|zanios(?:lam|lem)|wyprowadzi(?:lam|lem)|"
    r"zostawi(?:lam|lem)|przywio(?:zlam|zlem)|wszystko zrobione|zalatwione)\b")

# A message that starts with what was done, no "I" ("Dropped her shopping off").
DONE_FIRST = re.compile(r"^ (?:dropped|delivered|collected|picked up|walked|took|brought|did|"
                        r"finished|fetched|posted)\b")


# A question about one's own record asks, it does not tell: "how many hours have i done",
# "how many calls have I made this month", "ile godzin zrobiłam".
ASKS_HOW_MANY = re.compile(r"^ (?:so |and |hi |hiya )?(?:how (?:many|much)|ile)\b")


def reported(text: str) -> str | None:
    """CALL when the words tell of a call made, DONE when of a task done, else None."""
    folded = fold(text)
    if ASKS_HOW_MANY.search(folded):
        return None
    if CALL_SIGNS.search(folded):
        return CALL
    if DONE_SIGNS.search(folded) or DONE_FIRST.search(folded):
        return DONE
    return None
