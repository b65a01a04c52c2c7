"""Partner organisations and their needs, and the directory of local services."""
