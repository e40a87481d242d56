# A participant's answering link that no longer opens, and files of answers.

link-closed-title = Linket virker ikke længere
link-closed-used-title = Tak, du har allerede svaret
link-closed-used = Du har allerede besvaret dette spørgeskema, og dine svar er sendt. Du skal ikke gøre mere.
link-closed-expired = Linket er udløbet, eller der er lavet et nyt link i stedet for dette. Det er ikke din skyld.
link-closed-unknown = Vi kan ikke finde dette link. Måske mangler der et tegn, hvis det er kopieret fra en e-mail eller sms.
link-closed-no-text = Spørgeskemaet kan ikke åbnes endnu. Det er ikke din skyld.
link-closed-what-now = Hvis du stadig gerne vil svare, så kontakt din peer-medarbejder eller koordinator. De kan sende dig et nyt link eller svare sammen med dig næste gang, I ses.
link-closed-nothing-lost = Du behøver ikke gøre noget andet. Du kan bare lukke siden.

file-questionnaire-response = besvarelse

measure-no-text-reason = Kan ikke sendes som link: organisationen har ikke indlæst spørgsmålenes tekst. Indlæs teksten på spørgeskemaets side, eller besvar sammen med deltageren.
measure-load-text = Indlæs tekst
measure-link-refused = Der kan ikke laves et link
