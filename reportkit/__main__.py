from reportkit.cli import program

program()
