# Measuring outcomes: instruments, measurement plans, answering, scores, CHIME, life events.

nav-instruments = Questionnaires
nav-outbox = Outbox

## Errors
err-number-range = The number is outside the allowed range.
err-date-future = The date cannot be in the future.
err-date-order = The end date cannot be before the start date.
err-plan-no-waves = Choose at least one wave: at the start, at regular intervals, at closure or a follow-up.
err-plan-reminder-after-expiry = The reminder must go out before the link expires.
err-link-unknown = This link does not exist. It may have been mistyped, or a new link has replaced it.
err-link-expired = This link has expired. Contact your peer worker or coordinator if you would still like to answer.
err-link-used = This questionnaire has already been answered. Thank you for your answers.
err-response-completed = The response is finished and cannot be changed.
err-instrument-no-text = The organisation has not loaded the item text of this questionnaire, so it cannot be answered by link yet.
err-instrument-unknown-item = The item is not part of this questionnaire.
err-instrument-out-of-scale = The answer is outside the item's scale.
err-instrument-answer-type = The answer has the wrong form (for example text where a number is expected).
err-instrument-too-few-answered = Too few items are answered to compute a score. Answer more items before finishing.
err-instrument-version-mismatch = The response belongs to another version of the questionnaire. Scores of different versions are never compared.
err-instrument-different-instruments = Scores of different questionnaires cannot be compared.
err-instrument-definition-mismatch = The score was computed with another definition than the one given.
err-instrument-definition-json = The definition is not valid JSON.
err-instrument-definition-field = A field of the definition is missing or invalid.
err-instrument-definition-item = An item of the definition is invalid.
err-instrument-definition-subscale = A subscale of the definition is invalid.
err-instrument-definition-range = The definition's score range does not fit its items.
err-fhir-json = The file is not valid JSON.
err-fhir-resource-type = The file is not the expected FHIR resource type.
err-fhir-invalid = The file is not a valid FHIR R4 resource.
err-fhir-language = The file contains a language Sammen does not support (Danish and English only).
err-fhir-does-not-fit = The questionnaire does not fit the definition: the items' linkId or answer options differ.
err-fhir-wrong-questionnaire = The response refers to another questionnaire.
err-fhir-unknown-questionnaire = The response refers to a questionnaire the organisation does not know.
err-fhir-status = The response's status is not supported (only "in-progress" and "completed").
err-fhir-answer = An answer in the response does not fit its item.

## Waves
wave-baseline = Start
wave-closure = Closure
wave-week = Week { $n }
wave-followup = Follow-up after { $n } months

## A participant's measurements
measure-open = Measurements
measure-title = Measurements – { $who }
measure-chime-chart = CHIME profile over time
measure-chime-axis = Percent of the scale
measure-chime-note = Each line is one of the five recovery processes (CHIME) as a percentage of the scale, where 100 is the best end. The values come from items mapped to the process.
measure-chime-empty = There are no finished responses with items mapped to CHIME yet.
measure-invitations = Waves and links
measure-no-invitations = No waves yet. They are created automatically from the programme's measurement plan.
measure-responses = Responses
measure-no-responses = No responses yet.
measure-changes = Change since the first measurement
measure-change-caveat = Change in one person is not an effect of the support. Reliable change (RCI) allows for measurement error; it is shown only where the questionnaire has published reliability and spread.
measure-instrument = Questionnaire
measure-wave = Wave
measure-due = Due
measure-expires = Expires
measure-reminders = Reminders
measure-date = Date
measure-source = Collected
measure-score = Score
measure-band = Level
measure-period = Period
measure-difference = Difference
measure-reliable = Reliable change
measure-answered = Answered
measure-answers = Answers
measure-subscale = Subscale
measure-prorated = prorated for missing answers
measure-validated = Validated
measure-not-validated = Not validated: do not use it as an outcome measure
measure-fhir = Download as FHIR QuestionnaireResponse
measure-item-number = Item { $n }
measure-new-link = Make a new link
measure-answer-together = Answer together
measure-link-title = Personal link
measure-link = Link
measure-link-note = Give this link to the participant. It is shown this once only, works for this wave only and expires on the date shown. An earlier link to the wave no longer works.
measure-record = Record a response
measure-start = Start response
measure-no-text-hint = Questionnaires marked * have no item text in the organisation yet; they can be entered from paper by item number.
measure-life-events = Life events and use of services
measure-no-life-events = Nothing recorded yet.

rsource-link = By personal link
rsource-with_peer = Together with a peer worker
rsource-paper = Entered from paper
rsource-fhir = Imported (FHIR)
rstatus-in_progress = In progress
rstatus-completed = Finished
invstatus-open = Open
invstatus-in_progress = In progress
invstatus-completed = Answered
invstatus-expired = Expired
invstatus-cancelled = Cancelled


chime-connectedness = Connectedness
chime-hope = Hope and optimism
chime-identity = Identity
chime-meaning = Meaning
chime-empowerment = Empowerment

change-reliable-improvement = Reliable improvement
change-no-reliable-change = No reliable change
change-reliable-deterioration = Reliable deterioration
change-clinically-significant = clinically significant
change-no-reliability = The questionnaire has no published values for reliable change

