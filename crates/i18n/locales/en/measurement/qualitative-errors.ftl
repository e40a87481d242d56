# Interview studies: validation messages of the use cases (the form messages are in qualitative.ftl).

err-scope-fixed = A study cannot be moved to another programme, organisation or partnership.
err-coder-not-member = A coder must be a member of the organisation behind the study or of a party that has joined.
err-party-no-agreement = Your interviews can join only while the partnership's agreement is in force and allows pseudonymised outcomes.
err-interview-withdrawn = Consent to this interview was withdrawn and its transcript has been deleted.
err-withdrawn-before-consent = Consent cannot have been withdrawn before it was given.
err-coding-compared = Every coder is done and has seen the others' coding. Settle disagreements in the consensus coding.
err-code-merged = The code was merged into another code and cannot be restored.
