"""chipdb: AI accelerator and rack-system specifications, every number traced to its source.

The public Python API is ``chipdb.peak`` and ``chipdb.ratio`` (see ``chipdb.api``); they are
loaded on first use, so ``import chipdb`` stays cheap for the command line.
"""

__version__ = "0.1.0"
__all__ = ["peak", "ratio", "Peak", "Ratio"]


def __getattr__(name: str):
    if name in __all__:
        from chipdb import api

        return getattr(api, name)
    raise AttributeError(f"module 'chipdb' has no attribute {name!r}")
