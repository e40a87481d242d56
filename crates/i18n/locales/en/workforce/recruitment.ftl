# Recruitment: postings, applications, interviews, decisions and letters.

nav-postings = Recruitment
postings-intro = Postings are made from a role description. Open postings whose deadline has not passed appear on the organisation's public job page.
postings-public-label = The job page, which anyone can see:
postings-new = New posting
postings-edit = Edit posting
postings-form-intro = The posting shows the role description's current version: title, purpose, tasks, competences, engagement, hours and term. Write an introduction, place, deadline and start date.
posting-role = Role
posting-status = Status
posting-status-draft = Draft
posting-status-open = Open
posting-status-closed = Closed
posting-deadline = Application deadline
posting-starts = Start date
posting-applications = Applications
posting-intro = Introduction
hint-posting-intro = Say briefly what the job and the workplace are like. The text is shown on the job page.
posting-place = Place
posting-public-link = See the posting on the job page
posting-draft-not-public = The posting is a draft and is not shown on the job page until it is opened.
jobs-closed = The posting is closed.
jobs-closed-note = Applications are no longer taken. See the organisation's job page for positions open now.
org-jobs-link = Job page (vacancies)

stage-received = Received
stage-screening = Screening
stage-interview = Interview
stage-hired = Hired
stage-rejected = Rejected
stage-withdrawn = Withdrawn

competence-hope = Using lived experience to inspire hope and belief in recovery
competence-self_determination = Supporting self-determination from a mutual starting point
competence-self_exploration = Facilitating self-exploration and discovery
competence-change_agent = Acting as an agent of change
competence-listening = Listening and putting others in focus

letter-language-da = Danish
letter-language-en = English

attachment-kind-pdf = PDF
attachment-kind-docx = Word (DOCX)
attachment-kind-odt = OpenDocument (ODT)
attachment-kind-png = PNG image
attachment-kind-jpeg = JPEG image
attachment-kind-text = Text

jobs-title = Vacancies
jobs-heading = Vacancies at { $organisation }
jobs-intro = These are the peer-worker and volunteer positions you can apply for now. You do not need an account to apply.
jobs-none = There are no vacancies at the moment.
jobs-self-referral = Looking for support yourself? Refer yourself here.
jobs-hours = hours a week
jobs-apply-title = Apply for the position
jobs-apply-heading = Send your application
jobs-submit = Send application
jobs-done-title = Thank you for your application
jobs-done = We have received your application and will send a confirmation by e-mail. We will contact you after the application deadline.

application-language = Language of letters to you
application-motivation = Motivation
hint-motivation = Tell us why you are applying and how you would use your own experience of mental-health difficulties and recovery.
application-attachments = Attachments
hint-attachments = At most 3 files of at most 5 MB each: PDF, Word (DOCX), OpenDocument (ODT), PNG, JPEG or plain text. We check what the files contain; other files are refused.
application-consent-legend = Consent
application-consent-text = We process your details and attachments to assess your application and keep you informed about it. Only the organisation's managers and the staff who interview you see them. After the decision we delete the application when the organisation's retention period ends (usually 6 months). If we hire you, your contact details become part of your employment. You can withdraw your application at any time.
application-consent = I consent to my application being processed as described

application-posting = Position
application-stage = Stage
application-stage-filter = Show stage
application-all-stages = All stages
application-received = Received
application-peer-record = See the peer worker
application-no-attachments = No attachments.
application-history = History
application-when = When
application-from = From
application-to = To
application-by = By
application-by-applicant = The applicant
application-note = Note
application-interviews = Interviews
application-no-interviews = No interview has been scheduled.
application-move = Move the application
application-move-submit = Move

