"""Context beside SIPRI's figures, never summed with them: armed conflicts (UCDP/PRIO) and arms
embargoes (a reviewed file we author). `ucdp` reads and derives the conflict-years, `embargoes`
the embargo file, `events` the one question both answer: what happened to these entities in
these years."""
