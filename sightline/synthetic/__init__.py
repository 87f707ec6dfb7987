"""A synthetic population for demonstrations, tests and benchmarks: households whose members are
recorded differently by many agencies, written in the import format with its ground truth beside
it. Pure Python; it knows the import format and nothing of the rest of Sightline."""
