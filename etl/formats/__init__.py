"""One reader per SIPRI export layout: raw bytes -> raw frame, no cleaning."""
