

def command_params():
    """("claims add", param) for every parameter of every chipdb command, sub-commands included."""
    from typer.main import get_command

    from chipdb.cli.app import load_commands

    def walk(group, path):
        for name, cmd in group.commands.items():
            if hasattr(cmd, "commands"):
                yield from walk(cmd, (*path, name))
                continue
            for param in cmd.params:
                yield " ".join((*path, name)), param

    return list(walk(get_command(load_commands()), ()))
