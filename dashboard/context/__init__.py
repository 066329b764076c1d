"""Profile, compare and flows pages and the context layers (conflicts, embargoes, marked dates) drawn on every timeline."""
