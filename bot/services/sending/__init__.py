"""Getting messages out: the outbox, its worker, each channel's sending rate and health, WhatsApp
templates, and the Notifier.
"""
