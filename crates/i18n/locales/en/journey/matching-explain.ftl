# The matching proposal's explanations, alternatives and the confirmation of the offers sent.

matching-taken-by = { $peer } (goes to { $names })
matching-alternatives = Possible peer workers and their scores
matching-proposed = Proposed
matching-participant = Participant
matching-sent-title = Offers sent
matching-sent-intro = These offers are stored and sent to the peer workers exactly as shown. Each peer worker answers yes or no.
matching-offer-state = Status
