"""chipdb: AI accelerator and rack-system specifications, every number traced to its source."""

__version__ = "0.1.0"
