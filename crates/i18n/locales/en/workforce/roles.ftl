# Peer workers: role descriptions.

nav-roles = Roles
roles-intro = Role descriptions for peer workers: purpose, tasks, place, hours, and the competences and training the role needs. Each change is kept as a new version; earlier ones stay as they were.
roles-new = New role
roles-edit = New version
roles-form-intro = Describe the role so that the peer worker, colleagues and managers know what it is and is not. The description can be printed as a function description for a posting.
role-title = Title
role-purpose = Purpose
role-tasks = Tasks
role-setting = Place
role-functions = Functions
role-hours = Hours per week
role-term = Term
role-competences = Competences
role-training = Required training
role-version = version
role-old-version = This is an earlier version. The current one is at the top of the history.
role-print = Print the function description (PDF)
role-history = Versions
role-printed = Version of { $date }
role-default-competences =
    Using lived experience to inspire hope
    Supporting self-determination from a mutual starting point
    Facilitating self-exploration
    Acting as an agent of change
    Listening
hint-one-per-line = One per line.
hint-competences = One per line. The suggestion is the peer competences from the training.
err-hours = Give hours per week between 0 and 48.
err-too-many-lines = At most 30 lines.
setting-psychiatric_ward = Psychiatric ward
setting-outpatient_clinic = Outpatient clinic
setting-addiction_centre = Addiction centre
setting-day_service = Social-psychiatric day service
setting-supported_housing = Supported housing
setting-user_organisation = User organisation
setting-housing_association = Housing association
setting-drop_in_centre = Drop-in centre
setting-job_centre = Job centre
setting-discharge_mentoring = Discharge mentoring
setting-private_company = Private company
setting-education = Education institution
setting-research_quality = Research and quality
setting-consultancy = Consultancy
setting-phone_line = Phone line
setting-social_economy = Social-economy firm
setting-self_employed = Self-employed
function-individual_support = Individual support
function-group_work = Group courses
function-community_work = Community and activity work
function-bridge_building = Bridge-building
function-reception = Reception
function-consulting = Advice and talks
function-teaching = Teaching
function-system_recovery = Recovery in management and the system
term-temporary = Temporary
term-permanent = Permanent
training-intro_course = Introduction course for peer workers
training-wrap = WRAP
training-laer_at_tackle = LÆR AT TACKLE

## Agreements and employment
engagements-link = Agreements and employment
engagements-title = Agreements and employment: { $name }
engagements-intro = Volunteer agreements and employments with hours, term and dates. An agreement is ended by a new one with an end date; the history is kept.
engagements-none = No agreements yet.
engagement-new = New agreement or employment
engagement-kind = Kind
engagement-kind-volunteer_agreement = Volunteer agreement
engagement-kind-employment = Employment
engagement-title = Position or task
hint-engagement-title = E.g. "Peer worker, outpatient psychiatry".
engagement-part-time = Part-time
engagement-starts = Starts
engagement-ends = Ends
hint-engagement-ends = Required for a temporary agreement.
engagement-signed = Signed
engagement-note = Note
engagement-in-force = In force now
err-ends-before-start = The end date is before the start date.
err-temporary-needs-end = A temporary agreement needs an end date.
engagement-role = Role
engagement-no-role = No role
err-unknown-role = The role does not exist in the organisation.

## Workforce overview
nav-workforce = Workforce overview
wfo-title = Workforce overview
wfo-intro = Peer workers and hours by engagement and role, training coverage, supervision and turnover, counted from the agreements and employments in force today. Download the figures as CSV, Excel or PDF.
wfo-head-count = Peer workers in all
wfo-hours = Hours a week
wfo-hours-unit = hours a week
wfo-fte = Full-time equivalents (37 hours)
wfo-trained = Trained for their role
wfo-turnover-rate = Turnover over the last 12 months
wfo-by-engagement = By engagement
wfo-head-count-note = A person with both a volunteer agreement and an employment counts under both, but once in all.
wfo-by-role = By role
wfo-people = People
wfo-hours-chart = Hours a week by role
wfo-compliance = Training and supervision
wfo-training = Required training
wfo-requirement = Requirement
wfo-met = Met
wfo-not-met = Not met
wfo-share = Share met
wfo-compliance-note = Only peer workers whose role sets the requirement are counted. Trained means the same in the key figure, the table and the chart: a peer worker with an agreement or employment in force today holds a valid certificate (one about to expire included) for every training their roles require.
wfo-compliance-chart = Share meeting the requirements
wfo-supervision-professional = Professional supervision
wfo-supervision-managerial = Managerial supervision
wfo-turnover = Turnover
wfo-turnover-period = From { $from } to { $to }.
wfo-at-start = At the start of the period
wfo-at-end = At the end of the period
wfo-starters = Started
wfo-leavers = Left
wfo-turnover-note = Turnover is the leavers divided by the mean of the head counts at the start and the end of the period. Someone who leaves and starts again is not counted as a leaver.
wfo-made = Made { $date }
wfo-download-csv = Download CSV
# Download file names, before the date or version and the extension.
file-workforce-overview = workforce-overview
file-role = role-description
wfo-download-xlsx = Download Excel (XLSX)
wfo-download-pdf = Download PDF
