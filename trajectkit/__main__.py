from trajectkit.cli import main

main()
