"""Use cases, transactions and the outbox, grouped by what they serve (map: docs/services.md)."""
