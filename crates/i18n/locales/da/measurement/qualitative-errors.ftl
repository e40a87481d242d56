# Interview studies: validation messages of the use cases (the form messages are in qualitative.ftl).

err-scope-fixed = En undersøgelse kan ikke flyttes til et andet program, en anden organisation eller et andet partnerskab.
err-coder-not-member = En koder skal være medarbejder i organisationen bag undersøgelsen eller i en part, der er med.
err-party-no-agreement = Jeres interview kan kun komme med, når partnerskabets aftale er i kraft og tillader pseudonymiserede resultater.
err-interview-withdrawn = Samtykket til interviewet er trukket tilbage, og transskriptionen er slettet.
err-withdrawn-before-consent = Samtykket kan ikke være trukket tilbage, før det blev givet.
err-coding-compared = Alle kodere er færdige og har set hinandens kodning. Ret uenigheder i konsensuskodningen.
err-code-merged = Koden er slået sammen med en anden kode og kan ikke tages i brug igen.
