from .document import Document
from .dossier import Dossier, DossierStatus
from .history import AwardRecord
from .issued import IssuedDocument, NumberSequence

__all__ = [
    "AwardRecord",
    "Document",
    "Dossier",
    "DossierStatus",
    "IssuedDocument",
    "NumberSequence",
]
