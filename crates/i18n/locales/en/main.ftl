### Sammen – English texts (secondary language).
###
### Rules:
### - Danish comes first; every message here must also exist in locales/da/ with the
###   same id and attributes.
### - No HTML markup in texts (no "<"): markup is done by the templates.
### - Keep the file grouped by "## Section" comments, in the same order as the Danish file.
### - Error texts must never reveal whether a person, user or record exists.

## Validation (form fields and API)

err-required = This field is required.
err-too-long = The text is too long.
err-invalid-characters = The field contains characters that are not allowed.
err-choice = The selected value is not valid.
err-choose-one = Choose one of the options.
err-date = Enter a valid date (yyyy-mm-dd).
err-period-order = The end date cannot be before the start date.
err-two-parties = A partnership must have two different parties.
err-location-needed = Enter a meeting place when the support takes place in person.
err-email = Enter a valid email address.
err-password-short = The password must be at least 12 characters long.
err-password-weak = The password is too easy to guess. Choose a longer or less common password, for example a sentence of several words.
err-cpr = Enter a valid CPR number with 10 digits (ddmmyy-xxxx).
err-phone = Enter a valid phone number.
err-language = Choose a supported language.
err-birth-year = Enter a valid four-digit year of birth.
err-unique-name = This name is already in use.
err-unique-email = This email address is already in use.
err-body-too-large = The request is too large.
err-json = The request body is not valid JSON.
err-json-missing = The field { $field } is missing from the request.
err-json-unknown = The field { $field } is not known.
err-json-type = The field { $field } has the wrong type or value.
err-csrf = The form has expired. Reload the page and try again.
err-password-mismatch = The two passwords do not match.
err-password-wrong = The password is incorrect.
err-totp-code = The code is incorrect or has expired. Enter the 6-digit code from your authenticator app.

## General errors (error pages and API responses)

error-title = Error
error-not-found = The page does not exist, or you do not have access to it.
error-forbidden = You do not have permission to perform this action.
error-unauthorized = You need to log in to continue.
error-internal = Something went wrong. Give error ID { $id } to support.
error-conflict = The information has been changed by someone else in the meantime. Reload the page and try again.
error-too-many-attempts = Too many attempts. Please wait a moment and try again.
error-login-failed = Incorrect email address or password.

## Application and navigation

app-name = Sammen
app-tagline = Together in peer support
nav-menu = Menu
nav-area-journey = Journey
nav-area-people = People
nav-area-measurement = Measurement
nav-area-workforce = Workforce
nav-area-directory = Directory
nav-area-access = Access
nav-skip = Skip to main content
nav-dashboard = Overview
nav-organisations = Organisations
nav-partnerships = Partnerships
nav-programmes = Programmes
nav-staff = Staff
nav-peer-workers = Peer workers
nav-participants = Participants
nav-audit = Activity log
nav-account = My account
nav-login = Log in
nav-logout = Log out
lang-switch-label = Language
lang-da = Dansk
lang-en = English

## Organisation kinds

kind-municipality = Municipality
kind-region = Region
kind-association = Association
kind-other = Other

## Meeting mode

mode-in_person = In person
mode-phone = Phone
mode-online = Online

## Delivery

delivery-individual = Individual
delivery-group = Group

## Roles

role-administrator = Administrator
role-coordinator = Coordinator
role-supervisor = Supervisor
role-peer_worker = Peer worker
role-referrer = Referrer
role-evaluator = Evaluator

## Engagement

engagement-volunteer = Volunteer
engagement-paid = Paid

## Participant status

pstatus-waiting = On waiting list
pstatus-active = In a course of support
pstatus-closed = Closed

## Peer worker status

peerstatus-active = Active
peerstatus-paused = Paused
peerstatus-left = Left

## Gender

gender-female = Female
gender-male = Male
gender-other = Other

## Data categories (sharing between partners)

category-referral_status = Referral status
category-participant_record = Participant records
category-peer_worker_record = Peer worker records
category-aggregate_outcomes = Aggregate outcomes
category-pseudonymised_outcomes = Pseudonymised outcomes

## Access scope

scope-read = Read access
scope-write = Write access

## Activity log: actions and outcomes

action-read = View
action-search = Search
action-create = Create
action-update = Update
action-delete = Delete
action-export = Export
action-login = Log in
action-logout = Log out
outcome-ok = Completed
outcome-denied = Denied
outcome-failed = Failed

## Common UI words

common-save = Save
common-cancel = Cancel
common-create = Create
common-edit = Edit
common-delete = Delete
common-search = Search
common-next = Next
common-previous = Previous
common-back = Back
common-yes = Yes
common-no = No
common-none = None
common-actions = Actions
common-details = Details
common-optional = (optional)
common-required-marker = { "*" }
    .title = required
common-page-of = Page { $page } of { $pages }
common-total =
    { $count ->
        [0] No results
        [one] { $count } result
       *[other] { $count } results
    }
common-confirm-delete = Are you sure you want to delete this? This cannot be undone.
