from .catalog import AwardType, LegalRegime
from .document import Document
from .dossier import Dossier, DossierStatus
from .history import AwardRecord
from .issued import IssuedDocument, NumberSequence
from .organisation import Department, Organisation, Period, StaffMember

__all__ = [
    "AwardRecord",
    "AwardType",
    "Department",
    "Document",
    "Dossier",
    "DossierStatus",
    "IssuedDocument",
    "LegalRegime",
    "NumberSequence",
    "Organisation",
    "Period",
    "StaffMember",
]
