"""ETL for the SIPRI Arms Transfers Database: readers, transforms and the versioned local store."""
