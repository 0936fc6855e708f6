"""trajectkit: dual-learning trajectories (standaardtrajecten) as data."""

__version__ = "0.1.0"

#: A run stopped by Ctrl-C (SIGINT): its one line on standard error, and its exit
#: status, 128 + 2 as shells report it. Here, so the entry point can print it before
#: anything else is imported.
INTERRUPTED = "trajectkit: interrupted"
INTERRUPTED_EXIT = 130
