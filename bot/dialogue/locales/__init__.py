"""Message catalogues: one gettext file per language (en.po, pl.po),
read by bot/dialogue/catalogue.py.
"""
