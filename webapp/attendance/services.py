"""Attendance verbs, one import away: reading weeks (`reading`), changing them (`changing`)
and the coach's flags, month and report (`reports`)."""

from .changing import (  # noqa: F401
    MAX_MINUTES,
    REASON_LENGTH,
    Outcome,
    change_day,
    check_in,
    confirm_week,
    correct_day_as_coach,
    report_absence,
)
from .reading import (  # noqa: F401
    AttendanceError,
    build_weeks,
    open_mondays,
    participant_weeks,
    placement_for_viewer,
    placement_of_supervisor,
    recent_confirmed_weeks,
    supervisor_backlog,
    supervisor_weeks,
    week_for_supervisor,
)
from .reports import (  # noqa: F401
    ABSENCE_PATTERN,
    ABSENCE_WINDOW_DAYS,
    Flags,
    Month,
    PlacementMonth,
    caseload_flags,
    monthly_report,
    parse_month,
    participant_calendar,
    placement_months,
)
