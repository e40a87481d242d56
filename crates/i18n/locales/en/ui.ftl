## Pages of the web UI (English). Keep in step with ../da/ui.ftl: a test checks.

## Generic
error-validation = Some fields need correcting.
form-errors-title = Please correct the following
pager-label = Pages
org-switch-label = Switch organisation
org-switch-button = Switch
role-system_administrator = System administrator

## Fields
field-active = Active
field-birth-year = Year of birth
field-caseload = Participants
field-categories = Data that may be shared
field-cpr = CPR number
field-created = Created
field-current-password = Current password
field-delivery = Course types
field-description = Description
field-display-name = Name
field-email = E-mail address
field-engagement = Engagement
field-gender = Gender
field-has-login = Has a login
field-in-force = In force now
field-kind = Kind
field-languages = Languages
field-legal-basis = Legal basis
field-locations = Locations
field-modes = Modes of contact
field-name = Name
field-new-password = New password
field-parties = Parties
field-password = Password
field-peer = Peer worker
field-period = Period
field-phone = Phone
field-programme = Programme
field-pseudonym = Pseudonym
field-purpose = Purpose
field-repeat-password = Repeat new password
field-require-totp = Require two-step verification for staff
field-time-zone = Time zone
hint-time-zone = The name from the tz database: Europe/Copenhagen (Denmark), Atlantic/Faroe (Faroe Islands) or America/Nuuk (Greenland). Deadlines and dates follow the organisation's own calendar day.
err-time-zone = Enter a time zone from the tz database, e.g. Europe/Copenhagen, Atlantic/Faroe or America/Nuuk.
field-role = Role
field-status = Status
field-token-days = Valid for days
field-token-name = Token name
field-token-scope = Access
field-totp = Two-step verification
field-totp-code = One-time code from your authenticator app
field-valid-from = Valid from
field-valid-to = Valid to

## Hints
hint-cpr = Optional. Fill in only if the course of support needs it. Format: DDMMYY-XXXX.
hint-languages = Language codes separated by commas, e.g. da, en, ar.
hint-legal-basis = E.g. GDPR articles 6 and 9 and the relevant Danish act.
hint-locations = One place per line. Required when support is given in person.
hint-participant-name = Optional. A participant may stay pseudonymous.
hint-password = At least 12 characters. A sentence you can remember is good.
hint-peer-email = If the peer worker has a login with the same e-mail address, the two are linked.
hint-token-days = Between 1 and 365 days. The default is 90.

## Login
login-title = Log in
login-intro = Log in with your e-mail address and password.
login-submit = Log in
totp-title = Two-step verification
totp-intro = Enter the six-digit code from your authenticator app.
totp-submit = Verify
totp-required-notice = Your organisation requires two-step verification. Set it up here before using the rest of Sammen.

## Dashboard
dashboard-greeting = Welcome, { $name }.
dashboard-figures = Key figures
dashboard-chart-title = Participants by status
dashboard-chart-title-own = My participants by status
dashboard-chart-caption = Participants in your organisation by status.
dashboard-shortcuts = Shortcuts

## Account
account-title = My account
account-password-heading = Change password
account-password-submit = Change password
account-password-changed = Your password has been changed. You have been logged out everywhere else.
account-totp-heading = Two-step verification
account-totp-on = Two-step verification is on.
account-totp-off = Two-step verification is off.
account-totp-begin = Turn on two-step verification
account-totp-scan = Add this key to your authenticator app, then enter the code the app shows.
account-totp-secret = Secret key
account-totp-link = Open in authenticator app
account-totp-confirm = Confirm and turn on
account-totp-disable = Turn off two-step verification
account-tokens-heading = API tokens
account-tokens-intro = Personal tokens for Sammen's API. A token is shown only once; keep it safe.
token-create = Create token
token-created = The token has been created.
token-shown-once = Copy the token now. It will not be shown again.
token-expires = Expires
token-last-used = Last used
token-revoke = Revoke
token-revoked = Revoked

## Audit
audit-title = Audit log
audit-intro = Every read and change of personal data. The log cannot be changed, and its chain can be verified.
audit-filter = Filter the log
audit-actor = User id
audit-subject = Subject id
audit-action = Action
audit-outcome = Outcome
audit-from = From date
audit-to = To date
audit-time = Time (UTC)
audit-purpose = Basis
audit-route = Route

## Organisations
orgs-intro = Organisations using Sammen: municipalities, regions and associations.
orgs-new = New organisation
orgs-add-admin = Create administrator
orgs-admin-note = As system administrator you can create the organisation's first administrator. You cannot see participants' data.

## Partnerships
partnerships-intro = Partnerships and their data-sharing agreements. Only what an agreement in force lists is shared.
partnerships-new = New partnership
partnerships-form-intro = Describe the written agreement: parties, purpose, legal basis, which data may be shared, and for which period.

## Programmes
programmes-intro = The organisation's peer-support programmes: individual and group courses.
programmes-new = New programme

## Staff
staff-intro = Staff with a login and their role in the organisation.
staff-new = New staff member
staff-new-intro = The staff member gets a one-time password, which you pass on securely.
staff-created-password = The account has been created. One-time password: { $password } (shown only now).
staff-reset-password = Reset password
staff-reset-confirm = Reset the password? The staff member will be logged out.
staff-reset-done = The password has been reset. New one-time password: { $password } (shown only now).

## Peer workers
peers-intro = Peer workers, volunteer and paid, and how many participants they support.
peers-new = New peer worker
peers-form-intro = Details of the peer worker. Lived experience is not recorded here.

## Participants
participants-intro = Participants in the organisation's courses. Search by pseudonym or name.
participants-new = New participant
participants-search = Search participants
participants-form-intro = Only a pseudonym is needed. Record no more than the course of support requires.
participants-delete-confirm = Delete the participant? The data is deleted for good.
participants-partner-note = You see this participant through a partnership agreement. Read only.
