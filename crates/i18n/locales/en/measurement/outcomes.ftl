# Life outcomes and the CHIME profile in the report and on the programme page.

outcomes-life = Changes in people's lives
outcomes-life-how = How many of the people followed started or completed education, got a job or volunteer work, made new or renewed relationships, or tried a new activity. Counted from the start of each person's course up to and including { $until }. A person counts once per kind, however often it was recorded.
outcomes-life-table = Changes in people's lives per site (people and share of those followed)
outcomes-followed = Followed
outcomes-any = At least one change
outcomes-life-note = x: hidden because the count is below { $min } or would give away a hidden count. Only what was recorded in Sammen counts; a change nobody told us about is not included.
outcomes-life-chart = Share of those followed with each change
outcomes-life-chart-desc = Bar chart: for each kind of change, the share of the { $n } people followed who had it. The numbers are also in the table above.
outcomes-chime = CHIME profile
outcomes-chime-not-validated = The CHIME check-in is not validated. The profile is a conversation tool and a picture of the programme, not an outcome measure.
outcomes-chime-how = Mean per CHIME process (0–100; higher is better) at the start and at { $wave } for the same people. { $baseline } answered at the start and { $followup } at the follow-up. Means are shown only for groups of at least { $stats }.
outcomes-chime-table = CHIME profile at the start and at follow-up
outcomes-chime-domain = CHIME process
outcomes-chime-note = n: people who answered for the process both at the start and at follow-up. –: fewer than { $stats }, so no mean is shown. x: a small count, hidden.
outcomes-chime-chart = CHIME profile at the start and at follow-up
outcomes-chime-chart-desc = Line chart: mean per CHIME process at the start and at { $wave }. The numbers are also in the table above.
outcomes-chime-score = Mean (0–100)
outcomes-latest-follow-up = the latest follow-up
outcomes-programme = The programme's outcomes
outcomes-programme-intro = The figures cover everyone who started in the programme and each person's latest follow-up. Small counts are hidden. Choose a period and an instrument in
outcomes-programme-report = the evaluation report
