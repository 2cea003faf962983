"""What the dashboard shows: whose work plan (one partner or all of them) and the coming deadlines."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.http import Http404, QueryDict
from django.utils.translation import gettext as _

from secon.core.converters import parse_id
from secon.projects.access import get_partner_for_user
from secon.projects.calendar import Semester
from secon.projects.models import Partner, Project, WorkItem, WorkItemKind, WorkItemQuerySet

if TYPE_CHECKING:
    from secon.accounts.models import User

ALL_PARTNERS = "all"


@dataclass(frozen=True)
class Deadline:
    date: dt.date
    label: str
    item: WorkItem | None = None


def dashboard_partner(user: User, project: Project, query: QueryDict) -> Partner | None:
    """The partner whose dashboard to show, or None for every partner.

    Staff see their own partner whatever the address says. Who sees all partners picks one with
    `?partner=<id>` or all with `?partner=all`; without a choice they see their own partner, and a
    platform admin, who belongs to none, sees all of them rather than whichever partner comes first.
    """
    wanted = query.get("partner", "")
    if not user.sees_all_partners:
        return user.partner if user.partner_id else project.lead_partner
    if wanted == ALL_PARTNERS or (not wanted and not user.partner_id):
        return None
    if wanted:
        partner_id = parse_id(wanted)
        if partner_id is None:
            raise Http404
        return get_partner_for_user(user, partner_id)
    return user.partner


def _tracks_report(item: WorkItem, semester: Semester) -> bool:
    """A deliverable of the semester due after it ends, by the report's date, is that semester's report."""
    return (
        item.kind == WorkItemKind.DELIVERABLE
        and item.semester == semester.number
        and semester.end < item.due_date <= semester.report_due
    )


def upcoming_deadlines(
    items: WorkItemQuerySet,
    all_semesters: list[Semester],
    *,
    today: dt.date,
    report_horizon: dt.date,
    item_horizon: dt.date,
    one_partner: bool,
) -> list[Deadline]:
    """The semester reports due by `report_horizon` and the open items due by `item_horizon`, by date.

    A partner who put the report into the work plan sees it once, as their item (with its owner and its
    link), not a second time as the calendar's reminder. Across all partners the reminder stays: it is
    the project's date, and the partners' own report items are theirs.
    """
    due_reports = [s for s in all_semesters if today <= s.report_due <= report_horizon]
    tracked: set[int] = set()
    if one_partner and due_reports:
        numbers = [s.number for s in due_reports]
        candidates = items.filter(kind=WorkItemKind.DELIVERABLE, semester__in=numbers)
        by_number = {s.number: s for s in due_reports}
        tracked = {item.semester for item in candidates if _tracks_report(item, by_number[item.semester])}
    deadlines = [
        Deadline(s.report_due, _("Progress report for semester %(number)s") % {"number": s.number})
        for s in due_reports
        if s.number not in tracked
    ]
    open_items = items.open().due_between(today, item_horizon)
    deadlines += [
        Deadline(
            item.due_date,
            item.display_title if one_partner else f"{item.partner.short_name}: {item.display_title}",
            item,
        )
        for item in open_items
    ]
    return sorted(deadlines, key=lambda d: d.date)


def partner_items(user: User, partner: Partner | None) -> WorkItemQuerySet:
    """The work plan of one partner, or of every partner (only for those who see all of them)."""
    items = WorkItem.objects.select_related("owner", "partner")
    if partner is not None:
        return items.for_partner(partner)
    return items if user.sees_all_partners else items.none()
