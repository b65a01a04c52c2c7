"""Errors shared across the command line and the services it calls."""


class CommandError(Exception):
    """A problem the user can fix, reported as one line."""
