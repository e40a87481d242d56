## Follow-up completeness: a programme's answers per wave against the target.

follow-up-open = Follow-up
follow-up-title = Follow-up: { $programme }
follow-up-intro = For each measurement plan, how many answers are due, given, overdue and not to be had, and the rate against the target over the weeks since the wave fell due. Below are the people whose answers are missing, with the next step.
follow-up-no-plans = The programme has no measurement plan yet.
follow-up-target = Target
follow-up-nothing-due = No answers have fallen due yet.
follow-up-waves-caption = Answers per wave
follow-up-overdue = Overdue
follow-up-waiting = Waiting
follow-up-not-reachable = Not reachable
follow-up-status-none = Nothing due
follow-up-status-below = Below target
follow-up-status-ok = Meets target
follow-up-over-time-caption = Completion rate by weeks since the wave fell due
follow-up-missing = Missing answers
follow-up-missing-none = No answers are missing.
follow-up-missing-intro = Overdue ones come first. Send a reminder now, give the peer worker a paper copy for the next meeting, or mark the person not reachable with a reason.
follow-up-what = Questionnaire and wave
follow-up-due-since = Fell due
follow-up-days-since = { $n ->
    [one] { $n } day ago
   *[other] { $n } days ago
}
follow-up-state = Status
follow-up-state-overdue = Overdue
follow-up-state-waiting = Waiting for an answer
follow-up-state-expired = The link has expired
follow-up-peer = Peer worker
follow-up-last-step = Last step
follow-up-step-reminder = Reminder sent
follow-up-step-paper_copy = Paper copy handed
follow-up-step-not_reachable = Marked not reachable
follow-up-remind = Send a reminder now
follow-up-by-email = e-mail in { $lang }
follow-up-lang-da = Danish
follow-up-lang-en = English
follow-up-lang-both = Danish and English
follow-up-no-channel = No e-mail address, or the questionnaire cannot be shown on screen: hand a paper copy instead.
follow-up-paper = Paper copy handed to the peer worker
follow-up-print = The questionnaire to print
follow-up-mark-not-reachable = Not reachable …
follow-up-reason = Reason
follow-up-reason-choose = Choose a reason
follow-up-reason-no_response = Does not respond
follow-up-reason-moved = Moved or address unknown
follow-up-reason-declined = Does not want to answer
follow-up-reason-admitted = Admitted or too ill to answer
follow-up-reason-other = Other reason
follow-up-note = Note
follow-up-note-hint = Required with "Other reason". Write only what is needed.
follow-up-not-reachable-submit = Mark not reachable
follow-up-unreachable = Not reachable
follow-up-unreachable-intro = These people have left the list of missing answers but still count as missing in the rate (attrition).
follow-up-person = Person
follow-up-marked = Marked
follow-up-done-reminder = The reminder is in the outbox as an e-mail in { $lang }.
follow-up-done-no-channel = No reminder could be sent: the person has no e-mail address, or the questionnaire cannot be shown on screen. Hand a paper copy instead.
follow-up-done-paper = The paper copy is recorded. Enter the answers from it on the person's measurements.
follow-up-done-not-reachable = The person is marked not reachable.
err-follow-up-note-required = Write a note when the reason is "Other reason".

plan-target = Target completion rate (%)
plan-target-hint = The share of each wave that should be answered. Empty means 80 %.
plan-target-column = Target

## The report's completion section.

rpt-followup = Follow-up completion
rpt-followup-how = The completion rate is answered over due invitations per wave in the measurement plans of this questionnaire. People marked not reachable count as missing. The curve shows the rate by weeks since the wave fell due, so that one sees early whether a wave is heading for the attrition flag.
rpt-followup-none = No invitations have fallen due yet.
rpt-followup-flag = The completion rate is below { $share } for: { $waves }. That is the limit for high attrition in the attrition section.
rpt-followup-below = The completion rate is below target for: { $waves }.
rpt-followup-hidden = Hidden (too few)
rpt-followup-status-flag = High attrition
rpt-followup-status-below = Below target
rpt-followup-status-ok = Meets target
rpt-followup-table = Completion rate per wave
rpt-followup-wave = Wave
rpt-followup-due = Due
rpt-followup-answered = Answered
rpt-followup-rate = Completion rate
rpt-followup-target = Target
rpt-followup-status = Status
rpt-followup-hidden-note = Waves with too few invitations due are hidden (x).
rpt-followup-week = Week { $n }
rpt-followup-target-line = Target ({ $share })
rpt-followup-chart = Completion rate by weeks since the wave fell due
rpt-followup-weeks = Weeks since the wave fell due

