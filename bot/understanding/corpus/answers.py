"""Short answers to the hub's own questions, as labelled examples.

Mid-conversation people send "12 Orsett Road", "Albert", "rm17 6sl", "weekday mornings" or
"yes". The hand-written files are first messages, where an address mostly appears beside
an emergency ("my husband's collapsed, 3 Castle Road"); without these the model would learn
that a street is a sign of danger. They are built from small lists, in a fixed order, so the
corpus is the same on every machine.
"""

from __future__ import annotations

import random

from bot.understanding.corpus import Example

STREETS = ("Orsett Road", "Castle Road", "High Street", "Bluebell Court", "Stanford Road",
           "London Road", "Church Lane", "Victoria Avenue", "Elm Close", "Bridge Road",
           "Argent Street", "Lodge Lane", "Dell Road", "Rectory Road", "Hogg Lane",
           "Chadwell Road", "Southend Road", "The Green", "Palmers Avenue", "Mill Lane",
           "ulica Ogrodowa", "Grays Road", "Queen Street", "Station Approach", "Park Drive")
TOWNS = ("", ", Grays", ", Tilbury", " Chadwell", ", Stanford-le-Hope", " Basildon", ", Southend",
         ", Colchester", " Ely", ", Huntingdon", " Corringham")
HOUSE_NAMES = ("Rose Cottage", "The Old Vicarage", "Flat 2", "Flat 14b", "Apartment 3",
               "The Willows", "Ivy House", "Flat 7, Kings Court")
FIRST_NAMES = ("Albert", "Lydia", "Betty", "Frank", "Ian", "Grace", "Priya", "Mohammed",
               "Krystyna", "Jan", "Joan", "Dave", "Sam", "Aisha", "Winston", "Siobhan", "Tom",
               "margaret", "pat", "ken", "Mrs Patel", "Mr F", "its Rose", "I'm Sue", "Halina")
POSTCODES = ("RM17 6SL", "rm176sl", "RM16 2XD", "ss14 2jf", "CM1 6ST", "cb1 2hf", "RM20 3JG",
             "PE27 6NZ", "co1 2sf", "RM13 8NX", "RM17", "ss0")
TIMES = ("weekday mornings", "tuesday afternoons", "any time", "anytime really", "mornings",
         "after 2pm", "wednesday afternoons about 2.30", "Fridays 10am", "tomorrow",
         "today please", "friday", "next week", "asap", "whenever suits", "evenings after 6",
         "Mon and Thurs", "rano", "po południu", "w środy", "jutro", "weekends", "sat mornings")
AGES = ("78", "82", "70s", "in my 80s", "I'm 91", "65", "skip", "rather not say", "mam 84 lata",
        "34", "24", "55-64", "75+")
SKILLS = ("shopping and dog walking", "1 3", "134", "all of them", "phone calls",
          "lifts and shopping", "2", "anything", "zakupy", "befriending", "prescriptions")
RADII = ("2 miles", "5km", "3", "half a mile", "10 miles", "up to 5 miles", "3 km", "1 mile")
LANGUAGES = ("English", "Polish and English", "urdu", "english and punjabi", "polski",
             "none", "just English", "Bengali")
YES_NO = ("yes", "Yes please", "yep", "ok", "no", "No thanks", "tak", "nie", "Y", "N",
          "YES", "no that's all", "yes that's right", "correct", "that's it")
REFERENCES = ("YES R-7Q4K", "NO R-BMBJ", "DONE R-7Q4K", "done", "GIVE BACK R-2B3C",
              "status", "STATUS", "MY TASKS", "help", "HELP", "START AGAIN", "LANG PL")
