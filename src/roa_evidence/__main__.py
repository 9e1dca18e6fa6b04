"""`python -m roa_evidence`."""

from roa_evidence.cli import main

main()
