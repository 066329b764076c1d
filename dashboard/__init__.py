"""The Arms Transfers Explorer dashboard (Plotly Dash) over the local store."""
