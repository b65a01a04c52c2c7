"""The people of `neighbourly demo`: a hub in Thurrock and south Essex, and its day.

Volunteers the hub already had come in as a spreadsheet (the CSV import), each
with three real postcodes in their district; the seed picks one. The brief's
people (Albert, Lydia, Betty, Mr F, Ian, Julia) are fixed, with their own words
in a few versions the seed chooses between. Numbers are in Ofcom's range for
drama (07700 900xxx), Telegram ids are made up: nothing here reaches anyone.
"""

from __future__ import annotations

from dataclasses import dataclass

HUB_NAME = "Thurrock Community Hub"


@dataclass(frozen=True)
class CrowdVolunteer:
    """One row of the hub's volunteer spreadsheet, before the seed picks a postcode."""

    name: str
    channel: str  # "sms" or "telegram": how they talk to the hub
    postcodes: tuple[str, str, str]
    radius_km: float
    skills: str
    availability: str
    languages: str
    age_band: str
    experience: str
    vetted: str


def crowd(name, channel, postcodes, radius_km, skills, availability, languages, age_band,
          experience, vetted) -> CrowdVolunteer:
    return CrowdVolunteer(name, channel, tuple(postcodes.split(",")), radius_km, skills,
                          availability, languages, age_band, experience, vetted)


