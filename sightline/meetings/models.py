"""meetings models."""
