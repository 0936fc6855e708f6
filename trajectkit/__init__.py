"""trajectkit: dual-learning trajectories (standaardtrajecten) as data."""

__version__ = "0.1.0"