# 37 volunteers from the spreadsheet; with the three who sign up in the chat, 40.
SPREADSHEET = (
    crowd("Margaret", "sms", "SS17 0RR,SS17 0SA,SS17 0QT", 8, "befriending;shopping",
          "every day", "en", "55-64",
          "Cared for my mum through Alzheimer's for six years, and I work on a dementia ward",
          "id;dbs;training"),
    crowd("Kai", "telegram", "RM17 6PB,RM17 5AQ,RM17 5RQ", 3, "shopping;dog_walking",
          "weekday evenings;weekends", "en", "25-34", "", "id;dbs"),
    crowd("Sandra", "sms", "RM16 6NE,RM16 4RH,RM16 3NL", 5, "shopping;prescription",
          "weekdays", "en", "45-54", "", "id;dbs"),
    crowd("Tomasz", "telegram", "RM16 4HJ,RM16 2BP,RM16 2HT", 5, "shopping;transport",
          "every day", "en;pl", "35-44", "", "id;dbs"),
    crowd("Dev", "telegram", "RM17 6LY,RM17 6EL,RM17 6UW", 4, "shopping;prescription",
          "every day", "en;pa;hi", "25-34", "", "id;dbs"),
    crowd("Grace", "sms", "RM18 8SS,RM18 8JP,RM18 7NH", 5, "befriending;shopping",
          "every day", "en", "65-74", "Widowed five years ago", "id;dbs;training"),
    crowd("Oluwaseun", "telegram", "RM18 8PN,RM18 8EJ,RM18 8EL", 6,
          "shopping;prescription;transport", "every day", "en;yo", "35-44", "", "id;dbs"),
    crowd("Ruth", "sms", "RM19 1QZ,RM19 1TH,RM19 1QN", 3, "befriending",
          "weekday afternoons", "en", "75+", "Hard of hearing myself", "id;training"),
    crowd("Bogdan", "telegram", "RM20 3DF,RM20 3BH,RM20 3LJ", 5, "shopping;transport",
          "weekday evenings;weekends", "en;ro", "45-54", "", "id;dbs"),
    crowd("Fatima", "telegram", "RM20 4XU,RM20 2ZS,RM20 4AL", 3,
          "shopping;prescription;befriending", "weekday mornings", "en;ur;pa", "35-44",
          "I look after my dad, who has Parkinson's", "id;dbs;training"),
    crowd("Pete", "sms", "RM15 5LY,RM15 4TR,RM15 5EG", 8, "dog_walking;transport",
          "every day", "en", "55-64", "", "id"),
    crowd("Aisha", "telegram", "RM15 6JT,RM15 6EQ,RM15 4EL", 4, "shopping;befriending",
          "weekends", "en;so", "18-24", "", "id;dbs;training"),
    crowd("Derek", "sms", "SS17 0PA,SS17 7DW,SS17 0JN", 10, "transport;shopping",
          "weekday mornings", "en", "65-74", "", "id;dbs"),
    crowd("Chloe", "telegram", "SS17 7PL,SS17 7DZ,SS17 8PD", 3, "dog_walking;shopping",
          "weekday evenings", "en", "18-24", "", "no"),
    crowd("Janet", "sms", "SS16 6SB,SS16 6RZ,SS16 4BT", 5, "befriending;shopping",
          "weekdays", "en", "65-74", "My husband had cancer; I know how tiring caring is",
          "id;dbs;training"),
    crowd("Harjit", "telegram", "SS16 4QW,SS16 4PG,SS16 4DE", 6, "prescription;transport",
          "every day", "en;pa", "45-54", "", "id;dbs"),
    crowd("Wendy", "sms", "SS7 1LA,SS7 3SH,SS7 3LG", 5, "befriending", "every day", "en",
          "75+", "I was a carer for my husband for many years", "id;training"),
    crowd("Liam", "telegram", "SS8 9XL,SS8 0EU,SS8 8FE", 5, "shopping;dog_walking",
          "weekends", "en", "25-34", "", "id;dbs"),
    crowd("Nadia", "telegram", "SS8 1DQ,SS8 7NU,SS8 0DF", 4, "befriending;shopping",
          "weekday evenings", "en;ar", "35-44", "I've lived with anxiety", "id;dbs;training"),
    crowd("Graham", "sms", "CM11 2PN,CM11 2TJ,CM11 1HH", 10, "transport",
          "weekday mornings", "en", "65-74", "", "id;dbs"),
    crowd("Sophie", "telegram", "CM12 0YN,CM12 2HD,CM12 9RA", 3, "shopping;dog_walking",
          "weekends", "en;fr", "25-34", "", "id;dbs"),
    crowd("Rajesh", "telegram", "CM13 3QY,CM13 2NR,CM13 3DS", 5, "prescription;shopping",
          "weekday evenings", "en;gu", "45-54", "", "id;dbs"),
    crowd("Helen", "sms", "CM14 5TJ,CM14 5RS,CM14 4BB", 5, "befriending",
          "weekday afternoons", "en", "55-64", "I lost my husband three years ago",
          "id;training"),
    crowd("Marek", "telegram", "CM15 8YZ,CM15 9QX,CM15 0JX", 5, "shopping;transport",
          "every day", "en;pl", "35-44", "", "no"),
    crowd("Eileen", "sms", "CM1 1HT,CM1 6HX,CM1 4DH", 3, "befriending", "every day", "en",
          "75+", "Widowed, and I know what a long day feels like", "id;training"),
    crowd("Callum", "telegram", "CM2 0PE,CM2 9QZ,CM2 8PF", 8,
          "shopping;prescription;transport", "weekends", "en", "25-34", "", "id;dbs"),
    crowd("Bernadette", "sms", "RM17 6PQ,RM17 6LL,RM17 9DG", 2, "befriending;shopping",
          "weekday mornings", "en", "65-74", "", "id;dbs;training"),
    crowd("Yusuf", "telegram", "RM17 6QZ,RM17 9RG,RM17 5LL", 5,
          "shopping;prescription;transport", "weekday evenings;weekends", "en;tr", "35-44",
          "", "id;dbs"),
    crowd("Maureen", "sms", "RM16 2HJ,RM16 4AT,RM16 6QU", 3, "befriending;dog_walking",
          "every day", "en", "75+", "I wear hearing aids", "id;training"),
    crowd("Stephen", "telegram", "RM16 3HD,RM16 2NT,RM16 2EY", 6, "shopping;prescription",
          "every day", "en", "45-54", "", "id;dbs"),
    crowd("Kerry", "sms", "RM18 8HA,RM18 8JQ,RM18 8PL", 4, "shopping;dog_walking",
          "weekday mornings", "en", "35-44", "", "id;dbs"),
    crowd("Ade", "telegram", "RM18 8AR,RM18 8EG,RM18 7AP", 5, "prescription;shopping",
          "every day", "en;yo", "25-34", "", "id;dbs"),
    crowd("Jean", "sms", "RM19 1ND,RM19 1QT,RM19 1GT", 4, "befriending;shopping",
          "weekdays", "en", "65-74", "Cared for my sister, who had MS", "id;dbs;training"),
    crowd("Ola", "telegram", "RM20 4BU,RM20 3BT,RM20 3WJ", 3, "shopping;dog_walking",
          "every day", "en;pl", "25-34", "", "no"),
    crowd("Brian", "sms", "SS17 8AQ,SS17 9BU,SS17 0QW", 6, "shopping;transport",
          "every day", "en", "65-74", "", "id;dbs"),
    crowd("Lucy", "telegram", "SS17 7LH,SS17 8LX,SS17 8NG", 3, "befriending;dog_walking",
          "weekday evenings", "en", "25-34", "", "no"),
    crowd("Vera", "sms", "CM3 4TR,CM3 1EE,CM3 2LQ", 5, "befriending", "weekday mornings",
          "en;lt", "55-64", "", "id;training"),
)


