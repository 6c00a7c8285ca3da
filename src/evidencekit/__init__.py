"""evidencekit: complaint evidence into one hashed, sealed, verifiable PDF dossier."""

__version__ = "0.1.0"
