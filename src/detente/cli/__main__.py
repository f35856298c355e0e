"""``python -m detente.cli``."""

from . import main

main()
