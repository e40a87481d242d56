//! The start page's work queues, rendered: each item a link to the page where it is done.
//! Empty queues are left out; when nothing at all waits, one kind sentence says so.

use sammen_app::directory::front::{self as front, Front, Item, Queue, QueueKind, Target, When};
use sammen_domain::time::{Timestamp, Zone, format_date};

use crate::i18n::Tr;
use crate::session::Authed;
use crate::ui::OrPage;

/// One queue as the template shows it.
pub struct QueueView {
    pub key: &'static str,
    pub title: String,
    pub items: Vec<ItemView>,
    pub total: usize,
    /// "and 3 more", when the queue holds more than it shows.
    pub more: String,
    /// Where the whole queue is worked (the referral inbox, the outbox, the caseload page).
    pub all_href: &'static str,
}

pub struct ItemView {
    pub href: String,
    pub title: String,
    pub detail: String,
    pub when: String,
    /// The item is overdue: shown with a word, not only a colour.
    pub overdue: bool,
}

/// The start page's queues for the signed-in user, and how many things they hold.
pub struct Queues {
    pub queues: Vec<QueueView>,
    /// Whether the user has queues at all (a referrer or an evaluator has none).
    pub any: bool,
}

pub async fn queues(a: &Authed) -> Result<Queues, axum::response::Response> {
    let f: Front = front::front(&a.web.state.app, &a.ctx()).await.or_page(a)?;
    let tr = &a.web.tr;
    let zone = &a.s.zone;
    let now = a.web.state.app.now();
    let to_do = f.to_do();
    a.web.state.queue_counts.put(a.s.user, a.s.org, to_do, now);
    let any = !f.queues.is_empty();
    let queues = f.queues.iter().filter(|q| !q.items.is_empty()).map(|q| queue_view(tr, zone, now, q)).collect();
    Ok(Queues { queues, any })
}

fn all_href(kind: QueueKind) -> &'static str {
    match kind {
        QueueKind::Referrals => "/referrals",
        QueueKind::FailedMessages => "/outbox",
        QueueKind::Caseload | QueueKind::MyOffers | QueueKind::MyToLog => "/my",
        QueueKind::SuperviseesDue | QueueKind::SessionsToRecord | QueueKind::SupervisionOverdue => "/supervision",
        QueueKind::Applications => "/postings",
        QueueKind::AgreementsExpiring => "/partnerships",
        _ => "",
    }
}

fn queue_view(tr: &Tr, zone: &Zone, now: Timestamp, q: &Queue) -> QueueView {
    let key = q.kind.key();
    let more = q.total.saturating_sub(q.items.len());
    let title = tr.t(&format!("queue-{key}"));
    QueueView {
        key,
        items: q.items.iter().map(|i| item_view(tr, zone, now, i, &title)).collect(),
        total: q.total,
        more: if more > 0 { tr.n("queue-more", "n", more as i64) } else { String::new() },
        all_href: all_href(q.kind),
        title,
    }
}

/// The address of the page where the item's work is done.
pub fn href(t: &Target) -> String {
    match t {
        Target::Referral(id) => format!("/referrals/{id}"),
        Target::WaitingList(id) => format!("/programmes/{id}/waiting-list"),
        Target::Participant(id) => format!("/participants/{id}"),
        Target::Consents(id) => format!("/participants/{id}/consents"),
        Target::Course(id) | Target::CourseLog(id) => format!("/courses/{id}"),
        Target::GroupMeeting(id) => format!("/group-meetings/{id}"),
        Target::Measurements(id) => format!("/participants/{id}/measurements"),
        Target::Partnership(id) => format!("/partnerships/{id}"),
        Target::FollowUp(id) => format!("/programmes/{id}/follow-up"),
        Target::PeerSupervision(id) => format!("/peer-workers/{id}/supervision"),
        Target::Supervision => "/supervision".into(),
        Target::SupervisionSession(id) => format!("/supervision/sessions/{id}"),
        Target::PeerTraining(id) => format!("/peer-workers/{id}/training"),
        Target::Posting(id) => format!("/postings/{id}"),
        Target::Outbox => "/outbox".into(),
        Target::Caseload => "/my".into(),
    }
}

fn days_since(t: Timestamp, now: Timestamp) -> i64 {
    ((now.micros() - t.micros()) / (86_400 * Timestamp::MICROS_PER_SECOND)).max(0)
}

/// An item's link text is its title, or its code's text, or (never empty) the queue's title.
fn item_view(tr: &Tr, zone: &Zone, now: Timestamp, i: &Item, fallback: &str) -> ItemView {
    let code = i.code.map(|(prefix, code)| tr.code(prefix, code));
    let mut detail: Vec<String> = Vec::new();
    if !i.title.is_empty() {
        detail.extend(code.clone());
    }
    detail.extend(i.note.clone().filter(|n| !n.is_empty()));
    if let Some(n) = i.count {
        detail.push(tr.n("queue-count", "n", n));
    }
    let title = if !i.title.is_empty() { i.title.clone() } else { code.filter(|c| !c.is_empty()).unwrap_or_else(|| fallback.to_owned()) };
    let (when, overdue) = match i.when {
        Some(When::Since(t)) => (tr.n("queue-waiting-days", "days", days_since(t, now)), false),
        Some(When::At(t)) => (t.short_in(zone), false),
        Some(When::On(d)) => (tr.s("queue-on", "date", &format_date(d)), false),
        Some(When::Overdue(d)) => (tr.s("queue-overdue-since", "date", &format_date(d)), true),
        None => (String::new(), false),
    };
    ItemView { href: href(&i.target), title, detail: detail.join(" · "), when, overdue }
}
