"""Semesters computed from a project's dates: number, start, end, phase and report due date."""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from dataclasses import dataclass

from secon.projects.models import Phase, Project


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, _calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Semester:
    number: int
    start: dt.date
    end: dt.date
    phase: Phase | None
    report_due: dt.date

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def days_left(self, today: dt.date) -> int:
        return max((self.end - today).days, 0)


def semesters(project: Project, phases: list[Phase] | None = None) -> list[Semester]:
    """Consecutive periods of `semester_months` from the project's start; the last one ends with the project.

    A semester's report is due `report_due_months` after it ends (three months in Interreg Europe).
    """
    if phases is None:
        phases = list(project.phases.all())
    result: list[Semester] = []
    number, start = 1, project.start
    while start <= project.end:
        end = min(
            add_months(project.start, number * project.semester_months) - dt.timedelta(days=1), project.end
        )
        phase = next((p for p in phases if p.contains(start)), None)
        report_due = add_months(end + dt.timedelta(days=1), project.report_due_months) - dt.timedelta(days=1)
        result.append(Semester(number, start, end, phase, report_due))
        number, start = number + 1, end + dt.timedelta(days=1)
    return result


def semester_on(project: Project, day: dt.date, phases: list[Phase] | None = None) -> Semester | None:
    return next((s for s in semesters(project, phases) if s.contains(day)), None)
