### Datoer holdt op mod det, de beskriver: møder og sessioner, der er begyndt, kurser, der er
### slut, forløbets periode og fornuftige perioder for samtykker og aftaler.

## Validering (formularfelter og API)

err-date-too-early = Datoen ligger mere end 10 år tilbage. Tjek årstallet.
err-date-too-late = Datoen ligger mere end 10 år ude i fremtiden. Tjek årstallet.
err-meeting-not-begun = Mødet er ikke begyndt endnu. Fremmøde kan først registreres, når mødet er gået i gang.
err-supervision-not-begun = Supervisionen er ikke begyndt endnu. Den kan først markeres som afholdt, og fremmøde registreres, når den er gået i gang.
err-cohort-not-over = Holdets sidste mødegang er ikke slut endnu. Kurset kan først registreres som gennemført, og beviset udstedes, efter sidste mødegang.
err-attendance-rule = Fremmødet er for lavt til at gennemføre kurset: deltageren skal have været med ved mindst den andel af holdets mødegange, som kurset kræver (se kravet til fremmøde på kurset).
err-session-before-course = Datoen ligger før forløbet blev aftalt. En session skal ligge inden for forløbets periode.
err-session-after-course = Datoen ligger efter forløbets afslutning. En session skal ligge inden for forløbets periode.

## Vejledning ved formularerne

hint-training-attendance-begun = Fremmøde kan registreres for de mødegange, der er gået i gang.
hint-training-completion-rule = Kurset kan registreres som gennemført efter holdets sidste mødegang, når peer-medarbejderen har været til stede ved mindst 75 % af mødegangene. Ikke gennemført kan registreres når som helst.
