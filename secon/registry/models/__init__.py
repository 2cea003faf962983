"""The registry: organisations and their statuses, people and their affiliations, consents, RSG membership.

Every organisation and person belongs to one partner (the region whose registry holds it); partners
never see each other's records. One module per concept; this package exports them all, so callers
import from `secon.registry.models`.
"""

from .consents import (
    ConsentQuerySet,
    ConsentRecord,
    ConsentSource,
    LegalBasis,
    Purpose,
)
from .imports import (
    IMPORT_FINISHED,
    IMPORT_WORKING,
    ImportBatch,
    ImportFileStorage,
    ImportKind,
    ImportStatus,
    import_file_storage,
)
from .join import (
    JoinRequest,
    JoinRequestQuerySet,
    JoinRequestStatus,
)
from .memberships import (
    MembershipQuerySet,
    MembershipRole,
    RsgMembership,
)
from .organisations import (
    Organisation,
    OrganisationIdentifier,
    OrganisationQuerySet,
    OrganisationStatus,
    SearchableQuerySet,
    membership_state,
)
from .people import (
    Affiliation,
    Person,
    PersonQuerySet,
    PersonRole,
    PersonRoleAssignment,
)
from .reference import (
    HelixCategory,
    OrganisationType,
    StatusType,
    Theme,
)

__all__ = [
    "IMPORT_FINISHED",
    "IMPORT_WORKING",
    "Affiliation",
    "ConsentQuerySet",
    "ConsentRecord",
    "ConsentSource",
    "HelixCategory",
    "ImportBatch",
    "ImportFileStorage",
    "ImportKind",
    "ImportStatus",
    "JoinRequest",
    "JoinRequestQuerySet",
    "JoinRequestStatus",
    "LegalBasis",
    "MembershipQuerySet",
    "MembershipRole",
    "Organisation",
    "OrganisationIdentifier",
    "OrganisationQuerySet",
    "OrganisationStatus",
    "OrganisationType",
    "Person",
    "PersonQuerySet",
    "PersonRole",
    "PersonRoleAssignment",
    "Purpose",
    "RsgMembership",
    "SearchableQuerySet",
    "StatusType",
    "Theme",
    "import_file_storage",
    "membership_state",
]
