### Dates held against what they describe: meetings and sessions that have begun, courses that
### are over, the period of a course of support and sensible periods for consents and agreements.

## Validation (form fields and API)

err-date-too-early = The date is more than 10 years ago. Check the year.
err-date-too-late = The date is more than 10 years ahead. Check the year.
err-meeting-not-begun = The meeting has not begun yet. Attendance can be recorded once the meeting is under way.
err-supervision-not-begun = The supervision session has not begun yet. It can be marked held, and attendance recorded, once it is under way.
err-cohort-not-over = The cohort's last meeting is not over yet. The course can be recorded as completed, and the certificate issued, after the last meeting.
err-attendance-rule = Attendance is too low to complete the course: the participant must have attended at least the share of the cohort's meetings the course asks (see the attendance required on the course).
err-session-before-course = The date is before the course of support was agreed. A session must lie within the course's period.
err-session-after-course = The date is after the course of support ended. A session must lie within the course's period.

## Guidance by the forms

hint-training-attendance-begun = Attendance can be recorded for the meetings that have begun.
hint-training-completion-rule = The course can be recorded as completed after the cohort's last meeting, when the peer worker was present at no less than 75 % of the meetings. Not completed can be recorded at any time.
