# A participant's answering link that no longer opens, and files of answers.

link-closed-title = This link no longer works
link-closed-used-title = Thank you, you have already answered
link-closed-used = You have already answered this questionnaire, and your answers have been sent. There is nothing more to do.
link-closed-expired = The link has expired, or a new link has been made instead of this one. It is not your fault.
link-closed-unknown = We cannot find this link. Perhaps a character is missing if it was copied from an e-mail or text message.
link-closed-no-text = The questionnaire cannot be opened yet. It is not your fault.
link-closed-what-now = If you would still like to answer, please contact your peer worker or coordinator. They can send you a new link or answer it with you the next time you meet.
link-closed-nothing-lost = You do not need to do anything else. You can simply close this page.

file-questionnaire-response = questionnaire-response

measure-no-text-reason = Cannot be sent as a link: the organisation has not loaded the questions' text. Load the text on the questionnaire's page, or answer together with the participant.
measure-load-text = Load the text
measure-link-refused = No link can be made
