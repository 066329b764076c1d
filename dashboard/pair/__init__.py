"""The pair page: its view from the link or the controls, figures, deal register, the other release's overlay and column."""
