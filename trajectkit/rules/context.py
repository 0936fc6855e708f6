"""What a rule gets to look at: the catalogue, its graph, the profile, the reference date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from trajectkit.catalogue.catalogue import Catalogue
from trajectkit.catalogue.effective import EffectiveTrajectory, effective_trajectory
from trajectkit.catalogue.model import Learner
from trajectkit.profile import Profile

if TYPE_CHECKING:
    import networkx as nx


@dataclass(frozen=True)
class RuleContext:
    """Read-only input of every rule's `check`."""

    catalogue: Catalogue
    graph: nx.DiGraph
    profile: Profile
    today: dt.date | None = None

    def reference_date(self, learner: Learner) -> dt.date:
        """`today` from the configuration, else the learner's start date."""
        return self.today or learner.start

    def effective(self, learner: Learner) -> EffectiveTrajectory | None:
        """The learner's effective trajectory on the reference date; ``None`` without a
        trajectory whose learning places are all known (a schema error left one out)."""
        trajectory = self.catalogue.trajectories.get(learner.trajectory)
        if trajectory is None or not self.catalogue.intact("StandardTrajectory", trajectory.id, "learning_places"):
            return None
        return effective_trajectory(learner, trajectory, self.reference_date(learner))
