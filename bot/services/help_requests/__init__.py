"""Requests and offers: intake, matching, offer rounds, cancelling, giving back, receipts,
standing requests and volunteers' time.
"""
