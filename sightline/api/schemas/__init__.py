"""What the API sends and receives. Request bodies reuse the shared record schema, so forms,
the API and imports validate with one validator; responses are mapped from the frozen
dataclasses that the records selectors return."""
