"""Museum models: vocabularies, artifacts, Spectrum procedures, exhibitions, images."""

from shanyraq.collection.models.artifacts import AccessionCounter, Artifact, Term
from shanyraq.collection.models.exhibitions import Exhibition, ExhibitionArtifact
from shanyraq.collection.models.facets import FacetCell, FacetMembership, FacetState
from shanyraq.collection.models.images import ArtifactImage
from shanyraq.collection.models.procedures import (
    Acquisition,
    ConditionCheck,
    ConditionCheckImage,
    Deaccession,
    InventorySighting,
    InventorySweep,
    LoanIn,
    LoanOut,
    Movement,
    ObjectEntry,
)

__all__ = [
    "AccessionCounter",
    "Acquisition",
    "Artifact",
    "ArtifactImage",
    "ConditionCheck",
    "ConditionCheckImage",
    "Deaccession",
    "Exhibition",
    "ExhibitionArtifact",
    "FacetCell",
    "FacetMembership",
    "FacetState",
    "InventorySighting",
    "InventorySweep",
    "LoanIn",
    "LoanOut",
    "Movement",
    "ObjectEntry",
    "Term",
]
