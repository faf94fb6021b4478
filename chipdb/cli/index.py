"""Which module registers each top-level command, in the order ``chipdb --help`` lists them.

The entry point imports only the module named here for the command being run, so start-up stays
fast. A command missing from this index still works (every module in ``chipdb/cli/`` is then
loaded), and ``tests/cli/test_registry.py`` fails until it is listed: this index must equal the
registrations the modules make (``_app.REGISTERED``); ``python -m chipdb.cli.index`` prints them."""

COMMANDS = {
    "list": "browse", "show": "browse", "sources": "browse", "formats": "browse",
    "trace": "analyze", "ratio": "analyze", "compare": "analyze",
    "claims": "claimcmd", "check": "claimcmd",
    "controls": "controls",
    "identify": "runtime", "measure": "runtime",
    "plot": "plot",
    "history": "data", "audit": "data",
    "import": "data", "export": "data",
    "seed": "admin", "db": "admin",
    "site": "publish",
}

if __name__ == "__main__":
    from chipdb.cli.app import load_commands
    from chipdb.cli._app import REGISTERED

    load_commands()
    print({name: module.rsplit(".", 1)[1] for name, module in REGISTERED.items()})