@dataclass(frozen=True)
class Resident:
    name: str  # as the demo calls them
    phone: str
    postcode: str
    address: str


ALBERT = Resident("Albert", "07700 900101", "RM17 6SG", "14 Clarence Road")
LYDIA = Resident("Lydia", "07700 900102", "RM16 2XA", "3 Fleming Gardens")
BETTY = Resident("Betty", "07700 900103", "SS17 0AD", "27 Southend Road")
FRANK = Resident("Frank", "07700 900104", "RM18 7NH", "22 Dock Road")

# The coordinator, on Telegram like most of the hub's staff.
CAROL_TELEGRAM_ID = "4400100"
# Volunteers who sign up in the chat during the day.
IAN_TELEGRAM_ID = "5500101"
JULIA_TELEGRAM_ID = "5500102"
PRIYA_PHONE = "07700 900201"
# Spreadsheet volunteers get numbers and ids in order from here.
FIRST_VOLUNTEER_PHONE = 900300
FIRST_VOLUNTEER_TELEGRAM_ID = 5500300

# What each person says first, in a few versions; the seed picks one. Every version gives
# the hub the same facts, so the rest of each conversation is the same.
ALBERT_ASKS = (
    "Hello, I'm Albert. I lost my partner last year and the days are very quiet. "
    "Could someone ring me for a chat now and then?",
    "Hello dear, my name is Albert. Since I lost my partner I don't hear a voice some days. "
    "Would someone phone me for a chat now and then?",
)
LYDIA_ASKS = (
    "This is Lydia. Could someone get me a bit of shopping today please? I'm hard of "
    "hearing so texting is easier, and I'm not steady on my feet",
    "Hello, I'm Lydia. I need some shopping today please, milk, bread and a few bits. "
    "I'm not too steady on my feet and I don't hear the phone well",
)
BETTY_ASKS = (
    "Hello, my husband has dementia and I'm caring for him and not coping. Could someone "
    "ring me for a chat sometimes?",
    "Hi, my husband has dementia, I look after him on my own and I'm not coping. I'd love "
    "someone to phone me for a chat now and then",
)
FRANK_ASKS = (
    "My name is Frank, I'm 84 and getting over cancer. I look after my wife, she's "
    "disabled. Could someone do our food shopping tomorrow?",
    "Hello, I'm Frank, 84, just finished treatment for cancer and I care for my wife "
    "full time. We need our food shopping done tomorrow please",
)
