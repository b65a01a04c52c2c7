"""Befriending check-in calls (planned, reminded, logged, escalated) and check-up campaigns that
ring round a list.
"""
