from .document import Document
from .dossier import Dossier, DossierStatus
from .history import AwardRecord, AwardRevocation
from .issued import IssuedDocument, NumberSequence

__all__ = [
    "AwardRecord",
    "AwardRevocation",
    "Document",
    "Dossier",
    "DossierStatus",
    "IssuedDocument",
    "NumberSequence",
]