interview-heading = Interview
interview-panel = Panel
interview-online = Online
interview-in-person = In person
interview-no-scores = Nobody on the panel has scored yet.
interview-scores-caption = The panel's scores (1–5) per competence, side by side
interview-competence = Competence
interview-mean = Mean
interview-notes = Notes
interview-scores-hidden = The others' scores are shown once you have saved your own, so that you do not influence each other.
interview-your-scores = Your scores
interview-your-scores-saved = Your scores (saved – you can change them)
interview-scale = 1 = not shown, 5 = shown to a high degree. The note is optional.
interview-score = Score
interview-note = Note
interview-save-scores = Save scores
interview-schedule = Schedule an interview
interview-schedule-intro = Choose at least two people of the organisation for the panel. The applicant gets an invitation in their language.
interview-date = Date
interview-time = Time
hint-danish-time = Danish time, e.g. 10:00.
interview-place = Place or link
hint-interview-place = Address and room, or the link to an online meeting.
interview-schedule-submit = Schedule
interview-chart-title = The panel's mean score per competence

decide-title = Decision
decide-hire = Hire
decide-reject = Reject
decide-intro = The letter is merged from the template in the applicant's language ({ $language }). You can edit it before it goes to the outbox.
decide-hire-note = Hiring creates the peer worker (active) and an engagement for the role from the start date.
decide-instead = Write a letter about this instead: { $decision }
decide-submit = Decide and send the letter
letter-subject = Subject
letter-body = Letter
letter-title = Letter
letter-none = No letter about the decision has been sent.
letter-queued = queued in the outbox
letter-print-hint = Print the page to have the letter on paper.
letter-show = See the letter

my-interviews-intro = Interviews where you sit on the panel. Open the application to give your scores.
my-interviews-scored = Your scores given

recruitment-settings-title = Keeping applications
recruitment-settings-intro = How many months applicants' details, attachments, scores and letters are kept after the decision. Then they are deleted automatically. The hired person's staff record stays.
recruitment-settings-admin-only = Only the organisation's administrator can change the retention period.
recruitment-retention = Months after the decision
hint-retention = Between 1 and 60 months.

err-attachment-count = You can attach at most 3 files.
err-attachment-size = A file is too large. Each file may be at most 5 MB.
err-attachment-type = A file is not of an allowed type. We accept PDF, Word (DOCX), OpenDocument (ODT), PNG, JPEG and plain text – judged by the file's content, not its name.
err-start-before-deadline = The start date cannot be before the application deadline.
err-panel-two = Choose at least two people for the panel.
err-score = Choose a score from 1 to 5.
err-retention = Enter a whole number of months between 1 and 60.
err-stage-move = The application cannot move to that stage from here.
err-not-interview-stage = Move the application to the Interview stage before scheduling an interview.

msg-application-received-subject = We have received your application: { $title }
msg-application-received-body =
    Dear { $name }

    Thank you for applying for the position of { $title } at { $organisation }. We have received your application and will get back to you after the application deadline.

    Kind regards
    { $organisation }
msg-interview-invitation-subject = Invitation to an interview: { $title }
msg-interview-invitation-body =
    Dear { $name }

    We would like to invite you to an interview about the position of { $title } at { $organisation }.

    Time: { $when } (Danish time)
    { $how ->
        [online] Online: { $place }
       *[in_person] Place: { $place }
    }

    Please let us know if the time does not suit you.

    Kind regards
    { $organisation }
msg-hiring-letter-subject = Employment as { $title } at { $organisation }
msg-hiring-letter-body =
    { $date }

    Dear { $name }

    We are pleased to offer you the position of { $title } at { $organisation }.

    You start on { $start } with { $hours } hours a week. We will send you an agreement and a plan for your introduction and training shortly.

    Welcome.

    Kind regards
    { $organisation }
msg-rejection-letter-subject = Your application for { $title } at { $organisation }
msg-rejection-letter-body =
    { $date }

    Dear { $name }

    Thank you for your application and for the time you have given us. We have chosen someone else for the position of { $title } this time.

    We hope you will apply again another time.

    Kind regards
    { $organisation }
