# Courses, wishes, matching, sessions, goals and the peer worker's own page.

nav-my = My courses
courses-and-wishes = Courses and wishes
courses-of = Courses and wishes: { $name }
courses-history = Courses
courses-none = No courses yet.
courses-not-opened = Courses without a link can be opened only by the organisation that runs them (its coordinators and administrators) and by the course's own peer worker.

## Wishes for a peer
wishes-title = Wishes for a peer worker
wishes-intro = What the participant wishes of their peer worker. Used when a match is proposed. Write the goals in the participant's own words.
wishes-none = No wishes recorded.
wishes-edit = Edit wishes
wish-topics = Areas of lived experience the peer may share
wish-peer-gender = Preferred gender of the peer worker
wish-no-preference = No preference
wish-locality = Area
wish-max-distance = Greatest distance (km) for meeting in person
wish-availability = When it suits
wish-goals = Goals in the participant's own words
wish-excluded = Must not be matched with (e.g. conflict of interest)
wish-waiting-since = On the waiting list since
wish-priority = Priority
field-lat = Latitude
field-lon = Longitude
hint-location = Decimal degrees, e.g. 55.676 and 12.568. Used only to work out distance.
hint-availability = Day and hours, e.g. "mon 9-12, wed 13-16" (mon, tue, wed, thu, fri, sat, sun).

topic-anxiety = Anxiety
topic-depression = Depression
topic-bipolar = Bipolar disorder
topic-psychosis = Psychosis and schizophrenia
topic-eating_disorder = Eating disorder
topic-personality_disorder = Personality disorder
topic-ocd = OCD
topic-trauma = Trauma and PTSD
topic-self_harm = Self-harm
topic-suicidality = Suicidal thoughts
topic-substance_use = Substance use
topic-neurodevelopmental = ADHD and autism
topic-loneliness = Loneliness
topic-grief = Grief
topic-admission = Admission and coercion
topic-relative = Relatives

## The peer worker's profile
profile-link = Matching profile
profile-title = Matching profile: { $name }
profile-edit = Edit matching profile
profile-topics = My areas of lived experience
profile-consent = I consent to my areas of lived experience being stored and used to match me with participants. Only coordinators can see them. I can withdraw my consent, and they are then deleted.
profile-consent-at = Consent given
profile-no-consent = No consent: no areas stored
profile-presentation = About my background
profile-not-disclosed = Not shared
profile-disclosure = Who may see my background
profile-capacity = Participants at a time
profile-capacity-of = { $open } under way of { $capacity }
profile-form-intro = Areas of lived experience and the consent to them can only be changed by the peer worker.
profile-form-intro-own = You decide whether your areas of lived experience are stored, and who may see your background.
profile-note-own = Your own profile. Coordinators see your areas of lived experience; others see your background as you choose.
profile-note-coordinator = Areas of lived experience are health data, stored with the peer worker's consent. Used only for matching.
profile-note-colleague = You see what the peer worker has chosen to share with colleagues.
hint-presentation = In your own words: what you want to tell about your background.
disclosure-participants = Participants and colleagues
disclosure-colleagues = Colleagues only
disclosure-none = Nobody

## Matching
matching-open = Propose matches
matching-title = Matching proposal: { $name }
matching-intro = The proposal matches as many participants as possible and then has the highest total score. Adjust the choice for each participant, and approve. Each peer worker then gets the offer and answers yes or no.
matching-summary = { $matched } of { $waiting } waiting participants get a proposal.
matching-empty = No participant on the waiting list is ready for matching.
matching-peer = Peer worker
matching-not-now = Not now
matching-score = Score
matching-unmatched = Not matched, because:
matching-approve = Approve and send offers
matching-not-ready = Waiting, but cannot be matched yet
matching-peers = Peer workers and free places
matching-free = Free places
matching-waited = Has waited { $days } days
score-topics = Shared experience
score-availability = Times
score-distance = Distance
score-waiting = Waiting time
score-continuity = Known peer
match-reason-capacity_taken_by_better_matches = The places went to better matches
match-reason-no_peers = No peer workers
match-reason-no_shared_language = No shared language
match-reason-no_shared_mode = No shared way of meeting
match-reason-gender_preference = Preferred gender
match-reason-excluded = Excluded
match-reason-location_unknown = Unknown place for meeting in person
match-reason-too_far = Too far away
match-reason-training = Lacks required training
match-reason-no_capacity = No free place
not-ready-no_support_consent = No consent to peer support
not-ready-no_languages = No language recorded

