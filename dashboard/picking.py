"""Entity pickers that pick the actor meant: "Turkey" + Enter is Turkiye the state, not PKK (Turkiye).

Dash's dropdown filters its options by substring and, on Enter, takes the first one left. So:
- the options are sent in an order where every entity comes before the others whose names
  contain one of its exact names ("UK" is United Kingdom's alias and inside "Ukraine": United
  Kingdom first), then by type, then by name (`ordered_options`): right even for an Enter
  pressed before anything else runs;
- as the user types, the browser puts them in the full order (`arms.rankOptions` in
  assets/app.js, no request), by this rule:
1. an exact name: display name, SIPRI's name in any release, an alias users type, ISO3 or id
   (case, accents and punctuation ignored, as `EntityResolver.resolve` compares them);
2. then the entity's type: states, historical states, organisations, non-state actors, unknown;
3. then names that start with the typed text before those that only contain it;
4. then the list's own (alphabetical) order.
`entity_ranks` gives the browser what it needs for that rule, once per page.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence
from typing import Any

from dash import ClientsideFunction, Input, Output, State, clientside_callback

from etl.entities import EntityResolver, name_words

TYPE_ORDER = ("state", "historical_state", "organisation", "non_state_actor", "unknown", "unclassified")


def type_rank(resolver: EntityResolver, entity_id: str) -> int:
    kind = resolver.entity_type(entity_id)
    return TYPE_ORDER.index(kind) if kind in TYPE_ORDER else len(TYPE_ORDER)


def ordered_options(resolver: EntityResolver, options: Sequence[dict[str, str]]) -> list[dict[str, str]]:
    """The options with each entity before every other whose words contain one of its exact
    names, otherwise states first, then by label (a topological order; a cycle, if the names
    ever make one, is broken at the first entity by type and label)."""
    keys = resolver.match_keys()
    by_id = {o["value"]: o for o in options}
    words = {
        i: "\x00".join(w for text in (o["label"], o.get("search", ""), i) for w in name_words(text))
        for i, o in by_id.items()
    }
    after: dict[str, set[str]] = {i: set() for i in by_id}
    before = {i: 0 for i in by_id}
    for i in by_id:
        iso3 = (resolver.iso3(i) or "").casefold()
        for key in keys.get(i, ()):
            # ISO3 codes sit inside other names by chance ("gha" in Afghanistan): not a reason to move.
            if len(key) < 2 or key == iso3:
                continue
            for j, blob in words.items():
                if j != i and j not in after[i] and key in blob:
                    after[i].add(j)
                    before[j] += 1
    priority = {i: (type_rank(resolver, i), o["label"].casefold(), i) for i, o in by_id.items()}
    ready = [priority[i] for i in by_id if before[i] == 0]
    heapq.heapify(ready)
    done: list[str] = []
    left = set(by_id)
    while left:
        if not ready:  # a cycle: take the first of what is left
            heapq.heappush(ready, min(priority[i] for i in left))
        entity_id = heapq.heappop(ready)[2]
        if entity_id not in left:
            continue
        left.discard(entity_id)
        done.append(entity_id)
        for j in after[entity_id]:
            before[j] -= 1
            if before[j] == 0 and j in left:
                heapq.heappush(ready, priority[j])
    return [by_id[i] for i in done]


def entity_ranks(resolver: EntityResolver, options: Sequence[dict[str, str]]) -> dict[str, list[Any]]:
    """entity_id -> [position in `options`, type rank, exact keys] for the browser's ranking."""
    keys = resolver.match_keys()
    out: dict[str, list[Any]] = {}
    for index, option in enumerate(options):
        entity_id = option["value"]
        out[entity_id] = [index, type_rank(resolver, entity_id), list(keys.get(entity_id, ()))]
    return out


def ranked_picker_callbacks(dropdown_ids: Iterable[str], ranks_store_id: str) -> None:
    """Registers the browser-side ranking for each entity dropdown (see the module's rule)."""
    for dropdown in dropdown_ids:
        clientside_callback(
            ClientsideFunction(namespace="arms", function_name="rankOptions"),
            Output(dropdown, "options", allow_duplicate=True),
            Input(dropdown, "search_value"),
            State(dropdown, "options"),
            State(ranks_store_id, "data"),
            prevent_initial_call=True,
        )
