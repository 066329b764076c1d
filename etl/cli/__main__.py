"""`python -m etl.cli`: the `arms-explorer` command."""

import sys

from etl.cli.app import main

sys.exit(main())
