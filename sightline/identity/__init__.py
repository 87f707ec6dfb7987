"""Identity resolution: recorded persons linked into persons."""
