"""`python -m roa_evidence`."""

from roa_evidence.console import main

main()
