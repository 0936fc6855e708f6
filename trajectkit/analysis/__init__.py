"""What the commands compute, as plain data: one module per command, and who can go where."""
