"""Understanding people's words: `read(text, context) -> Reading`, pure and measured.

Everything that reads what a person typed lives here: the statistical reader (model.py,
trained on corpus/), the exact rules (parsing.py, polish.py: postcodes, references,
YES/NO, times), names (names.py), addresses (addresses.py), danger (danger.py) and
the language a message is written in (language.py).
The dialogue asks a `Reading`; it keeps no word lists of its own.
"""

from bot.understanding.reader import read
from bot.understanding.reading import CallTime, Context, Intent, Reading, When

__all__ = ["CallTime", "Context", "Intent", "Reading", "When", "read"]
