"""Message catalogues, one module per language, each a dict of key -> template."""
