"""Neighbourly: a community help hub in a box."""
