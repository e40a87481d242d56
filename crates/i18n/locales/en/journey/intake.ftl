# Referral and intake, consent and waiting lists.

nav-referrals = Referrals

referrals-intro = Referrals to your programmes and the referrals you have sent yourself.
referrals-received = Referrals received
referrals-mine = Referrals you have sent
referral-new = New referral
referral-new-title = Refer a person
referral-new-intro = Refer a person to peer support in your own or a partner organisation. You will see where the referral stands – never the content of the course.
referral-internal-title = Record an enquiry
referral-internal-intro = Record a person who contacted you or was assigned internally. They appear among the referrals received.
referral-target = Refer to
referral-contact-hint = Phone or e-mail – at least one of them.
referral-languages-hint = Language codes separated by commas, e.g. da, en, ar.
referral-reason = Reason for referral
referral-reason-hint = In the person's own words where possible. Write only what is needed.
referral-consent-method = How did the person consent?
referral-agreed = The person has agreed to be referred
referral-submit = Send referral
referral-title = Referral
referral-to = To
referral-from = Referred from
referral-source = Source
referral-sent = Sent
referral-changed = Last changed
referral-received = Received
referral-decided = Decided
referral-decision-note = Reason
referral-referrer-note = As the referrer you see only the status and dates – never the person's details or the content of the course.
referral-open-participant = Open the participant's page
referral-accept-title = Accept into a programme
referral-accept-intro = The person joins the programme's waiting list; wishes already noted are kept.
referral-accept = Accept
referral-decline-title = Decline the referral
referral-decline-intro = The person's details are deleted. The referral keeps only its status, and the referrer sees "declined".
referral-decline = Decline and delete the details

refsource-partner = Partner
refsource-self = Self-referral
refsource-internal = Internal intake

refstatus-received = Received
refstatus-accepted = Accepted
refstatus-declined = Declined
refstatus-withdrawn = Withdrawn

referrerstatus-received = Received
referrerstatus-declined = Declined
referrerstatus-waiting = On the waiting list
referrerstatus-in_course = In a course
referrerstatus-ended = Ended
referrerstatus-withdrawn = Consent withdrawn

self-referral-title = Refer yourself
self-referral-heading = Refer yourself to peer support at { $organisation }
self-referral-intro = Here you can ask for a peer yourself – a person with lived experience of mental health difficulties who can support you. You do not need anyone else to refer you. We will contact you.
self-referral-programmes = Our programmes
self-referral-programme = Which programme would you like? (optional)
self-referral-reason = What would you like help with?
self-referral-reason-hint = In your own words. You decide how much you tell.
self-referral-honeypot = Leave this field empty
self-referral-consents = Consent
self-referral-consent-support = I consent to my details being used to find and give me peer support
self-referral-consent-measurement = I would like short questionnaires about how I am doing (optional)
self-referral-privacy = You can always withdraw your consent by contacting us. We then stop using your details for that purpose.
self-referral-submit = Send
self-referral-languages = Which languages would you like to speak? (optional)
self-referral-languages-hint = Tick the languages you would like to speak with a peer. If you speak another language, write it under "What would you like help with?".
self-referral-done-title = Thank you – we have received your request
self-referral-done = We will contact you as soon as we can. To protect your privacy, we do not show your details here.

consents-open = Consents
consents-title = Consents – { $who }
consents-intro = Each consent covers one purpose and can be withdrawn on its own. A withdrawal takes effect at once.
consent-purpose = Purpose
consent-scope = Scope
consent-scope-hint = Which information the consent covers, in plain words.
consent-audience = Who may see the information
consent-method = Given
consent-given = Given on
consent-valid-until = Valid until
consent-withdrawn = Withdrawn
consent-withdrawn-by = by { $who }
consent-withdraw = Withdraw
consent-new = Record a consent
consent-record = Record consent
consent-withdraw-title = Withdraw consent
consent-withdraw-confirm = Confirm the withdrawal
consent-withdraw-note = Note (optional)
consent-withdraw-effect-support = Every open course ends, the peer worker loses access, the participant is closed and leaves the waiting list, and open questionnaires are cancelled – at once.
consent-withdraw-effect-measurement = Every open questionnaire stops working at once, and no more are sent.
consent-withdraw-effect-partner_sharing = Partner organisations can no longer see the participant.
consent-withdraw-effect-referrer_status = The referrer then sees only that consent was withdrawn.
consent-scope-referral = Being referred and contacted about peer support
consent-scope-support = Information to find and give peer support
consent-scope-measurement = Questionnaires about well-being and recovery

purpose-support = Peer support
purpose-measurement = Questionnaires
purpose-partner_sharing = Sharing with partners
purpose-referrer_status = Status for the referrer

audience-peer = Peer worker
audience-coordinators = Coordinators
audience-partners = Partners
audience-referrer = Referrer
audience-evaluators = Evaluators

cmethod-self_form = Themselves, on the form
cmethod-written = In writing
cmethod-verbal = Verbally

waiting-open = Waiting list
waiting-title = Waiting list – { $programme }
waiting-intro = Priority first, then those who have waited longest.
waiting-matching = Go to matching
waiting-time = Waiting time
waiting-days = { $days ->
    [one] { $days } day
   *[other] { $days } days
}
waiting-priority = Priority
waiting-consent = Consent to peer support
waiting-wishes = Wishes noted

err-contact-required = Give a phone number or an e-mail address so that the person can be contacted.
err-consent-required = Consent is needed to go on.
err-date-past = The date must not be in the past.
err-already-decided = The referral has already been decided.
err-already-withdrawn = The consent has already been withdrawn.

org-self-referral-link = Public self-referral
