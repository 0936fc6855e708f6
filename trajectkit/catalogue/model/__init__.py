"""The catalogue's things as frozen dataclasses, built from schema-valid documents.

Every object keeps its ``source``: the document and the path of its node, so a rule
can point at the exact key or item it is about. One module per kind of thing; they
are all importable from here.
"""

from trajectkit.catalogue.model.base import Source, age_on
from trajectkit.catalogue.model.learners import Attainment, Learner, PriorLearning, School
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
    Certificate,
    Cluster,
    LearningPlace,
    Phase,
    StandardTrajectory,
)
from trajectkit.catalogue.model.workplaces import Address, Mentor, Recognition, Workplace

__all__ = [
    "SCHOOL",
    "SIMULATED",
    "TRAINING_CENTRE",
    "WORKPLACE",
    "Address",
    "Allocation",
    "Attainment",
    "Certificate",
    "Cluster",
    "Competence",
    "EducationalQualification",
    "GeneralEducationGoal",
    "Learner",
    "LearningPlace",
    "Mentor",
    "PartialQualification",
    "Phase",
    "PriorLearning",
    "ProfessionalQualification",
    "QualificationScope",
    "Recognition",
    "School",
    "Source",
    "StandardTrajectory",
    "Workplace",
    "age_on",
]
