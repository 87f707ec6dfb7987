"""Households: who lives with whom, derived from shared addresses and stated relationships."""
