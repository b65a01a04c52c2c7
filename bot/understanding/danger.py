"""Danger: whether someone may be in danger now, and of what kind.

Recall comes first: a false alarm costs a coordinator a minute, a missed cry for help can
cost a life. Two readers vote. The model (trained on the corpus) catches the indirect and
the misspelt; these patterns catch the plain statements a model must never miss, however
few examples of them it saw ("kill myself", "not breathing", "smell gas"). A pattern
is kept only where it cannot also be an everyday phrase: "dying for a cuppa" and "had a
fall last year" are the model's to weigh, not a pattern's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.understanding.text import fold

MEDICAL, SUICIDE, ABUSE, FIRE_GAS, WELFARE = "medical", "suicide", "abuse", "fire_gas", "welfare"
# The order advice is given in when a message names several.
KINDS = (SUICIDE, ABUSE, FIRE_GAS, MEDICAL, WELFARE)


def _any(*patterns: str) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


# Written against folded text: lower case, no Polish marks, apostrophes kept, one space.
PATTERNS: dict[str, re.Pattern] = {
    SUICIDE: _any(
        # ...but not "killing myself laughing", an everyday figure of speech: the model weighs
        # such a message whole.
        r"\bkill(?:ing)? my ?sel[fv](?! (?:laugh(?!ing stock)|with laughter))",
        # ...but not "I'm not suicidal", nor a volunteer's "suicide prevention" training.
        r"\bsuicid(?<!not suicid)(?<!never suicid)(?!e (?:prevention|awareness|training|first aid))",
        r"\bend(?:ing)? (?:it all|my life|my own life)",
        r"\btake my (?:own )?life\b", r"\bwant(?:s|ed)? to die\b", r"\bwanna die\b",
        r"\bdon'?t want to (?:live|be alive|be here any ?more|wake up)",
        r"\bdo not want to (?:live|be alive|be here any ?more|wake up)",
        r"\bno (?:point|reason) (?:in )?(?:living|going on|carrying on)",
        r"\bbetter off (?:dead|without me)", r"\bself[- ]?harm", r"\bcut(?:ting)? my ?self",
        r"\bhurt(?:ing)? my ?self\b", r"\boverdose\b", r"\btake (?:all|the lot of) my (?:pills|tablets)",
        r"\bsaving up (?:my )?(?:pills|tablets)", r"\bhang my ?self", r"\bjump (?:off|in front)",
        # The ways people who are thinking of ending their life often put it.
        r"\bwish (?:i|i'?d) (?:was|were|had) (?:dead|died|never been born)",
        r"\b(?:no ?one|nobody|noone) (?:would|will|'?d|is going to) (?:miss|notice|care)",
        r"\b(?:end|ending) (?:it all|things|everything)\b",
        r"\b(?:plan(?:ning)?|going|gonna|decided|want(?:ing)?) (?:on |to )?end(?:ing)? it\b(?! with)",
        r"\benough (?:pills|tablets|meds)? ?(?:saved|stored|put by|to end)",
        r"\b(?:taken|took|swallowed) (?:all|loads|lots|a lot|the lot|a load) (?:of )?(?:my )?"
        r"(?:pills|tablets|meds|medication|paracetamol|antidepressants)",
        r"\bnot (?:be|going to be) (?:here|around) (?:much )?(?:longer|tomorrow)",
        r"\bcan'?t go on\b", r"\bwant(?:s)? it (?:all )?to (?:stop|end)\b",
        # Polish
        r"\bnie chce (?:juz )?zyc", r"\bzabic sie\b", r"\bzabije sie\b", r"\bsamoboj",
        r"\bodebrac sobie zycie", r"\bchce umrzec\b", r"\bsamookalecz", r"\bskoncze z tym\b",
        r"\bwezme wszystkie (?:tabletki|leki)", r"\bnie ma sensu zyc",
    ),
    MEDICAL: _any(
        r"\b(?:not|isn'?t|is not|stopped|can'?t|cannot|cant|struggling to|trouble|difficulty)"
        r" breath", r"\bcan'?t get (?:him |her |them )?(?:up|off the floor)\b.*\b(?:fall|fell|floor)",
        r"\b(?:fallen|fell) (?:over |down )?(?:and|&) (?:can'?t|cannot|cant) get up",
        r"\bon the floor and can'?t", r"\bchest pains?\b(?!.*\b(?:last|ago|years?)\b)",
        r"\b(?:having|had)(?<!nearly having)(?<!nearly had)(?<!almost had) a "
        r"(?:stroke|heart attack|fit|seizure)\b"
        r"(?!.*\b(?:ago|last|years?|in 20))",
        r"\bunconscious\b", r"\bunresponsive\b", r"\bwon'?t wake up\b",
        # (Someone collapsed: `someone_collapsed`, below.)
        r"\bcoll?aps?ed (?:on|in|at|by) (?:the|my|her|his) (?:floor|kitchen|bathroom|toilet|"
        r"stairs|street|garden|hall|bed)",
        r"\b(?:tongue|throat|lips?|face) (?:is |are |has |have )?(?:swelling|swollen|closing)",
        r"\bbleeding (?:heavily|badly|a lot|everywhere)", r"\bchoking\b", r"\bgasping for (?:air|breath)",
        r"\bface (?:has )?(?:drooping|dropped)", r"\bcan'?t (?:feel|move) (?:my|his|her) (?:arm|leg|side)",
        # Polish
        r"\bnie oddycha\b", r"\bnie moge oddychac", r"\bnie moze oddychac", r"\bdus(?:ze|i) sie\b", r"\bsie dusi\b",
        r"\bpuchnie mi (?:jezyk|gardlo|twarz)",
        r"\bbol w klatce", r"\bzemdlal", r"\bnieprzytomn", r"\budar\b", r"\bzawal\b",
        r"\b(?:upadlam|upadlem|upadla|upadl|przewrocil\w* sie)\b.*\bnie (?:moge|moze) wstac",
    ),
    ABUSE: _any(
        r"\b(?:hits|hit|hitting|beats|beat|beating|punch\w*|kick\w*|slap\w*|chok\w*|strangl\w*)"
        r" me\b", r"\bhurts me\b", r"\bhurting me\b", r"\bthreaten\w* (?:me|to kill|to hurt)",
        r"\b(?:trying to|tried to|try to|tryin to|tryin 2|trying 2) (?:get|break|force) in",
        r"\bbreaking in\b", r"\bbattered me\b", r"\bbeat(?:en)? me (?:up|again)\b",
        r"\b(?:kick|smash|forc)\w* (?:at |in )?(?:my|the) (?:front |back )?(?:door|window)",
        r"\bbroken? into my\b", r"\bsomeone (?:is )?(?:in|inside) (?:my|the) house",
        r"\bintruder", r"\bdomestic (?:abuse|violence)", r"\bafraid of (?:my|him|her)\b",
        r"\bscared of (?:my (?:husband|partner|son|daughter|wife|carer|boyfriend)|him)\b",
        r"\bwon'?t let me (?:out|leave|eat|see)",
        # Polish
        r"\bbije mnie\b", r"\bbija mnie\b", r"\buderzyl\w* mnie\b", r"\bgrozi mi\b",
        r"\bwlamuje sie\b", r"\bwlamac sie\b", r"\bprzemoc\b", r"\bboje sie (?:meza|syna|go)\b",
    ),
    FIRE_GAS: _any(
        r"\bon fire\b", r"\bhouse fire\b", r"\b(?:kitchen|house|flat|room) is burning",
        r"\bsmell(?<!no smell)(?<!not smell)(?<!n't smell)(?<!cant smell)(?:s|ing)? (?:of )?gas\b",
        r"\bgas(?<!no gas) (?:smell|leak)", r"\bcaught (?:fire|alight)\b",
        r"\bset (?:the|my|her|his) \w+ alight\b", r"\b(?:is|are) (?:alight|in flames)\b", r"\bcarbon monoxide\b",
        r"\bco alarm\b", r"\bsmoke (?:everywhere|coming|pouring)", r"\bfull of smoke",
        r"\bfire (?:in|at) (?:my|the) (?:house|flat|kitchen|home)",
        # Polish
        r"\bpali sie\b", r"\bpozar\b", r"\bczuc gaz", r"\bczuje gaz", r"\bwyciek gazu",
        r"\bczad\w*\b", r"\bdym\w*\b",
    ),
    WELFARE: _any(
        r"\b(?:not|haven'?t|havent|hasn'?t|hasnt|have not|has not|hadn'?t) (?:eaten|had (?:anything|any food|a meal|food))"
        r".{0,30}\b(?:days?|since)\b",
        r"\bno food (?:for|since|in)\b.{0,20}\b(?:days?|week)", r"\bnothing to eat\b.{0,30}\bdays?\b",
        r"\b(?:run|ran) out of (?:my )?insulin", r"\bno insulin\b",
        r"\bno heating\b.{0,40}\b(?:freezing|cold|days?)",
        r"\bcarers? (?:hasn'?t|didn'?t|has not|did not|never|haven'?t|have not) "
        r"(?:come|came|turn(?:ed)? up|show(?:ed)? up)",
        # Polish
        r"\bnie jadl\w* od\b", r"\bnic nie jadl\w*\b.{0,30}\bdni", r"\bskonczyla? (?:mi )?sie insulina",
        r"\bbrak insuliny\b", r"\bnie mam insuliny\b",
    ),
}


# A whole message of one alarm word or two ("FIRE!!", "help ive fallen"): said alone, it can
# be nothing else. (Inside a longer message the same words are ordinary: "fallen fence".)
ALARMS_ALONE: dict[str, re.Pattern] = {
    kind: re.compile(rf"^(?:help |pomocy )?(?:{words})(?: help| pomocy)?$") for kind, words in (
        (MEDICAL, r"(?:i'?ve |ive |i have |ive just |i'?ve just )?(?:fallen|fell)(?: over| down)?"
                  r"|upadl(?:am|em)"),
        (FIRE_GAS, r"fire|pozar"),
    )
}


def to_life(kind: str) -> bool:
    """Every kind but welfare: "something else" asked beside it is the emergency itself, or
    the coordinator's to arrange (reader.asked_beside_danger, concerns.takes_help_beside_danger);
    beside welfare it is help to bring ("can someone bring me a heater")."""
    return kind != WELFARE


@dataclass(frozen=True)
class Danger:
    """Someone may be in danger now: of what kind, how sure the reader is, and why."""

    kind: str
    confidence: float
    said_plainly: bool  # a pattern matched, not only the model


# Words that put what is said in the past: "I used to self harm", "a stroke two years ago".
PAST = re.compile(r"\b(?:used to|years? ago|months? ago|ago\b|last (?:year|month|summer|winter|"
                  r"spring|autumn)|in (?:19|20)\d\d|w (?:19|20)\d\d|lat temu|w zeszlym roku|"
                  r"myself years|when i was (?:young|a teenager|a child|younger))")


# Someone who can collapse: "he's collapsed", "my husband has just collapsed", "ma da's".
PEOPLE = frozenset("""
i he she they him her someone somebody mum mam mom ma dad da pa mother father husband wife
partner son daughter brother sister nan nana gran granny grandma grandad grandpa neighbour
friend man woman lady gentleman carer baby child ive
""".split())
COLLAPSED = re.compile(r"\bcoll?aps?ed\b")


def someone_collapsed(folded: str) -> bool:
    """A person collapsed, named in the three words before: not a shelf, a clothes airer or a
    shed roof. (A pattern would try every person at every word: this looks only where the
    word is.)"""
    return any(word in PEOPLE or word.removesuffix("s") in PEOPLE  # "hes", "mums"
               for found in COLLAPSED.finditer(folded)
               for word in re.findall(r"[a-z]+", folded[:found.start()])[-3:])


def plainly_said(text: str) -> list[str]:
    """The kinds of danger the message states in so many words, in advice order."""
    folded = fold(text)
    alone = " ".join(re.sub(r"[?!]", " ", folded).split())
    return [kind for kind in KINDS if PATTERNS[kind].search(folded)
            or (kind in ALARMS_ALONE and ALARMS_ALONE[kind].match(alone))
            or (kind == MEDICAL and someone_collapsed(folded))]


def told_as_past(text: str) -> bool:
    """Whether the message tells of something over ("I used to...", "...two years ago"):
    then plain words alone do not make it danger now; the model, which weighs the whole
    message, must think so too."""
    return bool(PAST.search(fold(text)))
