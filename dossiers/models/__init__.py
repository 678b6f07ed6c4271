from .catalog import AwardType, LegalRegime
from .document import Document
from .dossier import Dossier, DossierStatus
from .history import AwardRecord, AwardRevocation
from .issued import IssuedDocument, NumberSequence
from .organisation import Department, Organisation, Period, StaffMember
from .regulation import DisciplineEndedInYear, LegalText, SchoolRegulation, regulation_in_force

__all__ = [
    "AwardRecord",
    "AwardRevocation",
    "AwardType",
    "Department",
    "DisciplineEndedInYear",
    "Document",
    "Dossier",
    "DossierStatus",
    "IssuedDocument",
    "LegalRegime",
    "LegalText",
    "NumberSequence",
    "Organisation",
    "Period",
    "SchoolRegulation",
    "StaffMember",
    "regulation_in_force",
]
