# Supervision and wellbeing.

nav-supervision = Supervision
nav-wellbeing = Wellbeing

supervision-intro = Peer workers need professional supervision by a more experienced peer (a colleague, an external supervisor from another organisation or a peer network) and managerial supervision by a manager.
supervision-overview = Who is due for supervision
supervision-overview-caption = Supervision per peer worker and kind
supervision-plan = Plan supervision
supervision-plan-intro = Choose the kind, format, time (Danish time), supervisor and the peer workers invited.
supervision-chart-title = Share of peer workers supervised on time (per cent)
supervision-chart-line = { $kind }: { $on_time } on time, { $overdue } overdue
supervision-sort = Sort by
supervision-sort-overdue = overdue first
supervision-sort-due = next due date
supervision-sort-name = name
supervision-none = No active peer workers.
supervision-peer = Peer worker
supervision-kind = Kind
supervision-format = Format
supervision-supervisor = Supervisor
supervision-last = Last supervision
supervision-frequency = Requirement
supervision-due = Next due
supervision-state = Status
supervision-state-overdue = Overdue
supervision-state-on_time = On time
supervision-state-none = No requirement
supervision-every-weeks = { $count ->
    [one] every week
   *[other] every { $count } weeks
}
supervision-minutes = { $count } minutes
supervision-requirements = Supervision required per role
supervision-requirements-intro = How often a peer worker in the role must have each kind of supervision. When a peer holds several roles, the strictest requirement applies.
supervision-every-label = Weeks between sessions
supervision-sessions = Supervision sessions
supervision-no-sessions = No sessions yet.
supervision-supervisees = Your supervisees
supervision-led = Sessions you lead
supervision-own = Your own supervision
supervision-nothing = There is no supervision for you to see here.
supervision-from = From
supervision-to = To
supervision-date = Date
supervision-time = Time
supervision-duration = Duration (minutes)
supervision-invited = Peer workers invited
supervision-status = Status
supervision-attendance = Attendance
supervision-attendees = Attendees and attendance
supervision-attended = Attended
supervision-present = attended
supervision-absent = did not attend
supervision-topics = Topics
supervision-note = Note
supervision-confidential = The note of professional supervision is confidential between the supervisor and the peer workers who attended. Managers (administrators and coordinators) can never see it – not here, not in the API, not in exports. They see only that the session took place, its date, kind, attendance and topics.
supervision-managerial-note = The note of managerial supervision can be seen by the managers, the supervisor and the peer worker.
supervision-note-withheld = The note is confidential and not shown to you.
supervision-session-title = Supervision { $date }
supervision-peer-title = Supervision of { $name }
supervision-no-relations = No supervisor has been assigned yet.
supervision-external = External
supervision-assign = Assign a supervisor
supervision-assign-intro = Choose a colleague or manager of the organisation, or give an external supervisor. The new supervisor takes over from the previous one of the same kind from today.
supervision-member = Colleague or manager
supervision-external-legend = Or an external supervisor (professional supervision only)
supervision-external-hint = Gets an account with no access to the organisation: it sees only its supervisees and their supervision.
supervision-external-created = The external supervisor's account has been created. Pass on this one-time password securely; it is shown only now:

supkind-professional = Professional supervision
supkind-managerial = Managerial supervision
supformat-individual = Individual
supformat-group = Group
supstatus-planned = Planned
supstatus-held = Held
supstatus-cancelled = Cancelled
suptopic-role_clarity = Unclear role and expectations
suptopic-loyalty = Loyalty (to participant or organisation)
suptopic-boundaries = Boundaries
suptopic-stress = Stress
suptopic-disclosure = Disclosing one's illness
suptopic-patient_to_employee = From patient to employee
suptopic-other = Other

err-supervision-duration = Give a duration between 1 and 480 minutes.
err-supervisees = Choose at least one of the organisation's peer workers.
err-supervision-individual = Individual supervision is for one peer worker; choose group for more.
err-every-weeks = Give a number of weeks between 1 and 52.
err-supervisor = Choose a supervisor who can give this kind of supervision.
err-external-professional = An external supervisor can give professional supervision only.
err-scale = Give a number from 0 to 10.

wellbeing-intro = A short, voluntary check of how you are doing in the role. Your answers are private: only you see them, unless you choose to share one with your professional supervisor. Managers see only totals for at least five people.
wellbeing-new = New wellbeing check-in
wellbeing-stress = Stress
wellbeing-stress-low = no stress
wellbeing-stress-high = very stressed
wellbeing-role_clarity = Role clarity
wellbeing-role_clarity-low = completely unclear
wellbeing-role_clarity-high = completely clear
wellbeing-support = Support
wellbeing-support-low = no support
wellbeing-support-high = well supported
wellbeing-note = In your own words
wellbeing-note-hint = Optional.
wellbeing-share = Share this answer with my professional supervisor
wellbeing-save = Save check-in
wellbeing-history = Your check-ins
wellbeing-none = No check-ins yet.
wellbeing-when = Time
wellbeing-shared = Sharing
wellbeing-is-shared = Shared with supervisor.
wellbeing-is-private = Private.
wellbeing-unshare = Stop sharing
wellbeing-do-share = Share
wellbeing-trend-title = Your answers over time (0–10)
wellbeing-trend-caption = Stress (solid line), role clarity (dashed) and support (dotted). The numbers are also in the table.
wellbeing-shared-with-me = Shared with you by your supervisees
wellbeing-shared-link = Wellbeing check-ins your supervisees have shared with you
wellbeing-shared-none = Nobody has shared a wellbeing check-in with you.
wellbeing-aggregates = Wellbeing per month
wellbeing-aggregates-intro = Managers see totals only. A month in which fewer than five people answered is not shown (suppressed), so that no individual can be recognised. No total across months is shown.
wellbeing-month = Month
wellbeing-check-ins = Check-ins
wellbeing-people = People
wellbeing-suppressed = Suppressed: fewer than five people
my-wellbeing-link = How are you doing? Take a short wellbeing check-in

msg-supervision-reminder-subject = Supervision reminder
msg-supervision-reminder-body = Hello. { $name } was due for { $kind ->
    [professional] professional
   *[managerial] managerial
} supervision by { $due }. Please arrange a time.