# What people write to the hub once help is under way: logging calls, asking how it stands,
# telling a volunteer something ordinary.
UNDER_WAY = ("no one called", "nobody rang today", "no answer", "NO ANSWER", "she didn't answer",
             "done, we had a lovely chat", "DONE had a nice natter about her garden",
             "rang her, all fine", "called, she was in good spirits", "no reply, will try later",
             "RESCHEDULE tomorrow 3pm", "rescheduled to friday", "is anyone coming today?",
             "what time will she come?", "has anyone been found?", "any news?",
             "still waiting", "on my way", "I'm outside", "running 10 mins late",
             "left it on the step", "delivered, she was very pleased", "receipt was £23.40",
             "the shopping came, thank you", "he's lovely, thank you", "maybe later",
             "not today thanks", "can't do it this week", "sorry I can't make it",
             "where is it?", "which door?", "ok see you then", "brilliant thanks",
             "END CALLS", "PAUSE CALLS until 12/12", "CALL", "MY TASKS", "CONCERN",
             "nikt nie zadzwonił", "nie odebrała", "gotowe", "dziękuję bardzo", "kiedy przyjdzie?",
             "my wife has Alzheimer's and I'm struggling to cope", "not coping very well lately",
             "it's been a hard week", "I'm fine, just a bit tired", "she seemed a bit low today",
             # A resident whose regular call did not come: the calls flow tells a coordinator.
             "nobody rang me yesterday", "no one phoned me today", "my volunteer didn't call",
             "she never rang on Tuesday", "no call again this week", "nobody called on friday",
             "I didn't get my call yesterday", "nikt do mnie wczoraj nie zadzwonił")
EXPERIENCE = ("cared for my mum with dementia", "lost my husband last year",
              "none really", "I nursed my dad after his fall", "skip")
# Where someone lives, said by what is near it rather than by a street: the danger files
# name rivers, bridges, railways and the sea as places people mean to end their life, and
# without these the model took "the house by the river" for one.
DESCRIBED_PLACES = ("the house by the river", "the cottage down by the river",
                    "flat over the bridge", "the flat above the chip shop",
                    "bungalow next to the railway bridge", "the one by the level crossing",
                    "by the sea front, the blue door", "the houseboat at the marina",
                    "opposite the church", "behind the co-op", "end of the lane by the canal",
                    "the farm past the quarry", "near the cliffs car park",
                    "top of the hill by the water tower", "dom przy rzece",
                    "blok koło dworca", "naprzeciwko kościoła")
# How they will pay, and who for: answers to the hub's payment question.
PAYING = ("cash", "cash please", "by card", "prepaid card", "she's over 60", "he's over 60",
          "I'm over 60 so they're free", "its free", "free, she's exempt",
          "prepayment certificate", "already paid online", "the shop takes it over the phone",
          "my son will pay", "1", "3", "5", "gotówką", "za darmo", "mama ma ponad 60 lat")

SEED = 20261206


def answer_examples() -> list[Example]:
    """The answers, labelled with the intent "answer" (the model's own: a first message is
    never one), no request, no postcode but their own, no danger."""
    chance = random.Random(SEED)
    made: list[tuple[str, str | None, str | None]] = []
    for street in STREETS:
        for _ in range(4):
            number = chance.randint(1, 240)
            made.append((f"{number} {street}{chance.choice(TOWNS)}", None, None))
    for house in HOUSE_NAMES:
        made.append((f"{house}, {chance.choice(STREETS)}{chance.choice(TOWNS)}", None, None))
    for name in FIRST_NAMES:
        bare = name.split(" ", 1)[1] if name.startswith(("its ", "I'm ")) else name
        made.append((name, None, bare[:1].upper() + bare[1:]))
    for postcode in POSTCODES:
        full = postcode.upper().replace(" ", "")
        normalised = f"{full[:-3]} {full[-3:]}" if len(full) > 4 else None
        made.append((postcode, normalised, None))
    for group in (TIMES, AGES, SKILLS, RADII, LANGUAGES, YES_NO, REFERENCES, UNDER_WAY,
                  EXPERIENCE, DESCRIBED_PLACES, PAYING):
        made.extend((text, None, None) for text in group)
    return [Example(text, (), postcode, name, False, intent="answer", language="en",
                    source="answers.py", line=number)
            for number, (text, postcode, name) in enumerate(made, start=1)]
