"""The small pieces every other package builds on: the audit trail, units of work, identities,
references, CSV cells and words for coordinators.
"""
