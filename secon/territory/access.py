"""The only way a view gets a service area: the partner rule of the shared access gate.

NUTS regions and TERYT units are public reference data and need no gate.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404

from secon.core.access import check_partner_access, register_access
from secon.territory.models import ServiceArea

if TYPE_CHECKING:
    from secon.accounts.models import User


def get_service_area_for_user(user: User, pk: int | str, *, write: bool = False) -> ServiceArea:
    area = ServiceArea.objects.select_related("partner").filter(pk=pk).first()
    if area is None:
        raise Http404
    return check_partner_access(user, area, write=write)


register_access(ServiceArea, get_service_area_for_user)
