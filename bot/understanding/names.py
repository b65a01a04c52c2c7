"""Names in a message, with who they belong to: the person writing, or the person to help.

"I'm Albert" names the writer; "I'm her son Dave" names the writer and says he writes for
someone else; "for my mum Joan" names the person to help; "thanks, Jean" at the end is a
sign-off. A word is only a name if it looks like one: never a pronoun or a common word
("I'm feeling low" is not Feeling, "I'm having a stroke" is not Having).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from bot.understanding.addresses import STREET_WORDS
from bot.understanding.text import POSTCODE_PATTERN, clean, strip_marks

RELATIONS = {
    "mum": "mum", "mom": "mum", "mam": "mum", "mummy": "mum", "mother": "mum", "ma": "mum",
    "dad": "dad", "father": "dad", "daddy": "dad", "da": "dad", "pa": "dad",
    "nan": "grandparent", "nana": "grandparent", "nanna": "grandparent", "gran": "grandparent",
    "granny": "grandparent", "grandma": "grandparent", "grandmother": "grandparent",
    "grandad": "grandparent", "granddad": "grandparent", "grandpa": "grandparent",
    "grandfather": "grandparent", "husband": "partner", "wife": "partner", "partner": "partner",
    "neighbour": "neighbour", "neighbor": "neighbour", "aunt": "relative", "auntie": "relative",
    "aunty": "relative", "uncle": "relative", "sister": "relative", "brother": "relative",
    "cousin": "relative", "friend": "friend", "son": "child", "daughter": "child",
    "client": "client", "patient": "client", "tenant": "client", "father-in-law": "relative",
    "mother-in-law": "relative", "stepmum": "mum", "stepdad": "dad",
}
# "dla mamy", "moja babcia", "w imieniu męża" (without marks), as RELATIONS says them.
POLISH_RELATIONS = {
    "mamy": "mum", "mama": "mum", "mamusi": "mum", "taty": "dad", "tata": "dad",
    "babci": "grandparent", "babcia": "grandparent", "dziadka": "grandparent",
    "dziadek": "grandparent", "sasiadki": "neighbour", "sasiadka": "neighbour",
    "sasiada": "neighbour", "sasiad": "neighbour", "meza": "partner", "maz": "partner",
    "zony": "partner", "zona": "partner", "mame": "mum", "tate": "dad", "babcie": "grandparent",
    "sasiadke": "neighbour",
}
# The writer's own relation to the person they write for: "I'm her son".
WRITER_RELATIONS = ("son", "daughter", "grandson", "granddaughter", "niece", "nephew",
                    "neighbour", "neighbor", "carer", "friend", "husband", "wife", "partner",
                    "brother", "sister", "daughter-in-law", "son-in-law", "social worker",
                    "support worker", "nurse", "cousin", "lodger", "goddaughter")

# "I'm Romanian", "Romanian lady": nationalities are never anyone's name.
NATIONALITIES = frozenset("""
romanian polish lithuanian latvian ukrainian russian bulgarian hungarian czech slovak
portuguese spanish italian french german turkish indian pakistani bangladeshi nigerian
ghanaian somali jamaican irish scottish welsh english british
caribbean african asian european chinese filipino greek cypriot kurdish afghan iranian
jewish muslim hindu sikh christian catholic buddhist methodist baptist
""".split())
# Words that follow "I'm", "it's", "this is" without being anyone's name.
NOT_NAMES = frozenset("""
jakie jaki jaka niefajnie aniolowie milego lacze caly cala
jutro pojutrze dzis dzisiaj wczoraj rano ranem wieczorem wieczor popoludniu poludnie noca
poniedzialek wtorek sroda srode czwartek piatek sobota sobote niedziela niedziele weekend
a an the and or but so if of on in at to for from by with without about after before over
under into onto up down out off here there now then just only also too very really quite so
still again already even not no yes yeah yep ok okay fine good well great bad sad low ill sick
poorly unwell tired exhausted lonely alone scared afraid frightened worried anxious desperate
stuck housebound shielding isolating disabled deaf blind old elderly older young new sorry
glad happy pleased grateful thankful hoping trying writing texting messaging asking calling
ringing contacting looking wondering struggling finding having being feeling getting going
coming doing making taking needing wanting waiting living staying caring recovering
volunteering available interested free able unable allowed due meant supposed about around
his her their my your our its it me him them us we you they she he i who what when where why
how which that this these those some any every each all both either neither none nobody
someone somebody anyone anybody everyone everybody nothing something anything everything
home back away out in on off inside outside upstairs downstairs hospital bed work retired
widowed married single divorced pregnant vulnerable diabetic epileptic registered blind
alright all right fab lovely brilliant grand ace cool hi hello hey hiya morning afternoon
evening night today tomorrow tonight monday tuesday wednesday thursday friday saturday sunday
mr mrs ms miss dr sir madam dear love thanks thank cheers ta bye please pls plz x xx xxx
pan pani
i'm i've i'd i'll gonna wanna gotta got get go come done need needs want wants would could should will shall
can cant cannot dont doesnt didnt wont isnt im ive id its thats whats theres
mum mom mam dad nan gran grandma grandad husband wife partner son daughter neighbour friend
carer sister brother aunt uncle family friendly shopping prescription dog lift help helping
sure certain right wrong late early over under age aged years year months weeks days
fallen falling dying dead ending bleeding breathing choking drowning burning hurting
beaten hit hurt attacked threatened trapped locked lost confused terrified desperate
pensioner veteran resident volunteer nurse doctor teacher driver student mother father
english polish british scottish irish welsh indian pakistani bengali
""".split()) | NATIONALITIES
# Title and surname: "Mrs Patel", "Mr F".
TITLE_WORDS = ("mr", "mrs", "ms", "miss", "mx", "dr", "revd", "rev", "reverend")
TITLE = rf"(?i:{'|'.join(TITLE_WORDS)})\.?"
# "Pani Stenia", "Pan Nowak": the Polish titles, with a capital or after a comma ("pozdrawiam,
# pani Zofia"); only where a signature or an introduction stands, as "pan" is also a word.
POLISH_TITLE = r"(?:[Pp]ani|[Pp]an)(?=\s)"
NAME_WORD = r"[^\W\d_][^\W\d_'\-]*(?:['\-][^\W\d_]+)?(?![\w\d])"

_INTRO = re.compile(
    r"\b(?:i'?m|i am|my name is|my names|my name's|name's|name is|my name|mi name|me name is|"
    r"this is|it's|its|"
    r"it is|call me|i'm called|im called|i am called|you can call me|"
    # a form filled in by hand: "Name: Mabel", "Name - Frank Dobson", "names Hetty"
    r"name\s*[:\-–]|names|^name|imi[eę]\s*:)\s+"
    rf"(?:(?:her|his|their|the|your)\s+(?P<relation>{'|'.join(WRITER_RELATIONS)})[,]?\s+)?"
    rf"(?P<title>{TITLE}\s+)?(?P<name>{NAME_WORD})",
    re.IGNORECASE)
_INTRO_FIRST_RELATION = re.compile(
    rf"\b(?:i'?m|i am|this is|it's|its)\s+(?P<name>{NAME_WORD})\s*,?\s*(?:\(\s*)?"
    rf"(?:her|his|their|\w+'s)\s+(?P<relation>{'|'.join(WRITER_RELATIONS)})\b",
    re.IGNORECASE)
# "I'm Owen's mum, Sarah", "this is Dr Chowdhury's wife, Nasreen": whose relation the writer
# is, then the writer's own name.
_INTRO_AFTER_WHOSE = re.compile(
    rf"\b(?:i'?m|i am|this is|it's|its)\s+(?:{TITLE}\s+)?[^\W\d_]+['’]s\s+"
    rf"(?:{'|'.join(sorted(set(RELATIONS) | set(WRITER_RELATIONS), key=len, reverse=True))})"
    rf"\s*,?\s*(?P<name>{NAME_WORD})", re.IGNORECASE)
# ("Wanda tu", "Pan Zbyszek tu, ..." : "tu" is Polish for "here", set apart from what
# follows; "Basia tu mieszka" says where Basia lives)
_HERE = re.compile(rf"(?:^|[.!?,]\s*)(?:(?:hi|hello|hiya|hey|morning|evening|afternoon|good \w+|"
                   r"dzie[nń] dobry|witam|hej|cze[sś][cć])[ ,!.]+)?"
                   rf"(?P<title>(?:{TITLE}|{POLISH_TITLE})\s+)?(?P<name>{NAME_WORD})"
                   r"\s+(?:here|speaking|tu(?=\s*(?:[,.!:;\-–]|$)))\b", re.IGNORECASE)
# Pictures that often stand before a signature: "🙏 Jen", "❤️ Brenda", "😊 Carol".
EMOJI = r"[\u2600-\u27BF\U0001F000-\U0001FAFF][\u2600-\u27BF\U0001F000-\U0001FAFF\uFE0F\u200D]*\s*"
_SIGN_OFF = re.compile(
    # "from" signs a message only where a signature can start ("Love from Callum", ". From
    # Tina"), not inside a sentence ("a fan from Argos", "she's from Trinidad", "my next call
    # from Denise?").
    r"(?:(?:^|[.!?,;:]|\bx+|\b(?:hi|hello|hiya|hey|love|luv|lots of love|thanks|thank you|"
    r"all the best|best wishes|regards|cheers))\s*from[\s,.!:-]+|"
    r"\b(?P<word>thanks|thank you|thankyou|thx|ta|cheers|regards|kind regards|best wishes|"
    r"best|love|luv|lots of love|many thanks|bless you|god bless|yours|sincerely|yours sincerely|"
    r"yours faithfully|yours truly|ty|grateful|pozdrawiam|pozdrawiam serdecznie|pozdro|dziekuje|"
    r"dziękuję|dzieki|dzięki|z powazaniem|z poważaniem|podpisano|serdecznie|thank u|thanku|"
    r"z pozdrowieniami|signed|sent by|ask for|contact me|contact|x+)"
    # "thanks again Jane", "thanks alot sheila": words between the thanks and the name
    r"(?:\s+(?:again|so much|ever so much|very much|a lot|alot|loads|in advance|x+))?[\s,.!:-]+"
    r"(?!from\b)|"
    # a dash before a signature ("- Jean"), not after a word or a number ("80-TCE" is an age)
    rf"(?<![^\W_])[-–—~]\s*|{EMOJI})"
    rf"(?P<title>(?:{TITLE}|{POLISH_TITLE})\s+)?(?P<name>{NAME_WORD})"
    rf"(?:\s+(?P<surname>{NAME_WORD}))?"
    # "From Tina at the Lodge", "from Terry in Corringham": where the writer is, after it
    r"(?:\s+(?:at|in|of|from)\s+[^,.!?]{1,25}?)?"
    r"[\s.!]*(?:x+|xx+)?[\s.!]*$",
    re.IGNORECASE)
# A sign-off starts no further back from the end than this (the longest: "all the best from
# Reverend" and a name, a surname and where the writer is): it is looked for only there, as
# from every place in a long message it would cost time in proportion to the message.
SIGN_OFF_REACH = 120
_TITLED = re.compile(rf"\b(?P<title>{TITLE})\s+(?P<name>{NAME_WORD})\b", re.IGNORECASE)
_POLISH_TITLED = re.compile(rf"(?P<title>{POLISH_TITLE})\s+(?P<name>{NAME_WORD})")
# Polish: "mam na imię Krystyna", "nazywam się Jan", "z tej strony Basia", "tu Janek".
_POLISH_INTRO = re.compile(
    rf"\b(?:mam na imi[eę]|nazywam si[eę]|moje imi[eę] to|z tej strony|tu m[oó]wi)\s+"
    rf"(?P<title>pani\s+|pan\s+)?(?P<name>{NAME_WORD})", re.IGNORECASE)
_POLISH_JESTEM = re.compile(rf"\b(?i:jestem|tu)\s+(?P<title>{POLISH_TITLE}\s+)?"
                            r"(?P<name>[A-ZĄĆĘŁŃÓŚŹŻ][^\W\d_]+)")
# "Mówi Heniek", "Dzień dobry, mówi Zenek": "mówi" opening the message or a sentence says
# who is speaking; inside one it says what someone says ("mama mówi że...").
_POLISH_SPEAKING = re.compile(
    r"(?:^|[.!?]\s*|(?i:dzie[nń] dobry|witam|cze[sś][cć]|hej)[\s,!.]+)(?i:m[oó]wi)\s+"
    rf"(?P<title>{POLISH_TITLE}\s+)?(?P<name>[A-ZĄĆĘŁŃÓŚŹŻ][^\W\d_]+)")
_POLISH_BEFORE = re.compile(r"(?:^|[.!,]\s*)(?P<name>[A-ZĄĆĘŁŃÓŚŹŻ][^\W\d_]+)\s+(?i:z tej strony)")
POLISH_NOT_NAMES = frozenset(strip_marks(word) for word in """
sama sam samotna samotny chora chory starsza starszy stara stary wdową wdowcem wdowa wdowiec
niepełnosprawna niepełnosprawny zainteresowana zainteresowany wolontariuszem wolontariuszką
jak
bardzo już też teraz tutaj tu dostępna dostępny gotowa gotowy zmęczona zmęczony emerytką
emerytem w na po z u od do nie tak dobrze sąsiadką sąsiadem mamą tatą córką synem opiekunką
opiekunem przerażona przerażony zaniepokojona zaniepokojony ok wdzięczna wdzięczny polką
polakiem polka polak w domu po operacji w szpitalu sama w domu pielęgniarką kierowcą
studentką studentem mama tata córka syn sąsiadka sąsiad babcia dziadek mąż żona
""".split())

# The person the help is for: "for my mum Joan", "my dad Frank needs...", "on behalf of Edna".
_HELPED = re.compile(
    rf"\b(?:for|of|on behalf of|help|helping|about)?\s*(?:my|our)\s+"
    rf"(?P<relation>{'|'.join(sorted(RELATIONS, key=len, reverse=True))})\b"
    rf"(?:\s*,)?\s+(?P<title>{TITLE}\s+)?(?P<name>{NAME_WORD})",
    re.IGNORECASE)
_FOR_SOMEONE = re.compile(
    rf"\b(?:for|of|on behalf of|help|helping|about)\s+(?:my|our|his|her|their)\s+"
    rf"(?P<relation>{'|'.join(sorted(RELATIONS, key=len, reverse=True))})\b|"
    rf"\b(?:my|our)\s+(?P<subject>{'|'.join(sorted(RELATIONS, key=len, reverse=True))})\s+"
    r"(?:needs|need|is|has|can'?t|cannot|would|wants|isn'?t|hasn'?t|won'?t|lives|had|"
    r"got|was|could)\b|"
    # "my mums run out of her tablets", "my dad's prescription", "my nans not well": what is
    # theirs, or "is"/"has" run into the word ("my son's away" is neither).
    rf"\b(?:my|our)\s+(?P<possessive>{'|'.join(sorted(RELATIONS, key=len, reverse=True))})"
    r"(?:'s|’s|s)\s+(?:\w+\s+){0,2}?(?:tablets|pills|meds|medication|medicine|prescription|"
    r"inhaler|insulin|shopping|food|dog|cat|appointment|bins|run|ran|got|been|not|no|had|gone|"
    r"fallen|unwell|poorly|ill|stuck|housebound)\b|"
    # "could someone ring my nan", "give my dad a lift", "check on my mum": help done to them.
    r"\b(?:ring|call|phone|visit|see|check on|check in on|look in on|pop in on|pop round to|"
    r"sit with|chat to|chat with|talk to|talk with|keep|take|drive|give|get|bring|befriend|"
    rf"help)\s+(?:my|our)\s+(?P<object>{'|'.join(sorted(RELATIONS, key=len, reverse=True))})"
    r"\b(?!'s|’s)|"
    r"\b(?:i'?m|i am)\s+(?:her|his|their)\s+(?P<writer>\w+)|"
    r"\b(?:dla|dla mojej|dla mojego|w imieniu|w imieniu mojej|w imieniu mojego)\s+"
    r"(?P<polish>mamy|taty|babci|dziadka|sąsiadki|sasiadki|"
    r"sąsiada|sasiada|męża|meza|żony|zony|mamusi)\b|"
    # "dzwonić do mojej mamy", "odwiedzić babcię", "zawieźć tatę": help done to them.
    r"\b(?:do|odwiedzic|odwiedzić|zawiezc|zawieźć|zabrac|zabrać|zaprowadzic|zaprowadzić)\s+"
    r"(?:mojej\s+|mojego\s+|moją\s+|moja\s+)?(?P<polish_object>mamy|taty|babci|dziadka|"
    r"mamę|mame|tatę|tate|babcię|babcie|sąsiadki|sasiadki|sąsiada|sasiada|sąsiadkę|sasiadke)\b|"
    r"\b(?:moja|mój|moj)\s+(?P<polish_subject>mama|tata|babcia|dziadek|sąsiadka|sasiadka|"
    r"sąsiad|sasiad|mąż|maz|żona|zona)\b",
    re.IGNORECASE)


@dataclass(frozen=True)
class Helped:
    """Someone else the help is for: their name if given, and how they are related."""

    name: str | None
    relation: str | None


def looks_like_name(word: str, *, capitalised_only: bool = False, polish: bool = False) -> bool:
    """A first name, not a common word: letters (with ' or -), 2 to 20 of them."""
    if not re.fullmatch(NAME_WORD, word or "") or not 2 <= len(word) <= 20:
        return False
    folded = strip_marks(word)
    # "Stacey's mum", "Landlord's here": someone's, or a word with "is", never a name; and
    # a name has a vowel ("Gt Yarmouth", "St Neots", "Rd" are short for places).
    if possessive(word) or not re.search(r"[aeiouy]", folded):
        return False
    # The Polish words ("sam", "sama": alone) only after Polish cues: Sam is a name.
    if folded in NOT_NAMES or (polish and folded in POLISH_NOT_NAMES):
        return False
    if capitalised_only and not word[0].isupper():
        return False
    # "I'm coping", "it's sorted", "I'm really": words like these are rarely names.
    if not word[0].isupper() and re.search(r"(?:ing|ed|ly|ful|less|ness|ous|ive|able)$",
                                           folded):
        return False
    return True


def possessive(word: str) -> bool:
    """"Stacey's", "Phil's", "Shopping's": a word ending in 's says whose, or "is"."""
    return bool(re.search(r"['’]s$", word or "", re.IGNORECASE))


FIRST_NAME_TITLES = ("miss", "dr", "rev", "revd", "reverend")


def tidy(name: str, title: str | None = None) -> str:
    """"jean" -> "Jean", "mary-ann" -> "Mary-Ann", with "Mrs" kept before a surname."""
    if name.isupper() and len(name) > 2:
        name = name.lower()  # "MR SINGH" -> "Mr Singh"
    shaped = "-".join(part[:1].upper() + part[1:] for part in name.split("-"))
    # "Miss Claudette", "Dr Olu": "Miss" or "Dr" before a first name is politeness, and the
    # writer is called by the first name; before a surname it stays ("Mrs Patel"). After
    # "Mr" and "Mrs" a word is far more often a surname ("Mrs Ibrahim").
    if title and strip_marks(title).strip().rstrip(".") in FIRST_NAME_TITLES and \
            strip_marks(name) in name_evidence().given and \
            strip_marks(name) not in name_evidence().surnames:
        return shaped
    if title and polish_first_name(name, strip_marks(title).strip()):
        return shaped  # "Pani Stenia", "Pan Heniek": the writer is Stenia, Heniek
    if title:
        return f"{title.strip().rstrip('.').title()} {shaped}"
    return shaped


def polish_title(title: str | None) -> bool:
    """"Pani", "pan": a Polish title, where the patterns allow one."""
    return bool(title) and strip_marks(title).strip() in ("pan", "pani")


def titled_name(title: str | None, name: str) -> bool:
    """A title before a name: any English one ("Mr F", "Mrs Patel"); the Polish ones only
    before a word with a capital, as "pani" and "pan" are also words ("ta pani z lekami")."""
    if not title:
        return False
    return not polish_title(title) or (name[0].isupper() and looks_like_name(name, polish=True))


# A Polish woman's surname ends so ("Kowalska", "Nowakowa", "Zawadzka"); her first name
# ends in -a too ("Stenia", "Jadwiga"), but in none of these.
_POLISH_WOMANS_SURNAME = re.compile(r"(?:sk|ck|dzk|ow|own|ew)a$")


def polish_first_name(name: str, title: str) -> bool:
    """After "Pani" or "Pan", a first name rather than a surname: one writers gave, or after
    "Pani" a word ending in -a as women's first names do, not as a surname does."""
    if title not in ("pan", "pani"):
        return False
    folded = strip_marks(name)
    if folded in name_evidence().given and folded not in name_evidence().surnames:
        return True
    return title == "pani" and folded.endswith("a") and not _POLISH_WOMANS_SURNAME.search(folded)


# Words before a first name that are not part of it: "Pastor Emmanuel", "Auntie Win",
# "Big Al", "wee Jessie", "Revd Helen", "Ksiądz Marek". (Mr, Mrs and Dr go with a surname
# and are kept: "Mrs Patel".)
_HONORIFIC = re.compile(
    r"(?<![\w'])(?P<before>\w+\s+)?(?P<honorific>(?i:father|sister|brother|pastor|imam|rabbi|"
    r"uncle|auntie|aunty|aunt|nanna|nana|nan|nanny|grandma|grandad|gran|big|wee|little|"
    r"councillor|cllr|reverend|revd|rev|vicar|deacon|ksi[aą]dz|siostra|brat|ojciec))\.?\s+"
    rf"(?=(?P<name>{NAME_WORD}))")
# "my sister Mary", "a big Southend fan": a word that says whose, or which, is no honorific.
_NOT_BEFORE_HONORIFIC = frozenset("""
my our his her their your ur me mi ma the a an to with and of for moja moj mój mojej mojego
""".split())
# "Janet & Phil", "Nigel and Sue", "Ewa i Marek", "Hazel and the girls": a couple writing
# together; the first name given is the writer's.
_COUPLE_JOIN = re.compile(r"\s(?:&|and|i|\+)\s")  # what _COUPLE needs between the names
_COUPLE = re.compile(rf"(?P<first>{NAME_WORD})\s+(?:&|and|i|\+)\s+(?:the\s+\w+|"
                     rf"(?P<second>{NAME_WORD}))")


def without_honorifics(said: str) -> str:
    """The message with "Pastor", "Auntie", "Big" dropped before a name, and a couple's
    second name dropped after the first, so the patterns below see one first name."""
    def honorific(match: re.Match) -> str:
        before = (match.group("before") or "").strip().lower()
        name = match.group("name")
        if before in _NOT_BEFORE_HONORIFIC or not (name[0].isupper() or lower_case_name(name)):
            return match.group(0)
        if strip_marks(match.group("honorific")) in TITLE_WORDS and \
                strip_marks(name) not in name_evidence().given:
            return match.group(0)  # "Reverend Hughes": a title and a surname, kept whole
        return match.group("before") or ""

    def couple(match: re.Match) -> str:
        first, second = match.group("first"), match.group("second")
        if not first[0].isupper() or everyday_word(first) or weekday(first) or (
                second is not None and not (
                second[0].isupper() and looks_like_name(second))):
            return match.group(0)
        return first

    said = _HONORIFIC.sub(honorific, said)
    # Most messages join no two words with "and", "&", "i" or "+": the couple pattern, which
    # tries a name at every place, runs only on those that do.
    return _COUPLE.sub(couple, said) if _COUPLE_JOIN.search(said) else said


MONTHS = frozenset("""
january february march april may june july august september october november december
""".split())


def weekday(word: str) -> bool:
    """"Mondays", "Tuesday": a day, whatever its capital."""
    return bool(re.fullmatch(r"(?:mon|tues|wednes|thurs|fri|satur|sun)days?", strip_marks(word)))


# "Mrs P Taylor", "MR D SINGH", "Mr H. Pemberton": initials between a title and a surname
# are dropped, so the writer is "Mrs Taylor".
_INITIALS_AFTER_TITLE = re.compile(
    rf"\b(?P<title>{TITLE})\s+(?:[^\W\d_]\.?\s+){{1,2}}(?=[^\W\d_]{{2,}})", re.IGNORECASE)


_ITS = re.compile(r"(?i:it'?s|it)")
_WEATHER_AFTER = re.compile(r"\s+(?i:today|tonight|tomorrow|outside|out there|out|this morning|"
                            r"this afternoon|now|again today)\b")
# A surname after a first name: "Mrs Eleanor Price and I would...".
_SURNAME_NEXT = re.compile(r"\s+[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b(?!['’])")


# A word in capitals: "MOT", "GP", "NHS", "JEAN".
_CAPITALS_WORD = re.compile(r"\b[A-ZĄĆĘŁŃÓŚŹŻ]{2,}\b")
# Words in lower case: a message with a few of them is written in ordinary mixed case.
_LOWER_CASE_WORD = re.compile(r"[a-ząćęłńóśźż]{3,}")
LOWER_CASE_WORDS_FOR_MIXED_CASE = 2


def acronyms_as_words(said: str) -> str:
    """A message in ordinary mixed case with the words it writes in capitals in lower case:
    there "its MOT", "the GP" are acronyms, read as any word, and a name in capitals is still
    one if writers give it ("thanks JEAN" reads as "thanks jean"). A message all in capitals
    is left as it is: its writer signs "JEAN" as they write everything."""
    if said.islower() or _CAPITALS_WORD.search(said) is None or \
            len(_LOWER_CASE_WORD.findall(said)) < LOWER_CASE_WORDS_FOR_MIXED_CASE:
        return said
    return _CAPITALS_WORD.sub(lambda word: word.group(0).lower(), said)


# "thanks W. Gibbs", "C. Moss, SS9 1HD": an initial and a surname signing the message (at its
# end, or before the postcode that ends it) give no first name; the surname is none either.
# Looked for only so far back from the end.
INITIAL_AND_SURNAME_REACH = 40
_INITIAL_AND_SURNAME = re.compile(
    r"(?<![\w.])[A-Z]\.\s*[A-Z][^\W\d_]+(?:-[A-Z][^\W\d_]+)?"
    r"(?=[\s,.!]*(?:$|(?i:[a-z]{1,2}\d[a-z\d]?\s*\d[a-z]{2})\b))")


def writer_name(text: str) -> str | None:
    """The first name of the person writing, when they give it."""
    said = without_honorifics(_INITIALS_AFTER_TITLE.sub(r"\g<title> ", clean(text)))
    if "." in said:  # the initial's full stop: most messages without one are spared the search
        initial = _INITIAL_AND_SURNAME.search(said, max(0, len(said) - INITIAL_AND_SURNAME_REACH))
        if initial:
            said = said[:initial.start()] + said[initial.end():]
    found = name_in(said)
    # A name read from a word in capitals ("its MOT" -> "Mot") is read again with the
    # capitals as ordinary words, when the message is in mixed case: only then, as few
    # messages have a name read from capitals, and most have no name read at all.
    if found and found.upper() in said:
        as_words = acronyms_as_words(said)
        if as_words != said:
            return name_in(as_words)
    return found


def name_in(said: str) -> str | None:
    """The writer's first name in a message already cleaned (see writer_name)."""
    for pattern in (_INTRO_AFTER_WHOSE, _INTRO_FIRST_RELATION, _INTRO):
        for match in pattern.finditer(said):
            name, title = match.group("name"), match.groupdict().get("title")
            if possessive(name):
                continue  # "I'm Stacey's mum": the writer is named for someone else
            if title and name[0].isupper() and _SURNAME_NEXT.match(said, match.end()) and \
                    looks_like_name(name):
                return tidy(name)  # "I am Mrs Eleanor Price": the first name
            if title and re.fullmatch(NAME_WORD, name) and name[0].isupper() or (
                    title and len(name) <= 2) or (title and looks_like_name(name)):
                return tidy(name, title)
            # Someone who writes all in lower case writes their name so too ("its jade");
            # there "im sat here", "its urgent" and "i'm allergic" are words, not names:
            # a name in lower case is one that writers have given ("im kev"), and after
            # "its" not a month ("its june already"; "ta, june" at the end is a name).
            # "it's sunny today", "its grand out": after "it's" a word saying what the day
            # or the weather is like.
            if lower_case_name(name) and strip_marks(name) not in MONTHS and not (
                    _ITS.fullmatch(match.group(0).split()[0]) and _WEATHER_AFTER.match(
                        said, match.end())):
                return tidy(name)
            if name[0].isupper() and looks_like_name(name) and strip_marks(name) not in PLACES:
                return tidy(name)  # "it's Baltic" is cold, not Baltic writing
            # "my name is lydia", "call me bert": said to be a name, so any word that is not
            # an everyday one.
            if naming_cue(match.group(0)) and looks_like_name(name) and not everyday_word(name):
                return tidy(name)
    # "mówi" rarely opens a message: the pattern for it runs only where it may ("wi ").
    polish_patterns = (_POLISH_INTRO, _POLISH_SPEAKING, _POLISH_BEFORE, _POLISH_JESTEM) \
        if "wi " in said else (_POLISH_INTRO, _POLISH_BEFORE, _POLISH_JESTEM)
    for pattern in polish_patterns:
        for match in pattern.finditer(said):
            if looks_like_name(match.group("name"), polish=True):
                # "z tej strony Pani Kowalska": a title and a surname, kept whole
                return tidy(match.group("name"), match.groupdict().get("title"))
    match = _HERE.search(said)
    # "Auntie here", "Nan here": what the writer is to someone, not their name
    if match and (strip_marks(match.group("name")) in RELATIONS
                  or strip_marks(match.group("name")) in PLACES
                  and strip_marks(match.group("name")) not in name_evidence().given):
        match = None  # nor a town: "Croydon here" (but "India here" is India)
    if match and polish_title(match.group("title")) and \
            not titled_name(match.group("title"), match.group("name")):
        match = None  # "pani tu była": the lady was here
    if match and looks_like_name(match.group("name"), capitalised_only=True) and (
            match.group("title") or not everyday_word(match.group("name"))):
        return tidy(match.group("name"), match.group("title"))  # not "Been here since..."
    # A sign-off is looked for at the very end, then again before what often follows it
    # ("Thanks, Ray. SS14 2JF", "Cheers, Stuart, co15 1lp", "Thanks Claire (her daughter)").
    # A postscript after the signature is looked past too ("Olive. PS my postcode is...",
    # "Kind regards, Yolanda. Sent from my Samsung...").
    unsigned = _POSTSCRIPT.sub("", said)
    trimmed = without_trailer(said)
    trimmed_unsigned = trimmed if unsigned == said else without_trailer(unsigned)
    # Mostly the three are one text (nothing follows the signature): each is searched once,
    # as a sign-off is looked for from every place in it.
    for ending in dict.fromkeys((said, trimmed, trimmed_unsigned)):
        match = _SIGN_OFF.search(ending, max(0, len(ending) - SIGN_OFF_REACH))
        if match and sign_off_name(match):
            # "Kind regards, Mrs Jean Bright": with a surname there, the first name is Jean.
            title = None if match.group("surname") else match.group("title")
            return tidy(match.group("name"), title)
    return name_at_end(said, trimmed) or name_at_start(said) or (
        name_at_end(unsigned, trimmed_unsigned) if unsigned != said else None)


_POSTSCRIPT = re.compile(r"[\s.,]*\b(?:p\.?\s?s\b\.?|sent from my\b).*$", re.IGNORECASE)
# A message that opens with its writer's name: "Alan, RM19 1AB. I'm a diabetic...", "Mrs Okon,
# RM20 3LH", "Ron again, ...", "Tadek z Colchester.", "from tina: shoppin...", "Hi from Jess,".
_OPENING = re.compile(
    r"^(?:(?i:hi|hello|hiya|hey|morning|evening|afternoon|good \w+)[ ,!.]+)?"
    r"(?:(?i:love from|thanks from|thank you from|from)\s+)?"
    rf"(?P<title>(?:{TITLE}|{POLISH_TITLE})\s+)?(?P<name>{NAME_WORD})"
    r"(?:\s+(?i:from|at|of|in|z|ze|with)\s+[^,.:;!?()]{1,25}?)?"
    r"(?:\s+(?i:again|here)\b|\s*[,:(\-–]|\.\s)")


# A title opening the message, set apart from what follows, is the writer's: "MR SINGH 14
# LODGE LANE", "from mrs walsh, shopping please", "PE30 1AB Mr Ellis need help"; not the
# subject of a sentence ("Mrs Green next door is lying...", "Dr Shah says...").
_TITLED_OPENING = re.compile(
    r"^(?:[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}[\s,.:-]+)?"
    r"(?:(?:hi|hello|hiya|hey|morning|evening|afternoon|good \w+)[ ,!.]+)?(?:from\s+)?"
    rf"(?P<title>{TITLE})\s+(?P<name>{NAME_WORD})"
    r"(?=\s*(?:[,:;.!(]|$|\d|(?:here|speaking|needs?)\b))", re.IGNORECASE)


# A name and a town set out as a heading: "Ravinder, Ilford: would like someone to...".
_NAME_HEADER = re.compile(rf"^(?P<name>{NAME_WORD})\s*,\s*[A-Z][\w\- ]{{1,25}}?\s*:")
# "Hi Sharon, running late": a name right after a greeting is the one greeted ("Hi from
# Jess", "Hiya, Shaz" and "Mo here" name the writer).
_GREETED = re.compile(r"(?i:hi|hello|hiya|hey)\s+[^\W\d_]+\s*,")


def name_at_start(said: str) -> str | None:
    """The writer's name opening the message: with a title ("Mrs Okon,"), or a first name
    some writer in the training part gave, never an everyday word ("Sorry, ...")."""
    match = _TITLED_OPENING.search(said)
    if match and looks_like_name(match.group("name")):
        return tidy(match.group("name"), match.group("title"))
    match = _NAME_HEADER.search(said)
    if match and end_name_allowed(match.group("name")):
        return tidy(match.group("name"))
    match = _OPENING.search(said)
    if match is None or _GREETED.match(match.group(0)):
        return None
    name, title = match.group("name"), match.group("title")
    if polish_title(title) and strip_marks(name).endswith("u"):
        return None  # "Pani Basiu, ...": the lady written to (a vocative), not the writer
    if polish_title(title) and len(said[match.end("name"):match.end()].split()) > 3:
        # "Pani Jadwiga z parteru, ..." is the writer; "Pani Irena z bloku obok prosi o
        # zakupy, ..." is someone the writer goes on to speak of
        return None
    if title and name[0].isupper() and titled_name(title, name):
        return tidy(name, title)
    if lower_case_name(name) or (name[0].isupper() and end_name_allowed(name)
                                 and strip_marks(name) in name_evidence().given):
        return tidy(name)
    return None


_NAMING_CUE = re.compile(r"(?i:name|call)")


def naming_cue(introduction: str) -> bool:
    """"my name is", "name's", "call me", "I'm called": not "I'm" or "it's", which are
    followed by every kind of word ("im skint", "its runners")."""
    return bool(_NAMING_CUE.search(introduction.rsplit(" ", 1)[0]))


def sign_off_name(match: re.Match) -> bool:
    """"thank you Jean" ends a message with a name; "thanks love" or "from Boots" does not."""
    name = match.group("name")
    if titled_name(match.group("title"), name) or end_name_allowed(name):
        # not "all the best from Clarence Road"; but "Christine Hall" is a woman
        return not building(match.group("surname")) or \
            strip_marks(name) in name_evidence().given
    word = (match.group("word") or "").lower()
    if not word or word.startswith("x") or word not in ENGLISH_SIGN_OFFS:
        return False
    folded = strip_marks(name)
    if folded in SIGN_OFF_WORDS or folded in PLACES or possessive(name) or \
            not re.fullmatch(NAME_WORD, name) or (name.islower() and not looks_like_name(name)):
        return False
    # Right after "ta," or "cheers" a name that is also a word is a name ("ta, Will",
    # "Many thanks, Hope"); a name in lower case is one nobody writes as a word ("cheers
    # ronnie", "love kaz x"), and not "thanks again" or "cheers mate".
    if name[0].isupper():
        return folded in name_evidence().given or folded not in NOT_NAMES
    return not match.group("surname") and not everyday_word(name) and \
        name_evidence().as_word[folded] < EVERYDAY_IN_MESSAGES


# The English sign-off words a name may follow although it is also a word, or in lower case
# (in Polish "dzięki syropowi" is thanks to the syrup, and "ta" means this).
ENGLISH_SIGN_OFFS = frozenset(("thanks", "thank you", "thankyou", "thx", "ta", "cheers", "love",
                               "luv", "lots of love", "many thanks", "thank u", "thanku"))


# Words at a message's end that name nobody: "thanks love", "from Boots", "Regards", "Adres".
SIGN_OFF_WORDS = frozenset(strip_marks(word) for word in """
love dear darling darlin pet hun hon mate duck ducks chuck hen pal petal flower babe bab
lovey sweetheart sunshine treacle goodnight night neighbourly team guys folks lads ladies
all you everyone everybody so much again boots tesco
asda lidl aldi sainsburys morrisons coop co-op superdrug lloyds argos iceland wilko poundland
greggs primark matalan dunelm wickes screwfix homebase well god bless jesus
regards thanks thank cheers dzięki dziękuję przepraszam pozdrawiam pozdrowienia kod adres
mieszka mieszkam witam hello hi please sorry bye x pisze piszę wnuczka wnuk córka syn
sąsiadka sąsiad boję pomocy shes she's we're were flat yours sincerely faithfully
cya cu cul8r ttyl ttfn bfn laters later l8r l8rs latr latrs ta-ra tara tarra ta-ta toodles
toodle-oo cheerio ciao chao adios ya nite nitey byee byeee
nara narka narazie pa papa pa-pa buziaki buziaczki buźka buziak całuski całusy dobranoc
""".split())


# A message signed with the name alone: "... weekday mornings. Maureen", "Blessing, RM16 2XD",
# "Terry RM15 4XY", "Joan, Westcliff SS0 7LP", "Alma, 82, CO4 5NE", "Krysia z Wickford".
# What the writer says they are to the person helped, after their name: "Wendy, her
# daughter", "Tom, his nephew", "Derek, the secretary", "Lorna (her daughter), CO15 1LP".
_WHO_I_AM = (rf"\b(?:her|his|their|the|your)\s+(?:{'|'.join(WRITER_RELATIONS)}|secretary|"
             r"organiser|organizer|coordinator|leader|manager|chair|vicar)\b")
# The same in Polish, before or after the name: "Opiekunka Dorota", "Julka, wnuczka".
POLISH_ROLES = (r"wnuczka|wnuczek|wnuk|syn|córka|corka|synowa|opiekunka|opiekun|sąsiadka|"
                r"sasiadka|sąsiad|sasiad")
# Each part is taken whole and never split again (possessive "*+"): "(x) (x) (x) ..." could
# otherwise be cut up in exponentially many ways before the end fails to match.
_TRAILER = re.compile(r"(?:\([^()]{0,30}\)|\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b|"
                      r"\bx+\b|\d{1,3}\b|\b(?:in|lat|years?|yrs|age|aged)\b|"
                      rf"{_WHO_I_AM}|\b(?:{POLISH_ROLES})\b|[^\w\s,.!:;()\-]|[\s,.!:;()\-])*+$",
                      re.IGNORECASE)
_LAST_PART = re.compile(rf"(?:^|[.!?\n]|,|\s[-–]\s)\s*(?P<title>(?:{TITLE}|{POLISH_TITLE})\s+)?"
                        rf"(?P<name>{NAME_WORD})"
                        rf"(?:\s+(?P<surname>{NAME_WORD}))?"
                        rf"(?:\s*,?\s+(?:z|from|in|of)\s+(?P<from>[\w\-]+(?:\s[\w\-]+)?)"
                        rf"|\s*,\s*(?P<place>[\w\-]+(?:\s[\w\-]+)?))?\s*$")
# How far back from the end a trailer is looked for: searched from every place in a long
# message it would cost time in proportion to the square of its length.
TRAILER_REACH = 160


def without_trailer(said: str) -> str:
    """The message without what follows a signature: a postcode, "(her daughter)", "x"."""
    match = _TRAILER.search(said, max(0, len(said) - TRAILER_REACH))
    return said[:match.start()] if match else said


# "Pisze Bożena", "pisze syn Darek", "Piszę ja, tata, Krzysiek", "Wnuczka Sandra".
_POLISH_WRITER = re.compile(
    r"\b(?:pisz[eę]|wnuczka|wnuczek|wnuk|córka|corka|syn|synowa|sąsiadka|sasiadka|sąsiad|"
    r"sasiad)"
    r"(?:[\s,]+(?:ja|syn|córka|corka|sąsiadka|sasiadka|sąsiad|sasiad|wnuczka|wnuk|tata|mama|"
    r"żona|zona|mąż|maz))*[\s,]+(?P<name>[A-ZĄĆĘŁŃÓŚŹŻ][^\W\d_]+)", re.IGNORECASE)
# A sentence that starts with the name and an age: "Tomasz, 41, Southend", "Eric 84, CM3 5ZA".
_NAME_AND_AGE = re.compile(rf"(?:^|[.!?]\s+|:\s*)(?P<name>{NAME_WORD})\s*,?\s+\d{{2}}\b")
# "Mrs Ivy Pearce", "Mr Albert Shaw": a title with a first name and a surname.
_TITLED_FULL = re.compile(rf"\b(?P<title>{TITLE})\s+(?P<name>{NAME_WORD})\s+(?P<surname>{NAME_WORD})")

# A house number and street closing a message: "..., 7 Laburnum Drive", "8 Mill Row".
_ADDRESS_AT_END = re.compile(
    r"[\s,]*\b(?:(?:flat\s+)?\d{1,4}[a-z]?,?\s+(?:[^\W\d_][\w'\-]*\s+){1,3}"
    r"(?:" + "|".join(STREET_WORDS) + r")\b\.?|(?:flat|apartment|apt)\b\s*\d{0,4}[a-z]?|no\.?\s*\d{1,4}[a-z]?)"
    r"[\s,.]*$", re.IGNORECASE)
# "Son Neil", "His grandson Arjun", "Her son, Howard", "Nana Bev" closing a message.
_RELATION_THEN_NAME = re.compile(
    rf"(?:^|[.!?,]|\s)\s*(?:(?i:her|his|their|your|ur)\s+)?"
    rf"(?i:{'|'.join(WRITER_RELATIONS)}|nana|nan|gran|grandma|grandad|mum|dad|{POLISH_ROLES})"
    rf"\s*,?\s+(?P<name>{NAME_WORD})\s*$")
# A capitalised word right before a postcode that ends the message.
# The word before it must be in lower case: "Mill Lane", "St Neots" are places.
_NAME_BEFORE_POSTCODE = re.compile(
    # not after "in", "at": "she is in Southall UB1 3EP" is a place (but "from Nell IG11 9AT")
    r"(?<![\w'])(?!(?:in|at|near|nr|to|of|off|by)\s)[a-z\d][a-z\d']*\s+"
    r"(?P<name>[A-Z][^\W\d_]+)[\s,]*"
    r"\b(?i:[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2})\b[\s.!]*$")

_NAME_AFTER_POSTCODE = re.compile(
    rf"\b(?i:[A-Z]{{1,2}}\d[A-Z\d]?\s*\d[A-Z]{{2}})[\s,.\-–]+(?P<name>{NAME_WORD})[\s.!]*"
    r"(?:\bx+)?[\s.!]*$")
NAME_AFTER_POSTCODE_REACH = 40  # a postcode and a name; searched no further back

# Towns a message may end with ("... Jadzia, Harlow"): never anyone's name. The towns of the
# areas the corpus is written from (Thurrock, Essex, Suffolk, Norfolk, Cambridgeshire, London
# boroughs), leaving out those that are first names too (Chelsea, Brandon, Royston).
PLACES = frozenset("""
grays tilbury thurrock purfleet chafford ockendon stanford corringham stanford-le-hope orsett
basildon pitsea laindon billericay wickford rayleigh southend westcliff leigh benfleet canvey
shoeburyness rochford chelmsford brentwood harlow epping loughton romford hornchurch upminster
dagenham barking ilford colchester clacton harwich braintree witham maldon halstead cambridge
ely huntingdon peterborough wisbech march st ives chatteris ramsey newmarket haverhill
essex london manchester birmingham ipswich norwich luton kent yarmouth southall rainham
dunmow dovercourt leyton paisley leeds glasgow liverpool
lowestoft felixstowe stowmarket sudbury woodbridge beccles bungay halesworth southwold leiston
aldeburgh saxmundham hadleigh mildenhall thetford dereham swaffham wymondham attleborough
cromer sheringham fakenham aylsham gorleston hunstanton whittlesey soham littleport sawston
frinton brightlingsea wivenhoe coggeshall tiptree southminster thaxted ongar chigwell hockley
hullbridge thundersley heybridge manningtree mistley writtle danbury
croydon hackney newham barnet enfield haringey islington camden lambeth southwark lewisham
greenwich bexley bromley merton wandsworth hammersmith fulham kensington westminster
ealing hounslow hillingdon havering redbridge walthamstow leytonstone woolwich peckham brixton
tottenham edmonton wembley acton clapham streatham catford eltham poplar
trinidad jamaica barbados india pakistan poland ireland scotland wales england nigeria ghana
africa baltic
jaywick downham walden bury neots stortford cheshunt hoddesdon hertford stevenage hitchin
papworth histon cottenham diss watton aveley linford bulphan horndon fobbing vange shenfield
ingatestone mountnessing walton burnham kings
krakow krakowa krakowie warszawa warszawy warszawie gdansk wroclaw poznan cyprus germany
niemiec niemczech anglii polsce polski
""".split())


# How many training messages must use a word in lower case before it counts as an everyday
# word, which a capital at the start of a sentence does not make a name ("He's 90",
# "Address CM20 1AB", "Postcode pe28 4ab", "Chętnie z kimś porozmawiam").
EVERYDAY_IN_MESSAGES = 3


@dataclass(frozen=True)
class NameEvidence:
    """What the training part of the corpus says about words and names (never the held-out
    part, which only measures)."""

    everyday: frozenset[str]  # written in lower case in a few messages, never a name there
    given: frozenset[str]  # first names writers gave ("kev", "Jadzia"), folded
    # A given name that is also a word ("june", "will", "grace"): how many messages use it
    # in lower case where it is not the writer's name.
    as_word: Counter[str]
    surnames: frozenset[str] = frozenset()  # given after a title ("Mrs Patel", "Mrs Ahmed")


@lru_cache(maxsize=1)
def name_evidence() -> NameEvidence:
    """Learnt rather than listed, so it covers the words and names of both languages that no
    list would think of."""
    from bot.understanding import corpus  # the corpus loads only when a name is weighed

    counts: Counter[str] = Counter()
    as_word: Counter[str] = Counter()
    given: set[str] = set()
    surnames: set[str] = set()
    named: set[str] = set()
    for example in corpus.shipped_examples():
        if example.held_out:
            continue
        own = {strip_marks(part) for part in (example.name or "").split()}
        named.update(own)
        first = strip_marks((example.name or "").split(" ")[0])
        if first and first not in TITLE_WORDS and first not in ("pan", "pani"):
            # "Mrs Patel", "Pani Kowalska" give a surname, not a first name
            given.add(first)
        elif first in TITLE_WORDS and len(own) > 1:
            surnames.update(own - {first})
        lower = {strip_marks(word) for word in re.findall(NAME_WORD, example.text)
                 if word.islower()}
        counts.update(lower)
        as_word.update(lower - own)
    everyday = frozenset(word for word, seen in counts.items()
                         if seen >= EVERYDAY_IN_MESSAGES and word not in named)
    return NameEvidence(everyday, frozenset(given), as_word, frozenset(surnames))


def everyday_words() -> frozenset[str]:
    """The words people write in lower case: any word used so in a few training messages
    and never given as anyone's name there."""
    return name_evidence().everyday


def lower_case_name(word: str) -> bool:
    """A name typed in lower case ("ta, kev", "x carol", "sid here"): only a first name some
    writer in the training part gave, and that people rarely write as an ordinary word
    ("june", "will" and "grace" are words far more often than they sign a message)."""
    folded = strip_marks(word)
    evidence = name_evidence()
    if "-" in folded and word.islower():
        # "kelly-marie", "lee-anne": two given names joined are one
        return all(lower_case_name(part) for part in word.split("-"))
    return (word.islower() and folded in evidence.given and folded not in NOT_NAMES
            and folded not in SIGN_OFF_WORDS and folded not in PLACES
            and evidence.as_word[folded] < EVERYDAY_IN_MESSAGES)


def everyday_word(word: str) -> bool:
    """An everyday word, also as typed without its last g ("Bein", "Coughin", "Dyin")."""
    folded = strip_marks(word).rstrip("'")
    common = everyday_words()
    return folded in common or (folded.endswith("in") and folded + "g" in common)


def end_name_allowed(name: str) -> bool:
    """A word ending a message is its writer's name only if nothing else explains it: not
    an everyday word, a place, a sign-off word, or someone's ("Stacey's mum", "He's 90")."""
    folded = strip_marks(name)
    if lower_case_name(name):
        return True
    return (looks_like_name(name, capitalised_only=True) and folded not in SIGN_OFF_WORDS
            and folded not in PLACES and folded not in STREET_WORDS and not everyday_word(name)
            and not re.search(r"'s$", folded)
            and not re.search(r"(?:ently|ately|ously|fully|ively|antly)$", folded))


# Words only an English message has (a Polish one ending "..., astma" ends with a word).
_ENGLISH = re.compile(r"\b(?:i|i'm|im|me|my|the|to|and|a|need|pls|please|got|can)\b")


def unknown_word_signing(word: str) -> bool:
    """A lower-case word ending a message that can only be a name: not a word any training
    message uses, nor a day, month, place or sign-off word."""
    folded = strip_marks(word)
    return (re.fullmatch(NAME_WORD, word) is not None and len(folded) >= 3
            and looks_like_name(word) and not everyday_word(word)
            and name_evidence().as_word[folded] == 0 and folded not in MONTHS
            and not weekday(word) and folded not in SIGN_OFF_WORDS and folded not in PLACES
            and folded not in STREET_WORDS)


def building(surname: str | None) -> bool:
    """"Marsh House", "Tower Court": a building or a street, not a first name and surname."""
    return bool(surname) and strip_marks(surname) in STREET_WORDS


# A name ending a message after one of these words is someone the message is about.
TAKES_SOMEONE = frozenset(strip_marks(word) for word in """
to for with from and or of by at in on ring call phone text tell ask see visit help take
meet love miss met like thank thanks called named name is was my our your her his their
dear hi hello hiya dla z ze do od i oraz u przez o pani pan jest since lost still walk
pania panem
""".split())
# ...and a capitalised word before it that says who the writer is, not a place.
ROLE_WORDS = frozenset(strip_marks(word) for word in """
volunteer wolontariusz wolontariuszka ja pisze
""".split())
UNMARKED_SIGN_OFF_LEAST = 6


def name_at_end(said: str, trimmed: str | None = None) -> str | None:
    """A name signing off the message, or opening a sentence with an age. `trimmed` is the
    message without its trailer, when the caller has worked it out already."""
    match = _TITLED_FULL.search(said)
    if match and end_name_allowed(match.group("name")) and not building(
            match.group("surname")) and (
            match.group("surname")[0].isupper() and not match.group("surname").isupper()
            or said.isupper()):
        return tidy(match.group("name"))
    body = without_trailer(said) if trimmed is None else trimmed
    # "Hester, 7 Laburnum Drive, CM12 9TU": the address after a name is not part of it.
    body = without_trailer(_ADDRESS_AT_END.sub("", body))
    match = _RELATION_THEN_NAME.search(body)
    if match and end_name_allowed(match.group("name")):
        return tidy(match.group("name"))  # "Son Neil", "Thanks, his daughter Angela"
    match = _LAST_PART.search(body)
    if match is not None and len(body.split()) >= 3 and not building(match.group("surname")):
        name, place = match.group("name"), match.group("place")
        if titled_name(match.group("title"), name) and not match.group("surname"):
            return tidy(name, match.group("title"))
        if end_name_allowed(name) and (place is None or strip_marks(place.split()[0]) in PLACES
                                       or place[:1].isupper()):
            return tidy(name)
    # The pattern above takes the first place that fits ("shopping please, Hester" reads as
    # "shopping" from "please, Hester"): the last part alone may still be a name.
    last = re.split(r"[.!?,;:]\s*", body)[-1].strip()
    # A message of a word or two may be signed too ("ok. Ron", "Shopping. Kath", "hiya, Shaz",
    # "Margaret"), by a first name writers give, set apart from the word before it.
    short_and_signed = len(body.split()) < 3 and strip_marks(last) in name_evidence().given and (
        len(body.split()) == 1 or re.search(r"[.!?,;:]", body))
    if (len(body.split()) >= 3 or short_and_signed) and re.fullmatch(NAME_WORD, last) and \
            end_name_allowed(last):
        return tidy(last)
    # "... no rush Glyn", "... I'm bored stiff Pam x", "... kostke Patrycja": a first name
    # writers give, capitalised, ending a message of some length with no comma before it,
    # and not after a word that takes someone ("ring Glyn", "for Pam", "z Patrycją").
    # Not a question ("is it still Karen?"), nor the end of a place or a shop ("Chadwell St
    # Mary", "Day Lewis"): a capitalised word before it is a role ("Volunteer Shannon").
    words = body.split()
    before = strip_marks(words[-2]).strip(".,!?") if len(words) > 1 else ""
    if len(words) >= UNMARKED_SIGN_OFF_LEAST and words[-1][:1].isupper() \
            and not said.rstrip().endswith("?") \
            and re.fullmatch(NAME_WORD, words[-1]) \
            and strip_marks(words[-1]) in name_evidence().given \
            and before not in TAKES_SOMEONE and words[-2][-1:] not in ".!?" \
            and (not words[-2][:1].isupper() or body.isupper() or before in ROLE_WORDS) \
            and end_name_allowed(words[-1]):
        return tidy(words[-1])
    # Someone who writes all in lower case signs so too, with names no writer in the training
    # part gave ("got a car. gaz", "9am, marge"): a word after a full stop or comma that no
    # message there uses as a word.
    if len(body.split()) >= 3 and body.islower() and _ENGLISH.search(body) and \
            re.search(r"[.,]\s*" + re.escape(last) + "$", body) and unknown_word_signing(last):
        return tidy(last)
    # A name just before the postcode that ends the message, with no comma between it and
    # the words before ("the hospital lift one Jack, CM7 1AA", "in the garden Sally rm13 8nx").
    match = _NAME_BEFORE_POSTCODE.search(said)
    if match and end_name_allowed(match.group("name")):
        return tidy(match.group("name"))
    # "... ss11 7lt Józef", "Rm176sl Helena": a first name writers give after the postcode
    # that ends the message (a town may stand there too: "N17 9HS Tottenham").
    # The pattern is tried only when the last word is such a name.
    last_word = said.rsplit(None, 1)[-1].strip(".!") if said else ""
    match = _NAME_AFTER_POSTCODE.search(said, max(0, len(said) - NAME_AFTER_POSTCODE_REACH)) \
        if strip_marks(last_word) in name_evidence().given else None
    if match and end_name_allowed(match.group("name")):
        return tidy(match.group("name"))
    for pattern in (_POLISH_WRITER, _NAME_AND_AGE):
        match = pattern.search(said)
        if match and end_name_allowed(match.group("name")):
            return tidy(match.group("name"))
    return None


def helped_person(text: str) -> Helped | None:
    """Who the help is for, when the writer asks for someone else."""
    said = clean(text)
    match = _HELPED.search(said)
    if match and looks_like_name(match.group("name"), capitalised_only=True):
        return Helped(tidy(match.group("name"), match.group("title")),
                      RELATIONS[match.group("relation").lower()])
    match = _FOR_SOMEONE.search(said)
    if match is None:
        return None
    relation = (match.group("relation") or match.group("subject")
                or match.group("possessive") or match.group("object") or "").lower()
    if relation:
        return Helped(None, RELATIONS.get(relation))
    polish = strip_marks((match.group("polish") or match.group("polish_subject")
                          or match.group("polish_object") or "").lower())
    if polish:
        return Helped(None, POLISH_RELATIONS.get(polish, "relative"))
    if match.group("writer"):
        if match.group("writer").lower() in WRITER_RELATIONS:
            return Helped(None, None)
        return None
    return Helped(None, "relative")


def tidy_name(raw: str) -> str | None:
    """A name typed into a list or a command ("albert smith" -> "Albert Smith"); None for
    anything that is not one: digits ("RM17", "3b") or a common word."""
    name = raw.strip(" .,!'-")
    if not name or len(name) > 40 or not re.fullmatch(r"[^\W\d_](?:[^\W\d_]|['\- ])*", name):
        return None
    if name.lower() in NOT_A_LISTED_NAME:
        return None
    return " ".join(part[:1].upper() + part[1:] for part in name.split(" "))


# Words that, alone in a name column or after --name, are not anyone's name. Shorter than
# NOT_NAMES: a list's first word is a name far more often than a word after "I'm" is.
NOT_A_LISTED_NAME = frozenset("""
hi hello hey hiya thanks thank yes no not a an the on in at so very really just alone lonely
looking after unable stuck ill sick old disabled housebound shielding isolating struggling
worried fine ok okay good well here free happy sorry asking hoping trying going writing
texting messaging calling still also now too over from recovering deaf hard scared afraid
bereaved caring available interested volunteering tired unwell elderly blind
""".split())


# The answer to "What is your first name?" from someone writing for another person, naming
# that person instead: "her name is Edna", "she's called Edna", "it's for Edna", "ma na imię
# Edna" (the writer's own would be "mam na imię").
_SOMEONE_ELSES_NAME = re.compile(
    rf"^\s*(?:(?:her|his|their|(?:my |our )?(?:{'|'.join(RELATIONS)})['’]?s) name(?:['’]s| is)?|"
    rf"(?:she|he)(?:['’]?s| is) called|(?:it['’]?s |its |it is )?for|"
    rf"(?:jej|jego) imi[eę](?: to)?|(?:ona |on )?ma na imi[eę]|to dla)\s+"
    rf"(?P<title>{TITLE}\s+)?(?P<name>{NAME_WORD})\s*[.!]?\s*$",
    re.IGNORECASE)


def someone_elses_name(text: str) -> str | None:
    """"Her name is Edna" to the hub's "What is your first name?": Edna is who the help is
    for, not the writer."""
    found = _SOMEONE_ELSES_NAME.match(clean(text))
    if found is None or not looks_like_name(found.group("name")):
        return None
    return tidy(found.group("name"), found.group("title"))


def answer_name(text: str) -> str | None:
    """The reply to "What is your first name?": "Albert", "it's Albert Smith", "Mrs Patel"."""
    found = writer_name(text)
    if found:
        return found
    said = POSTCODE_PATTERN.sub(" ", clean(text)).strip(" ,.!")  # "Albert, RM17 6SL"
    titled = _TITLED.fullmatch(said.strip(" .!")) or _POLISH_TITLED.fullmatch(said.strip(" .!"))
    if titled and titled_name(titled.group("title"), titled.group("name")):
        return tidy(titled.group("name"), titled.group("title"))  # "Pani Stenia" -> "Stenia"
    words = re.findall(NAME_WORD, said)
    if not words or len(words) > 3 or any(ch.isdigit() for ch in said):
        return None
    if looks_like_name(words[0]) and (len(words) == 1 or all(
            looks_like_name(word) for word in words[1:])):
        return tidy(words[0])
    return None
