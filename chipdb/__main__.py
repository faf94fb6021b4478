from chipdb.cli.app import main

main()
