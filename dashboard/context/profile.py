"""The profile's view with its context layers (conflicts, embargoes, marked dates), which its
link keeps too. A module of its own: Dash imports page modules in a way dataclasses cannot
inspect, so the class cannot live in `pages/profile.py`."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from dashboard.context.view import ProfileView
from dashboard.viewstate import DEFAULT_CONTEXT


@dataclass(frozen=True)
class ProfileContextView(ProfileView):
    """The profile's view with its context layers, which its link keeps too."""

    context: tuple[str, ...] = DEFAULT_CONTEXT
    marks: str = ""

    def query_string(self) -> str:
        return super().query_string() + "&" + urlencode([("context", ",".join(self.context) or "none"),
                                                         ("marks", self.marks)])
