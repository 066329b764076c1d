"""Verify news about arms deals against the register: claims, weapon search, release diffs.

- `names`: how weapon names are compared (case, hyphens, spaces, diacritics, maker prefixes);
- `weapons`: weapon queries (designation or type words) and which deals they match;
- `coverage`: SIPRI's coverage rules, as reference data quoted with their source;
- `claims`: claim text -> parts (supplier, recipient, weapons, quantities, values, stage, years);
- `verdicts`: a verdict per part, with the deals that are its evidence;
- `search`: a weapon across every pair and release;
- `diff`: what changed between two releases;
- `render`: results as text, Markdown and JSON;
- `commands`: the `check`, `search` and `diff` subcommands of `arms-explorer`.
"""
