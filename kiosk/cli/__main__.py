"""`python -m kiosk.cli`, the same as the `kiosk` command."""

import sys

from . import main

sys.exit(main())