## Courses
course-title = Course: { $name }
course-awaiting-peer = Awaiting the peer worker's answer
course-status-planned = Planned
course-status-active = Under way
course-status-paused = Paused
course-status-ended = Ended
end-reason-goals_reached = Goals reached
end-reason-other_support = Moved on to other support
end-reason-dropped_out = Dropped out
end-reason-moved = Moved away
end-reason-handover = Handed over
end-reason-peer_declined = The peer worker declined
end-reason-consent_withdrawn = Consent withdrawn
end-reason-other = Other
course-started = Started
course-ended = Ended
course-match-score = Match score
course-decline-reason = Reason for declining
course-handover-note = Handover
course-manage = Manage the course
course-start = Start the course
course-pause = Pause
course-resume = Resume
course-end = End the course
course-end-reason = Why does the course end
course-handover = Hand over to another peer
course-handover-to = New peer worker
offer-title = Offer of a course
offer-intro = You are proposed as peer worker. Name and contact are shown once you say yes.
offer-accept = Yes, I take the course
offer-decline = No, thank you
offer-decline-reason = Reason (only if you decline)

## Sessions
sessions-title = Sessions
sessions-none = No sessions yet.
session-log = Log a session
session-plan = Plan a session
session-log-intro = Everything is filled in. Change what is not right, and press Save.
session-log-submit = Save session
session-date = Date
session-time = Time
session-duration = Duration (minutes)
session-mode = Way of meeting
session-kind = Kind
session-note = Short note
session-audience = Who may read the note
session-place = Place
session-status = Status
session-note-hidden = The note is for the peer worker only.
session-mark-held = Held
session-mark-cancelled = Cancelled
session-logged = The session is saved.
session-kind-conversation = Conversation
session-kind-accompaniment = Going along to a meeting
session-kind-activity = Activity
session-status-planned = Planned
session-status-held = Held
session-status-cancelled = Cancelled
note-audience-peer = The peer worker only
note-audience-team = The peer worker and the coordinators

## Goals
goals-title = Goals
goals-none = No goals yet.
goals-chart = Progress on the goals
goals-axis = Progress (0–10)
goal-add = Add a goal
goal-text = The goal in the participant's own words
hint-goal = E.g. "Go for a walk twice a week".
goal-domain = Part of recovery (CHIME)
goal-latest = Latest
goal-progress = Progress today (0–10)
goal-note = Note
goal-save-progress = Save progress
goal-status-open = Working on it
goal-status-reached = Reached
goal-status-dropped = Dropped

## My page
my-title = My courses
my-offers = Offers waiting for your answer
my-answer-offer = See and answer
my-handover = handover
my-today = Today
my-today-none = Nothing planned today.
my-to-log = Sessions still to be logged
my-to-log-intro = Mark whether the session was held or cancelled. Notes are written on the course.
my-upcoming = The next four weeks
my-upcoming-none = Nothing planned.
my-caseload = Participants
my-caseload-none = No participants right now.
my-held = { $count ->
    [one] 1 session held
   *[other] { $count } sessions held
}
my-next = Next
my-last = Last

## Calendar
calendar-title = Calendar
calendar-name = Peer support sessions
calendar-intro = Subscribe to your sessions in your calendar app. The calendar shows only the time, the place and the participant's pseudonym.
calendar-url = Secret address for your calendar
calendar-url-once = The address is shown only now. Make a new one if it has got into the wrong hands; the old one then stops working.
calendar-active = Your calendar is on.
calendar-start = Turn the calendar on
calendar-renew = Make a new address
calendar-stop = Turn the calendar off
calendar-renewed = New calendar address made.

## Errors
err-availability = Write day and hours, e.g. "mon 9-12, wed 13-16".
err-capacity-peer = Write a whole number from 0 to 50.
err-course-not-open = The course is not under way.
err-course-transition = The course cannot change to that status now.
err-held-in-future = A held session cannot lie in the future.
err-location-pair = Write both latitude and longitude, or neither.
err-number = Write a number.
err-offer-answered = The offer has already been answered.
err-pair-not-eligible = One of the pairs breaks the rules for a match (language, way of meeting, gender, distance, exclusion or free place).
err-pair-twice = A participant is chosen twice.
err-peer-capacity = A peer worker has been given more participants than they have room for.
err-progress = Write a whole number from 0 to 10.
err-topics-need-consent = Areas of lived experience are stored only with your consent.
course-handover-programme = To another programme (optional)
course-life-events = Life events and measurements
my-me = About me
my-profile = My profile and background
my-engagements = My agreements and employments
