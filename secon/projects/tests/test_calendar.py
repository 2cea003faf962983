import datetime as dt

import pytest

from secon.projects.calendar import add_months, semester_on, semesters
from secon.projects.models import PhaseKind
from secon.tests.factories import make_project

pytestmark = pytest.mark.django_db


def test_add_months_clamps_to_the_end_of_a_short_month():
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2023, 1, 31), 1) == dt.date(2023, 2, 28)
    assert add_months(dt.date(2023, 11, 15), 3) == dt.date(2024, 2, 15)


def test_secon_semesters_follow_the_project_dates():
    project = make_project()
    result = semesters(project)
    assert len(result) == 9
    first, third, last = result[0], result[2], result[-1]
    assert (first.start, first.end) == (dt.date(2023, 3, 1), dt.date(2023, 8, 31))
    assert (result[1].start, result[1].end) == (dt.date(2023, 9, 1), dt.date(2024, 2, 29))
    # The seed: "the third semester runs from 1 March 2024 to 31 August 2024".
    assert (third.number, third.start, third.end) == (3, dt.date(2024, 3, 1), dt.date(2024, 8, 31))
    assert third.report_due == dt.date(2024, 11, 30)
    assert third.phase is not None and third.phase.kind == PhaseKind.CORE
    assert result[6].phase is not None and result[6].phase.kind == PhaseKind.FOLLOW_UP
    # The closure period is shorter than six months and ends with the project.
    assert (last.number, last.start, last.end) == (9, dt.date(2027, 3, 1), dt.date(2027, 5, 31))
    assert last.phase is not None and last.phase.kind == PhaseKind.CLOSURE


def test_semester_length_and_report_delay_are_configuration():
    project = make_project(
        start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31), semester_months=4, report_due_months=2
    )
    result = semesters(project)
    assert [(s.start, s.end) for s in result] == [
        (dt.date(2025, 1, 1), dt.date(2025, 4, 30)),
        (dt.date(2025, 5, 1), dt.date(2025, 8, 31)),
        (dt.date(2025, 9, 1), dt.date(2025, 12, 31)),
    ]
    assert result[0].report_due == dt.date(2025, 6, 30)
    assert result[0].phase is None


def test_semester_on_a_day_and_days_left():
    project = make_project()
    semester = semester_on(project, dt.date(2024, 2, 23))  # the 3rd RSG meeting
    assert semester is not None and semester.number == 2
    assert semester.days_left(dt.date(2024, 2, 23)) == 6
    assert semester_on(project, dt.date(2030, 1, 1)) is None
