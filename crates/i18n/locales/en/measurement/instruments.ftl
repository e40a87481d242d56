# The instrument catalogue's pages: each shipped instrument's licence and what its definition
# leaves out, in words. The definitions keep the English original (it is the FHIR Questionnaire's
# copyright); these are what the pages show. One `instrument-omitted-<id>-<n>` per entry of the
# definition's `omitted`, in the same order.

instrument-item-id = Item id
instrument-chime = CHIME process
instrument-citation-sammen-chime-checkin-1 = Written for Sammen: one item for each CHIME process. Not a validated instrument; do not use it as an outcome measure in evaluations or compare it with validated scales.

instrument-licence-barc-10 = Published by Vilsaint et al. 2017. PhenX lists it as freely available without permission; other distributors state a Creative Commons Attribution-NonCommercial-NoDerivatives licence. Item text is not shipped; the organisation loads the wording it uses.
instrument-omitted-barc-10-1 = Normative standard deviation: not verified, so the reliable change index is not computed.
instrument-omitted-barc-10-2 = Clinical cut-off: 47 predicts sustained remission; it is not a clinical/non-clinical boundary, so it is a band, not a cut-off for clinically significant change.
instrument-omitted-barc-10-3 = CHIME process per item: not mapped (the instrument measures recovery capital in substance use, not CHIME).
instrument-omitted-barc-10-4 = Missing-item rule: no published rule was verified; all ten items are required.

instrument-licence-brief-inspire-o = Developed by Mike Slade's group (King's College London, now University of Nottingham); downloadable from researchintorecovery.com. Item text is not shipped; the organisation loads the Danish wording it uses (a Danish version is used by the Mental Health Services of the Capital Region).
instrument-omitted-brief-inspire-o-1 = Normative standard deviation: the Danish general-population mean is 71.1 (Moeller et al. 2024), but its SD was not verified, so the reliable change index is not computed.
instrument-omitted-brief-inspire-o-2 = CHIME process per item: each item measures one CHIME process, but the order of the items on the form was not verified, so items are not mapped.
instrument-omitted-brief-inspire-o-3 = Cut-off boundary: whether a score of exactly 50 counts as recovered was not verified; Sammen counts 50 as at or above the cut-off.
instrument-omitted-brief-inspire-o-4 = Missing-item rule: no published rule was verified; all five items are required.

instrument-licence-ors = © Scott D. Miller and the International Center for Clinical Excellence. A licence is free for individual practitioners; group practices and organisations need a group licence from the developer. Item text is not shipped.
instrument-omitted-ors-1 = Reliability and normative standard deviation: the coefficients of Miller et al. 2003 were not verified, so the reliable change index is not computed.
instrument-omitted-ors-2 = Reliable change of 5 points: widely cited from the developers, not verified against the primary source.
instrument-omitted-ors-3 = Cut-offs for adolescents (28) and children (CORS, 32): not applicable to the adult ORS.
instrument-omitted-ors-4 = Missing-item rule: none published; all four scales are required.

instrument-licence-qpr-15 = Developed by Neil, Morrison and colleagues with service users. PhenX lists it as freely available without permission. Sammen still ships only the structure, as for every third-party instrument; the organisation loads the Danish wording it uses.
instrument-omitted-qpr-15-1 = Normative standard deviation: none was verified, so the reliable change index is not computed.
instrument-omitted-qpr-15-2 = Cut-off: none published.
instrument-omitted-qpr-15-3 = CHIME process per item: the QPR covers the CHIME processes, but no published item-by-item mapping was verified.
instrument-omitted-qpr-15-4 = Missing-item rule: no published prorating rule was verified; all fifteen items are required.

instrument-licence-sammen-chime-checkin = Item text written for Sammen and distributed with it under the same licence (AGPL-3.0-or-later). Not validated.
instrument-omitted-sammen-chime-checkin-1 = Reliability, norms, cut-offs and meaningful change: none exist, because the check-in is not validated.

instrument-licence-swemwbs = © NHS Health Scotland, University of Warwick and University of Edinburgh. Free to use, but users must register with the University of Warwick, which also handles translations. Item text is not shipped; the organisation loads the wording it is licensed to use.
instrument-omitted-swemwbs-1 = Normative standard deviation: Ng Fat et al. 2017 give English population means (23.7 men, 23.2 women), but the SD was not verified, so the reliable change index is not computed.
instrument-omitted-swemwbs-2 = Cut-offs and bands: the developers recommend two ways of categorising scores; their values were not verified.
instrument-omitted-swemwbs-3 = Meaningful change: not verified.
instrument-omitted-swemwbs-4 = Missing-item rule: the developers' rule was not verified; all seven items are required.

instrument-licence-who-5 = Developed at the Psychiatric Research Unit, Mental Health Centre North Zealand, Region Hovedstaden. Reported as free to use without permission (PsykTestBarn 2019, citing CORC). Sammen still ships only the structure, as for every third-party instrument: the organisation loads the official Danish wording as a FHIR Questionnaire.
instrument-omitted-who-5-1 = Reliability and normative standard deviation: no single published coefficient and normative SD were verified for the populations Sammen serves, so the reliable change index is not computed.
instrument-omitted-who-5-2 = Missing-item rule: no published prorating rule was found; all five items are required.
