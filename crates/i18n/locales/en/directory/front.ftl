# The start page's work queues: what is waiting for the user.
queue-referrals = Referrals waiting for intake
queue-longest-waits = Longest waits on the waiting list
queue-no-consent = Waiting without consent to peer support
queue-offers-waiting = Offers waiting for the peer worker's answer
queue-quiet-courses = Courses with no session held for 3 weeks
queue-consents-expiring = Consents running out within 30 days
queue-agreements-expiring = Partnership agreements running out within 30 days
queue-follow-up-overdue = Follow-up answers overdue
queue-certificates-expiring = Certificates running out within 60 days
queue-supervision-overdue = Peer workers overdue with supervision
queue-applications = Postings with applications waiting
queue-failed-messages = Messages that could not be sent
queue-my-offers = Offers for you to answer
queue-my-schedule = Today and tomorrow
queue-my-to-log = Sessions and meetings still to be logged
queue-questionnaires-due = Questionnaires due soon
queue-my-supervision = Your supervision
queue-caseload = Your participants
queue-supervisees-due = Supervision due soon or overdue
queue-sessions-to-record = Supervision sessions without notes
queue-more = { $n ->
    [one] and 1 more
   *[other] and { $n } more
}
queue-count = { $n ->
    [one] 1 waiting
   *[other] { $n } waiting
}
queue-waiting-days = { $days ->
    [0] waiting since today
    [one] has waited 1 day
   *[other] has waited { $days } days
}
queue-on = on { $date }
queue-overdue-since = Overdue – was due { $date }
queue-nothing = Nothing is waiting for you right now. Have a good day!
queue-badge = things waiting on the start page
queue-calendar = Your calendar
queue-priority = Priority
queue-handover = Handover
