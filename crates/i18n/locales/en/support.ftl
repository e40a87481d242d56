# Error messages of the participants' journey foundation (domain/src/support.rs), shared by all parts of issue 4.

err-availability = Write times as "mon 9-12, wed 13-16": a weekday and whole hours from–to.
err-capacity = Give a whole number from 0 to 50.
err-duration = Give a duration in minutes from 1 to 720.
err-location-pair = Give both latitude and longitude, or neither.
err-number = Give a number within the allowed range.
err-progress = Give a number from 0 to 10.
err-time = Give a time as HH:MM, e.g. 09:30.
err-topics-need-consent = Areas of lived experience are stored only with the peer worker's consent.
