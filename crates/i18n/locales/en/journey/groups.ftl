# Group courses and open events.

nav-groups = Groups
groups-intro = Group courses with enrolled participants, and open events such as the recovery café. Meetings are shown in Danish time.
groups-new = New group
groups-edit = Edit group
groups-form-intro = A group course has enrolled participants and attendance per meeting. An open event has no enrolment; only how many came is counted, without names.
groups-no-rate = nothing recorded

group-name = Name
group-kind = Type
group-next-meeting = Next meeting
group-enrolled = Enrolled
group-status = Status
group-description = Description
group-programme = Programme
group-mode = Mode
group-place = Place
group-capacity = Places
hint-group-capacity = Leave empty if there is no limit.
group-no-capacity = no limit
group-minutes =
    { $n ->
        [one] { $n } minute
       *[other] { $n } minutes
    }
group-head-count-n =
    { $n ->
        [one] { $n } person
       *[other] { $n } people
    }
group-places-left =
    { $n ->
        [0] There are no places left.
        [one] There is { $n } place left.
       *[other] There are { $n } places left.
    }
group-attended-of = { $n } of { $of }
group-chart-meetings = Attendance per meeting in per cent
group-chart-head-counts = People per event
group-chart-members = Attendance per participant in per cent
group-when = When
group-duration = Duration
group-note = Note
group-attendance = Attendance
group-open-event-note = An open event: anyone may come without enrolling, and only an anonymous head count is recorded.
group-facilitators = Facilitators
group-no-facilitators = No facilitators yet.
group-choose-facilitators = Peer workers who facilitate the group
group-save-facilitators = Save facilitators
group-meetings = Meetings
group-local-time = Times are Danish time.
group-no-meetings = No meetings planned yet.
group-head-count = Head count
group-plan-meeting = Plan a meeting
group-date = Date
group-time = Time
hint-group-time = Danish time, e.g. 17:00.
group-duration-minutes = Duration in minutes
group-meeting-place = Place of this meeting
hint-group-meeting-place = Only if the meeting is held somewhere other than the group's usual place.
group-members = Enrolled participants
group-pseudonyms-only = As a facilitator you see the participants' pseudonyms, not their names or contact details.
group-no-members = No participants are enrolled.
group-pseudonym = Pseudonym
group-participant-name = Name
group-enrolled-on = Enrolled
group-left-on = Left
group-attended = Attended
group-rate = Attendance in per cent
group-leave = Remove
group-enrol = Enrol a participant
group-full = The group is full.
group-participant = Participant
group-meeting-cancelled = The meeting is cancelled.
group-who-came = Who came?
hint-group-head-count = A number only. No names.
group-save-attendance = Save attendance
group-cancel-meeting = Cancel the meeting

gkind-course = Group course
gkind-open_event = Open event
gstatus-planned = Planned
gstatus-running = Running
gstatus-ended = Ended
mstatus-planned = Planned
mstatus-held = Held
mstatus-cancelled = Cancelled

err-capacity = Enter a number of places from 1 to 200.
err-head-count = Enter a number from 0 to 10000.
err-group-full = The group is full. There are no places left.
err-open-event = Nobody enrols in an open event.
err-not-enrolled = Only enrolled participants can be recorded as present.
err-facilitator = Choose peer workers of your own organisation.
err-group-kind-fixed = The type cannot change once the group has meetings or enrolments.
err-meeting-cancelled = The meeting is cancelled. Attendance cannot be recorded.
err-course-attendance = Record attendance for each enrolled participant, not a head count.
err-attendance-either = Give either the participants who came or a head count, not both.
err-duration = Enter a duration from 1 to 720 minutes.
err-time = Enter a time as HH:MM, e.g. 17:00.
