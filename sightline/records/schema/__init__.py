"""The shared event schema: one validator per event kind, used alike by forms, the API and
imports. Pure Python and pydantic; no Django, so it can be tested and reused anywhere."""
