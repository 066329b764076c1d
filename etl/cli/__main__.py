"""`python -m etl.cli`: the `arms-explorer` command."""

import sys

from etl.cli.entry import main

sys.exit(main())
