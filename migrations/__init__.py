"""Alembic migrations, shipped inside the package so `neighbourly db upgrade` works when installed."""
