"""Safeguarding: concerns raised to coordinators, suspending a volunteer, and talking through the
hub.
"""
