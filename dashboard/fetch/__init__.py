"""Fetching SIPRI's backend from the Data page, as a job."""
