"""Check, search and diff over the provider's tables, with the work prepared once per release generation."""
