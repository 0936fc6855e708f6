"""The catalogue's things as frozen dataclasses, built from schema-valid documents.

Every object keeps its ``source``: the document and the path of its node, so a rule
can point at the exact key or item it is about. One module per kind of thing; they
are all importable from here.
"""

from trajectkit.catalogue.model.base import Source, age_on
from trajectkit.catalogue.model.learners import Attainment, Learner, PriorLearning, School
from trajectkit.catalogue.model.placements import (
    Adjustment,
    Agreement,
    BlockWeek,
    Guardian,
    Placement,
    RhythmSlot,
    TrainingCentre,
)
from trajectkit.catalogue.model.progress import (
    Evaluation,
    EvaluationMoment,
    EvaluationResult,
    PlanVersion,
    Signatures,
    current_version,
)
from trajectkit.catalogue.model.providers import Coach, Offer, Provider
from trajectkit.catalogue.model.qualifications import (
    Competence,
    EducationalQualification,
    GeneralEducationGoal,
    PartialQualification,
    ProfessionalQualification,
    QualificationScope,
)
from trajectkit.catalogue.model.trajectories import (
    SCHOOL,
    SIMULATED,
    TRAINING_CENTRE,
    WORKPLACE,
    Allocation,
    Approval,
    Certificate,
    Cluster,
    LearningPlace,
    Phase,
    StandardTrajectory,
)
from trajectkit.catalogue.model.workplaces import ACTIVE, Address, Derogation, Mentor, Recognition, Workplace

__all__ = [
    "ACTIVE",
    "SCHOOL",
    "SIMULATED",
    "TRAINING_CENTRE",
    "WORKPLACE",
    "Address",
    "Adjustment",
    "Agreement",
    "Allocation",
    "Approval",
    "Attainment",
    "BlockWeek",
    "Certificate",
    "Cluster",
    "Coach",
    "Competence",
    "Derogation",
    "EducationalQualification",
    "Evaluation",
    "EvaluationMoment",
    "EvaluationResult",
    "GeneralEducationGoal",
    "Guardian",
    "Learner",
    "LearningPlace",
    "Mentor",
    "Offer",
    "PartialQualification",
    "Phase",
    "Placement",
    "PlanVersion",
    "PriorLearning",
    "ProfessionalQualification",
    "Provider",
    "QualificationScope",
    "Recognition",
    "RhythmSlot",
    "School",
    "Signatures",
    "Source",
    "StandardTrajectory",
    "TrainingCentre",
    "Workplace",
    "age_on",
    "current_version",
]