## Life events
life-add = Record a life event
life-date = Date
life-kind = What
life-quantity = Number
life-quantity-hint = Number of bed-days or contacts.
life-ended = End date
life-source = Source
life-note = Note
life-note-hint = Short and factual; participants can see their own data.
lifeevent-education_started = Started education
lifeevent-education_completed = Completed education
lifeevent-job_started = Started a job
lifeevent-volunteer_work = Volunteer work
lifeevent-new_relation = New relationships
lifeevent-new_activity = Tried something new
lifeevent-admission = Psychiatric admission
lifeevent-bed_days = Psychiatric bed-days
lifeevent-emergency_visit = Emergency psychiatric contact
lifeevent-outpatient_contact = Outpatient contacts
lesource-self_report = The participant
lesource-referrer = Referrer
lesource-staff = Staff
lesource-register = Register

## Measurement plans
plans-open = Measurement plan
plans-title = Measurement plan – { $programme }
plans-intro = The measurement plan decides which questionnaires participants answer when. When a wave falls due it is created automatically, and participants with an e-mail address get a personal link. Waves that fell due before the plan was made are not asked for.
plans-none = The programme has no measurement plan yet.
plan-new = Add a questionnaire to the plan
plan-create = Add to the plan
plan-waves = Waves
plan-at-start = At the start of the course
plan-at-closure = At the end of the course
plan-every-weeks = every { $n } weeks
plan-every-weeks-label = At regular intervals (weeks)
plan-every-weeks-hint = For example 8 for every 8 weeks while the course runs.
plan-followup-label = Follow-up (months after closure)
plan-followup-hint = For example 6 for a follow-up half a year after closure.
plan-reminder = Reminder after (days)
plan-reminder-hint = Default 7 days. At most two reminders are sent.
plan-valid = Link valid for (days)
plan-valid-hint = Default 28 days after the wave falls due.
plan-days = { $n } days
plan-active = Active
plan-stop = Stop
plan-restart = Restart

## Questionnaires
instruments-intro = Sammen ships the structure and scoring of widely used questionnaires without the item text Sammen has no right to publish. An organisation loads the text it holds a licence for as a FHIR R4 Questionnaire.
instrument-version = Version
instrument-text = Item text
instrument-has-text = Has text
instrument-no-text = No text
instrument-text-loaded = Loaded by the organisation ({ $source })
instrument-items = Items
instrument-range = Score range
instrument-direction = Direction
instrument-higher-better = Higher is better
instrument-lower-better = Lower is better
instrument-licence = Licence
instrument-reliability = Reliability
instrument-omitted = Left out
instrument-scale = Answer options (code=weight)
instrument-reverse = reversed
instrument-sources = Sources
instrument-download = Download as FHIR Questionnaire
instrument-load = Load the organisation's item text
instrument-load-intro = Paste a FHIR R4 Questionnaire (JSON) with the text the organisation holds a licence for. It is bound to the scoring by the items' linkId; a file that does not fit is refused and the text loaded before stays.
instrument-load-field = Questionnaire (JSON)
instrument-load-hint = The items' linkId and the answer options' codes must be those of the definition.
instrument-load-submit = Load text

## Outbox
outbox-intro = Every message Sammen sends is listed here, also when no mail server is configured.
outbox-kind = Kind
outbox-recipient = Recipient
outbox-subject = Subject
msgkind-measurement_invitation = Questionnaire invitation
msgkind-measurement_reminder = Questionnaire reminder
msgkind-application_received = Application received
msgkind-interview_invitation = Interview invitation
msgkind-hiring_letter = Hiring letter
msgkind-rejection_letter = Rejection letter
msgkind-supervision_reminder = Supervision reminder
msgkind-certificate_reminder = Certificate reminder
msgkind-training_invitation = Training invitation
msgstatus-queued = Queued
msgstatus-sent = Sent
msgstatus-failed = Failed

## Messages
msg-measure-invite-subject = A few questions about how you are
msg-measure-invite-body = Hello. As part of your course of support we ask you to answer a few questions. It takes about five minutes, and you can save as you go. The link is personal and works until { $until }: { $url }
msg-measure-reminder-subject = Reminder: a few questions about how you are
msg-measure-reminder-body = Hello. We are still missing your answers. Here is a new link that works until { $until }: { $url } (an earlier link no longer works).

## Answering by link
answer-title = Questionnaire
answer-private = Your answers are used to follow your course of support. The link is personal: do not share it.
answer-until = The link works until { $date }.
answer-answered-so-far = You have answered { $n }
answer-one-at-a-time = One question at a time
answer-all-at-once = All questions on one page
answer-continue = Continue where you left off
answer-progress = Question { $n } of { $total }
answer-back = Back
answer-next = Next
answer-finish = Finish and send
answer-save = Save
answer-later = Save and continue later
answer-saved = Your answers are saved. You can close the page and open the link again later to continue.
answer-done-title = Thank you
answer-done = Thank you for your answers. They have been sent, and the link no longer works.
answer-not-validated = This questionnaire was written for Sammen and is not scientifically validated.
