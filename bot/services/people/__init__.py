"""People and privacy: consent, erasure and retention, subject access, MY DETAILS, finding people,
coordinators and volunteer imports.
"""
